import Fluent
import Foundation
import NastavnikCore
import SQLKit

/// A monitoring node's educational organisations grouped one level down (the country by region, a region by
/// municipality, a municipality by organisation), counted by the database: what a dashboard lists without
/// loading the organisations of a whole region.
public struct NodeRollup: Sendable {
    public enum Level: Sendable { case organisation, municipality, region }

    public struct Group: Sendable, Equatable {
        public var id: UUID
        public var name: String
        /// Educational organisations in the group.
        public var organisations: Int
    }

    /// A group's roadmaps of a school year: how many of its organisations keep one, and their events together
    /// (`RoadmapRules.progress`: cancelled events left out).
    public struct RoadmapLine: Sendable, Equatable {
        public var group: Group
        public var keeping: Int
        public var progress: RoadmapProgress
    }

    let sql: any SQLDatabase
    let node: SQLQueryString
    public let level: Level

    /// `kinds`: the kinds of organisation the node's monitoring counts.
    public init?(_ db: any Database, organisationID: UUID?, municipalityIDs: [UUID]?, kinds: Set<OrganisationKind>, by level: Level) {
        guard let sql = db as? any SQLDatabase else { return nil }
        self.sql = sql
        self.node = IndicatorSQL.node(organisationID: organisationID, municipalityIDs: municipalityIDs, kinds: kinds)
        self.level = level
    }

    /// The group's id and name as columns `id` and `name`, and the joins they need on `organisations o`.
    var key: (columns: SQLQueryString, joins: SQLQueryString, group: SQLQueryString) {
        switch level {
        case .organisation: ("o.id AS id, o.short_name AS name", "", "o.id, o.short_name")
        case .municipality: ("g.id AS id, g.name AS name", "JOIN municipalities g ON g.id = o.municipality_id", "g.id, g.name")
        case .region: ("g.id AS id, g.name AS name", "JOIN municipalities m ON m.id = o.municipality_id JOIN regions g ON g.id = m.region_id", "g.id, g.name")
        }
    }

    /// Every group with its educational organisations, by name.
    public func groups() async throws -> [Group] {
        let k = key
        return try await sql.raw("SELECT \(k.columns), COUNT(*) AS v FROM organisations o \(k.joins) WHERE \(node) GROUP BY \(k.group)").all()
            .map { Group(id: try $0.decode(column: "id", as: UUID.self), name: try $0.decode(column: "name", as: String.self), organisations: try $0.decode(column: "v", as: Int.self)) }
            .sortedByName(\.name)
    }

    /// Every group's roadmaps of the school year on the day; a group where nobody keeps one has zeros.
    public func roadmaps(year: Int, on day: Day) async throws -> [RoadmapLine] {
        let k = key
        let counted = "e.status <> '\(RoadmapEventStatus.cancelled.rawValue)'"
        let open = "e.status NOT IN ('\(RoadmapEventStatus.done.rawValue)', '\(RoadmapEventStatus.cancelled.rawValue)')"
        let rows = try await sql.raw("""
            SELECT \(k.columns), COUNT(DISTINCT e.organisation_id) AS keeping,
              SUM(CASE WHEN \(unsafeRaw: counted) THEN 1 ELSE 0 END) AS total,
              SUM(CASE WHEN e.status = '\(unsafeRaw: RoadmapEventStatus.done.rawValue)' THEN 1 ELSE 0 END) AS done,
              SUM(CASE WHEN \(unsafeRaw: open) AND e.deadline < \(bind: day.iso) THEN 1 ELSE 0 END) AS overdue,
              SUM(CASE WHEN \(unsafeRaw: counted) AND e.deadline < \(bind: day.iso) THEN 1 ELSE 0 END) AS due
            FROM roadmap_events e JOIN organisations o ON o.id = e.organisation_id \(k.joins)
            WHERE \(node) AND e.school_year = \(bind: year) GROUP BY \(k.group)
            """).all()
        var byID: [UUID: (keeping: Int, progress: RoadmapProgress)] = [:]
        for row in rows {
            func int(_ c: String) throws -> Int { try row.decode(column: c, as: Int?.self) ?? 0 }
            byID[try row.decode(column: "id", as: UUID.self)] = (try int("keeping"), RoadmapProgress(total: try int("total"), done: try int("done"), overdue: try int("overdue"), due: try int("due")))
        }
        return try await groups().map { g in
            let r = byID[g.id]
            return RoadmapLine(group: g, keeping: r?.keeping ?? 0, progress: r?.progress ?? RoadmapProgress(total: 0, done: 0, overdue: 0, due: 0))
        }
    }
}
