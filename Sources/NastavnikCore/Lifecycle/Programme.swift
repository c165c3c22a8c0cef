import Foundation

/// Этап персонализированной программы (seed 002).
public enum ProgrammeStage: String, Labelled {
    case adaptation, main, control
    public var label: String {
        switch self {
        case .adaptation: "адаптационный"
        case .main: "основной (проектировочный)"
        case .control: "контрольно-оценочный"
        }
    }
}

public enum ProgrammeStatus: String, Labelled {
    case draft, onApproval = "on_approval", approved, done
    /// Approved, then ended early with its pair (`MentorshipStatus.terminated`): it counted while the pair worked.
    case terminated
    public var label: String {
        switch self {
        case .draft: "черновик"
        case .onApproval: "на согласовании"
        case .approved: "утверждена"
        case .done: "выполнена"
        case .terminated: "прекращена вместе с парой"
        }
    }
    /// Approved at some point: counts for «вошёл в программу» (seed 001, indicators 10–12) while it runs.
    public var isApproved: Bool { self == .approved || self == .done || self == .terminated }
}

public enum TaskStatus: String, Labelled {
    case planned, inProgress = "in_progress", done, cancelled
    public var label: String {
        switch self {
        case .planned: "запланирована"
        case .inProgress: "выполняется"
        case .done: "выполнена"
        case .cancelled: "отменена"
        }
    }
    public var isOpen: Bool { self == .planned || self == .inProgress }
}

/// Задача программы.
public struct ProgrammeTask: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var programmeID: UUID
    public var stage: ProgrammeStage
    public var title: String
    public var deadline: Day
    /// Who answers for it, as written in the programme («наставник», «Иванова М. П.»).
    public var responsible: String
    public var responsiblePersonID: UUID?
    public var status: TaskStatus
    /// Подтверждение выполнения: a link, a document, a lesson observed.
    public var evidence: String?

    public init(
        id: UUID = .timeOrdered(), programmeID: UUID, stage: ProgrammeStage, title: String, deadline: Day,
        responsible: String, responsiblePersonID: UUID? = nil, status: TaskStatus = .planned, evidence: String? = nil
    ) {
        self.id = id
        self.programmeID = programmeID
        self.stage = stage
        self.title = title
        self.deadline = deadline
        self.responsible = responsible
        self.responsiblePersonID = responsiblePersonID
        self.status = status
        self.evidence = evidence
    }

    public func isOverdue(on day: Day) -> Bool { status.isOpen && deadline < day }
}

/// Продление программы.
public struct ProgrammeExtension: Sendable, Equatable, Codable {
    public var previousEnd: Day
    public var newEnd: Day
    public var reason: String
    public var decidedOn: Day

    public init(previousEnd: Day, newEnd: Day, reason: String, decidedOn: Day) {
        self.previousEnd = previousEnd
        self.newEnd = newEnd
        self.reason = reason
        self.decidedOn = decidedOn
    }
}

/// Персонализированная программа наставничества: one per mentorship.
public struct Programme: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var mentorshipID: UUID
    public var goals: String
    public var expectedResults: String
    public var start: Day
    public var end: Day
    public var status: ProgrammeStatus
    public var approvedOn: Day?
    /// Who approved it: the full name, and the role in which they did (the regulation names the role).
    public var approvedBy: String?
    public var approverRole: Role?
    /// The account that sent it for approval: it may not approve what it submitted.
    public var submittedBy: UUID?
    public var returnComment: String?
    public var extensions: [ProgrammeExtension]

    public init(
        id: UUID = .timeOrdered(), mentorshipID: UUID, goals: String, expectedResults: String, start: Day, end: Day,
        status: ProgrammeStatus = .draft, approvedOn: Day? = nil, approvedBy: String? = nil,
        returnComment: String? = nil, extensions: [ProgrammeExtension] = [], approverRole: Role? = nil, submittedBy: UUID? = nil
    ) {
        self.approverRole = approverRole
        self.submittedBy = submittedBy
        self.id = id
        self.mentorshipID = mentorshipID
        self.goals = goals
        self.expectedResults = expectedResults
        self.start = start
        self.end = end
        self.status = status
        self.approvedOn = approvedOn
        self.approvedBy = approvedBy
        self.returnComment = returnComment
        self.extensions = extensions
    }

    /// The end first planned, before any extension.
    public var plannedEnd: Day { extensions.first?.previousEnd ?? end }

    /// «10.11.2026, Иванова Мария Петровна (руководитель организации)», nil until approved.
    public var approvalLine: String? {
        guard let day = approvedOn else { return nil }
        let who = [approvedBy.nonBlank, approverRole.map { "(\($0.label))" }].compactMap { $0 }.joined(separator: " ")
        return who.isEmpty ? day.russian : "\(day.russian), \(who)"
    }
}

