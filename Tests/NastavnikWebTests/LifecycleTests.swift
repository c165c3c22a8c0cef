import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// The mentorship cycle through HTTP, on the dated fixture (today 25.11.2026).
@Suite("Mentorship lifecycle over HTTP", .serialized)
struct LifecycleTests {
    func object(_ b: ByteBuffer) -> [String: Any] { (b.json as? [String: Any]) ?? [:] }

    func expectOK(_ r: (HTTPStatus, ByteBuffer), _ what: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String: Any] {
        #expect(r.0 == .ok || r.0 == .created, "\(what): \(r.0.code) \(r.1.text)", sourceLocation: sourceLocation)
        return object(r.1)
    }

    @Test("A full cycle: new mentee with consent → pair → programme approved → order → meetings → monthly feedback → completion → history in the bases")
    func fullCycle() async throws {
        try await withApp { app, f in
            let t = try await app.token("curatorb")
            // A new young teacher in school B: person, consent, mentee base.
            let person = expectOK(try await app.api(.POST, "/people", token: t, json: PersonForm(
                PersonInput(lastName: "Новикова", firstName: "Ольга", middleName: "Игоревна", birthDate: "12.03.2001", pedagogicalExperienceStart: "01.09.2025"),
                membership: MembershipInput(organisationID: f.schoolB.id.uuidString, role: "pedagogical", position: "учитель истории", subjects: "история", start: "01.09.2025"))), "person")
            let pid = try #require((person["person"] as? [String: Any])?["id"] as? String)
            // Without consent she cannot enter the base, let alone a pair.
            let early = try await app.api(.POST, "/mentees", token: t, json: MenteeInput(personID: pid, organisationID: f.schoolB.id.uuidString, mainRequest: "methodical"))
            #expect(early.0 == .unprocessableEntity)
            _ = expectOK(try await app.api(.POST, "/people/\(pid)/consents", token: t, json: ConsentInput(kind: "processing", signer: "subject", signedOn: "2026-09-01")), "consent")
            _ = expectOK(try await app.api(.POST, "/mentees", token: t, json: MenteeInput(personID: pid, organisationID: f.schoolB.id.uuidString, mainRequest: "methodical")), "mentee base")

            let created = expectOK(try await app.api(.POST, "/mentorships", token: t, json: MentorshipInput(
                organisationID: f.schoolB.id.uuidString, form: "teacher_teacher", start: "2026-09-02", plannedEnd: "2027-05-31",
                mentors: [f.teacher["B"]!.id.uuidString], mentees: [pid])), "pair")
            let id = try #require((created["mentorship"] as? [String: Any])?["id"] as? String)
            #expect((created["mentorship"] as? [String: Any])?["status"] as? String == "forming")
            #expect(created["entered"] as? Bool == false)

            let withProgramme = expectOK(try await app.api(.POST, "/mentorships/\(id)/programme", token: t), "programme")
            let programme = try #require(withProgramme["programme"] as? [String: Any])
            let prog = try #require(programme["id"] as? String)
            let stages = Set((withProgramme["tasks"] as? [[String: Any]] ?? []).compactMap { $0["stage"] as? String })
            #expect(stages == ["adaptation", "main", "control"])
            // Approval only from «на согласовании».
            let tooEarly = try await app.api(.POST, "/programmes/\(prog)/approve", token: t, json: DecisionInput())
            #expect(tooEarly.0 == .unprocessableEntity)
            #expect(tooEarly.1.text.contains("Утвердить можно программу на согласовании"))
            #expect(expectOK(try await app.api(.POST, "/programmes/\(prog)/submit", token: t, json: DecisionInput()), "submit")["status"] as? String == "on_approval")
            // The curator who submitted does not approve; school B's director does (issue 23, defect 10).
            #expect(try await app.api(.POST, "/programmes/\(prog)/approve", token: t, json: DecisionInput(date: "2026-09-10")).0 == .unprocessableEntity)
            let curatorB = try #require(try await AccountRecord.query(on: app.db).filter(\.$login == "curatorb").first())
            try await AccountRecord(login: "directorb", passwordHash: curatorB.passwordHash, role: .director, fullName: "Тест directorb",
                                    placement: curatorB.placement, personID: nil).create(on: app.db)
            let approved = expectOK(try await app.api(.POST, "/programmes/\(prog)/approve", token: try await app.token("directorb"), json: DecisionInput(date: "2026-09-10")), "approve")
            #expect(approved["status"] as? String == "approved")
            #expect(approved["approvedOn"] as? String == "2026-09-10")

            let ordered = expectOK(try await app.api(.POST, "/mentorships/\(id)/order", token: t, json: OrderInput(orderNumber: "112-о", orderDate: "2026-09-05")), "order")
            #expect((ordered["mentorship"] as? [String: Any])?["status"] as? String == "active")
            #expect(ordered["entered"] as? Bool == true, "order + approved programme = entered the programme")

            let mentor = f.teacher["B"]!.id.uuidString
            let both = [mentor, pid]
            _ = expectOK(try await app.api(.POST, "/mentorships/\(id)/meetings", token: t, json: MeetingInput(
                type: "organisational", date: "2026-09-03", time: "15:30", agenda: "Знакомство, план", outcome: "Согласован план", status: "held", attendees: both)), "meeting 1")
            _ = expectOK(try await app.api(.POST, "/mentorships/\(id)/assessments", token: t, json: AssessmentInput(
                personID: pid, phase: "start", date: "2026-09-03", scores: ["subject": FlexibleInt(2), "diagnostic": FlexibleInt(2), "psych_ped": FlexibleInt(3)])), "start assessment")
            for (n, date) in ["2026-10-01", "2026-11-01"].enumerated() {
                for author in both {
                    _ = expectOK(try await app.api(.POST, "/mentorships/\(id)/feedback", token: t, json: FeedbackInput(
                        authorPersonID: author, date: date, satisfaction: FlexibleInt(7 + n), progress: "Месяц \(n + 1): уроки посещены")), "feedback \(date)")
                }
            }
            // Completion needs the final meeting and the final questionnaires.
            let premature = try await app.api(.POST, "/mentorships/\(id)/complete", token: t, json: CloseInput(date: "2026-11-24", resultSummary: "Освоила планирование уроков"))
            #expect(premature.0 == .unprocessableEntity)
            #expect(premature.1.text.contains("Сначала проведите и отметьте итоговую встречу"))
            #expect(premature.1.text.contains("Нет итоговой анкеты удовлетворённости от наставника"))
            _ = expectOK(try await app.api(.POST, "/mentorships/\(id)/meetings", token: t, json: MeetingInput(
                type: "final", date: "2026-11-20", time: "16:00", agenda: "Итоги", outcome: "Цели достигнуты", status: "held", attendees: both)), "final meeting")
            for author in both {
                _ = expectOK(try await app.api(.POST, "/mentorships/\(id)/feedback", token: t, json: FeedbackInput(
                    authorPersonID: author, date: "2026-11-20", kind: "final", satisfaction: FlexibleInt(9), progress: "Итог")), "final feedback")
            }
            _ = expectOK(try await app.api(.POST, "/mentorships/\(id)/assessments", token: t, json: AssessmentInput(
                personID: pid, phase: "end", date: "2026-11-20", scores: ["subject": FlexibleInt(4), "diagnostic": FlexibleInt(3), "psych_ped": FlexibleInt(4)])), "end assessment")
            let done = expectOK(try await app.api(.POST, "/mentorships/\(id)/complete", token: t, json: CloseInput(date: "2026-11-24", resultSummary: "Освоила планирование уроков")), "complete")
            let m = try #require(done["mentorship"] as? [String: Any])
            #expect(m["status"] as? String == "completed")
            #expect(m["actualEnd"] as? String == "2026-11-24")
            let growth = try #require((done["competencyGrowth"] as? [[String: Any]])?.first)
            #expect(abs((growth["delta"] as? Double ?? 0) - (11.0 / 3 - 7.0 / 3)) < 1e-9)
            // The school's figure: mean growth over mentees with both self-assessments.
            let (_, entry) = try await app.api(.GET, "/mentorships/entry", token: t)
            let line = try #require((entry.json as? [[String: Any]])?.first { $0["organisationID"] as? String == f.schoolB.id.uuidString })
            #expect(abs((line["competencyGrowth"] as? Double ?? 0) - 4.0 / 3) < 1e-9)
            #expect(line["assessedMentees"] as? Int == 1)
            // The result is in the mentee's base record and in the history on her card.
            let profile = try #require(try await MenteeProfileRecord.query(on: app.db).filter(\.$personID == UUID(uuidString: pid)!).first())
            #expect(profile.status == MenteeStatus.completed.rawValue)
            let cookie = try await app.sessionCookie("curatorb")
            let (status, html) = try await app.pageBody("/people/\(pid)", cookie: cookie)
            #expect(status == .ok)
            #expect(html.contains("Освоила планирование уроков"))
            // The mentorship change is in her audit trail.
            #expect(try await AuditRecord.query(on: app.db).filter(\.$personID == UUID(uuidString: pid)!).filter(\.$entity == "mentorship").count() >= 3)
        }
    }

