import Foundation
import NastavnikCore
import NastavnikOffice
import NastavnikStore
import Vapor

/// The documents of monitoring: the analytical report (DOCX) and every indicator per organisation (XLSX),
/// for a node at a date (live) or for a campaign (its frozen values; the lists computed on its date).
enum ReportService {
    /// The node, the date and the evaluator behind a report: a campaign's when `campaign` is given.
    static func source(_ req: Request) async throws -> (MonitoringNode, IndicatorEvaluator, MonitoringCampaign?) {
        if let text = req.query[String.self, at: "campaign"] {
            guard let id = UUID(uuidString: text) else { throw Abort(.notFound, reason: "Кампания не найдена или вне вашей зоны доступа.") }
            let c = try await CampaignService.require(req, id)
            let node = try await IndicatorService.node(req, text: c.nodeID?.uuidString ?? "country", kinds: c.kinds)
            return (node, try await IndicatorService.evaluator(req.db, node, on: c.date), c)
        }
        let (node, e) = try await IndicatorService.evaluator(req)
        return (node, e, nil)
    }

    static func analytical(_ req: Request) async throws -> Response {
        let (node, e, campaign) = try await source(req)
        let values = campaign?.values ?? e.values()
        let campaigns = try await CampaignService.list(req, node)
        let target = IndicatorTargets().youngSpecialistsTarget(on: e.date)?.percent
        let forecast = CampaignService.forecast(campaigns.filter { $0.date <= e.date }, today: e.date, live: campaign == nil ? values.first { $0.id == "11" } : nil)
        let input = AnalyticalReportInput(
            nodeName: node.name, period: campaign?.period ?? "на \(e.date.russian)", date: e.date, organisations: campaign?.organisations ?? e.data.organisations.count, kinds: e.kinds,
            values: values, flags: campaign?.flags ?? IndicatorChecks.flags(values, e), gaps: e.implementationGaps, forecast: forecast, target: target)
        let data = try AnalyticalReport.build(input).data()
        return req.download(data, name: "Аналитическая справка — \(node.name) — \(e.date.russian).docx", type: .docx)
    }

    /// The annual report of indicators (seed 003: yearly, by 20 January): every indicator on 31 December of
    /// `year` (or today, marked preliminary, while the year runs), as DOCX or, with `format=xlsx`, by organisation.
    static func annual(_ req: Request) async throws -> Response {
        let node = try await IndicatorService.node(req)
        let year = req.query[Int.self, at: "year"] ?? req.today.year - (req.today.month == 12 ? 0 : 1)
        guard (2019...req.today.year).contains(year) else { throw ValidationError("year", "Годовой отчёт составляется за прошедший или текущий год, не позднее \(req.today.year).") }
        let yearEnd = Day.endOfMonth(year: year, month: 12) ?? .last
        let date = min(yearEnd, req.today)
        let e = try await IndicatorService.evaluator(req.db, node, on: date)
        let preliminary = date < yearEnd ? " (предварительно, на \(date.russian))" : ""
        let name = "Годовой отчёт о показателях наставничества за \(year) год — \(node.name)"
        if req.query[String.self, at: "format"] == "xlsx" { return try perOrganisation(req, node: node, e: e, values: e.values(), name: name) }
        let values = e.values()
        let campaigns = try await CampaignService.list(req, node)
        let input = AnalyticalReportInput(
            nodeName: node.name, period: "за \(year) год", date: date, organisations: e.data.organisations.count, kinds: e.kinds, values: values, flags: IndicatorChecks.flags(values, e),
            gaps: e.implementationGaps, forecast: CampaignService.forecast(campaigns.filter { $0.date <= date }, today: date, live: values.first { $0.id == "11" }),
            target: IndicatorTargets().youngSpecialistsTarget(on: date)?.percent,
            heading: "ГОДОВОЙ ОТЧЁТ\nо значениях показателей внедрения целевой модели наставничества за \(year) год\(preliminary)",
            purpose: "Отчёт составлен по данным системы «Наставник» на \(date.russian) и представляется до 20 января \(year + 1) года: количество участников программ наставничества и показатели эффективности внедрения целевой модели наставничества.")
        return req.download(try AnalyticalReport.build(input).data(), name: name + ".docx", type: .docx)
    }

