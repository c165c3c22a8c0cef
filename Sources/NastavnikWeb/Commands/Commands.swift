import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import SQLKit
import Vapor

/// Writes the deterministic demo dataset in one transaction.
enum DemoLoader {
    static let seed: UInt64 = 2022

    static func isEmpty(_ db: any Database) async throws -> Bool {
        try await RegionRecord.query(on: db).count() == 0
    }

    @discardableResult
    /// `progress` hears each step (the first start on a debug build takes most of a minute).
    static func load(_ app: Application, today: Day, progress: (String) -> Void = { _ in }) async throws -> DemoDataset {
        progress("генерирую демонстрационный регион…")
        let data = DemoGenerator.make(seed: seed, today: today)
        progress("записываю в базу: \(RussianPlural.count(data.organisations.count, .organisations)), \(data.people.count) человек, \(RussianPlural.count(data.mentorships.count, "пара (группа)", "пары (группы)", "пар (групп)"))…")
        // All demo accounts share one password: hash it once.
        var hashing: [String: String] = [:]
        for a in data.accounts where hashing[a.password] == nil { hashing[a.password] = try app.password.hash(a.password) }
        let hashes = hashing
        try await app.db.transaction { db in
            try await db.insertAll(data.regions.map { RegionRecord($0) })
            try await db.insertAll(data.municipalities.map { MunicipalityRecord($0) })
            try await db.insertAll(data.organisations.map { OrganisationRecord($0) })
            try await db.insertAll(data.people.map { PersonRecord($0) })
            try await db.insertAll(data.memberships.map { MembershipRecord($0) })
            try await db.insertAll(data.consents.map { ConsentRecord($0) })
            try await db.insertAll(data.mentors.map { MentorProfileRecord($0) })
            try await db.insertAll(data.mentees.map { MenteeProfileRecord($0) })
            try await db.insertAll(data.mentorships.map { MentorshipRecord($0) })
            try await db.insertAll(data.participants.map { ParticipantRecord($0) })
            try await db.insertAll(data.programmes.map { ProgrammeRecord($0) })
            try await db.insertAll(data.tasks.map { ProgrammeTaskRecord($0) })
            try await db.insertAll(data.meetings.map { MeetingRecord($0) })
            try await db.insertAll(data.feedback.map { FeedbackRecord($0) })
            try await db.insertAll(data.assessments.map { AssessmentRecord($0) })
            try await db.insertAll(data.routeSteps.map { RouteStepRecord($0) })
            try await db.insertAll(data.acts.map { LocalActRecord($0) })
            try await db.insertAll(data.roadmapEvents.map { RoadmapEventRecord($0) })
            try await db.insertAll(data.trainingEvents.map { TrainingEventRecord($0) })
            try await db.insertAll(data.enrolments.map { EnrolmentRecord($0) })
            try await db.insertAll(data.trainingNeeds.map { TrainingNeedRecord($0) })
            try await db.insertAll(data.practices.map { PracticeItemRecord($0) })
            try await db.insertAll(data.contests.map { ContestRecord($0) })
            try await db.insertAll(data.contestApplications.map { ContestApplicationRecord($0) })
            try await db.insertAll(data.juryScores.map { JuryScoreRecord($0) })
            try await db.insertAll(data.recognitionCriteria.map { RecognitionCriteriaRecord($0) })
            for a in data.accounts {
                let placement = Placement(regionID: a.regionID, municipalityID: a.municipalityID, organisationID: a.organisationID)
                let record = AccountRecord(id: a.id, login: a.login, passwordHash: hashes[a.password]!, role: a.role, fullName: a.fullName, placement: placement, personID: a.personID)
                try await record.create(on: db)
                try await db.insertAll(a.assignedPersonIDs.map { TutorAssignmentRecord(accountID: record.id!, personID: $0) })
            }
        }
        try await refreshPlannerStatistics(app.db)
        return data
    }

    /// PostgreSQL plans a table loaded a moment ago as the empty one it was until autovacuum analyses it: a monitoring
    /// query over the fresh demo ran nested loops for twenty minutes. ANALYZE after a bulk load gives it the real sizes.
    static func refreshPlannerStatistics(_ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("ANALYZE").run()
    }

    static func loginTable(_ data: DemoDataset) -> String {
        data.accounts.map { "  \($0.login.padding(toLength: 12, withPad: " ", startingAt: 0)) \($0.password)   \($0.role.label)" }.joined(separator: "\n")
    }
}

/// `nastavnik demo` — loads demo data into an empty database.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Загружает демонстрационные данные (регион, муниципалитеты, школы, люди, базы, учётные записи)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard try await DemoLoader.isEmpty(app.db) else {
            context.console.warning("База данных не пуста: демонстрационные данные не загружены.")
            return
        }
        let data = try await DemoLoader.load(app, today: app.today)
        context.console.info("Загружено: организаций \(data.organisations.count), людей \(data.people.count), наставников \(data.mentors.count), наставляемых \(data.mentees.count).")
        context.console.info("Демо-входы:\n" + DemoLoader.loginTable(data))
    }
}

/// `nastavnik migrate` — brings the schema up to date without questions.
struct MigrateNowCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Применяет миграции базы данных." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.autoMigrate()
        context.console.info("Миграции применены.")
    }
}

