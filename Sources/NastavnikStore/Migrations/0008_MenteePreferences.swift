import Fluent

/// The mentee's intake questionnaire also asks for the preferred format and convenient times (issue 4).
struct AddMenteePreferences: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("mentee_profiles").field("preferred_format", .string).update()
        try await db.schema("mentee_profiles").field("availability", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("mentee_profiles").deleteField("availability").update()
        try await db.schema("mentee_profiles").deleteField("preferred_format").update()
    }
}
