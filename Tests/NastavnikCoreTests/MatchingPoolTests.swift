import Foundation
import Testing

@testable import NastavnikCore

private enum PX {
    static let today = Day("2026-11-25")!
    static let school = UUID(), neighbour = UUID(), farAway = UUID(), mun = UUID()

    static func profile(org: UUID, network: Bool = false, status: MentorStatus = .active, forms: [MentorshipForm] = [.teacherTeacher]) -> MentorProfile {
        MentorProfile(personID: UUID(), organisationID: org, forms: forms, status: status, network: network, enteredOn: Day("2025-09-01")!)
    }

    static func mentor(_ last: String, org: UUID = school, network: Bool = false, competencies: [Competency] = [.subject], capacity: Int = 2, load: Int = 0) -> MatchingMentor {
        let p = Person(lastName: last, firstName: "Анна", middleName: "Сергеевна", birthDate: Day("1975-01-01")!, pedagogicalExperienceStart: Day("2001-09-01")!)
        return MatchingMentor(
            person: p, profile: MentorProfile(personID: p.id, organisationID: org, competencies: competencies, capacity: capacity, network: network, enteredOn: Day("2025-09-01")!),
            memberships: [Membership(personID: p.id, organisationID: org, role: .pedagogical, position: "учитель математики", subjects: ["математика"], period: Period(start: Day("2001-09-01")!))],
            consents: [Consent(personID: p.id, signer: .subject, signedOn: Day("2025-09-01")!, scope: ConsentRules.defaultScope)], municipalityID: mun, load: load)
    }

    static func mentee(_ last: String) -> MatchingMentee {
        let p = Person(lastName: last, firstName: "Мария", birthDate: Day("2000-01-01")!, pedagogicalExperienceStart: Day("2025-09-01")!)
        return MatchingMentee(
            person: p, profile: MenteeProfile(personID: p.id, organisationID: school, mainRequest: .methodical, enteredOn: Day("2025-09-01")!),
            memberships: [Membership(personID: p.id, organisationID: school, role: .pedagogical, subjects: ["математика"], period: Period(start: Day("2025-09-01")!))],
            consents: [Consent(personID: p.id, signer: .subject, signedOn: Day("2025-09-01")!, scope: ConsentRules.defaultScope)], municipalityID: mun)
    }
}

@Suite("Matching pool: a school's own mentors unless network mentors are asked for; the curator's shortlist")
struct MatchingPoolTests {
    @Test("A run for one organisation admits its own mentors; network mentors of others only when asked for")
    func poolRule() {
        let own = PX.profile(org: PX.school), networked = PX.profile(org: PX.neighbour, network: true), local = PX.profile(org: PX.neighbour)
        let school = MatchingPoolRule(organisations: [PX.school], includeNetwork: false)
        #expect(school.admits(own, form: .teacherTeacher))
        #expect(!school.admits(networked, form: .teacherTeacher), "a network mentor of another school is not considered by default")
        #expect(!school.admits(local, form: .teacherTeacher))
        let wide = MatchingPoolRule(organisations: [PX.school], includeNetwork: true)
        #expect(wide.admits(own, form: .teacherTeacher))
        #expect(wide.admits(networked, form: .teacherTeacher), "asked for, the regional pool joins")
        #expect(!wide.admits(local, form: .teacherTeacher), "a mentor who did not agree to network mentorship stays with their school")
        // Whatever the option: those who left the base or do not lead the form are not in the pool.
        #expect(!wide.admits(PX.profile(org: PX.school, status: .left), form: .teacherTeacher))
        #expect(!wide.admits(PX.profile(org: PX.school, forms: [.studentStudent]), form: .teacherTeacher))
        // A municipality's run covers its organisations: their mentors are all its own.
        let municipality = MatchingPoolRule(organisations: [PX.school, PX.neighbour], includeNetwork: false)
        #expect(municipality.admits(local, form: .teacherTeacher) && municipality.admits(networked, form: .teacherTeacher))
        #expect(!municipality.admits(PX.profile(org: PX.farAway, network: true), form: .teacherTeacher))
    }

    @Test("The rule says in Russian why a mentor is outside a run")
    func refusals() {
        let school = MatchingPoolRule(organisations: [PX.school], includeNetwork: false)
        #expect(school.refusal([PX.profile(org: PX.school)], form: .teacherTeacher) == nil)
        #expect(school.refusal([PX.profile(org: PX.neighbour, network: true)], form: .teacherTeacher) == "из другой организации, а подбор идёт без сетевых наставников")
        #expect(MatchingPoolRule(organisations: [PX.school], includeNetwork: true).refusal([PX.profile(org: PX.neighbour)], form: .teacherTeacher) == "не готов к сетевому наставничеству")
        #expect(school.refusal([], form: .teacherTeacher) == "не состоит в базе наставников")
        #expect(school.refusal([PX.profile(org: PX.school, forms: [.studentStudent])], form: .teacherTeacher) == "не ведёт форму «учитель – учитель (педагог – педагог)»")
    }

