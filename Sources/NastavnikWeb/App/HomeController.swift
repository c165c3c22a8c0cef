import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// Counts in the caller's scope that the home page and `GET /api/v1/summary` show.
struct Summary: Content {
    var organisations: Int
    var staff: Int
    var students: Int
    var youngSpecialists: Int
    var mentors: Int
    var mentees: Int
    var menteesYoung: Int
    var peopleWithoutConsent: Int

    /// Counted by the database in one statement over the caller's scope (`PeopleQueries.summary`).
    static func compute(_ req: Request) async throws -> Summary {
        let today = req.today
        let s = try await PeopleQueries(req.db).summary(Scope.reach(try req.user.actor, .person), today: today, youngSince: today.adding(years: -3))
        return Summary(
            organisations: s.organisations, staff: s.staff, students: s.students, youngSpecialists: s.youngSpecialists,
            mentors: s.mentors, mentees: s.mentees, menteesYoung: s.menteesYoung, peopleWithoutConsent: s.peopleWithoutConsent)
    }
}

struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: index)
    }

    @Sendable func index(req: Request) async throws -> Response {
        let user = try req.user
        if user.actor.role.scopeLevel == .person { return req.redirect(to: "/my") }
        let s = try await Summary.compute(req)
        /// A figure and what it counts, the noun agreeing with the number («1 организация», «3 работника»).
        func stat(_ n: Int, _ noun: RussianNoun, _ href: String) -> Node {
            el("a", ["class": "stat", "href": href]) {
                el("strong") { String(n) }
                el("span") { RussianPlural.form(n, noun) }
            }
        }
        func stat(_ n: Int, _ label: String, _ href: String) -> Node { stat(n, RussianNoun(label, label, label), href) }
        let share = Format.percent(s.menteesYoung, of: s.youngSpecialists)
        let tasks = try await HomeTasks.list(req, summary: s)
        let html = Layout.page(try req.page(), title: "Главная") {
            el("p", ["class": "muted"]) { "Данные на \(req.today.russian) в вашей зоне доступа (\(user.actor.role.label))." }
            if HomeTasks.shows(user.actor.role) { HomeTasks.section(tasks, role: user.actor.role) }
            el("div", ["class": "stats"]) {
                stat(s.organisations, .organisations, "/organisations")
                stat(s.staff, RussianNoun("работник", "работника", "работников"), "/people")
                stat(s.students, RussianNoun("обучающийся", "обучающихся", "обучающихся"), "/people?role=student")
                stat(s.youngSpecialists, RussianNoun("молодой специалист (стаж 0–3 года)", "молодых специалиста (стаж 0–3 года)", "молодых специалистов (стаж 0–3 года)"), "/people?young=true")
                stat(s.mentors, "в базе наставников", "/mentors")
                stat(s.mentees, "в базе наставляемых", "/mentees")
                stat(s.peopleWithoutConsent, "без действующего согласия на обработку ПДн", "/people")
            }
            Layout.section("Молодые специалисты в базе наставляемых") {
                el("p") {
                    s.youngSpecialists == 0 ? "Молодых специалистов (стаж 0–3 года) в вашей зоне доступа нет." :
                        "\(s.menteesYoung) из \(RussianPlural.count(s.youngSpecialists, "молодого специалиста", "молодых специалистов", "молодых специалистов")) "
                        + "\(RussianPlural.form(s.menteesYoung, "включён", "включены", "включены")) в базу наставляемых (\(share)). "
                        + "Включение в базу — ещё не участие в программе: федеральный ориентир (70 % молодых педагогов в программах наставничества) "
                        + "сравнивается с показателем 11 «вошли в программу» — пара закреплена приказом и программа утверждена."
                }
                link("/indicators", "Показатель 11 и его формула — в разделе «Мониторинг»")
            }
        }
        return req.html(html)
    }
}

struct ReadyStatus: Content {
    var status: String
    var pendingMigrations: [String]
}

func routes(_ app: Application) throws {
    // Liveness: the process answers and the database is reachable.
    app.get("health") { req async throws -> Response in
        _ = try await RegionRecord.query(on: req.db).count()
        return try await ["status": "ok", "database": "ok"].encodeResponse(for: req)
    }
    // Readiness: every migration of this build has run and the instance is not stopping, so a load balancer may
    // send traffic here.
    app.get("ready") { req async throws -> Response in
        if req.application.inFlight.isDraining {
            return try await ReadyStatus(status: "shutting down", pendingMigrations: []).encodeResponse(status: .serviceUnavailable, for: req)
        }
        let expected = Set(NastavnikMigrations.all.map(\.name) + [SessionRecord.migration.name])
        let applied = Set(try await MigrationLog.query(on: req.db).all().map(\.name))
        let missing = expected.subtracting(applied)
        let status: HTTPStatus = missing.isEmpty ? .ok : .serviceUnavailable
        return try await ReadyStatus(status: missing.isEmpty ? "ready" : "migrations pending", pendingMigrations: missing.sorted()).encodeResponse(status: status, for: req)
    }
    metricsRoute(app)
    try app.grouped(CSRFMiddleware()).register(collection: LoginController())
    // Open to everyone: each organisation's public section «Целевая модель наставничества».
    try app.register(collection: PublicController())
    let pages = app.grouped(RequireLoginMiddleware(), CSRFMiddleware())
    try pages.register(collection: HomeController())
    try pages.register(collection: OrganisationsController())
    try pages.register(collection: PeopleController())
    try pages.register(collection: BasesController())
    try pages.register(collection: AccountsController())
    try pages.register(collection: RemindersController())
    try pages.register(collection: AuditController())
    try pages.register(collection: MentorshipController())
    try pages.register(collection: MyController())
    try pages.register(collection: AccountAdminController())
    try pages.register(collection: MembershipEditController())
    try pages.register(collection: MatchingController())
    try pages.register(collection: CommunityHubController())
    try pages.register(collection: ImportController())
    try pages.register(collection: RegistryController())
    try pages.register(collection: IndicatorsController())
    try pages.register(collection: CampaignsController())
    try pages.register(collection: RoadmapController())
    try pages.register(collection: RoadmapTemplatesController())
    try pages.register(collection: TemplatesController())
    try pages.register(collection: PracticeController())
    try pages.register(collection: ContestController())
    try pages.register(collection: TrainingController())
    try pages.register(collection: PoolController())
    try pages.register(collection: RecognitionController())
    // The personal calendar is fetched by calendar apps without a session: the secret in the URL is the key.
    app.get("calendar", ":file") { req async throws -> Response in
        guard let file = req.parameters.get("file"), file.hasSuffix(".ics") else { throw Abort(.notFound) }
        let body = try await CalendarService.feed(req, token: String(file.dropLast(4)))
        return Response(status: .ok, headers: ["Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, max-age=300"], body: .init(string: body))
    }
    try APIController.register(app)
}
