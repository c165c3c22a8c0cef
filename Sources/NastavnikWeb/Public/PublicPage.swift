import Foundation
import NastavnikCore

/// The public section «Целевая модель наставничества» of one organisation (seed 001, indicator 14), from what
/// `PublicationRules` lets it show.
enum PublicPage {
    struct Model {
        var organisation: Organisation
        var municipality: Municipality?
        /// Each curator's full name, or nil where it may not be published.
        var curators: [String?]
        var byForm: [(MentorshipForm, Int)]
        var acts: [LocalAct]
        var practices: [PracticeItem]
        var winners: [(Contest, ContestNomination, RankedApplication)]
        /// Names that may be published, keyed by practice id and by application id.
        var names: [UUID: String]
        var today: Day
    }

    static let title = "Целевая модель наставничества"

    static func breadcrumbs(_ m: Model) -> [(String, String)] {
        m.municipality.map { [($0.name, "/public/municipalities/\($0.id)")] } ?? []
    }

    static func render(_ m: Model) -> Node {
        let org = m.organisation
        return .fragment([
            el("p") { el("strong") { org.name } },
            Layout.facts([("Адрес", org.address), ("Раздел опубликован", org.mentorshipPageSince?.russian)]),
            org.website.nonBlank.map { site in
                el("dl", ["class": "facts"]) {
                    el("dt") { "Сайт" }
                    el("dd") { PublicationRules.siteURL(site).map { link($0, site) } ?? .text(site) }
                }
            } ?? .empty,
            Layout.section("Кураторы внедрения целевой модели наставничества") {
                m.curators.isEmpty ? el("p", ["class": "muted"]) { "Сведения о кураторе не внесены." } : el("ul") {
                    m.curators.map { c in
                        el("li") { c ?? "Куратор назначен (фамилия, имя и отчество публикуются только с согласия на распространение персональных данных)." }
                    }
                }
            },
            Layout.section("Формы наставничества и действующие пары (группы)") {
                Layout.table(["Форма наставничества", "Действующих пар и групп"], m.byForm.map { [.text($0.0.label), .text("\($0.1)")] }, empty: "Действующих пар и групп пока нет.")
            },
            Layout.section("Документы") {
                Layout.table(["Документ", "Реквизиты"], m.acts.map { a in
                    let title = RegistryController.capitalised(a.title)
                    return [a.fileID == nil ? .text(title) : link("/public/organisations/\(org.id)/documents/\(a.id)", title), .text(a.reference)]
                }, empty: "Опубликованных документов нет.")
            },
            Layout.section("Кейсы и практики наставничества") {
                m.practices.isEmpty ? el("p", ["class": "muted"]) { "Опубликованных кейсов и практик пока нет." } : el("ul") {
                    m.practices.map { p in
                        el("li") {
                            el("strong") { p.title }
                            " — \(p.kind.label); \(m.names[p.id] ?? "авторский коллектив организации"), \(p.createdOn.russian)."
                            el("p") { String(p.description.prefix(300)) + (p.description.count > 300 ? "…" : "") }
                        }
                    }
                }
            },
            Layout.section("Победители конкурсов") {
                Layout.table(["Конкурс", "Номинация", "Место", "Участники", "Награда"], m.winners.map { c, n, row in
                    [.text("\(c.title) (\(c.resultsOn.russian))"), .text(n.title), .text("\(row.place)"),
                     .text(m.names[row.application.id] ?? "педагоги организации"), .text(row.application.award ?? "—")]
                }, empty: "Побед в конкурсах пока нет.")
            },
            el("p", ["class": "muted"]) { "Страница формируется автоматически по данным системы «Наставник» на \(m.today.russian). Персональные данные обучающихся не публикуются." },
        ])
    }
}
