import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

struct LoginInput: Content {
    var login: String?
    var password: String?
    var next: String?
}

extension Application {
    private struct LoginLimitsKey: StorageKey { typealias Value = LoginThrottle }
    /// The sign-in limits, shared by the sign-in page and `POST /api/v1/auth/token`. The failures they count are
    /// in the database (`login_failures`), so every instance behind the proxy counts the same ones.
    var loginLimits: LoginThrottle {
        get { storage[LoginLimitsKey.self] ?? LoginThrottle() }
        set { storage[LoginLimitsKey.self] = newValue }
    }
}

/// A refused sign-in: 429 with Retry-After.
struct ThrottledLogin: AbortError {
    var retryAfter: TimeInterval
    var status: HTTPResponseStatus { .tooManyRequests }
    var reason: String { LoginThrottle.message(retryAfter: retryAfter) }
    var headers: HTTPHeaders { ["Retry-After": String(Int(retryAfter.rounded(.up)))] }
}

enum LoginService {
    /// The active account whose password matches, or nil; throws `ThrottledLogin` once the account or the address
    /// has failed too often. The throttle is checked before the password, so a locked account costs no hash.
    static func authenticate(_ req: Request, login: String?, password: String?) async throws -> AccountRecord? {
        let name = login.nonBlank?.lowercased() ?? ""
        // The client's address: the socket's, or what a trusted proxy forwarded for (anyone else's header is ignored).
        let address = req.clientAddress
        let device = try await knownDevice(req, login: name)?.id?.uuidString
        let now = Date()
        let throttle = req.application.loginLimits
        let keys = LoginThrottle.keys(login: name, address: address, device: device)
        let since = now.addingTimeInterval(-throttle.longestWindow)
        let stored = try await LoginFailureRecord.query(on: req.db).filter(\.$key ~~ keys).filter(\.$at > since).all()
        if let wait = throttle.retryAfter(login: name, address: address, device: device, failures: stored.map { ($0.key, $0.at) }, now: now) {
            req.logger.warning("login throttled", metadata: ["login": .string(name), "address": .string(address ?? "-")])
            AppMetrics.signIn("throttled")
            throw ThrottledLogin(retryAfter: wait)
        }
        let account = try await verify(req, login: login, password: password)
        AppMetrics.signIn(account == nil ? "failed" : "ok")
        if account != nil {
            let cleared = LoginThrottle.clearedOnSuccess(login: name, device: device)
            if stored.contains(where: { cleared.contains($0.key) }) {
                try await LoginFailureRecord.query(on: req.db).filter(\.$key ~~ cleared).delete()
            }
        } else {
            try await req.db.transaction { db in
                for key in keys { try await LoginFailureRecord(key: key, at: now).create(on: db) }
                try await LoginFailureRecord.query(on: db).filter(\.$at <= since).delete()
            }
        }
        return account
    }

    /// The browser's cookie of known devices: up to `deviceTokensKept` random tokens, one per account signed in from it.
    static let deviceCookie = "nastavnik_device"
    static let deviceTokensKept = 5

    static func deviceTokens(_ req: Request) -> [String] {
        (req.cookies[deviceCookie]?.string ?? "").split(separator: ".").prefix(deviceTokensKept).map(String.init).filter { (20...64).contains($0.count) }
    }

    /// The device record of `login`'s account that this browser's cookie names, or nil (no query without a cookie).
    static func knownDevice(_ req: Request, login: String) async throws -> LoginDeviceRecord? {
        guard !deviceTokens(req).isEmpty, !login.isEmpty,
              let accountID = try await AccountRecord.query(on: req.db).filter(\.$login == login).first()?.id else { return nil }
        return try await knownDevice(req, accountID: accountID)
    }

    /// The device record of the account that this browser's cookie names, or nil.
    static func knownDevice(_ req: Request, accountID: UUID) async throws -> LoginDeviceRecord? {
        let hashes = deviceTokens(req).map(TokenAuth.hash)
        guard !hashes.isEmpty else { return nil }
        return try await LoginDeviceRecord.query(on: req.db).filter(\.$tokenHash ~~ hashes).filter(\.$accountID == accountID).first()
    }