    /// The quarterly roadmap report of the node: `year`, `quarter` (default: the last finished quarter),
    /// `format=xlsx` or DOCX.
    static func roadmapQuarter(_ req: Request) async throws -> Response {
        let node = try await IndicatorService.node(req)
        let today = req.today
        let due = RoadmapRules.reportQuarter(on: today)
        let year = try InputRange.year("year", req.query[Int.self, at: "year"], fallback: due.year)
        let quarter = try InputRange.checked("quarter", req.query[Int.self, at: "quarter"], in: 1...4, what: "Квартал", fallback: due.quarter)
        let orgs = try await IndicatorService.organisations(req.db, node)
        let events = try await MentorshipStore.all(RoadmapEventRecord.self, req.db, \.$organisationID, in: orgs.map(\.id))
        guard let report = RoadmapQuarterReport.make(nodeName: node.name, organisations: orgs, events: events, year: year, quarter: quarter, asOf: today) else {
            throw ValidationError("quarter", "Квартал — число от 1 до 4.")
        }
        let name = "Дорожные карты — \(quarter) квартал \(year)\(report.isPreliminary ? " (предварительно)" : "") — \(node.name)"
        if req.query[String.self, at: "format"] == "xlsx" {
            let summary = XLSXSheet(name: "Сводка", headers: ["Организация", "Мероприятий в квартале", "Выполнено", "Не выполнено в срок", "Срок не наступил"], rows: report.lines.map { l in
                [.text(l.organisation.shortName)] + (l.events == nil ? [.text("нет дорожной карты"), .empty, .empty, .empty] : [.integer(l.due), .integer(l.done), .integer(l.overdue.count), .integer(l.pending)])
            }, columnWidths: [32, 22, 12, 18, 16])
            let detail = XLSXSheet(name: "Мероприятия", headers: ["Организация", "№", "Мероприятие", "Срок", "Ответственный", "Статус", "Выполнено", "Подтверждение"],
                                   rows: report.lines.flatMap { l in (l.events ?? []).map { e in
                                       [.text(l.organisation.shortName), .integer(e.number), .text(e.title), .date(year: e.deadline.year, month: e.deadline.month, day: e.deadline.day),
                                        .text(e.responsible), .text(e.status.label), e.doneOn.map { .date(year: $0.year, month: $0.month, day: $0.day) } ?? .empty, .text(e.evidence ?? "")]
                                   } }, columnWidths: [28, 5, 60, 12, 30, 14, 12, 40])
            return req.download(try XLSXWriter.data([summary, detail]), name: name + ".xlsx", type: .xlsx)
        }
        return req.download(try report.document.data(), name: name + ".docx", type: .docx)
    }

    static func perOrganisation(_ req: Request) async throws -> Response {
        let (node, e, campaign) = try await source(req)
        return try perOrganisation(req, node: node, e: e, values: campaign?.values ?? e.values(), name: "Показатели по организациям — \(node.name) — \(e.date.russian)")
    }

    static func perOrganisation(_ req: Request, node: MonitoringNode, e: IndicatorEvaluator, values: [IndicatorValue], name: String) throws -> Response {
        let defs = IndicatorCatalogue.table
        let summary = XLSXSheet(name: "Показатели", headers: ["№", "Показатель", "Методика расчёта", "Числитель", "Знаменатель", "Значение, %/кол-во"], rows: values.map { v in
            [v.number.map { .integer($0) } ?? .empty, .text(v.name), .text(v.formula), .integer(v.numerator), v.denominator.map { .integer($0) } ?? .empty, v.value.map { .number(($0 * 10).rounded() / 10) } ?? .empty]
        }, columnWidths: [5, 60, 60, 12, 12, 14])
        let rows: [[XLSXCell]] = e.perOrganisation(defs).map { org, vs in
            [.text(org.shortName)] + vs.map { v in v.kind == .count ? .integer(v.numerator) : (v.value.map { .number(($0 * 10).rounded() / 10) } ?? .empty) }
        }
        let byOrg = XLSXSheet(name: "По организациям", headers: ["Организация"] + defs.map { "\($0.number!). \($0.name)" }, rows: rows,
                              columnWidths: [28] + defs.map { _ in 14 })
        let gaps = XLSXSheet(name: "Не реализуют систему", headers: ["Организация", "Чего не хватает"],
                             rows: e.implementationGaps.map { [.text($0.organisation), .text($0.missing.joined(separator: "; "))] }, columnWidths: [30, 90])
        let data = try XLSXWriter.data([summary, byOrg, gaps])
        return req.download(data, name: name + ".xlsx", type: .xlsx)
    }
}
