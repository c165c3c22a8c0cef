import Fluent
import SQLKit

/// Indexes the paged lists and the summary read through (issue 27): a scope's current places are counted from
/// one index (organisation, person, period, role: no table rows read), and a long people list walks the names in
/// order and stops after its page instead of sorting a municipality's thousands.
struct AddListIndexes: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("memberships_scope_idx", "memberships", ["organisation_id", "person_id", "start_date", "end_date", "role"]),
        ("people_name_idx", "people", ["last_name", "first_name", "id"]),
    ]

    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        for index in Self.indexes {
            var create = sql.create(index: index.name).on(index.table)
            for column in index.columns { create = create.column(column) }
            try await create.run()
        }
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        for index in Self.indexes { try await sql.drop(index: index.name).run() }
    }
}