/// `nastavnik user create --login L --password P --role R [--scope ID] [--person ID] [--name ФИО]`
/// `nastavnik user password --login L --password P`
struct UserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create или password")
        var action: String
        @Option(name: "login") var login: String?
        @Option(name: "password") var password: String?
        @Option(name: "role", help: "administrator, regional_operator, municipal_coordinator, curator, director, psychologist, regional_tutor, mentor, mentee")
        var role: String?
        @Option(name: "scope", help: "id региона, муниципалитета или организации") var scope: String?
        @Option(name: "person", help: "id человека (для наставника и наставляемого)") var person: String?
        @Option(name: "name", help: "ФИО владельца") var name: String?
    }

    var help: String { "Создаёт учётную запись или задаёт новый пароль." }

    func run(using context: CommandContext, signature s: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        do {
            switch s.action {
            case "create":
                let input = AccountInput(login: s.login, password: s.password, role: s.role, fullName: s.name ?? s.login, scopeID: s.scope, personID: s.person)
                let a = try await AccountService.create(input, actor: nil, today: app.today, on: app.db, hasher: app.password)
                context.console.info("Учётная запись «\(a.login)» (\(try a.roleValue.label)) создана.")
            case "password":
                guard let login = s.login?.lowercased(), let account = try await AccountRecord.query(on: app.db).filter(\.$login == login).first() else {
                    throw ValidationError("login", "Учётная запись не найдена.")
                }
                try ValidationError.check(PasswordPolicy.validate(s.password ?? ""))
                account.passwordHash = try app.password.hash(s.password!)
                try await app.db.transaction { db in
                    try await account.save(on: db)
                    try await AccountAdmin.endAccess(db, try account.requireID())
                }
                context.console.info("Пароль учётной записи «\(login)» изменён; её сеансы входа завершены, токены API отозваны, ссылка на календарь отключена.")
            default:
                throw ValidationError("action", "Неизвестное действие «\(s.action)»: используйте create или password.")
            }
        } catch let v as ValidationError {
            context.console.error(v.summary)
            throw v
        }
    }
}

/// What `nastavnik serve` does before listening: migrate, load demo data into an empty database, say where to go.
/// What `nastavnik serve` was asked on its command line, read the way Vapor's serve command reads it
/// (`--hostname`/`-H`, `--port`/`-p`, `--bind`/`-b host:port`, `--help`/`-h`), so that the banner names the
/// address the server really listens on and `--help` prepares nothing.
public struct ServeArguments: Sendable, Equatable {
    public var hostname: String?
    public var port: Int?
    public var help = false

    public init(hostname: String? = nil, port: Int? = nil, help: Bool = false) {
        self.hostname = hostname
        self.port = port
        self.help = help
    }

    /// The arguments after the program's name; nil when they do not start the server.
    public static func parse(_ arguments: [String]) -> ServeArguments? {
        guard arguments.first == nil || arguments.first == "serve" else { return nil }
        var out = ServeArguments()
        var rest = arguments.dropFirst()
        while let a = rest.popFirst() {
            let (name, inline) = a.hasPrefix("--") && a.contains("=") ? (String(a.prefix { $0 != "=" }), String(a.drop { $0 != "=" }.dropFirst())) : (a, nil)
            switch name {
            case "--help", "-h": out.help = true
            case "--hostname", "-H": out.hostname = inline ?? rest.popFirst()
            case "--port", "-p": out.port = (inline ?? rest.popFirst()).flatMap(Int.init)
            case "--bind", "-b":
                if let bind = inline ?? rest.popFirst(), let colon = bind.lastIndex(of: ":") {
                    out.hostname = String(bind[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                    out.port = Int(bind[bind.index(after: colon)...])
                }
            default: break
            }
        }
        return out
    }
}

public enum ServePreparation {
    /// SQLite: write-ahead log, so readers and the one writer do not wait for each other (kept in the file).
    static func useWriteAheadLog(_ app: Application) async throws {
        if !app.config.usesPostgres, let sql = app.db as? any SQLDatabase {
            try await sql.raw("PRAGMA journal_mode = WAL").run()
        }
    }

    /// Migrates (quietly: one line for all of them), loads the demo into an empty database with its progress, and
    /// prints where to open the system — at the address `serve` will really listen on (`arguments`, as
    /// `--hostname`/`--port`/`--bind` give it, else the configuration).
    public static func prepare(_ app: Application, arguments: ServeArguments = ServeArguments()) async throws {
        try await useWriteAheadLog(app)
        // Fluent says every migration at info level; one line says what a newcomer needs.
        let before = (try? await MigrationLog.query(on: app.db).count()) ?? 0
        let level = app.logger.logLevel
        app.logger.logLevel = max(level, .warning)
        try await app.autoMigrate()
        app.logger.logLevel = level
        let applied = try await MigrationLog.query(on: app.db).count() - before
        if applied > 0 { print("База данных подготовлена: применено миграций — \(applied).") }
        app.lifecycle.use(IndicatorAggregateWarmer())
        app.lifecycle.use(ReminderWorker())
        var logins: String?
        if try await DemoLoader.isEmpty(app.db) {
            print("База данных пуста: загружаю демонстрационные данные (на отладочной сборке около минуты).")
            let started = Date()
            let data = try await DemoLoader.load(app, today: app.today) { print("  – \($0)") }
            print("  – готово за \(Int(Date().timeIntervalSince(started).rounded())) с.")
            logins = DemoLoader.loginTable(data)
        } else {
            logins = DemoLoader.loginTable(DemoGenerator.make(seed: DemoLoader.seed, today: app.today))
        }
        let c = app.config
        let db = c.usesPostgres ? "PostgreSQL" : "SQLite (\(c.sqlitePath))"
        let host = arguments.hostname ?? c.hostname, port = arguments.port ?? c.port
        print("""

        Наставник запущен: http://\(host.contains(":") ? "[\(host)]" : host):\(port)/   (база данных: \(db))
        Демо-входы (логин, пароль, роль):
        \(logins ?? "")

        """)
    }
}
