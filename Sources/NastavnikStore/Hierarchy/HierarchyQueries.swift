import Fluent
import Foundation
import NastavnikCore

/// Reads of regions and municipalities as Core values; callers check the scope.
public enum HierarchyQueries {
    public static func region(_ db: any Database, _ id: UUID) async throws -> Region? {
        try await RegionRecord.find(id, on: db)?.core
    }

    public static func municipality(_ db: any Database, _ id: UUID) async throws -> Municipality? {
        try await MunicipalityRecord.find(id, on: db)?.core
    }

    /// Every region, or only `id` when given.
    public static func regions(_ db: any Database, only id: UUID? = nil) async throws -> [Region] {
        var q = RegionRecord.query(on: db)
        if let id { q = q.filter(\.$id == id) }
        return try await q.all().map(\.core)
    }

    /// The region's municipalities by name.
    public static func municipalities(_ db: any Database, region id: UUID) async throws -> [Municipality] {
        try await MunicipalityRecord.query(on: db).filter(\.$regionID == id).all().map(\.core).sortedByName(\.name)
    }
}
