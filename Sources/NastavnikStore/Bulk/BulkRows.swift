import Fluent
import Foundation
import NastavnikCore
import PostgresNIO
import SQLiteNIO

// Imports write and read records by the hundred thousand. Through Fluent every value of every row went through
// the property wrappers, `DatabaseQuery.Value`, an `any Encodable` bind, SQLKit's serializer and the driver's
// Codable encoder; a `perf` profile of a 100,000-row import put most of its time in retain/release, generic
// metadata and malloc on that path, and a few percent in SQLite itself. The tables an import writes in bulk
// (people, places, consents, audit entries) give their columns here as concrete values, bound straight to the
// driver's own types and read back by position. `BulkRowsTests` keep the column lists equal to the records'
// and the values equal to what Fluent writes and reads.

/// One column's value as the bulk paths bind and read it.
public enum ColumnValue: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case uuid(UUID)
    case timestamp(Date)
    case null

    // Optional values: NULL for nil. Days are stored as `YYYY-MM-DD` text.
    public static func string(_ value: String?) -> ColumnValue { value.map(ColumnValue.text) ?? .null }
    public static func day(_ value: Day?) -> ColumnValue { value.map { .text($0.iso) } ?? .null }
    public static func int(_ value: Int?) -> ColumnValue { value.map(ColumnValue.integer) ?? .null }
    public static func id(_ value: UUID?) -> ColumnValue { value.map(ColumnValue.uuid) ?? .null }
}

/// A stored value the bulk reader could not turn into the record's field.
public struct BulkDecodingError: Error, CustomStringConvertible {
    public let table: String
    public let column: String
    public let found: String
    public var description: String { "Таблица \(table), столбец \(column): неожиданное значение \(found)." }
}

/// Reads one result row column by column, in the order of `BulkCoded.bulkColumns`. The values are the table's
/// own: NULL is nil, UUIDs and timestamps as the engine stores them.
public protocol ColumnReading {
    mutating func nextText() throws -> String?
    mutating func nextInteger() throws -> Int?
    mutating func nextUUID() throws -> UUID?
    mutating func nextTimestamp() throws -> Date?
    /// What to name in an error: the table and the column just read.
    var position: (table: String, column: String) { get }
}

extension ColumnReading {
    mutating func required<T>(_ value: T?) throws -> T {
        guard let value else { throw BulkDecodingError(table: position.table, column: position.column, found: "NULL") }
        return value
    }

    public mutating func text() throws -> String { try required(nextText()) }
    public mutating func uuid() throws -> UUID { try required(nextUUID()) }
    public mutating func timestamp() throws -> Date { try required(nextTimestamp()) }
    /// A `YYYY-MM-DD` day.
    public mutating func optionalDay() throws -> Day? {
        guard let text = try nextText() else { return nil }
        guard let day = Day.fromISO(text) ?? Day(text) else { throw BulkDecodingError(table: position.table, column: position.column, found: text) }
        return day
    }
    public mutating func day() throws -> Day { try required(optionalDay()) }
    /// A stored raw value of an enumeration; an unknown one reads as nil, as the records read it.
    public mutating func optionalRaw<T: RawRepresentable>(_: T.Type) throws -> T? where T.RawValue == String {
        try nextText().flatMap(T.init(rawValue:))
    }
}

/// Where a reader is in a row: the table, its columns in order, the next one's index.
struct ColumnCursor {
    let table: String
    let columns: [String]
    var index = 0

    /// The table and the column read last, for errors.
    var position: (table: String, column: String) { (table, columns[max(index - 1, 0)]) }

    /// The next column's index, and moves past it.
    mutating func advance() -> Int {
        defer { index += 1 }
        return index
    }
}

