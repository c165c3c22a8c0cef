import Fluent

/// Issue 23, defect 10: the organisation's regulation names who approves programmes (`ProgrammeApprover`); empty —
/// the head of the organisation, as before.
struct AddOrganisationApprover: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("organisations").field("programme_approver", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("organisations").deleteField("programme_approver").update()
    }
}
