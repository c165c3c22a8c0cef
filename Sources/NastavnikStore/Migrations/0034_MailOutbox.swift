import Fluent
import SQLKit

/// E-mail reminders (issue 26): the outbox every instance sends from, one row per reminder key (never sent twice),
/// each account's choices, and the channel a school chose for its pupils' reminders.
struct CreateMailOutbox: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("mail_outbox")
            .id()
            .field("key", .string, .required)
            .field("kind", .string, .required)
            .field("person_id", .uuid, .required)
            .field("recipient", .string)
            .field("delivery", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("attachment_name", .string)
            .field("attachment_type", .string)
            .field("attachment_data", .string)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("created_at", .double, .required)
            .field("send_after", .double, .required)
            .field("lease_owner", .string)
            .field("lease_until", .double)
            .field("sent_at", .double)
            .field("last_error", .string)
            .unique(on: "key")
            .create()
        try await db.schema("reminder_preferences")
            .id()
            .field("account_id", .uuid, .required)
            .field("kind", .string, .required)
            .field("delivery", .string, .required)
            .unique(on: "account_id", "kind")
            .create()
        try await db.schema("reminder_channels")
            .id()
            .field("organisation_id", .uuid, .required)
            .field("email", .string, .required)
            .unique(on: "organisation_id")
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.create(index: "mail_outbox_due_idx").on("mail_outbox").column("status").column("send_after").run()
            try await sql.create(index: "mail_outbox_created_idx").on("mail_outbox").column("created_at").run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema("reminder_channels").delete()
        try await db.schema("reminder_preferences").delete()
        try await db.schema("mail_outbox").delete()
    }
}
