import Fluent
import Foundation
import NastavnikCore

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
            .all(\.$deadline).map { raw in
                guard let day = Day(raw) else { throw CorruptRoadmapDeadline(raw: raw) }
                return day
            }
    }
}

public struct CorruptRoadmapDeadline: Error, CustomStringConvertible {
    public var raw: String
    public var description: String { "roadmap_events.deadline: «\(raw)» is no date" }
}
