import ConsoleKit
import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// Issue 22, findings 5–7: access ends when a role ends — a participant who left a pair, a person outside the
/// zone of the account bound to them, tokens and sessions older than a new password.
@Suite("Access ends when a role ends", .serialized)
struct AccessEndsTests {
    func object(_ b: ByteBuffer) -> [String: Any] { (b.json as? [String: Any]) ?? [:] }

    /// A teacher of `org` with consent and a record in the mentor base (or, when `young`, the mentee base).
    func newcomer(_ app: Application, _ org: Organisation, _ lastName: String, young: Bool) async throws -> Person {
        let p = Person(lastName: lastName, firstName: "Вера", birthDate: Day(young ? "2001-02-02" : "1975-01-01")!,
            pedagogicalExperienceStart: Day(young ? "2025-09-01" : "1998-09-01")!)
        try await PersonRecord(p).create(on: app.db)
        try await MembershipRecord(Membership(personID: p.id, organisationID: org.id, role: .pedagogical, position: "учитель", subjects: ["математика"],
            period: Period(start: Day(young ? "2025-09-01" : "2010-09-01")!))).create(on: app.db)
        try await ConsentRecord(Consent(personID: p.id, signer: .subject, signedOn: Day("2026-01-10")!, scope: ConsentRules.defaultScope)).create(on: app.db)
        if young {
            try await MenteeProfileRecord(MenteeProfile(personID: p.id, organisationID: org.id, mainRequest: .methodical, enteredOn: Day("2026-02-01")!)).create(on: app.db)
        } else {
            try await MentorProfileRecord(MentorProfile(personID: p.id, organisationID: org.id, competencies: [.subject], enteredOn: Day("2026-02-01")!)).create(on: app.db)
        }
        return p
    }

    /// A browser form post with the session cookie: status and body.
    func post(_ app: Application, _ path: String, cookie: String, _ fields: [String: String]) async throws -> (HTTPStatus, String) {
        var out: (HTTPStatus, String) = (.internalServerError, "")
        try await app.testing().test(.POST, path, beforeRequest: { req in
            req.headers.cookie = ["nastavnik_session": .init(string: cookie)]
            try req.content.encode(fields, as: .urlEncodedForm)
        }, afterResponse: { res in out = (res.status, res.body.text) })
        return out
    }

    func get(_ app: Application, _ path: String) async throws -> (HTTPStatus, String) {
        var out: (HTTPStatus, String) = (.internalServerError, "")
        try await app.testing().test(.GET, path, afterResponse: { res in out = (res.status, res.body.text) })
        return out
    }

    func userCommand(_ app: Application, _ arguments: [String]) async throws {
        var context = CommandContext(console: Terminal(), input: CommandInput(arguments: ["nastavnik"] + arguments))
        context.application = app
        try await UserCommand().run(using: &context)
    }

    // MARK: finding 5

