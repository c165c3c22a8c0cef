import Fluent
import Foundation
import SQLKit
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

@Suite("Operations: health, readiness, Prometheus metrics", .serialized)
struct OperationsTests {
    func get(_ app: Application, _ path: String, bearer: String? = nil) async throws -> (HTTPStatus, String, String?) {
        var out: (HTTPStatus, String, String?) = (.internalServerError, "", nil)
        try await app.testing().test(.GET, path, beforeRequest: { req in
            if let bearer { req.headers.bearerAuthorization = .init(token: bearer) }
        }, afterResponse: { res in out = (res.status, res.body.text, res.headers.first(name: .contentType)) })
        return out
    }

    /// The value of one series line, e.g. `nastavnik_matching_runs_total{mode="optimal"}`.
    func value(_ text: String, _ series: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.split(separator: " ").last ?? "") }
    }

    @Test("/health and /ready answer once every migration has run; /ready lists what is pending otherwise")
    func readiness() async throws {
        try await withApp { app, _ in
            let (h, hb, _) = try await get(app, "/health")
            #expect(h == .ok && hb.contains("\"database\":\"ok\""))
            let (r, rb, _) = try await get(app, "/ready")
            #expect(r == .ok)
            #expect(rb.contains("\"status\":\"ready\"") && rb.contains("\"pendingMigrations\":[]"))
            // Forget the last migration: the instance is no longer ready, and says which one.
            // (Renamed, then put back: the suite's teardown reverts what the log lists.)
            let last = NastavnikMigrations.all.last!.name
            try await MigrationLog.query(on: app.db).filter(\.$name == last).set(\.$name, to: last + " (скрыта)").update()
            let (r2, rb2, _) = try await get(app, "/ready")
            try await MigrationLog.query(on: app.db).filter(\.$name == last + " (скрыта)").set(\.$name, to: last).update()
            #expect(r2 == .serviceUnavailable)
            #expect(rb2.contains(last))
        }
    }

    @Test("/metrics: Prometheus text with request counts and latencies by route, matching runs, sign-ins; only for the scraper's token")
    func metrics() async throws {
        try await withApp { app, f in
            app.config.metricsToken = "scrape-secret"
            #expect(try await get(app, "/metrics").0 == .forbidden)
            #expect(try await get(app, "/metrics", bearer: "wrong").0 == .forbidden)
            let before = try await get(app, "/metrics", bearer: "scrape-secret").1
            let t = try await app.token("curator")
            let (s, _) = try await app.api(.POST, "/matching/runs", token: t, json: RunInput(scopeID: f.schoolA.id.uuidString, form: "teacher_teacher", mode: "stable"))
            #expect(s == .created)
            _ = try await get(app, "/login")
            let (status, text, type) = try await get(app, "/metrics", bearer: "scrape-secret")
            #expect(status == .ok)
            #expect(type?.hasPrefix("text/plain; version=0.0.4") == true)
            #expect(text.contains("# TYPE http_requests_total counter"))
            #expect(text.contains("# TYPE http_request_duration_seconds histogram"))
            let login = #"http_requests_total{method="GET",path="/login",status="200"}"#
            #expect((value(text, login) ?? 0) >= (value(before, login) ?? 0) + 1)
            let runs = #"nastavnik_matching_runs_total{mode="stable"}"#
            #expect((value(text, runs) ?? 0) >= (value(before, runs) ?? 0) + 1)
            #expect((value(text, #"nastavnik_sign_ins_total{outcome="ok"}"#) ?? 0) >= 1)
            // Histogram lines are cumulative and end with +Inf = count.
            let count = value(text, #"http_request_duration_seconds_count{method="GET",path="/login",status="200"}"#)
            #expect(count != nil && count == value(text, #"http_request_duration_seconds_bucket{method="GET",path="/login",status="200",le="+Inf"}"#))
        }
    }

    @Test("The exposition format escapes label values and names")
    func format() {
        let r = PrometheusRegistry()
        r.makeCounter(label: "a.b-c", dimensions: [("path", "say \"hi\"\n")]).increment(by: 2)
        r.makeTimer(label: "t", dimensions: []).recordNanoseconds(30_000_000)
        let text = r.render()
        #expect(text.contains(#"a_b_c{path="say \"hi\"\n"} 2"#))
        #expect(text.contains(#"t_bucket{le="0.025"} 0"#) && text.contains(#"t_bucket{le="0.05"} 1"#) && text.contains("t_count 1"))
    }

    @Test("Migrations run forward on a database with data: a world built before the last seven, then migrated, keeps its rows and works")
    func migrateForward() async throws {
        try await withBareApp(migrate: false) { app in
            // Of the last seven, three add columns that today's records write (a region's time zone, a programme's
            // and an organisation's approver): the old world needs them to be built with these records;
            // `columnsOnData` runs the first on old rows.
            let written = ["AddRegionTimeZone", "AddProgrammeApprover", "AddOrganisationApprover"]
            let late = NastavnikMigrations.all.suffix(7)
            #expect(late.filter { m in written.contains { m.name.hasSuffix($0) } }.count == written.count)
            let early = Migrations()
            for m in NastavnikMigrations.all.dropLast(7) + late.filter({ m in written.contains { m.name.hasSuffix($0) } }) { early.add(m) }
            early.add(SessionRecord.migration)
            let migrator = Migrator(databases: app.databases, migrations: early, logger: app.logger, on: app.eventLoopGroup.next())
            try await migrator.setupIfNeeded().get()
            try await migrator.prepareBatch().get()
            #expect(try await get(app, "/ready").0 == .serviceUnavailable)
            // The old world is written as the old build wrote it: without this build's indicator bookkeeping,
            // whose column the last migrations add.
            app.databases.middleware.clear()
            let f = try await Fixture.build(app)
            let people = try await PersonRecord.query(on: app.db).count()
            let pairs = try await MentorshipRecord.query(on: app.db).count()
            try await app.autoMigrate()
            app.databases.middleware.use(IndicatorInputsMiddleware())
            #expect(try await PersonRecord.query(on: app.db).count() == people)
            #expect(try await MentorshipRecord.query(on: app.db).count() == pairs)
            #expect(try await get(app, "/ready").0 == .ok)
            // Old rows and the new tables and columns work together.
            let t = try await app.token("curator")
            #expect(try await app.api(.GET, "/people/\(f.teacher["A"]!.id)", token: t).0 == .ok)
            #expect(try await app.api(.POST, "/tokens", token: try await app.token("admin"), json: IntegrationTokenInput(label: "Дневник", days: FlexibleInt(1))).0 == .created)
            #expect(try await app.api(.GET, "/trainings", token: t).0 == .ok)
            #expect(try await app.api(.GET, "/contests", token: t).0 == .ok)
        }
    }

    @Test("The column migrations run on old rows: regions keep Moscow time but Udmurtia (code 18), which gets Samara's")
    func columnsOnData() async throws {
        try await withBareApp(migrate: false) { app in
            let early = Migrations()
            for m in NastavnikMigrations.all.prefix(while: { !$0.name.hasSuffix("AddRegionTimeZone") }) { early.add(m) }
            early.add(SessionRecord.migration)
            let migrator = Migrator(databases: app.databases, migrations: early, logger: app.logger, on: app.eventLoopGroup.next())
            try await migrator.setupIfNeeded().get()
            try await migrator.prepareBatch().get()
            let sql = try #require(app.db as? any SQLDatabase)
            let tula = UUID(), udmurtia = UUID()
            try await sql.raw("INSERT INTO regions (id, name, code) VALUES (\(bind: tula), 'Тульская область', '71'), (\(bind: udmurtia), 'Удмуртская Республика', '18')").run()
            try await app.autoMigrate()
            #expect(try await RegionRecord.find(tula, on: app.db)?.timeZone == "Europe/Moscow")
            #expect(try await RegionRecord.find(udmurtia, on: app.db)?.timeZone == "Europe/Samara")
            #expect(try await get(app, "/ready").0 == .ok)
        }
    }
}
