import Foundation
import Testing

@testable import NastavnikCore

/// Seed 001's 83 schools with what makes adding up organisations hard: people who take part in more than one
/// organisation, and partner enterprises that serve several schools.
enum CrossOrganisation {
    static func day(_ s: String) -> Day { Day(s)! }
    static let s = Seed001.schools
    static let enterprise = Organisation(municipalityID: UUID(), kind: .partner, name: "АО «Завод»", shortName: "АО «Завод»")
    static let enterprise2 = Organisation(municipalityID: UUID(), kind: .partner, name: "ООО «Связь»", shortName: "ООО «Связь»")

    static let data: MonitoringData = {
        var d = Seed001.build().data
        d.partners = [enterprise, enterprise2]
        func person(young: Bool) -> UUID {
            let p = Person(lastName: "Совместитель\(d.people.count)", firstName: "Ольга", birthDate: day(young ? "1999-01-01" : "1970-01-01"),
                           pedagogicalExperienceStart: young ? day("2021-09-01") : day("1995-09-01"))
            d.people[p.id] = p
            return p.id
        }
        func place(_ p: UUID, _ org: Organisation, _ role: MembershipRole = .pedagogical, from: String = "2015-09-01", to: String? = nil) {
            d.memberships.append(Membership(personID: p, organisationID: org.id, role: role, period: Period(start: day(from), end: to.map(day))))
        }
        func pair(_ org: Organisation, mentor: UUID, mentee: UUID) {
            let m = Mentorship(organisationID: org.id, form: .teacherTeacher, start: Seed001.pairStart, plannedEnd: day("2022-05-31"), status: .active,
                               order: OrderReference(number: "9-п", date: day("2021-10-10")))
            d.mentorships.append(m)
            d.participants += [Participant(mentorshipID: m.id, personID: mentor, role: .mentor, joinedOn: Seed001.pairStart),
                               Participant(mentorshipID: m.id, personID: mentee, role: .mentee, joinedOn: Seed001.pairStart)]
            d.programmes.append(Programme(mentorshipID: m.id, goals: "Адаптация", expectedResults: "Открытый урок", start: Seed001.pairStart, end: day("2022-05-31"),
                                          status: .approved, approvedOn: day("2021-11-01")))
        }
        // A young teacher of schools 1 and 2, a mentee of an entered pair of school 1 (mentored by a teacher of both).
        let both = person(young: true), bothMentor = person(young: false)
        place(both, s[0]); place(both, s[1]); place(bothMentor, s[0]); place(bothMentor, s[1], .managerial)
        pair(s[0], mentor: bothMentor, mentee: both)
        // A young teacher of school 3, a mentee in a pair of school 4, whose mentor teaches at school 4.
        let visitor = person(young: true), host = person(young: false)
        place(visitor, s[2]); place(host, s[3])
        pair(s[3], mentor: host, mentee: visitor)
        // An engineer of the enterprise mentoring in schools 5 and 6: one enterprise, counted once.
        let engineer = person(young: false)
        place(engineer, enterprise, .partnerEmployee)
        for i in [4, 5] {
            let mentee = person(young: true)
            place(mentee, s[i])
            pair(s[i], mentor: engineer, mentee: mentee)
        }
        // A teacher of school 7 who also works for the second enterprise, mentoring in school 8.
        let teacherEngineer = person(young: false), mentee8 = person(young: true)
        place(teacherEngineer, s[6]); place(teacherEngineer, enterprise2, .partnerEmployee); place(mentee8, s[7])
        pair(s[7], mentor: teacherEngineer, mentee: mentee8)
        // A teacher who left school 9 for school 10 in 2021.
        let mover = person(young: true)
        place(mover, s[8], to: "2021-08-31"); place(mover, s[9], from: "2021-09-01")
        // A young teacher of schools 81 and 82 with no pair; a mentee in school 12's base who works at school 11.
        let unpaired = person(young: true)
        place(unpaired, s[80]); place(unpaired, s[81])
        let outsideMentee = person(young: false)
        place(outsideMentee, s[10]); place(outsideMentee, s[11], .otherStaff)
        d.menteeProfiles.append(MenteeProfile(personID: outsideMentee, organisationID: s[11].id, mainRequest: .digital, enteredOn: day("2021-09-20")))
        return d
    }()

    /// The node's data as `IndicatorService.load` gives it: its organisations' records, and every place of
    /// the people who take part in them.
    static func node(_ ids: Set<UUID>) -> MonitoringData {
        let d = data
        let pairs = d.mentorships.filter { ids.contains($0.organisationID) }
        let pairIDs = Set(pairs.map(\.id))
        let participants = d.participants.filter { pairIDs.contains($0.mentorshipID) }
        let people = Set(d.memberships.filter { ids.contains($0.organisationID) }.map(\.personID)).union(participants.map(\.personID))
        return MonitoringData(
            organisations: d.organisations.filter { ids.contains($0.id) }, partners: d.partners, acts: d.acts.filter { ids.contains($0.organisationID) },
            people: d.people.filter { people.contains($0.key) }, memberships: d.memberships.filter { people.contains($0.personID) },
            mentorProfiles: d.mentorProfiles.filter { ids.contains($0.organisationID) }, menteeProfiles: d.menteeProfiles.filter { ids.contains($0.organisationID) },
            mentorships: pairs, participants: participants, programmes: d.programmes.filter { pairIDs.contains($0.mentorshipID) },
            publicPages: d.publicPages.filter { ids.contains($0.key) })
    }

