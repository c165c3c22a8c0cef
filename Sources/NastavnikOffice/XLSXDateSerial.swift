/// Excel serial day numbers ↔ proleptic Gregorian dates, without Foundation calendars.
///
/// 1900 system: serial 1 is 1900-01-01 and serial 60 is the non-existent 1900-02-29
/// (Lotus compatibility bug), so from 1900-03-01 on serial 0 is effectively 1899-12-30.
/// 1904 system: serial 0 is 1904-01-01, no bug.
enum XLSXDateSerial {
    struct Day: Equatable {
        var year: Int, month: Int, day: Int

        /// "dd.mm.yyyy".
        var text: String { "\(Self.pad(day, 2)).\(Self.pad(month, 2)).\(Self.pad(year, 4))" }

        static func pad(_ n: Int, _ width: Int) -> String {
            let digits = String(n.magnitude)
            return (n < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
    }

    /// The serial of a valid date in the 1900 system, or nil for invalid dates and dates
    /// outside 1900-01-01...9999-12-31, which Excel cannot show.
    static func serial(year: Int, month: Int, day: Int) -> Int? {
        guard (1900...9999).contains(year), (1...12).contains(month),
              (1...daysInMonth(year: year, month: month)).contains(day) else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        return days < march1900 ? days - dec31of1899 : days - dec30of1899
    }

    /// The date of a serial's whole part, or nil when out of Excel's range.
    static func day(serial: Int, date1904: Bool) -> Day? {
        guard serial >= (date1904 ? 0 : 1), serial <= 2_958_465 else { return nil }
        if date1904 { return civil(daysSinceEpoch: jan1of1904 + serial) }
        if serial == 60 { return Day(year: 1900, month: 2, day: 29) }
        return civil(daysSinceEpoch: serial < 60 ? dec31of1899 + serial : dec30of1899 + serial)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Days since 1970-01-01 of the reference dates.
    private static let dec30of1899 = daysSinceEpoch(year: 1899, month: 12, day: 30)
    private static let dec31of1899 = daysSinceEpoch(year: 1899, month: 12, day: 31)
    private static let march1900 = daysSinceEpoch(year: 1900, month: 3, day: 1)
    private static let jan1of1904 = daysSinceEpoch(year: 1904, month: 1, day: 1)

    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int { CivilCalendar.days(year: year, month: month, day: day) }

    static func civil(daysSinceEpoch days: Int) -> Day {
        let (year, month, day) = CivilCalendar.date(daysSinceEpoch: days)
        return Day(year: year, month: month, day: day)
    }
}

/// The proleptic Gregorian calendar by day counts from 1970-01-01, in integers (H. Hinnant's algorithms): for Excel's
/// serial days and for the instants written to PostgreSQL's COPY, without Foundation's calendars.
public enum CivilCalendar {
    /// Days since 1970-01-01 (`days_from_civil`).
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day count from 1970-01-01 (`civil_from_days`).
    public static func date(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
