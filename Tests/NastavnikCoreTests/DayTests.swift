import Foundation
import Testing

@testable import NastavnikCore

/// A day from a literal the test knows to be valid.
private func day(_ text: String) -> Day { Day(text)! }

@Suite("Day: a calendar date without time or zone")
struct DayTests {
    // MARK: Parsing

    @Test("A date is read in ISO form ГГГГ-ММ-ДД", arguments: [
        ("2022-05-06", 2022, 5, 6), ("1999-12-31", 1999, 12, 31), ("2024-02-29", 2024, 2, 29),
        ("0001-01-01", 1, 1, 1), ("9999-12-31", 9999, 12, 31), (" 2020-01-15 ", 2020, 1, 15),
    ])
    func parsesISO(_ c: (String, Int, Int, Int)) throws {
        let d = try #require(Day(c.0))
        #expect(d.year == c.1 && d.month == c.2 && d.day == c.3)
    }

    @Test("A date is read in Russian form дд.мм.гггг", arguments: [
        ("06.05.2022", 2022, 5, 6), ("31.12.1999", 1999, 12, 31), ("29.02.2024", 2024, 2, 29),
        ("01.01.2000", 2000, 1, 1), ("6.5.2022", 2022, 5, 6), (" 15.01.2020 ", 2020, 1, 15),
    ])
    func parsesRussian(_ c: (String, Int, Int, Int)) throws {
        let d = try #require(Day(c.0))
        #expect(d.year == c.1 && d.month == c.2 && d.day == c.3)
    }

    @Test("Both forms of the same date give the same day")
    func bothFormsAgree() {
        #expect(Day("06.05.2022") == Day("2022-05-06"))
        #expect(Day("29.02.2024") == Day("2024-02-29"))
        #expect(Day("06.05.2022") != Day("05.06.2022"))
    }

    @Test("Impossible dates and garbage are refused", arguments: [
        "31.02.2023", "29.02.2023", "30.02.2024", "31.04.2022", "31.06.2022", "31.09.2022", "31.11.2022",
        "29.02.1900", "2023-02-29", "2022-13-01", "2022-00-10", "2022-01-00", "2022-01-32", "00.01.2022",
        "01.13.2022", "0000-01-01", "10000-01-01", "", "   ", "abc", "2022", "2022-05", "06.05", "06.05.22",
        "22-05-06", "2022/05/06", "06-05-2022", "2022-05-06-01", "06.05.2022.1", "2022-05-xx", "xx.05.2022",
        "2022.05.06", "2022-05-06T10:00", "1.1.1.1",
    ])
    func refusesInvalid(_ text: String) {
        #expect(Day(text) == nil)
    }

    @Test("The component initialiser refuses days that do not exist")
    func componentInit() {
        #expect(Day(year: 2023, month: 2, day: 29) == nil)
        #expect(Day(year: 2024, month: 2, day: 29) != nil)
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
        #expect(Day(year: 1900, month: 2, day: 29) == nil)
        #expect(Day(year: 2022, month: 4, day: 31) == nil)
        #expect(Day(year: 2022, month: 0, day: 1) == nil)
        #expect(Day(year: 0, month: 1, day: 1) == nil)
        #expect(Day(year: 10_000, month: 1, day: 1) == nil)
        #expect(Day(year: 2022, month: 1, day: -1) == nil)
    }

    @Test("Month lengths follow the Gregorian calendar", arguments: [
        (1, 2023, 31), (2, 2023, 28), (2, 2024, 29), (2, 1900, 28), (2, 2000, 29), (2, 2100, 28), (3, 2023, 31),
        (4, 2023, 30), (5, 2023, 31), (6, 2023, 30), (7, 2023, 31), (8, 2023, 31), (9, 2023, 30), (10, 2023, 31),
        (11, 2023, 30), (12, 2023, 31),
    ])
    func monthLengths(_ c: (Int, Int, Int)) {
        #expect(Day.daysIn(month: c.0, year: c.1) == c.2)
    }

    // MARK: Formatting

    @Test("A day is shown as дд.мм.гггг and stored as ГГГГ-ММ-ДД, zero-padded")
    func formatting() {
        let d = day("2022-05-06")
        #expect(d.russian == "06.05.2022")
        #expect(d.iso == "2022-05-06")
        #expect(d.description == "2022-05-06")
        #expect(day("0987-01-02").iso == "0987-01-02")
        #expect(day("0987-01-02").russian == "02.01.0987")
        #expect(day("31.12.1999").iso == "1999-12-31")
    }

