import Fluent
import Foundation
import NastavnikCore

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

    public init() {}
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
