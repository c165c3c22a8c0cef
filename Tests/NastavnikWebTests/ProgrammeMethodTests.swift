import Fluent
import Foundation
import NastavnikCore
import NastavnikOffice
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// Issue 23, defect 10: programmes and the pairs order as a methodist reads them (today 25.11.2026).
@Suite("Programmes as a methodist reads them", .serialized)
struct ProgrammeMethodTests {
    /// The text of a DOCX the API returned.
    func docxText(_ body: ByteBuffer) throws -> String {
        let xml = String(decoding: try OOXMLPackage(data: Data(buffer: body))["word/document.xml"] ?? Data(), as: UTF8.self)
        return XML.unescape(xml.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression))
    }

    /// The one POST form of `page` whose action is `action`.
    func form(_ app: Application, _ page: String, _ action: String, cookie: String) async throws -> RenderedForm {
        let html = try await app.html(page, cookie: cookie)
        return try #require(RenderedForm.all(in: html).first { $0.action == action }, "\(page) has no form for \(action)")
    }

    /// Pair A drafted from the template on its page by the curator and submitted there; the programme's id.
    func draftAndSubmit(_ app: Application, _ f: Fixture, cookie: String) async throws -> UUID {
        let pair = try #require(f.pair["A"])
        let create = try await form(app, "/mentorships/\(pair.id)", "/mentorships/\(pair.id)/programme", cookie: cookie)
        #expect(try await app.submit(create, cookie: cookie).0 == .seeOther)
        let p = try #require(try await ProgrammeRecord.query(on: app.db).filter(\.$mentorshipID == pair.id).first()).core
        let submit = try await form(app, "/mentorships/\(pair.id)", "/programmes/\(p.id)/submit", cookie: cookie)
        #expect(try await app.submit(submit, cookie: cookie).0 == .seeOther)
        #expect(try await ProgrammeRecord.find(p.id, on: app.db)?.core.status == .onApproval)
        return p.id
    }

    @Test("The template drafted for a pair takes the mentee's request and deficits; a programme over the summer has no task in July or August")
    func personalised() async throws {
        try await withApp { app, f in
            let pair = try #require(f.pair["A"])
            let profile = try #require(try await MenteeProfileRecord.find(f.menteeProfile["A"]?.id, on: app.db))
            var me = profile.core
            me.mainRequest = .parents
            me.requestDetails = "первое родительское собрание в 5 «А»"
            me.deficits = ["Конфликтные родители", "Ведение электронного журнала"]
            profile.apply(me)
            try await profile.save(on: app.db)
            // The pair starts in January: nine months run through the summer.
            let record = try #require(try await MentorshipRecord.find(pair.id, on: app.db))
            var m = record.core
            m.start = Day("2027-01-15")!
            m.plannedEnd = Day("2027-10-14")!
            record.apply(m)
            try await record.save(on: app.db)

            let cookie = try await app.sessionCookie("curator")
            let create = try await form(app, "/mentorships/\(pair.id)", "/mentorships/\(pair.id)/programme", cookie: cookie)
            #expect(try await app.submit(create, cookie: cookie).0 == .seeOther)
            let p = try #require(try await ProgrammeRecord.query(on: app.db).filter(\.$mentorshipID == pair.id).first()).core
            let tasks = try await ProgrammeTaskRecord.query(on: app.db).filter(\.$programmeID == p.id).all().map(\.core)
            #expect(p.goals.contains("Запрос наставляемого: «работа с родителями»: первое родительское собрание в 5 «А»."), "\(p.goals)")
            #expect(p.goals.contains("Преодоление дефицитов: Конфликтные родители; Ведение электронного журнала."))
            for d in me.deficits { #expect(tasks.filter { $0.title.hasPrefix("Дефицит «\(d)»") }.count == 1, "\(d)") }
            #expect(tasks.contains { $0.title.hasPrefix("По запросу «работа с родителями»: подготовить и провести") })
            for t in tasks {
                #expect(t.deadline.month != 7 && t.deadline.month != 8, "\(t.title): \(t.deadline.russian)")
                #expect(t.deadline >= p.start && t.deadline <= p.end, "\(t.title): \(t.deadline.russian)")
            }
            let html = try await app.html("/mentorships/\(pair.id)", cookie: cookie)
            #expect(html.contains("Дефицит «Конфликтные родители»"))
        }
    }

    @Test("The curator who submitted cannot approve (422 with the reason); the director approves, and the page and the DOCX name them and their role")
    func approver() async throws {
        try await withApp { app, f in
            let pair = try #require(f.pair["A"])
            let curator = try await app.sessionCookie("curator")
            let prog = try await draftAndSubmit(app, f, cookie: curator)
            // No approve link for the curator; the confirmation page says who approves, and its POST is refused.
            let page = try await app.html("/mentorships/\(pair.id)", cookie: curator)
            #expect(!page.contains("href=\"/programmes/\(prog)/approve\""))
            #expect(page.contains("href=\"/programmes/\(prog)/return\""))
            #expect(page.contains("руководитель организации (по положению о наставничестве)"))
            let confirm = try await app.html("/programmes/\(prog)/approve", cookie: curator)
            #expect(confirm.contains("Программу утверждает руководитель организации"))
            var attempt = try #require(RenderedForm.all(in: confirm).first { $0.action == "/programmes/\(prog)/approve" })
            attempt.set("date", "20.11.2026")
            let (status, _, body) = try await app.submit(attempt, cookie: curator)
            #expect(status == .unprocessableEntity)
            #expect(body.contains("Программу утверждает руководитель организации"))
            let api = try await app.api(.POST, "/programmes/\(prog)/approve", token: try await app.token("curator"), json: DecisionInput(date: "2026-11-20"))
            #expect(api.0 == .unprocessableEntity && api.1.text.contains("утверждает руководитель организации"))
            #expect(try await ProgrammeRecord.find(prog, on: app.db)?.core.status == .onApproval)

            // The director confirms on the page (the confirmation step stays).
            let director = try await app.sessionCookie("director")
            let dpage = try await app.html("/mentorships/\(pair.id)", cookie: director)
            #expect(dpage.contains("href=\"/programmes/\(prog)/approve\""))
            let dconfirm = try await app.html("/programmes/\(prog)/approve", cookie: director)
            #expect(dconfirm.contains("утвердил — Тест director (руководитель организации)"))
            var form = try #require(RenderedForm.all(in: dconfirm).first { $0.action == "/programmes/\(prog)/approve" })
            form.set("date", "20.11.2026")
            #expect(try await app.submit(form, cookie: director).0 == .seeOther)
            let p = try #require(try await ProgrammeRecord.find(prog, on: app.db)).core
            #expect(p.status == .approved && p.approvedBy == "Тест director" && p.approverRole == .director)
            let after = try await app.html("/mentorships/\(pair.id)", cookie: curator)
            #expect(after.contains("20.11.2026, Тест director (руководитель организации)"))
            let (s, docx) = try await app.api(.POST, "/organisations/\(f.schoolA.id)/documents", token: try await app.token("curator"),
                                              json: ["type": "personal_programme", "mentorshipID": pair.id.uuidString])
            #expect(s == .ok)
            #expect(try docxText(docx).contains("Утверждена20.11.2026, Тест director (руководитель организации)"))
        }
    }

    @Test("A director who submitted the programme does not approve it either")
    func directorSubmitted() async throws {
        try await withApp { app, f in
            let director = try await app.sessionCookie("director")
            let prog = try await draftAndSubmit(app, f, cookie: director)
            let (status, body) = try await app.api(.POST, "/programmes/\(prog)/approve", token: try await app.token("director"), json: DecisionInput(date: "2026-11-20"))
            #expect(status == .unprocessableEntity)
            #expect(body.text.contains("Вы сами отправили программу на согласование"))
        }
    }

    @Test("The organisation's regulation names the approver: the director sets «руководитель или куратор» on the organisation form, then a curator approves what the director submitted")
    func regulationNamesApprover() async throws {
        try await withApp { app, f in
            let director = try await app.sessionCookie("director")
            let edit = "/organisations/\(f.schoolA.id)/edit"
            var settings = try await form(app, edit, edit, cookie: director)
            #expect(settings.fields.first { $0.name == "programmeApprover" }?.value == ProgrammeApprover.director.rawValue, "the default is the head")
            settings.set("programmeApprover", "nobody")
            let (refused, _, body) = try await app.submit(settings, cookie: director)
            #expect(refused == .unprocessableEntity && body.contains("Выберите из списка, кто утверждает программы"))
            settings.set("programmeApprover", ProgrammeApprover.directorOrCurator.rawValue)
            #expect(try await app.submit(settings, cookie: director).0 == .seeOther)
            #expect(try await OrganisationRecord.find(f.schoolA.id, on: app.db)?.core.programmeApprover == .directorOrCurator)

            let prog = try await draftAndSubmit(app, f, cookie: director)
            let curator = try await app.sessionCookie("curator")
            let page = try await app.html("/mentorships/\(try #require(f.pair["A"]).id)", cookie: curator)
            #expect(page.contains("href=\"/programmes/\(prog)/approve\""), "the regulation's curator sees «Утвердить»")
            #expect(page.contains("\(ProgrammeApprover.directorOrCurator.rule.label) (по положению о наставничестве)"))
            #expect(ProgrammeApprover.directorOrCurator.rule.label.contains("куратор"))
            var approve = try await form(app, "/programmes/\(prog)/approve", "/programmes/\(prog)/approve", cookie: curator)
            approve.set("date", "20.11.2026")
            #expect(try await app.submit(approve, cookie: curator).0 == .seeOther)
            let p = try #require(try await ProgrammeRecord.find(prog, on: app.db)).core
            #expect(p.status == .approved && p.approverRole == .curator && p.approvedBy == "Тест curator")
            // The director who submitted still may not approve a programme of his own.
            #expect(!ProgrammeRules.mayApprove(p, role: .director, account: p.submittedBy, rule: ProgrammeApprover.directorOrCurator.rule))
        }
    }

    @Test("The pairs order carries appendix 2: the approved programme of each pair it fixes, or a note that there is none yet")
    func pairsOrderAppendix() async throws {
        try await withApp { app, f in
            let pair = try #require(f.pair["A"])
            let token = try await app.token("curator")
            let before = try docxText(try #require(await orderDocx(app, f, token)))
            let second = try #require(before.range(of: "Приложение 2"))
            #expect(before.contains("(приложение 2)"))
            #expect(before[second.lowerBound...].contains("Персонализированная программа не утверждена (программа не составлена)"))

            let prog = try await draftAndSubmit(app, f, cookie: try await app.sessionCookie("curator"))
            _ = try await app.api(.POST, "/programmes/\(prog)/approve", token: try await app.token("director"), json: DecisionInput(date: "2026-11-20"))
            let p = try #require(try await ProgrammeRecord.find(prog, on: app.db)).core
            #expect(p.status == .approved)
            let tasks = try await ProgrammeTaskRecord.query(on: app.db).filter(\.$programmeID == prog).all().map(\.core)
            let text = try docxText(try #require(await orderDocx(app, f, token)))
            let appendix = String(text[try #require(text.range(of: "Приложение 2")).lowerBound...])
            #expect(appendix.contains("Персонализированные программы наставничества наставнических пар (групп), указанных в приложении 1"))
            #expect(appendix.contains(f.teacher["A"]?.fullName ?? "—"))
            #expect(appendix.contains("Запрос наставляемого: «методическая помощь»."))
            #expect(appendix.contains(Period(start: p.start, end: p.end).russian))
            #expect(!tasks.isEmpty)
            for t in tasks { #expect(appendix.contains("\(t.title) — до \(t.deadline.russian)"), "\(t.title)") }
            #expect(appendix.contains("20.11.2026, Тест director (руководитель организации)"))
            #expect(!appendix.contains("не утверждена"))
            _ = pair
        }
    }

    func orderDocx(_ app: Application, _ f: Fixture, _ token: String) async throws -> ByteBuffer? {
        let (s, body) = try await app.api(.POST, "/organisations/\(f.schoolA.id)/documents", token: token, json: try await app.pairsOrderInput(f.schoolA.id))
        #expect(s == .ok, "\(body.text)")
        return s == .ok ? body : nil
    }
}