    @Test("Rules give a 422 with a Russian message and write nothing", arguments: [
        ("self", "не может быть наставником самому себе"),
        ("second pair in the form", "уже состоит в действующей паре"),
        ("over capacity", "больше, чем он может вести одновременно"),
        ("minor without parent's consent", "Нет действующего согласия родителя"),
        ("young mentor without justification", "запишите обоснование"),
        ("period outside employment", "выходит за период работы"),
    ])
    func rules(_ c: (String, String)) async throws {
        try await withApp { app, f in
            let t = try await app.token("curator")
            let a = f.schoolA.id.uuidString, teacher = f.teacher["A"]!.id.uuidString, young = f.menteeProfile["A"]!.personID.uuidString
            var input = MentorshipInput(organisationID: a, form: "teacher_teacher", start: "2026-12-01", plannedEnd: "2027-05-31", mentors: [teacher], mentees: [young])
            switch c.0 {
            case "self": input.mentees = [teacher]
            case "second pair in the form": break
            case "over capacity":
                // The teacher already mentors the fixture pair; a capacity of 1 leaves no room.
                let rec = try #require(try await MentorProfileRecord.find(f.mentorProfile["A"]!.id, on: app.db))
                rec.capacity = 1
                try await rec.save(on: app.db)
            case "minor without parent's consent":
                input.form = "teacher_student"
                input.mentees = [f.student.id.uuidString]
            case "young mentor without justification":
                try await MentorProfileRecord(MentorProfile(personID: UUID(uuidString: young)!, organisationID: f.schoolA.id, competencies: [.subject], enteredOn: testToday)).create(on: app.db)
                input.mentors = [young]
                input.mentees = [teacher]
                try await MenteeProfileRecord(MenteeProfile(personID: UUID(uuidString: teacher)!, organisationID: f.schoolA.id, mainRequest: .digital, enteredOn: testToday)).create(on: app.db)
            default: input.start = "2024-01-10"
            }
            let before = try await MentorshipRecord.query(on: app.db).count()
            let (status, body) = try await app.api(.POST, "/mentorships", token: t, json: input)
            #expect(status == .unprocessableEntity, "\(c.0): \(status.code)")
            #expect(body.text.contains(c.1), "\(c.0): \(body.text)")
            #expect(try await MentorshipRecord.query(on: app.db).count() == before)
        }
    }

