import Foundation

/// What one person is in one organisation on a date, as far as the people indicators (11 and 12) go.
public struct PersonFacts: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// A place of pedagogical or managerial work here.
    public static let staff = PersonFacts(rawValue: 1)
    /// A young specialist (0–3 years of experience): a fact about the person, kept beside the others.
    public static let young = PersonFacts(rawValue: 2)
    /// A mentee of an entered programme (pair order and approved programme) of a pair of this organisation.
    public static let mentee = PersonFacts(rawValue: 4)
    public static let mentor = PersonFacts(rawValue: 8)
}

/// What one organisation contributes, on one date, to the indicators of every node that contains it: a region
/// or the country adds up its organisations' aggregates instead of reading millions of records.
///
/// Most queries count the organisation's own records — its acts, base entries, pairs, programmes, the
/// organisation itself — and a node's count is the sum. People are different: a teacher with places in two
/// schools is one teacher of their region, and a young specialist of one school may be a mentee in a pair of
/// another. So the people columns count only the people who take part in this organisation alone; those who
/// take part in others too (`spanning`) are kept by id with their facts here, and a node merges them before
/// counting. Partner enterprises are kept by id for the same reason (one enterprise serves several schools).
public struct OrganisationAggregate: Sendable, Equatable {
    public var organisationID: UUID
    public var date: Day
    /// `IndicatorAggregate.columns` → count.
    public var counts: [String: Int]
    /// People who take part in other organisations too, with what they are here.
    public var people: [UUID: PersonFacts]
    /// Partner enterprises whose employees mentor in this organisation's entered programmes.
    public var partners: Set<UUID>

    public init(organisationID: UUID, date: Day, counts: [String: Int], people: [UUID: PersonFacts] = [:], partners: Set<UUID> = []) {
        self.organisationID = organisationID
        self.date = date
        self.counts = counts
        self.people = people
        self.partners = partners
    }

    /// `evaluator`: over this organisation's data alone (`MonitoringData.byOrganisation`); `spanning`: the people
    /// who take part in any other organisation (places of work or study, pairs), beyond the loaded data too.
    public init(_ organisationID: UUID, _ e: IndicatorEvaluator, spanning: Set<UUID>) {
        var counts: [String: Int] = [:]
        for q in IndicatorAggregate.queries where IndicatorAggregate.peopleFacts[q] == nil {
            if let column = IndicatorAggregate.column(q) { counts[column] = e.count(q) }
        }
        counts[IndicatorAggregate.unfixedPairs] = e.unfixedPairs
        counts[IndicatorAggregate.programmesWithoutOrder] = e.programmesWithoutOrder
        var people: [UUID: PersonFacts] = [:]
        for (q, _) in IndicatorAggregate.peopleFacts { counts[IndicatorAggregate.column(q)!] = 0 }
        for (person, facts) in e.personFacts {
            if spanning.contains(person) {
                people[person] = facts
            } else {
                for (q, needed) in IndicatorAggregate.peopleFacts where facts.isSuperset(of: needed) { counts[IndicatorAggregate.column(q)!]! += 1 }
            }
        }
        self.init(organisationID: organisationID, date: e.date, counts: counts, people: people, partners: Set(e.enterprisesInProgrammes.map(\.id)))
    }

    /// `people` as stored: «id:facts» separated by spaces; nil for nobody.
    public var peopleText: String? {
        people.isEmpty ? nil : people.map { "\($0.key.uuidString):\($0.value.rawValue)" }.sorted().joined(separator: " ")
    }

    /// `partners` as stored: ids separated by spaces; nil for none.
    public var partnersText: String? {
        partners.isEmpty ? nil : partners.map(\.uuidString).sorted().joined(separator: " ")
    }
}

/// The columns of the aggregates and how the people queries are answered from them.
public enum IndicatorAggregate {
    /// The counts behind `IndicatorChecks.dataFlags`.
    public static let unfixedPairs = "unfixed_pairs"
    public static let programmesWithoutOrder = "programmes_without_order"

    /// The people queries and the facts a person needs to be counted by each.
    public static let peopleFacts: [IndicatorQuery: PersonFacts] = [
        .staff: [.staff], .youngSpecialists: [.staff, .young], .youngSpecialistsEntered: [.staff, .young, .mentee], .staffEnteredAsMentors: [.staff, .mentor],
    ]

    /// Every query of the catalogue, numerators and denominators, once each.
    public static let queries: [IndicatorQuery] = {
        var seen = Set<IndicatorQuery>(), out: [IndicatorQuery] = []
        for d in IndicatorCatalogue.all {
            for q in [d.numerator] + (d.denominator.map { [$0] } ?? []) where seen.insert(q).inserted { out.append(q) }
        }
        return out
    }()

    /// Every column an aggregate has: one per counted query, then the data flags' counts.
    public static let columns: [String] = queries.compactMap(column) + [unfixedPairs, programmesWithoutOrder]

    /// The column that counts the query; nil for partner enterprises, which are kept by id.
    public static func column(_ q: IndicatorQuery) -> String? {
        switch q {
        case .organisations: "organisations"
        case let .organisationsWithAct(kind): "act_\(kind.rawValue)"
        case .organisationsWithMentorBase: "mentor_base"
        case .organisationsWithMenteeBase: "mentee_base"
        case .organisationsWithRoadmap: "roadmap"
        case .organisationsWithPairsOrder: "pairs_order"
        case .organisationsWithPublicPage: "public_page"
        case .organisationsImplementing: "implementing"
        case .mentorshipsByOrder: "pairs_by_order"
        case .staffMentorshipsByOrder: "staff_pairs_by_order"
        case let .mentorshipsByOrderOfForm(form): "form_\(form.rawValue)"
        case .approvedProgrammes: "approved_programmes"
        case .staff: "staff"
        case .youngSpecialists: "young"
        case .youngSpecialistsEntered: "young_entered"
        case .staffEnteredAsMentors: "mentors_entered"
        case .enterprisesInProgrammes: nil
        case .mentorsInBase: "mentors"
        case let .mentorsWithCompetency(c): "competency_\(c.rawValue)"
        case .mentorsWithShortExperience: "mentors_short_experience"
        case .menteesInBase: "mentees"
        case let .menteesWithRequest(r): "request_\(r.rawValue)"
        }
    }
}

