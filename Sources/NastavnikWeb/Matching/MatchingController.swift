import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// Pages of the matching flow: runs, a proposal with «почему эта пара», suggestions for one mentee.
struct MatchingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("matching", use: index)
        routes.get("matching", "runs", ":id", use: show)
        routes.post("matching", "runs", ":id", "pairs", use: act)
        routes.post("matching", "runs", ":id", ":decision", use: decide)
        routes.get("matching", "runs", ":id", "approve") { req in try await Self.approval.show(req) }
        routes.get("matching", "runs", ":id", "discard") { req in try await Self.discarding.show(req) }
        routes.get("matching", "suggest", use: suggest)
        routes.post("matching", "marks", use: mark)
        Self.newRun.register(routes, ["matching", "new"])
    }

    /// Nodes the caller may run matching for.
    static func scopes(_ req: Request) async throws -> [(String, String)] {
        let actor = try req.user.actor
        var out: [(String, String)] = []
        switch actor.role.scopeLevel {
        case .country, .region:
            var regions = RegionRecord.query(on: req.db)
            if actor.role != .administrator { regions = regions.filter(\.$id == (actor.placement.regionID ?? UUID())) }
            out += try await regions.all().map { ($0.id!.uuidString, "Регион (пул): \($0.name)") }
            out += try await HierarchyService.municipalities(req).map { ($0.id.uuidString, "Муниципалитет: \($0.name)") }
        case .municipality:
            out += try await HierarchyService.municipalities(req).map { ($0.id.uuidString, "Муниципалитет: \($0.name)") }
        default: break
        }
        out += try await Scope.writableOrganisations(req, .matching).map { ($0.id.uuidString, $0.shortName) }
        return out
    }

    @Sendable func index(req: Request) async throws -> Response {
        let actor = try req.user.actor
        guard AccessPolicy.permits(actor.role, .read, .matching) else { throw Abort(.forbidden, reason: "Подбор пар вам недоступен.") }
        let rows: [[Node]] = try await MatchingService.list(req).map { r in
            let run = try r.core
            let result: MatchingResult = StoredJSON.decode(r.result) ?? MatchingResult(pairs: [], unmatched: [], totalScore: 0)
            return [
                link("/matching/runs/\(run.id)", run.createdOn.russian), .text(run.form.label),
                .text(run.mode.label), .text("\(result.pairs.count)"), .text("\(result.unmatched.count)"),
                .text(run.status.label), .text(run.createdBy),
            ]
        }
        let html = Layout.page(try req.page(), title: "Подбор пар", actions: AccessPolicy.permits(actor.role, .write, .matching) ? [link("/matching/new", "Новый подбор", class: "btn primary")] : []) {
            el("p", ["class": "muted"]) {
                "Система предлагает пары по анкетам, базам и мнению психолога; решение принимает куратор. Каждый подбор хранится с весами и исходными данными, чтобы его можно было объяснить."
            }
            Layout.table(["Дата", "Форма", "Режим", "Пар", "Без пары", "Статус", "Кто запустил"], rows, empty: "Подборов ещё не было.")
        }
        return req.html(html)
    }

    static let newRun = ActionForm<RunInput>(
        title: "Новый подбор пар", submit: "Подобрать",
        back: { _ in ("Подбор пар", "/matching") },
        initial: { req in
            let scopes = try await scopes(req)
            return RunInput(scopeID: scopes.count == 1 ? scopes[0].0 : nil, form: MentorshipForm.teacherTeacher.rawValue, mode: MatchingMode.optimalCountFirst.rawValue,
                weights: Dictionary(uniqueKeysWithValues: MatchingWeights.defaults.values.map { ($0.key.rawValue, FlexibleInt(Int($0.value))) }))
        },
        fields: { req, i in
            [
                FormField("scopeID", "Где подбираем", .select(try await scopes(req), blank: "— выберите —"), value: i.scopeID, required: true,
                    hint: "Организация — только её наставники (сетевые — по отметке ниже); муниципалитет или регион — наставники всех их организаций."),
                .choice("form", "Форма наставничества", MentorshipForm.self, value: i.form, blank: nil),
                .choice("mode", "Режим", MatchingMode.self, value: i.mode, blank: nil),
                FormField("grouped", "Группы: наставник получает своих наставляемых одной группой", .checkbox, value: i.grouped),
                FormField("onlyTrained", "Только обученные наставники (прошли школу наставников)", .checkbox, value: i.onlyTrained),
                FormField("network", "Привлечь сетевых наставников (из других организаций и регионального пула)", .checkbox, value: i.network,
                    hint: "Наставники других организаций региона, согласившиеся на сетевое наставничество."),
            ] + MatchingCriterion.allCases.map { c in
                FormField("weights[\(c.rawValue)]", "Вес: \(c.label)", .number, value: i.weights?[c.rawValue]?.value.map(String.init) ?? String(Int(MatchingWeights.defaults[c])))
            }
        },
        hint: "Учитываются только допустимые пары: согласия, свободные места наставника, форма наставничества, стаж наставника-педагога, обучение (если выбрано «только обученные»), исключённые и закреплённые куратором пары.",
        perform: { req, i in
            let run = try await MatchingService.create(req, i)
            return ("/matching/runs/\(run.id!)", "Подбор выполнен: проверьте пары, закрепите или уберите лишние и утвердите.")
        })

    @Sendable func show(req: Request) async throws -> Response {
        let (run, orgs) = try await MatchingService.requireRun(req, try req.uuid("id"), .read)
        let dto = try await MatchingService.dto(req, run)
        let names = Dictionary(uniqueKeysWithValues: dto.people.map { ($0.id, $0.name) })
        let actor = try req.user.actor
        let editable = dto.status.isOpen && AccessPolicy.allows(actor, .write, .matching, at: run.placement)
        let csrf = req.csrfToken
        let base = "/matching/runs/\(run.id!)"
        func pairAction(_ action: String, _ mentee: UUID, _ label: String) -> Node {
            el("form", ["method": "post", "action": "\(base)/pairs", "class": "inline"]) {
                void("input", ["type": "hidden", "name": "csrf", "value": csrf])
                void("input", ["type": "hidden", "name": "action", "value": action])
                void("input", ["type": "hidden", "name": "menteeID", "value": mentee.uuidString])
                el("button", ["type": "submit", "class": "btn small"]) { label }
            }
        }
        let others = dto.result.pairs.map { ($0.menteeID.uuidString, names[$0.menteeID] ?? "—") }
        let places = Dictionary(uniqueKeysWithValues: dto.people.map { ($0.id, $0) })
        let (shortlists, poolNames) = editable ? try await MatchingService.shortlists(req, run, orgs: orgs) : ([:], [:])
        /// The mentee's ranked shortlist (name, organisation, score, the first reasons, free places) and the choice.
        func chooser(_ mentee: UUID, current: UUID?) -> Node {
            let list = shortlists[mentee] ?? []
            guard !list.isEmpty else { return el("span", ["class": "muted"]) { "других допустимых наставников нет" } }
            let who = { (e: ShortlistEntry) in "\(poolNames[e.mentorID]?.0 ?? "—"), \(poolNames[e.mentorID]?.1 ?? "—")" }
            return .fragment([
                el("details") {
                    el("summary") { "лучшие наставники (\(list.count))" }
                    el("ol") {
                        list.map { e in
                            el("li") { "\(who(e)) — \(Format.decimal(e.score.total, 2)) б.: \(e.reasons.joined(separator: "; ")) — свободно мест: \(e.freePlaces)" }
                        }
                    }
                },
                el("form", ["method": "post", "action": "\(base)/pairs", "class": "inline"]) {
                    void("input", ["type": "hidden", "name": "csrf", "value": csrf])
                    void("input", ["type": "hidden", "name": "action", "value": "choose"])
                    void("input", ["type": "hidden", "name": "menteeID", "value": mentee.uuidString])
                    el("select", ["name": "mentorID", "aria-label": "Наставник для: \(names[mentee] ?? "—")"]) {
                        list.map { e in
                            el("option", ["value": e.mentorID.uuidString, "selected": e.mentorID == current ? "selected" : nil]) {
                                "\(who(e)) — \(Format.decimal(e.score.total, 2)) б., мест: \(e.freePlaces)"
                            }
                        }
                    }
                    el("button", ["type": "submit", "class": "btn small"]) { "Выбрать" }
                },
            ])
        }
        var actions: [Node] = []
        if editable {
            actions = [postButton("\(base)/rerun", "Пересчитать вокруг закреплённых", csrf: csrf), link("\(base)/approve", "Утвердить и сформировать пары…", class: "btn small primary"),
                       link("\(base)/discard", "Отклонить…", class: "btn small")]
        }
        let html = Layout.page(try req.page(), title: "Подбор: \(dto.form.label)", breadcrumbs: [("Подбор пар", "/matching")], actions: actions) {
            Layout.section("Условия") {
                Layout.facts([
                    ("Где", dto.scope), ("Режим", dto.mode.label), ("Группы", dto.grouped ? "да" : "нет, пары"),
                    ("Наставники", (dto.onlyTrained ? "только обученные" : "любой статус обучения") + (dto.network ? "; с сетевыми наставниками других организаций" : "; только своих организаций")), ("Статус", dto.status.label),
                    ("Запустил", "\(dto.createdBy), \(dto.createdOn.russian)"), ("Сумма баллов", Format.decimal(dto.result.totalScore, 2)),
                    ("Веса", MatchingCriterion.allCases.map { "\($0.label) — \(Int(dto.weights[$0.rawValue] ?? 0))" }.joined(separator: "; ")),
                ])
                if !dto.mentorshipIDs.isEmpty {
                    // Numbered and separated: identical adjacent «пара» links read as one word and cannot be told apart.
                    el("p") { "Сформированы пары: "; el("span") { dto.mentorshipIDs.enumerated().map { i, id in Node.fragment([.text(i == 0 ? "" : ", "), link("/mentorships/\(id)", "пара \(i + 1)")]) } } }
                }
            }
            Layout.section("Предложенные пары (\(dto.result.pairs.count))") {
                // The mentor's position and organisation under the name: two more columns made the table scroll at 1280 px.
                Layout.table(["Наставляемый", "Наставник", "Баллы", "Почему эта пара"] + (editable ? ["Другой наставник", "Решение"] : []),
                             dto.result.pairs.map { p in
                    [
                        .fragment([link("/people/\(p.menteeID)", names[p.menteeID] ?? "—"), p.locked ? Layout.badge("закреплена", "info") : .empty]),
                        .fragment([link("/people/\(p.mentorID)", names[p.mentorID] ?? "—"), el("div", ["class": "hint"]) {
                            [places[p.mentorID]?.position, (places[p.mentorID]?.organisation).nonBlank].compactMap { $0 }.joined(separator: ", ")
                        }]),
                        .text(Format.decimal(p.score.total, 2)),
                        el("details") {
                            el("summary") { "разбор по критериям" }
                            el("ul", ["class": "plain"]) { p.score.parts.map { part in el("li") { "\(part.criterion.label): \(Format.decimal(part.points, 2)) — \(part.explanation)" } } }
                        },
                    ] + (editable ? [chooser(p.menteeID, current: p.mentorID), .fragment([
                        pairAction(p.locked ? "unlock" : "lock", p.menteeID, p.locked ? "Открепить" : "Закрепить"),
                        pairAction("remove", p.menteeID, "Убрать"),
                        el("form", ["method": "post", "action": "\(base)/pairs", "class": "inline"]) {
                            void("input", ["type": "hidden", "name": "csrf", "value": csrf])
                            void("input", ["type": "hidden", "name": "action", "value": "swap"])
                            void("input", ["type": "hidden", "name": "menteeID", "value": p.menteeID.uuidString])
                            el("select", ["name": "otherMenteeID", "aria-label": "Поменяться наставниками с"]) {
                                others.filter { $0.0 != p.menteeID.uuidString }.map { o in el("option", ["value": o.0]) { o.1 } }
                            }
                            el("button", ["type": "submit", "class": "btn small"]) { "Поменять" }
                        },
                    ])] : [])
                }, empty: "Пар не предложено.")
            }
            Layout.section("Исходные данные подбора") {
                el("details") {
                    el("summary") { "наставников: \(dto.pool.filter { $0.role == .mentor }.count), наставляемых: \(dto.pool.filter { $0.role == .mentee }.count) — на момент подбора" }
                    Layout.table(["Роль", "ФИО", "Организация", "Сведения"], dto.pool.map { e in [.text(e.role.label), .text(e.name), .text(e.organisation), .text(e.details)] })
                }
            }
            Layout.section("Без пары (\(dto.result.unmatched.count))") {
                Layout.table(["Наставляемый", "Причина", ""] + (editable ? ["Выбрать наставника"] : []), dto.result.unmatched.map { u in
                    [link("/people/\(u.menteeID)", names[u.menteeID] ?? "—"), .text(u.reason),
                     link("/matching/suggest?menteeID=\(u.menteeID)&form=\(dto.form.rawValue)\(dto.network ? "&network=true" : "")", "Подсказать наставников", class: "btn small")]
                        + (editable ? [chooser(u.menteeID, current: nil)] : [])
                }, empty: "Все наставляемые получили пару.")
            }
        }
        return req.html(html)
    }

    func back(_ req: Request, _ id: UUID, _ work: () async throws -> String) async throws -> Response {
        do { return req.done("/matching/runs/\(id)", try await work()) } catch let v as ValidationError { return req.done("/matching/runs/\(id)", v.summary) }
    }

    @Sendable func act(req: Request) async throws -> Response {
        let id = try req.uuid("id")
        let input = try req.content.decode(PairAction.self)
        return try await back(req, id) {
            _ = try await MatchingService.act(req, id, input)
            return "Предложение изменено."
        }
    }

    @Sendable func decide(req: Request) async throws -> Response {
        let id = try req.uuid("id")
        switch req.parameters.get("decision") {
        case "rerun": return try await back(req, id) { _ = try await MatchingService.rerun(req, id); return "Подбор пересчитан; закреплённые пары сохранены." }
        case "discard": return try await Self.discarding.post(req)
        case "approve": return try await Self.approval.post(req)
        default: throw Abort(.notFound)
        }
    }

    static func backToRun(_ req: Request) async throws -> (label: String, href: String) {
        ("Подбор пар", "/matching/runs/\(try req.uuid("id"))")
    }

    /// Approving a run creates its pairs: the confirmation lists them (groups as the approval forms them) and who stays without one.
    static let approval = ConfirmStep<NoInput>(
        title: "Утвердить подбор и сформировать пары", submit: "Подтвердить: сформировать пары", back: backToRun,
        initial: { _ in NoInput() },
        consequences: { req, _ in
            let (run, _) = try await MatchingService.requireRun(req, try req.uuid("id"), .write)
            let result: MatchingResult = StoredJSON.decode(run.result) ?? MatchingResult(pairs: [], unmatched: [], totalScore: 0)
            guard !result.pairs.isEmpty else { throw ValidationError("pairs", "В предложении нет пар.") }
            let names = try await MentorshipStore.people(req.db, result.pairs.flatMap { [$0.mentorID, $0.menteeID] } + result.unmatched.map(\.menteeID))
            let name = { (id: UUID) in names[id]?.fullName ?? "—" }
            let orgOf = Dictionary(try await MenteeProfileRecord.query(on: req.db).filter(\.$personID ~~ result.pairs.map(\.menteeID)).all().map { ($0.personID, $0.organisationID) },
                                   uniquingKeysWith: { a, _ in a })
            var groups: [(mentor: UUID, org: UUID?, mentees: [UUID])] = []
            for p in result.pairs {
                if run.grouped, let k = groups.firstIndex(where: { $0.mentor == p.mentorID && $0.org == orgOf[p.menteeID] }) {
                    groups[k].mentees.append(p.menteeID)
                } else {
                    groups.append((p.mentorID, orgOf[p.menteeID], [p.menteeID]))
                }
            }
            let start = req.today
            var lines = ["Будет сформировано пар (групп): \(groups.count), в статусе «формируется», с \(start.russian) по \(start.adding(months: 9).adding(days: -1).russian) (план):"]
            lines += groups.map { g in "\(name(g.mentor)) → \(g.mentees.map(name).joined(separator: ", "))" }
            lines.append(result.unmatched.isEmpty ? "Все наставляемые подбора получат пару." : "Без пары останутся: \(result.unmatched.map { name($0.menteeID) }.sorted().joined(separator: ", ")).")
            lines.append("Подбор станет утверждённым и больше не изменится; пары затем закрепляют приказом.")
            return lines
        },
        perform: { req, _ in
            let id = try req.uuid("id")
            let ids = try await MatchingService.approve(req, id)
            return ("/matching/runs/\(id)", "Сформировано пар (групп): \(ids.count). Они в статусе «формируется»: составьте программы и закрепите их приказом.")
        })

    /// Discarding a run drops its proposal for good.
    static let discarding = ConfirmStep<NoInput>(
        title: "Отклонить подбор", submit: "Подтвердить отклонение", back: backToRun,
        initial: { _ in NoInput() },
        consequences: { req, _ in
            let (run, _) = try await MatchingService.requireRun(req, try req.uuid("id"), .write)
            let result: MatchingResult = StoredJSON.decode(run.result) ?? MatchingResult(pairs: [], unmatched: [], totalScore: 0)
            return ["Подбор от \(try run.day(\.$createdOn).russian) (запустил \(run.createdBy)) будет отклонён: ни одна из \(result.pairs.count) предложенных пар не будет сформирована.",
                    "Подбор останется в истории только для просмотра; для новых пар запустите новый подбор."]
        },
        perform: { req, _ in
            let id = try req.uuid("id")
            _ = try await MatchingService.discard(req, id)
            return ("/matching/runs/\(id)", "Подбор отклонён.")
        })

    @Sendable func suggest(req: Request) async throws -> Response {
        guard let menteeID = (req.query["menteeID"] as String?).flatMap({ UUID(uuidString: $0) }) else { throw Abort(.badRequest, reason: "Укажите наставляемого.") }
        let form = (req.query["form"] as String?).flatMap(MentorshipForm.parse) ?? .teacherTeacher
        let (mentee, list, pool) = try await MatchingService.suggestions(req, menteeID: menteeID, form: form, network: (req.query["network"] as String?) == "true")
        let csrf = req.csrfToken
        func markForm(_ mentor: UUID, kind: String, options: [(String, String)], label: String) -> Node {
            el("form", ["method": "post", "action": "/matching/marks", "class": "inline"]) {
                void("input", ["type": "hidden", "name": "csrf", "value": csrf])
                void("input", ["type": "hidden", "name": "kind", "value": kind])
                void("input", ["type": "hidden", "name": "mentorID", "value": mentor.uuidString])
                void("input", ["type": "hidden", "name": "menteeID", "value": menteeID.uuidString])
                void("input", ["type": "hidden", "name": "form", "value": form.rawValue])
                el("select", ["name": "value", "aria-label": label]) { options.map { o in el("option", ["value": o.0]) { o.1 } } }
                el("button", ["type": "submit", "class": "btn small"]) { "Записать" }
            }
        }
        let html = Layout.page(try req.page(), title: "Наставники для: \(mentee.person.fullName)", breadcrumbs: [("Подбор пар", "/matching")]) {
            el("p", ["class": "muted"]) { "Пять лучших допустимых наставников в форме «\(form.label)» с объяснением баллов. Анкета предпочтений наставляемого и отметка психолога учитываются в следующих подборах." }
            Layout.table(["Наставник", "Баллы", "Почему", "Выбор наставляемого", "Психолог"], list.map { p in
                [
                    link("/people/\(p.mentorID)", pool.names[p.mentorID]?.0 ?? "—"), .text(Format.decimal(p.score.total, 2)),
                    el("ul", ["class": "plain"]) { p.score.parts.map { part in el("li") { "\(part.criterion.label): \(Format.decimal(part.points, 2)) — \(part.explanation)" } } },
                    markForm(p.mentorID, kind: "mentee_rank", options: (1...5).map { ("\($0)", "\($0)-й выбор") }, label: "Место в списке предпочтений"),
                    markForm(p.mentorID, kind: "psychologist", options: CompatibilityMark.options, label: "Отметка психолога"),
                ]
            }, empty: "Допустимых наставников нет: проверьте согласия, формы наставников и их свободные места.")
        }
        return req.html(html)
    }

    @Sendable func mark(req: Request) async throws -> Response {
        let input = try req.content.decode(MarkInput.self)
        let form = (req.content["form"] as String?).flatMap(MentorshipForm.parse) ?? .teacherTeacher
        let back = "/matching/suggest?menteeID=\(input.menteeID ?? "")&form=\(form.rawValue)"
        do {
            _ = try await MatchingService.mark(req, input)
            return req.done(back, "Отметка записана.")
        } catch let v as ValidationError { return req.done(back, v.summary) }
    }
}
