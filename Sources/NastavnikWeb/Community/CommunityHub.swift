import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// «Сообщество»: one menu item for the community of practice instead of five, and a page that says what each
/// section is for and what is new in it for the caller.
struct CommunityHubController: RouteCollection {
    /// The sections a role sees, in menu order; the menu's «Сообщество» is current on any of them.
    static func sections(_ role: Role) -> [(href: String, title: String, about: String)] {
        var s: [(String, String, String)] = []
        if AccessPolicy.permits(role, .read, .practice) {
            s.append(("/practices", "Банк практик", "Программы, шаблоны персонализированных программ, методические материалы и кейсы пар; поиск по смыслу слов, модерация уровнем выше."))
        }
        if AccessPolicy.permits(role, .read, .contest) {
            s.append(("/contests", "Конкурсы", "«Лучший наставник», «Эффективные практики наставничества»: номинации, заявки, жюри, итоги и награды."))
        }
        if AccessPolicy.permits(role, .read, .training) {
            s.append(("/trainings", "Школа наставников", "Курсы и семинары, запись, сертификаты, статус «обучен» в базе, чек-лист трудностей и анкета потребностей."))
        }
        if RouteAccess.organisers.permits(role) {
            s.append(("/pool", "Пул наставников", "Наставники территории, готовые к сетевому наставничеству: по предмету, компетенциям, обучению."))
        }
        if [.administrator, .regionalOperator, .municipalCoordinator, .curator, .director].contains(role) {
            s.append(("/recognition", "Поощрение", "Критерии материального и нематериального поощрения и наставники, которые им отвечают."))
        }
        return s
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("community", use: index)
    }

    @Sendable func index(req: Request) async throws -> Response {
        let role = try req.user.actor.role
        let today = req.today
        let upcoming = try await TrainingEventRecord.query(on: req.db).filter(\.$end >= today.iso).count()
        let open = try await ContestRecord.query(on: req.db).all().map(\.core).filter { [.applications, .judging].contains($0.stage(on: today)) }.count
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
