import Fluent
import NastavnikCore
import SQLKit

/// Issue 25: V is the organisations of the kinds a campaign monitors (seed 001: general-education schools), not
/// every non-partner organisation. Campaigns frozen before were counted over every educational organisation, so
/// they keep that set: their values stay what they say they are.
struct AddCampaignKinds: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("monitoring_campaigns").field("organisation_kinds", .string).update()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("UPDATE monitoring_campaigns SET organisation_kinds = \(bind: MonitoredKinds.text(Set(OrganisationKind.educational)))").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("monitoring_campaigns").deleteField("organisation_kinds").update()
    }
}
