import Foundation
import Testing

@testable import NastavnikCore

/// Fixtures for monitoring on 25.11.2026: the 30-day window starts on 26.10.2026.
private enum MOFix {
    static func day(_ text: String) -> Day { Day(text)! }
    static let today = day("2026-11-25")
    static let windowStart = day("2026-10-26")
    static let mentorID = UUID()
    static let menteeID = UUID()

    static func file(
        start: String = "2026-09-01", status: MentorshipStatus = .active, programme: ProgrammeStatus? = .approved,
        heldMeetings: [String] = ["2026-11-20"], mentorFeedback: [String] = ["2026-11-20"], menteeFeedback: [String] = ["2026-11-20"],
        tasks: [ProgrammeTask] = [], order: OrderReference? = OrderReference(number: "12-о", date: day("2026-09-05"))
    ) -> MentorshipFile {
        let m = Mentorship(organisationID: UUID(), form: .teacherTeacher, start: day(start), plannedEnd: day("2027-05-31"), status: status, order: order)
        let participants = [
            Participant(mentorshipID: m.id, personID: mentorID, role: .mentor, joinedOn: m.start),
            Participant(mentorshipID: m.id, personID: menteeID, role: .mentee, joinedOn: m.start),
        ]
        return MentorshipFile(
            mentorship: m, participants: participants,
            programme: programme.map {
                Programme(mentorshipID: m.id, goals: "Цели", expectedResults: "Результаты", start: m.start, end: day("2027-05-31"), status: $0)
            },
            tasks: tasks,
            meetings: heldMeetings.map { meeting(day($0), .held, m) },
            feedback: mentorFeedback.map { feedback(mentorID, .mentor, day($0), m) } + menteeFeedback.map { feedback(menteeID, .mentee, day($0), m) })
    }

    static func meeting(_ date: Day, _ status: MeetingStatus, _ m: Mentorship) -> Meeting {
        Meeting(mentorshipID: m.id, type: .regular, date: date, time: ClockTime(hour: 16, minute: 0)!, agenda: "Встреча",
            outcome: status == .held ? "Проведена" : nil, status: status, attendees: status == .held ? [mentorID, menteeID] : [])
    }

    static func feedback(_ author: UUID, _ role: ParticipantRole, _ date: Day, _ m: Mentorship) -> Feedback {
        Feedback(mentorshipID: m.id, authorPersonID: author, role: role, date: date, satisfaction: 8, progress: "Продвижение")
    }

    static func task(_ deadline: String, _ status: TaskStatus = .planned) -> ProgrammeTask {
        ProgrammeTask(programmeID: UUID(), stage: .main, title: "Задача", deadline: day(deadline), responsible: "наставник", status: status)
    }

    static func risks(_ f: MentorshipFile) -> [Risk] { MonitoringRules.risks(f, today: today) }
}

@Suite("MonitoringRules.risks: pairs that need the curator's attention")
struct MonitoringRiskTests {
    @Test("A working pair with a recent meeting, both questionnaires and an approved programme has no risks")
    func healthy() {
        #expect(MOFix.risks(MOFix.file()).isEmpty)
        #expect(MonitoringRules.windowDays == 30)
    }

