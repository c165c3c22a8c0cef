import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor

@testable import NastavnikWeb

@Suite("The home page's figures")
struct HomePageTests {
    func stat(_ n: Int, _ label: String) -> String { "<strong>\(n)</strong><span>\(label)</span>" }

    @Test("Each figure's noun agrees with its number («1 организация», «3 работника»), and so does the young specialists' sentence")
    func agreement() async throws {
        try await withApp { app, f in
            let cookie = try await app.sessionCookie("curator")
            var (s, html) = try await app.pageBody("/", cookie: cookie)
            #expect(s == .ok)
            // School A of the fixture: two staff (one of them a young teacher in the base of mentees) and one pupil.
            for figure in [stat(1, "организация"), stat(2, "работника"), stat(1, "обучающийся"), stat(1, "молодой специалист (стаж 0–3 года)")] {
                #expect(html.contains(figure), "\(figure)")
            }
            #expect(html.contains("1 из 1 молодого специалиста включён в базу наставляемых (100,0 %)"))

            // A second young teacher, not in the base of mentees.
            let p = Person(lastName: "Новенькая", firstName: "Ольга", middleName: "Петровна", birthDate: Day("2001-03-03")!, pedagogicalExperienceStart: Day("2026-09-01")!)
            try await PersonRecord(p).create(on: app.db)
            try await MembershipRecord(Membership(personID: p.id, organisationID: f.schoolA.id, role: .pedagogical, period: Period(start: Day("2026-09-01")!))).create(on: app.db)
            (s, html) = try await app.pageBody("/", cookie: cookie)
            #expect(html.contains(stat(3, "работника")) && html.contains(stat(2, "молодых специалиста (стаж 0–3 года)")))
            #expect(html.contains("1 из 2 молодых специалистов включён в базу наставляемых (50,0 %)"))
        }
    }
}
