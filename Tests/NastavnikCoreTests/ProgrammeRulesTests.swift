import Foundation
import Testing

@testable import NastavnikCore

/// Fixtures for personalised programmes: 01.09.2026 – 31.05.2027 (9 months), today 25.11.2026.
private enum PRFix {
    static func day(_ text: String) -> Day { Day(text)! }
    static let today = day("2026-11-25")
    static let start = day("2026-09-01")
    static let end = day("2027-05-31")
    static let mentorshipID = UUID()

    static func programme(_ status: ProgrammeStatus = .draft, end: Day = end, goals: String = "Адаптация молодого педагога",
                          expectedResults: String = "Проведён открытый урок") -> Programme {
        Programme(mentorshipID: mentorshipID, goals: goals, expectedResults: expectedResults, start: start, end: end, status: status)
    }

    static func task(_ stage: ProgrammeStage = .main, deadline: Day = day("2026-12-15"), status: TaskStatus = .planned,
                     title: String = "Открытый урок", responsible: String = "наставляемый", evidence: String? = nil) -> ProgrammeTask {
        ProgrammeTask(programmeID: UUID(), stage: stage, title: title, deadline: deadline, responsible: responsible, status: status,
            evidence: evidence)
    }

    static let allStages = [task(.adaptation, deadline: day("2026-09-15")), task(.main), task(.control, deadline: day("2027-05-20"))]
    static let duration = "Программа длится от 3 месяцев до 1 года: окончание между 30.11.2026 и 31.08.2027."
}

@Suite("ProgrammeRules.validate: goals and a duration of 3 months to 1 year")
struct ProgrammeValidateTests {
    @Test("A 9-month programme with goals is valid")
    func happy() {
        #expect(ProgrammeRules.validate(PRFix.programme()).isEmpty)
    }

    @Test("Goals must be written")
    func goals() {
        #expect(ProgrammeRules.validate(PRFix.programme(goals: " \n ")) == [FieldIssue("goals", "Сформулируйте цели программы.")])
    }

    @Test("From 01.09.2026 exactly 3 months end on 30.11.2026 and exactly a year on 31.08.2027; a day less or more is refused", arguments: [
        ("2026-11-30", true), ("2026-11-29", false), ("2027-08-31", true), ("2027-09-01", false), ("2026-09-01", false), ("2028-09-01", false),
    ])
    func durationBoundaries(_ c: (String, Bool)) {
        let issues = ProgrammeRules.validate(PRFix.programme(end: PRFix.day(c.0)))
        #expect(issues == (c.1 ? [] : [FieldIssue("end", PRFix.duration)]))
    }

    @Test("A template of 3 or 12 months gives a valid programme; 2 or 13 months do not")
    func templateBoundaries() {
        func make(_ months: Int) -> Programme {
            ProgrammeTemplate(form: .teacherTeacher, goals: "Цели", expectedResults: "Результаты", months: months, items: [])
                .instantiate(mentorshipID: PRFix.mentorshipID, start: PRFix.start).0
        }
        #expect(make(3).end == PRFix.day("2026-11-30"))
        #expect(ProgrammeRules.validate(make(3)).isEmpty)
        #expect(ProgrammeRules.validate(make(12)).isEmpty)
        #expect(ProgrammeRules.validate(make(2)).map(\.field) == ["end"])
        #expect(ProgrammeRules.validate(make(13)).map(\.field) == ["end"])
    }

    @Test("An extension may take the programme beyond a year: the duration rule reads the first planned end")
    func extensionBeyondAYear() {
        var p = PRFix.programme(.approved, end: PRFix.day("2027-12-31"))
        #expect(ProgrammeRules.validate(p).map(\.field) == ["end"])
        p.extensions = [
            ProgrammeExtension(previousEnd: PRFix.end, newEnd: PRFix.day("2027-08-31"), reason: "Больничный наставляемого", decidedOn: PRFix.today),
            ProgrammeExtension(previousEnd: PRFix.day("2027-08-31"), newEnd: PRFix.day("2027-12-31"), reason: "Подготовка к конкурсу", decidedOn: PRFix.today),
        ]
        #expect(p.plannedEnd == PRFix.end)
        #expect(ProgrammeRules.validate(p).isEmpty)
        #expect(PRFix.programme().plannedEnd == PRFix.end)
    }
}

@Suite("ProgrammeRules.validateTask: a task of the programme")
struct ProgrammeTaskTests {
    @Test("A task due on the first or the last day of the programme is valid")
    func deadlineBoundaries() {
        let p = PRFix.programme()
        #expect(ProgrammeRules.validateTask(PRFix.task(deadline: PRFix.start), in: p).isEmpty)
        #expect(ProgrammeRules.validateTask(PRFix.task(deadline: PRFix.end), in: p).isEmpty)
    }

