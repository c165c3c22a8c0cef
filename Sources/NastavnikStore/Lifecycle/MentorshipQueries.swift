import Fluent
import Foundation
import NastavnikCore
import SQLKit

/// The curator's board, paged by the database: the page's mentorships are read first, and only their files after.
public enum MentorshipQueries {
    /// Mentorships in reach: by organisation for staff, by current participation for people (`persons`).
    public static func visible(_ db: any Database, _ reach: ScopeReach) -> QueryBuilder<MentorshipRecord> {
        let q = MentorshipRecord.query(on: db)
        if case let .persons(ids) = reach {
            guard !ids.isEmpty else { return q.filter(.custom(SQLQueryString("1 = 0"))) }
            return q.filter(.custom(SQLQueryString("\(ident: MentorshipRecord.schema).id IN (SELECT pp.mentorship_id FROM mentorship_participants pp WHERE pp.left_on IS NULL AND pp.person_id IN (\(binds: ids)))")))
        }
        return q.filter(.custom(reach.condition(organisation: "\(ident: MentorshipRecord.schema).organisation_id", person: "NULL")))
    }

    /// `limit` mentorships from `offset` (newest start first) of those in reach passing the filters, and how many pass;
    /// nil `limit`: every one (exports).
    public static func page(_ db: any Database, _ reach: ScopeReach, organisationID: UUID?, form: MentorshipForm?, status: MentorshipStatus?,
                            offset: Int, limit: Int?) async throws -> (total: Int, rows: [Mentorship]) {
        var q = visible(db, reach)
        if let organisationID { q = q.filter(\.$organisationID == organisationID) }
        if let form { q = q.filter(\.$form == form.rawValue) }
        if let status { q = q.filter(\.$status == status.rawValue) }
        let total = try await q.copy().count()
        q = q.sort(\.$startDate, .descending).sort(\.$id)
        // SQLite takes OFFSET only after a LIMIT: an export (no limit) reads from the first row.
        if let limit { q = q.offset(offset).limit(limit) }
        return (total, try await q.all().map { try $0.core })
    }
}
