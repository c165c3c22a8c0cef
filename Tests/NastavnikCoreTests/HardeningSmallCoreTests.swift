import Foundation
import Testing

@testable import NastavnikCore

/// Issue 22, findings 8 and 9: the pure rules behind the fixes.
@Suite struct HardeningSmallCoreTests {
    static let anonymiser = NameAnonymiser.participants([
        (Person(lastName: "Иванов", firstName: "Артём", middleName: "Сергеевич", birthDate: Day("2013-03-01")!), .mentee),
        (Person(lastName: "Петрова", firstName: "Мария", middleName: "Ильинична", birthDate: Day("1980-05-12")!), .mentor),
    ])

    @Test func anonymiserReplacesRussianNameFormsIgnoringCase() {
        let a = Self.anonymiser
        for word in ["Иванов", "Иванова", "Иванову", "Ивановым", "Иванове", "ИВАНОВА", "иванову", "Артём", "Артёма", "Артёму", "Артёмом",
                     "Артеме", "АРТЁМ", "Сергеевич", "Сергеевича", "Сергеевичем"] {
            #expect(a.placeholder(for: word) == "[наставляемый]", "\(word)")
        }
        for word in ["Петрова", "Петровой", "Петрову", "Мария", "Марии", "Марию", "Марией", "Ильинична", "Ильиничны", "Ильиничне"] {
            #expect(a.placeholder(for: word) == "[наставник]", "\(word)")
        }
        for word in ["Иваново", "Иваново-Вознесенск", "артемида", "Петроград", "марка", "математика", "и", "в"] {
            #expect(a.placeholder(for: word) == nil, "\(word)")
        }
    }

