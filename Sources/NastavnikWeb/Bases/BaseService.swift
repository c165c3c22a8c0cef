import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// An integer that arrives as a JSON number or as form text.
struct FlexibleInt: Codable, Sendable {
    var value: Int?
    init(_ v: Int?) { value = v }
    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let i = try? c.decode(Int.self) {
            value = i
        } else if let s = try? c.decode(String.self) {
            guard s.trimmingCharacters(in: .whitespaces).isEmpty || Int(s.trimmingCharacters(in: .whitespaces)) != nil else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "ожидается целое число")
            }
            value = Int(s.trimmingCharacters(in: .whitespaces))
        } else {
            value = nil
        }
    }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
}

struct MentorInput: Content {
    var personID: String?
    var organisationID: String?
    var competencies: [String]?
    var interests: String?
    var achievements: [String]?
    var achievementsOther: String?
    var capacity: FlexibleInt?
    var availability: String?
    var training: String?
    var forms: [String]?
    var status: String?
    var network: String?
    /// дд.мм.гггг: when the person entered the base (history loaded later); empty — today, or as it was.
    var enteredOn: String?
}

struct MenteeInput: Content {
    var personID: String?
    var organisationID: String?
    var categories: [String]?
    var mainRequest: String?
    var requestDetails: String?
    /// One deficit per line.
    var deficits: String?
    var status: String?
    var preferredFormat: String?
    var availability: String?
    /// дд.мм.гггг: when the person entered the base (history loaded later); empty — today, or as it was.
    var enteredOn: String?
}

struct BaseQuery: Content {
    var q: String?
    var organisationID: String?
    var competency: String?
    var subject: String?
    var category: String?
    var request: String?
    var training: String?
    var form: String?
    /// "true": only mentors who agreed to mentor beyond their organisation (the regional pool).
    var network: String?
    var municipalityID: String?
    var page: Int?
    var per: Int?
    /// "csv": every row that passes the filters, for download.
    var format: String?
}

/// A person in a base, with what the list and card show about them.
struct BaseRow<Profile: Sendable>: Sendable {
    var profile: Profile
    var person: Person
    var organisation: Organisation
    var membership: Membership?
}

enum BaseService {
    /// Rules common to both bases: the organisation is writable, the person exists, has consent and works/studies there.
    static func entry(_ req: Request, personID: String?, organisationID: String?, resource: Resource) async throws -> (Person, Organisation, [Membership]) {
        guard let pid = personID.nonBlank.flatMap({ UUID(uuidString: $0) }) else { throw ValidationError("personID", "Выберите человека.") }
        guard let oid = organisationID.nonBlank.flatMap({ UUID(uuidString: $0) }), try await OrganisationRecord.find(oid, on: req.db) != nil else {
            throw ValidationError("organisationID", "Организация не найдена: выберите организацию из списка.")
        }
        let org = try await Scope.requireOrganisation(req, oid, .write, resource)
        let (person, memberships) = try await Scope.requirePerson(req, pid, .read)
        let consents = try await ConsentRecord.query(on: req.db).filter(\.$personID == pid).all().map(\.core)
        try ValidationError.check(BaseRules.validateEntry(person: person, organisationID: oid, consents: consents, memberships: memberships, on: req.today))
        return (person, org, memberships)
    }

    /// The day of entry a form or request gives, checked; else the one stored, else today.
    static func enteredOn(_ req: Request, _ text: String?, existing: Day?, organisationID: UUID, memberships: [Membership]) throws -> Day {
        var r = InputReader()
        let given = r.optionalDay(text, "enteredOn", "дату включения в базу")
        try r.check()
        guard let given else { return existing ?? req.today }
        try ValidationError.check(BaseRules.validateEnteredOn(given, organisationID: organisationID, memberships: memberships, today: req.today))
        return given
    }

    static func labelled<T: Labelled>(_ values: [String]?, _ field: String, _ what: String) throws -> [T] {
        var out: [T] = []
        for v in values ?? [] where !v.isEmpty {
            guard let parsed = T.parse(v) else { throw ValidationError(field, "Неизвестное значение «\(v)» в поле «\(what)».") }
            out.append(parsed)
        }
        return out
    }

