import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

@Suite("Managing accounts and places of work", .serialized)
struct AdministrationTests {
    func accountID(_ app: Application, _ login: String) async throws -> UUID {
        try #require(try await AccountRecord.query(on: app.db).filter(\.$login == login).first()?.id)
    }

    @Test("A director switches a mentor's account off: its token and its login stop working at once; nobody switches themselves off")
    func deactivate() async throws {
        try await withApp { app, f in
            let director = try await app.token("director"), mentorToken = try await app.token("mentor")
            let mentor = try await accountID(app, "mentor")
            #expect(try await app.api(.GET, "/people/\(f.teacher["A"]!.id)", token: mentorToken).0 == .ok)
            let (s, body) = try await app.api(.POST, "/accounts/\(mentor)/active", token: director, json: ActiveInput(active: "false"))
            #expect(s == .ok)
            #expect((body.json as? [String: Any])?["active"] as? Bool == false)
            #expect(try await app.api(.GET, "/people/\(f.teacher["A"]!.id)", token: mentorToken).0 == .unauthorized)
            let (login, _) = try await app.api(.POST, "/auth/token", token: nil, json: ["login": "mentor", "password": f.password])
            #expect(login == .unauthorized)
            let me = try await accountID(app, "director")
            let (selfOff, text) = try await app.api(.POST, "/accounts/\(me)/active", token: director, json: ActiveInput(active: "false"))
            #expect(selfOff == .unprocessableEntity)
            #expect(text.text.contains("Нельзя отключить свою собственную учётную запись"))
            _ = try await app.api(.POST, "/accounts/\(mentor)/active", token: director, json: ActiveInput(active: "true"))
            _ = try await app.token("mentor")
        }
    }

    @Test("Who may manage which account: out of scope is 404, a curator or a lower level is 403 (whatever the account)")
    func scope() async throws {
        try await withApp { app, _ in
            let mentor = try await accountID(app, "mentor"), director = try await accountID(app, "director"), mun = try await accountID(app, "mun1")
            // A curator manages no accounts at all: 403 for any id, so nothing about the account is revealed.
            #expect(try await app.api(.POST, "/accounts/\(mentor)/active", token: try await app.token("curatorb"), json: ActiveInput(active: "false")).0 == .forbidden)
            let curator = try await app.token("curator")
            #expect(try await app.api(.GET, "/accounts/\(mentor)", token: curator).0 == .ok)
            #expect(try await app.api(.POST, "/accounts/\(mentor)/active", token: curator, json: ActiveInput(active: "false")).0 == .forbidden)
            #expect(try await app.api(.POST, "/accounts/\(mun)/password", token: try await app.token("director"), json: PasswordReset(password: "Новый2027пароль")).0 == .notFound)
            // The municipal coordinator manages the school's director, not the other way round.
            let coordinator = try await app.token("mun1")
            #expect(try await app.api(.POST, "/accounts/\(director)/password", token: coordinator, json: PasswordReset(password: "Новый2027пароль")).0 == .ok)
            _ = try await app.token("director", "Новый2027пароль")
        }
    }

    @Test("A new password is checked, works, and revokes the old tokens")
    func resetPassword() async throws {
        try await withApp { app, f in
            let director = try await app.token("director"), old = try await app.token("mentor")
            let mentor = try await accountID(app, "mentor")
            let (weak, body) = try await app.api(.POST, "/accounts/\(mentor)/password", token: director, json: PasswordReset(password: "123"))
            #expect(weak == .unprocessableEntity)
            #expect(body.text.contains("не короче 10 символов"))
            #expect(try await app.api(.POST, "/accounts/\(mentor)/password", token: director, json: PasswordReset(password: "Весна2027года")).0 == .ok)
            #expect(try await app.api(.GET, "/people/\(f.teacher["A"]!.id)", token: old).0 == .unauthorized)
            _ = try await app.token("mentor", "Весна2027года")
        }
    }

    @Test("A regional tutor is given mentees of the region's bases and then sees their routes; others are refused")
    func tutorAssignments() async throws {
        try await withApp { app, f in
            let region = try await app.token("region"), tutorToken = try await app.token("tutor")
            let tutor = try await accountID(app, "tutor")
            let youngB = f.menteeProfile["B"]!.personID
            #expect(try await app.api(.GET, "/people/\(youngB)/route", token: tutorToken).0 == .notFound)
            let notMentee = try await app.api(.PUT, "/accounts/\(tutor)/assignments", token: region, json: AssignmentsInput(personIDs: [f.teacher["A"]!.id.uuidString]))
            #expect(notMentee.0 == .unprocessableEntity)
            #expect(notMentee.1.text.contains("только наставляемых из базы организаций региона"))
            let ok = try await app.api(.PUT, "/accounts/\(tutor)/assignments", token: region, json: AssignmentsInput(personIDs: [youngB.uuidString, f.menteeProfile["C"]!.personID.uuidString]))
            #expect(ok.0 == .ok)
            let fresh = try await app.token("tutor")
            #expect(try await app.api(.GET, "/people/\(youngB)/route", token: fresh).0 == .ok)
            let step = try await app.api(.POST, "/people/\(youngB)/route", token: fresh, json: RouteStepInput(deficit: "Оценивание по ФГОС", action: "Региональный семинар", level: "region", responsible: "Тест tutor", deadline: "2027-02-01"))
            #expect(step.0 == .created)
            #expect(try await AuditRecord.query(on: app.db).filter(\.$personID == youngB).filter(\.$entity == "route").count() == 1)
            #expect(try await app.api(.PUT, "/accounts/\(tutor)/assignments", token: try await app.token("curator"), json: AssignmentsInput(personIDs: [])).0 == .forbidden)
        }
    }

