import Fluent
import Foundation
import NastavnikCore

/// A Fluent record that stores one Core value: built from it, updated from it, read back as it.
public protocol CoreMapped: Model where IDValue == UUID {
    associatedtype Core: Sendable
    init(_ value: Core)
    func apply(_ value: Core)
    var core: Core { get }
}

extension Optional where Wrapped == String {
    /// Stored `YYYY-MM-DD` text back to a day.
    var day: Day? { self.flatMap { Day($0) } }
}

extension Database {
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
