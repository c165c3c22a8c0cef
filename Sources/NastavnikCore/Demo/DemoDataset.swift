import Foundation

/// A demo login: printed by `nastavnik serve` / `nastavnik demo` so a newcomer can try every role.
public struct DemoAccount: Sendable, Equatable {
    /// Assigned by the community step (`DemoCommunity`) from its own random stream; jurors refer to it.
    public var id: UUID
    public var login: String
    public var password: String
    public var role: Role
    public var fullName: String
    public var regionID: UUID?
    public var municipalityID: UUID?
    public var organisationID: UUID?
    public var personID: UUID?
    /// For a regional tutor: the people assigned to them.
    public var assignedPersonIDs: [UUID]

    public init(
        login: String, password: String, role: Role, fullName: String, regionID: UUID? = nil,
        municipalityID: UUID? = nil, organisationID: UUID? = nil, personID: UUID? = nil,
        assignedPersonIDs: [UUID] = [], id: UUID = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
    ) {
        self.id = id
        self.login = login
        self.password = password
        self.role = role
        self.fullName = fullName
        self.regionID = regionID
        self.municipalityID = municipalityID
        self.organisationID = organisationID
        self.personID = personID
        self.assignedPersonIDs = assignedPersonIDs
    }
}

/// Everything `nastavnik demo` writes, built in memory by `DemoGenerator` from a fixed seed.
public struct DemoDataset: Sendable {
    public var regions: [Region] = []
    public var municipalities: [Municipality] = []
    public var organisations: [Organisation] = []
    public var people: [Person] = []
    public var memberships: [Membership] = []
    public var consents: [Consent] = []
    public var mentors: [MentorProfile] = []
    public var mentees: [MenteeProfile] = []
    public var accounts: [DemoAccount] = []
    // The mentorship lifecycle (`DemoLifecycle`): pairs and groups and everything that happens in them.
    public var mentorships: [Mentorship] = []
    public var participants: [Participant] = []
    public var programmes: [Programme] = []
    public var tasks: [ProgrammeTask] = []
    public var meetings: [Meeting] = []
    public var feedback: [Feedback] = []
    public var assessments: [Assessment] = []
    public var routeSteps: [RouteStep] = []
    /// The registry of local acts (`DemoRegistry`).
    public var acts: [LocalAct] = []
    /// Roadmaps of the organisations with an approved one, part done (`DemoRegistry`).
    public var roadmapEvents: [RoadmapEvent] = []
    // The community of practice (`DemoCommunity`).
    /// The mentor school: events, enrolments with completions and checklists, the needs survey.
    public var trainingEvents: [TrainingEvent] = []
    public var enrolments: [Enrolment] = []
    public var trainingNeeds: [TrainingNeed] = []
    /// The bank of programmes and practices, cases of completed pairs among them.
    public var practices: [PracticeItem] = []
    public var contests: [Contest] = []
    public var contestApplications: [ContestApplication] = []
    public var juryScores: [JuryScore] = []
    public var recognitionCriteria: [RecognitionCriteria] = []

    public init() {}
}
