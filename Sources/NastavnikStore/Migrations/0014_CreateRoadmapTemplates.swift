import Fluent

/// Roadmap templates handed down by a municipality or region (issue 6).
struct CreateRoadmapTemplates: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("roadmap_templates")
            .id()
            .field("region_id", .uuid)
            .field("municipality_id", .uuid)
            .field("file_id", .uuid, .required)
            .field("file_name", .string, .required)
            .field("events", .int, .required)
            .field("uploaded_by", .string, .required)
            .field("uploaded_on", .string, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("roadmap_templates").delete()
    }
}
