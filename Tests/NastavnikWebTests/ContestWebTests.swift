import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

@Suite("Contests with juries", .serialized)
struct ContestWebTests {
    static let input: [String: String] = [
        "title": "Лучший наставник — 2026", "applicationsFrom": "01.11.2026", "applicationsTo": "30.11.2026", "judgingTo": "10.12.2026", "resultsOn": "15.12.2026",
        "nominations": "Педагог – педагог | учитель – учитель (педагог – педагог)\nКоманда – команда", "criteria": "Результативность; 10\nОригинальность; 5",
        "jurors": "region\ndirector\ncuratorb", "winnersPerNomination": "2",
    ]

    /// Moves the contest's dates so that today (25.11.2026) falls into `stage`.
    static func move(_ app: Application, _ id: String, to stage: ContestStage) async throws {
        let r = try #require(try await ContestRecord.find(UUID(uuidString: id), on: app.db))
        switch stage {
        case .judging: (r.applicationsTo, r.judgingTo) = ("2026-11-20", "2026-11-30")
        case .results: (r.applicationsTo, r.judgingTo) = ("2026-11-20", "2026-11-24")
        default: (r.applicationsTo, r.judgingTo) = ("2026-11-30", "2026-12-10")
        }
        try await r.save(on: app.db)
    }

    static func json(_ b: ByteBuffer) -> [String: Any] { b.json as? [String: Any] ?? [:] }

