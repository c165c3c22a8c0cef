import Fluent

/// Contests with juries (issue 7): the contest (nominations, criteria and jury kept with it), applications, scores.
struct CreateContests: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("contests")
            .id()
            .field("title", .string, .required)
            .field("level", .string, .required)
            .field("region_id", .uuid)
            .field("municipality_id", .uuid)
            .field("organisation_id", .uuid)
            .field("description", .string, .required)
            .field("applications_from", .string, .required)
            .field("applications_to", .string, .required)
            .field("judging_to", .string, .required)
            .field("results_on", .string, .required)
            .field("nominations", .string, .required)
            .field("criteria", .string, .required)
            .field("jurors", .string, .required)
            .field("winners_per_nomination", .int, .required)
            .field("results_published", .bool, .required)
            .create()
        try await db.schema("contest_applications")
            .id()
            .field("contest_id", .uuid, .required, .references("contests", "id"))
            .field("nomination_id", .uuid, .required)
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("title", .string, .required)
            .field("applicant_person_ids", .string, .required)
            .field("mentorship_ids", .string, .required)
            .field("practice_item_ids", .string, .required)
            .field("submitted_on", .string, .required)
            .field("submitted_by", .uuid, .required)
            .field("withdrawn", .bool, .required)
            .field("award", .string)
            .create()
        try await db.schema("jury_scores")
            .id()
            .field("application_id", .uuid, .required, .references("contest_applications", "id"))
            .field("juror_account_id", .uuid, .required)
            .field("criterion_id", .uuid, .required)
            .field("score", .int, .required)
            .field("comment", .string)
            .unique(on: "application_id", "juror_account_id", "criterion_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("jury_scores").delete()
        try await db.schema("contest_applications").delete()
        try await db.schema("contests").delete()
    }
}
