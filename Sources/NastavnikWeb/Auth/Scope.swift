import Fluent
import Foundation
import NastavnikCore
import NastavnikOffice
import NastavnikStore
import Vapor

/// Which rows a list may show to an actor.
enum Visibility: Sendable {
    case all
    case organisations([UUID])
    case persons([UUID])

    var organisationIDs: [UUID]? {
        switch self {
        case .all: nil
        case let .organisations(ids): ids
        case .persons: []
        }
    }
}

/// Turns the access policy into queries and guards. A record outside the caller's scope is «not found» (404),
/// so nobody learns that another school's person exists; a visible record the role may not change is 403.
enum Scope {
    static func visibility(_ actor: Actor, _ resource: Resource, on db: any Database) async throws -> Visibility {
        switch reach(actor, resource) {
        case .all: return .all
        case let .region(rid):
            let muns = try await MunicipalityRecord.query(on: db).filter(\.$regionID == rid).all().compactMap(\.id)
            return .organisations(try await orgIDs(inMunicipalities: muns, on: db))
        case let .municipality(mid): return .organisations(try await orgIDs(inMunicipalities: [mid], on: db))
        case let .organisations(ids): return .organisations(ids)
        case let .persons(ids): return .persons(ids)
        }
    }

    /// The same scope as `visibility`, unexpanded: a region or municipality stays one id for the query to join.
    static func reach(_ actor: Actor, _ resource: Resource) -> ScopeReach {
        guard AccessPolicy.permits(actor.role, .read, resource) else { return .organisations([]) }
        switch actor.role.scopeLevel {
        case .country: return .all
        case .region:
            if actor.role == .regionalTutor { return .persons(Array(actor.assignedPersonIDs)) }
            return actor.placement.regionID.map(ScopeReach.region) ?? .organisations([])
        case .municipality: return actor.placement.municipalityID.map(ScopeReach.municipality) ?? .organisations([])
        case .organisation: return .organisations(actor.placement.organisationID.map { [$0] } ?? [])
        case .person: return .persons(actor.personID.map { [$0] } ?? [])
        }
    }

    static func orgIDs(inMunicipalities ids: [UUID], on db: any Database) async throws -> [UUID] {
        guard !ids.isEmpty else { return [] }
        return try await OrganisationRecord.query(on: db).filter(\.$municipalityID ~~ ids).all(\.$id)
    }

    static func placement(ofOrganisation id: UUID, on db: any Database) async throws -> Placement? {
        guard let org = try await OrganisationRecord.find(id, on: db),
            let mun = try await MunicipalityRecord.find(org.municipalityID, on: db)
        else { return nil }
        return Placement(regionID: mun.regionID, municipalityID: mun.id, organisationID: id)
    }

    /// The organisation if the actor may do `action` on `resource` there; 404 when out of scope.
    @discardableResult
    static func requireOrganisation(_ req: Request, _ id: UUID, _ action: Action, _ resource: Resource = .organisation) async throws -> Organisation {
        let actor = try req.user.actor
        guard let org = try await OrganisationRecord.find(id, on: req.db), let place = try await placement(ofOrganisation: id, on: req.db),
            AccessPolicy.allows(actor, .read, resource == .organisation ? .organisation : resource, at: place)
                || (resource != .organisation && AccessPolicy.allows(actor, .read, .organisation, at: place))
        else { throw Abort(.notFound, reason: "Организация не найдена или вне вашей зоны доступа.") }
        if action == .write, !AccessPolicy.allows(actor, .write, resource, at: place) {
            throw Abort(.forbidden, reason: "Ваша роль не позволяет изменять эти данные в этой организации.")
        }
        return try org.core
    }

    /// A person with their memberships, if any of their organisations (or their own account) lets the actor act.
    static func requirePerson(_ req: Request, _ id: UUID, _ action: Action, _ resource: Resource = .person) async throws -> (Person, [Membership]) {
        let actor = try req.user.actor
        guard let record = try await PersonRecord.find(id, on: req.db) else {
            throw Abort(.notFound, reason: "Человек не найден или вне вашей зоны доступа.")
        }
        let memberships = try await MembershipRecord.query(on: req.db).filter(\.$personID == id).all().map(\.core)
        var placements: [Placement] = []
        for orgID in Set(memberships.map(\.organisationID)) {
            if let p = try await placement(ofOrganisation: orgID, on: req.db) { placements.append(p) }
        }
        if placements.isEmpty { placements = [Placement()] }
        let check = { (a: Action) in placements.contains { AccessPolicy.allows(actor, a, resource, at: $0, personID: id) } }
        guard check(.read) else { throw Abort(.notFound, reason: "Человек не найден или вне вашей зоны доступа.") }
        if action == .write, !check(.write) {
            throw Abort(.forbidden, reason: "Ваша роль не позволяет изменять данные этого человека.")
        }
        return (record.core, memberships)
    }