    @Test("Over the pool the rule admits, a school's run proposes only the school's mentors though a network mentor scores higher")
    func ownMentorsWin() {
        let own = [PX.mentor("Петрова"), PX.mentor("Иванова")]
        let star = PX.mentor("Сетевая", org: PX.neighbour, network: true, competencies: [.subject, .organisationalMethodical], capacity: 5)
        let mentees = [PX.mentee("Первая"), PX.mentee("Вторая"), PX.mentee("Третья")]
        func run(_ network: Bool) -> MatchingResult {
            let rule = MatchingPoolRule(organisations: [PX.school], includeNetwork: network)
            return MatchingEngine.run(mentors: (own + [star]).filter { rule.admits($0.profile, form: .teacherTeacher) }, mentees: mentees, form: .teacherTeacher,
                                      mode: .optimalCountFirst, weights: .defaults, preferences: MatchingPreferences(network: network), today: PX.today)
        }
        let plain = run(false)
        #expect(plain.pairs.count == 3)
        #expect(Set(plain.pairs.map(\.mentorID)).isSubset(of: Set(own.map(\.id))))
        #expect(run(true).pairs.contains { $0.mentorID == star.id })
    }

    @Test("The shortlist ranks admissible mentors with a place left after the run's other pairs, with the strongest reasons")
    func shortlist() {
        let a = PX.mentor("Петрова", capacity: 1), b = PX.mentor("Иванова", competencies: [.subject, .organisationalMethodical], capacity: 2)
        let full = PX.mentor("Занятая", capacity: 1, load: 1)
        let mentee = PX.mentee("Новикова")
        let list = MatchingEngine.shortlist(for: mentee, mentors: [a, b, full], taken: [a.id: 1], form: .teacherTeacher, weights: .defaults,
                                            preferences: MatchingPreferences(), today: PX.today)
        #expect(list.map(\.mentorID) == [b.id], "Petrova's place is given to another pair of the run, the full mentor has none")
        #expect(list.first?.freePlaces == 2)
        #expect(list.first?.reasons.count == 2)
        #expect(list.first?.reasons.first?.hasPrefix("запрос «методическая помощь»") == true, "the criterion with the most points first")
        let free = MatchingEngine.shortlist(for: mentee, mentors: [a, b], taken: [:], form: .teacherTeacher, weights: .defaults, preferences: MatchingPreferences(), today: PX.today)
        #expect(free.map(\.mentorID) == [b.id, a.id])
        let many = (0..<8).map { PX.mentor("Наставник\($0)") }
        #expect(MatchingEngine.shortlist(for: mentee, mentors: many, taken: [:], form: .teacherTeacher, weights: .defaults, preferences: MatchingPreferences(), today: PX.today).count == 5)
    }

    @Test("The curator's choice needs a place once the run's pairs are counted, and overrides an earlier removal")
    func choice() {
        let a = PX.mentor("Петрова", capacity: 1), mentee = PX.mentee("Новикова")
        #expect(MatchingEngine.choiceRefusal(a, mentee, taken: 0, form: .teacherTeacher, preferences: MatchingPreferences(), today: PX.today) == nil)
        #expect(MatchingEngine.choiceRefusal(a, mentee, taken: 1, form: .teacherTeacher, preferences: MatchingPreferences(), today: PX.today)
            == "у наставника нет свободных мест: занято 1 из 1 с учётом пар этого подбора")
        let removed = MatchingPreferences(excluded: [PairKey(mentor: a.id, mentee: mentee.id)])
        #expect(MatchingEngine.choiceRefusal(a, mentee, taken: 0, form: .teacherTeacher, preferences: removed, today: PX.today) == nil)
        let stranger = PX.mentor("Чужая", org: PX.neighbour)
        #expect(MatchingEngine.choiceRefusal(stranger, mentee, taken: 0, form: .teacherTeacher, preferences: MatchingPreferences(), today: PX.today) == "наставник не готов к сетевому наставничеству")
    }

    @Test("A mentor is named with position and organisation, by their place in the preferred organisation first")
    func affiliation() {
        let person = UUID()
        let here = Membership(personID: person, organisationID: PX.school, role: .pedagogical, position: "учитель математики", period: Period(start: Day("2010-09-01")!))
        let there = Membership(personID: person, organisationID: PX.neighbour, role: .managerial, position: "заместитель директора", period: Period(start: Day("2015-09-01")!))
        let old = Membership(personID: person, organisationID: PX.farAway, role: .pedagogical, position: "учитель", period: Period(start: Day("2000-09-01")!, end: Day("2009-06-30")!))
        #expect(Affiliation.place([there, here], preferring: [PX.school], on: PX.today) == here)
        #expect(Affiliation.place([here, there], preferring: [PX.farAway, PX.neighbour], on: PX.today) == there, "a past place is not where one works")
        #expect(Affiliation.place([old], preferring: [PX.school], on: PX.today) == old, "only a past place: that one")
        #expect(Affiliation.place([], preferring: [PX.school], on: PX.today) == nil)
        #expect(Affiliation.line("Петрова Анна Сергеевна", position: "учитель математики", organisation: "МБОУ СОШ № 12") == "Петрова Анна Сергеевна, учитель математики МБОУ СОШ № 12")
        #expect(Affiliation.line("Петрова Анна Сергеевна", position: nil, organisation: "МБОУ СОШ № 12") == "Петрова Анна Сергеевна, МБОУ СОШ № 12")
        #expect(Affiliation.line("Петрова Анна Сергеевна", position: " ", organisation: nil) == "Петрова Анна Сергеевна")
    }

    @Test("Runs stored before «сетевые наставники» existed decode as a run without them; the option survives a round trip")
    func preferencesDecode() throws {
        let old = #"{"menteeRanking":[],"mentorRanking":[],"marks":[],"excluded":[],"locked":[],"onlyTrained":true}"#
        let p = try JSONDecoder().decode(MatchingPreferences.self, from: Data(old.utf8))
        #expect(p == MatchingPreferences(onlyTrained: true))
        #expect(try JSONDecoder().decode(MatchingPreferences.self, from: JSONEncoder().encode(MatchingPreferences(network: true))).network)
    }
}
