import Fluent
import Foundation
import NastavnikCore
import NastavnikOffice
import NastavnikStore
import SQLKit
import Vapor

/// Spreadsheet imports: the file is read, planned against the database in the caller's scope (a dry run),
/// and committed in one transaction — either every row or, when the user asks, only the valid ones.
enum ImportService {
    /// The resource whose write right an import needs.
    static func resource(_ kind: ImportKind) -> Resource {
        switch kind {
        case .organisations: .organisation
        case .staff, .students: .person
        case .mentors: .mentorBase
        case .mentees: .menteeBase
        }
    }

    static func requireRight(_ req: Request, _ kind: ImportKind) throws {
        let role = try req.user.actor.role
        guard AccessPolicy.permits(role, .write, resource(kind)) else {
            throw Abort(.forbidden, reason: "Ваша роль не позволяет загружать «\(kind.label)».")
        }
        if kind == .organisations, role.scopeLevel == .organisation {
            throw Abort(.forbidden, reason: "Организации загружает муниципальный координатор или региональный оператор.")
        }
    }

    /// Rows of the uploaded file; an unreadable file is a 422 with a Russian message. Read when `UnpackingGate`
    /// lets it: a file is unpacked in memory, and simultaneous uploads would add up.
    static func table(_ data: Data, filename: String) async throws -> [[String]] {
        guard !data.isEmpty else { throw ValidationError("file", "Файл пустой.") }
        do { return try await UnpackingGate.shared.run { try TextTable.rows(data, filename: filename) } } catch let e as TextTableError {
            throw ValidationError("file", e.message)
        } catch let e as OOXMLError {
            throw ValidationError("file", e.message)
        } catch let e as Abort {
            throw e // the gate's 503
        } catch {
            throw ValidationError("file", "Файл не удалось прочитать: ожидается XLSX или CSV.")
        }
    }

    /// Everything in the caller's write scope that rows of `table` may refer to or update.
    static func context(_ req: Request, _ kind: ImportKind, _ table: [[String]]) async throws -> ImportContext {
        let db = req.db
        let actor = try req.user.actor
        if kind == .organisations {
            var q = MunicipalityRecord.query(on: db)
            switch actor.role.scopeLevel {
            case .country: break
            case .region: q = q.filter(\.$regionID == (actor.placement.regionID ?? UUID()))
            default: q = q.filter(\.$id == (actor.placement.municipalityID ?? UUID()))
            }
            let muns = try await q.all().map(\.core)
            let orgs = try await MentorshipStore.all(OrganisationRecord.self, db, \.$municipalityID, in: muns.map(\.id))
            return ImportContext(today: req.today, organisations: orgs, municipalities: muns)
        }
        return try await context(db, organisations: try await Scope.writableOrganisations(req, resource(kind)), kind: kind, today: req.today,
                                 snils: ImportPlanner.snils(table, kind: kind))
    }

    /// The people, places, consents and base entries of `organisations` (the caller's write scope), and which
    /// of the file's SNILS numbers (`snils`) belong to people outside it.
    static func context(
        _ db: any Database, organisations orgs: [Organisation], kind: ImportKind, today: Day, snils: Set<String>
    ) async throws -> ImportContext {
        let ids = orgs.map(\.id)
        var context = ImportContext(today: today, organisations: orgs, defaultOrganisationID: orgs.count == 1 ? orgs[0].id : nil)
        guard !ids.isEmpty, let sql = db as? any SQLDatabase else { return context }
        // Their municipalities name the candidates when several organisations share a name.
        context.municipalities = try await MunicipalityRecord.query(on: db).filter(\.$id ~~ Set(orgs.map(\.municipalityID))).all().map(\.core)
        // Everyone with a place in these organisations, with all their places and consents: one query each,
        // read by the bulk path (a school's 100,000 people through Fluent took 9 s).
        let here = BulkStatement.inList("organisation_id", count: ids.count)
        let binds = ids.map(ColumnValue.uuid)
        let people = "SELECT person_id FROM memberships WHERE \(here)"
        let theirs = "person_id IN (\(people))"
        context.people = try await db.bulkRead(PersonRecord.self, where: "id IN (\(people))", binds)
        context.memberships = try await db.bulkRead(MembershipRecord.self, where: theirs, binds)
        context.consents = try await db.bulkRead(ConsentRecord.self, where: theirs, binds)
        let sqlHere: SQLQueryString = "organisation_id IN (\(binds: ids))"
        if kind == .mentors { context.mentorProfiles = try await sql.records(MentorProfileRecord.self, where: sqlHere).map(\.core) }
        if kind == .mentees { context.menteeProfiles = try await sql.records(MenteeProfileRecord.self, where: sqlHere).map(\.core) }
        let known = Set(context.people.compactMap(\.snils))
        context.foreignSnils = try await db.existingTexts("snils", in: PersonRecord.schema, among: snils.subtracting(known))
        return context
    }

