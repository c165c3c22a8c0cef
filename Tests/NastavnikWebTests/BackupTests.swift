import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

@Suite("Backup and restore", .serialized)
struct BackupTests {
    /// Table 1 of the region, as the pages compute it.
    func indicators(_ db: any Database, _ f: Fixture) async throws -> [String] {
        let node = try #require(try await IndicatorService.region(db, f.region.id))
        return try await IndicatorService.evaluator(db, node, on: testToday).values().map { "\($0.id): \($0.numerator)/\($0.denominator ?? -1)" }
    }

    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("nastavnik-\(UUID().uuidString)-\(name)").path
    }

    @Test("backup → change → restore gives back the same indicators and people; a non-backup file is refused and changes nothing")
    func roundTrip() async throws {
        try await withApp { app, f in
            let before = try await indicators(app.db, f)
            let people = try await PersonRecord.query(on: app.db).count()
            let file = temporary("backup")
            defer { try? FileManager.default.removeItem(atPath: file) }
            try await Backup.backup(app, to: file)
            await #expect(throws: Backup.Failure.self) { try await Backup.backup(app, to: file) }

            if app.config.usesPostgres {
                // The change after the backup: the bases of mentors are emptied, and the indicators move.
                let mentors = try await MentorProfileRecord.query(on: app.db).count()
                try await MentorProfileRecord.query(on: app.db).delete()
                #expect(try await indicators(app.db, f) != before)
                try await Backup.restore(app, from: file)
                #expect(try await indicators(app.db, f) == before)
                #expect(try await PersonRecord.query(on: app.db).count() == people)
                #expect(try await MentorProfileRecord.query(on: app.db).count() == mentors)
            } else {
                // In-memory SQLite: restore into a file database and read it with a second application.
                let live = temporary("live.sqlite")
                defer { for s in ["", ".before-restore"] { try? FileManager.default.removeItem(atPath: live + s) } }
                FileManager.default.createFile(atPath: live, contents: Data("old".utf8))
                let restored = try await Application.make(.testing)
                do {
                    var config = AppConfig.fromEnvironment()
                    config.sqlitePath = live
                    try await configure(restored, config: config)
                    let junk = temporary("junk")
                    try Data("not a database".utf8).write(to: URL(fileURLWithPath: junk))
                    await #expect(throws: Backup.Failure.self) { try await Backup.restore(restored, from: junk) }
                    #expect(try String(contentsOfFile: live, encoding: .utf8) == "old", "a refused restore leaves the database alone")
                    try await Backup.restore(restored, from: file)
                    #expect(try await indicators(restored.db, f) == before)
                    #expect(try await PersonRecord.query(on: restored.db).count() == people)
                    #expect(FileManager.default.fileExists(atPath: live + ".before-restore"), "the replaced database is kept")
                } catch {
                    try? await restored.asyncShutdown()
                    throw error
                }
                try await restored.asyncShutdown()
            }
        }
    }
}
