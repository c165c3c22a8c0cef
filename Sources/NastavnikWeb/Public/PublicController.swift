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
        let missing = Abort(.notFound, reason: "Документ не опубликован.")
        guard let org = try await OrganisationRecord.find(try req.uuid("id"), on: req.db)?.core, org.kind.isEducational,
              PublicationRules.isPublished(org, on: req.today) else { throw Self.notPublished }
        guard let act = PublicationRules.publicAct(try await LocalActRecord.find(try req.uuid("act"), on: req.db)?.core, of: org.id, on: req.today)
        else { throw missing }
        return try await req.storedFile(act.fileID, missing: "Документ не опубликован.")
    }

    static let notPublished = Abort(.notFound, reason: "Раздел «Целевая модель наставничества» этой организации не опубликован.")

    @Sendable func organisation(req: Request) async throws -> Response {
        guard let org = try await OrganisationRecord.find(try req.uuid("id"), on: req.db)?.core, org.kind.isEducational,
              PublicationRules.isPublished(org, on: req.today) else { throw Self.notPublished }
        let today = req.today
        let curators = try await AccountRecord.query(on: req.db).filter(\.$organisationID == org.id).filter(\.$role == Role.curator.rawValue).filter(\.$active == true).all()
        let people = try await MentorshipStore.people(req.db, curators.compactMap(\.personID))
        let consents = try await MentorshipStore.all(ConsentRecord.self, req.db, \.$personID, in: Array(people.keys))
        let curatorLines = curators.map { a -> String in
            guard let p = a.personID.flatMap({ people[$0] }), PublicationRules.mayPublishName(p, consents: consents, on: today) else {
                return "Куратор назначен (фамилия, имя и отчество публикуются только с согласия на распространение персональных данных)."
            }
            return p.fullName
        }
        let mentorships = try await MentorshipRecord.query(on: req.db).filter(\.$organisationID == org.id).all().map(\.core)
        let byForm = PublicationRules.activeByForm(mentorships, on: today)
        let acts = PublicationRules.publicActs(try await LocalActRecord.query(on: req.db).filter(\.$organisationID == org.id).all().map { try $0.core }, on: today)
        let mun = try await MunicipalityRecord.find(org.municipalityID, on: req.db)
        let practices = try await PracticeService.publicItems(req.db, organisation: org.id)
        let winners = try await ContestService.winners(req.db, organisation: org.id)
        let names = try await Self.publishableNames(
            req.db, Dictionary(practices.map { ($0.id, $0.authorPersonIDs) } + winners.map { ($0.2.application.id, $0.2.application.applicantPersonIDs) }, uniquingKeysWith: { a, _ in a }),
            on: today)
        let html = Layout.page(PageContext(current: req.url.path), title: "Целевая модель наставничества",
                               breadcrumbs: mun.map { [($0.name, "/public/municipalities/\($0.id!)")] } ?? []) {
            el("p") { el("strong") { org.name } }
            Layout.facts([("Адрес", org.address), ("Раздел опубликован", org.mentorshipPageSince?.russian)])
            if let site = org.website.nonBlank {
                el("dl", ["class": "facts"]) {
                    el("dt") { "Сайт" }
                    el("dd") { PublicationRules.siteURL(site).map { link($0, site) } ?? .text(site) }
                }
            }
            Layout.section("Кураторы внедрения целевой модели наставничества") {
                curatorLines.isEmpty ? el("p", ["class": "muted"]) { "Сведения о кураторе не внесены." } : el("ul") { curatorLines.map { c in el("li") { c } } }
            }
            Layout.section("Формы наставничества и действующие пары (группы)") {
                Layout.table(["Форма наставничества", "Действующих пар и групп"], byForm.map { [.text($0.0.label), .text("\($0.1)")] }, empty: "Действующих пар и групп пока нет.")
            }
            Layout.section("Документы") {
                Layout.table(["Документ", "Реквизиты"], acts.map { a in
                    let title = RegistryController.capitalised(a.title)
                    return [a.fileID == nil ? .text(title) : link("/public/organisations/\(org.id)/documents/\(a.id)", title), .text(a.reference)]
                },
                             empty: "Опубликованных документов нет.")
            }
            Layout.section("Кейсы и практики наставничества") {
                practices.isEmpty ? el("p", ["class": "muted"]) { "Опубликованных кейсов и практик пока нет." } : el("ul") {
                    practices.map { p in
                        el("li") {
                            el("strong") { p.title }
                            " — \(p.kind.label); \(names[p.id] ?? "авторский коллектив организации"), \(p.createdOn.russian)."
                            el("p") { String(p.description.prefix(300)) + (p.description.count > 300 ? "…" : "") }
                        }
                    }
                }
            }
            Layout.section("Победители конкурсов") {
                Layout.table(["Конкурс", "Номинация", "Место", "Участники", "Награда"], winners.map { c, n, row in
                    [.text("\(c.title) (\(c.resultsOn.russian))"), .text(n.title), .text("\(row.place)"),
                     .text(names[row.application.id] ?? "педагоги организации"), .text(row.application.award ?? "—")]
                }, empty: "Побед в конкурсах пока нет.")
            }
            el("p", ["class": "muted"]) { "Страница формируется автоматически по данным системы «Наставник» на \(today.russian). Персональные данные обучающихся не публикуются." }
        }
        return req.html(html)
    }

    /// For each key, the names of its people, only when every one of them is an adult who consented to
    /// distribution; a key with nobody linked gets no names (free-typed authors are not published either).
    static func publishableNames(_ db: any Database, _ people: [UUID: [UUID]], on day: Day) async throws -> [UUID: String] {
        let ids = people.values.flatMap { $0 }
        let persons = try await MentorshipStore.people(db, ids)
        let consents = try await MentorshipStore.all(ConsentRecord.self, db, \.$personID, in: ids)
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
        let orgs = try await MentorshipStore.all(OrganisationRecord.self, db, \.$municipalityID, in: municipalities).filter(\.kind.isEducational)
        let published = orgs.filter { PublicationRules.isPublished($0, on: today) }.sortedByName(\.shortName)
        let mentorships = try await MentorshipStore.all(MentorshipRecord.self, db, \.$organisationID, in: published.map(\.id))
        return Summary(organisations: orgs, published: published, byForm: PublicationRules.activeByForm(mentorships, on: today))
    }

    static func pairsSection(_ s: Summary) -> Node {
        Layout.section("Действующие пары и группы в этих организациях") {
            Layout.table(["Форма наставничества", "Пар и групп"], s.byForm.map { [.text($0.0.label), .text("\($0.1)")] }, empty: "Действующих пар и групп нет.")
        }
    }

    @Sendable func municipality(req: Request) async throws -> Response {
        guard let mun = try await MunicipalityRecord.find(try req.uuid("id"), on: req.db) else { throw Abort(.notFound, reason: "Муниципалитет не найден.") }
        let s = try await Self.summary(req.db, municipalities: [mun.id!], on: req.today)
        let region = try await RegionRecord.find(mun.regionID, on: req.db)
        let html = Layout.page(PageContext(current: req.url.path), title: "Наставничество: \(mun.name)",
                               breadcrumbs: region.map { [($0.name, "/public/regions/\($0.id!)")] } ?? []) {
            el("p") { s.line }
            Self.pairsSection(s)
            Layout.section("Организации") {
                el("ul", ["class": "plain"]) { s.published.map { o in el("li") { link("/public/organisations/\(o.id)", o.shortName) } } }
            }
        }
        return req.html(html)
    }

    @Sendable func region(req: Request) async throws -> Response {
        guard let region = try await RegionRecord.find(try req.uuid("id"), on: req.db) else { throw Abort(.notFound, reason: "Регион не найден.") }
        let muns = try await MunicipalityRecord.query(on: req.db).filter(\.$regionID == region.id!).all().sortedByName(\.name)
        let s = try await Self.summary(req.db, municipalities: muns.compactMap(\.id), on: req.today)
        let total = Dictionary(grouping: s.organisations, by: \.municipalityID).mapValues(\.count)
        let published = Dictionary(grouping: s.published, by: \.municipalityID).mapValues(\.count)
        let html = Layout.page(PageContext(current: req.url.path), title: "Наставничество: \(region.name)") {
            el("p") { s.line }
            Self.pairsSection(s)
            Layout.section("Муниципалитеты") {
                Layout.table(["Муниципалитет", "Опубликовали раздел", "Образовательных организаций"], muns.map { m in
                    [link("/public/municipalities/\(m.id!)", m.name), .text("\(published[m.id!] ?? 0)"), .text("\(total[m.id!] ?? 0)")]
                })
            }
        }
        return req.html(html)
    }
}
