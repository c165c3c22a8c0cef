import Fluent
import SQLKit

/// Indexes the monitoring queries (`IndicatorSQL`, `IndicatorService.load`) need at a country's scale.
struct AddMonitoringIndexes: AsyncMigration {
    static let indexes = [
        ("local_acts", "organisation_id"), ("mentor_profiles", "organisation_id"), ("mentee_profiles", "organisation_id"),
        ("mentorships", "order_date"),
    ]

    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        for (table, column) in Self.indexes {
            try await sql.create(index: "\(table)_\(column)_idx").on(table).column(column).run()
        }
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        for (table, column) in Self.indexes { try await sql.drop(index: "\(table)_\(column)_idx").run() }
    }
}
