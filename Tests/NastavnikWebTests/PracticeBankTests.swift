import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

@Suite("The bank of programmes and practices", .serialized)
struct PracticeBankTests {
    static func item(_ title: String, level: String, description: String = "Как наставнику выстроить работу с молодым педагогом в первый год: план, встречи, посещение уроков.", tags: String = "адаптация, молодой педагог") -> [String: String] {
        ["kind": "methodology", "title": title, "description": description, "authors": "Учителева А. П.", "level": level, "tags": tags]
    }

    static func titles(_ app: Application, _ login: String, _ query: String = "") async throws -> [String] {
        let (status, body) = try await app.api(.GET, "/practices" + query, token: try await app.token(login))
        #expect(status == .ok, "\(login) \(query)")
        return (body.json as? [[String: Any]] ?? []).compactMap { ($0["item"] as? [String: Any])?["title"] as? String }
    }

    static func create(_ app: Application, _ login: String, _ fields: [String: String]) async throws -> String {
        let (status, body) = try await app.api(.POST, "/practices", token: try await app.token(login), json: fields)
        #expect(status == .created, "\(body.text)")
        return try #require((body.json as? [String: Any])?["id"] as? String)
    }

    static func status(_ body: ByteBuffer) -> String? { (body.json as? [String: Any])?["status"] as? String }

    @Test("An organisation's item is published at once and seen only in that organisation and above it")
    func organisationLevel() async throws {
        try await withApp { app, _ in
            let id = try await Self.create(app, "curator", Self.item("Памятка наставника школы А", level: "organisation"))
            // A draft is its authors' only.
            #expect(try await Self.titles(app, "mun1").isEmpty)
            #expect(try await Self.titles(app, "curator") == ["Памятка наставника школы А"])
            let (s, body) = try await app.api(.POST, "/practices/\(id)/submit", token: try await app.token("curator"))
            #expect(s == .ok)
            #expect(Self.status(body) == "published")
            for login in ["curator", "director", "psy", "mentor", "mentee", "mun1", "region", "admin"] {
                #expect(try await Self.titles(app, login) == ["Памятка наставника школы А"], "\(login)")
            }
            #expect(try await Self.titles(app, "curatorb").isEmpty)
            #expect(try await Self.titles(app, "tutor").isEmpty)
            #expect(try await app.api(.GET, "/practices/\(id)", token: try await app.token("curatorb")).0 == .notFound)
            // Another school's curator cannot change it either (it is not even found).
            #expect(try await app.api(.PUT, "/practices/\(id)", token: try await app.token("curatorb"), json: Self.item("Чужое", level: "organisation")).0 == .notFound)
            // A psychologist reads but does not add.
            #expect(try await app.api(.POST, "/practices", token: try await app.token("psy"), json: Self.item("Психолог", level: "organisation")).0 == .forbidden)
        }
    }

