import Foundation

/// A calendar date without time or zone («дата»). Stored and exchanged as `YYYY-MM-DD`,
/// shown to people as `дд.мм.гггг`. Core never reads the clock: «today» is always passed in.
public struct Day: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Day.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// For values this file has already brought into the calendar's range (clamped years, `daysIn` days).
    private init(proven year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The last day of `month` in `year`, or nil outside the calendar (years 1…9999).
    public static func endOfMonth(year: Int, month: Int) -> Day? {
        Day(year: year, month: month, day: Day.daysIn(month: month, year: year))
    }

    /// 1 September of the school year this day falls in; 01.01.0001 for days before 01.09.0001.
    public var schoolYearStart: Day {
        Day(year: month >= 9 ? year : year - 1, month: 9, day: 1) ?? Day.first
    }

    /// Parses exactly `YYYY-MM-DD`, the stored form, without trimming or splitting (a 100,000-row import reads
    /// hundreds of thousands of them back).
    public static func fromISO(_ text: String) -> Day? {
        var text = text
        guard let parsed = text.withUTF8(Self.parseISO) else { return nil }
        return Day(year: parsed.0, month: parsed.1, day: parsed.2)
    }

    /// `YYYY-MM-DD` or `ДД.ММ.ГГГГ` exactly, as most cells and stored values are; nil sends the text to the general parser.
    private static func parseExact(_ b: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
        guard b.count == 10 else { return nil }
        if b[2] == UInt8(ascii: "."), b[5] == UInt8(ascii: ".") {
            guard let d = number(b, 0..<2), let m = number(b, 3..<5), let y = number(b, 6..<10) else { return nil }
            return (y, m, d)
        }
        return parseISO(b)
    }

    private static func number(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var n = 0
        for i in range {
            let d = Int(b[i]) - 48
            guard (0...9).contains(d) else { return nil }
            n = n * 10 + d
        }
        return n
    }

    private static func parseISO(_ b: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
        guard let y = number(b, 0..<4), let m = number(b, 5..<7), let d = number(b, 8..<10) else { return nil }
        return (y, m, d)
    }

    /// Parses ISO `2022-05-06` or Russian `06.05.2022`.
    public init?(_ text: String) {
        var bytes = text
        guard let day = bytes.withUTF8(Self.parseExact).flatMap({ Day(year: $0.0, month: $0.1, day: $0.2) }) ?? Self.parseGeneral(text) else { return nil }
        self = day
    }

    /// Any ISO or Russian date, surrounded by spaces or not, with or without leading zeros.
    static func parseGeneral(_ text: String) -> Day? {
        let t = text.trimmed
        let iso = t.split(separator: "-", omittingEmptySubsequences: false)
        let ru = t.split(separator: ".", omittingEmptySubsequences: false)
        if iso.count == 3, iso[0].count == 4, let y = Int(iso[0]), let m = Int(iso[1]), let d = Int(iso[2]) {
            return Day(year: y, month: m, day: d)
        } else if ru.count == 3, ru[2].count == 4, let d = Int(ru[0]), let m = Int(ru[1]), let y = Int(ru[2]) {
            return Day(year: y, month: m, day: d)
        }
        return nil
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD`, the storage and API form.
    public var iso: String { Self.digits(year, 4) + "-" + Self.digits(month, 2) + "-" + Self.digits(day, 2) }
    /// `дд.мм.гггг`, the form people read.
    public var russian: String { Self.digits(day, 2) + "." + Self.digits(month, 2) + "." + Self.digits(year, 4) }

    /// Zero-padded; `String(format:)` is slow enough to show in a 100,000-row import.
    static func digits(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
    public var description: String { iso }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// The same day `years` later; 29 February falls back to 28 February.
    public func adding(years: Int) -> Day {
        let y = min(max(year.clampedAdding(years), 1), 9999)
        return Day(proven: y, month, min(day, Day.daysIn(month: month, year: y)))
    }

    public func adding(months: Int) -> Day {
        let total = min(max((year * 12 + (month - 1)).clampedAdding(months), 12), 9999 * 12 + 11)
        let y = total / 12
        let m = total % 12 + 1
        return Day(proven: y, m, min(day, Day.daysIn(month: m, year: y)))
    }

    /// Days since 0001-01-01 (proleptic Gregorian); used for differences.
    public var ordinal: Int {
        let y = year - 1
        var n = y * 365 + y / 4 - y / 100 + y / 400
        for m in 1..<month { n += Day.daysIn(month: m, year: year) }
        return n + day - 1
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal.clampedAdding(days)) }

    /// The day with this ordinal, clamped to 0001-01-01 … 9999-12-31.
    public init(ordinal raw: Int) {
        let ordinal = min(max(raw, 0), Day.last.ordinal)
        var y = max(1, ordinal / 366)
        while y < 9999, Day(proven: y + 1, 1, 1).ordinal <= ordinal { y += 1 }
        var rest = ordinal - Day(proven: y, 1, 1).ordinal
        var m = 1
        while rest >= Day.daysIn(month: m, year: y) {
            rest -= Day.daysIn(month: m, year: y)
            m += 1
        }
        self.init(proven: y, m, rest + 1)
    }

    public static let first = Day(proven: 1, 1, 1)
    public static let last = Day(proven: 9999, 12, 31)

    /// Completed whole years from `self` to `later` (age, experience). The anniversary is the day
    /// `adding(years:)` gives: for 29 February in a common year that is 28 February (ГК РФ ст. 192 п. 3).
    public func fullYears(until later: Day) -> Int {
        var years = later.year - year
        let anniversary = (month, min(day, Day.daysIn(month: month, year: later.year)))
        if (later.month, later.day) < anniversary { years -= 1 }
        return years
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "Дата должна быть в формате ГГГГ-ММ-ДД"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }

    /// The calendar day of `date` in Moscow time, for callers at the edge that do own a clock.
    public init(_ date: Date, timeZone: TimeZone? = TimeZone(identifier: "Europe/Moscow")) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone ?? TimeZone(secondsFromGMT: 3 * 3600) ?? .current
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        self = Day(year: c.year ?? 1, month: c.month ?? 1, day: c.day ?? 1) ?? (date < Date(timeIntervalSince1970: 0) ? .first : .last)
    }
}

/// A closed period of days; `end == nil` means «по настоящее время».
public struct Period: Sendable, Hashable, Codable {
    public var start: Day
    public var end: Day?

    public init(start: Day, end: Day? = nil) {
        self.start = start
        self.end = end
    }

    public func contains(_ day: Day) -> Bool {
        start <= day && (end.map { day <= $0 } ?? true)
    }

    /// True when `other` lies wholly inside this period.
    public func covers(_ other: Period) -> Bool {
        guard other.start >= start else { return false }
        guard let end else { return true }
        guard let otherEnd = other.end else { return false }
        return otherEnd <= end
    }

    public var russian: String {
        "с \(start.russian)" + (end.map { " по \($0.russian)" } ?? " по н. в.")
    }
}
