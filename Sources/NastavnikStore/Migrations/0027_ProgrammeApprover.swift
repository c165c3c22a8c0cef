import Fluent

/// Issue 23, defect 10: a programme records who sent it for approval (that account may not approve it) and the role
/// in which it was approved, next to the approver's name.
struct AddProgrammeApprover: AsyncMigration {
    func prepare(on db: any Database) async throws {
        // One column per statement: SQLite adds a single column in an ALTER TABLE.
        try await db.schema("programmes").field("submitted_by", .uuid).update()
        try await db.schema("programmes").field("approver_role", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("programmes").deleteField("approver_role").update()
        try await db.schema("programmes").deleteField("submitted_by").update()
    }
}
