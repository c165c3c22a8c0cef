import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

enum APIController {
    static let prefix = "/api/v1"

    static func register(_ app: Application) throws {
        let open = app.grouped("api", "v1")
        let secured = open.grouped(RequireLoginMiddleware())
        for op in operations {
            let group = op.needsAuth ? secured : open
            let parts = op.path.split(separator: "/").map { p -> PathComponent in
                p.hasPrefix("{") ? .parameter(String(p.dropFirst().dropLast())) : .constant(String(p))
            }
            group.on(op.method, parts, body: op.upload == nil ? .collect : .collect(maxSize: ByteCount(value: uploadLimit)), use: op.handler)
        }
        open.get("openapi.json") { _ in
            let data = try JSONSerialization.data(withJSONObject: OpenAPIDocument.build(operations), options: [.sortedKeys, .prettyPrinted])
            return Response(status: .ok, headers: ["Content-Type": "application/json"], body: .init(data: data))
        }
    }

    static func page<T: Content>(_ items: [T], _ p: Pagination) -> Paged<T> {
        Paged(items: items, total: p.total, page: p.page, per: p.per)
    }

    static func personDTO(_ req: Request, _ id: UUID) async throws -> PersonDTO {
        let (p, ms) = try await Scope.requirePerson(req, id, .read)
        return PersonDTO(p, memberships: ms, today: req.today)
    }

    static let pagingQuery = [("page", "Номер страницы (с 1)"), ("per", "Строк на странице (до 200)")]
    static let baseQuery = [("q", "ФИО"), ("organisationID", "Организация"), ("subject", "Предмет")] + pagingQuery

    static let operations: [APIOperation] = foundationOperations + administrationOperations + lifecycleOperations + matchingOperations + documentOperations + monitoringOperations + communityOperations

