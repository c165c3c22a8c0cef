import Fluent
import SQLKit

/// Issue 25: indicators that hold under real history. A roadmap made in the roadmap module counts for indicator 5
/// from the day it was made (`roadmap_events.created_on`; empty for roadmaps made before: they count throughout
/// their school year), so the aggregates' column of indicator 5 is no longer the roadmap act's alone. Every stored
/// aggregate is dropped: indicators 5, 8–12 and 15 were counted by other rules (cancelled pairs orders, pairs with
/// students, programmes of terminated pairs); they are recomputed from the records on the next read.
struct AddIndicatorHistory: AsyncMigration {
    /// Aggregate columns renamed here: old name → new name.
    static let renamed = ["act_roadmap": "roadmap"]

    func prepare(on db: any Database) async throws {
        try await db.schema("roadmap_events").field("created_on", .string).update()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DELETE FROM indicator_aggregates").run()
        for (old, new) in Self.renamed {
            try await sql.raw("ALTER TABLE indicator_aggregates RENAME COLUMN \(ident: old) TO \(ident: new)").run()
        }
    }

    func revert(on db: any Database) async throws {
        if let sql = db as? any SQLDatabase {
            try await sql.raw("DELETE FROM indicator_aggregates").run()
            for (old, new) in Self.renamed {
                try await sql.raw("ALTER TABLE indicator_aggregates RENAME COLUMN \(ident: new) TO \(ident: old)").run()
            }
        }
        try await db.schema("roadmap_events").deleteField("created_on").update()
    }
}