    @Test("A justification lets a mentor with under 3 years of experience through, and it is kept on the participant")
    func justification() async throws {
        try await withApp { app, f in
            let t = try await app.token("curator")
            let young = f.menteeProfile["A"]!.personID, teacher = f.teacher["A"]!.id
            try await MentorProfileRecord(MentorProfile(personID: young, organisationID: f.schoolA.id, competencies: [.subject], forms: [.reverse, .teacherTeacher], enteredOn: testToday)).create(on: app.db)
            try await MenteeProfileRecord(MenteeProfile(personID: teacher, organisationID: f.schoolA.id, mainRequest: .digital, enteredOn: testToday)).create(on: app.db)
            let input = MentorshipInput(organisationID: f.schoolA.id.uuidString, form: "head_teacher", start: "2026-12-01", plannedEnd: "2027-05-31", mentors: [young.uuidString], mentees: [teacher.uuidString], justification: "Победитель конкурса «Педагогический дебют», ведёт ИКТ-практику")
            // head_teacher needs a managerial mentor: refused for the role, not for experience.
            let wrongForm = try await app.api(.POST, "/mentorships", token: t, json: input)
            #expect(wrongForm.0 == .unprocessableEntity)
            #expect(wrongForm.1.text.contains("не может быть наставником в форме «руководитель – педагог»"))
            var ok = input
            ok.form = "teacher_teacher"
            let created = expectOK(try await app.api(.POST, "/mentorships", token: t, json: ok), "justified pair")
            let mentor = (created["participants"] as? [[String: Any]] ?? []).first { $0["role"] as? String == "mentor" }
            #expect(mentor?["justification"] as? String == ok.justification)
        }
    }

