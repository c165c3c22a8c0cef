import Fluent
import Foundation
import NastavnikCore

/// Reads and writes of accounts, and the facts about a person that binding an account to them needs.
public enum AccountQueries {
    public static func loginTaken(_ db: any Database, _ login: String) async throws -> Bool {
        try await AccountRecord.query(on: db).filter(\.$login == login).count() > 0
    }

    /// Every account by login; the caller filters by what the actor may read.
    public static func all(_ db: any Database) async throws -> [AccountRecord] {
        try await AccountRecord.query(on: db).sort(\.$login).all()
    }

    public static func find(_ db: any Database, _ id: UUID) async throws -> AccountRecord? {
        try await AccountRecord.find(id, on: db)
    }

    public static func personExists(_ db: any Database, _ id: UUID) async throws -> Bool {
        try await PersonRecord.find(id, on: db) != nil
    }

    /// The organisation of the person's most recently started membership.
    public static func latestOrganisationID(_ db: any Database, person id: UUID) async throws -> UUID? {
        try await MembershipRecord.query(on: db).filter(\.$personID == id).sort(\.$startDate, .descending).first()?.organisationID
    }

    public static func memberships(_ db: any Database, person id: UUID) async throws -> [Membership] {
        try await MembershipRecord.query(on: db).filter(\.$personID == id).all().map(\.core)
    }
}
