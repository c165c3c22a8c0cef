import Foundation

/// Вид встречи (seed 003, stage 6–7).
public enum MeetingType: String, Labelled {
    case organisational, trial, regular, final, groupFinal = "group_final"
    public var label: String {
        switch self {
        case .organisational: "организационная"
        case .trial: "пробная рабочая"
        case .regular: "регулярная"
        case .final: "итоговая"
        case .groupFinal: "групповая итоговая"
        }
    }
    public var isFinal: Bool { self == .final || self == .groupFinal }
}

public enum MeetingStatus: String, Labelled {
    case planned, held, cancelled
    public var label: String {
        switch self {
        case .planned: "запланирована"
        case .held: "проведена"
        case .cancelled: "отменена"
        }
    }
}

/// Time of day «чч:мм», Moscow time.
public struct ClockTime: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(hour: h, minute: m)
    }

    public var description: String { String(format: "%02d:%02d", hour, minute) }
    public static func < (a: ClockTime, b: ClockTime) -> Bool { (a.hour, a.minute) < (b.hour, b.minute) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let t = ClockTime(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Время должно быть в формате ЧЧ:ММ"))
        }
        self = t
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// Встреча пары или группы, with who attended.
public struct Meeting: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var mentorshipID: UUID
    public var type: MeetingType
    public var date: Day
    public var time: ClockTime
    public var durationMinutes: Int
    public var format: WorkFormat
    public var place: String?
    public var agenda: String
    public var outcome: String?
    public var status: MeetingStatus
    /// People who attended (a held meeting).
    public var attendees: [UUID]

    public init(
        id: UUID = .timeOrdered(), mentorshipID: UUID, type: MeetingType, date: Day, time: ClockTime, durationMinutes: Int = 45,
        format: WorkFormat = .inPerson, place: String? = nil, agenda: String, outcome: String? = nil,
        status: MeetingStatus = .planned, attendees: [UUID] = []
    ) {
        self.id = id
        self.mentorshipID = mentorshipID
        self.type = type
        self.date = date
        self.time = time
        self.durationMinutes = durationMinutes
        self.format = format
        self.place = place
        self.agenda = agenda
        self.outcome = outcome
        self.status = status
        self.attendees = attendees
    }
}

public enum MeetingRules {
    public static func validate(_ meeting: Meeting, in m: Mentorship, participants: [Participant], today: Day) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if meeting.agenda.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(.init("agenda", "Укажите повестку встречи."))
        }
        if !(10...480).contains(meeting.durationMinutes) {
            issues.append(.init("durationMinutes", "Продолжительность встречи — от 10 до 480 минут."))
        }
        if !m.period.contains(meeting.date) {
            issues.append(.init("date", "Дата встречи \(meeting.date.russian) вне периода наставничества \(m.period.russian)."))
        }
        // Only those in the pair (group) on the day of the meeting: someone who has left cannot attend.
        let members = Set(participants.filter { $0.joinedOn <= meeting.date && ($0.leftOn.map { meeting.date < $0 } ?? true) }.map(\.personID))
        if meeting.attendees.contains(where: { !members.contains($0) }) {
            issues.append(.init("attendees", "Отмечать присутствие можно только участникам пары (группы)."))
        }
        if meeting.status == .held {
            if meeting.date > today { issues.append(.init("status", "Встреча \(meeting.date.russian) ещё не прошла: отметить её проведённой нельзя.")) }
            if meeting.outcome.nonBlank == nil { issues.append(.init("outcome", "Запишите итог встречи.")) }
            if meeting.attendees.isEmpty { issues.append(.init("attendees", "Отметьте, кто присутствовал.")) }
        }
        if meeting.type == .groupFinal, !m.isGroup {
            issues.append(.init("type", "Групповая итоговая встреча — для группы; для пары выберите «итоговая»."))
        }
        return issues
    }
}

public enum FeedbackKind: String, Labelled {
    case regular, final
    public var label: String { self == .regular ? "ежемесячная" : "итоговая (удовлетворённость)" }
}

/// Обратная связь: a short questionnaire from a mentor or a mentee, at least monthly (seed 003).
public struct Feedback: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var mentorshipID: UUID
    public var authorPersonID: UUID
    public var role: ParticipantRole
    public var date: Day
    public var kind: FeedbackKind
    /// Удовлетворённость 1–10.
    public var satisfaction: Int
    public var progress: String
    public var problems: String?

    public init(
        id: UUID = .timeOrdered(), mentorshipID: UUID, authorPersonID: UUID, role: ParticipantRole, date: Day,
        kind: FeedbackKind = .regular, satisfaction: Int, progress: String, problems: String? = nil
    ) {
        self.id = id
        self.mentorshipID = mentorshipID
        self.authorPersonID = authorPersonID
        self.role = role
        self.date = date
        self.kind = kind
        self.satisfaction = satisfaction
        self.progress = progress
        self.problems = problems
    }
}

public enum FeedbackRules {
    /// «не реже раза в месяц» (seed 003): the window the risk list looks back over.
    public static let windowDays = 30