/// Who approves a personalised programme. The organisation's regulation on mentorship names the official
/// (`Organisation.programmeApprover`); by default, `.standard`, the head of the organisation (role `director`), as in
/// the default programme template's «УТВЕРЖДАЮ … руководитель». Whatever the roles, the account that submitted the
/// programme never approves it: the curator drafts and submits, another official approves.
public struct ProgrammeApprovalRule: Sendable, Equatable {
    public var roles: Set<Role>

    public init(roles: Set<Role>) { self.roles = roles }

    public static let standard = ProgrammeApprovalRule(roles: [.director])

    /// «руководитель организации», «куратор или руководитель организации».
    public var label: String {
        Role.allCases.filter(roles.contains).map(\.label).joined(separator: " или ")
    }
}

/// The official an organisation's regulation names to approve programmes (the organisation's setting).
public enum ProgrammeApprover: String, Labelled {
    case director, curator, directorOrCurator

    public var label: String {
        switch self {
        case .director: "Руководитель организации"
        case .curator: "Куратор наставничества (не тот, кто отправил)"
        case .directorOrCurator: "Руководитель или куратор (не тот, кто отправил)"
        }
    }

    public var rule: ProgrammeApprovalRule {
        switch self {
        case .director: .standard
        case .curator: ProgrammeApprovalRule(roles: [.curator])
        case .directorOrCurator: ProgrammeApprovalRule(roles: [.director, .curator])
        }
    }
}

public enum ProgrammeRules {
    /// 3 months to 1 year (seed 001); extensions may go beyond.
    public static let minMonths = 3
    public static let maxMonths = 12

