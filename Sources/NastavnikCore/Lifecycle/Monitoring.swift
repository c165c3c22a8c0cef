import Foundation

/// Why a mentorship needs the curator's attention.
public enum RiskKind: String, Labelled {
    case noMeeting = "no_meeting", noFeedback = "no_feedback", overdueTasks = "overdue_tasks",
        programmeNotApproved = "programme_not_approved"
    public var label: String {
        switch self {
        case .noMeeting: "нет встреч 30 дней"
        case .noFeedback: "нет обратной связи 30 дней"
        case .overdueTasks: "просрочены задачи"
        case .programmeNotApproved: "программа не утверждена"
        }
    }
}

public struct Risk: Sendable, Equatable {
    public var kind: RiskKind
    public var detail: String
    public init(_ kind: RiskKind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }
}

/// Everything known about one mentorship, as the monitoring rules read it.
public struct MentorshipFile: Sendable {
    public var mentorship: Mentorship
    public var participants: [Participant]
    public var programme: Programme?
    public var tasks: [ProgrammeTask]
    public var meetings: [Meeting]
    public var feedback: [Feedback]

    public init(
        mentorship: Mentorship, participants: [Participant], programme: Programme? = nil, tasks: [ProgrammeTask] = [],
        meetings: [Meeting] = [], feedback: [Feedback] = []
    ) {
        self.mentorship = mentorship
        self.participants = participants
        self.programme = programme
        self.tasks = tasks
        self.meetings = meetings
        self.feedback = feedback
    }
}

public enum MonitoringRules {
    public static let windowDays = 30

    /// The at-risk reasons for an open mentorship on `today` (closed ones carry none). A pair gets the
    /// first 30 days from its start before «no meeting / no feedback / not approved» apply.
    public static func risks(_ f: MentorshipFile, today: Day) -> [Risk] {
        let m = f.mentorship
        guard m.status.isOpen, m.start <= today else { return [] }
        var risks: [Risk] = []
        let windowStart = today.adding(days: -windowDays)
        let pastGrace = m.start <= windowStart
        if pastGrace, m.status == .active {
            let held = f.meetings.filter { $0.status == .held && $0.date <= today }.map(\.date).max()
            if held.map({ $0 < windowStart }) ?? true {
                risks.append(.init(.noMeeting, held.map { "последняя встреча \($0.russian)" } ?? "ни одной проведённой встречи"))
            }
            for role in ParticipantRole.allCases {
                let last = f.feedback.filter { $0.role == role && $0.date <= today }.map(\.date).max()
                if last.map({ $0 < windowStart }) ?? true {
                    let who = role == .mentor ? "от наставника" : "от наставляемого"
                    risks.append(.init(.noFeedback, who + (last.map { ": последняя \($0.russian)" } ?? ": ни одной анкеты")))
                }
            }
        }
        let overdue = f.tasks.filter { $0.isOverdue(on: today) }
        if !overdue.isEmpty {
            let first = overdue.map(\.deadline).min()!
            risks.append(.init(.overdueTasks, "\(overdue.count) \(RussianPlural.form(overdue.count, "задача", "задачи", "задач")), самая ранняя — срок \(first.russian)"))
        }
        if pastGrace, !(f.programme?.status.isApproved ?? false) {
            risks.append(.init(.programmeNotApproved,
                f.programme.map { "программа «\($0.status.label)» спустя 30 дней после начала" } ?? "программа не составлена"))
        }
        return risks
    }

    /// «Вошёл в программу» (seed 001, indicator 11): the pair is fixed by an order AND its programme is approved.
    /// With the organisation's registry `orders`, an order cancelled by `day` no longer fixes the pair (`PairsOrders`).
    public static func entry(_ f: MentorshipFile, orders: PairsOrders = PairsOrders([]), on day: Day = .last) -> EntryCheck {
        EntryCheck(hasOrder: orders.isFixed(f.mentorship, on: day), programmeApproved: f.programme?.status.isApproved ?? false)
    }
}

public struct EntryCheck: Sendable, Equatable {
    public var hasOrder: Bool
    public var programmeApproved: Bool
    public var entered: Bool { hasOrder && programmeApproved }

    public var missing: [String] {
        (hasOrder ? [] : ["нет приказа о закреплении"]) + (programmeApproved ? [] : ["программа не утверждена"])
    }
}
