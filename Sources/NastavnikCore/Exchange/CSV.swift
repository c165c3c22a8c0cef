import Foundation

/// A table for export as CSV the way Russian spreadsheets open it: UTF-8 with a byte-order mark,
/// `;` between cells, CRLF line ends, RFC 4180 quoting. A cell that a spreadsheet would run as a formula
/// (starting with = + - @) is prefixed with an apostrophe.
public struct CSVTable: Sendable, Equatable {
    public var headers: [String]
    public var rows: [[String]]

    public init(headers: [String], rows: [[String]]) {
        self.headers = headers
        self.rows = rows
    }

    public func encoded(separator: Character = ";") -> String {
        "\u{FEFF}" + ([headers] + rows).map { $0.map { CSVTable.cell($0, separator) }.joined(separator: String(separator)) }.joined(separator: "\r\n") + "\r\n"
    }

    static func cell(_ raw: String, _ separator: Character) -> String {
        var value = raw
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
