import Fluent
import Foundation
import NastavnikCore

/// A record the indicators read: writing it outdates the aggregates of the organisations it touches.
protocol IndicatorInputRecord: Model {
    /// What this copy of the record touches (`IndicatorInputs`).
    var indicatorInputs: IndicatorInputs { get }
    /// False where a new record cannot count anywhere yet (a person without places, an organisation without records).
    static var outdatesOnCreate: Bool { get }
}

extension IndicatorInputRecord {
    static var outdatesOnCreate: Bool { true }

    /// What the stored copy touched, before an update or a delete changes it.
    func storedInputs(on db: any Database) async throws -> IndicatorInputs {
        guard let id else { return IndicatorInputs() }
        return try await Self.find(id, on: db)?.indicatorInputs ?? IndicatorInputs()
    }
}

/// One mechanism for every write path (web forms, the API, imports, the demo loader): Fluent calls it on each
/// create, update and delete of a record the indicators read, and it bumps the generation of the organisations
/// the record touched before and after the write (`IndicatorAggregateStore.outdate`), once the write is done.
/// Writes that bypass Fluent's models (raw SQL, query-builder updates) must call `outdate` themselves.
public struct IndicatorInputsMiddleware: AnyModelMiddleware {
    public init() {}

    public func handle(_ event: ModelEvent, _ model: any AnyModel, on db: any Database, chainingTo next: any AnyModelResponder) -> EventLoopFuture<Void> {
        guard let record = model as? any IndicatorInputRecord, let store = IndicatorAggregateStore(db) else { return next.handle(event, model, on: db) }
        if case .create = event, !type(of: record).outdatesOnCreate { return next.handle(event, model, on: db) }
        return db.eventLoop.makeFutureWithTask {
            var touched = IndicatorInputs()
            switch event {
            case .update: touched = try await record.storedInputs(on: db)
            case .delete: touched = record.indicatorInputs
            case .create, .softDelete, .restore: break
            }
            try await next.handle(event, model, on: db).get()
            if case .delete = event {} else { touched = touched + record.indicatorInputs }
            try await store.outdate(touched)
        }
    }

    /// The same for records inserted without Fluent's models (`Database.bulkInsert`), all at once.
    static func outdate(created records: [any IndicatorInputRecord], on db: any Database) async throws {
        guard let first = records.first, type(of: first).outdatesOnCreate, let store = IndicatorAggregateStore(db) else { return }
        try await store.outdate(records.map(\.indicatorInputs).reduce(IndicatorInputs(), +))
    }
}

extension OrganisationRecord: IndicatorInputRecord {
    static var outdatesOnCreate: Bool { false }
    /// A changed organisation (its kind, municipality, public page) outdates its own aggregates and, should it be
    /// a partner enterprise, those of the schools its people mentor in.
    var indicatorInputs: IndicatorInputs { id.map { IndicatorInputs(organisations: [$0], employers: [$0]) } ?? IndicatorInputs() }
}

extension LocalActRecord: IndicatorInputRecord {
    var indicatorInputs: IndicatorInputs { IndicatorInputs(organisations: [organisationID]) }
}

extension MentorProfileRecord: IndicatorInputRecord {
    var indicatorInputs: IndicatorInputs { IndicatorInputs(organisations: [organisationID]) }
}

extension MenteeProfileRecord: IndicatorInputRecord {
    var indicatorInputs: IndicatorInputs { IndicatorInputs(organisations: [organisationID]) }
}

extension MentorshipRecord: IndicatorInputRecord {
    var indicatorInputs: IndicatorInputs { IndicatorInputs(organisations: [organisationID]) }
}

extension ProgrammeRecord: IndicatorInputRecord {
    var indicatorInputs: IndicatorInputs { IndicatorInputs(mentorships: [mentorshipID]) }
}

/// A place or a pair outdates the organisation, and everywhere else the person takes part: they may now count
/// in several organisations.
extension MembershipRecord: IndicatorInputRecord {
    var indicatorInputs: IndicatorInputs { IndicatorInputs(organisations: [organisationID], people: [personID]) }
}

extension ParticipantRecord: IndicatorInputRecord {
    var indicatorInputs: IndicatorInputs { IndicatorInputs(mentorships: [mentorshipID], people: [personID]) }
}

/// A person's experience makes them a young specialist or not, wherever they take part.
extension PersonRecord: IndicatorInputRecord {
    static var outdatesOnCreate: Bool { false }
    var indicatorInputs: IndicatorInputs { id.map { IndicatorInputs(people: [$0]) } ?? IndicatorInputs() }
}
