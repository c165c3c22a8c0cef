import Fluent
import Foundation
import NastavnikCore

/// One matching run with everything needed to explain it later: scope, form, mode, weights, the
/// preferences it used (locked and excluded pairs included) and the proposal.
public final class MatchingRunRecord: Model, @unchecked Sendable {
    public static let schema = "matching_runs"
    @ID(key: .id) public var id: UUID?
    @OptionalField(key: "region_id") public var regionID: UUID?
    @OptionalField(key: "municipality_id") public var municipalityID: UUID?
    @OptionalField(key: "organisation_id") public var organisationID: UUID?
    @Field(key: "form") public var form: String
    @Field(key: "grouped") public var grouped: Bool
    @Field(key: "mode") public var mode: String
    @Field(key: "weights") public var weights: String
    @Field(key: "preferences") public var preferences: String
    @Field(key: "result") public var result: String
    @Field(key: "status") public var status: String
    @Field(key: "created_by") public var createdBy: String
    @Field(key: "created_on") public var createdOn: String
    @OptionalField(key: "decided_on") public var decidedOn: String?
    @Field(key: "mentorship_ids") public var mentorshipIDs: String
    /// JSON snapshot of the mentors and mentees the run considered.
    @OptionalField(key: "pool") public var pool: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public var placement: Placement { Placement(regionID: regionID, municipalityID: municipalityID, organisationID: organisationID) }

    // Typed reads of the text columns; a value outside its enum is a corrupt row (`CorruptRecord`).
    public var runStatus: MatchingRunStatus { get throws { try decoded(\.$status) } }
    public var runForm: MentorshipForm { get throws { try decoded(\.$form) } }
    public var runMode: MatchingMode { get throws { try decoded(\.$mode) } }

    public func setStatus(_ status: MatchingRunStatus) { self.status = status.rawValue }

    /// The run as Core sees it; throws `CorruptRecord` on a column that does not decode.
    public var core: MatchingRun {
        get throws {
            MatchingRun(
                id: try requireID(), placement: placement, form: try runForm, grouped: grouped, mode: try runMode,
                status: try runStatus, createdBy: createdBy, createdOn: try day(\.$createdOn), decidedOn: try day(\.$decidedOn))
        }
    }
}

/// A questionnaire answer or a psychologist's mark about a (mentor, mentee) pair.
public final class MatchingMarkRecord: Model, @unchecked Sendable {
    public static let schema = "matching_marks"
    @ID(key: .id) public var id: UUID?
    /// The mentee's organisation: where the mark is visible.
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "mentor_id") public var mentorID: UUID
    @Field(key: "mentee_id") public var menteeID: UUID
    /// `mentee_rank`, `mentor_rank` (value: 1 = first choice) or `psychologist` (1 compatible, 0 not recommended).
    @Field(key: "kind") public var kind: String
    @Field(key: "value") public var value: Int
    @Field(key: "recorded_by") public var recordedBy: String

    public init() {}
    public init(organisationID: UUID, mentorID: UUID, menteeID: UUID, kind: String, value: Int, recordedBy: String) {
        self.organisationID = organisationID
        self.mentorID = mentorID
        self.menteeID = menteeID
        self.kind = kind
        self.value = value
        self.recordedBy = recordedBy
    }
}

struct CreateMatching: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("matching_runs")
            .id()
            .field("region_id", .uuid, .references("regions", "id"))
            .field("municipality_id", .uuid, .references("municipalities", "id"))
            .field("organisation_id", .uuid, .references("organisations", "id"))
            .field("form", .string, .required)
            .field("grouped", .bool, .required)
            .field("mode", .string, .required)
            .field("weights", .string, .required)
            .field("preferences", .string, .required)
            .field("result", .string, .required)
            .field("status", .string, .required)
            .field("created_by", .string, .required)
            .field("created_on", .string, .required)
            .field("decided_on", .string)
            .field("mentorship_ids", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await db.schema("matching_marks")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("mentor_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("mentee_id", .uuid, .required, .references("people", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("value", .int, .required)
            .field("recorded_by", .string, .required)
            .unique(on: "mentor_id", "mentee_id", "kind")
            .create()
    }

    func revert(on db: any Database) async throws {
        for table in ["matching_marks", "matching_runs"] { try await db.schema(table).delete() }
    }
}
