import Fluent
import Foundation
import NastavnikCore

public final class ContestRecord: Model, @unchecked Sendable {
    public static let schema = "contests"
    @ID(key: .id) public var id: UUID?
    @Field(key: "title") public var title: String
    @Field(key: "level") public var level: String
    @OptionalField(key: "region_id") public var regionID: UUID?
    @OptionalField(key: "municipality_id") public var municipalityID: UUID?
    @OptionalField(key: "organisation_id") public var organisationID: UUID?
    @Field(key: "description") public var description: String
    @Field(key: "applications_from") public var applicationsFrom: String
    @Field(key: "applications_to") public var applicationsTo: String
    @Field(key: "judging_to") public var judgingTo: String
    @Field(key: "results_on") public var resultsOn: String
    @Field(key: "nominations") public var nominations: String
    @Field(key: "criteria") public var criteria: String
    @Field(key: "jurors") public var jurors: String
    @Field(key: "winners_per_nomination") public var winnersPerNomination: Int
    @Field(key: "results_published") public var resultsPublished: Bool

    public init() {}
}

extension ContestRecord: CoreMapped {
    public convenience init(_ c: Contest) {
        self.init()
        id = c.id
        apply(c)
    }

    public func apply(_ c: Contest) {
        title = c.title
        level = c.level.rawValue
        regionID = c.regionID
        municipalityID = c.municipalityID
        organisationID = c.organisationID
        description = c.description
        applicationsFrom = c.applicationsFrom.iso
        applicationsTo = c.applicationsTo.iso
        judgingTo = c.judgingTo.iso
        resultsOn = c.resultsOn.iso
        nominations = StoredJSON.encode(c.nominations)
        criteria = StoredJSON.encode(c.criteria)
        jurors = StoredJSON.encode(c.jurors)
        winnersPerNomination = c.winnersPerNomination
        resultsPublished = c.resultsPublished
    }

    public var core: Contest {
        get throws {
            Contest(
                id: try requireID(), title: title, level: try decoded(\.$level), regionID: regionID, municipalityID: municipalityID,
                organisationID: organisationID, description: description, applicationsFrom: try day(\.$applicationsFrom), applicationsTo: try day(\.$applicationsTo),
                judgingTo: try day(\.$judgingTo), resultsOn: try day(\.$resultsOn), nominations: StoredJSON.decode(nominations) ?? [], criteria: StoredJSON.decode(criteria) ?? [],
                jurors: StoredJSON.decode(jurors) ?? [], winnersPerNomination: winnersPerNomination, resultsPublished: resultsPublished)
        }
    }
}

public final class ContestApplicationRecord: Model, @unchecked Sendable {
    public static let schema = "contest_applications"
    @ID(key: .id) public var id: UUID?
    @Field(key: "contest_id") public var contestID: UUID
    @Field(key: "nomination_id") public var nominationID: UUID
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "title") public var title: String
    @Field(key: "applicant_person_ids") public var applicantPersonIDs: String
    @Field(key: "mentorship_ids") public var mentorshipIDs: String
    @Field(key: "practice_item_ids") public var practiceItemIDs: String
    @Field(key: "submitted_on") public var submittedOn: String
    @Field(key: "submitted_by") public var submittedBy: UUID
    @Field(key: "withdrawn") public var withdrawn: Bool
    @OptionalField(key: "award") public var award: String?

    public init() {}
}

extension ContestApplicationRecord: CoreMapped {
    public convenience init(_ a: ContestApplication) {
        self.init()
        id = a.id
        apply(a)
    }

    public func apply(_ a: ContestApplication) {
        contestID = a.contestID
        nominationID = a.nominationID
        organisationID = a.organisationID
        title = a.title
        applicantPersonIDs = StoredJSON.encode(a.applicantPersonIDs)
        mentorshipIDs = StoredJSON.encode(a.mentorshipIDs)
        practiceItemIDs = StoredJSON.encode(a.practiceItemIDs)
        submittedOn = a.submittedOn.iso
        submittedBy = a.submittedBy
        withdrawn = a.withdrawn
        award = a.award
    }

    public var core: ContestApplication {
        get throws {
            ContestApplication(
                id: try requireID(), contestID: contestID, nominationID: nominationID, organisationID: organisationID, title: title,
                applicantPersonIDs: StoredJSON.decode(applicantPersonIDs) ?? [], mentorshipIDs: StoredJSON.decode(mentorshipIDs) ?? [],
                practiceItemIDs: StoredJSON.decode(practiceItemIDs) ?? [], submittedOn: try day(\.$submittedOn), submittedBy: submittedBy, withdrawn: withdrawn,
                award: award)
        }
    }
}

public final class JuryScoreRecord: Model, @unchecked Sendable {
    public static let schema = "jury_scores"
    @ID(key: .id) public var id: UUID?
    @Field(key: "application_id") public var applicationID: UUID
    @Field(key: "juror_account_id") public var jurorAccountID: UUID
    @Field(key: "criterion_id") public var criterionID: UUID
    @Field(key: "score") public var score: Int
    @OptionalField(key: "comment") public var comment: String?

    public init() {}

    public init(_ s: JuryScore) {
        id = UUID()
        applicationID = s.applicationID
        jurorAccountID = s.jurorAccountID
        criterionID = s.criterionID
        score = s.score
        comment = s.comment
    }

    public var core: JuryScore {
        JuryScore(applicationID: applicationID, jurorAccountID: jurorAccountID, criterionID: criterionID, score: score, comment: comment)
    }
}
