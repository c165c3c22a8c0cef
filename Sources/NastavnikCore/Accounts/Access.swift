import Foundation

/// Роль учётной записи; each is bound to one node of the hierarchy.
public enum Role: String, Labelled {
    case administrator, regionalOperator = "regional_operator", municipalCoordinator = "municipal_coordinator",
        curator, director, psychologist, regionalTutor = "regional_tutor", mentor, mentee

    public var label: String {
        switch self {
        case .administrator: "администратор"
        case .regionalOperator: "региональный оператор"
        case .municipalCoordinator: "муниципальный координатор"
        case .curator: "куратор"
        case .director: "руководитель организации"
        case .psychologist: "педагог-психолог"
        case .regionalTutor: "региональный тьютор"
        case .mentor: "наставник"
        case .mentee: "наставляемый"
        }
    }

    /// The kind of node the role must be bound to.
    public var scopeLevel: ScopeLevel {
        switch self {
        case .administrator: .country
        case .regionalOperator, .regionalTutor: .region
        case .municipalCoordinator: .municipality
        case .curator, .director, .psychologist: .organisation
        case .mentor, .mentee: .person
        }
    }
}

public enum ScopeLevel: String, Sendable, Codable {
    case country, region, municipality, organisation, person
    /// 0 for the country down to 4 for a person: a smaller rank is higher in the hierarchy.
    public var rank: Int {
        switch self {
        case .country: 0
        case .region: 1
        case .municipality: 2
        case .organisation: 3
        case .person: 4
        }
    }
    public var label: String {
        switch self {
        case .country: "вся система"
        case .region: "регион"
        case .municipality: "муниципалитет"
        case .organisation: "организация"
        case .person: "свои данные"
        }
    }
}

/// Who is acting: role, the node the account is bound to (its placement), and for personal roles the person.
public struct Actor: Sendable, Equatable {
    public var accountID: UUID
    public var role: Role
    public var placement: Placement
    public var personID: UUID?
    /// Persons a regional tutor is assigned to (seed 004).
    public var assignedPersonIDs: Set<UUID>

    public init(accountID: UUID, role: Role, placement: Placement, personID: UUID? = nil, assignedPersonIDs: Set<UUID> = []) {
        self.accountID = accountID
        self.role = role
        self.placement = placement
        self.personID = personID
        self.assignedPersonIDs = assignedPersonIDs
    }
}

/// What is being touched.
public enum Resource: String, Sendable, CaseIterable, Codable {
    case territory  // regions and municipalities
    case organisation
    case person  // people, memberships, consents
    case mentorBase
    case menteeBase
    case account
    case audit
    /// A pair or group: its people, period, status, order.
    case mentorship
    /// The personalised programme and its tasks.
    case programme
    /// Meetings and attendance.
    case meeting
    /// Questionnaires: monthly and final feedback, competency self-assessments.
    case feedback
    /// Individual educational routes (seed 004).
    case route
    /// Matching runs, preference questionnaires and the psychologist's compatibility marks.
    case matching
    /// The registry of local acts (orders, regulation, programmes, consents) and the documents generated into it.
    case localAct
    /// DOCX templates a region or municipality gives the organisations below it.
    case documentTemplate
    /// Monitoring: indicators, the rows behind them, campaigns and reports of a node (seed 001).
    case monitoring
    /// The bank of programmes and practices: items, their files and moderation (seed 004).
    case practice
    /// Contests: the contest, its jury, applications and scores (seed 002).
    case contest
    /// The mentor school: courses and events, enrolment, attendance, certificates, surveys (seed 002).
    case training
}

public enum Action: String, Sendable, CaseIterable, Codable {
    case read, write
}

/// The one place where "may this actor do this to that record" is decided. Every page and API route asks it.
public enum AccessPolicy {
    /// `target` is where the record sits; `personID` is the person it is about (for own-data roles).
    public static func allows(_ actor: Actor, _ action: Action, _ resource: Resource, at target: Placement, personID: UUID? = nil) -> Bool {
        guard permits(actor.role, action, resource) else { return false }
        switch actor.role.scopeLevel {
        case .country:
            return true
        case .region:
            if actor.role == .regionalTutor {
                return personID.map { actor.assignedPersonIDs.contains($0) } ?? false
            }
            return actor.placement.regionID != nil && target.regionID == actor.placement.regionID
        case .municipality:
            return actor.placement.municipalityID != nil && target.municipalityID == actor.placement.municipalityID
        case .organisation:
            return actor.placement.organisationID != nil && target.organisationID == actor.placement.organisationID
        case .person:
            return actor.personID != nil && personID == actor.personID
        }
    }

