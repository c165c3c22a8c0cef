import Foundation

/// One line of a role's «Что нужно сделать» (issue 26): how many records wait, by when, and where it is done.
public struct RoleTask: Sendable, Equatable {
    public var title: String
    public var count: Int
    /// The nearest deadline among them, where they have one.
    public var deadline: Day?
    /// Some are already past their deadline.
    public var overdue: Bool
    public var href: String
    /// The button: «Подготовить приказ».
    public var action: String

    public init(_ title: String, count: Int, deadline: Day? = nil, overdue: Bool = false, href: String, action: String) {
        self.title = title
        self.count = count
        self.deadline = deadline
        self.overdue = overdue
        self.href = href
        self.action = action
    }
}

/// What the task list knows of one open pair (or group) of the organisation.
public struct PairFacts: Sendable, Equatable {
    public var programme: ProgrammeStatus?
    /// The programme on approval may be approved by the role asking (its regulation's approver, not who submitted it).
    public var approvableByViewer: Bool
    public var fixedByOrder: Bool
    public var atRisk: Bool

    public init(programme: ProgrammeStatus?, approvableByViewer: Bool, fixedByOrder: Bool, atRisk: Bool) {
        self.programme = programme
        self.approvableByViewer = approvableByViewer
        self.fixedByOrder = fixedByOrder
        self.atRisk = atRisk
    }
}

/// The facts of one organisation a curator's or director's list is made from, read on `today`.
public struct OrganisationFacts: Sendable, Equatable {
    public var organisationID: UUID
    public var today: Day
    public var openPairs: [PairFacts]
    /// In the base of mentees, waiting for a mentor.
    public var waitingMentees: Int
    /// Young specialists (experience 0–3 years) not in the base of mentees.
    public var youngOutsideBase: Int
    public var withoutConsent: Int
    /// Deadlines of the roadmap's events of the school year that are neither done nor cancelled.
    public var roadmapDeadlines: [Day]

    public init(organisationID: UUID, today: Day, openPairs: [PairFacts], waitingMentees: Int, youngOutsideBase: Int,
                withoutConsent: Int, roadmapDeadlines: [Day]) {
        self.organisationID = organisationID
        self.today = today
        self.openPairs = openPairs
        self.waitingMentees = waitingMentees
        self.youngOutsideBase = youngOutsideBase
        self.withoutConsent = withoutConsent
        self.roadmapDeadlines = roadmapDeadlines
    }
}

/// What a municipal coordinator's or regional operator's list is made from: the schools of the territory that are
/// behind, and the community's items waiting for them.
public struct TerritoryFacts: Sendable, Equatable {
    public var schoolsWithoutCurator: Int
    /// Schools with no roadmap for `schoolYear` (seed 003: each school's roadmap for the year).
    public var schoolsWithoutRoadmap: Int
    public var schoolYear: Int
    /// Bank items at this level waiting for the viewer's moderation.
    public var practicesToModerate: Int

    public init(schoolsWithoutCurator: Int, schoolsWithoutRoadmap: Int, schoolYear: Int, practicesToModerate: Int) {
        self.schoolsWithoutCurator = schoolsWithoutCurator
        self.schoolsWithoutRoadmap = schoolsWithoutRoadmap
        self.schoolYear = schoolYear
        self.practicesToModerate = practicesToModerate
    }
}

public enum TaskListRules {
    /// The territory's list: schools behind, then the bank's items to moderate.
    public static func territory(_ f: TerritoryFacts) -> [RoleTask] {
        ordered([
            RoleTask("Школы без куратора наставничества (нет учётной записи куратора)", count: f.schoolsWithoutCurator,
                     href: "/organisations", action: "Открыть организации"),
            RoleTask("Школы без дорожной карты на \(f.schoolYear)/\(f.schoolYear + 1) учебный год", count: f.schoolsWithoutRoadmap,
                     href: "/organisations", action: "Открыть организации"),
            RoleTask("Материалы банка практик ждут модерации", count: f.practicesToModerate,
                     href: "/practices?status=pending", action: "Модерировать"),
        ])
    }

