import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

struct IntegrationTokenInput: Content {
    var label: String?
    /// Days the token lives: 1 to 365 (30 by default).
    var days: FlexibleInt?
}

/// A named token as its owner sees it (never the secret after issue).
struct IntegrationTokenDTO: Content {
    var id: UUID
    var label: String
    var createdAt: Date?
    var expiresAt: Date
    var revoked: Bool
    /// Only in the answer that issues it.
    var token: String?
}

/// Tokens for integrations: an account's own long-lived, named bearer tokens. A token acts exactly as its account
/// (same role and scope); switching the account off or changing its password revokes them all.
/// They are issued from a browser session signed in with the password, not by another token: a 12-hour sign-in
/// token would otherwise mint a year-long one that outlives its revocation (issue 22, finding 7). An administrator's
/// token may: it can already create accounts and set their passwords, so a minted token gives it nothing more.
enum IntegrationTokens {
    static let maxDays = 365

    static func issue(_ req: Request, _ input: IntegrationTokenInput) async throws -> IntegrationTokenDTO {
        let user = try req.user
        if user.viaToken, user.actor.role != .administrator {
            throw Abort(.forbidden, reason: "Токен для интеграции выдаётся на странице «Моя учётная запись» после входа по паролю: токеном API новый токен не выпустить.")
        }
        var issues: [FieldIssue] = []
        let label = input.label.nonBlank
        if label == nil || label!.count > 120 { issues.append(.init("label", "Назовите токен (до 120 символов): для какой системы он выдан.")) }
        let days = input.days?.value ?? 30
        if !(1...maxDays).contains(days) { issues.append(.init("days", "Срок действия — от 1 до \(maxDays) дней.")) }
        try ValidationError.check(issues)
        guard let account = try await AccountRecord.find(try req.user.accountID, on: req.db) else { throw Abort(.unauthorized) }
        let (token, record) = try await TokenAuth.issue(for: account, on: req.db, lifetime: TimeInterval(days) * 86_400, label: label)
        var dto = dto(record)
        dto.token = token
        return dto
    }

    static func list(_ req: Request) async throws -> [IntegrationTokenDTO] {
        try await APITokenRecord.query(on: req.db).filter(\.$accountID == req.user.accountID).filter(\.$label != nil)
            .sort(\.$createdAt, .descending).all().map(dto)
    }

    /// Revokes one of the caller's own tokens; another account's token id is «not found».
    static func revoke(_ req: Request, _ id: UUID) async throws -> IntegrationTokenDTO {
        guard let record = try await APITokenRecord.find(id, on: req.db), record.accountID == (try req.user.accountID), record.label != nil else {
            throw Abort(.notFound, reason: "Токен не найден.")
        }
        if record.revokedAt == nil {
            record.revokedAt = Date()
            try await record.save(on: req.db)
        }
        return dto(record)
    }

    static func dto(_ r: APITokenRecord) -> IntegrationTokenDTO {
        IntegrationTokenDTO(id: r.id!, label: r.label ?? "", createdAt: r.createdAt, expiresAt: r.expiresAt, revoked: r.revokedAt != nil || r.expiresAt <= Date(), token: nil)
    }
}
