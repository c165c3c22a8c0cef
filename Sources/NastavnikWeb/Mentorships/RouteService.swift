import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// Individual educational routes (seed 004): steps against a mentee's professional deficits, at the level
/// of the organisation, the municipality or the region; a regional tutor keeps the routes of the people assigned.
enum RouteService {
    static func steps(_ req: Request, _ personID: UUID) async throws -> (Person, [Membership], [RouteStep]) {
        let (person, memberships) = try await readable(req, personID)
        let steps = try await RouteStepRecord.query(on: req.db).filter(\.$personID == personID).sort(\.$deadline).all().map(\.core)
        return (person, memberships, steps)
    }

    /// The route's owner, if the caller may read it: by scope, or as the current mentor of this mentee.
    static func readable(_ req: Request, _ personID: UUID) async throws -> (Person, [Membership]) {
        do {
            return try await Scope.requirePerson(req, personID, .read, .route)
        } catch let e as Abort where e.status == .notFound {
            guard try await isCurrentMentor(req, of: personID), let person = try await PersonRecord.find(personID, on: req.db)?.core else { throw e }
            return (person, try await MembershipRecord.query(on: req.db).filter(\.$personID == personID).all().map(\.core))
        }
    }

    /// The caller mentors this person now, in an open pair or group.
    static func isCurrentMentor(_ req: Request, of menteeID: UUID) async throws -> Bool {
        let actor = try req.user.actor
        guard actor.role == .mentor, let me = actor.personID else { return false }
        let mine = try await ParticipantRecord.query(on: req.db).filter(\.$personID == me).filter(\.$role == ParticipantRole.mentor.rawValue).filter(\.$leftOn == nil).all(\.$mentorshipID)
        let shared = try await ParticipantRecord.query(on: req.db).filter(\.$personID == menteeID).filter(\.$role == ParticipantRole.mentee.rawValue)
            .filter(\.$leftOn == nil).filter(\.$mentorshipID ~~ mine).all(\.$mentorshipID)
        return try await MentorshipRecord.query(on: req.db).filter(\.$id ~~ shared).all().contains { MentorshipStatus(rawValue: $0.status)?.isOpen ?? false }
    }

    /// The level a new step starts at for the caller: the organisation's, or the one level they write.
    static func defaultLevel(_ req: Request) throws -> SupportLevel {
        let levels = RouteRules.levels(writtenBy: try req.user.actor.role)
        return levels.contains(.organisation) ? .organisation : (levels.first ?? .organisation)
    }

    /// Refuses (403) a step whose level, before or after the change, is not one the caller writes.
    static func requireLevels(_ req: Request, _ levels: SupportLevel...) throws {
        let allowed = RouteRules.levels(writtenBy: try req.user.actor.role)
        guard levels.allSatisfy(allowed.contains) else {
            throw Abort(.forbidden, reason: "Муниципальный координатор добавляет и изменяет только шаги муниципального уровня; шаги организации и региона ведут школа и региональный тьютор.")
        }
    }

    static func build(_ input: RouteStepInput, into old: RouteStep) throws -> RouteStep {
        var r = InputReader()
        var s = old
        s.deficit = input.deficit ?? old.deficit
        s.action = input.action ?? old.action
        s.level = r.choice(input.level, "level", "Выберите уровень сопровождения.", default: old.level) ?? old.level
        s.responsible = input.responsible ?? old.responsible
        if let text = input.responsiblePersonID { s.responsiblePersonID = UUID(uuidString: text) }
        s.deadline = r.day(input.deadline, "deadline", "срок", default: old.deadline) ?? old.deadline
        s.status = r.choice(input.status, "status", "Выберите статус.", default: old.status) ?? old.status
        s.result = input.result.nonBlank ?? old.result
        try r.check()
        try ValidationError.check(RouteRules.validate(s))
        return s
    }

    static func add(_ req: Request, _ personID: UUID, _ input: RouteStepInput) async throws -> RouteStep {
        let user = try req.user
        let (_, memberships) = try await Scope.requirePerson(req, personID, .write, .route)
        var r = InputReader()
        let deadline = r.day(input.deadline, "deadline", "срок")
        try r.check()
        let current = memberships.filter { $0.period.contains(req.today) }
        guard let org = (current.first { $0.role.isStaff } ?? current.first)?.organisationID else {
            throw ValidationError("personID", "У человека нет текущего места работы (учёбы): маршрут не к чему привязать.")
        }
        let blank = RouteStep(personID: personID, organisationID: org, deficit: "", action: "", level: try defaultLevel(req), responsible: "", deadline: deadline!)
        let step = try build(input, into: blank)
        try requireLevels(req, step.level)
        try await req.db.transaction { db in
            try await RouteStepRecord(step).create(on: db)
            try await AuditTrail.record(db, user, personID: personID, entity: "route", entityID: step.id, old: nil, new: step)
        }
        return step
    }

