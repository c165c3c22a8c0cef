import Fluent
import Foundation
import NastavnikCore

public final class MentorshipRecord: Model, @unchecked Sendable {
    public static let schema = "mentorships"
    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "form") public var form: String
    @Field(key: "kind") public var kind: String
    @Field(key: "format") public var format: String
    @OptionalField(key: "title") public var title: String?
    @Field(key: "start_date") public var startDate: String
    @Field(key: "planned_end") public var plannedEnd: String
    @OptionalField(key: "actual_end") public var actualEnd: String?
    @Field(key: "status") public var status: String
    @OptionalField(key: "order_number") public var orderNumber: String?
    @OptionalField(key: "order_date") public var orderDate: String?
    @OptionalField(key: "termination_reason") public var terminationReason: String?
    @OptionalField(key: "result_summary") public var resultSummary: String?

    public init() {}
}

extension MentorshipRecord: CoreMapped {
    public convenience init(_ m: Mentorship) {
        self.init()
        id = m.id
        apply(m)
    }
    public func apply(_ m: Mentorship) {
        organisationID = m.organisationID
        form = m.form.rawValue
        kind = m.kind.rawValue
        format = m.format.rawValue
        title = m.title
        startDate = m.start.iso
        plannedEnd = m.plannedEnd.iso
        actualEnd = m.actualEnd?.iso
        status = m.status.rawValue
        orderNumber = m.order?.number
        orderDate = m.order?.date.iso
        terminationReason = m.terminationReason
        resultSummary = m.resultSummary
    }
    public var core: Mentorship {
        let order: OrderReference? = orderNumber.flatMap { n in orderDate.day.map { OrderReference(number: n, date: $0) } }
        return Mentorship(
            id: id!, organisationID: organisationID, form: MentorshipForm(rawValue: form) ?? .teacherTeacher,
            kind: MentorshipKind(rawValue: kind) ?? .traditional, format: WorkFormat(rawValue: format) ?? .inPerson,
            title: title, start: Day(startDate)!, plannedEnd: Day(plannedEnd)!, actualEnd: actualEnd.day,
            status: MentorshipStatus(rawValue: status) ?? .forming, order: order, terminationReason: terminationReason,
            resultSummary: resultSummary)
    }
}

public final class ParticipantRecord: Model, @unchecked Sendable {
    public static let schema = "mentorship_participants"
    @ID(key: .id) public var id: UUID?
    @Field(key: "mentorship_id") public var mentorshipID: UUID
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "role") public var role: String
    @Field(key: "joined_on") public var joinedOn: String
    @OptionalField(key: "left_on") public var leftOn: String?
    @OptionalField(key: "left_reason") public var leftReason: String?
    @OptionalField(key: "justification") public var justification: String?

    public init() {}
}

extension ParticipantRecord: CoreMapped {
    public convenience init(_ p: Participant) {
        self.init()
        id = p.id
        apply(p)
    }
    public func apply(_ p: Participant) {
        mentorshipID = p.mentorshipID
        personID = p.personID
        role = p.role.rawValue
        joinedOn = p.joinedOn.iso
        leftOn = p.leftOn?.iso
        leftReason = p.leftReason
        justification = p.justification
    }
    public var core: Participant {
        Participant(
            id: id!, mentorshipID: mentorshipID, personID: personID, role: ParticipantRole(rawValue: role) ?? .mentee,
            joinedOn: Day(joinedOn)!, leftOn: leftOn.day, leftReason: leftReason, justification: justification)
    }
}

public final class ProgrammeRecord: Model, @unchecked Sendable {
    public static let schema = "programmes"
    @ID(key: .id) public var id: UUID?
    @Field(key: "mentorship_id") public var mentorshipID: UUID
    @Field(key: "goals") public var goals: String
    @Field(key: "expected_results") public var expectedResults: String
    @Field(key: "start_date") public var startDate: String
    @Field(key: "end_date") public var endDate: String
    @Field(key: "status") public var status: String
    @OptionalField(key: "approved_on") public var approvedOn: String?
    @OptionalField(key: "approved_by") public var approvedBy: String?
    @OptionalField(key: "approver_role") public var approverRole: String?
    @OptionalField(key: "submitted_by") public var submittedBy: UUID?
    @OptionalField(key: "return_comment") public var returnComment: String?
    /// JSON array of extensions, oldest first.
    @Field(key: "extensions") public var extensions: String

    public init() {}
}

