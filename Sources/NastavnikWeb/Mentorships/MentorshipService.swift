import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// Pairs and groups: forming, fixing by order, re-pairing, closing. Every change is one transaction
/// and is written to the audit trail of each person it concerns.
enum MentorshipService {
    static func create(_ req: Request, _ input: MentorshipInput) async throws -> Mentorship {
        let user = try req.user
        var r = InputReader()
        guard let orgID = input.organisationID.nonBlank.flatMap({ UUID(uuidString: $0) }) else {
            throw ValidationError("organisationID", "Укажите организацию.")
        }
        try await Scope.requireOrganisation(req, orgID, .write, .mentorship)
        let form: MentorshipForm? = r.choice(input.form, "form", "Выберите форму наставничества.")
        let kind: MentorshipKind? = r.choice(input.kind, "kind", "Выберите вид наставничества.", default: .traditional)
        let format: WorkFormat? = r.choice(input.format, "format", "Выберите формат.", default: .inPerson)
        let start = r.day(input.start, "start", "дату начала")
        let end = r.day(input.plannedEnd, "plannedEnd", "плановую дату окончания")
        let mentorIDs = r.uuids(input.mentors, "mentors")
        let menteeIDs = r.uuids(input.mentees, "mentees")
        try r.check()
        let m = Mentorship(organisationID: orgID, form: form!, kind: kind!, format: format!, title: input.title.nonBlank, start: start!, plannedEnd: end!)
        let mentors = try await candidates(req.db, mentorIDs, m, justification: input.justification.nonBlank)
        let mentees = try await candidates(req.db, menteeIDs, m, justification: nil)
        try ValidationError.check(MentorshipRules.validate(m, mentors: mentors, mentees: mentees, today: req.today))
        try await req.db.transaction { db in try await persist(db, user, m, mentors: mentors, mentees: mentees) }
        return m
    }

    /// Writes a validated new mentorship with its participants, audited for each of them.
    static func persist(_ db: any Database, _ user: CurrentUser, _ m: Mentorship, mentors: [Candidate], mentees: [Candidate]) async throws {
        let participants = mentors.map { Participant(mentorshipID: m.id, personID: $0.person.id, role: .mentor, joinedOn: m.start, justification: MentorshipRules.needsJustification($0, m) ? $0.justification : nil) }
            + mentees.map { Participant(mentorshipID: m.id, personID: $0.person.id, role: .mentee, joinedOn: m.start) }
        try await MentorshipRecord(m).create(on: db)
        for p in participants {
            try await ParticipantRecord(p).create(on: db)
            try await AuditTrail.record(db, user, personID: p.personID, entity: "mentorship", entityID: m.id, old: nil, new: m)
        }
    }

    static func candidates(_ db: any Database, _ ids: [UUID], _ m: Mentorship, justification: String?) async throws -> [Candidate] {
        var out: [Candidate] = []
        for id in ids {
            guard let c = try await MentorshipStore.candidate(db, id, organisationID: m.organisationID, excluding: m.id, justification: justification) else {
                throw ValidationError("mentees", "Человек не найден: проверьте выбор.")
            }
            out.append(c)
        }
        return out
    }

    /// Writes a new state of the mentorship and audits it for every current participant.
    static func save(_ req: Request, _ d: MentorshipDossier, _ new: Mentorship, menteeStatus: MenteeStatus?) async throws {
        let user = try req.user
        try await req.db.transaction { db in try await write(db, user, d, new, menteeStatus: menteeStatus) }
    }

    /// The writes of `save`, inside a caller's transaction (a registry approval fixes many pairs at once).
    static func write(_ db: any Database, _ user: CurrentUser, _ d: MentorshipDossier, _ new: Mentorship, menteeStatus: MenteeStatus?) async throws {
        guard let record = try await MentorshipRecord.find(new.id, on: db) else { throw Abort(.notFound) }
        record.apply(new)
        try await record.save(on: db)
        // A pair terminated early ends its approved programme: «прекращена вместе с парой», counted (indicator 10)
        // only in the school years the pair worked.
        if new.status == .terminated, d.mentorship.status != .terminated, var programme = d.file.programme, programme.status == .approved {
            programme.status = .terminated
            try await MentorshipStore.update(ProgrammeRecord.self, db, programme)
        }
        if let menteeStatus { try await MentorshipStore.setMenteeStatus(db, d.file, menteeStatus) }
        for p in d.file.participants where p.isCurrent {
            try await AuditTrail.record(db, user, personID: p.personID, entity: "mentorship", entityID: new.id, old: d.mentorship, new: new)
        }
    }

    static func fixByOrder(_ req: Request, _ id: UUID, _ input: OrderInput) async throws -> Mentorship {
        let d = try await MentorshipStore.require(req, id, .write)
        var r = InputReader()
        let number = r.text(input.orderNumber, "orderNumber", "Укажите номер приказа.")
        let date = r.day(input.orderDate, "orderDate", "дату приказа")
        try r.check()
        let order = OrderReference(number: number!, date: date!)
        try ValidationError.check(MentorshipRules.validateOrder(d.mentorship, order: order, today: req.today))
        var m = d.mentorship
        m.order = order
        m.status = .active
        try await save(req, d, m, menteeStatus: .inProgramme)
        return m
    }

