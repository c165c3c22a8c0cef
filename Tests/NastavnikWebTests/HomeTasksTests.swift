import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// Issue 26: the curator's and the director's home open on «Что нужно сделать», and doing a task removes it.
@Suite("Home: the task list of a school's curator and director", .serialized)
struct HomeTasksTests {
    /// The task lines of a home page: title → count.
    static func tasks(_ html: String) -> [String: Int] {
        var out: [String: Int] = [:]
        for item in html.components(separatedBy: "<li class=\"task").dropFirst() {
            guard let count = item.components(separatedBy: "<strong class=\"task-count\">").dropFirst().first?.prefix { $0 != "<" },
                let title = item.components(separatedBy: "<span class=\"task-title\">").dropFirst().first?.prefix(while: { $0 != "<" })
            else { continue }
            out[String(title)] = Int(count)
        }
        return out
    }

    @Test("School A's pair without programme and order is on the curator's list with the page to do it; fixing the order removes that line")
    func curator() async throws {
        try await withApp { app, f in
            let cookie = try await app.sessionCookie("curator")
            let home = try await app.html("/", cookie: cookie)
            let before = Self.tasks(home)
            #expect(before["Пары без программы наставничества"] == 1, "\(before)")
            #expect(before["Пары не закреплены приказом"] == 1)
            #expect(home.contains("href=\"/organisations/\(f.schoolA.id)/documents/generate?type=pairs_order\""))
            #expect(!home.contains("Федеральный ориентир — 70 % молодых педагогов в программах наставничества."), "«in the base» is not compared with the target")
            #expect(home.contains("сравнивается с показателем 11 «вошли в программу»"))

            // The order is issued and approved: the pair is fixed, the line goes, the programme's stays.
            let token = try await app.token("curator")
            let (created, body) = try await app.api(.POST, "/organisations/\(f.schoolA.id)/documents", token: token, json: try await app.pairsOrderInput(f.schoolA.id, action: "register"))
            #expect(created == .created)
            let act = try JSONDecoder().decode(LocalAct.self, from: Data(buffer: body))
            let (approved, _) = try await app.api(.POST, "/local-acts/\(act.id)/approve", token: token, json: ["number": "45-о", "date": "20.11.2026", "approver": "Директор Петров И. С."])
            #expect(approved == .ok)
            let after = Self.tasks(try await app.html("/", cookie: cookie))
            #expect(after["Пары не закреплены приказом"] == nil, "\(after)")
            #expect(after["Пары без программы наставничества"] == 1)

            // School B's curator sees school B's pair, never school A's.
            let other = Self.tasks(try await app.html("/", cookie: try await app.sessionCookie("curatorb")))
            #expect(other["Пары не закреплены приказом"] == 1)
        }
    }

    @Test("A programme the curator submitted waits on the director's list, not as the curator's own approval; approving it clears both")
    func director() async throws {
        try await withApp { app, f in
            let pair = try #require(f.pair["A"])
            let curatorAccount = try #require(try await AccountRecord.query(on: app.db).filter(\.$login == "curator").first()?.id)
            let programme = Programme(mentorshipID: pair.id, goals: "Адаптация", expectedResults: "Открытый урок", start: pair.start, end: pair.plannedEnd,
                                      status: .onApproval, submittedBy: curatorAccount)
            try await ProgrammeRecord(programme).create(on: app.db)
            let director = Self.tasks(try await app.html("/", cookie: try await app.sessionCookie("director")))
            #expect(director["Программы наставничества ждут вашего утверждения"] == 1, "\(director)")
            let curator = Self.tasks(try await app.html("/", cookie: try await app.sessionCookie("curator")))
            #expect(curator["Программы ждут утверждения"] == 1)
            #expect(curator["Программы наставничества ждут вашего утверждения"] == nil)

            let record = try #require(try await ProgrammeRecord.find(programme.id, on: app.db))
            record.status = ProgrammeStatus.approved.rawValue
            record.approvedOn = "2026-11-20"
            try await record.save(on: app.db)
            #expect(Self.tasks(try await app.html("/", cookie: try await app.sessionCookie("director")))["Программы наставничества ждут вашего утверждения"] == nil)
        }
    }
}

extension HomeTasksTests {
    @Test("A coordinator's home lists the territory's schools without a curator or a roadmap for the year; a roadmap made removes one")
    func territory() async throws {
        try await withApp { app, f in
            // Municipality 1 has schools A and B, both with a curator; the region adds school C, which has none.
            let mun = Self.tasks(try await app.html("/", cookie: try await app.sessionCookie("mun1")))
            #expect(mun["Школы без дорожной карты на 2026/2027 учебный год"] == 2, "\(mun)")
            #expect(mun["Школы без куратора наставничества (нет учётной записи куратора)"] == nil)
            let region = Self.tasks(try await app.html("/", cookie: try await app.sessionCookie("region")))
            #expect(region["Школы без куратора наставничества (нет учётной записи куратора)"] == 1, "\(region)")
            #expect(region["Школы без дорожной карты на 2026/2027 учебный год"] == 3)

            try await app.db.insertAll(RoadmapRules.instantiate(organisationID: f.schoolA.id, schoolYear: 2026).map { RoadmapEventRecord($0) })
            let after = Self.tasks(try await app.html("/", cookie: try await app.sessionCookie("mun1")))
            #expect(after["Школы без дорожной карты на 2026/2027 учебный год"] == 1)
        }
    }
}

extension HomeTasksTests {
    @Test("The mentee's «Моё наставничество» asks for the entry self-assessment; submitting the page's own form removes it")
    func mentee() async throws {
        try await withApp { app, f in
            let pair = try #require(f.pair["A"])
            let cookie = try await app.sessionCookie("mentee")
            let my = try await app.html("/my", cookie: cookie)
            #expect(Self.tasks(my)["Входная самооценка компетенций"] == 1, "\(Self.tasks(my))")
            #expect(my.contains("href=\"/mentorships/\(pair.id)/assessments/new\""))
            #expect(Self.tasks(try await app.html("/my", cookie: try await app.sessionCookie("mentor")))["Входная самооценка компетенций"] == nil,
                    "the mentor assesses nobody")

            var form = try #require(RenderedForm.all(in: try await app.html("/mentorships/\(pair.id)/assessments/new", cookie: cookie))
                .first { $0.action == "/mentorships/\(pair.id)/assessments/new" })
            for (name, options) in form.options where name.hasPrefix("scores[") { form.set(name, options.last ?? "") }
            let (status, _, body) = try await app.submit(form, cookie: cookie)
            #expect(status == .seeOther, "\(body.prefix(300))")
            #expect(Self.tasks(try await app.html("/my", cookie: cookie))["Входная самооценка компетенций"] == nil)
        }
    }
}
