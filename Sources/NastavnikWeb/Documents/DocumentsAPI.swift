import Fluent
import Foundation
import NastavnikCore
import NastavnikOffice
import NastavnikStore
import Vapor

extension LocalAct: Content {}

/// The result of an import: the dry run, and whether it was written.
struct ImportReport: Content {
    var kind: ImportKind
    var dataRows: Int
    var valid: Int
    var created: Int
    var updated: Int
    var unchanged: Int
    var rowsWithIssues: Int
    var issues: [RowIssue]
    var ignoredColumns: [String]
    var committed: Bool
    /// Rows whose SNILS is a stored person's with another surname, first name or birth date, not confirmed: not written.
    var conflicts: [ImportConflictDTO]
    /// Conflicting rows confirmed (`confirm`) as the same person: written as updates.
    var confirmedConflicts: [Int]

    init(_ plan: ImportPlan, committed: Bool) {
        kind = plan.kind
        dataRows = plan.dataRows
        valid = plan.rows.count
        let tally = plan.tally
        created = tally.created
        updated = tally.updated
        unchanged = tally.unchanged
        rowsWithIssues = tally.rowsWithIssues
        issues = plan.issues
        ignoredColumns = plan.mapping.ignored
        self.committed = committed
        conflicts = plan.conflicts.map(ImportConflictDTO.init)
        confirmedConflicts = plan.rows.filter(\.conflict).map(\.row)
    }
}

/// A conflicting row in the API's report: both versions and every field that differs.
struct ImportConflictDTO: Content {
    var row: Int
    var stored: ImportPersonVersion
    var file: ImportPersonVersion
    var storedPersonID: UUID
    var differences: [ImportDifference]

    init(_ c: ImportConflict) {
        row = c.row
        stored = ImportPersonVersion(c.stored)
        file = ImportPersonVersion(c.incoming)
        storedPersonID = c.stored.id
        differences = c.differences
    }
}

struct TemplateDTO: Content {
    var id: UUID
    var type: String
    var regionID: UUID?
    var municipalityID: UUID?
    var fileName: String
    var placeholders: [String]
}

extension APIController {
    static let xlsxOrCSV = "application/octet-stream"

    static let documentOperations: [APIOperation] = [
        APIOperation(method: .POST, path: "/imports/{kind}", summary: "Загрузка XLSX/CSV: проверка (по умолчанию) или запись (commit=true; validOnly=true — только строки без ошибок). Строка, чей СНИЛС уже у человека с другими фамилией, именем или датой рождения, — конфликт (conflicts в отчёте): она записывается только с confirm=<номер строки>; commit=true без validOnly отказывает (422), пока каждый конфликт не подтверждён (confirm) или не пропущен (skip); validOnly=true пропускает неподтверждённые", tag: "Обмен данными",
            query: [("filename", "Имя файла: .xlsx или .csv"), ("commit", "true — записать"), ("validOnly", "true — записать только строки без ошибок (конфликты без confirm пропускаются)"),
                    ("confirm", "Номера строк-конфликтов через запятую, например 2,5: это тот же человек — обновить его данные из файла"),
                    ("skip", "Номера строк-конфликтов через запятую: не загружать их (при commit=true без validOnly)")],
            response: .ref("ImportReport"), upload: xlsxOrCSV) { req in
            guard let kind = req.parameters.get("kind").flatMap(ImportKind.init(rawValue:)) else { throw Abort(.notFound, reason: "Неизвестный вид загрузки.") }
            let data = req.body.data.map { Data(buffer: $0) } ?? Data()
            let confirmed = try ImportService.rowNumbers(req.query[[String].self, at: "confirm"], field: "confirm")
            let skipped = try ImportService.rowNumbers(req.query[[String].self, at: "skip"], field: "skip").subtracting(confirmed)
            let plan = try await ImportService.plan(req, kind, data, filename: req.query[String.self, at: "filename"] ?? "import.csv", confirmed: confirmed)
            guard req.query[String.self, at: "commit"] == "true" else { return try ImportReport(plan, committed: false).response() }
            try await ImportService.commit(req.db, try req.user, plan, validOnly: req.query[String.self, at: "validOnly"] == "true", skipped: skipped)
            return try ImportReport(plan, committed: true).response()
        },
        APIOperation(method: .GET, path: "/organisations/{id}/local-acts", summary: "Реестр локальных актов организации", tag: "Документы", response: .array(.ref("LocalAct"))) { req in
            let org = try await Scope.requireOrganisation(req, try req.uuid("id"), .read, .localAct)
            return try await LocalActRecord.query(on: req.db).filter(\.$organisationID == org.id).all().map { try $0.core }.sorted { $0.createdOn < $1.createdOn }.response()
        },
        APIOperation(method: .POST, path: "/organisations/{id}/documents", summary: "Сформировать документ (DOCX) из данных; action=register — внести в реестр как проект", tag: "Документы",
            body: .ref("GenerateInput"), response: .ref("LocalAct"), download: DownloadType.docx.contentType) { req in
            let org = try await Scope.requireOrganisation(req, try req.uuid("id"), .write, .localAct)
            let input = try req.content.decode(GenerateInput.self)
            let (file, type, mentorships, person) = try await DocumentService.generate(req, org, input)
            guard input.action == "register" else { return req.download(file.data, name: file.name, type: .docx) }
            return try await DocumentService.register(req, org, kind: type.actKind, title: type.label, file: file, mentorships: mentorships, person: person).response(.created)
        },
        APIOperation(method: .GET, path: "/local-acts/{id}", summary: "Документ реестра", tag: "Документы", response: .ref("LocalAct")) { req in
            try await DocumentService.require(req, try req.uuid("id"), .read).0.response()
        },
        APIOperation(method: .GET, path: "/local-acts/{id}/file", summary: "Файл документа", tag: "Документы", download: DownloadType.docx.contentType) { req in
            let (act, _) = try await DocumentService.require(req, try req.uuid("id"), .read)
            guard let id = act.fileID, let f = try await StoredFileRecord.find(id, on: req.db) else { throw Abort(.notFound, reason: "У документа нет файла.") }
            return req.uploadedFile(f)
        },
        APIOperation(method: .POST, path: "/local-acts/{id}/approve", summary: "Утвердить: номер, дата, кем утверждён (приказ о закреплении делает его пары действующими)", tag: "Документы", body: .ref("ApproveInput"), response: .ref("LocalAct")) { req in
            try await RegistryService.approve(req, try req.uuid("id"), try req.content.decode(ApproveInput.self)).response()
        },
        APIOperation(method: .POST, path: "/local-acts/{id}/cancel", summary: "Отменить документ", tag: "Документы", body: .ref("CancelActInput"), response: .ref("LocalAct")) { req in
            try await RegistryService.cancel(req, try req.uuid("id"), try req.content.decode(CancelActInput.self)).response()
        },
        APIOperation(method: .POST, path: "/templates/{type}", summary: "Загрузить свой шаблон DOCX для организаций своего уровня", tag: "Документы",
            query: [("filename", "Имя файла")], status: 201, response: .ref("DocumentTemplate"), upload: DownloadType.docx.contentType) { req in
            let data = req.body.data ?? ByteBuffer()
            let input = TemplateUpload(type: req.parameters.get("type"), file: File(data: data, filename: req.query[String.self, at: "filename"] ?? "шаблон.docx"))
            let r = try await TemplateService.upload(req, input)
            let placeholders = try await UnpackingGate.shared.run { try DocxTemplate(data: Data(buffer: data)).placeholders }
            return try TemplateDTO(id: r.id!, type: r.kind, regionID: r.regionID, municipalityID: r.municipalityID, fileName: r.fileName, placeholders: placeholders).response(.created)
        },
    ]