    @Test("A municipality-level item waits for the municipal coordinator; a rejection needs a reason; a changed published item goes back to moderation")
    func moderation() async throws {
        try await withApp { app, _ in
            let id = try await Self.create(app, "curator", Self.item("Сетевое наставничество в городе", level: "municipality"))
            let curator = try await app.token("curator"), mun = try await app.token("mun1")
            #expect(Self.status(try await app.api(.POST, "/practices/\(id)/submit", token: curator).1) == "pending")
            #expect(try await Self.titles(app, "curatorb").isEmpty)
            // The curator cannot moderate their own item; another school's curator does not see it.
            #expect(try await app.api(.POST, "/practices/\(id)/moderate", token: curator, json: ["decision": "approve"]).0 == .forbidden)
            let (s1, b1) = try await app.api(.POST, "/practices/\(id)/moderate", token: mun, json: ["decision": "reject"])
            #expect(s1 == .unprocessableEntity)
            #expect(b1.text.contains("Укажите причину отклонения"))
            let (s2, b2) = try await app.api(.POST, "/practices/\(id)/moderate", token: mun, json: ["decision": "reject", "reason": "Добавьте план встреч"])
            #expect(s2 == .ok)
            #expect(Self.status(b2) == "rejected")
            #expect((b2.json as? [String: Any])?["rejectionReason"] as? String == "Добавьте план встреч")
            // Resubmitted and approved, it reaches the whole municipality, not the tutor of the region.
            #expect(Self.status(try await app.api(.POST, "/practices/\(id)/submit", token: curator).1) == "pending")
            #expect(Self.status(try await app.api(.POST, "/practices/\(id)/moderate", token: mun, json: ["decision": "approve"]).1) == "published")
            #expect(try await Self.titles(app, "curatorb") == ["Сетевое наставничество в городе"])
            #expect(try await Self.titles(app, "tutor").isEmpty)
            #expect(try await app.api(.POST, "/practices/\(id)/moderate", token: mun, json: ["decision": "approve"]).0 == .forbidden)
            // Changing the published text sends it back.
            let (s3, b3) = try await app.api(.PUT, "/practices/\(id)", token: curator, json: Self.item("Сетевое наставничество в городе (2-е изд.)", level: "municipality"))
            #expect(s3 == .ok)
            #expect(Self.status(b3) == "draft")
            #expect(try await Self.titles(app, "curatorb").isEmpty)
            // Bad input: a Russian message per field, nothing written.
            let (s4, b4) = try await app.api(.POST, "/practices", token: curator, json: ["kind": "webinar", "title": "Веб", "description": "коротко", "link": "ftp://x"])
            #expect(s4 == .unprocessableEntity)
            for text in ["не короче 5 символов", "не короче 20 символов", "должна начинаться с https:"] { #expect(b4.text.contains(text), "\(text)") }
            #expect(try await PracticeItemRecord.query(on: app.db).count() == 1)
        }
    }

    @Test("Search finds Russian word forms, ranks a title match first and keeps AND semantics; filters by form, tag and kind")
    func search() async throws {
        try await withApp { app, _ in
            let curator = try await app.token("curator")
            let a = try await Self.create(app, "curator", Self.item("Школа молодого педагога", level: "organisation", description: "Программа поддержки наставниками молодых специалистов: встречи раз в месяц, открытые уроки.", tags: "молодой педагог"))
            let b = try await Self.create(app, "curator", Self.item("Проектная деятельность учеников", level: "organisation", description: "Ученик-наставник помогает младшему в проекте; роль наставника — тьютор проекта.", tags: "проекты"))
            var c = Self.item("Реверсивное наставничество", level: "organisation", description: "Молодые учителя учат старших цифровым инструментам; учёт результатов в конце года.", tags: "цифровые инструменты")
            c["forms"] = nil
            let cid = try await Self.create(app, "curator", c)
            for id in [a, b, cid] { _ = try await app.api(.POST, "/practices/\(id)/submit", token: curator) }
            #expect(Set(try await Self.titles(app, "mentor", "?q=\(percentEncode("наставник"))")) == ["Школа молодого педагога", "Проектная деятельность учеников"])
            #expect(try await Self.titles(app, "mentor", "?q=\(percentEncode("наставничества"))") == ["Реверсивное наставничество"])
            #expect(try await Self.titles(app, "mentor", "?q=\(percentEncode("молодые педагоги"))") == ["Школа молодого педагога"])
            #expect(try await Self.titles(app, "mentor", "?q=\(percentEncode("учет"))") == ["Реверсивное наставничество"])
            #expect(try await Self.titles(app, "mentor", "?q=\(percentEncode("проект ученика"))") == ["Проектная деятельность учеников"])
            #expect(try await Self.titles(app, "mentor", "?q=\(percentEncode("проект цифровой"))").isEmpty)
            #expect(try await Self.titles(app, "mentor", "?q=\(percentEncode("реверсивного"))").first == "Реверсивное наставничество")
            #expect(try await Self.titles(app, "mentor", "?tag=\(percentEncode("проекты"))") == ["Проектная деятельность учеников"])
            #expect(try await Self.titles(app, "mentor", "?kind=case").isEmpty)
            // The page shows the snippet with the matched word, and downloads the list with the filter applied.
            let cookie = try await app.sessionCookie("mentor")
            let (_, page) = try await app.pageBody("/practices?q=\(percentEncode("тьютора"))", cookie: cookie)
            #expect(page.contains("Найдено: 1"))
            #expect(page.contains("тьютор проекта"))
            let (_, csv) = try await app.pageBody("/practices?q=\(percentEncode("тьютора"))&format=csv", cookie: cookie)
            #expect(csv.contains("Проектная деятельность учеников"))
            #expect(!csv.contains("Реверсивное"))
        }
    }

    @Test("A case from a completed pair in one step: the pair's figures, its mentor as author, no mentee's name; once per pair; not for a working pair")
    func caseFromMentorship() async throws {
        try await withApp { app, f in
            let mentor = try await app.token("mentor")
            let pair = f.pair["A"]!
            let (s0, b0) = try await app.api(.POST, "/mentorships/\(pair.id)/case", token: mentor)
            #expect(s0 == .unprocessableEntity)
            #expect(b0.text.contains("завершённой паре"))
            let record = try #require(try await MentorshipRecord.find(pair.id, on: app.db))
            var m = record.core
            m.status = .completed
            m.actualEnd = Day("2026-11-20")
            m.resultSummary = "Молодой педагог провёл открытый урок."
            record.apply(m)
            try await record.save(on: app.db)
            // Another school's curator may not.
            #expect(try await app.api(.POST, "/mentorships/\(pair.id)/case", token: try await app.token("curatorb")).0 == .notFound)
            let (s1, b1) = try await app.api(.POST, "/mentorships/\(pair.id)/case", token: mentor)
            #expect(s1 == .created)
            let item = try #require(b1.json as? [String: Any])
            #expect(item["kind"] as? String == "case")
            #expect(item["forms"] as? [String] == ["teacher_teacher"])
            #expect(item["authorPersonIDs"] as? [String] == [f.teacher["A"]!.id.uuidString])
            let text = try #require(item["description"] as? String)
            #expect(text.contains("Наставляемых: 1."))
            #expect(text.contains("Проведено встреч: 0."))
            #expect(text.contains("Молодой педагог провёл открытый урок."))
            #expect(!text.contains("Молодцов"))
            #expect((item["authors"] as? String)?.contains("Учителева") == true)
            #expect(try await app.api(.POST, "/mentorships/\(pair.id)/case", token: mentor).0 == .unprocessableEntity)
            // The mentor who wrote it may edit it; the card offers the button to the curator.
            let (_, card) = try await app.pageBody("/mentorships/\(pair.id)", cookie: try await app.sessionCookie("curator"))
            #expect(card.contains("Оформить кейс в банк практик"))
        }
    }

    @Test("The public page lists open published cases and practices; authors named only with their consent to distribution")
    func publicPage() async throws {
        try await withApp { app, f in
            let a = try #require(try await OrganisationRecord.find(f.schoolA.id, on: app.db))
            a.mentorshipPageOn = "2026-11-01"
            try await a.save(on: app.db)
            let curator = try await app.token("curator")
            var open = Self.item("Открытая практика школы А", level: "open")
            open["authors"] = "Учителева Анна Петровна"
            let openID = try await Self.create(app, "mentor", open)
            let internalID = try await Self.create(app, "curator", Self.item("Внутренняя памятка", level: "organisation"))
            _ = try await app.api(.POST, "/practices/\(openID)/submit", token: try await app.token("mentor"))
            _ = try await app.api(.POST, "/practices/\(internalID)/submit", token: curator)
            // The municipality cannot approve an open item: the region moderates it.
            #expect(try await app.api(.POST, "/practices/\(openID)/moderate", token: try await app.token("mun1"), json: ["decision": "approve"]).0 == .forbidden)
            var page = try await PublicPageTests().anonymous(app, "/public/organisations/\(f.schoolA.id)").1
            #expect(!page.contains("Открытая практика школы А"))
            #expect(Self.status(try await app.api(.POST, "/practices/\(openID)/moderate", token: try await app.token("region"), json: ["decision": "approve"]).1) == "published")
            page = try await PublicPageTests().anonymous(app, "/public/organisations/\(f.schoolA.id)").1
            #expect(page.contains("Открытая практика школы А"))
            #expect(!page.contains("Внутренняя памятка"))
            #expect(!page.contains("Учителева"))
            #expect(page.contains("авторский коллектив организации"))
            try await ConsentRecord(Consent(personID: f.teacher["A"]!.id, kind: .distribution, signer: .subject, signedOn: Day("2026-11-02")!, scope: "публикация")).create(on: app.db)
            page = try await PublicPageTests().anonymous(app, "/public/organisations/\(f.schoolA.id)").1
            #expect(page.contains("Учителева Анна Петровна"))
            // An open item reaches everyone, the regional tutor too.
            #expect(try await Self.titles(app, "tutor") == ["Открытая практика школы А"])
        }
    }

    @Test("Pages: add a material with a file through the form, see errors in Russian, download the file")
    func pages() async throws {
        try await withApp { app, _ in
            let cookie = try await app.sessionCookie("curator")
            let csrf = try await app.csrf("/practices/new", cookie: cookie)
            let (bad, _, badPage) = try await app.postMultipart("/practices/new", cookie: cookie, fields: [("csrf", csrf), ("kind", "methodology"), ("title", "Х")])
            #expect(bad == .unprocessableEntity)
            #expect(badPage.contains("не короче 5 символов"))
            let fields = [("csrf", csrf), ("kind", "programme"), ("title", "Программа наставничества школы А"), ("description", "Программа на 2026/2027 учебный год для всех форм наставничества школы."),
                          ("authors", "Учителева А. П."), ("forms[]", "teacher_teacher"), ("forms[]", "student_student"), ("tags", "программа, 2026"), ("level", "organisation")]
            let (ok, location, _) = try await app.postMultipart("/practices/new", cookie: cookie, fields: fields, file: ("file", "programme.txt", "text/plain", "Текст программы"))
            #expect(ok == .seeOther)
            let record = try #require(try await PracticeItemRecord.query(on: app.db).first())
            #expect(location == "/practices/\(record.id!)")
            #expect(try record.core.forms == [.studentStudent, .teacherTeacher])
            #expect(try record.core.tags == ["программа", "2026"])
            let (_, card) = try await app.pageBody(location, cookie: cookie)
            #expect(card.contains("Скачать файл «programme.txt»"))
            #expect(card.contains("Опубликовать"))
            let (_, file) = try await app.pageBody(location + "/file", cookie: cookie)
            #expect(file == "Текст программы")
            #expect(try await app.pageBody(location + "/file", cookie: try await app.sessionCookie("curatorb")).0 == .notFound)
        }
    }
}
