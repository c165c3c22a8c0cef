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
///
/// The method, said in words by `method`: a linear trend (least squares) over the dated values; a cumulative
/// figure (a share of people who entered programmes) is never forecast below the last value it starts from,
/// and a share never above 100 %. Seed 002 forecast 26,9 % from 12,6 %, 14,2 % and 29,6 %: below the value
/// already reached, which this never does.
public struct Forecast: Sendable, Equatable {
    /// Percentage points (or people, for a count) a year, from the least-squares line through the points.
    public var pacePerYear: Double?
    /// The value forecast on the deadline.
    public var projected: Double?
    /// When the line crosses the target, if it rises.
    public var reachedOn: Day?
    public var target: Double
    public var deadline: Day
    public var latest: Double
    /// The dated values the forecast starts from: how many, the first and the last date.
    public var points = 0
    public var from: Day?
    public var to: Day?
    public var cumulative = true

    public var willReach: Bool { latest >= target || (projected.map { $0 >= target } ?? false) }

    /// The trend's slope a day and its value on `day`; nil for fewer than two distinct dates.
    public static func trend(_ points: [(Day, Double)], on day: Day) -> (slope: Double, intercept: Double, value: Double)? {
        let xs = points.map { Double($0.0.ordinal) }, ys = points.map(\.1)
        guard Set(xs).count >= 2 else { return nil }
        let n = Double(xs.count), mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
        let sxx = zip(xs, xs).map { ($0 - mx) * ($1 - mx) }.reduce(0, +)
        let slope = zip(xs, ys).map { ($0 - mx) * ($1 - my) }.reduce(0, +) / sxx
        let intercept = my - slope * mx
        return (slope, intercept, intercept + slope * Double(day.ordinal))
    }

    /// The trend's value on the deadline, kept within what the data allows: never below the last value for a
    /// cumulative figure, never below 0, never above `ceiling` (100 % for a share).
    public static func bounded(_ value: Double, latest: Double, cumulative: Bool, ceiling: Double?) -> Double {
        let floor = cumulative ? latest : 0
        return min(ceiling ?? .infinity, max(floor, value))
    }

    /// A share against its target; `cumulative`: people who entered stay counted, so the share only grows.
    public static func project(_ points: [(Day, Double)], target: Double, deadline: Day, cumulative: Bool = true) -> Forecast? {
        let sorted = points.sorted { $0.0 < $1.0 }
        guard let last = sorted.last else { return nil }
        var f = Forecast(pacePerYear: nil, projected: nil, reachedOn: nil, target: target, deadline: deadline, latest: last.1,
                         points: sorted.count, from: sorted.first?.0, to: last.0, cumulative: cumulative)
        guard let line = trend(sorted, on: deadline) else { return f }
        f.pacePerYear = line.slope * 365.25
        f.projected = bounded(line.value, latest: last.1, cumulative: cumulative, ceiling: 100)
        if line.slope > 0, last.1 < target {
            let day = Int(((target - line.intercept) / line.slope).rounded(.up))
            f.reachedOn = Day(ordinal: max(day, last.0.ordinal))
        }
        return f
    }

    /// How the forecast was made, in words, for the page and the report.
    public var method: String {
        guard let from, let to, points >= 2 else { return "" }
        var text = "Метод прогноза: линейный тренд (метод наименьших квадратов) по \(points) \(RussianPlural.form(points, "значению", "значениям", "значениям")) с \(from.russian) по \(to.russian)"
        if cumulative { text += "; доля накопительная, поэтому прогноз не ниже последнего значения (\(RussianNumber.percent(latest))) и не выше 100 %" }
        return text + "."
    }

    /// «При нынешнем темпе (+6,2 п. п. в год) к 31.12.2027 будет 58,1 % — ориентир 70 % не будет достигнут; …» and the method.
    public var russian: String {
        if latest >= target { return "Ориентир \(RussianNumber.percent(target)) уже достигнут (\(RussianNumber.percent(latest)))." }
        guard let pace = pacePerYear, let projected else {
            return "Прогноз не составлен: для прогноза нужны значения показателя хотя бы на две даты."
        }
        let paceText = (pace >= 0 ? "+" : "−") + RussianNumber.points(abs(pace))
        var text = "При нынешнем темпе (\(paceText) в год) к \(deadline.russian) будет \(RussianNumber.percent(projected)) — ориентир \(RussianNumber.percent(target)) "
        text += projected >= target ? "будет достигнут" : "не будет достигнут"
        if let reachedOn, projected < target { text += "; при том же темпе он будет достигнут \(reachedOn.russian)" }
        if pace <= 0 { text += "; доля не растёт" }
        return text + ". " + method
    }

    /// Seed 002's young-teacher figures on the deadline: young specialists who entered programmes (M1, cumulative)
    /// and young specialists in all (M2, which may fall), from the same dated snapshots; nil below two dates.
    public static func youngSpecialists(entered: [(Day, Double)], total: [(Day, Double)], deadline: Day) -> String? {
        func figure(_ points: [(Day, Double)], cumulative: Bool) -> (now: Int, then: Int)? {
            let sorted = points.sorted { $0.0 < $1.0 }
            guard let last = sorted.last, let line = trend(sorted, on: deadline) else { return nil }
            return (Int(last.1.rounded()), Int(bounded(line.value, latest: last.1, cumulative: cumulative, ceiling: nil).rounded()))
        }
        guard let m1 = figure(entered, cumulative: true), let m2 = figure(total, cumulative: false) else { return nil }
        return "Молодые специалисты по тому же тренду к \(deadline.russian): в программах наставничества — около \(m1.then) (сейчас \(m1.now), не меньше достигнутого), всего молодых специалистов — около \(m2.then) (сейчас \(m2.now))."
    }
}
