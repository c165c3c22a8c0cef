import Foundation
import Vapor

/// What a graceful shutdown waits for before the database pools go: requests being answered and the background
/// work they started (imports). The pools must outlive all of it — Fluent's `req.db` traps once the application's
/// databases are shut down, and a transaction whose pool is gone fails.
final class InFlightWork: @unchecked Sendable {
    private let lock = NSLock()
    private var running = 0
    private var draining = false

    /// Requests and background tasks not finished yet.
    var count: Int { lock.withLock { running } }
    /// Set once the instance has begun to stop: `/ready` answers 503 from then on.
    var isDraining: Bool { lock.withLock { draining } }

    func startDraining() { lock.withLock { draining = true } }

    func begin() { lock.withLock { running += 1 } }

    func end() { lock.withLock { running -= 1 } }

    /// Runs `body` in a new task that a shutdown waits for. Counted from the call, so the work never looks
    /// finished between the request that starts it and the task.
    func task(_ body: @escaping @Sendable () async -> Void) {
        begin()
        Task {
            await body()
            end()
        }
    }

    /// Waits until nothing is in flight or `deadline` has passed; true when nothing is. Polls: it only runs
    /// while the process stops.
    func waitUntilIdle(until deadline: ContinuousClock.Instant) async -> Bool {
        while count > 0 {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }
}

/// Counts every request from the moment the server hands it over until its response is produced.
struct InFlightMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let work = req.application.inFlight
        work.begin()
        defer { work.end() }
        return try await next.respond(to: req)
    }
}

extension Application {
    private struct InFlightWorkKey: StorageKey { typealias Value = InFlightWork }

    /// Set once in `configure`.
    var inFlight: InFlightWork {
        get { storage[InFlightWorkKey.self]! }
        set { storage[InFlightWorkKey.self] = newValue }
    }
}

/// The stop of `nastavnik serve` on SIGTERM or SIGINT. Vapor's serve command catches the signal and returns;
/// left to `Application.asyncShutdown`, Fluent's databases would go first and the HTTP server after them, under
/// requests still running (500s, then a trap in `req.db`). The order here: readiness 503; a grace period
/// (`AppConfig.shutdownGraceMilliseconds`) in which connections are still read and answered — a request sent on an
/// idle keep-alive connection just before the signal may not have been read yet, and closing that connection
/// would reset it unanswered (seen on a loaded CI machine: 7 of 16 writes sent 20 ms before SIGTERM); the HTTP server stops
/// accepting, closes idle keep-alive connections and lets every request it has received be answered (NIO's
/// quiescing, bounded by Vapor's `shutdownTimeout`, which `configure` sets to ours); background imports finish —
/// all within `AppConfig.shutdownTimeout` (SHUTDOWN_TIMEOUT).
/// Only then may the application, its database pools with it, shut down.
public enum GracefulShutdown {
    /// True when everything in flight finished in time; false when the process should exit without shutting the
    /// databases down under work still running (an unfinished transaction is rolled back, as after a crash).
    public static func drain(_ app: Application) async -> Bool {
        let started = ContinuousClock.now
        let timeout = app.config.shutdownTimeout
        let work = app.inFlight
        work.startDraining()
        let grace = min(app.config.shutdownGraceMilliseconds, timeout * 1000)
        app.logger.notice("Остановка: /ready отвечает 503; через \(grace) мс новые соединения перестанут приниматься, начатые запросы (\(work.count)) завершаются, всего не дольше \(timeout) с.")
        if grace > 0 { try? await Task.sleep(for: .milliseconds(grace)) }
        await app.server.shutdown()
        guard await work.waitUntilIdle(until: started + .seconds(timeout)) else {
            app.logger.error("Остановка: за \(timeout) с не завершились запросы или загрузки (\(work.count)); выхожу, не дожидаясь их: их незавершённые транзакции откатятся.")
            return false
        }
        let elapsed = (ContinuousClock.now - started) / .milliseconds(1)
        app.logger.notice("Остановка: начатые запросы завершены за \(Int(elapsed)) мс.")
        return true
    }
}
