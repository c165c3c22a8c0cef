import Fluent

/// Indicator 14 (seed 001) counts organisations with the section «Целевая модель наставничества» on their site:
/// the day it was published is kept on the organisation.
struct AddOrganisationMentorshipPage: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("organisations").field("mentorship_page_on", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("organisations").deleteField("mentorship_page_on").update()
    }
}
