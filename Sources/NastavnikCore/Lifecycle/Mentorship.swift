import Foundation

/// Статус наставнической пары или группы.
public enum MentorshipStatus: String, Labelled {
    case forming, active, completed, terminated
    public var label: String {
        switch self {
        case .forming: "формируется"
        case .active: "действует"
        case .completed: "завершена"
        case .terminated: "прекращена"
        }
    }
    /// Forming or active: counts toward a mentor's load and a mentee's one-per-form limit.
    public var isOpen: Bool { self == .forming || self == .active }
}

public enum ParticipantRole: String, Labelled {
    case mentor, mentee
    public var label: String { self == .mentor ? "наставник" : "наставляемый" }
}

/// Приказ, закрепляющий пару или группу.
public struct OrderReference: Sendable, Hashable, Codable {
    public var number: String
    public var date: Day
    public init(number: String, date: Day) {
        self.number = number
        self.date = date
    }
    public var russian: String { "приказ от \(date.russian) № \(number)" }
}

/// A pair or group: one or more mentors and one or more mentees in one form of mentorship.
public struct Mentorship: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var organisationID: UUID
    public var form: MentorshipForm
    public var kind: MentorshipKind
    public var format: WorkFormat
    public var title: String?
    public var start: Day
    public var plannedEnd: Day
    public var actualEnd: Day?
    public var status: MentorshipStatus
    public var order: OrderReference?
    /// Why it was closed early (status «прекращена»).
    public var terminationReason: String?
    /// The result written at completion (seed 003 item 31).
    public var resultSummary: String?

    public init(
        id: UUID = .timeOrdered(), organisationID: UUID, form: MentorshipForm, kind: MentorshipKind = .traditional,
        format: WorkFormat = .inPerson, title: String? = nil, start: Day, plannedEnd: Day, actualEnd: Day? = nil,
        status: MentorshipStatus = .forming, order: OrderReference? = nil, terminationReason: String? = nil,
        resultSummary: String? = nil
    ) {
        self.id = id
        self.organisationID = organisationID
        self.form = form
        self.kind = kind
        self.format = format
        self.title = title
        self.start = start
        self.plannedEnd = plannedEnd
        self.actualEnd = actualEnd
        self.status = status
        self.order = order
        self.terminationReason = terminationReason
        self.resultSummary = resultSummary
    }

    public var period: Period { Period(start: start, end: actualEnd ?? plannedEnd) }
    public var isGroup: Bool { kind == .group || form == .teamTeam }
}

/// One person's place in a mentorship. Leaving (re-pairing) sets `leftOn`; the row stays as history.
public struct Participant: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var mentorshipID: UUID
    public var personID: UUID
    public var role: ParticipantRole
    public var joinedOn: Day
    public var leftOn: Day?
    public var leftReason: String?
    /// Why a teacher with 3 years of pedagogical experience or less mentors anyway (seed 001).
    public var justification: String?

    public init(
        id: UUID = .timeOrdered(), mentorshipID: UUID, personID: UUID, role: ParticipantRole, joinedOn: Day,
        leftOn: Day? = nil, leftReason: String? = nil, justification: String? = nil
    ) {
        self.id = id
        self.mentorshipID = mentorshipID
        self.personID = personID
        self.role = role
        self.joinedOn = joinedOn
        self.leftOn = leftOn
        self.leftReason = leftReason
        self.justification = justification
    }

    public var isCurrent: Bool { leftOn == nil }
}

extension MentorshipForm {
    /// Who may be the mentor in this form, by their role in an organisation.
    public var mentorRoles: Set<MembershipRole> {
        switch self {
        case .studentStudent, .universityStudentPupil: [.student]
        case .teacherStudent, .teacherTeacher, .teamTeam: [.pedagogical, .managerial]
        case .headHead, .headTeacher: [.managerial]
        case .employerStudent: [.partnerEmployee]
        case .reverse: [.pedagogical, .managerial, .student]
        }
    }

