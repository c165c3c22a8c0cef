import Fluent
import SQLKit

/// Issue 23, defect 6: each region names its IANA time zone, and meeting times of its pairs are wall-clock times
/// there. Existing regions keep Moscow time, except Udmurtia (code 18), whose time is Samara's (UTC+4).
struct AddRegionTimeZone: AsyncMigration {
    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE regions ADD COLUMN time_zone VARCHAR(64) NOT NULL DEFAULT 'Europe/Moscow'").run()
        try await sql.raw("UPDATE regions SET time_zone = 'Europe/Samara' WHERE code = '18'").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("regions").deleteField("time_zone").update()
    }
}
