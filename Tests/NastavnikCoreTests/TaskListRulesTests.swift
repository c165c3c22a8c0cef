import Foundation
import Testing

@testable import NastavnikCore

/// Issue 26: each role's home opens on what it must do, from the live rules; doing a task removes it.
@Suite("Task lists: what a curator and a director must do")
struct TaskListRulesTests {
    static let org = UUID()
    static let today = Day("2026-12-07")!

    static func facts(_ pairs: [PairFacts] = [], waiting: Int = 0, young: Int = 0, consent: Int = 0, roadmap: [String] = []) -> OrganisationFacts {
        OrganisationFacts(organisationID: org, today: today, openPairs: pairs, waitingMentees: waiting, youngOutsideBase: young,
                          withoutConsent: consent, roadmapDeadlines: roadmap.map { Day($0)! })
    }

    static let complete = PairFacts(programme: .approved, approvableByViewer: false, fixedByOrder: true, atRisk: false)

    @Test("Nothing waiting, nothing listed: a school whose pairs are complete and whose roadmap is on time has no task")
    func empty() {
        #expect(TaskListRules.curator(Self.facts([Self.complete, Self.complete], roadmap: ["2027-01-20"])).isEmpty)
        #expect(TaskListRules.director(Self.facts([Self.complete])).isEmpty)
    }

    @Test("The curator's list counts each gap of the open pairs once, with the page where it is closed")
    func curator() throws {
        let pairs = [
            PairFacts(programme: nil, approvableByViewer: false, fixedByOrder: false, atRisk: true),
            PairFacts(programme: .draft, approvableByViewer: false, fixedByOrder: false, atRisk: false),
            PairFacts(programme: .onApproval, approvableByViewer: false, fixedByOrder: true, atRisk: false),
            Self.complete,
        ]
        let tasks = TaskListRules.curator(Self.facts(pairs, waiting: 3, young: 2, consent: 1))
        let byTitle = Dictionary(uniqueKeysWithValues: tasks.map { ($0.title, $0) })
        #expect(byTitle["Пары без программы наставничества"]?.count == 1)
        #expect(byTitle["Программы в работе: не переданы на утверждение"]?.count == 1)
        #expect(byTitle["Программы ждут утверждения"]?.count == 1)
        let order = try #require(byTitle["Пары не закреплены приказом"])
        #expect(order.count == 2 && order.href == "/organisations/\(Self.org)/documents/generate?type=pairs_order")
        #expect(byTitle["Пары в зоне риска: нет встреч или обратной связи 30 дней, просрочены задачи"]?.count == 1)
        #expect(byTitle["Наставляемые ждут наставника"]?.count == 3)
        #expect(byTitle["Молодые специалисты не включены в базу наставляемых"]?.count == 2)
        #expect(byTitle["Нет действующего согласия на обработку персональных данных"]?.count == 1)
        // The order is fixed and the list loses that line; the rest stays.
        let fixed = pairs.map { var p = $0; p.fixedByOrder = true; return p }
        let after = TaskListRules.curator(Self.facts(fixed, waiting: 3, young: 2, consent: 1))
        #expect(!after.contains { $0.title == "Пары не закреплены приказом" })
        #expect(after.count == tasks.count - 1)
    }

    @Test("The director sees only the programmes he may approve, not those he submitted or the regulation gives another")
    func director() {
        let mine = PairFacts(programme: .onApproval, approvableByViewer: true, fixedByOrder: true, atRisk: false)
        let notMine = PairFacts(programme: .onApproval, approvableByViewer: false, fixedByOrder: true, atRisk: false)
        let tasks = TaskListRules.director(Self.facts([mine, notMine, mine]))
        #expect(tasks.map(\.title) == ["Программы наставничества ждут вашего утверждения"])
        #expect(tasks.first?.count == 2)
    }