    static func update(_ req: Request, _ stepID: UUID, _ input: RouteStepInput) async throws -> RouteStep {
        let user = try req.user
        guard let record = try await RouteStepRecord.find(stepID, on: req.db) else {
            throw Abort(.notFound, reason: "Шаг маршрута не найден или вне вашей зоны доступа.")
        }
        try await Scope.requirePerson(req, record.personID, .write, .route)
        let old = record.core
        let step = try build(input, into: old)
        try requireLevels(req, old.level, step.level)
        try await req.db.transaction { db in
            record.apply(step)
            try await record.save(on: db)
            try await AuditTrail.record(db, user, personID: step.personID, entity: "route", entityID: step.id, old: old, new: step)
        }
        return step
    }
}

/// Personal iCalendar feeds behind a secret URL; only the SHA-256 of the secret is stored.
enum CalendarService {
    /// A new secret URL path for the caller; the previous one stops working.
    static func issue(_ req: Request) async throws -> String {
        let user = try req.user
        let token = [UInt8].random(count: 24).map { String(format: "%02x", $0) }.joined()
        try await req.db.transaction { db in
            try await CalendarFeedRecord.query(on: db).filter(\.$accountID == user.accountID).delete()
            try await CalendarFeedRecord(accountID: user.accountID, tokenHash: TokenAuth.hash(token)).create(on: db)
        }
        return "/calendar/\(token).ics"
    }

    static func hasFeed(_ req: Request) async throws -> Bool {
        try await CalendarFeedRecord.query(on: req.db).filter(\.$accountID == req.user.accountID).count() > 0
    }

    /// The feed for the account behind `token`: meetings and open task deadlines of the pairs it sees,
    /// and route steps it answers for.
    static func feed(_ req: Request, token: String) async throws -> String {
        guard let feed = try await CalendarFeedRecord.query(on: req.db).filter(\.$tokenHash == TokenAuth.hash(token)).first(),
            let account = try await AccountRecord.find(feed.accountID, on: req.db), account.active
        else { throw Abort(.notFound, reason: "Календарь не найден: ссылка устарела или неверна.") }
        let actor = try await Accounts.currentUser(account, viaToken: true, on: req.db).actor
        let events = try await events(req.db, actor: actor)
        let stamp = ICalendar.utc(req.today, minutes: 0)
        let home = try await MeetingZones.region(req.db, actor.placement.regionID)
        return ICalendar.feed(name: "Наставник — \(account.fullName)", events: events, stamp: stamp, timeZone: home.identifier)
    }

    static func events(_ db: any Database, actor: Actor) async throws -> [CalendarEvent] {
        var q = MentorshipRecord.query(on: db)
        if let pid = actor.personID, actor.role.scopeLevel == .person {
            let mids = try await ParticipantRecord.query(on: db).filter(\.$personID == pid).filter(\.$leftOn == nil).all(\.$mentorshipID)
            q = q.filter(\.$id ~~ mids)
        } else if let org = actor.placement.organisationID, actor.role.scopeLevel == .organisation {
            q = q.filter(\.$organisationID == org)
        } else {
            q = q.filter(\.$id == UUID())
        }
        let open = try await q.all().map(\.core).filter { $0.status.isOpen }
        let files = try await MentorshipStore.files(db, open)
        let people = try await MentorshipStore.people(db, files.flatMap { $0.participants.map(\.personID) })
        // Meeting times are wall-clock times of the region of the pair's organisation.
        let zones = try await MeetingZones.forOrganisations(db, files.map(\.mentorship.organisationID))
        var events: [CalendarEvent] = []
        for f in files {
            let zone = zones[f.mentorship.organisationID]?.identifier ?? LocalTime.moscow
            let names = f.participants.filter(\.isCurrent).compactMap { people[$0.personID]?.shortName }.joined(separator: ", ")
            for m in f.meetings where m.status != .cancelled {
                events.append(CalendarEvent(uid: "meeting-\(m.id)@nastavnik", day: m.date, time: m.time, durationMinutes: m.durationMinutes,
                    summary: "Встреча (\(m.type.label)): \(names)", description: m.agenda, location: m.place, timeZone: zone))
            }
            for t in f.tasks where t.status.isOpen {
                events.append(CalendarEvent(uid: "task-\(t.id)@nastavnik", day: t.deadline,
                    summary: "Срок задачи: \(t.title)", description: "Ответственный: \(t.responsible). Пара: \(names)"))
            }
        }
        var steps = RouteStepRecord.query(on: db).filter(\.$status ~~ [TaskStatus.planned.rawValue, TaskStatus.inProgress.rawValue])
        if actor.role == .regionalTutor {
            steps = steps.filter(\.$personID ~~ Array(actor.assignedPersonIDs))
        } else if let pid = actor.personID {
            steps = steps.filter(\.$personID == pid)
        } else {
            steps = steps.filter(\.$id == UUID())
        }
        for s in try await steps.all().map(\.core) {
            events.append(CalendarEvent(uid: "route-\(s.id)@nastavnik", day: s.deadline, summary: "Маршрут: \(s.action)", description: "Дефицит: \(s.deficit). Уровень: \(s.level.label). Ответственный: \(s.responsible)"))
        }
        return events.sorted { ($0.day, $0.time?.description ?? "") < ($1.day, $1.time?.description ?? "") }
    }
}
