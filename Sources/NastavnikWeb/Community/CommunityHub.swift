import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// «Сообщество»: one menu item for the community of practice instead of five, and a page that says what each
/// section is for and what is new in it for the caller.
struct CommunityHubController: RouteCollection {
    struct Section: Sendable {
        var href: String
        var title: String
        var about: String
        var visible: @Sendable (Role) -> Bool
    }

    /// Every section, in menu order; the menu's «Сообщество» is current on any of them (`Layout.grouped`).
    static let all: [Section] = [
        Section(href: "/practices", title: "Банк практик",
                about: "Программы, шаблоны персонализированных программ, методические материалы и кейсы пар; поиск по смыслу слов, модерация уровнем выше.",
                visible: { AccessPolicy.permits($0, .read, .practice) }),
        Section(href: "/contests", title: "Конкурсы",
                about: "«Лучший наставник», «Эффективные практики наставничества»: номинации, заявки, жюри, итоги и награды.",
                visible: { AccessPolicy.permits($0, .read, .contest) }),
        Section(href: "/trainings", title: "Школа наставников",
                about: "Курсы и семинары, запись, сертификаты, статус «обучен» в базе, чек-лист трудностей и анкета потребностей.",
                visible: { AccessPolicy.permits($0, .read, .training) }),
        Section(href: "/pool", title: "Пул наставников",
                about: "Наставники территории, готовые к сетевому наставничеству: по предмету, компетенциям, обучению.",
                visible: { RouteAccess.organisers.permits($0) }),
        Section(href: "/recognition", title: "Поощрение",
                about: "Критерии материального и нематериального поощрения и наставники, которые им отвечают.",
                visible: { RouteAccess.recognitionReaders.permits($0) }),
    ]

    /// The sections a role sees.
    static func sections(_ role: Role) -> [Section] { all.filter { $0.visible(role) } }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("community", use: index)
    }

    @Sendable func index(req: Request) async throws -> Response {
        let role = try req.user.actor.role
        let today = req.today
        let upcoming = try await TrainingEventRecord.query(on: req.db).filter(\.$end >= today.iso).count()
        // Applications or judging under way (`Contest.stage`), counted by the database.
        let open = try await ContestRecord.query(on: req.db).filter(\.$resultsPublished == false)
            .filter(\.$applicationsFrom <= today.iso).filter(\.$judgingTo >= today.iso).count()
        let news = ["/trainings": upcoming > 0 ? "идут и ожидаются мероприятия: \(upcoming)" : nil, "/contests": open > 0 ? "конкурсов идёт: \(open)" : nil]
        let html = Layout.page(try req.page(), title: "Сообщество наставников") {
            el("ul", ["class": "cards"]) {
                Self.sections(role).map { s in
                    el("li", ["class": "card"]) {
                        el("h2") { link(s.href, s.title) }
                        el("p") { s.about }
                        if let n = news[s.href] ?? nil { el("p", ["class": "muted"]) { n } }
                    }
                }
            }
        }
        return req.html(html)
    }
}
