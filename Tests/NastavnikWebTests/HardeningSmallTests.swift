import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// Issue 22, findings 8 and 9: a case names no participant; `next` stays on the site; uploads never run on it;
/// a search's «%» and «_» are literal.
@Suite("Hardening: anonymised cases, redirects, uploads, LIKE", .serialized)
struct HardeningSmallTests {
    /// GET with a session cookie: status, headers, body.
    static func get(_ app: Application, _ path: String, cookie: String) async throws -> (HTTPStatus, HTTPHeaders, String) {
        var out: (HTTPStatus, HTTPHeaders, String) = (.internalServerError, [:], "")
        try await app.testing().test(.GET, path, beforeRequest: { req in
            req.headers.cookie = ["nastavnik_session": .init(string: cookie)]
        }, afterResponse: { res in out = (res.status, res.headers, res.body.text) })
        return out
    }

    static func expectInert(_ h: HTTPHeaders, _ what: String) {
        #expect(h.first(name: .contentType) == "application/octet-stream", "\(what): \(h.first(name: .contentType) ?? "")")
        #expect(h.first(name: .contentDisposition)?.hasPrefix("attachment;") == true, "\(what)")
        #expect(h.first(name: "X-Content-Type-Options") == "nosniff", "\(what)")
    }

    @Test("«Оформить кейс» from a pupil's pair: the stored case names nobody; the moderator sees what was replaced; an edit cannot put a name back")
    func caseIsAnonymised() async throws {
        try await withApp { app, f in
            // A completed pair: teacher A mentors the 13-year-old pupil; meeting outcomes and the result name him.
            let m = Mentorship(organisationID: f.schoolA.id, form: .teacherStudent, title: "Учителева — Школьников", start: Day("2025-09-01")!,
                               plannedEnd: Day("2026-05-31")!, actualEnd: Day("2026-05-30")!, status: .completed,
                               resultSummary: "Школьников Петя стал призёром муниципальной олимпиады.")
            try await MentorshipRecord(m).create(on: app.db)
            try await app.db.insertAll([
                ParticipantRecord(Participant(mentorshipID: m.id, personID: f.teacher["A"]!.id, role: .mentor, joinedOn: m.start)),
                ParticipantRecord(Participant(mentorshipID: m.id, personID: f.student.id, role: .mentee, joinedOn: m.start)),
            ])
            let outcomes = ["Петя Школьников подготовил доклад о дробях.", "Школьникову Пете объяснили задачи олимпиады; Анна Петровна дала план.",
                            "Работа с Петей над проектом, ШКОЛЬНИКОВ выступил на конференции."]
            for (i, outcome) in outcomes.enumerated() {
                try await MeetingRecord(Meeting(mentorshipID: m.id, type: .regular, date: Day("2025-10-0\(i + 1)")!, time: ClockTime(hour: 15, minute: 0)!,
                                                agenda: "Встреча \(i + 1)", outcome: outcome, status: .held)).create(on: app.db)
            }
            let curator = try await app.sessionCookie("curator")
            let csrf = try await app.csrf("/mentorships/\(m.id)", cookie: curator)
            var location = ""
            try await app.testing().test(.POST, "/mentorships/\(m.id)/case", beforeRequest: { req in
                req.headers.cookie = ["nastavnik_session": .init(string: curator)]
                try req.content.encode(["csrf": csrf], as: .urlEncodedForm)
            }, afterResponse: { res in location = res.headers.first(name: .location) ?? "" })
            let record = try #require(try await PracticeItemRecord.query(on: app.db).filter(\.$mentorshipID == m.id).first())
            #expect(location == "/practices/\(record.id!)/edit")
            let stored = record.title + "\n" + record.description
            for name in ["Школьников", "ШКОЛЬНИКОВ", "Петя", "Пете", "Петей", "Учителева", "Анна", "Петровна"] {
                #expect(!stored.contains(name), "\(name) in «\(stored)»")
            }
            #expect(stored.contains("[наставляемый] подготовил доклад о дробях"))
            #expect(stored.contains("Результат: [наставляемый] стал призёром"))
            #expect(record.title == "Кейс: [наставник] — [наставляемый]")
            // The author publishes it openly and types the name back in: it is replaced again.
            let token = try await app.token("curator")
            let (s1, _) = try await app.api(.PUT, "/practices/\(record.id!)", token: token, json: [
                "kind": "case", "title": record.title, "authors": record.authors, "level": "open",
                "description": record.description + "\nВыводы: Петя Школьников — пример для класса.",
            ])
            #expect(s1 == .ok)
            let edited = try #require(try await PracticeItemRecord.find(record.id, on: app.db))
            #expect(!edited.description.contains("Школьников"))
            #expect(edited.description.contains("Выводы: [наставляемый] — пример для класса."))
            #expect(PracticeBankTests.status(try await app.api(.POST, "/practices/\(record.id!)/submit", token: token).1) == "pending")
            // The region moderates an open item: its page lists what was replaced.
            let (status, _, page) = try await Self.get(app, "/practices/\(record.id!)", cookie: try await app.sessionCookie("region"))
            #expect(status == .ok)
            #expect(page.contains("Обезличивание"))
            #expect(page.contains("«Школьников» → [наставляемый]"))
            #expect(page.contains("«Школьникову» → [наставляемый]"))
            #expect(page.contains("«Петей» → [наставляемый]"))
            #expect(page.contains("«Анна» → [наставник]"))
            #expect(page.contains("Принять решение"))
            #expect(page.contains("[наставляемый] стал призёром"))
            #expect(!page.contains("Петя Школьников") && !page.contains("Школьников Петя"))
            // Published openly, it reaches the regional tutor (and the country) without the pupil's name.
            #expect(PracticeBankTests.status(try await app.api(.POST, "/practices/\(record.id!)/moderate", token: try await app.token("region"), json: ["decision": "approve"]).1) == "published")
            let (_, body) = try await app.api(.GET, "/practices/\(record.id!)", token: try await app.token("tutor"))
            #expect(body.text.contains("[наставляемый]"))
            #expect(!body.text.contains("Школьников"))
            #expect(!body.text.contains("Петя"))
        }
    }

