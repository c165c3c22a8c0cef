import Foundation
import Testing

@testable import NastavnikCore

/// Fixtures for meetings, questionnaires and self-assessments of an active pair 01.09.2026 – 31.05.2027; today 25.11.2026.
private enum MTFix {
    static func day(_ text: String) -> Day { Day(text)! }
    static let today = day("2026-11-25")
    static let start = day("2026-09-01")
    static let end = day("2027-05-31")
    static let mentorID = UUID()
    static let menteeID = UUID()
    static let strangerID = UUID()

    static func pair(kind: MentorshipKind = .traditional, form: MentorshipForm = .teacherTeacher, status: MentorshipStatus = .active) -> Mentorship {
        Mentorship(organisationID: UUID(), form: form, kind: kind, start: start, plannedEnd: end, status: status)
    }

    static let m = pair()
    static let mentor = Participant(mentorshipID: m.id, personID: mentorID, role: .mentor, joinedOn: start)
    static let mentee = Participant(mentorshipID: m.id, personID: menteeID, role: .mentee, joinedOn: start)
    static let participants = [mentor, mentee]

    static func meeting(
        _ type: MeetingType = .regular, date: Day = day("2026-12-01"), duration: Int = 45, agenda: String = "Анализ посещённого урока",
        outcome: String? = nil, status: MeetingStatus = .planned, attendees: [UUID] = []
    ) -> Meeting {
        Meeting(mentorshipID: m.id, type: type, date: date, time: ClockTime(hour: 15, minute: 30)!, durationMinutes: duration,
            agenda: agenda, outcome: outcome, status: status, attendees: attendees)
    }

    static func held(on date: Day = today) -> Meeting {
        meeting(date: date, outcome: "Разобрали урок, план на месяц", status: .held, attendees: [mentorID, menteeID])
    }

    static func feedback(
        _ author: UUID = menteeID, role: ParticipantRole = .mentee, date: Day = today, kind: FeedbackKind = .regular,
        satisfaction: Int = 8, progress: String = "Провёл открытый урок"
    ) -> Feedback {
        Feedback(mentorshipID: m.id, authorPersonID: author, role: role, date: date, kind: kind, satisfaction: satisfaction, progress: progress)
    }

    static func assessment(_ phase: AssessmentPhase = .start, person: UUID = menteeID, date: Day = day("2026-09-10"),
                           scores: [Competency: Int] = [.subject: 3, .diagnostic: 2]) -> Assessment {
        Assessment(mentorshipID: m.id, personID: person, phase: phase, date: date, scores: scores)
    }
}

@Suite("MeetingRules: meetings of a pair or group")
struct MeetingRulesTests {
    func check(_ meeting: Meeting, in m: Mentorship = MTFix.m) -> [FieldIssue] {
        MeetingRules.validate(meeting, in: m, participants: MTFix.participants, today: MTFix.today)
    }

    @Test("A planned meeting needs no outcome or attendance; a meeting held today with both is fine")
    func happy() {
        #expect(check(MTFix.meeting()).isEmpty)
        #expect(check(MTFix.held()).isEmpty)
    }

    @Test("A meeting has an agenda")
    func agenda() {
        #expect(check(MTFix.meeting(agenda: " \n")) == [FieldIssue("agenda", "Укажите повестку встречи.")])
    }

    @Test("A meeting lasts 10 to 480 minutes", arguments: [(10, true), (480, true), (9, false), (481, false), (0, false)])
    func duration(_ c: (Int, Bool)) {
        #expect(check(MTFix.meeting(duration: c.0)) == (c.1 ? [] : [FieldIssue("durationMinutes", "Продолжительность встречи — от 10 до 480 минут.")]))
    }

