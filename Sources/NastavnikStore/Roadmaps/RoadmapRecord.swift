import Fluent
import Foundation
import NastavnikCore
import SQLKit

public final class RoadmapEventRecord: Model, @unchecked Sendable {
    public static let schema = "roadmap_events"
    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "school_year") public var schoolYear: Int
    @Field(key: "stage") public var stage: Int
    @Field(key: "stage_title") public var stageTitle: String
    @Field(key: "number") public var number: Int
    @Field(key: "title") public var title: String
    @Field(key: "timing") public var timing: String
    @Field(key: "responsible") public var responsible: String
    @Field(key: "deadline") public var deadline: String
    @Field(key: "status") public var status: String
    @Field(key: "expected") public var expected: String
    @OptionalField(key: "evidence") public var evidence: String?
    @OptionalField(key: "done_on") public var doneOn: String?
    /// The day the roadmap was made in the module (indicator 5 counts it from then); nil for roadmaps made before it was kept.
    @OptionalField(key: "created_on") public var createdOn: String?

    public init() {}

    /// The roadmaps of these organisations, one per organisation and school year, with the day each was made.
    public static func kept(_ db: any Database, organisations ids: [UUID]) async throws -> [RoadmapKept] {
        guard let sql = db as? any SQLDatabase else { return [] }
        var out: [RoadmapKept] = []
        for start in stride(from: 0, to: ids.count, by: 400) {
            let part = Array(ids[start..<min(start + 400, ids.count)])
            // An event without the day makes the whole roadmap «made before the day was kept».
            let rows = try await sql.raw("""
                SELECT organisation_id, school_year, MIN(COALESCE(created_on, '')) AS created_on FROM roadmap_events \
                WHERE organisation_id IN (\(binds: part)) GROUP BY organisation_id, school_year
                """).all()
            for row in rows {
                let created = try row.decode(column: "created_on", as: String.self)
                out.append(RoadmapKept(organisationID: try row.decode(column: "organisation_id", as: UUID.self), schoolYear: try row.decode(column: "school_year", as: Int.self),
                                       createdOn: Day.fromISO(created)))
            }
        }
        return out
    }
}

extension RoadmapEventRecord: CoreMapped {
    public convenience init(_ e: RoadmapEvent) {
        self.init()
        id = e.id
        apply(e)
    }

    public func apply(_ e: RoadmapEvent) {
        organisationID = e.organisationID
        schoolYear = e.schoolYear
        stage = e.stage
        stageTitle = e.stageTitle
        number = e.number
        title = e.title
        timing = e.timing
        responsible = e.responsible
        deadline = e.deadline.iso
        status = e.status.rawValue
        expected = e.expected
        evidence = e.evidence
        doneOn = e.doneOn?.iso
    }

    public var core: RoadmapEvent {
        RoadmapEvent(
            id: id!, organisationID: organisationID, schoolYear: schoolYear, stage: stage, stageTitle: stageTitle, number: number, title: title,
            timing: timing, responsible: responsible, deadline: Day(deadline)!, status: RoadmapEventStatus(rawValue: status) ?? .planned,
            expected: expected, evidence: evidence, doneOn: doneOn.flatMap(Day.init))
    }
}

/// A roadmap template a municipality or region gives its organisations: the uploaded spreadsheet, checked
/// when it arrived and read when a school creates its roadmap.
public final class RoadmapTemplateRecord: Model, @unchecked Sendable {
    public static let schema = "roadmap_templates"
    @ID(key: .id) public var id: UUID?
    @OptionalField(key: "region_id") public var regionID: UUID?
    @OptionalField(key: "municipality_id") public var municipalityID: UUID?
    @Field(key: "file_id") public var fileID: UUID
    @Field(key: "file_name") public var fileName: String
    @Field(key: "events") public var events: Int
    @Field(key: "uploaded_by") public var uploadedBy: String
    @Field(key: "uploaded_on") public var uploadedOn: String

    public init() {}

    public init(regionID: UUID?, municipalityID: UUID?, fileID: UUID, fileName: String, events: Int, uploadedBy: String, uploadedOn: Day) {
        self.id = UUID()
        self.regionID = regionID
        self.municipalityID = municipalityID
        self.fileID = fileID
        self.fileName = fileName
        self.events = events
        self.uploadedBy = uploadedBy
        self.uploadedOn = uploadedOn.iso
    }
}
