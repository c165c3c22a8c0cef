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

enum LoginService {
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
        guard let account = try await LoginService.verify(req, login: input.login, password: input.password) else {
            return page(req, next: input.next, error: "Неверный логин или пароль.", status: .unauthorized)
        }
        // A new session id on login, so a planted cookie never becomes an authenticated one.
        if let old = req.session.id { try? await req.application.sessions.driver.deleteSession(old, for: req).get() }
        req.session.id = nil
        req.session.data = SessionData()
        req.session.data["account"] = account.id!.uuidString
        _ = req.csrfToken
        let next = input.next.nonBlank.flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") ? $0 : nil } ?? "/"
        return req.redirect(to: next)
    }

    @Sendable func logout(req: Request) async throws -> Response {
        req.session.destroy()
        return req.redirect(to: "/login")
    }
}
