import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// Everything the system holds about one person (152-ФЗ, ст. 14: the subject's right to their data).
struct PersonalDataExport: Content {
    struct Participation: Content {
        var mentorshipID: UUID
        var form: MentorshipForm
        var role: ParticipantRole
        var organisation: String
        var joinedOn: Day
        var leftOn: Day?
        var leftReason: String?
        var mentorshipStatus: MentorshipStatus
    }
    struct AuditLine: Content {
        var at: Date
        var actor: String
        var entity: String
        var action: String
        var changes: [AuditChange]
    }
    var exportedOn: Day
    var person: Person
    var memberships: [Membership]
    var consents: [Consent]
    var mentorProfile: MentorProfile?
    var menteeProfile: MenteeProfile?
    var participations: [Participation]
    var feedbackGiven: [Feedback]
    var audit: [AuditLine]
}

enum PersonalDataService {
    /// The person's engagements after a withdrawal that leaves no valid consent: they leave every open
    /// mentorship, a pair left without a mentor or mentee ends, the bases mark them «выбыл»; someone held only for
    /// mentorship is anonymised. Runs inside the withdrawal's transaction; every change is audited.
    static func applyWithdrawal(_ db: any Database, _ user: CurrentUser, personID: UUID, on day: Day, today: Day) async throws {
        guard let person = try await PersonRecord.find(personID, on: db)?.core else { return }
        let consents = try await ConsentRecord.query(on: db).filter(\.$personID == personID).all().map(\.core)
        let own = try await ParticipantRecord.query(on: db).filter(\.$personID == personID).all().map(\.core)
        let mentorships = try await MentorshipStore.find(MentorshipRecord.self, db, ids: Array(Set(own.map(\.mentorshipID)))).map(\.core)
        let participants = try await MentorshipStore.all(ParticipantRecord.self, db, \.$mentorshipID, in: mentorships.map(\.id))
        let mentor = try await MentorProfileRecord.query(on: db).filter(\.$personID == personID).first()
        let mentee = try await MenteeProfileRecord.query(on: db).filter(\.$personID == personID).first()
        guard let effects = PersonalDataRules.effects(
            of: person, consents: consents, mentorships: mentorships, participants: participants, mentor: mentor?.core, mentee: mentee?.core, on: day)
        else { return }
        for p in effects.leaving {
            let old = own.first { $0.id == p.id }
            try await MentorshipStore.update(ParticipantRecord.self, db, p)
            try await AuditTrail.record(db, user, personID: personID, entity: "participant", entityID: p.id, old: old, new: p)
        }
        for m in effects.terminated { try await MentorshipStore.update(MentorshipRecord.self, db, m) }
        try await markLeft(db, user, personID, mentor, effects.mentor, entity: "mentor")
        try await markLeft(db, user, personID, mentee, effects.mentee, entity: "mentee")
        let memberships = try await MembershipRecord.query(on: db).filter(\.$personID == personID).all().map(\.core)
        if day <= today, PersonalDataRules.mustAnonymise(memberships, on: day) {
            try await anonymise(db, user, person)
        }
    }

    /// What marking a consent withdrawn on `day` will do, for its confirmation page (issue 23): the same
    /// `PersonalDataRules.effects` and anonymisation test `applyWithdrawal` applies, on the data as it stands.
    static func withdrawalPreview(_ req: Request, consentID: UUID, on day: Day) async throws -> [String] {
        let db = req.db
        guard let consent = try await ConsentRecord.find(consentID, on: db)?.core else { throw Abort(.notFound, reason: "Согласие не найдено.") }
        let (person, _) = try await Scope.requirePerson(req, consent.personID, .write)
        try ValidationError.check(ConsentRules.validateWithdrawal(consent, on: day, today: req.today))
        let memberships = try await MembershipRecord.query(on: db).filter(\.$personID == person.id).all().map(\.core)
        let name = person.fullName
        var lines = ["Согласие \(name) \(consent.kind.label) от \(consent.signedOn.russian) будет отмечено отозванным с \(day.russian)."]
        var consents = try await ConsentRecord.query(on: db).filter(\.$personID == person.id).all().map(\.core)
        if let i = consents.firstIndex(where: { $0.id == consentID }) { consents[i].withdrawnOn = day }
        let own = try await ParticipantRecord.query(on: db).filter(\.$personID == person.id).all().map(\.core)
        let mentorships = try await MentorshipStore.find(MentorshipRecord.self, db, ids: Array(Set(own.map(\.mentorshipID)))).map(\.core)
        let participants = try await MentorshipStore.all(ParticipantRecord.self, db, \.$mentorshipID, in: mentorships.map(\.id))
        let mentor = try await MentorProfileRecord.query(on: db).filter(\.$personID == person.id).first()?.core
        let mentee = try await MenteeProfileRecord.query(on: db).filter(\.$personID == person.id).first()?.core
        guard let effects = PersonalDataRules.effects(
            of: person, consents: consents, mentorships: mentorships, participants: participants, mentor: mentor, mentee: mentee, on: day)
        else {
            return lines + ["У \(name) остаётся другое действующее согласие на обработку персональных данных: из пар, групп и баз он(а) не выйдет, данные не обезличиваются."]
        }
        let names = try await MentorshipStore.people(db, participants.map(\.personID))
        func title(_ id: UUID) -> String {
            let current = participants.filter { $0.mentorshipID == id && $0.isCurrent }
            let side = { (role: ParticipantRole) in current.filter { $0.role == role }.map { names[$0.personID]?.shortName ?? "—" }.joined(separator: ", ") }
            return mentorships.first { $0.id == id }?.title.nonBlank ?? "\(side(.mentor)) → \(side(.mentee))"
        }
        for p in effects.leaving.sorted(by: { ($0.joinedOn, $0.id.uuidString) < ($1.joinedOn, $1.id.uuidString) }) {
            lines.append("\(name) (\(p.role.label)) выйдет из пары (группы) «\(title(p.mentorshipID))» с \(p.leftOn?.russian ?? day.russian).")
        }
        for m in effects.terminated {
            lines.append("Пара (группа) «\(title(m.id))» останется без наставника или наставляемого и будет прекращена с \(m.actualEnd?.russian ?? day.russian).")
        }
        if effects.mentor != nil { lines.append("В базе наставников \(name) получит статус «выбыл».") }
        if effects.mentee != nil { lines.append("В базе наставляемых \(name) получит статус «выбыл».") }
        if effects.isEmpty { lines.append("Действующих пар, групп и записей в базах у \(name) нет.") }
        if day <= req.today, PersonalDataRules.mustAnonymise(memberships, on: day) {
            lines.append("Данные \(name) будут обезличены: ФИО, СНИЛС, почта, телефон и специальность удаляются, учётная запись отключается, в журнале изменений они скрываются. Вернуть их будет нельзя.")
        } else {
            lines.append("Данные \(name) не обезличиваются: он(а) работает в организации на дату отзыва.")
        }
        return lines
    }

