import Fluent
import Foundation
import NastavnikCore
import SQLKit

/// The stored aggregates (`OrganisationAggregate`, table `indicator_aggregates`): one row per educational
/// organisation and date. A row counts while its generation is the organisation's `indicators_generation`;
/// every write that changes the organisation's inputs bumps that (`IndicatorInputsMiddleware`), so an outdated
/// row is never summed: it is recomputed from the records, then summed. A computation reads the generation
/// before it reads the records, so a write that lands meanwhile outdates what it stores.
public struct IndicatorAggregateStore: Sendable {
    let sql: any SQLDatabase

    public init?(_ db: any Database) {
        guard let sql = db as? any SQLDatabase else { return nil }
        self.sql = sql
    }

    /// The node's sums on a date: how many educational organisations it has, how many have a current
    /// aggregate, and those aggregates added up. Read in one statement, so the parts agree.
    public struct Sum: Sendable {
        public var organisations: Int
        public var current: Int
        public var totals: IndicatorTotals
    }

    /// `organisations o` joined to each one's current aggregate of the day (when there is one).
    func current(_ node: SQLQueryString, _ day: Day) -> SQLQueryString {
        "FROM organisations o LEFT JOIN indicator_aggregates a ON a.organisation_id = o.id AND a.as_of = \(bind: day.iso) AND a.generation = o.indicators_generation WHERE \(node)"
    }

    /// Text of every row joined by spaces: `group_concat` in SQLite, `string_agg` in PostgreSQL.
    func joined(_ column: String) -> SQLQueryString {
        let function = sql.dialect.name == "sqlite" ? "group_concat" : "string_agg"
        return "\(unsafeRaw: function)(a.\(ident: column), ' ') AS \(ident: column)"
    }

    public func sum(organisationID: UUID?, municipalityIDs: [UUID]?, kinds: Set<OrganisationKind>, on day: Day) async throws -> Sum {
        var select: SQLQueryString = "SELECT COUNT(*) AS v, COUNT(a.organisation_id) AS current"
        for c in IndicatorAggregate.columns { select = "\(select), SUM(a.\(ident: c)) AS \(ident: c)" }
        let node = IndicatorSQL.node(organisationID: organisationID, municipalityIDs: municipalityIDs, kinds: kinds)
        guard let row = try await sql.raw("\(select), \(joined("people")), \(joined("partners")) \(current(node, day))").first() else {
            return Sum(organisations: 0, current: 0, totals: IndicatorTotals())
        }
        var totals = try Self.totals(row)
        if let partners = try row.decode(column: "partners", as: String?.self) { totals.addPartners(partners) }
        return Sum(organisations: try row.decode(column: "v", as: Int.self), current: try row.decode(column: "current", as: Int.self), totals: totals)
    }

    /// The counts and people of a row (summed or one organisation's); `columns`: those the row has.
    static func totals(_ row: any SQLRow, _ columns: [String] = IndicatorAggregate.columns) throws -> IndicatorTotals {
        var totals = IndicatorTotals()
        for c in columns { totals.counts[c] = try row.decode(column: c, as: Int?.self) ?? 0 }
        if let people = try row.decode(column: "people", as: String?.self) { totals.addPeople(people) }
        return totals
    }

    /// Each organisation of the node with a current aggregate on the day, on its own, as far as `queries` go
    /// (the dashboard's bars by organisation). Partners are not read: answer no `enterprisesInProgrammes` from it.
    public func perOrganisation(organisationID: UUID?, municipalityIDs: [UUID]?, kinds: Set<OrganisationKind>, on day: Day, queries: [IndicatorQuery]) async throws -> [UUID: IndicatorTotals] {
        let node = IndicatorSQL.node(organisationID: organisationID, municipalityIDs: municipalityIDs, kinds: kinds)
        let wanted = Array(Set(queries.compactMap(IndicatorAggregate.column)))
        var columns: SQLQueryString = "o.id AS id, a.people AS people"
        for c in wanted { columns = "\(columns), a.\(ident: c) AS \(ident: c)" }
        var out: [UUID: IndicatorTotals] = [:]
        for row in try await sql.raw("SELECT \(columns) \(current(node, day)) AND a.organisation_id IS NOT NULL").all() {
            out[try row.decode(column: "id", as: UUID.self)] = try Self.totals(row, wanted)
        }
        return out
    }