    @Test("Finding 5: a mentor and a mentee replaced in a pair no longer read it, add or edit its meetings, send its questionnaires, or see it in their lists, agenda and calendar")
    func replacedParticipantsLoseThePair() async throws {
        try await withApp { app, f in
            let curator = try await app.token("curator")
            let mentor = try await app.token("mentor"), mentee = try await app.token("mentee")
            let id = f.pair["A"]!.id
            // While they take part, both read the pair, and the mentor's calendar shows its meeting.
            #expect(try await app.api(.GET, "/mentorships/\(id)", token: mentor).0 == .ok)
            #expect(try await app.api(.GET, "/mentorships/\(id)", token: mentee).0 == .ok)
            let (ms, meeting) = try await app.api(.POST, "/mentorships/\(id)/meetings", token: curator, json: MeetingInput(type: "regular", date: "2026-12-03", time: "15:00", agenda: "План на декабрь"))
            #expect(ms == .created, "\(meeting.text)")
            let meetingID = try #require(object(meeting)["id"] as? String)
            let feed = try #require(object(try await app.api(.POST, "/me/calendar", token: mentor).1)["path"] as? String)
            #expect(try await get(app, feed).1.contains("meeting-\(meetingID)"))
            let mentorCookie = try await app.sessionCookie("mentor")
            #expect(try await app.page(.GET, "/mentorships/\(id)", cookie: mentorCookie) == .ok)

            // Both are replaced (on 20.11.2026; today is 25.11.2026).
            let newMentor = try await newcomer(app, f.schoolA, "Сменщикова", young: false)
            let newMentee = try await newcomer(app, f.schoolA, "Новенькая", young: true)
            let rows = object(try await app.api(.GET, "/mentorships/\(id)", token: curator).1)["participants"] as? [[String: Any]] ?? []
            let mentorRow = try #require(rows.first { $0["role"] as? String == "mentor" }?["id"] as? String)
            let menteeRow = try #require(rows.first { $0["role"] as? String == "mentee" }?["id"] as? String)
            let r1 = try await app.api(.POST, "/mentorships/\(id)/replace", token: curator, json: ReplaceInput(participantID: mentorRow, newPersonID: newMentor.id.uuidString, date: "2026-11-20", reason: "Перевод в другую школу"))
            #expect(r1.0 == .ok, "\(r1.1.text)")
            let r2 = try await app.api(.POST, "/mentorships/\(id)/replace", token: curator, json: ReplaceInput(participantID: menteeRow, newPersonID: newMentee.id.uuidString, date: "2026-11-20", reason: "Смена запроса"))
            #expect(r2.0 == .ok, "\(r2.1.text)")

            for (who, t) in [("mentor", mentor), ("mentee", mentee)] {
                #expect(try await app.api(.GET, "/mentorships/\(id)", token: t).0 == .notFound, "\(who) reads the pair")
                // A mentee never keeps meetings (403 by role); the former mentor no longer finds the pair.
                let refused: HTTPStatus = who == "mentor" ? .notFound : .forbidden
                #expect(try await app.api(.POST, "/mentorships/\(id)/meetings", token: t, json: MeetingInput(type: "regular", date: "2026-12-10", time: "15:00", agenda: "Тайная встреча")).0 == refused, "\(who) adds a meeting")
                #expect(try await app.api(.PUT, "/meetings/\(meetingID)", token: t, json: MeetingInput(agenda: "Изменено бывшим участником")).0 == refused, "\(who) edits a meeting")
                #expect(try await app.api(.POST, "/mentorships/\(id)/feedback", token: t, json: FeedbackInput(date: "2026-11-25", kind: "monthly", satisfaction: FlexibleInt(5), progress: "Всё хорошо")).0 == .notFound, "\(who) sends a questionnaire")
                let (_, list) = try await app.api(.GET, "/mentorships", token: t)
                #expect(!list.text.contains(id.uuidString), "\(who)'s list of pairs")
                let (_, agenda) = try await app.api(.GET, "/me/agenda", token: t)
                #expect(!agenda.text.contains(id.uuidString), "\(who)'s agenda")
            }
            #expect(try await MeetingRecord.query(on: app.db).filter(\.$mentorshipID == id).count() == 1, "nothing was added")
            #expect(try await MeetingRecord.find(try #require(UUID(uuidString: meetingID)), on: app.db)?.agenda == "План на декабрь", "nothing was changed")
            #expect(try await app.page(.GET, "/mentorships/\(id)", cookie: mentorCookie) == .notFound, "the card page")
            let (_, my) = try await app.pageBody("/my", cookie: mentorCookie)
            #expect(!my.contains("/mentorships/\(id)"), "the «my mentorship» page")
            #expect(!(try await get(app, feed).1.contains("meeting-\(meetingID)")), "the calendar feed")
            // The school's staff keep the pair.
            #expect(try await app.api(.GET, "/mentorships/\(id)", token: curator).0 == .ok)
        }
    }

    // MARK: finding 6

    @Test("Finding 6: an account is bound only to a person within its zone; another school's or territory's person is 422 in Russian, in the API and on the page")
    func accountPersonWithinZone() async throws {
        try await withApp { app, f in
            let director = try await app.token("director")
            let foreign = AccountInput(login: "spy", password: "Шпион2027года", role: "psychologist", fullName: "Шпионов Иван",
                scopeID: f.schoolA.id.uuidString, personID: f.teacher["B"]!.id.uuidString)
            let (s, body) = try await app.api(.POST, "/accounts", token: director, json: foreign)
            #expect(s == .unprocessableEntity, "\(body.text)")
            #expect(body.text.contains("сейчас работает (учится) в выбранной организации"))
            var garbled = foreign
            garbled.personID = "не-идентификатор"
            let (g, gBody) = try await app.api(.POST, "/accounts", token: director, json: garbled)
            #expect(g == .unprocessableEntity)
            #expect(gBody.text.contains("Идентификатор человека указан неверно"))
            // The page refuses the same and keeps the form.
            let cookie = try await app.sessionCookie("director")
            let csrf = try await app.csrf("/accounts/new", cookie: cookie)
            let (ps, page) = try await post(app, "/accounts/new", cookie: cookie, ["csrf": csrf, "login": "spy2", "password": "Шпион2027года", "role": "psychologist",
                "fullName": "Шпионов Иван", "scopeID": f.schoolA.id.uuidString, "personID": f.teacher["C"]!.id.uuidString])
            #expect(ps == .unprocessableEntity)
            #expect(page.contains("сейчас работает (учится) в выбранной организации"))
            #expect(try await AccountRecord.query(on: app.db).filter(\.$login ~~ ["spy", "spy2"]).count() == 0)
            // The school's own teacher may be bound.
            var own = foreign
            own.login = "psy2"
            own.personID = f.teacher["A"]!.id.uuidString
            let (os, ob) = try await app.api(.POST, "/accounts", token: director, json: own)
            #expect(os == .created, "\(ob.text)")
            #expect(object(ob)["personID"] as? String == f.teacher["A"]!.id.uuidString)
            // A municipality's account: a person working in it, not in the next district.
            let mun = try await app.token("mun1")
            let outside = AccountInput(login: "mun-spy", password: "Шпион2027года", role: "municipal_coordinator", fullName: "Районов Пётр",
                scopeID: f.mun1.id.uuidString, personID: f.teacher["C"]!.id.uuidString)
            let (ms, mb) = try await app.api(.POST, "/accounts", token: mun, json: outside)
            #expect(ms == .unprocessableEntity, "\(mb.text)")
            #expect(mb.text.contains("в организации выбранного муниципалитета"))
            var inside = outside
            inside.personID = f.teacher["B"]!.id.uuidString
            let (ins, inb) = try await app.api(.POST, "/accounts", token: mun, json: inside)
            #expect(ins == .created, "\(inb.text)")
        }
    }

