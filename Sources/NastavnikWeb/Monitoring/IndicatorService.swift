import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// A node of the hierarchy the indicators are computed for.
struct MonitoringNode: Content, Equatable {
    enum Level: String, Codable { case country, region, municipality, organisation }
    var level: Level
    /// nil for the country.
    var id: UUID?
    var name: String
    /// Municipalities of the node (every one for the country and a region).
    var municipalityIDs: [UUID]?
    var organisationID: UUID?
    /// The kinds of organisation that make V (`kinds` in the URL, a campaign's own); general-education schools
    /// unless chosen otherwise, as in seed 001.
    var kinds: Set<OrganisationKind> = OrganisationKind.monitoredByDefault

    /// The kinds as the URL carries them.
    var kindsQuery: String { "kinds=\(MonitoredKinds.text(kinds))" }

    var levelLabel: String {
        switch level {
        case .country: "вся страна"
        case .region: "регион"
        case .municipality: "муниципалитет"
        case .organisation: "организация"
        }
    }
}

/// Indicators at a node and a date, with the node's checks: what `GET /indicators` shows.
struct IndicatorReport: Content {
    var node: MonitoringNode
    var date: Day
    var organisations: Int
    var values: [IndicatorValue]
    var flags: [IndicatorFlag]
    /// The federal target for indicator 11 in force on the date, in percent.
    var youngSpecialistsTarget: Double?
}

struct IndicatorRows: Content {
    var indicator: IndicatorValue
    var part: String
    var rows: [IndicatorRow]
}

extension IndicatorValue: Content {}
extension IndicatorRow: Content {}
extension YoungTeacherLine: Content {}
extension IndicatorFlag: Content {}

enum IndicatorService {
    /// The node named by `node` (an organisation, municipality or region id), or the caller's own when absent.
    /// Outside the caller's scope is «not found».
    static func node(_ req: Request) async throws -> MonitoringNode {
        try await node(req, text: req.query[String.self, at: "node"])
    }

    /// The node named by `text` ("country" or an id), the caller's own when it is blank; V made of `kinds`, or
    /// of those the URL names.
    static func node(_ req: Request, text: String?, kinds: Set<OrganisationKind>? = nil) async throws -> MonitoringNode {
        var node = try await located(req, text: text)
        node.kinds = try kinds ?? Self.kinds(req)
        return node
    }

    /// The kinds of organisation the URL names (`kinds=school,preschool`, or `kinds[]=…` from the page's
    /// checkboxes); general-education schools when it names none.
    static func kinds(_ req: Request) throws -> Set<OrganisationKind> {
        try kinds(req.queryList("kinds"))
    }

    static func kinds(_ named: [String]) throws -> Set<OrganisationKind> {
        guard let kinds = MonitoredKinds.parse(named) else {
            let known = OrganisationKind.educational.map { "\($0.rawValue) — \($0.label.lowercased())" }.joined(separator: ", ")
            throw ValidationError("kinds", "Вид организации не распознан. Допустимые виды: \(known).")
        }
        return kinds.isEmpty ? OrganisationKind.monitoredByDefault : kinds
    }

    static func located(_ req: Request, text: String?) async throws -> MonitoringNode {
        let actor = try req.user.actor
        guard AccessPolicy.permits(actor.role, .read, .monitoring) else { throw Abort(.forbidden, reason: "Показатели мониторинга доступны кураторам, руководителям и координаторам.") }
        let notFound = Abort(.notFound, reason: "Узел мониторинга не найден или вне вашей зоны доступа.")
        func found(_ n: MonitoringNode?) throws -> MonitoringNode {
            guard let n else { throw notFound }
            return n
        }
        guard let text = text.nonBlank, text != "country" else {
            switch actor.role.scopeLevel {
            case .country: return try await country(req.db)
            case .region: return try found(try await actor.placement.regionID.asyncMap { try await region(req.db, $0) } ?? nil)
            case .municipality: return try found(try await actor.placement.municipalityID.asyncMap { try await municipality(req.db, $0) } ?? nil)
            default: return try found(try await actor.placement.organisationID.asyncMap { try await organisation(req.db, $0) } ?? nil)
            }
        }
        guard let id = UUID(uuidString: text) else { throw notFound }
        if let org = try await OrganisationRecord.find(id, on: req.db) {
            try await Scope.requireOrganisation(req, org.id!, .read, .monitoring)
            return MonitoringNode(level: .organisation, id: id, name: org.shortName, municipalityIDs: [org.municipalityID], organisationID: id)
        }
        if let mun = try await MunicipalityRecord.find(id, on: req.db) {
            guard AccessPolicy.allows(actor, .read, .monitoring, at: Placement(regionID: mun.regionID, municipalityID: id)) else { throw notFound }
            return MonitoringNode(level: .municipality, id: id, name: mun.name, municipalityIDs: [id])
        }
        if try await RegionRecord.find(id, on: req.db) != nil, actor.role.scopeLevel == .country || (actor.role.scopeLevel == .region && actor.placement.regionID == id) {
            return try await region(req.db, id)!
        }
        throw notFound
    }

