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
        // Read here, in the caller's task: the work below runs in a task of its own.
        let deferred = IndicatorOutdating.current
        if case .create = event, !type(of: record).outdatesOnCreate {
            // A person created while outdating is deferred: not looked up later (see `IndicatorOutdating`).
            guard let deferred, let person = record as? PersonRecord else { return next.handle(event, model, on: db) }
            return next.handle(event, model, on: db).map { if let id = person.id { deferred.add(IndicatorInputs(), createdPeople: [id]) } }
        }
        return db.eventLoop.makeFutureWithTask {
            var touched = IndicatorInputs()
            switch event {
            case .update: touched = try await record.storedInputs(on: db)
            case .delete: touched = record.indicatorInputs
            case .create, .softDelete, .restore: break
            }
            try await next.handle(event, model, on: db).get()
            if case .delete = event {} else { touched = touched + record.indicatorInputs }
            if let deferred { deferred.add(touched) } else { try await store.outdate(touched) }
        }
    }

    /// The same for records inserted without Fluent's models (`Database.bulkInsert`), all at once.
    static func outdate(created records: [any IndicatorInputRecord], on db: any Database) async throws {
        guard let first = records.first else { return }
        try await outdate(CreatedInputs(
            inputs: .sum(records.map(\.indicatorInputs)), createdPeople: records.compactMap { ($0 as? PersonRecord)?.id },
            outdatesOnCreate: type(of: first).outdatesOnCreate), on: db)
    }

    static func outdate(_ created: CreatedInputs, on db: any Database) async throws {
        if let deferred = IndicatorOutdating.current {
            if created.outdatesOnCreate || !created.createdPeople.isEmpty { deferred.add(created.inputs, createdPeople: created.createdPeople) }
            return
        }
        guard created.outdatesOnCreate, let store = IndicatorAggregateStore(db) else { return }
        try await store.outdate(created.inputs)
    }
}

/// Outdating collected over many writes and done once (`deferring`): an import of 100,000 rows outdates each of
/// its organisations once instead of once a chunk or a changed row. People created within it take part only
/// where its own writes put them, whose organisations are collected anyway: they are not looked up.
public final class IndicatorOutdating: @unchecked Sendable {
    @TaskLocal static var current: IndicatorOutdating?

    private let lock = NSLock()
    private var organisations = Set<UUID>(), mentorships = Set<UUID>(), people = Set<UUID>(), employers = Set<UUID>(), created = Set<UUID>()

    func add(_ inputs: IndicatorInputs, createdPeople: [UUID] = []) {
        lock.withLock {
            organisations.formUnion(inputs.organisations)
            mentorships.formUnion(inputs.mentorships)
            people.formUnion(inputs.people)
            employers.formUnion(inputs.employers)
            created.formUnion(createdPeople)
        }
    }

    /// What to outdate: every input once, without the people created meanwhile.
    var inputs: IndicatorInputs {
        lock.withLock {
            IndicatorInputs(organisations: Array(organisations), mentorships: Array(mentorships), people: Array(people.subtracting(created)), employers: Array(employers))
        }
    }

    /// Runs `body` (writes on `db`, typically within one transaction) with the aggregates' outdating collected,
    /// then outdates what it touched on `db`, before the transaction ends.
    public static func deferring<T: Sendable>(_ db: any Database, _ body: () async throws -> T) async throws -> T {
        let collector = IndicatorOutdating()
        let result = try await $current.withValue(collector) { try await body() }
        try await IndicatorAggregateStore(db)?.outdate(collector.inputs)
        return result
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

/// A roadmap made or changed in the module counts for indicator 5.
extension RoadmapEventRecord: IndicatorInputRecord {
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