    @Test("Formatting and parsing round-trip for many dates")
    func formatRoundTrip() {
        var d = day("2023-12-20")
        for _ in 0..<500 {
            #expect(Day(d.iso) == d)
            #expect(Day(d.russian) == d)
            d = d.adding(days: 1)
        }
    }

    // MARK: Ordering

    @Test("Days are ordered chronologically, not as text")
    func ordering() {
        #expect(day("2022-05-06") < day("2022-05-07"))
        #expect(day("2022-05-31") < day("2022-06-01"))
        #expect(day("2021-12-31") < day("2022-01-01"))
        #expect(day("01.02.2022") > day("31.01.2022"))
        #expect(!(day("2022-05-06") < day("2022-05-06")))
        #expect([day("2022-01-02"), day("2021-12-31"), day("2022-01-01")].sorted() ==
            [day("2021-12-31"), day("2022-01-01"), day("2022-01-02")])
    }

    // MARK: Ordinal

    @Test("The ordinal counts days since 0001-01-01 (proleptic Gregorian)", arguments: [
        ("0001-01-01", 0), ("1900-03-01", 693_654), ("1970-01-01", 719_162), ("2000-01-01", 730_119),
        ("2024-02-29", 738_944), ("9999-12-31", 3_652_058),
    ])
    func ordinalValues(_ c: (String, Int)) {
        #expect(day(c.0).ordinal == c.1)
    }

    @Test("Day(ordinal:) is the inverse of ordinal for every day 1895–2105, across leap and century years")
    func ordinalRoundTrip() {
        var d = day("1895-01-01")
        var n = d.ordinal
        let end = day("2105-12-31")
        var checked = 0
        while d <= end {
            #expect(d.ordinal == n)
            let back = Day(ordinal: n)
            if back != d {
                Issue.record("Day(ordinal: \(n)) = \(back), expected \(d)")
                return
            }
            // The next day by the calendar rule.
            if d.day < Day.daysIn(month: d.month, year: d.year) {
                d = Day(year: d.year, month: d.month, day: d.day + 1)!
            } else if d.month < 12 {
                d = Day(year: d.year, month: d.month + 1, day: 1)!
            } else {
                d = Day(year: d.year + 1, month: 1, day: 1)!
            }
            n += 1
            checked += 1
        }
        #expect(checked == 77_066)
    }

    @Test("Day(ordinal:) round-trips far dates", arguments: [
        "0001-01-01", "0001-12-31", "0004-02-29", "0100-03-01", "0400-02-29", "1582-10-15", "1600-02-29",
        "1700-03-01", "1800-02-28", "1900-02-28", "1900-03-01", "2000-02-29", "2100-03-01", "2400-02-29",
        "5000-06-15", "9998-12-31",
    ])
    func ordinalFarDates(_ text: String) {
        let d = day(text)
        #expect(Day(ordinal: d.ordinal) == d)
    }

    @Test("The last representable year, 9999, survives an ordinal round trip")
    func ordinalLastYear() {
        let last = Day(year: 9999, month: 12, day: 31)!
        #expect(Day(ordinal: last.ordinal) == last)
        #expect(Day(year: 9999, month: 1, day: 1)!.adding(days: 364) == last)
        #expect(last.adding(days: 10) == last, "beyond the last day, dates are clamped instead of trapping")
        #expect(last.adding(years: 1) == last.adding(years: 0))
    }

    @Test("Differences of ordinals agree with Foundation's calendar")
    func ordinalAgreesWithFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let epoch = day("1970-01-01")
        for text in ["1900-01-01", "1960-02-29", "1999-12-31", "2000-03-01", "2024-02-29", "2026-11-25", "2100-12-31"] {
            let d = day(text)
            let date = try #require(calendar.date(from: DateComponents(year: d.year, month: d.month, day: d.day)))
            let expected = Int((date.timeIntervalSince1970 / 86_400).rounded())
            #expect(d.ordinal - epoch.ordinal == expected, "\(text)")
        }
    }

    @Test("Adding days crosses months, years and 29 February")
    func addingDays() {
        #expect(day("1999-12-31").adding(days: 1) == day("2000-01-01"))
        #expect(day("2024-02-28").adding(days: 1) == day("2024-02-29"))
        #expect(day("2023-02-28").adding(days: 1) == day("2023-03-01"))
        #expect(day("2024-03-01").adding(days: -1) == day("2024-02-29"))
        #expect(day("2024-01-01").adding(days: 366) == day("2025-01-01"))
        #expect(day("2023-01-01").adding(days: 365) == day("2024-01-01"))
        #expect(day("2022-05-06").adding(days: 0) == day("2022-05-06"))
        #expect(day("2022-05-06").adding(days: -36_500).adding(days: 36_500) == day("2022-05-06"))
    }

    // MARK: Years and months

    @Test("The same day years later; 29 February falls back to 28 February in a common year", arguments: [
        ("2024-02-29", 1, "2025-02-28"), ("2024-02-29", 4, "2028-02-29"), ("2024-02-29", -1, "2023-02-28"),
        ("2024-02-29", -4, "2020-02-29"), ("2000-02-29", 100, "2100-02-28"), ("2022-05-06", 3, "2025-05-06"),
        ("2022-05-06", -22, "2000-05-06"), ("2023-02-28", 1, "2024-02-28"), ("2022-12-31", 0, "2022-12-31"),
    ])
    func addingYears(_ c: (String, Int, String)) {
        #expect(day(c.0).adding(years: c.1) == day(c.2))
    }

    @Test("The same day months later, clamped to the month's length", arguments: [
        ("2024-01-31", 1, "2024-02-29"), ("2023-01-31", 1, "2023-02-28"), ("2024-03-31", -1, "2024-02-29"),
        ("2024-01-15", -1, "2023-12-15"), ("2023-12-15", 1, "2024-01-15"), ("2022-05-31", 1, "2022-06-30"),
        ("2022-05-06", 12, "2023-05-06"), ("2022-05-06", -12, "2021-05-06"), ("2022-05-06", 25, "2024-06-06"),
        ("2022-05-06", -29, "2019-12-06"), ("2022-08-31", 6, "2023-02-28"), ("2022-05-06", 0, "2022-05-06"),
        ("2021-01-01", -1, "2020-12-01"),
    ])
    func addingMonths(_ c: (String, Int, String)) {
        #expect(day(c.0).adding(months: c.1) == day(c.2))
    }

    @Test("Full years are counted only once the anniversary is reached", arguments: [
        ("2008-05-06", "2026-05-05", 17), ("2008-05-06", "2026-05-06", 18), ("2008-05-06", "2026-05-07", 18),
        ("2008-12-31", "2026-12-30", 17), ("2008-12-31", "2026-12-31", 18), ("2008-01-01", "2025-12-31", 17),
        ("2008-01-01", "2026-01-01", 18), ("2022-05-06", "2022-05-06", 0), ("2022-05-06", "2023-05-05", 0),
        ("1990-03-15", "2026-11-25", 36), ("2008-02-29", "2026-03-01", 18), ("2008-02-29", "2028-02-29", 20),
        ("2008-02-29", "2028-02-28", 19),
    ])
    func fullYears(_ c: (String, String, Int)) {
        #expect(day(c.0).fullYears(until: day(c.1)) == c.2)
    }

    @Test("Full years change exactly on the anniversary that adding(years:) gives", arguments: [
        "1990-03-15", "2000-01-01", "2003-12-31", "2010-07-31", "1985-06-30", "2011-02-28",
    ])
    func fullYearsMatchAddingYears(_ text: String) {
        let start = day(text)
        for n in 1...40 {
            let anniversary = start.adding(years: n)
            #expect(start.fullYears(until: anniversary) == n)
            #expect(start.fullYears(until: anniversary.adding(days: -1)) == n - 1)
        }
    }

    @Test("Someone born on 29 February completes a year on the day adding(years:) calls the anniversary")
    func fullYearsLeapBirthday() {
        // ГК РФ ст. 192 п. 3: a term in years ending in a month without that date ends on its last day.
        let born = day("2008-02-29")
        #expect(born.adding(years: 18) == day("2026-02-28"))
        #expect(born.fullYears(until: day("2026-02-28")) == 18)
        #expect(born.fullYears(until: day("2026-02-27")) == 17)
        #expect(born.fullYears(until: day("2028-02-28")) == 19)
        #expect(born.fullYears(until: day("2028-02-29")) == 20)
    }

    // MARK: Codable

    @Test("A day is encoded as an ISO string and decoded back")
    func codable() throws {
        struct Box: Codable, Equatable { var on: Day; var until: Day? }
        let box = Box(on: day("2022-05-06"), until: day("2024-02-29"))
        let data = try JSONEncoder().encode(box)
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.contains("\"2022-05-06\""))
        #expect(text.contains("\"2024-02-29\""))
        #expect(try JSONDecoder().decode(Box.self, from: data) == box)
        #expect(try JSONDecoder().decode([Day].self, from: Data("[\"06.05.2022\"]".utf8)) == [day("2022-05-06")])
    }

    @Test("Decoding an impossible or malformed date fails with a Russian message", arguments: [
        "\"31.02.2023\"", "\"garbage\"", "\"\"", "20220506",
    ])
    func codableRejects(_ json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Day].self, from: Data("[\(json)]".utf8))
        }
    }

    @Test("The calendar day of an instant is taken in Moscow time")
    func fromDateInMoscow() {
        // 2022-05-05 21:30 UTC is already 6 May in Moscow (UTC+3).
        let instant = Date(timeIntervalSince1970: 1_651_786_200)
        #expect(Day(instant) == day("2022-05-06"))
        #expect(Day(instant, timeZone: TimeZone(identifier: "UTC")!) == day("2022-05-05"))
    }
}

