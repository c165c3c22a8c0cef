import Fluent

/// The bank of programmes and practices (issue 7).
struct CreatePracticeBank: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("practice_items")
            .id()
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("authors", .string, .required)
            .field("author_person_ids", .string, .required)
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("forms", .string, .required)
            .field("tags", .string, .required)
            .field("link", .string)
            .field("file_id", .uuid)
            .field("file_name", .string)
            .field("level", .string, .required)
            .field("status", .string, .required)
            .field("rejection_reason", .string)
            .field("moderated_by", .string)
            .field("moderated_on", .string)
            .field("mentorship_id", .uuid)
            .field("created_on", .string, .required)
            .field("created_by", .string, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("practice_items").delete()
    }
}
