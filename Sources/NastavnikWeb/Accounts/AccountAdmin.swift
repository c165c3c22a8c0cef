import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

struct ActiveInput: Content {
    var active: String?
}

struct PasswordReset: Content {
    var password: String?
}

struct AssignmentsInput: Content {
    var personIDs: [String]?
}

/// Managing existing accounts: switching off, a new password, a regional tutor's assigned people.
enum AccountAdmin {
    /// The account if the caller may manage it: out of scope is 404; above the caller's level is 403.
    static func require(_ req: Request, _ id: UUID, _ action: Action) async throws -> AccountRecord {
        let actor = try req.user.actor
        guard let a = try await AccountRecord.find(id, on: req.db), AccessPolicy.allows(actor, .read, .account, at: a.placement, personID: a.personID) else {
            throw Abort(.notFound, reason: "Учётная запись не найдена или вне вашей зоны доступа.")
        }
        if action == .write, !AccessPolicy.mayGrant(actor, role: try a.roleValue, at: a.placement) {
            throw Abort(.forbidden, reason: "Управлять этой учётной записью может только вышестоящий уровень.")
        }
        return a
    }

    static func revokeTokens(_ db: any Database, _ id: UUID) async throws {
        try await APITokenRecord.query(on: db).filter(\.$accountID == id).filter(\.$revokedAt == nil).set(\.$revokedAt, to: Date()).update()
    }

    /// A new password (the owner's or set by someone else) or a switched-off account ends everything opened before:
    /// every API token (sign-in and integration), the calendar link, and every browser session of the account
    /// but `keeping`, the one the owner changed their own password in (issue 22, finding 7); and the browsers known
    /// to the sign-in throttle (a device that signed in with the old password earns no exemption from the lock).
    static func endAccess(_ db: any Database, _ id: UUID, keeping session: SessionID? = nil) async throws {
        try await revokeTokens(db, id)
        try await CalendarFeedRecord.query(on: db).filter(\.$accountID == id).delete()
        try await LoginDeviceRecord.query(on: db).filter(\.$accountID == id).delete()
        // The account is inside each session's JSON data, which no query reads the same way on SQLite and
        // PostgreSQL: the sessions are read here (a rare action) and the account's are deleted by id.
        let ended = try await SessionRecord.query(on: db).all()
            .filter { $0.data["account"] == id.uuidString && $0.key != session }.compactMap(\.id)
        for part in MentorshipStore.chunks(ended) where !part.isEmpty {
            try await SessionRecord.query(on: db).filter(\.$id ~~ part).delete()
        }
    }

    static func setActive(_ req: Request, _ id: UUID, _ input: ActiveInput) async throws -> AccountRecord {
        let a = try await require(req, id, .write)
        let active = input.active == "true"
        if !active, a.id == (try req.user.accountID) { throw ValidationError("active", "Нельзя отключить свою собственную учётную запись.") }
        try await req.db.transaction { db in
            a.active = active
            try await a.save(on: db)
            if !active { try await endAccess(db, id) }
        }
        return a
    }

    static func resetPassword(_ req: Request, _ id: UUID, _ input: PasswordReset) async throws -> AccountRecord {
        let a = try await require(req, id, .write)
        try ValidationError.check(PasswordPolicy.validate(input.password ?? ""))
        let hash = try await req.password.async.hash(input.password!)
        let me = try req.user
        // One's own password set from the accounts page keeps the session it is set in, as on «Моя учётная запись».
        let here = me.accountID == id && !me.viaToken ? req.session.id : nil
        try await req.db.transaction { db in
            a.passwordHash = hash
            try await a.save(on: db)
            try await endAccess(db, id, keeping: here)
        }
        return a
    }

    /// People in the tutor's region who are in a base of mentees there (seed 004: tutors follow mentees).
    static func assignable(_ db: any Database, regionID: UUID) async throws -> [(Person, String)] {
        let muns = try await MunicipalityRecord.query(on: db).filter(\.$regionID == regionID).all(\.$id)
        let orgs = try await OrganisationRecord.query(on: db).filter(\.$municipalityID ~~ muns).all()
        let names = Dictionary(uniqueKeysWithValues: orgs.map { ($0.id!, $0.shortName) })
        let profiles = try await MentorshipStore.all(MenteeProfileRecord.self, db, \.$organisationID, in: Array(names.keys))
            .filter { $0.status != .left }
        let people = try await MentorshipStore.people(db, profiles.map(\.personID))
        return profiles.compactMap { p in people[p.personID].map { ($0, names[p.organisationID] ?? "") } }.sorted { $0.0.fullName < $1.0.fullName }
    }

