import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

@Suite("Security: login throttling, headers", .serialized)
struct SecurityTests {
    func tokenStatus(_ app: Application, _ login: String, _ password: String) async throws -> (HTTPStatus, HTTPHeaders, String) {
        var out: (HTTPStatus, HTTPHeaders, String) = (.internalServerError, [:], "")
        try await app.testing().test(.POST, "/api/v1/auth/token", beforeRequest: { req in
            try req.content.encode(["login": login, "password": password], as: .json)
        }, afterResponse: { res in out = (res.status, res.headers, res.body.text) })
        return out
    }

    @Test("After five wrong passwords the account is refused with 429 and Retry-After, even with the right one; others are not")
    func throttledAccount() async throws {
        try await withApp { app, f in
            for _ in 0..<5 { #expect(try await tokenStatus(app, "curator", "неверный-пароль1").0 == .unauthorized) }
            let (status, headers, body) = try await tokenStatus(app, "curator", f.password)
            #expect(status == .tooManyRequests)
            #expect(Int(headers.first(name: "Retry-After") ?? "") ?? 0 > 800)
            #expect(body.contains("Слишком много неудачных попыток входа"))
            #expect(try await tokenStatus(app, "director", f.password).0 == .ok, "another account is not affected")
        }
    }

    @Test("Failures another instance recorded count here (the throttle is in the database); a good password clears the account's; old ones are pruned")
    func throttleSharedAcrossInstances() async throws {
        try await withApp { app, f in
            // Another instance behind the proxy saw five wrong passwords for this account a minute ago.
            for i in 0..<5 {
                try await LoginFailureRecord(key: LoginThrottle.accountKey("Curator"), at: Date().addingTimeInterval(Double(i - 60))).create(on: app.db)
            }
            let (status, headers, _) = try await tokenStatus(app, "curator", f.password)
            #expect(status == .tooManyRequests)
            #expect(Int(headers.first(name: "Retry-After") ?? "") ?? 0 > 700)
            // This instance's failures are stored for the others.
            for _ in 0..<2 { #expect(try await tokenStatus(app, "director", "неверный-пароль1").0 == .unauthorized) }
            #expect(try await LoginFailureRecord.query(on: app.db).filter(\.$key == "a:director").count() == 2)
            #expect(try await tokenStatus(app, "director", f.password).0 == .ok)
            #expect(try await LoginFailureRecord.query(on: app.db).filter(\.$key == "a:director").count() == 0)
            // A failure older than the window goes when the next one is recorded.
            try await LoginFailureRecord(key: "a:old", at: Date().addingTimeInterval(-3600)).create(on: app.db)
            _ = try await tokenStatus(app, "mentor", "неверный-пароль1")
            #expect(try await LoginFailureRecord.query(on: app.db).filter(\.$key == "a:old").count() == 0)
            #expect(try await LoginFailureRecord.query(on: app.db).filter(\.$key == "a:mentor").count() == 1)
        }
    }

    @Test("The sign-in page refuses a throttled account in Russian with 429 and keeps the session signed out")
    func throttledPage() async throws {
        try await withApp { app, f in
            for _ in 0..<5 { _ = try await tokenStatus(app, "mentor", "неверный-пароль1") }
            var cookie = "", csrf = ""
            try await app.testing().test(.GET, "/login", afterResponse: { res in
                cookie = res.headers.setCookie?["nastavnik_session"]?.string ?? ""
                let html = res.body.text
                if let r = html.range(of: "name=\"csrf\" value=\"") { csrf = String(html[r.upperBound...].prefix { $0 != "\"" }) }
            })
            var result: (HTTPStatus, String, String?) = (.ok, "", nil)
            try await app.testing().test(.POST, "/login", beforeRequest: { req in
                req.headers.cookie = ["nastavnik_session": .init(string: cookie)]
                try req.content.encode(["login": "mentor", "password": f.password, "csrf": csrf], as: .urlEncodedForm)
            }, afterResponse: { res in result = (res.status, res.body.text, res.headers.first(name: "Retry-After")) })
            #expect(result.0 == .tooManyRequests)
            #expect(result.1.contains("Слишком много неудачных попыток входа"))
            #expect(result.2 != nil)
            #expect(try await app.page(.GET, "/", cookie: cookie) != .ok, "still signed out")
        }
    }

    @Test("Every response carries the security headers: CSP without inline scripts, frame-ancestors, nosniff, referrer policy")
    func headers() async throws {
        try await withApp { app, _ in
            for path in ["/login", "/api/v1/openapi.json", "/nope"] {
                try await app.testing().test(.GET, path, afterResponse: { res in
                    let csp = res.headers.first(name: "Content-Security-Policy") ?? ""
                    #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "\(path)")
                    #expect(csp.contains("frame-ancestors 'none'"))
                    #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
                    #expect(res.headers.first(name: "Referrer-Policy") == "same-origin")
                })
            }
        }
    }

    @Test("Integration tokens: issued on the account page, named, long-lived, scoped exactly like their account, listed without the secret, revocable by the owner only")
    func integrationTokens() async throws {
        try await withApp { app, f in
            let t = try await app.token("curator")
            // Issued from a password sign-in, not by a token (issue 22, finding 7).
            let cookie = try await app.sessionCookie("curator")
            let csrf = try await app.csrf("/account", cookie: cookie)
            func issue(_ label: String, _ days: String) async throws -> (HTTPStatus, String) {
                var out: (HTTPStatus, String) = (.internalServerError, "")
                try await app.testing().test(.POST, "/account/tokens", beforeRequest: { req in
                    req.headers.cookie = ["nastavnik_session": .init(string: cookie)]
                    try req.content.encode(["csrf": csrf, "label": label, "days": days], as: .urlEncodedForm)
                }, afterResponse: { res in out = (res.status, res.body.text) })
                return out
            }
            let (bad, badBody) = try await issue("", "400")
            #expect(bad == .unprocessableEntity)
            #expect(badBody.contains("от 1 до 365 дней") && badBody.contains("Назовите токен"))
            let (s, page) = try await issue("1С: выгрузка кадров", "90")
            #expect(s == .created)
            let secret = try #require(page.range(of: "<pre>").map { String(page[$0.upperBound...].prefix { $0 != "<" }) })
            let listed = try #require(try await app.api(.GET, "/tokens", token: t).1.json as? [[String: Any]])
            let id = try #require(listed.first?["id"] as? String)
            // The token is the curator: school A's teacher yes, school B's no.
            #expect(try await app.api(.GET, "/people/\(f.teacher["A"]!.id)", token: secret).0 == .ok)
            #expect(try await app.api(.GET, "/people/\(f.teacher["B"]!.id)", token: secret).0 == .notFound)
            #expect(try await app.api(.POST, "/territory/regions", token: secret).0 != .ok)
            let (_, list) = try await app.api(.GET, "/tokens", token: t)
            #expect(list.text.contains("1С: выгрузка кадров") && !list.text.contains(secret))
            // Someone else cannot revoke it; the owner can, and it stops working at once.
            #expect(try await app.api(.POST, "/tokens/\(id)/revoke", token: try await app.token("director")).0 == .notFound)
            #expect(try await app.api(.POST, "/tokens/\(id)/revoke", token: t).0 == .ok)
            #expect(try await app.api(.GET, "/people/\(f.teacher["A"]!.id)", token: secret).0 == .unauthorized)
        }
    }

    @Test("The account page issues a token once and shows it; a new password revokes every token")
    func tokenPage() async throws {
        try await withApp { app, f in
            let cookie = try await app.sessionCookie("mentor")
            let csrf = try await app.csrf("/account", cookie: cookie)
            var page = ""
            try await app.testing().test(.POST, "/account/tokens", beforeRequest: { req in
                req.headers.cookie = ["nastavnik_session": .init(string: cookie)]
                try req.content.encode(["csrf": csrf, "label": "Электронный дневник", "days": "7"], as: .urlEncodedForm)
            }, afterResponse: { res in
                #expect(res.status == .created)
                page = res.body.string
            })
            let secret = try #require(page.range(of: "<pre>").map { String(page[$0.upperBound...].prefix { $0 != "<" }) })
            #expect(try await app.api(.GET, "/people/\(f.teacher["A"]!.id)", token: secret).0 == .ok)
            let (_, again) = try await app.pageBody("/account", cookie: cookie)
            #expect(again.contains("Электронный дневник") && !again.contains(secret), "shown once")
            try await app.testing().test(.POST, "/account/password", beforeRequest: { req in
                req.headers.cookie = ["nastavnik_session": .init(string: cookie)]
                try req.content.encode(["csrf": csrf, "current": f.password, "new": "Другой2027пароль"], as: .urlEncodedForm)
            }, afterResponse: { res in #expect(res.status == .seeOther) })
            #expect(try await app.api(.GET, "/people/\(f.teacher["A"]!.id)", token: secret).0 == .unauthorized)
        }
    }

    @Test("A browser session ends on the server after 8 hours, whatever the cookie says; sign-in gives a new session id")
    func sessionExpiry() async throws {
        try await withApp { app, _ in
            var before = ""
            try await app.testing().test(.GET, "/login", afterResponse: { res in before = res.headers.setCookie?["nastavnik_session"]?.string ?? "" })
            let cookie = try await app.sessionCookie("curator")
            #expect(!cookie.isEmpty && cookie != before, "a new id on sign-in")
            #expect(try await app.page(.GET, "/people", cookie: cookie) == .ok)
            let record = try #require(try await SessionRecord.query(on: app.db).filter(\.$key == SessionID(string: cookie)).first())
            var data = record.data
            data["signedInAt"] = String(Int(Date().timeIntervalSince1970 - 8 * 3600 - 60))
            record.data = data
            try await record.save(on: app.db)
            #expect(try await app.page(.GET, "/people", cookie: cookie) == .seeOther, "back to the sign-in page")
        }
    }

    @Test("A session read and left unchanged is not written back; a changed one is, and reads back changed")
    func unchangedSessionNotWritten() async throws {
        final class Counting: SessionDriver, @unchecked Sendable {
            let base: any SessionDriver
            var updates = 0
            init(_ base: any SessionDriver) { self.base = base }
            func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> { base.createSession(data, for: request) }
            func readSession(_ id: SessionID, for request: Request) -> EventLoopFuture<SessionData?> { base.readSession(id, for: request) }
            func updateSession(_ id: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
                updates += 1
                return base.updateSession(id, to: data, for: request)
            }
            func deleteSession(_ id: SessionID, for request: Request) -> EventLoopFuture<Void> { base.deleteSession(id, for: request) }
        }
        try await withApp { app, _ in
            let counting = Counting(app.fluent.sessions.driver(nil))
            let driver = UnchangedSessionsSkipped(base: counting)
            func request() -> Request { Request(application: app, on: app.eventLoopGroup.next()) }
            let id = try await driver.createSession(SessionData(initialData: ["account": "1", "csrf": "x"]), for: request()).get()
            let req = request()
            let read = try #require(try await driver.readSession(id, for: req).get())
            _ = try await driver.updateSession(id, to: read, for: req).get()
            #expect(counting.updates == 0)
            var changed = read
            changed["csrf"] = "y"
            _ = try await driver.updateSession(id, to: changed, for: req).get()
            #expect(counting.updates == 1)
            #expect(try await driver.readSession(id, for: request()).get()?["csrf"] == "y")
            // Never read in this request (e.g. a new session's first update): written.
            _ = try await driver.updateSession(id, to: changed, for: request()).get()
            #expect(counting.updates == 2)
        }
    }
}
