import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// Meetings, questionnaires and competency self-assessments of a mentorship.
enum MeetingService {
    static func build(_ input: MeetingInput, into old: Meeting) throws -> Meeting {
        var r = InputReader()
        var m = old
        m.type = r.choice(input.type, "type", "Выберите вид встречи.", default: old.type) ?? old.type
        m.date = r.day(input.date, "date", "дату встречи", default: old.date) ?? old.date
        if let t = input.time.nonBlank {
            if let time = ClockTime(t) { m.time = time } else { r.issues.append(.init("time", "Время указано неверно: ожидается чч:мм, например 15:30.")) }
        }
        m.durationMinutes = input.durationMinutes?.value ?? old.durationMinutes
        m.format = r.choice(input.format, "format", "Выберите формат.", default: old.format) ?? old.format
        m.place = input.place ?? old.place
        m.agenda = input.agenda ?? old.agenda
        m.outcome = input.outcome ?? old.outcome
        m.status = r.choice(input.status, "status", "Выберите состояние встречи.", default: old.status) ?? old.status
        if let list = input.attendees { m.attendees = r.uuids(list, "attendees") }
        try r.check()
        return m
    }

    static func add(_ req: Request, _ mentorshipID: UUID, _ input: MeetingInput) async throws -> Meeting {
        let d = try await MentorshipStore.require(req, mentorshipID, .write, .meeting)
        var r = InputReader()
        let date = r.day(input.date, "date", "дату встречи")
        if input.time.nonBlank == nil { r.issues.append(.init("time", "Укажите время встречи (чч:мм).")) }
        try r.check()
        let blank = Meeting(mentorshipID: mentorshipID, type: .regular, date: date!, time: ClockTime(hour: 15, minute: 0)!, format: d.mentorship.format, agenda: "")
        let m = try build(input, into: blank)
        try ValidationError.check(MeetingRules.validate(m, in: d.mentorship, participants: d.file.participants, today: req.today))
        try await MeetingRecord(m).create(on: req.db)
        return m
    }

    static func update(_ req: Request, _ meetingID: UUID, _ input: MeetingInput) async throws -> Meeting {
        guard let record = try await MeetingRecord.find(meetingID, on: req.db) else {
            throw Abort(.notFound, reason: "Встреча не найдена или вне вашей зоны доступа.")
        }
        let d = try await MentorshipStore.require(req, record.mentorshipID, .write, .meeting)
        let m = try build(input, into: record.core)
        try ValidationError.check(MeetingRules.validate(m, in: d.mentorship, participants: d.file.participants, today: req.today))
        record.apply(m)
        try await record.save(on: req.db)
        return m
    }

    /// The author is the caller when they take part; curators and directors record paper questionnaires for anyone.
    /// `field` is the form's name for the choice (`personID` on the self-assessment), where the error is shown.
    static func author(_ req: Request, _ d: MentorshipDossier, _ text: String?, field: String = "authorPersonID") throws -> Participant {
        let actor = try req.user.actor
        let chosen = actor.role.scopeLevel == .person ? actor.personID : text.nonBlank.flatMap { UUID(uuidString: $0) }
        guard let p = d.file.participants.first(where: { $0.personID == chosen && $0.isCurrent }) else {
            throw ValidationError(field, "Выберите участника пары (группы), чья это анкета.")
        }
        return p
    }

    static func addFeedback(_ req: Request, _ mentorshipID: UUID, _ input: FeedbackInput) async throws -> Feedback {
        let d = try await MentorshipStore.require(req, mentorshipID, .write, .feedback)
        let who = try author(req, d, input.authorPersonID)
        var r = InputReader()
        let date = r.day(input.date, "date", "дату", default: req.today)
        let kind: FeedbackKind? = r.choice(input.kind, "kind", "Выберите вид анкеты.", default: .regular)
        let score = r.int(input.satisfaction, "satisfaction", "Оцените удовлетворённость от 1 до 10.")
        try r.check()
        let f = Feedback(mentorshipID: mentorshipID, authorPersonID: who.personID, role: who.role, date: date!, kind: kind!,
            satisfaction: score!, progress: input.progress ?? "", problems: input.problems.nonBlank)
        try ValidationError.check(FeedbackRules.validate(f, in: d.mentorship, participants: d.file.participants, existing: d.file.feedback, today: req.today))
        try await FeedbackRecord(f).create(on: req.db)
        return f
    }

    static func addAssessment(_ req: Request, _ mentorshipID: UUID, _ input: AssessmentInput) async throws -> Assessment {
        let d = try await MentorshipStore.require(req, mentorshipID, .write, .feedback)
        let who = try author(req, d, input.personID, field: "personID")
        var r = InputReader()
        let date = r.day(input.date, "date", "дату", default: req.today)
        let phase: AssessmentPhase? = r.choice(input.phase, "phase", "Выберите: входная или итоговая самооценка.")
        var scores: [Competency: Int] = [:]
        for (key, value) in input.scores ?? [:] {
            guard let c = Competency.parse(key) else {
                r.issues.append(.init("scores", "Неизвестная компетенция «\(key)»."))
                continue
            }
            if let v = value.value { scores[c] = v }
        }
        try r.check()
        let a = Assessment(mentorshipID: mentorshipID, personID: who.personID, phase: phase!, date: date!, scores: scores)
        try ValidationError.check(AssessmentRules.validate(a, participants: d.file.participants, existing: d.assessments, today: req.today))
        try await AssessmentRecord(a).create(on: req.db)
        return a
    }
}
