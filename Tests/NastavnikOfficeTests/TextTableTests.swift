import Foundation
import NastavnikOffice
import XCTest

final class TextTableTests: XCTestCase {
    /// `printf 'Фамилия;Имя\r\nЁлкина;Мария\r\n' | iconv -f utf-8 -t cp1251`
    private let cp1251: [UInt8] = [
        0xD4, 0xE0, 0xEC, 0xE8, 0xEB, 0xE8, 0xFF, 0x3B, 0xC8, 0xEC, 0xFF, 0x0D, 0x0A,
        0xA8, 0xEB, 0xEA, 0xE8, 0xED, 0xE0, 0x3B, 0xCC, 0xE0, 0xF0, 0xE8, 0xFF, 0x0D, 0x0A,
    ]

    func testWindows1251() throws {
        let decoded = TextTable.decode(Data(cp1251))
        XCTAssertEqual(decoded.encoding, "Windows-1251")
        XCTAssertEqual(decoded.text, "Фамилия;Имя\r\nЁлкина;Мария\r\n")
        XCTAssertEqual(try TextTable.rows(Data(cp1251), filename: "список.csv"), [["Фамилия", "Имя"], ["Ёлкина", "Мария"]])
        // `printf '№ п/п;«Оценка»' | iconv -f utf-8 -t cp1251`, plus € ‰ ђ ў ї and the unassigned 0x98.
        let symbols: [UInt8] = [0xB9, 0x20, 0xEF, 0x2F, 0xEF, 0x3B, 0xAB, 0xCE, 0xF6, 0xE5, 0xED, 0xEA, 0xE0, 0xBB, 0x88, 0x89, 0x90, 0xA2, 0xBF, 0x98]
        XCTAssertEqual(TextTable.decode(Data(symbols)).text, "№ п/п;«Оценка»€‰ђўї\u{98}")
    }

    func testUnicodeEncodings() {
        let text = "Фамилия;Имя\nИванов;Иван"
        XCTAssertEqual(TextTable.decode(Data(text.utf8)).encoding, "UTF-8")
        XCTAssertEqual(TextTable.decode(Data(text.utf8)).text, text)
        let withBOM = TextTable.decode(Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)))
        XCTAssertEqual(withBOM.encoding, "UTF-8")
        XCTAssertEqual(withBOM.text, text)
        let utf16 = TextTable.decode(Data([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
        XCTAssertEqual(utf16.encoding, "UTF-16LE")
        XCTAssertEqual(utf16.text, text)
        XCTAssertEqual(TextTable.decode(Data()).text, "")
    }

    func testSeparatorDetection() {
        XCTAssertEqual(TextTable.parse("a;b;c\n1,5;2;3"), [["a", "b", "c"], ["1,5", "2", "3"]])
        XCTAssertEqual(TextTable.parse("a,b,c\n1;2,3"), [["a", "b", "c"], ["1;2", "3"]])
        XCTAssertEqual(TextTable.parse("a\tb\n1\t2,5"), [["a", "b"], ["1", "2,5"]])
        XCTAssertEqual(TextTable.parse("a,b;c\n1,2;3"), [["a,b", "c"], ["1,2", "3"]], "a tie goes to ;")
        XCTAssertEqual(TextTable.parse("\"x;y\",b,c\n1,2,3"), [["x;y", "b", "c"], ["1", "2", "3"]], "quoted separators do not count")
        XCTAssertEqual(TextTable.parse("sep=,\r\na;b,c\n"), [["a;b", "c"]], "Excel's sep= line")
        XCTAssertEqual(TextTable.parse("один"), [["один"]])
    }

    func testQuotingAndLineEnds() {
        let csv = "\"Иванов; Иван\";\"он сказал \"\"привет\"\"\"\r\n\"много\r\nстрок\";x\r\n;\r\n\r\n\r\n"
        XCTAssertEqual(TextTable.parse(csv), [["Иванов; Иван", "он сказал \"привет\""], ["много\r\nстрок", "x"], ["", ""]])
        XCTAssertEqual(TextTable.parse("a;b\rc;d\re;"), [["a", "b"], ["c", "d"], ["e", ""]])
        XCTAssertEqual(TextTable.parse("a;b\n\nc;d\n"), [["a", "b"], [""], ["c", "d"]])
        XCTAssertEqual(TextTable.parse("\"незакрытая;кавычка\nдальше"), [["незакрытая;кавычка\nдальше"]])
        XCTAssertEqual(TextTable.parse("\"a\"b;c"), [["ab", "c"]])
        XCTAssertEqual(TextTable.parse("\u{FEFF}a;b"), [["a", "b"]])
        XCTAssertEqual(TextTable.parse(""), [])
    }

    func testFormulaGuardApostrophe() {
        XCTAssertEqual(TextTable.parse("'=1+2;'-5;'+7;'@x;'abc;';\"'=A1\""), [["=1+2", "-5", "+7", "@x", "'abc", "'", "=A1"]])
    }

    func testRowsDispatch() throws {
        XCTAssertEqual(try TextTable.rows(Data("a;b;;\n;;\nc\n;;\n".utf8), filename: "x.CSV"), [["a", "b"], [], ["c"]])
        XCTAssertEqual(try TextTable.rows(Data("a\tb".utf8), filename: "x.txt"), [["a", "b"]])
        XCTAssertEqual(try TextTable.rows(Data(), filename: "x.csv"), [])
        let workbook = try XLSXWriter.data([XLSXSheet(name: "Л", headers: ["Имя"], rows: [["Оля"]])])
        XCTAssertEqual(try TextTable.rows(workbook, filename: "без расширения"), [["Имя"], ["Оля"]], "ZIP content wins over the name")
    }

    func testOldExcelIsRefusedInRussian() {
        let ole = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504))
        XCTAssertThrowsError(try TextTable.rows(ole, filename: "ведомость.xls")) { error in
            XCTAssertEqual(
                (error as? TextTableError)?.message,
                "Файл в старом формате Excel 97–2003 (.xls). Сохраните его как «Книга Excel (.xlsx)» или CSV и загрузите снова."
            )
        }
        let encrypted = ole + Data("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        XCTAssertThrowsError(try TextTable.rows(encrypted, filename: "секрет.xlsx")) { error in
            XCTAssertTrue((error as? TextTableError)?.message.hasPrefix("Файл защищён паролем") == true)
        }
        XCTAssertThrowsError(try TextTable.rows(Data("<html><table>".utf8), filename: "отчёт.xls")) { error in
            XCTAssertNotNil(error as? TextTableError)
        }
    }

    func testGarbageThrowsInsteadOfCrashing() {
        XCTAssertThrowsError(try TextTable.rows(Data([0x00, 0x01, 0x02, 0xFF]), filename: "x.csv")) { error in
            XCTAssertNotNil(error as? TextTableError)
        }
        XCTAssertThrowsError(try TextTable.rows(Data("PK\u{3}\u{4}мусор".utf8), filename: "x.csv")) { error in
            XCTAssertEqual(error as? OOXMLError, .notAPackage)
        }
        XCTAssertThrowsError(try TextTable.rows(Data("просто текст".utf8), filename: "x.xlsx")) { error in
            XCTAssertEqual(error as? OOXMLError, .notAPackage)
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0..<300, using: &generator)).map { _ in UInt8.random(in: 1...255, using: &generator) }
            _ = try? TextTable.rows(Data(bytes), filename: "x.csv")
        }
    }
}
