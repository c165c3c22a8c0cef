import Foundation
import NastavnikOffice

/// What the analytical report (аналитическая справка) is made of: the values of a node at a date — frozen
/// in a campaign or computed live — with the contradictions, the non-implementing list and the forecast.
public struct AnalyticalReportInput: Sendable {
    public var nodeName: String
    /// «с 25.04.2026 по 06.05.2026» or «на 06.05.2026».
    public var period: String
    public var date: Day
    public var organisations: Int
    /// The kinds of organisation that make V.
    public var kinds: Set<OrganisationKind>
    public var values: [IndicatorValue]
    public var flags: [IndicatorFlag]
    public var gaps: [ImplementationGap]
    public var forecast: String?
    public var target: Double?
    /// The heading's first lines; the analytical report's by default.
    public var heading: String
    /// The first paragraph: why the report is made.
    public var purpose: String

    public static let analyticalHeading = "АНАЛИТИЧЕСКАЯ СПРАВКА\nпо результатам мониторинга внедрения целевой модели наставничества"

    public init(nodeName: String, period: String, date: Day, organisations: Int, kinds: Set<OrganisationKind> = OrganisationKind.monitoredByDefault,
                values: [IndicatorValue], flags: [IndicatorFlag],
                gaps: [ImplementationGap], forecast: String? = nil, target: Double? = nil, heading: String = analyticalHeading, purpose: String? = nil) {
        self.heading = heading
        self.purpose = purpose ?? "Мониторинг проведён \(period). Цель мониторинга — оценка выполнения образовательными организациями мероприятий по внедрению целевой модели наставничества педагогических работников и обучающихся."
        self.nodeName = nodeName
        self.period = period
        self.date = date
        self.organisations = organisations
        self.kinds = kinds
        self.values = values
        self.flags = flags
        self.gaps = gaps
        self.forecast = forecast
        self.target = target
    }
}

/// The analytical report in the shape of seed 001: purpose and sources, Table 1 with formulas and values,
/// analysis paragraphs written from the numbers, the organisations not implementing the system and why,
/// Table 2 of competencies, contradictions, conclusions.
public enum AnalyticalReport {
    public static func build(_ r: AnalyticalReportInput) -> DocxDocument {
        func p(_ text: String) -> DocxBlock { .paragraph(DocxParagraph(text, alignment: .justify)) }
        func h(_ text: String) -> DocxBlock { .paragraph(DocxParagraph(text, bold: true, alignment: .center, firstLineIndentCm: 0, keepNext: true)) }
        let v = { (id: String) in r.values.first { $0.id == id } }
        var blocks: [DocxBlock] = [
            .heading("\(r.heading)\n\(r.nodeName)"), .spacer,
            p(r.purpose),
            p("Источник сведений — данные системы «Наставник»: реестры локальных актов, базы наставников и наставляемых, приказы о закреплении наставнических пар (групп), персонализированные программы наставничества и сведения о разделах «Целевая модель наставничества» на сайтах. Объём выборки — \(r.organisations) \(RussianPlural.form(r.organisations, "образовательная организация", "образовательные организации", "образовательных организаций")) (V); в V входят \(MonitoredKinds.russian(r.kinds))."),
            p("В таблице 1 представлены значения показателей мониторинга на \(r.date.russian)."), .spacer,
            h("Таблица 1. Значения показателей мониторинга"),
            .table(DocxTable(
                header: ["№", "Показатель", "Методика расчёта", "Значение"],
                rows: r.values.filter { $0.number != nil }.map { x in
                    ["\(x.number!)", x.name, x.formula, x.russian + (x.denominator.map { "\n(\(x.numerator) из \($0))" } ?? "")]
                }, columnWidthsCm: [0.9, 5.6, 7.0, 3.0], fontSize: 11)),
            .spacer, h("Анализ показателей"),
        ]
        blocks += analysis(r, v).map(p)
        blocks += [.spacer, h("Образовательные организации, не реализующие систему наставничества")]
        if r.gaps.isEmpty {
            blocks.append(p("Все образовательные организации реализуют систему наставничества."))
        } else {
            blocks.append(p("Систему наставничества не реализуют \(r.gaps.count) из \(r.organisations) ОО. Причины — отсутствие утверждённых документов, которых требует показатель 15:"))
            blocks.append(.table(DocxTable(header: ["№", "Организация", "Чего не хватает"],
                                           rows: r.gaps.enumerated().map { ["\($0.offset + 1)", $0.element.organisation, $0.element.missing.joined(separator: "; ")] },
                                           columnWidthsCm: [0.9, 5.6, 10.0], fontSize: 11)))
        }
        let competencies = r.values.filter { $0.id.hasPrefix("competency-") }
        if !competencies.isEmpty {
            blocks += [.spacer, h("Таблица 2. Основные компетенции наставников"),
                       .table(DocxTable(header: ["Основные компетенции наставников", "Доля наставников, обладающих соответствующими компетенциями"],
                                        rows: competencies.map { [capitalised($0.name.components(separatedBy: "«").last?.replacingOccurrences(of: "»", with: "") ?? $0.name), $0.russian] },
                                        columnWidthsCm: [8.5, 8.0], fontSize: 12))]
        }
        if !r.flags.isEmpty {
            blocks += [.spacer, h("Противоречия в данных")] + r.flags.map { p("— " + $0.message) }
        }
        blocks += [.spacer, h("Выводы и рекомендации")] + conclusions(r, v).map(p)
        return DocxDocument(blocks: blocks, title: "Аналитическая справка — \(r.nodeName)")
    }