    /// The node's organisations without a current aggregate on the day, with the generation to store one under.
    public func outdated(organisationID: UUID?, municipalityIDs: [UUID]?, kinds: Set<OrganisationKind>, on day: Day, limit: Int? = nil) async throws -> [(id: UUID, generation: Int64)] {
        let node = IndicatorSQL.node(organisationID: organisationID, municipalityIDs: municipalityIDs, kinds: kinds)
        var q: SQLQueryString = "SELECT o.id AS id, o.indicators_generation AS generation FROM organisations o WHERE \(node) AND NOT EXISTS (SELECT 1 FROM indicator_aggregates a WHERE a.organisation_id = o.id AND a.as_of = \(bind: day.iso) AND a.generation = o.indicators_generation)"
        if let limit { q = "\(q) LIMIT \(unsafeRaw: String(limit))" }
        return try await sql.raw(q).all().map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "generation", as: Int64.self)) }
    }

    /// Stores aggregates computed from the records read after `generations`; a row of a newer generation
    /// already there stays.
    public func save(_ aggregates: [OrganisationAggregate], generations: [UUID: Int64]) async throws {
        let columns = IndicatorAggregate.columns
        var names: SQLQueryString = "organisation_id, as_of, generation"
        var updates: SQLQueryString = "generation = excluded.generation, people = excluded.people, partners = excluded.partners"
        for c in columns {
            names = "\(names), \(ident: c)"
            updates = "\(updates), \(ident: c) = excluded.\(ident: c)"
        }
        for start in stride(from: 0, to: aggregates.count, by: 10) {
            var rows: [SQLQueryString] = []
            for a in aggregates[start..<min(start + 10, aggregates.count)] {
                guard let generation = generations[a.organisationID] else { continue }
                var row: SQLQueryString = "\(bind: a.organisationID), \(bind: a.date.iso), \(bind: generation)"
                for c in columns { row = "\(row), \(bind: a.counts[c] ?? 0)" }
                rows.append("(\(row), \(bind: a.peopleText), \(bind: a.partnersText))")
            }
            guard !rows.isEmpty else { continue }
            try await sql.raw("""
                INSERT INTO indicator_aggregates (\(names), people, partners) VALUES \(rows.joined(separator: ", ")) \
                ON CONFLICT (organisation_id, as_of) DO UPDATE SET \(updates) WHERE excluded.generation >= indicator_aggregates.generation
                """).run()
        }
    }

    /// People of these organisations (places, pairs) who also take part in an organisation outside them: the
    /// loaded records of a batch do not show those.
    public func involvedElsewhere(_ organisations: [UUID]) async throws -> Set<UUID> {
        guard !organisations.isEmpty else { return [] }
        let ids: SQLQueryString = "\(binds: organisations)"
        let rows = try await sql.raw("""
            SELECT x.person_id AS id FROM (SELECT person_id FROM memberships WHERE organisation_id IN (\(ids)) \
            UNION SELECT p.person_id FROM mentorship_participants p JOIN mentorships t ON t.id = p.mentorship_id WHERE t.organisation_id IN (\(ids))) x \
            WHERE EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = x.person_id AND m.organisation_id NOT IN (\(ids))) \
            OR EXISTS (SELECT 1 FROM mentorship_participants p JOIN mentorships t ON t.id = p.mentorship_id WHERE p.person_id = x.person_id AND t.organisation_id NOT IN (\(ids)))
            """).all()
        return Set(try rows.map { try $0.decode(column: "id", as: UUID.self) })
    }

    /// Forgets aggregates of days before `day` (they are recomputed if asked for again).
    public func prune(before day: Day) async throws {
        try await sql.raw("DELETE FROM indicator_aggregates WHERE as_of < \(bind: day.iso)").run()
    }

    /// Outdates every aggregate of the organisations, and of those where the people and pairs take part.
    public func outdate(_ inputs: IndicatorInputs) async throws {
        var ids = Set(inputs.organisations)
        func collect(_ list: [UUID], _ query: (SQLQueryString) -> SQLQueryString) async throws {
            for start in stride(from: 0, to: list.count, by: 400) {
                let part = Array(Set(list[start..<min(start + 400, list.count)]))
                for row in try await sql.raw(query("\(binds: part)")).all() { ids.insert(try row.decode(column: "id", as: UUID.self)) }
            }
        }
        try await collect(inputs.mentorships) { "SELECT organisation_id AS id FROM mentorships WHERE id IN (\($0))" }
        try await collect(inputs.people) {
            "SELECT organisation_id AS id FROM memberships WHERE person_id IN (\($0)) UNION SELECT t.organisation_id AS id FROM mentorship_participants x JOIN mentorships t ON t.id = x.mentorship_id WHERE x.person_id IN (\($0))"
        }
        try await collect(inputs.employers) {
            "SELECT t.organisation_id AS id FROM memberships m JOIN mentorship_participants x ON x.person_id = m.person_id JOIN mentorships t ON t.id = x.mentorship_id WHERE m.organisation_id IN (\($0))"
        }
        let all = Array(ids)
        for start in stride(from: 0, to: all.count, by: 400) {
            try await sql.raw("UPDATE organisations SET indicators_generation = indicators_generation + 1 WHERE id IN (\(binds: Array(all[start..<min(start + 400, all.count)])))").run()
        }
    }
}

/// What a write touches, as far as the indicators go: organisations directly, the organisations of pairs,
/// everywhere people take part (a new place or pair makes them count in several organisations), and the
/// pairs where an organisation's people mentor (an organisation that becomes a partner enterprise).
public struct IndicatorInputs: Sendable, Equatable {
    public var organisations: [UUID] = []
    public var mentorships: [UUID] = []
    public var people: [UUID] = []
    public var employers: [UUID] = []

    public init(organisations: [UUID] = [], mentorships: [UUID] = [], people: [UUID] = [], employers: [UUID] = []) {
        self.organisations = organisations
        self.mentorships = mentorships
        self.people = people
        self.employers = employers
    }

    /// Many records' inputs in one pass (adding them pairwise copied the growing arrays once per record).
    static func sum(_ all: [Self]) -> Self {
        IndicatorInputs(organisations: all.flatMap(\.organisations), mentorships: all.flatMap(\.mentorships),
                        people: all.flatMap(\.people), employers: all.flatMap(\.employers))
    }

    static func + (a: Self, b: Self) -> Self {
        IndicatorInputs(organisations: a.organisations + b.organisations, mentorships: a.mentorships + b.mentorships, people: a.people + b.people, employers: a.employers + b.employers)
    }
}
