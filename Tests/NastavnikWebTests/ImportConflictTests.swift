import Fluent
import Foundation
import NastavnikCore
import NastavnikOffice
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// Issue 23, defect 3: a file row whose СНИЛС is a stored person's but whose surname, first name or birth date differ
/// is another person until the clerk says otherwise — the preview shows both versions, nothing of hers changes without
/// the row's own decision. Defect 2: the import page is reached from the lists a clerk works in.
@Suite("Imports: a СНИЛС match with another name is a conflict; links to the import page", .serialized)
struct ImportConflictTests {
    static let snils = Snils.make([1, 2, 3, 4, 5, 6, 7, 8, 9])
    static let header = "Фамилия;Имя;Отчество;Дата рождения;СНИЛС;Должность;Начало педагогического стажа;Дата согласия\r\n"
    /// Row 2: the СНИЛС of school A's teacher with another person's name and birth date; row 3: a new person.
    static let csv = header + "Иванова;Мария;Петровна;14.03.1998;\(snils);учитель математики;01.09.2021;02.09.2026\r\n"
        + "Новикова;Елена;Игоревна;12.04.1999;;учитель физики;01.09.2024;01.09.2026\r\n"

    /// School A's teacher gets the СНИЛС the file names.
    static func giveSnils(_ app: Application, _ f: Fixture) async throws -> Person {
        let teacher = try #require(f.teacher["A"])
        let record = try #require(try await PersonRecord.find(teacher.id, on: app.db))
        record.snils = snils
        try await record.save(on: app.db)
        return teacher
    }

    static func stored(_ app: Application, _ id: UUID) async throws -> Person {
        try #require(try await PersonRecord.find(id, on: app.db)).core
    }

    /// Uploads `csv` through the page; gives the preview's path.
    static func uploadPage(_ app: Application, cookie: String, _ csv: String) async throws -> String {
        let csrf = try await app.csrf("/imports?kind=staff", cookie: cookie)
        let (posted, preview, _) = try await app.postMultipart("/imports", cookie: cookie, fields: [("csrf", csrf), ("kind", "staff")], file: ("file", "staff.csv", "text/csv", csv))
        #expect(posted == .seeOther || posted == .found)
        return preview
    }

    /// The preview's commit form, as the page renders it.
    static func commitForm(_ page: String) throws -> RenderedForm {
        try #require(RenderedForm.all(in: page).first { $0.action.hasSuffix("/commit") })
    }

    /// Submits the form and waits for the background job; gives the job page.
    static func commit(_ app: Application, _ form: RenderedForm, cookie: String) async throws -> String {
        let (status, jobPath, _) = try await app.submit(form, cookie: cookie)
        #expect(status == .seeOther || status == .found)
        return try await app.finishedImportJob(jobPath, cookie: cookie)
    }

    @Test("The preview shows both versions; without the row's tick the teacher and her pair stay hers, with it she is updated")
    func pageDecision() async throws {
        try await withApp { app, f in
            let teacher = try await Self.giveSnils(app, f)
            let pair = try #require(f.pair["A"])
            let cookie = try await app.sessionCookie("curator")
            let preview = try await Self.uploadPage(app, cookie: cookie, Self.csv)
            let (status, page) = try await app.pageBody(preview, cookie: cookie)
            #expect(status == .ok)
            // Both versions side by side: the stored one and the file's.
            #expect(page.contains("Учителева Анна Петровна"))
            #expect(page.contains("Иванова Мария Петровна"))
            #expect(page.contains("15.03.1980"))
            #expect(page.contains("14.03.1998"))
            #expect(page.contains("Это тот же человек — обновить данные"))
            #expect(page.contains("type=\"checkbox\" name=\"confirm\" value=\"2\""))

            // Submitted as the page stands (nothing ticked): the conflicting row is skipped, the other one loads.
            let job = try await Self.commit(app, try Self.commitForm(page), cookie: cookie)
            #expect(job.contains("Не загружена: конфликт"))
            #expect(job.contains("<dt>Создано</dt><dd>1</dd>"))
            let kept = try await Self.stored(app, teacher.id)
            #expect(kept.lastName == "Учителева")
            #expect(kept.birthDate == teacher.birthDate)
            #expect(kept.pedagogicalExperienceStart == teacher.pedagogicalExperienceStart)
            #expect(try await PersonRecord.query(on: app.db).filter(\.$lastName == "Иванова").count() == 0)
            #expect(try await PersonRecord.query(on: app.db).filter(\.$lastName == "Новикова").count() == 1)
            let mentor = try await ParticipantRecord.query(on: app.db).filter(\.$mentorshipID == pair.id).filter(\.$personID == teacher.id).count()
            #expect(mentor == 1)

            // The same file, the row's box ticked: she is the same person, and her record takes the file's data.
            let (_, again) = try await app.pageBody(preview, cookie: cookie)
            var form = try Self.commitForm(again)
            form.tick("confirm", "2", on: again)
            let confirmed = try await Self.commit(app, form, cookie: cookie)
            #expect(confirmed.contains("<dt>Изменено</dt><dd>1</dd>"))
            let updated = try await Self.stored(app, teacher.id)
            #expect(updated.lastName == "Иванова")
            #expect(updated.firstName == "Мария")
            #expect(updated.birthDate == Day("1998-03-14"))
            #expect(try await PersonRecord.query(on: app.db).filter(\.$snils == Self.snils).count() == 1)
        }
    }

