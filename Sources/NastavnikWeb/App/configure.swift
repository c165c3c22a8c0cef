import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import NastavnikCore
import NastavnikStore
import Vapor

/// Sets up the database, middleware, routes and commands. Tests call the same function.
public func configure(_ app: Application, config: AppConfig = .fromEnvironment(), inMemory: Bool = false) async throws {
    app.config = config
    guard let assets = StaticAssets.directory() else { throw AppConfig.Invalid(description: StaticAssets.missing()) }
    if !config.invalidTrustedProxies.isEmpty {
        throw AppConfig.Invalid(description: "TRUSTED_PROXIES: не адреса и не сети: \(config.invalidTrustedProxies.joined(separator: ", ")).")
    }
    if let invalid = config.invalidReminderSettings { throw AppConfig.Invalid(description: invalid) }
    if let url = config.databaseURL, config.usesPostgres {
        try app.databases.use(.postgres(url: url), as: .psql)
    } else if inMemory {
        app.databases.use(.serialWrites(.sqlite(.memory)), as: .sqlite)
    } else {
        app.databases.use(.serialWrites(.sqlite(.file(config.sqlitePath))), as: .sqlite)
    }
    // Every write of a record the indicators read outdates the aggregates it changes (issue 6).
    app.databases.middleware.use(IndicatorInputsMiddleware())
    app.databases.middleware.use(WriteEpochModelMiddleware(cache: app.dashboardCache))
    for migration in NastavnikMigrations.all { app.migrations.add(migration) }
    app.migrations.add(SessionRecord.migration)

    app.http.server.configuration.hostname = config.hostname
    app.http.server.configuration.port = config.port
    app.http.server.configuration.shutdownTimeout = .seconds(Int64(config.shutdownTimeout))
    app.passwords.use(.bcrypt(cost: app.environment == .testing ? 4 : 11))

    app.sessions.use { app in UnchangedSessionsSkipped(base: app.fluent.sessions.driver(nil)) }
    app.sessions.configuration.cookieName = "nastavnik_session"
    app.sessions.configuration.cookieFactory = { id in
        HTTPCookies.Value(
            string: id.string, expires: Date().addingTimeInterval(sessionLifetime), maxAge: Int(sessionLifetime), path: "/",
            isSecure: config.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }

    app.middleware = Middlewares()
    // Outermost: a stop waits for every request from here (see `GracefulShutdown`).
    app.middleware.use(InFlightMiddleware())
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(WriteEpochMiddleware(cache: app.dashboardCache))
    // Outside the error middleware, so error pages (404, 403, 429) carry the headers too.
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(NastavnikErrorMiddleware())
    app.middleware.use(StaticFilesMiddleware(directory: assets))
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(CurrentUserMiddleware())
    app.middleware.use(RouteAccessMiddleware())

    app.inFlight = InFlightWork()
    app.importJobs = ImportJobs()
    try routes(app)
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(MigrateNowCommand(), as: "migrate")
    app.asyncCommands.use(BackupCommand(restore: false), as: "backup")
    app.asyncCommands.use(BackupCommand(restore: true), as: "restore")
    app.asyncCommands.use(BenchImportCommand(), as: "bench-import")
    app.asyncCommands.use(SamplesCommand(), as: "samples")
    app.asyncCommands.use(BenchIndicatorsCommand(), as: "bench-indicators")
}