    /// The uploaded file, read and ready to be planned against the caller's scope. `confirmed`: the conflicting rows
    /// (a SNILS match with another name or birth date) the user confirmed as the same person.
    static func planning(_ req: Request, _ kind: ImportKind, _ data: Data, filename: String, confirmed: Set<Int> = []) async throws -> ImportPlanning {
        try requireRight(req, kind)
        let rows = try await table(data, filename: filename)
        var context = try await context(req, kind, rows)
        context.confirmedConflicts = confirmed
        return ImportPlanning(rows, kind: kind, context: context)
    }

    /// The dry run: every row planned.
    static func plan(_ req: Request, _ kind: ImportKind, _ data: Data, filename: String, confirmed: Set<Int> = []) async throws -> ImportPlan {
        try await planning(req, kind, data, filename: filename, confirmed: confirmed).rest()
    }

    /// Writes a plan made before (the API's report) in one transaction. With problems in the file, nothing is
    /// written unless `validOnly` says the user chose to load the rows without errors; with a conflict neither
    /// confirmed (it is among the plan's rows then) nor `skipped`, likewise.
    static func commit(
        _ db: any Database, _ user: CurrentUser, _ plan: ImportPlan, validOnly: Bool, skipped: Set<Int> = [],
        progress: @escaping @Sendable (Int, Int) async -> Void = { _, _ in }
    ) async throws {
        guard plan.fileIsUsable else { throw unusableFile(plan.issues) }
        if !plan.issues.isEmpty, !validOnly { throw Self.rowsWithIssues(plan.rowsWithIssues) }
        let undecided = plan.tally.undecided(skipped: skipped)
        if !undecided.isEmpty, !validOnly { throw Self.undecidedConflicts(undecided) }
        var parts = plan.rows.slices(of: partSize).makeIterator()
        _ = try await commit(db, user, plan.kind, total: plan.rows.count, validOnly: validOnly, skipped: skipped, progress: progress) {
            parts.next().map { (Array($0), [], [], $0.count) }
        }
    }

    /// Plans the file's rows and writes them in one transaction, a part written while the next is planned. A row
    /// with problems, or a conflict undecided (`skipped` lists those the user left out), is found only when its
    /// part is planned: without `validOnly`, the transaction is then rolled back and nothing stays written.
    static func commit(
        _ db: any Database, _ user: CurrentUser, _ planning: ImportPlanning, validOnly: Bool, skipped: Set<Int> = [],
        progress: @escaping @Sendable (Int, Int) async -> Void = { _, _ in }
    ) async throws -> ImportTally {
        guard planning.fileIsUsable else { throw unusableFile(planning.fileIssues) }
        var planning = planning
        return try await commit(db, user, planning.kind, total: planning.dataRows, validOnly: validOnly, skipped: skipped, progress: progress) {
            let before = planning.rowsPlanned
            return planning.next(partSize).map { ($0.rows, $0.issues, $0.conflicts, planning.rowsPlanned - before) }
        }
    }

    /// Rows planned and written at a time.
    static let partSize = 2000

    /// Planned rows, their problems, the conflicts left out, and how many of the commit's total they cover.
    typealias Part = (rows: [PlannedRow], issues: [RowIssue], conflicts: [ImportConflict], covers: Int)

