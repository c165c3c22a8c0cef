import Fluent
import Foundation
import NastavnikCore
import NastavnikOffice
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// Issue 23, defect 9: the smaller defects seen in the browser, each as the browser meets it.
@Suite("Issue 23, defect 9: small defects", .serialized)
struct SmallDefectsTests {
    /// The repository's root, from this file's path: for the tests that read the sources.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    // MARK: a. pairs order

    @Test("a. A registered draft pairs order lists on its page exactly the pairs its DOCX lists: a group, a network mentor, another school's pair left out")
    func pairsOrderPageAndDocument() async throws {
        try await withApp { app, f in
            let db = app.db
            // School A: the fixture's pair, a group of two mentees, a pair with school B's mentor; school B: its own pair.
            let start = Day("2026-09-01")!, end = Day("2027-05-31")!
            var extra: [Person] = []
            for name in ["Группова", "Группин", "Сетевая"] {
                let p = Person(lastName: name, firstName: "Ольга", birthDate: Day("1999-01-01")!, pedagogicalExperienceStart: Day("2025-09-01")!)
                try await PersonRecord(p).create(on: db)
                try await MembershipRecord(Membership(personID: p.id, organisationID: f.schoolA.id, role: .pedagogical, position: "учитель", period: Period(start: Day("2025-09-01")!))).create(on: db)
                extra.append(p)
            }
            // The group starts earlier than the fixture's pair, though it is entered later: the document lists by start.
            let group = Mentorship(organisationID: f.schoolA.id, form: .teacherTeacher, kind: .group, start: Day("2026-08-25")!, plannedEnd: end)
            let network = Mentorship(organisationID: f.schoolA.id, form: .teacherTeacher, start: start, plannedEnd: end)
            try await db.insertAll([MentorshipRecord(group), MentorshipRecord(network)])
            try await db.insertAll([
                ParticipantRecord(Participant(mentorshipID: group.id, personID: f.teacher["A"]!.id, role: .mentor, joinedOn: group.start)),
                ParticipantRecord(Participant(mentorshipID: group.id, personID: extra[0].id, role: .mentee, joinedOn: group.start)),
                ParticipantRecord(Participant(mentorshipID: group.id, personID: extra[1].id, role: .mentee, joinedOn: group.start)),
                ParticipantRecord(Participant(mentorshipID: network.id, personID: f.teacher["B"]!.id, role: .mentor, joinedOn: start)),
                ParticipantRecord(Participant(mentorshipID: network.id, personID: extra[2].id, role: .mentee, joinedOn: start)),
            ])
            let cookie = try await app.sessionCookie("curator")
            let page = try await app.html("/organisations/\(f.schoolA.id)/documents/generate?type=pairs_order", cookie: cookie)
            var form = try #require(RenderedForm.all(in: page).first { $0.action.hasSuffix("/documents/generate") })
            // Issue 25, item 6: the page ticks no pair, and an order with none ticked is refused, nothing registered.
            #expect(!form.fields.contains { $0.name == "mentorshipIDs[]" } && form.checkboxes["mentorshipIDs[]"]?.count == 3)
            let acts = try await LocalActRecord.query(on: db).count()
            let (refused, _, why) = try await app.submit(form, cookie: cookie)
            #expect(refused == .unprocessableEntity && why.contains("Отметьте пары (группы), которые закрепляет приказ"))
            #expect(try await LocalActRecord.query(on: db).count() == acts)
            form.tickAll("mentorshipIDs[]")
            let (status, location, _) = try await app.submit(form, cookie: cookie)
            #expect(status == .seeOther, "\(status)")
            let actID = try #require(UUID(uuidString: String(location.split(separator: "/").last ?? "")))
            let act = try #require(try await LocalActRecord.find(actID, on: db)?.core)
            #expect(Set(act.mentorshipIDs) == [f.pair["A"]!.id, group.id, network.id])

            let card = try await app.html("/documents/\(actID)", cookie: cookie)
            let section = try #require(card.components(separatedBy: "Пары (группы), которые закрепляет приказ").dropFirst().first)
            let pageRows = section.components(separatedBy: "</table>")[0].components(separatedBy: "<tr").count - 2
            let (s, file) = try await app.api(.GET, "/local-acts/\(actID)/file", token: try await app.token("curator"))
            #expect(s == .ok)
            let xml = String(decoding: try #require(try OOXMLPackage(data: Data(buffer: file))["word/document.xml"]), as: UTF8.self)
            let appendix = try #require(xml.components(separatedBy: "Список наставнических пар (групп)").dropFirst().first)
            let docRows = appendix.components(separatedBy: "</w:tbl>")[0].components(separatedBy: "<w:tr ").count + appendix.components(separatedBy: "</w:tbl>")[0].components(separatedBy: "<w:tr>").count - 3
            #expect(pageRows == 3, "page: \(pageRows)")
            #expect(docRows == pageRows, "DOCX \(docRows) rows, page \(pageRows)")
            // The same pairs in the same order: the mentees of each row.
            func order(_ text: String) -> [String] {
                var seen: [(String.Index, String)] = []
                for name in ["Молодцов", "Группова", "Сетевая"] { if let r = text.range(of: name) { seen.append((r.lowerBound, name)) } }
                return seen.sorted { $0.0 < $1.0 }.map(\.1)
            }
            #expect(order(appendix) == ["Группова", "Молодцов", "Сетевая"])
            #expect(order(section) == order(appendix), "page \(order(section)), DOCX \(order(appendix))")
            #expect(!section.contains("МолодцовB") && !appendix.contains("МолодцовB"))
        }
    }

    // MARK: b. contest ranking

    @Test("b. Before the first score the contest page says «Оценок пока нет», not «1 (делят 2) … 0»")
    func contestWithoutScores() async throws {
        try await withApp { app, f in
            let mun = try await app.token("mun1"), curator = try await app.token("curator"), curatorB = try await app.token("curatorb")
            let (s1, b1) = try await app.api(.POST, "/contests", token: mun, json: ContestWebTests.input)
            #expect(s1 == .created)
            let contest = ContestWebTests.json(b1)
            let id = try #require(contest["id"] as? String)
            let nom = try #require((contest["nominations"] as? [[String: Any]])?.first?["id"] as? String)
            for (token, title, person) in [(curator, "Заявка А", f.teacher["A"]!.id), (curatorB, "Заявка Б", f.teacher["B"]!.id)] {
                let (s, b) = try await app.api(.POST, "/contests/\(id)/applications", token: token, json: ApplicationInput(nominationID: nom, title: title, applicantPersonIDs: [person.uuidString]))
                #expect(s == .created, "\(b.text)")
            }
            try await ContestWebTests.move(app, id, to: .judging)
            let html = try await app.html("/contests/\(id)", cookie: try await app.sessionCookie("mun1"))
            #expect(html.contains("Оценок пока нет"))
            #expect(!html.contains("делят"))
        }
    }

    // MARK: c. СНИЛС

    @Test("c. The person's card and form show СНИЛС as «112-233-445 95»; storage and the API keep the digits")
    func snilsFormatted() async throws {
        try await withApp { app, f in
            let id = f.teacher["A"]!.id
            let r = try #require(try await PersonRecord.find(id, on: app.db))
            r.snils = "11223344595"
            try await r.save(on: app.db)
            let cookie = try await app.sessionCookie("curator")
            let card = try await app.html("/people/\(id)", cookie: cookie)
            #expect(card.contains("112-233-445 95"))
            #expect(!card.contains("11223344595"))
            let (_, api) = try await app.api(.GET, "/people/\(id)", token: try await app.token("curator"))
            #expect(api.text.contains("\"11223344595\""))
            // The edit form shows it formatted and saves it as digits.
            let edit = try await app.html("/people/\(id)/edit", cookie: cookie)
            let form = try #require(RenderedForm.all(in: edit).first { $0.fields.contains { $0.name == "snils" } })
            #expect(form.fields.first { $0.name == "snils" }?.value == "112-233-445 95")
            let (s, _, body) = try await app.submit(form, cookie: cookie)
            #expect(s == .seeOther, "\(s) \(body.prefix(300))")
            #expect(try await PersonRecord.find(id, on: app.db)?.snils == "11223344595")
        }
    }

    // MARK: d. audit labels

    @Test("d. Every entity name the code writes to the audit log has a Russian label")
    func auditEntityLabels() throws {
        var names: Set<String> = []
        let sources = Self.root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        #expect(files.count > 50)
        let pattern = try NSRegularExpression(pattern: #"entity: "([A-Za-z_]+)""#)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let r = Range(m.range(at: 1), in: text) { names.insert(String(text[r])) }
            }
        }
        #expect(names.isSuperset(of: ["person", "mentorship", "membership", "consent"]), "\(names)")
        for name in names.sorted() {
            let label = AuditTrail.entityLabel(name)
            #expect(AuditLabels.entities[name] != nil, "«\(name)» has no label")
            #expect(label != name && label.range(of: "[a-z]", options: .regularExpression) == nil, "«\(name)» → «\(label)»")
        }
        #expect(AuditTrail.entityLabel("mentorship") == "пара (группа)")
        #expect(AuditTrail.entityLabel("person") == "человек")
    }