    public static func validate(_ p: Programme) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if p.goals.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(.init("goals", "Сформулируйте цели программы."))
        }
        // The end is the last day of the programme, as in `ProgrammeTemplate.instantiate`: 3 months from
        // 01.09 end on 30.11, a year on 31.08.
        let planned = p.plannedEnd
        let earliest = p.start.adding(months: minMonths).adding(days: -1)
        let latest = p.start.adding(months: maxMonths).adding(days: -1)
        if planned < earliest || planned > latest {
            issues.append(.init("end",
                "Программа длится от 3 месяцев до 1 года: окончание между \(earliest.russian) и \(latest.russian)."))
        }
        return issues
    }

    public static func validateTask(_ t: ProgrammeTask, in p: Programme) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if t.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { issues.append(.init("title", "Опишите задачу.")) }
        if t.responsible.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { issues.append(.init("responsible", "Укажите ответственного.")) }
        if t.deadline < p.start || t.deadline > p.end {
            issues.append(.init("deadline", "Срок \(t.deadline.russian) вне периода программы \(Period(start: p.start, end: p.end).russian)."))
        }
        if t.status == .done, t.evidence.nonBlank == nil {
            issues.append(.init("evidence", "Для выполненной задачи укажите подтверждение (документ, ссылку, посещённый урок)."))
        }
        return issues
    }

    /// Content (goals, tasks, dates) is edited only in a draft; an approved programme changes by extension.
    public static func editable(_ p: Programme) -> [FieldIssue] {
        p.status == .draft ? [] : [.init("status", "Программа «\(p.status.label)»: менять её содержание можно только в черновике.")]
    }

    /// Черновик → на согласовании: goals, expected results and tasks in every stage.
    public static func validateSubmission(_ p: Programme, tasks: [ProgrammeTask]) -> [FieldIssue] {
        var issues = editable(p) + validate(p)
        if p.expectedResults.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(.init("expectedResults", "Опишите ожидаемые результаты."))
        }
        let stages = Set(tasks.map(\.stage))
        let missing = ProgrammeStage.allCases.filter { !stages.contains($0) }
        if !missing.isEmpty {
            issues.append(.init("tasks", "Нет задач на этапе: \(missing.map(\.label).joined(separator: ", "))."))
        }
        return issues
    }

    /// Roles that approve a programme under the standard rule (see `ProgrammeApprovalRule`).
    public static var approvers: Set<Role> { ProgrammeApprovalRule.standard.roles }

    /// Roles that take part in the approval (return it for rework, see who approves) without approving themselves.
    public static let reviewers: Set<Role> = [.curator, .director, .administrator]

    /// Whether `account` in `role` may approve `p` at all (the button on the page).
    public static func mayApprove(_ p: Programme, role: Role, account: UUID?, rule: ProgrammeApprovalRule = .standard) -> Bool {
        rule.roles.contains(role) && (account == nil || account != p.submittedBy)
    }

    public static func validateApproval(
        _ p: Programme, by role: Role, account: UUID? = nil, rule: ProgrammeApprovalRule = .standard, on day: Day, today: Day
    ) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if p.status != .onApproval { issues.append(.init("status", "Утвердить можно программу на согласовании; сейчас она «\(p.status.label)».")) }
        if !rule.roles.contains(role) {
            issues.append(.init("status", "Программу утверждает \(rule.label) — так установлено положением о наставничестве организации."))
        } else if let account, account == p.submittedBy {
            issues.append(.init("status", "Вы сами отправили программу на согласование: утверждает её другой человек (\(rule.label))."))
        }
        if day > today { issues.append(.init("approvedOn", "Дата утверждения \(day.russian) ещё не наступила.")) }
        return issues
    }

    public static func validateReturn(_ p: Programme, comment: String?) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if p.status != .onApproval { issues.append(.init("status", "Вернуть на доработку можно программу на согласовании.")) }
        if comment.nonBlank == nil { issues.append(.init("returnComment", "Напишите, что доработать.")) }
        return issues
    }

    public static func validateExtension(_ p: Programme, newEnd: Day, reason: String?) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if p.status != .approved { issues.append(.init("status", "Продлить можно утверждённую программу.")) }
        if reason.nonBlank == nil { issues.append(.init("reason", "Укажите причину продления.")) }
        if newEnd <= p.end { issues.append(.init("newEnd", "Новая дата окончания должна быть позже \(p.end.russian).")) }
        return issues
    }

    /// Утверждена → выполнена: no open tasks left.
    public static func validateFulfilment(_ p: Programme, tasks: [ProgrammeTask]) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if p.status != .approved { issues.append(.init("status", "Отметить выполненной можно утверждённую программу.")) }
        let open = tasks.filter(\.status.isOpen).count
        if open > 0 { issues.append(.init("tasks", "Не закрыто задач: \(open). Отметьте их выполненными или отменёнными.")) }
        return issues
    }
}

/// A starting point for a programme in a form, adapted by the curator and the pair (seeds 002, 003).
public struct ProgrammeTemplate: Sendable {
    public struct Item: Sendable {
        public var stage: ProgrammeStage
        public var title: String
        /// Deadline as months after the start.
        public var month: Int
        public var responsible: String
    }

    public var form: MentorshipForm
    public var goals: String
    public var expectedResults: String
    public var months: Int
    public var items: [Item]

    /// The programme and tasks this template gives for a mentorship starting on `start`. Every deadline lies within
    /// the programme and in a school month (see `ProgrammeTemplates.schoolDeadline`).
    public func instantiate(mentorshipID: UUID, start: Day) -> (Programme, [ProgrammeTask]) {
        let p = Programme(mentorshipID: mentorshipID, goals: goals, expectedResults: expectedResults, start: start,
            end: start.adding(months: months).adding(days: -1))
        let tasks = items.map { i in
            ProgrammeTask(programmeID: p.id, stage: i.stage, title: i.title,
                deadline: ProgrammeTemplates.schoolDeadline(min(start.adding(months: i.month), p.end), start: p.start, end: p.end),
                responsible: i.responsible)
        }
        return (p, tasks)
    }

