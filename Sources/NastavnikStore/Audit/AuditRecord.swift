import Fluent
import Foundation
import NastavnikCore

/// One change to a person's data. Rows are only ever inserted.
public final class AuditRecord: Model, @unchecked Sendable {
    public static let schema = "audit_entries"
    @ID(key: .id) public var id: UUID?
    @Field(key: "at") public var at: Date
    @OptionalField(key: "account_id") public var accountID: UUID?
    @Field(key: "actor") public var actor: String
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "entity") public var entity: String
    @Field(key: "entity_id") public var entityID: UUID
    @Field(key: "action") public var action: String
    @Field(key: "changes") public var changes: String

    public init() {}

    public convenience init(at: Date, accountID: UUID?, actor: String, personID: UUID, entity: String, entityID: UUID, action: String, changes: [AuditChange]) {
        self.init(AuditEntry(at: at, accountID: accountID, actor: actor, personID: personID, entity: entity, entityID: entityID, action: action, changes: changes))
    }

    public var changeList: [AuditChange] {
        (try? JSONDecoder().decode([AuditChange].self, from: Data(changes.utf8))) ?? []
    }
}

/// One audit row as a value: what imports write in bulk (`BulkCoded`).
public struct AuditEntry: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var at: Date
    public var accountID: UUID?
    public var actor: String
    public var personID: UUID
    public var entity: String
    public var entityID: UUID
    public var action: String
    /// The changes as stored: a JSON array (`AuditChange.json`).
    public var changes: String

    public init(id: UUID = .timeOrdered(), at: Date, accountID: UUID?, actor: String, personID: UUID, entity: String, entityID: UUID, action: String, changes: [AuditChange]) {
        self.init(id: id, at: at, accountID: accountID, actor: actor, personID: personID, entity: entity, entityID: entityID, action: action,
                  storedChanges: AuditChange.json(changes))
    }

    /// As stored: the changes already written as JSON.
    public init(id: UUID, at: Date, accountID: UUID?, actor: String, personID: UUID, entity: String, entityID: UUID, action: String, storedChanges: String) {
        self.id = id
        self.at = at
        self.accountID = accountID
        self.actor = actor
        self.personID = personID
        self.entity = entity
        self.entityID = entityID
        self.action = action
        self.changes = storedChanges
    }
}

extension AuditRecord: CoreMapped {
    public convenience init(_ e: AuditEntry) {
        self.init()
        id = e.id
        apply(e)
    }
    public func apply(_ e: AuditEntry) {
        at = e.at
        accountID = e.accountID
        actor = e.actor
        personID = e.personID
        entity = e.entity
        entityID = e.entityID
        action = e.action
        changes = e.changes
    }
    public var core: AuditEntry {
        AuditEntry(id: id!, at: at, accountID: accountID, actor: actor, personID: personID, entity: entity, entityID: entityID, action: action, storedChanges: changes)
    }
}
