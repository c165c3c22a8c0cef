import Fluent
import Foundation
import SQLKit

/// Which rows an actor's list may show, as a condition the database evaluates: a region or a municipality is
/// named by its id and joined in the query, never expanded into the list of its organisations first (a region
/// has hundreds, the country tens of thousands).
public enum ScopeReach: Sendable, Equatable {
    case all
    case region(UUID)
    case municipality(UUID)
    case organisations([UUID])
    /// Only these people's own rows (a mentor, a mentee, a regional tutor's assigned people).
    case persons([UUID])

    public var isPersons: Bool {
        if case .persons = self { return true }
        return false
    }

    /// The organisations of a region or a municipality: `SELECT o.id FROM organisations o WHERE …`.
    static func organisationsIn(region: UUID) -> SQLQueryString {
        "SELECT o.id FROM organisations o WHERE o.municipality_id IN (SELECT mu.id FROM municipalities mu WHERE mu.region_id = \(bind: region))"
    }

    static func organisationsIn(municipality: UUID) -> SQLQueryString {
        "SELECT o.id FROM organisations o WHERE o.municipality_id = \(bind: municipality)"
    }

    /// The condition on a row that belongs to the organisation in `organisation` and (for `persons`) the person in `person`.
    public func condition(organisation: SQLQueryString, person: SQLQueryString) -> SQLQueryString {
        switch self {
        case .all: "1 = 1"
        case let .region(id): "\(organisation) IN (\(Self.organisationsIn(region: id)))"
        case let .municipality(id): "\(organisation) IN (\(Self.organisationsIn(municipality: id)))"
        case let .organisations(ids): ids.isEmpty ? "1 = 0" : "\(organisation) IN (\(binds: ids))"
        case let .persons(ids): ids.isEmpty ? "1 = 0" : "\(person) IN (\(binds: ids))"
        }
    }

    /// For a territory (the country, a region, a municipality) the condition on its organisation's row `o`;
    /// nil for a list of organisations or people, which the condition above names directly.
    public func territory(_ o: String) -> SQLQueryString? {
        switch self {
        case .all: "1 = 1"
        case let .region(id): "\(ident: o).municipality_id IN (SELECT mu.id FROM municipalities mu WHERE mu.region_id = \(bind: id))"
        case let .municipality(id): "\(ident: o).municipality_id = \(bind: id)"
        case .organisations, .persons: nil
        }
    }

    /// How many organisations the reach covers (every kind, partners too); none for `persons`.
    public func organisationCount(_ sql: any SQLDatabase) async throws -> Int {
        let q: SQLQueryString
        switch self {
        case .all: q = "SELECT COUNT(*) AS n FROM organisations"
        case let .region(id): q = "SELECT COUNT(*) AS n FROM (\(Self.organisationsIn(region: id))) x"
        case let .municipality(id): q = "SELECT COUNT(*) AS n FROM (\(Self.organisationsIn(municipality: id))) x"
        case let .organisations(ids): return ids.count
        case .persons: return 0
        }
        return try await sql.raw(q).first()?.decode(column: "n", as: Int.self) ?? 0
    }
}

/// The store's list queries run on an SQL database (SQLite or PostgreSQL); anything else is a configuration error.
public struct SQLRequired: Error, CustomStringConvertible {
    public var description: String { "Списки и сводки читаются только из базы данных SQL." }

    public static func sql(_ db: any Database) throws -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase else { throw SQLRequired() }
        return sql
    }
}
