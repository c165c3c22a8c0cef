import Foundation

/// Мониторинговая кампания: every indicator of one node frozen at one date (seed 001: «в период с 25 апреля
/// по 06 мая 2022 года»), so that later changes to the data do not rewrite what was reported.
public struct MonitoringCampaign: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var name: String
    /// "country", "region", "municipality" or "organisation".
    public var nodeLevel: String
    public var nodeID: UUID?
    public var nodeName: String
    /// The date the values are computed on (the end of the collection period).
    public var date: Day
    /// When data was collected, as the order on the monitoring names it.
    public var periodStart: Day?
    public var organisations: Int
    /// The kinds of organisation that make V (seed 001: general-education schools); the report and the XLSX of
    /// the campaign count the same ones.
    public var kinds: Set<OrganisationKind>
    public var values: [IndicatorValue]
    public var flags: [IndicatorFlag]
    public var createdOn: Day
    public var createdBy: String

    public init(
        id: UUID = .timeOrdered(), name: String, nodeLevel: String, nodeID: UUID?, nodeName: String, date: Day, periodStart: Day? = nil,
        organisations: Int, kinds: Set<OrganisationKind> = OrganisationKind.monitoredByDefault, values: [IndicatorValue], flags: [IndicatorFlag],
        createdOn: Day, createdBy: String
    ) {
        self.id = id
        self.name = name
        self.nodeLevel = nodeLevel
        self.nodeID = nodeID
        self.nodeName = nodeName
        self.date = date
        self.periodStart = periodStart
        self.organisations = organisations
        self.kinds = kinds
        self.values = values
        self.flags = flags
        self.createdOn = createdOn
        self.createdBy = createdBy
    }

    public func value(_ id: String) -> IndicatorValue? { values.first { $0.id == id } }

    /// «с 25.04.2022 по 06.05.2022», or «на 06.05.2022».
    public var period: String {
        periodStart.map { "с \($0.russian) по \(date.russian)" } ?? "на \(date.russian)"
    }
}

public enum CampaignRules {
    public static func validate(name: String?, date: Day?, periodStart: Day?, today: Day) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if name.nonBlank == nil { issues.append(.init("name", "Укажите название кампании, например «Мониторинг внедрения целевой модели, апрель 2027»." )) }
        guard let date else {
            issues.append(.init("date", "Укажите дату, на которую фиксируются показатели (дд.мм.гггг)."))
            return issues
        }
        if date > today { issues.append(.init("date", "Дата \(date.russian) ещё не наступила: зафиксировать можно только прошедшие данные.")) }
        if let start = periodStart, start > date { issues.append(.init("periodStart", "Начало сбора данных позже его окончания \(date.russian).")) }
        return issues
    }
}

/// «Прогнозирование» (seeds 001, 002): will a share reach its target by a date at the current pace?
public struct Forecast: Sendable, Equatable {
    /// Percentage points a year, from the least-squares line through the points.
    public var pacePerYear: Double?
    /// The value the line gives on the deadline.
    public var projected: Double?
    /// When the line crosses the target, if it rises.
    public var reachedOn: Day?
    public var target: Double
    public var deadline: Day
    public var latest: Double

    public var willReach: Bool { latest >= target || (projected.map { $0 >= target } ?? false) }

    /// Least squares over (date, value); fewer than two distinct dates give no pace.
    public static func project(_ points: [(Day, Double)], target: Double, deadline: Day) -> Forecast? {
        let sorted = points.sorted { $0.0 < $1.0 }
        guard let last = sorted.last else { return nil }
        var f = Forecast(pacePerYear: nil, projected: nil, reachedOn: nil, target: target, deadline: deadline, latest: last.1)
        let xs = sorted.map { Double($0.0.ordinal) }, ys = sorted.map(\.1)
        guard Set(xs).count >= 2 else { return f }
        let n = Double(xs.count), mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
        let sxx = zip(xs, xs).map { ($0 - mx) * ($1 - mx) }.reduce(0, +)
        let slope = zip(xs, ys).map { ($0 - mx) * ($1 - my) }.reduce(0, +) / sxx
        let intercept = my - slope * mx
        f.pacePerYear = slope * 365.25
        f.projected = min(100, max(0, intercept + slope * Double(deadline.ordinal)))
        if slope > 0, last.1 < target {
            let day = Int(((target - intercept) / slope).rounded(.up))
            f.reachedOn = Day(ordinal: max(day, last.0.ordinal))
        }
        return f
    }

    /// «При нынешнем темпе (+6,2 п. п. в год) к 31.12.2027 будет 58,1 % — ориентир 70 % не будет достигнут; он будет достигнут 14.03.2029.»
    public var russian: String {
        if latest >= target { return "Ориентир \(RussianNumber.percent(target)) уже достигнут (\(RussianNumber.percent(latest)))." }
        guard let pace = pacePerYear, let projected else {
            return "Для прогноза нужны значения хотя бы на две даты: зафиксируйте мониторинговую кампанию."
        }
        let paceText = (pace >= 0 ? "+" : "−") + RussianNumber.points(abs(pace))
        var text = "При нынешнем темпе (\(paceText) в год) к \(deadline.russian) будет \(RussianNumber.percent(projected)) — ориентир \(RussianNumber.percent(target)) "
        text += projected >= target ? "будет достигнут" : "не будет достигнут"
        if let reachedOn, projected < target { text += "; при том же темпе он будет достигнут \(reachedOn.russian)" }
        if pace <= 0 { text += "; доля не растёт" }
        return text + "."
    }
}
