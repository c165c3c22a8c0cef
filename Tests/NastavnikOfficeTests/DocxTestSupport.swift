import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import NastavnikOffice

/// Helpers shared by the DOCX tests.
enum DocxTestSupport {
    /// A typical school order on mentoring: every kind of block.
    static let order = DocxDocument(
        blocks: [
            .paragraph(DocxParagraph(
                "Муниципальное бюджетное общеобразовательное учреждение\n«Средняя общеобразовательная школа № 1»",
                bold: true, alignment: .center, firstLineIndentCm: 0
            )),
            .spacer,
            .heading("ПРИКАЗ"),
            .spacer,
            .numberDateLine(date: "25.11.2026", number: "45-о"),
            .spacer,
            .paragraph(DocxParagraph(
                "Об организации наставничества\nв 2026/2027 учебном году", alignment: .left, firstLineIndentCm: 0
            )),
            .spacer,
            .paragraph(DocxParagraph(
                "В соответствии с распоряжением Министерства просвещения Российской Федерации от 25.12.2019 "
                    + "№ Р-145 «Об утверждении методологии (целевой модели) наставничества обучающихся», "
                    + "в целях повышения профессионального мастерства молодых педагогов"
            )),
            .paragraph(DocxParagraph("ПРИКАЗЫВАЮ:", firstLineIndentCm: 0)),
            .paragraph(DocxParagraph(runs: [
                DocxRun("1. Утвердить "), DocxRun("Положение о системе наставничества", italic: true),
                DocxRun(" (приложение 1)."),
            ])),
            .paragraph(DocxParagraph("2. Закрепить наставников за молодыми педагогами согласно таблице:", keepNext: true)),
            .table(DocxTable(
                header: ["№", "Наставник", "Наставляемый", "Форма наставничества", "Период"],
                rows: [
                    ["1", "Иванова Мария Петровна,\nучитель математики", "Смирнов А. В.", "учитель – учитель", "01.09.2026 – 31.05.2027"],
                    ["2", "Петров Олег Иванович,\nучитель физики", "Кузнецова Е. А.", "учитель – учитель", "01.09.2026 – 31.05.2027"],
                    ["3", "Соколова Анна Сергеевна", "Орлов Д. М. <8 «А»>", "ученик – ученик", "01.10.2026 – 31.12.2026"],
                ],
                columnWidthsCm: [1, 4.5, 4.5, 3.5, 3]
            )),
            .spacer,
            .paragraph(DocxParagraph("3. Контроль за исполнением настоящего приказа оставляю за собой.")),
            .spacer,
            .spacer,
            .signature(position: "Директор", name: "И. О. Фамилия"),
        ],
        title: "Приказ № 45-о об организации наставничества"
    )

    /// Values for the sample templates (tests and check_docx.py).
    static let values = DocxValues(
        scalars: [
            "организация.название": "МБОУ «СОШ № 1»",
            "приказ.дата": "25.11.2026",
            "приказ.номер": "45-о",
            "директор.фио": "И. О. Фамилия",
            "адрес": "г. Самара,\nул. Ленина, д. 1",
        ],
        lists: [
            "пары": [
                ["наставник": "Иванова М. П.", "наставляемый": "Смирнов А. В.", "форма": "учитель – учитель", "период": "2026/2027"],
                ["наставник": "Петров О. И. <Р&Д>", "наставляемый": "Кузнецова Е. А.", "форма": "учитель – учитель", "период": "I полугодие"],
                ["наставник": "Соколова А. С.", "наставляемый": "Орлов Д. М.", "форма": "ученик – ученик", "период": "II четверть"],
            ],
        ]
    )

    static func parts(of docx: Data) throws -> [String: String] {
        try OOXMLPackage(data: docx).parts.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    /// A DOCX whose body is `body` (WordprocessingML without the wrapper) and, optionally,
    /// whose first-page-number header holds `header` paragraphs instead.
    static func template(body: String, header: String? = nil) throws -> Data {
        var package = try OOXMLPackage(data: DocxDocument(blocks: []).data())
        let root = "\(DocxParts.namespaces) xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\""
        package["word/document.xml"] = Data(
            (DocxParts.xmlDeclaration + "<w:document \(root)><w:body>\(body)<w:sectPr/></w:body></w:document>").utf8
        )
        if let header {
            package["word/header1.xml"] = Data((DocxParts.xmlDeclaration + "<w:hdr \(root)>\(header)</w:hdr>").utf8)
        }
        return try package.data()
    }

    /// One paragraph whose runs hold `texts` as typed (no escaping, so markup can be mixed in).
    static func paragraph(_ runs: String...) -> String {
        "<w:p>" + runs.map { $0.hasPrefix("<") ? $0 : "<w:r><w:t>\($0)</w:t></w:r>" }.joined() + "</w:p>"
    }

    /// The text of each paragraph of a part (tabs and breaks ignored), in order.
    static func paragraphTexts(_ xml: String) throws -> [String] {
        let tokens = try DocxXMLTokenizer.tokenize(xml, part: "test")
        var texts: [String] = []
        for index in tokens.indices {
            if tokens[index].starts("w:p") { texts.append("") }
            if let text = tokens.wordText(at: index) { texts[texts.count - 1] += text }
        }
        return texts
    }

    /// The content of the first `<name>…</name>` in `xml`.
    static func element(_ name: String, in xml: String) -> String? {
        guard let start = xml.range(of: "<\(name)>"), let end = xml.range(of: "</\(name)>", range: start.upperBound..<xml.endIndex) else {
            return nil
        }
        return String(xml[start.upperBound..<end.lowerBound])
    }

    static func assertWellFormed(_ docx: Data, file: StaticString = #filePath, line: UInt = #line) throws {
        for (name, bytes) in try OOXMLPackage(data: docx).parts {
            let parser = XMLParser(data: bytes)
            XCTAssertTrue(parser.parse(), "\(name): \(String(describing: parser.parserError))", file: file, line: line)
        }
    }
}
