import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// The audit log filtered as a clerk does it (issue 26): by person, record kind, author and period, through the
/// page's own filter form, paged with the filters kept, downloaded with the same rows, and only within the scope.
@Suite struct AuditFilterTests {
    /// Four entries about school A's teacher and young specialist and one about school B's teacher, by two authors
    /// on different days; each carries its own marker («метка-N») to find its row by.
    static func write(_ app: Application, _ f: Fixture) async throws {
        let teacherA = f.teacher["A"]!.id, youngA = f.menteeProfile["A"]!.personID, teacherB = f.teacher["B"]!.id
        let entries: [(Int, String, UUID, String, String)] = [
            (1, "Иванов Иван (ivanov)", teacherA, "person", "2026-10-01T12:00:00Z"),
            (2, "Петрова Ольга (petrova)", youngA, "consent", "2026-11-10T09:00:00Z"),
            (3, "Иванов Иван (ivanov)", teacherB, "mentor", "2026-11-01T10:00:00Z"),
            (4, "Иванов Иван (ivanov)", teacherA, "membership", "2026-09-15T08:00:00Z"),
        ]
        for (n, actor, person, entity, at) in entries {
            let date = try #require(ISO8601DateFormatter().date(from: at))
            try await AuditRecord(at: date, accountID: nil, actor: actor, personID: person, entity: entity, entityID: person, action: "update",
                                  changes: [AuditChange(field: "поле", old: nil, new: "метка-\(n)")]).create(on: app.db)
        }
    }

    static func get(_ app: Application, _ path: String, cookie: String) async throws -> (HTTPStatus, String, HTTPHeaders) {
        var out: (HTTPStatus, String, HTTPHeaders) = (.internalServerError, "", [:])
        try await app.testing().test(.GET, path, beforeRequest: { req in
            req.headers.cookie = ["nastavnik_session": .init(string: cookie)]
        }, afterResponse: { res in out = (res.status, res.body.string, res.headers) })
        return out
    }

    /// The markers of the rows a page or a download shows, in order.
    static func marks(_ body: String) -> [Int] {
        body.components(separatedBy: "метка-").dropFirst().compactMap { Int(String($0.prefix { $0.isNumber })) }
    }

    /// The page's filter form with `values` filled in, submitted as a browser submits a GET form.
    static func filtered(_ app: Application, cookie: String, _ values: [String: String]) async throws -> (HTTPStatus, String) {
        let page = try await app.html("/audit", cookie: cookie)
        var form = try #require(RenderedForm.all(in: page, method: "get").first { $0.action == "/audit" })
        for (name, value) in values { form.set(name, value) }
        let (status, body, _) = try await get(app, form.action + "?" + form.encoded, cookie: cookie)
        return (status, body)
    }

    @Test("Each filter of the form narrows the log: person (any case), record kind, author, period")
    func filters() async throws {
        try await withApp { app, f in
            try await Self.write(app, f)
            let cookie = try await app.sessionCookie("curator")
            #expect(Self.marks(try await app.html("/audit", cookie: cookie)) == [2, 1, 4])
            let byPerson = try await Self.filtered(app, cookie: cookie, ["person": "учителева анна"])
            #expect(byPerson.0 == .ok)
            #expect(Self.marks(byPerson.1) == [1, 4])
            #expect(Self.marks(try await Self.filtered(app, cookie: cookie, ["entity": "consent"]).1) == [2])
            #expect(Self.marks(try await Self.filtered(app, cookie: cookie, ["actor": "петрова"]).1) == [2])
            #expect(Self.marks(try await Self.filtered(app, cookie: cookie, ["from": "01.11.2026"]).1) == [2])
            #expect(Self.marks(try await Self.filtered(app, cookie: cookie, ["from": "15.09.2026", "to": "01.10.2026"]).1) == [1, 4])
            #expect(Self.marks(try await Self.filtered(app, cookie: cookie, ["person": "учителева", "to": "30.09.2026"]).1) == [4])
            // A «%» is a literal character, not a wildcard.
            #expect(Self.marks(try await Self.filtered(app, cookie: cookie, ["actor": "%"]).1) == [])
        }
    }

