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
        let pairs = Set(mentorships.filter { $0.organisationID == organisationID }.map(\.id))
        let places = memberships.filter { $0.organisationID == organisationID }
        let people = Set(places.map(\.personID)).union(participants.filter { pairs.contains($0.mentorshipID) }.map(\.personID))
        return MonitoringData(
            organisations: organisations.filter { $0.id == organisationID }, partners: partners,
            acts: acts.filter { $0.organisationID == organisationID }, people: self.people.filter { people.contains($0.key) },
            memberships: memberships.filter { people.contains($0.personID) },
            mentorProfiles: mentorProfiles.filter { $0.organisationID == organisationID },
            menteeProfiles: menteeProfiles.filter { $0.organisationID == organisationID },
            mentorships: mentorships.filter { pairs.contains($0.id) }, participants: participants.filter { pairs.contains($0.mentorshipID) },
            programmes: programmes.filter { pairs.contains($0.mentorshipID) }, publicPages: publicPages.filter { $0.key == organisationID })
    }
}

extension IndicatorEvaluator {
    /// Organisations not implementing the system, each with the documents it lacks (seed 001's list of
    /// «не реализующих» with the reason).
    public var implementationGaps: [ImplementationGap] {
        let implementing = Set(rows(.organisationsImplementing).map(\.id))
        let pairs = organisationsWithPairsOrder, programmes = Set(approvedOrganisations), needy = organisationsNeedingMentors
        return data.organisations.filter { !implementing.contains($0.id) }.sorted { Self.before($0.shortName, $1.shortName) }.map { o in
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
        data.organisations.sorted { Self.before($0.shortName, $1.shortName) }.map { o in
            (o, IndicatorEvaluator(data.restricted(to: o.id), on: date).values(defs))
        }
    }
}
