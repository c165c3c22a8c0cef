import Foundation

/// Статус подбора пар: the curator's decision on the proposed pairs (seed 003). The raw values are what the
/// `matching_runs.status` column has always held.
public enum MatchingRunStatus: String, Labelled {
    case pending, approved, discarded

    public var label: String {
        switch self {
        case .pending: "ожидает решения"
        case .approved: "утверждён"
        case .discarded: "отклонён"
        }
    }

    /// Only a run waiting for the curator's decision may be changed, approved or discarded.
    public var isOpen: Bool { self == .pending }
}

/// Подбор пар: one run of the matching engine over a node's bases, kept with its decision.
public struct MatchingRun: Sendable, Equatable, Identifiable {
    public typealias ID = UUID
    public var id: UUID
    /// The node the run was made for: an organisation, a municipality or a region.
    public var placement: Placement
    public var form: MentorshipForm
    public var grouped: Bool
    public var mode: MatchingMode
    public var status: MatchingRunStatus
    public var createdBy: String
    public var createdOn: Day
    public var decidedOn: Day?

    public init(
        id: UUID = UUID(), placement: Placement, form: MentorshipForm, grouped: Bool, mode: MatchingMode,
        status: MatchingRunStatus = .pending, createdBy: String, createdOn: Day, decidedOn: Day? = nil
    ) {
        self.id = id
        self.placement = placement
        self.form = form
        self.grouped = grouped
        self.mode = mode
        self.status = status
        self.createdBy = createdBy
        self.createdOn = createdOn
        self.decidedOn = decidedOn
    }
}