    @Test("The pager keeps the filters, and the download has the filtered rows with Russian headers and dates")
    func pagerAndCSV() async throws {
        try await withApp { app, f in
            try await Self.write(app, f)
            let cookie = try await app.sessionCookie("curator")
            let (status, first, _) = try await Self.get(app, "/audit?actor=%D0%B8%D0%B2%D0%B0%D0%BD%D0%BE%D0%B2&per=1", cookie: cookie)
            #expect(status == .ok)
            #expect(Self.marks(first) == [1])
            let next = try #require(first.range(of: "href=\"/audit?[^\"]*page=2", options: .regularExpression).map { RenderedForm.unescape(String(first[$0].dropFirst(6))) })
            #expect(next.contains("actor=") && next.contains("per=1"))
            let (_, second, _) = try await Self.get(app, next, cookie: cookie)
            #expect(Self.marks(second) == [4])
            #expect(!second.contains("page=3"))

            let link = try #require(first.range(of: "href=\"[^\"]*format=csv", options: .regularExpression).map { RenderedForm.unescape(String(first[$0].dropFirst(6))) })
            #expect(link.contains("actor=") && !link.contains("page="))
            let (csvStatus, csv, headers) = try await Self.get(app, link, cookie: cookie)
            #expect(csvStatus == .ok)
            #expect(headers.first(name: .contentType)?.contains("text/csv") == true)
            #expect(csv.hasPrefix("\u{FEFF}Когда;Кто;О ком;Что;Изменения"))
            #expect(Self.marks(csv) == [1, 4])
            #expect(csv.contains("01.10.2026 15:00;Иванов Иван (ivanov);Учителева Анна Петровна;человек: изменение;поле: — → метка-1"))
        }
    }

    @Test("A curator of another school sees only the entries about its own people, on the page and in the download")
    func scope() async throws {
        try await withApp { app, f in
            try await Self.write(app, f)
            let cookie = try await app.sessionCookie("curatorb")
            #expect(Self.marks(try await app.html("/audit", cookie: cookie)) == [3])
            #expect(Self.marks(try await Self.filtered(app, cookie: cookie, ["person": "Учителева"]).1) == [3])
            #expect(Self.marks(try await Self.get(app, "/audit?format=csv", cookie: cookie).1) == [3])
            #expect(Self.marks(try await app.html("/audit", cookie: try await app.sessionCookie("mun1"))) == [2, 3, 1, 4])
        }
    }

    @Test("A bad date or a reversed period is a 422 said next to the field, without the list; a huge page is a 422")
    func badInput() async throws {
        try await withApp { app, f in
            try await Self.write(app, f)
            let cookie = try await app.sessionCookie("curator")
            let (status, body) = try await Self.filtered(app, cookie: cookie, ["from": "31.02.2026"])
            #expect(status == .unprocessableEntity)
            #expect(body.contains("Дата «31.02.2026» не распознана: введите её как дд.мм.гггг."))
            #expect(body.contains("id=\"f-from-err\">Дата «31.02.2026»"))
            #expect(Self.marks(body).isEmpty)
            let (reversed, reversedBody) = try await Self.filtered(app, cookie: cookie, ["from": "10.11.2026", "to": "01.11.2026"])
            #expect(reversed == .unprocessableEntity)
            #expect(reversedBody.contains("Конец периода 01.11.2026 раньше его начала 10.11.2026."))
            #expect(try await Self.get(app, "/audit?from=01.01.0001", cookie: cookie).0 == .unprocessableEntity)
            #expect(try await Self.get(app, "/audit?entity=secret", cookie: cookie).0 == .unprocessableEntity)
            let (huge, hugeBody, _) = try await Self.get(app, "/audit?page=9223372036854775807", cookie: cookie)
            #expect(huge == .unprocessableEntity)
            #expect(hugeBody.contains("Номер страницы — число от 1 до 100000"))
        }
    }
}
