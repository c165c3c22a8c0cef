import Fluent
import Foundation
import SQLKit
import Vapor

/// Backups of the whole database: SQLite's online `VACUUM INTO` (a consistent copy while the server runs),
/// PostgreSQL's `pg_dump --format=custom` / `pg_restore --clean`. A restore replaces everything, so the
/// server is stopped first (docs/operations.md).
enum Backup {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let sqliteMagic = Array("SQLite format 3\0".utf8)

    static func backup(_ app: Application, to path: String) async throws {
        let target = URL(fileURLWithPath: path).standardizedFileURL.path
        if FileManager.default.fileExists(atPath: target) { throw Failure(description: "Файл \(target) уже есть: укажите новый файл для резервной копии.") }
        if app.config.usesPostgres {
            try await run("pg_dump", ["--format=custom", "--no-owner", "--file=\(target)", "--dbname=\(app.config.databaseURL!)"])
        } else {
            guard let sql = app.db as? any SQLDatabase else { throw Failure(description: "Хранилище не поддерживает резервное копирование.") }
            try await sql.raw("VACUUM INTO \(bind: target)").run()
        }
    }

    /// Replaces the database with the backup. SQLite: the current file is kept next to it as `…before-restore`,
    /// and put back if the backup turns out unreadable.
    static func restore(_ app: Application, from path: String) async throws {
        let source = URL(fileURLWithPath: path).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: source) else { throw Failure(description: "Резервная копия \(source) не найдена.") }
        if app.config.usesPostgres {
            try await run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname=\(app.config.databaseURL!)", source])
            return
        }
        let head = try FileHandle(forReadingFrom: URL(fileURLWithPath: source)).read(upToCount: sqliteMagic.count) ?? Data()
        guard Array(head) == sqliteMagic else { throw Failure(description: "Файл \(source) — не резервная копия SQLite.") }
        let fm = FileManager.default
        let live = URL(fileURLWithPath: app.config.sqlitePath).standardizedFileURL.path
        let kept = live + ".before-restore"
        // The live database with its WAL and journal (`serve` runs SQLite in WAL mode): what was replaced stays whole.
        let parts = ["", "-wal", "-shm", "-journal"]
        func move(_ from: String, _ to: String) throws {
            for suffix in parts {
                try? fm.removeItem(atPath: to + suffix)
                if fm.fileExists(atPath: from + suffix) { try fm.moveItem(atPath: from + suffix, toPath: to + suffix) }
            }
        }
        try move(live, kept)
        try fm.copyItem(atPath: source, toPath: live)
        // Opened only now: the check reads the restored file.
        guard let sql = app.db as? any SQLDatabase else { return }
        struct Check: Decodable { var integrity_check: String }
        let ok = (try? await sql.raw("PRAGMA integrity_check").first(decoding: Check.self))?.integrity_check == "ok"
        let migrated = (try? await MigrationLog.query(on: app.db).count()) ?? 0 > 0
        if !ok || !migrated {
            try move(kept, live)
            throw Failure(description: "Резервная копия \(source) повреждена или не от «Наставника»: база данных оставлена прежней.")
        }
    }

    /// Runs a PostgreSQL client tool; its complaint becomes the error.
    static func run(_ tool: String, _ arguments: [String]) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in done.resume() }
            do { try process.run() } catch { done.resume(throwing: error) }
        }
        guard process.terminationStatus == 0 else {
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw Failure(description: "\(tool) завершился с ошибкой \(process.terminationStatus): \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }
}

/// `nastavnik backup --to FILE` and `nastavnik restore --from FILE` (server stopped): one command type, two directions.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "to", help: "backup: файл резервной копии (не должен существовать)") var to: String?
        @Option(name: "from", help: "restore: файл резервной копии") var from: String?
    }
    let restore: Bool
    var help: String {
        restore ? "Восстанавливает базу данных из резервной копии (остановите сервер перед восстановлением)."
            : "Резервная копия базы данных: SQLite — VACUUM INTO на работающей базе, PostgreSQL — pg_dump."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let path = (restore ? signature.from : signature.to).nonBlank else {
            throw Backup.Failure(description: restore ? "Укажите файл: nastavnik restore --from /путь/к/копии" : "Укажите файл: nastavnik backup --to /путь/к/копии")
        }
        if restore {
            try await Backup.restore(context.application, from: path)
            context.console.info("База данных восстановлена из \(path).")
        } else {
            try await Backup.backup(context.application, to: path)
            context.console.info("Резервная копия записана: \(path)")
        }
    }
}
