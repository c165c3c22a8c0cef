import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

struct OrganisationInput: Content {
    var municipalityID: String?
    var kind: String?
    var name: String?
    var shortName: String?
    var inn: String?
    var address: String?
    var website: String?
    /// дд.мм.гггг: the section «Целевая модель наставничества» published.
    var mentorshipPageSince: String?
    /// `ProgrammeApprover`: who approves programmes under the organisation's regulation; blank — the head.
    var programmeApprover: String?
}

struct TerritoryInput: Content {
    var name: String?
    var code: String?
    var regionID: String?
    /// IANA time zone of a region («Europe/Samara»); blank on creation: Moscow time.
    var timeZone: String?
}

enum HierarchyService {
    static func saveOrganisation(_ req: Request, id: UUID?, _ input: OrganisationInput) async throws -> Organisation {
        let actor = try req.user.actor
        if let id { try await Scope.requireOrganisation(req, id, .write) }
        var issues = Organisation.validate(name: input.name, shortName: input.shortName, inn: input.inn, website: input.website)
        let kind = input.kind.nonBlank.flatMap(OrganisationKind.parse)
        if kind == nil { issues.append(.init("kind", "Укажите вид организации.")) }
        let munID = input.municipalityID.nonBlank.flatMap({ UUID(uuidString: $0) })
        let mun = try await munID.asyncMap { try await HierarchyQueries.municipality(req.db, $0) } ?? nil
        if mun == nil { issues.append(.init("municipalityID", "Муниципалитет не найден: выберите его из списка.")) }
        let pageSince = input.mentorshipPageSince.nonBlank.flatMap(Day.init)
        if let issue = FieldIssue.unreadableDate("mentorshipPageSince", input.mentorshipPageSince) {
            issues.append(issue)
        } else if let d = pageSince, d > req.today {
            issues.append(.init("mentorshipPageSince", "Дата публикации \(d.russian) ещё не наступила."))
        }
        let approver = input.programmeApprover.nonBlank.flatMap(ProgrammeApprover.parse)
        if input.programmeApprover.nonBlank != nil, approver == nil {
            issues.append(.init("programmeApprover", "Выберите из списка, кто утверждает программы наставничества."))
        }
        try ValidationError.check(issues)
        let target = Placement(regionID: mun!.regionID, municipalityID: mun!.id, organisationID: id)
        guard AccessPolicy.allows(actor, .write, .organisation, at: target) else {
            throw Abort(.forbidden, reason: "Вы не можете создавать или переносить организации в этот муниципалитет.")
        }
        let org = Organisation(id: id ?? UUID(), municipalityID: mun!.id, kind: kind!, name: input.name.nonBlank!, shortName: input.shortName.nonBlank!, inn: input.inn.nonBlank, address: input.address.nonBlank, website: input.website.nonBlank, mentorshipPageSince: pageSince, programmeApprover: approver)
        try await HierarchyQueries.save(req.db, org)
        return org
    }

    static func municipalities(_ req: Request) async throws -> [Municipality] {
        let actor = try req.user.actor
        switch actor.role.scopeLevel {
        case .country: return try await HierarchyQueries.municipalities(req.db)
        case .region: return try await HierarchyQueries.municipalities(req.db, region: actor.placement.regionID ?? UUID())
        default: return try await HierarchyQueries.municipalities(req.db, only: actor.placement.municipalityID ?? UUID())
        }
    }

    static func createRegion(_ req: Request, _ input: TerritoryInput) async throws -> Region {
        guard try req.user.actor.role == .administrator else { throw Abort(.forbidden, reason: "Регионы добавляет только администратор.") }
        guard let name = input.name.nonBlank else { throw ValidationError("name", "Укажите название региона.") }
        if try await HierarchyQueries.regionNameTaken(req.db, name) {
            throw ValidationError("name", "Регион «\(name)» уже есть.")
        }
        let r = Region(name: name, code: input.code.nonBlank, timeZone: try RegionZones.validated(input.timeZone) ?? LocalTime.moscow)
        try await HierarchyQueries.create(req.db, r)
        return r
    }

