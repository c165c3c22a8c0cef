import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// The roadmap page of an organisation: the events by stage with their status, overdue ones marked.
struct RoadmapController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("organisations", ":id", "roadmap", use: show)
        routes.post("organisations", ":id", "roadmap", use: create)
        routes.post("roadmap-events", ":event", use: update)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let org = try await Scope.requireOrganisation(req, try req.uuid("id"), .read, .localAct)
        let year = try RoadmapService.year(req)
        let events = try await RoadmapService.events(req.db, org.id, year: year)
        let canWrite = (try? await Scope.requireOrganisation(req, org.id, .write, .localAct)) != nil
        let p = RoadmapRules.progress(events, on: req.today)
        let source = events.isEmpty ? try await RoadmapTemplateService.template(req.db, for: org).1 : nil
        if req.query[String.self, at: "format"] != nil {
            return try req.export(CSVTable(headers: ["№", "Этап", "Мероприятие", "Срок", "Ответственный", "Статус", "Выполнено", "Подтверждение"], rows: events.map { e in
                ["\(e.number)", "\(e.stage). \(e.stageTitle)", e.title, e.deadline.russian, e.responsible, Self.statusText(e, req.today), e.doneOn?.russian ?? "", e.evidence ?? ""]
            }), name: "Дорожная карта — \(org.shortName) — \(year)-\(year + 1)")
        }
        let years = [year - 1, year, year + 1].map { y in link("/organisations/\(org.id)/roadmap?year=\(y)", "\(y)/\(y + 1)", class: y == year ? "btn small primary" : "btn small") }
        let html = Layout.page(try req.page(), title: "Дорожная карта на \(year)/\(year + 1) учебный год", breadcrumbs: [("Организации", "/organisations"), (org.shortName, "/organisations/\(org.id)")],
                               actions: events.isEmpty ? years : years + req.exportLinks) {
            if events.isEmpty {
                el("p") { "Дорожной карты на этот учебный год нет. Она будет создана по шаблону: \(source ?? "")." }
                if canWrite {
                    el("form", ["method": "post", "action": "/organisations/\(org.id)/roadmap?year=\(year)"]) {
                        void("input", ["type": "hidden", "name": "csrf", "value": req.csrfToken])
                        el("button", ["type": "submit", "class": "btn primary"]) { "Создать дорожную карту" }
                    }
                }
            } else {
                el("p") {
                    "Выполнено \(p.done) из \(p.total)" + (p.share.map { " (\(RussianNumber.percent($0)))" } ?? "") + "; срок прошёл у \(p.due), из них не выполнено — "
                    el("strong") { "\(p.overdue)" }
                    "."
                }
                Self.stages(events).map { stage, items in
                    Layout.section("\(stage.0). \(stage.1)") {
                        Layout.table(["№", "Мероприятие", "Срок", "Ответственный", "Статус", ""], items.map { e in
                            [.text("\(e.number)"), el("div") { e.title; el("p", ["class": "hint"]) { "Результат: \(e.expected)" } },
                             .text(e.deadline.russian), .text(e.responsible),
                             el("div") { Self.badge(e, req.today); Self.hint(e.evidence) },
                             canWrite ? Self.form(e, req) : .empty]
                        })
                    }
                }
            }
        }
        return req.html(html)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let id = try req.uuid("id")
        let back = "/organisations/\(id)/roadmap?year=\((try? RoadmapService.year(req)) ?? RoadmapRules.schoolYear(of: req.today))"
        do {
            let events = try await RoadmapService.create(req, id)
            return req.done(back, "Дорожная карта создана: \(RussianPlural.count(events.count, .events)).")
        } catch let v as ValidationError {
            return req.done(back, v.issues.map(\.message).joined(separator: " "))
        }
    }

    @Sendable func update(req: Request) async throws -> Response {
        let input = try req.content.decode(RoadmapEventInput.self)
        let id = try req.uuid("event")
        guard let record = try await RoadmapEventRecord.find(id, on: req.db) else { throw Abort(.notFound, reason: "Мероприятие не найдено или вне вашей зоны доступа.") }
        let back = "/organisations/\(record.organisationID)/roadmap?year=\(record.schoolYear)"
        do {
            let e = try await RoadmapService.update(req, id, input)
            return req.done(back, "Мероприятие \(e.number): «\(e.status.label)».")
        } catch let v as ValidationError {
            return req.done(back, "Мероприятие \(record.number) не изменено: " + v.issues.map(\.message).joined(separator: " "))
        }
    }

    static func hint(_ text: String?) -> Node {
        guard let text else { return .empty }
        return el("p", ["class": "hint"]) { text }
    }

    static func stages(_ events: [RoadmapEvent]) -> [((Int, String), [RoadmapEvent])] {
        Dictionary(grouping: events, by: \.stage).sorted { $0.key < $1.key }.map { (($0.key, $0.value[0].stageTitle), $0.value) }
    }

    static func statusText(_ e: RoadmapEvent, _ today: Day) -> String {
        e.isOverdue(on: today) ? "просрочено (\(e.status.label))" : e.status.label
    }

    static func badge(_ e: RoadmapEvent, _ today: Day) -> Node {
        if e.isOverdue(on: today) { return Layout.badge("просрочено", "bad") }
        return Layout.badge(e.status.label, e.status == .done ? "ok" : e.status == .inProgress ? "info" : "")
    }

    /// A compact form to change one event.
    static func form(_ e: RoadmapEvent, _ req: Request) -> Node {
        el("details") {
            el("summary") { "Отметить" }
            el("form", ["method": "post", "action": "/roadmap-events/\(e.id)", "class": "form compact"]) {
                void("input", ["type": "hidden", "name": "csrf", "value": req.csrfToken])
                Forms.field(.choice("status", "Статус", RoadmapEventStatus.self, value: e.status.rawValue, blank: nil, required: true), issue: nil, idSuffix: "-\(e.number)")
                Forms.field(FormField("doneOn", "Дата выполнения", .date, value: e.doneOn?.russian ?? req.today.russian), issue: nil, idSuffix: "-\(e.number)")
                Forms.field(FormField("evidence", "Подтверждение (реквизиты, ссылка) или причина отмены", value: e.evidence), issue: nil, idSuffix: "-\(e.number)")
                el("button", ["type": "submit", "class": "btn small primary"]) { "Сохранить" }
            }
        }
    }
}