    /// Organisations the actor may write `resource` in, for choosers in forms.
    static func writableOrganisations(_ req: Request, _ resource: Resource) async throws -> [Organisation] {
        let actor = try req.user.actor
        guard AccessPolicy.permits(actor.role, .write, resource) else { return [] }
        let vis = try await visibility(actor, .organisation, on: req.db)
        var q = OrganisationRecord.query(on: req.db).sort(\.$shortName)
        if let ids = vis.organisationIDs { q = q.filter(\.$id ~~ ids) }
        return try await q.all().map { try $0.core }
    }
}

/// The menu, grouped by task (issue 23: eleven items wrapped to three lines and were cut off at 375 px), each group
/// holding what the role may read; a group of one is a plain link, an empty group is left out.
enum Navigation {
    static func items(_ user: CurrentUser) -> [NavItem] {
        let role = user.actor.role
        let may = { (resource: Resource) in AccessPolicy.permits(role, .read, resource) }
        let person = role.scopeLevel == .person
        let org = user.actor.placement.organisationID
        let importer = RouteAccess.importers.permits(role)
        var items: [NavItem?] = [NavItem("/", "Главная")]
        if person {
            items.append(NavItem("/my", "Моё наставничество"))
            if let pid = user.actor.personID { items.append(NavItem("/people/\(pid)", "Мои данные")) }
        }
        items.append(NavItem.group("Люди и базы", [
            (!person && may(.person), "/people", "Люди"),
            (!person && may(.mentorBase), "/mentors", "База наставников"),
            (!person && may(.menteeBase), "/mentees", "База наставляемых"),
            // A mentor or a mentee sees their own entry in the base (its page shows theirs only).
            (person && role == .mentor && may(.mentorBase), "/mentors", "Моя запись в базе"),
            (person && role == .mentee && may(.menteeBase), "/mentees", "Моя запись в базе"),
            (may(.organisation), "/organisations", "Организации"),
            (importer, "/imports", "Загрузить из файла"),
        ]))
        items.append(NavItem.group("Пары", [
            (!person && may(.mentorship), "/mentorships", "Пары и группы"),
            (may(.matching), "/matching", "Подбор пар"),
            (role == .regionalTutor || role == .municipalCoordinator || role == .regionalOperator, "/routes", "Маршруты"),
        ]))
        if may(.monitoring) { items.append(NavItem("/indicators", "Мониторинг")) }
        items.append(NavItem.group("Документы", [
            (org != nil && may(.localAct), org.map { "/organisations/\($0)/documents" } ?? "", "Документы организации"),
            (org != nil && may(.organisation) && !person, org.map { "/organisations/\($0)/roadmap" } ?? "", "Дорожная карта"),
            // Templates handed down by the municipality and the region, which the schools' documents follow.
            (may(.documentTemplate), "/templates", "Шаблоны документов"),
        ]))
        // The bank, contests, mentor school, pool and recognition share one hub.
        if !CommunityHubController.sections(role).isEmpty { items.append(NavItem("/community", "Сообщество")) }
        items.append(NavItem.group("Управление", [
            (may(.account), "/accounts", "Учётные записи"),
            (may(.audit) && !person, "/audit", "Журнал изменений"),
            (role == .administrator, "/mail", "Почтовые напоминания"),
        ]))
        return items.compactMap { $0 }
    }
}

/// A menu entry: a link, or a named group of links.
public struct NavItem: Sendable {
    public var label: String
    public var href: String?
    public var children: [(href: String, label: String)]

    public init(_ href: String, _ label: String) {
        self.label = label
        self.href = href
        children = []
    }

    init(group label: String, _ children: [(href: String, label: String)]) {
        self.label = label
        href = nil
        self.children = children
    }

