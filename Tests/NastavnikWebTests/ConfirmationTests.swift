import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// Issue 23, defect 4: nothing irreversible happens on one click. Each such action's button is a link to a page
/// naming its consequences from the live data (and asking for the act's date on paper); the page's own form performs
/// it; a bare POST (an old button, a hand-made request) shows the page again and changes nothing.
@Suite("Confirmation of irreversible actions", .serialized)
struct ConfirmationTests {
    /// The record's page offers a link to the confirmation, not a one-click form posting the action.
    func linkNotButton(_ app: Application, _ page: String, _ action: String, cookie: String) async throws {
        let html = try await app.html(page, cookie: cookie)
        #expect(!RenderedForm.all(in: html).contains { $0.action == action }, "\(page) still posts \(action) on one click")
        #expect(html.contains("href=\"\(action)\""), "\(page) has no link to \(action)")
    }

    /// The confirmation page and its own form.
    func confirmation(_ app: Application, _ action: String, cookie: String) async throws -> (String, RenderedForm) {
        let (status, html) = try await app.pageBody(action, cookie: cookie)
        #expect(status == .ok, "\(action): \(html)")
        #expect(html.contains("Что произойдёт"))
        let form = try #require(RenderedForm.all(in: html).first { $0.action == action })
        #expect(form.fields.contains { $0.name == "confirmed" && !$0.value.isEmpty })
        return (html, form)
    }

    /// A POST with the CSRF token and the page's fields but no confirmation: the page again (422), nothing done.
    func bare(_ app: Application, _ form: RenderedForm, cookie: String) async throws {
        var f = form
        f.fields.removeAll { $0.name == "confirmed" }
        let (status, _, body) = try await app.submit(f, cookie: cookie)
        #expect(status == .unprocessableEntity, "\(form.action): \(status)")
        #expect(body.contains("Действие не выполнено"))
        #expect(body.contains("Что произойдёт"))
    }

    func submitted(_ app: Application, _ form: RenderedForm, cookie: String) async throws {
        let (status, location, body) = try await app.submit(form, cookie: cookie)
        #expect(status == .seeOther, "\(form.action): \(status) \(body)")
        #expect(!location.isEmpty)
    }

    func consentID(_ app: Application, _ personID: UUID) async throws -> UUID {
        try #require(try await ConsentRecord.query(on: app.db).filter(\.$personID == personID).first()?.id)
    }

    @Test("Consent withdrawal: the page names who leaves which pair from which date and whether the data is anonymised; the date entered is the one recorded")
    func consentWithdrawal() async throws {
        try await withApp { app, f in
            let cookie = try await app.sessionCookie("curator")
            let young = try #require(try await PersonRecord.find(f.menteeProfile["A"]!.personID, on: app.db)).core
            let consent = try await consentID(app, young.id)
            let action = "/consents/\(consent)/withdraw"
            try await linkNotButton(app, "/people/\(young.id)", action, cookie: cookie)
            var (html, form) = try await confirmation(app, action, cookie: cookie)
            #expect(html.contains("\(young.fullName) (наставляемый) выйдет из пары (группы) «\(f.teacher["A"]!.shortName) → \(young.shortName)» с \(testToday.russian)"), "\(html)")
            #expect(html.contains("будет прекращена"))
            #expect(html.contains("не обезличиваются"), "a teacher stays named")
            try await bare(app, form, cookie: cookie)
            #expect(try await ConsentRecord.find(consent, on: app.db)?.withdrawnOn == nil)
            #expect(try await MentorshipRecord.find(f.pair["A"]!.id, on: app.db)?.core.status == .forming)

            // A date in the future or before the signature is refused in Russian, nothing changes.
            form.set("withdrawnOn", "01.12.2026")
            let (future, _, futureBody) = try await app.submit(form, cookie: cookie)
            #expect(future == .unprocessableEntity)
            #expect(futureBody.contains("ещё не наступила"))
            form.set("withdrawnOn", "01.01.2024")
            #expect(try await app.submit(form, cookie: cookie).2.contains("раньше даты подписания"))
            #expect(try await ConsentRecord.find(consent, on: app.db)?.withdrawnOn == nil)

            // The date of the written withdrawal, entered on the page, is the one recorded everywhere.
            form.set("withdrawnOn", "20.11.2026")
            try await submitted(app, form, cookie: cookie)
            #expect(try await ConsentRecord.find(consent, on: app.db)?.core.withdrawnOn == Day("2026-11-20"))
            let pair = try #require(try await MentorshipRecord.find(f.pair["A"]!.id, on: app.db)).core
            #expect(pair.status == .terminated && pair.actualEnd == Day("2026-11-20"))
            #expect(try await PersonRecord.find(young.id, on: app.db)?.core.lastName == young.lastName)
            _ = html
        }
    }

