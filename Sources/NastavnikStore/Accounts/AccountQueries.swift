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

    /// The active accounts placed in a region (at its level or below), by name, each with its role and place:
    /// whom an organiser of the region's or a municipality's contest may put on its jury.
    public static func activeChoices(_ db: any Database, region regionID: UUID) async throws -> [AccountChoice] {
        let accounts = try await AccountRecord.query(on: db).filter(\.$regionID == regionID).filter(\.$active == true)
            .sort(\.$fullName).sort(\.$login).all()
        let orgs = try await OrganisationRecord.query(on: db).filter(\.$id ~~ Set(accounts.compactMap(\.organisationID))).all()
        let munis = try await MunicipalityRecord.query(on: db).filter(\.$id ~~ Set(accounts.compactMap(\.municipalityID))).all()
        let orgName = Dictionary(orgs.compactMap { o in o.id.map { ($0, o.shortName.isEmpty ? o.name : o.shortName) } }, uniquingKeysWith: { a, _ in a })
        let muniName = Dictionary(munis.compactMap { m in m.id.map { ($0, m.name) } }, uniquingKeysWith: { a, _ in a })
        let regionName = try await RegionRecord.find(regionID, on: db)?.name ?? ""
        return try accounts.map { a in
            let place = a.organisationID.flatMap { orgName[$0] } ?? a.municipalityID.flatMap { muniName[$0] } ?? regionName
            return AccountChoice(id: try a.requireID(), login: a.login, fullName: a.fullName, role: try a.roleValue,
                                 personID: a.personID, organisationID: a.organisationID, place: place)
        }
    }
}

/// An active account offered in a list: who, in what role, where.
public struct AccountChoice: Sendable, Equatable {
    public var id: UUID
    public var login: String
    public var fullName: String
    public var role: Role
    public var personID: UUID?
    public var organisationID: UUID?
    /// The organisation's short name, else the municipality's, else the region's.
    public var place: String

    /// «ФИО — роль, организация/муниципалитет».
    public var label: String { "\(fullName) — \(role.label)" + (place.isEmpty ? "" : ", \(place)") }
}