    @Test("Closed pairs carry no risks", arguments: [MentorshipStatus.completed, .terminated])
    func closed(_ status: MentorshipStatus) {
        #expect(MOFix.risks(MOFix.file(status: status, programme: nil, heldMeetings: [], mentorFeedback: [], menteeFeedback: [],
            tasks: [MOFix.task("2026-10-01")])).isEmpty)
    }

    @Test("A pair that has not started yet carries no risks")
    func notStarted() {
        #expect(MOFix.risks(MOFix.file(start: "2026-11-26", programme: nil, heldMeetings: [], mentorFeedback: [], menteeFeedback: [],
            tasks: [MOFix.task("2026-11-01")])).isEmpty)
    }

    @Test("A pair started 29 days ago is still in its grace; one started 30 days ago is not")
    func grace() {
        let empty = { (start: String) in
            MOFix.file(start: start, programme: nil, heldMeetings: [], mentorFeedback: [], menteeFeedback: [])
        }
        #expect(MOFix.risks(empty("2026-10-27")).isEmpty)
        #expect(MOFix.risks(empty("2026-10-26")) == [
            Risk(.noMeeting, "ни одной проведённой встречи"),
            Risk(.noFeedback, "от наставника: ни одной анкеты"),
            Risk(.noFeedback, "от наставляемого: ни одной анкеты"),
            Risk(.programmeNotApproved, "программа не составлена"),
        ])
    }

    @Test("A meeting on the grace boundary — the start day, exactly 30 days ago — keeps the pair out of «no meeting»")
    func meetingOnGraceBoundary() {
        let f = MOFix.file(start: "2026-10-26", heldMeetings: ["2026-10-26"], mentorFeedback: ["2026-10-26"], menteeFeedback: ["2026-10-26"])
        #expect(MOFix.risks(f).isEmpty)
    }

    @Test("A meeting held exactly 30 days ago is within the window; 31 days ago is not")
    func meetingWindow() {
        #expect(MOFix.risks(MOFix.file(heldMeetings: ["2026-10-26"])).isEmpty)
        #expect(MOFix.risks(MOFix.file(heldMeetings: ["2026-10-25"])) == [Risk(.noMeeting, "последняя встреча 25.10.2026")])
        // The latest held meeting is the one reported.
        #expect(MOFix.risks(MOFix.file(heldMeetings: ["2026-09-15", "2026-10-20", "2026-10-01"])) == [Risk(.noMeeting, "последняя встреча 20.10.2026")])
    }

    @Test("Only held meetings up to today count")
    func onlyHeldMeetings() {
        var f = MOFix.file(heldMeetings: ["2026-10-01"])
        f.meetings.append(MOFix.meeting(MOFix.day("2026-11-20"), .planned, f.mentorship))
        f.meetings.append(MOFix.meeting(MOFix.day("2026-11-21"), .cancelled, f.mentorship))
        f.meetings.append(MOFix.meeting(MOFix.day("2026-11-30"), .held, f.mentorship))
        #expect(MOFix.risks(f) == [Risk(.noMeeting, "последняя встреча 01.10.2026")])
    }

    @Test("Questionnaires are needed from each side: exactly 30 days ago is within the window, 31 is not")
    func feedbackPerSide() {
        #expect(MOFix.risks(MOFix.file(mentorFeedback: ["2026-10-26"], menteeFeedback: ["2026-10-26"])).isEmpty)
        #expect(MOFix.risks(MOFix.file(mentorFeedback: ["2026-10-26"], menteeFeedback: ["2026-10-25"]))
            == [Risk(.noFeedback, "от наставляемого: последняя 25.10.2026")])
        #expect(MOFix.risks(MOFix.file(mentorFeedback: ["2026-10-25"], menteeFeedback: ["2026-11-24"]))
            == [Risk(.noFeedback, "от наставника: последняя 25.10.2026")])
        // The mentee's questionnaires do not stand in for the mentor's.
        #expect(MOFix.risks(MOFix.file(mentorFeedback: [], menteeFeedback: ["2026-11-20", "2026-11-24"]))
            == [Risk(.noFeedback, "от наставника: ни одной анкеты")])
        // A questionnaire dated after today does not count.
        #expect(MOFix.risks(MOFix.file(menteeFeedback: ["2026-10-01", "2026-12-01"])) == [Risk(.noFeedback, "от наставляемого: последняя 01.10.2026")])
    }

    @Test("A forming pair past its grace is only flagged for its programme, not for meetings or questionnaires")
    func formingPair() {
        let f = MOFix.file(status: .forming, programme: nil, heldMeetings: [], mentorFeedback: [], menteeFeedback: [], order: nil)
        #expect(MOFix.risks(f) == [Risk(.programmeNotApproved, "программа не составлена")])
    }

    @Test("Overdue tasks are counted with the earliest deadline; a task due today is not overdue")
    func overdueTasks() {
        let tasks = [
            MOFix.task("2026-11-20", .inProgress), MOFix.task("2026-11-01"), MOFix.task("2026-11-25"),
            MOFix.task("2026-10-01", .done), MOFix.task("2026-10-02", .cancelled),
        ]
        #expect(MOFix.risks(MOFix.file(tasks: tasks)) == [Risk(.overdueTasks, "2 задачи, самая ранняя — срок 01.11.2026")])
        #expect(MOFix.risks(MOFix.file(tasks: [MOFix.task("2026-11-25")])).isEmpty)
        #expect(MOFix.risks(MOFix.file(tasks: [MOFix.task("2026-11-24")])) == [Risk(.overdueTasks, "1 задача, самая ранняя — срок 24.11.2026")])
    }

    @Test("Overdue tasks are flagged even during the grace and in a forming pair")
    func overdueDuringGrace() {
        let f = MOFix.file(start: "2026-11-10", status: .forming, programme: .draft, heldMeetings: [], mentorFeedback: [], menteeFeedback: [],
            tasks: [MOFix.task("2026-11-20")])
        #expect(MOFix.risks(f) == [Risk(.overdueTasks, "1 задача, самая ранняя — срок 20.11.2026")])
    }

    @Test("The count of overdue tasks is declined in Russian", arguments: [(1, "1 задача"), (3, "3 задачи"), (5, "5 задач"), (11, "11 задач"), (21, "21 задача")])
    func overduePlural(_ c: (Int, String)) {
        let tasks = (0..<c.0).map { _ in MOFix.task("2026-11-01") }
        #expect(MOFix.risks(MOFix.file(tasks: tasks)) == [Risk(.overdueTasks, "\(c.1), самая ранняя — срок 01.11.2026")])
    }

    @Test("A programme not approved 30 days after the start is flagged; approved or done is fine", arguments: [
        (ProgrammeStatus.draft, "программа «черновик» спустя 30 дней после начала"),
        (.onApproval, "программа «на согласовании» спустя 30 дней после начала"),
        (.approved, nil), (.done, nil),
    ] as [(ProgrammeStatus, String?)])
    func programmeApproval(_ c: (ProgrammeStatus, String?)) {
        #expect(MOFix.risks(MOFix.file(programme: c.0)) == (c.1.map { [Risk(.programmeNotApproved, $0)] } ?? []))
        // Within the grace a draft is not yet a risk.
        #expect(MOFix.risks(MOFix.file(start: "2026-10-27", programme: c.0)).isEmpty)
    }

    @Test("Risks come in a fixed order: meeting, mentor's and mentee's questionnaires, tasks, programme")
    func order() {
        let f = MOFix.file(programme: .draft, heldMeetings: ["2026-10-01"], mentorFeedback: ["2026-10-02"], menteeFeedback: [],
            tasks: [MOFix.task("2026-11-01")])
        #expect(MOFix.risks(f).map(\.kind) == [.noMeeting, .noFeedback, .noFeedback, .overdueTasks, .programmeNotApproved])
        #expect(MOFix.risks(f).map(\.detail) == [
            "последняя встреча 01.10.2026", "от наставника: последняя 02.10.2026", "от наставляемого: ни одной анкеты",
            "1 задача, самая ранняя — срок 01.11.2026", "программа «черновик» спустя 30 дней после начала",
        ])
    }

    @Test("Risk kinds have stable identifiers and Russian labels")
    func kinds() {
        #expect(RiskKind.allCases.map(\.rawValue) == ["no_meeting", "no_feedback", "overdue_tasks", "programme_not_approved"])
        #expect(RiskKind.noFeedback.label == "нет обратной связи 30 дней")
    }
}

