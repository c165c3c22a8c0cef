import Fluent
import Foundation
import NastavnikCore
import NastavnikOffice
import NastavnikStore
import Vapor

struct ImportUpload: Content {
    var kind: String?
    var file: File?
}

struct ImportCommitInput: Content {
    var kind: String?
    var validOnly: String?
    /// Conflicting rows ticked «Это тот же человек — обновить данные» (one field per ticked row, or «2,5»).
    var confirm: [String]?
    /// The conflicting rows the preview showed, «2,5»: those not ticked were decided «не загружать».
    var conflicts: String?
}

/// /imports: choose what to load, upload XLSX or CSV, see the dry run with every row's problems, commit.
struct ImportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("imports", use: index)
        routes.on(.POST, "imports", body: .collect(maxSize: ByteCount(value: uploadLimit)), use: upload)
        routes.get("imports", "template", ":kind", use: template)
        routes.get("imports", ":file", use: preview)
        routes.post("imports", ":file", "commit", use: commit)
        routes.get("imports", "jobs", ":job", use: job)
    }

    static func kinds(_ req: Request) throws -> [ImportKind] {
        ImportKind.allCases.filter { (try? ImportService.requireRight(req, $0)) != nil }
    }

    /// «Загрузить из файла» for each of `kinds` the caller's role may import (`ImportService.requireRight`), and —
    /// with `organisation` — only where the caller may write that kind into it. Nothing for anyone else.
    static func links(_ req: Request, _ kinds: [ImportKind], organisation: UUID? = nil) async throws -> [Node] {
        let allowed = (try? Self.kinds(req)) ?? []
        var shown: [ImportKind] = []
        for kind in kinds where allowed.contains(kind) {
            if let organisation, try await !Scope.writableOrganisations(req, ImportService.resource(kind)).contains(where: { $0.id == organisation }) { continue }
            shown.append(kind)
        }
        return shown.map { kind in
            link("/imports?kind=\(kind.rawValue)", shown.count == 1 ? "Загрузить из файла" : "Загрузить из файла: \(kind.label)", class: "btn")
        }
    }

    static func kind(_ raw: String?) throws -> ImportKind {
        guard let k = raw.flatMap(ImportKind.init(rawValue:)) else { throw ValidationError("kind", "Выберите, что загружается.") }
        return k
    }

    @Sendable func index(req: Request) async throws -> Response {
        try await page(req, kind: req.query["kind"], issues: [], status: .ok)
    }

    func page(_ req: Request, kind: String?, issues: [FieldIssue], status: HTTPResponseStatus) async throws -> Response {
        let kinds = try Self.kinds(req)
        guard !kinds.isEmpty else { throw Abort(.forbidden, reason: "Ваша роль не позволяет загружать данные.") }
        let chosen = kind.flatMap(ImportKind.init(rawValue:)) ?? kinds[0]
        let html = Layout.page(try req.page(), title: "Загрузка из таблицы") {
            el("p", ["class": "muted"]) {
                "Загрузите файл XLSX или CSV (UTF-8 или Windows-1251, разделитель «;» или «,»). Сначала система проверит каждую строку и покажет, что будет создано и обновлено, — данные меняются только после подтверждения. Повторная загрузка того же файла обновляет записи, а не дублирует их."
            }
            el("form", ["method": "post", "action": "/imports", "enctype": "multipart/form-data", "class": "form"]) {
                Forms.errorSummary(issues)
                void("input", ["type": "hidden", "name": "csrf", "value": req.csrfToken])
                Forms.field(FormField("kind", "Что загружается", .select(kinds.map { ($0.rawValue, RegistryController.capitalised($0.label)) }, blank: nil), value: chosen.rawValue, required: true), issue: issues.first { $0.field == "kind" }?.message)
                Forms.fileField("file", "Файл (XLSX или CSV, до 64 МБ)", accept: ".xlsx,.csv,.txt", issues: issues)
                el("div", ["class": "actions"]) { el("button", ["type": "submit", "class": "btn primary"]) { "Проверить файл" } }
            }
            Layout.section("Шаблоны и столбцы") {
                el("p") {
                    "Скачайте шаблон с нужными столбцами (пример заполнения — на листе «Пример», он не загружается): "
                    kinds.map { k in el("span") { link("/imports/template/\(k.rawValue)", "«\(k.label)»", class: "btn small"); " " } }
                }
                el("p", ["class": "muted"]) { "Столбцы для «\(chosen.label)» (обязательные отмечены *); заголовки распознаются без учёта регистра, «ё» и пояснений в скобках:" }
                Layout.table(["Столбец", "Также распознаётся", "Пример", "Пояснение"], ImportSpec.columns(chosen).map { c in
                    [.text(c.title + (c.required ? " *" : "")), .text(c.aliases.joined(separator: ", ")), .text(c.sample), .text(c.hint ?? "")]
                })
            }
        }
        return req.html(html, status: status)
    }

    @Sendable func template(req: Request) async throws -> Response {
        let kind = try Self.kind(req.parameters.get("kind"))
        try ImportService.requireRight(req, kind)
        return try req.download(XLSXWriter.data(Self.templateSheets(kind)), name: "Шаблон — \(kind.label).xlsx", type: .xlsx)
    }

    /// The template: the headers alone on the first sheet (the one an import reads), and a filled-in example on the
    /// second, «Пример» — a sample person in the first sheet was imported as a real one by whoever left it there.
    static func templateSheets(_ kind: ImportKind) -> [XLSXSheet] {
        let columns = ImportSpec.columns(kind)
        let headers = columns.map { $0.title + ($0.required ? " *" : "") }
        return [
            XLSXSheet(name: kind.label, headers: headers),
            XLSXSheet(name: "Пример", headers: headers, rows: [columns.map { XLSXCell.text($0.sample) }]),
        ]
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let input = try req.content.decode(ImportUpload.self)
        do {
            let kind = try Self.kind(input.kind)
            try ImportService.requireRight(req, kind)
            guard let file = input.file, file.data.readableBytes > 0 else { throw ValidationError("file", "Выберите файл.") }
            let data = Data(buffer: file.data)
            _ = try await ImportService.table(data, filename: file.filename)
            let stored = StoredFileRecord(name: file.filename, contentType: "application/octet-stream", bytes: data, uploadedBy: try req.user.login)
            try await stored.create(on: req.db)
            return req.redirect(to: "/imports/\(stored.id!)?kind=\(kind.rawValue)")
        } catch let v as ValidationError {
            return try await page(req, kind: input.kind, issues: v.issues, status: .unprocessableEntity)
        }
    }

    /// The uploaded file, only for the account that uploaded it.
    static func storedFile(_ req: Request) async throws -> StoredFileRecord {
        guard let f = try await StoredFileRecord.find(try req.uuid("file"), on: req.db), f.uploadedBy == (try req.user.login) else {
            throw Abort(.notFound, reason: "Загруженный файл не найден.")
        }
        return f
    }

    @Sendable func preview(req: Request) async throws -> Response {
        let file = try await Self.storedFile(req)
        let kind = try Self.kind(req.query["kind"])
        let plan = try await ImportService.plan(req, kind, file.bytes, filename: file.name)
        return req.html(Self.previewPage(req, try req.page(), file, plan))
    }

    static func previewPage(_ req: Request, _ ctx: PageContext, _ file: StoredFileRecord, _ plan: ImportPlan) -> String {
        let shown = plan.issues.prefix(500)
        let columns = ImportSpec.columns(plan.kind)
        let recognised = columns.filter { plan.mapping.index[$0.key] != nil }.map(\.title)
        let tally = plan.tally
        return Layout.page(ctx, title: "Проверка файла «\(file.name)»", breadcrumbs: [("Загрузка из таблицы", "/imports?kind=\(plan.kind.rawValue)")]) {
            Layout.facts([
                ("Что загружается", plan.kind.label), ("Строк с данными", "\(plan.dataRows)"),
                ("Без ошибок", "\(plan.rows.count): новых \(tally.created), изменённых \(tally.updated), без изменений \(tally.unchanged)"),
                ("С ошибками", "\(tally.rowsWithIssues)"),
                ("Совпадение СНИЛС с другим человеком", plan.conflicts.isEmpty ? "—" : "\(plan.conflicts.count): загружаются только отмеченные ниже"),
                ("Распознанные столбцы", recognised.joined(separator: ", ")),
                ("Не распознаны (не загружаются)", plan.mapping.ignored.isEmpty ? "—" : plan.mapping.ignored.joined(separator: ", ")),
            ])
            if plan.fileIsUsable, !plan.rows.isEmpty || !plan.conflicts.isEmpty {
                el("form", ["method": "post", "action": "/imports/\(file.id?.uuidString ?? "")/commit"]) {
                    void("input", ["type": "hidden", "name": "csrf", "value": ctx.csrf])
                    void("input", ["type": "hidden", "name": "kind", "value": plan.kind.rawValue])
                    if !plan.conflicts.isEmpty { conflictsSection(plan.conflicts) }
                    el("div", ["class": "actions"]) {
                        let ticked = plan.conflicts.isEmpty ? "" : " и отмеченные совпадения"
                        if plan.issues.isEmpty {
                            el("button", ["type": "submit", "class": "btn primary"]) { "Загрузить \(RussianPlural.count(plan.rows.count, "строку", "строки", "строк"))\(ticked)" }
                        } else {
                            void("input", ["type": "hidden", "name": "validOnly", "value": "true"])
                            el("button", ["type": "submit", "class": "btn"]) { "Загрузить только строки без ошибок (\(plan.rows.count))\(ticked)" }
                        }
                        link("/imports?kind=\(plan.kind.rawValue)", "Отмена", class: "btn")
                    }
                }
            }
            if !plan.issues.isEmpty {
                Layout.section("Ошибки (\(plan.issues.count)\(plan.issues.count > shown.count ? ", показаны первые \(shown.count)" : ""))") {
                    el("p", ["class": "muted"]) { "Исправьте файл и загрузите его снова — или загрузите только строки без ошибок: строки с ошибками не изменят ничего." }
                    Layout.table(["Строка", "Столбец", "Значение", "Что не так"], shown.map { i in
                        [.text("\(i.row)"), .text(i.column), .text(i.value), .text(i.message)]
                    })
                }
            }
            if plan.fileIsUsable {
                Layout.section("Первые строки") {
                    Layout.table(["Строка", "Запись", "Действие"], plan.rows.prefix(20).map { r in
                        [.text("\(r.row)"), .text(r.person?.fullName ?? r.organisation?.shortName ?? ""), .text(r.creates ? "новая" : (r.updates ? "изменится" : "без изменений"))]
                    }, empty: plan.conflicts.isEmpty ? "Нет строк без ошибок." : "Нет строк без ошибок и совпадений.")
                }
            }
        }
    }

    @Sendable func commit(req: Request) async throws -> Response {
        let file = try await Self.storedFile(req)
        let input = try req.content.decode(ImportCommitInput.self)
        let kind = try Self.kind(input.kind)
        // Every conflict the preview showed is decided: ticked — the same person, updated; not ticked — left out.
        let confirmed = try ImportService.rowNumbers(input.confirm, field: "confirm")
        let skipped = try ImportService.rowNumbers(input.conflicts.map { [$0] }, field: "conflicts").subtracting(confirmed)
        let planning = try await ImportService.planning(req, kind, file.bytes, filename: file.name, confirmed: confirmed)
        let previewPath = "/imports/\(file.id?.uuidString ?? "")?kind=\(kind.rawValue)"
        guard planning.fileIsUsable else {
            return req.done(previewPath, ImportService.unusableFile(planning.fileIssues).summary)
        }
        let user = try req.user
        let validOnly = input.validOnly == "true"
        let jobs = req.application.importJobs
        // The rows are planned as they are written (ImportService.commit): a row with problems found then, without
        // «only the valid rows», rolls the whole file back.
        let id = await jobs.start(.init(accountID: user.accountID, kind: kind, fileName: file.name, previewPath: previewPath, total: planning.dataRows))
        let db = req.db
        let logger = req.logger
        // A stop waits for it: the database pool must outlive the import's transaction.
        req.application.inFlight.task {
            do {
                let tally = try await ImportService.commit(db, user, planning, validOnly: validOnly, skipped: skipped) { done, _ in await jobs.progress(id, done: done) }
                await jobs.finish(id, tally)
            } catch {
                logger.report(error: error)
                await jobs.finish(id, error: (error as? ValidationError)?.summary ?? "Загрузка прервана: данные не изменены.")
            }
        }
        return req.redirect(to: "/imports/jobs/\(id)")
    }

    @Sendable func job(req: Request) async throws -> Response {
        guard let job = await req.application.importJobs.job(try req.uuid("job"), for: try req.user.accountID) else {
            throw Abort(.notFound, reason: "Загрузка не найдена.")
        }
        let title = job.finished ? (job.error == nil ? "Загрузка завершена" : "Загрузка не выполнена") : "Идёт загрузка…"
        let html = Layout.page(try req.page(), title: title, breadcrumbs: [("Загрузка из таблицы", "/imports?kind=\(job.kind.rawValue)")], refresh: job.finished ? nil : 1) {
            el("p") { "Файл «\(job.fileName)», \(job.kind.label)." }
            el("progress", ["max": "\(max(job.total, 1))", "value": "\(job.finished && job.error == nil ? job.total : job.done)", "aria-label": "Ход загрузки"]) { "" }
            el("p", ["class": "muted", "data-job": job.finished ? "done" : "running"]) { "Проверено и записано строк: \(job.finished && job.error == nil ? job.total : job.done) из \(job.total)." }
            if let error = job.error {
                el("div", ["class": "alert error", "role": "alert"]) { error }
                el("p") { link(job.previewPath, "Вернуться к проверке файла", class: "btn") }
            } else if job.finished {
                Layout.facts([("Создано", "\(job.tally.created)"), ("Изменено", "\(job.tally.updated)"), ("Без изменений", "\(job.tally.unchanged)"),
                              ("Пропущено строк с ошибками", "\(job.tally.rowsWithIssues)")]
                             + (job.tally.conflicts.isEmpty ? [] : [("Не загружено: конфликт СНИЛС", "\(job.tally.conflicts.count)")]))
                if !job.tally.conflicts.isEmpty {
                    Layout.table(["Строка", "Что с ней"], job.tally.conflicts.prefix(200).map { [.text("\($0.row)"), .text($0.message)] })
                }
                el("p") { link(Self.listPath(job.kind), "Открыть список", class: "btn primary") }
            }
        }
        return req.html(html)
    }

    /// Each conflicting row: the stored person and the file's version side by side, and the row's own decision.
    static func conflictsSection(_ conflicts: [ImportConflict]) -> Node {
        let shown = conflicts.prefix(200)
        return Layout.section("Совпадение СНИЛС с другим человеком (\(conflicts.count)\(conflicts.count > shown.count ? ", показаны первые \(shown.count)" : ""))") {
            void("input", ["type": "hidden", "name": "conflicts", "value": shown.map { String($0.row) }.joined(separator: ",")])
            el("p", ["class": "muted"]) {
                "СНИЛС в этих строках уже указан у человека, у которого другие фамилия, имя или дата рождения. Чаще всего это ошибка в СНИЛС — тогда исправьте файл. Если это тот же человек (например, сменил фамилию), отметьте строку: его данные обновятся. Неотмеченные строки не загружаются, данные человека не меняются."
            }
            shown.map { c in
                el("fieldset", ["class": "conflict"]) {
                    el("legend") { "Строка \(c.row)" }
                    Layout.table(["", "Сейчас в системе", "В файле"], c.differences.map { [.text($0.field), .text($0.stored), .text($0.file)] })
                    el("label") {
                        void("input", ["type": "checkbox", "name": "confirm", "value": "\(c.row)"])
                        " Это тот же человек — обновить данные"
                    }
                }
            }
        }
    }

    static func listPath(_ kind: ImportKind) -> String {
        switch kind {
        case .organisations: "/organisations"
        case .staff, .students: "/people"
        case .mentors: "/mentors"
        case .mentees: "/mentees"
        }
    }
}
