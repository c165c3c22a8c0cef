import Foundation
@testable import NastavnikOffice
import XCTest

final class XLSXWriterTests: XCTestCase {
    private let sheet = XLSXSheet(
        name: "Ученики",
        headers: ["ФИО", "Дата", "Балл", "Формула", "Пусто", "Спец"],
        rows: [
            [.text("Иванов Иван"), .date(year: 2024, month: 2, day: 29), .number(4.5), "=1+2", .empty, "<b>&amp;\"'</b>"],
            ["Ёлкина\nМария", .date(year: 1900, month: 1, day: 1), 12_345_678_901, "+7 900", "-5", "@home"],
            ["a\u{1}b\u{FFFF}c", .date(year: 1850, month: 6, day: 1), .number(0.1 + 0.2), "  пробел ", .number(.nan), "_x0041_"],
            [],
            [.empty, .date(year: 2023, month: 2, day: 29), .number(-0.5), .number(1e20), .integer(-42)],
        ]
    )

    func testRoundTrip() throws {
        let data = try XLSXWriter.data([sheet])
        XCTAssertEqual(try XLSXReader.read(data), [
            ["ФИО", "Дата", "Балл", "Формула", "Пусто", "Спец"],
            ["Иванов Иван", "29.02.2024", "4.5", "=1+2", "", "<b>&amp;\"'</b>"],
            ["Ёлкина\nМария", "01.01.1900", "12345678901", "+7 900", "-5", "@home"],
            ["abc", "01.06.1850", "0.3", "  пробел ", "", "_x0041_"],
            [],
            ["", "29.02.2023", "-0.5", "1e+20", "-42"],
        ])
        XCTAssertEqual(try TextTable.rows(data, filename: "выгрузка.xlsx").first, sheet.headers)
    }

    func testPackageStructure() throws {
        var custom = sheet
        custom.columnWidths = [30, 12.5]
        let package = try OOXMLPackage(data: XLSXWriter.data([custom]))
        for part in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                     "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "docProps/app.xml", "docProps/core.xml"] {
            XCTAssertNotNil(package[part], part)
        }
        let xml = String(decoding: package["xl/worksheets/sheet1.xml"]!, as: UTF8.self)
        XCTAssertTrue(xml.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        XCTAssertTrue(xml.contains(#"<autoFilter ref="A1:F6"/>"#))
        XCTAssertTrue(xml.contains(#"<dimension ref="A1:F6"/>"#))
        XCTAssertTrue(xml.contains(#"<col min="1" max="1" width="30" customWidth="1"/><col min="2" max="2" width="12.5" customWidth="1"/>"#))
        XCTAssertFalse(xml.contains("<f>"), "text must never become a formula")
        XCTAssertTrue(xml.contains(#"<c r="B2" s="2"><v>45351</v></c>"#), "dates are serial numbers with the date style")
        XCTAssertTrue(xml.contains(#"<c r="D2" s="3" t="s">"#), "formula-like text gets the quote-prefix style")
        let styles = String(decoding: package["xl/styles.xml"]!, as: UTF8.self)
        XCTAssertTrue(styles.contains(#"<numFmt numFmtId="164" formatCode="dd\.mm\.yyyy"/>"#))
        let workbook = String(decoding: package["xl/workbook.xml"]!, as: UTF8.self)
        XCTAssertTrue(workbook.contains(#"<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">&apos;Ученики&apos;!$A$1:$F$6</definedName>"#), workbook)
    }

    func testAutomaticColumnWidths() throws {
        let long = String(repeating: "ж", count: 200)
        let package = try OOXMLPackage(data: XLSXWriter.data([XLSXSheet(name: "Ш", headers: ["№", "Название"], rows: [[1, .text(long)]])]))
        let xml = String(decoding: package["xl/worksheets/sheet1.xml"]!, as: UTF8.self)
        XCTAssertTrue(xml.contains(#"<col min="1" max="1" width="8" customWidth="1"/>"#), xml)
        XCTAssertTrue(xml.contains(#"<col min="2" max="2" width="60" customWidth="1"/>"#), xml)
    }

    func testSheetNamesAreSanitisedAndUnique() throws {
        let names = ["Итоги [2024]: a/b\\c*d?", String(repeating: "Щ", count: 40), String(repeating: "щ", count: 40), "", "'Цитата'", "History"]
        let data = try XLSXWriter.data(names.map { XLSXSheet(name: $0, rows: [["x"]]) })
        XCTAssertEqual(try XLSXReader.sheetNames(data), [
            "Итоги _2024__ a_b_c_d_",
            String(repeating: "Щ", count: 31),
            String(repeating: "щ", count: 27) + " (2)",
            "Лист4",
            "Цитата",
            "History_",
        ])
        XCTAssertEqual(try XLSXReader.read(data, sheet: "Лист4"), [["x"]])
    }

    func testEmptyWorkbookAndSheets() throws {
        let empty = try XLSXWriter.data([])
        XCTAssertEqual(try XLSXReader.sheetNames(empty), ["Лист1"])
        XCTAssertEqual(try XLSXReader.read(empty), [])
        let headersOnly = try XLSXWriter.data([XLSXSheet(name: "Шапка", headers: ["А", "Б"])])
        XCTAssertEqual(try XLSXReader.read(headersOnly), [["А", "Б"]])
    }

    func testSheetsBeyondExcelLimitsAreRefused() {
        let wide = XLSXSheet(name: "Широкий", rows: [Array(repeating: .integer(1), count: 16_385)])
        XCTAssertThrowsError(try XLSXWriter.data([wide])) { error in
            XCTAssertTrue((error as? TextTableError)?.message.contains("16 384 столбцов") == true)
        }
    }

    func testIdenticalInputGivesIdenticalBytes() throws {
        XCTAssertEqual(try XLSXWriter.data([sheet]), try XLSXWriter.data([sheet]))
    }

    func testCellConveniences() {
        let cells: [XLSXCell] = ["текст", 5, 2.5]
        XCTAssertEqual(cells, [.text("текст"), .integer(5), .number(2.5)])
        XCTAssertEqual(XLSXCell(nil as String?), .empty)
        let blank = ""
        XCTAssertEqual(XLSXCell(blank), .empty)
        let moscow = TimeZone(identifier: "Europe/Moscow")!
        XCTAssertEqual(XLSXCell(Date(timeIntervalSince1970: 1_710_450_000), timeZone: moscow), .date(year: 2024, month: 3, day: 15))
    }
}