    static func setAssignments(_ req: Request, _ id: UUID, _ input: AssignmentsInput) async throws -> [UUID] {
        let a = try await require(req, id, .write)
        guard try a.roleValue == .regionalTutor, let region = a.regionID else {
            throw ValidationError("personIDs", "Закреплять наставляемых можно только за региональным тьютором.")
        }
        var r = InputReader()
        let ids = Array(Set(r.uuids(input.personIDs, "personIDs")))
        try r.check()
        let allowed = Set(try await assignable(req.db, regionID: region).map(\.0.id))
        let outside = ids.filter { !allowed.contains($0) }
        if !outside.isEmpty {
            throw ValidationError("personIDs", "Закрепить можно только наставляемых из базы организаций региона тьютора; не подходят: \(outside.count).")
        }
        try await req.db.transaction { db in
            try await TutorAssignmentRecord.query(on: db).filter(\.$accountID == id).delete()
            try await db.insertAll(ids.map { TutorAssignmentRecord(accountID: id, personID: $0) })
        }
        return ids
    }
}

struct AccountAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("accounts", ":id", use: card)
        routes.post("accounts", ":id", "active", use: active)
        Self.password.register(routes, ["accounts", ":id", "password"])
        Self.assignments.register(routes, ["accounts", ":id", "assignments"])
    }

    @Sendable func card(req: Request) async throws -> Response {
        let a = try await AccountAdmin.require(req, try req.uuid("id"), .read)
        let canWrite = (try? await AccountAdmin.require(req, a.id!, .write)) != nil
        let assigned = try await TutorAssignmentRecord.query(on: req.db).filter(\.$accountID == a.id!).all(\.$personID)
        let people = try await MentorshipStore.people(req.db, assigned)
        var actions: [Node] = []
        if canWrite {
            actions.append(link("/accounts/\(a.id!)/password", "Задать новый пароль", class: "btn"))
            actions.append(el("form", ["method": "post", "action": "/accounts/\(a.id!)/active", "class": "inline"]) {
                void("input", ["type": "hidden", "name": "csrf", "value": req.csrfToken])
                void("input", ["type": "hidden", "name": "active", "value": a.active ? "false" : "true"])
                el("button", ["type": "submit", "class": a.active ? "btn danger" : "btn primary"]) { a.active ? "Отключить" : "Включить" }
            })
        }
        let role = try a.roleValue
        let html = Layout.page(try req.page(), title: "Учётная запись «\(a.login)»", breadcrumbs: [("Учётные записи", "/accounts")], actions: actions) {
            Layout.section("Сведения") {
                Layout.facts([("Логин", a.login), ("ФИО", a.fullName), ("Роль", role.label), ("Уровень", role.scopeLevel.label), ("Активна", a.active ? "да" : "нет — вход и токены API отключены")])
            }
            if role == .regionalTutor {
                Layout.section("Закреплённые наставляемые", actions: canWrite ? [link("/accounts/\(a.id!)/assignments", "Изменить", class: "btn small")] : []) {
                    Layout.table(["ФИО"], people.values.sorted { $0.fullName < $1.fullName }.map { [link("/people/\($0.id)", $0.fullName)] }, empty: "Никто не закреплён.")
                }
            }
        }
        return req.html(html)
    }

    @Sendable func active(req: Request) async throws -> Response {
        let id = try req.uuid("id")
        do {
            let a = try await AccountAdmin.setActive(req, id, try req.content.decode(ActiveInput.self))
            return req.done("/accounts/\(id)", a.active ? "Учётная запись включена." : "Учётная запись отключена: сеансы входа завершены, токены API отозваны.")
        } catch let v as ValidationError { return req.done("/accounts/\(id)", v.summary) }
    }

    static func back(_ req: Request) async throws -> (label: String, href: String) {
        let a = try await AccountAdmin.require(req, try req.uuid("id"), .read)
        return (a.login, "/accounts/\(a.id!)")
    }

    static let password = ActionForm<PasswordReset>(
        title: "Новый пароль учётной записи", submit: "Задать пароль", back: back,
        initial: { req in
            _ = try await AccountAdmin.require(req, try req.uuid("id"), .write)
            return PasswordReset()
        },
        fields: { _, _ in [FormField("password", "Новый пароль", .password, required: true, hint: "Не короче 10 символов, буквы и цифры; сообщите его владельцу лично")] },
        hint: "Сеансы входа этой учётной записи завершатся, её токены API будут отозваны, ссылка на календарь перестанет работать.",
        perform: { req, i in
            let a = try await AccountAdmin.resetPassword(req, try req.uuid("id"), i)
            return ("/accounts/\(try a.requireID())", "Пароль задан: сеансы входа завершены, токены API отозваны, ссылка на календарь отключена.")
        })

    static let assignments = ActionForm<AssignmentsInput>(
        title: "Закреплённые наставляемые тьютора", submit: "Сохранить", back: back,
        initial: { req in
            let a = try await AccountAdmin.require(req, try req.uuid("id"), .write)
            return AssignmentsInput(personIDs: try await TutorAssignmentRecord.query(on: req.db).filter(\.$accountID == a.id!).all(\.$personID).map(\.uuidString))
        },
        fields: { req, i in
            let a = try await AccountAdmin.require(req, try req.uuid("id"), .write)
            let options = try await a.regionID.asyncMap { try await AccountAdmin.assignable(req.db, regionID: $0) } ?? []
            return [FormField("personIDs", "Наставляемые региона", .checkboxes(options.map { ($0.0.id.uuidString, "\($0.0.fullName) — \($0.1)") }), values: i.personIDs ?? [])]
        },
        hint: "Тьютор видит и ведёт индивидуальные образовательные маршруты закреплённых за ним наставляемых.",
        perform: { req, i in
            _ = try await AccountAdmin.setAssignments(req, try req.uuid("id"), i)
            return ("/accounts/\(try req.uuid("id"))", "Закрепление сохранено.")
        })
}

