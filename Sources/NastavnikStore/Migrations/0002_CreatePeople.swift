import Fluent

struct CreatePeople: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("people")
            .id()
            .field("last_name", .string, .required)
            .field("first_name", .string, .required)
            .field("middle_name", .string)
            .field("birth_date", .string, .required)
            .field("sex", .string)
            .field("snils", .string)
            .field("email", .string)
            .field("phone", .string)
            .field("education_level", .string)
            .field("specialty", .string)
            .field("graduation_year", .int)
            .field("total_experience_start", .string)
            .field("pedagogical_experience_start", .string)
            .field("category", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "snils")
            .create()
        try await db.schema("memberships")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("role", .string, .required)
            .field("position", .string)
            .field("subjects", .string, .required)
            .field("grade", .string)
            .field("start_date", .string, .required)
            .field("end_date", .string)
            .create()
        try await db.schema("consents")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("signer", .string, .required)
            .field("representative_name", .string)
            .field("signed_on", .string, .required)
            .field("scope", .string, .required)
            .field("withdrawn_on", .string)
            .create()
    }

    func revert(on db: any Database) async throws {
        for table in ["consents", "memberships", "people"] { try await db.schema(table).delete() }
    }
}
