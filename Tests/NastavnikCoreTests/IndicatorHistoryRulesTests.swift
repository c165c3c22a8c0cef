import Foundation
import Testing

@testable import NastavnikCore

/// Issue 25's rules, pure: a pair is fixed only while its order is in force, Table 1 reads pedagogical workers'
/// pairs only, a terminated pair ends its programme, the young-specialist bound around leap days, a roadmap made
/// in the module.
@Suite("Indicators under history: the rules")
struct IndicatorHistoryRulesTests {
    static func day(_ s: String) -> Day { Day(s)! }

    @Test("The earliest start of a young specialist is the rule's bound on every day of 2019–2029, leap days included")
    func youngBound() {
        var day = Self.day("2019-01-01")
        var checked = 0
        while day <= Self.day("2029-12-31") {
            let bound = Person.youngSpecialistEarliestStart(on: day)
            for offset in -3...3 {
                let start = day.adding(years: -3).adding(days: offset)
                let person = Person(lastName: "П", firstName: "П", birthDate: Self.day("1990-01-01"), pedagogicalExperienceStart: start)
                #expect(person.isYoungSpecialist(on: day) == (start >= bound), "\(day.russian), start \(start.russian)")
                checked += 1
            }
            day = day.adding(days: 1)
        }
        #expect(checked > 28_000)
        // The case: on 29.02.2024 a start of 28.02.2021 is 3 years and 1 day; 01.03.2021 is within 3 years.
        #expect(Person.youngSpecialistEarliestStart(on: Self.day("2024-02-29")) == Self.day("2021-03-01"))
        #expect(Person.youngSpecialistEarliestStart(on: Self.day("2024-02-28")) == Self.day("2021-02-28"))
    }

    /// School A with a pairs order 5-о of 01.09.2025 fixing a teachers' pair and a pair with a student, the teachers'
    /// pair's programme approved; school B's pair fixed by an order not in the registry, terminated on 20.05.2026 with
    /// a programme to 28.02.2027.
    struct World {
        let a = Organisation(municipalityID: UUID(), kind: .school, name: "А", shortName: "А")
        let b = Organisation(municipalityID: UUID(), kind: .school, name: "Б", shortName: "Б")
        let mentor = Person(lastName: "Наставник", firstName: "А", birthDate: day("1990-01-01"), pedagogicalExperienceStart: day("2000-09-01"))
        let young = Person(lastName: "Молодой", firstName: "Б", birthDate: day("1990-01-01"), pedagogicalExperienceStart: day("2024-09-01"))
        let student = Person(lastName: "Ученик", firstName: "В", birthDate: day("2012-01-01"))
        let teacherB = Person(lastName: "Учитель", firstName: "Г", birthDate: day("1990-01-01"), pedagogicalExperienceStart: day("2001-09-01"))
        let youngB = Person(lastName: "Молодая", firstName: "Д", birthDate: day("1990-01-01"), pedagogicalExperienceStart: day("2025-09-01"))
        var x: Mentorship, s: Mentorship, w: Mentorship
        var order: LocalAct
        var programmes: [Programme]

        init() {
            let order5 = OrderReference(number: "5-о", date: day("2025-09-01"))
            x = Mentorship(organisationID: a.id, form: .teacherTeacher, start: day("2025-09-01"), plannedEnd: day("2026-05-31"), status: .active, order: order5)
            s = Mentorship(organisationID: a.id, form: .teacherStudent, start: day("2025-09-01"), plannedEnd: day("2026-05-31"), status: .active, order: order5)
            w = Mentorship(organisationID: b.id, form: .teacherTeacher, start: day("2026-03-01"), plannedEnd: day("2027-02-28"), actualEnd: day("2026-05-20"),
                           status: .terminated, order: OrderReference(number: "17-о", date: day("2026-03-01")))
            order = LocalAct(organisationID: a.id, kind: .pairsOrder, title: "Приказ", number: "5-о", date: day("2025-09-01"), status: .approved,
                             mentorshipIDs: [x.id, s.id], createdOn: day("2025-09-01"))
            programmes = [
                Programme(mentorshipID: x.id, goals: "Цели", expectedResults: "Результаты", start: day("2025-09-01"), end: day("2026-05-31"), status: .approved, approvedOn: day("2025-09-05")),
                Programme(mentorshipID: s.id, goals: "Цели", expectedResults: "Результаты", start: day("2025-09-01"), end: day("2026-05-31"), status: .approved, approvedOn: day("2025-09-05")),
                Programme(mentorshipID: w.id, goals: "Цели", expectedResults: "Результаты", start: day("2026-03-01"), end: day("2027-02-28"), status: .terminated, approvedOn: day("2026-03-02")),
            ]
        }