    @Test("The roadmap: overdue events first with the earliest deadline, then this month's with the nearest; later ones wait")
    func roadmap() {
        let tasks = TaskListRules.curator(Self.facts([PairFacts(programme: nil, approvableByViewer: false, fixedByOrder: true, atRisk: false)],
                                                     roadmap: ["2026-11-30", "2026-10-10", "2026-12-20", "2026-12-07", "2026-12-31", "2027-01-20"]))
        #expect(tasks.map(\.title) == ["Просрочены мероприятия дорожной карты", "Мероприятия дорожной карты со сроком в этом месяце",
                                       "Пары без программы наставничества"])
        #expect(tasks[0].count == 2 && tasks[0].deadline == Day("2026-10-10") && tasks[0].overdue)
        #expect(tasks[1].count == 3 && tasks[1].deadline == Day("2026-12-07") && !tasks[1].overdue, "today and the 31st count as this month")
    }
}

extension TaskListRulesTests {
    @Test("The territory's list names the school year of the roadmap and leaves out what nobody waits for")
    func territory() {
        let tasks = TaskListRules.territory(TerritoryFacts(schoolsWithoutCurator: 0, schoolsWithoutRoadmap: 4, schoolYear: 2026, practicesToModerate: 2))
        #expect(tasks.map(\.title) == ["Школы без дорожной карты на 2026/2027 учебный год", "Материалы банка практик ждут модерации"])
        #expect(tasks.map(\.count) == [4, 2])
        #expect(TaskListRules.territory(TerritoryFacts(schoolsWithoutCurator: 0, schoolsWithoutRoadmap: 0, schoolYear: 2026, practicesToModerate: 0)).isEmpty)
    }
}

extension TaskListRulesTests {
    static func participation(_ role: ParticipantRole = .mentee, end: String = "2027-05-31", feedbackDue: Bool = false, assessed: Set<AssessmentPhase> = [],
                              tasks: [String] = [], meetings: [String] = [], title: String = "Петрова А. И. → Сидоров К. П.") -> ParticipationFacts {
        ParticipationFacts(mentorshipID: UUID(), pairTitle: title, role: role, status: .active, plannedEnd: Day(end)!, feedbackDue: feedbackDue,
                           assessed: assessed, openTaskDeadlines: tasks.map { Day($0)! }, plannedMeetings: meetings.map { Day($0)! })
    }

    @Test("A mentee's list: the month's questionnaire, the entry self-assessment, tasks overdue or due this month, this week's meetings")
    func mentee() {
        let p = Self.participation(feedbackDue: true, tasks: ["2026-11-30", "2026-12-15", "2027-02-01"], meetings: ["2026-12-09", "2026-12-20"])
        let tasks = TaskListRules.participant([p], today: Self.today)
        #expect(tasks.map(\.title) == ["Просрочены задачи программы", "Встречи на этой неделе", "Задачи программы со сроком в этом месяце",
                                       "Анкета обратной связи за месяц", "Входная самооценка компетенций"])
        #expect(tasks.first { $0.title == "Анкета обратной связи за месяц" }?.href == "/mentorships/\(p.mentorshipID)/feedback/new")
        #expect(tasks.first { $0.title == "Анкета обратной связи за месяц" }?.deadline == Day("2026-12-31"))
        // The entry assessment made, the questionnaire sent: those lines go.
        var done = p
        done.assessed = [.start]
        done.feedbackDue = false
        #expect(!TaskListRules.participant([done], today: Self.today).contains { $0.title.contains("самооценка") || $0.title.hasPrefix("Анкета") })
    }

    @Test("The final self-assessment is asked for in the last 30 days; a mentor is asked for none; two pairs are named")
    func endAndMentor() {
        let early = TaskListRules.participant([Self.participation(end: "2027-01-07", assessed: [.start])], today: Self.today)
        #expect(!early.contains { $0.title == "Итоговая самооценка компетенций" }, "31 days before the end: not yet")
        let late = TaskListRules.participant([Self.participation(end: "2027-01-06", assessed: [.start])], today: Self.today)
        #expect(late.map(\.title) == ["Итоговая самооценка компетенций"])
        #expect(late.first?.deadline == Day("2027-01-06"))
        #expect(TaskListRules.participant([Self.participation(.mentor, end: "2027-01-06")], today: Self.today).isEmpty)
        let two = TaskListRules.participant([Self.participation(.mentor, feedbackDue: true, title: "A → B"),
                                             Self.participation(.mentor, feedbackDue: true, title: "A → C")], today: Self.today)
        #expect(two.map(\.title) == ["Анкета обратной связи за месяц: A → B", "Анкета обратной связи за месяц: A → C"])
    }
}
