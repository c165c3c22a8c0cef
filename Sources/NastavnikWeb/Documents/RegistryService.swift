import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

struct ApproveInput: Content {
    var number: String?
    var date: String?
    var approver: String?
    var isPublic: String?
}

struct CancelActInput: Content {
    var date: String?
    var reason: String?
}

struct ManualActInput: Content {
    var kind: String?
    var title: String?
    var number: String?
    var date: String?
    var approver: String?
    var isPublic: String?
    var file: File?
}

/// Changes to the registry: approval (which fixes the pairs a pairs order names), cancellation, a document
/// typed in by hand with its scan.
enum RegistryService {
    static func approve(_ req: Request, _ id: UUID, _ input: ApproveInput) async throws -> LocalAct {
        let user = try req.user
        let (act, _) = try await DocumentService.require(req, id, .write)
        var r = InputReader()
        let date = r.day(input.date, "date", "дату утверждения")
        try r.check()
        let year = date?.year ?? req.today.year
        let taken = Set(try await LocalActRecord.query(on: req.db).filter(\.$organisationID == act.organisationID).filter(\.$status != LocalActStatus.draft.rawValue).all()
            .filter { $0.id != id && LocalActKind(rawValue: $0.kind)?.isOrder == true && $0.date.flatMap(Day.init)?.year == year }
            .compactMap { $0.number?.lowercased() })
        try ValidationError.check(LocalActRules.validateApproval(act, number: input.number, date: date, approver: input.approver, taken: taken, today: req.today))
        var approved = act
        approved.status = .approved
        approved.number = input.number?.trimmingCharacters(in: .whitespacesAndNewlines)
        approved.date = date
        approved.approver = input.approver.nonBlank
        approved.isPublic = input.isPublic == "true" && act.kind.mayBePublic
        // A pairs order fixes its pairs: each forming one becomes active with this order's reference.
        var fixed: [(MentorshipDossier, Mentorship)] = []
        if act.kind == .pairsOrder {
            let order = OrderReference(number: approved.number!, date: date!)
            for mid in act.mentorshipIDs {
                let d = try await MentorshipStore.require(req, mid, .write)
                guard d.mentorship.status == .forming else { continue }
                try ValidationError.check(MentorshipRules.validateOrder(d.mentorship, order: order, today: req.today).map {
                    FieldIssue("number", "\(d.title): \($0.message)")
                })
                var m = d.mentorship
                m.order = order
                m.status = .active
                fixed.append((d, m))
            }
        }
        let done = approved
        let changes = fixed
        try await req.db.transaction { db in
            guard let record = try await LocalActRecord.find(id, on: db) else { throw Abort(.notFound) }
            record.apply(done)
            try await record.save(on: db)
            for (d, m) in changes { try await MentorshipService.write(db, user, d, m, menteeStatus: .inProgramme) }
        }
        return approved
    }

    static func cancel(_ req: Request, _ id: UUID, _ input: CancelActInput) async throws -> LocalAct {
        let (act, _) = try await DocumentService.require(req, id, .write)
        var r = InputReader()
        let day = r.day(input.date, "cancelledOn", "дату отмены", default: req.today)
        try r.check()
        try ValidationError.check(LocalActRules.validateCancellation(act, on: day!, reason: input.reason, today: req.today))
        var cancelled = act
        cancelled.status = .cancelled
        cancelled.cancelledOn = day
        cancelled.cancelReason = input.reason.nonBlank
        cancelled.isPublic = false
        try await MentorshipStore.update(LocalActRecord.self, req.db, cancelled)
        return cancelled
    }

    /// A document made elsewhere: its details and, optionally, its file (a scan or a DOCX).
    static func addManual(_ req: Request, _ org: Organisation, _ input: ManualActInput) async throws -> LocalAct {
        var r = InputReader()
        let kind: LocalActKind? = r.choice(input.kind, "kind", "Выберите вид документа.")
        let date = input.date.nonBlank == nil ? nil : r.day(input.date, "date", "дату документа")
        try r.check()
        let stored = try input.file.flatMap { f -> StoredFileRecord? in
            guard f.data.readableBytes > 0 else { return nil }
            return StoredFileRecord(name: f.filename, contentType: f.contentType?.serialize() ?? "application/octet-stream", bytes: Data(buffer: f.data), uploadedBy: try req.user.login)
        }
        var act = LocalAct(organisationID: org.id, kind: kind!, title: input.title.nonBlank ?? kind!.label.prefix(1).uppercased() + kind!.label.dropFirst(), fileID: stored?.id, fileName: stored?.name, createdOn: req.today)
        var issues = LocalActRules.validateNew(act, today: req.today)
        if input.number.nonBlank != nil || date != nil {
            issues += LocalActRules.validateApproval(act, number: input.number, date: date, approver: input.approver, taken: [], today: req.today)
            act.status = .approved
            act.number = input.number.nonBlank
            act.date = date
            act.approver = input.approver.nonBlank
            act.isPublic = input.isPublic == "true"
        }
        if act.kind == .pairsOrder || act.kind == .consent || act.kind == .personalProgramme {
            issues.append(.init("kind", "Приказ о закреплении пар, программы и согласия формируются из карточек пар и людей: там они связываются с парами и людьми."))
        }
        try ValidationError.check(issues)
        let done = act
        try await req.db.transaction { db in
            try await stored?.create(on: db)
            try await LocalActRecord(done).create(on: db)
        }
        return act
    }
}
