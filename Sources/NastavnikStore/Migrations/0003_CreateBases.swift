import Fluent

struct CreateBases: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("mentor_profiles")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("competencies", .string, .required)
            .field("interests", .string)
            .field("achievements", .string, .required)
            .field("achievements_other", .string)
            .field("capacity", .int, .required)
            .field("availability", .string)
            .field("training", .string, .required)
            .field("forms", .string, .required)
            .field("status", .string, .required)
            .field("network", .bool, .required)
            .field("entered_on", .string, .required)
            .unique(on: "person_id", "organisation_id")
            .create()
        try await db.schema("mentee_profiles")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("categories", .string, .required)
            .field("main_request", .string, .required)
            .field("request_details", .string)
            .field("deficits", .string, .required)
            .field("status", .string, .required)
            .field("entered_on", .string, .required)
            .unique(on: "person_id", "organisation_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        for table in ["mentee_profiles", "mentor_profiles"] { try await db.schema(table).delete() }
    }
}
