import Foundation

extension DemoGenerator.Builder {
    /// Local acts and public mentorship sections at roughly seed 001's shares for schools (implementation
    /// orders 60 %, regulations 90 %, roadmaps and organisation programmes 89 %, curator orders 57 %, site
    /// sections 68 %), and a registry entry for every pairs order the lifecycle gave a pair. Its own random
    /// stream, drawn after the lifecycle's, leaves everything generated before it unchanged.
    mutating func registry() {
        var rng = DemoRandom(seed: rng.next())
        let actDay = Day(year: today.month >= 9 ? today.year : today.year - 1, month: 9, day: 1)!
        let ordersByOrg = Dictionary(grouping: data.mentorships.filter { $0.order != nil }, by: \.organisationID)
        let showcase = data.organisations.firstIndex { $0.shortName == "МБОУ СОШ № 12" }
        for index in data.organisations.indices where data.organisations[index].kind.isEducational {
            let org = data.organisations[index]
            let pairs = ordersByOrg[org.id] ?? []
            // A school that fixed pairs by order nearly always has its base documents too.
            let engaged = !pairs.isEmpty
            let shares: [(LocalActKind, Double)] = [
                (.implementationOrder, engaged ? 0.85 : 0.35), (.regulation, engaged ? 0.97 : 0.8), (.roadmap, 0.89),
                (.organisationProgramme, 0.89), (.curatorOrder, engaged ? 0.7 : 0.4),
            ]
            var number = rng.int(5...15)
            for (kind, share) in shares where rng.chance(share) {
                let date = actDay.adding(days: rng.int(0...40))
                guard date <= today else { continue }
                number += rng.int(1...3)
                data.acts.append(LocalAct(
                    id: rng.uuid(), organisationID: org.id, kind: kind, title: kind.label, number: kind.isOrder ? "\(number)-од" : "\(number)",
                    date: date, status: .approved, approver: "Директор", isPublic: kind.mayBePublic, createdOn: date))
            }
            // Sorted: a dictionary's order changes from run to run, and the random stream must not.
            for (order, fixed) in Dictionary(grouping: pairs, by: { $0.order! }).sorted(by: { ($0.key.date, $0.key.number) < ($1.key.date, $1.key.number) }) {
                data.acts.append(LocalAct(
                    id: rng.uuid(), organisationID: org.id, kind: .pairsOrder, title: "Приказ о закреплении наставнических пар (групп)",
                    number: order.number, date: order.date, status: .approved, approver: "Директор", mentorshipIDs: fixed.map(\.id).sorted { $0.uuidString < $1.uuidString },
                    createdOn: order.date))
            }
            if rng.chance(engaged ? 0.8 : 0.55) { data.organisations[index].mentorshipPageSince = min(today, actDay.adding(days: rng.int(10...90))) }
            // The demo's own school (curator12's, the first «МБОУ СОШ № 12») always has its public section: the draws
            // above depend on the day, and on some days its page was not published and its public link was gone.
            if index == showcase, data.organisations[index].mentorshipPageSince == nil { data.organisations[index].mentorshipPageSince = min(today, actDay.adding(days: 30)) }
            // A school with an approved roadmap keeps it in the system: most past events done, a few overdue.
            if data.acts.contains(where: { $0.organisationID == org.id && $0.kind == .roadmap }) {
                let diligence = rng.weighted([(0.95, 3), (0.75, 4), (0.45, 2)])
                for var e in RoadmapRules.instantiate(organisationID: org.id, schoolYear: RoadmapRules.schoolYear(of: today)) {
                    e.id = rng.uuid()
                    if e.deadline < today, rng.chance(diligence) {
                        e.status = .done
                        e.doneOn = e.deadline.adding(days: -rng.int(0...20))
                        e.evidence = e.expected
                    } else if e.deadline >= today, e.deadline <= today.adding(days: 45), rng.chance(0.5) {
                        e.status = .inProgress
                    }
                    data.roadmapEvents.append(e)
                }
            }
        }
        data.acts.sort { ($0.organisationID.uuidString, $0.createdOn, $0.id.uuidString) < ($1.organisationID.uuidString, $1.createdOn, $1.id.uuidString) }
    }
}