    static func terminate(_ req: Request, _ id: UUID, _ input: CloseInput) async throws -> Mentorship {
        try await close(req, id, input, as: .terminated, dateLabel: "дату прекращения", menteeStatus: .waiting) { d, day in
            MentorshipRules.validateTermination(d.mentorship, on: day, reason: input.reason, today: req.today)
        }
    }

    static func complete(_ req: Request, _ id: UUID, _ input: CloseInput) async throws -> Mentorship {
        try await close(req, id, input, as: .completed, dateLabel: "дату завершения", menteeStatus: .completed) { d, day in
            MentorshipRules.validateCompletion(
                d.mentorship, on: day, summary: input.resultSummary, participants: d.file.participants, meetings: d.file.meetings,
                feedback: d.file.feedback, today: req.today)
        }
    }

    /// Ends a mentorship on a date (today by default) once `rules` find nothing wrong; the reason or the
    /// result is kept, and the mentees' base status follows.
    static func close(
        _ req: Request, _ id: UUID, _ input: CloseInput, as status: MentorshipStatus, dateLabel: String, menteeStatus: MenteeStatus,
        rules: (MentorshipDossier, Day) -> [FieldIssue]
    ) async throws -> Mentorship {
        let d = try await MentorshipStore.require(req, id, .write)
        var r = InputReader()
        let day = r.day(input.date, "actualEnd", dateLabel, default: req.today)
        try r.check()
        try ValidationError.check(rules(d, day!))
        var m = d.mentorship
        m.status = status
        m.actualEnd = day
        if status == .terminated { m.terminationReason = input.reason.nonBlank } else { m.resultSummary = input.resultSummary.nonBlank }
        try await save(req, d, m, menteeStatus: menteeStatus)
        return m
    }

    /// Re-pairing: one participant leaves (the row stays as history) and another takes the same role.
    static func replace(_ req: Request, _ id: UUID, _ input: ReplaceInput) async throws -> Participant {
        let user = try req.user
        let d = try await MentorshipStore.require(req, id, .write)
        var r = InputReader()
        let day = r.day(input.date, "date", "дату замены", default: req.today)
        let leavingID = input.participantID.nonBlank.flatMap { UUID(uuidString: $0) }
        let newID = input.newPersonID.nonBlank.flatMap { UUID(uuidString: $0) }
        if newID == nil { r.issues.append(.init("newPersonID", "Выберите, кто займёт место.")) }
        guard let leaving = d.file.participants.first(where: { $0.id == leavingID }) else {
            throw ValidationError("participantID", "Выберите участника, которого заменяют.")
        }
        try r.check()
        var issues = MentorshipRules.validateLeaving(leaving, on: day!, reason: input.reason, m: d.mentorship, remaining: d.file.participants + [Participant(mentorshipID: id, personID: newID!, role: leaving.role, joinedOn: day!)])
        if !d.mentorship.status.isOpen { issues.append(.init("status", "Пара (группа) уже \(d.mentorship.status.label).")) }
        try ValidationError.check(issues)
        var window = d.mentorship
        window.start = max(day!, d.mentorship.start)
        let stay = d.file.participants.filter { $0.isCurrent && $0.id != leaving.id }
        let newcomer = try await candidates(req.db, [newID!], window, justification: input.justification.nonBlank)
        // Those who stay were accepted when they joined; their experience is not re-judged (hence the placeholder).
        let staying = try await candidates(req.db, stay.map(\.personID), window, justification: "принят ранее")
        func stayingIn(_ role: ParticipantRole) -> [Candidate] {
            staying.filter { c in stay.contains { $0.personID == c.person.id && $0.role == role } }
        }
        let mentors = (leaving.role == .mentor ? newcomer : []) + stayingIn(.mentor)
        let mentees = (leaving.role == .mentee ? newcomer : []) + stayingIn(.mentee)
        try ValidationError.check(MentorshipRules.validate(window, mentors: mentors, mentees: mentees, today: req.today))
        var left = leaving
        left.leftOn = day
        left.leftReason = input.reason.nonBlank
        let joined = Participant(mentorshipID: id, personID: newID!, role: leaving.role, joinedOn: day!,
            justification: leaving.role == .mentor && MentorshipRules.needsJustification(newcomer[0], window) ? input.justification.nonBlank : nil)
        let done = left
        try await req.db.transaction { db in
            guard let record = try await ParticipantRecord.find(leaving.id, on: db) else { throw Abort(.notFound) }
            record.apply(done)
            try await record.save(on: db)
            try await ParticipantRecord(joined).create(on: db)
            try await AuditTrail.record(db, user, personID: leaving.personID, entity: "participant", entityID: leaving.id, old: leaving, new: done)
            try await AuditTrail.record(db, user, personID: joined.personID, entity: "participant", entityID: joined.id, old: nil, new: joined)
        }
        return joined
    }
}