    @Test("d. The audit page names a pair's change in Russian")
    func auditPageRussian() async throws {
        try await withApp { app, f in
            let user = CurrentUser(accountID: UUID(), login: "curator", fullName: "Тест", actor: Actor(accountID: UUID(), role: .curator, placement: Placement()), viaToken: false)
            try await AuditTrail.record(app.db, user, personID: f.teacher["A"]!.id, entity: "mentorship", entityID: f.pair["A"]!.id, old: nil, new: f.teacher["A"]!)
            let html = try await app.html("/audit", cookie: try await app.sessionCookie("admin"))
            #expect(html.contains("пара (группа): создание"))
            #expect(!html.contains("mentorship:"))
        }
    }

    // MARK: e. public documents and site

    @Test("e. The public page links its public documents to a public download of that organisation's public documents only, and the site is a link")
    func publicDocuments() async throws {
        try await withApp { app, f in
            let db = app.db
            for (org, site) in [(f.schoolA, "https://school-a.example.ru/"), (f.schoolB, "javascript:alert(1)")] {
                var o = org
                o.website = site
                o.mentorshipPageSince = Day("2026-10-01")!
                try await MentorshipStore.update(OrganisationRecord.self, db, o)
            }
            func act(_ org: Organisation, _ title: String, isPublic: Bool, kind: LocalActKind = .regulation) async throws -> LocalAct {
                let file = StoredFileRecord(name: "\(title).pdf", contentType: "application/pdf", bytes: Data("%PDF \(title)".utf8), uploadedBy: "curator")
                try await file.create(on: db)
                let a = LocalAct(organisationID: org.id, kind: kind, title: title, number: "1", date: Day("2026-09-01")!, status: .approved, approver: "Директор",
                                 fileID: file.id, fileName: file.name, isPublic: isPublic, createdOn: Day("2026-09-01")!)
                try await LocalActRecord(a).create(on: db)
                return a
            }
            let open = try await act(f.schoolA, "Положение о наставничестве", isPublic: true)
            let hidden = try await act(f.schoolA, "Внутренний приказ", isPublic: false, kind: .implementationOrder)
            let other = try await act(f.schoolB, "Положение школы Б", isPublic: true)
            let (s, page) = try await app.pageBody("/public/organisations/\(f.schoolA.id)", cookie: "")
            #expect(s == .ok)
            let href = "/public/organisations/\(f.schoolA.id)/documents/\(open.id)"
            #expect(page.contains("href=\"\(href)\""))
            #expect(page.contains("href=\"https://school-a.example.ru/\""))
            let (sd, body) = try await app.pageBody(href, cookie: "")
            #expect(sd == .ok)
            #expect(body.contains("%PDF Положение о наставничестве"))
            #expect(try await app.pageBody("/public/organisations/\(f.schoolA.id)/documents/\(hidden.id)", cookie: "").0 == .notFound)
            #expect(try await app.pageBody("/public/organisations/\(f.schoolA.id)/documents/\(other.id)", cookie: "").0 == .notFound)
            #expect(try await app.pageBody("/public/organisations/\(f.schoolB.id)/documents/\(other.id)", cookie: "").0 == .ok)
            let (_, pageB) = try await app.pageBody("/public/organisations/\(f.schoolB.id)", cookie: "")
            #expect(pageB.contains("javascript:alert(1)"))
            #expect(!pageB.contains("href=\"javascript:"))
        }
    }

