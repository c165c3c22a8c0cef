import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

@Suite("Matching: runs, the curator's decisions, approval", .serialized)
struct MatchingTests {
    /// A new staff member of school A with consent and a base record.
    func newcomer(_ app: Application, _ f: Fixture, _ last: String, subjects: [String], exp: String, mentor capacity: Int? = nil,
                  forms: [MentorshipForm] = [.teacherTeacher]) async throws -> Person {
        let p = Person(lastName: last, firstName: "Ирина", middleName: "Павловна", birthDate: Day("1990-02-02")!, pedagogicalExperienceStart: Day(exp)!)
        try await PersonRecord(p).create(on: app.db)
        try await MembershipRecord(Membership(personID: p.id, organisationID: f.schoolA.id, role: .pedagogical, subjects: subjects, period: Period(start: Day(exp)!))).create(on: app.db)
        try await ConsentRecord(Consent(personID: p.id, signer: .subject, signedOn: Day("2026-01-15")!, scope: ConsentRules.defaultScope)).create(on: app.db)
        if let capacity {
            try await MentorProfileRecord(MentorProfile(personID: p.id, organisationID: f.schoolA.id, competencies: [.subject, .organisationalMethodical], capacity: capacity, forms: forms, enteredOn: testToday)).create(on: app.db)
        } else {
            try await MenteeProfileRecord(MenteeProfile(personID: p.id, organisationID: f.schoolA.id, mainRequest: .methodical, enteredOn: testToday)).create(on: app.db)
        }
        return p
    }

    func run(_ body: ByteBuffer) -> (id: String, pairs: [[String: Any]], unmatched: [[String: Any]], status: String) {
        let o = (body.json as? [String: Any]) ?? [:]
        let result = (o["result"] as? [String: Any]) ?? [:]
        return (o["id"] as? String ?? "", result["pairs"] as? [[String: Any]] ?? [], result["unmatched"] as? [[String: Any]] ?? [], o["status"] as? String ?? "")
    }

