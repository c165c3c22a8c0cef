import Foundation

/// The registry's pairs orders (`LocalActKind.pairsOrder`) by the reference they give their pairs: a pair keeps
/// `order {date, number}` of the order that fixed it, and that order is a registry act of the pair's organisation
/// with the same number and date. A pair is fixed by its order on a date only while that act is in force on the
/// date: an order cancelled on C fixes nothing from C on and still counts before C. A pair whose order is not in
/// the registry (typed in on the pair's card) is fixed from the order's date.
public struct PairsOrders: Sendable {
    let byReference: [Key: [LocalAct]]

    struct Key: Hashable {
        var organisationID: UUID
        var number: String
        var date: Day
    }

    public init(_ acts: [LocalAct]) {
        var index: [Key: [LocalAct]] = [:]
        for a in acts where a.kind == .pairsOrder && a.status != .draft {
            guard let number = a.number, let date = a.date else { continue }
            index[Key(organisationID: a.organisationID, number: number, date: date), default: []].append(a)
        }
        byReference = index
    }

    /// The registry acts carrying the pair's order reference (one, unless the registry holds a duplicate).
    public func acts(of m: Mentorship) -> [LocalAct] {
        guard let order = m.order else { return [] }
        return byReference[Key(organisationID: m.organisationID, number: order.number, date: order.date)] ?? []
    }

    /// Fixed by an order on `day`: the order is dated on or before it and none of its registry acts is cancelled by then.
    public func isFixed(_ m: Mentorship, on day: Day) -> Bool {
        guard let order = m.order, order.date <= day else { return false }
        return !acts(of: m).contains { $0.cancelledOn.map { $0 <= day } ?? false }
    }

    /// The pair's order as the card, the board and the drill-down say it on `day`: which act fixes the pair, or
    /// why it no longer does.
    public func describe(_ m: Mentorship, on day: Day) -> String? {
        guard let order = m.order else { return nil }
        let acts = acts(of: m)
        if let cancelled = acts.compactMap(\.cancelledOn).min(), cancelled <= day {
            return "\(order.russian) отменён с \(cancelled.russian): пара не закреплена"
        }
        if order.date > day { return "\(order.russian) ещё не издан на \(day.russian)" }
        return acts.isEmpty ? "\(order.russian) (нет в реестре локальных актов)" : "закреплена: \(order.russian) (реестр)"
    }
}