    @Test("At-risk and entry lists are computed from dated records")
    func riskAndEntry() async throws {
        try await withApp { app, f in
            let t = try await app.token("curator")
            let id = f.pair["A"]!.id
            // Forming since 01.09.2026 without a programme: only «not approved» applies to a pair not yet working.
            var risks = try await riskKinds(app, t, id)
            #expect(risks == ["programme_not_approved"])
            _ = expectOK(try await app.api(.POST, "/mentorships/\(id)/order", token: t, json: OrderInput(orderNumber: "7", orderDate: "2026-09-01")), "order")
            risks = try await riskKinds(app, t, id)
            #expect(risks == ["no_meeting", "no_feedback", "no_feedback", "programme_not_approved"])
            let both = [f.teacher["A"]!.id.uuidString, f.menteeProfile["A"]!.personID.uuidString]
            // A meeting 31 days ago does not count; 30 days ago does.
            _ = expectOK(try await app.api(.POST, "/mentorships/\(id)/meetings", token: t, json: MeetingInput(type: "regular", date: "2026-10-25", time: "15:00", agenda: "Урок", outcome: "Разобрали", status: "held", attendees: both)), "old meeting")
            #expect(try await riskKinds(app, t, id).contains("no_meeting"))
            _ = expectOK(try await app.api(.POST, "/mentorships/\(id)/meetings", token: t, json: MeetingInput(type: "regular", date: "2026-10-26", time: "15:00", agenda: "Урок", outcome: "Разобрали", status: "held", attendees: both)), "recent meeting")
            #expect(try await !riskKinds(app, t, id).contains("no_meeting"))
            _ = expectOK(try await app.api(.POST, "/mentorships/\(id)/feedback", token: t, json: FeedbackInput(authorPersonID: both[0], date: "2026-11-20", satisfaction: FlexibleInt(8), progress: "Идём по плану")), "mentor feedback")
            #expect(try await riskKinds(app, t, id) == ["no_feedback", "programme_not_approved"], "the mentee's side is still missing")
            // The board filters by risk; the entry list names what is missing.
            let (_, board) = try await app.api(.GET, "/mentorships?risk=no_feedback", token: t)
            #expect(((object(board)["items"] as? [[String: Any]]) ?? []).count == 1)
            let (_, entry) = try await app.api(.GET, "/mentorships/entry", token: t)
            let line = try #require((entry.json as? [[String: Any]])?.first)
            #expect(line["open"] as? Int == 1)
            #expect(line["entered"] as? Int == 0)
            #expect(((line["lacking"] as? [[String: Any]])?.first?["missing"] as? [String]) == ["программа не утверждена"])
        }
    }

