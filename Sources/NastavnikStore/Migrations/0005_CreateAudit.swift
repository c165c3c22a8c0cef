import Fluent
import SQLKit

struct CreateAudit: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("audit_entries")
            .id()
            .field("at", .datetime, .required)
            .field("account_id", .uuid)
            .field("actor", .string, .required)
            .field("person_id", .uuid, .required)
            .field("entity", .string, .required)
            .field("entity_id", .uuid, .required)
            .field("action", .string, .required)
            .field("changes", .string, .required)
            .create()
        // Lists filter people by organisation and the audit by person; keep those lookups indexed.
        if let sql = db as? any SQLDatabase {
            try await sql.create(index: "memberships_org_idx").on("memberships").column("organisation_id").run()
            try await sql.create(index: "memberships_person_idx").on("memberships").column("person_id").run()
            try await sql.create(index: "consents_person_idx").on("consents").column("person_id").run()
            try await sql.create(index: "audit_person_idx").on("audit_entries").column("person_id").run()
            try await sql.create(index: "organisations_mun_idx").on("organisations").column("municipality_id").run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema("audit_entries").delete()
    }
}