@Suite("Period: a closed period of days")
struct PeriodTests {
    let closed = Period(start: day("2022-09-01"), end: day("2023-05-31"))
    let open = Period(start: day("2022-09-01"))

    @Test("A closed period contains both its ends and nothing outside them")
    func containsClosed() {
        #expect(closed.contains(day("2022-09-01")))
        #expect(closed.contains(day("2023-05-31")))
        #expect(closed.contains(day("2023-01-15")))
        #expect(!closed.contains(day("2022-08-31")))
        #expect(!closed.contains(day("2023-06-01")))
    }

    @Test("An open period («по настоящее время») contains every day from its start")
    func containsOpen() {
        #expect(open.contains(day("2022-09-01")))
        #expect(open.contains(day("2099-01-01")))
        #expect(!open.contains(day("2022-08-31")))
    }

    @Test("A period covers another only when the other lies wholly inside it")
    func covers() {
        #expect(closed.covers(closed))
        #expect(closed.covers(Period(start: day("2022-10-01"), end: day("2023-01-01"))))
        #expect(!closed.covers(Period(start: day("2022-08-31"), end: day("2023-01-01"))))
        #expect(!closed.covers(Period(start: day("2022-10-01"), end: day("2023-06-01"))))
        #expect(!closed.covers(Period(start: day("2022-10-01"))))
        #expect(open.covers(Period(start: day("2022-10-01"))))
        #expect(open.covers(closed))
        #expect(open.covers(open))
        #expect(!open.covers(Period(start: day("2022-08-01"))))
        #expect(!open.covers(Period(start: day("2022-08-01"), end: day("2022-12-01"))))
    }

