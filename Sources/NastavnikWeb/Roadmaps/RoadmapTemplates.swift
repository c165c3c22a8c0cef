import Fluent
import Foundation
import NastavnikCore
import NastavnikOffice
import NastavnikStore
import Vapor

/// Roadmap templates of municipalities and regions: the standard one to download, one's own to upload
/// (checked row by row), and the one a school's new roadmap is made from — its municipality's, else its
/// region's, else the standard.
enum RoadmapTemplateService {
    static func standardFile() throws -> Data {
        // Numbers as numbers (the stage, the event, the months and the day), the rest as text.
        let rows = RoadmapTemplateFile.rows(RoadmapTemplate.standard).map { r in r.enumerated().map { i, v in [0, 2, 7, 8, 9].contains(i) ? Int(v).map(XLSXCell.integer) ?? .empty : .text(v) } }
        return try XLSXWriter.data([XLSXSheet(name: "Дорожная карта", headers: RoadmapTemplateFile.headers + RoadmapTemplateFile.optionalHeaders, rows: rows,
                                              columnWidths: [7, 40, 6, 70, 30, 40, 50, 18, 16, 18])])
    }

    /// Checks and stores the caller's level's template, replacing the previous one.
    static func upload(_ req: Request, data: Data, filename: String) async throws -> RoadmapTemplateRecord {
        let node = try TemplatesController.node(req)
        guard !data.isEmpty else { throw ValidationError("file", "Выберите файл шаблона (.xlsx или .csv).") }
        let table: [[String]]
        do { table = try await UnpackingGate.shared.run { try TextTable.rows(data, filename: filename) } } catch let e as TextTableError { throw ValidationError("file", e.message) } catch let e as OOXMLError { throw ValidationError("file", e.message) }
        let stages = try RoadmapTemplateFile.parse(table).get()
        let user = try req.user
        let stored = StoredFileRecord(name: filename, contentType: DownloadType.xlsx.contentType, bytes: data, uploadedBy: user.login)
        let record = RoadmapTemplateRecord(regionID: node.regionID, municipalityID: node.municipalityID, fileID: stored.id!, fileName: filename,
                                           events: stages.map(\.events.count).reduce(0, +), uploadedBy: user.login, uploadedOn: req.today)
        try await req.db.transaction { db in
            var old = RoadmapTemplateRecord.query(on: db)
            old = node.municipalityID.map { old.filter(\.$municipalityID == $0) } ?? old.filter(\.$municipalityID == nil).filter(\.$regionID == node.regionID)
            try await old.delete()
            try await stored.create(on: db)
            try await record.create(on: db)
        }
        return record
    }

    /// The template for an organisation and where it comes from.
    static func template(_ db: any Database, for org: Organisation) async throws -> ([RoadmapTemplateStage], String) {
        let mun = try await MunicipalityRecord.find(org.municipalityID, on: db)
        let own = try await RoadmapTemplateRecord.query(on: db).filter(\.$municipalityID == org.municipalityID).first()
        let regional = try await mun.asyncMap { m in try await RoadmapTemplateRecord.query(on: db).filter(\.$municipalityID == nil).filter(\.$regionID == m.regionID).first() } ?? nil
        for (record, source) in [(own, "шаблон муниципалитета"), (regional, "шаблон региона")] {
            guard let record, let file = try await StoredFileRecord.find(record.fileID, on: db),
                  let table = try? TextTable.rows(file.bytes, filename: record.fileName),
                  case let .success(stages) = RoadmapTemplateFile.parse(table) else { continue }
            return (stages, "\(source) «\(record.fileName)» от \(Day(record.uploadedOn)?.russian ?? record.uploadedOn)")
        }
        return (RoadmapTemplate.standard, "типовой шаблон (7 этапов, 35 мероприятий)")
    }
}

struct RoadmapTemplatesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("roadmap-templates", use: index)
        routes.get("roadmap-templates", "standard.xlsx", use: standard)
        routes.on(.POST, "roadmap-templates", body: .collect(maxSize: ByteCount(value: uploadLimit)), use: upload)
    }

    struct Upload: Content {
        var file: File?
    }

    @Sendable func standard(req: Request) async throws -> Response {
        req.download(try RoadmapTemplateService.standardFile(), name: "Типовая дорожная карта.xlsx", type: .xlsx)
    }

    @Sendable func index(req: Request) async throws -> Response {
        try await page(req, issues: [])
    }

    func page(_ req: Request, issues: [FieldIssue], status: HTTPResponseStatus = .ok) async throws -> Response {
        let node = try TemplatesController.node(req)
        var q = RoadmapTemplateRecord.query(on: req.db)
        q = node.municipalityID.map { q.filter(\.$municipalityID == $0) } ?? q.filter(\.$municipalityID == nil).filter(\.$regionID == node.regionID)
        let current = try await q.first()
        let html = Layout.page(try req.page(), title: "Шаблон дорожной карты", actions: [link("/roadmap-templates/standard.xlsx", "Скачать типовой шаблон (XLSX)", class: "btn")]) {
            el("p", ["class": "muted"]) {
                "Шаблон \(node.municipalityID != nil ? "муниципалитета" : "региона") применяется, когда подведомственная организация создаёт дорожную карту на учебный год. Скачайте типовой шаблон (7 этапов и 35 мероприятий), измените мероприятия, сроки и ответственных в Excel и загрузите файл: каждая строка проверяется."
            }
            el("p") { current.map { "Действует: «\($0.fileName)», \(RussianPlural.count($0.events, .events)), загружен \(Day($0.uploadedOn)?.russian ?? "") (\($0.uploadedBy))." } ?? "Свой шаблон не загружен: действует шаблон вышестоящего уровня или типовой." }
            if !issues.isEmpty { Forms.errorSummary(issues) }
            el("form", ["method": "post", "action": "/roadmap-templates", "enctype": "multipart/form-data", "class": "form"]) {
                void("input", ["type": "hidden", "name": "csrf", "value": req.csrfToken])
                Forms.fileField("file", "Файл шаблона (.xlsx или .csv)", accept: ".xlsx,.csv", issues: issues)
                el("button", ["type": "submit", "class": "btn primary"]) { "Загрузить шаблон" }
            }
        }
        return req.html(html, status: status)
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let input = try req.content.decode(Upload.self)
        do {
            let r = try await RoadmapTemplateService.upload(req, data: input.file.map { Data(buffer: $0.data) } ?? Data(), filename: input.file?.filename ?? "template.xlsx")
            return req.done("/roadmap-templates", "Шаблон «\(r.fileName)» принят: \(RussianPlural.count(r.events, .events)).")
        } catch let v as ValidationError {
            return try await page(req, issues: v.issues, status: .unprocessableEntity)
        }
    }
}

struct RoadmapTemplateInfo: Content {
    var fileName: String
    var events: Int
    var municipalityID: UUID?
    var regionID: UUID?
}
