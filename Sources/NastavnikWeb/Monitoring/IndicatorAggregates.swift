import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// Indicators of any node from its organisations' aggregates (`IndicatorAggregateStore`): those missing or
/// outdated on the date are first computed from the records (a few milliseconds an organisation), then the
/// database sums them. Pages, the API and campaigns read the values this way; the rows behind a value still
/// come from `IndicatorEvaluator`, which defines them, and the aggregates are checked against it.
enum IndicatorAggregates {
    /// Organisations computed together: one load of their records.
    static let batch = 100

    static func store(_ db: any Database) throws -> IndicatorAggregateStore {
        guard let store = IndicatorAggregateStore(db) else { throw Abort(.internalServerError, reason: "Показатели считаются только в базе данных SQL.") }
        return store
    }

    /// The node's sums on the date, every organisation's aggregate current.
    static func totals(_ db: any Database, _ node: MonitoringNode, on date: Day) async throws -> IndicatorTotals {
        let store = try store(db)
        // A write between computing and summing outdates an organisation again: compute it again.
        for attempt in 0..<5 {
            let sum = try await store.sum(organisationID: node.organisationID, municipalityIDs: node.municipalityIDs, kinds: node.kinds, on: date)
            if sum.current == sum.organisations { return sum.totals }
            // Written to again while it was recomputed (a school whose staff write every second never has a
            // current row when read): a small node is summed from its records as they are now.
            if attempt > 0, sum.organisations <= batch {
                return IndicatorTotals(try await compute(db, try await IndicatorService.organisations(db, node), on: date))
            }
            try await refresh(db, try await store.outdated(organisationID: node.organisationID, municipalityIDs: node.municipalityIDs, kinds: node.kinds, on: date), on: date)
        }
        throw Abort(.serviceUnavailable, reason: "Данные узла меняются быстрее, чем пересчитываются показатели: повторите запрос.")
    }

    /// Each organisation of the node on its own, from the same aggregates (call after `totals`), for these
    /// definitions (`IndicatorTotals.value`).
    static func perOrganisation(_ db: any Database, _ node: MonitoringNode, on date: Day, _ defs: [IndicatorDefinition]) async throws -> [UUID: IndicatorTotals] {
        try await store(db).perOrganisation(organisationID: node.organisationID, municipalityIDs: node.municipalityIDs, kinds: node.kinds, on: date,
                                            queries: defs.flatMap { [$0.numerator] + ($0.denominator.map { [$0] } ?? []) })
    }

    /// Computes and stores the aggregates of these organisations on the date, `batch` at a time; the
    /// generations were read before the records, so a write meanwhile leaves the stored row outdated.
    static func refresh(_ db: any Database, _ outdated: [(id: UUID, generation: Int64)], on date: Day) async throws {
        let store = try store(db)
        for part in MentorshipStore.chunks(outdated, batch) {
            let generations = Dictionary(part.map { ($0.id, $0.generation) }, uniquingKeysWith: { a, _ in a })
            let orgs = try await OrganisationRecord.query(on: db).filter(\.$id ~~ Array(generations.keys)).all().map { try $0.core }.filter(\.kind.isEducational)
            try await store.save(compute(db, orgs, on: date), generations: generations)
        }
    }

    /// The aggregates of these organisations on the date, from their records.
    static func compute(_ db: any Database, _ orgs: [Organisation], on date: Day) async throws -> [OrganisationAggregate] {
        let data = try await IndicatorService.load(db, organisations: orgs)
        let elsewhere = try await store(db).involvedElsewhere(orgs.map(\.id))
        return data.aggregates(on: date, alsoElsewhere: elsewhere)
    }

    /// Brings every organisation's aggregates of the day up to date; the number computed.
    @discardableResult
    static func warm(_ db: any Database, on date: Day) async throws -> Int {
        let store = try store(db)
        var done = 0, previous: Set<UUID> = []
        while !Task.isCancelled {
            let outdated = try await store.outdated(organisationID: nil, municipalityIDs: nil, kinds: Set(OrganisationKind.educational), on: date, limit: batch * 5)
            let ids = Set(outdated.map(\.id))
            // Nothing left, or nothing stored last time (they would come back for ever).
            if outdated.isEmpty || ids == previous { break }
            try await refresh(db, outdated, on: date)
            done += outdated.count
            previous = ids
        }
        return done
    }
}

/// Keeps today's and tomorrow's aggregates of every organisation current while the server runs, so that the
/// first dashboard of a day does not compute the whole country (at midnight tomorrow's are ready). Writes
/// outdate single organisations, which the next read or pass recomputes; days before last week are dropped.
final class IndicatorAggregateWarmer: LifecycleHandler, @unchecked Sendable {
    let interval: Duration
    private let lock = NSLock()
    private var task: Task<Void, Never>?

    init(interval: Duration = .seconds(30)) { self.interval = interval }

    func didBootAsync(_ app: Application) async throws {
        let interval = interval
        let running = Task {
            while !Task.isCancelled {
                await Self.pass(app)
                try? await Task.sleep(for: interval)
            }
        }
        lock.withLock { task = running }
    }

    func shutdownAsync(_ app: Application) async {
        let running = lock.withLock { () -> Task<Void, Never>? in
            defer { task = nil }
            return task
        }
        running?.cancel()
        await running?.value
    }

    static func pass(_ app: Application) async {
        let today = app.today
        let clock = ContinuousClock()
        do {
            for day in [today, today.adding(days: 1)] {
                let started = clock.now
                let n = try await IndicatorAggregates.warm(app.db, on: day)
                if n > 0 {
                    app.logger.notice("Показатели мониторинга на \(day.russian): пересчитаны агрегаты \(n) организаций за \(BenchImportCommand.seconds(clock.now - started)) с")
                }
            }
            try await IndicatorAggregates.store(app.db).prune(before: today.adding(days: -7))
        } catch {
            if !Task.isCancelled { app.logger.warning("Пересчёт агрегатов показателей не удался: \(error)") }
        }
    }
}
