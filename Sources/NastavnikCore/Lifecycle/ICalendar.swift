import Foundation

/// One entry of a personal calendar feed: a timed meeting or an all-day deadline.
public struct CalendarEvent: Sendable, Equatable {
    public var uid: String
    public var day: Day
    /// nil: an all-day event (a deadline).
    public var time: ClockTime?
    public var durationMinutes: Int
    public var summary: String
    public var description: String?
    public var location: String?
    /// IANA zone `time` is a wall-clock time in: the zone of the region of the pair's organisation.
    public var timeZone: String

    public init(uid: String, day: Day, time: ClockTime? = nil, durationMinutes: Int = 60, summary: String,
                description: String? = nil, location: String? = nil, timeZone: String = LocalTime.moscow) {
        self.uid = uid
        self.timeZone = timeZone
        self.day = day
        self.time = time
        self.durationMinutes = durationMinutes
        self.summary = summary
        self.description = description
        self.location = location
    }
}

/// RFC 5545 text for a feed. Meeting times are wall-clock times of each event's own zone and are written in UTC
/// (`…Z`), so every calendar client places them right whatever zone it shows them in; `timeZone` (the reader's
/// region) is only the display hint X-WR-TIMEZONE.
public enum ICalendar {
    public static let moscowOffsetMinutes = 180

    public static func feed(name: String, events: [CalendarEvent], stamp: String, timeZone: String = LocalTime.moscow) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Nastavnik//Nastavnik//RU", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:" + escape(name), "X-WR-TIMEZONE:" + escape(timeZone),
        ]
        for e in events {
            lines += ["BEGIN:VEVENT", "UID:\(e.uid)", "DTSTAMP:\(stamp)"]
            if let t = e.time {
                let start = t.hour * 60 + t.minute
                // The end is the start plus the duration in real time, with the start's offset.
                let offset = LocalTime.offsetMinutes(e.timeZone, day: e.day, minutes: start)
                lines.append("DTSTART:" + utc(e.day, minutes: start, offsetMinutes: offset))
                lines.append("DTEND:" + utc(e.day, minutes: start + e.durationMinutes, offsetMinutes: offset))
            } else {
                lines.append("DTSTART;VALUE=DATE:" + compact(e.day))
                lines.append("DTEND;VALUE=DATE:" + compact(e.day.adding(days: 1)))
            }
            lines.append("SUMMARY:" + escape(e.summary))
            if let d = e.description { lines.append("DESCRIPTION:" + escape(d)) }
            if let l = e.location { lines.append("LOCATION:" + escape(l)) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func compact(_ d: Day) -> String { String(format: "%04d%02d%02d", d.year, d.month, d.day) }

    /// Wall-clock minutes of `day` in the zone `timeZone` → `YYYYMMDDTHHMMSSZ`.
    public static func utc(_ day: Day, minutes local: Int, timeZone: String = LocalTime.moscow) -> String {
        utc(day, minutes: local, offsetMinutes: LocalTime.offsetMinutes(timeZone, day: day, minutes: local))
    }

    /// Minutes of `day` at `offsetMinutes` from UTC → `YYYYMMDDTHHMMSSZ`.
    public static func utc(_ day: Day, minutes local: Int, offsetMinutes: Int) -> String {
        let total = local - offsetMinutes
        let dayShift = Int((Double(total) / 1440).rounded(.down))
        let rest = total - dayShift * 1440
        return compact(day.adding(days: dayShift)) + String(format: "T%02d%02d00Z", rest / 60, rest % 60)
    }

    /// TEXT escaping (RFC 5545 §3.3.11). A line break in any spelling — CRLF, LF or a lone CR (which a calendar
    /// client also takes for the end of a content line) — becomes `\n`; other control characters (but a tab) are dropped, so a
    /// value can never start a property of its own («\rATTENDEE:…»).
    public static func escape(_ s: String) -> String {
        var out = ""
        var scalars = s.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let c = pending {
            pending = scalars.next()
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r":
                out += "\\n"
                if pending == "\n" { pending = scalars.next() }
            case "\n", "\u{0085}", "\u{2028}", "\u{2029}": out += "\\n"
            default:
                if c != "\t" && c.properties.generalCategory == .control { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Lines longer than 75 octets are folded with CRLF + space, never inside a UTF-8 character.
    public static func fold(_ line: String) -> String {
        var out = ""
        var count = 0
        for ch in line {
            let n = String(ch).utf8.count
            if count + n > 75 {
                out += "\r\n "
                count = 1
            }
            out.append(ch)
            count += n
        }
        return out
    }
}
