import Foundation
import Testing

@testable import NastavnikCore

@Suite("Text that is only spaces or line breaks counts as empty")
struct BlankInputTests {
    @Test("An order number, a task, a route step made of line breaks are refused")
    func lineBreaksAreBlank() {
        let today = Day("2026-11-25")!
        let m = Mentorship(organisationID: UUID(), form: .teacherTeacher, start: Day("2026-09-01")!, plannedEnd: Day("2027-05-31")!)
        #expect(MentorshipRules.validateOrder(m, order: OrderReference(number: "\n \n", date: today), today: today).map(\.field) == ["orderNumber"])
        let p = Programme(mentorshipID: m.id, goals: "Цели", expectedResults: "Итоги", start: m.start, end: Day("2027-05-31")!)
        let t = ProgrammeTask(programmeID: p.id, stage: .main, title: "\n", deadline: Day("2026-10-01")!, responsible: "\r\n")
        #expect(ProgrammeRules.validateTask(t, in: p).map(\.field) == ["title", "responsible"])
        let s = RouteStep(personID: UUID(), organisationID: UUID(), deficit: "\n", action: "Курсы", level: .region, responsible: "Тьютор", deadline: today)
        #expect(RouteRules.validate(s).map(\.field) == ["deficit"])
    }
}
