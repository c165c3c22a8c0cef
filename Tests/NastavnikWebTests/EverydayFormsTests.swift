import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// Issue 23: everyday forms submitted as the page renders them (`RenderedForm`), not as a hand-built payload.
@Suite("Everyday forms, submitted as the page renders them", .serialized)
struct EverydayFormsTests {
    @Test("«Люди → Добавить человека»: the page's own form saves the person and the place of work; an empty required field keeps the rest")
    func addPerson() async throws {
        try await withApp { app, f in
            let cookie = try await app.sessionCookie("curator")
            let html = try await app.html("/people/new", cookie: cookie)
            var form = try #require(RenderedForm.all(in: html).first { $0.action == "/people/new" })
            #expect(form.fields.map(\.name).contains("membership[organisationID]"), "nested fields are posted as the decoder reads them")
            form.set("lastName", "Новикова")
            form.set("firstName", "Ольга")
            form.set("birthDate", "12.04.1995")
            form.set("membership[position]", "учитель биологии")
            form.set("membership[subjects]", "биология, химия")
            form.chooseFirstOptions()
            // A required field left empty: the error stands next to it, and what was typed stays.
            var incomplete = form
            incomplete.set("membership[start]", "")
            let (refused, _, page) = try await app.submit(incomplete, cookie: cookie)
            #expect(refused == .unprocessableEntity)
            #expect(page.contains("id=\"f-membership.start-err\""), "the error is next to «Дата начала»")
            let kept = try #require(RenderedForm.all(in: page).first { $0.action == "/people/new" })
            #expect(kept.fields.first { $0.name == "membership[position]" }?.value == "учитель биологии")
            #expect(kept.fields.first { $0.name == "membership[organisationID]" }?.value == f.schoolA.id.uuidString)
            #expect(kept.fields.first { $0.name == "lastName" }?.value == "Новикова")

            let (status, location, body) = try await app.submit(form, cookie: cookie)
            #expect(status == .seeOther, "\(body.prefix(400))")
            let person = try #require(try await PersonRecord.query(on: app.db).filter(\.$lastName == "Новикова").first())
            #expect(location == "/people/\(person.id!)")
            let place = try #require(try await MembershipRecord.query(on: app.db).filter(\.$personID == person.id!).first())
            #expect(place.organisationID == f.schoolA.id)
            #expect(place.position == "учитель биологии")
            #expect(place.startDate == testToday.iso, "the page's default start date, today")
        }
    }

    @Test("The menu is grouped by task on one line, with «Меню» for narrow screens; the import page is in it for those who import")
    func menu() async throws {
        try await withApp { app, _ in
            let curator = try await app.html("/people", cookie: try await app.sessionCookie("curator"))
            let nav = try #require(curator.components(separatedBy: "<nav class=\"menu\"").dropFirst().first?.components(separatedBy: "</nav>").first)
            #expect(curator.contains("<label for=\"menu-open\" class=\"menu-button\">Меню</label>"))
            for group in ["Люди и базы", "Пары"] { #expect(nav.contains("<summary>\(group)</summary>"), "\(group)") }
            #expect(nav.contains("href=\"/imports\""), "«Загрузить из файла» is in the curator's menu")
            #expect(nav.contains("<details class=\"menu-group current\"><summary>Люди и базы"), "the group of the page is marked")
            let top = nav.components(separatedBy: "<summary>").count - 1 + nav.components(separatedBy: "<a ").count - 1
            - (nav.components(separatedBy: "class=\"menu-panel\"").dropFirst().map { $0.components(separatedBy: "</div>").first?.components(separatedBy: "<a ").count ?? 1 }.reduce(0) { $0 + $1 - 1 })
            #expect(top <= 8, "at most eight entries on the bar: \(top)")
            let mentee = try await app.html("/my", cookie: try await app.sessionCookie("mentee"))
            #expect(!mentee.contains("href=\"/imports\""))
            #expect(mentee.contains("href=\"/my\""))
        }
    }

    @Test("The audit log says whom each entry is about: a pair is written in each participant's history, not as twin rows")
    func auditSaysWhom() async throws {
        try await withApp { app, _ in
            let cookie = try await app.sessionCookie("curator")
            var form = try #require(RenderedForm.all(in: try await app.html("/people/new", cookie: cookie)).first { $0.action == "/people/new" })
            form.set("lastName", "Журналова")
            form.set("firstName", "Вера")
            form.set("birthDate", "01.02.1990")
            form.chooseFirstOptions()
            #expect(try await app.submit(form, cookie: cookie).0 == .seeOther)
            let person = try #require(try await PersonRecord.query(on: app.db).filter(\.$lastName == "Журналова").first()?.id)
            let log = try await app.html("/audit", cookie: cookie)
            #expect(log.contains("<th>О ком</th>") || log.contains(">О ком<"))
            #expect(log.contains("href=\"/people/\(person)\">Журналова Вера"), "the entry links the person it is about")
            // On the person's own card the column would repeat her name on every row: it is not there.
            let card = try await app.html("/people/\(person)", cookie: cookie)
            #expect(!card.contains(">О ком<"))
        }
    }
}