    /// The curator's list: people to bring in, pairs to complete (programme, approval, order), pairs at risk, consents,
    /// the roadmap's events overdue or due this month. A task with nothing waiting is left out: doing it removes it.
    public static func curator(_ f: OrganisationFacts) -> [RoleTask] {
        let org = "/organisations/\(f.organisationID)"
        let pairs = f.openPairs
        return ordered([
            RoleTask("Молодые специалисты не включены в базу наставляемых", count: f.youngOutsideBase,
                     href: "/people?young=true", action: "Открыть список"),
            RoleTask("Наставляемые ждут наставника", count: f.waitingMentees, href: "/matching/new", action: "Подобрать пары"),
            RoleTask("Пары без программы наставничества", count: pairs.filter { $0.programme == nil }.count,
                     href: "/mentorships/entry", action: "Составить программы"),
            RoleTask("Программы в работе: не переданы на утверждение", count: pairs.filter { $0.programme == .draft }.count,
                     href: "/mentorships/entry", action: "Открыть пары"),
            RoleTask("Программы ждут утверждения", count: pairs.filter { $0.programme == .onApproval }.count,
                     href: "/mentorships/entry", action: "Открыть пары"),
            RoleTask("Пары не закреплены приказом", count: pairs.filter { !$0.fixedByOrder }.count,
                     href: "\(org)/documents/generate?type=pairs_order", action: "Подготовить приказ"),
            RoleTask("Пары в зоне риска: нет встреч или обратной связи 30 дней, просрочены задачи", count: pairs.filter(\.atRisk).count,
                     href: "/mentorships?risk=any", action: "Открыть пары"),
            RoleTask("Нет действующего согласия на обработку персональных данных", count: f.withoutConsent,
                     href: "/people", action: "Открыть людей"),
        ] + roadmap(f, href: "\(org)/roadmap"))
    }

    /// The director's list: what waits for his signature, then the roadmap.
    public static func director(_ f: OrganisationFacts) -> [RoleTask] {
        let org = "/organisations/\(f.organisationID)"
        return ordered([
            RoleTask("Программы наставничества ждут вашего утверждения", count: f.openPairs.filter { $0.programme == .onApproval && $0.approvableByViewer }.count,
                     href: "/mentorships/entry", action: "Утвердить"),
            RoleTask("Пары не закреплены приказом", count: f.openPairs.filter { !$0.fixedByOrder }.count,
                     href: "\(org)/documents", action: "Документы организации"),
        ] + roadmap(f, href: "\(org)/roadmap"))
    }

    /// The roadmap's events past their deadline, and those due by the end of this month.
    static func roadmap(_ f: OrganisationFacts, href: String) -> [RoleTask] {
        let overdue = f.roadmapDeadlines.filter { $0 < f.today }
        let monthEnd = Day.endOfMonth(year: f.today.year, month: f.today.month) ?? f.today
        let thisMonth = f.roadmapDeadlines.filter { $0 >= f.today && $0 <= monthEnd }
        return [
            RoleTask("Просрочены мероприятия дорожной карты", count: overdue.count, deadline: overdue.min(), overdue: true,
                     href: href, action: "Открыть дорожную карту"),
            RoleTask("Мероприятия дорожной карты со сроком в этом месяце", count: thisMonth.count, deadline: thisMonth.min(),
                     href: href, action: "Открыть дорожную карту"),
        ]
    }