    @Test("A meeting falls within the mentorship: its first and last days are fine", arguments: [
        ("2026-09-01", true), ("2027-05-31", true), ("2026-08-31", false), ("2027-06-01", false),
    ])
    func withinPeriod(_ c: (String, Bool)) {
        let date = MTFix.day(c.0)
        #expect(check(MTFix.meeting(date: date))
            == (c.1 ? [] : [FieldIssue("date", "Дата встречи \(date.russian) вне периода наставничества с 01.09.2026 по 31.05.2027.")]))
    }

    @Test("After early closing the period ends on the actual end")
    func withinActualPeriod() {
        var m = MTFix.pair(status: .terminated)
        m.actualEnd = MTFix.day("2026-11-20")
        #expect(check(MTFix.meeting(date: MTFix.day("2026-11-20")), in: m).isEmpty)
        #expect(check(MTFix.meeting(date: MTFix.day("2026-11-21")), in: m)
            == [FieldIssue("date", "Дата встречи 21.11.2026 вне периода наставничества с 01.09.2026 по 20.11.2026.")])
    }

    @Test("Only participants are marked as attending")
    func attendeesAreParticipants() {
        var meeting = MTFix.held()
        meeting.attendees.append(MTFix.strangerID)
        #expect(check(meeting) == [FieldIssue("attendees", "Отмечать присутствие можно только участникам пары (группы).")])
    }

    @Test("A meeting is marked held only once it has happened, with an outcome and attendance")
    func heldRules() {
        var future = MTFix.held(on: MTFix.day("2026-11-26"))
        #expect(check(future) == [FieldIssue("status", "Встреча 26.11.2026 ещё не прошла: отметить её проведённой нельзя.")])
        future.status = .planned
        #expect(check(future).isEmpty)
        var noOutcome = MTFix.held()
        noOutcome.outcome = "  "
        #expect(check(noOutcome) == [FieldIssue("outcome", "Запишите итог встречи.")])
        var nobody = MTFix.held()
        nobody.attendees = []
        #expect(check(nobody) == [FieldIssue("attendees", "Отметьте, кто присутствовал.")])
        var cancelled = MTFix.meeting(date: MTFix.day("2026-11-20"), status: .cancelled)
        cancelled.attendees = []
        #expect(check(cancelled).isEmpty)
    }

    @Test("A group final meeting is for groups; a pair chooses «итоговая»")
    func groupFinal() {
        #expect(check(MTFix.meeting(.groupFinal)) == [FieldIssue("type", "Групповая итоговая встреча — для группы; для пары выберите «итоговая».")])
        #expect(check(MTFix.meeting(.final)).isEmpty)
        #expect(check(MTFix.meeting(.groupFinal), in: MTFix.pair(kind: .group)).isEmpty)
        #expect(check(MTFix.meeting(.groupFinal), in: MTFix.pair(form: .teamTeam)).isEmpty)
        #expect(MeetingType.allCases.filter(\.isFinal) == [.final, .groupFinal])
    }
}

@Suite("ClockTime: «чч:мм», Moscow time")
struct ClockTimeTests {
    @Test("Valid times parse and print with two digits", arguments: [("09:05", "09:05"), ("00:00", "00:00"), ("23:59", "23:59"), (" 14:30 ", "14:30")])
    func parses(_ c: (String, String)) throws {
        #expect(try #require(ClockTime(c.0)).description == c.1)
    }

    @Test("Impossible or malformed times are refused", arguments: ["24:00", "12:60", "12:5", "1230", "12:30:00", "ab:cd", "", ":", "-1:30"])
    func refused(_ text: String) {
        #expect(ClockTime(text) == nil)
    }

    @Test("Hours 0–23 and minutes 0–59 only")
    func components() {
        #expect(ClockTime(hour: 23, minute: 59) != nil)
        #expect(ClockTime(hour: 24, minute: 0) == nil)
        #expect(ClockTime(hour: 0, minute: 60) == nil)
        #expect(ClockTime(hour: -1, minute: 0) == nil)
    }

    @Test("Times compare by hour, then minute")
    func ordering() {
        #expect(ClockTime("09:59")! < ClockTime("10:00")!)
        #expect(ClockTime("10:01")! > ClockTime("10:00")!)
        #expect(ClockTime("10:00")! == ClockTime(hour: 10, minute: 0)!)
    }

    @Test("Codable as a «чч:мм» string; a bad one fails with a Russian message")
    func codable() throws {
        let data = try JSONEncoder().encode([ClockTime("07:05")!])
        #expect(String(decoding: data, as: UTF8.self) == #"["07:05"]"#)
        #expect(try JSONDecoder().decode([ClockTime].self, from: data) == [ClockTime("07:05")!])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ClockTime].self, from: Data(#"["25:00"]"#.utf8)) }
    }
}

