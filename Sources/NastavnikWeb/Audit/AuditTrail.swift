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
        try await entry(user, personID: personID, entity: entity, entityID: entityID, old: old, new: new).map(AuditRecord.init)?.create(on: db)
    }

    /// The audit row for a change, or nil when nothing changed.
    static func entry(
        _ user: CurrentUser, personID: UUID, entity: String, entityID: UUID, old: (any AuditSnapshot)?, new: (any AuditSnapshot)?
    ) -> AuditEntry? {
        entry(user, personID: personID, entity: entity, entityID: entityID, created: old == nil, deleted: new == nil,
              changes: AuditDiff.changes(old: old, new: new))
    }

    /// One row of an imported file: everything it changes about the person (personal data, place, consent,
    /// base entries) in one entry, so a 100,000-row file writes 100,000 entries rather than 300,000.
    static func importEntry(_ user: CurrentUser, _ row: PlannedRow) -> AuditEntry? {
        guard let person = row.person else { return nil }
        let parts: [((any AuditSnapshot)?, (any AuditSnapshot)?)] = [
            (row.oldPerson, person), (row.oldMembership, row.membership), (nil, row.consent),
            (row.oldMentor, row.mentor), (row.oldMentee, row.mentee),
        ]
        let changes = parts.flatMap { old, new in new == nil ? [] : AuditDiff.changes(old: old, new: new) }
        return entry(user, personID: person.id, entity: "import", entityID: person.id, created: row.oldPerson == nil, deleted: false, changes: changes)
    }

    private static func entry(
        _ user: CurrentUser, personID: UUID, entity: String, entityID: UUID, created: Bool, deleted: Bool, changes: [AuditChange]
    ) -> AuditEntry? {
        guard !changes.isEmpty else { return nil }
        return AuditEntry(
            at: Date(), accountID: user.accountID, actor: "\(user.fullName) (\(user.login))", personID: personID,
            entity: entity, entityID: entityID, action: created ? "create" : (deleted ? "delete" : "update"), changes: changes)
    }

    /// Russian labels from Core's one table (`AuditLabels`).
    static func actionLabel(_ action: String) -> String { AuditLabels.action(action) }

    static func entityLabel(_ entity: String) -> String { AuditLabels.entity(entity) }
}
