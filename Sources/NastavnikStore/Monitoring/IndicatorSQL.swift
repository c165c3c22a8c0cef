import Fluent
import Foundation
import NastavnikCore
import SQLKit

/// Table 1's queries (`IndicatorQuery`) as SQL counts, for nodes too large to load: the country and big
/// regions. The same definitions as `IndicatorEvaluator`, which stays the reference (and gives the rows);
/// `IndicatorSQLTests` checks that both give the same numbers on SQLite and PostgreSQL.
public struct IndicatorSQL: Sendable {
    let sql: any SQLDatabase
    let date: String
    let yearStart: String
    /// The school year of the date by its first year (roadmaps).
    let schoolYear: Int
    /// The earliest experience start of a young specialist on the date (`Person.youngSpecialistEarliestStart`).
    let youngSince: String
    /// `organisation_id IN (…)`: the node's educational organisations of the kinds that make V.
    let orgs: SQLQueryString
    let kinds: Set<OrganisationKind>

    /// `organisationID` for an organisation node, `municipalityIDs` for a municipality or region; neither for the
    /// country. `kinds`: the kinds of organisation that make V (`IndicatorEvaluator.kinds`).
    public init?(_ db: any Database, organisationID: UUID?, municipalityIDs: [UUID]?, kinds: Set<OrganisationKind>, on day: Day) {
        guard let sql = db as? any SQLDatabase else { return nil }
        self.sql = sql
        date = day.iso
        yearStart = day.schoolYearStart.iso
        schoolYear = RoadmapRules.schoolYear(of: day)
        youngSince = Person.youngSpecialistEarliestStart(on: day).iso
        self.kinds = kinds
        orgs = "SELECT o.id FROM organisations o WHERE \(Self.node(organisationID: organisationID, municipalityIDs: municipalityIDs, kinds: kinds))"
    }

    /// The node's educational organisations of `kinds` as a condition on `organisations o`: the one
    /// organisation, the municipalities' or every one (the country).
    public static func node(organisationID: UUID?, municipalityIDs: [UUID]?, kinds: Set<OrganisationKind>) -> SQLQueryString {
        let educational = OrganisationKind.educational.filter(kinds.contains).map(\.rawValue)
        var condition: SQLQueryString = educational.isEmpty ? "1 = 0" : "o.kind IN (\(binds: educational))"
        if let organisationID { condition = "\(condition) AND o.id = \(bind: organisationID)" }
        if let municipalityIDs { condition = municipalityIDs.isEmpty ? "\(condition) AND 1 = 0" : "\(condition) AND o.municipality_id IN (\(binds: municipalityIDs))" }
        return condition
    }

