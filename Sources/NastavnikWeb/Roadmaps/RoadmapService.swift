import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

struct RoadmapEventInput: Content {
    var status: String?
    /// дд.мм.гггг
    var doneOn: String?
    var evidence: String?
}

extension RoadmapEvent: Content {}

/// An organisation's roadmap: created from the standard template for a school year, kept event by event.
/// Reading and keeping it follow the rights on the organisation's local acts.
enum RoadmapService {
    /// The school year asked for (`year`, its first year; default the current one), within `InputRange.years`.
    static func year(_ req: Request) throws -> Int {
        try InputRange.year("year", req.query[Int.self, at: "year"], fallback: RoadmapRules.schoolYear(of: req.today))
    }

    static func events(_ db: any Database, _ org: UUID, year: Int) async throws -> [RoadmapEvent] {
        try await RoadmapEventRecord.query(on: db).filter(\.$organisationID == org).filter(\.$schoolYear == year).all().map(\.core)
            .sorted { $0.number < $1.number }
    }

    static func create(_ req: Request, _ orgID: UUID) async throws -> [RoadmapEvent] {
        let org = try await Scope.requireOrganisation(req, orgID, .write, .localAct)
        let year = try year(req)
        guard try await RoadmapEventRecord.query(on: req.db).filter(\.$organisationID == org.id).filter(\.$schoolYear == year).count() == 0 else {
            throw ValidationError("year", "Дорожная карта на \(year)/\(year + 1) учебный год уже есть.")
        }
        let (template, _) = try await RoadmapTemplateService.template(req.db, for: org)
        // From the model's second year on, «далее ежегодно в сентябре/октябре» (seed 003) sets the month.
        let earlier = try await RoadmapEventRecord.query(on: req.db).filter(\.$organisationID == org.id).filter(\.$schoolYear < year).count()
        let events = RoadmapRules.instantiate(template, organisationID: org.id, schoolYear: year, firstYear: earlier == 0)
        let today = req.today.iso
        try await req.db.transaction { db in
            try await db.insertAll(events.map { e in
                let record = RoadmapEventRecord(e)
                record.createdOn = today
                return record
            })
        }
        return events
    }

    static func update(_ req: Request, _ id: UUID, _ input: RoadmapEventInput) async throws -> RoadmapEvent {
        guard let record = try await RoadmapEventRecord.find(id, on: req.db) else {
            throw Abort(.notFound, reason: "Мероприятие не найдено или вне вашей зоны доступа.")
        }
        try await Scope.requireOrganisation(req, record.organisationID, .write, .localAct)
        var event = record.core
        guard let status = input.status.nonBlank.flatMap(RoadmapEventStatus.parse) else {
            throw ValidationError("status", "Выберите статус мероприятия.")
        }
        let doneOn = input.doneOn.nonBlank.flatMap(Day.init)
        let issues = RoadmapRules.validateUpdate(event, status: status, doneOn: doneOn, evidence: input.evidence, today: req.today)
        try ValidationError.check(FieldIssue.withUnreadableDate(issues, "doneOn", input.doneOn))
        event.status = status
        event.doneOn = status == .done ? doneOn : nil
        event.evidence = input.evidence.nonBlank
        record.apply(event)
        try await record.save(on: req.db)
        return event
    }
}
