import Fluent

struct CreateAccounts: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("accounts")
            .id()
            .field("login", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("full_name", .string, .required)
            .field("region_id", .uuid, .references("regions", "id"))
            .field("municipality_id", .uuid, .references("municipalities", "id"))
            .field("organisation_id", .uuid, .references("organisations", "id"))
            .field("person_id", .uuid, .references("people", "id"))
            .field("active", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "login")
            .create()
        try await db.schema("tutor_assignments")
            .id()
            .field("account_id", .uuid, .required, .references("accounts", "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .unique(on: "account_id", "person_id")
            .create()
        try await db.schema("api_tokens")
            .id()
            .field("account_id", .uuid, .required, .references("accounts", "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on db: any Database) async throws {
        for table in ["api_tokens", "tutor_assignments", "accounts"] { try await db.schema(table).delete() }
    }
}
