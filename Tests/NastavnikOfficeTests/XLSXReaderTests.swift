import Foundation
@testable import NastavnikOffice
import XCTest

final class XLSXReaderTests: XCTestCase {
    private let sharedStrings = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">
    <si><t>Фамилия</t></si>
    <si><r><rPr><b/><sz val="11"/></rPr><t>Дата </t></r><r><t xml:space="preserve">рождения</t></r></si>
    <si><t xml:space="preserve">  пробелы  </t></si>
    <si><t>A &amp; B &lt;c&gt; &#1046;</t><rPh sb="0" eb="1"><t>フリ</t></rPh><phoneticPr fontId="1"/></si>
    <si><t>строка_x000D_перевод _x005F_x0041_</t></si>
    </sst>
    """

    /// cellXfs: 0 General, 1 built-in date 14, 2 custom DD.MM.YYYY, 3 custom 0.00 (no date),
    /// 4 built-in date-time 22, 5 custom time with seconds. The cellStyleXfs and dxf entries must not count.
    private let styles = """
    <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
    <numFmts count="3"><numFmt numFmtId="164" formatCode="DD.MM.YYYY"/><numFmt numFmtId="165" formatCode="0.00"/>
    <numFmt numFmtId="166" formatCode="[$-F400]h:mm:ss\\ AM/PM"/></numFmts>
    <cellStyleXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellStyleXfs>
    <cellXfs count="6"><xf numFmtId="0" fontId="0"/><xf numFmtId="14" applyNumberFormat="1"/>
    <xf numFmtId="164"><alignment horizontal="left"/></xf><xf numFmtId="165"/><xf numFmtId="22"/><xf numFmtId="166"/></cellXfs>
    <dxfs count="1"><dxf><numFmt numFmtId="165" formatCode="yyyy"/></dxf></dxfs>
    </styleSheet>
    """

    func testSharedStringsGapsDatesRichTextAndCellKinds() throws {
        let sheet = XLSXFixture.worksheet("""
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="inlineStr"><is><t>Инлайн</t></is></c></row>
        <row r="3" spans="1:4"><c r="A3" t="s"><v>2</v></c><c r="C3" s="1"><v>45366</v></c><c r="D3" s="2"><v>60</v></c></row>
        <row r="4"><c t="s"><v>3</v></c><c><v>12345678901</v></c><c s="3"><v>2.5</v></c><c t="b"><v>1</v></c>\
        <c t="str"><f>A1&amp;"x"</f><v>Фамилияx</v></c><c t="e"><f>1/0</f><v>#DIV/0!</v></c></row>
        <row r="5"><c r="B5" s="4"><v>45366.75</v></c><c r="C5" s="5"><v>0.5</v></c><c r="D5"><f>SUM(1,2)</f><v>3</v></c>\
        <c r="E5" t="s"><v>4</v></c><c r="F5" s="1"/><c r="G5" t="s"></c></row>
        <row r="6"/>
        <row r="7"><c r="A7"><v>4.4000000000000004</v></c><c r="B7"><v>1E-3</v></c><c r="C7" t="d"><v>2024-03-15T00:00:00</v></c>\
        <c r="D7"><v>-0</v></c><c r="E7" s="1"><v>59</v></c><c r="F7" s="1"><v>61</v></c><c r="G7"><v>0.30000000000000004</v></c></row>
        <row r="9"><c r="A9" t="inlineStr"><is><t></t></is></c></row>
        """)
        let data = try XLSXFixture.workbook(sheets: [("Данные", sheet)], sharedStrings: sharedStrings, styles: styles)
        XCTAssertEqual(try XLSXReader.read(data), [
            ["Фамилия", "Дата рождения", "", "Инлайн"],
            [],
            ["  пробелы  ", "", "15.03.2024", "29.02.1900"],
            ["A & B <c> Ж", "12345678901", "2.5", "TRUE", "Фамилияx", "#DIV/0!"],
            ["", "15.03.2024 18:00", "12:00:00", "3", "строка\rперевод _x0041_"],
            [],
            ["4.4", "0.001", "15.03.2024", "0", "28.02.1900", "01.03.1900", "0.3"],
        ])
    }

    func testPrefixedElementsCellsWithoutReferencesAndDate1904() throws {
        let sheet = """
        <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
        <x:row><x:c t="inlineStr"><x:is><x:t>Имя</x:t></x:is></x:c><x:c s="1"><x:v>43904</x:v></x:c></x:row>
        <x:row><x:c><x:v>1</x:v></x:c><x:c/><x:c><x:v><![CDATA[2]]></x:v></x:c></x:row>
        </x:sheetData></x:worksheet>
        """
        let data = try XLSXFixture.workbook(sheets: [("Лист", sheet)], styles: styles, workbookProperties: #"<workbookPr date1904="1"/>"#)
        XCTAssertEqual(try XLSXReader.read(data), [["Имя", "15.03.2024"], ["1", "", "2"]])
    }

    func testSheetSelection() throws {
        let first = XLSXFixture.worksheet(#"<row r="1"><c t="inlineStr"><is><t>первый</t></is></c></row>"#)
        let second = XLSXFixture.worksheet(#"<row r="2"><c r="B2" t="inlineStr"><is><t>второй</t></is></c></row>"#)
        let data = try XLSXFixture.workbook(sheets: [("Первый", first), ("Итоги &amp; Co", second)])
        XCTAssertEqual(try XLSXReader.sheetNames(data), ["Первый", "Итоги & Co"])
        XCTAssertEqual(try XLSXReader.read(data), [["первый"]])
        XCTAssertEqual(try XLSXReader.read(data, sheet: "Итоги & Co"), [[], ["", "второй"]])
        XCTAssertEqual(try XLSXReader.read(data, sheet: " итоги & co"), [[], ["", "второй"]])
        XCTAssertThrowsError(try XLSXReader.read(data, sheet: "Нет такого")) { error in
            XCTAssertEqual((error as? TextTableError)?.message, "В книге нет листа «Нет такого». Есть листы: «Первый», «Итоги & Co».")
        }
    }

    func testDamagedFilesThrow() throws {
        XLSXFixture.assertThrows(.notAPackage, try XLSXReader.read(Data("не архив".utf8)))
        XLSXFixture.assertThrows(.notAPackage, try XLSXReader.read(Data()))
        let noWorkbook = try OOXMLPackage(parts: ["docProps/app.xml": Data("<Properties/>".utf8)]).data()
        XLSXFixture.assertThrows(.missingPart("xl/workbook.xml"), try XLSXReader.read(noWorkbook))

        let valid = try XLSXFixture.workbook(sheets: [("Лист", XLSXFixture.worksheet(#"<row><c><v>1</v></c></row>"#))])
        var package = try OOXMLPackage(data: valid)
        package["xl/workbook.xml"] = Data((0..<300).map { UInt8(truncatingIfNeeded: $0 &* 37) })
        XCTAssertThrowsError(try XLSXReader.read(package.data())) { XCTAssertNotNil($0 as? OOXMLError) }

        package = try OOXMLPackage(data: valid)
        package["xl/worksheets/sheet1.xml"] = nil
        XLSXFixture.assertThrows(.missingPart("xl/worksheets/sheet1.xml"), try XLSXReader.read(package.data()))

        package = try OOXMLPackage(data: valid)
        package["xl/worksheets/sheet1.xml"] = Data("просто текст".utf8)
        XCTAssertThrowsError(try XLSXReader.read(package.data())) { XCTAssertNotNil($0 as? OOXMLError) }

        let badIndex = try XLSXFixture.workbook(sheets: [("Лист", XLSXFixture.worksheet(#"<row><c t="s"><v>7</v></c></row>"#))], sharedStrings: sharedStrings)
        XCTAssertThrowsError(try XLSXReader.read(badIndex)) { XCTAssertNotNil($0 as? OOXMLError) }

        // Half a file: the ZIP directory is gone.
        XLSXFixture.assertThrows(.notAPackage, try XLSXReader.read(valid.prefix(valid.count / 2)))
    }

    /// Far-apart references must not make a tiny file allocate without bound.
    func testHugeReferencesAreRefused() throws {
        let far = XLSXFixture.worksheet(#"<row r="9999999"><c><v>1</v></c></row>"#)
        XCTAssertThrowsError(try XLSXReader.read(XLSXFixture.workbook(sheets: [("Лист", far)])))
        let wide = XLSXFixture.worksheet(#"<row><c r="ZZZZ1"><v>1</v></c></row>"#)
        XCTAssertEqual(try XLSXReader.read(XLSXFixture.workbook(sheets: [("Лист", wide)])), [["1"]])
        let lastColumn = XLSXFixture.worksheet(#"<row><c r="XFD1"><v>1</v></c></row>"#)
        XCTAssertEqual(try XLSXReader.read(XLSXFixture.workbook(sheets: [("Лист", lastColumn)]))[0].count, 16_384)
    }

    /// Truncated and corrupted XML parts must end in rows or an error, never a trap or a hang.
    func testCorruptedPartsNeverCrash() throws {
        let sheet = XLSXFixture.worksheet("""
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" s="2"><v>45366</v></c></row>
        <row r="2"><c r="A2" t="inlineStr"><is><r><t>x</t></r></is></c><c r="B2"><f>1+1</f><v>2</v></c></row>
        """)
        var generator = SystemRandomNumberGenerator()
        for round in 0..<150 {
            var parts: [String: String] = ["xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": sharedStrings, "xl/styles.xml": styles]
            let name = parts.keys.sorted()[round % 3]
            var bytes = Array(parts[name]!.utf8)
            if round % 2 == 0 {
                bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)))
            } else {
                for _ in 0..<8 {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = "<>/\"'=&;!?[]x".utf8.randomElement(using: &generator)!
                }
            }
            parts[name] = String(decoding: bytes, as: UTF8.self)
            let data = try XLSXFixture.workbook(
                sheets: [("Лист", parts["xl/worksheets/sheet1.xml"]!)],
                sharedStrings: parts["xl/sharedStrings.xml"], styles: parts["xl/styles.xml"]
            )
            _ = try? XLSXReader.read(data)
        }
    }

    func testNumberFormatClassification() {
        XCTAssertEqual(XLSXNumberFormat(code: "dd\\.mm\\.yyyy"), .date)
        XCTAssertEqual(XLSXNumberFormat(code: "[$-419]d mmmm yyyy \"г.\";@"), .date)
        XCTAssertEqual(XLSXNumberFormat(code: "mmm-yy"), .date)
        XCTAssertEqual(XLSXNumberFormat(code: "dd/mm/yyyy hh:mm"), .dateTime(seconds: false))
        XCTAssertEqual(XLSXNumberFormat(code: "h:mm AM/PM"), .time(seconds: false, elapsed: false))
        XCTAssertEqual(XLSXNumberFormat(code: "mm:ss"), .time(seconds: true, elapsed: false))
        XCTAssertEqual(XLSXNumberFormat(code: "[h]:mm"), .time(seconds: false, elapsed: true))
        XCTAssertEqual(XLSXNumberFormat(code: "General"), .number)
        XCTAssertEqual(XLSXNumberFormat(code: "#,##0.00\\ \"₽\""), .number)
        XCTAssertEqual(XLSXNumberFormat(code: "0.00E+00"), .number)
        XCTAssertEqual(XLSXNumberFormat(code: "[Red]0.00;[Blue]-0.00"), .number)
        XCTAssertEqual(XLSXNumberFormat(code: "\"Дата:\" 0"), .number)
        XCTAssertEqual(XLSXNumberFormat(builtIn: 14), .date)
        XCTAssertEqual(XLSXNumberFormat(builtIn: 46), .time(seconds: true, elapsed: true))
        XCTAssertEqual(XLSXNumberFormat(builtIn: 4), .number)
        XCTAssertEqual(XLSXNumberFormat.time(seconds: true, elapsed: true).render("1.5", date1904: false), "36:00:00")
    }

    func testPlainNumbers() {
        let cases = [
            "0": "0", "-0": "0", "12345678901": "12345678901", "2.5": "2.5", "2.50": "2.5", "1.0": "1",
            "-17": "-17", "007": "7", "1.5E+3": "1500", "123456789012345678": "1.23456789012346e+17",
            "0.1": "0.1", "1E-3": "0.001", "4.4000000000000004": "4.4", "abc": "abc", " 5 ": "5",
        ]
        for (raw, expected) in cases {
            XCTAssertEqual(XLSXNumberFormat.plainNumber(raw), expected, raw)
        }
    }

    func testDateSerials() {
        XCTAssertEqual(XLSXDateSerial.serial(year: 1900, month: 1, day: 1), 1)
        XCTAssertEqual(XLSXDateSerial.serial(year: 1900, month: 2, day: 28), 59)
        XCTAssertEqual(XLSXDateSerial.serial(year: 1900, month: 3, day: 1), 61)
        XCTAssertEqual(XLSXDateSerial.serial(year: 2024, month: 2, day: 29), 45351)
        XCTAssertNil(XLSXDateSerial.serial(year: 2023, month: 2, day: 29))
        XCTAssertNil(XLSXDateSerial.serial(year: 1899, month: 12, day: 31))
        XCTAssertEqual(XLSXDateSerial.day(serial: 60, date1904: false)?.text, "29.02.1900")
        XCTAssertEqual(XLSXDateSerial.day(serial: 0, date1904: true)?.text, "01.01.1904")
        XCTAssertNil(XLSXDateSerial.day(serial: 0, date1904: false))
        for serial in stride(from: 61, to: 2_958_465, by: 997) {
            let day = XLSXDateSerial.day(serial: serial, date1904: false)!
            XCTAssertEqual(XLSXDateSerial.serial(year: day.year, month: day.month, day: day.day), serial)
        }
    }
}
