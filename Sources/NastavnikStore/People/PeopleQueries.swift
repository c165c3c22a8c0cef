import Fluent
import Foundation
import NastavnikCore
import SQLKit

/// The people list and the scope's summary, counted, filtered, sorted and paged by the database: a request
/// reads one page of people and their places, never the scope's memberships (a municipality has thousands,
/// a region tens of thousands).
public struct PeopleQueries: Sendable {
    let db: any Database
    let sql: any SQLDatabase

    public init(_ db: any Database) throws {
        self.db = db
        sql = try SQLRequired.sql(db)
    }

    /// What the people list filters on.
    public struct Filter: Sendable {
        public var reach: ScopeReach
        public var organisationID: UUID?
        public var role: MembershipRole?
        public var subject: String?
        /// One entry per word of the name search, each the word's spellings to try (LIKE is case-sensitive for
        /// Cyrillic): a person matches when every word is in their last, first or middle name.
        public var names: [[String]]
        /// Only young specialists: pedagogical experience started on or after this day (and by `today`).
        public var youngSince: Day?

        public init(reach: ScopeReach, organisationID: UUID? = nil, role: MembershipRole? = nil, subject: String? = nil, names: [[String]] = [], youngSince: Day? = nil) {
            self.reach = reach
            self.organisationID = organisationID
            self.role = role
            self.subject = subject
            self.names = names
            self.youngSince = youngSince
        }
    }

    /// Places of work or study (`memberships` as `table`) current on the day.
    static func current(_ today: Day, _ table: String = "m") -> SQLQueryString {
        "\(ident: table).start_date <= \(bind: today.iso) AND (\(ident: table).end_date IS NULL OR \(ident: table).end_date >= \(bind: today.iso))"
    }

    /// The places the list shows (`memberships` as `table`): current, in reach, passing the organisation, role and subject filters.
    func places(_ f: Filter, today: Day, _ table: String = "m") -> SQLQueryString {
        let column = { (name: String) -> SQLQueryString in "\(ident: table).\(ident: name)" }
        return "\(Self.current(today, table)) AND \(f.reach.condition(organisation: column("organisation_id"), person: column("person_id")))\(filters(f, table))"
    }

    /// The organisation, role and subject filters on `memberships` as `table`, each as ` AND …`.
    func filters(_ f: Filter, _ table: String) -> SQLQueryString {
        let column = { (name: String) -> SQLQueryString in "\(ident: table).\(ident: name)" }
        var q: SQLQueryString = ""
        if let org = f.organisationID { q = "\(q) AND \(column("organisation_id")) = \(bind: org)" }
        if let role = f.role { q = "\(q) AND \(column("role")) = \(bind: role.rawValue)" }
        if let subject = f.subject { q = "\(q) AND \(column("subjects")) LIKE \(bind: LikePattern.contains(subject)) ESCAPE '\\'" }
        return q
    }

    /// Which people the list shows. In a territory each person, taken in name order from the name index, is checked
    /// through their own places, so a page stops after its rows instead of sorting a municipality's thousands; a
    /// school's (or a person's) few places are listed first and their people looked up.
    func selected(_ f: Filter, today: Day) -> SQLQueryString {
        if let territory = f.reach.territory("o") {
            return "EXISTS (SELECT 1 FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE m.person_id = people.id AND \(Self.current(today)) AND \(territory)\(filters(f, "m")))"
        }
        return "people.id IN (SELECT m.person_id FROM memberships m WHERE \(places(f, today: today)))"
    }