    static let dates = [Seed001.date, day("2021-09-01"), day("2021-10-12"), day("2022-09-05"), day("2024-10-01")]

    static let nodes: [(String, Set<UUID>)] = [
        ("all 83", Set(s.map(\.id))), ("schools 1–40", Set(s[0..<40].map(\.id))), ("schools 41–83", Set(s[40...].map(\.id))),
        ("schools 1 and 2", [s[0].id, s[1].id]), ("schools 3 and 4", [s[2].id, s[3].id]), ("schools 5, 6, 7, 8", Set(s[4..<8].map(\.id))),
        ("school 1", [s[0].id]), ("school 2", [s[1].id]), ("school 3", [s[2].id]), ("school 4", [s[3].id]), ("school 8", [s[7].id]),
        ("schools 81 and 82", [s[80].id, s[81].id]), ("school 12", [s[11].id]),
    ]
}

@Suite("Aggregates by organisation add up to the node's indicators")
struct IndicatorAggregateTests {
    @Test("Every indicator of every node, on five dates, equals the evaluator's over the node's rows", arguments: CrossOrganisation.dates)
    func exact(_ date: Day) {
        let aggregates = CrossOrganisation.data.aggregates(on: date)
        #expect(aggregates.count == 83)
        for (name, ids) in CrossOrganisation.nodes {
            let reference = IndicatorEvaluator(CrossOrganisation.node(ids), on: date).values()
            let summed = IndicatorTotals(aggregates.filter { ids.contains($0.organisationID) }).values(kinds: Set(OrganisationKind.educational))
            for (a, b) in zip(reference, summed) {
                #expect(a == b, "\(name) on \(date.russian), indicator \(a.id): rows \(a.numerator)/\(a.denominator ?? -1), aggregates \(b.numerator)/\(b.denominator ?? -1)")
            }
        }
    }

    @Test("The people who take part in two organisations are what a plain sum would count twice")
    func plainSumIsWrong() throws {
        let ids: Set<UUID> = [CrossOrganisation.s[0].id, CrossOrganisation.s[1].id]
        let node = IndicatorEvaluator(CrossOrganisation.node(ids), on: Seed001.date)
        let perOrganisation = ids.map { IndicatorEvaluator(CrossOrganisation.node([$0]), on: Seed001.date) }
        #expect(perOrganisation.map { $0.count(.staff) }.reduce(0, +) == node.count(.staff) + 2)
        #expect(perOrganisation.map { $0.count(.youngSpecialists) }.reduce(0, +) == node.count(.youngSpecialists) + 1)
        // Schools 3 and 4: the visitor is a young specialist of school 3 and a mentee of school 4 — of neither alone.
        let pair: Set<UUID> = [CrossOrganisation.s[2].id, CrossOrganisation.s[3].id]
        let visitorNode = IndicatorEvaluator(CrossOrganisation.node(pair), on: Seed001.date)
        let alone = pair.map { IndicatorEvaluator(CrossOrganisation.node([$0]), on: Seed001.date).count(.youngSpecialistsEntered) }.reduce(0, +)
        #expect(visitorNode.count(.youngSpecialistsEntered) == alone + 1)
        // One enterprise in two schools.
        let five: Set<UUID> = [CrossOrganisation.s[4].id, CrossOrganisation.s[5].id]
        #expect(IndicatorEvaluator(CrossOrganisation.node(five), on: Seed001.date).count(.enterprisesInProgrammes) == 1)
        #expect(IndicatorEvaluator(CrossOrganisation.node([CrossOrganisation.s[7].id]), on: Seed001.date).count(.enterprisesInProgrammes) == 1)
        // Only those people are kept by id; everyone else is a count.
        let aggregates = CrossOrganisation.data.aggregates(on: Seed001.date)
        #expect(aggregates.map(\.people.count).reduce(0, +) <= 16)
        let first = try #require(aggregates.first { $0.organisationID == CrossOrganisation.s[0].id })
        #expect(first.people.values.contains([.staff, .young, .mentee]))
    }

    @Test("A young teacher of two schools makes both need pair orders, whichever node they are seen from")
    func needyEverywhere() {
        let ids: Set<UUID> = [CrossOrganisation.s[80].id, CrossOrganisation.s[81].id]
        let node = IndicatorEvaluator(CrossOrganisation.node(ids), on: Seed001.date)
        #expect(node.organisationsNeedingMentors == ids)
        for id in ids { #expect(IndicatorEvaluator(CrossOrganisation.node([id]), on: Seed001.date).organisationsNeedingMentors == [id]) }
    }

    @Test("Stored text gives back the people and partners; a count is the same without rows")
    func storedText() throws {
        let aggregates = CrossOrganisation.data.aggregates(on: Seed001.date)
        var totals = IndicatorTotals()
        for a in aggregates {
            totals.counts.merge(a.counts, uniquingKeysWith: +)
            if let p = a.peopleText { totals.addPeople(p) }
            if let p = a.partnersText { totals.addPartners(p) }
        }
        #expect(totals == IndicatorTotals(aggregates))
        #expect(totals.partners == [CrossOrganisation.enterprise.id, CrossOrganisation.enterprise2.id])
        let e = IndicatorEvaluator(CrossOrganisation.data, on: Seed001.date)
        for q in IndicatorAggregate.queries { #expect(e.count(q) == e.rows(q).count, "\(q)") }
        #expect(totals.dataFlags == e.dataFlags)
    }
}
