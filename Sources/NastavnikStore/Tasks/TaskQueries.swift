import Fluent
import Foundation
import NastavnikCore
import SQLKit

/// What the home page's task list counts that the board does not (issue 26).
public struct TaskQueries: Sendable {
    public let db: any Database

    public init(_ db: any Database) { self.db = db }

    /// Entries of the organisation's base of mentees still waiting for a mentor.
    public func waitingMentees(organisation: UUID) async throws -> Int {
        try await MenteeProfileRecord.query(on: db).filter(\.$organisationID == organisation)
            .filter(\.$status == MenteeStatus.waiting.rawValue).count()
    }

    /// The deadlines of the organisation's roadmap events that are neither done nor cancelled; an unreadable date is a
    /// corrupt row, not a missing deadline.
    public func openRoadmapDeadlines(organisation: UUID) async throws -> [Day] {
        let open = [RoadmapEventStatus.planned, .inProgress].map(\.rawValue)
        return try await RoadmapEventRecord.query(on: db).filter(\.$organisationID == organisation).filter(\.$status ~~ open)
            .field(\.$id).field(\.$deadline).all().map { try $0.day(\.$deadline) }
    }
}

extension TaskQueries {
    /// The self-assessment phases `person` entered in each of these pairs.
    public func assessed(person: UUID, in mentorships: [UUID]) async throws -> [UUID: Set<AssessmentPhase>] {
        guard !mentorships.isEmpty else { return [:] }
        let rows = try await AssessmentRecord.query(on: db).filter(\.$personID == person).filter(\.$mentorshipID ~~ mentorships).all()
        return try rows.reduce(into: [:]) { out, r in out[r.mentorshipID, default: []].insert(try r.decoded(\.$phase, as: AssessmentPhase.self)) }
    }

    /// Schools (general education) of the territory without an active curator account.
    public func schoolsWithoutCurator(_ reach: ScopeReach) async throws -> Int {
        try await countSchools(reach, lacking: "SELECT 1 FROM accounts a WHERE a.organisation_id = o.id AND a.role = \(bind: Role.curator.rawValue) AND a.active = \(bind: true)")
    }

    /// Schools of the territory without a single event of their roadmap for `schoolYear`.
    public func schoolsWithoutRoadmap(_ reach: ScopeReach, schoolYear: Int) async throws -> Int {
        try await countSchools(reach, lacking: "SELECT 1 FROM roadmap_events e WHERE e.organisation_id = o.id AND e.school_year = \(bind: schoolYear)")
    }

    /// Schools of a territory (nil: not a territory) for which `lacking` finds no row; `o` is the school.
    private func countSchools(_ reach: ScopeReach, lacking: SQLQueryString) async throws -> Int {
        guard let territory = reach.territory("o") else { return 0 }
        let sql = try SQLRequired.sql(db)
        let q: SQLQueryString = "SELECT COUNT(*) AS n FROM organisations o WHERE \(territory) AND o.kind = \(bind: OrganisationKind.school.rawValue) AND NOT EXISTS (\(lacking))"
        return try await sql.raw(q).first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