    static func mentor(from input: MentorInput, id: UUID, person: Person, org: Organisation, enteredOn: Day) throws -> MentorProfile {
        let m = MentorProfile(
            id: id, personID: person.id, organisationID: org.id,
            competencies: try labelled(input.competencies, "competencies", "Компетенции"),
            interests: input.interests.nonBlank, achievements: try labelled(input.achievements, "achievements", "Достижения"),
            achievementsOther: input.achievementsOther.nonBlank, capacity: input.capacity?.value ?? 0,
            availability: input.availability.nonBlank,
            training: input.training.nonBlank.flatMap(TrainingStatus.parse) ?? .notTrained,
            forms: try labelled(input.forms, "forms", "Формы наставничества"),
            status: input.status.nonBlank.flatMap(MentorStatus.parse) ?? .active,
            network: input.network == "true" || input.network == "on", enteredOn: enteredOn)
        try ValidationError.check(BaseRules.validateMentor(m))
        return m
    }

    static func mentee(from input: MenteeInput, id: UUID, person: Person, org: Organisation, memberships: [Membership], enteredOn: Day, today: Day) throws -> MenteeProfile {
        guard let request = input.mainRequest.nonBlank.flatMap(MainRequest.parse) else {
            throw ValidationError("mainRequest", "Укажите основной запрос наставляемого.")
        }
        let m = MenteeProfile(
            id: id, personID: person.id, organisationID: org.id,
            categories: try labelled(input.categories, "categories", "Категории"), mainRequest: request,
            requestDetails: input.requestDetails.nonBlank,
            deficits: (input.deficits ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            status: input.status.nonBlank.flatMap(MenteeStatus.parse) ?? .waiting, enteredOn: enteredOn,
            preferredFormat: input.preferredFormat.nonBlank.flatMap(WorkFormat.parse), availability: input.availability.nonBlank)
        if input.preferredFormat.nonBlank != nil, m.preferredFormat == nil {
            throw ValidationError("preferredFormat", "Формат: очно, дистанционно или смешанно.")
        }
        let isStudent = memberships.contains { $0.organisationID == org.id && $0.role == .student && $0.period.contains(today) }
        try ValidationError.check(BaseRules.validateMentee(m, person: person, isStudent: isStudent))
        return m
    }

    static func saveMentor(_ req: Request, id: UUID?, _ input: MentorInput) async throws -> MentorProfile {
        let user = try req.user
        let existing = try await id.asyncMap { try await requireMentor(req, $0, .write) }
        let (person, org, memberships) = try await entry(req, personID: existing.map { $0.personID.uuidString } ?? input.personID, organisationID: existing.map { $0.organisationID.uuidString } ?? input.organisationID, resource: .mentorBase)
        if existing == nil, try await MentorProfileRecord.query(on: req.db).filter(\.$personID == person.id).filter(\.$organisationID == org.id).count() > 0 {
            throw ValidationError("personID", "\(person.shortName) уже есть в базе наставников этой организации.")
        }
        let entered = try enteredOn(req, input.enteredOn, existing: existing?.enteredOn, organisationID: org.id, memberships: memberships)
        let m = try mentor(from: input, id: existing?.id ?? UUID(), person: person, org: org, enteredOn: entered)
        try await req.db.transaction { db in
            if let existing, let record = try await MentorProfileRecord.find(existing.id, on: db) {
                record.apply(m)
                try await record.save(on: db)
            } else {
                try await MentorProfileRecord(m).create(on: db)
            }
            try await AuditTrail.record(db, user, personID: person.id, entity: "mentor", entityID: m.id, old: existing, new: m)
        }
        return m
    }

    static func saveMentee(_ req: Request, id: UUID?, _ input: MenteeInput) async throws -> MenteeProfile {
        let user = try req.user
        let existing = try await id.asyncMap { try await requireMentee(req, $0, .write) }
        let (person, org, memberships) = try await entry(req, personID: existing.map { $0.personID.uuidString } ?? input.personID, organisationID: existing.map { $0.organisationID.uuidString } ?? input.organisationID, resource: .menteeBase)
        if existing == nil, try await MenteeProfileRecord.query(on: req.db).filter(\.$personID == person.id).filter(\.$organisationID == org.id).count() > 0 {
            throw ValidationError("personID", "\(person.shortName) уже есть в базе наставляемых этой организации.")
        }
        let entered = try enteredOn(req, input.enteredOn, existing: existing?.enteredOn, organisationID: org.id, memberships: memberships)
        let m = try mentee(from: input, id: existing?.id ?? UUID(), person: person, org: org, memberships: memberships, enteredOn: entered, today: req.today)
        try await req.db.transaction { db in
            if let existing, let record = try await MenteeProfileRecord.find(existing.id, on: db) {
                record.apply(m)
                try await record.save(on: db)
            } else {
                try await MenteeProfileRecord(m).create(on: db)
            }
            try await AuditTrail.record(db, user, personID: person.id, entity: "mentee", entityID: m.id, old: existing, new: m)
        }
        return m
    }

    static func requireMentor(_ req: Request, _ id: UUID, _ action: Action) async throws -> MentorProfile {
        guard let m = try await MentorProfileRecord.find(id, on: req.db)?.core else { throw Abort(.notFound, reason: "Запись базы наставников не найдена.") }
        try await requireProfile(req, personID: m.personID, organisationID: m.organisationID, action, .mentorBase)
        return m
    }

    static func requireMentee(_ req: Request, _ id: UUID, _ action: Action) async throws -> MenteeProfile {
        guard let m = try await MenteeProfileRecord.find(id, on: req.db)?.core else { throw Abort(.notFound, reason: "Запись базы наставляемых не найдена.") }
        try await requireProfile(req, personID: m.personID, organisationID: m.organisationID, action, .menteeBase)
        return m
    }

    static func requireProfile(_ req: Request, personID: UUID, organisationID: UUID, _ action: Action, _ resource: Resource) async throws {
        let actor = try req.user.actor
        guard let place = try await Scope.placement(ofOrganisation: organisationID, on: req.db),
            AccessPolicy.allows(actor, .read, resource, at: place, personID: personID)
        else { throw Abort(.notFound, reason: "Запись не найдена или вне вашей зоны доступа.") }
        if action == .write, !AccessPolicy.allows(actor, .write, resource, at: place, personID: personID) {
            throw Abort(.forbidden, reason: "Ваша роль не позволяет изменять эту запись.")
        }
    }

    /// Visible profiles with their people and organisations, one page read by the database; the filters both bases
    /// share (scope, organisation, name, subject) are added here, `filter` adds the base's own.
    static func rows<R: CoreMapped>(_ req: Request, _ type: R.Type, _ resource: Resource, _ query: BaseQuery, orgKey: KeyPath<R, FieldProperty<R, UUID>>, personKey: KeyPath<R, FieldProperty<R, UUID>>, filter: (QueryBuilder<R>, BaseQueries.Conditions<R>) -> QueryBuilder<R>) async throws -> ([BaseRow<R.Core>], Pagination) {
        let request = try PageRequest(page: query.page, per: query.per, defaultPer: 25)
        let today = req.today
        let match = BaseQueries.Conditions<R>()
        var q = filter(R.query(on: req.db), match).filter(match.reach(Scope.reach(try req.user.actor, resource)))
        if let org = query.organisationID.nonBlank.flatMap({ UUID(uuidString: $0) }) { q = q.filter(orgKey == org) }
        if let text = query.q.nonBlank { q = q.filter(match.name(spellings(text))) }
        if let subject = query.subject.nonBlank { q = q.filter(match.subject(spellings(subject), today: today)) }
        let all = query.format == "csv"
        let (total, entries) = try await BaseQueries.page(q, person: personKey, organisation: orgKey, today: today,
            offset: all ? 0 : PageRequest.offset(page: request.page, per: request.per), limit: all ? nil : request.per)
        let rows = entries.map { BaseRow(profile: $0.profile, person: $0.person, organisation: $0.organisation, membership: $0.membership) }
        return (rows, Pagination(all ? PageRequest(all: total) : request, total: total))
    }

    /// How a search text may be spelled in the database (LIKE ignores case only for Latin letters in SQLite and
    /// never in PostgreSQL): as typed, in lower case, with a capital first letter and with every word capitalised.
    static func spellings(_ text: String) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        let titled = words.map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined(separator: " ")
        return Array(Set([text, text.lowercased(), text.prefix(1).uppercased() + text.dropFirst().lowercased(), titled]))
    }
}

extension Optional {
    func asyncMap<T>(_ f: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let v = self else { return nil }
        return try await f(v)
    }
}
