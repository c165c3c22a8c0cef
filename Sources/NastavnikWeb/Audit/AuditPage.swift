import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

enum AuditPage {
    /// When, who, what, action, changes, and about whom (the person whose history the entry belongs to).
    typealias Entry = (Date, String, String, String, [AuditChange], UUID?)

    static func entries(_ db: any Database, personID: UUID? = nil, personIDs: [UUID]? = nil, limit: Int = 200) async throws -> [Entry] {
        var q = AuditRecord.query(on: db).sort(\.$at, .descending).limit(limit)
        if let personID { q = q.filter(\.$personID == personID) }
        if let personIDs { q = q.filter(\.$personID ~~ personIDs) }
        return try await q.all().map { ($0.at, $0.actor, AuditTrail.entityLabel($0.entity), AuditTrail.actionLabel($0.action), $0.changeList, $0.personID) }
    }

    static let formatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "ru_RU")
        f.timeZone = TimeZone(identifier: "Europe/Moscow")
        f.dateFormat = "dd.MM.yyyy HH:mm"
        return f
    }()

    /// The entries as a table; with `people` (the log of many people) a column says whom each entry is about — a pair
    /// of three is written once in each participant's history and would otherwise read as identical rows.
    static func table(_ entries: [Entry], names: [UUID: String]? = nil) -> Node {
        Layout.table(["Когда", "Кто"] + (names == nil ? [] : ["О ком"]) + ["Что", "Изменения"], entries.map { at, actor, entity, action, changes, person in
            let about: [Node] = names.map { names in
                [person.flatMap { id in names[id].map { link("/people/\(id)", $0) } } ?? .text("—")]
            } ?? []
            return [.text(formatter.string(from: at)), .text(actor)] + about + [
                .text(what(entity, action)),
                el("ul", ["class": "changes"]) {
                    changes.map { c in el("li") { change(c) } }
                },
            ]
        }, empty: "Изменений пока нет.")
    }

    /// «запись: действие», as the table and the download say it.
    static func what(_ entity: String, _ action: String) -> String { "\(entity): \(action)" }

    static func change(_ c: AuditChange) -> String { "\(c.field): \(c.old ?? "—") → \(c.new ?? "—")" }
}

/// The log's filters as the page's GET form sends them.
struct AuditQuery: Content {
    var person: String?
    var entity: String?
    var actor: String?
    var from: String?
    var to: String?
    var page: Int?
    var per: Int?
    var format: String?

    /// The filters to keep in the pager's links.
    var kept: [(String, String)] {
        [("person", person ?? ""), ("entity", entity ?? ""), ("actor", actor ?? ""), ("from", from ?? ""), ("to", to ?? ""), ("per", per.map(String.init) ?? "")]
    }
}

