import Fluent
import SQLKit

/// Table 1 counts only pedagogical workers' pairs (seed 001: «пар/групп педагогических работников»): the column
/// of indicator 8, and every stored aggregate dropped, since indicators 9, 10 and 15 were counted over every form
/// before (they are recomputed from the records on the next read).
struct AddStaffPairsAggregate: AsyncMigration {
    static let columns = ["staff_pairs_by_order"]

    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        for column in Self.columns {
            try await sql.raw("ALTER TABLE indicator_aggregates ADD COLUMN \(ident: column) INTEGER NOT NULL DEFAULT 0").run()
        }
        try await sql.raw("DELETE FROM indicator_aggregates").run()
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DELETE FROM indicator_aggregates").run()
        for column in Self.columns { try await sql.raw("ALTER TABLE indicator_aggregates DROP COLUMN \(ident: column)").run() }
    }
}
