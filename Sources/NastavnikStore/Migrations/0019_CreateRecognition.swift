import Fluent

/// Criteria of incentives for mentors set by a municipality or region (issue 7, seed 002 item 8.1).
struct CreateRecognition: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("recognition_criteria")
            .id()
            .field("region_id", .uuid)
            .field("municipality_id", .uuid)
            .field("incentive", .string, .required)
            .field("kind", .string, .required)
            .field("min_completed_mentorships", .int, .required)
            .field("min_training_hours", .int, .required)
            .field("min_satisfaction", .double)
            .field("requires_contest_win", .bool, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("recognition_criteria").delete()
    }
}
