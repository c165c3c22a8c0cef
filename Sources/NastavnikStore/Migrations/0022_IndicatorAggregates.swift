import Fluent
import SQLKit

/// Issue 6's speed: each educational organisation's indicator counts by date (`OrganisationAggregate`), so
/// that a region or the country sums 40,000 rows instead of scanning millions; and the generation of each
/// organisation's inputs, bumped by every write that changes them, which tells a current aggregate from an
/// outdated one.
struct CreateIndicatorAggregates: AsyncMigration {
    /// The count columns as they were at this migration (`IndicatorAggregate.columns` must stay within them:
    /// a new indicator query needs a migration that adds its column).
    static let columns = [
        "organisations", "act_implementation_order", "act_regulation", "mentor_base", "mentee_base", "act_roadmap", "act_organisation_programme",
        "act_curator_order", "pairs_by_order", "pairs_order", "approved_programmes", "young_entered", "young", "mentors_entered", "staff",
        "public_page", "implementing", "mentors_short_experience", "mentors", "mentees",
        "competency_subject", "competency_org_methodical", "competency_psych_ped", "competency_diagnostic", "competency_analytic",
        "competency_prognostic", "competency_research",
        "request_methodical", "request_class_management", "request_digital", "request_adaptation", "request_contest", "request_subject",
        "request_discipline", "request_parents", "request_research", "request_career", "request_personal",
        "form_student_student", "form_teacher_student", "form_teacher_teacher", "form_head_head", "form_head_teacher", "form_team_team",
        "form_university_student_pupil", "form_employer_student", "form_reverse",
        "unfixed_pairs", "programmes_without_order",
    ]

    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE organisations ADD COLUMN indicators_generation BIGINT NOT NULL DEFAULT 0").run()
        var table = db.schema("indicator_aggregates")
            .field("organisation_id", .uuid, .required, .references("organisations", "id", onDelete: .cascade))
            .field("as_of", .string, .required)
            .field("generation", .int64, .required)
        // 32-bit counts: PostgreSQL sums them as bigint (a bigint's sum would be numeric).
        for column in Self.columns { table = table.field(.string(column), .int32, .required) }
        try await table.field("people", .string).field("partners", .string).unique(on: "organisation_id", "as_of").create()
        try await sql.create(index: "indicator_aggregates_as_of_idx").on("indicator_aggregates").column("as_of").run()
    }

    func revert(on db: any Database) async throws {
        try await db.schema("indicator_aggregates").delete()
        try await db.schema("organisations").deleteField("indicators_generation").update()
    }
}
