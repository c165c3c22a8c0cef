import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// Web pages for people: list, card, create/edit, places of work and consents.
struct PeopleController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let people = routes.grouped("people")
        people.get(use: index)
        people.get("new", use: new)
        people.post("new", use: create)
        people.get(":id", use: show)
        people.get(":id", "edit", use: edit)
        people.post(":id", "edit", use: update)
        people.get(":id", "memberships", "new", use: newMembership)
        people.post(":id", "memberships", "new", use: createMembership)
        people.get(":id", "consents", "new", use: newConsent)
        people.post(":id", "consents", "new", use: createConsent)
        people.get(":id", "personal-data", use: personalData)
        Self.withdrawal.register(routes, ["consents", ":id", "withdraw"])
    }

    /// Marking a consent withdrawn takes the person out of their pairs and bases and may anonymise them: confirmed
    /// on a page that names all of it, with the date of the written withdrawal.
    static let withdrawal = ConfirmStep<WithdrawInput>(
        title: "Отметить отзыв согласия", submit: "Подтвердить отзыв согласия",
        back: { req in
            guard let c = try await ConsentRecord.find(try req.uuid("id"), on: req.db) else { throw Abort(.notFound, reason: "Согласие не найдено.") }
            let (person, _) = try await Scope.requirePerson(req, c.personID, .write)
            return (person.shortName, "/people/\(person.id)")
        },
        initial: { req in WithdrawInput(withdrawnOn: req.today.russian) },
        fields: { _, i in [FormField("withdrawnOn", "Дата отзыва (как в заявлении)", .date, value: i.withdrawnOn, required: true, hint: "Не позже сегодняшнего дня и не раньше подписания согласия.")] },
        consequences: { req, i in
            var r = InputReader()
            let day = r.day(i.withdrawnOn, "withdrawnOn", "дату отзыва", default: req.today)
            try r.check()
            return try await PersonalDataService.withdrawalPreview(req, consentID: try req.uuid("id"), on: day ?? req.today)
        },
        date: { $0.withdrawnOn },
        dateField: "withdrawnOn",
        perform: { req, i in
            let c = try await PeopleService.withdrawConsent(req, try req.uuid("id"), i)
            return ("/people/\(c.personID)", "Отзыв согласия отмечен с \(c.withdrawnOn?.russian ?? "").")
        })

    /// Everything held about the person, as a JSON file (the subject's request under 152-ФЗ, ст. 14).
    @Sendable func personalData(req: Request) async throws -> Response {
        let export = try await PersonalDataService.export(req, try req.uuid("id"))
        let res = try await export.encodeResponse(for: req)
        res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"personal-data-\(export.person.id.uuidString.prefix(8)).json\"")
        return res
    }

    @Sendable func index(req: Request) async throws -> Response {
        let query = try req.query.decode(PeopleQuery.self)
        let (rows, pagination) = try await PeopleService.list(req, query)
        let orgs = try await Lookup.visibleOrganisations(req)
        let canCreate = try await !Scope.writableOrganisations(req, .person).isEmpty
        let imports = try await ImportController.links(req, [.staff, .students])
        return req.html(PeopleListPage.render(try req.page(), rows: rows, pagination: pagination, query: query, organisations: orgs, orgNames: Lookup.names(orgs), today: req.today, canCreate: canCreate, imports: imports))
    }

    @Sendable func show(req: Request) async throws -> Response {
        let id = try req.uuid("id")
        let (person, memberships) = try await Scope.requirePerson(req, id, .read)
        let actor = try req.user.actor
        let orgs = try await Lookup.organisations(req, ids: memberships.map(\.organisationID))
        let canWrite = (try? await Scope.requirePerson(req, id, .write)) != nil
        let mentor = try await MentorProfileRecord.query(on: req.db).filter(\.$personID == id).all().map(\.core)
        let mentee = try await MenteeProfileRecord.query(on: req.db).filter(\.$personID == id).all().map(\.core)
        let canAudit = AccessPolicy.permits(actor.role, .read, .audit) && actor.role.scopeLevel != .person
        let audit = canAudit ? try await AuditPage.entries(req.db, personID: id) : []
        let model = PersonCardPage.Model(
            person: person, memberships: memberships.sorted { $0.period.start > $1.period.start }.map { ($0, orgs[$0.organisationID]) },
            consents: try await ConsentRecord.query(on: req.db).filter(\.$personID == id).sort(\.$signedOn, .descending).all().map(\.core),
            mentorProfiles: mentor, menteeProfiles: mentee, audit: audit, today: req.today, canWrite: canWrite,
            canReadAudit: canAudit, organisationNames: orgs.mapValues(\.shortName))
        var withHistory = model
        let parts = try await ParticipantRecord.query(on: req.db).filter(\.$personID == id).all().map(\.core)
        let mentorships = try await MentorshipRecord.query(on: req.db).filter(\.$id ~~ parts.map(\.mentorshipID)).all().map(\.core)
        let byID = Dictionary(uniqueKeysWithValues: mentorships.map { ($0.id, $0) })
        withHistory.history = parts.compactMap { p in byID[p.mentorshipID].map { ($0, p) } }.sorted { $0.1.joinedOn > $1.1.joinedOn }
        for (orgID, org) in try await Lookup.organisations(req, ids: mentorships.map(\.organisationID)) { withHistory.organisationNames[orgID] = org.shortName }
        withHistory.canReadRoute = (try? await Scope.requirePerson(req, id, .read, .route)) != nil
        withHistory.contests = try await ContestService.history(req.db, person: id)
        return req.html(PersonCardPage.render(try req.page(), withHistory))
    }

    @Sendable func new(req: Request) async throws -> Response {
        try await personForm(req, PersonForm(PersonInput(), membership: MembershipInput(organisationID: req.query["organisationID"], start: req.today.russian)), issues: [])
    }

    @Sendable func create(req: Request) async throws -> Response {
        let form = try req.content.decode(PersonForm.self)
        do {
            let p = try await PeopleService.create(req, form)
            return req.done("/people/\(p.id)", "Человек добавлен: \(p.fullName). Зарегистрируйте его согласие на обработку персональных данных.")
        } catch let v as ValidationError {
            return try await personForm(req, form, issues: v.issues, status: .unprocessableEntity)
        }
    }

    func personForm(_ req: Request, _ form: PersonForm, issues: [FieldIssue], status: HTTPResponseStatus = .ok) async throws -> Response {
        let orgs = try await Scope.writableOrganisations(req, .person)
        guard !orgs.isEmpty else { throw Abort(.forbidden, reason: "Ваша роль не позволяет добавлять людей.") }
        let fields = PersonFields.person(form.person) + PersonFields.membership(form.membership, organisations: orgs)
        let html = Layout.page(try req.page(), title: "Новый человек", breadcrumbs: [("Люди", "/people")]) {
            Forms.form(action: "/people/new", csrf: req.csrfToken, fields: fields, issues: issues, submit: "Сохранить", cancel: "/people")
        }
        return req.html(html, status: status)
    }

    @Sendable func edit(req: Request) async throws -> Response {
        let id = try req.uuid("id")
        let (person, _) = try await Scope.requirePerson(req, id, .write)
        return try editForm(req, person, PersonInput(person), issues: [])
    }

    @Sendable func update(req: Request) async throws -> Response {
        let id = try req.uuid("id")
        let input = try req.content.decode(PersonInput.self)
        do {
            let p = try await PeopleService.update(req, id, input)
            return req.done("/people/\(id)", "Изменения сохранены: \(p.fullName).")
        } catch let v as ValidationError {
            let (person, _) = try await Scope.requirePerson(req, id, .write)
            return try editForm(req, person, input, issues: v.issues, status: .unprocessableEntity)
        }
    }

    func editForm(_ req: Request, _ person: Person, _ input: PersonInput, issues: [FieldIssue], status: HTTPResponseStatus = .ok) throws -> Response {
        let html = Layout.page(try req.page(), title: "Изменить: \(person.fullName)", breadcrumbs: [("Люди", "/people"), (person.shortName, "/people/\(person.id)")]) {
            Forms.form(action: "/people/\(person.id)/edit", csrf: req.csrfToken, fields: PersonFields.person(input), issues: issues, submit: "Сохранить", cancel: "/people/\(person.id)")
        }
        return req.html(html, status: status)
    }

    @Sendable func newMembership(req: Request) async throws -> Response {
        let id = try req.uuid("id")
        let (person, _) = try await Scope.requirePerson(req, id, .write)
        return try await membershipForm(req, person, MembershipInput(start: req.today.russian), issues: [])
    }

    @Sendable func createMembership(req: Request) async throws -> Response {
        let id = try req.uuid("id")
        let (person, _) = try await Scope.requirePerson(req, id, .write)
        let input = try req.content.decode(MembershipInput.self)
        do {
            _ = try await PeopleService.addMembership(req, id, input)
            return req.done("/people/\(id)", "Место работы (учёбы) добавлено.")
        } catch let v as ValidationError {
            let issues = v.issues.map { FieldIssue($0.field.replacingOccurrences(of: "membership.", with: ""), $0.message) }
            return try await membershipForm(req, person, input, issues: issues, status: .unprocessableEntity)
        }
    }

    func membershipForm(_ req: Request, _ person: Person, _ input: MembershipInput, issues: [FieldIssue], status: HTTPResponseStatus = .ok) async throws -> Response {
        let orgs = try await Scope.writableOrganisations(req, .person)
        let html = Layout.page(try req.page(), title: "Место работы или учёбы", breadcrumbs: [("Люди", "/people"), (person.shortName, "/people/\(person.id)")]) {
            Forms.form(action: "/people/\(person.id)/memberships/new", csrf: req.csrfToken, fields: PersonFields.membership(input, organisations: orgs, prefix: ""), issues: issues, submit: "Добавить", cancel: "/people/\(person.id)")
        }
        return req.html(html, status: status)
    }

    @Sendable func newConsent(req: Request) async throws -> Response {
        let id = try req.uuid("id")
        let (person, _) = try await Scope.requirePerson(req, id, .write)
        return try consentForm(req, person, ConsentInput(signedOn: req.today.russian), issues: [])
    }

    @Sendable func createConsent(req: Request) async throws -> Response {
        let id = try req.uuid("id")
        let input = try req.content.decode(ConsentInput.self)
        do {
            let c = try await PeopleService.addConsent(req, id, input)
            return req.done("/people/\(id)", "Согласие \(c.kind.label) зарегистрировано.")
        } catch let v as ValidationError {
            let (person, _) = try await Scope.requirePerson(req, id, .write)
            return try consentForm(req, person, input, issues: v.issues, status: .unprocessableEntity)
        }
    }

    func consentForm(_ req: Request, _ person: Person, _ input: ConsentInput, issues: [FieldIssue], status: HTTPResponseStatus = .ok) throws -> Response {
        let html = Layout.page(try req.page(), title: "Согласие: \(person.fullName)", breadcrumbs: [("Люди", "/people"), (person.shortName, "/people/\(person.id)")]) {
            Forms.form(action: "/people/\(person.id)/consents/new", csrf: req.csrfToken, fields: PersonFields.consent(input, minor: person.isMinor(on: req.today)), issues: issues, submit: "Зарегистрировать", cancel: "/people/\(person.id)")
        }
        return req.html(html, status: status)
    }
}

/// Small shared lookups for pages.
enum Lookup {
    static func visibleOrganisations(_ req: Request) async throws -> [Organisation] {
        let vis = try await Scope.visibility(try req.user.actor, .organisation, on: req.db)
        var q = OrganisationRecord.query(on: req.db).sort(\.$shortName)
        if let ids = vis.organisationIDs { q = q.filter(\.$id ~~ ids) }
        if case .persons = vis { return [] }
        return try await q.all().map { try $0.core }
    }

    static func organisations(_ req: Request, ids: [UUID]) async throws -> [UUID: Organisation] {
        Dictionary(uniqueKeysWithValues: try await OrganisationRecord.query(on: req.db).filter(\.$id ~~ Array(Set(ids))).all().map { ($0.id!, try $0.core) })
    }

    static func names(_ orgs: [Organisation]) -> [UUID: String] {
        Dictionary(uniqueKeysWithValues: orgs.map { ($0.id, $0.shortName) })
    }
}
