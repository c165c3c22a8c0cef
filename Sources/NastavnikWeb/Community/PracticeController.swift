import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// The bank of programmes and practices in the UI: search and filters, the item card with moderation,
/// the add/edit form (with a file), a case from a completed pair.
struct PracticeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("practices", use: list)
        routes.get("practices", "new", use: newForm)
        routes.on(.POST, "practices", "new", body: .collect(maxSize: "20mb"), use: create)
        routes.get("practices", ":id", use: card)
        routes.get("practices", ":id", "edit", use: editForm)
        routes.on(.POST, "practices", ":id", "edit", body: .collect(maxSize: "20mb"), use: update)
        routes.post("practices", ":id", "submit", use: submit)
        routes.post("practices", ":id", "moderate", use: moderate)
        routes.get("practices", ":id", "file", use: file)
        routes.post("mentorships", ":id", "case", use: makeCase)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let f = try req.query.decode(PracticeFilter.self)
        let views = try await PracticeService.search(req, f)
        if req.query[String.self, at: "format"] != nil {
            return try req.export(CSVTable(headers: ["Название", "Вид", "Авторы", "Организация", "Формы", "Теги", "Уровень", "Статус", "Дата"], rows: views.map { v in
                let p = v.item
                return [p.title, p.kind.label, p.authors, v.organisation, LabelledSet.labels(p.forms), p.tags.joined(separator: ", "), p.level.label, p.status.label, p.createdOn.russian]
            }), name: "Банк практик")
        }
        let mayAdd = !(try await PracticeService.organisations(req)).isEmpty
        let pending = try await PracticeService.search(req, PracticeFilter(status: ModerationStatus.pending.rawValue)).filter(\.mayModerate).count
        let tags = Array(Set(views.flatMap(\.item.tags))).sorted()
        var actions = req.exportLinks
        if pending > 0 { actions.insert(link("/practices?status=pending", "На модерации: \(pending)", class: "btn"), at: 0) }
        if mayAdd { actions.insert(link("/practices/new", "Добавить материал", class: "btn primary"), at: 0) }
        let html = Layout.page(try req.page(), title: "Банк программ и практик наставничества", actions: actions) {
            Forms.filters(action: "/practices", fields: [
                FormField("q", "Поиск по тексту", value: f.q, hint: "слова в любой форме: «наставник» найдёт «наставника»"),
                .choice("kind", "Вид", PracticeKind.self, value: f.kind, blank: "все"),
                .choice("form", "Форма наставничества", MentorshipForm.self, value: f.form, blank: "все"),
                FormField("tag", "Тег", .select(tags.map { ($0, $0) }, blank: "все"), value: f.tag),
                .choice("level", "Уровень", PublicationLevel.self, value: f.level, blank: "все"),
                .choice("status", "Статус", ModerationStatus.self, value: f.status, blank: "все"),
            ])
            el("p", ["class": "muted"]) { f.q.nonBlank == nil ? "Материалов: \(views.count)." : "Найдено: \(views.count), сначала наиболее подходящие." }
            el("ul", ["class": "cards"]) {
                views.map { v in
                    el("li", ["class": "card"]) {
                        el("h2", ["class": "card-title"]) { link("/practices/\(v.item.id)", v.item.title) }
                        el("p", ["class": "muted"]) { "\(v.item.kind.label) · \(v.organisation) · \(v.item.authors) · \(v.item.createdOn.russian)" }
                        el("p") { v.snippet ?? String(v.item.description.prefix(200)) + (v.item.description.count > 200 ? "…" : "") }
                        el("p") {
                            Self.status(v.item)
                            " "
                            v.item.tags.map { t in link("/practices?tag=\(percentEncode(t))", "#\(t)", class: "tag") }
                        }
                    }
                }
            }
            if views.isEmpty { el("p") { "Ничего не найдено. Попробуйте другие слова или снимите фильтры." } }
        }
        return req.html(html)
    }

    static func status(_ p: PracticeItem) -> Node {
        let tone = switch p.status {
        case .published: "ok"
        case .pending: "info"
        case .rejected: "bad"
        case .draft: ""
        }
        return Layout.badge(p.status == .published ? "\(p.status.label): \(p.level.label)" : p.status.label, tone)
    }

    /// What anonymising replaced in a case: the moderator checks the text with it before publishing.
    static func anonymisation(_ names: (drafted: [NameAnonymiser.Replacement], remaining: [NameAnonymiser.Replacement])) -> Node {
        func list(_ r: [NameAnonymiser.Replacement]) -> Node {
            el("ul", ["class": "anonymised"]) { r.map { x in el("li") { "«\(x.original)» → \(x.placeholder)" } } }
        }
        return Layout.section("Обезличивание") {
            if !names.remaining.isEmpty {
                el("div", ["class": "alert error", "role": "alert"]) { "В тексте есть имена участников пары; при сохранении они будут заменены:" }
                list(names.remaining)
            }
            if names.drafted.isEmpty {
                el("p", ["class": "muted"]) { "В данных пары, из которых составлен кейс, имён участников не найдено. Проверьте текст: уменьшительные имена не распознаются." }
            } else {
                el("p") { "Имена участников пары, заменённые в тексте кейса:" }
                list(names.drafted)
                el("p", ["class": "muted"]) { "Проверьте текст: уменьшительные имена и прозвища не распознаются." }
            }
        }
    }

    @Sendable func card(req: Request) async throws -> Response {
        let (v, _) = try await PracticeService.require(req, try req.uuid("id"))
        return req.html(try await Self.cardPage(req, v, issues: []))
    }

    /// The card; its moderator and authors see which names anonymising took out of a case.
    static func cardPage(_ req: Request, _ v: PracticeView, issues: [FieldIssue]) async throws -> String {
        let names = v.mayModerate || v.mayEdit ? try await PracticeService.caseNames(req.db, v.item) : nil
        return try cardPage(req, v, issues: issues, names: names)
    }

    static func cardPage(_ req: Request, _ v: PracticeView, issues: [FieldIssue],
                         names: (drafted: [NameAnonymiser.Replacement], remaining: [NameAnonymiser.Replacement])?) throws -> String {
        let p = v.item
        var actions: [Node] = []
        if v.mayEdit {
            actions.append(link("/practices/\(p.id)/edit", "Изменить", class: "btn"))
            if p.status == .draft || p.status == .rejected {
                actions.append(postButton("/practices/\(p.id)/submit", p.level.moderator == nil ? "Опубликовать" : "Отправить на модерацию", csrf: req.csrfToken, tone: "primary"))
            }
        }
        return Layout.page(try req.page(), title: p.title, breadcrumbs: [("Банк практик", "/practices")], actions: actions) {
            Forms.errorSummary(issues)
            el("p") { status(p) }
            if let reason = p.rejectionReason, p.status == .rejected {
                el("div", ["class": "alert error", "role": "alert"]) { "Причина отклонения: \(reason)" }
            }
            Layout.facts([
                ("Вид", p.kind.label), ("Авторы", p.authors), ("Организация", v.organisation), ("Формы наставничества", LabelledSet.labels(p.forms)),
                ("Теги", p.tags.joined(separator: ", ")), ("Уровень публикации", p.level.label), ("Добавлен", "\(p.createdOn.russian), \(p.createdBy)"),
                ("Решение модератора", p.moderatedOn.map { "\($0.russian), \(p.moderatedBy ?? "")" }),
            ])
            Layout.section("Описание") { p.description.split(separator: "\n").map { line in el("p") { String(line) } } }
            if p.link != nil || p.fileID != nil {
                Layout.section("Материалы") {
                    el("ul") {
                        if let l = p.link { el("li") { el("a", ["href": l, "rel": "noopener noreferrer"]) { l } } }
                        if let name = p.fileName { el("li") { link("/practices/\(p.id)/file", "Скачать файл «\(name)»") } }
                    }
                }
            }
            if let mid = p.mentorshipID, v.mayEdit { el("p") { link("/mentorships/\(mid)", "Пара (группа), по которой оформлен кейс") } }
            if let names { anonymisation(names) }
            if v.mayModerate {
                Layout.section("Модерация") {
                    el("form", ["method": "post", "action": "/practices/\(p.id)/moderate", "class": "form"]) {
                        void("input", ["type": "hidden", "name": "csrf", "value": req.csrfToken])
                        Forms.field(FormField("decision", "Решение", .select([("approve", "Опубликовать"), ("reject", "Отклонить")], blank: nil), value: "approve"), issue: nil)
                        Forms.field(FormField("reason", "Причина отклонения (увидит автор)", .textarea), issue: issues.first { $0.field == "reason" }?.message)
                        el("button", ["type": "submit", "class": "btn primary"]) { "Принять решение" }
                    }
                }
            }
        }
    }

    static func fields(_ input: PracticeInput, organisations: [Organisation], isNew: Bool) -> [FormField] {
        var f: [FormField] = [
            .choice("kind", "Вид материала", PracticeKind.self, value: input.kind, blank: nil, required: true),
            FormField("title", "Название", value: input.title, required: true),
            FormField("description", "Описание: о чём материал, кому и чем полезен", .textarea, value: input.description, required: true),
            FormField("authors", "Авторы (ФИО, должность)", value: input.authors, required: true),
        ]
        if isNew && organisations.count > 1 {
            f.append(FormField("organisationID", "Организация", .select(organisations.map { ($0.id.uuidString, $0.shortName) }, blank: nil), value: input.organisationID, required: true))
        }
        f += [
            .many("forms", "Формы наставничества", MentorshipForm.self, values: input.forms ?? []),
            FormField("tags", "Теги через запятую", value: input.tags, hint: "например: молодой педагог, адаптация, проектная деятельность"),
            FormField("link", "Ссылка (запись вебинара, страница)", value: input.link),
            FormField("level", "Где опубликовать", .select(PublicationLevel.options, blank: nil), value: input.level ?? PublicationLevel.organisation.rawValue,
                      hint: "в организации — сразу; в муниципалитете, регионе и открыто — после модерации"),
        ]
        return f
    }

    func formPage(_ req: Request, title: String, action: String, back: String, _ input: PracticeInput, issues: [FieldIssue], isNew: Bool, status: HTTPResponseStatus) async throws -> Response {
        let orgs = try await PracticeService.organisations(req)
        let html = Layout.page(try req.page(), title: title, breadcrumbs: [("Банк практик", "/practices")]) {
            el("form", ["method": "post", "action": action, "enctype": "multipart/form-data", "class": "form", "novalidate": "novalidate"]) {
                Forms.errorSummary(issues)
                void("input", ["type": "hidden", "name": "csrf", "value": req.csrfToken])
                Self.fields(input, organisations: orgs, isNew: isNew).map { f in Forms.field(f, issue: issues.first { $0.field == f.name }?.message) }
                el("div", ["class": "field"]) {
                    el("label", ["for": "f-file"]) { "Файл (DOCX, PDF, презентация)" }
                    void("input", ["type": "file", "id": "f-file", "name": "file"])
                }
                el("div", ["class": "actions"]) {
                    el("button", ["type": "submit", "class": "btn primary"]) { "Сохранить" }
                    link(back, "Отмена", class: "btn")
                }
            }
        }
        return req.html(html, status: status)
    }

    @Sendable func newForm(req: Request) async throws -> Response {
        guard !(try await PracticeService.organisations(req)).isEmpty else {
            throw Abort(.forbidden, reason: "Добавлять материалы в банк могут наставники, кураторы и руководители организаций.")
        }
        return try await formPage(req, title: "Новый материал", action: "/practices/new", back: "/practices", PracticeInput(), issues: [], isNew: true, status: .ok)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = try req.content.decode(PracticeInput.self)
        do {
            let p = try await PracticeService.create(req, input)
            return req.done("/practices/\(p.id)", "Материал сохранён как черновик. Чтобы его увидели коллеги, нажмите «\(p.level.moderator == nil ? "Опубликовать" : "Отправить на модерацию")».")
        } catch let v as ValidationError {
            return try await formPage(req, title: "Новый материал", action: "/practices/new", back: "/practices", input, issues: v.issues, isNew: true, status: .unprocessableEntity)
        }
    }

    @Sendable func editForm(req: Request) async throws -> Response {
        let p = try await PracticeService.requireEditable(req, try req.uuid("id"))
        return try await formPage(req, title: "Изменить материал", action: "/practices/\(p.id)/edit", back: "/practices/\(p.id)", PracticeInput(p), issues: [], isNew: false, status: .ok)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let id = try req.uuid("id")
        let input = try req.content.decode(PracticeInput.self)
        do {
            let p = try await PracticeService.update(req, id, input)
            return req.done("/practices/\(id)", p.status == .draft ? "Изменения сохранены. Материал снова нужно отправить на модерацию." : "Изменения сохранены.")
        } catch let v as ValidationError {
            return try await formPage(req, title: "Изменить материал", action: "/practices/\(id)/edit", back: "/practices/\(id)", input, issues: v.issues, isNew: false, status: .unprocessableEntity)
        }
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let id = try req.uuid("id")
        do {
            let p = try await PracticeService.submit(req, id)
            return req.done("/practices/\(id)", p.status == .published ? "Материал опубликован." : "Материал отправлен на модерацию.")
        } catch let v as ValidationError {
            return req.html(try await Self.cardPage(req, try await PracticeService.require(req, id).0, issues: v.issues), status: .unprocessableEntity)
        }
    }

    @Sendable func moderate(req: Request) async throws -> Response {
        let id = try req.uuid("id")
        do {
            let p = try await PracticeService.moderate(req, id, try req.content.decode(ModerationInput.self))
            return req.done("/practices/\(id)", p.status == .published ? "Материал опубликован." : "Материал отклонён; автор увидит причину.")
        } catch let v as ValidationError {
            return req.html(try await Self.cardPage(req, try await PracticeService.require(req, id).0, issues: v.issues), status: .unprocessableEntity)
        }
    }

    @Sendable func file(req: Request) async throws -> Response {
        let (v, _) = try await PracticeService.require(req, try req.uuid("id"))
        return try await req.storedFile(v.item.fileID, missing: "У материала нет файла.")
    }

    @Sendable func makeCase(req: Request) async throws -> Response {
        let id = try req.uuid("id")
        do {
            let p = try await PracticeService.caseFrom(req, mentorship: id)
            return req.done("/practices/\(p.id)/edit", "Кейс составлен по данным пары. Проверьте текст, добавьте выводы и опубликуйте.")
        } catch let v as ValidationError {
            return req.done("/mentorships/\(id)", v.summary)
        }
    }
}
