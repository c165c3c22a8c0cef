import Foundation
import NastavnikCore
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
}
