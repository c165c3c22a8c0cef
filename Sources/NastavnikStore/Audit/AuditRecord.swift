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

    public init(at: Date, accountID: UUID?, actor: String, personID: UUID, entity: String, entityID: UUID, action: String, changes: [AuditChange]) {
        self.id = UUID()
        self.at = at
        self.accountID = accountID
        self.actor = actor
        self.personID = personID
        self.entity = entity
        self.entityID = entityID
        self.action = action
        self.changes = AuditChange.json(changes)
    }

    public var changeList: [AuditChange] {
        (try? JSONDecoder().decode([AuditChange].self, from: Data(changes.utf8))) ?? []
    }
}