extension APIController {
    static let administrationOperations: [APIOperation] = [
        APIOperation(method: .GET, path: "/accounts/{id}", summary: "Учётная запись", tag: "Учётные записи", response: .ref("Account")) { req in
            try AccountDTO(try await AccountAdmin.require(req, try req.uuid("id"), .read)).response()
        },
        APIOperation(method: .POST, path: "/accounts/{id}/active", summary: "Включить или отключить учётную запись (отключение отзывает токены)", tag: "Учётные записи", body: .ref("ActiveInput"), response: .ref("Account")) { req in
            try AccountDTO(try await AccountAdmin.setActive(req, try req.uuid("id"), try req.content.decode(ActiveInput.self))).response()
        },
        APIOperation(method: .POST, path: "/accounts/{id}/password", summary: "Задать новый пароль (сеансы входа, токены и ссылка на календарь отзываются)", tag: "Учётные записи", body: .ref("PasswordReset"), response: .ref("Account")) { req in
            try AccountDTO(try await AccountAdmin.resetPassword(req, try req.uuid("id"), try req.content.decode(PasswordReset.self))).response()
        },
        APIOperation(method: .PUT, path: "/accounts/{id}/assignments", summary: "Наставляемые, закреплённые за региональным тьютором", tag: "Учётные записи", body: .ref("AssignmentsInput"), response: .array(.uuid)) { req in
            try await AccountAdmin.setAssignments(req, try req.uuid("id"), try req.content.decode(AssignmentsInput.self)).response()
        },
        APIOperation(method: .PUT, path: "/memberships/{id}", summary: "Изменить или завершить место работы (учёбы)", tag: "Люди", body: .ref("MembershipInput"), response: .ref("Membership")) { req in
            try await PeopleService.updateMembership(req, try req.uuid("id"), try req.content.decode(MembershipInput.self)).response()
        },
    ]

    static let administrationSchemas: [String: Schema] = [
        "ActiveInput": .object([("active", .string(enumValues: ["true", "false"]))], required: ["active"]),
        "PasswordReset": .object([("password", .text)], required: ["password"]),
        "AssignmentsInput": .object([("personIDs", .array(.uuid))], required: ["personIDs"]),
    ]
}