    @Test("«Только строки без ошибок» never applies an unconfirmed conflict")
    func validOnlySkips() async throws {
        try await withApp { app, f in
            let teacher = try await Self.giveSnils(app, f)
            let cookie = try await app.sessionCookie("curator")
            let csv = Self.csv + "Белов;Олег;;31.02.1990;;учитель;;01.09.2026\r\n"
            let preview = try await Self.uploadPage(app, cookie: cookie, csv)
            let (_, page) = try await app.pageBody(preview, cookie: cookie)
            #expect(page.contains("Загрузить только строки без ошибок"))
            let form = try Self.commitForm(page)
            #expect(form.fields.contains { $0.name == "validOnly" && $0.value == "true" })
            let job = try await Self.commit(app, form, cookie: cookie)
            #expect(job.contains("<dt>Создано</dt><dd>1</dd>"))
            #expect(try await Self.stored(app, teacher.id).lastName == "Учителева")

            // The API likewise: validOnly without a confirmation skips the row and reports it.
            let token = try await app.token("curator")
            let (status, body) = try await app.upload("/imports/staff?filename=s.csv&commit=true&validOnly=true", token: token, bytes: Data(csv.utf8))
            #expect(status == .ok)
            let report = try #require(body.json as? [String: Any])
            #expect((report["conflicts"] as? [[String: Any]])?.compactMap { $0["row"] as? Int } == [2])
            #expect(try await Self.stored(app, teacher.id).lastName == "Учителева")
        }
    }

    @Test("API: the dry run lists both versions; a commit of all rows refuses an undecided conflict, confirm=2 updates")
    func apiDecision() async throws {
        try await withApp { app, f in
            let teacher = try await Self.giveSnils(app, f)
            let token = try await app.token("curator")
            let data = Data(Self.csv.utf8)
            let (s0, dry) = try await app.upload("/imports/staff?filename=s.csv", token: token, bytes: data)
            #expect(s0 == .ok)
            let report = try #require(dry.json as? [String: Any])
            let conflict = try #require((report["conflicts"] as? [[String: Any]])?.first)
            #expect(conflict["row"] as? Int == 2)
            #expect((conflict["stored"] as? [String: Any])?["fullName"] as? String == "Учителева Анна Петровна")
            #expect((conflict["file"] as? [String: Any])?["fullName"] as? String == "Иванова Мария Петровна")
            #expect((conflict["file"] as? [String: Any])?["birthDate"] as? String == "1998-03-14")

            let (s1, refused) = try await app.upload("/imports/staff?filename=s.csv&commit=true", token: token, bytes: data)
            #expect(s1 == .unprocessableEntity)
            #expect(refused.text.contains("строка 2"))
            #expect(try await Self.stored(app, teacher.id).lastName == "Учителева")
            #expect(try await PersonRecord.query(on: app.db).filter(\.$lastName == "Новикова").count() == 0)

            let (s2, done) = try await app.upload("/imports/staff?filename=s.csv&commit=true&confirm=2", token: token, bytes: data)
            #expect(s2 == .ok)
            #expect((done.json as? [String: Any])?["updated"] as? Int == 1)
            #expect(try await Self.stored(app, teacher.id).lastName == "Иванова")
            #expect(try await PersonRecord.query(on: app.db).filter(\.$lastName == "Новикова").count() == 1)
        }
    }

