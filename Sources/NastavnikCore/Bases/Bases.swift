import Foundation

/// Компетенции наставника (seed 001, Table 2).
public enum Competency: String, Labelled {
    case subject, organisationalMethodical = "org_methodical", psychoPedagogical = "psych_ped", diagnostic,
        analytic, prognostic, research
    public var label: String {
        switch self {
        case .subject: "предметные"
        case .organisationalMethodical: "организационно-методические"
        case .psychoPedagogical: "психолого-педагогические"
        case .diagnostic: "диагностические"
        case .analytic: "аналитические и оценочные"
        case .prognostic: "прогностические"
        case .research: "исследовательские"
        }
    }
}

/// Достижения наставника, важные для программы (seed 001).
public enum Achievement: String, Labelled {
    case contestWinner = "contest_winner", author, webinarHost = "webinar_host", communityHead = "community_head",
        disseminator, manager, expert
    public var label: String {
        switch self {
        case .contestWinner: "победитель (призёр) профессиональных конкурсов"
        case .author: "автор методических пособий и материалов"
        case .webinarHost: "ведущий вебинаров и семинаров"
        case .communityHead: "руководитель профессионального сообщества"
        case .disseminator: "транслирует опыт (диссеминатор)"
        case .manager: "успешный руководитель"
        case .expert: "эксперт (член жюри, аттестационной комиссии)"
        }
    }
}

/// Статус обучения в школе наставников.
public enum TrainingStatus: String, Labelled {
    case notTrained = "not_trained", inTraining = "in_training", trained
    public var label: String {
        switch self {
        case .notTrained: "не обучен"
        case .inTraining: "проходит обучение"
        case .trained: "обучен"
        }
    }
}

/// Статус в базе наставников.
public enum MentorStatus: String, Labelled {
    case candidate, selected, active, left
    public var label: String {
        switch self {
        case .candidate: "кандидат"
        case .selected: "отобран"
        case .active: "действующий"
        case .left: "выбыл"
        }
    }
}

/// Запись в базе наставников.
public struct MentorProfile: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var personID: UUID
    public var organisationID: UUID
    public var competencies: [Competency]
    public var interests: String?
    public var achievements: [Achievement]
    public var achievementsOther: String?
    public var capacity: Int
    public var availability: String?
    public var training: TrainingStatus
    public var forms: [MentorshipForm]
    public var status: MentorStatus
    /// Agreed to mentor beyond their organisation (regional pool, seed 004).
    public var network: Bool
    public var enteredOn: Day

    public init(
        id: UUID = .timeOrdered(), personID: UUID, organisationID: UUID, competencies: [Competency] = [],
        interests: String? = nil, achievements: [Achievement] = [], achievementsOther: String? = nil,
        capacity: Int = 2, availability: String? = nil, training: TrainingStatus = .notTrained,
        forms: [MentorshipForm] = [.teacherTeacher], status: MentorStatus = .active, network: Bool = false,
        enteredOn: Day
    ) {
        self.id = id
        self.personID = personID
        self.organisationID = organisationID
        self.competencies = competencies
        self.interests = interests
        self.achievements = achievements
        self.achievementsOther = achievementsOther
        self.capacity = capacity
        self.availability = availability
        self.training = training
        self.forms = forms
        self.status = status
        self.network = network
        self.enteredOn = enteredOn
    }
}

/// Категория наставляемого. Staff categories (seed 000/001/004) and student ones (seed 003).
/// «Молодой специалист» is not here: it is computed from pedagogical experience, never typed.
public enum MenteeCategory: String, Labelled {
    case newcomer, returning, newPost = "new_post", difficulties, burnout, contest
    case gifted, disability, hardship, lowMotivation = "low_motivation", adaptation, careerGuidance = "career"

    public var label: String {
        switch self {
        case .newcomer: "новый сотрудник организации"
        case .returning: "вернувшийся после перерыва"
        case .newPost: "смена предмета или должности"
        case .difficulties: "профессиональные затруднения"
        case .burnout: "профессиональное выгорание"
        case .contest: "подготовка к профессиональному конкурсу"
        case .gifted: "одарённый обучающийся"
        case .disability: "обучающийся с ОВЗ"
        case .hardship: "в трудной жизненной ситуации"
        case .lowMotivation: "низкая мотивация"
        case .adaptation: "адаптация в новом коллективе"
        case .careerGuidance: "профориентация"
        }
    }

    public var isStudentCategory: Bool {
        switch self {
        case .gifted, .disability, .hardship, .lowMotivation, .adaptation, .careerGuidance: true
        default: false
        }
    }
}