    /// A base profile marked «выбыл», audited.
    static func markLeft<M: CoreMapped>(_ db: any Database, _ user: CurrentUser, _ personID: UUID, _ record: M?, _ changed: M.Core?, entity: String) async throws
    where M.Core: AuditSnapshot & Identifiable, M.Core.ID == UUID {
        guard let record, let changed else { return }
        let old = try record.core
        record.apply(changed)
        try await record.save(on: db)
        try await AuditTrail.record(db, user, personID: personID, entity: entity, entityID: changed.id, old: old, new: changed)
    }

    /// Обезличивание: identifying fields go from the person, their consents' representative, their account and
    /// the audit trail's old values; the trail keeps every entry (append-only) with those values blanked, plus one
    /// entry saying who anonymised the person and when.
    static func anonymise(_ db: any Database, _ user: CurrentUser, _ person: Person) async throws {
        guard !PersonalDataRules.isAnonymised(person) else { return }
        try await MentorshipStore.update(PersonRecord.self, db, PersonalDataRules.anonymised(person))
        for c in try await ConsentRecord.query(on: db).filter(\.$personID == person.id).all() where c.representativeName != nil {
            c.representativeName = nil
            try await c.save(on: db)
        }
        for a in try await AccountRecord.query(on: db).filter(\.$personID == person.id).all() {
            a.active = false
            a.fullName = PersonalDataRules.anonymised(person).fullName
            try await a.save(on: db)
            try await AccountAdmin.endAccess(db, try a.requireID())
        }
        for entry in try await AuditRecord.query(on: db).filter(\.$personID == person.id).all() {
            let redacted = PersonalDataRules.redact(entry.changeList)
            guard redacted != entry.changeList else { continue }
            entry.changes = AuditChange.json(redacted)
            try await entry.save(on: db)
        }
        try await AuditRecord(at: Date(), accountID: user.accountID, actor: "\(user.fullName) (\(user.login))", personID: person.id, entity: "person",
            entityID: person.id, action: "anonymise", changes: [AuditChange(field: "Персональные данные", old: nil, new: "обезличены: \(PersonalDataRules.withdrawalReason)")]).create(on: db)
    }

    static func export(_ req: Request, _ id: UUID) async throws -> PersonalDataExport {
        let (person, memberships) = try await Scope.requirePerson(req, id, .read)
        let db = req.db
        let own = try await ParticipantRecord.query(on: db).filter(\.$personID == id).all().map(\.core)
        let mentorships = Dictionary(uniqueKeysWithValues: try await MentorshipStore.find(MentorshipRecord.self, db, ids: Array(Set(own.map(\.mentorshipID)))).map { ($0.id!, $0.core) })
        let orgs = try await MentorshipStore.find(OrganisationRecord.self, db, ids: Array(Set(mentorships.values.map(\.organisationID))))
        let orgName = Dictionary(uniqueKeysWithValues: orgs.map { ($0.id!, $0.shortName) })
        let participations = own.compactMap { p in
            mentorships[p.mentorshipID].map { m in
                PersonalDataExport.Participation(mentorshipID: m.id, form: m.form, role: p.role, organisation: orgName[m.organisationID] ?? "—", joinedOn: p.joinedOn,
                    leftOn: p.leftOn, leftReason: p.leftReason, mentorshipStatus: m.status)
            }
        }.sorted { $0.joinedOn < $1.joinedOn }
        let audit = try await AuditRecord.query(on: db).filter(\.$personID == id).sort(\.$at).all().map {
            PersonalDataExport.AuditLine(at: $0.at, actor: $0.actor, entity: AuditTrail.entityLabel($0.entity), action: AuditTrail.actionLabel($0.action), changes: $0.changeList)
        }
        return PersonalDataExport(
            exportedOn: req.today, person: person, memberships: memberships,
            consents: try await ConsentRecord.query(on: db).filter(\.$personID == id).all().map(\.core),
            mentorProfile: try await MentorProfileRecord.query(on: db).filter(\.$personID == id).first()?.core,
            menteeProfile: try await MenteeProfileRecord.query(on: db).filter(\.$personID == id).first()?.core,
            participations: participations,
            feedbackGiven: try await FeedbackRecord.query(on: db).filter(\.$authorPersonID == id).all().map(\.core),
            audit: audit)
    }
}
