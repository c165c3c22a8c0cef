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
        // The socket's address: X-Forwarded-For is the client's to forge, so it never decides a limit.
        let address = req.remoteAddress?.ipAddress
        let now = Date()
        let throttle = req.application.loginLimits
        let keys = LoginThrottle.keys(login: name, address: address)
        let since = now.addingTimeInterval(-throttle.longestWindow)
        let stored = try await LoginFailureRecord.query(on: req.db).filter(\.$key ~~ keys).filter(\.$at > since).all()
        if let wait = throttle.retryAfter(login: name, address: address, failures: stored.map { ($0.key, $0.at) }, now: now) {
            req.logger.warning("login throttled", metadata: ["login": .string(name), "address": .string(address ?? "-")])
            AppMetrics.signIn("throttled")
            throw ThrottledLogin(retryAfter: wait)
        }
        let account = try await verify(req, login: login, password: password)
        AppMetrics.signIn(account == nil ? "failed" : "ok")
        if account != nil {
            let cleared = LoginThrottle.clearedOnSuccess(login: name)
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
        return req.redirect(to: next)
    }

    @Sendable func logout(req: Request) async throws -> Response {
        req.session.destroy()
        return req.redirect(to: "/login")
    }
}
