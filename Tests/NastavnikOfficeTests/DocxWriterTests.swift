import XCTest
@testable import NastavnikOffice

final class DocxWriterTests: XCTestCase {
    private func orderParts() throws -> [String: String] {
        try DocxTestSupport.parts(of: DocxTestSupport.order.data())
    }

    func testPackageHasAllPartsAndIsWellFormed() throws {
        let data = try DocxTestSupport.order.data()
        let parts = try DocxTestSupport.parts(of: data)
        XCTAssertEqual(Set(parts.keys), [
            "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/settings.xml",
            "word/_rels/document.xml.rels", "word/header1.xml", "word/header2.xml", "docProps/core.xml", "docProps/app.xml",
        ])
        try DocxTestSupport.assertWellFormed(data)
        for part in ["document", "styles", "settings", "header1", "header2"] {
            XCTAssertTrue(parts["[Content_Types].xml"]!.contains("PartName=\"/word/\(part).xml\""), part)
        }
        XCTAssertTrue(parts["docProps/core.xml"]!.contains("<dc:creator>Наставник</dc:creator>"))
        XCTAssertTrue(parts["docProps/core.xml"]!.contains("<dc:title>Приказ № 45-о об организации наставничества</dc:title>"))
        XCTAssertEqual(try DocxTestSupport.order.data(), data, "identical input gives identical bytes")
    }

    func testStylesSetTimesNewRoman14RussianSingleSpacing() throws {
        let styles = try orderParts()["word/styles.xml"]!
        let defaults = try XCTUnwrap(DocxTestSupport.element("w:docDefaults", in: styles))
        for attribute in ["ascii", "hAnsi", "cs", "eastAsia"] {
            XCTAssertTrue(defaults.contains("w:\(attribute)=\"Times New Roman\""), attribute)
        }
        XCTAssertTrue(defaults.contains("<w:sz w:val=\"28\"/>"))
        XCTAssertTrue(defaults.contains("<w:szCs w:val=\"28\"/>"))
        XCTAssertTrue(defaults.contains("<w:lang w:val=\"ru-RU\""))
        XCTAssertTrue(defaults.contains("<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"))
    }

    func testSectionIsA4WithGostMarginsAndPageNumbersFromPageTwo() throws {
        let parts = try orderParts()
        let document = parts["word/document.xml"]!
        XCTAssertTrue(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"))
        XCTAssertTrue(document.contains("<w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\""))
        XCTAssertTrue(document.contains("<w:titlePg/>"))
        XCTAssertTrue(parts["word/header1.xml"]!.contains(" PAGE "))
        XCTAssertFalse(parts["word/header2.xml"]!.contains("PAGE"))

        let plain = try DocxTestSupport.parts(of: DocxDocument(blocks: [.spacer], pageNumbers: false).data())
        XCTAssertNil(plain["word/header1.xml"])
        XCTAssertFalse(plain["word/document.xml"]!.contains("headerReference"))
        XCTAssertFalse(plain["word/_rels/document.xml.rels"]!.contains("header"))
    }

    func testTableHasBordersRepeatedHeaderAndWidths() throws {
        let document = try orderParts()["word/document.xml"]!
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            XCTAssertTrue(document.contains("<w:\(side) w:val=\"single\" w:sz=\"4\""), side)
        }
        XCTAssertEqual(document.components(separatedBy: "<w:tblHeader/>").count - 1, 1, "only the header row repeats")
        XCTAssertEqual(document.components(separatedBy: "<w:tr>").count - 1, 4)
        XCTAssertTrue(document.contains("<w:gridCol w:w=\"567\"/><w:gridCol w:w=\"2551\"/>"), "1 cm and 4.5 cm")
        XCTAssertTrue(document.contains("<w:sz w:val=\"24\"/>"), "12 pt inside the table")
        XCTAssertTrue(document.contains("Иванова Мария Петровна,</w:t><w:br/><w:t xml:space=\"preserve\">учитель математики"))
        XCTAssertTrue(document.contains("Орлов Д. М. &lt;8 «А»&gt;"))
    }

    func testParagraphKinds() throws {
        let document = try orderParts()["word/document.xml"]!
        // Body text: justified with a 1.25 cm red line.
        XCTAssertTrue(document.contains("<w:ind w:firstLine=\"709\"/><w:jc w:val=\"both\"/>"))
        // Heading: centered, bold, kept with the next paragraph.
        XCTAssertTrue(document.contains(
            "<w:p><w:pPr><w:keepNext/><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">ПРИКАЗ</w:t>"
        ))
        // Date left, number at the right margin (16.5 cm text width).
        XCTAssertTrue(document.contains("<w:tab w:val=\"right\" w:pos=\"9355\"/>"))
        XCTAssertTrue(document.contains("25.11.2026</w:t><w:tab/><w:t xml:space=\"preserve\">№ 45-о</w:t>"))
        XCTAssertTrue(document.contains("Директор</w:t><w:tab/><w:t xml:space=\"preserve\">______________</w:t><w:tab/><w:t xml:space=\"preserve\">И. О. Фамилия"))
        XCTAssertTrue(document.contains("<w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">Положение о системе наставничества"))
        // The body ends with the section properties.
        XCTAssertTrue(document.hasSuffix("</w:sectPr></w:body></w:document>"))
    }

    func testTextIsEscapedAndBreaksTabsAndSpacesPreserved() throws {
        var paragraph = DocxParagraph(runs: [DocxRun(" A < B & \"C\"\r\nD\tE ", underline: true, fontSize: 10.5)])
        paragraph.spacingAfterPt = 6
        paragraph.lineSpacing = 1.15
        paragraph.pageBreakBefore = true
        let document = DocxDocument(blocks: [.paragraph(paragraph), .numberDateLine(date: "01.09.2026", number: "№ 1"), .pageBreak])
        let xml = try DocxTestSupport.parts(of: document.data())["word/document.xml"]!
        XCTAssertTrue(xml.contains(
            "<w:rPr><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/><w:u w:val=\"single\"/></w:rPr>"
                + "<w:t xml:space=\"preserve\"> A &lt; B &amp; &quot;C&quot;</w:t><w:br/><w:t xml:space=\"preserve\">D</w:t>"
                + "<w:tab/><w:t xml:space=\"preserve\">E </w:t>"
        ))
        XCTAssertTrue(xml.contains("<w:pageBreakBefore/><w:spacing w:after=\"120\" w:line=\"276\" w:lineRule=\"auto\"/>"))
        XCTAssertTrue(xml.contains(">№ 1<"), "no doubled №")
        XCTAssertTrue(xml.contains("<w:br w:type=\"page\"/>"))
        try DocxTestSupport.assertWellFormed(document.data())
    }
}
