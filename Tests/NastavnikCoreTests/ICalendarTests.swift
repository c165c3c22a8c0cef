import Foundation
import Testing

@testable import NastavnikCore

private enum ICFix {
    static func day(_ text: String) -> Day { Day(text)! }
    static let stamp = "20261125T090000Z"

    static func feed(_ events: [CalendarEvent], name: String = "Наставник") -> String {
        ICalendar.feed(name: name, events: events, stamp: stamp)
    }

    /// The physical lines of a feed as raw octets, split on CRLF (the trailing empty piece dropped).
    static func physicalLines(_ text: String) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 13, i + 1 < bytes.count, bytes[i + 1] == 10 {
                lines.append(current)
                current = []
                i += 2
            } else {
                current.append(bytes[i])
                i += 1
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// RFC 5545 §3.1 unfolding: remove every CRLF followed by a space.
    static func unfold(_ text: String) -> String {
        String(decoding: Array(text.utf8).unfolded(), as: UTF8.self)
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes
    }
}

extension Array where Element == UInt8 {
    fileprivate func unfolded() -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < count {
            if self[i] == 13, i + 2 < count, self[i + 1] == 10, self[i + 2] == 32 {
                i += 3
            } else {
                out.append(self[i])
                i += 1
            }
        }
        return out
    }
}

@Suite("ICalendar: RFC 5545 personal feed")
struct ICalendarTests {
    @Test("A feed with a timed meeting and an all-day deadline, line by line")
    func wholeFeed() {
        let meeting = CalendarEvent(uid: "meeting-1@nastavnik", day: ICFix.day("2026-11-26"), time: ClockTime("01:30"), durationMinutes: 45,
            summary: "Встреча: анализ урока", description: "Повестка; итоги, план\nДомашнее задание", location: "Каб. 12")
        let deadline = CalendarEvent(uid: "task-1@nastavnik", day: ICFix.day("2026-11-30"), summary: "Срок: открытый урок")
        let expected = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Nastavnik//Nastavnik//RU", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:Наставник\\, Иванова М. П.", "X-WR-TIMEZONE:Europe/Moscow",
            "BEGIN:VEVENT", "UID:meeting-1@nastavnik", "DTSTAMP:20261125T090000Z",
            "DTSTART:20261125T223000Z", "DTEND:20261125T231500Z",
            "SUMMARY:Встреча: анализ урока",
            // 75 octets, then the rest folded onto a line starting with a space.
            "DESCRIPTION:Повестка\\; итоги\\, план\\nДомашнее за", " дание", "LOCATION:Каб. 12",
            "END:VEVENT",
            "BEGIN:VEVENT", "UID:task-1@nastavnik", "DTSTAMP:20261125T090000Z",
            "DTSTART;VALUE=DATE:20261130", "DTEND;VALUE=DATE:20261201", "SUMMARY:Срок: открытый урок",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
        #expect(ICFix.feed([meeting, deadline], name: "Наставник, Иванова М. П.") == expected.joined(separator: "\r\n") + "\r\n")
    }

