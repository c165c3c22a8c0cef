import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// A mentorship with everything around it, loaded once per request.
struct MentorshipDossier: Sendable {
    var file: MentorshipFile
    var assessments: [Assessment]
    var people: [UUID: Person]
    var organisation: Organisation
    var placement: Placement
    /// The zone of the organisation's region: meeting times are wall-clock times there.
    var zone: MeetingZone = .moscow
    /// The organisation's pairs orders in the registry: which act fixes the pair, and whether it is cancelled.
    var orders = PairsOrders([])

    var mentorship: Mentorship { file.mentorship }
    func name(_ id: UUID) -> String { people[id]?.shortName ?? "—" }
    func current(_ role: ParticipantRole) -> [Participant] { file.participants.filter { $0.role == role && $0.isCurrent } }
    var title: String {
        let mentors = current(.mentor).map { name($0.personID) }.joined(separator: ", ")
        let mentees = current(.mentee).map { name($0.personID) }.joined(separator: ", ")
        return mentorship.title.nonBlank ?? "\(mentors) → \(mentees)"
    }
}

/// Batch loading of mentorships and their records (one query per table, chunked for SQLite's parameter limit).
enum MentorshipStore {
    static func chunks<T>(_ items: [T], _ size: Int = 400) -> [[T]] {
        stride(from: 0, to: items.count, by: size).map { Array(items[$0..<min($0 + size, items.count)]) }
    }

    static func all<M: CoreMapped>(_ type: M.Type, _ db: any Database, _ key: KeyPath<M, FieldProperty<M, UUID>>, in ids: [UUID]) async throws -> [M.Core] {
        try await records(type, db, key, in: ids).map { try $0.core }
    }

    /// Records whose `key` is one of `ids`, in chunks that fit SQLite's limit on bound parameters.
    static func records<M: Model>(_ type: M.Type, _ db: any Database, _ key: KeyPath<M, FieldProperty<M, UUID>>, in ids: [UUID]) async throws -> [M] {
        var out: [M] = []
        for part in chunks(Array(Set(ids))) where !part.isEmpty {
            out += try await M.query(on: db).filter(key ~~ part).all()
        }
        return out
    }

    /// Writes a changed core value over its record (404 when the record is gone).
    static func update<M: CoreMapped>(_ type: M.Type, _ db: any Database, _ value: M.Core) async throws where M.Core: Identifiable, M.Core.ID == UUID {
        guard let record = try await M.find(value.id, on: db) else { throw Abort(.notFound) }
        record.apply(value)
        try await record.save(on: db)
    }

    /// Records by their ids, chunked the same way.
    static func find<M: Model>(_ type: M.Type, _ db: any Database, ids: [UUID]) async throws -> [M] where M.IDValue == UUID {
        var out: [M] = []
        for part in chunks(Array(Set(ids))) where !part.isEmpty {
            out += try await M.query(on: db).filter(\M._$id ~~ part).all()
        }
        return out
    }

    static func files(_ db: any Database, _ mentorships: [Mentorship]) async throws -> [MentorshipFile] {
        let ids = mentorships.map(\.id)
        let participants = Dictionary(grouping: try await all(ParticipantRecord.self, db, \.$mentorshipID, in: ids), by: \.mentorshipID)
        let programmes = try await all(ProgrammeRecord.self, db, \.$mentorshipID, in: ids)
        let tasks = Dictionary(grouping: try await all(ProgrammeTaskRecord.self, db, \.$programmeID, in: programmes.map(\.id)), by: \.programmeID)
        let byMentorship = Dictionary(programmes.map { ($0.mentorshipID, $0) }, uniquingKeysWith: { a, _ in a })
        let meetings = Dictionary(grouping: try await all(MeetingRecord.self, db, \.$mentorshipID, in: ids), by: \.mentorshipID)
        let feedback = Dictionary(grouping: try await all(FeedbackRecord.self, db, \.$mentorshipID, in: ids), by: \.mentorshipID)
        return mentorships.map { m in
            let p = byMentorship[m.id]
            return MentorshipFile(
                mentorship: m, participants: (participants[m.id] ?? []).sorted { ($0.role.rawValue, $0.joinedOn) < ($1.role.rawValue, $1.joinedOn) },
                programme: p, tasks: (p.flatMap { tasks[$0.id] } ?? []).sorted { ($0.deadline, $0.title) < ($1.deadline, $1.title) },
                meetings: (meetings[m.id] ?? []).sorted { ($0.date, $0.time) < ($1.date, $1.time) },
                feedback: (feedback[m.id] ?? []).sorted { $0.date < $1.date })
        }
    }

    static func people(_ db: any Database, _ ids: [UUID]) async throws -> [UUID: Person] {
        var out: [UUID: Person] = [:]
        for part in chunks(Array(Set(ids))) where !part.isEmpty {
            for p in try await PersonRecord.query(on: db).filter(\.$id ~~ part).all() { out[p.id!] = p.core }
        }
        return out
    }