extension ProgrammeRecord: CoreMapped {
    public convenience init(_ p: Programme) {
        self.init()
        id = p.id
        apply(p)
    }
    public func apply(_ p: Programme) {
        mentorshipID = p.mentorshipID
        goals = p.goals
        expectedResults = p.expectedResults
        startDate = p.start.iso
        endDate = p.end.iso
        status = p.status.rawValue
        approvedOn = p.approvedOn?.iso
        approvedBy = p.approvedBy
        approverRole = p.approverRole?.rawValue
        submittedBy = p.submittedBy
        returnComment = p.returnComment
        extensions = StoredJSON.encode(p.extensions)
    }
    public var core: Programme {
        Programme(
            id: id!, mentorshipID: mentorshipID, goals: goals, expectedResults: expectedResults, start: Day(startDate)!,
            end: Day(endDate)!, status: ProgrammeStatus(rawValue: status) ?? .draft, approvedOn: approvedOn.day,
            approvedBy: approvedBy, returnComment: returnComment, extensions: StoredJSON.decode(extensions) ?? [],
            approverRole: approverRole.flatMap(Role.init(rawValue:)), submittedBy: submittedBy)
    }
}

public final class ProgrammeTaskRecord: Model, @unchecked Sendable {
    public static let schema = "programme_tasks"
    @ID(key: .id) public var id: UUID?
    @Field(key: "programme_id") public var programmeID: UUID
    @Field(key: "stage") public var stage: String
    @Field(key: "title") public var title: String
    @Field(key: "deadline") public var deadline: String
    @Field(key: "responsible") public var responsible: String
    @OptionalField(key: "responsible_person_id") public var responsiblePersonID: UUID?
    @Field(key: "status") public var status: String
    @OptionalField(key: "evidence") public var evidence: String?

    public init() {}
}

extension ProgrammeTaskRecord: CoreMapped {
    public convenience init(_ t: ProgrammeTask) {
        self.init()
        id = t.id
        apply(t)
    }
    public func apply(_ t: ProgrammeTask) {
        programmeID = t.programmeID
        stage = t.stage.rawValue
        title = t.title
        deadline = t.deadline.iso
        responsible = t.responsible
        responsiblePersonID = t.responsiblePersonID
        status = t.status.rawValue
        evidence = t.evidence
    }
    public var core: ProgrammeTask {
        ProgrammeTask(
            id: id!, programmeID: programmeID, stage: ProgrammeStage(rawValue: stage) ?? .main, title: title,
            deadline: Day(deadline)!, responsible: responsible, responsiblePersonID: responsiblePersonID,
            status: TaskStatus(rawValue: status) ?? .planned, evidence: evidence)
    }
}

public final class MeetingRecord: Model, @unchecked Sendable {
    public static let schema = "meetings"
    @ID(key: .id) public var id: UUID?
    @Field(key: "mentorship_id") public var mentorshipID: UUID
    @Field(key: "type") public var type: String
    @Field(key: "date") public var date: String
    @Field(key: "time") public var time: String
    @Field(key: "duration_minutes") public var durationMinutes: Int
    @Field(key: "format") public var format: String
    @OptionalField(key: "place") public var place: String?
    @Field(key: "agenda") public var agenda: String
    @OptionalField(key: "outcome") public var outcome: String?
    @Field(key: "status") public var status: String
    /// Comma-separated person ids of those present.
    @Field(key: "attendees") public var attendees: String

    public init() {}
}

extension MeetingRecord: CoreMapped {
    public convenience init(_ m: Meeting) {
        self.init()
        id = m.id
        apply(m)
    }
    public func apply(_ m: Meeting) {
        mentorshipID = m.mentorshipID
        type = m.type.rawValue
        date = m.date.iso
        time = m.time.description
        durationMinutes = m.durationMinutes
        format = m.format.rawValue
        place = m.place
        agenda = m.agenda
        outcome = m.outcome
        status = m.status.rawValue
        attendees = m.attendees.map(\.uuidString).joined(separator: ",")
    }
    public var core: Meeting {
        Meeting(
            id: id!, mentorshipID: mentorshipID, type: MeetingType(rawValue: type) ?? .regular, date: Day(date)!,
            time: ClockTime(time) ?? ClockTime(hour: 15, minute: 0)!, durationMinutes: durationMinutes,
            format: WorkFormat(rawValue: format) ?? .inPerson, place: place, agenda: agenda, outcome: outcome,
            status: MeetingStatus(rawValue: status) ?? .planned,
            attendees: attendees.split(separator: ",").compactMap { UUID(uuidString: String($0)) })
    }
}

