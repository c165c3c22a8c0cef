import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

struct AccountInput: Content {
    var login: String?
    var password: String?
    var role: String?
    var fullName: String?
    /// The node the role is bound to: a region, municipality or organisation id (none for an administrator).
    var scopeID: String?
    /// For mentor and mentee accounts: their person.
    var personID: String?
}

struct PasswordChange: Content {
    var current: String?
    var new: String?
}

enum AccountService {
    /// Creates an account; used by the page, the API and `nastavnik user create` (with `actor == nil`).
    static func create(_ input: AccountInput, actor: Actor?, today: Day, on db: any Database, hasher: any PasswordHasher) async throws -> AccountRecord {
        var issues: [FieldIssue] = []
        let login = input.login.nonBlank?.lowercased()
        if !(login?.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) } ?? false) {
            issues.append(.init("login", "Логин: латинские буквы, цифры, точка, дефис или подчёркивание."))
        }
        issues += PasswordPolicy.validate(input.password ?? "")
        let role = input.role.nonBlank.flatMap(Role.parse)
        if role == nil { issues.append(.init("role", "Укажите роль.")) }
        if input.fullName.nonBlank == nil { issues.append(.init("fullName", "Укажите ФИО владельца учётной записи.")) }
        try ValidationError.check(issues)
        guard let login, let role, let fullName = input.fullName.nonBlank, let password = input.password else { throw ValidationError(issues) }
        if try await AccountQueries.loginTaken(db, login) {
            throw ValidationError("login", "Логин «\(login)» уже занят.")
        }
        let (placement, personID) = try await resolveScope(role, scopeID: input.scopeID, personID: input.personID, on: db)
        if let actor, !AccessPolicy.mayGrant(actor, role: role, at: placement) {
            throw Abort(.forbidden, reason: "Вы не можете выдать роль «\(role.label)» в этой части системы.")
        }
        // The person bound to a staff account works (studies) within its zone (issue 22, finding 6: a director bound
        // a new account to another school's teacher and read their route through the calendar). Checked after the
        // right to grant, so that nobody learns where a person outside their own zone works.
        if let personID, role.scopeLevel != .person, !(try await works(personID, within: placement, on: today, db)) {
            throw ValidationError("personID", "Привязать можно только человека, который сейчас работает (учится) \(zoneText(placement)).")
        }
        let account = AccountRecord(login: login, passwordHash: try hasher.hash(password), role: role, fullName: fullName, placement: placement, personID: personID)
        try await account.create(on: db)
        return account
    }

    /// Completes the placement from the bound node; a personal role is placed at the person's current organisation.
    /// A person given for a regional, municipal or organisation role is bound too (`create` checks they work there).
    static func resolveScope(_ role: Role, scopeID: String?, personID: String?, on db: any Database) async throws -> (Placement, UUID?) {
        let id = scopeID.nonBlank.flatMap({ UUID(uuidString: $0) })
        func person() throws -> UUID? {
            guard let text = personID.nonBlank else { return nil }
            guard let pid = UUID(uuidString: text) else {
                throw ValidationError("personID", "Идентификатор человека указан неверно: скопируйте его из карточки человека.")
            }
            return pid
        }
        switch role.scopeLevel {
        case .country:
            return (Placement(), nil)
        case .region:
            guard let id, try await HierarchyQueries.region(db, id) != nil else { throw ValidationError("scopeID", "Укажите регион учётной записи.") }
            return (Placement(regionID: id), try person())
        case .municipality:
            guard let id, let m = try await HierarchyQueries.municipality(db, id) else { throw ValidationError("scopeID", "Укажите муниципалитет учётной записи.") }
            return (Placement(regionID: m.regionID, municipalityID: id), try person())
        case .organisation:
            guard let id, let p = try await Scope.placement(ofOrganisation: id, on: db) else { throw ValidationError("scopeID", "Укажите организацию учётной записи.") }
            return (p, try person())
        case .person:
            guard let pid = personID.nonBlank.flatMap({ UUID(uuidString: $0) }), try await AccountQueries.personExists(db, pid) else {
                throw ValidationError("personID", "Для наставника и наставляемого укажите человека из базы.")
            }
            let orgID = try await AccountQueries.latestOrganisationID(db, person: pid)
            let p = try await orgID.asyncMap { try await Scope.placement(ofOrganisation: $0, on: db) } ?? nil
            return (p ?? Placement(), pid)
        }
    }

    /// Whether the person has a membership current on `day` in an organisation within `place`.
    static func works(_ personID: UUID, within place: Placement, on day: Day, _ db: any Database) async throws -> Bool {
        let current = try await AccountQueries.memberships(db, person: personID).filter { $0.period.contains(day) }
        for m in current {
            guard let p = try await Scope.placement(ofOrganisation: m.organisationID, on: db) else { continue }
            if let org = place.organisationID {
                if p.organisationID == org { return true }
            } else if let mun = place.municipalityID {
                if p.municipalityID == mun { return true }
            } else if let region = place.regionID {
                if p.regionID == region { return true }
            }
        }
        return false
    }

    static func zoneText(_ place: Placement) -> String {
        if place.organisationID != nil { return "в выбранной организации" }
        if place.municipalityID != nil { return "в организации выбранного муниципалитета" }
        return "в организации выбранного региона"
    }

    static func visibleAccounts(_ req: Request) async throws -> [AccountRecord] {
        let actor = try req.user.actor
        let all = try await AccountQueries.all(req.db)
        return all.filter { AccessPolicy.allows(actor, .read, .account, at: $0.placement, personID: $0.personID) }
    }
}

