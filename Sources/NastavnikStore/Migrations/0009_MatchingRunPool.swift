import Fluent

/// A matching run keeps a snapshot of the pool it looked at, so a proposal can be explained later
/// even after the bases change.
struct AddMatchingRunPool: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("matching_runs").field("pool", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("matching_runs").deleteField("pool").update()
    }
}