@Suite("MonitoringRules.entry: «вошёл в программу» = order AND approved programme (seed 001, indicator 11)")
struct MonitoringEntryTests {
    @Test("An order and an approved (or fulfilled) programme make an entry", arguments: [ProgrammeStatus.approved, .done])
    func entered(_ status: ProgrammeStatus) {
        let e = MonitoringRules.entry(MOFix.file(programme: status))
        #expect(e.entered)
        #expect(e.missing.isEmpty)
        #expect(e == EntryCheck(hasOrder: true, programmeApproved: true))
    }

    @Test("An order alone is not an entry")
    func orderOnly() {
        let statuses: [ProgrammeStatus?] = [.draft, .onApproval, nil]
        for status in statuses {
            let e = MonitoringRules.entry(MOFix.file(programme: status))
            #expect(!e.entered)
            #expect(e.missing == ["программа не утверждена"])
        }
    }

    @Test("An approved programme alone is not an entry")
    func programmeOnly() {
        let e = MonitoringRules.entry(MOFix.file(order: nil))
        #expect(!e.entered)
        #expect(e.missing == ["нет приказа о закреплении"])
    }

    @Test("Neither: both are missing, the order first")
    func neither() {
        let e = MonitoringRules.entry(MOFix.file(programme: .onApproval, order: nil))
        #expect(!e.entered)
        #expect(e.missing == ["нет приказа о закреплении", "программа не утверждена"])
    }
}
