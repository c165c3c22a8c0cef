import Crypto
import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// The signed-in account and the actor the access policy judges.
public struct CurrentUser: Sendable {
    public let accountID: UUID
    public let login: String
    public let fullName: String
    public let actor: Actor
    /// How this request was authenticated: a browser session or an API token.
    public let viaToken: Bool
}

struct CurrentUserKey: StorageKey { typealias Value = CurrentUser }

extension Request {
    /// The signed-in user, or 401 («Войдите в систему»).
    public var user: CurrentUser {
        get throws {
            guard let u = storage[CurrentUserKey.self] else { throw Abort(.unauthorized, reason: "Войдите в систему.") }
            return u
        }
    }

    public var maybeUser: CurrentUser? { storage[CurrentUserKey.self] }
    var isAPI: Bool { url.path.hasPrefix("/api/") }
}

/// How long a browser session lasts after sign-in (the cookie's lifetime too).
let sessionLifetime: TimeInterval = 8 * 3600

/// Resolves the user: a bearer token on `/api/`, the session cookie elsewhere.
struct CurrentUserMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if req.isAPI {
            if let bearer = req.headers.bearerAuthorization {
                req.storage[CurrentUserKey.self] = try await TokenAuth.user(for: bearer.token, on: req.db)
            }
        } else if let id = req.session.data["account"].flatMap({ UUID(uuidString: $0) }) {
            // The server ends a session after its lifetime whatever the cookie says: a copied cookie dies too.
            let since = req.session.data["signedInAt"].flatMap(TimeInterval.init).map { Date(timeIntervalSince1970: $0) } ?? .distantPast
            if Date().timeIntervalSince(since) > sessionLifetime {
                req.session.destroy()
            } else if let account = try await AccountRecord.find(id, on: req.db), account.active {
                req.storage[CurrentUserKey.self] = try await Accounts.currentUser(account, viaToken: false, on: req.db)
            } else {
                req.session.destroy()
            }
        }
        return try await next.respond(to: req)
    }
}

enum Accounts {
    static func currentUser(_ a: AccountRecord, viaToken: Bool, on db: any Database) async throws -> CurrentUser {
        var assigned: Set<UUID> = []
        let role = try a.roleValue
        if role == .regionalTutor {
            assigned = Set(try await TutorAssignmentRecord.query(on: db).filter(\.$accountID == a.id!).all().map(\.personID))
        }
        let actor = Actor(accountID: a.id!, role: role, placement: a.placement, personID: a.personID, assignedPersonIDs: assigned)
        return CurrentUser(accountID: a.id!, login: a.login, fullName: a.fullName, actor: actor, viaToken: viaToken)
    }
}

/// API tokens: random, shown once, stored as SHA-256, expiring, revocable.
enum TokenAuth {
    static let lifetime: TimeInterval = 12 * 3600

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func issue(for account: AccountRecord, on db: any Database, lifetime: TimeInterval = lifetime, label: String? = nil) async throws -> (token: String, record: APITokenRecord) {
        let token = [UInt8].random(count: 32).base64.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "+", with: "-")
        let record = APITokenRecord(accountID: account.id!, tokenHash: hash(token), expiresAt: Date().addingTimeInterval(lifetime), label: label)
        try await record.create(on: db)
        return (token, record)
    }

    static func user(for token: String, on db: any Database) async throws -> CurrentUser? {
        guard let record = try await APITokenRecord.query(on: db).filter(\.$tokenHash == hash(token)).first(),
            record.revokedAt == nil, record.expiresAt > Date(),
            let account = try await AccountRecord.find(record.accountID, on: db), account.active
        else { return nil }
        return try await Accounts.currentUser(account, viaToken: true, on: db)
    }

    static func revoke(_ token: String, on db: any Database) async throws {
        if let record = try await APITokenRecord.query(on: db).filter(\.$tokenHash == hash(token)).first() {
            record.revokedAt = Date()
            try await record.save(on: db)
        }
    }
}

/// The largest file a page accepts (imports, templates, scans).
let uploadLimit = 64 * 1024 * 1024

/// The largest body a visitor who has not signed in may send (the sign-in form is a few hundred bytes).
let anonymousBodyLimit = 64 * 1024

/// State-changing browser requests must carry the session's CSRF token. The body that carries it is read only
/// after what can be checked without it: its declared size (64 KB without sign-in, `uploadLimit` with it) and,
/// where the browser says so, that it comes from this site. An anonymous 60 MB multipart body to `/login` held a
/// core for 90 s while it was collected and parsed (issue 22, finding 4).
struct CSRFMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if req.method == .POST {
            let limit = req.maybeUser == nil ? anonymousBodyLimit : uploadLimit
            if let declared = req.headers.first(name: .contentLength).flatMap(Int.init), declared > limit {
                throw Abort(.payloadTooLarge, reason: Self.tooLarge(limit))
            }
            guard Self.sameSite(req) else { throw Self.forbidden }
            // The token is inside the body, which may still be streaming: a file upload always, and a plain form
            // whenever the browser sends its body after the headers (Chromium does, on a form of a few KB: the
            // token was not found and a valid form answered «Форма устарела» now and then). Collected first,
            // within the limit.
            if req.body.data == nil {
                do {
                    _ = try await req.body.collect(max: limit).get()
                } catch let error as any AbortError where error.status == .payloadTooLarge {
                    throw Abort(.payloadTooLarge, reason: Self.tooLarge(limit))
                }
            }
            let sent = try? req.content.get(String.self, at: "csrf")
            guard let expected = req.session.data["csrf"], let sent, constantTimeEquals(sent, expected) else { throw Self.forbidden }
        }
        return try await next.respond(to: req)
    }

    static let forbidden = Abort(.forbidden, reason: "Форма устарела или отправлена с другого сайта. Обновите страницу и повторите.")

    static func tooLarge(_ limit: Int) -> String {
        limit < uploadLimit
            ? "Слишком большой запрос: без входа в систему принимается не более \(limit / 1024) КБ."
            : "Файл слишком большой: не более \(limit / 1024 / 1024) МБ."
    }

    /// False when the browser says the form came from another site (`Sec-Fetch-Site`, sent by every current browser
    /// and independent of the proxy's `Host`); true when it says nothing (older browsers, tests): the token decides.
    static func sameSite(_ req: Request) -> Bool {
        guard let site = req.headers.first(name: "Sec-Fetch-Site") else { return true }
        return site == "same-origin" || site == "none"
    }

    func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension Request {
    /// The session's CSRF token, created on first use.
    var csrfToken: String {
        if let t = session.data["csrf"] { return t }
        let t = [UInt8].random(count: 24).base64
        session.data["csrf"] = t
        return t
    }
}

/// Pages that need a signed-in user send anonymous visitors to the login page.
struct RequireLoginMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard req.maybeUser != nil else {
            if req.isAPI { throw Abort(.unauthorized, reason: "Нужен действующий токен: POST /api/v1/auth/token.") }
            let back = req.url.path + (req.url.query.map { "?\($0)" } ?? "")
            return req.redirect(to: "/login?next=\(percentEncode(back))")
        }
        return try await next.respond(to: req)
    }
}

struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let res = try await next.respond(to: req)
        res.headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
        res.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        res.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        res.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        return res
    }
}