    /// Row numbers the user names («2,5», or one per repeated field): a value that is not one is a Russian 422.
    static func rowNumbers(_ values: [String]?, field: String) throws -> Set<Int> {
        var rows: Set<Int> = []
        for item in (values ?? []).flatMap({ $0.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }) }) {
            guard let n = Int(item), (1...10_000_000).contains(n) else {
                throw ValidationError(field, "Номера строк указываются числами через запятую, например «2,5»; «\(item)» — не номер строки.")
            }
            rows.insert(n)
        }
        return rows
    }

    /// Conflicts on which the user decided nothing, in a commit of all rows.
    static func undecidedConflicts(_ rows: [Int]) -> ValidationError {
        let one = rows.count == 1
        let list = rows.prefix(20).map(String.init)
        let named = list.joined(separator: ", ") + (rows.count > 20 ? " и ещё \(rows.count - 20)" : "")
        return ValidationError("confirm", "Не решено, тот ли это человек: \(one ? "строка" : "строки") \(named) — СНИЛС совпадает с человеком, у которого другие фамилия, имя или дата рождения. Если это тот же человек, подтвердите \(one ? "строку" : "строки") («Это тот же человек — обновить данные»; в API — confirm=\(list.joined(separator: ","))); иначе загрузите только строки без ошибок — \(one ? "она будет пропущена" : "они будут пропущены"). Данные не изменены.")
    }

    /// A file none of whose rows can be planned (a required column missing): its first problem.
    static func unusableFile(_ issues: [RowIssue]) -> ValidationError {
        ValidationError("file", issues.first?.message ?? "Файл не подходит для загрузки.")
    }

    static func rowsWithIssues(_ count: Int) -> ValidationError {
        ValidationError("validOnly", "В файле \(RussianPlural.count(count, "строка", "строки", "строк")) с ошибками: исправьте \(RussianPlural.form(count, "её", "их", "их")) или загрузите только строки без ошибок.")
    }

    /// The transaction: `nextPart` is called from one task at a time, each part planned and made ready
    /// (`PreparedPart`) on another core while the one before it is written.
    private static func commit(
        _ db: any Database, _ user: CurrentUser, _ kind: ImportKind, total: Int, validOnly: Bool, skipped: Set<Int>,
        progress: @escaping @Sendable (Int, Int) async -> Void,
        nextPart: @escaping () -> Part?
    ) async throws -> ImportTally {
        let source = PartSource(nextPart)
        do {
            let outcome = try await db.transaction { db in
                var outcome = ImportTally(), covered = 0
                try await withLargePageCache(db) {
                    try await IndicatorOutdating.deferring(db) {
                        let copyText = db.copiesInBulk
                        var next = source.prepare(user, copyText: copyText)
                        while let (part, prepared) = await next.value {
                            next = source.prepare(user, copyText: copyText)
                            outcome.add(part.rows, part.issues, part.conflicts)
                            covered += part.covers
                            try await write(db, prepared)
                            await progress(covered, total)
                        }
                        if !outcome.issues.isEmpty, !validOnly { throw Self.rowsWithIssues(outcome.rowsWithIssues) }
                        let undecided = outcome.undecided(skipped: skipped)
                        if !undecided.isEmpty, !validOnly { throw Self.undecidedConflicts(undecided) }
                    }
                }
                return outcome
            }
            if outcome.rows >= 10_000 { try await refreshStatistics(db) }
            AppMetrics.importFinished(kind: kind.rawValue, committed: true, rows: outcome.rows)
            return outcome
        } catch {
            AppMetrics.importFinished(kind: kind.rawValue, committed: false, rows: 0)
            throw error
        }
    }

    /// Parts of a commit, prepared one at a time in a task of their own.
    private final class PartSource: @unchecked Sendable {
        // Called by one task at a time: the next task starts after the previous one's value was taken.
        private let nextPart: () -> Part?

        init(_ nextPart: @escaping () -> Part?) { self.nextPart = nextPart }

        func prepare(_ user: CurrentUser, copyText: Bool) -> Task<(Part, PreparedPart)?, Never> {
            Task { nextPart().map { ($0, PreparedPart($0.rows, user, copyText: copyText)) } }
        }
    }

    /// A part's rows with what can be made of them before the database is reached: the rows the bulk tables gain
    /// (for PostgreSQL already written as COPY's text) and the audit entries, one per row that changes a person.
    struct PreparedPart: Sendable {
        let rows: [PlannedRow]
        let people: BulkBatch<PersonRecord>
        let memberships: BulkBatch<MembershipRecord>
        let consents: BulkBatch<ConsentRecord>
        let audit: BulkBatch<AuditRecord>

        init(_ rows: [PlannedRow], _ user: CurrentUser, copyText: Bool) {
            let now = Date()
            self.rows = rows
            people = BulkBatch(rows.compactMap { $0.oldPerson == nil ? $0.person : nil }, as: PersonRecord.self, now: now, copyText: copyText)
            memberships = BulkBatch(rows.compactMap { $0.oldMembership == nil ? $0.membership : nil }, as: MembershipRecord.self, now: now, copyText: copyText)
            consents = BulkBatch(rows.compactMap(\.consent), as: ConsentRecord.self, now: now, copyText: copyText)
            audit = BulkBatch(rows.compactMap { AuditTrail.importEntry(user, $0) }, as: AuditRecord.self, now: now, copyText: copyText)
        }
    }

    /// PostgreSQL plans by table statistics that autovacuum refreshes only now and then: right after a large
    /// import into emptied tables it took `memberships` for nearly empty and read a school's 100,000 people by a
    /// nested loop (10 minutes instead of one second, `scripts/bench-import`). A large import analyses the tables
    /// it reads by person (the audit trail is only ever read through its person index).
    static func refreshStatistics(_ db: any Database) async throws {
        guard let sql = db.sql(on: "postgresql") else { return }
        try await sql.raw("ANALYZE people, memberships, consents, mentor_profiles, mentee_profiles").run()
    }

    /// SQLite keeps 2 MB of pages per connection by default; a 100,000-row import writes about 300 MB of pages in
    /// one transaction, and with a smaller cache spills dirty ones to the file in its middle. The transaction's
    /// connection gets up to 512 MB while it writes (only as much as the import fills), and the default back
    /// before the commit. PostgreSQL has its own shared buffers.
    static func withLargePageCache(_ db: any Database, _ body: () async throws -> Void) async throws {
        guard let sql = db.sql(on: "sqlite") else { return try await body() }
        let reset: SQLQueryString = "PRAGMA cache_size = -2000"
        try await sql.raw("PRAGMA cache_size = -524288").run()
        do { try await body() } catch {
            try? await sql.raw(reset).run()
            throw error
        }
        try await sql.raw(reset).run()
    }

    /// One part: new rows of the bulk tables as made ready, other inserts through Fluent's records, updates record
    /// by record, and the rows' audit entries.
    static func write(_ db: any Database, _ part: PreparedPart) async throws {
        let rows = part.rows
        try await upsert(db, rows.compactMap { r in r.organisation.map { ($0, r.oldOrganisation) } }, as: OrganisationRecord.self)
        try await db.bulkInsert(part.people)
        try await saveChanged(db, rows.compactMap { r in r.person.map { ($0, r.oldPerson) } }, as: PersonRecord.self)
        try await db.bulkInsert(part.memberships)
        try await saveChanged(db, rows.compactMap { r in r.membership.map { ($0, r.oldMembership) } }, as: MembershipRecord.self)
        try await db.bulkInsert(part.consents)
        try await upsert(db, rows.compactMap { r in r.mentor.map { ($0, r.oldMentor) } }, as: MentorProfileRecord.self)
        try await upsert(db, rows.compactMap { r in r.mentee.map { ($0, r.oldMentee) } }, as: MenteeProfileRecord.self)
        try await db.bulkInsert(part.audit)
    }

    /// New values inserted in bulk through Fluent's records; changed ones loaded and saved; unchanged ones left alone.
    static func upsert<M: CoreMapped>(_ db: any Database, _ values: [(M.Core, M.Core?)], as type: M.Type) async throws
    where M.Core: Identifiable & Equatable, M.Core.ID == UUID {
        try await db.bulkInsert(values.filter { $0.1 == nil }.map { M($0.0) })
        try await saveChanged(db, values, as: type)
    }

    private static func saveChanged<M: CoreMapped>(_ db: any Database, _ values: [(M.Core, M.Core?)], as type: M.Type) async throws
    where M.Core: Identifiable & Equatable, M.Core.ID == UUID {
        let changed = Dictionary(values.filter { $0.1 != nil && $0.0 != $0.1 }.map { ($0.0.id, $0.0) }, uniquingKeysWith: { a, _ in a })
        guard !changed.isEmpty else { return }
        for part in MentorshipStore.chunks(Array(changed.keys)) {
            for record in try await M.query(on: db).filter(\._$id ~~ part).all() {
                record.apply(changed[record.id!]!)
                try await record.save(on: db)
            }
        }
    }
}
