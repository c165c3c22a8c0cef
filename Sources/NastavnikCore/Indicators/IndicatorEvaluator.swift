import Foundation

/// An indicator's value at a node on a date.
public struct IndicatorValue: Sendable, Equatable, Codable {
    public var id: String
    public var number: Int?
    public var group: String
    public var name: String
    public var formula: String
    public var kind: IndicatorKind
    public var numerator: Int
    public var denominator: Int?
    /// Percent for a share (nil when the denominator is 0), the count otherwise.
    public var value: Double?
    public var note: String?

    /// «56,6 %», «245», «—» for a share of nothing.
    public var russian: String {
        guard let value else { return "—" }
        return kind == .count ? "\(numerator)" : RussianNumber.percent(value)
    }
}

extension IndicatorValue {
    /// The definition's value from its counts, however they were counted (rows here, SQL for large nodes), at a
    /// node whose V is made of `kinds` (the formula says so). In an extension, so the memberwise initialiser stays.
    public init(definition d: IndicatorDefinition, numerator n: Int, denominator v: Int?, kinds: Set<OrganisationKind>) {
        let value: Double? = d.kind == .count ? Double(n) : v.flatMap { $0 == 0 ? nil : Double(n) * 100 / Double($0) }
        self.init(id: d.id, number: d.number, group: d.group, name: d.name, formula: d.formula(kinds: kinds), kind: d.kind, numerator: n, denominator: v, value: value, note: d.note)
    }
}

public enum RussianNumber {
    /// One decimal with a decimal comma; a whole number without it: «56,6 %», «60 %».
    public static func percent(_ value: Double, digits: Int = 1) -> String {
        decimal(value, digits: digits) + " %"
    }

    /// A number with a decimal comma and at most `digits` decimals, trailing zeros dropped: «15,67», «9».
    public static func decimal(_ value: Double, digits: Int = 2) -> String {
        let scale = pow(10, Double(digits))
        let rounded = (value * scale).rounded() / scale
        var text = String(format: "%.\(digits)f", rounded).replacingOccurrences(of: ".", with: ",")
        while text.contains(","), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(",") { text.removeLast() }
        return text
    }

    /// A difference of percents in percentage points: «27,5 п. п.» (the sentence's full stop is the abbreviation's).
    public static func points(_ value: Double) -> String {
        percent(value).replacingOccurrences(of: " %", with: " п. п.")
    }
}

/// Evaluates the catalogue over one node's data at one date. Built once per (data, date); every query is a
/// pure function of both, and `rows(_:)` returns exactly what `value(_:)` counted.
public struct IndicatorEvaluator: Sendable {
    /// The node's data, its organisations narrowed to `kinds`.
    public let data: MonitoringData
    public let date: Day
    /// The kinds of organisation that make V: every count reads only their organisations and what they hold.
    public let kinds: Set<OrganisationKind>
    /// 1 September of the date's school year: pairs and programmes that ended before it are not counted.
    public let schoolYearStart: Day

    let orgByID: [UUID: Organisation]
    /// Staff on the date → the first of their places of pedagogical or managerial work in the node (the one a row shows).
    let staffPlace: [UUID: UUID]
    /// (person, organisation) of every staff place on the date: a teacher working in two schools is staff of both.
    let staffPlaces: Set<[UUID]>
    let actKinds: [UUID: Set<LocalActKind>]
    /// The registry's pairs orders by reference: whether a pair's order is in force on the date.
    let pairsOrders: PairsOrders
    let byOrder: [Mentorship]
    let approved: [Programme]
    /// Pairs of every form that entered a programme (an order in force and an approved programme), and their
    /// participants: indicator 13 reads every form, 11 and 12 only pedagogical workers' pairs.
    let entered: Set<UUID>
    let enteredParticipants: [Participant]
    /// Organisations with a roadmap of the date's school year: an act in force, or one made in the roadmap module
    /// (`roadmapsInModule`, which the rows name).
    let roadmapOrganisations: Set<UUID>
    let roadmapsInModule: Set<UUID>
    let mentorshipByID: [UUID: Mentorship]
    let participantsByPair: [UUID: [Participant]]
    /// (person, organisation) of every place of work or study current on the date.
    let currentPlaces: Set<[UUID]>

