import Foundation

/// The ranges a person's numbers and dates must fall in. A request outside them is refused with a Russian 422
/// before any arithmetic runs on the value (issue 22: `page=9223372036854775807` and `date=01.01.0001` stopped
/// the server). Core's own arithmetic on days clamps instead of trapping, so these ranges are about sense, not safety.
public enum InputRange {
    /// Dates people enter or ask for: birth dates of the oldest staff to plans a few decades ahead.
    public static let days = (Day(year: 1900, month: 1, day: 1) ?? .first)...(Day(year: 2100, month: 12, day: 31) ?? .last)
    /// Calendar years (reports) and school years by their first year (roadmaps).
    public static let years = 1900...2100
    /// Page numbers of a list, and rows a page.
    public static let pages = 1...100_000
    public static let rowsPerPage = 1...500

    /// The issue for `value` of `field` outside `range`, said in Russian with the range.
    public static func issue(_ field: String, _ value: Int, in range: ClosedRange<Int>, what: String) -> FieldIssue? {
        range.contains(value) ? nil : FieldIssue(field, "\(what) — число от \(range.lowerBound) до \(range.upperBound), а не \(value).")
    }

    /// `value` (nil → `fallback`) when it lies in `range`, else a 422 naming the field and the range.
    public static func checked(_ field: String, _ value: Int?, in range: ClosedRange<Int>, what: String, fallback: Int) throws -> Int {
        let v = value ?? fallback
        if let issue = issue(field, v, in: range, what: what) { throw ValidationError([issue]) }
        return v
    }

    /// A year asked for in `field` (nil → `fallback`), within `years`.
    public static func year(_ field: String, _ value: Int?, fallback: Int) throws -> Int {
        try checked(field, value, in: years, what: "Год", fallback: fallback)
    }

    /// The issue for a date outside `days`; nil for a date within it.
    public static func issue(_ field: String, _ day: Day) -> FieldIssue? {
        days.contains(day) ? nil : FieldIssue(field, "Дата \(day.russian) вне допустимого диапазона: с \(days.lowerBound.russian) по \(days.upperBound.russian).")
    }
}

/// One page of a list as a person asked for it: a page number and rows a page, both within `InputRange`.
public struct PageRequest: Sendable, Equatable {
    public let page: Int
    public let per: Int

    /// `page` (default 1) and `per` (default `defaultPer`, at most `maxPer`) or a 422 that names which is wrong.
    public init(page: Int?, per: Int?, defaultPer: Int, maxPer: Int = 200) throws {
        let perRange = InputRange.rowsPerPage.lowerBound...min(maxPer, InputRange.rowsPerPage.upperBound)
        let issues = [
            InputRange.issue("page", page ?? 1, in: InputRange.pages, what: "Номер страницы"),
            InputRange.issue("per", per ?? defaultPer, in: perRange, what: "Число строк на странице"),
        ].compactMap { $0 }
        try ValidationError.check(issues)
        self.page = page ?? 1
        self.per = per ?? defaultPer
    }

    /// Every row on one page (exports): `rows` rows, at least one.
    public init(all rows: Int) {
        page = 1
        per = max(rows, 1)
    }

    /// Rows skipped before `page` of `per` rows; saturates instead of trapping for values beyond the ranges.
    public static func offset(page: Int, per: Int) -> Int {
        let (product, overflow) = (max(page, 1) - 1).multipliedReportingOverflow(by: max(per, 0))
        return overflow ? Int.max : product
    }
}

extension Int {
    /// `self + other`, saturating at `Int.min`/`Int.max` instead of trapping.
    public func clampedAdding(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? Int.max : Int.min) : sum
    }
}
