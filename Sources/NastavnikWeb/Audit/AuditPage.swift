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
    static func table(_ entries: [Entry], people: [UUID: Person]? = nil) -> Node {
        Layout.table(["Когда", "Кто"] + (people == nil ? [] : ["О ком"]) + ["Что", "Изменения"], entries.map { at, actor, entity, action, changes, person in
            let about: [Node] = people.map { names in
                [person.flatMap { id in names[id].map { link("/people/\(id)", $0.fullName) } } ?? .text("—")]
            } ?? []
            return [.text(formatter.string(from: at)), .text(actor)] + about + [
                .text("\(entity): \(action)"),
                el("ul", ["class": "changes"]) {
                    changes.map { c in el("li") { "\(c.field): \(c.old ?? "—") → \(c.new ?? "—")" } }
                },
            ]
        }, empty: "Изменений пока нет.")
    }
}

struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("audit", use: index)
    }

    /// The trail of people in the caller's scope, newest first.
    @Sendable func index(req: Request) async throws -> Response {
        let actor = try req.user.actor
        guard AccessPolicy.permits(actor.role, .read, .audit), actor.role.scopeLevel != .person else {
            throw Abort(.forbidden, reason: "Журнал изменений доступен кураторам, руководителям и координаторам.")
        }
        let entries: [AuditPage.Entry]
        switch try await Scope.visibility(actor, .audit, on: req.db) {
        case .all: entries = try await AuditPage.entries(req.db)
        case let .organisations(ids):
            let people = try await MembershipRecord.query(on: req.db).filter(\.$organisationID ~~ ids).all(\.$personID)
            entries = try await AuditPage.entries(req.db, personIDs: Array(Set(people)))
        case let .persons(ids): entries = try await AuditPage.entries(req.db, personIDs: ids)
        }
        let ids = Array(Set(entries.compactMap(\.5)))
        let people = Dictionary(uniqueKeysWithValues: try await MentorshipStore.find(PersonRecord.self, req.db, ids: ids).map { ($0.core.id, $0.core) })
        let html = Layout.page(try req.page(), title: "Журнал изменений персональных данных") {
            el("p", ["class": "muted"]) { "Последние 200 изменений в вашей зоне доступа. Записи журнала не изменяются и не удаляются." }
            AuditPage.table(entries, people: people)
        }
        return req.html(html)
    }
}
