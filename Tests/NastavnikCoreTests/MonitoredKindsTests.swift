import Foundation
import Testing

@testable import NastavnikCore

/// Seed 001's city as the Izhevsk report counted it: the 83 schools and 7 organisations of other kinds (90 in
/// all, a university among them), each of which has everything a school needs to count in every indicator.
enum CityOfKinds {
    static let others: [Organisation] = [
        (OrganisationKind.preschool, "МБДОУ № 45"), (.preschool, "МБДОУ № 112"), (.preschool, "МБДОУ № 257"), (.vocational, "Политехнический колледж"),
        (.vocational, "Торгово-экономический техникум"), (.additional, "ЦДТ Октябрьского района"), (.university, "УдГУ"),
    ].map { Organisation(municipalityID: UUID(), kind: $0.0, name: $0.1, shortName: $0.1) }

    static let data: MonitoringData = {
        var data = Seed001.build().data
        for o in others {
            for kind in [LocalActKind.implementationOrder, .regulation, .roadmap, .curatorOrder, .pairsOrder] {
                data.acts.append(LocalAct(organisationID: o.id, kind: kind, title: kind.label, number: "1", date: Seed001.actDate, status: .approved, approver: "Заведующий", createdOn: Seed001.actDate))
            }
            var mentor = Person(lastName: "Наставник", firstName: o.shortName, birthDate: Seed001.day("1970-01-01"))
            mentor.pedagogicalExperienceStart = Seed001.day("1995-09-01")
            var young = Person(lastName: "Молодой", firstName: o.shortName, birthDate: Seed001.day("1999-01-01"))
            young.pedagogicalExperienceStart = Seed001.day("2021-09-01")
            for p in [mentor, young] {
                data.people[p.id] = p
                data.memberships.append(Membership(personID: p.id, organisationID: o.id, role: .pedagogical, position: "воспитатель", period: Period(start: Seed001.day("2021-09-01"))))
            }
            let pair = Mentorship(organisationID: o.id, form: .teacherTeacher, start: Seed001.pairStart, plannedEnd: Seed001.day("2022-05-31"), status: .active,
                                  order: OrderReference(number: "1", date: Seed001.actDate))
            data.mentorships.append(pair)
            data.participants += [Participant(mentorshipID: pair.id, personID: mentor.id, role: .mentor, joinedOn: Seed001.pairStart),
                                  Participant(mentorshipID: pair.id, personID: young.id, role: .mentee, joinedOn: Seed001.pairStart)]
            data.programmes.append(Programme(mentorshipID: pair.id, goals: "Адаптация", expectedResults: "Открытое занятие", start: Seed001.pairStart,
                                             end: Seed001.day("2022-05-31"), status: .approved, approvedOn: Seed001.day("2021-11-01")))
            data.mentorProfiles.append(MentorProfile(personID: mentor.id, organisationID: o.id, competencies: [.subject], enteredOn: Seed001.day("2021-09-20")))
            data.menteeProfiles.append(MenteeProfile(personID: young.id, organisationID: o.id, mainRequest: .methodical, status: .inProgramme, enteredOn: Seed001.day("2021-09-20")))
            data.publicPages[o.id] = Seed001.day("2022-02-01")
        }
        data.organisations += others
        return data
    }()
}

@Suite("V is made of the kinds of organisation the monitoring chooses")
struct MonitoredKindsTests {
    static let schoolsAlone = Seed001.build().data

    @Test("A kindergarten, a college or a university in the city moves no share of the schools' monitoring, on every date",
          arguments: ["2021-10-01", "2022-05-06", "2022-09-15"])
    func otherKindsLeaveSchoolsAlone(_ text: String) {
        let day = Seed001.day(text)
        let schools = IndicatorEvaluator(Self.schoolsAlone, on: day).values(IndicatorCatalogue.all)
        let monitored = IndicatorEvaluator(CityOfKinds.data, on: day, kinds: [.school]).values(IndicatorCatalogue.all)
        #expect(monitored.map(\.numerator) == schools.map(\.numerator))
        #expect(monitored.map(\.denominator) == schools.map(\.denominator))
        // Every educational kind: the other seven organisations count, each in every indicator they meet.
        let everyKind = IndicatorEvaluator(CityOfKinds.data, on: day).values(IndicatorCatalogue.table)
        #expect(everyKind.first { $0.id == "1" }?.denominator == 90)
        #expect(everyKind.first { $0.id == "1" }?.numerator == (schools.first { $0.id == "1" }?.numerator ?? 0) + 7)
        #expect(everyKind.first { $0.id == "12" }?.denominator == (schools.first { $0.id == "12" }?.denominator ?? 0) + 14)
    }