    @Test("Run → explained proposal → lock, remove, re-run around them → approve creates forming pairs, all at once")
    func curatorFlow() async throws {
        try await withApp { app, f in
            let t = try await app.token("curator")
            let history = try await newcomer(app, f, "Историкова", subjects: ["история"], exp: "2025-09-01")
            let maths = try await newcomer(app, f, "Математикова", subjects: ["математика"], exp: "2025-09-01")
            let second = try await newcomer(app, f, "Вторая", subjects: ["история"], exp: "2001-09-01", mentor: 1)
            // A pupil in the school's base of mentees is no candidate of a teachers' run: neither offered nor «без пары».
            try await MenteeProfileRecord(MenteeProfile(personID: f.student.id, organisationID: f.schoolA.id, mainRequest: .research, enteredOn: testToday)).create(on: app.db)
            let (s, body) = try await app.api(.POST, "/matching/runs", token: t, json: RunInput(scopeID: f.schoolA.id.uuidString, form: "teacher_teacher", mode: "optimal_count_first"))
            #expect(s == .created, "\(body.text)")
            var r = run(body)
            #expect(r.pairs.count == 2)
            #expect(r.unmatched.isEmpty, "\(r.unmatched)")
            let pool = ((body.json as? [String: Any])?["pool"] as? [[String: Any]]) ?? []
            #expect(pool.filter { $0["role"] as? String == "mentee" }.count == 2, "the run keeps whom it considered")
            #expect(!pool.contains { $0["personID"] as? String == f.student.id.uuidString })
            let (unfit, refusal) = try await app.api(.GET, "/matching/suggestions?menteeID=\(f.student.id)&form=teacher_teacher", token: t)
            #expect(unfit == .unprocessableEntity && refusal.text.contains("не может быть наставляемым в форме «учитель – учитель (педагог – педагог)»"), "\(unfit) \(refusal.text)")
            let (fits, _) = try await app.api(.GET, "/matching/suggestions?menteeID=\(f.student.id)&form=teacher_student", token: t)
            #expect(fits == .ok)
            #expect(pool.contains { $0["personID"] as? String == second.id.uuidString && ($0["details"] as? String ?? "").hasPrefix("свободно 1 из 1") })
            let byMentee = Dictionary(uniqueKeysWithValues: r.pairs.map { ($0["menteeID"] as! String, $0) })
            // Subjects decide here: the historian with the historian, the mathematician with the maths teacher.
            #expect(byMentee[history.id.uuidString]?["mentorID"] as? String == second.id.uuidString)
            #expect(byMentee[maths.id.uuidString]?["mentorID"] as? String == f.teacher["A"]!.id.uuidString)
            let parts = ((byMentee[maths.id.uuidString]?["score"] as? [String: Any])?["parts"] as? [[String: Any]]) ?? []
            #expect(parts.count == MatchingCriterion.allCases.count)
            #expect(parts.contains { $0["criterion"] as? String == "subject" && $0["explanation"] as? String == "общий предмет: математика" })

            _ = try await app.api(.POST, "/matching/runs/\(r.id)/pairs", token: t, json: PairAction(action: "lock", menteeID: maths.id.uuidString))
            let (_, removed) = try await app.api(.POST, "/matching/runs/\(r.id)/pairs", token: t, json: PairAction(action: "remove", menteeID: history.id.uuidString))
            r = run(removed)
            #expect(r.pairs.count == 1)
            #expect(r.unmatched.contains { $0["menteeID"] as? String == history.id.uuidString && $0["reason"] as? String == "пара исключена куратором" })
            let (_, rerun) = try await app.api(.POST, "/matching/runs/\(r.id)/rerun", token: t)
            r = run(rerun)
            #expect(r.pairs.contains { $0["menteeID"] as? String == maths.id.uuidString && $0["locked"] as? Bool == true })
            #expect(!r.pairs.contains { $0["menteeID"] as? String == history.id.uuidString && $0["mentorID"] as? String == second.id.uuidString }, "an excluded pair stays excluded")

            let before = try await MentorshipRecord.query(on: app.db).count()
            let (a, approved) = try await app.api(.POST, "/matching/runs/\(r.id)/approve", token: t)
            #expect(a == .ok, "\(approved.text)")
            let ids = ((approved.json as? [String: Any])?["mentorshipIDs"] as? [String]) ?? []
            #expect(ids.count == r.pairs.count)
            #expect(try await MentorshipRecord.query(on: app.db).count() == before + r.pairs.count)
            let created = try #require(try await MentorshipRecord.find(UUID(uuidString: ids[0])!, on: app.db))
            #expect(created.status == "forming")
            let again = try await app.api(.POST, "/matching/runs/\(r.id)/approve", token: t)
            #expect(again.0 == .unprocessableEntity)
            #expect(again.1.text.contains("Подбор уже утверждён"))
        }
    }

    @Test("Approval is all or nothing: a consent withdrawn after the run stops every pair")
    func approvalAtomic() async throws {
        try await withApp { app, f in
            let t = try await app.token("curator")
            let a = try await newcomer(app, f, "Первая", subjects: ["математика"], exp: "2025-09-01")
            _ = try await newcomer(app, f, "Вторая", subjects: ["математика"], exp: "2025-09-01")
            _ = try await newcomer(app, f, "Наставница", subjects: ["математика"], exp: "2001-09-01", mentor: 2)
            let (_, body) = try await app.api(.POST, "/matching/runs", token: t, json: RunInput(scopeID: f.schoolA.id.uuidString, form: "teacher_teacher"))
            let r = run(body)
            #expect(r.pairs.count == 2)
            let consent = try #require(try await ConsentRecord.query(on: app.db).filter(\.$personID == a.id).first())
            consent.withdrawnOn = "2026-11-25"
            try await consent.save(on: app.db)
            let before = try await MentorshipRecord.query(on: app.db).count()
            let (s, text) = try await app.api(.POST, "/matching/runs/\(r.id)/approve", token: t)
            #expect(s == .unprocessableEntity)
            #expect(text.text.contains("Нет действующего согласия на обработку персональных данных: Первая И. П."))
            #expect(try await MentorshipRecord.query(on: app.db).count() == before)
        }
    }