    static func country(_ db: any Database) async throws -> MonitoringNode {
        MonitoringNode(level: .country, id: nil, name: "Все регионы", municipalityIDs: nil)
    }

    static func region(_ db: any Database, _ id: UUID) async throws -> MonitoringNode? {
        guard let r = try await RegionRecord.find(id, on: db) else { return nil }
        let muns = try await MunicipalityRecord.query(on: db).filter(\.$regionID == id).all(\.$id)
        return MonitoringNode(level: .region, id: id, name: r.name, municipalityIDs: muns)
    }

    static func municipality(_ db: any Database, _ id: UUID) async throws -> MonitoringNode? {
        guard let m = try await MunicipalityRecord.find(id, on: db) else { return nil }
        return MonitoringNode(level: .municipality, id: id, name: m.name, municipalityIDs: [id])
    }

    static func organisation(_ db: any Database, _ id: UUID) async throws -> MonitoringNode? {
        guard let o = try await OrganisationRecord.find(id, on: db) else { return nil }
        return MonitoringNode(level: .organisation, id: id, name: o.shortName, municipalityIDs: [o.municipalityID], organisationID: id)
    }

    /// The date asked for (`date`, ISO or дд.мм.гггг), else today; a date in the future is refused.
    static func date(_ req: Request) throws -> Day {
        guard let text = req.query[String.self, at: "date"].nonBlank else { return req.today }
        guard let day = Day(text) else { throw ValidationError([FieldIssue.unreadableDate("date", text)].compactMap { $0 }) }
        if let issue = InputRange.issue("date", day) { throw ValidationError([issue]) }
        if day > req.today { throw ValidationError("date", "Дата \(day.russian) ещё не наступила: показатели считаются на прошедшую дату или сегодня.") }
        return day
    }

    /// The educational organisations of the node of its kinds: V.
    static func organisations(_ db: any Database, _ node: MonitoringNode) async throws -> [Organisation] {
        var q = OrganisationRecord.query(on: db).filter(\.$kind ~~ OrganisationKind.educational.filter(node.kinds.contains).map(\.rawValue))
        if let org = node.organisationID { q = q.filter(\.$id == org) } else if let muns = node.municipalityIDs { q = q.filter(\.$municipalityID ~~ muns) }
        return try await q.all().map { try $0.core }
    }

    /// Everything the indicators read at the node, in one query per table.
    static func load(_ db: any Database, _ node: MonitoringNode) async throws -> MonitoringData {
        try await load(db, organisations: try await organisations(db, node))
    }

    /// Everything the indicators read about these organisations: their records, and the places elsewhere of
    /// the people in their pairs (a mentor from a partner enterprise or from another school).
    static func load(_ db: any Database, organisations orgs: [Organisation]) async throws -> MonitoringData {
        let ids = orgs.map(\.id)
        var memberships = try await MentorshipStore.all(MembershipRecord.self, db, \.$organisationID, in: ids)
        let mentorships = try await MentorshipStore.all(MentorshipRecord.self, db, \.$organisationID, in: ids)
        let participants = try await MentorshipStore.all(ParticipantRecord.self, db, \.$mentorshipID, in: mentorships.map(\.id))
        let outside = try await placesElsewhere(db, ofPairsIn: ids)
        memberships += outside
        let partnerIDs = Set(outside.map(\.organisationID))
        let partners = partnerIDs.isEmpty ? [] : try await OrganisationRecord.query(on: db).filter(\.$id ~~ Array(partnerIDs)).all().map { try $0.core }.filter { $0.kind == .partner }
        return MonitoringData(
            organisations: orgs, partners: partners,
            acts: try await MentorshipStore.all(LocalActRecord.self, db, \.$organisationID, in: ids),
            people: try await MentorshipStore.people(db, memberships.map(\.personID) + participants.map(\.personID)),
            memberships: memberships,
            mentorProfiles: try await MentorshipStore.all(MentorProfileRecord.self, db, \.$organisationID, in: ids),
            menteeProfiles: try await MentorshipStore.all(MenteeProfileRecord.self, db, \.$organisationID, in: ids),
            mentorships: mentorships, participants: participants,
            programmes: try await MentorshipStore.all(ProgrammeRecord.self, db, \.$mentorshipID, in: mentorships.map(\.id)),
            publicPages: Dictionary(uniqueKeysWithValues: orgs.compactMap { o in o.mentorshipPageSince.map { (o.id, $0) } }),
            roadmaps: try await RoadmapEventRecord.kept(db, organisations: ids))
    }

