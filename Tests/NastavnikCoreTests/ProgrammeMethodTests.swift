import Foundation
import NastavnikOffice
import Testing

@testable import NastavnikCore

/// Issue 23, defect 10: programmes and orders as a methodist reads them.
private enum PMFix {
    static func day(_ text: String) -> Day { Day(text)! }
    static let today = day("2026-11-25")
    static let mentee = MenteeProfile(
        personID: UUID(), organisationID: UUID(), categories: [.newcomer], mainRequest: .discipline,
        requestDetails: "шумный 7 «Б», уроки срываются", deficits: ["Удержание внимания класса", "Оценивание устных ответов"],
        enteredOn: day("2026-09-01"))
}

@Suite("ProgrammeTemplate.personalised: the mentee's request and deficits; no deadline in July or August")
struct ProgrammePersonalisedTests {
    @Test("The main request, its details, the category and each deficit are in the goals; a task per deficit and one for the request")
    func requestAndDeficits() {
        let (p, tasks) = ProgrammeTemplates.template(for: .teacherTeacher).personalised(for: [PMFix.mentee])
            .instantiate(mentorshipID: UUID(), start: PMFix.day("2026-09-01"))
        #expect(p.goals.contains("Запрос наставляемого: «дисциплина на уроке»: шумный 7 «Б», уроки срываются."), "\(p.goals)")
        #expect(p.goals.contains("Категория наставляемого: \(MenteeCategory.newcomer.label)."), "\(p.goals)")
        #expect(p.goals.contains("Преодоление дефицитов: Удержание внимания класса; Оценивание устных ответов."))
        #expect(p.expectedResults.contains("Удержание внимания класса; Оценивание устных ответов"))
        for d in PMFix.mentee.deficits {
            let t = tasks.filter { $0.title.hasPrefix("Дефицит «\(d)»: ") }
            #expect(t.count == 1, "\(d)")
            #expect(t.first?.stage == .main)
            #expect(t.first?.title.contains("провести свой урок") == true, "a concrete action")
        }
        let request = tasks.filter { $0.title.hasPrefix("По запросу «дисциплина на уроке»: ") }
        #expect(request.count == 1 && request.first?.title.contains("правила работы класса") == true)
        #expect(ProgrammeRules.validateSubmission(p, tasks: tasks).isEmpty)
        for t in tasks { #expect(ProgrammeRules.validateTask(t, in: p).isEmpty, "\(t.title)") }
        // The template alone (no mentee) stays as it was.
        let plain = ProgrammeTemplates.template(for: .teacherTeacher)
        #expect(plain.personalised(for: []).items.count == plain.items.count)
        #expect(!tasks.contains { $0.title.hasPrefix("Дефицит") && $0.deadline < p.start.adding(months: 2) })
    }

    @Test("A programme spanning the summer has no deadline in July or August, and all deadlines are within its period")
    func summer() {
        for start in ["2027-01-15", "2026-11-01", "2027-03-01", "2026-07-10", "2026-08-20"].map(PMFix.day) {
            for form in [MentorshipForm.teacherTeacher, .teacherStudent, .teamTeam] {
                let (p, tasks) = ProgrammeTemplates.template(for: form).personalised(for: [PMFix.mentee]).instantiate(mentorshipID: UUID(), start: start)
                for t in tasks {
                    #expect(t.deadline.month != 7 && t.deadline.month != 8, "\(start.russian) \(form): \(t.title) \(t.deadline.russian)")
                    #expect(t.deadline >= p.start && t.deadline <= p.end, "\(start.russian): \(t.deadline.russian)")
                }
            }
        }
        // From 15.01.2027 the staff template's months 6 and 7 fall on 15.07 and 15.08: they move to 30.06 and 01.09.
        let (_, tasks) = ProgrammeTemplates.template(for: .teacherTeacher).instantiate(mentorshipID: UUID(), start: PMFix.day("2027-01-15"))
        #expect(tasks.first { $0.title.hasPrefix("Участие в работе методического") }?.deadline == PMFix.day("2027-06-30"))
        #expect(tasks.first { $0.title.hasPrefix("Освоение цифровых") }?.deadline == PMFix.day("2027-09-01"))
    }

    @Test("A holiday deadline goes to the nearest school month inside the programme", arguments: [
        ("2027-07-15", "2027-01-15", "2027-10-14", "2027-06-30"),
        ("2027-08-15", "2027-01-15", "2027-10-14", "2027-09-01"),
        ("2027-08-15", "2027-01-15", "2027-08-31", "2027-06-30"),
        ("2026-07-10", "2026-07-10", "2027-04-09", "2026-09-01"),
        ("2027-05-20", "2027-01-15", "2027-10-14", "2027-05-20"),
    ])
    func schoolDeadline(_ c: (String, String, String, String)) {
        #expect(ProgrammeTemplates.schoolDeadline(PMFix.day(c.0), start: PMFix.day(c.1), end: PMFix.day(c.2)) == PMFix.day(c.3))
    }
}

@Suite("ProgrammeRules.validateApproval: the director approves, never the one who submitted")
struct ProgrammeApproverTests {
    static func onApproval(submittedBy: UUID?) -> Programme {
        Programme(mentorshipID: UUID(), goals: "Цели", expectedResults: "Результаты", start: PMFix.day("2026-09-01"),
            end: PMFix.day("2027-05-31"), status: .onApproval, submittedBy: submittedBy)
    }