/// A record whose Core values an import writes and reads in bulk, without Fluent's models.
public protocol BulkCoded: CoreMapped where Core: Identifiable, Core.ID == UUID {
    /// The table's columns, in the order `bulkValues` gives and `bulkDecode` reads them: the record's field keys.
    static var bulkColumns: [String] { get }
    /// Appends the value's columns. `now` fills the record's timestamps, as Fluent's `create` would.
    static func bulkValues(_ value: Core, now: Date, into row: inout [ColumnValue])
    static func bulkDecode<R: ColumnReading>(_ row: inout R) throws -> Core
    /// What new rows change in the monitoring indicators (see `IndicatorInputsMiddleware`); nil for nothing.
    static func createdInputs(_ values: [Core]) -> CreatedInputs?
}

/// What inserted records touch: the inputs, the people among them created now, and whether a created row
/// outdates anything on its own (a person without places does not).
public struct CreatedInputs: Sendable {
    public var inputs: IndicatorInputs
    public var createdPeople: [UUID] = []
    public var outdatesOnCreate = true
}

extension BulkCoded {
    public static func createdInputs(_ values: [Core]) -> CreatedInputs? { nil }

    /// `row` emptied and filled with `value`'s columns, checked to be as many as `bulkColumns`.
    static func bulkRow(_ value: Core, now: Date, into row: inout [ColumnValue]) {
        row.removeAll(keepingCapacity: true)
        bulkValues(value, now: now, into: &row)
        precondition(row.count == bulkColumns.count, "\(Self.self).bulkValues gives \(row.count) of \(bulkColumns.count) columns")
    }
}

/// A database that wraps the driver's (the web layer's serialised SQLite writes) and can hand it to a bulk
/// operation with its own locking around it: inside a transaction as is, outside one (for writes) in turn.
public protocol DriverBackedDatabase: Database {
    func withDriver<T: Sendable>(writes: Bool, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T
}

extension Database {
    func withDriverDatabase<T: Sendable>(writes: Bool, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if let wrapper = self as? any DriverBackedDatabase {
            return try await wrapper.withDriver(writes: writes) { try await $0.withDriverDatabase(writes: writes, body) }
        }
        return try await body(self)
    }

    /// Inserts new records in multi-row statements bound with the driver's own types, and outdates the
    /// indicators they change. On a database that is neither SQLite nor PostgreSQL, through Fluent.
    public func bulkInsert<M: BulkCoded>(_ values: [M.Core], as type: M.Type, now: Date = Date()) async throws {
        try await bulkInsert(BulkBatch(values, as: type, now: now))
    }

    /// The same for rows made ready before (`BulkBatch`).
    public func bulkInsert<M: BulkCoded>(_ batch: BulkBatch<M>) async throws {
        guard !batch.values.isEmpty else { return }
        try await withDriverDatabase(writes: true) { db in
            if let lite = db as? any SQLiteDatabase {
                try await BulkSQLite.insert(batch.values, M.self, now: batch.now, on: lite)
            } else if let pg = db as? any PostgresDatabase {
                try await BulkPostgres.copy(batch.copyText ?? CopyText.encode(batch.values, M.self, now: batch.now), into: M.self, on: pg)
            } else {
                try await db.insertAll(batch.values.map(M.init))
            }
        }
        if let created = M.createdInputs(batch.values) { try await IndicatorInputsMiddleware.outdate(created, on: self) }
    }

    /// Which of `values` the text column `column` of `table` holds: one query on PostgreSQL (`= ANY`), statements of
    /// up to 32,000 values on SQLite. (An import looks up every SNILS of its file: through Fluent, 250 queries of 400.)
    public func existingTexts(_ column: String, in table: String, among values: Set<String>) async throws -> Set<String> {
        guard !values.isEmpty else { return [] }
        return try await withDriverDatabase(writes: false) { db in
            if let lite = db as? any SQLiteDatabase { return try await BulkSQLite.texts(column, in: table, among: Array(values), on: lite) }
            if let pg = db as? any PostgresDatabase { return try await BulkPostgres.texts(column, in: table, among: Array(values), on: pg) }
            throw BulkDecodingError(table: table, column: column, found: "база данных без SQL")
        }
    }