public final class FeedbackRecord: Model, @unchecked Sendable {
    public static let schema = "feedback"
    @ID(key: .id) public var id: UUID?
    @Field(key: "mentorship_id") public var mentorshipID: UUID
    @Field(key: "author_person_id") public var authorPersonID: UUID
    @Field(key: "role") public var role: String
    @Field(key: "date") public var date: String
    @Field(key: "kind") public var kind: String
    @Field(key: "satisfaction") public var satisfaction: Int
    @Field(key: "progress") public var progress: String
    @OptionalField(key: "problems") public var problems: String?

    public init() {}
}

extension FeedbackRecord: CoreMapped {
    public convenience init(_ f: Feedback) {
        self.init()
        id = f.id
        apply(f)
    }
    public func apply(_ f: Feedback) {
        mentorshipID = f.mentorshipID
        authorPersonID = f.authorPersonID
        role = f.role.rawValue
        date = f.date.iso
        kind = f.kind.rawValue
        satisfaction = f.satisfaction
        progress = f.progress
        problems = f.problems
    }
    public var core: Feedback {
        Feedback(
            id: id!, mentorshipID: mentorshipID, authorPersonID: authorPersonID,
            role: ParticipantRole(rawValue: role) ?? .mentee, date: Day(date)!, kind: FeedbackKind(rawValue: kind) ?? .regular,
            satisfaction: satisfaction, progress: progress, problems: problems)
    }
}

public final class AssessmentRecord: Model, @unchecked Sendable {
    public static let schema = "assessments"
    @ID(key: .id) public var id: UUID?
    @Field(key: "mentorship_id") public var mentorshipID: UUID
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "phase") public var phase: String
    @Field(key: "date") public var date: String
    @Field(key: "scores") public var scores: String

    public init() {}
}

extension AssessmentRecord: CoreMapped {
    public convenience init(_ a: Assessment) {
        self.init()
        id = a.id
        apply(a)
    }
    public func apply(_ a: Assessment) {
        mentorshipID = a.mentorshipID
        personID = a.personID
        phase = a.phase.rawValue
        date = a.date.iso
        scores = a.encodedScores
    }
    public var core: Assessment {
        Assessment(
            id: id!, mentorshipID: mentorshipID, personID: personID, phase: AssessmentPhase(rawValue: phase) ?? .start,
            date: Day(date)!, scores: Assessment.decodeScores(scores))
    }
}

public final class RouteStepRecord: Model, @unchecked Sendable {
    public static let schema = "route_steps"
    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "deficit") public var deficit: String
    @Field(key: "action") public var action: String
    @Field(key: "level") public var level: String
    @Field(key: "responsible") public var responsible: String
    @OptionalField(key: "responsible_person_id") public var responsiblePersonID: UUID?
    @Field(key: "deadline") public var deadline: String
    @Field(key: "status") public var status: String
    @OptionalField(key: "result") public var result: String?

    public init() {}
}

extension RouteStepRecord: CoreMapped {
    public convenience init(_ s: RouteStep) {
        self.init()
        id = s.id
        apply(s)
    }
    public func apply(_ s: RouteStep) {
        personID = s.personID
        organisationID = s.organisationID
        deficit = s.deficit
        action = s.action
        level = s.level.rawValue
        responsible = s.responsible
        responsiblePersonID = s.responsiblePersonID
        deadline = s.deadline.iso
        status = s.status.rawValue
        result = s.result
    }
    public var core: RouteStep {
        RouteStep(
            id: id!, personID: personID, organisationID: organisationID, deficit: deficit, action: action,
            level: SupportLevel(rawValue: level) ?? .organisation, responsible: responsible,
            responsiblePersonID: responsiblePersonID, deadline: Day(deadline)!,
            status: TaskStatus(rawValue: status) ?? .planned, result: result)
    }
}

/// A personal calendar feed: the secret in the URL is stored only as its SHA-256.
public final class CalendarFeedRecord: Model, @unchecked Sendable {
    public static let schema = "calendar_feeds"
    @ID(key: .id) public var id: UUID?
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "token_hash") public var tokenHash: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
    public init(accountID: UUID, tokenHash: String) {
        self.accountID = accountID
        self.tokenHash = tokenHash
    }
}

/// Small structured values kept in one text column.
public enum StoredJSON {
    public static func encode<T: Encodable>(_ value: T) -> String {
        (try? String(decoding: JSONEncoder().encode(value), as: UTF8.self)) ?? "[]"
    }
    public static func decode<T: Decodable>(_ text: String) -> T? {
        try? JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}
