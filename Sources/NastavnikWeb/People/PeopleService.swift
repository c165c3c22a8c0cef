import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// A new person with their first place of work or study (one form, one API call).
struct PersonForm: Content {
    var lastName: String?
    var firstName: String?
    var middleName: String?
    var birthDate: String?
    var sex: String?
    var snils: String?
    var email: String?
    var phone: String?
    var educationLevel: String?
    var specialty: String?
    var graduationYear: String?
    var totalExperienceStart: String?
    var pedagogicalExperienceStart: String?
    var category: String?
    var membership: MembershipInput?

    var person: PersonInput {
        PersonInput(
            lastName: lastName, firstName: firstName, middleName: middleName, birthDate: birthDate, sex: sex,
            snils: snils, email: email, phone: phone, educationLevel: educationLevel, specialty: specialty,
            graduationYear: graduationYear, totalExperienceStart: totalExperienceStart,
            pedagogicalExperienceStart: pedagogicalExperienceStart, category: category)
    }

    init(_ p: PersonInput, membership: MembershipInput? = nil) {
        lastName = p.lastName
        firstName = p.firstName
        middleName = p.middleName
        birthDate = p.birthDate
        sex = p.sex
        snils = p.snils
        email = p.email
        phone = p.phone
        educationLevel = p.educationLevel
        specialty = p.specialty
        graduationYear = p.graduationYear
        totalExperienceStart = p.totalExperienceStart
        pedagogicalExperienceStart = p.pedagogicalExperienceStart
        category = p.category
        self.membership = membership
    }
}

struct MembershipInput: Content {
    var organisationID: String?
    var role: String?
    var position: String?
    var subjects: String?
    var grade: String?
    var start: String?
    var end: String?
}

struct ConsentInput: Content {
    var kind: String?
    var signer: String?
    var representativeName: String?
    var signedOn: String?
    var scope: String?
}

struct WithdrawInput: Content {
    var withdrawnOn: String?
}

/// Filters of the people list (the same for the page and the API).
struct PeopleQuery: Content {
    var q: String?
    var organisationID: String?
    var role: String?
    var subject: String?
    var young: String?
    var page: Int?
    var per: Int?
}

enum PeopleService {
    static func create(_ req: Request, _ form: PersonForm) async throws -> Person {
        let user = try req.user
        guard let mInput = form.membership else {
            throw ValidationError("membership.organisationID", "Укажите организацию, где человек работает или учится.")
        }
        var issues: [FieldIssue] = []
        var person: Person?
        do { person = try PersonRules.build(form.person, today: req.today) } catch let v as ValidationError { issues += v.issues }
        let membership = try await buildMembership(req, mInput, personID: person?.id ?? UUID(), person: person, issues: &issues)
        try ValidationError.check(issues)
        guard let person, let membership else { throw ValidationError(issues) }
        try await checkSnilsFree(req, person.snils, except: nil)
        try await req.db.transaction { db in
            try await PersonRecord(person).create(on: db)
            try await MembershipRecord(membership).create(on: db)
            try await AuditTrail.record(db, user, personID: person.id, entity: "person", entityID: person.id, old: nil, new: person)
            try await AuditTrail.record(db, user, personID: person.id, entity: "membership", entityID: membership.id, old: nil, new: membership)
        }
        return person
    }

    static func update(_ req: Request, _ id: UUID, _ input: PersonInput) async throws -> Person {
        let user = try req.user
        let (old, _) = try await Scope.requirePerson(req, id, .write)
        let person = try PersonRules.build(input, id: id, today: req.today)
        try await checkSnilsFree(req, person.snils, except: id)
        try await req.db.transaction { db in
            guard let record = try await PersonRecord.find(id, on: db) else { throw Abort(.notFound) }
            record.apply(person)
            try await record.save(on: db)
            try await AuditTrail.record(db, user, personID: id, entity: "person", entityID: id, old: old, new: person)
        }
        return person
    }

    static func addMembership(_ req: Request, _ personID: UUID, _ input: MembershipInput) async throws -> Membership {
        let user = try req.user
        let (person, _) = try await Scope.requirePerson(req, personID, .read)
        var issues: [FieldIssue] = []
        let m = try await buildMembership(req, input, personID: personID, person: person, issues: &issues)
        try ValidationError.check(alone(issues))
        guard let m else { throw ValidationError(alone(issues)) }
        try await req.db.transaction { db in
            try await MembershipRecord(m).create(on: db)
            try await AuditTrail.record(db, user, personID: personID, entity: "membership", entityID: m.id, old: nil, new: m)
        }
        return m
    }