    @Test("A period is spoken in Russian")
    func russian() {
        #expect(closed.russian == "с 01.09.2022 по 31.05.2023")
        #expect(open.russian == "с 01.09.2022 по н. в.")
    }
}

@Suite("Trimming text typed into forms and files")
struct TrimmedTests {
    @Test("Spaces, tabs, line breaks and no-break spaces go from both ends, never from inside", arguments: [
        ("  Иванова  ", "Иванова"), ("\tМария\r\n", "Мария"), ("\u{00A0}01.09.2026\u{00A0}", "01.09.2026"), ("   ", ""), ("", ""),
        ("Анна Петровна", "Анна Петровна"), (" а б ", "а б"),
    ])
    func trims(_ c: (String, String)) {
        #expect(c.0.trimmed == c.1)
        #expect(c.0.trimmed == c.0.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

@Suite("Audit changes as JSON")
struct AuditJSONTests {
    @Test("The direct JSON reads back with JSONDecoder as the same list: quotes, backslashes, line breaks, control characters, Cyrillic, absent values")
    func roundTrip() throws {
        let changes = [
            AuditChange(field: "ФИО", old: nil, new: "Иванова «Мария» \"Маша\""),
            AuditChange(field: "Адрес", old: "ул. Ленина,\n д. 1\t\\кв", new: nil),
            AuditChange(field: "Примечание", old: "\u{01}\u{1F}", new: "ёЁ № 12 😀"),
        ]
        let json = AuditChange.json(changes)
        #expect(try JSONDecoder().decode([AuditChange].self, from: Data(json.utf8)) == changes)
        #expect(!json.contains("\"old\":null"))
        #expect(AuditChange.json([]) == "[]")
    }

    @Test("Dates keep their zero padding without String(format:)")
    func padding() {
        #expect(Day(year: 987, month: 3, day: 4)!.iso == "0987-03-04")
        #expect(Day(year: 2026, month: 12, day: 1)!.russian == "01.12.2026")
    }
}
