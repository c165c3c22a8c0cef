import Fluent
import Foundation
import NastavnikCore
import SQLKit

/// One entry of a base list: the profile, its person and organisation, and the person's current place there.
public struct BaseEntry<Profile: Sendable>: Sendable {
    public var profile: Profile
    public var person: Person
    public var organisation: Organisation
    public var membership: Membership?
}

/// The two bases' lists, filtered, sorted by name and paged by the database: a request reads one page of
/// profiles and then only that page's people, organisations and places.
public enum BaseQueries {
    /// Conditions on a base table `R` (`mentor_profiles`, `mentee_profiles`) for `QueryBuilder.filter(.custom(…))`.
    public struct Conditions<R: CoreMapped> {
        let table: SQLQueryString

        public init(_ type: R.Type = R.self) {
            table = "\(ident: R.schema)"
        }

        func column(_ name: String) -> SQLQueryString { "\(table).\(ident: name)" }

        public func reach(_ reach: ScopeReach) -> DatabaseQuery.Filter {
            .custom(reach.condition(organisation: column("organisation_id"), person: column("person_id")))
        }

        /// The person's full name («Фамилия Имя Отчество») contains one of the spellings.
        public func name(_ spellings: [String]) -> DatabaseQuery.Filter {
            let full: SQLQueryString = "(p.last_name || ' ' || p.first_name || COALESCE(' ' || p.middle_name, ''))"
            let like = spellings.map { s -> SQLQueryString in "\(full) LIKE \(bind: LikePattern.contains(s)) ESCAPE '\\'" }
            return .custom(SQLQueryString("EXISTS (SELECT 1 FROM people p WHERE p.id = \(column("person_id")) AND (\(like.joined(separator: " OR "))))"))
        }

        /// The person's current place in the profile's organisation teaches a subject containing one of the spellings.
        public func subject(_ spellings: [String], today: Day) -> DatabaseQuery.Filter {
            let like = spellings.map { s -> SQLQueryString in "m.subjects LIKE \(bind: LikePattern.contains(s)) ESCAPE '\\'" }
            return .custom(SQLQueryString("EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = \(column("person_id")) AND m.organisation_id = \(column("organisation_id")) AND \(PeopleQueries.current(today)) AND (\(like.joined(separator: " OR "))))"))
        }

        /// The person is (or, `false`, is not) a young specialist: pedagogical experience since `since`, by `today`.
        public func young(_ young: Bool, since: Day, today: Day) -> DatabaseQuery.Filter {
            let condition: SQLQueryString = "EXISTS (SELECT 1 FROM people p WHERE p.id = \(column("person_id")) AND p.pedagogical_experience_start >= \(bind: since.iso) AND p.pedagogical_experience_start <= \(bind: today.iso))"
            return .custom(young ? condition : SQLQueryString("NOT \(condition)"))
        }

        /// A comma-separated set column (`LabelledSet`) holds `value`.
        public func holds(_ name: String, _ value: String) -> DatabaseQuery.Filter {
            .custom(SQLQueryString("(',' || \(column(name)) || ',') LIKE \(bind: "%," + LikePattern.escaped(value) + ",%") ESCAPE '\\'"))
        }

        /// By the person's last and first name, then the entry.
        var byName: [DatabaseQuery.Sort] {
            ["last_name", "first_name"].map { f in .custom(SQLQueryString("(SELECT p.\(ident: f) FROM people p WHERE p.id = \(column("person_id")))")) }
        }
    }

    /// `limit` entries from `offset` of the filtered query, by name, and how many pass; nil `limit`: every one (exports).
    public static func page<R: CoreMapped>(_ query: QueryBuilder<R>, person: KeyPath<R, FieldProperty<R, UUID>>, organisation: KeyPath<R, FieldProperty<R, UUID>>,
                                           today: Day, offset: Int, limit: Int?) async throws -> (total: Int, rows: [BaseEntry<R.Core>]) {
        let total = try await query.copy().count()
        var q = query
        for s in Conditions<R>().byName { q = q.sort(s) }
        q = q.sort(\._$id)
        // SQLite takes OFFSET only after a LIMIT: an export (no limit) reads from the first row.
        if let limit { q = q.offset(offset).limit(limit) }
        let records = try await q.all()
        guard !records.isEmpty else { return (total, []) }
        let db = query.database
        let personIDs = records.map { $0[keyPath: person].wrappedValue }
        let orgIDs = Array(Set(records.map { $0[keyPath: organisation].wrappedValue }))
        let people = Dictionary(try await PersonRecord.query(on: db).filter(\.$id ~~ personIDs).all().map { p -> (UUID, Person) in let core = try p.core; return (core.id, core) }, uniquingKeysWith: { a, _ in a })
        let orgs = Dictionary(try await OrganisationRecord.query(on: db).filter(\.$id ~~ orgIDs).all().map { o -> (UUID, Organisation) in let core = try o.core; return (core.id, core) }, uniquingKeysWith: { a, _ in a })
        let places = Dictionary(grouping: try await MembershipRecord.query(on: db).filter(\.$personID ~~ personIDs)
            .filter(.custom(PeopleQueries.current(today, MembershipRecord.schema))).all().map { try $0.core }, by: \.personID)
        return (total, try records.compactMap { r in
            let pid = r[keyPath: person].wrappedValue, oid = r[keyPath: organisation].wrappedValue
            guard let p = people[pid], let o = orgs[oid] else { return nil }
            return BaseEntry(profile: try r.core, person: p, organisation: o, membership: places[pid]?.first { $0.organisationID == oid })
        })
    }
}