    @Test("A deadline outside the programme is refused", arguments: ["2026-08-31", "2027-06-01"])
    func deadlineOutside(_ d: String) {
        let deadline = PRFix.day(d)
        #expect(ProgrammeRules.validateTask(PRFix.task(deadline: deadline), in: PRFix.programme())
            == [FieldIssue("deadline", "Срок \(deadline.russian) вне периода программы с 01.09.2026 по 31.05.2027.")])
    }

    @Test("After an extension a task may be due up to the new end")
    func deadlineAfterExtension() {
        var p = PRFix.programme(.approved)
        p.end = PRFix.day("2027-08-31")
        #expect(ProgrammeRules.validateTask(PRFix.task(deadline: PRFix.day("2027-08-31")), in: p).isEmpty)
    }

    @Test("A task has a title and a responsible person")
    func titleAndResponsible() {
        let p = PRFix.programme()
        #expect(ProgrammeRules.validateTask(PRFix.task(title: "  "), in: p) == [FieldIssue("title", "Опишите задачу.")])
        #expect(ProgrammeRules.validateTask(PRFix.task(responsible: ""), in: p) == [FieldIssue("responsible", "Укажите ответственного.")])
    }

    @Test("A done task needs evidence")
    func evidence() {
        let p = PRFix.programme()
        #expect(ProgrammeRules.validateTask(PRFix.task(status: .done, evidence: " "), in: p)
            == [FieldIssue("evidence", "Для выполненной задачи укажите подтверждение (документ, ссылку, посещённый урок).")])
        #expect(ProgrammeRules.validateTask(PRFix.task(status: .done, evidence: "Протокол посещения урока 12.12.2026"), in: p).isEmpty)
        #expect(ProgrammeRules.validateTask(PRFix.task(status: .cancelled), in: p).isEmpty)
    }

    @Test("A task is overdue when it is open and its deadline has passed; not on the deadline day itself")
    func overdue() {
        let today = PRFix.today
        #expect(PRFix.task(deadline: today.adding(days: -1)).isOverdue(on: today))
        #expect(PRFix.task(deadline: today.adding(days: -1), status: .inProgress).isOverdue(on: today))
        #expect(!PRFix.task(deadline: today).isOverdue(on: today))
        #expect(!PRFix.task(deadline: today.adding(days: -1), status: .done).isOverdue(on: today))
        #expect(!PRFix.task(deadline: today.adding(days: -1), status: .cancelled).isOverdue(on: today))
        #expect(TaskStatus.allCases.filter(\.isOpen) == [.planned, .inProgress])
    }
}

@Suite("ProgrammeRules: draft → on approval → approved → done")
struct ProgrammeWorkflowTests {
    let today = PRFix.today

    @Test("Content is edited only in a draft", arguments: ProgrammeStatus.allCases)
    func editable(_ status: ProgrammeStatus) {
        let issues = ProgrammeRules.editable(PRFix.programme(status))
        #expect(issues == (status == .draft ? [] : [FieldIssue("status", "Программа «\(status.label)»: менять её содержание можно только в черновике.")]))
    }

    @Test("A draft with goals, expected results and tasks in all three stages is submitted")
    func submissionHappy() {
        #expect(ProgrammeRules.validateSubmission(PRFix.programme(), tasks: PRFix.allStages).isEmpty)
    }

