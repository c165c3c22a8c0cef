import Fluent
import SQLKit
import Foundation
import NastavnikCore

/// A Fluent record that stores one Core value: built from it, updated from it, read back as it. Reading back
/// throws `CorruptRecord` when a column holds what its type does not allow (`RecordFields.swift`).
public protocol CoreMapped: Model where IDValue == UUID {
    associatedtype Core: Sendable
    init(_ value: Core)
    func apply(_ value: Core)
    var core: Core { get throws }
}

extension Optional where Wrapped == String {
    /// Stored `YYYY-MM-DD` text back to a day.
    var day: Day? { self.flatMap { Day($0) } }
}

extension Database {
    /// This database's SQL interface when it runs on `dialect` (`"sqlite"`, `"postgresql"`), else nil.
    public func sql(on dialect: String) -> (any SQLDatabase)? {
        guard let sql = self as? any SQLDatabase, sql.dialect.name == dialect else { return nil }
        return sql
    }

    /// Inserts many records in chunks (SQLite limits bound parameters per statement).
    public func insertAll<M: Model>(_ models: [M], chunk: Int = 200) async throws {
        var start = 0
        while start < models.count {
            let end = min(start + chunk, models.count)
            try await Array(models[start..<end]).create(on: self)
            start = end
        }
    }
}

/// Collects the column values a Fluent model would insert, in the order the model gives them.
private final class ColumnCollector: DatabaseInput {
    var keys: [FieldKey] = []
    var values: [DatabaseQuery.Value] = []
    func set(_ value: DatabaseQuery.Value, at key: FieldKey) {
        keys.append(key)
        values.append(value)
    }
}

extension Database {
    /// Inserts many new records with one multi-row INSERT per chunk, without Fluent's per-model bookkeeping
    /// (the records are not marked as saved) but with the indicators' outdating (`IndicatorInputsMiddleware`).
    /// For imports of 100,000 rows; falls back to `insertAll` on a database without SQL or for values it
    /// cannot bind directly.
    public func bulkInsert<M: Model>(_ models: [M]) async throws {
        guard !models.isEmpty else { return }
        guard let sql = self as? any SQLDatabase else { return try await insertAll(models) }
        // SQLite's encoder takes a UUID through a generic single-value encoder; its text, which is what that
        // encoder would produce, binds directly. PostgreSQL stores UUIDs natively.
        let uuidsAsText = sql.dialect.name == "sqlite"
        var columns: [FieldKey]?
        var expressions: [[any SQLExpression]] = []
        expressions.reserveCapacity(models.count)
        for m in models {
            let c = ColumnCollector()
            m.input(to: c)
            if columns == nil { columns = c.keys } else if c.keys != columns { return try await insertAll(models) }
            var line: [any SQLExpression] = []
            line.reserveCapacity(c.values.count)
            for value in c.values {
                switch value {
                case let .bind(v): line.append(SQLBind(uuidsAsText ? ((v as? UUID)?.uuidString ?? v) : v))
                case .null: line.append(SQLLiteral.null)
                case .default: line.append(SQLLiteral.default)
                default: return try await insertAll(models)
                }
            }
            expressions.append(line)
        }
        let keys = columns ?? []
        // SQLite binds at most 32,766 parameters per statement; PostgreSQL 65,535.
        let chunk = max(1, 30_000 / max(keys.count, 1))
        for start in stride(from: 0, to: expressions.count, by: chunk) {
            var insert = sql.insert(into: M.schema).columns(keys.map { SQLIdentifier($0.description) })
            for line in expressions[start..<min(start + chunk, expressions.count)] { insert = insert.values(line) }
            try await insert.run()
        }
        // Fluent's model middleware does not see these rows: outdate the indicators they change here.
        if M.self is any IndicatorInputRecord.Type, let records = models as? [any IndicatorInputRecord] {
            try await IndicatorInputsMiddleware.outdate(created: records, on: self)
        }
    }
}
