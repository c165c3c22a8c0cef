import Fluent
import SQLKit

/// Failed sign-ins in the database instead of each instance's memory (issue 8: behind several instances the
/// per-account limit multiplied by their number).
struct CreateLoginFailures: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("login_failures")
            .id()
            .field("key", .string, .required)
            .field("at", .datetime, .required)
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.create(index: "login_failures_key_at_idx").on("login_failures").column("key").column("at").run()
            try await sql.create(index: "login_failures_at_idx").on("login_failures").column("at").run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema("login_failures").delete()
    }
}
