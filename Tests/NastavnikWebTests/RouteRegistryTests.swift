import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// Walks every route the server registers, anonymously and for every role of the fixture, against `RouteRegistry`.
@Suite("Route registry: every route, every role", .serialized)
struct RouteRegistryTests {
    static let logins = ["admin", "region", "mun1", "curator", "director", "psy", "tutor", "mentor", "mentee", "curatorb"]

    /// A concrete path for a route pattern: the fixture's school A objects where the parameter names one, else a fresh id.
    static func path(_ route: Route, _ f: Fixture) -> String {
        let parts = route.path.map { "\($0)" }
        var out: [String] = []
        for (i, part) in parts.enumerated() {
            guard part.hasPrefix(":") else { out.append(part); continue }
            let before = parts[..<i].filter { !$0.hasPrefix(":") }.last ?? ""
            switch (part, before) {
            case (":id", "people"): out.append(f.teacher["A"]!.id.uuidString)
            case (":id", "mentorships"): out.append(f.pair["A"]!.id.uuidString)
            case (":id", "organisations"): out.append(f.schoolA.id.uuidString)
            case (":id", "municipalities"): out.append(f.mun1.id.uuidString)
            case (":id", "regions"): out.append(f.region.id.uuidString)
            case (":kind", _): out.append(ImportKind.staff.rawValue)
            case (":type", _): out.append(DocumentType.allCases[0].rawValue)
            case (":decision", _): out.append("approve")
            default: out.append(UUID().uuidString)
            }
        }
        return "/" + out.joined(separator: "/")
    }

    func send(_ app: Application, _ method: HTTPMethod, _ path: String, token: String? = nil, cookie: String? = nil, csrf: String? = nil) async throws -> (HTTPStatus, String, String) {
        var out: (HTTPStatus, String, String) = (.internalServerError, "", "")
        try await app.testing().test(method, path, beforeRequest: { req in
            if let token { req.headers.bearerAuthorization = .init(token: token) }
            if let cookie { req.headers.cookie = ["nastavnik_session": .init(string: cookie)] }
            if method != .GET {
                if path.hasPrefix("/api/") { try req.content.encode([String: String](), as: .json) } else { try req.content.encode(["csrf": csrf ?? ""], as: .urlEncodedForm) }
            }
        }, afterResponse: { res in out = (res.status, res.headers.first(name: .location) ?? "", res.body.string) })
        return out
    }

    @Test("Every registered route is in the registry, and every registry entry is a registered route")
    func complete() async throws {
        try await withApp { app, _ in
            let registered = Set(app.routes.all.map(RouteRegistry.key))
            let listed = Set(RouteRegistry.table.keys)
            #expect(registered.subtracting(listed).sorted() == [], "routes without an entry in RouteRegistry")
            #expect(listed.subtracting(registered).sorted() == [], "entries for routes that do not exist")
        }
    }

    @Test("Anonymous: every route that needs sign-in answers 401 (API) or sends to the login page; open routes never do")
    func anonymous() async throws {
        try await withApp { app, f in
            var wrong: [String] = []
            for route in app.routes.all {
                let access = RouteRegistry.table[RouteRegistry.key(route)] ?? .signedIn
                let path = Self.path(route, f)
                let (status, location, _) = try await send(app, route.method, path)
                let api = path.hasPrefix("/api/")
                let toLogin = status == .seeOther && location.hasPrefix("/login")
                // An open route may still refuse bad credentials (401 from the token endpoint); it never asks to sign in first.
                let ok = access.needsSignIn ? (api ? status == .unauthorized : toLogin) : !toLogin
                if status.code >= 500 || !ok { wrong.append("\(route.method) \(path) → \(status.code) \(location)") }
            }
            #expect(wrong == [])
        }
    }

    @Test("Every role on every route: refused with 403 where the registry says the role has no access, never a 5xx anywhere")
    func everyRole() async throws {
        try await withApp { app, f in
            var wrong: [String] = []
            var allowedReads = 0
            for login in Self.logins {
                let role = try #require(try await AccountRecord.query(on: app.db).filter(\.$login == login).first()).roleValue
                let token = try await app.token(login)
                let cookie = try await app.sessionCookie(login)
                let csrf = try await app.csrf("/account", cookie: cookie)
                for route in app.routes.all where RouteRegistry.key(route) != "POST /logout" && RouteRegistry.key(route) != "DELETE /api/v1/auth/token" {
                    let access = try #require(RouteRegistry.table[RouteRegistry.key(route)])
                    let path = Self.path(route, f)
                    let api = path.hasPrefix("/api/")
                    let (status, _, body) = try await send(app, route.method, path, token: api ? token : nil, cookie: api ? nil : cookie, csrf: csrf)
                    if status.code >= 500 { wrong.append("\(login) \(route.method) \(path) → \(status.code) \(body.prefix(200))") }
                    if !access.permits(role) {
                        if status != .forbidden { wrong.append("\(login) \(route.method) \(path) → \(status.code), ожидался 403") }
                    } else if route.method == .GET, !route.path.contains(where: { "\($0)".hasPrefix(":") }), !path.hasPrefix("/metrics") {
                        // A list or a form the role is allowed: it opens (the page decides what it shows).
                        if status == .ok { allowedReads += 1 } else if status == .forbidden || status.code >= 500 {
                            wrong.append("\(login) GET \(path) → \(status.code) \(body.prefix(160))")
                        }
                    }
                }
            }
            #expect(wrong == [], "\(wrong.count) wrong answers")
            #expect(allowedReads > 300, "the walk reached the pages, not only refusals")
        }
    }

    @Test("Another school's curator: every page and API read of school A's person, pair and organisation is refused")
    func otherSchool() async throws {
        try await withApp { app, f in
            let token = try await app.token("curatorb")
            let cookie = try await app.sessionCookie("curatorb")
            var leaked: [String] = []
            for route in app.routes.all where route.method == .GET {
                let parts = route.path.map { "\($0)" }
                guard let i = parts.firstIndex(of: ":id"), i > 0, ["people", "mentorships"].contains(parts[i - 1]) else { continue }
                let path = Self.path(route, f)
                let api = path.hasPrefix("/api/")
                let (status, _, _) = try await send(app, .GET, path, token: api ? token : nil, cookie: api ? nil : cookie)
                if status == .ok { leaked.append(path) }
            }
            #expect(leaked == [])
        }
    }
}