    @Test("A pupil's consent withdrawn: the page says the data will be anonymised; confirming anonymises")
    func pupilAnonymised() async throws {
        try await withApp { app, f in
            let t = try await app.token("curator")
            let (s, c) = try await app.api(.POST, "/people/\(f.student.id)/consents", token: t,
                json: ConsentInput(kind: nil, signer: "parent", representativeName: "Школьникова Мария Ивановна", signedOn: "01.09.2026", scope: nil))
            #expect(s == .created, "\(c.text)")
            let cookie = try await app.sessionCookie("curator")
            let action = "/consents/\(try await consentID(app, f.student.id))/withdraw"
            try await linkNotButton(app, "/people/\(f.student.id)", action, cookie: cookie)
            let (html, form) = try await confirmation(app, action, cookie: cookie)
            #expect(html.contains("Данные \(f.student.fullName) будут обезличены"), "\(html)")
            try await bare(app, form, cookie: cookie)
            #expect(try await PersonRecord.find(f.student.id, on: app.db)?.core.lastName == f.student.lastName)
            try await submitted(app, form, cookie: cookie)
            #expect(try await PersonRecord.find(f.student.id, on: app.db)?.core.lastName == PersonalDataRules.anonymisedLastName)
        }
    }

    @Test("Terminating a pair: the page names the pair, its people and the date; the date is checked against the pair's start and today")
    func termination() async throws {
        try await withApp { app, f in
            let cookie = try await app.sessionCookie("curator")
            let pair = f.pair["A"]!
            let action = "/mentorships/\(pair.id)/terminate"
            let (html, form0) = try await confirmation(app, action, cookie: cookie)
            let mentee = try #require(try await PersonRecord.find(f.menteeProfile["A"]!.personID, on: app.db)).core
            #expect(html.contains("Прекращается 1 пара (группа)"))
            #expect(html.contains(f.teacher["A"]!.fullName) && html.contains(mentee.fullName))
            #expect(html.contains("досрочно с \(testToday.russian)"))
            var form = form0
            form.set("reason", "Наставляемый перешёл в другую школу")
            try await bare(app, form, cookie: cookie)
            #expect(try await MentorshipRecord.find(pair.id, on: app.db)?.core.status == .forming)
            form.set("date", "01.08.2026")
            let (early, _, earlyBody) = try await app.submit(form, cookie: cookie)
            #expect(early == .unprocessableEntity && earlyBody.contains("раньше начала"))
            form.set("date", "15.10.2026")
            try await submitted(app, form, cookie: cookie)
            let m = try #require(try await MentorshipRecord.find(pair.id, on: app.db)).core
            #expect(m.status == .terminated && m.actualEnd == Day("2026-10-15"))
        }
    }

    @Test("Approving and returning a programme: the page names the pair, the approver and the date; the entered date is recorded")
    func programme() async throws {
        try await withApp { app, f in
            let t = try await app.token("curator")
            let pair = f.pair["A"]!
            let (_, body) = try await app.api(.POST, "/mentorships/\(pair.id)/programme", token: t)
            let prog = try #require(((body.json as? [String: Any])?["programme"] as? [String: Any])?["id"] as? String)
            #expect(try await app.api(.POST, "/programmes/\(prog)/submit", token: t, json: DecisionInput()).0 == .ok)
            // The curator submitted and returns; the director approves (issue 23, defect 10).
            let cookie = try await app.sessionCookie("curator")
            let director = try await app.sessionCookie("director")
            try await linkNotButton(app, "/mentorships/\(pair.id)", "/programmes/\(prog)/approve", cookie: director)

            // Returning names the pair and asks for the comment.
            var (back, returnForm) = try await confirmation(app, "/programmes/\(prog)/return", cookie: cookie)
            #expect(back.contains("вернётся из «на согласовании» в черновик") || back.contains("вернётся из"), "\(back)")
            returnForm.set("comment", "Добавьте посещение уроков")
            try await bare(app, returnForm, cookie: cookie)
            #expect(try await ProgrammeRecord.find(UUID(uuidString: prog), on: app.db)?.core.status == .onApproval)

            let (html, form0) = try await confirmation(app, "/programmes/\(prog)/approve", cookie: director)
            #expect(html.contains("\(f.teacher["A"]!.shortName) → "))
            #expect(html.contains("будет утверждена \(testToday.russian); утвердил — Тест director"), "\(html)")
            try await bare(app, form0, cookie: director)
            #expect(try await ProgrammeRecord.find(UUID(uuidString: prog), on: app.db)?.core.status == .onApproval)
            var form = form0
            form.set("date", "26.11.2026")
            #expect(try await app.submit(form, cookie: director).0 == .unprocessableEntity)
            form.set("date", "10.11.2026")
            try await submitted(app, form, cookie: director)
            let p = try #require(try await ProgrammeRecord.find(UUID(uuidString: prog), on: app.db)).core
            #expect(p.status == .approved && p.approvedOn == Day("2026-11-10"))
            _ = back
        }
    }

