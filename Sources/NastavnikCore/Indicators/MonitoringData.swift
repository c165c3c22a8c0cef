import Foundation

/// Everything the monitoring indicators read at one node of the hierarchy (an organisation, a municipality,
/// a region or the country): the educational organisations of the node and what they hold. The date of the
/// evaluation is passed separately, so one load answers «on which date» questions too.
public struct MonitoringData: Sendable {
    /// Educational organisations of the node: the «V» of seed 001's formulas.
    public var organisations: [Organisation]
    /// Partner organisations (enterprises) whose employees take part in the node's mentorships.
    public var partners: [Organisation]
    public var acts: [LocalAct]
    public var people: [UUID: Person]
    /// Places of work and study in the node's organisations and in the partners.
    public var memberships: [Membership]
    public var mentorProfiles: [MentorProfile]
    public var menteeProfiles: [MenteeProfile]
    public var mentorships: [Mentorship]
    public var participants: [Participant]
    public var programmes: [Programme]
    /// Organisation → the day its public section «Целевая модель наставничества» was published.
    public var publicPages: [UUID: Day]
    /// Roadmaps kept in the roadmap module (`/organisations/{id}/roadmap`), one per organisation and school year.
    public var roadmaps: [RoadmapKept]

    public init(
        organisations: [Organisation], partners: [Organisation] = [], acts: [LocalAct] = [], people: [UUID: Person] = [:],
        memberships: [Membership] = [], mentorProfiles: [MentorProfile] = [], menteeProfiles: [MenteeProfile] = [],
        mentorships: [Mentorship] = [], participants: [Participant] = [], programmes: [Programme] = [], publicPages: [UUID: Day] = [:],
        roadmaps: [RoadmapKept] = []
    ) {
        self.organisations = organisations
        self.partners = partners
        self.acts = acts
        self.people = people
        self.memberships = memberships
        self.mentorProfiles = mentorProfiles
        self.menteeProfiles = menteeProfiles
        self.mentorships = mentorships
        self.participants = participants
        self.programmes = programmes
        self.publicPages = publicPages
        self.roadmaps = roadmaps
    }
}

/// An organisation's roadmap of one school year made in the roadmap module, and the day it was made (nil for
/// roadmaps made before the day was kept: they count throughout their school year).
public struct RoadmapKept: Sendable, Equatable {
    public var organisationID: UUID
    /// The school year by its first year: 2026 for 2026/2027.
    public var schoolYear: Int
    public var createdOn: Day?

    public init(organisationID: UUID, schoolYear: Int, createdOn: Day?) {
        self.organisationID = organisationID
        self.schoolYear = schoolYear
        self.createdOn = createdOn
    }

    /// The roadmap of `day`'s school year, made on or before it.
    public func exists(on day: Day) -> Bool {
        schoolYear == RoadmapRules.schoolYear(of: day) && (createdOn.map { $0 <= day } ?? true)
    }
}

/// One row behind a value: what a numerator or denominator counted.
public struct IndicatorRow: Sendable, Equatable, Codable, Identifiable {
    public enum Kind: String, Sendable, Codable { case organisation, person, mentorship, programme }
    public var kind: Kind
    public var id: UUID
    public var title: String
    /// The organisation the row belongs to (for a person: their place of work at the date).
    public var organisationID: UUID?
    public var organisation: String?
    /// Why it is or is not counted: «приказ от 01.09.2026 № 12», «стаж 1 год».
    public var detail: String?

    public init(kind: Kind, id: UUID, title: String, organisationID: UUID? = nil, organisation: String? = nil, detail: String? = nil) {
        self.kind = kind
        self.id = id
        self.title = title
        self.organisationID = organisationID
        self.organisation = organisation
        self.detail = detail
    }
}
