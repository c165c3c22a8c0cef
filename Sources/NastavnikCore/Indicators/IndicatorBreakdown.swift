import Foundation

/// An organisation that does not implement the system (indicator 15), and what it lacks.
public struct ImplementationGap: Sendable, Equatable, Codable {
    public var organisationID: UUID
    public var organisation: String
    public var missing: [String]
}

extension MonitoringData {
    /// The same data seen from one organisation: what its own indicators read.
    public func restricted(to organisationID: UUID) -> MonitoringData {
        byOrganisation([organisationID])[organisationID]!
    }

    /// The data seen from each of `ids` (every educational organisation when nil), grouped in one pass over
    /// the node's records: the dashboard and the XLSX by organisation ask for all of them at once.
    public func byOrganisation(_ ids: [UUID]? = nil) -> [UUID: MonitoringData] {
        let wanted = ids ?? organisations.map(\.id)
        let mentorshipsByOrg = Dictionary(grouping: mentorships, by: \.organisationID)
        let participantsByPair = Dictionary(grouping: participants, by: \.mentorshipID)
        let programmesByPair = Dictionary(grouping: programmes, by: \.mentorshipID)
        let placesByOrg = Dictionary(grouping: memberships, by: \.organisationID)
        let placesByPerson = Dictionary(grouping: memberships, by: \.personID)
        let actsByOrg = Dictionary(grouping: acts, by: \.organisationID)
        let mentorsByOrg = Dictionary(grouping: mentorProfiles, by: \.organisationID)
        let menteesByOrg = Dictionary(grouping: menteeProfiles, by: \.organisationID)
        let orgByID = Dictionary(organisations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let roadmapsByOrg = Dictionary(grouping: roadmaps, by: \.organisationID)
        var out: [UUID: MonitoringData] = [:]
        for id in wanted {
            let pairs = mentorshipsByOrg[id] ?? []
            let pairParticipants = pairs.flatMap { participantsByPair[$0.id] ?? [] }
            let people = Set((placesByOrg[id] ?? []).map(\.personID)).union(pairParticipants.map(\.personID))
            out[id] = MonitoringData(
                organisations: orgByID[id].map { [$0] } ?? [], partners: partners, acts: actsByOrg[id] ?? [],
                people: Dictionary(uniqueKeysWithValues: people.compactMap { p in self.people[p].map { (p, $0) } }),
                memberships: people.flatMap { placesByPerson[$0] ?? [] },
                mentorProfiles: mentorsByOrg[id] ?? [], menteeProfiles: menteesByOrg[id] ?? [], mentorships: pairs, participants: pairParticipants,
                programmes: pairs.flatMap { programmesByPair[$0.id] ?? [] }, publicPages: publicPages[id].map { [id: $0] } ?? [:],
                roadmaps: roadmapsByOrg[id] ?? [])
        }
        return out
    }
}

extension IndicatorEvaluator {
    /// Organisations not implementing the system, each with the documents it lacks (seed 001's list of
    /// «не реализующих» with the reason).
    public var implementationGaps: [ImplementationGap] {
        let implementing = Set(rows(.organisationsImplementing).map(\.id))
        let pairs = organisationsWithPairsOrder, programmes = Set(approvedOrganisations), needy = organisationsNeedingMentors
        return data.organisations.filter { !implementing.contains($0.id) }.sortedByName(\.shortName).map { o in
            let acts = actKinds[o.id] ?? []
            var missing: [String] = []
            if !acts.contains(.implementationOrder) { missing.append("нет приказа о внедрении целевой модели") }
            if !acts.contains(.regulation) { missing.append("нет положения о системе наставничества") }
            if needy.contains(o.id) {
                if !pairs.contains(o.id) { missing.append("есть работники, которым нужен наставник, но нет приказа о закреплении пар") }
                if !programmes.contains(o.id) { missing.append("нет утверждённых персонализированных программ") }
            }
            return ImplementationGap(organisationID: o.id, organisation: o.shortName, missing: missing)
        }
    }

    /// Table 1 for each organisation of the node on its own: a row per organisation, a value per indicator.
    public func perOrganisation(_ defs: [IndicatorDefinition] = IndicatorCatalogue.table) -> [(Organisation, [IndicatorValue])] {
        let parts = data.byOrganisation()
        return data.organisations.sortedByName(\.shortName).map { o in
            (o, IndicatorEvaluator(parts[o.id]!, on: date, kinds: kinds).values(defs))
        }
    }
}