    /// Signs in through the form with `next`; gives the redirect's Location.
    static func loginLocation(_ app: Application, next: String) async throws -> String {
        var cookie = "", csrf = "", location = ""
        try await app.testing().test(.GET, "/login", afterResponse: { res in
            cookie = res.headers.setCookie?["nastavnik_session"]?.string ?? ""
            let html = res.body.text
            if let r = html.range(of: "name=\"csrf\" value=\"") { csrf = String(html[r.upperBound...].prefix { $0 != "\"" }) }
        })
        try await app.testing().test(.POST, "/login", beforeRequest: { req in
            req.headers.cookie = ["nastavnik_session": .init(string: cookie)]
            try req.content.encode(["login": "curator", "password": "Проверка12345", "csrf": csrf.replacingOccurrences(of: "&#39;", with: "'"), "next": next],
                                   as: .urlEncodedForm)
        }, afterResponse: { res in
            #expect(res.status == .seeOther || res.status == .found, "\(next): \(res.status)")
            location = res.headers.first(name: .location) ?? ""
        })
        return location
    }

    @Test("`next` after signing in is a path of this site: `/\\evil`, `//evil`, `/%5Cevil`, `https://evil`, `/\\t/evil` go home")
    func loginNext() async throws {
        try await withApp { app, _ in
            for bad in ["/\\evil.example", "//evil.example", "/%5Cevil", "https://evil", "/\t/evil"] {
                let location = try await Self.loginLocation(app, next: bad)
                #expect(location == "/", "\(bad)")
            }
            let good = try await Self.loginLocation(app, next: "/people?q=1")
            #expect(good == "/people?q=1")
        }
    }