    /// The problems of a place of work posted on its own (its page, the API's membership), whose fields are `start`,
    /// not the `membership.start` of a person's form: named so, they show next to their fields.
    static func alone(_ issues: [FieldIssue]) -> [FieldIssue] {
        issues.map { FieldIssue($0.field.hasPrefix("membership.") ? String($0.field.dropFirst("membership.".count)) : $0.field, $0.message) }
    }

    /// Validates a membership; the target organisation must be one where the caller may write people.
    static func buildMembership(_ req: Request, _ input: MembershipInput, personID: UUID, person: Person?, issues: inout [FieldIssue]) async throws -> Membership? {
        guard let orgText = input.organisationID.nonBlank else {
            issues.append(.init("membership.organisationID", "Укажите организацию."))
            return nil
        }
        guard let orgID = UUID(uuidString: orgText), try await OrganisationRecord.find(orgID, on: req.db) != nil else {
            issues.append(.init("membership.organisationID", "Организация не найдена: проверьте выбор организации."))
            return nil
        }
        let org = try await Scope.requireOrganisation(req, orgID, .write, .person)
        guard let role = input.role.nonBlank.flatMap(MembershipRole.parse) else {
            issues.append(.init("membership.role", "Укажите роль в организации."))
            return nil
        }
        guard let start = input.start.nonBlank.flatMap({ Day($0) }) else {
            issues.append(.init("membership.start", "Укажите дату начала работы (учёбы) в формате дд.мм.гггг."))
            return nil
        }
        var end: Day?
        if let e = input.end.nonBlank {
            guard let d = Day(e) else {
                issues.append(.init("membership.end", "Дата окончания указана неверно: ожидается дд.мм.гггг."))
                return nil
            }
            end = d
        }
        let subjects = (input.subjects ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let m = Membership(personID: personID, organisationID: orgID, role: role, position: input.position.nonBlank, subjects: subjects, grade: input.grade.nonBlank, period: Period(start: start, end: end))
        if let person {
            issues += MembershipRules.validate(m, person: person, organisationKind: org.kind).map { FieldIssue("membership.\($0.field)", $0.message) }
        }
        return m
    }

    static func checkSnilsFree(_ req: Request, _ snils: String?, except id: UUID?) async throws {
        guard let snils else { return }
        var q = PersonRecord.query(on: req.db).filter(\.$snils == snils)
        if let id { q = q.filter(\.$id != id) }
        if try await q.count() > 0 {
            throw ValidationError("snils", "Человек с таким СНИЛС уже есть в системе.")
        }
    }

    static func addConsent(_ req: Request, _ personID: UUID, _ input: ConsentInput) async throws -> Consent {
        let user = try req.user
        let (person, _) = try await Scope.requirePerson(req, personID, .write)
        var issues: [FieldIssue] = []
        let kind = input.kind.nonBlank.flatMap(ConsentKind.parse) ?? .processing
        let signer = input.signer.nonBlank.flatMap(ConsentSigner.parse)
        if signer == nil { issues.append(.init("signer", "Укажите, кто подписал согласие.")) }
        let signed = input.signedOn.nonBlank.flatMap { Day($0) }
        if signed == nil { issues.append(.init("signedOn", "Укажите дату подписания в формате дд.мм.гггг.")) }
        try ValidationError.check(issues)
        let consent = Consent(personID: personID, kind: kind, signer: signer!, representativeName: input.representativeName.nonBlank, signedOn: signed!, scope: input.scope.nonBlank ?? ConsentRules.defaultScope)
        let existing = try await ConsentRecord.query(on: req.db).filter(\.$personID == personID).all().map(\.core)
        try ValidationError.check(ConsentRules.validateNew(consent, person: person, existing: existing, today: req.today))
        try await req.db.transaction { db in
            try await ConsentRecord(consent).create(on: db)
            try await AuditTrail.record(db, user, personID: personID, entity: "consent", entityID: consent.id, old: nil, new: consent)
        }
        return consent
    }

    static func withdrawConsent(_ req: Request, _ consentID: UUID, _ input: WithdrawInput) async throws -> Consent {
        let user = try req.user
        guard let record = try await ConsentRecord.find(consentID, on: req.db) else {
            throw Abort(.notFound, reason: "Согласие не найдено.")
        }
        try await Scope.requirePerson(req, record.personID, .write)
        let old = record.core
        guard let day = input.withdrawnOn.nonBlank.flatMap({ Day($0) }) ?? (input.withdrawnOn.nonBlank == nil ? req.today : nil) else {
            throw ValidationError("withdrawnOn", "Дата отзыва указана неверно: ожидается дд.мм.гггг.")
        }
        try ValidationError.check(ConsentRules.validateWithdrawal(old, on: day, today: req.today))
        var updated = old
        updated.withdrawnOn = day
        let new = updated
        try await req.db.transaction { db in
            record.apply(new)
            try await record.save(on: db)
            try await AuditTrail.record(db, user, personID: old.personID, entity: "consent", entityID: consentID, old: old, new: new)
            try await PersonalDataService.applyWithdrawal(db, user, personID: old.personID, on: day, today: req.today)
        }
        return new
    }

    /// People visible to the caller, filtered and paged by the database, with their current memberships.
    static func list(_ req: Request, _ query: PeopleQuery) async throws -> (rows: [(Person, [Membership])], pagination: Pagination) {
        let request = try PageRequest(page: query.page, per: query.per, defaultPer: 25)
        let today = req.today
        let filter = PeopleQueries.Filter(
            reach: Scope.reach(try req.user.actor, .person),
            organisationID: query.organisationID.nonBlank.flatMap { UUID(uuidString: $0) },
            role: query.role.nonBlank.flatMap(MembershipRole.parse), subject: query.subject.nonBlank,
            names: (query.q.nonBlank?.split(separator: " ").prefix(3) ?? []).map { caseVariants(String($0)) },
            youngSince: query.young == "true" ? today.adding(years: -3) : nil)
        let (total, rows) = try await PeopleQueries(req.db).list(filter, today: today, offset: PageRequest.offset(page: request.page, per: request.per), limit: request.per)
        return (rows, Pagination(request, total: total))
    }

    /// LIKE is case-sensitive for Cyrillic in SQLite; try the typed, capitalised and lower-case forms.
    static func caseVariants(_ s: String) -> [String] {
        Array(Set([s, s.lowercased(), s.prefix(1).uppercased() + s.dropFirst().lowercased()]))
    }
}

extension PeopleService {
    /// Changes a place of work or study (its organisation stays): position, subjects, class, period —
    /// e.g. ending it when the person leaves. Audited.
    static func updateMembership(_ req: Request, _ id: UUID, _ input: MembershipInput) async throws -> Membership {
        let user = try req.user
        guard let record = try await MembershipRecord.find(id, on: req.db) else {
            throw Abort(.notFound, reason: "Место работы (учёбы) не найдено или вне вашей зоны доступа.")
        }
        let old = record.core
        let (person, _) = try await Scope.requirePerson(req, old.personID, .write)
        var fixed = input
        fixed.organisationID = old.organisationID.uuidString
        var issues: [FieldIssue] = []
        guard var m = try await buildMembership(req, fixed, personID: old.personID, person: person, issues: &issues) else { throw ValidationError(alone(issues)) }
        try ValidationError.check(alone(issues))
        m.id = id
        let new = m
        try await req.db.transaction { db in
            record.apply(new)
            try await record.save(on: db)
            try await AuditTrail.record(db, user, personID: new.personID, entity: "membership", entityID: id, old: old, new: new)
        }
        return new
    }
}

/// The page that edits or ends a place of work or study.
struct MembershipEditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        Self.edit.register(routes, ["memberships", ":id", "edit"])
    }

    static func load(_ req: Request) async throws -> Membership {
        guard let m = try await MembershipRecord.find(try req.uuid("id"), on: req.db)?.core else {
            throw Abort(.notFound, reason: "Место работы (учёбы) не найдено или вне вашей зоны доступа.")
        }
        try await Scope.requirePerson(req, m.personID, .write)
        return m
    }

    static let edit = ActionForm<MembershipInput>(
        title: "Место работы (учёбы)", submit: "Сохранить",
        back: { req in
            let m = try await load(req)
            return ("Карточка человека", "/people/\(m.personID)")
        },
        initial: { req in
            let m = try await load(req)
            return MembershipInput(organisationID: m.organisationID.uuidString, role: m.role.rawValue, position: m.position, subjects: m.subjects.joined(separator: ", "),
                grade: m.grade, start: m.period.start.russian, end: m.period.end?.russian)
        },
        fields: { _, i in Array(PersonFields.membership(i, organisations: [], prefix: "").dropFirst()) },
        hint: "Чтобы отметить увольнение или окончание учёбы, укажите дату окончания. Организация не меняется: новое место добавьте отдельно.",
        perform: { req, i in
            let m = try await PeopleService.updateMembership(req, try req.uuid("id"), i)
            return ("/people/\(m.personID)", "Место работы (учёбы) сохранено.")
        })
}