    func riskKinds(_ app: Application, _ token: String, _ id: UUID) async throws -> [String] {
        let (_, body) = try await app.api(.GET, "/mentorships/\(id)", token: token)
        return ((object(body)["risks"] as? [[String: Any]]) ?? []).compactMap { $0["kind"] as? String }
    }

    @Test("A mentee fills only their own questionnaire, and a mentor cannot approve a programme")
    func ownPairRights() async throws {
        try await withApp { app, f in
            let id = f.pair["A"]!.id
            let mentee = try await app.token("mentee"), mentor = try await app.token("mentor"), curator = try await app.token("curator")
            // Whoever the mentee names, the questionnaire is theirs.
            let fb = expectOK(try await app.api(.POST, "/mentorships/\(id)/feedback", token: mentee, json: FeedbackInput(authorPersonID: f.teacher["A"]!.id.uuidString, satisfaction: FlexibleInt(6), progress: "Разобрались с журналом")), "mentee feedback")
            #expect(fb["authorPersonID"] as? String == f.menteeProfile["A"]!.personID.uuidString)
            #expect(fb["role"] as? String == "mentee")
            let p = expectOK(try await app.api(.POST, "/mentorships/\(id)/programme", token: mentor), "mentor drafts")
            let prog = try #require((p["programme"] as? [String: Any])?["id"] as? String)
            _ = expectOK(try await app.api(.POST, "/programmes/\(prog)/submit", token: mentor, json: DecisionInput()), "mentor submits")
            let denied = try await app.api(.POST, "/programmes/\(prog)/approve", token: mentor, json: DecisionInput())
            #expect(denied.0 == .unprocessableEntity)
            #expect(denied.1.text.contains("утверждает руководитель организации"))
            let back = expectOK(try await app.api(.POST, "/programmes/\(prog)/return", token: curator, json: DecisionInput(comment: "Добавьте посещение уроков")), "return")
            #expect(back["status"] as? String == "draft")
            #expect(try await app.api(.POST, "/mentorships/\(id)/order", token: mentee, json: OrderInput(orderNumber: "1", orderDate: "2026-09-01")).0 == .forbidden)
        }
    }

    @Test("Re-pairing keeps the one who left in the history")
    func replace() async throws {
        try await withApp { app, f in
            let t = try await app.token("curator")
            let id = f.pair["A"]!.id
            // A second teacher in school A, with consent and a mentor record.
            let other = Person(lastName: "Сменщикова", firstName: "Вера", birthDate: Day("1975-01-01")!, pedagogicalExperienceStart: Day("1998-09-01")!)
            try await PersonRecord(other).create(on: app.db)
            try await MembershipRecord(Membership(personID: other.id, organisationID: f.schoolA.id, role: .pedagogical, period: Period(start: Day("2010-09-01")!))).create(on: app.db)
            try await ConsentRecord(Consent(personID: other.id, signer: .subject, signedOn: Day("2026-01-10")!, scope: ConsentRules.defaultScope)).create(on: app.db)
            try await MentorProfileRecord(MentorProfile(personID: other.id, organisationID: f.schoolA.id, competencies: [.subject], enteredOn: testToday)).create(on: app.db)
            let (_, before) = try await app.api(.GET, "/mentorships/\(id)", token: t)
            let mentorRow = try #require((object(before)["participants"] as? [[String: Any]])?.first { $0["role"] as? String == "mentor" })
            let noReason = try await app.api(.POST, "/mentorships/\(id)/replace", token: t, json: ReplaceInput(participantID: mentorRow["id"] as? String, newPersonID: other.id.uuidString, date: "2026-11-20"))
            #expect(noReason.0 == .unprocessableEntity)
            #expect(noReason.1.text.contains("Укажите причину замены"))
            let after = expectOK(try await app.api(.POST, "/mentorships/\(id)/replace", token: t, json: ReplaceInput(participantID: mentorRow["id"] as? String, newPersonID: other.id.uuidString, date: "2026-11-20", reason: "Декретный отпуск")), "replace")
            let participants = after["participants"] as? [[String: Any]] ?? []
            #expect(participants.count == 3)
            #expect(participants.contains { $0["personID"] as? String == f.teacher["A"]!.id.uuidString && $0["leftOn"] as? String == "2026-11-20" && $0["leftReason"] as? String == "Декретный отпуск" })
            #expect(participants.contains { $0["personID"] as? String == other.id.uuidString && $0["leftOn"] == nil })
        }
    }

