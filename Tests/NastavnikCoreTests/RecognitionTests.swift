import Foundation
import Testing

@testable import NastavnikCore

@Suite("Recognition: a municipality's criteria for incentives against a mentor's record")
struct RecognitionTests {
    static let mentor = UUID(), mentee = UUID()

    static func file(_ status: MentorshipStatus, satisfaction: [Int], mentorRole: ParticipantRole = .mentor) -> MentorshipFile {
        let m = Mentorship(organisationID: UUID(), form: .teacherTeacher, start: Day("2025-09-01")!, plannedEnd: Day("2026-05-31")!, status: status)
        let people = [Participant(mentorshipID: m.id, personID: mentor, role: mentorRole, joinedOn: m.start), Participant(mentorshipID: m.id, personID: mentee, role: .mentee, joinedOn: m.start)]
        let fb = satisfaction.map { Feedback(mentorshipID: m.id, authorPersonID: mentee, role: .mentee, date: Day("2026-05-20")!, kind: .final, satisfaction: $0, progress: "итог") }
            + [Feedback(mentorshipID: m.id, authorPersonID: mentee, role: .mentee, date: Day("2026-01-20")!, satisfaction: 1, progress: "ежемесячная")]
        return MentorshipFile(mentorship: m, participants: people, feedback: fb)
    }

    @Test("The record counts completed pairs as a mentor and the mean of the mentees' final satisfaction only: (9 + 8 + 10) / 3 = 9")
    func merit() {
        let files = [Self.file(.completed, satisfaction: [9, 8]), Self.file(.completed, satisfaction: [10]), Self.file(.active, satisfaction: []),
                     Self.file(.completed, satisfaction: [2], mentorRole: .mentee)]
        let m = RecognitionRules.merit(personID: Self.mentor, files: files, trainingHours: 24, contestWins: 1)
        #expect(m.completedMentorships == 2)
        #expect(m.satisfaction == 9)
        #expect(m.trainingHours == 24)
    }

    @Test("A mentor is put forward only when every condition holds; what is missing is said in words")
    func eligibility() {
        let badge = RecognitionCriteria(incentive: "Нагрудный знак «За наставничество»", kind: .nonMaterial, minCompletedMentorships: 3, minTrainingHours: 16, minSatisfaction: 8.5, requiresContestWin: true)
        let m = MentorMerit(personID: Self.mentor, completedMentorships: 2, trainingHours: 16, satisfaction: 9, contestWins: 0)
        #expect(RecognitionRules.missing(m, for: badge) == ["завершённых пар 2 из 3", "нет побед в конкурсах"])
        var ok = m
        ok.completedMentorships = 3
        ok.contestWins = 1
        #expect(RecognitionRules.missing(ok, for: badge).isEmpty)
        ok.satisfaction = nil
        #expect(RecognitionRules.missing(ok, for: badge) == ["нет итоговых анкет наставляемых"])
        ok.satisfaction = 8.4
        #expect(RecognitionRules.missing(ok, for: badge) == ["удовлетворённость 8,4 при требуемой 8,5"])
        #expect(badge.conditions.count == 4)
    }

    @Test("Criteria need a name and at least one condition within bounds")
    func validation() {
        let none = RecognitionCriteria(incentive: "Знак", kind: .nonMaterial)
        #expect(Set(RecognitionRules.validate(none).map(\.field)) == ["incentive", "minCompletedMentorships"])
        let bad = RecognitionCriteria(incentive: "Стимулирующая выплата", kind: .material, minSatisfaction: 11)
        #expect(RecognitionRules.validate(bad).map(\.field) == ["minSatisfaction"])
    }
}
