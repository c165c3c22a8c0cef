import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

extension TrainingEvent: Content {}
extension Enrolment: Content {}
extension TrainingRecord: Content {}
extension TrainingNeed: Content {}

struct NeedInput: Content {
    var topics: [String]?
    var preferredFormat: String?
    var note: String?
}

/// The training-needs survey summed up over the mentors the caller oversees.
struct NeedsSummary: Content {
    var answers: Int
    var topics: [DifficultyCount]
}

struct TrainingInput: Content {
    var title: String?
    var format: String?
    var hours: FlexibleInt?
    var start: String?
    var end: String?
    var organiser: String?
    var capacity: FlexibleInt?
    var description: String?
}

struct EnrolInput: Content {
    /// Whom to enrol: a curator names a mentor of the organisation; a mentor enrols themself.
    var personID: String?
}

struct CompleteInput: Content {
    var certificateNumber: String?
}

struct ChecklistInput: Content {
    var difficulties: [String]?
    var note: String?
}

struct EnrolmentLine: Content {
    var enrolment: Enrolment
    var name: String
    var organisation: String
}

struct TrainingView: Content {
    var event: TrainingEvent
    var mayOrganise: Bool
    var places: Int
    var enrolments: [EnrolmentLine]
    var checklists: Int?
    var difficulties: [DifficultyCount]?
}

struct DifficultyCount: Content {
    var difficulty: MentorDifficulty
    var label: String
    var mentors: Int
}

/// The mentor school: events organised by a region, a municipality or an organisation for the mentors below it;
/// enrolment by the mentor or their curator; completion with a certificate by the organiser; the checklist of
/// difficulties afterwards, aggregated for the organiser.
enum TrainingService {
    static func node(_ e: TrainingEvent) -> Placement { Placement(regionID: e.regionID, municipalityID: e.municipalityID, organisationID: e.organisationID) }

    static func mayRead(_ actor: Actor, _ e: TrainingEvent) -> Bool {
        CommunityScope.mayOrganise(actor, .training, node(e)) || CommunityScope.inside(node(e), actor.placement)
    }

    static func list(_ req: Request) async throws -> [TrainingEvent] {
        let actor = try req.user.actor
        return try await TrainingEventRecord.query(on: req.db).all().map { try $0.core }.filter { mayRead(actor, $0) }.sorted { ($0.start, $0.title) > ($1.start, $1.title) }
    }

    static func require(_ req: Request, _ id: UUID) async throws -> TrainingEvent {
        guard let e = try await TrainingEventRecord.find(id, on: req.db)?.core, mayRead(try req.user.actor, e) else {
            throw Abort(.notFound, reason: "Мероприятие не найдено или недоступно вам.")
        }
        return e
    }

    static func create(_ req: Request, _ input: TrainingInput) async throws -> TrainingEvent {
        let actor = try req.user.actor
        guard RouteAccess.trainingOrganisersOfEvents.permits(actor.role) else {
            throw Abort(.forbidden, reason: "Мероприятия школы наставников проводят регион, муниципалитет или организация.")
        }
        var r = InputReader()
        let format: TrainingFormat? = r.choice(input.format, "format", "Выберите формат мероприятия.")
        let start = r.day(input.start, "start", "дату начала")
        let end = r.day(input.end, "end", "дату окончания", default: start)
        let hours = r.int(input.hours, "hours", "Укажите объём в часах.")
        let capacity = r.int(input.capacity, "capacity", "Укажите число мест.")
        try r.check()
        let p = actor.placement
        let e = TrainingEvent(
            title: input.title.nonBlank ?? "", format: format!, hours: hours!, start: start!, end: end!, organiser: input.organiser.nonBlank ?? "",
            regionID: p.regionID, municipalityID: p.municipalityID, organisationID: p.organisationID, capacity: capacity!, description: input.description.nonBlank ?? "")
        try ValidationError.check(TrainingRules.validate(e))
        try await TrainingEventRecord(e).create(on: req.db)
        return e
    }

    static func enrolments(_ db: any Database, _ eventID: UUID) async throws -> [Enrolment] {
        try await EnrolmentRecord.query(on: db).filter(\.$eventID == eventID).all().map { try $0.core }
    }

