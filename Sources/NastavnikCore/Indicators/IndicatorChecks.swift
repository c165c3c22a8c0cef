import Foundation

/// A contradiction between values, or between a value and the data behind it.
public struct IndicatorFlag: Sendable, Equatable, Codable {
    /// The indicators it concerns.
    public var ids: [String]
    public var message: String

    public init(_ ids: [String], _ message: String) {
        self.ids = ids
        self.message = message
    }
}

/// Checks that hold for any honest set of Table 1 values (seed 001 breaks three of them). They apply to the
/// values we compute — where a failure means contradictory data — and to values reported by hand.
public enum IndicatorChecks {
    /// Indicators whose denominator is V, the number of organisations.
    static let sharesOfV: Set<String> = ["1", "2", "3", "4", "5", "6", "7", "9", "14", "15"]

    /// `shares` and `counts` by indicator id ("1"…"15"), percents and counts; `organisations` is V.
    /// `reported`: typed by people, so rounded as printed (seed 001 prints «60 %» and «56,6 %»); each share
    /// of V is then also checked to be n / V for some whole n.
    public static func contradictions(shares: [String: Double], counts: [String: Int], organisations v: Int, reported: Bool = false) -> [IndicatorFlag] {
        var flags: [IndicatorFlag] = []
        let tolerance = reported ? 0.5 : 0.05
        func exceeds(_ a: String, _ b: String, _ text: String) {
            guard let x = shares[a], let y = shares[b], x > y + tolerance else { return }
            flags.append(IndicatorFlag([a, b], "Показатель \(a) (\(RussianNumber.percent(x))) больше показателя \(b) (\(RussianNumber.percent(y))): \(text)"))
        }
        exceeds("15", "1", "реализующей систему признаётся только организация с утверждённым приказом о внедрении.")
        exceeds("15", "2", "реализующей систему признаётся только организация с утверждённым положением о системе наставничества.")
        if let h = shares["9"], let pairs = counts["8"], v > 0 {
            let organisations = Int((h * Double(v) / 100).rounded())
            if organisations > pairs {
                flags.append(IndicatorFlag(["9", "8"], "Приказы о закреплении пар есть в \(organisations) ОО (показатель 9), а пар и групп по приказам всего \(pairs) (показатель 8): в каждой такой ОО закреплена хотя бы одна пара."))
            }
        }
        if reported, v > 0 {
            for (id, share) in shares.sorted(by: { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }) where sharesOfV.contains(id) {
                let digits = share == share.rounded() ? 0 : 1
                guard !attainable(share, of: v, digits: digits) else { continue }
                flags.append(IndicatorFlag([id], "Значение показателя \(id) (\(RussianNumber.percent(share, digits: digits))) не получается ни при каком числе организаций из \(v): ближайшие — \(nearest(share, of: v, digits: digits))."))
            }
        }
        return flags
    }

    /// Whether some count n of V, as a percent rounded to `digits`, prints as `share`.
    public static func attainable(_ share: Double, of v: Int, digits: Int) -> Bool {
        let scale = pow(10, Double(digits))
        return (0...v).contains { n in ((Double(n) * 100 / Double(v)) * scale).rounded() == (share * scale).rounded() }
    }

    static func nearest(_ share: Double, of v: Int, digits: Int) -> String {
        let below = Int((share * Double(v) / 100).rounded(.down)), above = below + 1
        return [below, above].filter { (0...v).contains($0) }
            .map { "\($0) из \(v) = \(RussianNumber.percent(Double($0) * 100 / Double(v)))" }.joined(separator: ", ")
    }

    /// The same checks on computed values, plus what only the data shows (`data`: `dataFlags`).
    public static func flags(_ values: [IndicatorValue], organisations: Int, data: [IndicatorFlag]) -> [IndicatorFlag] {
        var shares: [String: Double] = [:], counts: [String: Int] = [:]
        for value in values where value.number != nil {
            if value.kind == .share, let v = value.value { shares[value.id] = v }
            if value.kind == .count { counts[value.id] = value.numerator }
        }
        return contradictions(shares: shares, counts: counts, organisations: organisations) + data
    }

    public static func flags(_ values: [IndicatorValue], _ evaluator: IndicatorEvaluator) -> [IndicatorFlag] {
        flags(values, organisations: evaluator.data.organisations.count, data: evaluator.dataFlags)
    }

    /// What the data contradicts: working pairs no order fixes, approved programmes of such pairs.
    public static func dataFlags(unfixedPairs: Int, programmesWithoutOrder: Int, approvedProgrammes: Int) -> [IndicatorFlag] {
        var flags: [IndicatorFlag] = []
        if unfixedPairs > 0 {
            flags.append(IndicatorFlag(["8", "9"], "\(unfixedPairs) \(RussianPlural.form(unfixedPairs, "пара (группа) работает", "пары (группы) работают", "пар (групп) работают")) без приказа о закреплении на эту дату и не входят в показатель 8."))
        }
        if programmesWithoutOrder > 0 {
            flags.append(IndicatorFlag(["10", "11", "12"], "\(programmesWithoutOrder) из \(approvedProgrammes) утверждённых программ — у пар без приказа о закреплении: их участники не считаются вошедшими в программу (показатели 11 и 12)."))
        }
        return flags
    }
}

extension IndicatorEvaluator {
    /// Working pairs of pedagogical workers in the node's organisations that no order fixes on the date.
    var unfixedPairs: Int {
        let fixed = Set(byOrder.map(\.id))
        let educational = Set(data.organisations.map(\.id))
        return data.mentorships.count(where: { $0.form.isStaff && $0.status == .active && educational.contains($0.organisationID) && !fixed.contains($0.id) && $0.start <= date })
    }

    /// Approved programmes of pedagogical workers' pairs that no order fixes (of those indicator 10 counts).
    var programmesWithoutOrder: Int {
        let fixed = Set(byOrder.map(\.id))
        return staffApproved.count(where: { !fixed.contains($0.mentorshipID) })
    }

    public var dataFlags: [IndicatorFlag] {
        IndicatorChecks.dataFlags(unfixedPairs: unfixedPairs, programmesWithoutOrder: programmesWithoutOrder, approvedProgrammes: staffApproved.count)
    }
}
