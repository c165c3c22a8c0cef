import Fluent
import Foundation
import NastavnikCore

public final class TrainingEventRecord: Model, @unchecked Sendable {
    public static let schema = "training_events"
    @ID(key: .id) public var id: UUID?
    @Field(key: "title") public var title: String
    @Field(key: "format") public var format: String
    @Field(key: "hours") public var hours: Int
    @Field(key: "start") public var start: String
    @Field(key: "end") public var end: String
    @Field(key: "organiser") public var organiser: String
    @OptionalField(key: "region_id") public var regionID: UUID?
    @OptionalField(key: "municipality_id") public var municipalityID: UUID?
    @OptionalField(key: "organisation_id") public var organisationID: UUID?
    @Field(key: "capacity") public var capacity: Int
    @Field(key: "description") public var description: String

    public init() {}
}

extension TrainingEventRecord: CoreMapped {
    public convenience init(_ e: TrainingEvent) {
        self.init()
        id = e.id
        apply(e)
    }

    public func apply(_ e: TrainingEvent) {
        title = e.title
        format = e.format.rawValue
        hours = e.hours
        start = e.start.iso
        end = e.end.iso
        organiser = e.organiser
        regionID = e.regionID
        municipalityID = e.municipalityID
        organisationID = e.organisationID
        capacity = e.capacity
        description = e.description
    }

    public var core: TrainingEvent {
        get throws {
            TrainingEvent(
                id: try requireID(), title: title, format: try decoded(\.$format), hours: hours, start: try day(\.$start), end: try day(\.$end), organiser: organiser,
                regionID: regionID, municipalityID: municipalityID, organisationID: organisationID, capacity: capacity, description: description)
        }
    }
}

public final class EnrolmentRecord: Model, @unchecked Sendable {
    public static let schema = "enrolments"
    @ID(key: .id) public var id: UUID?
    @Field(key: "event_id") public var eventID: UUID
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "enrolled_on") public var enrolledOn: String
    @Field(key: "attended") public var attended: Bool
    @OptionalField(key: "completed_on") public var completedOn: String?
    @OptionalField(key: "certificate_number") public var certificateNumber: String?
    @Field(key: "difficulties") public var difficulties: String
    @OptionalField(key: "difficulty_note") public var difficultyNote: String?
    @OptionalField(key: "checklist_on") public var checklistOn: String?

    public init() {}
}

extension EnrolmentRecord: CoreMapped {
    public convenience init(_ e: Enrolment) {
        self.init()
        id = e.id
        apply(e)
    }

    public func apply(_ e: Enrolment) {
        eventID = e.eventID
        personID = e.personID
        enrolledOn = e.enrolledOn.iso
        attended = e.attended
        completedOn = e.completedOn?.iso
        certificateNumber = e.certificateNumber
        difficulties = LabelledSet.encode(e.difficulties)
        difficultyNote = e.difficultyNote
        checklistOn = e.checklistOn?.iso
    }

    public var core: Enrolment {
        get throws {
            Enrolment(
                id: try requireID(), eventID: eventID, personID: personID, enrolledOn: try day(\.$enrolledOn), attended: attended, completedOn: try day(\.$completedOn),
                certificateNumber: certificateNumber, difficulties: LabelledSet.decode(difficulties), difficultyNote: difficultyNote, checklistOn: try day(\.$checklistOn))
        }
    }
}

public final class RecognitionCriteriaRecord: Model, @unchecked Sendable {
    public static let schema = "recognition_criteria"
    @ID(key: .id) public var id: UUID?
    @OptionalField(key: "region_id") public var regionID: UUID?
    @OptionalField(key: "municipality_id") public var municipalityID: UUID?
    @Field(key: "incentive") public var incentive: String
    @Field(key: "kind") public var kind: String
    @Field(key: "min_completed_mentorships") public var minCompletedMentorships: Int
    @Field(key: "min_training_hours") public var minTrainingHours: Int
    @OptionalField(key: "min_satisfaction") public var minSatisfaction: Double?
    @Field(key: "requires_contest_win") public var requiresContestWin: Bool

    public init() {}

    public init(_ c: RecognitionCriteria) {
        id = c.id
        regionID = c.regionID
        municipalityID = c.municipalityID
        incentive = c.incentive
        kind = c.kind.rawValue
        minCompletedMentorships = c.minCompletedMentorships
        minTrainingHours = c.minTrainingHours
        minSatisfaction = c.minSatisfaction
        requiresContestWin = c.requiresContestWin
    }

    public var core: RecognitionCriteria {
        get throws {
            RecognitionCriteria(
                id: try requireID(), regionID: regionID, municipalityID: municipalityID, incentive: incentive, kind: try decoded(\.$kind),
                minCompletedMentorships: minCompletedMentorships, minTrainingHours: minTrainingHours, minSatisfaction: minSatisfaction,
                requiresContestWin: requiresContestWin)
        }
    }
}

public final class TrainingNeedRecord: Model, @unchecked Sendable {
    public static let schema = "training_needs"
    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "topics") public var topics: String
    @OptionalField(key: "preferred_format") public var preferredFormat: String?
    @OptionalField(key: "note") public var note: String?
    @Field(key: "date") public var date: String

    public init() {}
}

extension TrainingNeedRecord: CoreMapped {
    public convenience init(_ n: TrainingNeed) {
        self.init()
        id = n.id
        apply(n)
    }

    public func apply(_ n: TrainingNeed) {
        personID = n.personID
        topics = LabelledSet.encode(n.topics)
        preferredFormat = n.preferredFormat?.rawValue
        note = n.note
        date = n.date.iso
    }

    public var core: TrainingNeed {
        get throws {
            TrainingNeed(id: try requireID(), personID: personID, topics: LabelledSet.decode(topics), preferredFormat: try decoded(\.$preferredFormat),
                         note: note, date: try day(\.$date))
        }
    }
}