    static func view(_ req: Request, _ e: TrainingEvent) async throws -> TrainingView {
        let actor = try req.user.actor
        let organiser = CommunityScope.mayOrganise(actor, .training, node(e))
        let all = try await enrolments(req.db, e.id)
        let people = try await MentorshipStore.people(req.db, all.map(\.personID))
        let memberships = try await MentorshipStore.all(MembershipRecord.self, req.db, \.$personID, in: all.map(\.personID))
        let orgIDs = Dictionary(grouping: memberships, by: \.personID).mapValues { $0.map(\.organisationID) }
        let names = Dictionary(try await OrganisationRecord.query(on: req.db).filter(\.$id ~~ memberships.map(\.organisationID)).all().map { ($0.id!, $0.shortName) }, uniquingKeysWith: { a, _ in a })
        // The organiser sees everyone; a curator their organisation's mentors; a mentor themself.
        let visible = all.filter { en in
            organiser || actor.personID == en.personID
                || (actor.role.scopeLevel == .organisation && (orgIDs[en.personID] ?? []).contains { $0 == actor.placement.organisationID })
        }
        let lines = visible.map { en in
            EnrolmentLine(enrolment: en, name: people[en.personID]?.fullName ?? "—", organisation: (orgIDs[en.personID] ?? []).compactMap { names[$0] }.joined(separator: ", "))
        }.sorted { $0.name < $1.name }
        let agg = organiser ? TrainingRules.difficulties(all) : nil
        return TrainingView(event: e, mayOrganise: organiser, places: max(0, e.capacity - all.count), enrolments: lines, checklists: agg?.checklists,
                            difficulties: agg?.counts.map { DifficultyCount(difficulty: $0.0, label: $0.0.label, mentors: $0.1) })
    }

    /// Whom the caller may enrol: themself (a mentor) or a mentor of their organisation inside the event's node.
    static func enrol(_ req: Request, _ eventID: UUID, _ input: EnrolInput) async throws -> Enrolment {
        let e = try await require(req, eventID)
        let actor = try req.user.actor
        let personID: UUID
        if actor.role == .mentor, let own = actor.personID {
            personID = own
        } else if actor.role.scopeLevel == .organisation || CommunityScope.mayOrganise(actor, .training, node(e)) {
            guard let id = input.personID.nonBlank.flatMap(UUID.init(uuidString:)) else { throw ValidationError("personID", "Выберите наставника.") }
            let (_, ms) = try await Scope.requirePerson(req, id, .write, .mentorBase)
            guard !ms.isEmpty else { throw ValidationError("personID", "Наставник не работает ни в одной организации.") }
            personID = id
        } else {
            throw Abort(.forbidden, reason: "Записывают на обучение наставник сам или куратор его организации.")
        }
        guard try await MentorProfileRecord.query(on: req.db).filter(\.$personID == personID).count() > 0 else {
            throw ValidationError("personID", "Школа наставников — для тех, кто в базе наставников.")
        }
        let existing = try await enrolments(req.db, e.id)
        try ValidationError.check(TrainingRules.validateEnrolment(e, personID: personID, enrolments: existing, on: req.today))
        let en = Enrolment(eventID: e.id, personID: personID, enrolledOn: req.today)
        let user = try req.user
        try await req.db.transaction { db in
            try await EnrolmentRecord(en).create(on: db)
            try await syncBase(db, user, personID)
        }
        return en
    }

    static func requireEnrolment(_ req: Request, _ id: UUID) async throws -> (EnrolmentRecord, TrainingEvent) {
        guard let record = try await EnrolmentRecord.find(id, on: req.db) else { throw Abort(.notFound, reason: "Запись на обучение не найдена.") }
        return (record, try await require(req, record.eventID))
    }

    static func complete(_ req: Request, _ id: UUID, _ input: CompleteInput) async throws -> Enrolment {
        let (record, e) = try await requireEnrolment(req, id)
        guard CommunityScope.mayOrganise(try req.user.actor, .training, node(e)) else { throw Abort(.forbidden, reason: "Завершение обучения отмечает организатор.") }
        let en = try TrainingRules.complete(record.core, event: e, certificate: input.certificateNumber, others: try await enrolments(req.db, e.id), on: req.today)
        let user = try req.user
        try await req.db.transaction { db in
            record.apply(en)
            try await record.save(on: db)
            try await syncBase(db, user, en.personID)
        }
        return en
    }

