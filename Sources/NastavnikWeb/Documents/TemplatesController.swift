import Fluent
import Foundation
import NastavnikCore
import NastavnikOffice
import NastavnikStore
import Vapor

struct TemplateUpload: Content {
    var type: String?
    var file: File?
}

/// DOCX templates handed down by a region or a municipality, the default templates, and the
/// documentation of every placeholder.
struct TemplatesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("templates", use: index)
        routes.get("templates", "default", ":type", use: defaultTemplate)
        routes.on(.POST, "templates", body: .collect(maxSize: ByteCount(value: uploadLimit)), use: upload)
        routes.post("templates", ":template", "delete", use: delete)
        routes.get("templates", ":template", "file", use: file)
    }

    /// The node whose organisations an upload applies to: the municipality of a coordinator, the region of
    /// an operator; nobody else uploads.
    static func node(_ req: Request) throws -> Placement {
        let actor = try req.user.actor
        switch actor.role {
        case .municipalCoordinator where actor.placement.municipalityID != nil:
            return Placement(regionID: actor.placement.regionID, municipalityID: actor.placement.municipalityID)
        case .regionalOperator where actor.placement.regionID != nil:
            return Placement(regionID: actor.placement.regionID)
        default:
            throw Abort(.forbidden, reason: "Шаблоны документов загружают региональный оператор и муниципальный координатор.")
        }
    }

    /// Templates the caller may see: their own level's and, for a municipality, the region's above it.
    static func visible(_ req: Request) async throws -> [DocumentTemplateRecord] {
        let actor = try req.user.actor
        return try await DocumentTemplateRecord.query(on: req.db).all().filter { t in
            AccessPolicy.allows(actor, .read, .documentTemplate, at: t.placement)
                || (t.municipalityID == nil && t.regionID != nil && t.regionID == actor.placement.regionID)
        }
    }

    static func requireOwn(_ req: Request) async throws -> DocumentTemplateRecord {
        let actor = try req.user.actor
        guard let t = try await DocumentTemplateRecord.find(try req.uuid("template"), on: req.db),
            (try await Self.visible(req)).contains(where: { $0.id == t.id })
        else { throw Abort(.notFound, reason: "Шаблон не найден.") }
        if !AccessPolicy.allows(actor, .write, .documentTemplate, at: t.placement) { throw Abort(.forbidden, reason: "Шаблон загружен вышестоящим уровнем.") }
        return t
    }

    @Sendable func index(req: Request) async throws -> Response {
        try await page(req, issues: [], type: nil, status: .ok)
    }

    func page(_ req: Request, issues: [FieldIssue], type: String?, status: HTTPResponseStatus) async throws -> Response {
        let role = try req.user.actor.role
        guard AccessPolicy.permits(role, .read, .documentTemplate) else { throw Abort(.forbidden, reason: "Раздел недоступен вашей роли.") }
        let canUpload = (try? Self.node(req)) != nil
        let templates = try await Self.visible(req)
        let html = Layout.page(try req.page(), title: "Шаблоны документов", actions: [link("/roadmap-templates", "Шаблон дорожной карты", class: "btn")]) {
            el("p", ["class": "muted"]) {
                "Документы формируются по шаблонам: сначала ищется шаблон муниципалитета, затем региона, иначе используется шаблон по умолчанию. Свой шаблон — это документ Word (DOCX) с полями в двойных фигурных скобках, например {{организация.название}}; строка таблицы с полями списка (например, {{пары.наставник}}) повторяется для каждой записи. Шаблон с неизвестным полем не принимается."
            }
            if canUpload {
                Layout.section("Загрузить свой шаблон") {
                    el("form", ["method": "post", "action": "/templates", "enctype": "multipart/form-data", "class": "form"]) {
                        Forms.errorSummary(issues)
                        void("input", ["type": "hidden", "name": "csrf", "value": req.csrfToken])
                        Forms.field(FormField.choice("type", "Документ", DocumentType.self, value: type, blank: nil, required: true), issue: issues.first { $0.field == "type" }?.message)
                        Forms.fileField("file", "Файл шаблона (DOCX)", accept: ".docx", issues: issues)
                        el("div", ["class": "actions"]) { el("button", ["type": "submit", "class": "btn primary"]) { "Загрузить" } }
                    }
                }
            }
            Layout.section("Действующие шаблоны") {
                Layout.table(["Документ", "Уровень", "Файл", "Загружен", ""], templates.map { t in
                    [.text(DocumentType(rawValue: t.kind)?.label ?? t.kind), .text(t.municipalityID != nil ? "муниципалитет" : "регион"),
                     link("/templates/\(t.id!)/file", t.fileName), .text("\(Day(t.uploadedOn)?.russian ?? "") (\(t.uploadedBy))"),
                     AccessPolicy.allows(try! req.user.actor, .write, .documentTemplate, at: t.placement) ? postButton("/templates/\(t.id!)/delete", "Удалить", csrf: req.csrfToken, tone: "danger") : .empty]
                }, empty: "Своих шаблонов нет: используются шаблоны по умолчанию.")
            }
            DocumentType.allCases.map { t in
                Layout.section(t.label, actions: [link("/templates/default/\(t.rawValue)", "Скачать шаблон по умолчанию", class: "btn small")]) {
                    Layout.table(["Поле", "Что подставляется"], t.fields.map { [.text($0.placeholder), .text($0.meaning)] }
                        + t.lists.sorted { $0.key < $1.key }.flatMap { list, fields in
                            fields.map { f in [.text("{{\(list).\(f.name)}}"), .text("в повторяемой строке: \(f.meaning)")] }
                        })
                }
            }
        }
        return req.html(html, status: status)
    }

    @Sendable func defaultTemplate(req: Request) async throws -> Response {
        guard AccessPolicy.permits(try req.user.actor.role, .read, .documentTemplate) else { throw Abort(.forbidden) }
        guard let type = req.parameters.get("type").flatMap(DocumentType.init(rawValue:)) else { throw Abort(.notFound, reason: "Нет такого документа.") }
        return req.download(try type.defaultTemplate.data(), name: "Шаблон — \(type.label).docx", type: .docx)
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let input = try req.content.decode(TemplateUpload.self)
        do {
            let record = try await TemplateService.upload(req, input)
            return req.done("/templates", "Шаблон «\(record.fileName)» принят и применяется к организациям \(record.municipalityID != nil ? "муниципалитета" : "региона").")
        } catch let v as ValidationError {
            return try await page(req, issues: v.issues, type: input.type, status: .unprocessableEntity)
        }
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let t = try await Self.requireOwn(req)
        try await t.delete(on: req.db)
        return req.done("/templates", "Шаблон удалён: снова действует шаблон вышестоящего уровня или по умолчанию.")
    }

    @Sendable func file(req: Request) async throws -> Response {
        guard let t = try await DocumentTemplateRecord.find(try req.uuid("template"), on: req.db), (try await Self.visible(req)).contains(where: { $0.id == t.id }),
            let f = try await StoredFileRecord.find(t.fileID, on: req.db)
        else { throw Abort(.notFound, reason: "Шаблон не найден.") }
        return req.uploadedFile(f)
    }
}