    static let documentSchemas: [String: Schema] = {
        let t = Schema.text, u = Schema.uuid
        typealias V = OpenAPIDocument
        return [
            "LocalAct": .object([
                ("id", u), ("organisationID", u), ("kind", V.values(LocalActKind.self)), ("title", t), ("number", .optText), ("date", .nullable(.date)),
                ("status", V.values(LocalActStatus.self)), ("approver", .optText), ("fileID", .nullable(u)), ("fileName", .optText), ("mentorshipIDs", .array(u)),
                ("personID", .nullable(u)), ("isPublic", .boolean), ("note", .optText), ("createdOn", .date), ("cancelledOn", .nullable(.date)), ("cancelReason", .optText),
            ], required: ["id", "organisationID", "kind", "title", "status", "mentorshipIDs", "isPublic", "createdOn"]),
            "GenerateInput": .object(V.strings(["type", "mentorshipID", "personID", "representative", "headName", "headPosition", "action"]) + [("mentorshipIDs", .array(u))], required: ["type"]),
            "ApproveInput": .object(V.strings(["number", "date", "approver", "isPublic"]), required: ["number", "date", "approver"]),
            "CancelActInput": .object(V.strings(["date", "reason"]), required: ["reason"]),
            "ImportReport": .object([
                ("kind", V.values(ImportKind.self)), ("dataRows", .integer), ("valid", .integer), ("created", .integer), ("updated", .integer), ("unchanged", .integer),
                ("rowsWithIssues", .integer), ("committed", .boolean), ("ignoredColumns", .array(t)),
                ("issues", .array(.object([("row", .integer), ("column", t), ("value", t), ("message", t)], required: ["row", "column", "value", "message"]))),
                ("conflicts", .array(.ref("ImportConflict"))), ("confirmedConflicts", .array(.integer)),
            ], required: ["kind", "dataRows", "valid", "created", "updated", "unchanged", "rowsWithIssues", "issues", "ignoredColumns", "committed", "conflicts", "confirmedConflicts"]),
            "ImportConflict": .object([
                ("row", .integer), ("storedPersonID", u),
                ("stored", .object([("fullName", t), ("birthDate", .date)], required: ["fullName", "birthDate"])),
                ("file", .object([("fullName", t), ("birthDate", .date)], required: ["fullName", "birthDate"])),
                ("differences", .array(.object([("field", t), ("stored", t), ("file", t)], required: ["field", "stored", "file"]))),
            ], required: ["row", "storedPersonID", "stored", "file", "differences"]),
            "DocumentTemplate": .object([("id", u), ("type", V.values(DocumentType.self)), ("regionID", .nullable(u)), ("municipalityID", .nullable(u)), ("fileName", t), ("placeholders", .array(t))],
                required: ["id", "type", "fileName", "placeholders"]),
        ]
    }()
}