    static func checklist(_ req: Request, _ id: UUID, _ input: ChecklistInput) async throws -> Enrolment {
        let (record, _) = try await requireEnrolment(req, id)
        guard try req.user.actor.personID == record.personID else { throw Abort(.forbidden, reason: "Чек-лист заполняет сам наставник.") }
        let en = try TrainingRules.checklist(record.core, difficulties: (input.difficulties ?? []).compactMap(MentorDifficulty.parse), note: input.note, on: req.today)
        record.apply(en)
        try await record.save(on: req.db)
        return en
    }

    /// The base of mentors follows the school: «обучается» once enrolled, «обучен» from `TrainingRules.trainedHours`
    /// completed hours (matching requires it of a non-teacher who mentors a minor). Audited as any change of a person.
    static func syncBase(_ db: any Database, _ user: CurrentUser, _ personID: UUID) async throws {
        let record = try await records(db, [personID])[personID]
        for profile in try await MentorProfileRecord.query(on: db).filter(\.$personID == personID).all() {
            let old = profile.core
            var new = old
            if record?.isTrained == true { new.training = .trained } else if old.training == .notTrained { new.training = .inTraining }
            guard new != old else { continue }
            profile.apply(new)
            try await profile.save(on: db)
            try await AuditTrail.record(db, user, personID: personID, entity: "mentor", entityID: old.id, old: old, new: new)
        }
    }

    /// A mentor's answer to the needs survey; a new answer replaces the earlier one.
    static func saveNeed(_ req: Request, _ input: NeedInput) async throws -> TrainingNeed {
        let actor = try req.user.actor
        guard actor.role == .mentor, let pid = actor.personID else { throw Abort(.forbidden, reason: "Анкету потребностей в обучении заполняет наставник.") }
        let existing = try await TrainingNeedRecord.query(on: req.db).filter(\.$personID == pid).first()
        let need = TrainingNeed(id: existing?.id ?? UUID(), personID: pid, topics: (input.topics ?? []).compactMap(MentorDifficulty.parse),
                                preferredFormat: input.preferredFormat.nonBlank.flatMap(TrainingFormat.parse), note: input.note.nonBlank, date: req.today)
        try ValidationError.check(TrainingRules.validateNeed(need))
        if let existing {
            existing.apply(need)
            try await existing.save(on: req.db)
        } else {
            try await TrainingNeedRecord(need).create(on: req.db)
        }
        return need
    }

    static func myNeed(_ req: Request) async throws -> TrainingNeed? {
        guard let pid = try req.user.actor.personID else { return nil }
        return try await TrainingNeedRecord.query(on: req.db).filter(\.$personID == pid).first()?.core
    }

    /// The answers of the mentors in the caller's base of mentors, summed by topic.
    static func needs(_ req: Request) async throws -> NeedsSummary {
        let actor = try req.user.actor
        guard actor.role.scopeLevel != .person, actor.role != .regionalTutor else { throw Abort(.forbidden, reason: "Сводка анкет — для организаторов обучения.") }
        var answers = try await TrainingNeedRecord.query(on: req.db).all().map { try $0.core }
        if let orgs = try await Scope.visibility(actor, .mentorBase, on: req.db).organisationIDs {
            let inScope = Set(try await MentorshipStore.all(MentorProfileRecord.self, req.db, \.$organisationID, in: orgs).map(\.personID))
            answers = answers.filter { inScope.contains($0.personID) }
        }
        return NeedsSummary(answers: answers.count, topics: TrainingRules.tally(answers.map(\.topics)).map { DifficultyCount(difficulty: $0.0, label: $0.0.label, mentors: $0.1) })
    }

    /// Training records of mentors, for the base of mentors.
    static func records(_ db: any Database, _ personIDs: [UUID]) async throws -> [UUID: TrainingRecord] {
        let all = try await MentorshipStore.all(EnrolmentRecord.self, db, \.$personID, in: personIDs)
        let events = Dictionary(try await MentorshipStore.find(TrainingEventRecord.self, db, ids: all.map(\.eventID)).map { ($0.id!, try $0.core) }, uniquingKeysWith: { a, _ in a })
        return Dictionary(grouping: all, by: \.personID).mapValues { TrainingRules.record($0, events: events) }
    }
}
