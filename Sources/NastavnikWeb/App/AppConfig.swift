import Foundation
import NastavnikCore
import Vapor

/// Every setting, read once from the environment with safe defaults.
public struct AppConfig: Sendable {
    /// `postgres://…` → PostgreSQL; absent → the SQLite file `sqlitePath`.
    public var databaseURL: String?
    public var sqlitePath: String
    public var hostname: String
    public var port: Int
    /// Cookies marked Secure (set when served behind TLS).
    public var secureCookies: Bool
    /// A fixed «today» for demos and tests (`YYYY-MM-DD`); the clock otherwise.
    public var fixedToday: Day?
    /// The bearer token a Prometheus scraper sends to `/metrics`; absent → `/metrics` answers loopback only.
    public var metricsToken: String?
    /// Seconds a stop on SIGTERM/SIGINT waits for the requests and imports in flight (see `GracefulShutdown`).
    public var shutdownTimeout: Int
    /// Milliseconds a stop keeps serving after SIGTERM before it closes idle connections (`SHUTDOWN_GRACE_MS`,
    /// default 1000; never past `shutdownTimeout`): a request already sent on a keep-alive connection but not yet
    /// read when the signal came is read and answered instead of reset with its connection.
    public var shutdownGraceMilliseconds: Int
    /// The proxies whose `X-Forwarded-For` names the client (`TRUSTED_PROXIES`: addresses or networks, comma-separated;
    /// default loopback, nginx on the same machine). Anyone else's header is ignored.
    public var trustedProxies: TrustedProxies = .loopback
    /// Entries of `TRUSTED_PROXIES` that are no address: `configure` refuses to start with them.
    public var invalidTrustedProxies: [String] = []
    /// E-mail reminders (`SMTP_URL`, `REMINDER_HOUR`, `REMINDER_INTERVAL`); no `SMTP_URL`, no mail.
    var reminders = ReminderSettings()
    /// Why `SMTP_URL` cannot be used: `configure` refuses to start with it.
    var invalidReminderSettings: String?

    public static func fromEnvironment() -> AppConfig {
        AppConfig(
            databaseURL: Environment.get("DATABASE_URL").nonBlank,
            sqlitePath: Environment.get("SQLITE_PATH").nonBlank ?? "nastavnik.sqlite",
            hostname: Environment.get("HOST").nonBlank ?? "127.0.0.1",
            port: Environment.get("PORT").flatMap(Int.init) ?? 8080,
            secureCookies: Environment.get("SECURE_COOKIES") == "1",
            fixedToday: Environment.get("NASTAVNIK_TODAY").flatMap { Day($0) },
            metricsToken: Environment.get("METRICS_TOKEN").nonBlank,
            shutdownTimeout: Environment.get("SHUTDOWN_TIMEOUT").flatMap(Int.init).map { max($0, 0) } ?? 25,
            shutdownGraceMilliseconds: Environment.get("SHUTDOWN_GRACE_MS").flatMap(Int.init).map { max($0, 0) } ?? 1000)
        .withTrustedProxies(Environment.get("TRUSTED_PROXIES"))
        .withReminders(ReminderSettings.fromEnvironment())
    }

    func withReminders(_ read: (ReminderSettings, invalid: String?)) -> AppConfig {
        var config = self
        (config.reminders, config.invalidReminderSettings) = read
        return config
    }

    /// The settings with `TRUSTED_PROXIES` read from `text` (nil: the loopback default).
    func withTrustedProxies(_ text: String?) -> AppConfig {
        guard let text else { return self }
        var config = self
        (config.trustedProxies, config.invalidTrustedProxies) = TrustedProxies.parse(text)
        return config
    }

    /// A setting the server cannot start with.
    struct Invalid: Error, CustomStringConvertible { var description: String }

    public var usesPostgres: Bool { databaseURL?.hasPrefix("postgres") ?? false }
}

struct AppConfigKey: StorageKey { typealias Value = AppConfig }

extension Application {
    public var config: AppConfig {
        get { storage[AppConfigKey.self] ?? .fromEnvironment() }
        set { storage[AppConfigKey.self] = newValue }
    }

    /// Today in Moscow time, or the configured fixed day.
    public var today: Day { config.fixedToday ?? Day(Date()) }
}

extension Request {
    public var today: Day { application.today }

    /// The client's address: the socket's peer, or where that is one of our proxies, the address it forwarded for.
    var clientAddress: String? {
        let forwarded = headers[.xForwardedFor]
        return application.config.trustedProxies.client(
            socket: remoteAddress?.ipAddress,
            forwardedFor: forwarded.isEmpty ? TrustedProxies.forwardedFor(rfc7239: headers[.forwarded]) : forwarded)
    }
}