    @Test func anonymiserTakesNamesOutOfACaseText() {
        let r = Self.anonymiser.anonymise("Иванов Артём подготовил доклад; Артёму помогла Петрова М. И. Итог: Иванова Артёма наградили, с Ивановым А.С. работали.")
        #expect(r.text == "[наставляемый] подготовил доклад; [наставляемый] помогла [наставник] Итог: [наставляемый] наградили, с [наставляемый] работали.")
        for name in ["Иванов", "Артём", "Петров", "Ивановым"] { #expect(!r.text.contains(name)) }
        #expect(r.replacements.contains(.init(original: "Иванова", placeholder: "[наставляемый]")))
        #expect(r.replacements.contains(.init(original: "Артёму", placeholder: "[наставляемый]")))
        #expect(r.replacements.contains(.init(original: "Петрова", placeholder: "[наставник]")))
        #expect(Set(r.replacements).count == r.replacements.count)
    }

    @Test func anonymiserKnowsOtherDeclensions() {
        let a = NameAnonymiser.participants([
            (Person(lastName: "Толстой", firstName: "Илья", middleName: "Павлович", birthDate: Day("2012-01-01")!), .mentee),
            (Person(lastName: "Кузнецова", firstName: "Анна", birthDate: Day("1990-01-01")!), .mentee),
            (Person(lastName: "Соколов", firstName: "Павел", birthDate: Day("1970-01-01")!), .mentor),
            (Person(lastName: "Белых", firstName: "Лев", birthDate: Day("1970-01-01")!), .mentor),
            (Person(lastName: "Петров-Водкин", firstName: "Дмитрий", birthDate: Day("1970-01-01")!), .mentor),
        ])
        for w in ["Толстого", "Толстому", "Толстым", "Ильи", "Илье", "Ильёй", "Кузнецовой", "Анны", "Анне", "Анной"] {
            #expect(a.placeholder(for: w) == "[наставляемый]", "\(w)")
        }
        for w in ["Павла", "Павлу", "Павлом", "Соколову", "Белых", "Льва", "Льву", "Водкина", "Дмитрия", "Дмитрием"] {
            #expect(a.placeholder(for: w) == "[наставник]", "\(w)")
        }
        #expect(a.anonymise("Встреча с Петровым-Водкиным Дмитрием.").text == "Встреча с [наставник].")
        #expect(a.placeholder(for: "Павл") == nil)
        #expect(NameAnonymiser([]).anonymise("Иванов").text == "Иванов")
    }

    @Test func anonymisedCaseKeepsItsAuthors() throws {
        let item = PracticeItem(kind: .caseStudy, title: "Кейс: Петрова — Иванов", description: "Итоги встреч: Артём выступил на конференции.",
                                authors: "Петрова Мария Ильинична", organisationID: UUID(), mentorshipID: UUID(), createdOn: Day("2026-01-10")!, createdBy: "x")
        let (out, replaced) = PracticeRules.anonymised(item, by: Self.anonymiser)
        #expect(out.title == "Кейс: [наставник] — [наставляемый]")
        #expect(out.description == "Итоги встреч: [наставляемый] выступил на конференции.")
        #expect(out.authors == item.authors)
        #expect(replaced.map(\.original) == ["Петрова", "Иванов", "Артём"])
    }

    @Test func calendarEscapeTurnsEveryLineBreakIntoBackslashN() {
        #expect(ICalendar.escape("a\rb") == "a\\nb")
        #expect(ICalendar.escape("a\r\nb") == "a\\nb")
        #expect(ICalendar.escape("a\nb") == "a\\nb")
        #expect(ICalendar.escape("a\n\rb") == "a\\n\\nb")
        #expect(ICalendar.escape("x\u{0}y\u{7}z\u{1B}\u{7F}") == "xyz")
        #expect(ICalendar.escape("a\tb; c, d\\") == "a\tb\\; c\\, d\\\\")
        let injected = "Встреча\rATTENDEE:mailto:evil@example.com\r\nX-EVIL:1\nEND:VEVENT"
        let escaped = ICalendar.escape(injected)
        #expect(!escaped.unicodeScalars.contains { $0 == "\r" || $0 == "\n" })
        let feed = ICalendar.feed(name: "Наставник", events: [CalendarEvent(uid: "u1", day: Day("2026-11-25")!, summary: injected)], stamp: "20261125T090000Z")
        let lines = feed.components(separatedBy: "\r\n")
        #expect(!lines.contains { $0.hasPrefix("ATTENDEE") || $0.hasPrefix("X-EVIL") })
        #expect(lines.filter { $0 == "END:VEVENT" }.count == 1)
        let bytes = Array(feed.utf8)
        #expect(bytes.indices.allSatisfy { bytes[$0] != 13 || ($0 + 1 < bytes.count && bytes[$0 + 1] == 10) }, "no lone CR")
        #expect(bytes.indices.allSatisfy { bytes[$0] != 10 || ($0 > 0 && bytes[$0 - 1] == 13) }, "no lone LF")
    }

    @Test func redirectTargetMustBeALocalPath() {
        for bad in ["/\\evil.example", "//evil.example", "/%5Cevil", "/%5cevil", "/%2F%2Fevil", "https://evil", "/\t/evil", "/\n/evil", "\\\\evil",
                    "evil.example", "", "javascript:alert(1)", "/a\r\nSet-Cookie: x=1", " /people"] {
            #expect(LocalRedirect.path(bad) == nil, "\(bad)")
        }
        for good in ["/", "/people?q=1", "/people/123/edit", "/practices?q=%D0%BA%D0%B5%D0%B9%D1%81", "/a/b//c"] {
            #expect(LocalRedirect.path(good) == good, "\(good)")
        }
        #expect(LocalRedirect.path(nil) == nil)
    }

    @Test func likePatternEscapesWildcards() {
        #expect(LikePattern.escaped("100%") == "100\\%")
        #expect(LikePattern.escaped("a_b") == "a\\_b")
        #expect(LikePattern.escaped("c:\\x") == "c:\\\\x")
        #expect(LikePattern.contains("Иван") == "%Иван%")
    }

    @Test func uploadedFilesAreServedByAnAllowList() {
        #expect(UploadedFileType.contentType(forFileName: "отчёт.PDF") == "application/pdf")
        #expect(UploadedFileType.contentType(forFileName: "a.docx") == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        #expect(UploadedFileType.contentType(forFileName: "photo.jpg") == "image/jpeg")
        for active in ["x.js", "x.html", "x.htm", "x.svg", "x.xml", "x.xhtml", "x.mjs", "noextension", "x.pdf.html"] {
            #expect(UploadedFileType.contentType(forFileName: active) == "application/octet-stream", "\(active)")
        }
        #expect(UploadedFileType.attachment("a\".html") == "attachment; filename=\"a_.html\"; filename*=UTF-8''a%22.html")
        #expect(UploadedFileType.attachment("План.docx") == "attachment; filename=\"download.docx\"; filename*=UTF-8''%D0%9F%D0%BB%D0%B0%D0%BD.docx")
        #expect(!UploadedFileType.attachment("a\r\nX: y.txt").contains("\r"))
    }
}