    @Test("Every line ends with CRLF, including the last; there is no bare CR or LF")
    func crlf() {
        let e = CalendarEvent(uid: "1", day: ICFix.day("2026-11-26"), time: ClockTime("10:00"), summary: "Первая\nвторая\r\nтретья строка",
            description: String(repeating: "Длинное описание встречи наставника и наставляемого. ", count: 5))
        let bytes = Array(ICFix.feed([e]).utf8)
        #expect(bytes.suffix(2) == [13, 10])
        for (i, b) in bytes.enumerated() {
            if b == 10 { #expect(i > 0 && bytes[i - 1] == 13, "LF at \(i) without CR") }
            if b == 13 { #expect(i + 1 < bytes.count && bytes[i + 1] == 10, "CR at \(i) without LF") }
        }
    }

    @Test("TEXT escaping: backslash, semicolon, comma and newlines (RFC 5545 §3.3.11)", arguments: [
        ("a;b", "a\\;b"), ("a,b", "a\\,b"), ("C:\\Документы", "C:\\\\Документы"), ("1\n2", "1\\n2"), ("1\r\n2", "1\\n2"),
        ("\\n is not a newline", "\\\\n is not a newline"), ("; , \\", "\\; \\, \\\\"), ("Двоеточие: без изменений", "Двоеточие: без изменений"),
    ])
    func escaping(_ c: (String, String)) {
        #expect(ICalendar.escape(c.0) == c.1)
    }

    @Test("Summary, description and location are escaped in the feed; missing description and location are left out")
    func escapedInFeed() {
        let e = CalendarEvent(uid: "1", day: ICFix.day("2026-11-30"), summary: "Урок; 7 «А», кабинет\\12")
        let feed = ICFix.feed([e])
        #expect(feed.contains("\r\nSUMMARY:Урок\\; 7 «А»\\, кабинет\\\\12\r\n"))
        #expect(!feed.contains("DESCRIPTION:"))
        #expect(!feed.contains("LOCATION:"))
    }

    @Test("A line of exactly 75 octets is not folded; 76 octets are")
    func foldBoundary() {
        let exactly = "SUMMARY:" + String(repeating: "a", count: 67)
        #expect(exactly.utf8.count == 75)
        #expect(ICalendar.fold(exactly) == exactly)
        let longer = exactly + "b"
        #expect(ICalendar.fold(longer) == exactly + "\r\n b")
    }

    @Test("Long Cyrillic lines fold at ≤ 75 octets and never inside a character; unfolding gives the line back")
    func foldCyrillic() throws {
        let summary = String(repeating: "Ж", count: 100)
        let feed = ICFix.feed([CalendarEvent(uid: "1", day: ICFix.day("2026-11-30"), summary: summary)])
        let lines = ICFix.physicalLines(feed)
        let start = try #require(lines.firstIndex { $0.starts(with: Array("SUMMARY:".utf8)) })
        // 8 octets of «SUMMARY:» + 33 letters of 2 octets = 74: a 34th letter would make 76.
        #expect(lines[start].count == 74)
        #expect(lines[start + 1].count == 75)
        #expect(lines[start + 1].first == 32)
        #expect(lines[start + 2].count == 1 + 2 * (100 - 33 - 37))
        #expect(lines[start + 3] == Array("END:VEVENT".utf8))
        for line in lines {
            #expect(line.count <= 75)
            #expect(ICFix.isValidUTF8(line), "a UTF-8 character was split")
        }
        #expect(ICFix.unfold(feed).contains("\r\nSUMMARY:" + summary + "\r\n"))
    }

    @Test("Folding handles mixed 1- to 4-octet characters")
    func foldMixed() {
        let line = "DESCRIPTION:" + String(repeating: "Наставник № 1 — €5 😀 ", count: 12)
        let folded = ICalendar.fold(line)
        let physical = ICFix.physicalLines(folded + "\r\n")
        #expect(physical.count > 1)
        for (i, p) in physical.enumerated() {
            #expect(p.count <= 75)
            #expect(ICFix.isValidUTF8(p))
            if i > 0 { #expect(p.first == 32) }
        }
        #expect(ICFix.unfold(folded) == line)
    }

    @Test("Moscow time is written in UTC, moving to the previous day before 03:00", arguments: [
        ("2026-11-26", 1 * 60 + 30, "20261125T223000Z"),
        ("2026-11-26", 2 * 60 + 59, "20261125T235900Z"),
        ("2026-11-26", 3 * 60, "20261126T000000Z"),
        ("2026-11-26", 15 * 60 + 45, "20261126T124500Z"),
        ("2027-01-01", 0, "20261231T210000Z"),
        ("2028-03-01", 60, "20280229T220000Z"),
        ("2026-03-01", 60, "20260228T220000Z"),
        ("2026-11-26", 23 * 60 + 30 + 90, "20261126T220000Z"),
        ("2026-11-26", 27 * 60, "20261127T000000Z"),
    ])
    func moscowToUTC(_ c: (String, Int, String)) {
        #expect(ICalendar.utc(ICFix.day(c.0), minutes: c.1) == c.2)
    }

    @Test("A meeting at 01:30 Moscow starts the previous day at 22:30Z; its end adds the duration")
    func meetingAfterMidnight() {
        let feed = ICFix.feed([CalendarEvent(uid: "1", day: ICFix.day("2026-11-26"), time: ClockTime(hour: 1, minute: 30), durationMinutes: 90,
            summary: "Встреча")])
        #expect(feed.contains("\r\nDTSTART:20261125T223000Z\r\nDTEND:20261126T000000Z\r\n"))
    }

    @Test("A deadline is an all-day event whose DTEND is the next day", arguments: [
        ("2026-11-30", "20261130", "20261201"), ("2026-12-31", "20261231", "20270101"), ("2028-02-28", "20280228", "20280229"),
    ])
    func allDay(_ c: (String, String, String)) {
        let feed = ICFix.feed([CalendarEvent(uid: "1", day: ICFix.day(c.0), summary: "Срок")])
        #expect(feed.contains("\r\nDTSTART;VALUE=DATE:\(c.1)\r\nDTEND;VALUE=DATE:\(c.2)\r\n"))
        #expect(!feed.contains("DTSTART:"))
    }

    @Test("An empty feed is still a valid calendar")
    func emptyFeed() {
        let feed = ICFix.feed([])
        #expect(feed.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(feed.hasSuffix("X-WR-TIMEZONE:Europe/Moscow\r\nEND:VCALENDAR\r\n"))
        #expect(!feed.contains("BEGIN:VEVENT"))
        #expect(ICalendar.moscowOffsetMinutes == 180)
    }
}

@Suite("ICalendar: meeting times in the region's own time zone (issue 23, defect 6)")
struct ICalendarTimeZoneTests {
    @Test("A 15:00 meeting is 11:00Z in Izhevsk (Europe/Samara, UTC+4) and 12:00Z in Moscow; the end keeps the offset", arguments: [
        ("Europe/Samara", "20261126T110000Z", "20261126T114500Z"),
        ("Europe/Moscow", "20261126T120000Z", "20261126T124500Z"),
        ("Asia/Yekaterinburg", "20261126T100000Z", "20261126T104500Z"),
        ("Europe/Kaliningrad", "20261126T130000Z", "20261126T134500Z"),
        ("Asia/Kamchatka", "20261126T030000Z", "20261126T034500Z"),
    ])
    func fifteenHundred(_ c: (String, String, String)) {
        let e = CalendarEvent(uid: "m", day: ICFix.day("2026-11-26"), time: ClockTime(hour: 15, minute: 0), durationMinutes: 45,
            summary: "Встреча", timeZone: c.0)
        let feed = ICFix.feed([e])
        #expect(feed.contains("\r\nDTSTART:\(c.1)\r\nDTEND:\(c.2)\r\n"))
    }

    @Test("Events of different regions in one feed each carry their own zone's time")
    func mixedZones() {
        let izhevsk = CalendarEvent(uid: "a", day: ICFix.day("2026-11-26"), time: ClockTime(hour: 15, minute: 0), summary: "Ижевск", timeZone: "Europe/Samara")
        let moscow = CalendarEvent(uid: "b", day: ICFix.day("2026-11-26"), time: ClockTime(hour: 15, minute: 0), summary: "Москва")
        let feed = ICalendar.feed(name: "Наставник", events: [izhevsk, moscow], stamp: ICFix.stamp, timeZone: "Europe/Samara")
        #expect(feed.contains("UID:a\r\nDTSTAMP:\(ICFix.stamp)\r\nDTSTART:20261126T110000Z\r\n"))
        #expect(feed.contains("UID:b\r\nDTSTAMP:\(ICFix.stamp)\r\nDTSTART:20261126T120000Z\r\n"))
        #expect(feed.contains("\r\nX-WR-TIMEZONE:Europe/Samara\r\n"))
        #expect(!feed.contains("X-WR-TIMEZONE:Europe/Moscow"))
    }

    @Test("Early morning in Izhevsk is the previous day in UTC")
    func previousDay() {
        #expect(ICalendar.utc(ICFix.day("2026-01-01"), minutes: 2 * 60, timeZone: "Europe/Samara") == "20251231T220000Z")
        #expect(ICalendar.utc(ICFix.day("2026-01-01"), minutes: 2 * 60, timeZone: "Europe/Moscow") == "20251231T230000Z")
    }

    @Test("Offsets and names of Russian zones; an unknown zone counts as Moscow")
    func offsets() {
        let day = ICFix.day("2026-11-26")
        #expect(LocalTime.offsetMinutes("Europe/Samara", day: day) == 240)
        #expect(LocalTime.offsetMinutes("Europe/Moscow", day: day) == 180)
        #expect(LocalTime.offsetMinutes("Asia/Vladivostok", day: day) == 600)
        #expect(LocalTime.offsetMinutes("Нет/Такого", day: day) == 180)
        #expect(LocalTime.offsetMinutes("Asia/Kolkata", day: day) == 330)
        #expect(LocalTime.label("Europe/Samara", on: day) == "МСК+1 (UTC+4)")
        #expect(LocalTime.label("Europe/Moscow", on: day) == "МСК (UTC+3)")
        #expect(LocalTime.label("Europe/Kaliningrad", on: day) == "МСК−1 (UTC+2)")
        #expect(LocalTime.utcLabel("Asia/Kolkata", on: day) == "UTC+5:30")
        // The Unix epoch's ordinal the offsets are computed from.
        #expect(Day(year: 1970, month: 1, day: 1)?.ordinal == 719_162)
    }

    @Test("Only IANA identifiers are time zones", arguments: [
        ("Europe/Samara", true), ("Europe/Moscow", true), ("Asia/Yekaterinburg", true),
        ("", false), ("UTC+4", false), ("Ижевск", false), ("Europe/Izhevsk", false), ("GMT", false),
    ])
    func validity(_ c: (String, Bool)) {
        #expect(LocalTime.isValid(c.0) == c.1)
    }

    @Test("A region without a zone (older data) reads as Moscow time; a zone round-trips")
    func regionCoding() throws {
        let old = try JSONDecoder().decode(Region.self, from: Data(#"{"id":"6E1B8C8E-9E0B-4C1B-8A43-0B5E5F6A7B8C","name":"Старый регион"}"#.utf8))
        #expect(old.timeZone == "Europe/Moscow")
        let r = Region(name: "Удмуртская Республика", code: "18", timeZone: "Europe/Samara")
        #expect(try JSONDecoder().decode(Region.self, from: JSONEncoder().encode(r)) == r)
    }
}
