import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// Issue 25, item 4: a base entry carries the day the person entered the base, so history loaded later keeps its
/// dates (indicators 3 and 4 read `enteredOn`); the page, the API and the import take it, checked.
@Suite("Dated base entries", .serialized)
struct BaseEntryDateTests {
    /// The mentee's edit form as the page renders it.
    static func editForm(_ app: Application, _ entry: MenteeProfile, cookie: String) async throws -> RenderedForm {
        let page = "/mentees/\(entry.id)/edit"
        return try #require(RenderedForm.all(in: try await app.html(page, cookie: cookie)).first { $0.action == page })
    }

    @Test("The mentee form shows the entry date and changes it; a future date or one before the person came is refused next to the field")
    func menteeForm() async throws {
        try await withApp { app, f in
            let entry = try #require(f.menteeProfile["A"])
            let cookie = try await app.sessionCookie("curator")
            var form = try await Self.editForm(app, entry, cookie: cookie)
            #expect(form.fields.first { $0.name == "enteredOn" }?.value == entry.enteredOn.russian)
            for (typed, message) in [("01.01.2027", "ещё не наступила"), ("01.08.2024", "раньше, чем человек пришёл в организацию (01.09.2024)")] {
                form.set("enteredOn", typed)
                let (status, _, body) = try await app.submit(form, cookie: cookie)
                #expect(status == .unprocessableEntity && body.contains(message), "\(typed): \(status)")
                #expect(try await MenteeProfileRecord.find(entry.id, on: app.db)?.core.enteredOn == entry.enteredOn)
            }
            form.set("enteredOn", "15.09.2024")
            #expect(try await app.submit(form, cookie: cookie).0 == .seeOther)
            #expect(try await MenteeProfileRecord.find(entry.id, on: app.db)?.core.enteredOn == Day("2024-09-15"))
        }
    }

    @Test("An edit without a date keeps the stored entry date")
    func defaults() async throws {
        try await withApp { app, f in
            let entry = try #require(f.menteeProfile["A"])
            let cookie = try await app.sessionCookie("curator")
            var form = try await Self.editForm(app, entry, cookie: cookie)
            form.set("enteredOn", "")
            #expect(try await app.submit(form, cookie: cookie).0 == .seeOther)
            #expect(try await MenteeProfileRecord.find(entry.id, on: app.db)?.core.enteredOn == entry.enteredOn)
        }
    }

    @Test("The person select of a base form is narrowed by a name search above it, and says how many matched (the administrator saw only the first 200)")
    func personSearch() async throws {
        try await withApp { app, f in
            let teacher = try #require(f.teacher["C"])
            let cookie = try await app.sessionCookie("admin")
            let html = try await app.html("/mentees/new?q=\(teacher.lastName.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "")", cookie: cookie)
            let form = try #require(RenderedForm.all(in: html).first { $0.action == "/mentees/new" })
            let offered = (form.options["personID"] ?? []).filter { !$0.isEmpty }
            #expect(offered.contains(teacher.id.uuidString))
            #expect(offered.allSatisfy { id in f.teacher.values.contains { $0.id.uuidString == id && $0.lastName == teacher.lastName } || id == teacher.id.uuidString })
            #expect(html.contains("Найдено: \(offered.count)."))
            #expect(html.contains("role=\"search\""))
        }
    }
}
