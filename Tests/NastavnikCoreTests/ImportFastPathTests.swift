import Foundation
import Testing

@testable import NastavnikCore

/// The import's fast paths (issue 5: 100,000 rows in under 10 s) must answer exactly as the general code they
/// stand in front of.
@Suite("Import fast paths agree with the general ones")
struct ImportFastPathTests {
    @Test("Dates: exact дд.мм.гггг and гггг-мм-дд and every odd form parse as the general parser does")
    func days() {
        let samples = [
            "06.05.2022", "2022-05-06", "31.02.2020", "29.02.2024", "29.02.2023", "00.01.2020", "1.5.2022", " 06.05.2022 ",
            "2022-5-6", "06.05.22", "06-05-2022", "2022.05.06", "+6.05.2022", "0a.05.2022", "99.99.9999", "", "06.05.20222", "2022-05-06T00",
            "١٢.٠٥.٢٠٢٢",
        ]
        for s in samples { #expect(Day(s) == Day.parseGeneral(s), "\(s)") }
        // Every day of a few years, both ways round.
        var d = Day(year: 1999, month: 12, day: 25)!
        while d < Day(year: 2001, month: 3, day: 5)! {
            #expect(Day(d.russian) == d && Day(d.iso) == d && Day.fromISO(d.iso) == d)
            d = d.adding(days: 1)
        }
        #expect(Day.fromISO("06.05.2022") == nil)
    }

    @Test("Column and value keys: Russian and ASCII by code point, anything else by the general path, the same result")
    func keys() {
        let samples = [
            "Фамилия", "ДАТА РОЖДЕНИЯ", "Ёлкина Алёна", "СНИЛС (без пробелов)", "e-mail", "Дата согласия*", "  Пол ", "№ п/п", "Класс/курс",
            "Café", "й" + "\u{0306}", "Иван\u{0301}ов", "ΑΒΓ", "x²", "12 (a (b) c) d", "((", ")x", "tab\there", "Щука-ЪЁ", "ѢѣѲѳ", "",
        ]
        for s in samples {
            #expect(ImportText.key(s) == ImportText.unicodeKey(s), "\(s)")
            if let fast = ImportText.simpleKey(s) { #expect(fast == ImportText.unicodeKey(s), "\(s)") }
        }
        #expect(ImportText.simpleKey("Café") == nil)
        #expect(ImportText.simpleKey("ДАТА (дд.мм.гггг)") == "дата")
    }

    @Test("Labelled values by identifier, label or remark, with synonyms first, as the search through the cases finds them")
    func labels() {
        for c in QualificationCategory.allCases {
            #expect(ImportText.labelled(c.label.uppercased(), QualificationCategory.self) == c)
            #expect(ImportText.labelled(c.rawValue, QualificationCategory.self) == c)
        }
        #expect(ImportText.labelled("муж", Sex.self, synonyms: ["муж": .male]) == .male)
        #expect(ImportText.labelled("нечто", Sex.self) == nil)
        #expect(ImportText.labelled("  ", Sex.self) == nil)
    }

    @Test("Names: too long or with a digit, by bytes for Russian and ASCII and by characters otherwise")
    func names() {
        let cases: [(String, Bool)] = [
            ("Иванова", false), ("Иванова2", true), ("O'Neil", false), (String(repeating: "я", count: 100), false),
            (String(repeating: "я", count: 101), true), (String(repeating: "a", count: 101), true), ("Анна-Мария", false),
            ("Zoë", false), ("Zoë٣", true), ("Иван\u{0301}", false), (String(repeating: "ë", count: 60), false),
        ]
        for (name, expected) in cases {
            #expect(PersonRules.tooLongOrHasDigits(name) == expected, "\(name)")
            #expect(PersonRules.tooLongOrHasDigits(name) == (name.count > 100 || name.contains(where: \.isNumber)), "\(name)")
        }
    }

    @Test("SNILS: 11 ASCII digits with the checksum of the first nine (seed-free examples from the rule)")
    func snils() {
        let valid = Snils.make([1, 1, 2, 2, 3, 3, 4, 4, 5])
        #expect(Snils.isValid(valid))
        #expect(!Snils.isValid(String(valid.dropLast()) + "9"))
        #expect(!Snils.isValid("1122233344"))
        #expect(!Snils.isValid("112-233-445 95"))
        #expect(!Snils.isValid("١١٢٢٣٣٤٤٥٩٥"))
    }

    @Test("Time-ordered UUIDs: version 7, RFC variant, strictly increasing as text and as bytes, unique")
    func timeOrdered() {
        let ids = (0..<20_000).map { _ in UUID.timeOrdered() }
        #expect(Set(ids).count == ids.count)
        for (a, b) in zip(ids, ids.dropFirst()) { #expect(a.uuidString < b.uuidString) }
        let first = ids[0].uuid
        #expect(first.6 >> 4 == 7)
        #expect(first.8 >> 6 == 0b10)
        // The first 48 bits are the time in milliseconds.
        let millis = [first.0, first.1, first.2, first.3, first.4, first.5].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(abs(Double(millis) / 1000 - Date().timeIntervalSince1970) < 60)
        // 4,096 in one millisecond carry the time on instead of repeating.
        let generator = TimeOrderedIDs()
        let now = Date()
        let burst = (0..<5_000).map { _ in generator.next(now: now) }
        for (a, b) in zip(burst, burst.dropFirst()) { #expect(a.uuidString < b.uuidString) }
    }
}
