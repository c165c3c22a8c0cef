import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// The mentor school in the UI: events, enrolment, completion with certificates, the checklist of difficulties.
struct TrainingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("trainings", use: list)
        routes.post("trainings", "needs", use: saveNeed)
        routes.get("trainings", ":id", use: card)
        routes.post("trainings", ":id", "enrol", use: enrol)
        routes.post("enrolments", ":en", "complete", use: complete)
        routes.post("enrolments", ":en", "checklist", use: checklist)
        ActionForm<TrainingInput>(
            title: "Новое мероприятие школы наставников", submit: "Сохранить", back: { _ in ("Школа наставников", "/trainings") },
            initial: { req in TrainingInput(hours: FlexibleInt(8), organiser: try req.user.fullName, capacity: FlexibleInt(25)) },
            fields: { _, i in
                [
                    FormField("title", "Название", value: i.title, required: true),
                    .choice("format", "Формат", TrainingFormat.self, value: i.format, blank: nil, required: true),
                    FormField("hours", "Объём, часов", .number, value: i.hours?.value.map(String.init), required: true),
                    FormField("start", "Начало", .date, value: i.start, required: true),
                    FormField("end", "Окончание", .date, value: i.end),
                    FormField("organiser", "Организатор", value: i.organiser, required: true),
                    FormField("capacity", "Мест", .number, value: i.capacity?.value.map(String.init), required: true),
                    FormField("description", "Программа, место проведения", .textarea, value: i.description),
                ]
            },
            perform: { req, input in
                let e = try await TrainingService.create(req, input)
                return ("/trainings/\(e.id)", "Мероприятие «\(e.title)» добавлено.")
            }
        ).register(routes, ["trainings", "new"])
    }

    @Sendable func list(req: Request) async throws -> Response {
        let events = try await TrainingService.list(req)
        let actor = try req.user.actor
        let mayAdd = RouteAccess.trainingOrganisersOfEvents.permits(actor.role)
        let mine = events.filter { CommunityScope.mayOrganise(actor, .training, TrainingService.node($0)) }
        let all = try await MentorshipStore.all(EnrolmentRecord.self, req.db, \.$eventID, in: mine.map(\.id))
        let agg = TrainingRules.difficulties(all)
        let needs = mayAdd ? try await TrainingService.needs(req) : nil
        let myNeed = actor.role == .mentor ? try await TrainingService.myNeed(req) : nil
        let html = Layout.page(try req.page(), title: "Школа наставников", actions: mayAdd ? [link("/trainings/new", "Добавить мероприятие", class: "btn primary")] : []) {
            if actor.role == .mentor { Self.needForm(req, myNeed) }
            Layout.table(["Мероприятие", "Формат", "Даты", "Часов", "Организатор"], events.map { e in
                [link("/trainings/\(e.id)", e.title), .text(e.format.label), .text(e.period.russian), .text("\(e.hours)"), .text(e.organiser)]
            }, empty: "Мероприятий пока нет.")
            if agg.checklists > 0 { Self.difficulties(agg.checklists, agg.counts, title: "Затруднения наставников по чек-листам ваших мероприятий") }
            if let needs, needs.answers > 0 {
                Self.difficulties(needs.answers, needs.topics.map { ($0.difficulty, $0.mentors) }, title: "Потребности в обучении по анкетам наставников")
            }
        }
        return req.html(html)
    }

    static func needForm(_ req: Request, _ mine: TrainingNeed?) -> Node {
        Layout.section("Анкета потребностей в обучении") {
            el("form", ["method": "post", "action": "/trainings/needs", "class": "form"]) {
                void("input", ["type": "hidden", "name": "csrf", "value": req.csrfToken])
                Forms.field(.many("topics", "Чему вы хотели бы научиться", MentorDifficulty.self, values: mine?.topics.map(\.rawValue) ?? []), issue: nil)
                Forms.field(.choice("preferredFormat", "Удобный формат", TrainingFormat.self, value: mine?.preferredFormat?.rawValue, blank: "любой"), issue: nil)
                Forms.field(FormField("note", "Своими словами", .textarea, value: mine?.note), issue: nil)
                el("button", ["type": "submit", "class": "btn primary"]) { mine == nil ? "Отправить" : "Обновить ответ от \(mine!.date.russian)" }
            }
        }
    }

    @Sendable func saveNeed(req: Request) async throws -> Response {
        do {
            _ = try await TrainingService.saveNeed(req, try req.content.decode(NeedInput.self))
            return req.done("/trainings", "Спасибо! Организаторы школы наставников учтут ваш ответ.")
        } catch let v as ValidationError {
            return req.done("/trainings", v.summary)
        }
    }

    static func difficulties(_ checklists: Int, _ counts: [(MentorDifficulty, Int)], title: String) -> Node {
        Layout.section(title) {
            el("p", ["class": "muted"]) { "Заполнено чек-листов: \(checklists). По ним планируются следующие мероприятия." }
            Layout.table(["Затруднение", "Наставников", "Доля"], counts.map { d, n in
                [.text(d.label), .text("\(n)"), .text(RussianNumber.percent(Double(n) / Double(checklists) * 100))]
            })
        }
    }

    @Sendable func card(req: Request) async throws -> Response {
        let e = try await TrainingService.require(req, try req.uuid("id"))
        return req.html(try await Self.cardPage(req, e, issues: []))
    }

    static func cardPage(_ req: Request, _ e: TrainingEvent, issues: [FieldIssue]) async throws -> String {
        let v = try await TrainingService.view(req, e)
        let actor = try req.user.actor
        let csrf = req.csrfToken
        let selfEnrolled = v.enrolments.contains { $0.enrolment.personID == actor.personID }
        var candidates: [Person] = []
        // Only a role that may enrol others is offered the form (a psychologist saw it and got 403 — the form walk).
        if actor.role.scopeLevel == .organisation, AccessPolicy.permits(actor.role, .write, .training), let org = actor.placement.organisationID {
            let ids = try await MentorProfileRecord.query(on: req.db).filter(\.$organisationID == org).all().map(\.personID)
            let enrolled = Set(v.enrolments.map(\.enrolment.personID))
            candidates = try await MentorshipStore.people(req.db, ids.filter { !enrolled.contains($0) }).values.sorted { $0.fullName < $1.fullName }
        }
        return Layout.page(try req.page(), title: e.title, breadcrumbs: [("Школа наставников", "/trainings")]) {
            Forms.errorSummary(issues)
            Layout.facts([("Формат", e.format.label), ("Даты", e.period.russian), ("Объём", "\(e.hours) ч"), ("Организатор", e.organiser),
                          ("Свободных мест", "\(v.places) из \(e.capacity)")])
            if !e.description.isEmpty { el("p") { e.description } }
            if actor.role == .mentor && !selfEnrolled && v.places > 0 && req.today <= e.end {
                postButton("/trainings/\(e.id)/enrol", "Записаться", csrf: csrf, tone: "primary")
            }
            if !candidates.isEmpty && v.places > 0 && req.today <= e.end {
                el("form", ["method": "post", "action": "/trainings/\(e.id)/enrol", "class": "form compact"]) {
                    void("input", ["type": "hidden", "name": "csrf", "value": csrf])
                    Forms.field(FormField("personID", "Записать наставника", .select(candidates.map { ($0.id.uuidString, $0.fullName) }, blank: nil)), issue: nil)
                    el("button", ["type": "submit", "class": "btn small primary"]) { "Записать" }
                }
            }
            Layout.section("Участники") {
                Layout.table(["ФИО", "Организация", "Записан", "Обучение", ""], v.enrolments.map { line in
                    let en = line.enrolment
                    return [.text(line.name), .text(line.organisation), .text(en.enrolledOn.russian),
                            .text(en.completedOn.map { "завершено \($0.russian), сертификат № \(en.certificateNumber ?? "")" } ?? "записан"),
                            Self.rowAction(req, v, en, actor: actor)]
                }, empty: "Записавшихся нет.")
            }
            if let n = v.checklists, let counts = v.difficulties, n > 0 {
                Self.difficulties(n, counts.map { ($0.difficulty, $0.mentors) }, title: "Затруднения по чек-листам участников")
            }
        }
    }

    static func rowAction(_ req: Request, _ v: TrainingView, _ en: Enrolment, actor: Actor) -> Node {
        if v.mayOrganise && en.completedOn == nil {
            return inlineTextForm("/enrolments/\(en.id)/complete", name: "certificateNumber", label: "Номер сертификата", placeholder: "№ сертификата",
                                  submit: "Обучение завершено", csrf: req.csrfToken, id: "cert-\(en.id)")
        }
        if actor.personID == en.personID && en.completedOn != nil {
            return el("details") {
                el("summary") { en.checklistOn == nil ? "Заполнить чек-лист затруднений" : "Чек-лист заполнен \(en.checklistOn!.russian) — изменить" }
                el("form", ["method": "post", "action": "/enrolments/\(en.id)/checklist", "class": "form compact"]) {
                    void("input", ["type": "hidden", "name": "csrf", "value": req.csrfToken])
                    Forms.field(.many("difficulties", "С чем трудно в работе с наставляемым", MentorDifficulty.self, values: en.difficulties.map(\.rawValue)), issue: nil)
                    Forms.field(FormField("note", "Своими словами", .textarea, value: en.difficultyNote), issue: nil)
                    el("button", ["type": "submit", "class": "btn small primary"]) { "Отправить" }
                }
            }
        }
        return .empty
    }

    /// Runs a POST on an event and comes back to its page, or shows the problems there (422).
    func act(_ req: Request, event: UUID, _ body: @Sendable (Request) async throws -> String) async throws -> Response {
        try await req.perform(back: "/trainings/\(event)", page: { req, issues in try await Self.cardPage(req, try await TrainingService.require(req, event), issues: issues) }, body)
    }

    static func eventOf(_ req: Request) async throws -> UUID {
        guard let en = try await EnrolmentRecord.find(try req.uuid("en"), on: req.db) else { throw Abort(.notFound, reason: "Запись на обучение не найдена.") }
        return en.eventID
    }

    @Sendable func enrol(req: Request) async throws -> Response {
        try await act(req, event: try req.uuid("id")) { req in
            _ = try await TrainingService.enrol(req, try req.uuid("id"), try req.content.decode(EnrolInput.self))
            return "Наставник записан."
        }
    }

    @Sendable func complete(req: Request) async throws -> Response {
        try await act(req, event: try await Self.eventOf(req)) { req in
            let en = try await TrainingService.complete(req, try req.uuid("en"), try req.content.decode(CompleteInput.self))
            return "Обучение завершено, сертификат № \(en.certificateNumber ?? "")."
        }
    }

    @Sendable func checklist(req: Request) async throws -> Response {
        try await act(req, event: try await Self.eventOf(req)) { req in
            _ = try await TrainingService.checklist(req, try req.uuid("en"), try req.content.decode(ChecklistInput.self))
            return "Спасибо! Организатор учтёт ваши затруднения при планировании занятий."
        }
    }
}
