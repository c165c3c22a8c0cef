import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

struct CampaignInput: Content {
    var name: String?
    /// дд.мм.гггг or ISO: the date the indicators are frozen on.
    var date: String?
    var periodStart: String?
    /// The node (organisation, municipality, region id); absent — the caller's own.
    var node: String?
    /// The kinds of organisation that make V (`MonitoredKinds.text`), those of the monitoring page the form is
    /// on; absent — general-education schools.
    var kinds: String?
}

/// Campaigns side by side, with the forecast of indicator 11 from their values.
struct CampaignComparison: Content {
    var campaigns: [MonitoringCampaign]
    var forecast: String?
}

extension MonitoringCampaign: Content {}

enum CampaignService {
    /// Freezes the node's indicators on the campaign's date. Who may: those who write monitoring there.
    static func create(_ req: Request, _ input: CampaignInput) async throws -> MonitoringCampaign {
        let date = input.date.nonBlank.flatMap(Day.init)
        let start = input.periodStart.nonBlank.flatMap(Day.init)
        var issues = CampaignRules.validate(name: input.name, date: date, periodStart: start, today: req.today)
        issues = FieldIssue.withUnreadableDate(issues, "date", input.date)
        issues = FieldIssue.withUnreadableDate(issues, "periodStart", input.periodStart)
        try ValidationError.check(issues)
        let node = try await IndicatorService.node(req, text: input.node, kinds: try IndicatorService.kinds(input.kinds.map { [$0] } ?? []))
        try requireWrite(req, node)
        let report = try await IndicatorService.report(req.db, node, on: date!)
        let campaign = MonitoringCampaign(
            name: input.name.nonBlank!, nodeLevel: node.level.rawValue, nodeID: node.id, nodeName: node.name, date: date!, periodStart: start,
            organisations: report.organisations, kinds: node.kinds, values: report.values, flags: report.flags, createdOn: req.today,
            createdBy: try req.user.fullName)
        try await MonitoringCampaignRecord(campaign).create(on: req.db)
        return campaign
    }

    static func requireWrite(_ req: Request, _ node: MonitoringNode) throws {
        let actor = try req.user.actor
        guard AccessPolicy.permits(actor.role, .write, .monitoring) else {
            throw Abort(.forbidden, reason: "Мониторинговые кампании проводят муниципальный координатор и региональный оператор.")
        }
    }

    /// Campaigns of the node whose V is made of the node's kinds (others count other organisations: neither
    /// their trend nor a forecast mixes with these), newest first.
    static func list(_ req: Request, _ node: MonitoringNode) async throws -> [MonitoringCampaign] {
        var q = MonitoringCampaignRecord.query(on: req.db).filter(\.$nodeLevel == node.level.rawValue)
        q = node.id.map { q.filter(\.$nodeID == $0) } ?? q.filter(\.$nodeID == nil)
        return try await q.all().map(\.core).filter { $0.kinds == node.kinds }.sorted { ($0.date, $0.createdOn) > ($1.date, $1.createdOn) }
    }

    /// A campaign the caller may read: its node must be in their scope (else «not found»).
    static func require(_ req: Request, _ id: UUID) async throws -> MonitoringCampaign {
        guard let c = try await MonitoringCampaignRecord.find(id, on: req.db)?.core else {
            throw Abort(.notFound, reason: "Кампания не найдена или вне вашей зоны доступа.")
        }
        if let node = c.nodeID {
            _ = try await IndicatorService.node(req, text: node.uuidString, kinds: c.kinds)
        } else if try req.user.actor.role.scopeLevel != .country {
            throw Abort(.notFound, reason: "Кампания не найдена или вне вашей зоны доступа.")
        }
        return c
    }

    static func compare(_ req: Request, ids: [UUID]) async throws -> CampaignComparison {
        guard (2...6).contains(ids.count) else { throw ValidationError("ids", "Для сравнения выберите от двух до шести кампаний.") }
        var campaigns: [MonitoringCampaign] = []
        for id in ids { campaigns.append(try await require(req, id)) }
        campaigns.sort { $0.date < $1.date }
        return CampaignComparison(campaigns: campaigns, forecast: forecast(campaigns, today: req.today))
    }

    /// Indicator 11 against the federal target and the young-specialist figures (seed 002) on the target's
    /// deadline, from the campaigns' frozen values and today's (`live`), with the method in words.
    static func forecast(_ campaigns: [MonitoringCampaign], today: Day, live: IndicatorValue? = nil) -> String? {
        let values = campaigns.compactMap { c in c.value("11").map { (c.date, $0) } } + (live.map { [(today, $0)] } ?? [])
        guard let target = IndicatorTargets().youngSpecialistsTarget(on: today), let deadline = Day(year: max(target.year, today.year), month: 12, day: 31) else { return nil }
        let shares = values.compactMap { d, v in v.value.map { (d, $0) } }
        guard let share = Forecast.project(shares, target: target.percent, deadline: deadline) else { return nil }
        let young = Forecast.youngSpecialists(entered: values.map { ($0.0, Double($0.1.numerator)) },
                                              total: values.compactMap { d, v in v.denominator.map { (d, Double($0)) } }, deadline: deadline)
        return [share.russian, young].compactMap { $0 }.joined(separator: " ")
    }
}