    /// Places outside `ids` of the people taking part in the pairs of `ids`.
    static func placesElsewhere(_ db: any Database, ofPairsIn ids: [UUID]) async throws -> [Membership] {
        let inside = Set(ids)
        var out: [UUID: Membership] = [:]
        for part in MentorshipStore.chunks(ids) where !part.isEmpty {
            let places = try await MembershipRecord.query(on: db)
                .join(ParticipantRecord.self, on: \MembershipRecord.$personID == \ParticipantRecord.$personID)
                .join(MentorshipRecord.self, on: \ParticipantRecord.$mentorshipID == \MentorshipRecord.$id)
                .filter(MentorshipRecord.self, \.$organisationID ~~ part)
                .filter(\.$organisationID !~ part)
                .all()
            for m in places where !inside.contains(m.organisationID) { out[m.id!] = m.core }
        }
        return Array(out.values)
    }

    static func evaluator(_ req: Request) async throws -> (MonitoringNode, IndicatorEvaluator) {
        let node = try await node(req)
        let date = try date(req)
        return (node, try await evaluator(req.db, node, on: date))
    }

    /// The node's rows on the date, V made of the node's kinds.
    static func evaluator(_ db: any Database, _ node: MonitoringNode, on date: Day) async throws -> IndicatorEvaluator {
        IndicatorEvaluator(try await load(db, node), on: date, kinds: node.kinds)
    }

    /// Every indicator of the node on the date, from its organisations' aggregates (`IndicatorAggregates`).
    static func report(_ req: Request) async throws -> IndicatorReport {
        try await report(req.db, try await node(req), on: try date(req))
    }

    static func report(_ db: any Database, _ node: MonitoringNode, on date: Day) async throws -> IndicatorReport {
        let totals = try await IndicatorAggregates.totals(db, node, on: date)
        let values = totals.values(kinds: node.kinds)
        return IndicatorReport(node: node, date: date, organisations: totals.organisations, values: values,
                               flags: IndicatorChecks.flags(values, organisations: totals.organisations, data: totals.dataFlags),
                               youngSpecialistsTarget: IndicatorTargets().youngSpecialistsTarget(on: date)?.percent)
    }

    /// Table 1 counted by the database (`IndicatorSQL`), without loading the node: for the country and large
    /// regions. The contradictions between values are checked; those only the rows show are not.
    static func sqlReport(_ req: Request) async throws -> IndicatorReport {
        let node = try await node(req)
        let date = try date(req)
        guard let sql = IndicatorSQL(req.db, organisationID: node.organisationID, municipalityIDs: node.municipalityIDs, kinds: node.kinds, on: date) else {
            throw Abort(.badRequest, reason: "Подсчёт в базе данных недоступен для этого хранилища.")
        }
        let values = try await sql.table()
        let v = values.first { $0.id == "1" }?.denominator ?? 0
        return IndicatorReport(node: node, date: date, organisations: v, values: values, flags: IndicatorChecks.flags(values, organisations: v, data: []),
                               youngSpecialistsTarget: IndicatorTargets().youngSpecialistsTarget(on: date)?.percent)
    }

    /// The rows of one indicator's numerator or denominator.
    static func rows(_ req: Request) async throws -> (MonitoringNode, IndicatorEvaluator, IndicatorRows) {
        guard let def = req.parameters.get("id").flatMap(IndicatorCatalogue.definition) else {
            throw Abort(.notFound, reason: "Такого показателя нет.")
        }
        let part = req.query[String.self, at: "part"] ?? "numerator"
        guard part == "numerator" || part == "denominator" else {
            throw ValidationError("part", "Укажите part=numerator (числитель) или part=denominator (знаменатель).")
        }
        guard let query = part == "numerator" ? def.numerator : def.denominator else {
            throw ValidationError("part", "У показателя «\(def.name)» нет знаменателя: это количество.")
        }
        let (node, e) = try await evaluator(req)
        return (node, e, IndicatorRows(indicator: e.value(def), part: part, rows: e.rows(query)))
    }
}
