import Fluent
import NastavnikStore
import SQLKit
import Vapor

/// SQLite lets one connection write at a time, and Fluent begins transactions with a plain (deferred) `BEGIN`:
/// a transaction that reads first and writes later cannot upgrade its lock once another connection has written
/// ("database is locked" — at once, without the busy handler, to avoid a deadlock; in WAL mode the stale
/// snapshot gives the same error). Under concurrent writers that was a 500 (found by scripts/load-test).
///
/// This wrapper of the SQLite driver begins every transaction with `BEGIN IMMEDIATE` (the write lock first, so a
/// transaction never has to upgrade) and lets one transaction or one write statement run at a time in this
/// process, waiting asynchronously instead of in SQLite's busy loop (which spins a thread of the pool).
/// Lock order: the event loop's connection first, then the gate — whoever holds the gate already has its
/// connection and never waits for another one.
struct SerialWritesConfiguration: DatabaseConfiguration {
    var base: any DatabaseConfiguration
    let gate = WriteGate()

    var middleware: [any AnyModelMiddleware] {
        get { base.middleware }
        set { base.middleware = newValue }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        Driver(base: base.makeDriver(for: databases), gate: gate)
    }

    struct Driver: DatabaseDriver {
        let base: any DatabaseDriver
        let gate: WriteGate

        func makeDatabase(with context: DatabaseContext) -> any Database {
            SerialWritesDatabase(base: base.makeDatabase(with: context), gate: gate, inTransaction: false)
        }

        func shutdown() { base.shutdown() }
        func shutdownAsync() async { await base.shutdownAsync() }
    }
}

extension DatabaseConfigurationFactory {
    /// The SQLite driver with immediate, serialised write transactions (see `SerialWritesConfiguration`).
    static func serialWrites(_ base: DatabaseConfigurationFactory) -> DatabaseConfigurationFactory {
        .init { SerialWritesConfiguration(base: base.make()) }
    }
}

/// A first-come, first-served lock that waits without blocking a thread.
actor WriteGate {
    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    private func enter() async {
        if !held {
            held = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func leave() {
        if waiting.isEmpty { held = false } else { waiting.removeFirst().resume() }
    }

    nonisolated func serially<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await enter()
        do {
            let result = try await body()
            await leave()
            return result
        } catch {
            await leave()
            throw error
        }
    }
}

/// A value carried through `EventLoopFuture`s whose element type the `Database` protocol leaves unconstrained;
/// it never leaves the request that made it.
private struct Carried<T>: @unchecked Sendable {
    var value: T
}

struct SerialWritesDatabase: Database, SQLDatabase, DriverBackedDatabase {
    let base: any Database
    let gate: WriteGate
    let inTransaction: Bool

    var context: DatabaseContext { base.context }
    private var sql: any SQLDatabase { base as! any SQLDatabase }

    private func bound(_ connection: any Database, inTransaction: Bool) -> SerialWritesDatabase {
        SerialWritesDatabase(base: connection, gate: gate, inTransaction: inTransaction)
    }

    /// A write outside a transaction: on this loop's connection, through the gate.
    private func serialWrite(_ run: @escaping @Sendable (any Database) -> EventLoopFuture<Void>) -> EventLoopFuture<Void> {
        guard !inTransaction else { return run(base) }
        let gate = self.gate
        return base.withConnection { connection in
            let promise = connection.eventLoop.makePromise(of: Void.self)
            promise.completeWithTask { try await gate.serially { try await run(connection).get() } }
            return promise.futureResult
        }
    }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        switch query.action {
        case .read, .aggregate: base.execute(query: query, onOutput: onOutput)
        case .create, .update, .delete, .custom: serialWrite { $0.execute(query: query, onOutput: onOutput) }
        }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        serialWrite { $0.execute(schema: schema) }
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> {
        serialWrite { $0.execute(enum: `enum`) }
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        let inTransaction = self.inTransaction
        return base.withConnection { closure(self.bound($0, inTransaction: inTransaction)) }
    }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        guard !inTransaction else { return closure(self) }
        let gate = self.gate
        return base.withConnection { connection in
            let sql = connection as! any SQLDatabase
            let inside = self.bound(connection, inTransaction: true)
            let promise = connection.eventLoop.makePromise(of: Carried<T>.self)
            promise.completeWithTask {
                try await gate.serially {
                    try await sql.raw("BEGIN IMMEDIATE").run()
                    do {
                        let result = try await closure(inside).map { Carried(value: $0) }.get()
                        try await sql.raw("COMMIT").run()
                        return result
                    } catch {
                        try? await sql.raw("ROLLBACK").run()
                        throw error
                    }
                }
            }
            return promise.futureResult.map(\.value)
        }
    }

    /// The driver's database for a bulk operation: within a transaction its connection; outside one, a write
    /// on this loop's connection through the gate.
    func withDriver<T: Sendable>(writes: Bool, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard writes, !inTransaction else { return try await body(base) }
        let gate = self.gate
        return try await base.withConnection { connection in
            connection.eventLoop.makeFutureWithTask { try await gate.serially { try await body(connection) } }
        }.get()
    }

    // SQLDatabase: raw statements go straight to the driver (inside a transaction they are on its connection).

    var logger: Logger { sql.logger }
    var eventLoop: any EventLoop { sql.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { sql.version }
    var dialect: any SQLDialect { sql.dialect }
    var queryLogLevel: Logger.Level? { sql.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        sql.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await sql.execute(sql: query, onRow)
    }
}