struct AccountsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("accounts", use: index)
        routes.get("accounts", "new", use: new)
        routes.post("accounts", "new", use: create)
        routes.get("account", use: me)
        routes.post("account", "password", use: changePassword)
        routes.post("account", "tokens", use: issueToken)
        routes.post("account", "tokens", ":id", "revoke", use: revokeToken)
    }

    @Sendable func index(req: Request) async throws -> Response {
        let actor = try req.user.actor
        guard AccessPolicy.permits(actor.role, .read, .account) else { throw Abort(.forbidden) }
        let rows: [[Node]] = try await AccountService.visibleAccounts(req).map { a in
            [link("/accounts/\(a.id!)", a.login), .text(a.fullName), .text(try a.roleValue.label), .text(a.active ? "да" : "нет")]
        }
        let html = Layout.page(try req.page(), title: "Учётные записи", actions: AccessPolicy.permits(actor.role, .write, .account) ? [link("/accounts/new", "Создать учётную запись", class: "btn primary")] : []) {
            Layout.table(["Логин", "ФИО", "Роль", "Активна"], rows)
        }
        return req.html(html)
    }

    @Sendable func new(req: Request) async throws -> Response {
        try await form(req, AccountInput(), issues: [])
    }

    func form(_ req: Request, _ input: AccountInput, issues: [FieldIssue], status: HTTPResponseStatus = .ok) async throws -> Response {
        let actor = try req.user.actor
        guard AccessPolicy.permits(actor.role, .write, .account) else { throw Abort(.forbidden, reason: "Ваша роль не позволяет создавать учётные записи.") }
        let roles = Role.allCases.filter { actor.role == .administrator || $0 != .administrator }
        var nodes: [(String, String)] = []
        if actor.role == .administrator {
            nodes += try await HierarchyQueries.regions(req.db).map { ($0.id.uuidString, "Регион: \($0.name)") }
        } else if let r = actor.placement.regionID, actor.role.scopeLevel == .region {
            nodes += try await HierarchyQueries.regions(req.db, only: r).map { ($0.id.uuidString, "Регион: \($0.name)") }
        }
        nodes += try await HierarchyService.municipalities(req).filter { m in actor.role.scopeLevel != .organisation }.map { ($0.id.uuidString, "Муниципалитет: \($0.name)") }
        nodes += try await Scope.writableOrganisations(req, .account).map { ($0.id.uuidString, $0.shortName) }
        let fields = [
            FormField("login", "Логин", value: input.login, required: true),
            FormField("password", "Пароль", .password, required: true, hint: "Не короче 10 символов, буквы и цифры"),
            FormField("fullName", "ФИО", value: input.fullName, required: true),
            FormField("role", "Роль", .select(roles.map { ($0.rawValue, $0.label) }, blank: "— выберите —"), value: input.role, required: true),
            FormField("scopeID", "Зона доступа", .select(nodes, blank: "— для администратора не нужна —"), value: input.scopeID, hint: "Регион, муниципалитет или организация — по уровню роли"),
            FormField("personID", "Идентификатор человека", value: input.personID,
                hint: "Для наставника и наставляемого — обязательно; для сотрудника — если нужно, человек, который сейчас работает в зоне доступа учётной записи"),
        ]
        let html = Layout.page(try req.page(), title: "Новая учётная запись", breadcrumbs: [("Учётные записи", "/accounts")]) {
            Forms.form(action: "/accounts/new", csrf: req.csrfToken, fields: fields, issues: issues, submit: "Создать", cancel: "/accounts")
        }
        return req.html(html, status: status)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = try req.content.decode(AccountInput.self)
        do {
            let a = try await AccountService.create(input, actor: try req.user.actor, today: req.today, on: req.db, hasher: req.password.sync)
            return req.done("/accounts", "Учётная запись «\(a.login)» создана.")
        } catch let v as ValidationError {
            return try await form(req, input, issues: v.issues, status: .unprocessableEntity)
        }
    }

    @Sendable func me(req: Request) async throws -> Response {
        try await mePage(req, issues: [])
    }

    func mePage(_ req: Request, issues: [FieldIssue], tokenIssues: [FieldIssue] = [], issued: IntegrationTokenDTO? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let u = try req.user
        let tokens = try await IntegrationTokens.list(req)
        let csrf = req.csrfToken
        let html = Layout.page(try req.page(), title: "Моя учётная запись") {
            Layout.section("Сведения") { Layout.facts([("Логин", u.login), ("ФИО", u.fullName), ("Роль", u.actor.role.label), ("Уровень", u.actor.role.scopeLevel.label)]) }
            Layout.section("Напоминания", actions: [link("/account/reminders", "Настроить напоминания", class: "btn")]) {
                el("p", ["class": "muted"]) { "Какие напоминания приходят по электронной почте — о встрече накануне, с приглашением для календаря — и как: отдельным письмом или в ежедневной сводке." }
                if RemindersController.channelRoles.contains(u.actor.role) { link("/account/reminders/channel", "Напоминания обучающимся вашей школы") }
            }
            Layout.section("Сменить пароль") {
                Forms.form(action: "/account/password", csrf: req.csrfToken, fields: [
                    FormField("current", "Текущий пароль", .password, required: true),
                    FormField("new", "Новый пароль", .password, required: true, hint: "Не короче 10 символов, буквы и цифры"),
                ], issues: issues, submit: "Сменить пароль")
            }
            Layout.section("Токены для интеграций") {
                el("p", ["class": "muted"]) {
                    "Токен даёт внешней системе доступ к API (/api/v1) с правами этой учётной записи — той же ролью и в той же зоне. Выпускается только здесь, после входа по паролю, и показывается один раз; отключение учётной записи или смена пароля отзывает все токены."
                }
                if let issued, let token = issued.token {
                    el("div", ["class": "alert success", "role": "status"]) {
                        el("p") { "Токен «\(issued.label)» выдан до \(Format.dateTime(issued.expiresAt)). Скопируйте его сейчас — больше он показан не будет:" }
                        el("pre") { token }
                    }
                }
                Layout.table(["Название", "Выдан", "Действует до", ""], tokens.map { t in
                    [.text(t.label), .text(t.createdAt.map(Format.dateTime) ?? "—"), .text(t.revoked ? "отозван или истёк" : Format.dateTime(t.expiresAt)),
                     t.revoked ? .empty : postButton("/account/tokens/\(t.id)/revoke", "Отозвать", csrf: csrf, tone: "danger")]
                }, empty: "Токенов для интеграций нет.")
                Forms.form(action: "/account/tokens", csrf: csrf, fields: [
                    FormField("label", "Для какой системы", required: true, hint: "Например: «1С: выгрузка кадров»"),
                    FormField("days", "Срок действия, дней", .number, value: "30", hint: "От 1 до \(IntegrationTokens.maxDays)"),
                ], issues: tokenIssues, submit: "Выдать токен")
            }
        }
        return req.html(html, status: status)
    }

    @Sendable func issueToken(req: Request) async throws -> Response {
        do {
            let dto = try await IntegrationTokens.issue(req, try req.content.decode(IntegrationTokenInput.self))
            return try await mePage(req, issues: [], issued: dto, status: .created)
        } catch let v as ValidationError {
            return try await mePage(req, issues: [], tokenIssues: v.issues, status: .unprocessableEntity)
        }
    }

    @Sendable func revokeToken(req: Request) async throws -> Response {
        let t = try await IntegrationTokens.revoke(req, try req.uuid("id"))
        return req.done("/account", "Токен «\(t.label)» отозван.")
    }

    @Sendable func changePassword(req: Request) async throws -> Response {
        let input = try req.content.decode(PasswordChange.self)
        let u = try req.user
        guard let account = try await AccountQueries.find(req.db, u.accountID) else { throw Abort(.unauthorized) }
        guard let current = input.current, try req.password.verify(current, created: account.passwordHash) else {
            return try await mePage(req, issues: [.init("current", "Текущий пароль введён неверно.")], status: .unprocessableEntity)
        }
        let issues = PasswordPolicy.validate(input.new ?? "").map { FieldIssue("new", $0.message) }
        guard issues.isEmpty else { return try await mePage(req, issues: issues, status: .unprocessableEntity) }
        account.passwordHash = try req.password.hash(input.new!)
        // A new password ends what the old one opened: the other browser sessions, every token (the integrations'
        // too) and the calendar link; the session it is changed in stays (issue 22, finding 7).
        let here = req.session.id
        try await req.db.transaction { db in
            try await account.save(on: db)
            try await AccountAdmin.endAccess(db, try account.requireID(), keeping: here)
        }
        return req.done("/account", "Пароль изменён. Другие сеансы входа завершены, токены API отозваны, прежняя ссылка на календарь отключена.")
    }
}
