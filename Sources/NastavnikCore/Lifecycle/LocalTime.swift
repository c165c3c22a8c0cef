import Foundation

/// Meeting times are wall-clock times of the region of the pair's organisation, which names its IANA time zone
/// (issue 23, defect 6: an Izhevsk teacher types Izhevsk time, UTC+4, not Moscow time).
public enum LocalTime {
    public static let moscow = "Europe/Moscow"

    /// The zones of Russia's regions, for the administrator's choice (any other IANA zone is accepted too).
    public static let russianZones: [(identifier: String, regions: String)] = [
        ("Europe/Kaliningrad", "Калининградская обл."),
        ("Europe/Moscow", "Москва и большинство регионов европейской части"),
        ("Europe/Samara", "Самарская обл., Удмуртия"),
        ("Europe/Ulyanovsk", "Ульяновская обл."),
        ("Europe/Saratov", "Саратовская обл."),
        ("Europe/Astrakhan", "Астраханская обл."),
        ("Asia/Yekaterinburg", "Урал: Свердловская, Челябинская, Тюменская обл., Башкортостан, Пермский край"),
        ("Asia/Omsk", "Омская обл."),
        ("Asia/Novosibirsk", "Новосибирская обл."),
        ("Asia/Barnaul", "Алтайский край, Республика Алтай"),
        ("Asia/Tomsk", "Томская обл."),
        ("Asia/Novokuznetsk", "Кемеровская обл."),
        ("Asia/Krasnoyarsk", "Красноярский край, Хакасия, Тыва"),
        ("Asia/Irkutsk", "Иркутская обл., Бурятия"),
        ("Asia/Chita", "Забайкальский край"),
        ("Asia/Yakutsk", "Якутия, Амурская обл."),
        ("Asia/Vladivostok", "Приморский и Хабаровский край, ЕАО"),
        ("Asia/Sakhalin", "Сахалинская обл."),
        ("Asia/Magadan", "Магаданская обл."),
        ("Asia/Kamchatka", "Камчатский край"),
        ("Asia/Anadyr", "Чукотка"),
    ]

    /// True for an identifier the system's time zone database knows («Europe/Samara»; not «UTC+4» or «Ижевск»).
    public static func isValid(_ identifier: String) -> Bool {
        identifier.contains("/") && TimeZone(identifier: identifier) != nil
    }

    /// Offset from UTC, in minutes, of the wall-clock time `minutes` after midnight of `day` in the zone `identifier`;
    /// an unknown zone counts as Moscow time (UTC+3 all year since 2014).
    public static func offsetMinutes(_ identifier: String, day: Day, minutes local: Int = 12 * 60) -> Int {
        guard let zone = TimeZone(identifier: identifier) else { return 180 }
        let epoch = 719_162  // Day(1970-01-01).ordinal
        let wall = Double(day.ordinal - epoch) * 86_400 + Double(local) * 60
        // The wall-clock seconds read as UTC, moved back by the zone's offset there; once more in case that crossed a change.
        let first = zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall))
        let second = zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall - Double(first)))
        return second / 60
    }

    /// «UTC+4», «UTC+5:30», «UTC−1».
    public static func utcLabel(_ identifier: String, on day: Day) -> String {
        "UTC" + signed(offsetMinutes(identifier, day: day))
    }

    /// How Russians name a zone: «МСК+1 (UTC+4)», «МСК (UTC+3)».
    public static func label(_ identifier: String, on day: Day) -> String {
        let offset = offsetMinutes(identifier, day: day)
        let msk = offset - 180
        return (msk == 0 ? "МСК" : "МСК" + signed(msk)) + " (UTC" + signed(offset) + ")"
    }

    static func signed(_ minutes: Int) -> String {
        let sign = minutes < 0 ? "−" : "+"
        let m = abs(minutes)
        return sign + (m % 60 == 0 ? "\(m / 60)" : String(format: "%d:%02d", m / 60, m % 60))
    }
}
