import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// Contests in the UI: the list, announcing and editing a contest, applying, the jury's scoring, results and awards.
struct ContestController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("contests", use: list)
        routes.get("contests", ":id", use: card)
        Self.publication.register(routes, ["contests", ":id", "publish"])
        routes.post("contest-applications", ":app", "score", use: score)
        Self.withdrawal.register(routes, ["contest-applications", ":app", "withdraw"])
        routes.post("contest-applications", ":app", "award", use: award)
        Self.contestForm(title: "Объявить конкурс", initial: { _ in ContestInput() }) { req, input in
            let c = try await ContestService.create(req, input)
            return ("/contests/\(c.id)", "Конкурс «\(c.title)» объявлен.")
        }.register(routes, ["contests", "new"])
        Self.contestForm(title: "Изменить конкурс", initial: { req in
            ContestInput(try await ContestService.require(req, try req.uuid("id")))
        }) { req, input in
            let c = try await ContestService.update(req, try req.uuid("id"), input)
            return ("/contests/\(c.id)", "Конкурс изменён.")
        }.register(routes, ["contests", ":id", "edit"])
        ActionForm<ApplicationInput>(
            title: "Заявка на конкурс", submit: "Подать заявку",
            back: { req in
                let c = try await ContestService.require(req, try req.uuid("id"))
                return (c.title, "/contests/\(c.id)")
            },
            initial: { _ in ApplicationInput() },
            fields: { req, input in try await Self.applicationFields(req, input) },
            perform: { req, input in
                let a = try await ContestService.apply(req, try req.uuid("id"), input)
                return ("/contests/\(a.contestID)", "Заявка «\(a.title)» подана.")
            }
        ).register(routes, ["contests", ":id", "apply"])
    }

    static func contestForm(
        title: String, initial: @escaping @Sendable (Request) async throws -> ContestInput,
        perform: @escaping @Sendable (Request, ContestInput) async throws -> (href: String, message: String)
    ) -> ActionForm<ContestInput> {
        ActionForm(
            title: title, submit: "Сохранить", back: { _ in ("Конкурсы", "/contests") }, initial: initial,
            fields: { req, i in
                let base = req.parameters.get("id") == nil ? nil : try await ContestService.require(req, try req.uuid("id"))
                let ticked = Set(i.jurorIDs ?? [])
                // The name search above the form narrows the list; the ticked stay offered.
                let q = req.query[String.self, at: "q"].nonBlank?.lowercased()
                let choices = try await ContestService.jurorChoices(req, base: base)
                    .filter { q == nil || ticked.contains($0.id.uuidString) || $0.fullName.lowercased().contains(q ?? "") }
                // Jurors already on the contest stay offered even if since moved away or switched off.
                let kept = (base?.jurors ?? []).filter { j in !choices.contains { $0.id == j.accountID } }
                let jurorOptions = choices.map { ($0.id.uuidString, $0.label) } + kept.map { ($0.accountID.uuidString, "\($0.name) — в жюри конкурса") }
                return [
                    FormField("title", "Название", value: i.title, required: true, hint: "например: «Лучший наставник — 2027»"),
                    FormField("description", "Положение о конкурсе: цели, участники, порядок", .textarea, value: i.description),
                    FormField("applicationsFrom", "Приём заявок с", .date, value: i.applicationsFrom, required: true),
                    FormField("applicationsTo", "Приём заявок по", .date, value: i.applicationsTo, required: true),
                    FormField("judgingTo", "Экспертиза до", .date, value: i.judgingTo, required: true),
                    FormField("resultsOn", "Подведение итогов", .date, value: i.resultsOn, required: true),
                    FormField("nominations", "Номинации, по одной в строке", .textarea, value: i.nominations, required: true,
                              hint: "можно указать форму: «Команда – команда | команда – команда»"),
                    FormField("criteria", "Критерии и максимальный балл, по одному в строке", .textarea, value: i.criteria, required: true,
                              hint: "«Результативность; 10»"),
                    FormField("jurorIDs", "Жюри", .checkboxes(jurorOptions), values: i.jurorIDs ?? [],
                              hint: "член жюри не оценивает заявки своей организации и свои собственные"),
                    FormField("winnersPerNomination", "Победителей в номинации", .number, value: i.winnersPerNomination?.value.map(String.init) ?? "3"),
                ]
            },
            search: "Найти члена жюри по фамилии, имени", perform: perform)
    }

    static func applicationFields(_ req: Request, _ input: ApplicationInput) async throws -> [FormField] {
        let c = try await ContestService.require(req, try req.uuid("id"))
        let orgs = try await ContestService.applicantOrganisations(req, c)
        guard let org = orgs.first(where: { $0.id.uuidString == input.organisationID }) ?? orgs.first else {
            throw Abort(.forbidden, reason: "Заявку подают куратор, руководитель или наставник организации, участвующей в конкурсе.")
        }
        let mentors = try await MentorProfileRecord.query(on: req.db).filter(\.$organisationID == org.id).all().map(\.personID)
        let people = try await MentorshipStore.people(req.db, mentors).values.sorted { $0.fullName < $1.fullName }
        let mentorships = try await MentorshipRecord.query(on: req.db).filter(\.$organisationID == org.id).all().map(\.core)
        let items = try await PracticeItemRecord.query(on: req.db).filter(\.$organisationID == org.id).filter(\.$status == ModerationStatus.published.rawValue).all().map { try $0.core }
        var f: [FormField] = [
            FormField("nominationID", "Номинация", .select(c.nominations.map { ($0.id.uuidString, $0.title) }, blank: nil), value: input.nominationID, required: true),
            FormField("title", "Название заявки", value: input.title, required: true),
        ]
        if orgs.count > 1 {
            f.append(FormField("organisationID", "Организация", .select(orgs.map { ($0.id.uuidString, $0.shortName) }, blank: nil), value: input.organisationID))
        }
        if try req.user.actor.role != .mentor {
            f.append(FormField("applicantPersonIDs", "Наставники — участники", .checkboxes(people.map { ($0.id.uuidString, $0.fullName) }), values: input.applicantPersonIDs ?? []))
        }
        f.append(FormField("mentorshipIDs", "Пары и группы", .checkboxes(mentorships.map { ($0.id.uuidString, "\($0.title.nonBlank ?? $0.form.label), с \($0.start.russian)") }), values: input.mentorshipIDs ?? []))
        if !items.isEmpty {
            f.append(FormField("practiceItemIDs", "Материалы из банка практик", .checkboxes(items.map { ($0.id.uuidString, $0.title) }), values: input.practiceItemIDs ?? []))
        }
        return f
    }

    @Sendable func list(req: Request) async throws -> Response {
        let contests = try await ContestService.list(req)
        let role = try req.user.actor.role
        let actions = RouteAccess.territoryOrganisers.permits(role) ? [link("/contests/new", "Объявить конкурс", class: "btn primary")] : []
        let html = Layout.page(try req.page(), title: "Конкурсы профессионального мастерства наставников", actions: actions) {
            Layout.table(["Конкурс", "Уровень", "Приём заявок", "Итоги", "Этап"], contests.map { c in
                [link("/contests/\(c.id)", c.title), .text(c.level.label), .text(c.applicationsPeriod.russian), .text(c.resultsOn.russian), Self.stage(c, req.today)]
            }, empty: "Конкурсов пока нет.")
        }
        return req.html(html)
    }

    static func stage(_ c: Contest, _ today: Day) -> Node {
        let s = c.stage(on: today)
        return Layout.badge(s.label, s == .published ? "ok" : s == .applications || s == .judging ? "info" : "")
    }

    @Sendable func card(req: Request) async throws -> Response {
        let c = try await ContestService.require(req, try req.uuid("id"))
        return req.html(try await Self.cardPage(req, c, issues: []))
    }

    static func cardPage(_ req: Request, _ c: Contest, issues: [FieldIssue]) async throws -> String {
        let v = try await ContestService.view(req, c)
        let actor = try req.user.actor
        let orgs = try await OrganisationRecord.query(on: req.db).filter(\.$id ~~ v.applications.map(\.organisationID)).all()
        let orgName = Dictionary(orgs.map { ($0.id!, $0.shortName) }, uniquingKeysWith: { a, _ in a })
        let people = try await MentorshipStore.people(req.db, v.applications.flatMap(\.applicantPersonIDs))
        let names = { (a: ContestApplication) in a.applicantPersonIDs.compactMap { people[$0]?.shortName }.joined(separator: ", ") }
        let nomination = { (a: ContestApplication) in c.nomination(a.nominationID)?.title ?? "—" }
        let applicantOrgs = try await ContestService.applicantOrganisations(req, c)
        let mayApply = v.stage == .applications && !applicantOrgs.isEmpty
        let scores = v.isJuror ? try await ContestService.scores(req.db, v.applications).filter { $0.jurorAccountID == actor.accountID } : []
        var actions: [Node] = []
        if mayApply { actions.append(link("/contests/\(c.id)/apply", "Подать заявку", class: "btn primary")) }
        if v.mayOrganise {
            actions.append(link("/contests/\(c.id)/edit", "Изменить", class: "btn"))
            if v.stage == .results { actions.append(link("/contests/\(c.id)/publish", "Опубликовать итоги…", class: "btn primary")) }
        }
        return Layout.page(try req.page(), title: c.title, breadcrumbs: [("Конкурсы", "/contests")], actions: actions) {
            Forms.errorSummary(issues)
            Layout.facts([
                ("Этап", v.stage.label), ("Уровень", c.level.label), ("Приём заявок", c.applicationsPeriod.russian),
                ("Экспертиза до", c.judgingTo.russian), ("Подведение итогов", c.resultsOn.russian),
                ("Номинации", c.nominations.map(\.title).joined(separator: "; ")),
                ("Критерии", c.criteria.map { "\($0.title) (до \($0.maxScore))" }.joined(separator: "; ")),
                ("Жюри", c.jurors.map(\.name).joined(separator: ", ")),
            ])
            if !c.description.isEmpty { el("p") { c.description } }
            if let progress = v.jurorProgress, v.stage == .judging || v.stage == .results {
                Layout.section("Работа жюри") {
                    Layout.table(["Член жюри", "Оценено заявок", "Из них должен оценить"], progress.map { [.text($0.name), .text("\($0.done)"), .text("\($0.due)")] })
                }
            }
            Layout.section("Заявки") {
                Layout.table(["Заявка", "Номинация", "Организация", "Участники", "Подана", ""], v.applications.map { a in
                    [el("div") { a.title; a.withdrawn ? el("p", ["class": "hint"]) { "отозвана" } : .empty }, .text(nomination(a)), .text(orgName[a.organisationID] ?? "—"),
                     .text(names(a)), .text(a.submittedOn.russian),
                     Self.applicationActions(req, c, v, a, mine: scores.filter { $0.applicationID == a.id }, actor: actor)]
                }, empty: "Заявок нет.")
            }
            if let results = v.results {
                Layout.section(c.resultsPublished ? "Итоги" : "Рейтинг (предварительный, виден организатору и жюри)") {
                    results.map { r in
                        Node.fragment([
                            el("h3") { r.nomination.title },
                            !r.hasScores ? el("p", ["class": "muted"]) { r.rows.isEmpty ? "Заявок в номинации нет." : "Оценок пока нет." } : Layout.table(["Место", "Заявка", "Организация", "Средний балл", "Оценили", "Итог", ""], r.rows.map { row in
                                [.text("\(row.place)" + (row.tiedWith > 0 ? " (делят \(row.tiedWith + 1))" : "")), .text(row.application.title),
                                 .text(orgName[row.application.organisationID] ?? "—"), .text(RussianNumber.decimal(row.total)),
                                 .text("\(row.jurorsCounted)" + (row.complete ? "" : " — не все")),
                                 row.isWinner ? Layout.badge(row.application.award ?? "победитель", "ok") : .empty,
                                 v.mayOrganise && c.resultsPublished && row.isWinner ? Self.awardForm(req, row.application) : .empty]
                            }, empty: "Заявок в номинации нет."),
                        ])
                    }
                }
            }
        }
    }

    static func applicationActions(_ req: Request, _ c: Contest, _ v: ContestView, _ a: ContestApplication, mine: [JuryScore], actor: Actor) -> Node {
        if a.withdrawn { return .empty }
        if v.isJuror, v.stage == .judging, let juror = c.juror(actor.accountID) {
            if ContestRules.conflict(juror, a) { return el("p", ["class": "hint"]) { "Не оцениваете: заявка вашей организации или ваша." } }
            return el("details") {
                el("summary") { mine.isEmpty ? "Оценить" : "Оценено: \(mine.map(\.score).reduce(0, +)) — изменить" }
                el("form", ["method": "post", "action": "/contest-applications/\(a.id)/score", "class": "form compact"]) {
                    void("input", ["type": "hidden", "name": "csrf", "value": req.csrfToken])
                    c.criteria.map { cr in
                        Forms.field(FormField("scores[\(cr.id.uuidString)]", "\(cr.title) (0–\(cr.maxScore))", .number,
                                              value: mine.first { $0.criterionID == cr.id }.map { String($0.score) }), issue: nil, idSuffix: "-\(a.id)")
                    }
                    Forms.field(FormField("comment", "Комментарий", .textarea, value: mine.first?.comment), issue: nil, idSuffix: "-\(a.id)")
                    el("button", ["type": "submit", "class": "btn small primary"]) { "Сохранить оценки" }
                }
            }
        }
        // Only a role that may write contests (a psychologist of the school saw «Отозвать…» and got 403 — the form walk).
        if (v.stage == .applications || v.stage == .judging) && AccessPolicy.permits(actor.role, .write, .contest)
            && ContestService.mayWithdraw(actor, a) {
            return link("/contest-applications/\(a.id)/withdraw", "Отозвать…", class: "btn small")
        }
        return .empty
    }

    static func awardForm(_ req: Request, _ a: ContestApplication) -> Node {
        inlineTextForm("/contest-applications/\(a.id)/award", name: "award", label: "Награда", value: a.award, placeholder: "Диплом I степени",
                       submit: "Наградить", csrf: req.csrfToken, id: "award-\(a.id)")
    }

    /// Runs a POST on a contest and comes back to its page with a message, or with the problems in Russian (422).
    func act(_ req: Request, contest: @Sendable (Request) async throws -> UUID, _ body: @Sendable (Request) async throws -> String) async throws -> Response {
        let cid = try await contest(req)
        return try await req.perform(back: "/contests/\(cid)", page: { req, issues in try await Self.cardPage(req, try await ContestService.require(req, cid), issues: issues) }, body)
    }

    static func contestOf(_ req: Request) async throws -> UUID {
        guard let a = try await ContestApplicationRecord.find(try req.uuid("app"), on: req.db) else { throw Abort(.notFound, reason: "Заявка не найдена.") }
        return a.contestID
    }

    /// Publishing results shows the ranking to everyone and records the wins: confirmed on a page naming the winners.
    static let publication = ConfirmStep<NoInput>(
        title: "Опубликовать итоги конкурса", submit: "Подтвердить публикацию итогов",
        back: { req in
            let c = try await ContestService.require(req, try req.uuid("id"))
            return (c.title, "/contests/\(c.id)")
        },
        initial: { _ in NoInput() },
        consequences: { req, _ in
            let c = try await ContestService.require(req, try req.uuid("id"))
            let v = try await ContestService.view(req, c)
            guard v.mayOrganise else { throw Abort(.forbidden, reason: "Итоги публикует организатор конкурса.") }
            guard v.stage == .results else {
                throw ValidationError("stage", c.resultsPublished ? "Итоги уже опубликованы." : "Итоги публикуются после окончания экспертизы (\(c.judgingTo.russian)).")
            }
            let people = try await MentorshipStore.people(req.db, v.applications.flatMap(\.applicantPersonIDs))
            var lines = ["Итоги конкурса «\(c.title)» станут видны всем, кому виден конкурс; снять публикацию нельзя."]
            for r in v.results ?? [] {
                let winners = r.winners.map { w in "«\(w.application.title)» (\(w.application.applicantPersonIDs.compactMap { people[$0]?.fullName }.joined(separator: ", ")))" }
                lines.append("Номинация «\(r.nomination.title)»: " + (winners.isEmpty ? "победителей нет." : "победители — \(winners.joined(separator: "; "))."))
            }
            lines.append("Победы войдут в историю наставников и в их признание.")
            return lines
        },
        perform: { req, _ in
            let c = try await ContestService.publish(req, try req.uuid("id"))
            return ("/contests/\(c.id)", "Итоги опубликованы. Победители отмечены в истории наставников.")
        })

    @Sendable func score(req: Request) async throws -> Response {
        try await act(req, contest: Self.contestOf) { req in
            let s = try await ContestService.score(req, try req.uuid("app"), try req.content.decode(ScoreInput.self))
            return "Оценки сохранены: \(s.map(\.score).reduce(0, +)) баллов."
        }
    }

    /// Withdrawing an application cannot be undone: confirmed on a page naming it, its nomination and what the jury loses.
    static let withdrawal = ConfirmStep<NoInput>(
        title: "Отозвать заявку", submit: "Подтвердить отзыв заявки",
        back: { req in
            let c = try await ContestService.require(req, try await Self.contestOf(req))
            return (c.title, "/contests/\(c.id)")
        },
        initial: { _ in NoInput() },
        consequences: { req, _ in
            let (record, c) = try await ContestService.withdrawable(req, try req.uuid("app"))
            let a = try record.core
            let nomination = c.nominations.first { $0.id == a.nominationID }?.title ?? "—"
            let scored = Set(try await ContestService.scores(req.db, [a]).map(\.jurorAccountID)).count
            var lines = ["Заявка «\(a.title)» (номинация «\(nomination)», подана \(a.submittedOn.russian)) будет отозвана: жюри её не оценивает, в итогах конкурса её не будет."]
            if scored > 0 { lines.append("Оценки, которые ей уже поставили члены жюри (\(scored)), не будут учтены.") }
            lines.append(c.stage(on: req.today) == .applications
                ? "Вернуть отозванную заявку нельзя; новую можно подать до \(c.applicationsTo.russian)."
                : "Вернуть отозванную заявку нельзя; приём заявок закончился \(c.applicationsTo.russian).")
            return lines
        },
        perform: { req, _ in
            let a = try await ContestService.withdraw(req, try req.uuid("app"))
            return ("/contests/\(a.contestID)", "Заявка «\(a.title)» отозвана.")
        })

    @Sendable func award(req: Request) async throws -> Response {
        try await act(req, contest: Self.contestOf) { req in
            let a = try await ContestService.award(req, try req.uuid("app"), try req.content.decode(AwardInput.self))
            return "Награда записана: \(a.award ?? "—")."
        }
    }
}
