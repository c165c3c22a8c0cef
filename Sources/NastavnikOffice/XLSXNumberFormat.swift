import Foundation

/// How the reader shows a numeric cell, decided by its style's number format.
enum XLSXNumberFormat: Equatable {
    case number
    /// "dd.mm.yyyy".
    case date
    /// "dd.mm.yyyy HH:mm" or "dd.mm.yyyy HH:mm:ss".
    case dateTime(seconds: Bool)
    /// "HH:mm" or "HH:mm:ss"; `elapsed` (`[h]`) counts hours past 24.
    case time(seconds: Bool, elapsed: Bool)

    /// Built-in formats (ECMA-376 §18.8.30) that show dates or times.
    init(builtIn id: Int) {
        switch id {
        case 14...17: self = .date
        case 18, 20: self = .time(seconds: false, elapsed: false)
        case 19, 21, 45, 47: self = .time(seconds: true, elapsed: false)
        case 22: self = .dateTime(seconds: false)
        case 46: self = .time(seconds: true, elapsed: true)
        default: self = .number
        }
    }

    /// Classifies a format code by its first section, ignoring quoted text, escaped characters,
    /// padding, colours, conditions and locale tags. `m` is a month unless hours or seconds are shown.
    init(code: String) {
        var hasDay = false, hasMonthOrMinute = false, hasHour = false, hasSecond = false, elapsed = false
        var scalars = code.lowercased().unicodeScalars.makeIterator()
        scan: while let scalar = scalars.next() {
            switch scalar {
            case ";": break scan
            case "\"": while let next = scalars.next(), next != "\"" {}
            case "\\", "_", "*": _ = scalars.next()
            case "[":
                var bracket = String.UnicodeScalarView()
                while let next = scalars.next(), next != "]" { bracket.append(next) }
                if let first = bracket.first, "hms".unicodeScalars.contains(first) {
                    elapsed = true
                    hasHour = hasHour || first == "h"
                    hasSecond = hasSecond || first == "s"
                    hasMonthOrMinute = hasMonthOrMinute || first == "m"
                }
            case "d", "y": hasDay = true
            case "m": hasMonthOrMinute = true
            case "h": hasHour = true
            case "s": hasSecond = true
            default: break
            }
        }
        let hasTime = hasHour || hasSecond || elapsed
        let hasDate = hasDay || (hasMonthOrMinute && !hasTime)
        switch (hasDate, hasTime) {
        case (true, true): self = .dateTime(seconds: hasSecond)
        case (true, false): self = .date
        case (false, true): self = .time(seconds: hasSecond, elapsed: elapsed)
        case (false, false): self = .number
        }
    }

    /// The text of a cell's raw `<v>` value.
    func render(_ raw: String, date1904: Bool) -> String {
        guard self != .number, let serial = Double(raw), serial >= 0, serial < 2_958_466 else {
            return Self.plainNumber(raw)
        }
        let totalSeconds = Int((serial * 86_400).rounded())
        let days = totalSeconds / 86_400, seconds = totalSeconds % 86_400
        switch self {
        case .number:
            return Self.plainNumber(raw)
        case let .time(showSeconds, elapsed):
            return Self.clock(elapsed ? totalSeconds : seconds, seconds: showSeconds)
        case .date, .dateTime:
            guard let day = XLSXDateSerial.day(serial: days, date1904: date1904) else { return Self.plainNumber(raw) }
            guard case let .dateTime(showSeconds) = self else { return day.text }
            return day.text + " " + Self.clock(seconds, seconds: showSeconds)
        }
    }

    /// "HH:mm" or "HH:mm:ss" of a number of seconds.
    static func clock(_ totalSeconds: Int, seconds: Bool) -> String {
        let pad = XLSXDateSerial.Day.pad
        let hoursAndMinutes = pad(totalSeconds / 3600, 2) + ":" + pad(totalSeconds / 60 % 60, 2)
        return seconds ? hoursAndMinutes + ":" + pad(totalSeconds % 60, 2) : hoursAndMinutes
    }

    /// A number as Excel's General format shows it, but with "." as the decimal point and no
    /// thousands separator: at most 15 significant digits, whole numbers below 10^15 without
    /// a fraction or exponent. Text that is no number is returned unchanged.
    static func plainNumber(_ raw: String) -> String {
        if isCanonical(raw) { return raw }
        guard let value = Double(raw) ?? Double(raw.trimmingCharacters(in: .whitespaces)), value.isFinite else { return raw }
        return format(value)
    }

    static func format(_ value: Double) -> String {
        guard value != 0 else { return "0" }
        var rounded = value
        let exponent = Int(log10(abs(value)).rounded(.down))
        if exponent < 14 {
            let scale = pow(10, Double(14 - exponent))
            if scale.isFinite, (value * scale).isFinite { rounded = (value * scale).rounded() / scale }
        } else {
            let scale = pow(10, Double(exponent - 14))
            rounded = (value / scale).rounded() * scale
        }
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return rounded.description
    }

    /// Already as `format` would print it: an optional "-", then 1...15 digits without a leading zero
    /// (unless alone before the point), then optionally "." and digits not ending in "0".
    private static func isCanonical(_ raw: String) -> Bool {
        var digits = 0, fractionDigits = -1, leadingZero = false, last: UInt8 = 0
        for (offset, byte) in raw.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if digits == 0, fractionDigits < 0, byte == UInt8(ascii: "0") { leadingZero = true }
                else if leadingZero, fractionDigits < 0 { return false }
                digits += 1
                if fractionDigits >= 0 { fractionDigits += 1 }
            case UInt8(ascii: "-") where offset == 0: break
            case UInt8(ascii: ".") where fractionDigits < 0 && digits > 0: fractionDigits = 0
            default: return false
            }
            last = byte
        }
        guard (1...15).contains(digits), fractionDigits != 0 else { return false }
        if fractionDigits > 0 { return last != UInt8(ascii: "0") }
        return !(leadingZero && raw.hasPrefix("-")) // "-0"
    }

    /// An ISO 8601 `t="d"` value: "2024-03-15" → "15.03.2024", with " HH:mm:ss" when a time of day
    /// is given; anything else unchanged.
    static func isoDate(_ raw: String) -> String {
        let parts = raw.split(whereSeparator: { "-T:Z.+ ".contains($0) }).map { Int($0) }
        guard parts.count >= 3, let year = parts[0], let month = parts[1], let day = parts[2], (1...12).contains(month),
              (1...XLSXDateSerial.daysInMonth(year: year, month: month)).contains(day)
        else { return raw }
        let date = XLSXDateSerial.Day(year: year, month: month, day: day).text
        let time = parts.dropFirst(3).prefix(3).map { $0 ?? 0 }
        guard time.count >= 2, time.contains(where: { $0 != 0 }) else { return date }
        let seconds = time[0] * 3600 + time[1] * 60 + (time.count > 2 ? time[2] : 0)
        return date + " " + clock(seconds, seconds: true)
    }
}
