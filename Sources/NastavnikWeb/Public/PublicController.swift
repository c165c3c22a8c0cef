import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// The public section «Целевая модель наставничества» of each organisation, and a municipality's summary:
/// readable without logging in, generated from live data, never naming a minor or anyone who has not consented
/// to the distribution of their personal data (`PublicationRules`).
struct PublicController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("public", "organisations", ":id", use: organisation)
        routes.get("public", "municipalities", ":id", use: municipality)
        routes.get("public", "regions", ":id", use: region)
        routes.get("public", "organisations", ":id", "documents", ":act", use: document)
    }

    /// A document the organisation's page lists (`PublicationRules.publicAct`): anything else is 404.
    @Sendable func document(req: Request) async throws -> Response {
        guard let org = try await PublicQueries.publishedOrganisation(req.db, try req.uuid("id"), on: req.today) else { throw Self.notPublished }
        guard let act = PublicationRules.publicAct(try await PublicQueries.act(req.db, try req.uuid("act")), of: org.id, on: req.today)
        else { throw Abort(.notFound, reason: "Документ не опубликован.") }
        return try await req.storedFile(act.fileID, missing: "Документ не опубликован.")
    }

    static let notPublished = Abort(.notFound, reason: "Раздел «Целевая модель наставничества» этой организации не опубликован.")

    @Sendable func organisation(req: Request) async throws -> Response {
        guard let org = try await PublicQueries.publishedOrganisation(req.db, try req.uuid("id"), on: req.today) else { throw Self.notPublished }
        let model = try await Self.model(req.db, org, on: req.today)
        return req.html(Layout.page(PageContext(current: req.url.path), title: PublicPage.title, breadcrumbs: PublicPage.breadcrumbs(model)) {
            PublicPage.render(model)
        })
    }

    /// What the organisation's public section shows on `today`: counts, public documents and practices, contest wins,
    /// and a person's name only where `PublicationRules` allows it.
    static func model(_ db: any Database, _ org: Organisation, on today: Day) async throws -> PublicPage.Model {
        let curatorIDs = try await PublicQueries.curatorPersonIDs(db, organisation: org.id)
        let (people, consents) = try await PublicQueries.people(db, curatorIDs.compactMap { $0 })
        let curators = curatorIDs.map { id -> String? in
            guard let p = id.flatMap({ people[$0] }), PublicationRules.mayPublishName(p, consents: consents, on: today) else { return nil }
            return p.fullName
        }
        let practices = try await PublicQueries.openPractices(db, organisation: org.id)
        let winners = try await ContestService.winners(db, organisation: org.id)
        let names = try await Self.publishableNames(
            db, Dictionary(practices.map { ($0.id, $0.authorPersonIDs) } + winners.map { ($0.2.application.id, $0.2.application.applicantPersonIDs) }, uniquingKeysWith: { a, _ in a }),
            on: today)
        return PublicPage.Model(
            organisation: org, municipality: try await HierarchyQueries.municipality(db, org.municipalityID), curators: curators,
            byForm: PublicationRules.activeByForm(try await PublicQueries.mentorships(db, organisations: [org.id]), on: today),
            acts: PublicationRules.publicActs(try await PublicQueries.acts(db, organisation: org.id), on: today),
            practices: practices, winners: winners, names: names, today: today)
    }

    /// For each key, the names of its people, only when every one of them is an adult who consented to
    /// distribution; a key with nobody linked gets no names (free-typed authors are not published either).
    static func publishableNames(_ db: any Database, _ people: [UUID: [UUID]], on day: Day) async throws -> [UUID: String] {
        let (persons, consents) = try await PublicQueries.people(db, people.values.flatMap { $0 })
        var out: [UUID: String] = [:]
        for (key, list) in people where !list.isEmpty {
            let ok = list.allSatisfy { id in persons[id].map { PublicationRules.mayPublishName($0, consents: consents, on: day) } ?? false }
            if ok { out[key] = list.compactMap { persons[$0]?.fullName }.joined(separator: ", ") }
        }
        return out
    }

    /// Educational organisations of a territory: how many have published their section, and the working pairs there.
    struct Summary {
        var organisations: [Organisation]
        var published: [Organisation]
        var byForm: [(MentorshipForm, Int)]
        var line: String {
            let share = organisations.isEmpty ? "—" : RussianNumber.percent(Double(published.count) * 100 / Double(organisations.count))
            return "Раздел «Целевая модель наставничества» опубликовали \(published.count) из \(organisations.count) образовательных организаций (\(share))."
        }
    }

    static func summary(_ db: any Database, municipalities: [UUID], on today: Day) async throws -> Summary {
        let orgs = try await PublicQueries.organisations(db, municipalities: municipalities).filter(\.kind.isEducational)
        let published = orgs.filter { PublicationRules.isPublished($0, on: today) }.sortedByName(\.shortName)
        let mentorships = try await PublicQueries.mentorships(db, organisations: published.map(\.id))
        return Summary(organisations: orgs, published: published, byForm: PublicationRules.activeByForm(mentorships, on: today))
    }

    static func pairsSection(_ s: Summary) -> Node {
        Layout.section("Действующие пары и группы в этих организациях") {
            Layout.table(["Форма наставничества", "Пар и групп"], s.byForm.map { [.text($0.0.label), .text("\($0.1)")] }, empty: "Действующих пар и групп нет.")
        }
    }

    @Sendable func municipality(req: Request) async throws -> Response {
        guard let mun = try await HierarchyQueries.municipality(req.db, try req.uuid("id")) else { throw Abort(.notFound, reason: "Муниципалитет не найден.") }
        let s = try await Self.summary(req.db, municipalities: [mun.id], on: req.today)
        let region = try await HierarchyQueries.region(req.db, mun.regionID)
        let html = Layout.page(PageContext(current: req.url.path), title: "Наставничество: \(mun.name)",
                               breadcrumbs: region.map { [($0.name, "/public/regions/\($0.id)")] } ?? []) {
            el("p") { s.line }
            Self.pairsSection(s)
            Layout.section("Организации") {
                el("ul", ["class": "plain"]) { s.published.map { o in el("li") { link("/public/organisations/\(o.id)", o.shortName) } } }
            }
        }
        return req.html(html)
    }

    @Sendable func region(req: Request) async throws -> Response {
        guard let region = try await HierarchyQueries.region(req.db, try req.uuid("id")) else { throw Abort(.notFound, reason: "Регион не найден.") }
        let muns = try await HierarchyQueries.municipalities(req.db, region: region.id).sortedByName(\.name)
        let s = try await Self.summary(req.db, municipalities: muns.map(\.id), on: req.today)
        let total = Dictionary(grouping: s.organisations, by: \.municipalityID).mapValues(\.count)
        let published = Dictionary(grouping: s.published, by: \.municipalityID).mapValues(\.count)
        let html = Layout.page(PageContext(current: req.url.path), title: "Наставничество: \(region.name)") {
            el("p") { s.line }
            Self.pairsSection(s)
            Layout.section("Муниципалитеты") {
                Layout.table(["Муниципалитет", "Опубликовали раздел", "Образовательных организаций"], muns.map { m in
                    [link("/public/municipalities/\(m.id)", m.name), .text("\(published[m.id] ?? 0)"), .text("\(total[m.id] ?? 0)")]
                })
            }
        }
        return req.html(html)
    }
}
