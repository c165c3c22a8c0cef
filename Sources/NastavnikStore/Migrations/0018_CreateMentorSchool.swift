import Fluent

/// The mentor school (issue 7): courses and events, enrolments with attendance, certificates and checklists.
struct CreateMentorSchool: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("training_events")
            .id()
            .field("title", .string, .required)
            .field("format", .string, .required)
            .field("hours", .int, .required)
            .field("start", .string, .required)
            .field("end", .string, .required)
            .field("organiser", .string, .required)
            .field("region_id", .uuid)
            .field("municipality_id", .uuid)
            .field("organisation_id", .uuid)
            .field("capacity", .int, .required)
            .field("description", .string, .required)
            .create()
        try await db.schema("enrolments")
            .id()
            .field("event_id", .uuid, .required, .references("training_events", "id"))
            .field("person_id", .uuid, .required, .references("people", "id"))
            .field("enrolled_on", .string, .required)
            .field("attended", .bool, .required)
            .field("completed_on", .string)
            .field("certificate_number", .string)
            .field("difficulties", .string, .required)
            .field("difficulty_note", .string)
            .field("checklist_on", .string)
            .unique(on: "event_id", "person_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("enrolments").delete()
        try await db.schema("training_events").delete()
    }
}