    /// Whether bulk inserts here go through PostgreSQL's COPY, whose text `BulkBatch` can write ahead.
    public var copiesInBulk: Bool { sql(on: "postgresql") != nil }

    /// The Core values of `M`'s rows that meet `condition`, an SQL condition whose `?` are bound to `binds`.
    public func bulkRead<M: BulkCoded>(_ type: M.Type, where condition: String, _ binds: [ColumnValue]) async throws -> [M.Core] {
        try await withDriverDatabase(writes: false) { db in
            if let lite = db as? any SQLiteDatabase { return try await BulkSQLite.read(M.self, where: condition, binds, on: lite) }
            if let pg = db as? any PostgresDatabase { return try await BulkPostgres.read(M.self, where: condition, binds, on: pg) }
            throw BulkDecodingError(table: M.schema, column: "", found: "база данных без SQL")
        }
    }
}

/// New rows of one table, made ready to be inserted. For PostgreSQL (`copyText`) they are written as COPY's text when
/// the batch is made: an import makes the next part's batches on another core while the server stores this part's.
public struct BulkBatch<M: BulkCoded>: Sendable where M.Core: Sendable {
    public let values: [M.Core]
    /// The records' timestamps.
    public let now: Date
    let copyText: [ByteBuffer]?

    public init(_ values: [M.Core], as _: M.Type, now: Date = Date(), copyText: Bool = false) {
        self.values = values
        self.now = now
        self.copyText = copyText && !values.isEmpty ? CopyText.encode(values, M.self, now: now) : nil
    }
}

/// Statements the two engines share but for their placeholders (`?` or `$n`).
public enum BulkStatement {
    static func quoted(_ name: String) -> String { "\"\(name)\"" }

    /// `INSERT INTO "t" ("a", "b") VALUES (?, ?), (?, ?)` for `rows` rows: SQLite's bulk inserts (PostgreSQL's go
    /// through COPY, `BulkCopy.swift`).
    static func insert(_ table: String, _ columns: [String], rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        return "INSERT INTO \(quoted(table)) (\(columns.map(quoted).joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ")
    }

    /// Statement texts by table and row count: an import writes each table in chunks of the same few sizes, and a
    /// statement of 30,000 placeholders took a fifth of a second's building per chunk.
    static let statements = StatementCache()

    final class StatementCache: @unchecked Sendable {
        private let lock = NSLock()
        private var texts: [String: String] = [:]

        func insert(_ table: String, _ columns: [String], rows: Int) -> String {
            let key = "\(table)|\(columns.count)|\(rows)"
            if let known = lock.withLock({ texts[key] }) { return known }
            let sql = BulkStatement.insert(table, columns, rows: rows)
            // The tails of chunks come in any size: kept to a few dozen texts (of up to ~100 KB each).
            lock.withLock {
                if texts.count >= 64 { texts.removeAll() }
                texts[key] = sql
            }
            return sql
        }
    }

    /// `SELECT "a", "b" FROM "t" WHERE condition`, the condition's `?` numbered by `placeholder`.
    static func select(_ table: String, _ columns: [String], where condition: String, placeholder: (Int) -> String) -> String {
        var numbered = "", n = 0
        for ch in condition {
            if ch == "?" {
                n += 1
                numbered += placeholder(n)
            } else {
                numbered.append(ch)
            }
        }
        return "SELECT \(columns.map(quoted).joined(separator: ", ")) FROM \(quoted(table)) WHERE \(numbered)"
    }

    /// `"col" IN (?, ?, …)` for `count` values (at least one: `IN ()` is not SQL).
    public static func inList(_ column: String, count: Int) -> String {
        "\(quoted(column)) IN (\(Array(repeating: "?", count: max(count, 1)).joined(separator: ", ")))"
    }

}