    /// Nothing waiting is left out; overdue first, then by the nearest deadline, the rest in the order given.
    static func ordered(_ tasks: [RoleTask]) -> [RoleTask] {
        tasks.enumerated().filter { $0.element.count > 0 }.sorted { a, b in
            let x = a.element, y = b.element
            if x.overdue != y.overdue { return x.overdue }
            switch (x.deadline, y.deadline) {
            case let (d1?, d2?) where d1 != d2: return d1 < d2
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }
}

/// What a mentor's or mentee's list knows of one of their open pairs.
public struct ParticipationFacts: Sendable, Equatable {
    public var mentorshipID: UUID
    /// «Петрова А. И. → Сидоров К. П.», named in the titles when the person has more than one pair.
    public var pairTitle: String
    public var role: ParticipantRole
    public var status: MentorshipStatus
    public var plannedEnd: Day
    /// No questionnaire of theirs in the feedback window («не реже раза в месяц»).
    public var feedbackDue: Bool
    /// The self-assessment phases they have entered in this pair.
    public var assessed: Set<AssessmentPhase>
    /// Deadlines of the programme's open tasks.
    public var openTaskDeadlines: [Day]
    /// Dates of the pair's planned meetings from today on.
    public var plannedMeetings: [Day]

    public init(mentorshipID: UUID, pairTitle: String, role: ParticipantRole, status: MentorshipStatus, plannedEnd: Day, feedbackDue: Bool,
                assessed: Set<AssessmentPhase>, openTaskDeadlines: [Day], plannedMeetings: [Day]) {
        self.mentorshipID = mentorshipID
        self.pairTitle = pairTitle
        self.role = role
        self.status = status
        self.plannedEnd = plannedEnd
        self.feedbackDue = feedbackDue
        self.assessed = assessed
        self.openTaskDeadlines = openTaskDeadlines
        self.plannedMeetings = plannedMeetings
    }
}

extension TaskListRules {
    /// Days before a pair's planned end from which the final self-assessment is asked for.
    public static let finalAssessmentDays = 30

    /// A mentor's or mentee's list over their open pairs: the questionnaire of the month, the mentee's self-assessment at
    /// the start and towards the end, the programme's tasks overdue or due this month, the meetings of the coming week.
    public static func participant(_ pairs: [ParticipationFacts], today: Day) -> [RoleTask] {
        let monthEnd = Day.endOfMonth(year: today.year, month: today.month) ?? today
        func pair(_ p: ParticipationFacts, _ path: String = "") -> String { "/mentorships/\(p.mentorshipID)\(path)" }
        let named = pairs.count > 1
        return ordered(pairs.flatMap { p -> [RoleTask] in
            let overdue = p.openTaskDeadlines.filter { $0 < today }
            let month = p.openTaskDeadlines.filter { $0 >= today && $0 <= monthEnd }
            let week = p.plannedMeetings.filter { $0 >= today && $0 <= today.adding(days: 7) }
            let mentee = p.role == .mentee && p.status.isOpen
            let nearEnd = today.adding(days: finalAssessmentDays) >= p.plannedEnd
            return [
                RoleTask("Анкета обратной связи за месяц", count: p.feedbackDue && p.status == .active ? 1 : 0, deadline: monthEnd,
                         href: pair(p, "/feedback/new"), action: "Заполнить анкету"),
                RoleTask("Входная самооценка компетенций", count: mentee && !p.assessed.contains(.start) ? 1 : 0,
                         href: pair(p, "/assessments/new"), action: "Оценить себя"),
                RoleTask("Итоговая самооценка компетенций", count: mentee && nearEnd && !p.assessed.contains(.end) ? 1 : 0, deadline: p.plannedEnd,
                         href: pair(p, "/assessments/new"), action: "Оценить себя"),
                RoleTask("Просрочены задачи программы", count: overdue.count, deadline: overdue.min(), overdue: true,
                         href: pair(p), action: "Открыть программу"),
                RoleTask("Задачи программы со сроком в этом месяце", count: month.count, deadline: month.min(),
                         href: pair(p), action: "Открыть программу"),
                RoleTask("Встречи на этой неделе", count: week.count, deadline: week.min(), href: pair(p), action: "Открыть пару"),
            ].map { t in
                var t = t
                if named { t.title += ": \(p.pairTitle)" }
                return t
            }
        })
    }
}