    @Test("The personal calendar feed lists the pair's meetings behind a secret URL; a wrong secret is 404")
    func calendar() async throws {
        try await withApp { app, f in
            let curator = try await app.token("curator"), mentee = try await app.token("mentee")
            _ = expectOK(try await app.api(.POST, "/mentorships/\(f.pair["A"]!.id)/meetings", token: curator, json: MeetingInput(type: "trial", date: "2026-12-03", time: "01:30", agenda: "Пробная встреча; план, цели")), "meeting")
            let link = expectOK(try await app.api(.POST, "/me/calendar", token: mentee), "calendar link")
            let path = try #require(link["path"] as? String)
            var body = "", type = ""
            try await app.testing().test(.GET, path, afterResponse: { res in
                #expect(res.status == .ok)
                body = res.body.text
                type = res.headers.first(name: .contentType) ?? ""
            })
            #expect(type.hasPrefix("text/calendar"))
            #expect(body.contains("BEGIN:VEVENT\r\n"))
            #expect(body.contains("DTSTART:20261202T223000Z"), "01:30 Moscow is 22:30 UTC the day before")
            #expect(body.contains("Пробная встреча\\; план\\, цели"))
            // A new link revokes the old one.
            _ = expectOK(try await app.api(.POST, "/me/calendar", token: mentee), "new link")
            try await app.testing().test(.GET, path, afterResponse: { res in #expect(res.status == .notFound) })
        }
    }

    @Test("Pages: the board lists the school's pairs only, and a bad meeting time re-shows the form with the input kept")
    func pages() async throws {
        try await withApp { app, f in
            let cookie = try await app.sessionCookie("curator")
            let (s1, board) = try await app.pageBody("/mentorships", cookie: cookie)
            #expect(s1 == .ok)
            #expect(board.contains("/mentorships/\(f.pair["A"]!.id)"))
            #expect(!board.contains("/mentorships/\(f.pair["B"]!.id)"))
            #expect(board.contains("программа не утверждена"))
            let (s2, form) = try await app.pageBody("/mentorships/\(f.pair["A"]!.id)/meetings/new", cookie: cookie)
            #expect(s2 == .ok)
            let csrf = String(form[form.range(of: "name=\"csrf\" value=\"")!.upperBound...].prefix { $0 != "\"" })
            var status: HTTPStatus = .ok
            var html = ""
            try await app.testing().test(.POST, "/mentorships/\(f.pair["A"]!.id)/meetings/new", beforeRequest: { req in
                req.headers.cookie = ["nastavnik_session": .init(string: cookie)]
                try req.content.encode(["csrf": csrf, "type": "regular", "date": "03.12.2026", "time": "25:99", "agenda": "Анализ урока 5Б"], as: .urlEncodedForm)
            }, afterResponse: { res in
                status = res.status
                html = res.body.text
            })
            #expect(status == .unprocessableEntity)
            #expect(html.contains("Время указано неверно"))
            #expect(html.contains("Анализ урока 5Б"))
            #expect(try await MeetingRecord.query(on: app.db).count() == 0)
        }
    }
}