extension Array {
    /// Consecutive slices of at most `size` elements.
    public func slices(of size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

/// Collects what a row callback on the driver's thread produces.
private final class RowSink<T>: @unchecked Sendable {
    var values: [T] = []
    var error: (any Error)?
}

// MARK: SQLite

enum BulkSQLite {
    static func data(_ value: ColumnValue) -> SQLiteData {
        switch value {
        case let .text(s): .text(s)
        case let .integer(i): .integer(i)
        // As Fluent stores them: a UUID as its text (SQLite's Codable encoder), a date as seconds since 1970.
        case let .uuid(u): .text(u.uuidString)
        case let .timestamp(d): .float(d.timeIntervalSince1970)
        case .null: .null
        }
    }

    /// Inserts `values` in statements of at most 32,000 parameters (SQLite binds up to 32,766). Statements run one at
    /// a time, in order, on SQLite's thread; the next statement's binds are built here meanwhile, and each statement's
    /// come back from its task to be freed here rather than on that thread.
    static func insert<M: BulkCoded>(_ values: [M.Core], _: M.Type, now: Date, on db: any SQLiteDatabase) async throws {
        let columns = M.bulkColumns
        var row: [ColumnValue] = []
        var running: Task<[SQLiteData], any Error>?
        for slice in values.slices(of: max(1, 32_000 / columns.count)) {
            var binds: [SQLiteData] = []
            binds.reserveCapacity(slice.count * columns.count)
            for value in slice {
                M.bulkRow(value, now: now, into: &row)
                for v in row { binds.append(data(v)) }
            }
            let sql = BulkStatement.statements.insert(M.schema, columns, rows: slice.count)
            _ = try await running?.value
            let statementBinds = binds
            running = Task {
                try await db.withConnection { connection in try await connection.query(sql, statementBinds) { _ in } }
                return statementBinds
            }
        }
        _ = try await running?.value
    }

    static func read<M: BulkCoded>(_: M.Type, where condition: String, _ binds: [ColumnValue], on db: any SQLiteDatabase) async throws -> [M.Core] {
        let columns = M.bulkColumns
        let sql = BulkStatement.select(M.schema, columns, where: condition) { _ in "?" }
        let sink = RowSink<M.Core>()
        let data = binds.map(Self.data)
        try await db.withConnection { connection in
            try await connection.query(sql, data) { row in
                guard sink.error == nil else { return }
                var reader = Reader(row: row, cursor: ColumnCursor(table: M.schema, columns: columns))
                do { sink.values.append(try M.bulkDecode(&reader)) } catch { sink.error = error }
            }
        }
        if let error = sink.error { throw error }
        return sink.values
    }

    static func texts(_ column: String, in table: String, among values: [String], on db: any SQLiteDatabase) async throws -> Set<String> {
        let sink = RowSink<String>()
        for slice in values.slices(of: 32_000) {
            let sql = BulkStatement.select(table, [column], where: BulkStatement.inList(column, count: slice.count)) { _ in "?" }
            let binds = slice.map(SQLiteData.text)
            try await db.withConnection { connection in
                try await connection.query(sql, binds) { row in
                    if case let .text(text)? = row.column(column) { sink.values.append(text) }
                }
            }
        }
        return Set(sink.values)
    }

    struct Reader: ColumnReading {
        let row: SQLiteRow
        var cursor: ColumnCursor

        var position: (table: String, column: String) { cursor.position }

        private mutating func next() -> SQLiteData {
            row.column(cursor.columns[cursor.advance()]) ?? .null
        }

        private func unexpected(_ data: SQLiteData) -> BulkDecodingError {
            BulkDecodingError(table: cursor.table, column: position.column, found: data.description)
        }

        mutating func nextText() throws -> String? {
            switch next() {
            case .null: return nil
            case let .text(s): return s
            case let .integer(i): return String(i)
            case let other: throw unexpected(other)
            }
        }

        mutating func nextInteger() throws -> Int? {
            switch next() {
            case .null: return nil
            case let .integer(i): return i
            case let .text(s): if let i = Int(s) { return i } else { throw unexpected(.text(s)) }
            case let other: throw unexpected(other)
            }
        }

        mutating func nextUUID() throws -> UUID? {
            switch next() {
            case .null: return nil
            case let .text(s): if let u = UUID.parse(s) { return u } else { throw unexpected(.text(s)) }
            case let other: throw unexpected(other)
            }
        }

        mutating func nextTimestamp() throws -> Date? {
            let data = next()
            if data == .null { return nil }
            guard let date = Date(sqliteData: data) else { throw unexpected(data) }
            return date
        }
    }
}

// MARK: PostgreSQL

enum BulkPostgres {
    static func append(_ value: ColumnValue, to binds: inout PostgresBindings) {
        switch value {
        case let .text(s): binds.append(s)
        case let .integer(i): binds.append(i)
        case let .uuid(u): binds.append(u)
        case let .timestamp(d): binds.append(d)
        case .null: binds.appendNull()
        }
    }

    static func run(_ query: PostgresQuery, on db: any PostgresDatabase, _ onRow: @escaping @Sendable (PostgresRandomAccessRow) throws -> Void) async throws {
        let logger = db.logger
        try await db.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                for try await row in try await connection.query(query, logger: logger) { try onRow(row.makeRandomAccess()) }
            }
        }.get()
    }


