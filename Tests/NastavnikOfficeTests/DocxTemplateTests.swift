import XCTest
@testable import NastavnikOffice

final class DocxTemplateTests: XCTestCase {
    private typealias Support = DocxTestSupport

    /// Renders `body` (and an optional header) and returns the rendered parts.
    private func render(
        body: String, header: String? = nil, values: DocxValues = DocxTestSupport.values
    ) throws -> [String: String] {
        let rendered = try DocxTemplate(data: Support.template(body: body, header: header)).render(values)
        try Support.assertWellFormed(rendered)
        XCTAssertEqual(try DocxTemplate(data: rendered).placeholders, [], "no placeholder survives rendering")
        return try Support.parts(of: rendered)
    }

    /// A header row and a row of the list «пары», as Word splits it.
    private let pairsTable = """
        <w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>\
        <w:tr><w:tc><w:p><w:r><w:t>№</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Наставник</w:t></w:r></w:p></w:tc>\
        <w:tc><w:p><w:r><w:t>Наставляемый</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Форма</w:t></w:r></w:p></w:tc></w:tr>\
        <w:tr w14:paraId="0A1B2C3D" w14:textId="77777777"><w:tc><w:p><w:r><w:t>{{пары.№}}</w:t></w:r></w:p></w:tc>\
        <w:tc><w:p w14:paraId="1A1B2C3D"><w:bookmarkStart w:id="7" w:name="pair"/><w:r><w:t>{{пары.</w:t></w:r>\
        <w:proofErr w:type="spellStart"/><w:r><w:t>наставник}}</w:t></w:r><w:proofErr w:type="spellEnd"/>\
        <w:bookmarkEnd w:id="7"/></w:p></w:tc>\
        <w:tc><w:p><w:r><w:t>{{ пары.наставляемый }}</w:t></w:r></w:p></w:tc>\
        <w:tc><w:p><w:r><w:t xml:space="preserve">{{пары.форма}}, {{пары.период}} ({{организация.название}})</w:t></w:r></w:p></w:tc></w:tr>\
        </w:tbl><w:p/>
        """