    @Test("Uploaded .js, .html, .svg come back as an attachment of application/octet-stream, never sniffed, on every route that serves an upload")
    func uploadsAreInert() async throws {
        try await withApp { app, f in
            let cookie = try await app.sessionCookie("curator")
            let csrf = try await app.csrf("/practices/new", cookie: cookie)
            for (name, type, text) in [("x.js", "application/javascript", "alert(document.cookie)"), ("x.html", "text/html", "<script>alert(1)</script>"),
                                       ("x.svg", "image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")] {
                let fields = [("csrf", csrf), ("kind", "methodology"), ("title", "Материал \(name)"), ("description", "Материал с файлом для проверки того, как он отдаётся."),
                              ("authors", "Учителева А. П."), ("level", "organisation")]
                let (status, location, _) = try await app.postMultipart("/practices/new", cookie: cookie, fields: fields, file: ("file", name, type, text))
                #expect(status == .seeOther)
                let (s, h, body) = try await Self.get(app, location + "/file", cookie: cookie)
                #expect(s == .ok)
                #expect(body == text)
                Self.expectInert(h, name)
            }
            // An allowed type keeps its type, still as a download.
            let fields = [("csrf", csrf), ("kind", "methodology"), ("title", "Материал PDF"), ("description", "Материал с файлом для проверки того, как он отдаётся."),
                          ("authors", "Учителева А. П."), ("level", "organisation")]
            let (_, pdf, _) = try await app.postMultipart("/practices/new", cookie: cookie, fields: fields, file: ("file", "plan.pdf", "text/html", "%PDF-1.4"))
            let (_, ph, _) = try await Self.get(app, pdf + "/file", cookie: cookie)
            #expect(ph.first(name: .contentType) == "application/pdf")
            #expect(ph.first(name: .contentDisposition)?.hasPrefix("attachment;") == true)
            // A scan in the registry of local acts (page and API) and a document template.
            let scan = StoredFileRecord(name: "скан.html", contentType: "text/html", bytes: Data("<script>alert(1)</script>".utf8), uploadedBy: "curator")
            try await scan.create(on: app.db)
            let act = LocalAct(organisationID: f.schoolA.id, kind: .regulation, title: "Положение о наставничестве", fileID: scan.id, fileName: scan.name, createdOn: testToday)
            try await LocalActRecord(act).create(on: app.db)
            let (s1, h1, _) = try await Self.get(app, "/documents/\(act.id)/file", cookie: cookie)
            #expect(s1 == .ok)
            Self.expectInert(h1, "/documents/:act/file")
            var apiHeaders = HTTPHeaders()
            let token = try await app.token("curator")
            try await app.testing().test(.GET, "/api/v1/local-acts/\(act.id)/file", beforeRequest: { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: token)
            }, afterResponse: { res in
                #expect(res.status == .ok)
                apiHeaders = res.headers
            })
            Self.expectInert(apiHeaders, "/api/v1/local-acts/:id/file")
            let svg = StoredFileRecord(name: "шаблон.svg", contentType: "image/svg+xml", bytes: Data("<svg onload=\"alert(1)\"/>".utf8), uploadedBy: "region")
            try await svg.create(on: app.db)
            let template = DocumentTemplateRecord(kind: "regulation", regionID: f.region.id, municipalityID: nil, fileID: svg.id!, fileName: svg.name, uploadedBy: "region", uploadedOn: testToday)
            try await template.create(on: app.db)
            let (s2, h2, _) = try await Self.get(app, "/templates/\(template.id!)/file", cookie: cookie)
            #expect(s2 == .ok)
            Self.expectInert(h2, "/templates/:template/file")
        }
    }

    @Test("A search for «%» or «_» finds only the rows that contain it")
    func likeWildcardsAreLiteral() async throws {
        try await withApp { app, f in
            let percent = Person(lastName: "Сто%Процентов", firstName: "Ян", birthDate: Day("1990-01-01")!)
            let underscore = Person(lastName: "Подчерк_Тестов", firstName: "Ян", birthDate: Day("1990-01-01")!)
            try await app.db.insertAll([PersonRecord(percent), PersonRecord(underscore)])
            try await app.db.insertAll([
                MembershipRecord(Membership(personID: percent.id, organisationID: f.schoolA.id, role: .pedagogical, position: "учитель", subjects: ["физика 100%"], period: Period(start: Day("2024-09-01")!))),
                MembershipRecord(Membership(personID: underscore.id, organisationID: f.schoolA.id, role: .pedagogical, position: "учитель", subjects: ["химия"], period: Period(start: Day("2024-09-01")!))),
            ])
            let token = try await app.token("admin")
            func names(_ query: String) async throws -> String {
                let (status, body) = try await app.api(.GET, "/people?" + query, token: token)
                #expect(status == .ok, "\(query)")
                return body.text
            }
            let all = try await names("")
            #expect(all.contains("Учителева") && all.contains("Сто%Процентов") && all.contains("Подчерк_Тестов"))
            let p = try await names("q=%25")
            #expect(p.contains("Сто%Процентов"))
            #expect(!p.contains("Подчерк_Тестов") && !p.contains("Учителева") && !p.contains("Молодцов"))
            let u = try await names("q=_")
            #expect(u.contains("Подчерк_Тестов"))
            #expect(!u.contains("Сто%Процентов") && !u.contains("Учителева"))
            #expect(!(try await names("q=%25%25")).contains("Сто%Процентов"))
            #expect((try await names("q=\(percentEncode("о%П"))")).contains("Сто%Процентов"))
            let s = try await names("subject=%25")
            #expect(s.contains("Сто%Процентов"))
            #expect(!s.contains("Учителева") && !s.contains("Подчерк_Тестов"))
            #expect(!(try await names("subject=_")).contains("Учителева"))
        }
    }
}
