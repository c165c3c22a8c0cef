import Fluent
import SQLKit

/// Browsers an account has signed in from (issue 22, finding 3): a failed password typed on a known device counts
/// against that device, not the account, so a stranger's five wrong guesses no longer lock the owner out.
struct CreateLoginDevices: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("login_devices")
            .id()
            .field("account_id", .uuid, .required, .references("accounts", "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("used_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.create(index: "login_devices_account_idx").on("login_devices").column("account_id").run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema("login_devices").delete()
    }
}