    /// The role's rights regardless of scope.
    public static func permits(_ role: Role, _ action: Action, _ resource: Resource) -> Bool {
        switch (role, action, resource) {
        case (.administrator, _, _): true
        // Regional operators run the region: municipalities, organisations, accounts; they read people and bases.
        case (.regionalOperator, .read, _): true
        case (.regionalOperator, .write, .territory), (.regionalOperator, .write, .organisation),
            (.regionalOperator, .write, .account): true
        case (.municipalCoordinator, .read, _): true
        case (.municipalCoordinator, .write, .organisation), (.municipalCoordinator, .write, .account): true
        // Monitoring campaigns are run by the municipality and the region (seed 001: the municipal operator).
        case (.regionalOperator, .write, .monitoring), (.municipalCoordinator, .write, .monitoring): true
        // Document templates are handed down by the region and the municipality (seed 001).
        case (.regionalOperator, .write, .documentTemplate), (.municipalCoordinator, .write, .documentTemplate): true
        // Matching runs: a school's pairs by its curator or director; network pairs by the municipality;
        // the regional pool by the regional operator (seed 004). The psychologist reads and marks.
        case (.regionalOperator, .write, .matching), (.municipalCoordinator, .write, .matching): true
        case (.curator, .write, .matching), (.director, .write, .matching), (.psychologist, .read, .matching): true
        // Curators and directors keep their organisation's people and bases.
        case (.curator, .read, _), (.director, .read, _): true
        case (.curator, .write, .person), (.curator, .write, .mentorBase), (.curator, .write, .menteeBase),
            (.curator, .write, .localAct): true
        case (.director, .write, .person), (.director, .write, .mentorBase), (.director, .write, .menteeBase),
            (.director, .write, .organisation), (.director, .write, .account), (.director, .write, .localAct): true
        // Curators and directors run the pairs; they also record paper questionnaires.
        case (.curator, .write, .mentorship), (.curator, .write, .programme), (.curator, .write, .meeting),
            (.curator, .write, .feedback), (.curator, .write, .route): true
        case (.director, .write, .mentorship), (.director, .write, .programme), (.director, .write, .meeting),
            (.director, .write, .feedback), (.director, .write, .route): true
        // The psychologist sees the pairs (compatibility, seed 003) but does not run them.
        case (.psychologist, .read, .organisation), (.psychologist, .read, .person),
            (.psychologist, .read, .mentorBase), (.psychologist, .read, .menteeBase), (.psychologist, .read, .mentorship),
            (.psychologist, .read, .programme), (.psychologist, .read, .meeting), (.psychologist, .read, .feedback): true
        // A regional tutor keeps the routes of the people assigned to them (seed 004).
        case (.regionalTutor, .read, .person), (.regionalTutor, .read, .menteeBase), (.regionalTutor, _, .route): true
        // Mentors and mentees act within their own pairs: the caller passes their own person id only when
        // they take part. Mentors draft the programme and log meetings; both fill questionnaires.
        case (.mentor, .read, .person), (.mentor, .read, .mentorBase): true
        case (.mentor, _, .programme), (.mentor, _, .meeting), (.mentor, _, .feedback), (.mentor, .read, .mentorship),
            (.mentor, .read, .route): true
        case (.mentee, .read, .person), (.mentee, .read, .menteeBase): true
        case (.mentee, .read, .mentorship), (.mentee, .read, .programme), (.mentee, .read, .meeting),
            (.mentee, _, .feedback), (.mentee, .read, .route): true
        // The community of practice (issue 7) is everyone's: staff and participants read it; curators, directors
        // and mentors contribute (mentors their own items, applications and enrolments); the levels above moderate
        // and organise. A juror's right to score comes from being on the jury, not from the role.
        case (_, .read, .practice), (_, .read, .contest), (_, .read, .training): true
        case (.curator, .write, .practice), (.curator, .write, .contest), (.curator, .write, .training),
            (.director, .write, .practice), (.director, .write, .contest), (.director, .write, .training),
            (.mentor, .write, .practice), (.mentor, .write, .contest), (.mentor, .write, .training),
            (.regionalOperator, .write, .practice), (.regionalOperator, .write, .contest), (.regionalOperator, .write, .training),
            (.municipalCoordinator, .write, .practice), (.municipalCoordinator, .write, .contest), (.municipalCoordinator, .write, .training): true
        // The municipal level of the individual routes of its schools' mentees (seed 004; `RouteRules.levels`).
        case (.municipalCoordinator, .write, .route): true
        default: false
        }
    }

    /// Accounts an actor may create: never above their own level, and never an administrator unless one.
    public static func mayGrant(_ actor: Actor, role: Role, at target: Placement) -> Bool {
        if role == .administrator { return actor.role == .administrator }
        guard allows(actor, .write, .account, at: target) else { return false }
        return role.scopeLevel.rank >= actor.role.scopeLevel.rank
    }
}

public enum PasswordPolicy {
    /// At least 10 characters with letters and digits.
    public static func validate(_ password: String) -> [FieldIssue] {
        if password.count < 10 || !password.contains(where: \.isLetter) || !password.contains(where: \.isNumber) {
            return [.init("password", "Пароль должен быть не короче 10 символов и содержать буквы и цифры.")]
        }
        return []
    }
}