/// A node's sums of its organisations' aggregates, with the people and partners merged: every query of the
/// catalogue is answered from it as `IndicatorEvaluator` answers it from the rows.
public struct IndicatorTotals: Sendable, Equatable {
    public var counts: [String: Int]
    public var people: [UUID: PersonFacts]
    public var partners: Set<UUID>

    public init(counts: [String: Int] = [:], people: [UUID: PersonFacts] = [:], partners: Set<UUID> = []) {
        self.counts = counts
        self.people = people
        self.partners = partners
    }

    public init(_ aggregates: some Sequence<OrganisationAggregate>) {
        self.init()
        for a in aggregates { add(a) }
    }

    public mutating func add(_ a: OrganisationAggregate) {
        counts.merge(a.counts, uniquingKeysWith: +)
        for (person, facts) in a.people { people[person, default: []].formUnion(facts) }
        partners.formUnion(a.partners)
    }

    /// Merges stored `OrganisationAggregate.peopleText` (several joined by spaces).
    public mutating func addPeople(_ text: String) {
        for token in text.split(separator: " ") {
            guard let colon = token.firstIndex(of: ":"), let id = UUID(uuidString: String(token[..<colon])),
                let bits = Int(token[token.index(after: colon)...]) else { continue }
            people[id, default: []].formUnion(PersonFacts(rawValue: bits))
        }
    }

    /// Merges stored `OrganisationAggregate.partnersText` (several joined by spaces).
    public mutating func addPartners(_ text: String) {
        for token in text.split(separator: " ") { if let id = UUID(uuidString: String(token)) { partners.insert(id) } }
    }

    /// V: the educational organisations summed.
    public var organisations: Int { counts["organisations"] ?? 0 }

    public func count(_ q: IndicatorQuery) -> Int {
        if let needed = IndicatorAggregate.peopleFacts[q] {
            return (counts[IndicatorAggregate.column(q)!] ?? 0) + people.values.count(where: { $0.isSuperset(of: needed) })
        }
        guard let column = IndicatorAggregate.column(q) else { return partners.count }
        return counts[column] ?? 0
    }

    /// `kinds`: those of the organisations summed, which the formulas name.
    public func value(_ d: IndicatorDefinition, kinds: Set<OrganisationKind>) -> IndicatorValue {
        IndicatorValue(definition: d, numerator: count(d.numerator), denominator: d.denominator.map(count), kinds: kinds)
    }

    public func values(_ defs: [IndicatorDefinition] = IndicatorCatalogue.all, kinds: Set<OrganisationKind>) -> [IndicatorValue] {
        defs.map { value($0, kinds: kinds) }
    }

    public var dataFlags: [IndicatorFlag] {
        IndicatorChecks.dataFlags(unfixedPairs: counts[IndicatorAggregate.unfixedPairs] ?? 0, programmesWithoutOrder: counts[IndicatorAggregate.programmesWithoutOrder] ?? 0,
                                  approvedProgrammes: count(.approvedProgrammes))
    }
}

extension IndicatorEvaluator {
    /// What each person with a record is here on the date.
    var personFacts: [UUID: PersonFacts] {
        var facts: [UUID: PersonFacts] = [:]
        for p in staffPlace.keys { facts[p, default: []].insert(.staff) }
        for p in enteredPeople(.mentee, staff: true) { facts[p, default: []].insert(.mentee) }
        for p in enteredPeople(.mentor, staff: true) { facts[p, default: []].insert(.mentor) }
        var out: [UUID: PersonFacts] = [:]
        for (id, f) in facts {
            guard let person = data.people[id] else { continue }
            out[id] = person.isYoungSpecialist(on: date) ? f.union(.young) : f
        }
        return out
    }
}

extension MonitoringData {
    /// People who take part in more than one organisation of the data: places of work or study (of any role,
    /// current or not) and pairs. Whoever is not among them is counted where they are, once.
    public var peopleInSeveralOrganisations: Set<UUID> {
        var places: [UUID: Set<UUID>] = [:]
        for m in memberships { places[m.personID, default: []].insert(m.organisationID) }
        let pairOrganisation = Dictionary(mentorships.map { ($0.id, $0.organisationID) }, uniquingKeysWith: { a, _ in a })
        for p in participants { if let org = pairOrganisation[p.mentorshipID] { places[p.personID, default: []].insert(org) } }
        return Set(places.filter { $0.value.count > 1 }.keys)
    }

    /// Each educational organisation's aggregate on the date; `alsoElsewhere`: people known to take part in
    /// organisations outside the data.
    public func aggregates(on date: Day, alsoElsewhere: Set<UUID> = []) -> [OrganisationAggregate] {
        let spanning = peopleInSeveralOrganisations.union(alsoElsewhere)
        let parts = byOrganisation()
        return organisations.map { OrganisationAggregate($0.id, IndicatorEvaluator(parts[$0.id]!, on: date), spanning: spanning) }
    }
}