        func data(cancelledOn: Day?, roadmaps: [RoadmapKept] = []) -> MonitoringData {
            var act = order
            if let cancelledOn {
                act.status = .cancelled
                act.cancelledOn = cancelledOn
            }
            let people = [mentor, young, student, teacherB, youngB]
            let places = [(mentor, a, MembershipRole.pedagogical), (young, a, .pedagogical), (student, a, .student), (teacherB, b, .pedagogical), (youngB, b, .pedagogical)]
            return MonitoringData(
                organisations: [a, b], acts: [act], people: Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0) }),
                memberships: places.map { Membership(personID: $0.0.id, organisationID: $0.1.id, role: $0.2, period: Period(start: day("2020-09-01"))) },
                mentorships: [x, s, w],
                participants: [
                    Participant(mentorshipID: x.id, personID: mentor.id, role: .mentor, joinedOn: x.start), Participant(mentorshipID: x.id, personID: young.id, role: .mentee, joinedOn: x.start),
                    Participant(mentorshipID: s.id, personID: mentor.id, role: .mentor, joinedOn: s.start), Participant(mentorshipID: s.id, personID: student.id, role: .mentee, joinedOn: s.start),
                    Participant(mentorshipID: w.id, personID: teacherB.id, role: .mentor, joinedOn: w.start), Participant(mentorshipID: w.id, personID: youngB.id, role: .mentee, joinedOn: w.start),
                ],
                programmes: programmes, roadmaps: roadmaps)
        }
    }

    @Test("A cancelled pairs order fixes nothing from its cancellation on and still counts before it (indicators 8, 9, 11, 12, 15's parts)")
    func cancelledOrder() {
        let w = World()
        let cancelled = w.data(cancelledOn: Self.day("2025-12-01"))
        let orders = PairsOrders(cancelled.acts)
        #expect(orders.isFixed(w.x, on: Self.day("2025-11-30")))
        #expect(!orders.isFixed(w.x, on: Self.day("2025-12-01")))
        #expect(!orders.isFixed(w.x, on: Self.day("2025-08-31")), "before the order's date")
        // An order typed on the card, not in the registry, fixes from its date; another school's 5-о cancels nothing here.
        #expect(orders.isFixed(w.w, on: Self.day("2026-03-01")))
        var elsewhere = w.x
        elsewhere.organisationID = w.b.id
        #expect(orders.isFixed(elsewhere, on: Self.day("2026-01-15")))
        #expect(orders.describe(w.x, on: Self.day("2026-01-15")) == "приказ от 01.09.2025 № 5-о отменён с 01.12.2025: пара не закреплена")
        #expect(orders.describe(w.x, on: Self.day("2025-10-01")) == "закреплена: приказ от 01.09.2025 № 5-о (реестр)")
        #expect(orders.describe(w.w, on: Self.day("2026-04-15")) == "приказ от 01.03.2026 № 17-о (нет в реестре локальных актов)")

        let before = IndicatorEvaluator(cancelled, on: Self.day("2025-10-01"))
        #expect(Set(before.rows(.staffMentorshipsByOrder).map(\.id)) == [w.x.id])
        #expect(Set(before.rows(.mentorshipsByOrder).map(\.id)) == [w.x.id, w.s.id])
        #expect(Set(before.rows(.organisationsWithPairsOrder).map(\.id)) == [w.a.id])
        #expect(Set(before.rows(.youngSpecialistsEntered).map(\.id)) == [w.young.id])
        #expect(Set(before.rows(.staffEnteredAsMentors).map(\.id)) == [w.mentor.id])
        let after = IndicatorEvaluator(cancelled, on: Self.day("2026-01-15"))
        #expect(after.rows(.staffMentorshipsByOrder).isEmpty)
        #expect(after.rows(.mentorshipsByOrder).isEmpty)
        #expect(after.rows(.organisationsWithPairsOrder).isEmpty)
        #expect(after.rows(.youngSpecialistsEntered).isEmpty)
        #expect(after.rows(.staffEnteredAsMentors).isEmpty)
        // Programmes are approved whatever the order: indicator 10 still has X's.
        #expect(Set(after.rows(.approvedProgrammes).map(\.id)) == [w.programmes[0].id])
        // Not cancelled, the same order holds on the later date.
        let kept = IndicatorEvaluator(w.data(cancelledOn: nil), on: Self.day("2026-01-15"))
        #expect(Set(kept.rows(.staffMentorshipsByOrder).map(\.id)) == [w.x.id])
    }

    @Test("Pairs with students stay out of indicators 9 and 12: an order naming only them, a mentor of only them")
    func studentPairs() {
        var w = World()
        w.x.order = nil
        let e = IndicatorEvaluator(w.data(cancelledOn: nil), on: Self.day("2025-10-01"))
        #expect(Set(e.rows(.mentorshipsByOrder).map(\.id)) == [w.s.id])
        #expect(e.rows(.organisationsWithPairsOrder).isEmpty, "A's order fixes only the pair with a student")
        #expect(e.rows(.staffEnteredAsMentors).isEmpty, "the mentor entered only a student's programme")
    }

    @Test("A pair terminated before the school year takes its programme with it (indicator 10); before, it counted")
    func terminatedProgramme() {
        let w = World()
        let data = w.data(cancelledOn: nil)
        let spring = IndicatorEvaluator(data, on: Self.day("2026-04-15"))
        #expect(Set(spring.rows(.approvedProgrammes).map(\.id)) == [w.programmes[0].id, w.programmes[2].id])
        #expect(Set(spring.rows(.youngSpecialistsEntered).map(\.id)) == [w.youngB.id, w.young.id])
        let autumn = IndicatorEvaluator(data, on: Self.day("2026-10-10"))
        #expect(autumn.rows(.approvedProgrammes).isEmpty, "W's programme runs to 28.02.2027, but W ended on 20.05.2026")
        // X, never closed, still counts; W ended before the school year.
        #expect(Set(autumn.rows(.staffMentorshipsByOrder).map(\.id)) == [w.x.id])
    }

    @Test("Indicator 5 counts a roadmap act in force or a roadmap of the date's school year made in the module by then")
    func roadmaps() {
        let w = World()
        let made = [RoadmapKept(organisationID: w.b.id, schoolYear: 2026, createdOn: Self.day("2026-11-25")),
                    RoadmapKept(organisationID: w.a.id, schoolYear: 2025, createdOn: nil)]
        let data = w.data(cancelledOn: nil, roadmaps: made)
        let definition = IndicatorCatalogue.definition("5")!
        #expect(definition.numerator == .organisationsWithRoadmap)
        #expect(definition.formula.contains("в разделе «Дорожная карта»"))
        #expect(Set(IndicatorEvaluator(data, on: Self.day("2026-01-15")).rows(.organisationsWithRoadmap).map(\.id)) == [w.a.id], "A's roadmap of 2025/2026, made before the day was kept")
        #expect(IndicatorEvaluator(data, on: Self.day("2026-11-24")).rows(.organisationsWithRoadmap).isEmpty, "B's is made on 25.11.2026; A's is last year's")
        let today = IndicatorEvaluator(data, on: Self.day("2026-11-25"))
        #expect(Set(today.rows(.organisationsWithRoadmap).map(\.id)) == [w.b.id])
        #expect(today.rows(.organisationsWithRoadmap).first?.detail?.contains("дорожная карта на 2026/2027 учебный год составлена") == true)
        // The per-organisation split keeps each roadmap with its organisation.
        #expect(data.byOrganisation()[w.b.id]?.roadmaps == [made[0]])
    }
}