    @Test("Scope: another school's curator cannot see a run; the psychologist sees it and marks pairs but cannot decide")
    func scope() async throws {
        try await withApp { app, f in
            let t = try await app.token("curator")
            let m = try await newcomer(app, f, "Подопечная", subjects: ["математика"], exp: "2025-09-01")
            let (_, body) = try await app.api(.POST, "/matching/runs", token: t, json: RunInput(scopeID: f.schoolA.id.uuidString, form: "teacher_teacher"))
            let id = run(body).id
            #expect(try await app.api(.GET, "/matching/runs/\(id)", token: try await app.token("curatorb")).0 == .notFound)
            #expect(try await app.api(.POST, "/matching/runs", token: try await app.token("curatorb"), json: RunInput(scopeID: f.schoolA.id.uuidString, form: "teacher_teacher")).0 == .notFound)
            let psy = try await app.token("psy")
            #expect(try await app.api(.GET, "/matching/runs/\(id)", token: psy).0 == .ok)
            #expect(try await app.api(.POST, "/matching/runs/\(id)/approve", token: psy).0 == .forbidden)
            let (ms, _) = try await app.api(.POST, "/matching/marks", token: psy, json: MarkInput(kind: "psychologist", mentorID: f.teacher["A"]!.id.uuidString, menteeID: m.id.uuidString, value: "not_recommended"))
            #expect(ms == .created)
            #expect(try await app.api(.POST, "/matching/marks", token: psy, json: MarkInput(kind: "mentee_rank", mentorID: f.teacher["A"]!.id.uuidString, menteeID: m.id.uuidString, value: "1")).0 == .forbidden)
            let (_, sug) = try await app.api(.GET, "/matching/suggestions?menteeID=\(m.id)&form=teacher_teacher", token: t)
            let first = try #require(((sug.json as? [String: Any])?["suggestions"] as? [[String: Any]])?.first)
            let parts = ((first["score"] as? [String: Any])?["parts"] as? [[String: Any]]) ?? []
            #expect(parts.contains { $0["explanation"] as? String == "психолог: не рекомендуется" })
            // The municipality runs network matching over its schools.
            #expect(try await app.api(.POST, "/matching/runs", token: try await app.token("mun1"), json: RunInput(scopeID: f.mun1.id.uuidString, form: "teacher_teacher")).0 == .created)
        }
    }

    @Test("Stable mode follows the recorded preference questionnaires")
    func stableMode() async throws {
        try await withApp { app, f in
            let t = try await app.token("curator")
            let a = try await newcomer(app, f, "Анкетная", subjects: ["математика"], exp: "2025-09-01")
            let other = try await newcomer(app, f, "Желанная", subjects: ["химия"], exp: "2001-09-01", mentor: 1)
            // On scores alone the maths teacher wins; the mentee ranks the chemist first.
            for (rank, mentor) in [other.id, f.teacher["A"]!.id].enumerated() {
                let (s, _) = try await app.api(.POST, "/matching/marks", token: t, json: MarkInput(kind: "mentee_rank", mentorID: mentor.uuidString, menteeID: a.id.uuidString, value: "\(rank + 1)"))
                #expect(s == .created)
            }
            let (_, body) = try await app.api(.POST, "/matching/runs", token: t, json: RunInput(scopeID: f.schoolA.id.uuidString, form: "teacher_teacher", mode: "stable"))
            let r = run(body)
            #expect(r.pairs.first { $0["menteeID"] as? String == a.id.uuidString }?["mentorID"] as? String == other.id.uuidString)
        }
    }