@Suite("FeedbackRules: monthly and final questionnaires")
struct FeedbackRulesTests {
    func check(_ f: Feedback, in m: Mentorship = MTFix.m, participants: [Participant] = MTFix.participants, existing: [Feedback] = []) -> [FieldIssue] {
        FeedbackRules.validate(f, in: m, participants: participants, existing: existing, today: MTFix.today)
    }

    @Test("A mentee's and a mentor's questionnaire dated from the start to today are accepted")
    func happy() {
        #expect(check(MTFix.feedback()).isEmpty)
        #expect(check(MTFix.feedback(MTFix.mentorID, role: .mentor, date: MTFix.start)).isEmpty)
        #expect(FeedbackRules.windowDays == 30)
    }

    @Test("Satisfaction is from 1 to 10", arguments: [(1, true), (10, true), (0, false), (11, false)])
    func satisfaction(_ c: (Int, Bool)) {
        #expect(check(MTFix.feedback(satisfaction: c.0)) == (c.1 ? [] : [FieldIssue("satisfaction", "Оценка удовлетворённости — от 1 до 10.")]))
    }

    @Test("Progress must be described")
    func progress() {
        #expect(check(MTFix.feedback(progress: "\n ")) == [FieldIssue("progress", "Опишите продвижение за период.")])
    }

    @Test("The date is not in the future and not before the start")
    func date() {
        #expect(check(MTFix.feedback(date: MTFix.day("2026-11-26"))) == [FieldIssue("date", "Дата 26.11.2026 ещё не наступила.")])
        #expect(check(MTFix.feedback(date: MTFix.day("2026-08-31"))) == [FieldIssue("date", "Дата раньше начала наставничества (01.09.2026).")])
    }

    @Test("The author is a current participant answering in their own role")
    func author() {
        let issue = [FieldIssue("authorPersonID", "Анкету заполняет участник пары (группы) в своей роли.")]
        #expect(check(MTFix.feedback(MTFix.strangerID)) == issue)
        #expect(check(MTFix.feedback(MTFix.mentorID, role: .mentee)) == issue)
        #expect(check(MTFix.feedback(MTFix.menteeID, role: .mentor)) == issue)
        var left = MTFix.mentee
        left.leftOn = MTFix.day("2026-11-01")
        #expect(check(MTFix.feedback(), participants: [MTFix.mentor, left]) == issue)
    }

    @Test("A closed pair takes no more questionnaires; a forming one does", arguments: [
        (MentorshipStatus.completed, "завершена"), (.terminated, "прекращена"),
    ])
    func closedPair(_ c: (MentorshipStatus, String)) {
        #expect(check(MTFix.feedback(), in: MTFix.pair(status: c.0)) == [FieldIssue("status", "Пара (группа) \(c.1): анкеты больше не принимаются.")])
        #expect(check(MTFix.feedback(), in: MTFix.pair(status: .forming)).isEmpty)
    }

    @Test("One final questionnaire per participant; regular ones repeat; editing the same one is fine")
    func oneFinal() {
        let first = MTFix.feedback(kind: .final)
        #expect(check(MTFix.feedback(kind: .final), existing: [first]) == [FieldIssue("kind", "Итоговая анкета от этого участника уже есть.")])
        #expect(check(first, existing: [first]).isEmpty)
        #expect(check(MTFix.feedback(kind: .regular), existing: [first, MTFix.feedback()]).isEmpty)
        #expect(check(MTFix.feedback(MTFix.mentorID, role: .mentor, kind: .final), existing: [first]).isEmpty)
    }
}

@Suite("AssessmentRules and CompetencyGrowth: self-assessment at start and end")
struct AssessmentRulesTests {
    func check(_ a: Assessment, existing: [Assessment] = []) -> [FieldIssue] {
        AssessmentRules.validate(a, participants: MTFix.participants, existing: existing, today: MTFix.today)
    }

    @Test("A mentee's start assessment, then an end assessment dated today, are accepted")
    func happy() {
        let start = MTFix.assessment()
        #expect(check(start).isEmpty)
        #expect(check(MTFix.assessment(.end, date: MTFix.today), existing: [start]).isEmpty)
    }