    @Test("Issue 25, item 5: a school name two municipalities share is a row error naming both; the municipality column picks one")
    func ambiguousSchoolName() async throws {
        try await withApp { app, f in
            let twin = try #require(try await OrganisationRecord.query(on: app.db).filter(\.$shortName == "Школа В").first())
            twin.shortName = "Школа А"
            try await twin.save(on: app.db)
            let admin = try await app.token("admin")
            let header = "Фамилия;Имя;Отчество;Дата рождения;Организация;Муниципалитет организации;Должность\r\n"
            let (_, refused) = try await app.upload("/imports/staff?filename=staff.csv", token: admin, bytes: Data((header + "Двойкина;Анна;Ивановна;01.02.1990;Школа А;;учитель\r\n").utf8))
            #expect(refused.text.contains("Организаций «Школа А» несколько: Второй район, ИНН не указан; город Первый, ИНН не указан."), "\(refused.text)")
            let (status, body) = try await app.upload("/imports/staff?filename=staff.csv&commit=true", token: admin,
                                                      bytes: Data((header + "Двойкина;Анна;Ивановна;01.02.1990;Школа А;Второй район;учитель\r\n").utf8))
            #expect(status == .ok && (body.json as? [String: Any])?["created"] as? Int == 1, "\(body.text)")
            let person = try #require(try await PersonRecord.query(on: app.db).filter(\.$lastName == "Двойкина").first())
            let personID = try person.requireID()
            #expect(try await MembershipRecord.query(on: app.db).filter(\.$personID == personID).first()?.organisationID == twin.id)
            _ = f
        }
    }

    @Test("The template's example is on the «Пример» sheet: importing the unchanged template creates nobody")
    func templateCreatesNobody() async throws {
        try await withApp { app, _ in
            let cookie = try await app.sessionCookie("curator")
            var xlsx = Data()
            try await app.testing().test(.GET, "/imports/template/staff", beforeRequest: { req in
                req.headers.cookie = ["nastavnik_session": .init(string: cookie)]
            }, afterResponse: { res in
                #expect(res.status == .ok)
                xlsx = Data(buffer: res.body)
            })
            #expect(try XLSXReader.sheetNames(xlsx).contains("Пример"))
            #expect(try XLSXReader.read(xlsx, sheet: "Пример").dropFirst().contains { $0.contains("Иванова") })
            let before = try await PersonRecord.query(on: app.db).count()
            let (status, body) = try await app.upload("/imports/staff?filename=template.xlsx&commit=true", token: try await app.token("curator"), bytes: xlsx)
            #expect(status == .ok)
            #expect((body.json as? [String: Any])?["created"] as? Int == 0)
            #expect(try await PersonRecord.query(on: app.db).count() == before)
        }
    }

    @Test("«Загрузить из файла» on the people list, the bases and the organisation's page for the curator; never for a mentee")
    func links() async throws {
        try await withApp { app, f in
            let curator = try await app.sessionCookie("curator")
            for (path, kind) in [("/people", "staff"), ("/people", "students"), ("/mentors", "mentors"), ("/mentees", "mentees"), ("/organisations/\(f.schoolA.id)", "staff")] {
                let (status, page) = try await app.pageBody(path, cookie: curator)
                #expect(status == .ok, "\(path)")
                #expect(page.contains("href=\"/imports?kind=\(kind)\""), "\(path) links to the import of \(kind)")
            }
            let municipal = try await app.sessionCookie("mun1")
            #expect(try await app.pageBody("/organisations", cookie: municipal).1.contains("href=\"/imports?kind=organisations\""))
            let mentee = try await app.sessionCookie("mentee")
            for path in ["/", "/people", "/mentors", "/mentees", "/organisations", "/organisations/\(f.schoolA.id)", "/people/\(f.menteeProfile["A"]?.personID.uuidString ?? "")"] {
                let (status, page) = try await app.pageBody(path, cookie: mentee)
                if status == .ok { #expect(!page.contains("/imports?kind="), "\(path)") }
            }
        }
    }
}

extension RenderedForm {
    /// Ticks the checkbox `name` with `value` as a person would: the page must render it inside this form.
    mutating func tick(_ name: String, _ value: String, on page: String) {
        guard page.contains("type=\"checkbox\" name=\"\(name)\" value=\"\(value)\"") else {
            Issue.record("the page has no checkbox «\(name)» = \(value)")
            return
        }
        fields.append((name, value))
    }
}
