import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// Writes who changed which person's data, when, old → new. Called inside the same transaction as the change.
enum AuditTrail {
    static func record(
        _ db: any Database, _ user: CurrentUser, personID: UUID, entity: String, entityID: UUID,
        old: (any AuditSnapshot)?, new: (any AuditSnapshot)?
    ) async throws {
        try await entry(user, personID: personID, entity: entity, entityID: entityID, old: old, new: new)?.create(on: db)
    }

    /// The audit row for a change, or nil when nothing changed; bulk writers (imports) insert many at once.
    static func entry(
        _ user: CurrentUser, personID: UUID, entity: String, entityID: UUID, old: (any AuditSnapshot)?, new: (any AuditSnapshot)?
    ) -> AuditRecord? {
        let changes = AuditDiff.changes(old: old, new: new)
        guard !changes.isEmpty else { return nil }
        let action = old == nil ? "create" : (new == nil ? "delete" : "update")
        return AuditRecord(
            at: Date(), accountID: user.accountID, actor: "\(user.fullName) (\(user.login))", personID: personID,
            entity: entity, entityID: entityID, action: action, changes: changes)
    }

    static func actionLabel(_ action: String) -> String {
        switch action {
        case "create": "создание"
        case "delete": "удаление"
        default: "изменение"
        }
    }

    static func entityLabel(_ entity: String) -> String {
        switch entity {
        case "person": "персональные данные"
        case "membership": "место работы (учёбы)"
        case "consent": "согласие"
        case "mentor": "база наставников"
        case "mentee": "база наставляемых"
        default: entity
        }
    }
}