    /// Who may be the mentee in this form.
    public var menteeRoles: Set<MembershipRole> {
        switch self {
        case .studentStudent, .teacherStudent, .universityStudentPupil, .employerStudent: [.student]
        case .teacherTeacher, .headTeacher: [.pedagogical]
        case .headHead: [.managerial]
        case .teamTeam, .reverse: [.pedagogical, .managerial]
        }
    }

    /// «наставник — педагог или руководитель; наставляемый — обучающийся».
    public var rolesHint: String {
        "наставник — \(mentorRoles.sortedLabels); наставляемый — \(menteeRoles.sortedLabels)"
    }
}

extension Set where Element == MembershipRole {
    var sortedLabels: String {
        MembershipRole.allCases.filter(contains).map(\.label).joined(separator: " или ")
    }
}

/// Another open mentorship a person already takes part in: for the load and one-per-form rules.
public struct Engagement: Sendable, Equatable {
    public var mentorshipID: UUID
    public var form: MentorshipForm
    public var role: ParticipantRole
    /// Current mentees in that mentorship (a mentor's load).
    public var menteeCount: Int

    public init(mentorshipID: UUID, form: MentorshipForm, role: ParticipantRole, menteeCount: Int) {
        self.mentorshipID = mentorshipID
        self.form = form
        self.role = role
        self.menteeCount = menteeCount
    }
}

/// Everything the rules need to know about one proposed participant.
public struct Candidate: Sendable {
    public var person: Person
    public var memberships: [Membership]
    public var consents: [Consent]
    public var mentorProfile: MentorProfile?
    public var menteeProfile: MenteeProfile?
    /// Open mentorships the person is in, other than the one being checked.
    public var engagements: [Engagement]
    public var justification: String?

    public init(
        person: Person, memberships: [Membership], consents: [Consent], mentorProfile: MentorProfile? = nil,
        menteeProfile: MenteeProfile? = nil, engagements: [Engagement] = [], justification: String? = nil
    ) {
        self.person = person
        self.memberships = memberships
        self.consents = consents
        self.mentorProfile = mentorProfile
        self.menteeProfile = menteeProfile
        self.engagements = engagements
        self.justification = justification
    }
}

public enum MentorshipRules {
    /// Pedagogical experience a teacher mentor normally has: more than 3 years (seed 001, 003).
    public static let normalMentorExperienceYears = 3