    @Test("«Только обученные наставники»: a mentor without the mentor school is not proposed, and re-runs keep the option")
    func onlyTrainedMentors() async throws {
        try await withApp { app, f in
            let t = try await app.token("curator")
            let mentee = try await newcomer(app, f, "Обучаемая", subjects: ["математика"], exp: "2025-09-01")
            let second = try await newcomer(app, f, "Вторая", subjects: ["математика"], exp: "2025-09-01")
            let trained = try await newcomer(app, f, "Обученная", subjects: ["химия"], exp: "2001-09-01", mentor: 1)
            let profile = try await MentorProfileRecord.query(on: app.db).filter(\.$personID == trained.id).first()!
            profile.training = TrainingStatus.trained.rawValue
            try await profile.save(on: app.db)
            // Two newcomers, two mentors with a place each: without the option both are paired; with it only the trained mentor is proposed.
            let (_, any) = try await app.api(.POST, "/matching/runs", token: t, json: RunInput(scopeID: f.schoolA.id.uuidString, form: "teacher_teacher", mode: "optimal_count_first"))
            #expect(Set(run(any).pairs.compactMap { $0["mentorID"] as? String }) == [f.teacher["A"]!.id.uuidString, trained.id.uuidString])
            #expect((any.json as? [String: Any])?["onlyTrained"] as? Bool == false)
            let (s, body) = try await app.api(.POST, "/matching/runs", token: t,
                json: RunInput(scopeID: f.schoolA.id.uuidString, form: "teacher_teacher", onlyTrained: "true", mode: "optimal_count_first"))
            #expect(s == .created)
            #expect((body.json as? [String: Any])?["onlyTrained"] as? Bool == true)
            let r = run(body)
            #expect(r.pairs.map { $0["mentorID"] as? String } == [trained.id.uuidString])
            #expect(r.unmatched.count == 1)
            #expect(r.unmatched.allSatisfy { [mentee.id.uuidString, second.id.uuidString].contains($0["menteeID"] as? String) })
            #expect(r.pairs.count + r.unmatched.count == 2)
            // The option survives a re-run.
            let (_, again) = try await app.api(.POST, "/matching/runs/\(r.id)/rerun", token: t)
            #expect(run(again).pairs.map { $0["mentorID"] as? String } == [trained.id.uuidString])
            let (_, page) = try await app.pageBody("/matching/runs/\(r.id)", cookie: try await app.sessionCookie("curator"))
            #expect(page.contains("только обученные"))
        }
    }

    @Test("Pages: the proposal explains each pair and a bad weight is refused in Russian")
    func pages() async throws {
        try await withApp { app, f in
            _ = try await newcomer(app, f, "Страничная", subjects: ["математика"], exp: "2025-09-01")
            let t = try await app.token("curator")
            let (_, body) = try await app.api(.POST, "/matching/runs", token: t, json: RunInput(scopeID: f.schoolA.id.uuidString, form: "teacher_teacher"))
            let cookie = try await app.sessionCookie("curator")
            let (s, html) = try await app.pageBody("/matching/runs/\(run(body).id)", cookie: cookie)
            #expect(s == .ok)
            #expect(html.contains("разбор по критериям"))
            #expect(html.contains("запрос «методическая помощь»"))
            let bad = try await app.api(.POST, "/matching/runs", token: t, json: RunInput(scopeID: f.schoolA.id.uuidString, form: "teacher_teacher", weights: ["coverage": FlexibleInt(500)]))
            #expect(bad.0 == .unprocessableEntity)
            #expect(bad.1.text.contains("Вес критерия — от 0 до 100 баллов"))

            // Suggestions for a pupil: in a pupils' form; a questionnaire answer brings the curator back to the same form.
            try await MenteeProfileRecord(MenteeProfile(personID: f.student.id, organisationID: f.schoolA.id, mainRequest: .research, enteredOn: testToday)).create(on: app.db)
            try await ConsentRecord(Consent(personID: f.student.id, signer: .parent, representativeName: "Родителева Анна Ивановна", signedOn: Day("2026-01-15")!, scope: ConsentRules.defaultScope)).create(on: app.db)
            let mentor = try await newcomer(app, f, "Классная", subjects: ["биология"], exp: "2001-09-01", mentor: 3, forms: [.teacherStudent])
            let suggest = "/matching/suggest?menteeID=\(f.student.id)&form=teacher_student"
            let (ss, page) = try await app.pageBody(suggest, cookie: cookie)
            #expect(ss == .ok && page.contains("в форме «учитель – ученик»") && page.contains("Классная Ирина Павловна"))
            #expect(page.contains("name=\"form\" value=\"teacher_student\""), "the questionnaire's form keeps the form it was opened in")
            let (_, location, _) = try await app.postMultipart("/matching/marks", cookie: cookie, fields: [
                ("csrf", try await app.csrf(suggest, cookie: cookie)), ("kind", "mentee_rank"), ("mentorID", mentor.id.uuidString),
                ("menteeID", f.student.id.uuidString), ("value", "1"), ("form", "teacher_student"),
            ])
            #expect(location == suggest)
            #expect(try await MatchingMarkRecord.query(on: app.db).filter(\.$menteeID == f.student.id).all().map(\.mentorID) == [mentor.id])
            let (wrong, refusal) = try await app.pageBody("/matching/suggest?menteeID=\(f.student.id)&form=teacher_teacher", cookie: cookie)
            #expect(wrong == .unprocessableEntity && refusal.contains("не может быть наставляемым в форме"), "\(wrong)")
        }
    }
}
