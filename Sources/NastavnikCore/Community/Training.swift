import Foundation

/// Формат мероприятия школы наставников (seed 002: тренинги, семинары, мастер-классы, вебинары).
public enum TrainingFormat: String, Labelled {
    case training, seminar, masterClass = "master_class", webinar, course
    public var label: String {
        switch self {
        case .training: "тренинг"
        case .seminar: "семинар"
        case .masterClass: "мастер-класс"
        case .webinar: "вебинар"
        case .course: "курс повышения квалификации"
        }
    }
}

/// A difficulty a mentor marks in the post-training checklist (seed 002 item 7.1: «чек-лист (индикатор проблем)»).
public enum MentorDifficulty: String, Labelled {
    case planning, contact, motivation, methods, time, assessment, documents, digital
    public var label: String {
        switch self {
        case .planning: "планирование работы и персонализированной программы"
        case .contact: "установление контакта, психологическая совместимость"
        case .motivation: "мотивация наставляемого"
        case .methods: "методы и технологии наставничества"
        case .time: "нехватка времени на встречи"
        case .assessment: "оценка результатов наставляемого"
        case .documents: "оформление документов"
        case .digital: "цифровые инструменты и дистанционный формат"
        }
    }
}

/// A course or event of the mentor school.
public struct TrainingEvent: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var title: String
    public var format: TrainingFormat
    public var hours: Int
    public var start: Day
    public var end: Day
    public var organiser: String
    /// The node that runs it: its people may enrol.
    public var regionID: UUID?
    public var municipalityID: UUID?
    public var organisationID: UUID?
    public var capacity: Int
    public var description: String

    public init(
        id: UUID = .timeOrdered(), title: String, format: TrainingFormat, hours: Int, start: Day, end: Day, organiser: String, regionID: UUID? = nil,
        municipalityID: UUID? = nil, organisationID: UUID? = nil, capacity: Int, description: String = ""
    ) {
        self.id = id
        self.title = title
        self.format = format
        self.hours = hours
        self.start = start
        self.end = end
        self.organiser = organiser
        self.regionID = regionID
        self.municipalityID = municipalityID
        self.organisationID = organisationID
        self.capacity = capacity
        self.description = description
    }

    public var period: Period { Period(start: start, end: end) }
}

/// One mentor on one event: enrolment, attendance, completion with a certificate, the checklist afterwards.
public struct Enrolment: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var eventID: UUID
    public var personID: UUID
    public var enrolledOn: Day
    public var attended: Bool
    public var completedOn: Day?
    public var certificateNumber: String?
    public var difficulties: [MentorDifficulty]
    public var difficultyNote: String?
    public var checklistOn: Day?

    public init(
        id: UUID = .timeOrdered(), eventID: UUID, personID: UUID, enrolledOn: Day, attended: Bool = false, completedOn: Day? = nil,
        certificateNumber: String? = nil, difficulties: [MentorDifficulty] = [], difficultyNote: String? = nil, checklistOn: Day? = nil
    ) {
        self.id = id
        self.eventID = eventID
        self.personID = personID
        self.enrolledOn = enrolledOn
        self.attended = attended
        self.completedOn = completedOn
        self.certificateNumber = certificateNumber
        self.difficulties = difficulties
        self.difficultyNote = difficultyNote
        self.checklistOn = checklistOn
    }
}

/// A mentor's training record, as the base of mentors shows it.
public struct TrainingRecord: Sendable, Equatable, Codable {
    public var completedEvents: Int
    public var hours: Int
    public var lastCompleted: Day?
    /// «Обучен»: completed at least `TrainingRules.trainedHours` hours.
    public var isTrained: Bool
}

public enum TrainingRules {
    /// Hours of completed training that make a mentor «обучен» (a short course of the mentor school).
    public static let trainedHours = 16

