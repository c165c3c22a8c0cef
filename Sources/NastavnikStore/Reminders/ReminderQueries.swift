import Fluent
import Foundation
import NastavnikCore
import SQLKit

/// What a reminder needs to know about its person.
public struct ReminderRecipient: Sendable, Equatable {
    public var personID: UUID
    public var email: String?
    public var isMinor: Bool
    /// The channel the school of the person's pair chose for pupils' reminders.
    public var schoolChannel: String?
    public var preferences: ReminderPreferences
    /// The zone of the region of the person's pair: mail goes out in the morning there.
    public var timeZone: String
}

/// The reminders' queries: what is coming, who gets it, and the outbox every instance sends from.
public struct ReminderQueries: Sendable {
    public let db: any Database

    public init(_ db: any Database) { self.db = db }

    // MARK: what is coming

    /// Planned meetings dated `from...to` with their pair's zone, title and current participants.
    public func upcomingMeetings(from: Day, to: Day) async throws -> [UpcomingMeeting] {
        let meetings = try await MeetingRecord.query(on: db)
            .filter(\.$status == MeetingStatus.planned.rawValue)
            .filter(\.$date >= from.iso).filter(\.$date <= to.iso)
            .all().map { try $0.core }
        guard !meetings.isEmpty else { return [] }
        let pairIDs = Array(Set(meetings.map(\.mentorshipID)))
        let pairs = try await MentorshipRecord.query(on: db).filter(\.$id ~~ pairIDs).all()
        let participants = try await ParticipantRecord.query(on: db).filter(\.$mentorshipID ~~ pairIDs).filter(\.$leftOn == nil).all()
            .map { try $0.core }
        let people = try await PersonRecord.query(on: db).filter(\.$id ~~ Array(Set(participants.map(\.personID)))).all()
        let names = Dictionary(uniqueKeysWithValues: try people.map { p in let person = try p.core; return (person.id, person.shortName) })
        let zones = try await zones(of: pairs.map(\.organisationID))
        let pairOrganisation = Dictionary(uniqueKeysWithValues: pairs.compactMap { p in p.id.map { ($0, p.organisationID) } })
        let byPair = Dictionary(grouping: participants, by: \.mentorshipID)
        return meetings.compactMap { m in
            guard let organisation = pairOrganisation[m.mentorshipID] else { return nil }
            let members = byPair[m.mentorshipID] ?? []
            let side = { (role: ParticipantRole) in
                members.filter { $0.role == role }.compactMap { names[$0.personID] }.sorted().joined(separator: ", ")
            }
            return UpcomingMeeting(
                meeting: m, organisationID: organisation, timeZone: zones[organisation] ?? LocalTime.moscow, pairTitle: "\(side(.mentor)) — \(side(.mentee))",
                participants: members.map(\.personID))
        }
    }

    /// The IANA zone of each organisation's region.
    public func zones(of organisations: [UUID]) async throws -> [UUID: String] {
        let ids = Array(Set(organisations))
        guard !ids.isEmpty else { return [:] }
        let orgs = try await OrganisationRecord.query(on: db).filter(\.$id ~~ ids).field(\.$id).field(\.$municipalityID).all()
        let municipalities = try await MunicipalityRecord.query(on: db).filter(\.$id ~~ Array(Set(orgs.map(\.municipalityID)))).all()
        let regions = try await RegionRecord.query(on: db).filter(\.$id ~~ Array(Set(municipalities.map(\.regionID)))).all()
        let zoneOfRegion = Dictionary(uniqueKeysWithValues: regions.compactMap { r in r.id.map { ($0, r.timeZone) } })
        let regionOf = Dictionary(uniqueKeysWithValues: municipalities.compactMap { m in m.id.map { ($0, m.regionID) } })
        return Dictionary(uniqueKeysWithValues: orgs.compactMap { o in
            guard let id = o.id, let region = regionOf[o.municipalityID], let zone = zoneOfRegion[region] else { return nil }
            return (id, zone)
        })
    }