    /// Checks a new pair or group (or a participant joining one). `mentors` and `mentees` are the
    /// people who will be current participants.
    public static func validate(
        _ m: Mentorship, mentors: [Candidate], mentees: [Candidate], today: Day
    ) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if m.plannedEnd <= m.start {
            issues.append(.init("plannedEnd", "Дата окончания должна быть позже даты начала (\(m.start.russian))."))
        }
        if mentors.isEmpty { issues.append(.init("mentors", "Укажите наставника.")) }
        if mentees.isEmpty { issues.append(.init("mentees", "Укажите наставляемого.")) }
        if m.form == .teamTeam, mentors.count < 2 || mentees.count < 2 {
            issues.append(.init("form", "В форме «команда – команда» в каждой команде не меньше двух человек."))
        } else if m.kind == .group, mentees.count < 2 {
            issues.append(.init("kind", "Групповое наставничество — это не меньше двух наставляемых."))
        }
        let mentorIDs = Set(mentors.map(\.person.id))
        for mentee in mentees where mentorIDs.contains(mentee.person.id) {
            issues.append(.init("mentees", "\(mentee.person.shortName) не может быть наставником самому себе."))
        }
        if Set(mentees.map(\.person.id)).count != mentees.count || mentorIDs.count != mentors.count {
            issues.append(.init("mentees", "Один и тот же человек указан дважды."))
        }
        let span = Period(start: m.start, end: m.plannedEnd)
        for c in mentors { issues += checkMentor(c, m, span: span, menteeCount: mentees.count, mentees: mentees, today: today) }
        for c in mentees { issues += checkMentee(c, m, span: span, today: today) }
        return issues
    }

    static func checkCommon(_ c: Candidate, _ side: ParticipantRole, _ m: Mentorship, span: Period, today: Day) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        let field = side == .mentor ? "mentors" : "mentees"
        let name = c.person.shortName
        if !ConsentRules.hasValidProcessingConsent(c.person, consents: c.consents, on: today) {
            issues.append(.init(field, c.person.isMinor(on: today)
                ? "Нет действующего согласия родителя (законного представителя) на обработку персональных данных: \(name)"
                : "Нет действующего согласия на обработку персональных данных: \(name)"))
        }
        let roles = side == .mentor ? m.form.mentorRoles : m.form.menteeRoles
        let eligible = c.memberships.filter {
            roles.contains($0.role) && (side == .mentor || $0.organisationID == m.organisationID)
        }
        if eligible.isEmpty {
            issues.append(.init(field, "\(name) не может быть \(side == .mentor ? "наставником" : "наставляемым") в форме «\(m.form.label)»: \(m.form.rolesHint)."))
        } else if !eligible.contains(where: { $0.period.covers(span) }) {
            issues.append(.init("plannedEnd", "Период наставничества \(span.russian) выходит за период работы (учёбы) \(name) в организации."))
        }
        return issues
    }

    static func checkMentor(_ c: Candidate, _ m: Mentorship, span: Period, menteeCount: Int, mentees: [Candidate], today: Day) -> [FieldIssue] {
        var issues = checkCommon(c, .mentor, m, span: span, today: today)
        let name = c.person.shortName
        guard let profile = c.mentorProfile else {
            return issues + [.init("mentors", "\(name) нет в базе наставников.")]
        }
        if profile.organisationID != m.organisationID, !profile.network,
            !c.memberships.contains(where: { $0.organisationID == m.organisationID && $0.period.contains(m.start) }) {
            issues.append(.init("mentors", "\(name) работает в другой организации и не отметил готовность к сетевому наставничеству."))
        }
        if profile.status == .left {
            issues.append(.init("mentors", "\(name) выбыл из базы наставников."))
        }
        let load = c.engagements.filter { $0.role == .mentor }.reduce(0) { $0 + $1.menteeCount }
        if load + menteeCount > profile.capacity {
            issues.append(.init("mentors",
                "У наставника \(name) уже \(load) из \(profile.capacity) наставляемых: ещё \(menteeCount) — больше, чем он может вести одновременно."))
        }
        if needsJustification(c, m), c.justification.nonBlank == nil {
            let exp = c.person.pedagogicalExperience(on: m.start).map { "педагогический стаж \($0.russian)" } ?? "педагогический стаж не указан"
            issues.append(.init("justification",
                "У наставника \(name) \(exp), а обычно нужно больше \(normalMentorExperienceYears) лет: запишите обоснование, почему он назначен наставником."))
        }
        if m.form == .reverse {
            for mentee in mentees where c.person.birthDate <= mentee.person.birthDate {
                issues.append(.init("mentors", "В реверсивном наставничестве наставник младше наставляемого, а \(name) не младше \(mentee.person.shortName)"))
            }
        }
        return issues
    }

    static func checkMentee(_ c: Candidate, _ m: Mentorship, span: Period, today: Day) -> [FieldIssue] {
        var issues = checkCommon(c, .mentee, m, span: span, today: today)
        let name = c.person.shortName
        if c.menteeProfile == nil {
            issues.append(.init("mentees", "\(name) нет в базе наставляемых организации."))
        }
        if c.engagements.contains(where: { $0.role == .mentee && $0.form == m.form }) {
            issues.append(.init("mentees", "\(name) уже состоит в действующей паре (группе) в форме «\(m.form.label)»."))
        }
        return issues
    }

    /// Обоснование назначения наставника (seed 001, 003): a mentor who teaches (or manages) at the start and has
    /// no more than the usual experience needs a written reason, except in reverse mentoring.
    public static func needsJustification(_ c: Candidate, _ m: Mentorship) -> Bool {
        let teaches = c.memberships.contains { ($0.role == .pedagogical || $0.role == .managerial) && $0.period.contains(m.start) }
        return teaches && m.form != .reverse && !hasNormalExperience(c.person, on: m.start)
    }

    /// More than 3 full years of pedagogical experience on `day`.
    public static func hasNormalExperience(_ p: Person, on day: Day) -> Bool {
        guard let start = p.pedagogicalExperienceStart else { return false }
        return start.adding(years: normalMentorExperienceYears) < day
    }

    /// Fixing a forming pair by an order makes it active.
    public static func validateOrder(_ m: Mentorship, order: OrderReference, today: Day) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if m.status != .forming { issues.append(.init("status", "Приказом закрепляется только формирующаяся пара (группа); сейчас она «\(m.status.label)».")) }
        if order.number.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { issues.append(.init("orderNumber", "Укажите номер приказа.")) }
        if order.date > today { issues.append(.init("orderDate", "Дата приказа \(order.date.russian) ещё не наступила.")) }
        return issues
    }

    /// Early closing: a reason, a date within the period, not in the future.
    public static func validateTermination(_ m: Mentorship, on day: Day, reason: String?, today: Day) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if !m.status.isOpen { issues.append(.init("status", "Пара (группа) уже \(m.status.label).")) }
        if reason.nonBlank == nil { issues.append(.init("reason", "Укажите причину прекращения.")) }
        issues += closingDateIssues(m, day, today)
        return issues
    }

    /// Completion (seed 003 stage 7): a final meeting held, the final questionnaire from every current
    /// mentee and at least one mentor, and a written result.
    public static func validateCompletion(
        _ m: Mentorship, on day: Day, summary: String?, participants: [Participant], meetings: [Meeting],
        feedback: [Feedback], today: Day
    ) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if m.status != .active { issues.append(.init("status", "Завершить можно только действующую пару (группу); сейчас она «\(m.status.label)».")) }
        if summary.nonBlank == nil { issues.append(.init("resultSummary", "Опишите результат наставничества.")) }
        issues += closingDateIssues(m, day, today)
        if !meetings.contains(where: { $0.type.isFinal && $0.status == .held && $0.date <= day }) {
            issues.append(.init("meetings", "Сначала проведите и отметьте итоговую встречу."))
        }
        let finals = Set(feedback.filter { $0.kind == .final }.map(\.authorPersonID))
        let current = participants.filter(\.isCurrent)
        if !current.contains(where: { $0.role == .mentor && finals.contains($0.personID) }) {
            issues.append(.init("feedback", "Нет итоговой анкеты удовлетворённости от наставника."))
        }
        let missing = current.filter { $0.role == .mentee && !finals.contains($0.personID) }.count
        if missing > 0 {
            issues.append(.init("feedback", "Нет итоговой анкеты удовлетворённости от наставляемых: \(missing)."))
        }
        return issues
    }

    static func closingDateIssues(_ m: Mentorship, _ day: Day, _ today: Day) -> [FieldIssue] {
        if day < m.start { return [.init("actualEnd", "Дата окончания раньше начала наставничества (\(m.start.russian)).")] }
        if day > today { return [.init("actualEnd", "Дата окончания \(day.russian) ещё не наступила.")] }
        return []
    }

    /// A participant leaving (re-pairing): the row stays with a date and reason.
    public static func validateLeaving(_ p: Participant, on day: Day, reason: String?, m: Mentorship, remaining: [Participant]) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if !p.isCurrent { issues.append(.init("participant", "Участник уже вышел из пары (группы).")) }
        if reason.nonBlank == nil { issues.append(.init("reason", "Укажите причину замены.")) }
        if day < p.joinedOn { issues.append(.init("leftOn", "Дата выхода раньше даты включения (\(p.joinedOn.russian)).")) }
        if !remaining.contains(where: { $0.role == p.role && $0.id != p.id && $0.isCurrent }) {
            issues.append(.init("participant", p.role == .mentee
                ? "Это последний наставляемый: прекратите наставничество вместо замены."
                : "Это последний наставник: назначьте замену или прекратите наставничество."))
        }
        return issues
    }
}
