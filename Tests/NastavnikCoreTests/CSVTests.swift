import Foundation
import Testing

@testable import NastavnikCore

@Suite("CSV export")
struct CSVTests {
    @Test("BOM, semicolons, CRLF, quoting of separators, quotes and line breaks")
    func encoding() {
        let t = CSVTable(headers: ["ФИО", "Примечание"], rows: [["Иванова М. П.", "сказала \"да\"; потом\nушла"], ["Петров", ""]])
        #expect(t.encoded() == "\u{FEFF}ФИО;Примечание\r\nИванова М. П.;\"сказала \"\"да\"\"; потом\nушла\"\r\nПетров;\r\n")
    }

    @Test("Cells that a spreadsheet would run as formulas are neutralised")
    func formulas() {
        let t = CSVTable(headers: ["a"], rows: [["=HYPERLINK(\"x\")"], ["+7 912"], ["-"], ["@SUM"], ["обычный"]])
        let lines = t.encoded().dropFirst().split(separator: "\r\n").map(String.init)
        #expect(lines == ["a", "\"'=HYPERLINK(\"\"x\"\")\"", "'+7 912", "'-", "'@SUM", "обычный"])
    }
}