    @Test("A place of work is ended with an audited change; a period ending before it starts is refused")
    func endMembership() async throws {
        try await withApp { app, f in
            let curator = try await app.token("curator")
            let m = try #require(try await MembershipRecord.query(on: app.db).filter(\.$personID == f.teacher["A"]!.id).first())
            let bad = try await app.api(.PUT, "/memberships/\(m.id!)", token: curator, json: MembershipInput(role: "pedagogical", position: "учитель", start: "2024-09-01", end: "2020-01-01"))
            #expect(bad.0 == .unprocessableEntity)
            #expect(bad.1.text.contains("Дата окончания раньше даты начала"))
            let (s, body) = try await app.api(.PUT, "/memberships/\(m.id!)", token: curator, json: MembershipInput(role: "pedagogical", position: "заместитель директора", subjects: "математика", start: "2024-09-01", end: "2026-12-31"))
            #expect(s == .ok)
            #expect(((body.json as? [String: Any])?["period"] as? [String: Any])?["end"] as? String == "2026-12-31")
            #expect((body.json as? [String: Any])?["organisationID"] as? String == f.schoolA.id.uuidString)
            let audit = try #require(try await AuditRecord.query(on: app.db).filter(\.$entityID == m.id!).first())
            #expect(audit.action == "update")
            #expect(try await app.api(.PUT, "/memberships/\(m.id!)", token: try await app.token("curatorb"), json: MembershipInput(role: "pedagogical", start: "2024-09-01")).0 == .notFound)
        }
    }

    @Test("The mentee questionnaire keeps the preferred format and convenient times; an unknown format is refused")
    func menteeQuestionnaire() async throws {
        try await withApp { app, f in
            let t = try await app.token("curator")
            let id = f.menteeProfile["A"]!.id
            let bad = try await app.api(.PUT, "/mentees/\(id)", token: t, json: MenteeInput(mainRequest: "digital", preferredFormat: "по телефону"))
            #expect(bad.0 == .unprocessableEntity)
            #expect(bad.1.text.contains("Формат: очно, дистанционно или смешанно"))
            let (s, body) = try await app.api(.PUT, "/mentees/\(id)", token: t, json: MenteeInput(mainRequest: "digital", preferredFormat: "дистанционно", availability: "вторник и четверг после 15:00"))
            #expect(s == .ok)
            let o = (body.json as? [String: Any]) ?? [:]
            #expect(o["preferredFormat"] as? String == "remote")
            #expect(o["availability"] as? String == "вторник и четверг после 15:00")
        }
    }

    @Test("Lists download as CSV with the visible filters and scope applied")
    func csvExport() async throws {
        try await withApp { app, f in
            let cookie = try await app.sessionCookie("curator")
            var type = "", disposition = "", body = ""
            try await app.testing().test(.GET, "/mentees?category=young_specialist&format=csv", beforeRequest: { req in
                req.headers.cookie = ["nastavnik_session": .init(string: cookie)]
            }, afterResponse: { res in
                type = res.headers.first(name: .contentType) ?? ""
                disposition = res.headers.first(name: .contentDisposition) ?? ""
                body = res.body.text
            })
            #expect(type.hasPrefix("text/csv"))
            #expect(disposition.contains("filename*=UTF-8''"))
            #expect(body.hasPrefix("\u{FEFF}ФИО;Организация;Должность / класс;Категории;Основной запрос;Статус\r\n"))
            #expect(body.contains("МолодцовA Иван"))
            #expect(!body.contains("МолодцовB"), "another school's people never leave in an export")
            #expect(body.split(separator: "\r\n").count == 2, "header and the one young specialist of school A")
            let (_, pairs) = try await app.pageBody("/mentorships?status=forming&format=csv", cookie: cookie)
            #expect(pairs.contains("Школа А;Учителева Анна Петровна;МолодцовA Иван;учитель – учитель (педагог – педагог)"))
            #expect(pairs.split(separator: "\r\n").count == 2)
        }
    }
}