    public static func validate(_ e: TrainingEvent) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if e.title.trimmed.count < 5 { issues.append(FieldIssue("title", "Укажите название мероприятия (не короче 5 символов).")) }
        if !(1...500).contains(e.hours) { issues.append(FieldIssue("hours", "Объём — от 1 до 500 часов.")) }
        if e.end < e.start { issues.append(FieldIssue("end", "Мероприятие не может закончиться (\(e.end.russian)) раньше, чем начнётся (\(e.start.russian)).")) }
        if !(1...1000).contains(e.capacity) { issues.append(FieldIssue("capacity", "Число мест — от 1 до 1000.")) }
        if e.organiser.trimmed.isEmpty { issues.append(FieldIssue("organiser", "Укажите организатора.")) }
        return issues
    }

    /// Enrolment is open until the event ends, while places remain, once per person.
    public static func validateEnrolment(_ e: TrainingEvent, personID: UUID, enrolments: [Enrolment], on day: Day) -> [FieldIssue] {
        if enrolments.contains(where: { $0.eventID == e.id && $0.personID == personID }) {
            return [FieldIssue("personID", "Этот наставник уже записан на «\(e.title)».")]
        }
        if day > e.end { return [FieldIssue("eventID", "Мероприятие закончилось \(e.end.russian): запись закрыта.")] }
        if enrolments.filter({ $0.eventID == e.id }).count >= e.capacity {
            return [FieldIssue("eventID", "Мест нет: все \(e.capacity) заняты.")]
        }
        return []
    }

    /// Completion needs attendance, the event over, and a certificate number not given to anyone else on it.
    public static func complete(_ en: Enrolment, event: TrainingEvent, certificate: String?, others: [Enrolment], on day: Day) throws -> Enrolment {
        var issues: [FieldIssue] = []
        if day < event.end { issues.append(FieldIssue("completedOn", "Обучение завершается после окончания мероприятия (\(event.end.russian)).")) }
        guard let number = certificate.nonBlank else { throw ValidationError(issues + [FieldIssue("certificateNumber", "Укажите номер сертификата (удостоверения).")]) }
        if others.contains(where: { $0.id != en.id && $0.certificateNumber == number }) {
            issues.append(FieldIssue("certificateNumber", "Сертификат № \(number) уже выдан другому участнику."))
        }
        try ValidationError.check(issues)
        var out = en
        out.attended = true
        out.completedOn = day
        out.certificateNumber = number
        return out
    }

    /// The checklist is filled after the course, by the mentor who completed it.
    public static func checklist(_ en: Enrolment, difficulties: [MentorDifficulty], note: String?, on day: Day) throws -> Enrolment {
        guard en.completedOn != nil else { throw ValidationError("difficulties", "Чек-лист заполняется после завершения обучения.") }
        guard !difficulties.isEmpty || note.nonBlank != nil else {
            throw ValidationError("difficulties", "Отметьте хотя бы одно затруднение или опишите его своими словами.")
        }
        var out = en
        out.difficulties = difficulties
        out.difficultyNote = note.nonBlank
        out.checklistOn = day
        return out
    }

    public static func record(_ enrolments: [Enrolment], events: [UUID: TrainingEvent]) -> TrainingRecord {
        let done = enrolments.filter { $0.completedOn != nil }
        let hours = done.compactMap { events[$0.eventID]?.hours }.reduce(0, +)
        return TrainingRecord(completedEvents: done.count, hours: hours, lastCompleted: done.compactMap(\.completedOn).max(), isTrained: hours >= trainedHours)
    }

    /// The checklists' difficulties, most frequent first, with the number of checklists they come from:
    /// what the organiser plans the next events on.
    public static func difficulties(_ enrolments: [Enrolment]) -> (checklists: Int, counts: [(MentorDifficulty, Int)]) {
        let filled = enrolments.filter { $0.checklistOn != nil }
        return (filled.count, tally(filled.map(\.difficulties)))
    }

    /// How many of the answers name each topic, most frequent first.
    public static func tally(_ answers: [[MentorDifficulty]]) -> [(MentorDifficulty, Int)] {
        MentorDifficulty.allCases.map { d in (d, answers.filter { $0.contains(d) }.count) }.filter { $0.1 > 0 }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.label < $1.0.label }
    }

    /// A training-needs answer needs a topic or words.
    public static func validateNeed(_ n: TrainingNeed) -> [FieldIssue] {
        n.topics.isEmpty && n.note.nonBlank == nil ? [FieldIssue("topics", "Отметьте, чему вы хотели бы научиться, или напишите своими словами.")] : []
    }
}

/// A mentor's answer to the training-needs survey (seed 002: обучение на основе анализа потребности): what they want
/// to learn and how; the latest answer counts.
public struct TrainingNeed: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var personID: UUID
    public var topics: [MentorDifficulty]
    public var preferredFormat: TrainingFormat?
    public var note: String?
    public var date: Day

    public init(id: UUID = .timeOrdered(), personID: UUID, topics: [MentorDifficulty], preferredFormat: TrainingFormat? = nil, note: String? = nil, date: Day) {
        self.id = id
        self.personID = personID
        self.topics = topics
        self.preferredFormat = preferredFormat
        self.note = note
        self.date = date
    }
}
