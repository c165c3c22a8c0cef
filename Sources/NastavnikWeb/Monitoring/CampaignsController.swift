import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// Monitoring campaigns: freeze a node's indicators at a date, read one, compare several.
struct CampaignsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("indicators", "campaigns", use: create)
        routes.get("indicators", "campaigns", "compare", use: compare)
        routes.get("indicators", "campaigns", ":id", use: show)
    }

    /// The indicators whose values the campaign lists show in their short form.
    static let headline = ["1", "2", "9", "11", "12", "15"]

    @Sendable func create(req: Request) async throws -> Response {
        let input = try req.content.decode(CampaignInput.self)
        do {
            let c = try await CampaignService.create(req, input)
            return req.done("/indicators/campaigns/\(c.id)", "Кампания «\(c.name)» зафиксирована: \(c.values.count) показателей на \(c.date.russian).")
        } catch let v as ValidationError {
            // The form again with what was typed and each problem next to its field (it once redirected to the
            // monitoring page with the problem in the green success message and the input lost).
            let back = "/indicators?node=\(input.node ?? "")&kinds=\(input.kinds ?? "")"
            let html = Layout.page(try req.page(), title: "Новая мониторинговая кампания", breadcrumbs: [("Мониторинг", back)]) {
                Self.form(req, node: input.node ?? "country", input, issues: v.issues, cancel: back)
            }
            return req.html(html, status: .unprocessableEntity)
        }
    }

    @Sendable func show(req: Request) async throws -> Response {
        let c = try await CampaignService.require(req, try req.uuid("id"))
        let documents = [link("/indicators/report.docx?campaign=\(c.id)", "Аналитическая справка (DOCX)", class: "btn primary"), link("/indicators/organisations.xlsx?campaign=\(c.id)", "По организациям (XLSX)", class: "btn")]
        let page = "/indicators?node=\(c.nodeID?.uuidString ?? "country")&kinds=\(MonitoredKinds.text(c.kinds))"
        let html = Layout.page(try req.page(), title: "Кампания «\(c.name)»", breadcrumbs: [("Мониторинг", page)], actions: documents) {
            Layout.facts([("Узел", c.nodeName), ("Период сбора", c.period), ("Организаций в расчёте (V)", "\(c.organisations)"),
                          ("В V входят", MonitoredKinds.russian(c.kinds)), ("Зафиксировал", "\(c.createdBy), \(c.createdOn.russian)")])
            el("p", ["class": "muted"]) { "Значения зафиксированы на дату кампании и не меняются при последующих изменениях данных; текущие значения и строки за ними — на странице мониторинга." }
            if !c.flags.isEmpty {
                el("div", ["class": "alert error", "role": "status"]) {
                    el("strong") { "Противоречия на дату кампании" }
                    el("ul") { c.flags.map { f in el("li") { f.message } } }
                }
            }
            IndicatorsController.groups(c.values).map { group, values in
                Layout.section(group) { IndicatorsController.table(values, query: nil, target: nil) }
            }
        }
        return req.html(html)
    }

    @Sendable func compare(req: Request) async throws -> Response {
        let ids = Self.ids(req)
        let result = try await CampaignService.compare(req, ids: ids)
        let cs = result.campaigns
        let html = Layout.page(try req.page(), title: "Сравнение кампаний", breadcrumbs: [("Мониторинг", "/indicators?node=\(cs.first?.nodeID?.uuidString ?? "country")")]) {
            if let f = result.forecast { el("p", ["class": "alert ok"]) { el("strong") { "Прогноз по показателю 11. " }; f } }
            IndicatorsController.groups(cs.last?.values ?? []).map { group, values in
                Layout.section(group) {
                    Layout.table(["№", "Показатель"] + cs.map { "\($0.name) (\($0.date.russian))" } + ["Изменение"], values.map { v in
                        let cells = cs.map { $0.value(v.id) }
                        return [.text(v.number.map(String.init) ?? ""), .text(v.name)] + cells.map { .text($0?.russian ?? "—") } + [.text(Self.change(cells.first ?? nil, cells.last ?? nil))]
                    })
                }
            }
        }
        return req.html(html)
    }

    /// `ids=a&ids=b` or `ids=a,b`.
    static func ids(_ req: Request) -> [UUID] {
        req.queryList("ids").compactMap { UUID(uuidString: $0) }
    }

    /// «+4,2 п. п.» for shares, «+12» for counts, between the first and the last campaign.
    static func change(_ a: IndicatorValue?, _ b: IndicatorValue?) -> String {
        guard let x = a?.value, let y = b?.value, let kind = b?.kind else { return "—" }
        let d = y - x
        let sign = d > 0 ? "+" : d < 0 ? "−" : ""
        if kind == .count { return sign + "\(Int(abs(d).rounded()))" }
        return sign + RussianNumber.points(abs(d))
    }

    /// The campaigns block of the monitoring page: the list with compare checkboxes, the forecast, and the
    /// form that freezes a new campaign for those who may.
    static func section(_ req: Request, node: MonitoringNode, campaigns: [MonitoringCampaign], forecast: String?, canWrite: Bool) -> Node {
        Layout.section("Мониторинговые кампании") {
            if let forecast {
                el("p") { el("strong") { "Прогноз по показателю 11. " }; forecast }
                // What to do about a missing forecast is the page's to say, not the report's.
                if campaigns.count < 2, !forecast.contains("Метод прогноза") {
                    el("p", ["class": "muted"]) { "Чтобы появился прогноз, зафиксируйте мониторинговую кампанию: каждая даёт значения на свою дату." }
                }
            }
            if campaigns.isEmpty {
                el("p", ["class": "muted"]) { "Кампаний для этого узла ещё нет. Кампания фиксирует все показатели на дату, чтобы отчёт не менялся вместе с данными." }
            } else {
                el("form", ["method": "get", "action": "/indicators/campaigns/compare"]) {
                    Layout.table(["", "Кампания", "Период"] + headline.map { "Пок. \($0)" }, campaigns.map { c in
                        [void("input", ["type": "checkbox", "name": "ids", "value": c.id.uuidString, "aria-label": "Сравнить «\(c.name)»"]),
                         link("/indicators/campaigns/\(c.id)", c.name), .text(c.period)] + headline.map { .text(c.value($0)?.russian ?? "—") }
                    })
                    el("button", ["type": "submit", "class": "btn"]) { "Сравнить отмеченные" }
                }
            }
            if canWrite {
                el("h3") { "Новая кампания" }
                el("p", ["class": "muted"]) { "В V кампании войдут те же виды организаций, что выбраны на этой странице: \(MonitoredKinds.russian(node.kinds))." }
                form(req, node: node.id?.uuidString ?? "country", CampaignInput(kinds: MonitoredKinds.text(node.kinds)), idSuffix: "-campaign")
            }
        }
    }

    /// The new campaign's form, on the monitoring page and again with the input when it is refused.
    static func form(_ req: Request, node: String, _ input: CampaignInput, issues: [FieldIssue] = [], cancel: String? = nil, idSuffix: String = "") -> Node {
        Forms.form(action: "/indicators/campaigns", csrf: req.csrfToken, fields: [
            FormField("node", "", .hidden, value: node),
            FormField("kinds", "", .hidden, value: input.kinds),
            FormField("name", "Название кампании", value: input.name, required: true, hint: "например «Мониторинг внедрения целевой модели, апрель 2027»"),
            FormField("periodStart", "Начало сбора данных", .date, value: input.periodStart),
            FormField("date", "Дата, на которую фиксируются показатели", .date, value: input.date ?? req.today.russian, required: true),
        ], issues: issues, submit: "Зафиксировать показатели", cancel: cancel, idSuffix: idSuffix)
    }
}