    // MARK: finding 7

    @Test("Finding 7: a sign-in token, even a mentee's, cannot mint an integration token; a password sign-in on the account page can, and so can an administrator")
    func integrationTokensNeedAPasswordSession() async throws {
        try await withApp { app, _ in
            let mentee = try await app.token("mentee")
            let (s, body) = try await app.api(.POST, "/tokens", token: mentee, json: IntegrationTokenInput(label: "Дневник", days: FlexibleInt(365)))
            #expect(s == .forbidden, "\(body.text)")
            #expect(body.text.contains("«Моя учётная запись»"))
            #expect(try await APITokenRecord.query(on: app.db).filter(\.$label != nil).count() == 0)
            let cookie = try await app.sessionCookie("mentee")
            let csrf = try await app.csrf("/account", cookie: cookie)
            #expect(try await post(app, "/account/tokens", cookie: cookie, ["csrf": csrf, "label": "Дневник", "days": "30"]).0 == .created)
            #expect(try await app.api(.POST, "/tokens", token: try await app.token("admin"), json: IntegrationTokenInput(label: "1С", days: FlexibleInt(30))).0 == .created)
        }
    }

    /// An account's other browser session, sign-in token and calendar link, each checked as working.
    func footholds(_ app: Application, _ login: String, password: String = "Проверка12345") async throws -> (cookie: String, token: String, feed: String) {
        let cookie = try await app.sessionCookie(login, password)
        let token = try await app.token(login, password)
        let feed = try #require(object(try await app.api(.POST, "/me/calendar", token: token).1)["path"] as? String)
        #expect(try await app.page(.GET, "/my", cookie: cookie) == .ok)
        #expect(try await get(app, feed).0 == .ok)
        return (cookie, token, feed)
    }

    func expectEnded(_ app: Application, _ h: (cookie: String, token: String, feed: String), _ how: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        #expect(try await app.page(.GET, "/my", cookie: h.cookie) == .seeOther, "\(how): the other session goes to the sign-in page", sourceLocation: sourceLocation)
        #expect(try await app.api(.GET, "/me/agenda", token: h.token).0 == .unauthorized, "\(how): the token", sourceLocation: sourceLocation)
        #expect(try await get(app, h.feed).0 == .notFound, "\(how): the calendar link", sourceLocation: sourceLocation)
    }

    @Test("Finding 7: a new password — own on /account, an administrator's reset on the page, in the API or by `nastavnik user password` — ends the account's other sessions, its tokens and its calendar link")
    func newPasswordEndsSessionsTokensAndFeed() async throws {
        try await withApp { app, f in
            // Own change: the session it is made in stays.
            var old = try await footholds(app, "mentor")
            let here = try await app.sessionCookie("mentor")
            let csrf = try await app.csrf("/account", cookie: here)
            let (cs, _) = try await post(app, "/account/password", cookie: here, ["csrf": csrf, "current": f.password, "new": "Другой2027пароль"])
            #expect(cs == .seeOther)
            try await expectEnded(app, old, "own change")
            #expect(try await app.page(.GET, "/my", cookie: here) == .ok, "the session the password was changed in")

            // An administrator's reset in the API.
            old = try await footholds(app, "mentee")
            let menteeID = try #require(try await AccountRecord.query(on: app.db).filter(\.$login == "mentee").first()?.id)
            #expect(try await app.api(.POST, "/accounts/\(menteeID)/password", token: try await app.token("admin"), json: PasswordReset(password: "Сброшен2027пароль")).0 == .ok)
            try await expectEnded(app, old, "reset in the API")

            // A director's reset on the page.
            old = try await footholds(app, "mentor", password: "Другой2027пароль")
            let mentorID = try #require(try await AccountRecord.query(on: app.db).filter(\.$login == "mentor").first()?.id)
            let director = try await app.sessionCookie("director")
            let dcsrf = try await app.csrf("/accounts/\(mentorID)/password", cookie: director)
            #expect(try await post(app, "/accounts/\(mentorID)/password", cookie: director, ["csrf": dcsrf, "password": "Третий2027пароль"]).0 == .seeOther)
            try await expectEnded(app, old, "reset on the page")
            #expect(try await app.page(.GET, "/accounts", cookie: director) == .ok, "the director's own session stays")

            // The command line.
            old = try await footholds(app, "mentor", password: "Третий2027пароль")
            try await userCommand(app, ["password", "--login", "mentor", "--password", "Четвёртый2027пароль"])
            try await expectEnded(app, old, "nastavnik user password")
        }
    }
}