    @Test("By default only the director approves; a curator is told who does", arguments: Role.allCases)
    func roles(_ role: Role) {
        let issues = ProgrammeRules.validateApproval(Self.onApproval(submittedBy: UUID()), by: role, account: UUID(), on: PMFix.today, today: PMFix.today)
        #expect(issues == (role == .director ? [] : [FieldIssue("status",
            "Программу утверждает руководитель организации — так установлено положением о наставничестве организации.")]))
    }

    @Test("The account that submitted may not approve, even in an approving role; a rule may name other roles")
    func submitter() {
        let me = UUID()
        let p = Self.onApproval(submittedBy: me)
        #expect(ProgrammeRules.validateApproval(p, by: .director, account: me, on: PMFix.today, today: PMFix.today)
            == [FieldIssue("status", "Вы сами отправили программу на согласование: утверждает её другой человек (руководитель организации).")])
        #expect(!ProgrammeRules.mayApprove(p, role: .director, account: me))
        #expect(ProgrammeRules.mayApprove(p, role: .director, account: UUID()))
        #expect(!ProgrammeRules.mayApprove(p, role: .curator, account: UUID()))
        let both = ProgrammeApprovalRule(roles: [.curator, .director])
        #expect(both.label == "куратор или руководитель организации")
        #expect(ProgrammeRules.validateApproval(p, by: .curator, account: UUID(), rule: both, on: PMFix.today, today: PMFix.today).isEmpty)
        #expect(ProgrammeRules.validateApproval(p, by: .curator, account: me, rule: both, on: PMFix.today, today: PMFix.today).map(\.field) == ["status"])
    }

    @Test("The record names the approver and the role; the programme's DOCX says so")
    func recorded() throws {
        var p = Self.onApproval(submittedBy: UUID())
        #expect(p.approvalLine == nil)
        p.status = .approved
        p.approvedOn = PMFix.day("2026-11-10")
        p.approvedBy = "Директорова Анна Ивановна"
        p.approverRole = .director
        #expect(p.approvalLine == "10.11.2026, Директорова Анна Ивановна (руководитель организации)")
        var data = DocumentData.example(today: PMFix.today)
        data.programme = p
        let text = try DocumentSamples.text(DocumentBuilder.build(.personalProgramme, data).data)
        #expect(text.contains("Утверждена10.11.2026, Директорова Анна Ивановна (руководитель организации)"), "\(text)")
    }
}

@Suite("The pairs order: appendix 2 holds the pairs' approved programmes")
struct PairsOrderAppendixTests {
    @Test("Appendix 2 follows appendix 1: each pair's approved programme (goals, period, tasks) or a note that it is not approved")
    func appendix() throws {
        var data = DocumentData.example(today: PMFix.today)
        #expect(data.pairs.count >= 2)
        let (p0, tasks0) = ProgrammeTemplates.template(for: .teacherTeacher).personalised(for: [PMFix.mentee])
            .instantiate(mentorshipID: UUID(), start: data.pairs[0].start)
        var approved = p0
        approved.status = .approved
        approved.approvedOn = PMFix.day("2026-09-10")
        approved.approvedBy = "Директорова Анна Ивановна"
        approved.approverRole = .director
        data.pairs[0].programme = approved
        data.pairs[0].tasks = tasks0
        var draft = p0
        draft.status = .onApproval
        data.pairs[1].programme = draft
        let text = try DocumentSamples.text(DocumentBuilder.build(.pairsOrder, data).data)
        let order = try #require(text.range(of: "(приложение 2)"))
        let first = try #require(text.range(of: "Приложение 1"))
        let second = try #require(text.range(of: "Приложение 2"))
        #expect(order.lowerBound < first.lowerBound && first.lowerBound < second.lowerBound)
        let appendix = String(text[second.lowerBound...])
        #expect(appendix.contains("Персонализированные программы наставничества наставнических пар (групп), указанных в приложении 1"))
        #expect(appendix.contains("\(data.pairs[0].mentors[0]) — \(data.pairs[0].mentees[0])"))
        #expect(appendix.contains("Преодоление дефицитов: Удержание внимания класса; Оценивание устных ответов."))
        #expect(appendix.contains(Period(start: p0.start, end: p0.end).russian))
        for t in tasks0 { #expect(appendix.contains("\(t.title) — до \(t.deadline.russian)"), "\(t.title)") }
        #expect(appendix.contains("10.09.2026, Директорова Анна Ивановна (руководитель организации)"))
        #expect(appendix.contains("Персонализированная программа не утверждена (программа «на согласовании»)"))
        #expect(!appendix.contains("{{"))
    }
}