    static let foundationOperations: [APIOperation] = [
        APIOperation(method: .POST, path: "/auth/token", summary: "Получить токен по логину и паролю", tag: "Доступ",
            body: .ref("TokenRequest"), response: .ref("TokenResponse"), needsAuth: false) { req in
            let input = try req.content.decode(TokenRequest.self)
            guard let account = try await LoginService.authenticate(req, login: input.login, password: input.password) else {
                throw Abort(.unauthorized, reason: "Неверный логин или пароль.")
            }
            let (token, record) = try await TokenAuth.issue(for: account, on: req.db)
            return try TokenResponse(token: token, expiresAt: record.expiresAt, role: account.role).response()
        },
        APIOperation(method: .DELETE, path: "/auth/token", summary: "Отозвать текущий токен", tag: "Доступ", status: 204) { req in
            if let bearer = req.headers.bearerAuthorization { try await TokenAuth.revoke(bearer.token, on: req.db) }
            return Response(status: .noContent)
        },
        APIOperation(method: .GET, path: "/tokens", summary: "Мои токены для интеграций", tag: "Доступ", response: .array(.ref("IntegrationToken"))) { req in
            try await IntegrationTokens.list(req).response()
        },
        APIOperation(method: .POST, path: "/tokens", summary: "Выдать токен для интеграции (с правами своей учётной записи; токеном API — только администратору, остальным — на странице «Моя учётная запись»)", tag: "Доступ",
            body: .ref("IntegrationTokenInput"), status: 201, response: .ref("IntegrationToken")) { req in
            try await IntegrationTokens.issue(req, try req.content.decode(IntegrationTokenInput.self)).response(.created)
        },
        APIOperation(method: .POST, path: "/tokens/{id}/revoke", summary: "Отозвать токен интеграции", tag: "Доступ", response: .ref("IntegrationToken")) { req in
            try await IntegrationTokens.revoke(req, try req.uuid("id")).response()
        },
        APIOperation(method: .GET, path: "/summary", summary: "Сводка в зоне доступа", tag: "Сводка", response: .ref("Summary")) { req in
            try await Summary.compute(req).response()
        },
        APIOperation(method: .GET, path: "/regions", summary: "Регионы в зоне доступа", tag: "Территории", response: .array(.ref("Region"))) { req in
            let actor = try req.user.actor
            var q = RegionRecord.query(on: req.db).sort(\.$name)
            if actor.role != .administrator { q = q.filter(\.$id == (actor.placement.regionID ?? UUID())) }
            return try await q.all().map(\.core).response()
        },
        APIOperation(method: .GET, path: "/municipalities", summary: "Муниципалитеты в зоне доступа", tag: "Территории", response: .array(.ref("Municipality"))) { req in
            try await HierarchyService.municipalities(req).response()
        },
        APIOperation(method: .POST, path: "/municipalities", summary: "Добавить муниципалитет", tag: "Территории", body: .ref("TerritoryInput"), status: 201, response: .ref("Municipality")) { req in
            try await HierarchyService.createMunicipality(req, try req.content.decode(TerritoryInput.self)).response(.created)
        },
        APIOperation(method: .GET, path: "/organisations", summary: "Организации в зоне доступа", tag: "Организации", response: .array(.ref("Organisation"))) { req in
            try await Lookup.visibleOrganisations(req).response()
        },
        APIOperation(method: .POST, path: "/organisations", summary: "Добавить организацию", tag: "Организации", body: .ref("OrganisationInput"), status: 201, response: .ref("Organisation")) { req in
            try await HierarchyService.saveOrganisation(req, id: nil, try req.content.decode(OrganisationInput.self)).response(.created)
        },
        APIOperation(method: .GET, path: "/organisations/{id}", summary: "Организация", tag: "Организации", response: .ref("Organisation")) { req in
            try await Scope.requireOrganisation(req, try req.uuid("id"), .read).response()
        },
        APIOperation(method: .PUT, path: "/organisations/{id}", summary: "Изменить организацию", tag: "Организации", body: .ref("OrganisationInput"), response: .ref("Organisation")) { req in
            try await HierarchyService.saveOrganisation(req, id: try req.uuid("id"), try req.content.decode(OrganisationInput.self)).response()
        },
        APIOperation(method: .GET, path: "/people", summary: "Люди в зоне доступа", tag: "Люди",
            query: [("q", "ФИО"), ("organisationID", "Организация"), ("role", "Роль в организации"), ("subject", "Предмет"), ("young", "true — только молодые специалисты")] + pagingQuery,
            response: .ref("PersonPage")) { req in
            let (rows, p) = try await PeopleService.list(req, try req.query.decode(PeopleQuery.self))
            return try page(rows.map { PersonDTO($0.0, memberships: $0.1, today: req.today) }, p).response()
        },
        APIOperation(method: .POST, path: "/people", summary: "Добавить человека с местом работы или учёбы", tag: "Люди", body: .ref("PersonForm"), status: 201, response: .ref("PersonDTO")) { req in
            let p = try await PeopleService.create(req, try req.content.decode(PersonForm.self))
            return try await personDTO(req, p.id).response(.created)
        },
        APIOperation(method: .GET, path: "/people/{id}", summary: "Карточка человека", tag: "Люди", response: .ref("PersonDTO")) { req in
            try await personDTO(req, try req.uuid("id")).response()
        },
        APIOperation(method: .PUT, path: "/people/{id}", summary: "Изменить данные человека", tag: "Люди", body: .ref("PersonInput"), response: .ref("PersonDTO")) { req in
            let id = try req.uuid("id")
            _ = try await PeopleService.update(req, id, try req.content.decode(PersonInput.self))
            return try await personDTO(req, id).response()
        },
        APIOperation(method: .POST, path: "/people/{id}/memberships", summary: "Добавить место работы или учёбы", tag: "Люди", body: .ref("MembershipInput"), status: 201, response: .ref("Membership")) { req in
            try await PeopleService.addMembership(req, try req.uuid("id"), try req.content.decode(MembershipInput.self)).response(.created)
        },
        APIOperation(method: .GET, path: "/people/{id}/consents", summary: "Согласия человека", tag: "Согласия", response: .array(.ref("Consent"))) { req in
            let id = try req.uuid("id")
            try await Scope.requirePerson(req, id, .read)
            return try await ConsentRecord.query(on: req.db).filter(\.$personID == id).sort(\.$signedOn).all().map(\.core).response()
        },
        APIOperation(method: .POST, path: "/people/{id}/consents", summary: "Зарегистрировать согласие", tag: "Согласия", body: .ref("ConsentInput"), status: 201, response: .ref("Consent")) { req in
            try await PeopleService.addConsent(req, try req.uuid("id"), try req.content.decode(ConsentInput.self)).response(.created)
        },
        APIOperation(method: .POST, path: "/consents/{id}/withdraw", summary: "Отметить отзыв согласия", tag: "Согласия", body: .ref("WithdrawInput"), response: .ref("Consent")) { req in
            try await PeopleService.withdrawConsent(req, try req.uuid("id"), try req.content.decode(WithdrawInput.self)).response()
        },
        APIOperation(method: .GET, path: "/people/{id}/audit", summary: "История изменений данных человека", tag: "Журнал", response: .array(.ref("AuditEntry"))) { req in
            let id = try req.uuid("id")
            let actor = try req.user.actor
            guard AccessPolicy.permits(actor.role, .read, .audit), actor.role.scopeLevel != .person else { throw Abort(.forbidden, reason: "Журнал изменений вам недоступен.") }
            try await Scope.requirePerson(req, id, .read)
            return try await AuditPage.entries(req.db, personID: id).map { AuditEntryDTO(at: $0.0, actor: $0.1, entity: $0.2, action: $0.3, changes: $0.4) }.response()
        },
        APIOperation(method: .GET, path: "/people/{id}/personal-data", summary: "Все данные человека в системе (152-ФЗ, ст. 14)", tag: "Люди", response: .ref("PersonalData")) { req in
            try await PersonalDataService.export(req, try req.uuid("id")).response()
        },
        APIOperation(method: .GET, path: "/mentors", summary: "База наставников", tag: "Базы",
            query: baseQuery + [("competency", "Компетенция"), ("form", "Форма наставничества"), ("training", "Статус обучения")], response: .ref("MentorPage")) { req in
            let (rows, p) = try await BasesController.mentorRows(req, try req.query.decode(BaseQuery.self))
            return try page(rows.map(\.profile), p).response()
        },
        APIOperation(method: .POST, path: "/mentors", summary: "Включить в базу наставников", tag: "Базы", body: .ref("MentorInput"), status: 201, response: .ref("MentorProfile")) { req in
            try await BaseService.saveMentor(req, id: nil, try req.content.decode(MentorInput.self)).response(.created)
        },
        APIOperation(method: .GET, path: "/mentors/{id}", summary: "Запись базы наставников", tag: "Базы", response: .ref("MentorProfile")) { req in
            try await BaseService.requireMentor(req, try req.uuid("id"), .read).response()
        },
        APIOperation(method: .PUT, path: "/mentors/{id}", summary: "Изменить запись базы наставников", tag: "Базы", body: .ref("MentorInput"), response: .ref("MentorProfile")) { req in
            try await BaseService.saveMentor(req, id: try req.uuid("id"), try req.content.decode(MentorInput.self)).response()
        },
        APIOperation(method: .GET, path: "/mentees", summary: "База наставляемых", tag: "Базы",
            query: baseQuery + [("category", "Категория (young_specialist — молодые специалисты)"), ("request", "Основной запрос")], response: .ref("MenteePage")) { req in
            let (rows, p) = try await BasesController.menteeRows(req, try req.query.decode(BaseQuery.self))
            return try page(rows.map(\.profile), p).response()
        },
        APIOperation(method: .POST, path: "/mentees", summary: "Включить в базу наставляемых", tag: "Базы", body: .ref("MenteeInput"), status: 201, response: .ref("MenteeProfile")) { req in
            try await BaseService.saveMentee(req, id: nil, try req.content.decode(MenteeInput.self)).response(.created)
        },
        APIOperation(method: .GET, path: "/mentees/{id}", summary: "Запись базы наставляемых", tag: "Базы", response: .ref("MenteeProfile")) { req in
            try await BaseService.requireMentee(req, try req.uuid("id"), .read).response()
        },
        APIOperation(method: .PUT, path: "/mentees/{id}", summary: "Изменить запись базы наставляемых", tag: "Базы", body: .ref("MenteeInput"), response: .ref("MenteeProfile")) { req in
            try await BaseService.saveMentee(req, id: try req.uuid("id"), try req.content.decode(MenteeInput.self)).response()
        },
        APIOperation(method: .GET, path: "/accounts", summary: "Учётные записи в зоне доступа", tag: "Учётные записи", response: .array(.ref("Account"))) { req in
            guard AccessPolicy.permits(try req.user.actor.role, .read, .account) else { throw Abort(.forbidden) }
            return try await AccountService.visibleAccounts(req).map(AccountDTO.init).response()
        },
        APIOperation(method: .POST, path: "/accounts", summary: "Создать учётную запись", tag: "Учётные записи", body: .ref("AccountInput"), status: 201, response: .ref("Account")) { req in
            let a = try await AccountService.create(try req.content.decode(AccountInput.self), actor: try req.user.actor, today: req.today, on: req.db, hasher: req.password.sync)
            return try AccountDTO(a).response(.created)
        },
    ]
}
