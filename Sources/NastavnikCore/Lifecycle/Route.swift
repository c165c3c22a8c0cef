import Foundation

/// Уровень сопровождения шага маршрута (seed 004).
public enum SupportLevel: String, Labelled {
    case organisation, municipality, region
    public var label: String {
        switch self {
        case .organisation: "образовательная организация"
        case .municipality: "муниципалитет"
        case .region: "регион"
        }
    }
}

/// Шаг индивидуального образовательного маршрута: one professional deficit and what is done about it.
public struct RouteStep: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var personID: UUID
    public var organisationID: UUID
    public var deficit: String
    public var action: String
    public var level: SupportLevel
    public var responsible: String
    public var responsiblePersonID: UUID?
    public var deadline: Day
    public var status: TaskStatus
    public var result: String?

    public init(
        id: UUID = .timeOrdered(), personID: UUID, organisationID: UUID, deficit: String, action: String, level: SupportLevel,
        responsible: String, responsiblePersonID: UUID? = nil, deadline: Day, status: TaskStatus = .planned, result: String? = nil
    ) {
        self.id = id
        self.personID = personID
        self.organisationID = organisationID
        self.deficit = deficit
        self.action = action
        self.level = level
        self.responsible = responsible
        self.responsiblePersonID = responsiblePersonID
        self.deadline = deadline
        self.status = status
        self.result = result
    }
}

/// One mentee's route as the municipality and the region list them (seed 004): how far it is, and who the
/// regional tutor is, if any.
public struct RouteOverview: Sendable, Equatable {
    public var personID: UUID
    public var organisationID: UUID
    public var steps: Int
    public var done: Int
    public var overdue: Int
    /// The regional tutor's name; nil — the mentee has no tutor.
    public var tutor: String?

    public init(personID: UUID, organisationID: UUID, steps: [RouteStep], tutor: String?, today: Day) {
        self.personID = personID
        self.organisationID = organisationID
        self.steps = steps.count
        done = steps.count { $0.status == .done }
        overdue = steps.count { $0.status.isOpen && $0.deadline < today }
        self.tutor = tutor
    }
}

public enum RouteRules {
    /// The levels of a route a role writes: the municipal coordinator the municipal steps of the mentees of its
    /// schools (seed 004: «муниципальный уровень»), the others who keep routes every level.
    public static func levels(writtenBy role: Role) -> Set<SupportLevel> {
        role == .municipalCoordinator ? [.municipality] : Set(SupportLevel.allCases)
    }

    public static func validate(_ s: RouteStep) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if s.deficit.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { issues.append(.init("deficit", "Укажите профессиональный дефицит.")) }
        if s.action.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { issues.append(.init("action", "Укажите, что будет сделано.")) }
        if s.responsible.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { issues.append(.init("responsible", "Укажите ответственного.")) }
        if s.status == .done, s.result.nonBlank == nil { issues.append(.init("result", "Для выполненного шага запишите результат.")) }
        return issues
    }
}
