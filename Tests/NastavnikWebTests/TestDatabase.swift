import Fluent
import Foundation
import NIOConcurrencyHelpers
import NastavnikCore
import SQLKit
import Vapor

@testable import NastavnikWeb

/// Each test's database, prepared without running the ~40 migrations per test (issue 24).
///
/// SQLite: the migrations run once per process into a template file; each test gets a copy of it. The files live in
/// `/dev/shm` where it is a roomy tmpfs (SQLite's fsync on every commit costs nothing there), else in the temporary
/// directory, and each is removed when its test ends. The demo region is written once, into a second template.
/// PostgreSQL: the first test of the process reverts and migrates as before; the next ones only empty the tables, and
/// the demo is written once and copied back from a schema of its own (the suites share the one database, so they run
/// serially there).
enum TestDatabase {
    /// The process's own directory of database files, removed at exit. Those of test processes that died without
    /// removing theirs go when the next one starts (in `/dev/shm` they hold memory).
    static let directory: String = {
        let fm = FileManager.default
        let shm = "/dev/shm"
        let roomy = ((try? fm.attributesOfFileSystem(forPath: shm))?[.systemFreeSize] as? Int64 ?? 0) > 1 << 30
        let base = roomy ? shm : fm.temporaryDirectory.path
        let prefix = "nastavnik-tests-"
        for name in (try? fm.contentsOfDirectory(atPath: base)) ?? [] where name.hasPrefix(prefix) {
            if let pid = Int32(name.dropFirst(prefix.count)), kill(pid, 0) != 0, errno == ESRCH { try? fm.removeItem(atPath: "\(base)/\(name)") }
        }
        let path = "\(base)/\(prefix)\(ProcessInfo.processInfo.processIdentifier)"
        try? fm.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: TestDatabase.directory) }
        return path
    }()

    /// What a test's database holds when the test begins.
    enum Start {
        /// No table: the test migrates itself (`withBareApp(migrate: false)`).
        case empty
        /// Every migration, no rows.
        case migrated
        /// The demo region as `DemoLoader` writes it.
        case demo
    }

    /// The migrated SQLite template, made by the first test that asks for it.
    private static let template = Task<String, any Error> {
        let path = directory + "/template.sqlite"
        try await onFile(path) { app in try await app.autoMigrate() }
        return path
    }

    /// The template with the demo region written into it once, and the dataset written (generated once too).
    private static let demoTemplate = Task<(path: String, demo: DemoDataset), any Error> {
        let path = directory + "/demo.sqlite"
        try FileManager.default.copyItem(atPath: try await template.value, toPath: path)
        let demo = try await onFile(path) { app in try await DemoLoader.load(app, today: testToday) }
        return (path, demo)
    }

    /// Runs `body` on an application over the SQLite file at `path`, then shuts it down.
    private static func onFile<T: Sendable>(_ path: String, _ body: (Application) async throws -> T) async throws -> T {
        let app = try await Application.make(.testing)
        let result: T
        do {
            var config = AppConfig.fromEnvironment()
            config.sqlitePath = path
            config.fixedToday = testToday
            try await configure(app, config: config)
            result = try await body(app)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        return result
    }

    /// A new SQLite file for one test, holding what `start` says.
    static func sqliteFile(_ start: Start) async throws -> String {
        let path = directory + "/\(UUID().uuidString).sqlite"
        switch start {
        case .empty: break
        case .migrated: try FileManager.default.copyItem(atPath: try await template.value, toPath: path)
        case .demo: try FileManager.default.copyItem(atPath: try await demoTemplate.value.path, toPath: path)
        }
        return path
    }

    /// The demo dataset the SQLite demo template holds.
    static var demo: DemoDataset {
        get async throws { try await demoTemplate.value.demo }
    }

    /// Removes a test's SQLite file and the journal SQLite may have left beside it.
    static func remove(_ path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Whether this process has migrated the PostgreSQL database and no test has touched its schema since.
    private static let postgresMigrated = NIOLockedValueBox(false)

    /// Readies the shared PostgreSQL database for a test: migrated and empty, or (`migrate: false`) without any table.
    static func preparePostgres(_ app: Application, migrate: Bool) async throws {
        if migrate, postgresMigrated.withLockedValue({ $0 }) {
            try await emptyAll(app)
            return
        }
        postgresMigrated.withLockedValue { $0 = false }
        try await app.autoRevert()
        guard migrate else { return }
        try await app.autoMigrate()
        postgresMigrated.withLockedValue { $0 = true }
    }

    /// After a test that was left the schema (`migrate: false`): it may be anything, so it is reverted.
    static func finishPostgres(_ app: Application, migrated: Bool) async throws {
        guard !migrated else { return }
        try await app.autoRevert()
    }

    /// Every table but the migration log emptied, children before parents, in one statement. DELETE, not TRUNCATE:
    /// a test leaves a few rows, and TRUNCATE's new files for ~40 tables take a tenth of a second where DELETE takes
    /// ten milliseconds. The schema has no sequences to restart.
    private static func emptyAll(_ app: Application) async throws {
        let sql = try postgres(app)
        let deletes = try await tablesInOrder(sql).reversed().map { "DELETE FROM \"\($0)\";" }
        guard !deletes.isEmpty else { return }
        try await sql.raw("DO $$ BEGIN \(unsafeRaw: deletes.joined(separator: " ")) END $$").run()
    }

    /// The demo region this process wrote, kept in the schema `demoSchema` (nil until the first demo test).
    private static let postgresDemo = NIOLockedValueBox<DemoDataset?>(nil)
    private static let demoSchema = "nastavnik_test_demo"

    /// Writes the demo into the migrated, empty PostgreSQL database (`preparePostgres`). The first demo test of the
    /// process writes it with `DemoLoader` and keeps a copy of every table in a schema of its own; the next ones copy
    /// the rows back.
    static func preparePostgresDemo(_ app: Application) async throws -> DemoDataset {
        let sql = try postgres(app)
        let tables = try await tablesInOrder(sql)
        if let demo = postgresDemo.withLockedValue({ $0 }) {
            let inserts = tables.map { "INSERT INTO \"\($0)\" SELECT * FROM \"\(demoSchema)\".\"\($0)\";" }
            try await sql.raw("DO $$ BEGIN \(unsafeRaw: inserts.joined(separator: " ")) END $$").run()
            try await DemoLoader.refreshPlannerStatistics(app.db)
            return demo
        }
        let demo = try await DemoLoader.load(app, today: testToday)
        try await sql.raw("DROP SCHEMA IF EXISTS \(ident: demoSchema) CASCADE").run()
        try await sql.raw("CREATE SCHEMA \(ident: demoSchema)").run()
        for table in tables {
            try await sql.raw("CREATE TABLE \(ident: demoSchema).\(ident: table) AS TABLE \(ident: table)").run()
        }
        postgresDemo.withLockedValue { $0 = demo }
        return demo
    }

    private static func postgres(_ app: Application) throws -> any SQLDatabase {
        guard let sql = app.db as? any SQLDatabase else { throw Unprepared(description: "the database speaks no SQL") }
        return sql
    }

    struct Unprepared: Error, CustomStringConvertible { var description: String }

    /// The tables of the current schema but the migration log, each after the tables its foreign keys point to.
    private static func tablesInOrder(_ sql: any SQLDatabase) async throws -> [String] {
        struct Table: Decodable { var tablename: String }
        struct Reference: Decodable { var child: String, parent: String }
        let tables = try await sql.raw("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_fluent_migrations' ORDER BY tablename")
            .all(decoding: Table.self).map(\.tablename)
        let references = try await sql.raw("""
            SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
            WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace AND c.oid <> p.oid
            """).all(decoding: Reference.self)
        var parents = Dictionary(grouping: references, by: \.child).mapValues { Set($0.map(\.parent)) }
        var ordered: [String] = []
        var left = tables
        while !left.isEmpty {
            let ready = left.filter { parents[$0, default: []].isSubset(of: ordered) }
            guard !ready.isEmpty else { throw Unprepared(description: "foreign keys in a cycle among \(left)") }
            ordered += ready
            left.removeAll { ready.contains($0) }
            for table in ready { parents[table] = nil }
        }
        return ordered
    }
}