    /// The mentorship if the actor may `action` on `resource` in it: out of scope is 404, no right is 403.
    /// Mentors and mentees act only in pairs they take part in.
    static func require(_ req: Request, _ id: UUID, _ action: Action, _ resource: Resource = .mentorship) async throws -> MentorshipDossier {
        let actor = try req.user.actor
        guard let record = try await MentorshipRecord.find(id, on: req.db),
            let place = try await Scope.placement(ofOrganisation: record.organisationID, on: req.db),
            let org = try await OrganisationRecord.find(record.organisationID, on: req.db)
        else { throw Abort(.notFound, reason: "Пара (группа) не найдена или вне вашей зоны доступа.") }
        let file = try await files(req.db, [record.core])[0]
        let own = ownParticipation(actor, file)
        guard AccessPolicy.allows(actor, .read, .mentorship, at: place, personID: own) else {
            throw Abort(.notFound, reason: "Пара (группа) не найдена или вне вашей зоны доступа.")
        }
        if !AccessPolicy.allows(actor, action, resource, at: place, personID: own) {
            throw Abort(.forbidden, reason: "Ваша роль не позволяет \(action == .write ? "изменять" : "смотреть") это в паре (группе).")
        }
        let assessments = try await AssessmentRecord.query(on: req.db).filter(\.$mentorshipID == id).all().map(\.core)
        let people = try await people(req.db, file.participants.map(\.personID))
        let zone = try await MeetingZones.region(req.db, place.regionID)
        return MentorshipDossier(file: file, assessments: assessments, people: people, organisation: try org.core, placement: place, zone: zone,
                                 orders: try await pairsOrders(req.db, of: [record.organisationID]))
    }

    /// The registry's pairs orders of these organisations (`PairsOrders`): what the card and the board say of a pair's order.
    static func pairsOrders(_ db: any Database, of organisations: [UUID]) async throws -> PairsOrders {
        var acts: [LocalAct] = []
        for part in chunks(Array(Set(organisations))) where !part.isEmpty {
            acts += try await LocalActRecord.query(on: db).filter(\.$organisationID ~~ part).filter(\.$kind == LocalActKind.pairsOrder.rawValue).all().map { try $0.core }
        }
        return PairsOrders(acts)
    }

    /// The caller's person when they take part in the pair now: only a current participant acts through it.
    /// Someone who left (replaced: `leftOn` set) has no access through the pair any more, history included —
    /// their own records stay readable to the school's staff (issue 22, finding 5).
    static func ownParticipation(_ actor: Actor, _ file: MentorshipFile) -> UUID? {
        actor.personID.flatMap { pid in file.participants.contains { $0.personID == pid && $0.isCurrent } ? pid : nil }
    }

    /// Mentorships the actor may see: by organisation for staff roles, by current participation for mentors and mentees.
    static func visible(_ req: Request, organisationID: UUID? = nil) async throws -> [Mentorship] {
        var q = MentorshipQueries.visible(req.db, Scope.reach(try req.user.actor, .mentorship))
        if let organisationID { q = q.filter(\.$organisationID == organisationID) }
        return try await q.sort(\.$startDate, .descending).all().map(\.core)
    }

    /// What the rules need to know about a person joining a mentorship in `organisationID`.
    static func candidate(_ db: any Database, _ personID: UUID, organisationID: UUID, excluding: UUID?, justification: String?) async throws -> Candidate? {
        guard let person = try await PersonRecord.find(personID, on: db)?.core else { return nil }
        let memberships = try await MembershipRecord.query(on: db).filter(\.$personID == personID).all().map(\.core)
        let consents = try await ConsentRecord.query(on: db).filter(\.$personID == personID).all().map(\.core)
        let mentorProfiles = try await MentorProfileRecord.query(on: db).filter(\.$personID == personID).all().map(\.core)
        let menteeProfile = try await MenteeProfileRecord.query(on: db).filter(\.$personID == personID).filter(\.$organisationID == organisationID).first()?.core
        let mine = try await ParticipantRecord.query(on: db).filter(\.$personID == personID).filter(\.$leftOn == nil).all().map(\.core)
            .filter { $0.mentorshipID != excluding }
        let (open, menteeCounts) = try await openMentorships(db, of: mine)
        let engagements = mine.compactMap { p in
            open[p.mentorshipID].map { Engagement(mentorshipID: $0.id, form: $0.form, role: p.role, menteeCount: menteeCounts[$0.id] ?? 0) }
        }
        let profile = mentorProfiles.first { $0.organisationID == organisationID } ?? mentorProfiles.first
        return Candidate(person: person, memberships: memberships, consents: consents, mentorProfile: profile,
            menteeProfile: menteeProfile, engagements: engagements, justification: justification)
    }

    /// The open mentorships among those `participations` belong to, with each one's current number of
    /// mentees (a mentor's load) — two queries however many there are.
    static func openMentorships(_ db: any Database, of participations: [Participant]) async throws -> (open: [UUID: Mentorship], menteeCounts: [UUID: Int]) {
        var open: [UUID: Mentorship] = [:]
        for part in chunks(Array(Set(participations.map(\.mentorshipID)))) where !part.isEmpty {
            for m in try await MentorshipRecord.query(on: db).filter(\.$id ~~ part).all().map(\.core) where m.status.isOpen { open[m.id] = m }
        }
        let counts = Dictionary(grouping: try await all(ParticipantRecord.self, db, \.$mentorshipID, in: Array(open.keys))
            .filter { $0.isCurrent && $0.role == .mentee }, by: \.mentorshipID).mapValues(\.count)
        return (open, counts)
    }

    /// Sets the base status of the current mentees (seed 003 item 31: results go back into the bases).
    static func setMenteeStatus(_ db: any Database, _ d: MentorshipFile, _ status: MenteeStatus) async throws {
        for p in d.participants where p.role == .mentee && p.isCurrent {
            for r in try await MenteeProfileRecord.query(on: db).filter(\.$personID == p.personID)
                .filter(\.$organisationID == d.mentorship.organisationID).all() {
                r.status = status.rawValue
                try await r.save(on: db)
            }
        }
    }
}
