import Fluent
import Foundation
import NastavnikStore
import Vapor

/// Rendered monitoring dashboards (the body of `/indicators`), so that a region's page read again costs a
/// lookup instead of its queries and rendering (issue 6: p95 under 50 ms under load; computed, a region's page
/// takes ~50 ms of a core).
///
/// An entry is served only while nothing has been written through this process since it was rendered: every
/// state-changing request and every Fluent model write bumps the epoch (`WriteEpochMiddleware`,
/// `WriteEpochModelMiddleware`), which drops them all. Writes this process cannot see — another instance behind
/// the proxy, a CLI import — show after `lifetime` at the latest. Entries are per role and scope (the node
/// choices and the campaign form differ), never per person: the session's CSRF token is swapped in on a hit.
final class DashboardCache: @unchecked Sendable {
    struct Entry: Sendable {
        var epoch: Int
        var stored: Date
        var title: String
        var actions: String
        var content: String
        var csrf: String
    }

    let lifetime: TimeInterval
    let capacity: Int
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var epochValue = 0
    private(set) var hits = 0

    init(lifetime: TimeInterval = 15, capacity: Int = 500) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// Changes with every write this process makes; read it before computing what `store` keeps.
    var epoch: Int { lock.withLock { epochValue } }

    func bump() {
        lock.withLock {
            epochValue &+= 1
            entries.removeAll(keepingCapacity: true)
        }
    }

    func entry(_ key: String, now: Date = Date()) -> Entry? {
        lock.withLock {
            guard let e = entries[key], e.epoch == epochValue, now.timeIntervalSince(e.stored) < lifetime else { return nil }
            hits += 1
            return e
        }
    }

    /// Keeps the entry unless a write came after `entry.epoch` was read (it may already be out of date).
    func store(_ key: String, _ entry: Entry) {
        lock.withLock {
            guard entry.epoch == epochValue else { return }
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
    }
}

extension Application {
    private struct DashboardCacheKey: StorageKey { typealias Value = DashboardCache }
    /// Created by `configure` (its first use), before any request.
    var dashboardCache: DashboardCache {
        if let c = storage[DashboardCacheKey.self] { return c }
        let c = DashboardCache()
        storage[DashboardCacheKey.self] = c
        return c
    }
}

/// Bumps the dashboards' epoch after every request that may change data (anything but GET and HEAD).
struct WriteEpochMiddleware: AsyncMiddleware {
    let cache: DashboardCache
    /// Signing in and out changes sessions only.
    static let signIn: Set<String> = ["/login", "/logout", "/api/v1/auth/token"]
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard req.method != .GET, req.method != .HEAD, !Self.signIn.contains(req.url.path) else { return try await next.respond(to: req) }
        defer { cache.bump() }
        return try await next.respond(to: req)
    }
}

/// Bumps the dashboards' epoch after every create, update and delete of a Fluent model, whoever makes it
/// (background work and tests too), so no entry outlives a write of this process. Sessions and sign-in records are not data.
struct WriteEpochModelMiddleware: AnyModelMiddleware {
    let cache: DashboardCache
    func handle(_ event: ModelEvent, _ model: any AnyModel, on db: any Database, chainingTo next: any AnyModelResponder) -> EventLoopFuture<Void> {
        // Signing in writes a session, a known device or a failure: nothing a dashboard shows.
        if model is SessionRecord || model is LoginDeviceRecord || model is LoginFailureRecord { return next.handle(event, model, on: db) }
        return next.handle(event, model, on: db).map { cache.bump() }
    }
}