    @Test("Announce, apply, score without conflicts of interest, rank with a tie broken by the first criterion, publish, award; history and the public page")
    func fullContest() async throws {
        try await withApp { app, f in
            let mun = try await app.token("mun1"), curator = try await app.token("curator"), curatorB = try await app.token("curatorb")
            let region = try await app.token("region"), director = try await app.token("director")
            // Bad input: every problem in Russian, nothing written.
            var bad = Self.input
            bad["jurors"] = "region\nnobody"
            bad["criteria"] = "Результативность"
            bad["resultsOn"] = "01.12.2026"
            let (s0, b0) = try await app.api(.POST, "/contests", token: mun, json: bad)
            #expect(s0 == .unprocessableEntity)
            for text in ["«nobody» не найдена", "через точку с запятой"] { #expect(b0.text.contains(text), "\(text)") }
            #expect(try await app.api(.POST, "/contests", token: curator, json: Self.input).0 == .forbidden)
            let (s1, b1) = try await app.api(.POST, "/contests", token: mun, json: Self.input)
            #expect(s1 == .created)
            let contest = Self.json(b1)
            let id = try #require(contest["id"] as? String)
            let noms = try #require(contest["nominations"] as? [[String: Any]])
            #expect(noms.first?["form"] as? String == "teacher_teacher")
            let nom = try #require(noms.first?["id"] as? String)
            let criteria = try #require(contest["criteria"] as? [[String: Any]]).compactMap { $0["id"] as? String }
            #expect(criteria.count == 2)

            // Applications: school A twice, school B once; nobody applies for another school's people.
            let teacherA = f.teacher["A"]!.id.uuidString, teacherB = f.teacher["B"]!.id.uuidString
            func apply(_ token: String, _ title: String, _ person: String) async throws -> String {
                let (s, b) = try await app.api(.POST, "/contests/\(id)/applications", token: token, json: ApplicationInput(nominationID: nom, title: title, applicantPersonIDs: [person]))
                #expect(s == .created, "\(b.text)")
                return Self.json(b)["id"] as? String ?? ""
            }
            let appA = try await apply(curator, "Наставник года: Учителева", teacherA)
            let appA2 = try await apply(director, "Школа молодого педагога", teacherA)
            let appB = try await apply(curatorB, "Наставник года: Учителева-Бэ", teacherB)
            let (_, other2) = try await app.api(.POST, "/contests/\(id)/applications", token: curator, json: ApplicationInput(nominationID: nom, title: "Чужой", applicantPersonIDs: [teacherB]))
            #expect(other2.text.contains("работники или обучающиеся организации-заявителя"))
            // A school sees its own applications only; the jury sees them all.
            func seen(_ login: String) async throws -> [String] {
                (Self.json(try await app.api(.GET, "/contests/\(id)", token: try await app.token(login)).1)["applications"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
            }
            #expect(try await seen("psy") == ["Наставник года: Учителева", "Школа молодого педагога"])
            #expect(try await seen("curatorb").count == 3)
            #expect(Self.json(try await app.api(.GET, "/contests/\(id)", token: curator).1)["results"] == nil)

            func score(_ token: String, _ app_: String, _ a: Int, _ b: Int) async throws -> (HTTPStatus, ByteBuffer) {
                try await app.api(.PUT, "/contest-applications/\(app_)/scores", token: token, json: ScoreInput(scores: [criteria[0]: "\(a)", criteria[1]: "\(b)"]))
            }
            let early = try await score(region, appA, 8, 4)
            #expect(early.0 == .unprocessableEntity)
            #expect(early.1.text.contains("только во время экспертизы"))
            try await Self.move(app, id, to: .judging)
            let late = try await app.api(.POST, "/contests/\(id)/applications", token: curator, json: ApplicationInput(nominationID: nom, title: "Поздняя", applicantPersonIDs: [teacherA]))
            #expect(late.1.text.contains("закрыт"))
            // Conflicts of interest: the director of school A does not score school A; curator A is not on the jury.
            let conflict = try await score(director, appA, 10, 5)
            #expect(conflict.0 == .unprocessableEntity)
            #expect(conflict.1.text.contains("своей организации"))
            #expect(try await score(curator, appB, 10, 5).0 == .forbidden)
            let tooHigh = try await score(region, appB, 11, 5)
            #expect(tooHigh.1.text.contains("от 0 до 10 баллов"))
            #expect(try await score(region, appA, 8, 4).0 == .ok)
            #expect(try await score(region, appA2, 9, 3).0 == .ok)
            #expect(try await score(curatorB, appA, 7, 5).0 == .ok)
            #expect(try await score(curatorB, appA2, 7, 5).0 == .ok)
            #expect(try await score(region, appB, 10, 5).0 == .ok)
            // Publishing waits for the end of judging and for every juror.
            try await Self.move(app, id, to: .results)
            let early2 = try await app.api(.POST, "/contests/\(id)/publish", token: mun)
            #expect(early2.0 == .unprocessableEntity)
            #expect(early2.1.text.contains("Тест director — 0 из 1"))
            try await Self.move(app, id, to: .judging)
            #expect(try await score(director, appB, 9, 5).0 == .ok)
            try await Self.move(app, id, to: .results)
            #expect(try await app.api(.POST, "/contests/\(id)/publish", token: curator).0 == .forbidden)
            #expect(try await app.api(.POST, "/contests/\(id)/publish", token: mun).0 == .ok)

            // appB (15 + 14) / 2 = 14,5 first; appA and appA2 both 12, appA2 ahead on the first criterion (8 against 7,5).
            let view = Self.json(try await app.api(.GET, "/contests/\(id)", token: curator).1)
            let rows = try #require(((view["results"] as? [[String: Any]])?.first?["rows"] as? [[String: Any]]))
            let ranked = rows.map { (($0["application"] as? [String: Any])?["id"] as? String ?? "", $0["total"] as? Double ?? -1, $0["place"] as? Int ?? 0, $0["isWinner"] as? Bool ?? false) }
            #expect(ranked.map(\.0) == [appB, appA2, appA])
            #expect(ranked.map(\.1) == [14.5, 12, 12])
            #expect(ranked.map(\.2) == [1, 2, 3])
            #expect(ranked.map(\.3) == [true, true, false])
            #expect(rows.map { $0["jurorsCounted"] as? Int } == [2, 2, 2])

            // Awards go to winners only; the history of each mentor shows places and awards.
            #expect(try await app.api(.POST, "/contest-applications/\(appB)/award", token: mun, json: AwardInput(award: "Диплом I степени")).0 == .ok)
            #expect(try await app.api(.POST, "/contest-applications/\(appA)/award", token: mun, json: AwardInput(award: "Диплом")).0 == .unprocessableEntity)
            let historyB = try #require(try await app.api(.GET, "/people/\(teacherB)/contests", token: curatorB).1.json as? [[String: Any]])
            #expect(historyB.first?["place"] as? Int == 1)
            #expect(historyB.first?["award"] as? String == "Диплом I степени")
            let historyA = try #require(try await app.api(.GET, "/people/\(teacherA)/contests", token: curator).1.json as? [[String: Any]])
            #expect(Set(historyA.compactMap { $0["place"] as? Int }) == [2, 3])
            #expect(try await app.api(.GET, "/people/\(teacherB)/contests", token: curator).0 == .notFound)

            // The public page of school B lists the win without naming the mentor (no consent to distribution).
            let b = try #require(try await OrganisationRecord.find(f.schoolB.id, on: app.db))
            b.mentorshipPageOn = "2026-11-01"
            try await b.save(on: app.db)
            let page = try await PublicPageTests().anonymous(app, "/public/organisations/\(f.schoolB.id)").1
            #expect(page.contains("Лучший наставник — 2026"))
            #expect(page.contains("Диплом I степени"))
            #expect(!page.contains("Учителева"))
            // The contest page shows the ranking with a decimal comma.
            let (_, html) = try await app.pageBody("/contests/\(id)", cookie: try await app.sessionCookie("mun1"))
            #expect(html.contains("14,5"))
            #expect(html.contains("Итоги"))
        }
    }

    @Test("Pages: a juror scores through the form; a juror's own organisation's application offers no form")
    func pages() async throws {
        try await withApp { app, f in
            let (_, b1) = try await app.api(.POST, "/contests", token: try await app.token("mun1"), json: Self.input)
            let contest = Self.json(b1)
            let id = try #require(contest["id"] as? String)
            let nom = try #require((contest["nominations"] as? [[String: Any]])?.first?["id"] as? String)
            let (_, a) = try await app.api(.POST, "/contests/\(id)/applications", token: try await app.token("curator"),
                                           json: ApplicationInput(nominationID: nom, title: "Заявка школы А", applicantPersonIDs: [f.teacher["A"]!.id.uuidString]))
            let appID = try #require(Self.json(a)["id"] as? String)
            try await Self.move(app, id, to: .judging)
            let director = try await app.sessionCookie("director")
            let (_, own) = try await app.pageBody("/contests/\(id)", cookie: director)
            #expect(own.contains("Не оцениваете: заявка вашей организации"))
            let region = try await app.sessionCookie("region")
            let csrf = try await app.csrf("/contests/\(id)", cookie: region)
            let criteria = try #require(contest["criteria"] as? [[String: Any]]).compactMap { $0["id"] as? String }
            var status: HTTPStatus = .internalServerError
            try await app.testing().test(.POST, "/contest-applications/\(appID)/score", beforeRequest: { req in
                req.headers.cookie = ["nastavnik_session": .init(string: region)]
                try req.content.encode(["csrf": csrf, "scores[\(criteria[0])]": "9", "scores[\(criteria[1])]": "abc"], as: .urlEncodedForm)
            }, afterResponse: { res in
                status = res.status
                #expect(res.body.string.contains("целое число баллов"))
            })
            #expect(status == .unprocessableEntity)
            try await app.testing().test(.POST, "/contest-applications/\(appID)/score", beforeRequest: { req in
                req.headers.cookie = ["nastavnik_session": .init(string: region)]
                try req.content.encode(["csrf": csrf, "scores[\(criteria[0])]": "9", "scores[\(criteria[1])]": "4"], as: .urlEncodedForm)
            }, afterResponse: { res in status = res.status })
            #expect(status == .seeOther)
            #expect(try await JuryScoreRecord.query(on: app.db).all().map(\.score).sorted() == [4, 9])
        }
    }

    @Test("The jury is chosen by name: the ticked accounts become the jury and stay ticked on edit and on a 422; none ticked is a 422 next to the field; another region's account is not offered and is refused")
    func juryByName() async throws {
        try await withApp { app, _ in
            let elsewhere = Region(name: "Соседняя область")
            try await RegionRecord(elsewhere).create(on: app.db)
            let far = AccountRecord(login: "far", passwordHash: "x", role: .municipalCoordinator, fullName: "Дальняя Координатор",
                                    placement: Placement(regionID: elsewhere.id), personID: nil)
            try await far.create(on: app.db)
            func id(_ login: String) async throws -> String {
                try #require(try await AccountRecord.query(on: app.db).filter(\.$login == login).first()?.id).uuidString
            }
            let region = try await id("region"), director = try await id("director"), farID = try await id("far")
            let mun = try await app.sessionCookie("mun1")
            let html = try await app.html("/contests/new", cookie: mun)
            #expect(html.contains("Тест region — региональный оператор, Тестовая область"))
            #expect(!html.contains("Дальняя"))
            // The name search above the form narrows the list.
            let found = try await app.html("/contests/new?q=DIRECT", cookie: mun)
            #expect(found.contains("Тест director — руководитель организации"))
            #expect(!found.contains("Тест region — региональный оператор"))
            var blank = try #require(RenderedForm.all(in: html).first { $0.action == "/contests/new" })
            #expect(blank.checkboxes["jurorIDs[]"]?.contains(region) == true)
            #expect(blank.checkboxes["jurorIDs[]"]?.contains(farID) == false)
            for (k, v) in Self.input where k != "jurors" { blank.set(k, v) }
            func tick(_ form: RenderedForm, _ ids: [String]) -> RenderedForm {
                var form = form
                form.fields += ids.map { (name: "jurorIDs[]", value: $0) }
                return form
            }
            // None ticked: the message inside the jury's fieldset.
            let (s0, _, b0) = try await app.submit(blank, cookie: mun)
            #expect(s0 == .unprocessableEntity)
            let jury = b0.components(separatedBy: "<legend>Жюри</legend>").dropFirst().first?.components(separatedBy: "</fieldset>").first ?? ""
            #expect(jury.contains("Выберите хотя бы одного члена жюри"))
            // Another region's account, posted by hand: refused, nothing written.
            let (s1, _, b1) = try await app.submit(tick(blank, [region, farID]), cookie: mun)
            #expect(s1 == .unprocessableEntity)
            #expect(b1.contains("вне территории конкурса"))
            // A 422 for another field keeps the ticks.
            var badDates = tick(blank, [director])
            badDates.set("resultsOn", "01.12.2026")
            let (s2, _, b2) = try await app.submit(badDates, cookie: mun)
            #expect(s2 == .unprocessableEntity)
            #expect(RenderedForm.all(in: b2).first { $0.action == "/contests/new" }?.fields.filter { $0.name == "jurorIDs[]" }.map(\.value) == [director])
            #expect(try await ContestRecord.query(on: app.db).count() == 0)
            // Two ticked: they are the jury, and stay ticked on the edit page.
            let (s3, location, _) = try await app.submit(tick(blank, [region, director]), cookie: mun)
            #expect(s3 == .seeOther)
            let contest = try #require(try await ContestRecord.query(on: app.db).first()?.core)
            #expect(Set(contest.jurors.map(\.accountID.uuidString)) == [region, director])
            #expect(location == "/contests/\(contest.id)")
            let edit = try await app.html("/contests/\(contest.id)/edit", cookie: mun)
            #expect(Set(RenderedForm.all(in: edit).first { $0.action.hasSuffix("/edit") }?.fields.filter { $0.name == "jurorIDs[]" }.map(\.value) ?? []) == [region, director])
        }
    }
}
