import Fluent

/// Roadmaps (issue 6): an organisation's events of a school year, from seed 003's template.
struct CreateRoadmapEvents: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("roadmap_events")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("school_year", .int, .required)
            .field("stage", .int, .required)
            .field("stage_title", .string, .required)
            .field("number", .int, .required)
            .field("title", .string, .required)
            .field("timing", .string, .required)
            .field("responsible", .string, .required)
            .field("deadline", .string, .required)
            .field("status", .string, .required)
            .field("expected", .string, .required)
            .field("evidence", .string)
            .field("done_on", .string)
            .unique(on: "organisation_id", "school_year", "number")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("roadmap_events").delete()
    }
}