    @Test("Approving a matching run lists the pairs it creates; discarding names the run; neither acts on a bare POST")
    func matching() async throws {
        try await withApp { app, f in
            let newcomer = try await MatchingTests().newcomer(app, f, "Подборова", subjects: ["математика"], exp: "2025-09-01")
            let t = try await app.token("curator")
            let (_, body) = try await app.api(.POST, "/matching/runs", token: t, json: RunInput(scopeID: f.schoolA.id.uuidString, form: "teacher_teacher"))
            let run = MatchingTests().run(body)
            #expect(!run.pairs.isEmpty)
            let cookie = try await app.sessionCookie("curator")
            let base = "/matching/runs/\(run.id)"
            try await linkNotButton(app, base, "\(base)/approve", cookie: cookie)
            try await linkNotButton(app, base, "\(base)/discard", cookie: cookie)
            let (discardPage, discardForm) = try await confirmation(app, "\(base)/discard", cookie: cookie)
            #expect(discardPage.contains("будет отклонён"))
            try await bare(app, discardForm, cookie: cookie)
            let (html, form) = try await confirmation(app, "\(base)/approve", cookie: cookie)
            #expect(html.contains("Будет сформировано пар (групп): \(run.pairs.count)"), "\(html)")
            #expect(html.contains("→ \(newcomer.fullName)"), "\(html)")
            let before = try await MentorshipRecord.query(on: app.db).count()
            try await bare(app, form, cookie: cookie)
            #expect(try await MentorshipRecord.query(on: app.db).count() == before)
            #expect(try await MatchingRunRecord.find(UUID(uuidString: run.id), on: app.db)?.runStatus == .pending)
            try await submitted(app, form, cookie: cookie)
            #expect(try await MentorshipRecord.query(on: app.db).count() == before + run.pairs.count)
            #expect(try await MatchingRunRecord.find(UUID(uuidString: run.id), on: app.db)?.runStatus == .approved)
        }
    }

    @Test("Cancelling a local act: the page names the act, its date and what it fixes; the cancellation date entered is recorded")
    func documentCancel() async throws {
        try await withApp { app, f in
            let t = try await app.token("curator")
            let (_, body) = try await app.api(.POST, "/organisations/\(f.schoolA.id)/documents", token: t, json: ["type": "implementation_order", "action": "register"])
            let id = try #require((body.json as? [String: Any])?["id"] as? String)
            #expect(try await app.api(.POST, "/local-acts/\(id)/approve", token: t, json: ["number": "41-о", "date": "20.11.2026", "approver": "Директор"]).0 == .ok)
            let cookie = try await app.sessionCookie("curator")
            let action = "/documents/\(id)/cancel"
            try await linkNotButton(app, "/documents/\(id)", action, cookie: cookie)
            var (html, form) = try await confirmation(app, action, cookie: cookie)
            #expect(html.contains("№ 41-о от 20.11.2026") && html.contains("будет отмечен отменённым с \(testToday.russian)"), "\(html)")
            form.set("reason", "Приказ № 50-о от 22.11.2026")
            try await bare(app, form, cookie: cookie)
            #expect(try await LocalActRecord.find(UUID(uuidString: id), on: app.db)?.core.status == .approved)
            form.set("date", "19.11.2026")
            #expect(try await app.submit(form, cookie: cookie).2.contains("раньше даты документа"))
            form.set("date", "22.11.2026")
            try await submitted(app, form, cookie: cookie)
            let act = try #require(try await LocalActRecord.find(UUID(uuidString: id), on: app.db)).core
            #expect(act.status == .cancelled && act.cancelledOn == Day("2026-11-22"))
            _ = html
        }
    }