    @Test("Submission needs expected results")
    func submissionExpectedResults() {
        #expect(ProgrammeRules.validateSubmission(PRFix.programme(expectedResults: "\n"), tasks: PRFix.allStages)
            == [FieldIssue("expectedResults", "Опишите ожидаемые результаты.")])
    }

    @Test("Submission needs a task in every stage, and names the missing ones in order")
    func submissionStages() {
        #expect(ProgrammeRules.validateSubmission(PRFix.programme(), tasks: [PRFix.task(.adaptation, deadline: PRFix.start)])
            == [FieldIssue("tasks", "Нет задач на этапе: основной (проектировочный), контрольно-оценочный.")])
        #expect(ProgrammeRules.validateSubmission(PRFix.programme(), tasks: [])
            == [FieldIssue("tasks", "Нет задач на этапе: адаптационный, основной (проектировочный), контрольно-оценочный.")])
        #expect(ProgrammeRules.validateSubmission(PRFix.programme(), tasks: Array(PRFix.allStages.dropLast()))
            == [FieldIssue("tasks", "Нет задач на этапе: контрольно-оценочный.")])
    }

    @Test("Submission rechecks goals and duration, and only a draft is submitted")
    func submissionChecksAll() {
        #expect(ProgrammeRules.validateSubmission(PRFix.programme(end: PRFix.day("2026-11-29"), goals: ""), tasks: PRFix.allStages)
            == [FieldIssue("goals", "Сформулируйте цели программы."), FieldIssue("end", PRFix.duration)])
        #expect(ProgrammeRules.validateSubmission(PRFix.programme(.onApproval), tasks: PRFix.allStages)
            == [FieldIssue("status", "Программа «на согласовании»: менять её содержание можно только в черновике.")])
    }

    @Test("Only the director approves (the regulation's official, issue 23 defect 10)", arguments: Role.allCases)
    func approvers(_ role: Role) {
        let issues = ProgrammeRules.validateApproval(PRFix.programme(.onApproval), by: role, on: today, today: today)
        let approves: Set<Role> = [.director]
        #expect(issues == (approves.contains(role) ? [] : [FieldIssue("status",
            "Программу утверждает руководитель организации — так установлено положением о наставничестве организации.")]))
    }

    @Test("Only a programme on approval is approved, on a date not in the future")
    func approvalStatusAndDate() {
        #expect(ProgrammeRules.validateApproval(PRFix.programme(.draft), by: .director, on: today, today: today)
            == [FieldIssue("status", "Утвердить можно программу на согласовании; сейчас она «черновик».")])
        #expect(ProgrammeRules.validateApproval(PRFix.programme(.approved), by: .director, on: today, today: today).map(\.message)
            == ["Утвердить можно программу на согласовании; сейчас она «утверждена»."])
        #expect(ProgrammeRules.validateApproval(PRFix.programme(.onApproval), by: .director, on: PRFix.day("2026-11-26"), today: today)
            == [FieldIssue("approvedOn", "Дата утверждения 26.11.2026 ещё не наступила.")])
    }

    @Test("A programme on approval is returned with a comment")
    func returnForRework() {
        #expect(ProgrammeRules.validateReturn(PRFix.programme(.onApproval), comment: "Добавьте посещение уроков").isEmpty)
        #expect(ProgrammeRules.validateReturn(PRFix.programme(.onApproval), comment: nil) == [FieldIssue("returnComment", "Напишите, что доработать.")])
        #expect(ProgrammeRules.validateReturn(PRFix.programme(.onApproval), comment: " \n") == [FieldIssue("returnComment", "Напишите, что доработать.")])
        #expect(ProgrammeRules.validateReturn(PRFix.programme(.approved), comment: "x")
            == [FieldIssue("status", "Вернуть на доработку можно программу на согласовании.")])
    }

    @Test("An approved programme is extended with a reason to a later end; a day later is enough")
    func extensionRules() {
        let p = PRFix.programme(.approved)
        #expect(ProgrammeRules.validateExtension(p, newEnd: PRFix.day("2027-06-01"), reason: "Больничный наставляемого").isEmpty)
        #expect(ProgrammeRules.validateExtension(p, newEnd: PRFix.end, reason: "x")
            == [FieldIssue("newEnd", "Новая дата окончания должна быть позже 31.05.2027.")])
        #expect(ProgrammeRules.validateExtension(p, newEnd: PRFix.day("2027-04-30"), reason: "x").map(\.field) == ["newEnd"])
        #expect(ProgrammeRules.validateExtension(p, newEnd: PRFix.day("2027-06-01"), reason: "  ")
            == [FieldIssue("reason", "Укажите причину продления.")])
    }

    @Test("Only an approved programme is extended", arguments: [ProgrammeStatus.draft, .onApproval, .done])
    func extensionStatus(_ status: ProgrammeStatus) {
        #expect(ProgrammeRules.validateExtension(PRFix.programme(status), newEnd: PRFix.day("2027-06-01"), reason: "x")
            == [FieldIssue("status", "Продлить можно утверждённую программу.")])
    }

    @Test("An approved programme is fulfilled when every task is done or cancelled")
    func fulfilment() {
        let p = PRFix.programme(.approved)
        let closed = [PRFix.task(status: .done, evidence: "Протокол"), PRFix.task(status: .cancelled)]
        #expect(ProgrammeRules.validateFulfilment(p, tasks: closed).isEmpty)
        #expect(ProgrammeRules.validateFulfilment(p, tasks: []).isEmpty)
        #expect(ProgrammeRules.validateFulfilment(p, tasks: closed + [PRFix.task(status: .planned), PRFix.task(status: .inProgress)])
            == [FieldIssue("tasks", "Не закрыто задач: 2. Отметьте их выполненными или отменёнными.")])
        #expect(ProgrammeRules.validateFulfilment(PRFix.programme(.onApproval), tasks: closed)
            == [FieldIssue("status", "Отметить выполненной можно утверждённую программу.")])
    }

    @Test("Approved, done and terminated-with-the-pair programmes count as approved (while they run)")
    func approvedStatuses() {
        #expect(ProgrammeStatus.allCases.filter(\.isApproved) == [.approved, .done, .terminated])
        #expect(ProgrammeStatus.terminated.label == "прекращена вместе с парой")
        #expect(ProgrammeStatus.onApproval.rawValue == "on_approval")
    }
}