    @Test("At least one competency is scored, each from 1 to 5")
    func scores() {
        #expect(check(MTFix.assessment(scores: [:])) == [FieldIssue("scores", "Оцените хотя бы одну компетенцию.")])
        #expect(check(MTFix.assessment(scores: [.subject: 1, .research: 5])).isEmpty)
        #expect(check(MTFix.assessment(scores: [.subject: 0])) == [FieldIssue("scores", "Оценка компетенции — от 1 до 5.")])
        #expect(check(MTFix.assessment(scores: [.subject: 6, .research: 3])) == [FieldIssue("scores", "Оценка компетенции — от 1 до 5.")])
    }

    @Test("The date is not in the future")
    func date() {
        #expect(check(MTFix.assessment(date: MTFix.day("2026-11-26"))) == [FieldIssue("date", "Дата 26.11.2026 ещё не наступила.")])
    }

    @Test("Only a mentee of the pair assesses themselves")
    func onlyMentee() {
        let issue = [FieldIssue("personID", "Самооценку заполняет наставляемый этой пары (группы).")]
        #expect(check(MTFix.assessment(person: MTFix.mentorID)) == issue)
        #expect(check(MTFix.assessment(person: MTFix.strangerID)) == issue)
    }

    @Test("One assessment per phase; editing the same one is fine")
    func onePerPhase() {
        let start = MTFix.assessment()
        #expect(check(MTFix.assessment(), existing: [start]) == [FieldIssue("phase", "Входная самооценка уже заполнена.")])
        #expect(check(start, existing: [start]).isEmpty)
        let end = MTFix.assessment(.end, date: MTFix.today)
        #expect(check(MTFix.assessment(.end, date: MTFix.today), existing: [start, end]) == [FieldIssue("phase", "Итоговая самооценка уже заполнена.")])
    }

    @Test("The end assessment needs the start one of the same person")
    func endNeedsStart() {
        let issue = [FieldIssue("phase", "Сначала нужна входная самооценка: без неё прирост не посчитать.")]
        #expect(check(MTFix.assessment(.end, date: MTFix.today)) == issue)
        let someoneElse = MTFix.assessment(person: MTFix.strangerID)
        #expect(check(MTFix.assessment(.end, date: MTFix.today), existing: [someoneElse]) == issue)
    }

    @Test("Average, stored form in the order of competencies, and tolerant decoding")
    func encoding() {
        let a = MTFix.assessment(scores: [.diagnostic: 3, .subject: 4])
        #expect(a.average == 3.5)
        #expect(MTFix.assessment(scores: [:]).average == 0)
        #expect(a.encodedScores == "subject=4,diagnostic=3")
        #expect(Assessment.decodeScores(a.encodedScores) == a.scores)
        #expect(Assessment.decodeScores("subject=4,unknown=5,bad,research=x,diagnostic=2") == [.subject: 4, .diagnostic: 2])
    }

    @Test("Scores encode as a JSON object keyed by competency")
    func json() throws {
        let data = try JSONEncoder().encode([Competency.subject: 4])
        #expect(String(decoding: data, as: UTF8.self) == #"{"subject":4}"#)
    }

    @Test("Growth is end minus start over the competencies assessed both times; people without both are left out")
    func growth() throws {
        let a = UUID(), b = UUID(), c = UUID(), d = UUID()
        let list = [
            MTFix.assessment(person: a, scores: [.subject: 2, .diagnostic: 3, .research: 1]),
            MTFix.assessment(.end, person: a, scores: [.subject: 4, .diagnostic: 4, .analytic: 5]),
            MTFix.assessment(person: b, scores: [.subject: 3]),
            MTFix.assessment(person: c, scores: [.subject: 3]),
            MTFix.assessment(.end, person: c, scores: [.research: 4]),
            MTFix.assessment(person: d, scores: [.subject: 3]),
            MTFix.assessment(.end, person: d, scores: [.subject: 2]),
        ]
        let growth = CompetencyGrowth.compute(list)
        #expect(growth.map(\.personID) == [a, d].sorted { $0.uuidString < $1.uuidString })
        let ga = try #require(growth.first { $0.personID == a })
        #expect(ga.start == 2.5 && ga.end == 4 && ga.delta == 1.5)
        let gd = try #require(growth.first { $0.personID == d })
        #expect(gd.delta == -1)
        #expect(CompetencyGrowth.mean(growth) == 0.25)
        #expect(CompetencyGrowth.mean([]) == nil)
    }
}
