import Fluent
import Foundation
import NastavnikCore

/// The reads behind the public pages (`/public/…`), as Core values. The pages need no login, so nothing here
/// checks a scope; what may be shown of it is `PublicationRules`' decision.
public enum PublicQueries {
    /// The organisation when it is educational and its section «Целевая модель наставничества» is published on `day`.
    public static func publishedOrganisation(_ db: any Database, _ id: UUID, on day: Day) async throws -> Organisation? {
        guard let org = try await OrganisationRecord.find(id, on: db)?.core, org.kind.isEducational,
              PublicationRules.isPublished(org, on: day) else { return nil }
        return org
    }

    public static func act(_ db: any Database, _ id: UUID) async throws -> LocalAct? {
        try await LocalActRecord.find(id, on: db)?.core
    }

    public static func acts(_ db: any Database, organisation id: UUID) async throws -> [LocalAct] {
        try await LocalActRecord.query(on: db).filter(\.$organisationID == id).all().map { try $0.core }
    }

    /// The person behind each active curator account of the organisation (nil for an account bound to nobody).
    public static func curatorPersonIDs(_ db: any Database, organisation id: UUID) async throws -> [UUID?] {
        try await AccountRecord.query(on: db).filter(\.$organisationID == id).filter(\.$role == Role.curator.rawValue)
            .filter(\.$active == true).all().map(\.personID)
    }

    /// People by id with all their consents: what deciding whose name may be published needs.
    public static func people(_ db: any Database, _ ids: [UUID]) async throws -> (people: [UUID: Person], consents: [Consent]) {
        var people: [UUID: Person] = [:]
        var consents: [Consent] = []
        for part in chunks(ids) {
            for p in try await PersonRecord.query(on: db).filter(\.$id ~~ part).all().map(\.core) { people[p.id] = p }
            consents += try await ConsentRecord.query(on: db).filter(\.$personID ~~ part).all().map(\.core)
        }
        return (people, consents)
    }

    public static func mentorships(_ db: any Database, organisations ids: [UUID]) async throws -> [Mentorship] {
        var out: [Mentorship] = []
        for part in chunks(ids) { out += try await MentorshipRecord.query(on: db).filter(\.$organisationID ~~ part).all().map(\.core) }
        return out
    }

    public static func organisations(_ db: any Database, municipalities ids: [UUID]) async throws -> [Organisation] {
        var out: [Organisation] = []
        for part in chunks(ids) { out += try await OrganisationRecord.query(on: db).filter(\.$municipalityID ~~ part).all().map { try $0.core } }
        return out
    }

    /// Practices of the organisation published for everyone (moderated, open level), newest first.
    public static func openPractices(_ db: any Database, organisation id: UUID) async throws -> [PracticeItem] {
        try await PracticeItemRecord.query(on: db).filter(\.$organisationID == id).filter(\.$status == ModerationStatus.published.rawValue)
            .filter(\.$level == PublicationLevel.open.rawValue).all().map { try $0.core }.sorted { $0.createdOn > $1.createdOn }
    }

    /// Id lists in parts that keep a query under SQLite's limit on bound parameters.
    static func chunks(_ ids: [UUID], _ size: Int = 400) -> [[UUID]] {
        let unique = Array(Set(ids))
        return stride(from: 0, to: unique.count, by: size).map { Array(unique[$0..<min($0 + size, unique.count)]) }
    }
}