    public static func validate(_ f: Feedback, in m: Mentorship, participants: [Participant], existing: [Feedback], today: Day) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if !(1...10).contains(f.satisfaction) { issues.append(.init("satisfaction", "Оценка удовлетворённости — от 1 до 10.")) }
        if f.progress.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(.init("progress", "Опишите продвижение за период."))
        }
        if f.date > today { issues.append(.init("date", "Дата \(f.date.russian) ещё не наступила.")) }
        if f.date < m.start { issues.append(.init("date", "Дата раньше начала наставничества (\(m.start.russian)).")) }
        if !participants.contains(where: { $0.personID == f.authorPersonID && $0.role == f.role && $0.isCurrent }) {
            issues.append(.init("authorPersonID", "Анкету заполняет участник пары (группы) в своей роли."))
        }
        if !m.status.isOpen { issues.append(.init("status", "Пара (группа) \(m.status.label): анкеты больше не принимаются.")) }
        if f.kind == .final, existing.contains(where: { $0.kind == .final && $0.authorPersonID == f.authorPersonID && $0.id != f.id }) {
            issues.append(.init("kind", "Итоговая анкета от этого участника уже есть."))
        }
        return issues
    }
}

/// Фаза самооценки компетенций: at the start and at completion (seed 002: прирост компетенций).
public enum AssessmentPhase: String, Labelled {
    case start, end
    public var label: String { self == .start ? "входная" : "итоговая" }
}

/// A competency self-assessment on a 1–5 scale.
public struct Assessment: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var mentorshipID: UUID
    public var personID: UUID
    public var phase: AssessmentPhase
    public var date: Day
    public var scores: [Competency: Int]

    public init(id: UUID = .timeOrdered(), mentorshipID: UUID, personID: UUID, phase: AssessmentPhase, date: Day, scores: [Competency: Int]) {
        self.id = id
        self.mentorshipID = mentorshipID
        self.personID = personID
        self.phase = phase
        self.date = date
        self.scores = scores
    }

    public var average: Double {
        scores.isEmpty ? 0 : Double(scores.values.reduce(0, +)) / Double(scores.count)
    }

    /// `subject=4,diagnostic=3`: the stored form, in the order of `Competency.allCases`.
    public var encodedScores: String {
        Competency.allCases.compactMap { c in scores[c].map { "\(c.rawValue)=\($0)" } }.joined(separator: ",")
    }

    public static func decodeScores(_ text: String) -> [Competency: Int] {
        var result: [Competency: Int] = [:]
        for pair in text.split(separator: ",") {
            let kv = pair.split(separator: "=")
            if kv.count == 2, let c = Competency(rawValue: String(kv[0])), let v = Int(kv[1]) { result[c] = v }
        }
        return result
    }
}

public enum AssessmentRules {
    public static let scale = 1...5

    public static func validate(_ a: Assessment, participants: [Participant], existing: [Assessment], today: Day) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if a.scores.isEmpty { issues.append(.init("scores", "Оцените хотя бы одну компетенцию.")) }
        if a.scores.values.contains(where: { !scale.contains($0) }) {
            issues.append(.init("scores", "Оценка компетенции — от 1 до 5."))
        }
        if a.date > today { issues.append(.init("date", "Дата \(a.date.russian) ещё не наступила.")) }
        if !participants.contains(where: { $0.personID == a.personID && $0.role == .mentee }) {
            issues.append(.init("personID", "Самооценку заполняет наставляемый этой пары (группы)."))
        }
        if existing.contains(where: { $0.personID == a.personID && $0.phase == a.phase && $0.id != a.id }) {
            issues.append(.init("phase", "\(a.phase.label.capitalized) самооценка уже заполнена."))
        }
        if a.phase == .end, !existing.contains(where: { $0.personID == a.personID && $0.phase == .start }) {
            issues.append(.init("phase", "Сначала нужна входная самооценка: без неё прирост не посчитать."))
        }
        return issues
    }
}

/// Прирост компетенций: end minus start over the competencies assessed both times.
public struct CompetencyGrowth: Sendable, Equatable {
    public var personID: UUID
    public var start: Double
    public var end: Double
    public var delta: Double { end - start }

    /// One growth per person who has both a start and an end assessment.
    public static func compute(_ assessments: [Assessment]) -> [CompetencyGrowth] {
        let byPerson = Dictionary(grouping: assessments, by: \.personID)
        return byPerson.compactMap { personID, list -> CompetencyGrowth? in
            guard let s = list.first(where: { $0.phase == .start }), let e = list.first(where: { $0.phase == .end }) else { return nil }
            let common = Set(s.scores.keys).intersection(e.scores.keys)
            guard !common.isEmpty else { return nil }
            func avg(_ a: Assessment) -> Double { Double(common.map { a.scores[$0]! }.reduce(0, +)) / Double(common.count) }
            return CompetencyGrowth(personID: personID, start: avg(s), end: avg(e))
        }
        .sorted { $0.personID.uuidString < $1.personID.uuidString }
    }

    /// Mean growth over people (an organisation's figure); nil when nobody has both assessments.
    public static func mean(_ growths: [CompetencyGrowth]) -> Double? {
        growths.isEmpty ? nil : growths.map(\.delta).reduce(0, +) / Double(growths.count)
    }
}