    @Test("Seed 001's day: 50 of 83 schools have the implementation order (60,2 %), not 57 of 90; 65 of 190 young specialists (34,2 %)")
    func seedNumbers() throws {
        let e = IndicatorEvaluator(CityOfKinds.data, on: Seed001.date, kinds: OrganisationKind.monitoredByDefault)
        let order = e.value(try #require(IndicatorCatalogue.definition("1")))
        #expect((order.numerator, order.denominator, order.russian) == (50, 83, "60,2 %"))
        let young = e.value(try #require(IndicatorCatalogue.definition("11")))
        #expect((young.numerator, young.denominator, young.russian) == (65, 190, "34,2 %"))
        let all = IndicatorEvaluator(CityOfKinds.data, on: Seed001.date).value(try #require(IndicatorCatalogue.definition("1")))
        #expect((all.numerator, all.denominator, all.russian) == (57, 90, "63,3 %"))
        // The rows behind V are the schools alone.
        #expect(Set(e.rows(.organisations).map(\.id)) == Set(Seed001.schools.map(\.id)))
        // A pair of schools and kindergartens: the kindergartens' three join.
        let two = IndicatorEvaluator(CityOfKinds.data, on: Seed001.date, kinds: [.school, .preschool]).value(try #require(IndicatorCatalogue.definition("1")))
        #expect((two.numerator, two.denominator) == (53, 86))
    }

    @Test("The formula says which kinds make V; a count's formula has no V to name")
    func formulaNamesKinds() throws {
        let share = try #require(IndicatorCatalogue.definition("1"))
        let schools = IndicatorEvaluator(CityOfKinds.data, on: Seed001.date, kinds: [.school]).value(share).formula
        #expect(schools.contains("в V входят: общеобразовательные организации (школы)"))
        #expect(!schools.contains("дошкольные"))
        let two = IndicatorEvaluator(CityOfKinds.data, on: Seed001.date, kinds: [.preschool, .school]).value(share).formula
        #expect(two.contains("в V входят: общеобразовательные организации (школы) и дошкольные образовательные организации"))
        let count = try #require(IndicatorCatalogue.definition("8"))
        #expect(IndicatorEvaluator(CityOfKinds.data, on: Seed001.date, kinds: [.school]).value(count).formula == count.formula)
    }

    @Test("Kinds in a URL: listed, several in one value, nothing; a partner or an unknown word is refused")
    func parsing() {
        #expect(MonitoredKinds.parse(["school", "preschool,university"]) == [.school, .preschool, .university])
        #expect(MonitoredKinds.parse([]) == [])
        #expect(MonitoredKinds.parse(["partner"]) == nil)
        #expect(MonitoredKinds.parse(["школа"]) == nil)
        #expect(MonitoredKinds.text([.university, .school]) == "school,university")
        #expect(MonitoredKinds.parse([MonitoredKinds.text([.vocational, .additional])]) == [.vocational, .additional])
    }
}

@Suite("The levels of an individual route each role writes (seed 004)")
struct RouteLevelsTests {
    @Test("The municipal coordinator writes the municipal level only; a school, a regional tutor every level; a route overview counts done and overdue steps")
    func levels() throws {
        #expect(RouteRules.levels(writtenBy: .municipalCoordinator) == [.municipality])
        #expect(RouteRules.levels(writtenBy: .curator) == Set(SupportLevel.allCases))
        #expect(RouteRules.levels(writtenBy: .regionalTutor) == Set(SupportLevel.allCases))
        let person = UUID(), org = UUID(), today = try #require(Day("2026-11-25"))
        let steps = [
            RouteStep(personID: person, organisationID: org, deficit: "ФГОС", action: "Семинар", level: .municipality, responsible: "ИМЦ", deadline: try #require(Day("2026-11-01")), status: .done, result: "Проведён"),
            RouteStep(personID: person, organisationID: org, deficit: "ИКТ", action: "Курсы", level: .region, responsible: "ИРО", deadline: try #require(Day("2026-11-20"))),
            RouteStep(personID: person, organisationID: org, deficit: "Классное руководство", action: "Стажировка", level: .organisation, responsible: "Школа", deadline: try #require(Day("2026-12-20"))),
        ]
        let o = RouteOverview(personID: person, organisationID: org, steps: steps, tutor: nil, today: today)
        #expect((o.steps, o.done, o.overdue) == (3, 1, 1))
        #expect(o.tutor == nil)
    }
}

@Suite("The forecast never contradicts the data it starts from (seed 002)")
struct ForecastMethodTests {
    static func day(_ s: String) -> Day { Day(s)! }
    static let snapshots: [(Day, Double)] = [(day("2022-05-06"), 12.6), (day("2022-12-20"), 14.2), (day("2023-05-06"), 29.6)]

    @Test("Seed 002's 12,6 %, 14,2 % and 29,6 %: the forecast for a later date is at least 29,6 %, never the printed 26,9 %; the method is said")
    func seedSnapshots() throws {
        for deadline in ["2023-06-01", "2023-12-31", "2024-12-31"].map(Self.day) {
            let f = try #require(Forecast.project(Self.snapshots, target: 70, deadline: deadline))
            let projected = try #require(f.projected)
            #expect(projected >= 29.6, "\(deadline.russian): \(projected)")
            #expect(projected <= 100)
            #expect(abs(projected - 26.9) > 0.5)
        }
        let f = try #require(Forecast.project(Self.snapshots, target: 70, deadline: Self.day("2024-12-31")))
        #expect(f.russian.contains("Метод прогноза: линейный тренд (метод наименьших квадратов) по 3 значениям с 06.05.2022 по 06.05.2023"))
        #expect(f.russian.contains("не ниже последнего значения (29,6 %)"))
        // A steep trend stops at 100 %.
        let steep = try #require(Forecast.project([(Self.day("2022-01-01"), 10), (Self.day("2023-01-01"), 90)], target: 70, deadline: Self.day("2030-12-31")))
        #expect(steep.projected == 100)
    }

    @Test("One dated value: the forecast says plainly that it needs two, with no instruction to press anything")
    func oneValue() throws {
        let f = try #require(Forecast.project([(Self.day("2026-01-01"), 35)], target: 70, deadline: Self.day("2027-01-01")))
        #expect(f.russian == "Прогноз не составлен: для прогноза нужны значения показателя хотя бы на две даты.")
        #expect(!f.russian.contains("зафиксируйте"))
    }

    @Test("The young-specialist figures: those who entered programmes never fall below the count reached; the total follows its trend")
    func youngFigures() throws {
        let entered = [(Self.day("2022-05-06"), 24.0), (Self.day("2022-12-20"), 27.0), (Self.day("2023-05-06"), 56.0)]
        let total = [(Self.day("2022-05-06"), 190.0), (Self.day("2022-12-20"), 190.0), (Self.day("2023-05-06"), 189.0)]
        let text = try #require(Forecast.youngSpecialists(entered: entered, total: total, deadline: Self.day("2024-12-31")))
        let trend = try #require(Forecast.trend(entered, on: Self.day("2024-12-31")))
        #expect(text.contains("около \(max(56, Int(trend.value.rounded()))) (сейчас 56"))
        #expect(text.contains("всего молодых специалистов — около"))
        // Falling entered counts (people left) are still not forecast below the last one.
        let falling = try #require(Forecast.youngSpecialists(entered: [(Self.day("2022-05-06"), 40), (Self.day("2023-05-06"), 30)], total: total, deadline: Self.day("2024-12-31")))
        #expect(falling.contains("в программах наставничества — около 30 (сейчас 30"))
        #expect(Forecast.youngSpecialists(entered: [(Self.day("2022-05-06"), 40)], total: total, deadline: Self.day("2024-12-31")) == nil)
    }
}
