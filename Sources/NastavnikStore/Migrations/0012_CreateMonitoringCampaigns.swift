import Fluent

/// Monitoring campaigns (issue 6): indicators of a node frozen at a date.
struct CreateMonitoringCampaigns: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("monitoring_campaigns")
            .id()
            .field("name", .string, .required)
            .field("node_level", .string, .required)
            .field("node_id", .uuid)
            .field("node_name", .string, .required)
            .field("date", .string, .required)
            .field("period_start", .string)
            .field("organisations", .int, .required)
            .field("indicator_values", .string, .required)
            .field("flags", .string, .required)
            .field("created_on", .string, .required)
            .field("created_by", .string, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("monitoring_campaigns").delete()
    }
}