    /// After a browser sign-in: marks this browser as a known device of the account (a new token in the cookie, or
    /// the existing one's use recorded), keeping the tokens of the other accounts that sign in from it.
    static func rememberDevice(_ req: Request, _ account: AccountRecord, on response: Response) async throws {
        let accountID = try account.requireID()
        let now = Date()
        if let known = try await knownDevice(req, accountID: accountID) {
            known.usedAt = now
            try await known.update(on: req.db)
            return
        }
        let token = [UInt8].random(count: 24).base64.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "+", with: "-")
        try await LoginDeviceRecord(accountID: accountID, tokenHash: TokenAuth.hash(token), at: now).create(on: req.db)
        let kept = ([token] + deviceTokens(req)).prefix(deviceTokensKept).joined(separator: ".")
        let year = 365 * 24 * 3600
        response.cookies[deviceCookie] = HTTPCookies.Value(
            string: kept, expires: now.addingTimeInterval(TimeInterval(year)), maxAge: year, path: "/",
            isSecure: req.application.config.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }

    /// The active account whose password matches, or nil. Unknown logins still pay for one hash check.
    static func verify(_ req: Request, login: String?, password: String?) async throws -> AccountRecord? {
        guard let login = login.nonBlank?.lowercased(), let password, !password.isEmpty else { return nil }
        let account = try await AccountRecord.query(on: req.db).filter(\.$login == login).first()
        guard let account, account.active else {
            _ = try? await req.password.async.hash(password)
            return nil
        }
        return try await req.password.async.verify(password, created: account.passwordHash) ? account : nil
    }
}

struct LoginController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("login", use: form)
        routes.post("login", use: login)
        routes.post("logout", use: logout)
    }

    @Sendable func form(req: Request) async throws -> Response {
        if req.maybeUser != nil { return req.redirect(to: "/") }
        return page(req, next: req.query["next"], error: nil)
    }

    func page(_ req: Request, next: String?, error: String?, status: HTTPResponseStatus = .ok) -> Response {
        // `current` tells the header this is the login page, so it offers no «Войти» of its own.
        let ctx = PageContext(csrf: req.csrfToken, current: "/login")
        let html = Layout.page(ctx, title: "Вход в систему") {
            el("div", ["class": "login card"]) {
                el("p", ["class": "muted"]) { "Система сопровождения целевой модели наставничества: школа → муниципалитет → регион." }
                Forms.form(action: "/login", csrf: req.csrfToken, fields: [
                    FormField("login", "Логин", required: true),
                    FormField("password", "Пароль", .password, required: true),
                    FormField("next", "", .hidden, value: next),
                ], issues: error.map { [FieldIssue("password", $0)] } ?? [], submit: "Войти")
            }
        }
        return req.html(html, status: status)
    }

    @Sendable func login(req: Request) async throws -> Response {
        let input = try req.content.decode(LoginInput.self)
        let found: AccountRecord?
        do {
            found = try await LoginService.authenticate(req, login: input.login, password: input.password)
        } catch let refused as ThrottledLogin {
            let res = page(req, next: input.next, error: refused.reason, status: refused.status)
            res.headers.add(contentsOf: refused.headers)
            return res
        }
        guard let account = found else {
            return page(req, next: input.next, error: "Неверный логин или пароль.", status: .unauthorized)
        }
        // A new session id on login, so a planted cookie never becomes an authenticated one.
        if let old = req.session.id { try? await req.application.sessions.driver.deleteSession(old, for: req).get() }
        req.session.id = nil
        req.session.data = SessionData()
        req.session.data["account"] = account.id!.uuidString
        req.session.data["signedInAt"] = String(Int(Date().timeIntervalSince1970))
        _ = req.csrfToken
        let next = LocalRedirect.path(input.next.nonBlank) ?? "/"
        let response = req.redirect(to: next)
        try await LoginService.rememberDevice(req, account, on: response)
        return response
    }

    @Sendable func logout(req: Request) async throws -> Response {
        req.session.destroy()
        return req.redirect(to: "/login")
    }
}