/// Основной запрос наставляемого (seed 001's analysis of requests).
public enum MainRequest: String, Labelled {
    case methodical, classManagement = "class_management", digital, adaptation, contest, subjectKnowledge = "subject",
        discipline, parents, research, career, personal
    public var label: String {
        switch self {
        case .methodical: "методическая помощь"
        case .classManagement: "классное руководство"
        case .digital: "ИКТ и цифровые технологии"
        case .adaptation: "адаптация в коллективе"
        case .contest: "подготовка к конкурсу"
        case .subjectKnowledge: "предметные знания"
        case .discipline: "дисциплина на уроке"
        case .parents: "работа с родителями"
        case .research: "исследовательская и проектная деятельность"
        case .career: "профориентация"
        case .personal: "личностное развитие"
        }
    }
}

/// Статус в базе наставляемых.
public enum MenteeStatus: String, Labelled {
    case waiting, inProgramme = "in_programme", completed, left
    public var label: String {
        switch self {
        case .waiting: "ожидает наставника"
        case .inProgramme: "в программе"
        case .completed: "завершил программу"
        case .left: "выбыл"
        }
    }
}

/// Запись в базе наставляемых.
public struct MenteeProfile: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var personID: UUID
    public var organisationID: UUID
    public var categories: [MenteeCategory]
    public var mainRequest: MainRequest
    public var requestDetails: String?
    public var deficits: [String]
    public var status: MenteeStatus
    public var enteredOn: Day
    /// From the intake questionnaire: the preferred format and when meetings suit them.
    public var preferredFormat: WorkFormat?
    public var availability: String?

    public init(
        id: UUID = .timeOrdered(), personID: UUID, organisationID: UUID, categories: [MenteeCategory] = [],
        mainRequest: MainRequest, requestDetails: String? = nil, deficits: [String] = [],
        status: MenteeStatus = .waiting, enteredOn: Day, preferredFormat: WorkFormat? = nil, availability: String? = nil
    ) {
        self.preferredFormat = preferredFormat
        self.availability = availability
        self.id = id
        self.personID = personID
        self.organisationID = organisationID
        self.categories = categories
        self.mainRequest = mainRequest
        self.requestDetails = requestDetails
        self.deficits = deficits
        self.status = status
        self.enteredOn = enteredOn
    }
}

public enum BaseRules {
    /// Entry into either base (seed 003 stage 2–3; 152-ФЗ): a valid processing consent, and a current
    /// place in the organisation whose base it is.
    public static func validateEntry(
        person: Person, organisationID: UUID, consents: [Consent], memberships: [Membership], on day: Day
    ) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if !ConsentRules.hasValidProcessingConsent(person, consents: consents, on: day) {
            issues.append(.init("personID",
                person.isMinor(on: day)
                    ? "Нет действующего согласия родителя (законного представителя) на обработку персональных данных: \(person.shortName)"
                    : "Нет действующего согласия \(person.shortName) на обработку персональных данных: сначала зарегистрируйте согласие."))
        }
        if !memberships.contains(where: { $0.organisationID == organisationID && $0.period.contains(day) }) {
            issues.append(.init("organisationID", "\(person.shortName) не работает и не учится в этой организации на \(day.russian)."))
        }
        return issues
    }

    /// The day a person entered a base, when it is given (history loaded later, issue 25): not ahead of today and
    /// not before the place in the organisation began — a base entry dated before the person was there is a typo.
    public static func validateEnteredOn(_ day: Day, organisationID: UUID, memberships: [Membership], today: Day) -> [FieldIssue] {
        if day > today { return [.init("enteredOn", "Дата включения в базу \(day.russian) ещё не наступила.")] }
        let starts = memberships.filter { $0.organisationID == organisationID }.map(\.period.start)
        if let first = starts.min(), day < first {
            return [.init("enteredOn", "Дата включения в базу \(day.russian) раньше, чем человек пришёл в организацию (\(first.russian)).")]
        }
        return []
    }

    public static func validateMentor(_ m: MentorProfile) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if !(1...30).contains(m.capacity) {
            issues.append(.init("capacity", "Число наставляемых одновременно — от 1 до 30."))
        }
        if m.forms.isEmpty { issues.append(.init("forms", "Отметьте хотя бы одну форму наставничества.")) }
        return issues
    }

    public static func validateMentee(_ m: MenteeProfile, person: Person, isStudent: Bool) -> [FieldIssue] {
        let wrong = m.categories.filter { $0.isStudentCategory != isStudent }
        guard !wrong.isEmpty else { return [] }
        return [.init("categories",
            "Категории «\(LabelledSet.labels(wrong))» не подходят для \(isStudent ? "обучающегося" : "работника").")]
    }

    /// Categories shown for a mentee on `day`, with the computed «молодой специалист» first.
    public static func displayCategories(_ m: MenteeProfile, person: Person, on day: Day) -> [String] {
        (person.isYoungSpecialist(on: day) ? ["молодой специалист (стаж 0–3 года)"] : []) + m.categories.map(\.label)
    }
}