    func testPlaceholderSplitAcrossThreeRunsAndProofErrKeepsFirstRunFormatting() throws {
        let body = Support.paragraph(
            "<w:r><w:t xml:space=\"preserve\">Директору </w:t></w:r>",
            "<w:r w:rsidR=\"00B2\"><w:rPr><w:b/></w:rPr><w:t>{{органи</w:t></w:r>",
            "<w:proofErr w:type=\"spellStart\"/>",
            "<w:r><w:t>зация.назв</w:t></w:r>",
            "<w:proofErr w:type=\"spellEnd\"/>",
            "<w:bookmarkStart w:id=\"0\" w:name=\"_GoBack\"/><w:bookmarkEnd w:id=\"0\"/>",
            "<w:r><w:rPr><w:i/></w:rPr><w:t>ание}} (копия)</w:t></w:r>"
        )
        let template = try DocxTemplate(data: Support.template(body: body))
        XCTAssertEqual(template.placeholders, ["организация.название"])
        XCTAssertEqual(template.validate(known: ["организация.название"], lists: [:]), [])

        let document = try render(body: body)["word/document.xml"]!
        XCTAssertTrue(document.contains("<w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">МБОУ «СОШ № 1»</w:t>"), document)
        XCTAssertTrue(document.contains("<w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\"> (копия)</w:t>"))
        XCTAssertEqual(try Support.paragraphTexts(document), ["Директору МБОУ «СОШ № 1» (копия)"])
    }

    func testPairsRowRepeatsPerItemInOrderWithEscaping() throws {
        let template = try DocxTemplate(data: Support.template(body: pairsTable))
        XCTAssertEqual(template.placeholders, ["пары.№", "пары.наставник", "пары.наставляемый", "пары.форма", "пары.период", "организация.название"])

        let document = try render(body: pairsTable)["word/document.xml"]!
        XCTAssertEqual(document.components(separatedBy: "<w:tr").count - 1, 4, "header + 3 items")
        XCTAssertEqual(try Support.paragraphTexts(document).filter { !$0.isEmpty }, [
            "№", "Наставник", "Наставляемый", "Форма",
            "1", "Иванова М. П.", "Смирнов А. В.", "учитель – учитель, 2026/2027 (МБОУ «СОШ № 1»)",
            "2", "Петров О. И. <Р&Д>", "Кузнецова Е. А.", "учитель – учитель, I полугодие (МБОУ «СОШ № 1»)",
            "3", "Соколова А. С.", "Орлов Д. М.", "ученик – ученик, II четверть (МБОУ «СОШ № 1»)",
        ])
        XCTAssertTrue(document.contains("Петров О. И. &lt;Р&amp;Д&gt;"))
        XCTAssertFalse(document.contains("w14:paraId"), "copies must not share Word paragraph ids")
        XCTAssertEqual(document.components(separatedBy: "<w:bookmarkStart").count - 1, 1, "bookmarks stay unique")
    }

    func testEmptyListRemovesTheRow() throws {
        var values = Support.values
        values.lists["пары"] = []
        let document = try render(body: pairsTable, values: values)["word/document.xml"]!
        XCTAssertEqual(document.components(separatedBy: "<w:tr").count - 1, 1)
        XCTAssertEqual(try Support.paragraphTexts(document).filter { !$0.isEmpty }, ["№", "Наставник", "Наставляемый", "Форма"])
    }

    func testListParagraphRepeatsPerItem() throws {
        let body = Support.paragraph("Пары:")
            + Support.paragraph("{{пары.№}}. {{пары.наставник}} — {{пары.", "наставляемый}}")
            + Support.paragraph("{{ученики.фио}}")
        var values = Support.values
        values.lists["ученики"] = []
        let document = try render(body: body, values: values)["word/document.xml"]!
        XCTAssertEqual(try Support.paragraphTexts(document), [
            "Пары:", "1. Иванова М. П. — Смирнов А. В.", "2. Петров О. И. <Р&Д> — Кузнецова Е. А.",
            "3. Соколова А. С. — Орлов Д. М.",
        ])
    }

    func testTableWithOnlyAnEmptyListRowIsRemoved() throws {
        let body = Support.paragraph("До")
            + "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>"
            + Support.paragraph("{{ученики.фио}}") + "</w:tc></w:tr></w:tbl>" + Support.paragraph("После")
        var values = Support.values
        values.lists["ученики"] = []
        let document = try render(body: body, values: values)["word/document.xml"]!
        XCTAssertFalse(document.contains("<w:tbl>"))
        XCTAssertEqual(try Support.paragraphTexts(document), ["До", "После"])
    }

    func testScalarsInHeaderLineBreaksAndMissingValues() throws {
        let header = Support.paragraph("<w:r><w:rPr><w:sz w:val=\"20\"/></w:rPr><w:t>{{организация.название}}</w:t></w:r>")
        let body = Support.paragraph("Адрес: {{адрес}}; ИНН: {{организация.инн}}")
        let parts = try render(body: body, header: header)
        XCTAssertTrue(parts["word/header1.xml"]!.contains("<w:sz w:val=\"20\"/></w:rPr><w:t xml:space=\"preserve\">МБОУ «СОШ № 1»</w:t>"))
        XCTAssertTrue(parts["word/document.xml"]!.contains(
            "<w:t xml:space=\"preserve\">Адрес: г. Самара,</w:t><w:br/><w:t xml:space=\"preserve\">ул. Ленина, д. 1; ИНН: </w:t>"
        ))
    }

    func testPlaceholdersAreDistinctInOrderBodyFirst() throws {
        let body = Support.paragraph("{{приказ.номер}} от {{ приказ.дата }}, {{приказ.номер}}")
        let header = Support.paragraph("{{организация.название}}")
        let template = try DocxTemplate(data: Support.template(body: body, header: header))
        XCTAssertEqual(template.placeholders, ["приказ.номер", "приказ.дата", "организация.название"])
    }

    func testUnknownPlaceholdersAreReportedWithAllowedNames() throws {
        let body = Support.paragraph("{{организация.назавние}} {{дата}}") + Support.paragraph("{{пары.наставник}} {{пары.стаж}} {{пары.№}}")
        let template = try DocxTemplate(data: Support.template(body: body))
        let messages = template.validate(known: ["организация.название", "дата"], lists: ["пары": ["наставник", "наставляемый"]])
        XCTAssertEqual(messages.count, 2, "\(messages)")
        XCTAssertTrue(messages[0].hasPrefix("Неизвестное поле {{организация.назавние}} в шаблоне."), messages[0])
        XCTAssertTrue(messages[0].contains("Возможно, имелось в виду {{организация.название}}."))
        XCTAssertTrue(messages[0].contains(
            "Допустимые поля: {{дата}}, {{организация.название}}, {{пары.наставляемый}}, {{пары.наставник}}, {{пары.№}}."
        ), messages[0])
        XCTAssertTrue(messages[1].hasPrefix("Неизвестное поле {{пары.стаж}} в шаблоне."), messages[1])
    }

    func testMalformedBracesAreReported() throws {
        let body = Support.paragraph("Дата: {{приказ.", "дата")
            + Support.paragraph("Номер: приказ.номер}}")
            + Support.paragraph("ФИО: {{ф и о}}")
        let template = try DocxTemplate(data: Support.template(body: body, header: Support.paragraph("{{организация")))
        XCTAssertEqual(template.placeholders, [])
        let messages = template.validate(known: ["приказ.дата", "приказ.номер", "организация.название"], lists: [:])
        XCTAssertEqual(messages, [
            "Поле «{{приказ.дата» в тексте документа не закрыто: имя поля должно заканчиваться двумя фигурными скобками «}}».",
            "Лишние закрывающие скобки «}}» в тексте документа: «Номер: приказ.номер}}». Имя поля должно начинаться с «{{».",
            "Поле «{{ф и о}}» в тексте документа записано неверно: имя может содержать только буквы, цифры, точки "
                + "и знак подчёркивания, например {{организация.название}}.",
            "Поле «{{организация» в верхнем колонтитуле не закрыто: имя поля должно заканчиваться двумя фигурными скобками «}}».",
        ])
        // Malformed placeholders are left as typed.
        let rendered = try DocxTestSupport.parts(of: template.render(Support.values))["word/document.xml"]!
        XCTAssertTrue(try Support.paragraphTexts(rendered).contains("ФИО: {{ф и о}}"))
    }

    func testNonDocxInputThrowsRussianErrors() throws {
        XCTAssertThrowsError(try DocxTemplate(data: Data("это не документ".utf8))) { error in
            XCTAssertEqual(error as? OOXMLError, .notAPackage)
            XCTAssertTrue((error as? OOXMLError)?.message.contains("ZIP") == true)
        }
        let zip = try OOXMLPackage(parts: ["xl/workbook.xml": Data("<workbook/>".utf8)]).data()
        XCTAssertThrowsError(try DocxTemplate(data: zip)) { error in
            XCTAssertEqual(error as? OOXMLError, .missingPart("word/document.xml"))
            XCTAssertTrue((error as? OOXMLError)?.message.hasPrefix("В файле нет обязательной части") == true)
        }
        let broken = try OOXMLPackage(parts: ["word/document.xml": Data("<w:document><w:body".utf8)]).data()
        XCTAssertThrowsError(try DocxTemplate(data: broken)) { error in
            XCTAssertEqual(error as? OOXMLError, .malformed("в части «word/document.xml» не закрыт тег XML"))
        }
    }

    func testGeneratedDocumentIsAValidTemplateSource() throws {
        // The writer's own output, with placeholders typed as values, renders like a user template.
        let document = DocxDocument(blocks: [
            .heading("ПРИКАЗ"),
            .numberDateLine(date: "{{приказ.дата}}", number: "{{приказ.номер}}"),
            .table(DocxTable(header: ["№", "Наставник"], rows: [["{{пары.№}}", "{{пары.наставник}}"]])),
            .signature(position: "Директор", name: "{{директор.фио}}"),
        ])
        let template = try DocxTemplate(data: document.data())
        XCTAssertEqual(template.validate(known: ["приказ.дата", "приказ.номер", "директор.фио"], lists: ["пары": ["наставник"]]), [])
        let rendered = try template.render(Support.values)
        try Support.assertWellFormed(rendered)
        let texts = try Support.paragraphTexts(Support.parts(of: rendered)["word/document.xml"]!)
        XCTAssertEqual(texts.filter { !$0.isEmpty }, [
            "ПРИКАЗ", "25.11.2026№ 45-о", "№", "Наставник", "1", "Иванова М. П.", "2", "Петров О. И. <Р&Д>",
            "3", "Соколова А. С.", "Директор______________И. О. Фамилия",
        ])
    }
}
