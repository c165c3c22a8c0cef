import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// The personalised programme of a mentorship: drafted from a template by the pair or the curator,
/// submitted, approved by the official the regulation names (`ProgrammeApprovalRule`: the director) and never by
/// whoever submitted it, extended, fulfilled.
enum ProgrammeService {
    static func require(_ req: Request, _ programmeID: UUID, _ action: Action) async throws -> (MentorshipDossier, Programme) {
        guard let record = try await ProgrammeRecord.find(programmeID, on: req.db) else {
            throw Abort(.notFound, reason: "Программа не найдена или вне вашей зоны доступа.")
        }
        let d = try await MentorshipStore.require(req, record.mentorshipID, action, .programme)
        return (d, record.core)
    }

    static func createFromTemplate(_ req: Request, mentorshipID: UUID) async throws -> Programme {
        let d = try await MentorshipStore.require(req, mentorshipID, .write, .programme)
        if d.file.programme != nil { throw ValidationError("programme", "У пары (группы) уже есть программа.") }
        if !d.mentorship.status.isOpen { throw ValidationError("status", "Пара (группа) \(d.mentorship.status.label): новую программу не составить.") }
        // The template is made personal: the mentees' requests and deficits from the base of mentees.
        let mentees = d.current(.mentee).map(\.personID)
        let profiles = mentees.isEmpty ? [] : try await MenteeProfileRecord.query(on: req.db).filter(\.$personID ~~ mentees).all().map(\.core)
        let own = profiles.filter { $0.organisationID == d.mentorship.organisationID }
        let (programme, tasks) = ProgrammeTemplates.template(for: d.mentorship.form).personalised(for: own.isEmpty ? profiles : own)
            .instantiate(mentorshipID: mentorshipID, start: d.mentorship.start)
        try await req.db.transaction { db in
            try await ProgrammeRecord(programme).create(on: db)
            try await db.insertAll(tasks.map(ProgrammeTaskRecord.init))
        }
        return programme
    }

    static func write(_ req: Request, _ p: Programme) async throws {
        guard let record = try await ProgrammeRecord.find(p.id, on: req.db) else { throw Abort(.notFound) }
        record.apply(p)
        try await record.save(on: req.db)
    }

    static func update(_ req: Request, _ id: UUID, _ input: ProgrammeInput) async throws -> Programme {
        let (_, old) = try await require(req, id, .write)
        try ValidationError.check(ProgrammeRules.editable(old))
        var r = InputReader()
        var p = old
        p.goals = input.goals ?? old.goals
        p.expectedResults = input.expectedResults ?? old.expectedResults
        p.start = r.day(input.start, "start", "дату начала", default: old.start) ?? old.start
        p.end = r.day(input.end, "end", "дату окончания", default: old.end) ?? old.end
        try r.check()
        try ValidationError.check(ProgrammeRules.validate(p))
        try await write(req, p)
        return p
    }

    static func buildTask(_ input: TaskInput, into t: ProgrammeTask, fullEdit: Bool) throws -> ProgrammeTask {
        var r = InputReader()
        var task = t
        if fullEdit {
            task.stage = r.choice(input.stage, "stage", "Выберите этап.", default: t.stage) ?? t.stage
            task.title = input.title ?? t.title
            task.deadline = r.day(input.deadline, "deadline", "срок", default: t.deadline) ?? t.deadline
            task.responsible = input.responsible ?? t.responsible
        }
        task.status = r.choice(input.status, "status", "Выберите статус.", default: t.status) ?? t.status
        task.evidence = input.evidence.nonBlank ?? t.evidence
        try r.check()
        return task
    }

    static func addTask(_ req: Request, _ programmeID: UUID, _ input: TaskInput) async throws -> ProgrammeTask {
        let (_, p) = try await require(req, programmeID, .write)
        try ValidationError.check(ProgrammeRules.editable(p))
        var r = InputReader()
        let deadline = r.day(input.deadline, "deadline", "срок")
        try r.check()
        let blank = ProgrammeTask(programmeID: programmeID, stage: .main, title: "", deadline: deadline!, responsible: "")
        let task = try buildTask(input, into: blank, fullEdit: true)
        try ValidationError.check(ProgrammeRules.validateTask(task, in: p))
        try await ProgrammeTaskRecord(task).create(on: req.db)
        return task
    }

    /// In a draft everything may change; once approved only the status and the evidence.
    static func updateTask(_ req: Request, _ taskID: UUID, _ input: TaskInput) async throws -> ProgrammeTask {
        guard let record = try await ProgrammeTaskRecord.find(taskID, on: req.db) else {
            throw Abort(.notFound, reason: "Задача не найдена или вне вашей зоны доступа.")
        }
        let (_, p) = try await require(req, record.programmeID, .write)
        if p.status == .onApproval || p.status == .done {
            throw ValidationError("status", "Программа «\(p.status.label)»: задачи сейчас не меняются.")
        }
        let task = try buildTask(input, into: record.core, fullEdit: p.status == .draft)
        try ValidationError.check(ProgrammeRules.validateTask(task, in: p))
        record.apply(task)
        try await record.save(on: req.db)
        return task
    }

    enum Decision: String { case submit, approve, `return`, extend, fulfil }

    static func decide(_ req: Request, _ id: UUID, _ decision: Decision, _ input: DecisionInput) async throws -> Programme {
        let (d, old) = try await require(req, id, .write)
        var p = old
        var r = InputReader()
        switch decision {
        case .submit:
            try ValidationError.check(ProgrammeRules.validateSubmission(old, tasks: d.file.tasks))
            p.status = .onApproval
            p.submittedBy = try req.user.accountID
        case .approve:
            let day = r.day(input.date, "approvedOn", "дату утверждения", default: req.today)
            try r.check()
            let user = try req.user
            try ValidationError.check(ProgrammeRules.validateApproval(old, by: user.actor.role, account: user.accountID, rule: d.organisation.programmeApproval, on: day!, today: req.today))
            p.status = .approved
            p.approvedOn = day
            p.approvedBy = user.fullName
            p.approverRole = user.actor.role
            p.returnComment = nil
        case .return:
            try ValidationError.check(ProgrammeRules.validateReturn(old, comment: input.comment))
            p.status = .draft
            p.returnComment = input.comment.nonBlank
        case .extend:
            let newEnd = r.day(input.newEnd, "newEnd", "новую дату окончания")
            try r.check()
            try ValidationError.check(ProgrammeRules.validateExtension(old, newEnd: newEnd!, reason: input.comment))
            p.extensions.append(ProgrammeExtension(previousEnd: old.end, newEnd: newEnd!, reason: input.comment.nonBlank!, decidedOn: req.today))
            p.end = newEnd!
        case .fulfil:
            try ValidationError.check(ProgrammeRules.validateFulfilment(old, tasks: d.file.tasks))
            p.status = .done
        }
        try await write(req, p)
        return p
    }
}
