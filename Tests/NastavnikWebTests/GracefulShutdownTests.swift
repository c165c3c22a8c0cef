import Foundation
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// The drain of a stop on SIGTERM (the whole stop, with real connections: scripts/crash-test, phase 4).
@Suite("Graceful shutdown: in-flight work is counted, readiness goes 503, the drain waits for it")
struct GracefulShutdownTests {
    /// A responder that answers with what `probe` returns while the request is being handled.
    struct Probe: AsyncResponder {
        var fails = false
        let probe: @Sendable () -> Int
        func respond(to request: Request) async throws -> Response {
            let seen = probe()
            if fails { throw Abort(.internalServerError) }
            return Response(status: .ok, body: .init(string: "\(seen)"))
        }
    }

    @Test("A request is counted while it is handled, and no longer once answered or failed")
    func middleware() async throws {
        try await withBareApp(migrate: false) { app in
            let work = app.inFlight
            let req = Request(application: app, on: app.eventLoopGroup.next())
            let res = try await InFlightMiddleware().respond(to: req, chainingTo: Probe { work.count })
            #expect(res.body.string == "1")
            #expect(work.count == 0)
            await #expect(throws: (any Error).self) {
                _ = try await InFlightMiddleware().respond(to: req, chainingTo: Probe(fails: true) { work.count })
            }
            #expect(work.count == 0)
        }
    }

    @Test("A background task is counted from the call until its body returns; the wait ends when it does")
    func backgroundTask() async {
        let work = InFlightWork()
        let (held, release) = AsyncStream<Void>.makeStream()
        work.task { for await _ in held {} }
        #expect(work.count == 1)
        #expect(await !work.waitUntilIdle(until: .now), "a deadline already passed: not idle")
        release.finish()
        #expect(await work.waitUntilIdle(until: .now + .seconds(60)))
        #expect(work.count == 0)
    }

    @Test("Draining: /ready answers 503; the drain succeeds when nothing is in flight and gives up at the timeout otherwise")
    func drain() async throws {
        try await withBareApp { app in
            try await app.testing().test(.GET, "/ready") { #expect($0.status == .ok) }
            app.config.shutdownTimeout = 0
            app.inFlight.begin()
            #expect(await !GracefulShutdown.drain(app))
            try await app.testing().test(.GET, "/ready") { res in
                #expect(res.status == .serviceUnavailable)
                #expect(res.body.string.contains("\"status\":\"shutting down\""))
            }
            app.inFlight.end()
            #expect(await GracefulShutdown.drain(app))
        }
    }

    @Test("The grace period: connections are still served for SHUTDOWN_GRACE_MS after the signal, never past the timeout")
    func grace() async throws {
        try await withBareApp(migrate: false) { app in
            app.config.shutdownTimeout = 5
            app.config.shutdownGraceMilliseconds = 300
            var started = ContinuousClock.now
            #expect(await GracefulShutdown.drain(app))
            #expect(ContinuousClock.now - started >= .milliseconds(300))
            app.config.shutdownTimeout = 0
            app.config.shutdownGraceMilliseconds = 60_000
            started = ContinuousClock.now
            #expect(await GracefulShutdown.drain(app))
            #expect(ContinuousClock.now - started < .seconds(5), "a grace longer than the timeout is cut to it")
        }
    }
}
