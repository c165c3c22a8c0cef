import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// Issue 22, findings 3 and 4: behind the documented nginx a stranger's failures locked every user out of sign-in;
/// five wrong passwords locked any guessable login; an anonymous 60 MB body to `/login` held a core for 90 s.
@Suite("Sign-in hardening: the client's address behind a proxy, known devices, anonymous bodies", .serialized)
struct SignInHardeningTests {
    /// A sign-in through the sign-in form as a browser sends it (GET the form for its session and token, then POST),
    /// with extra headers and cookies; gives the status and the response's `nastavnik_device` cookie.
    func signIn(_ tester: any TestingApplicationTester, _ login: String, _ password: String, headers: HTTPHeaders = [:], device: String? = nil) async throws -> (HTTPStatus, String?) {
        var cookie = "", csrf = ""
        try await tester.test(.GET, "/login", headers: headers, afterResponse: { res in
            cookie = res.headers.setCookie?["nastavnik_session"]?.string ?? ""
            let html = res.body.string
            if let r = html.range(of: "name=\"csrf\" value=\"") { csrf = String(html[r.upperBound...].prefix { $0 != "\"" }) }
        })
        var out: (HTTPStatus, String?) = (.internalServerError, nil)
        var h = headers
        h.cookie = HTTPCookies(dictionaryLiteral: ("nastavnik_session", .init(string: cookie)))
        if let device { h.cookie?[LoginService.deviceCookie] = .init(string: device) }
        h.contentType = .urlEncodedForm
        let body = "login=\(login)&password=\(password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&csrf=\(csrf.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        try await tester.test(.POST, "/login", headers: h, body: ByteBuffer(string: body), afterResponse: { res in
            out = (res.status, res.headers.setCookie?[LoginService.deviceCookie]?.string)
        })
        return out
    }

    @Test("Behind a trusted proxy the throttle keys on the forwarded client: a stranger's 31 failures lock the stranger, not the others")
    func proxiedClients() async throws {
        try await withApp { app, f in
            let port = Int.random(in: 21_000...29_000)
            let live = try app.testing(method: .running(hostname: "127.0.0.1", port: port))
            let stranger: HTTPHeaders = ["X-Forwarded-For": "203.0.113.7"]
            for i in 0..<31 { _ = try await signIn(live, "guess\(i)", "неверный-пароль1", headers: stranger) }
            #expect(try await signIn(live, "guess99", "неверный-пароль1", headers: stranger).0 == .tooManyRequests, "the stranger's address is throttled")
            // A teacher behind the same nginx, from her own address: the proxy's socket no longer stands for everyone.
            let teacher = try await signIn(live, "director", f.password, headers: ["X-Forwarded-For": "198.51.100.9"])
            // (The live client follows the redirect to the home page.)
            #expect(teacher.0 == .ok || teacher.0 == .seeOther, "\(teacher.0)")
            // A forged header from a client that is no proxy of ours decides nothing: its socket is the key.
            app.config.trustedProxies = TrustedProxies([])
            for i in 0..<31 { _ = try await signIn(live, "forger\(i)", "неверный-пароль1", headers: ["X-Forwarded-For": "192.0.2.\(i)"]) }
            #expect(try await signIn(live, "forger99", "неверный-пароль1", headers: ["X-Forwarded-For": "192.0.2.200"]).0 == .tooManyRequests)
        }
    }

    @Test("Five wrong passwords from a stranger do not lock the owner out on a browser she signed in from before")
    func knownDevice() async throws {
        try await withApp { app, f in
            let tester = try app.testing()
            let (status, device) = try await signIn(tester, "curator", f.password)
            #expect(status == .seeOther)
            let token = try #require(device, "a sign-in marks the browser as a known device")
            #expect(try await LoginDeviceRecord.query(on: app.db).count() == 1)
            for _ in 0..<5 { #expect(try await signIn(tester, "curator", "неверный-пароль1").0 == .unauthorized) }
            #expect(try await signIn(tester, "curator", f.password).0 == .tooManyRequests, "a new browser waits out the lock")
            #expect(try await signIn(tester, "curator", f.password, device: token).0 == .seeOther, "the owner's browser signs in")
            // The device's own guesses are counted too: five wrong ones lock that browser for that account.
            for _ in 0..<5 { _ = try await signIn(tester, "curator", "неверный-пароль1", device: token) }
            #expect(try await signIn(tester, "curator", f.password, device: token).0 == .tooManyRequests)
            // The cookie names the device of one account only: it does not help another account.
            for _ in 0..<5 { _ = try await signIn(tester, "director", "неверный-пароль1") }
            #expect(try await signIn(tester, "director", f.password, device: token).0 == .tooManyRequests)
            // A new password forgets the account's devices: one that signed in with the old password earns nothing.
            let curator = try #require(try await AccountRecord.query(on: app.db).filter(\.$login == "curator").first()?.id)
            #expect(try await app.api(.POST, "/accounts/\(curator)/password", token: try await app.token("admin"), json: ["password": "Новый2027пароль"]).0 == .ok)
            #expect(try await LoginDeviceRecord.query(on: app.db).filter(\.$accountID == curator).count() == 0)
        }
    }

    @Test("An anonymous POST of a large body is refused by its declared size before it is read; a signed-in upload's limit stays")
    func anonymousBodies() async throws {
        try await withApp { app, _ in
            let boundary = "----bomb"
            let big = String(repeating: "x", count: 200_000)
            let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"login\"\r\n\r\n\(big)\r\n--\(boundary)--\r\n"
            var status: HTTPStatus = .ok, text = ""
            try await app.testing().test(.POST, "/login", headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)", "Content-Length": "\(body.utf8.count)"],
                                         body: ByteBuffer(string: body), afterResponse: { res in (status, text) = (res.status, res.body.string) })
            #expect(status == .payloadTooLarge)
            #expect(text.contains("без входа в систему принимается не более 64 КБ"))
            // A form posted from another site (the browser says so) is refused before its body is read.
            let cookie = try await app.sessionCookie("curator")
            try await app.testing().test(.POST, "/imports", headers: ["Sec-Fetch-Site": "cross-site", "Cookie": "nastavnik_session=\(cookie)",
                                                                     "Content-Type": "multipart/form-data; boundary=\(boundary)"],
                                         body: ByteBuffer(string: body), afterResponse: { res in status = res.status })
            #expect(status == .forbidden)
        }
    }
}