    /// The people `reminders` are for, with their addresses, age on `today`, choices and the channel of the school of
    /// their pair (`pairOrganisation`: person → organisation).
    public func recipients(_ personIDs: [UUID], pairOrganisation: [UUID: UUID], today: Day) async throws -> [UUID: ReminderRecipient] {
        let ids = Array(Set(personIDs))
        guard !ids.isEmpty else { return [:] }
        let people = try await PersonRecord.query(on: db).filter(\.$id ~~ ids).all().map { try $0.core }
        let accounts = try await AccountRecord.query(on: db).filter(\.$personID ~~ ids).filter(\.$active == true).all()
        let accountOf = Dictionary(accounts.compactMap { a in a.personID.flatMap { p in a.id.map { (p, $0) } } }, uniquingKeysWith: { a, _ in a })
        let choices = try await ReminderPreferenceRecord.query(on: db).filter(\.$accountID ~~ Array(accountOf.values)).all()
        let byAccount = Dictionary(grouping: choices, by: \.accountID)
        let organisations = Array(Set(pairOrganisation.values))
        let channels = try await ReminderChannelRecord.query(on: db).filter(\.$organisationID ~~ organisations).all()
        let channelOf = Dictionary(channels.map { ($0.organisationID, $0.email) }, uniquingKeysWith: { a, _ in a })
        let zones = try await zones(of: organisations)
        return Dictionary(uniqueKeysWithValues: people.map { p in
            let org = pairOrganisation[p.id]
            let prefs = (accountOf[p.id].flatMap { byAccount[$0] } ?? []).reduce(into: ReminderPreferences()) { prefs, r in
                if let kind = ReminderKind(rawValue: r.kind), let d = ReminderDelivery(rawValue: r.delivery) { prefs.choices[kind] = d }
            }
            return (p.id, ReminderRecipient(
                personID: p.id, email: p.email, isMinor: p.isMinor(on: today), schoolChannel: org.flatMap { channelOf[$0] },
                preferences: prefs, timeZone: org.flatMap { zones[$0] } ?? LocalTime.moscow))
        })
    }

    // MARK: preferences and channels

    public func preferences(account: UUID) async throws -> ReminderPreferences {
        let rows = try await ReminderPreferenceRecord.query(on: db).filter(\.$accountID == account).all()
        return ReminderPreferences(Dictionary(rows.compactMap { r in
            ReminderKind(rawValue: r.kind).flatMap { k in ReminderDelivery(rawValue: r.delivery).map { (k, $0) } }
        }, uniquingKeysWith: { a, _ in a }))
    }

    public func setPreferences(account: UUID, _ prefs: ReminderPreferences) async throws {
        try await db.transaction { db in
            try await ReminderPreferenceRecord.query(on: db).filter(\.$accountID == account).delete()
            for kind in ReminderKind.allCases {
                try await ReminderPreferenceRecord(accountID: account, kind: kind, delivery: prefs[kind]).create(on: db)
            }
        }
    }

    public func channel(organisation: UUID) async throws -> String? {
        try await ReminderChannelRecord.query(on: db).filter(\.$organisationID == organisation).first()?.email
    }

    /// nil or blank: the school sends its pupils nothing.
    public func setChannel(organisation: UUID, email: String?) async throws {
        try await db.transaction { db in
            try await ReminderChannelRecord.query(on: db).filter(\.$organisationID == organisation).delete()
            if let email = email?.trimmingCharacters(in: .whitespaces), !email.isEmpty {
                try await ReminderChannelRecord(organisationID: organisation, email: email).create(on: db)
            }
        }
    }

    // MARK: the outbox