struct AuditController: RouteCollection {
    /// The most rows one download holds; the page says so.
    static let exportCap = 50_000
    static let title = "Журнал изменений персональных данных"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("audit", use: index)
    }

    /// The trail of people in the caller's scope, newest first, filtered by person, record kind, author and period.
    @Sendable func index(req: Request) async throws -> Response {
        let actor = try req.user.actor
        guard AccessPolicy.permits(actor.role, .read, .audit), actor.role.scopeLevel != .person else {
            throw Abort(.forbidden, reason: "Журнал изменений доступен кураторам, руководителям и координаторам.")
        }
        let q = try req.query.decode(AuditQuery.self)
        let filter: AuditQueries.Filter
        do {
            filter = try Self.filter(q, reach: Scope.reach(actor, .audit))
        } catch let v as ValidationError {
            let html = Layout.page(try req.page(), title: Self.title) { Self.filters(q, issues: v.issues) }
            return req.html(html, status: .unprocessableEntity)
        }
        let queries = AuditQueries(req.db)
        if q.format != nil {
            let (_, rows) = try await queries.page(filter, offset: 0, limit: Self.exportCap)
            return try req.export(CSVTable(headers: ["Когда", "Кто", "О ком", "Что", "Изменения"], rows: rows.map { r in
                [AuditPage.formatter.string(from: r.entry.at), r.entry.actor, r.personName ?? "—", AuditPage.what(AuditTrail.entityLabel(r.entry.entity), AuditTrail.actionLabel(r.entry.action)),
                 r.changes.map(AuditPage.change).joined(separator: "; ")]
            }), name: "Журнал изменений")
        }
        let request = try PageRequest(page: q.page, per: q.per, defaultPer: 50)
        let (total, rows) = try await queries.page(filter, offset: PageRequest.offset(page: request.page, per: request.per), limit: request.per)
        let entries: [AuditPage.Entry] = rows.map { r in
            (r.entry.at, r.entry.actor, AuditTrail.entityLabel(r.entry.entity), AuditTrail.actionLabel(r.entry.action), r.changes, r.entry.personID)
        }
        let people = Dictionary(rows.compactMap { r in r.personName.map { (r.entry.personID, $0) } }, uniquingKeysWith: { a, _ in a })
        let html = Layout.page(try req.page(), title: Self.title, actions: req.exportLinks) {
            el("p", ["class": "muted"]) {
                "Изменения в вашей зоне доступа, новые сверху. Записи журнала не изменяются и не удаляются. В файл выгружается не более 50 000 записей, подходящих под фильтр."
            }
            Self.filters(q, issues: [])
            AuditPage.table(entries, names: people)
            Pagination(request, total: total).render(path: "/audit", query: q.kept)
        }
        return req.html(html)
    }

    static func filters(_ q: AuditQuery, issues: [FieldIssue]) -> Node {
        let kinds = AuditLabels.entities.sorted { $0.value < $1.value }.map { (value: $0.key, label: $0.value) }
        return Forms.filters(action: "/audit", fields: [
            FormField("person", "О ком (ФИО)", value: q.person),
            FormField("entity", "Запись", .select(kinds, blank: "Все"), value: q.entity),
            FormField("actor", "Кто изменил", value: q.actor),
            FormField("from", "С", .date, value: q.from),
            FormField("to", "По", .date, value: q.to),
        ], issues: issues)
    }

    /// The query's filter, or a 422 naming the date that is unreadable, out of range, or after the end of the period.
    static func filter(_ q: AuditQuery, reach: ScopeReach) throws -> AuditQueries.Filter {
        var issues: [FieldIssue] = []
        func day(_ field: String, _ text: String?) -> Day? {
            guard let text = text.nonBlank else { return nil }
            guard let d = Day(text) else {
                issues.append(FieldIssue(field, "Дата «\(text)» не распознана: введите её как дд.мм.гггг."))
                return nil
            }
            if let issue = InputRange.issue(field, d) { issues.append(issue) }
            return d
        }
        let from = day("from", q.from), to = day("to", q.to)
        if let from, let to, from > to { issues.append(FieldIssue("to", "Конец периода \(to.russian) раньше его начала \(from.russian).")) }
        try ValidationError.check(issues)
        let entity = q.entity.nonBlank
        if let entity, AuditLabels.entities[entity] == nil { throw ValidationError([FieldIssue("entity", "Нет такого вида записей: «\(entity)».")]) }
        return AuditQueries.Filter(
            reach: reach, person: q.person.nonBlank.map(BaseService.spellings) ?? [], entity: entity,
            actor: q.actor.nonBlank.map(BaseService.spellings) ?? [], from: from.map(moscowMidnight), until: to.map { moscowMidnight($0.adding(days: 1)) })
    }

    /// The start of `day` in Moscow, the zone the log's times are shown in.
    static func moscowMidnight(_ day: Day) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Moscow") ?? TimeZone(secondsFromGMT: 3 * 3600) ?? .current
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? Date(timeIntervalSince1970: 0)
    }

}
