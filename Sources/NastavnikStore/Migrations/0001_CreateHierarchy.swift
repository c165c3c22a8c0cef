import Fluent

struct CreateHierarchy: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("regions")
            .id()
            .field("name", .string, .required)
            .field("code", .string)
            .unique(on: "name")
            .create()
        try await db.schema("municipalities")
            .id()
            .field("region_id", .uuid, .required, .references("regions", "id"))
            .field("name", .string, .required)
            .unique(on: "region_id", "name")
            .create()
        try await db.schema("organisations")
            .id()
            .field("municipality_id", .uuid, .required, .references("municipalities", "id"))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("short_name", .string, .required)
            .field("inn", .string)
            .field("address", .string)
            .field("website", .string)
            .create()
    }

    func revert(on db: any Database) async throws {
        for table in ["organisations", "municipalities", "regions"] { try await db.schema(table).delete() }
    }
}