    /// The template made personal for the pair's mentees (seed 002: the programme answers the mentee's request):
    /// their main request, its details, categories and deficits go into the goals and expected results; the request
    /// gets a task with a concrete action and every deficit a task of its own in the main stage.
    public func personalised(for mentees: [MenteeProfile]) -> ProgrammeTemplate {
        guard !mentees.isEmpty else { return self }
        var t = self
        let requests = mentees.map { m in
            "«\(m.mainRequest.label)»" + (m.requestDetails.nonBlank.map { ": \($0)" } ?? "")
        }
        let categories = Array(Set(mentees.flatMap(\.categories))).sorted { $0.rawValue < $1.rawValue }.map(\.label)
        var deficits: [String] = []
        for d in mentees.flatMap(\.deficits) {
            if let d = Optional(d).nonBlank, !deficits.contains(where: { $0.lowercased() == d.lowercased() }) { deficits.append(d) }
        }
        var goals = [goals, "Запрос наставляемого: \(requests.joined(separator: "; "))."]
        if !categories.isEmpty { goals.append("Категория наставляемого: \(categories.joined(separator: ", ")).") }
        if !deficits.isEmpty { goals.append("Преодоление дефицитов: \(deficits.joined(separator: "; ")).") }
        t.goals = goals.joined(separator: "\n")
        if !deficits.isEmpty {
            t.expectedResults += "\nДефициты (\(deficits.joined(separator: "; "))) преодолены — это подтверждают повторная самооценка и результат каждой задачи."
        }
        let forStudents = items.elementsEqual(ProgrammeTemplates.students, by: { $0.title == $1.title })
        var added: [Item] = []
        for request in Array(Set(mentees.map(\.mainRequest))).sorted(by: { $0.rawValue < $1.rawValue }) {
            added.append(.init(stage: .main, title: "По запросу «\(request.label)»: \(ProgrammeTemplates.action(for: request))", month: 2, responsible: "наставник"))
        }
        // Deficits are spread over the main stage: from the third month to three months before the end.
        let first = 2, last = max(first, months - 3)
        for (i, d) in deficits.enumerated() {
            let month = first + (last - first) * (i + 1) / (deficits.count + 1)
            let action = forStudents
                ? "разобрать затруднение с наставником, выполнить практическое задание и показать результат"
                : "посетить урок наставника по этой теме, разработать и провести свой урок, разобрать его с наставником"
            added.append(.init(stage: .main, title: "Дефицит «\(d)»: \(action)", month: month, responsible: forStudents ? "наставник" : "наставляемый"))
        }
        let split = t.items.firstIndex { $0.stage == .control } ?? t.items.endIndex
        t.items.insert(contentsOf: added, at: split)
        return t
    }
}

public enum ProgrammeTemplates {
    static func item(_ stage: ProgrammeStage, _ month: Int, _ title: String, _ responsible: String) -> ProgrammeTemplate.Item {
        .init(stage: stage, title: title, month: month, responsible: responsible)
    }

    static let staff: [ProgrammeTemplate.Item] = [
        item(.adaptation, 0, "Организационная встреча: знакомство, ожидания, правила работы пары", "наставник"),
        item(.adaptation, 1, "Самооценка профессиональных компетенций и выявление дефицитов", "наставляемый"),
        item(.adaptation, 1, "Знакомство с локальными актами, ООП и рабочими программами", "наставник"),
        item(.main, 2, "Взаимопосещение уроков с последующим анализом (не менее 2 в месяц)", "наставник"),
        item(.main, 4, "Разработка и проведение открытого урока", "наставляемый"),
        item(.main, 6, "Участие в работе методического объединения, педагогического совета", "наставляемый"),
        item(.main, 7, "Освоение цифровых инструментов для уроков и оценивания", "наставник"),
        item(.control, 8, "Повторная самооценка компетенций, анализ прироста", "наставляемый"),
        item(.control, 9, "Итоговая встреча, анкета удовлетворённости, представление результатов", "куратор"),
    ]