@Suite("ProgrammeTemplates: starting points per form")
struct ProgrammeTemplateTests {
    @Test("Every form's template gives a 9-month programme that can be submitted as is", arguments: MentorshipForm.allCases)
    func templateSubmittable(_ form: MentorshipForm) {
        let mentorshipID = UUID()
        let (p, tasks) = ProgrammeTemplates.template(for: form).instantiate(mentorshipID: mentorshipID, start: PRFix.start)
        #expect(p.mentorshipID == mentorshipID)
        #expect(p.status == .draft)
        #expect(p.start == PRFix.start && p.end == PRFix.day("2027-05-31"))
        #expect(ProgrammeRules.validateSubmission(p, tasks: tasks).isEmpty)
        for t in tasks {
            #expect(t.programmeID == p.id)
            #expect(ProgrammeRules.validateTask(t, in: p).isEmpty, "\(t.title)")
        }
    }

    @Test("Forms get the students', the team or the staff template")
    func templateChoice() {
        #expect(ProgrammeTemplates.template(for: .teacherStudent).items.first?.title == "Организационная встреча, согласование целей с родителями")
        #expect(ProgrammeTemplates.template(for: .employerStudent).items.count == ProgrammeTemplates.students.count)
        #expect(ProgrammeTemplates.template(for: .teamTeam).items.first?.title == "Установочная встреча команд, распределение ролей")
        #expect(ProgrammeTemplates.template(for: .headHead).items.count == ProgrammeTemplates.staff.count)
        #expect(ProgrammeTemplates.template(for: .reverse).goals.hasPrefix("Адаптация наставляемого"))
    }

    @Test("A deadline past the end of a short template is moved to the last day")
    func deadlineClamped() {
        let template = ProgrammeTemplate(form: .teacherTeacher, goals: "Цели", expectedResults: "Результаты", months: 3,
            items: [.init(stage: .control, title: "Итоговая встреча", month: 9, responsible: "куратор"),
                    .init(stage: .adaptation, title: "Знакомство", month: 0, responsible: "наставник")])
        let (p, tasks) = template.instantiate(mentorshipID: UUID(), start: PRFix.start)
        #expect(tasks.map(\.deadline) == [p.end, PRFix.start])
        #expect(p.end == PRFix.day("2026-11-30"))
    }
}

@Suite("RouteRules: a step of an individual educational route")
struct RouteRulesTests {
    static func step(deficit: String = "Работа с родителями", action: String = "Семинар ММС", responsible: String = "методист",
                     status: TaskStatus = .planned, result: String? = nil) -> RouteStep {
        RouteStep(personID: UUID(), organisationID: UUID(), deficit: deficit, action: action, level: .municipality,
            responsible: responsible, deadline: PRFix.day("2026-12-20"), status: status, result: result)
    }

    @Test("A step names the deficit, the action and who answers for it")
    func required() {
        #expect(RouteRules.validate(Self.step()).isEmpty)
        #expect(RouteRules.validate(Self.step(deficit: " ")) == [FieldIssue("deficit", "Укажите профессиональный дефицит.")])
        #expect(RouteRules.validate(Self.step(action: "")) == [FieldIssue("action", "Укажите, что будет сделано.")])
        #expect(RouteRules.validate(Self.step(responsible: "  ")) == [FieldIssue("responsible", "Укажите ответственного.")])
    }

    @Test("A done step records its result")
    func doneNeedsResult() {
        #expect(RouteRules.validate(Self.step(status: .done)) == [FieldIssue("result", "Для выполненного шага запишите результат.")])
        #expect(RouteRules.validate(Self.step(status: .done, result: "\n")).map(\.field) == ["result"])
        #expect(RouteRules.validate(Self.step(status: .done, result: "Проведено родительское собрание")).isEmpty)
        #expect(SupportLevel.region.label == "регион")
    }
}
