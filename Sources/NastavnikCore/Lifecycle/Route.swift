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

public enum RouteRules {
    public static func validate(_ s: RouteStep) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if s.deficit.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { issues.append(.init("deficit", "Укажите профессиональный дефицит.")) }
        if s.action.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { issues.append(.init("action", "Укажите, что будет сделано.")) }
        if s.responsible.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { issues.append(.init("responsible", "Укажите ответственного.")) }
        if s.status == .done, s.result.nonBlank == nil { issues.append(.init("result", "Для выполненного шага запишите результат.")) }
        return issues
    }
}
