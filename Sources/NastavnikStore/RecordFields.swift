import Fluent
import Foundation
import NastavnikCore

/// A stored row whose column holds a value its type does not allow (an unknown enum case, a day that is not
/// `YYYY-MM-DD`). Only a change made to the database outside the application gets there, never user input,
/// so it is an error — logged and answered with 500 — rather than read as some default.
public struct CorruptRecord: Error, Equatable, CustomStringConvertible {
    public var table: String
    public var id: UUID?
    public var column: String
    public var value: String

    public init(table: String, id: UUID?, column: String, value: String) {
        self.table = table
        self.id = id
        self.column = column
        self.value = value
    }

    public var description: String {
        "Corrupt row: \(table) id \(id?.uuidString ?? "(none)"), column \(column) holds \"\(value)\""
    }
}

// Typed reads of the text columns records keep enums and days in; each failure names its row.
extension Model where IDValue == UUID {
    func corrupt(_ key: FieldKey, _ value: String) -> CorruptRecord {
        CorruptRecord(table: Self.schema, id: id, column: key.description, value: value)
    }

    /// The column's text as the enum case it stores.
    public func decoded<T: RawRepresentable>(_ field: KeyPath<Self, FieldProperty<Self, String>>, as type: T.Type = T.self) throws -> T
    where T.RawValue == String {
        let property = self[keyPath: field]
        guard let value = T(rawValue: property.wrappedValue) else { throw corrupt(property.key, property.wrappedValue) }
        return value
    }

    /// The column's text as the enum case it stores, nil when the column is empty (NULL).
    public func decoded<T: RawRepresentable>(_ field: KeyPath<Self, OptionalFieldProperty<Self, String>>, as type: T.Type = T.self) throws -> T?
    where T.RawValue == String {
        let property = self[keyPath: field]
        guard let raw = property.wrappedValue else { return nil }
        guard let value = T(rawValue: raw) else { throw corrupt(property.key, raw) }
        return value
    }

    /// The column's `YYYY-MM-DD` text as a day.
    public func day(_ field: KeyPath<Self, FieldProperty<Self, String>>) throws -> Day {
        let property = self[keyPath: field]
        guard let day = Day(property.wrappedValue) else { throw corrupt(property.key, property.wrappedValue) }
        return day
    }

    /// The column's `YYYY-MM-DD` text as a day, nil when the column is empty (NULL).
    public func day(_ field: KeyPath<Self, OptionalFieldProperty<Self, String>>) throws -> Day? {
        let property = self[keyPath: field]
        guard let raw = property.wrappedValue else { return nil }
        guard let day = Day(raw) else { throw corrupt(property.key, raw) }
        return day
    }
}