    /// The page of people (by last and first name) with their places that pass the filters, and how many people pass.
    /// A person-scoped caller (`persons`) without a current place still sees themselves, as before.
    public func list(_ f: Filter, today: Day, offset: Int, limit: Int) async throws -> (total: Int, rows: [(Person, [Membership])]) {
        let places = places(f, today: today)
        var selected = selected(f, today: today)
        if case let .persons(ids) = f.reach, !ids.isEmpty {
            let any = try await sql.raw("SELECT COUNT(*) AS n FROM memberships m WHERE \(places)").first()?.decode(column: "n", as: Int.self) ?? 0
            if any == 0 { selected = "people.id IN (\(binds: ids))" }
        }
        var q = PersonRecord.query(on: db).filter(.custom(selected))
        for spellings in f.names where !spellings.isEmpty {
            let like = spellings.map { LikePattern.contains($0) }
            let alternatives = like.flatMap { p -> [SQLQueryString] in
                ["people.last_name LIKE \(bind: p) ESCAPE '\\'", "people.first_name LIKE \(bind: p) ESCAPE '\\'", "people.middle_name LIKE \(bind: p) ESCAPE '\\'"]
            }
            q = q.filter(.custom(SQLQueryString("(\(alternatives.joined(separator: " OR ")))")))
        }
        if let since = f.youngSince {
            q = q.filter(\.$pedagogicalExperienceStart >= since.iso).filter(\.$pedagogicalExperienceStart <= today.iso)
        }
        // Without conditions on the person the number is the places' distinct people, counted from the scope index alone.
        let total = f.names.isEmpty && f.youngSince == nil && !(f.reach.isPersons)
            ? try await sql.raw("SELECT COUNT(DISTINCT m.person_id) AS n FROM memberships m WHERE \(places)").first()?.decode(column: "n", as: Int.self) ?? 0
            : try await q.copy().count()
        let people = try await q.sort(\.$lastName).sort(\.$firstName).sort(\.$id).offset(offset).limit(limit).all().map { try $0.core }
        guard !people.isEmpty else { return (total, []) }
        let memberships = try await MembershipRecord.query(on: db).filter(\.$personID ~~ people.map(\.id))
            .filter(.custom(self.places(f, today: today, MembershipRecord.schema))).all().map { try $0.core }
        let byPerson = Dictionary(grouping: memberships, by: \.personID)
        return (total, people.map { ($0, byPerson[$0.id] ?? []) })
    }

    /// The counts of the home page and `GET /summary` in the reach, on `today`.
    public struct Summary: Sendable, Equatable {
        public var organisations: Int
        public var staff: Int
        public var students: Int
        public var youngSpecialists: Int
        public var mentors: Int
        public var mentees: Int
        public var menteesYoung: Int
        public var peopleWithoutConsent: Int
    }

    /// One statement for the people counts: the scope's current places are read once, through the indexes.
    /// Young specialists are staff whose pedagogical experience started within `youngSince…today`.
    public func summary(_ reach: ScopeReach, today: Day, youngSince: Day) async throws -> Summary {
        let d = today.iso
        let staffRoles = MembershipRole.allCases.filter(\.isStaff).map(\.rawValue)
        let inReach = reach.condition(organisation: "m.organisation_id", person: "m.person_id")
        let bases = { (table: String) -> SQLQueryString in
            "FROM \(ident: table) b WHERE \(reach.condition(organisation: "b.organisation_id", person: "b.person_id"))"
        }
        let young: SQLQueryString = "SELECT p.id FROM people p WHERE p.id IN (SELECT person_id FROM cur WHERE role IN (\(binds: staffRoles))) AND p.pedagogical_experience_start >= \(bind: youngSince.iso) AND p.pedagogical_experience_start <= \(bind: d)"
        let row = try await sql.raw("""
            WITH cur AS (SELECT DISTINCT m.person_id, m.role FROM memberships m WHERE \(Self.current(today)) AND \(inReach))
            SELECT
              (SELECT COUNT(DISTINCT person_id) FROM cur WHERE role IN (\(binds: staffRoles))) AS staff,
              (SELECT COUNT(DISTINCT person_id) FROM cur WHERE role = \(bind: MembershipRole.student.rawValue)) AS students,
              (SELECT COUNT(*) FROM (\(young)) y) AS young,
              (SELECT COUNT(*) \(bases("mentor_profiles"))) AS mentors,
              (SELECT COUNT(*) \(bases("mentee_profiles"))) AS mentees,
              (SELECT COUNT(DISTINCT b.person_id) \(bases("mentee_profiles")) AND b.person_id IN (\(young))) AS mentees_young,
              (SELECT COUNT(*) FROM (SELECT DISTINCT person_id FROM cur WHERE role IN (\(binds: staffRoles + [MembershipRole.student.rawValue]))) x
                 WHERE NOT EXISTS (SELECT 1 FROM consents c WHERE c.person_id = x.person_id AND c.kind = \(bind: ConsentKind.processing.rawValue)
                   AND c.signed_on <= \(bind: d) AND (c.withdrawn_on IS NULL OR c.withdrawn_on > \(bind: d)))) AS without_consent
            """).first()
        let n = { (column: String) throws -> Int in try row?.decode(column: column, as: Int.self) ?? 0 }
        return Summary(
            organisations: try await reach.organisationCount(sql), staff: try n("staff"), students: try n("students"),
            youngSpecialists: try n("young"), mentors: try n("mentors"), mentees: try n("mentees"), menteesYoung: try n("mentees_young"),
            peopleWithoutConsent: try n("without_consent"))
    }
}
