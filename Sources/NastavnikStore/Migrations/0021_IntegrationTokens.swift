import Fluent

/// Named long-lived tokens for integrations (issue 8): a token the owner labels, sees listed and revokes.
struct AddTokenLabels: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("api_tokens").field("label", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("api_tokens").deleteField("label").update()
    }
}