    static func createMunicipality(_ req: Request, _ input: TerritoryInput) async throws -> Municipality {
        let actor = try req.user.actor
        guard let name = input.name.nonBlank else { throw ValidationError("name", "Укажите название муниципалитета.") }
        guard let rid = input.regionID.nonBlank.flatMap({ UUID(uuidString: $0) }), try await HierarchyQueries.region(req.db, rid) != nil else {
            throw ValidationError("regionID", "Регион не найден: выберите его из списка.")
        }
        guard AccessPolicy.allows(actor, .write, .territory, at: Placement(regionID: rid)) else {
            throw Abort(.forbidden, reason: "Муниципалитеты добавляют региональный оператор и администратор.")
        }
        if try await HierarchyQueries.municipalityNameTaken(req.db, region: rid, name) {
            throw ValidationError("name", "Муниципалитет «\(name)» в этом регионе уже есть.")
        }
        let m = Municipality(regionID: rid, name: name)
        try await HierarchyQueries.create(req.db, m)
        return m
    }
}

struct OrganisationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let orgs = routes.grouped("organisations")
        orgs.get(use: index)
        orgs.get("new", use: new)
        orgs.post("new", use: create)
        orgs.get(":id", use: show)
        orgs.get(":id", "edit", use: edit)
        orgs.post(":id", "edit", use: update)
        routes.get("territory", use: territory)
        routes.post("territory", "regions", use: createRegion)
        routes.post("territory", "regions", ":id", use: updateRegion)
        routes.post("territory", "municipalities", use: createMunicipality)
    }

    struct Query: Content {
        var q: String?
        var municipalityID: String?
        var kind: String?
        var page: Int?
    }

    @Sendable func index(req: Request) async throws -> Response {
        let query = try req.query.decode(Query.self)
        let request = try PageRequest(page: query.page, per: nil, defaultPer: 50)
        var orgs = try await Lookup.visibleOrganisations(req)
        if let m = query.municipalityID.nonBlank.flatMap({ UUID(uuidString: $0) }) { orgs = orgs.filter { $0.municipalityID == m } }
        if let k = query.kind.nonBlank.flatMap(OrganisationKind.parse) { orgs = orgs.filter { $0.kind == k } }
        if let t = query.q.nonBlank?.lowercased() { orgs = orgs.filter { $0.name.lowercased().contains(t) || $0.shortName.lowercased().contains(t) } }
        let muns = try await HierarchyService.municipalities(req)
        let munNames = Dictionary(uniqueKeysWithValues: muns.map { ($0.id, $0.name) })
        let pagination = Pagination(request, total: orgs.count)
        let page = orgs[pagination.rows]
        let actor = try req.user.actor
        let canCreate = RouteAccess.organisers.permits(actor.role)
        let imports = try await ImportController.links(req, [.organisations])
        let html = Layout.page(try req.page(), title: "Организации", actions: (canCreate ? [link("/organisations/new", "Добавить организацию", class: "btn primary")] : [])
            + (AccessPolicy.permits(actor.role, .read, .territory) ? [link("/territory", "Регионы и муниципалитеты", class: "btn")] : []) + imports) {
            Forms.filters(action: "/organisations", fields: [
                FormField("q", "Название", value: query.q),
                FormField("municipalityID", "Муниципалитет", .select(muns.map { ($0.id.uuidString, $0.name) }, blank: "Все"), value: query.municipalityID),
                .choice("kind", "Вид", OrganisationKind.self, value: query.kind, blank: "Все"),
            ])
            Layout.table(["Краткое наименование", "Вид", "Муниципалитет", "ИНН"], page.map { o in
                [link("/organisations/\(o.id)", o.shortName), .text(o.kind.label), .text(munNames[o.municipalityID] ?? "—"), .text(o.inn ?? "—")]
            })
            pagination.render(path: "/organisations", query: [("q", query.q ?? ""), ("municipalityID", query.municipalityID ?? ""), ("kind", query.kind ?? "")])
        }
        return req.html(html)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let org = try await Scope.requireOrganisation(req, try req.uuid("id"), .read)
        let (staff, students, mentors, mentees) = try await HierarchyQueries.counts(req.db, organisation: org.id, on: req.today)
        let mun = try await HierarchyQueries.municipality(req.db, org.municipalityID)
        let canWrite = (try? await Scope.requireOrganisation(req, org.id, .write)) != nil
        // The organisation's documents and roadmap, for those who may read its local acts.
        let actor = try req.user.actor
        let readsActs = try await Scope.placement(ofOrganisation: org.id, on: req.db).map { AccessPolicy.allows(actor, .read, .localAct, at: $0) } ?? false
        var documents = readsActs && org.kind.isEducational
            ? [link("/organisations/\(org.id)/documents", "Локальные акты", class: "btn"), link("/organisations/\(org.id)/roadmap", "Дорожная карта", class: "btn")] : []
        if PublicationRules.isPublished(org, on: req.today) { documents.append(link("/public/organisations/\(org.id)", "Публичная страница", class: "btn")) }
        let imports = try await ImportController.links(req, [.staff, .students, .mentors, .mentees], organisation: org.id)
        let html = Layout.page(try req.page(), title: org.shortName, breadcrumbs: [("Организации", "/organisations")], actions: documents + (canWrite ? [link("/organisations/\(org.id)/edit", "Изменить", class: "btn")] : [])) {
            Layout.section("Сведения") {
                Layout.facts([("Полное наименование", org.name), ("Вид", org.kind.label), ("Муниципалитет", mun?.name), ("ИНН", org.inn), ("Адрес", org.address), ("Сайт", org.website),
                                ("Раздел «Целевая модель наставничества»", org.mentorshipPageSince.map { "опубликован \($0.russian)" } ?? "не опубликован"),
                                ("Программы наставничества утверждает", org.kind.isEducational ? (org.programmeApprover ?? .director).label : nil)])
            }
            el("div", ["class": "stats"]) {
                stat("Работники", staff, "/people?organisationID=\(org.id)")
                stat("Обучающиеся", students, "/people?organisationID=\(org.id)&role=student")
                stat("В базе наставников", mentors, "/mentors?organisationID=\(org.id)")
                stat("В базе наставляемых", mentees, "/mentees?organisationID=\(org.id)")
            }
            if !imports.isEmpty {
                Layout.section("Загрузка из файла (XLSX, CSV)") { el("p") { imports } }
            }
        }
        return req.html(html)
    }

    func stat(_ label: String, _ n: Int, _ href: String) -> Node {
        el("a", ["class": "stat", "href": href]) {
            el("strong") { String(n) }
            el("span") { label }
        }
    }

    @Sendable func new(req: Request) async throws -> Response {
        try await form(req, id: nil, OrganisationInput(kind: OrganisationKind.school.rawValue), issues: [])
    }

    @Sendable func create(req: Request) async throws -> Response {
        try await save(req, id: nil)
    }

    @Sendable func edit(req: Request) async throws -> Response {
        let org = try await Scope.requireOrganisation(req, try req.uuid("id"), .write)
        return try await form(req, id: org.id, OrganisationInput(municipalityID: org.municipalityID.uuidString, kind: org.kind.rawValue, name: org.name, shortName: org.shortName, inn: org.inn, address: org.address, website: org.website, mentorshipPageSince: org.mentorshipPageSince?.russian, programmeApprover: org.programmeApprover?.rawValue), issues: [])
    }

    @Sendable func update(req: Request) async throws -> Response {
        try await save(req, id: try req.uuid("id"))
    }

    func save(_ req: Request, id: UUID?) async throws -> Response {
        let input = try req.content.decode(OrganisationInput.self)
        do {
            let org = try await HierarchyService.saveOrganisation(req, id: id, input)
            return req.done("/organisations/\(org.id)", "Организация сохранена: \(org.shortName).")
        } catch let v as ValidationError {
            return try await form(req, id: id, input, issues: v.issues, status: .unprocessableEntity)
        }
    }

    func form(_ req: Request, id: UUID?, _ input: OrganisationInput, issues: [FieldIssue], status: HTTPResponseStatus = .ok) async throws -> Response {
        let muns = try await HierarchyService.municipalities(req)
        let fields = [
            FormField("municipalityID", "Муниципалитет", .select(muns.map { ($0.id.uuidString, $0.name) }, blank: "— выберите —"), value: input.municipalityID, required: true),
            .choice("kind", "Вид организации", OrganisationKind.self, value: input.kind, blank: nil, required: true),
            FormField("name", "Полное наименование", value: input.name, required: true),
            FormField("shortName", "Краткое наименование", value: input.shortName, required: true),
            FormField("inn", "ИНН", value: input.inn),
            FormField("address", "Адрес", value: input.address),
            FormField("website", "Сайт", value: input.website, hint: "https://…"),
            FormField("mentorshipPageSince", "Раздел «Целевая модель наставничества» опубликован", .date, value: input.mentorshipPageSince, hint: "с этой даты открыта страница /public/organisations/… без входа (показатель 14 мониторинга); пусто — раздела нет"),
            .choice("programmeApprover", "Персонализированные программы утверждает", ProgrammeApprover.self, value: input.programmeApprover ?? ProgrammeApprover.director.rawValue, blank: nil,
                    hint: "как названо в положении о наставничестве организации; тот, кто отправил программу на согласование, её не утверждает"),
        ]
        let action = id.map { "/organisations/\($0)/edit" } ?? "/organisations/new"
        let html = Layout.page(try req.page(), title: id == nil ? "Новая организация" : "Изменить организацию", breadcrumbs: [("Организации", "/organisations")]) {
            Forms.form(action: action, csrf: req.csrfToken, fields: fields, issues: issues, submit: "Сохранить", cancel: "/organisations")
        }
        return req.html(html, status: status)
    }

    @Sendable func territory(req: Request) async throws -> Response {
        try await territoryPage(req, issues: [])
    }

    /// A refused form of the territory page: its problems stand next to its own fields, with what was typed kept.
    struct RefusedTerritoryForm {
        var action: String
        var input: TerritoryInput
        var issues: [FieldIssue]
    }

    func territoryPage(_ req: Request, issues: [FieldIssue], refused: RefusedTerritoryForm? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        func own(_ action: String) -> (input: TerritoryInput, issues: [FieldIssue]) {
            guard let refused, refused.action == action else { return (TerritoryInput(), []) }
            return (refused.input, refused.issues)
        }
        let (munInput, munIssues) = own("/territory/municipalities")
        let (regionInput, regionIssues) = own("/territory/regions")
        let actor = try req.user.actor
        let muns = try await HierarchyService.municipalities(req)
        let regions = try await HierarchyQueries.regions(req.db, only: actor.role == .administrator ? nil : actor.placement.regionID ?? UUID())
        let html = Layout.page(try req.page(), title: "Регионы и муниципалитеты", breadcrumbs: [("Организации", "/organisations")]) {
            Forms.errorSummary(issues)
            regions.map { r in
                Layout.section(r.name) {
                    RegionZones.zoneBlock(req, r, editable: actor.role == .administrator)
                    el("ul") { muns.filter { $0.regionID == r.id }.map { m in el("li") { link("/organisations?municipalityID=\(m.id)", m.name) } } }
                }
            }
            if AccessPolicy.permits(actor.role, .write, .territory) {
                Layout.section("Добавить муниципалитет") {
                    Forms.form(action: "/territory/municipalities", csrf: req.csrfToken, fields: [
                        FormField("regionID", "Регион", .select(regions.map { ($0.id.uuidString, $0.name) }, blank: nil), value: munInput.regionID, required: true),
                        FormField("name", "Название", value: munInput.name, required: true),
                    ], issues: munIssues, submit: "Добавить", idSuffix: "-municipality")
                }
            }
            if actor.role == .administrator {
                Layout.section("Добавить регион") {
                    Forms.form(action: "/territory/regions", csrf: req.csrfToken, fields: [FormField("name", "Название", value: regionInput.name, required: true), FormField("code", "Код субъекта", value: regionInput.code),
                                                                                             RegionZones.field(regionInput.timeZone, today: req.today)], issues: regionIssues, submit: "Добавить", idSuffix: "-region")
                }
            }
        }
        return req.html(html, status: status)
    }

    @Sendable func createRegion(req: Request) async throws -> Response {
        try await addToTerritory(req, action: "/territory/regions") { "Регион добавлен: \(try await HierarchyService.createRegion(req, $0).name)." }
    }

    /// One of the territory page's «Добавить» forms: done with its message, or the page again with the form's own
    /// problems next to its fields.
    func addToTerritory(_ req: Request, action: String, _ add: (TerritoryInput) async throws -> String) async throws -> Response {
        let input = try req.content.decode(TerritoryInput.self)
        do {
            return req.done("/territory", try await add(input))
        } catch let v as ValidationError {
            return try await territoryPage(req, issues: [], refused: .init(action: action, input: input, issues: v.issues), status: .unprocessableEntity)
        }
    }

    @Sendable func updateRegion(req: Request) async throws -> Response {
        do {
            let r = try await RegionZones.update(req, try req.uuid("id"), try req.content.decode(TerritoryInput.self))
            return req.done("/territory", "Часовой пояс региона «\(r.name)»: \(r.timeZone).")
        } catch let v as ValidationError { return try await territoryPage(req, issues: v.issues, status: .unprocessableEntity) }
    }

    @Sendable func createMunicipality(req: Request) async throws -> Response {
        try await addToTerritory(req, action: "/territory/municipalities") { "Муниципалитет добавлен: \(try await HierarchyService.createMunicipality(req, $0).name)." }
    }
}