    static func read<M: BulkCoded>(_: M.Type, where condition: String, _ values: [ColumnValue], on db: any PostgresDatabase) async throws -> [M.Core] {
        let columns = M.bulkColumns
        var binds = PostgresBindings(capacity: values.count)
        for v in values { append(v, to: &binds) }
        let sink = RowSink<M.Core>()
        try await run(PostgresQuery(unsafeSQL: BulkStatement.select(M.schema, columns, where: condition) { "$\($0)" }, binds: binds), on: db) { row in
            var reader = Reader(row: row, cursor: ColumnCursor(table: M.schema, columns: columns))
            sink.values.append(try M.bulkDecode(&reader))
        }
        return sink.values
    }

    static func texts(_ column: String, in table: String, among values: [String], on db: any PostgresDatabase) async throws -> Set<String> {
        var binds = PostgresBindings(capacity: 1)
        binds.append(values)
        let sql = BulkStatement.select(table, [column], where: "\(BulkStatement.quoted(column)) = ANY(?)") { "$\($0)" }
        let sink = RowSink<String>()
        try await run(PostgresQuery(unsafeSQL: sql, binds: binds), on: db) { row in
            if let text = try row[0].decode(String?.self) { sink.values.append(text) }
        }
        return Set(sink.values)
    }

    struct Reader: ColumnReading {
        let row: PostgresRandomAccessRow
        var cursor: ColumnCursor

        var position: (table: String, column: String) { cursor.position }

        private mutating func next<T: PostgresDecodable>(_: T.Type) throws -> T? where T._DecodableType == T {
            try row[cursor.advance()].decode(T?.self)
        }

        mutating func nextText() throws -> String? { try next(String.self) }
        mutating func nextInteger() throws -> Int? { try next(Int.self) }
        mutating func nextUUID() throws -> UUID? { try next(UUID.self) }
        mutating func nextTimestamp() throws -> Date? { try next(Date.self) }
    }
}

extension UUID {
    /// `UUID(uuidString:)` without Foundation's `sscanf` (a tenth of reading back 100,000 people, places and
    /// consents): 36 characters, hex digits of either case in the 8-4-4-4-12 pattern.
    static func parse(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { b -> UUID? in
            guard b.count == 36 else { return nil }
            var bytes = [UInt8](repeating: 0, count: 16)
            var i = 0
            for n in 0..<16 {
                if i == 8 || i == 13 || i == 18 || i == 23 {
                    guard b[i] == UInt8(ascii: "-") else { return nil }
                    i += 1
                }
                guard let hi = hex(b[i]), let lo = hex(b[i + 1]) else { return nil }
                bytes[n] = hi << 4 | lo
                i += 2
            }
            return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        }
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