    // MARK: f, g. feedback

    @Test("f. The questionnaire preselects no satisfaction: sent as rendered it is refused in Russian; with a choice it is saved")
    func feedbackWithoutDefault() async throws {
        try await withApp { app, f in
            let cookie = try await app.sessionCookie("mentee")
            let path = "/mentorships/\(f.pair["A"]!.id)/feedback/new"
            let html = try await app.html(path, cookie: cookie)
            #expect(html.contains("наставнику они не показываются"))
            var form = try #require(RenderedForm.all(in: html).first { $0.action == path })
            #expect(form.fields.first { $0.name == "satisfaction" }?.value == "")
            form.set("progress", "Разобрался с журналом")
            let (s, _, body) = try await app.submit(form, cookie: cookie)
            #expect(s == .unprocessableEntity)
            #expect(body.contains("Оцените удовлетворённость"))
            #expect(try await FeedbackRecord.query(on: app.db).count() == 0)
            form.set("satisfaction", "9")
            let (s2, _, _) = try await app.submit(form, cookie: cookie)
            #expect(s2 == .seeOther)
            #expect(try await FeedbackRecord.query(on: app.db).first()?.satisfaction == 9)
        }
    }

    @Test("g. The mentee's questionnaires and self-ratings are for the curator and the psychologist, not the mentor (page and API)")
    func menteeAnswersHiddenFromMentor() async throws {
        try await withApp { app, f in
            let db = app.db
            let pair = f.pair["A"]!
            let mentee = f.menteeProfile["A"]!.personID, mentor = f.teacher["A"]!.id
            try await FeedbackRecord(Feedback(mentorshipID: pair.id, authorPersonID: mentee, role: .mentee, date: Day("2026-10-01")!, satisfaction: 3,
                                              progress: "Секрет наставляемого", problems: "Трудно с наставником")).create(on: db)
            try await FeedbackRecord(Feedback(mentorshipID: pair.id, authorPersonID: mentor, role: .mentor, date: Day("2026-10-02")!, satisfaction: 8,
                                              progress: "Слова наставника")).create(on: db)
            try await AssessmentRecord(Assessment(mentorshipID: pair.id, personID: mentee, phase: .start, date: Day("2026-09-05")!, scores: [.subject: 1])).create(on: db)
            let path = "/mentorships/\(pair.id)"
            let mentorPage = try await app.html(path, cookie: try await app.sessionCookie("mentor"))
            #expect(mentorPage.contains("Слова наставника"))
            #expect(!mentorPage.contains("Секрет наставляемого"))
            #expect(!mentorPage.contains("Трудно с наставником"))
            for login in ["curator", "psy", "mentee"] {
                let page = try await app.html(path, cookie: try await app.sessionCookie(login))
                #expect(page.contains("Секрет наставляемого") && page.contains("Трудно с наставником"), "\(login)")
            }
            func api(_ login: String) async throws -> [String: Any] {
                try await app.api(.GET, "/mentorships/\(pair.id)", token: try await app.token(login)).1.json as? [String: Any] ?? [:]
            }
            let forMentor = try await api("mentor")
            #expect((forMentor["feedback"] as? [[String: Any]])?.count == 1)
            #expect((forMentor["assessments"] as? [Any])?.isEmpty == true)
            #expect(!String(describing: forMentor).contains("Секрет наставляемого"))
            let forPsy = try await api("psy")
            #expect((forPsy["feedback"] as? [[String: Any]])?.count == 2)
            #expect((forPsy["assessments"] as? [Any])?.count == 1)
        }
    }
}