    /// Adds the entries whose key the outbox does not hold yet; returns how many were new. A key once written is never
    /// written again, whoever computes it again (the next pass, a restarted server, another instance).
    @discardableResult
    public func enqueue(_ entries: [OutboxEntry]) async throws -> Int {
        guard !entries.isEmpty else { return 0 }
        let known = Set(try await MailOutboxRecord.query(on: db).filter(\.$key ~~ entries.map(\.reminder.key)).all(\.$key))
        var added = 0
        for e in entries where !known.contains(e.reminder.key) {
            // Another instance may have written the same key since: the unique index keeps the first, this one is skipped.
            do {
                try await MailOutboxRecord(e).create(on: db)
                added += 1
            } catch let error as any DatabaseError where error.isConstraintFailure {
                continue
            }
        }
        return added
    }

    /// Leases up to `limit` pending entries due by `now` to `owner` for `lease` seconds and returns them. An entry
    /// leased by an instance that died is leased again once its lease has run out.
    public func claim(owner: String, now: Date, lease: TimeInterval, limit: Int) async throws -> [OutboxEntry] {
        let t = now.timeIntervalSince1970
        let due = try await MailOutboxRecord.query(on: db)
            .filter(\.$status == OutboxStatus.pending.rawValue).filter(\.$sendAfter <= t)
            .group(.or) { $0.filter(\.$leaseUntil == nil).filter(\.$leaseUntil < t) }
            .sort(\.$sendAfter).limit(limit).all(\.$id)
        guard !due.isEmpty else { return [] }
        // The lease is taken only where nobody holds it: of two instances updating the same row, the second finds it held.
        try await MailOutboxRecord.query(on: db)
            .filter(\.$id ~~ due).filter(\.$status == OutboxStatus.pending.rawValue)
            .group(.or) { $0.filter(\.$leaseUntil == nil).filter(\.$leaseUntil < t) }
            .set(\.$leaseOwner, to: owner).set(\.$leaseUntil, to: t + lease)
            .update()
        return try await MailOutboxRecord.query(on: db).filter(\.$id ~~ due).filter(\.$leaseOwner == owner)
            .filter(\.$leaseUntil == t + lease).all().map { try $0.core() }
    }

    public func markSent(_ ids: [UUID], owner: String, at now: Date) async throws {
        guard !ids.isEmpty else { return }
        try await MailOutboxRecord.query(on: db).filter(\.$id ~~ ids).filter(\.$leaseOwner == owner)
            .set(\.$status, to: OutboxStatus.sent.rawValue).set(\.$sentAt, to: now.timeIntervalSince1970)
            .set(\.$leaseUntil, to: nil).set(\.$lastError, to: nil)
            .update()
    }

    /// A failed attempt: tried again after the next of `OutboxEntry.retryDelays`, given up after the last.
    /// A refusal for good (`permanent`: the server does not know the mailbox) is not tried again.
    public func markFailed(_ entries: [OutboxEntry], owner: String, at now: Date, error: String, permanent: Bool) async throws {
        for e in entries {
            let attempts = e.attempts + 1
            let delay = !permanent && attempts <= OutboxEntry.retryDelays.count ? OutboxEntry.retryDelays[attempts - 1] : nil
            try await MailOutboxRecord.query(on: db).filter(\.$id == e.id).filter(\.$leaseOwner == owner)
                .set(\.$attempts, to: attempts).set(\.$lastError, to: error).set(\.$leaseUntil, to: nil)
                .set(\.$status, to: (delay == nil ? OutboxStatus.failed : .pending).rawValue)
                .set(\.$sendAfter, to: now.timeIntervalSince1970 + (delay ?? 0))
                .update()
        }
    }

    /// The log for the administrator, newest first.
    public func log(status: OutboxStatus?, limit: Int, offset: Int) async throws -> (entries: [OutboxEntry], total: Int) {
        var q = MailOutboxRecord.query(on: db)
        if let status { q = q.filter(\.$status == status.rawValue) }
        let total = try await q.copy().count()
        let rows = try await q.sort(\.$createdAt, .descending).sort(\.$key).range(offset..<(offset + limit)).all()
        return (try rows.map { try $0.core() }, total)
    }
}