enum TemplateService {
    /// Checks and stores an uploaded template for the caller's level, replacing their previous one of that type.
    static func upload(_ req: Request, _ input: TemplateUpload) async throws -> DocumentTemplateRecord {
        let node = try TemplatesController.node(req)
        guard let type = input.type.flatMap(DocumentType.init(rawValue:)) else { throw ValidationError("type", "Выберите документ.") }
        guard let file = input.file, file.data.readableBytes > 0 else { throw ValidationError("file", "Выберите файл шаблона.") }
        let data = Data(buffer: file.data)
        let template: DocxTemplate
        do { template = try await UnpackingGate.shared.run { try DocxTemplate(data: data) } } catch let e as OOXMLError { throw ValidationError("file", e.message) }
        let problems = type.validate(template)
        if !problems.isEmpty { throw ValidationError(problems.map { FieldIssue("file", $0) }) }
        if template.placeholders.isEmpty { throw ValidationError("file", "В шаблоне нет ни одного поля {{…}}: документ не будет заполнен данными.") }
        let user = try req.user
        let stored = StoredFileRecord(name: file.filename, contentType: DownloadType.docx.contentType, bytes: data, uploadedBy: user.login)
        let record = DocumentTemplateRecord(kind: type.rawValue, regionID: node.regionID, municipalityID: node.municipalityID, fileID: stored.id!, fileName: file.filename, uploadedBy: user.login, uploadedOn: req.today)
        try await req.db.transaction { db in
            var old = DocumentTemplateRecord.query(on: db).filter(\.$kind == type.rawValue)
            old = node.municipalityID.map { old.filter(\.$municipalityID == $0) } ?? old.filter(\.$municipalityID == nil).filter(\.$regionID == node.regionID)
            try await old.delete()
            try await stored.create(on: db)
            try await record.create(on: db)
        }
        return record
    }
}