    /// The group of the links the role may follow: nil when none, the link itself when one.
    static func group(_ label: String, _ links: [(Bool, String, String)]) -> NavItem? {
        let shown = links.filter(\.0).map { (href: $0.1, label: $0.2) }
        switch shown.count {
        case 0: return nil
        case 1: return NavItem(shown[0].href, shown[0].label)
        default: return NavItem(group: label, shown)
        }
    }

}

extension Request {
    /// The page context for the signed-in user.
    func page(flash: String? = nil) throws -> PageContext {
        let u = try user
        let f = flash ?? session.data["flash"]
        session.data["flash"] = nil
        return PageContext(userName: u.fullName, roleLabel: u.actor.role.label, csrf: csrfToken, nav: Navigation.items(u), flash: f, current: url.path)
    }

    func html(_ s: String, status: HTTPResponseStatus = .ok) -> Response {
        Response(status: status, headers: ["Content-Type": "text/html; charset=utf-8"], body: .init(string: s))
    }

    /// A download; the file name may be Cyrillic (RFC 6266 / 5987).
    func download(_ data: Data, name: String, type: DownloadType) -> Response {
        let ascii = name.unicodeScalars.allSatisfy(\.isASCII) ? name : "download.\(type.rawValue)"
        return Response(status: .ok, headers: [
            "Content-Type": type.contentType,
            "Content-Disposition": "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(percentEncode(name))",
        ], body: .init(data: data))
    }

    /// A stored file (an uploaded scan, a generated document) as a download; its media type by its extension
    /// (the uploader's own type is not trusted: see `uploadedFile`).
    func storedFile(_ id: UUID?, missing: String) async throws -> Response {
        guard let id, let f = try await StoredFileRecord.find(id, on: db) else { throw Abort(.notFound, reason: missing) }
        return uploadedFile(f)
    }

    /// A list as the file its «Скачать» link asked for: `format=xlsx` gives Excel, anything else CSV.
    /// `name` comes without an extension.
    func export(_ table: CSVTable, name: String) throws -> Response {
        if query[String.self, at: "format"] == "xlsx" {
            let sheet = XLSXSheet(name: name, headers: table.headers, rows: table.rows.map { $0.map(XLSXCell.typed) })
            return download(try XLSXWriter.data([sheet]), name: "\(name).xlsx", type: .xlsx)
        }
        return download(Data(table.encoded().utf8), name: "\(name).csv", type: .csv)
    }

    /// «Скачать XLSX» and «Скачать CSV» links that keep the current filters.
    var exportLinks: [Node] {
        let q = url.query.map { $0.split(separator: "&").filter { !$0.hasPrefix("page=") && !$0.hasPrefix("format=") }.joined(separator: "&") } ?? ""
        let base = url.path + "?" + (q.isEmpty ? "" : q + "&") + "format="
        return [link(base + "xlsx", "Скачать XLSX", class: "btn"), link(base + "csv", "Скачать CSV", class: "btn")]
    }

    /// Redirect after a successful POST, with a message for the next page.
    func done(_ to: String, _ message: String) -> Response {
        session.data["flash"] = message
        return redirect(to: to, redirectType: .normal)
    }

    /// A query value given as a list: `key=a&key=b`, `key[]=a&key[]=b` (checkboxes) or `key=a,b`.
    func queryList(_ key: String) -> [String] {
        let raw = (try? query.get([String].self, at: key)) ?? query[String.self, at: key].map { [$0] } ?? []
        return raw.flatMap { $0.split(separator: ",") }.map { String($0).trimmed }.filter { !$0.isEmpty }
    }

    func uuid(_ name: String) throws -> UUID {
        guard let s = parameters.get(name), let id = UUID(uuidString: s) else {
            throw Abort(.notFound, reason: "Запись не найдена: неверный идентификатор.")
        }
        return id
    }
}

enum DownloadType: String {
    case csv, xlsx, docx
    var contentType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        }
    }
}

extension XLSXCell {
    /// A list cell as the spreadsheet should hold it: a Russian date as a date, a plain integer as a number.
    static func typed(_ s: String) -> XLSXCell {
        if s.count == 10, let d = Day(s), s.contains(".") { return .date(year: d.year, month: d.month, day: d.day) }
        if !s.isEmpty, s.count < 10, !s.hasPrefix("0") || s == "0", let n = Int(s) { return .integer(n) }
        return .text(s)
    }
}
