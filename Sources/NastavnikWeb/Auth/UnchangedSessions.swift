import Vapor

/// Vapor's sessions middleware writes the session back after every request that has one, changed or not: with
/// SQLite one more serialised write per page view (under wrk a region dashboard spent more time queued for the
/// write lock than rendering). This driver remembers what it read and skips the write when the data is the same.
/// Sign-in, sign-out and a new CSRF token still change the data and are written; the expiry is in the data
/// (`signedInAt`), so a skipped write lengthens nothing.
struct UnchangedSessionsSkipped: SessionDriver {
    let base: any SessionDriver

    private struct ReadKey: StorageKey { typealias Value = [String: String] }

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        base.createSession(data, for: request)
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        base.readSession(sessionID, for: request).map { data in
            if let data { request.storage[ReadKey.self] = data.snapshot }
            return data
        }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        if request.storage[ReadKey.self] == data.snapshot { return request.eventLoop.makeSucceededFuture(sessionID) }
        request.storage[ReadKey.self] = data.snapshot
        return base.updateSession(sessionID, to: data, for: request)
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        base.deleteSession(sessionID, for: request)
    }
}
