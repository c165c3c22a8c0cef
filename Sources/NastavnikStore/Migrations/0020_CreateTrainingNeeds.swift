import Fluent

/// The mentors' training-needs survey (issue 7, seed 002): one current answer per person.
struct CreateTrainingNeeds: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("training_needs")
            .id()
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("topics", .string, .required)
            .field("preferred_format", .string)
            .field("note", .string)
            .field("date", .string, .required)
            .unique(on: "person_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("training_needs").delete()
    }
}
