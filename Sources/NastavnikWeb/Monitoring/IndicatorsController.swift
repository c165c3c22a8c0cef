import Fluent
import Foundation
import NastavnikCore
import NastavnikOffice
import NastavnikStore
import Vapor

/// Monitoring pages: every indicator of a node at a date, and the rows behind each value.
struct IndicatorsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("indicators", use: index)
        routes.get("indicators", "report.docx", use: { try await ReportService.analytical($0) })
        routes.get("indicators", "organisations.xlsx", use: { try await ReportService.perOrganisation($0) })
        routes.get("indicators", "young-teachers", use: youngTeachers)
        routes.get("indicators", "roadmap-report", use: { try await ReportService.roadmapQuarter($0) })
        routes.get("indicators", "annual-report", use: { try await ReportService.annual($0) })
        routes.get("indicators", ":id", use: rows)
    }

    /// The node, its kinds and the date as query text, for links that keep them.
    static func query(_ node: MonitoringNode, _ date: Day) -> String {
        (node.id.map { "node=\($0)&" } ?? "node=country&") + "date=\(date.iso)&\(node.kindsQuery)"
    }

    @Sendable func index(req: Request) async throws -> Response {
        let node = try await IndicatorService.node(req)
        let date = try IndicatorService.date(req)
        if req.query[String.self, at: "format"] != nil {
            let report = try await IndicatorService.report(req.db, node, on: date)
            return try req.export(CSVTable(headers: ["№", "Группа", "Показатель", "Методика расчёта", "Числитель", "Знаменатель", "Значение"], rows: report.values.map { v in
                [v.number.map(String.init) ?? "", v.group, v.name, v.formula, "\(v.numerator)", v.denominator.map(String.init) ?? "", v.russian]
            }), name: "Показатели — \(report.node.name) — \(report.date.russian)")
        }
        // Rendered once per role, scope, node and date until the next write (`DashboardCache`).
        let actor = try req.user.actor
        let cache = req.application.dashboardCache
        let key = "\(actor.role.rawValue)|\(actor.placement)|\(node.id?.uuidString ?? "country")|\(node.kindsQuery)|\(date.iso)|\(req.today.iso)"
        let entry: DashboardCache.Entry
        if let hit = cache.entry(key) {
            entry = hit
        } else {
            entry = try await dashboard(req, node, date, epoch: cache.epoch)
            cache.store(key, entry)
        }
        let csrf = req.csrfToken
        let content = entry.csrf == csrf ? entry.content : entry.content.replacingOccurrences(of: entry.csrf, with: csrf)
        return req.html(Layout.page(try req.page(), title: entry.title, actions: [.raw(entry.actions)]) { Node.raw(content) })
    }

    /// The dashboard's title, actions and body, rendered.
    func dashboard(_ req: Request, _ node: MonitoringNode, _ date: Day, epoch: Int) async throws -> DashboardCache.Entry {
        let report = try await IndicatorService.report(req.db, node, on: date)
        let q = Self.query(report.node, report.date)
        let nodes = try await Self.choices(req, report.node)
        let campaigns = try await CampaignService.list(req, report.node)
        let forecast = CampaignService.forecast(campaigns, today: req.today, live: report.date == req.today ? report.values.first { $0.id == "11" } : nil)
        let canWrite = AccessPolicy.permits(try req.user.actor.role, .write, .monitoring)
        // The node's organisations are counted and named by the database, never loaded: a region has hundreds.
        let names = report.organisations > 1 ? try await Self.rollup(req.db, node, by: .organisation).groups() : []
        let byOrganisation = names.isEmpty ? [:] : try await IndicatorAggregates.perOrganisation(req.db, node, on: report.date, [Self.youngEntered])
        let year = RoadmapRules.schoolYear(of: report.date)
        let roadmaps = try await Self.rollup(req.db, node, by: Self.listedBy(node.level)).roadmaps(year: year, on: report.date)
        let documents = [link("/indicators/report.docx?\(q)", "Аналитическая справка (DOCX)", class: "btn primary"), link("/indicators/organisations.xlsx?\(q)", "По организациям (XLSX)", class: "btn"),
                         link("/indicators/annual-report?node=\(node.id?.uuidString ?? "country")&\(node.kindsQuery)", "Годовой отчёт (DOCX)", class: "btn"),
                         link("/indicators/young-teachers?\(q)", "Молодые педагоги по округам и предметам", class: "btn")]
        let content = fragment {
            Forms.filters(action: "/indicators", fields: [
                FormField("node", "Уровень", .select(nodes, blank: nil), value: report.node.id?.uuidString ?? "country"),
                FormField("date", "На дату", .date, value: report.date.russian),
                FormField("kinds", "Виды организаций в расчёте (V)", .checkboxes(OrganisationKind.educational.map { ($0.rawValue, $0.label) }),
                          values: OrganisationKind.educational.filter(node.kinds.contains).map(\.rawValue)),
            ])
            el("p", ["class": "muted"]) {
                "\(RussianPlural.form(report.organisations, "Образовательная организация", "Образовательные организации", "Образовательных организаций")) в расчёте (V): \(report.organisations) — \(MonitoredKinds.russian(node.kinds)). Показатели считаются по данным системы на \(report.date.russian); каждое значение — ссылка на строки, из которых оно сложилось."
            }
            if !report.flags.isEmpty {
                el("div", ["class": "alert error", "role": "status"]) {
                    el("strong") { "Противоречия в данных" }
                    el("ul") { report.flags.map { f in el("li") { f.message } } }
                }
            }
            Self.charts(report, names, byOrganisation, campaigns: campaigns, query: q)
            Self.groups(report.values).map { group, values in
                Layout.section(group) {
                    Self.table(values, query: q, target: group == IndicatorCatalogue.table1 ? report.youngSpecialistsTarget : nil)
                }
            }
            Self.roadmaps(roadmaps, by: Self.listedBy(node.level), date: report.date, year: year, node: report.node)
            CampaignsController.section(req, node: report.node, campaigns: campaigns, forecast: forecast, canWrite: canWrite)
        }
        return DashboardCache.Entry(epoch: epoch, stored: Date(), title: "Мониторинг: \(report.node.name)",
                                    actions: Node.fragment(documents + req.exportLinks).render(), content: content.render(), csrf: req.csrfToken)
    }

    @Sendable func rows(req: Request) async throws -> Response {
        let (node, e, result) = try await IndicatorService.rows(req)
        let v = result.indicator
        let part = result.part == "numerator" ? "числитель" : "знаменатель"
        if req.query[String.self, at: "format"] != nil {
            return try req.export(CSVTable(headers: ["Организация", "Наименование / ФИО", "Сведения"], rows: result.rows.map { [$0.organisation ?? "", $0.title, $0.detail ?? ""] }),
                                  name: "Показатель \(v.id) — \(part) — \(node.name)")
        }
        let q = Self.query(node, e.date)
        let other = result.part == "numerator" ? (v.denominator != nil ? ("denominator", "Знаменатель") : nil) : ("numerator", "Числитель")
        let html = Layout.page(try req.page(), title: "\(Self.label(v)): \(part)", breadcrumbs: [("Мониторинг", "/indicators?\(q)")],
                               actions: (other.map { [link("/indicators/\(v.id)?\(q)&part=\($0.0)", $0.1, class: "btn")] } ?? []) + req.exportLinks) {
            Layout.facts([("Показатель", v.name), ("Методика расчёта", v.formula), ("Узел", "\(node.name) (\(node.levelLabel))"), ("На дату", e.date.russian),
                          ("Значение", v.russian + (v.denominator.map { " (\(v.numerator) из \($0))" } ?? "")), ("Примечание", v.note)])
            Layout.table(["№", "Организация", "Наименование / ФИО", "Сведения"], result.rows.enumerated().map { i, r in
                [.text("\(i + 1)"), .text(r.organisation ?? "—"), Self.rowLink(r), .text(r.detail ?? "")]
            }, empty: "Строк нет: \(part) равен нулю.")
        }
        return req.html(html)
    }

    /// Seed 002's collection: young teachers by district and subject area, with mentors and categories.
    @Sendable func youngTeachers(req: Request) async throws -> Response {
        let (node, lines, date) = try await Self.youngTeacherLines(req)
        let headers = ["Округ (муниципалитет)", "Предметная область", "Молодых педагогов", "Педагогов-наставников", "Молодых педагогов с наставником", "из них с категорией", "Доля с наставником"]
        let total = YoungTeacherLine(municipalityID: UUID(), municipality: "Итого", area: .other, young: lines.map(\.young).reduce(0, +), mentors: lines.map(\.mentors).reduce(0, +),
                                     youngWithMentor: lines.map(\.youngWithMentor).reduce(0, +), youngWithCategoryAndMentor: lines.map(\.youngWithCategoryAndMentor).reduce(0, +))
        func cells(_ l: YoungTeacherLine, area: String) -> [String] {
            [l.municipality, area, "\(l.young)", "\(l.mentors)", "\(l.youngWithMentor)", "\(l.youngWithCategoryAndMentor)",
             l.young == 0 ? "—" : RussianNumber.percent(Double(l.youngWithMentor) * 100 / Double(l.young))]
        }
        let rows = lines.map { cells($0, area: $0.area.label) } + [cells(total, area: "все")]
        if req.query[String.self, at: "format"] != nil {
            return try req.export(CSVTable(headers: headers, rows: rows), name: "Молодые педагоги — \(node.name) — \(date.russian)")
        }
        let html = Layout.page(try req.page(), title: "Молодые педагоги по округам и предметным областям", breadcrumbs: [("Мониторинг", "/indicators?\(Self.query(node, date))")], actions: req.exportLinks) {
            el("p", ["class": "muted"]) { "\(node.name), на \(date.russian). Молодой педагог — стаж от 0 до 3 лет; «с наставником» — наставляемый действующей пары (группы) на эту дату; категория — первая, высшая, «педагог-методист» или «педагог-наставник»." }
            Layout.table(headers, rows.map { $0.map { Node.text($0) } }, empty: "Молодых педагогов и наставников нет.")
        }
        return req.html(html)
    }

    static func youngTeacherLines(_ req: Request) async throws -> (MonitoringNode, [YoungTeacherLine], Day) {
        let (node, e) = try await IndicatorService.evaluator(req)
        let muns = try await MunicipalityRecord.query(on: req.db).filter(\.$id ~~ Array(Set(e.data.organisations.map(\.municipalityID)))).all()
        return (node, e.youngTeachers(municipalities: Dictionary(uniqueKeysWithValues: muns.map { ($0.id!, $0.name) })), e.date)
    }

    // MARK: parts

    /// The dashboard: Table 1's shares, indicator 11 by organisation against the target, the trend over
    /// campaigns, the mentees' requests and the mentors' competencies.
    static func charts(_ report: IndicatorReport, _ orgs: [NodeRollup.Group], _ byOrganisation: [UUID: IndicatorTotals], campaigns: [MonitoringCampaign], query q: String) -> Node {
        let shares = report.values.filter { $0.number != nil && $0.kind == .share }
        let bar = { (v: IndicatorValue, label: String) in
            Charts.Bar(label: label, value: v.value ?? 0, text: v.russian, href: "/indicators/\(v.id)?\(q)&part=numerator")
        }
        var parts: [Node] = [Charts.bars("Показатели таблицы 1, %", shares.map { bar($0, "\($0.number!). " + (Self.shortNames[$0.id] ?? $0.name)) })]
        if orgs.count > 1 {
            let target = report.youngSpecialistsTarget
            let byOrg = orgs.compactMap { o in byOrganisation[o.id].flatMap { t in let v = t.value(youngEntered, kinds: report.node.kinds); return v.value.map { (o, v, $0) } } }
                .sortedByName(\.0.name).sorted { $0.2 > $1.2 }  // by share, then by name (the sort is stable)
            let orgBar = { (o: NodeRollup.Group, v: IndicatorValue, _: Double) in
                Charts.Bar(label: o.name, value: v.value ?? 0, text: "\(v.russian) (\(v.numerator) из \(v.denominator ?? 0))", href: "/indicators?node=\(o.id)&date=\(report.date.iso)&\(report.node.kindsQuery)")
            }
            let targetLabel = target.map { "ориентир \(RussianNumber.percent($0))" }
            let n = min(10, byOrg.count / 2)
            if n > 0 {
                parts.append(Charts.bars("Показатель 11: \(RussianPlural.count(n, .organisations)) с наибольшей долей из \(byOrg.count), где есть молодые специалисты", byOrg.prefix(n).map(orgBar), target: target, targetLabel: targetLabel))
                parts.append(Charts.bars("Показатель 11: \(RussianPlural.count(n, .organisations)) с наименьшей долей (все — в XLSX «По организациям»)", byOrg.suffix(n).map(orgBar), target: target, targetLabel: targetLabel))
            }
        }
        let tracked = ["1", "9", "11", "15"]
        let series = tracked.compactMap { id -> (name: String, points: [(Day, Double)])? in
            let points = campaigns.compactMap { c in c.value(id)?.value.map { (c.date, $0) } } + (report.values.first { $0.id == id }?.value.map { [(report.date, $0)] } ?? [])
            return points.count >= 2 ? ("Пок. \(id)", points) : nil
        }
        if !series.isEmpty { parts.append(Charts.trend("Динамика по кампаниям и на \(report.date.russian), %", series)) }
        let requests = report.values.filter { $0.id.hasPrefix("request-") && $0.numerator > 0 }.sorted { ($0.value ?? 0) > ($1.value ?? 0) }
        if !requests.isEmpty { parts.append(Charts.bars("Основные запросы наставляемых, % наставляемых базы", requests.map { bar($0, Self.quoted($0.name)) })) }
        let competencies = report.values.filter { $0.id.hasPrefix("competency-") }
        if competencies.contains(where: { $0.numerator > 0 }) {
            parts.append(Charts.bars("Компетенции наставников (таблица 2), % наставников базы", competencies.map { bar($0, Self.quoted($0.name)) }))
        }
        return Layout.section("Диаграммы") { parts }
    }

    /// Indicator 11, shown by organisation on the dashboard.
    static let youngEntered = IndicatorCatalogue.definition("11")!

    /// Table 1 in a few words, for chart labels.
    static let shortNames: [String: String] = [
        "1": "приказ о внедрении", "2": "положение о системе наставничества", "3": "база наставников", "4": "база наставляемых",
        "5": "дорожная карта", "6": "программа наставничества ОО", "7": "приказ о назначении куратора", "9": "приказы о закреплении пар",
        "11": "молодые специалисты в программах", "12": "педагоги-наставники", "14": "раздел на сайте", "15": "реализуют систему",
    ]

    /// «Доля наставников с компетенцией «предметные»» → «предметные».
    static func quoted(_ name: String) -> String {
        guard let open = name.firstIndex(of: "«"), let close = name.lastIndex(of: "»"), open < close else { return name }
        return String(name[name.index(after: open)..<close])
    }

    /// The node's organisations grouped the way its dashboard lists them.
    static func rollup(_ db: any Database, _ node: MonitoringNode, by level: NodeRollup.Level) throws -> NodeRollup {
        guard let r = NodeRollup(db, organisationID: node.organisationID, municipalityIDs: node.municipalityIDs, kinds: node.kinds, by: level) else {
            throw Abort(.internalServerError, reason: "Показатели считаются только в базе данных SQL.")
        }
        return r
    }

    /// One level down: the country lists its regions, a region its municipalities, a municipality its organisations.
    static func listedBy(_ level: MonitoringNode.Level) -> NodeRollup.Level {
        switch level {
        case .country: .region
        case .region: .municipality
        case .municipality, .organisation: .organisation
        }
    }

    /// Roadmap completion one level down (seed 003's quarterly report reads it), the least complete first;
    /// a region's or the country's line links to that node's own dashboard.
    static func roadmaps(_ lines: [NodeRollup.RoadmapLine], by level: NodeRollup.Level, date: Day, year: Int, node: MonitoringNode) -> Node {
        let nodeQuery = (node.id.map { "node=\($0)" } ?? "node=country") + "&" + node.kindsQuery
        let rows = lines.sorted { ($0.progress.share ?? -1, $0.group.name) < ($1.progress.share ?? -1, $1.group.name) }
        let keeping = lines.map(\.keeping).reduce(0, +), organisations = lines.map(\.group.organisations).reduce(0, +)
        let (heading, href): (String, (UUID) -> String) = switch level {
        case .organisation: ("Организация", { "/organisations/\($0)/roadmap?year=\(year)" })
        case .municipality: ("Муниципалитет", { "/indicators?node=\($0)&date=\(date.iso)&\(node.kindsQuery)" })
        case .region: ("Регион", { "/indicators?node=\($0)&date=\(date.iso)&\(node.kindsQuery)" })
        }
        return Layout.section("Выполнение дорожных карт, \(year)/\(year + 1) учебный год") {
            el("p", ["class": "muted"]) { "Дорожные карты ведут \(keeping) из \(organisations) ОО; просрочено мероприятий: \(lines.map(\.progress.overdue).reduce(0, +))." }
            el("p") {
                "Квартальный отчёт (за последний завершённый квартал, срок — до 10 числа следующего месяца): "
                link("/indicators/roadmap-report?\(nodeQuery)", "DOCX", class: "btn small"); " "
                link("/indicators/roadmap-report?\(nodeQuery)&format=xlsx", "XLSX", class: "btn small")
            }
            Layout.table(level == .organisation ? [heading, "Выполнено", "Доля", "Просрочено"] : [heading, "Ведут дорожную карту", "Выполнено", "Доля", "Просрочено"], rows.map { l in
                let p = l.progress, kept = l.keeping > 0
                let cells: [Node] = [.text(kept ? "\(p.done) из \(p.total)" : "нет дорожной карты"), .text(p.share.map { RussianNumber.percent($0) } ?? "—"),
                                     kept ? (p.overdue > 0 ? Layout.badge("\(p.overdue)", "bad") : .text("0")) : .text("—")]
                return [link(href(l.group.id), l.group.name)] + (level == .organisation ? [] : [.text("\(l.keeping) из \(l.group.organisations)")]) + cells
            })
        }
    }

    static func label(_ v: IndicatorValue) -> String { v.number.map { "Показатель \($0)" } ?? v.name }

    static func groups(_ values: [IndicatorValue]) -> [(String, [IndicatorValue])] {
        var order: [String] = []
        var byGroup: [String: [IndicatorValue]] = [:]
        for v in values {
            if byGroup[v.group] == nil { order.append(v.group) }
            byGroup[v.group, default: []].append(v)
        }
        return order.map { ($0, byGroup[$0]!) }
    }

    /// `query`: the node and date of live values, whose numbers link to their rows; nil for frozen ones.
    static func table(_ values: [IndicatorValue], query q: String?, target: Double?) -> Node {
        Layout.table(["№", "Показатель", "Числитель", "Знаменатель", "Значение"], values.map { v in
            let base = q.map { "/indicators/\(v.id)?\($0)" }
            func number(_ n: Int, _ part: String) -> Node { base.map { link($0 + "&part=\(part)", "\(n)") } ?? .text("\(n)") }
            var name: [Node] = [.text(v.name)]
            // The formula folds away so that the table fits a phone; the rows page shows it in full.
            name.append(el("details", ["class": "hint"]) { el("summary") { "Методика расчёта" }; v.formula })
            if let note = v.note { name.append(el("p", ["class": "hint"]) { note }) }
            if v.id == "11", let target, let value = v.value {
                name.append(el("p", ["class": "hint"]) { "Федеральный ориентир — \(RussianNumber.percent(target)); " + (value >= target ? "достигнут." : "не достигнут: не хватает \(RussianNumber.points(target - value))") })
            }
            return [
                .text(v.number.map(String.init) ?? ""), el("div") { name },
                number(v.numerator, "numerator"),
                v.denominator.map { number($0, "denominator") } ?? .text("—"),
                el("strong") { v.russian },
            ]
        })
    }

    static func rowLink(_ r: IndicatorRow) -> Node {
        switch r.kind {
        case .organisation: link("/organisations/\(r.id)", r.title)
        case .person: link("/people/\(r.id)", r.title)
        case .mentorship: link("/mentorships/\(r.id)", r.title)
        case .programme: .text(r.title)
        }
    }

    /// The nodes the caller may choose, within their scope: the country and the regions, the municipalities of
    /// the chosen node's region, and the organisations of the chosen municipality (or of the chosen
    /// organisation's). One step of the hierarchy at a time, so a region's page does not list its hundreds of schools.
    static func choices(_ req: Request, _ node: MonitoringNode) async throws -> [(String, String)] {
        let actor = try req.user.actor
        var out: [(String, String)] = []
        if actor.role.scopeLevel == .country {
            out.append(("country", "Все регионы"))
            out += try await RegionRecord.query(on: req.db).sort(\.$name).all().map { ($0.id!.uuidString, "Регион: \($0.name)") }
        } else if actor.role.scopeLevel == .region, let own = try await actor.placement.regionID.asyncMap({ try await RegionRecord.find($0, on: req.db) }) ?? nil {
            out.append((own.id!.uuidString, "Регион: \(own.name)"))
        }
        guard node.level != .country else { return out }
        let muns = node.municipalityIDs ?? []
        if actor.role.scopeLevel != .organisation, !muns.isEmpty {
            let regions = Set(try await MunicipalityRecord.query(on: req.db).filter(\.$id ~~ muns).all(\.$regionID))
            out += try await HierarchyService.municipalities(req).filter { regions.contains($0.regionID) }.map { ($0.id.uuidString, "Муниципалитет: \($0.name)") }
        }
        if node.level != .region || actor.role.scopeLevel == .organisation {
            let orgs = try await Lookup.visibleOrganisations(req).filter { $0.kind.isEducational && (actor.role.scopeLevel == .organisation || muns.contains($0.municipalityID)) }
            out += orgs.map { ($0.id.uuidString, $0.shortName) }
        }
        return out
    }
}