    func count(_ q: SQLQueryString) async throws -> Int {
        try await sql.raw(q).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    func ids(_ q: SQLQueryString) async throws -> Set<UUID> {
        Set(try await sql.raw(q).all().map { try $0.decode(column: "id", as: UUID.self) })
    }

    // MARK: the sets the indicators are made of

    /// `FROM memberships m WHERE …`: places of pedagogical and managerial work in the node on the date.
    var staffPlaces: SQLQueryString {
        "FROM memberships m WHERE m.role IN ('pedagogical', 'managerial') AND m.organisation_id IN (\(orgs)) AND m.start_date <= \(bind: date) AND (m.end_date IS NULL OR m.end_date >= \(bind: date))"
    }

    var staff: SQLQueryString { "SELECT m.person_id \(staffPlaces)" }

    /// Staff places of young specialists (pedagogical experience of 0 to 3 years on the date).
    var youngPlaces: SQLQueryString {
        "FROM memberships m JOIN people p ON p.id = m.person_id WHERE m.role IN ('pedagogical', 'managerial') AND m.organisation_id IN (\(orgs)) AND m.start_date <= \(bind: date) AND (m.end_date IS NULL OR m.end_date >= \(bind: date)) AND p.pedagogical_experience_start IS NOT NULL AND p.pedagogical_experience_start <= \(bind: date) AND p.pedagogical_experience_start >= \(bind: youngSince)"
    }

    /// Pairs fixed on the date by an order in force (`PairsOrders`: no registry act of the pair's order reference
    /// is cancelled by then), working in the school year.
    var byOrder: SQLQueryString {
        "SELECT t.id FROM mentorships t WHERE t.organisation_id IN (\(orgs)) AND t.order_date IS NOT NULL AND t.order_date <= \(bind: date) AND (t.actual_end IS NULL OR t.actual_end >= \(bind: yearStart)) AND NOT EXISTS (SELECT 1 FROM local_acts a WHERE a.organisation_id = t.organisation_id AND a.kind = \(bind: LocalActKind.pairsOrder.rawValue) AND a.status <> 'draft' AND a.number = t.order_number AND a.date = t.order_date AND a.cancelled_on IS NOT NULL AND a.cancelled_on <= \(bind: date))"
    }

    /// Pairs of pedagogical workers fixed by an order (indicator 8).
    var staffByOrder: SQLQueryString { "\(byOrder) AND t.form IN (\(binds: MentorshipForm.allCases.filter(\.isStaff).map(\.rawValue)))" }

    /// `FROM programmes WHERE …`: approved programmes of the node's pairs (`staff`: of pedagogical workers' pairs
    /// only) running in the school year: their end and their pair's actual end in it or later.
    func approvedProgrammes(staff: Bool) -> SQLQueryString {
        let forms: SQLQueryString = staff ? " AND form IN (\(binds: MentorshipForm.allCases.filter(\.isStaff).map(\.rawValue)))" : ""
        let approved = ProgrammeStatus.allCases.filter(\.isApproved).map(\.rawValue)
        return "FROM programmes WHERE status IN (\(binds: approved)) AND COALESCE(approved_on, start_date) <= \(bind: date) AND end_date >= \(bind: yearStart) AND mentorship_id IN (SELECT id FROM mentorships WHERE organisation_id IN (\(orgs)) AND (actual_end IS NULL OR actual_end >= \(bind: yearStart))\(forms))"
    }

    /// Pairs that entered a programme: fixed by an order in force and with an approved programme (`staff`: of
    /// pedagogical workers only, as indicators 11 and 12 read them; 13 reads every form).
    func entered(staff: Bool) -> SQLQueryString {
        "SELECT id FROM mentorships WHERE id IN (\(staff ? staffByOrder : byOrder)) AND id IN (SELECT mentorship_id \(approvedProgrammes(staff: staff)))"
    }

    func participants(_ role: String, staff: Bool) -> SQLQueryString {
        "SELECT person_id FROM mentorship_participants WHERE role = \(bind: role) AND mentorship_id IN (\(entered(staff: staff))) AND joined_on <= \(bind: date) AND (left_on IS NULL OR left_on >= \(bind: yearStart))"
    }

    func inForce(_ kind: LocalActKind) -> SQLQueryString {
        "SELECT DISTINCT organisation_id AS id FROM local_acts WHERE kind = \(bind: kind.rawValue) AND status <> 'draft' AND date IS NOT NULL AND date <= \(bind: date) AND (cancelled_on IS NULL OR cancelled_on > \(bind: date)) AND organisation_id IN (\(orgs))"
    }

    func base(_ table: String) -> SQLQueryString {
        "SELECT DISTINCT b.organisation_id AS id FROM \(ident: table) b WHERE b.status <> 'left' AND b.entered_on <= \(bind: date) AND b.organisation_id IN (\(orgs)) AND EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = b.person_id AND m.organisation_id = b.organisation_id AND m.start_date <= \(bind: date) AND (m.end_date IS NULL OR m.end_date >= \(bind: date)))"
    }

    /// Indicator 9: the organisations of indicator 8's pairs.
    var pairsOrderOrganisations: SQLQueryString {
        "SELECT DISTINCT organisation_id AS id FROM mentorships WHERE id IN (\(staffByOrder))"
    }

    /// Indicator 5: a roadmap act in force, or a roadmap of the school year made in the module by the date.
    var roadmapOrganisations: SQLQueryString {
        "\(inForce(.roadmap)) UNION SELECT DISTINCT organisation_id AS id FROM roadmap_events WHERE school_year = \(bind: schoolYear) AND (created_on IS NULL OR created_on <= \(bind: date)) AND organisation_id IN (\(orgs))"
    }

    /// Organisations with staff who need a mentor: a young specialist, or a staff mentee in the base.
    var needy: SQLQueryString {
        "SELECT DISTINCT m.organisation_id AS id \(youngPlaces) UNION SELECT DISTINCT b.organisation_id AS id FROM mentee_profiles b WHERE b.status <> 'left' AND b.entered_on <= \(bind: date) AND b.organisation_id IN (\(orgs)) AND EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = b.person_id AND m.organisation_id = b.organisation_id AND m.role IN ('pedagogical', 'managerial') AND m.start_date <= \(bind: date) AND (m.end_date IS NULL OR m.end_date >= \(bind: date)))"
    }

    // MARK: counts

    public func count(_ query: IndicatorQuery) async throws -> Int? {
        switch query {
        case .organisations: return try await count("SELECT COUNT(*) AS n FROM (\(orgs)) o")
        case let .organisationsWithAct(kind): return try await count("SELECT COUNT(*) AS n FROM (\(inForce(kind))) x")
        case .organisationsWithMentorBase: return try await count("SELECT COUNT(*) AS n FROM (\(base("mentor_profiles"))) x")
        case .organisationsWithMenteeBase: return try await count("SELECT COUNT(*) AS n FROM (\(base("mentee_profiles"))) x")
        case .organisationsWithRoadmap: return try await count("SELECT COUNT(*) AS n FROM (\(roadmapOrganisations)) x")
        case .organisationsWithPairsOrder: return try await count("SELECT COUNT(*) AS n FROM (\(pairsOrderOrganisations)) x")
        case .organisationsWithPublicPage:
            return try await count("SELECT COUNT(*) AS n FROM organisations WHERE id IN (\(orgs)) AND mentorship_page_on IS NOT NULL AND mentorship_page_on <= \(bind: date)")
        case .organisationsImplementing:
            let order = try await ids(inForce(.implementationOrder)), regulation = try await ids(inForce(.regulation))
            let pairs = try await ids(pairsOrderOrganisations), needy = try await ids(needy)
            let programmes = try await ids("SELECT DISTINCT organisation_id AS id FROM mentorships WHERE id IN (SELECT mentorship_id \(approvedProgrammes(staff: true)))")
            return order.intersection(regulation).filter { !needy.contains($0) || (pairs.contains($0) && programmes.contains($0)) }.count
        case .mentorshipsByOrder: return try await count("SELECT COUNT(*) AS n FROM (\(byOrder)) x")
        case .staffMentorshipsByOrder: return try await count("SELECT COUNT(*) AS n FROM (\(staffByOrder)) x")
        case let .mentorshipsByOrderOfForm(form): return try await count("SELECT COUNT(*) AS n FROM mentorships WHERE id IN (\(byOrder)) AND form = \(bind: form.rawValue)")
        case .approvedProgrammes: return try await count("SELECT COUNT(*) AS n \(approvedProgrammes(staff: true))")
        case .staff: return try await count("SELECT COUNT(DISTINCT m.person_id) AS n \(staffPlaces)")
        case .youngSpecialists: return try await count("SELECT COUNT(DISTINCT m.person_id) AS n \(youngPlaces)")
        case .youngSpecialistsEntered: return try await count("SELECT COUNT(DISTINCT m.person_id) AS n \(youngPlaces) AND m.person_id IN (\(participants("mentee", staff: true)))")
        case .staffEnteredAsMentors: return try await count("SELECT COUNT(DISTINCT m.person_id) AS n \(staffPlaces) AND m.person_id IN (\(participants("mentor", staff: true)))")
        case .enterprisesInProgrammes:
            return try await count("SELECT COUNT(DISTINCT m.organisation_id) AS n FROM memberships m JOIN organisations o ON o.id = m.organisation_id WHERE o.kind = 'partner' AND m.person_id IN (\(participants("mentor", staff: false))) AND m.start_date <= \(bind: date) AND (m.end_date IS NULL OR m.end_date >= \(bind: date))")
        case .mentorsInBase, .mentorsWithCompetency, .mentorsWithShortExperience, .menteesInBase, .menteesWithRequest:
            return nil
        }
    }

    /// Table 1 (indicators 1–15) at the node and date.
    public func table() async throws -> [IndicatorValue] {
        var values: [IndicatorValue] = []
        for d in IndicatorCatalogue.table {
            let n = try await count(d.numerator) ?? 0
            let v = try await d.denominator.asyncCount(self)
            values.append(IndicatorValue(definition: d, numerator: n, denominator: v, kinds: kinds))
        }
        return values
    }
}

extension Optional where Wrapped == IndicatorQuery {
    func asyncCount(_ sql: IndicatorSQL) async throws -> Int? {
        guard let q = self else { return nil }
        return try await sql.count(q)
    }
}