    /// `kinds`: the organisations of other kinds in `data` are left out (a kindergarten does not move a schools'
    /// share); by default every educational organisation counts, as for one organisation's aggregate.
    public init(_ data: MonitoringData, on date: Day, kinds: Set<OrganisationKind> = Set(OrganisationKind.educational)) {
        var data = data
        data.organisations.removeAll { !kinds.contains($0.kind) }
        self.data = data
        self.date = date
        self.kinds = kinds
        schoolYearStart = date.schoolYearStart
        orgByID = Dictionary((data.organisations + data.partners).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let educational = Set(data.organisations.map(\.id))
        // Staff on the date: the first place of pedagogical or managerial work in the node.
        var place: [UUID: UUID] = [:], places = Set<[UUID]>()
        for m in data.memberships where (m.role == .pedagogical || m.role == .managerial) && m.period.contains(date) && educational.contains(m.organisationID) {
            if place[m.personID] == nil { place[m.personID] = m.organisationID }
            places.insert([m.personID, m.organisationID])
        }
        staffPlace = place
        staffPlaces = places
        currentPlaces = Set(data.memberships.filter { $0.period.contains(date) }.map { [$0.personID, $0.organisationID] })
        let pairByID = Dictionary(data.mentorships.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        mentorshipByID = pairByID
        participantsByPair = Dictionary(grouping: data.participants, by: \.mentorshipID)
        let kinds = Dictionary(grouping: data.acts, by: \.organisationID).mapValues { LocalActRules.kindsInForce($0, on: date) }
        actKinds = kinds
        let yearStart = schoolYearStart
        let orders = PairsOrders(data.acts)
        pairsOrders = orders
        // Worked in the school year: not ended before it.
        let workedInYear = { (m: Mentorship) in m.actualEnd.map { $0 >= yearStart } ?? true }
        byOrder = data.mentorships.filter { m in
            educational.contains(m.organisationID) && orders.isFixed(m, on: date) && workedInYear(m)
        }
        // A programme runs until its end or its pair's actual end, whichever is first: a pair terminated before
        // the school year takes its programme with it.
        let programmes = data.programmes.filter { p in
            p.status.isApproved && (p.approvedOn ?? p.start) <= date && p.end >= yearStart && (pairByID[p.mentorshipID].map(workedInYear) ?? false)
        }
        approved = programmes.filter { p in pairByID[p.mentorshipID].map { educational.contains($0.organisationID) } ?? false }
        // «Вошёл в программу» (seed 001, indicators 11–12): fixed by an order AND the programme approved.
        let approvedPairs = Set(approved.map(\.mentorshipID))
        entered = Set(byOrder.map(\.id)).intersection(approvedPairs)
        let enteredSet = entered
        enteredParticipants = data.participants.filter { p in
            enteredSet.contains(p.mentorshipID) && p.joinedOn <= date && (p.leftOn.map { $0 >= yearStart } ?? true)
        }
        let module = Set(data.roadmaps.filter { educational.contains($0.organisationID) && $0.exists(on: date) }.map(\.organisationID))
        roadmapsInModule = module
        roadmapOrganisations = Set(data.organisations.filter { kinds[$0.id]?.contains(.roadmap) == true }.map(\.id)).union(module)
    }

    public func value(_ d: IndicatorDefinition) -> IndicatorValue {
        IndicatorValue(definition: d, numerator: count(d.numerator), denominator: d.denominator.map(count), kinds: kinds)
    }

    public func values(_ defs: [IndicatorDefinition] = IndicatorCatalogue.all) -> [IndicatorValue] { defs.map(value) }

    // MARK: Rows

    /// What a query selects, before it becomes rows: counting needs neither names nor order.
    enum Selection {
        case organisations([Organisation])
        case partners([Organisation])
        case people(Set<UUID>)
        case mentorships([Mentorship])
        case programmes([Programme])
        case mentors([MentorProfile])
        case mentees([MenteeProfile])
    }

    func select(_ q: IndicatorQuery) -> Selection {
        switch q {
        case .organisations: return orgs { _ in true }
        case let .organisationsWithAct(kind): return orgs { actKinds[$0.id]?.contains(kind) == true }
        case .organisationsWithMentorBase: return orgs(Set(mentors.map(\.organisationID)))
        case .organisationsWithMenteeBase: return orgs(Set(mentees.map(\.organisationID)))
        case .organisationsWithRoadmap: return orgs(roadmapOrganisations)
        case .organisationsWithPairsOrder: return orgs(organisationsWithPairsOrder)
        case .organisationsWithPublicPage: return orgs { data.publicPages[$0.id].map { $0 <= date } ?? false }
        case .organisationsImplementing:
            let pairs = organisationsWithPairsOrder, programmes = Set(approvedOrganisations), needy = organisationsNeedingMentors
            return orgs { o in
                let acts = actKinds[o.id] ?? []
                guard acts.contains(.implementationOrder), acts.contains(.regulation) else { return false }
                return !needy.contains(o.id) || (pairs.contains(o.id) && programmes.contains(o.id))
            }
        case .mentorshipsByOrder: return .mentorships(byOrder)
        case .staffMentorshipsByOrder: return .mentorships(staffByOrder)
        case let .mentorshipsByOrderOfForm(form): return .mentorships(byOrder.filter { $0.form == form })
        case .approvedProgrammes: return .programmes(staffApproved)
        case .staff: return .people(Set(staffPlace.keys))
        case .youngSpecialists: return .people(youngSpecialists)
        case .youngSpecialistsEntered: return .people(youngSpecialists.intersection(enteredPeople(.mentee, staff: true)))
        case .staffEnteredAsMentors: return .people(Set(staffPlace.keys).intersection(enteredPeople(.mentor, staff: true)))
        case .enterprisesInProgrammes: return .partners(enterprisesInProgrammes)
        case .mentorsInBase: return .mentors(mentors)
        case let .mentorsWithCompetency(c): return .mentors(mentors.filter { $0.competencies.contains(c) })
        case .mentorsWithShortExperience: return .mentors(mentors.filter { data.people[$0.personID]?.isYoungSpecialist(on: date) == true })
        case .menteesInBase: return .mentees(mentees)
        case let .menteesWithRequest(r): return .mentees(mentees.filter { $0.mainRequest == r })
        }
    }

    /// How many rows `rows(q)` has, without making them.
    public func count(_ q: IndicatorQuery) -> Int {
        switch select(q) {
        case let .organisations(o), let .partners(o): return o.count
        // A person is a row only with their record (as in `personRows`).
        case let .people(ids): return ids.count(where: { data.people[$0] != nil })
        case let .mentorships(m): return m.count
        case let .programmes(p): return p.count
        case let .mentors(m): return m.count
        case let .mentees(m): return m.count
        }
    }

    public func rows(_ q: IndicatorQuery) -> [IndicatorRow] {
        switch select(q) {
        case let .organisations(o): return o.sortedByName(\.shortName).map { organisationRow($0) }
        case let .partners(o): return o.sortedByName(\.shortName).map { organisationRow($0) }
        case let .people(ids): return personRows(ids)
        case let .mentorships(m): return m.map(mentorshipRow)
        case let .programmes(p):
            return p.map { p in
                let m = mentorshipByID[p.mentorshipID]
                return IndicatorRow(kind: .programme, id: p.id, title: m.map(title) ?? "Программа", organisationID: m?.organisationID,
                                    organisation: m.flatMap { orgByID[$0.organisationID]?.shortName },
                                    detail: "утверждена \((p.approvedOn ?? p.start).russian), \(p.start.russian) — \(p.end.russian)")
            }
        case let .mentors(m): return m.map(mentorRow)
        case let .mentees(m): return m.map(menteeRow)
        }
    }

    // MARK: Parts

    /// Base entries that count on the date: entered by then, not «выбыл», and the person still in that organisation.
    var mentors: [MentorProfile] {
        data.mentorProfiles.filter { $0.status != .left && $0.enteredOn <= date && isMember($0.personID, of: $0.organisationID) }
    }

    var mentees: [MenteeProfile] {
        data.menteeProfiles.filter { $0.status != .left && $0.enteredOn <= date && isMember($0.personID, of: $0.organisationID) }
    }

    func isMember(_ person: UUID, of org: UUID) -> Bool {
        orgByID[org]?.kind.isEducational == true && currentPlaces.contains([person, org])
    }

    var youngSpecialists: Set<UUID> {
        Set(staffPlace.keys.filter { data.people[$0]?.isYoungSpecialist(on: date) == true })
    }

    /// Pairs of pedagogical workers fixed by an order (indicator 8), and their approved programmes (indicator 10):
    /// Table 1 is about the mentorship of staff.
    var staffByOrder: [Mentorship] { byOrder.filter(\.form.isStaff) }
    var staffApproved: [Programme] { approved.filter { mentorshipByID[$0.mentorshipID]?.form.isStaff == true } }

    /// Indicator 9: organisations where an order in force fixes a pedagogical workers' pair of the school year. A
    /// pairs order naming only pairs with students, or cancelled by the date, does not count.
    var organisationsWithPairsOrder: Set<UUID> { Set(staffByOrder.map(\.organisationID)) }

    var approvedOrganisations: [UUID] { staffApproved.compactMap { mentorshipByID[$0.mentorshipID]?.organisationID } }

    /// Organisations with staff who need a mentor: a young specialist on their staff, or a mentee of their base
    /// on their staff. Every staff place counts, so that whether an organisation needs mentors does not depend
    /// on the node it is seen from (a young teacher of two schools makes both need one).
    var organisationsNeedingMentors: Set<UUID> {
        let young = staffPlaces.filter { data.people[$0[0]]?.isYoungSpecialist(on: date) == true }.map { $0[1] }
        let staffMentees = mentees.filter { staffPlaces.contains([$0.personID, $0.organisationID]) }.map(\.organisationID)
        return Set(young + staffMentees)
    }

    /// People taking part in entered programmes (pair order and approved programme) in this role; `staff`: in
    /// pedagogical workers' pairs only (Table 1's indicators 11 and 12).
    func enteredPeople(_ role: ParticipantRole, staff: Bool) -> Set<UUID> {
        Set(enteredParticipants.filter { p in p.role == role && (!staff || mentorshipByID[p.mentorshipID]?.form.isStaff == true) }.map(\.personID))
    }

    /// Partner enterprises where a mentor of an entered programme works on the date.
    var enterprisesInProgrammes: [Organisation] {
        let mentorIDs = enteredPeople(.mentor, staff: false)
        let partnerIDs = Set(data.partners.map(\.id))
        let ids = Set(data.memberships.filter { mentorIDs.contains($0.personID) && partnerIDs.contains($0.organisationID) && $0.period.contains(date) }.map(\.organisationID))
        return data.partners.filter { ids.contains($0.id) }
    }

    func orgs(_ ids: Set<UUID>) -> Selection { orgs { ids.contains($0.id) } }

    func orgs(_ include: (Organisation) -> Bool) -> Selection { .organisations(data.organisations.filter(include)) }

    func organisationRow(_ o: Organisation) -> IndicatorRow {
        let acts = (actKinds[o.id] ?? []).map(\.label).sorted()
        var detail = acts.isEmpty ? "действующих локальных актов нет" : "действуют: " + acts.joined(separator: "; ")
        let year = RoadmapRules.schoolYear(of: date)
        if roadmapsInModule.contains(o.id) {
            detail += "; дорожная карта на \(year)/\(year + 1) учебный год составлена в разделе «Дорожная карта»"
        }
        return IndicatorRow(kind: .organisation, id: o.id, title: o.shortName, organisationID: o.id, organisation: o.shortName, detail: detail)
    }

    func personRows(_ ids: Set<UUID>) -> [IndicatorRow] {
        ids.compactMap { id -> IndicatorRow? in
            guard let p = data.people[id] else { return nil }
            let org = staffPlace[id]
            let experience = p.pedagogicalExperience(on: date).map { "педагогический стаж: \($0.russian)" }
            return IndicatorRow(kind: .person, id: id, title: p.fullName, organisationID: org, organisation: org.flatMap { orgByID[$0]?.shortName }, detail: experience)
        }.sorted { a, b in a.organisation == b.organisation ? Self.before(a.title, b.title) : Self.before(a.organisation ?? "", b.organisation ?? "") }
    }

    /// «СОШ № 2» before «СОШ № 10»: numbers inside names compare as numbers.
    public static func before(_ a: String, _ b: String) -> Bool { NameKey(a) < NameKey(b) }

    func mentorRow(_ m: MentorProfile) -> IndicatorRow {
        let p = data.people[m.personID]
        return IndicatorRow(kind: .person, id: m.personID, title: p?.fullName ?? "—", organisationID: m.organisationID,
                            organisation: orgByID[m.organisationID]?.shortName, detail: m.competencies.map(\.label).joined(separator: ", "))
    }

    func menteeRow(_ m: MenteeProfile) -> IndicatorRow {
        let p = data.people[m.personID]
        return IndicatorRow(kind: .person, id: m.personID, title: p?.fullName ?? "—", organisationID: m.organisationID,
                            organisation: orgByID[m.organisationID]?.shortName, detail: m.mainRequest.label)
    }

    func title(_ m: Mentorship) -> String {
        let names = (participantsByPair[m.id] ?? []).filter { $0.leftOn == nil }
            .sorted { $0.role == .mentor && $1.role != .mentor }
            .compactMap { data.people[$0.personID]?.shortName }
        return m.title.nonBlank ?? (names.isEmpty ? m.form.label : names.joined(separator: " — "))
    }

    func mentorshipRow(_ m: Mentorship) -> IndicatorRow {
        IndicatorRow(kind: .mentorship, id: m.id, title: title(m), organisationID: m.organisationID,
                     organisation: orgByID[m.organisationID]?.shortName, detail: "\(m.form.label); \(pairsOrders.describe(m, on: date) ?? "")")
    }
}