    static let students: [ProgrammeTemplate.Item] = [
        item(.adaptation, 0, "Организационная встреча, согласование целей с родителями", "наставник"),
        item(.adaptation, 1, "Диагностика интересов и затруднений наставляемого", "педагог-психолог"),
        item(.main, 2, "Совместная работа над проектом (исследованием)", "наставник"),
        item(.main, 4, "Участие в конкурсе, олимпиаде или мероприятии", "наставляемый"),
        item(.main, 5, "Промежуточная встреча и корректировка плана", "наставник"),
        item(.control, 7, "Защита проекта (представление результата)", "наставляемый"),
        item(.control, 8, "Итоговая встреча, анкета удовлетворённости", "куратор"),
    ]

    static let team: [ProgrammeTemplate.Item] = [
        item(.adaptation, 0, "Установочная встреча команд, распределение ролей", "руководитель команды наставников"),
        item(.adaptation, 1, "Анализ профессиональных дефицитов команды", "руководитель команды наставников"),
        item(.main, 3, "Методические интенсивы и стажировки на базе школы-наставника", "команда наставников"),
        item(.main, 5, "Совместная разработка и апробация практики", "команда наставляемых"),
        item(.control, 8, "Итоговый семинар и презентация результатов", "куратор"),
    ]

    /// A concrete action for a main request (seed 001's analysis of requests).
    static func action(for request: MainRequest) -> String {
        switch request {
        case .methodical: "разработать с наставником технологическую карту урока, провести урок и разобрать его"
        case .classManagement: "спланировать и провести с наставником классный час и родительское собрание"
        case .digital: "освоить цифровой инструмент (ЭОР, онлайн-тест), применить его на уроке и разобрать результат с наставником"
        case .adaptation: "познакомиться с традициями и коллективом школы, выступить на методическом объединении"
        case .contest: "подготовить конкурсные материалы и провести пробное выступление перед наставником"
        case .subjectKnowledge: "разобрать с наставником трудные темы предмета и провести по ним урок"
        case .discipline: "выработать с наставником правила работы класса и приёмы удержания внимания, проверить их на уроке"
        case .parents: "подготовить и провести с наставником консультацию (собрание) для родителей"
        case .research: "выбрать тему, составить план исследования (проекта) и представить промежуточный результат"
        case .career: "составить с наставником план профессиональных проб и посетить предприятие (колледж, вуз)"
        case .personal: "составить план личностного развития и разбирать его выполнение на встречах с наставником"
        }
    }

    /// July and August are school holidays: a deadline there moves to the nearest school month within the programme —
    /// July back to 30 June, August on to 1 September (the other one when the first lies outside the programme).
    public static func schoolDeadline(_ day: Day, start: Day, end: Day) -> Day {
        guard day.month == 7 || day.month == 8,
              let june = Day(year: day.year, month: 6, day: 30), let september = Day(year: day.year, month: 9, day: 1) else { return day }
        let candidates = day.month == 7 ? [june, september] : [september, june]
        return candidates.first { $0 >= start && $0 <= end } ?? day
    }

    public static func template(for form: MentorshipForm) -> ProgrammeTemplate {
        let items: [ProgrammeTemplate.Item]
        let goals: String
        let results: String
        switch form {
        case .studentStudent, .teacherStudent, .universityStudentPupil, .employerStudent:
            items = students
            goals = "Раскрытие потенциала наставляемого, развитие интересов и навыков, поддержка в обучении и самоопределении."
            results = "Выполненный проект (исследование), участие в конкурсах, рост мотивации и успеваемости."
        case .teamTeam:
            items = team
            goals = "Преодоление профессиональных дефицитов команды, распространение эффективных практик."
            results = "Освоенные и применяемые командой практики, рост результатов обучающихся."
        default:
            items = staff
            goals = "Адаптация наставляемого в организации, преодоление профессиональных затруднений, развитие компетенций."
            results = "Наставляемый самостоятельно планирует и проводит уроки, применяет цифровые инструменты, участвует в методической работе."
        }
        return ProgrammeTemplate(form: form, goals: goals, expectedResults: results, months: 9, items: items)
    }
}