    /// A contest announced by mun1 with school A's application «Заявка школы А» scored by two jurors while judging.
    func scoredContest(_ app: Application, _ f: Fixture) async throws -> (contest: String, application: String) {
        let mun = try await app.token("mun1")
        let (_, b1) = try await app.api(.POST, "/contests", token: mun, json: ContestWebTests.input)
        let contest = ContestWebTests.json(b1)
        let id = try #require(contest["id"] as? String)
        let nom = try #require((contest["nominations"] as? [[String: Any]])?.first?["id"] as? String)
        let criteria = try #require(contest["criteria"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        let (_, a) = try await app.api(.POST, "/contests/\(id)/applications", token: try await app.token("curator"),
                                       json: ApplicationInput(nominationID: nom, title: "Заявка школы А", applicantPersonIDs: [try #require(f.teacher["A"]).id.uuidString]))
        let appID = try #require(ContestWebTests.json(a)["id"] as? String)
        try await ContestWebTests.move(app, id, to: .judging)
        for juror in ["region", "curatorb"] {
            let s = try await app.api(.PUT, "/contest-applications/\(appID)/scores", token: try await app.token(juror), json: ScoreInput(scores: [criteria[0]: "8", criteria[1]: "4"]))
            #expect(s.0 == .ok, "\(s.1.text)")
        }
        return (id, appID)
    }

    @Test("Withdrawing a contest application: the page names it, its nomination and the jury's scores it drops; a bare POST withdraws nothing")
    func contestWithdraw() async throws {
        try await withApp { app, f in
            let (id, appID) = try await scoredContest(app, f)
            let cookie = try await app.sessionCookie("curator")
            let action = "/contest-applications/\(appID)/withdraw"
            try await linkNotButton(app, "/contests/\(id)", action, cookie: cookie)
            let (html, form) = try await confirmation(app, action, cookie: cookie)
            #expect(html.contains("Заявка «Заявка школы А» (номинация «Педагог – педагог»") && html.contains("уже поставили члены жюри (2), не будут учтены"), "\(html)")
            #expect(html.contains("приём заявок закончился 20.11.2026"))
            try await bare(app, form, cookie: cookie)
            #expect(try await ContestApplicationRecord.find(UUID(uuidString: appID), on: app.db)?.core.withdrawn == false)
            // Another school's curator reaches no confirmation of it.
            #expect(try await app.pageBody(action, cookie: try await app.sessionCookie("curatorb")).0 == .forbidden)
            try await submitted(app, form, cookie: cookie)
            #expect(try await ContestApplicationRecord.find(UUID(uuidString: appID), on: app.db)?.core.withdrawn == true)
            let (_, body) = try await app.pageBody(action, cookie: cookie)
            #expect(body.contains("Заявка уже отозвана"))
            let (again, _, _) = try await app.submit(form, cookie: cookie)
            #expect(again == .unprocessableEntity, "a second withdrawal is refused: \(again)")
        }
    }

    @Test("Publishing contest results: the page names the winners; a bare POST publishes nothing")
    func contestPublish() async throws {
        try await withApp { app, f in
            let (id, _) = try await scoredContest(app, f)
            try await ContestWebTests.move(app, id, to: .results)
            let cookie = try await app.sessionCookie("mun1")
            let action = "/contests/\(id)/publish"
            try await linkNotButton(app, "/contests/\(id)", action, cookie: cookie)
            let (html, form) = try await confirmation(app, action, cookie: cookie)
            #expect(html.contains("победители — «Заявка школы А» (\(f.teacher["A"]!.fullName))"), "\(html)")
            try await bare(app, form, cookie: cookie)
            #expect(try await ContestRecord.find(UUID(uuidString: id), on: app.db)?.core.resultsPublished == false)
            try await submitted(app, form, cookie: cookie)
            #expect(try await ContestRecord.find(UUID(uuidString: id), on: app.db)?.core.resultsPublished == true)
        }
    }

    @Test("Consequences that changed since the page was shown are shown again, not performed")
    func staleConfirmation() async throws {
        try await withApp { app, f in
            let cookie = try await app.sessionCookie("curator")
            let young = f.menteeProfile["A"]!.personID
            let action = "/consents/\(try await consentID(app, young))/withdraw"
            let (_, form) = try await confirmation(app, action, cookie: cookie)
            // Meanwhile the pair ends by another hand: the page's consequences no longer hold.
            let pair = try #require(try await MentorshipRecord.find(f.pair["A"]!.id, on: app.db))
            pair.status = MentorshipStatus.completed.rawValue
            try await pair.save(on: app.db)
            let (status, _, body) = try await app.submit(form, cookie: cookie)
            #expect(status == .conflict)
            #expect(body.contains("последствия изменились"))
            #expect(try await ConsentRecord.query(on: app.db).filter(\.$personID == young).first()?.withdrawnOn == nil)
        }
    }
}
