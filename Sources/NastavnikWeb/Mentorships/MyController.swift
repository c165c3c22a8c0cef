import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// A mentor's or mentee's own page, individual routes, and the personal calendar feed.
struct MyController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("my", use: my)
        routes.post("my", "calendar", use: issueCalendar)
        routes.get("routes", use: routesList)
        routes.get("people", ":id", "route", use: route)
        Self.newStep.register(routes, ["people", ":id", "route", "new"])
        Self.editStep.register(routes, ["route-steps", ":id", "edit"])
    }

    /// What a participant sees: pairs, next meetings, open tasks, questionnaires due.
    struct Agenda: Content {
        var mentorships: [MentorshipSummary]
        var upcomingMeetings: [Meeting]
        var openTasks: [ProgrammeTask]
        var feedbackDue: [UUID]
    }

    static func agenda(_ req: Request) async throws -> (Agenda, [BoardRow]) {
        let actor = try req.user.actor
        let rows = try await MentorshipBoard.rows(req).filter { r in
            r.file.participants.contains { $0.personID == actor.personID && $0.isCurrent } || actor.role.scopeLevel != .person
        }
        let open = rows.filter { $0.mentorship.status.isOpen }
        let today = req.today
        let windowStart = today.adding(days: -FeedbackRules.windowDays)
        let due = open.filter { r in
            r.mentorship.status == .active && !r.file.feedback.contains { $0.authorPersonID == actor.personID && $0.date >= windowStart }
        }.map(\.mentorship.id)
        let agenda = Agenda(
            mentorships: rows.map(MentorshipSummary.init),
            upcomingMeetings: open.flatMap { $0.file.meetings.filter { $0.status == .planned && $0.date >= today } }.sorted { ($0.date, $0.time) < ($1.date, $1.time) },
            openTasks: open.flatMap { $0.file.tasks.filter(\.status.isOpen) }.sorted { $0.deadline < $1.deadline },
            feedbackDue: due)
        return (agenda, rows)
    }

    @Sendable func my(req: Request) async throws -> Response {
        let user = try req.user
        guard user.actor.role.scopeLevel == .person else { return req.redirect(to: "/mentorships") }
        let (agenda, rows) = try await Self.agenda(req)
        let tasks = try await HomeTasks.participant(req, rows, feedbackDue: agenda.feedbackDue)
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.mentorship.id, $0) })
        let hasFeed = try await CalendarService.hasFeed(req)
        let fresh = CalendarLinkView.takeFresh(req)
        let zones = try await MeetingZones.forOrganisations(req.db, rows.map(\.mentorship.organisationID))
        func zone(_ m: Meeting) -> MeetingZone { byID[m.mentorshipID].flatMap { zones[$0.mentorship.organisationID] } ?? .moscow }
        let html = Layout.page(try req.page(), title: "Моё наставничество") {
            HomeTasks.section(tasks, role: user.actor.role)
            Layout.section("Мои пары и группы") { MentorshipPages.boardTable(rows, showOrganisation: false) }
            Layout.section("Ближайшие встречи") {
                Layout.table(["Дата", "Время", "Вид", "Формат", "Место", "Повестка"], agenda.upcomingMeetings.map { m in
                    [link("/mentorships/\(m.mentorshipID)", m.date.russian), .text(zone(m).time(m.time, on: m.date)), .text(m.type.label), .text(m.format.label), .text(m.place ?? "—"), .text(m.agenda)]
                }, empty: "Запланированных встреч нет.")
            }
            Layout.section("Задачи программы") {
                Layout.table(["Срок", "Задача", "Этап", "Ответственный", "Статус"], agenda.openTasks.map { t in
                    [.text(t.deadline.russian), .text(t.title), .text(t.stage.label), .text(t.responsible),
                     Layout.badge(t.isOverdue(on: req.today) ? "просрочена" : t.status.label, t.isOverdue(on: req.today) ? "bad" : "")]
                }, empty: "Открытых задач нет.")
            }
            if user.actor.role == .mentee, let pid = user.actor.personID {
                Layout.section("Индивидуальный образовательный маршрут") { link("/people/\(pid)/route", "Открыть маршрут", class: "btn small") }
            }
            CalendarLinkView.section(req, fresh: fresh, hasFeed: hasFeed)
        }
        return req.html(html)
    }

    @Sendable func issueCalendar(req: Request) async throws -> Response {
        let url = CalendarLinkView.fullURL(req, try await CalendarService.issue(req))
        guard try req.user.actor.role.scopeLevel == .person else {
            return req.done("/account", "Ваша ссылка на календарь (показывается один раз, сохраните её): \(url)")
        }
        req.session.data[CalendarLinkView.sessionKey] = url
        return req.done("/my", "Ссылка на календарь выпущена: она ниже, в разделе «Календарь».")
    }

    // MARK: routes

    @Sendable func routesList(req: Request) async throws -> Response {
        let actor = try req.user.actor
        if actor.role == .municipalCoordinator || actor.role == .regionalOperator { return try await territoryRoutes(req) }
        guard actor.role == .regionalTutor else {
            throw Abort(.forbidden, reason: "Список маршрутов — страница регионального тьютора, муниципального координатора и регионального оператора; маршрут человека открывается из его карточки.")
        }
        let people = try await MentorshipStore.people(req.db, Array(actor.assignedPersonIDs))
        let steps = try await MentorshipStore.all(RouteStepRecord.self, req.db, \.$personID, in: Array(actor.assignedPersonIDs))
        let byPerson = Dictionary(grouping: steps, by: \.personID)
        let html = Layout.page(try req.page(), title: "Индивидуальные маршруты") {
            el("p", ["class": "muted"]) { "Наставляемые, закреплённые за вами: их маршруты по профессиональным дефицитам (организация, муниципалитет, регион)." }
            Layout.table(["ФИО", "Шагов", "Выполнено", "Просрочено"], people.values.sorted { $0.fullName < $1.fullName }.map { p in
                let s = byPerson[p.id] ?? []
                return [link("/people/\(p.id)/route", p.fullName), .text("\(s.count)"), .text("\(s.filter { $0.status == .done }.count)"), .text("\(s.filter { $0.status.isOpen && $0.deadline < req.today }.count)")]
            }, empty: "За вами пока никто не закреплён.")
        }
        return req.html(html)
    }

    /// The routes of the caller's territory (municipality or region, seed 004): every mentee of its bases and
    /// everyone with route steps there, with their tutor; `tutor=none` — those who have no tutor.
    func territoryRoutes(_ req: Request) async throws -> Response {
        let orgs = try await Lookup.visibleOrganisations(req)
        let names = Dictionary(orgs.map { ($0.id, $0.shortName) }, uniquingKeysWith: { a, _ in a })
        let withoutTutor = req.query[String.self, at: "tutor"] == "none"
        let all = try await RouteQueries.overview(req.db, organisations: orgs.map(\.id), today: req.today)
        let lines = withoutTutor ? all.filter { $0.tutor == nil } : all
        let people = try await MentorshipStore.people(req.db, lines.map(\.personID))
        let rows = lines.compactMap { l in people[l.personID].map { (l, $0) } }
            .sorted { (names[$0.0.organisationID] ?? "", $0.1.fullName) < (names[$1.0.organisationID] ?? "", $1.1.fullName) }
        let html = Layout.page(try req.page(), title: "Индивидуальные маршруты") {
            el("p", ["class": "muted"]) { "Наставляемые организаций вашей территории и их маршруты по профессиональным дефицитам; без тьютора — \(all.count { $0.tutor == nil }) из \(all.count)." }
            Forms.filters(action: "/routes", fields: [
                FormField("tutor", "Тьютор", .select([("none", "без тьютора")], blank: "все"), value: withoutTutor ? "none" : nil),
            ])
            Layout.table(["ФИО", "Организация", "Региональный тьютор", "Шагов", "Выполнено", "Просрочено"], rows.map { l, p in
                [link("/people/\(p.id)/route", p.fullName), .text(names[l.organisationID] ?? "—"), .text(l.tutor ?? "без тьютора"),
                 .text("\(l.steps)"), .text("\(l.done)"), .text("\(l.overdue)")]
            }, empty: withoutTutor ? "Все наставляемые территории закреплены за тьюторами." : "Наставляемых и маршрутов на территории нет.")
        }
        return req.html(html)
    }

    @Sendable func route(req: Request) async throws -> Response {
        let id = try req.uuid("id")
        let (person, _, steps) = try await RouteService.steps(req, id)
        let canWrite = (try? await Scope.requirePerson(req, id, .write, .route)) != nil
        let levels = RouteRules.levels(writtenBy: try req.user.actor.role)
        let html = Layout.page(try req.page(), title: "Маршрут: \(person.fullName)", breadcrumbs: [(person.fullName, "/people/\(id)")],
            actions: canWrite ? [link("/people/\(id)/route/new", "Добавить шаг", class: "btn primary")] : []) {
            el("p", ["class": "muted"]) { "Индивидуальный образовательный маршрут: что делается по каждому профессиональному дефициту и на каком уровне сопровождения." }
            SupportLevel.allCases.map { level in
                Layout.section("Уровень: \(level.label)") {
                    Layout.table(["Дефицит", "Мероприятие", "Ответственный", "Срок", "Статус", "Результат"], steps.filter { $0.level == level }.map { s in
                        [canWrite && levels.contains(s.level) ? link("/route-steps/\(s.id)/edit", s.deficit) : .text(s.deficit), .text(s.action), .text(s.responsible), .text(s.deadline.russian),
                         Layout.badge(s.status.label, s.status == .done ? "ok" : (s.status.isOpen && s.deadline < req.today ? "bad" : "")), .text(s.result ?? "—")]
                    }, empty: "Шагов нет.")
                }
            }
        }
        return req.html(html)
    }

    static func stepFields(_ i: RouteStepInput) -> [FormField] {
        [
            FormField("deficit", "Профессиональный дефицит", .textarea, value: i.deficit, required: true),
            FormField("action", "Мероприятие (курсы, стажировка, посещение уроков…)", .textarea, value: i.action, required: true),
            .choice("level", "Уровень сопровождения", SupportLevel.self, value: i.level, blank: nil),
            FormField("responsible", "Ответственный", value: i.responsible, required: true),
            FormField("deadline", "Срок", .date, value: i.deadline, required: true),
            .choice("status", "Статус", TaskStatus.self, value: i.status, blank: nil),
            FormField("result", "Результат", .textarea, value: i.result),
        ]
    }

    static let newStep = ActionForm<RouteStepInput>(
        title: "Новый шаг маршрута", submit: "Добавить",
        back: { req in
            let id = try req.uuid("id")
            return ("Маршрут", "/people/\(id)/route")
        },
        initial: { req in
            // The form opens only for someone whose route the caller keeps (another school's person: 404).
            _ = try await Scope.requirePerson(req, try req.uuid("id"), .write, .route)
            return RouteStepInput(level: try RouteService.defaultLevel(req).rawValue, responsible: try req.user.fullName, deadline: req.today.adding(months: 1).russian, status: TaskStatus.planned.rawValue)
        },
        fields: { _, i in stepFields(i) },
        perform: { req, i in
            let s = try await RouteService.add(req, try req.uuid("id"), i)
            return ("/people/\(s.personID)/route", "Шаг маршрута добавлен.")
        })

    static let editStep = ActionForm<RouteStepInput>(
        title: "Шаг маршрута", submit: "Сохранить",
        back: { req in
            guard let s = try await RouteStepRecord.find(try req.uuid("id"), on: req.db) else { throw Abort(.notFound) }
            return ("Маршрут", "/people/\(s.personID)/route")
        },
        initial: { req in
            guard let r = try await RouteStepRecord.find(try req.uuid("id"), on: req.db) else { throw Abort(.notFound) }
            try await Scope.requirePerson(req, r.personID, .write, .route)
            let s = r.core
            try RouteService.requireLevels(req, s.level)
            return RouteStepInput(deficit: s.deficit, action: s.action, level: s.level.rawValue, responsible: s.responsible, deadline: s.deadline.russian, status: s.status.rawValue, result: s.result)
        },
        fields: { _, i in stepFields(i) },
        perform: { req, i in
            let s = try await RouteService.update(req, try req.uuid("id"), i)
            return ("/people/\(s.personID)/route", "Шаг маршрута сохранён.")
        })
}
