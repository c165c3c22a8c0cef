import Foundation

/// One worksheet to be written by `XLSXWriter`.
public struct XLSXSheet: Sendable, Equatable {
    /// Tab name; sanitised on write (at most 31 characters, none of `[]:*?/\`).
    public var name: String
    /// First row, bold on grey, frozen and with an auto filter. Empty: no header row at all.
    public var headers: [String]
    /// Data rows; they may differ in length.
    public var rows: [[XLSXCell]]
    /// Column widths in Excel character units; `nil` (or a missing entry) means "fit to content".
    public var columnWidths: [Double]?

    public init(name: String, headers: [String] = [], rows: [[XLSXCell]] = [], columnWidths: [Double]? = nil) {
        self.name = name
        self.headers = headers
        self.rows = rows
        self.columnWidths = columnWidths
    }
}

/// A cell value. Text is always written as text, never as a formula.
public enum XLSXCell: Sendable, Equatable, Hashable {
    /// Empty text writes no cell.
    case text(String)
    /// NaN and infinities write no cell.
    case number(Double)
    case integer(Int)
    /// A calendar date, stored as an Excel serial number shown as `dd.mm.yyyy`.
    case date(year: Int, month: Int, day: Int)
    case empty

    /// The calendar day of `date` in `timeZone`.
    public init(_ date: Date, timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self = .date(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// `.text`, or `.empty` for `nil` and "".
    public init(_ text: String?) {
        if let text, !text.isEmpty { self = .text(text) } else { self = .empty }
    }
}

extension XLSXCell: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
}
