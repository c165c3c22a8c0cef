import Fluent
import SQLKit
import Foundation
import NastavnikCore
import NastavnikOffice
import NastavnikStore
import Vapor

/// `nastavnik bench-import --rows 100000 --format csv|xlsx` — the import of a large staff file through the
/// real path (read, then plan against the database and commit in one transaction, a part planned while the one
/// before it is written), then the same file again (all unchanged). Prints the figures; issue 5 asks for 100,000
/// rows in under 10 seconds.
struct BenchImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "rows", help: "Строк в файле (по умолчанию 100000)") var rows: Int?
        @Option(name: "format", help: "csv или xlsx") var format: String?
    }

    var help: String { "Замер загрузки большого файла работников (чтение, проверка, запись; затем повторная загрузка)." }

    static let lastNames = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров"]
    static let firstNames = ["Анна", "Мария", "Елена", "Ольга", "Татьяна", "Наталья", "Ирина", "Светлана", "Юлия", "Дарья", "Алексей", "Андрей", "Сергей", "Дмитрий", "Иван", "Павел", "Михаил", "Олег", "Игорь", "Артём"]

    /// A deterministic staff table with a valid SNILS per row.
    static func table(rows: Int) -> (headers: [String], rows: [[String]]) {
        let headers = ["Фамилия", "Имя", "Отчество", "Дата рождения", "СНИЛС", "Должность", "Начало педагогического стажа", "Дата согласия", "Электронная почта", "Телефон"]
        let body = (0..<rows).map { i -> [String] in
            let first = firstNames[i % firstNames.count]
            let female = i % firstNames.count < 10
            let last = lastNames[(i / firstNames.count) % lastNames.count] + (female ? "а" : "")
            let digits = String(format: "%09d", 100_000_000 + i).compactMap(\.wholeNumberValue)
            let birth = Day(year: 1960 + i % 40, month: 1 + i % 12, day: 1 + i % 28)!
            return [last, first, female ? "Петровна" : "Петрович", birth.russian, Snils.make(digits), "учитель", birth.adding(years: 22).russian, "01.09.2026", "t\(i)@school.ru", "+7 900 \(String(format: "%07d", i))"]
        }
        return (headers, body)
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        // As the server runs it.
        try await ServePreparation.useWriteAheadLog(app)
        try await app.autoMigrate()
        let n = signature.rows ?? 100_000
        let format = signature.format ?? "csv"
        let today = app.today
        let region = Region(name: "Замер \(UUID().uuidString.prefix(6))")
        let mun = Municipality(regionID: region.id, name: "Замер")
        let org = Organisation(municipalityID: mun.id, kind: .school, name: "Школа замера", shortName: "Школа замера \(region.name)")
        try await RegionRecord(region).create(on: app.db)
        try await MunicipalityRecord(mun).create(on: app.db)
        try await OrganisationRecord(org).create(on: app.db)
        let user = CurrentUser(accountID: UUID(), login: "bench", fullName: "Замер", actor: Actor(accountID: UUID(), role: .administrator, placement: Placement()), viaToken: false)

        let (headers, rows) = Self.table(rows: n)
        let file: Data = format == "xlsx"
            ? try XLSXWriter.data([XLSXSheet(name: "Работники", headers: headers, rows: rows.map { $0.map(XLSXCell.text) })])
            : Data(CSVTable(headers: headers, rows: rows).encoded().utf8)
        let engine = app.config.usesPostgres ? "PostgreSQL" : "SQLite (WAL)"
        context.console.print("Загрузка \(n) строк работников из \(format.uppercased()) (\(file.count / 1024) КБ), \(engine)")
        for pass in ["первая загрузка", "повторная загрузка того же файла"] {
            let clock = ContinuousClock()
            // Each phase's wall time and this process's CPU time in it (both cores): a phase whose CPU is well below
            // its wall time waits — on the database server, or on a single thread.
            var marks: [(String, Duration, Double)] = []
            var last = (clock.now, Self.processCPU())
            func mark(_ name: String) {
                let now = (clock.now, Self.processCPU())
                marks.append((name, now.0 - last.0, now.1 - last.1))
                last = now
            }
            let table = try TextTable.rows(file, filename: "bench.\(format)")
            mark("чтение файла")
            let ctx = try await ImportService.context(app.db, organisations: [org], kind: .staff, today: today, snils: ImportPlanner.snils(table, kind: .staff))
            mark("чтение базы")
            // As the page's commit does: each part of the file planned while the one before it is written.
            let tally = try await ImportService.commit(app.db, user, ImportPlanning(table, kind: .staff, context: ctx), validOnly: false)
            mark("проверка и запись")
            let total = marks.reduce(Duration.zero) { $0 + $1.1 }
            context.console.print("— \(pass): новых \(tally.created), изменённых \(tally.updated), без изменений \(tally.unchanged), ошибок \(tally.issues.count)")
            for (name, d, cpu) in marks {
                context.console.print("    \(name.padding(toLength: 26, withPad: " ", startingAt: 0)) \(Self.seconds(d)) с   (процессор: \(Self.seconds(.milliseconds(Int(cpu * 1000)))) с)")
            }
            let rate = Double(n) / max(Self.double(total), 0.001)
            context.console.print("    итого                      \(Self.seconds(total)) с (\(Int(rate)) строк/с; цель — 100 000 строк за 10 с: \(Self.double(total) * 100_000 / Double(n) < 10 ? "выполнена" : "НЕ выполнена"))")
        }
        context.console.print("Пиковая память процесса: \(Self.usage().ru_maxrss / 1024) МБ")
        // BENCH_KEEP=1 leaves the rows in the database, to look at what an import stores.
        if Environment.get("BENCH_KEEP") != "1" { try await Self.remove(app.db, org, mun, region) }
    }

    /// Removes what the run wrote, so that the next run on the same database (PostgreSQL) starts clean:
    /// its SNILS numbers would otherwise belong to the people of this one.
    static func remove(_ db: any Database, _ org: Organisation, _ mun: Municipality, _ region: Region) async throws {
        guard db is any SQLDatabase else { return }
        let people = SQLQueryString("SELECT person_id FROM memberships WHERE organisation_id = \(bind: org.id)")
        try await db.transaction { db in
            let sql = db as! any SQLDatabase
            for table in ["audit_entries", "consents", "mentor_profiles", "mentee_profiles"] {
                try await sql.raw("DELETE FROM \(ident: table) WHERE person_id IN (\(people))").run()
            }
            try await sql.raw("DELETE FROM people WHERE id IN (\(people))").run()
            try await sql.raw("DELETE FROM memberships WHERE organisation_id = \(bind: org.id)").run()
            try await OrganisationRecord.query(on: db).filter(\.$id == org.id).delete()
            try await MunicipalityRecord.query(on: db).filter(\.$id == mun.id).delete()
            try await RegionRecord.query(on: db).filter(\.$id == region.id).delete()
        }
        // PostgreSQL: the dead rows of 100,000 people are vacuumed now, not by autovacuum in the middle of the next run.
        if let sql = db.sql(on: "postgresql") {
            try await sql.raw("VACUUM (ANALYZE) people, memberships, consents, audit_entries, organisations").run()
        }
    }

    /// This process's resource use so far.
    static func usage() -> rusage {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage
    }

    /// User and system CPU seconds of this process so far.
    static func processCPU() -> Double {
        let usage = usage()
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func double(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
    static func seconds(_ d: Duration) -> String { String(format: "%.2f", double(d)).replacingOccurrences(of: ".", with: ",") }
}

/// `nastavnik samples --out DIR` — every generated document and spreadsheet, built by the same code as the
/// live ones from a small fixed example, for the LibreOffice and python-docx/openpyxl checks in
/// `scripts/check-office`. Writes `manifest.json`: file → texts each must contain.
struct SamplesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "out", help: "Папка для файлов") var out: String?
    }

    var help: String { "Пишет образцы всех документов DOCX и таблиц XLSX для проверки в LibreOffice." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let dir = URL(fileURLWithPath: signature.out ?? "samples", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let samples = try Self.make(today: context.application.today)
        var manifest: [String: [String]] = [:]
        for (name, data, expected) in samples {
            try data.write(to: dir.appendingPathComponent(name))
            manifest[name] = expected
        }
        try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys]).write(to: dir.appendingPathComponent("manifest.json"))
        context.console.print("Образцы записаны в \(dir.path): \(samples.count) файлов и manifest.json")
    }

    /// Three schools: the first with every document, the second with an order only, the third with none.
    static func reportExample(today: Day) -> AnalyticalReportInput {
        let schools = (1...3).map { Organisation(municipalityID: UUID(), kind: .school, name: "Школа № \($0)", shortName: "Школа № \($0)") }
        let since = today.adding(days: -30)
        let acts = [(0, LocalActKind.implementationOrder), (0, .regulation), (0, .curatorOrder), (1, .implementationOrder)].map { i, kind in
            LocalAct(organisationID: schools[i].id, kind: kind, title: kind.label, number: "\(i + 10)", date: since, status: .approved, approver: "Директор", createdOn: since)
        }
        let e = IndicatorEvaluator(MonitoringData(organisations: schools, acts: acts), on: today)
        let values = e.values()
        return AnalyticalReportInput(nodeName: "город Образцов", period: "на \(today.russian)", date: today, organisations: schools.count, values: values,
                                     flags: IndicatorChecks.flags(values, e), gaps: e.implementationGaps, target: 70)
    }

    /// The files with the texts each must show when opened.
    static func make(today: Day) throws -> [(String, Data, [String])] {
        var data = DocumentData.example(today: today)
        data.representative = "Смирнова Елена Павловна"
        data.number = "45-о"
        data.date = today
        var out: [(String, Data, [String])] = []
        for type in DocumentType.allCases {
            var expected = ["МБОУ СОШ № 12"]
            switch type {
            case .implementationOrder, .curatorOrder: expected += ["ПРИКАЗ", "№ 45-о", today.russian, "ПРИКАЗЫВАЮ", "Сидорова Анна Викторовна", "Петров И. С."]
            case .pairsOrder: expected += ["ПРИКАЗ", "Кузнецова Ольга Ивановна", "Попов Илья", "01.09.2026 — 31.05.2027", "Петров И. С."]
            case .regulation: expected += ["ПОЛОЖЕНИЕ", "Общие положения"]
            case .personalProgramme: expected += ["ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА", "Знакомство с локальными актами школы", "Адаптация молодого специалиста", "Кузнецова О. И."]
            case .roadmap: expected += ["ДОРОЖНАЯ КАРТА", "35"]
            case .consentAdult: expected = ["Смирнов Артём Олегович", "152-ФЗ"]
            case .consentParent: expected = ["Смирнова Елена Павловна", "Смирнов Артём Олегович", "10.05.2013"]
            }
            out.append(("\(type.rawValue).docx", try DocumentBuilder.build(type, data).data, expected))
        }
        for kind in ImportKind.allCases {
            let columns = ImportSpec.columns(kind)
            out.append(("template_\(kind.rawValue).xlsx", try XLSXWriter.data(ImportController.templateSheets(kind)), [columns[0].title, columns[0].sample]))
        }
        out.append(("analytical_report.docx", try AnalyticalReport.build(Self.reportExample(today: today)).data(),
                    ["АНАЛИТИЧЕСКАЯ СПРАВКА", "Таблица 1. Значения показателей мониторинга", "N = N1 / V × 100 %", "Школа № 3", "нет приказа о внедрении целевой модели", "Выводы и рекомендации"]))
        let school = Organisation(municipalityID: UUID(), kind: .school, name: "Школа № 7", shortName: "Школа № 7")
        let quarterReport = RoadmapQuarterReport.make(nodeName: "город Образцов", organisations: [school],
                                                      events: RoadmapRules.instantiate(organisationID: school.id, schoolYear: 2026), year: 2026, quarter: 4, asOf: Day(year: 2027, month: 1, day: 9) ?? .last)!
        out.append(("roadmap_quarter.docx", try quarterReport.document.data(), ["ОТЧЁТ О ВЫПОЛНЕНИИ ДОРОЖНЫХ КАРТ", "Школа № 7", "10.01.2027", "Не выполненные в срок мероприятия"]))
        let export = XLSXSheet(name: "Пары и группы", headers: ["Наставник", "Наставляемый", "Начало"], rows: data.pairs.map { [.text($0.mentors[0]), .text($0.mentees.joined(separator: ", ")), .date(year: 2026, month: 9, day: 1)] })
        out.append(("export_pairs.xlsx", try XLSXWriter.data([export]), ["Кузнецова Ольга Ивановна", "01.09.2026"]))
        return out
    }
}