    static func capitalised(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    static func share(_ x: IndicatorValue?) -> String {
        guard let x else { return "—" }
        return x.denominator.map { "\(x.russian) (\(x.numerator) из \($0))" } ?? x.russian
    }

    /// Paragraphs that say what the numbers say.
    static func analysis(_ r: AnalyticalReportInput, _ v: (String) -> IndicatorValue?) -> [String] {
        var out: [String] = []
        out.append("Приказы о внедрении целевой модели наставничества утверждены в \(share(v("1"))) ОО, положения о системе наставничества — в \(share(v("2"))). Приказ о назначении куратора(ов) есть в \(share(v("7"))), дорожная карта — в \(share(v("5"))), программа наставничества организации — в \(share(v("6"))).")
        out.append("Актуальные базы наставников ведут \(share(v("3"))) ОО, базы наставляемых — \(share(v("4"))).")
        if let pairs = v("8"), let orders = v("9"), let programmes = v("10") {
            var text = "По приказам о закреплении в организациях работают \(pairs.numerator) \(RussianPlural.form(pairs.numerator, "наставническая пара (группа)", "наставнические пары (группы)", "наставнических пар (групп)")); приказы о закреплении есть в \(share(orders)) ОО. Утверждено \(programmes.numerator) \(RussianPlural.form(programmes.numerator, "персонализированная программа", "персонализированные программы", "персонализированных программ")) наставничества."
            if programmes.numerator < pairs.numerator {
                text += " Программ меньше, чем пар: у \(RussianPlural.count(pairs.numerator - programmes.numerator, "пары (группы)", "пар (групп)", "пар (групп)")) работа не оформлена программой, и их участники не считаются вошедшими в программы."
            }
            out.append(text)
        }
        if let young = v("11") {
            var text = "Доля молодых специалистов (стаж от 0 до 3 лет), вошедших в программы наставничества в роли наставляемого, — \(share(young))."
            if let target = r.target, let value = young.value {
                text += value >= target ? " Федеральный ориентир \(RussianNumber.percent(target)) достигнут." : " До федерального ориентира \(RussianNumber.percent(target)) не хватает \(RussianNumber.points(target - value))"
            }
            if let f = r.forecast { text += " " + f }
            out.append(text)
        }
        if let mentors = v("12") { out.append("Роль наставника выполняют \(share(mentors)) педагогических работников.") }
        if let short = v("short-experience-mentors"), short.numerator > 0 {
            out.append("Среди наставников \(short.numerator) \(RussianPlural.form(short.numerator, "педагог", "педагога", "педагогов")) со стажем до 3 лет: назначение таких наставников требует обоснования.")
        }
        if let enterprises = v("13") { out.append("Предприятий (организаций), сотрудники которых выступают наставниками, — \(enterprises.numerator).") }
        if let page = v("14") { out.append("Раздел «Целевая модель наставничества» опубликован на сайтах \(share(page)) ОО.") }
        if let system = v("15") { out.append("Систему наставничества реализуют \(share(system)) ОО.") }
        let requests = r.values.filter { $0.id.hasPrefix("request-") && $0.numerator > 0 }.sorted { $0.numerator > $1.numerator }.prefix(3)
        if !requests.isEmpty {
            out.append("Основные запросы наставляемых: " + requests.map { "\($0.name.components(separatedBy: "«").last?.replacingOccurrences(of: "»", with: "") ?? $0.name) — \($0.russian)" }.joined(separator: "; ") + ".")
        }
        return out
    }

    /// The shortfalls, largest first, each as what to do.
    static func conclusions(_ r: AnalyticalReportInput, _ v: (String) -> IndicatorValue?) -> [String] {
        let actions: [(String, String)] = [
            ("1", "утвердить приказы о внедрении целевой модели наставничества"), ("2", "утвердить положения о системе наставничества"),
            ("7", "назначить кураторов приказом руководителя"), ("9", "закрепить наставнические пары (группы) приказами"),
            ("5", "утвердить дорожные карты"), ("14", "создать на сайтах раздел «Целевая модель наставничества»"),
        ]
        var out: [String] = []
        for (id, action) in actions {
            guard let x = v(id), let d = x.denominator, x.numerator < d else { continue }
            out.append("\(out.count + 1). В \(d - x.numerator) ОО \(action) (показатель \(id): \(x.russian)).")
        }
        if let pairs = v("8"), let programmes = v("10"), programmes.numerator < pairs.numerator {
            out.append("\(out.count + 1). Разработать и утвердить персонализированные программы для \(RussianPlural.count(pairs.numerator - programmes.numerator, "пары (группы), закреплённой", "пар (групп), закреплённых", "пар (групп), закреплённых")) без программы.")
        }
        if let young = v("11"), let target = r.target, let value = young.value, value < target {
            out.append("\(out.count + 1). Обеспечить наставниками молодых специалистов: без программы наставничества \(young.denominator.map { $0 - young.numerator } ?? 0) человек, ориентир — \(RussianNumber.percent(target)).")
        }
        if !r.flags.isEmpty { out.append("\(out.count + 1). Устранить противоречия в данных, перечисленные выше, до следующего мониторинга.") }
        return out.isEmpty ? ["Все показатели мониторинга достигли целевых значений."] : out
    }
}
