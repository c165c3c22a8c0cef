import Fluent
import Foundation
import NastavnikCore

public final class MentorProfileRecord: Model, @unchecked Sendable {
    public static let schema = "mentor_profiles"
    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "competencies") public var competencies: String
    @OptionalField(key: "interests") public var interests: String?
    @Field(key: "achievements") public var achievements: String
    @OptionalField(key: "achievements_other") public var achievementsOther: String?
    @Field(key: "capacity") public var capacity: Int
    @OptionalField(key: "availability") public var availability: String?
    @Field(key: "training") public var training: String
    @Field(key: "forms") public var forms: String
    @Field(key: "status") public var status: String
    @Field(key: "network") public var network: Bool
    @Field(key: "entered_on") public var enteredOn: String

    public init() {}
}

extension MentorProfileRecord: CoreMapped {
    public convenience init(_ m: MentorProfile) {
        self.init()
        id = m.id
        apply(m)
    }
    public func apply(_ m: MentorProfile) {
        personID = m.personID
        organisationID = m.organisationID
        competencies = LabelledSet.encode(m.competencies)
        interests = m.interests
        achievements = LabelledSet.encode(m.achievements)
        achievementsOther = m.achievementsOther
        capacity = m.capacity
        availability = m.availability
        training = m.training.rawValue
        forms = LabelledSet.encode(m.forms)
        status = m.status.rawValue
        network = m.network
        enteredOn = m.enteredOn.iso
    }
    public var core: MentorProfile {
        MentorProfile(
            id: id!, personID: personID, organisationID: organisationID, competencies: LabelledSet.decode(competencies),
            interests: interests, achievements: LabelledSet.decode(achievements), achievementsOther: achievementsOther,
            capacity: capacity, availability: availability, training: TrainingStatus(rawValue: training) ?? .notTrained,
            forms: LabelledSet.decode(forms), status: MentorStatus(rawValue: status) ?? .active, network: network,
            enteredOn: Day(enteredOn)!)
    }
}

public final class MenteeProfileRecord: Model, @unchecked Sendable {
    public static let schema = "mentee_profiles"
    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "categories") public var categories: String
    @Field(key: "main_request") public var mainRequest: String
    @OptionalField(key: "request_details") public var requestDetails: String?
    @Field(key: "deficits") public var deficits: String
    @Field(key: "status") public var status: String
    @Field(key: "entered_on") public var enteredOn: String
    @OptionalField(key: "preferred_format") public var preferredFormat: String?
    @OptionalField(key: "availability") public var availability: String?

    public init() {}
}

extension MenteeProfileRecord: CoreMapped {
    public convenience init(_ m: MenteeProfile) {
        self.init()
        id = m.id
        apply(m)
    }
    public func apply(_ m: MenteeProfile) {
        personID = m.personID
        organisationID = m.organisationID
        categories = LabelledSet.encode(m.categories)
        mainRequest = m.mainRequest.rawValue
        requestDetails = m.requestDetails
        deficits = m.deficits.joined(separator: "\n")
        status = m.status.rawValue
        enteredOn = m.enteredOn.iso
        preferredFormat = m.preferredFormat?.rawValue
        availability = m.availability
    }
    public var core: MenteeProfile {
        MenteeProfile(
            id: id!, personID: personID, organisationID: organisationID, categories: LabelledSet.decode(categories),
            mainRequest: MainRequest(rawValue: mainRequest) ?? .methodical, requestDetails: requestDetails,
            deficits: deficits.split(separator: "\n").map(String.init), status: MenteeStatus(rawValue: status) ?? .waiting,
            enteredOn: Day(enteredOn)!, preferredFormat: preferredFormat.flatMap(WorkFormat.init), availability: availability)
    }
}
