import Foundation
import Testing

@testable import NastavnikCore

/// Issue 23, defect 9: the rules behind the small defects that are Core's.
@Suite("Issue 23, defect 9: small defects (Core)")
struct SmallDefectsCoreTests {
    @Test("c. СНИЛС reads «112-233-445 95»; anything else is shown as it is")
    func snils() {
        #expect(Snils.formatted("11223344595") == "112-233-445 95")
        #expect(Snils.formatted("112-233-445 95") == "112-233-445 95")
        #expect(Snils.formatted("123") == "123")
        #expect(Snils.formatted(nil) == nil)
    }

    @Test("b. A nomination has no ranking before the first complete score")
    func contestScores() {
        let nom = ContestNomination(title: "Педагог – педагог")
        let crit = ContestCriterion(title: "Результативность", maxScore: 10)
        let juror = Juror(accountID: UUID(), name: "Жюри")
        let c = Contest(title: "Конкурс", level: .municipality, applicationsFrom: Day("2026-11-01")!, applicationsTo: Day("2026-11-20")!,
                        judgingTo: Day("2026-11-30")!, resultsOn: Day("2026-12-15")!, nominations: [nom], criteria: [crit], jurors: [juror])
        let apps = (1...2).map { ContestApplication(contestID: c.id, nominationID: nom.id, organisationID: UUID(), title: "Заявка \($0)", submittedOn: Day("2026-11-10")!, submittedBy: UUID()) }
        let before = ContestRules.ranking(c, applications: apps, scores: [])
        #expect(before.first?.hasScores == false)
        let after = ContestRules.ranking(c, applications: apps, scores: [JuryScore(applicationID: apps[0].id, jurorAccountID: juror.accountID, criterionID: crit.id, score: 7)])
        #expect(after.first?.hasScores == true)
    }

    @Test("d. Audit labels are Russian")
    func auditLabels() {
        #expect(AuditLabels.entity("mentorship") == "пара (группа)")
        #expect(AuditLabels.entity("unknown") == "запись")
        #expect(AuditLabels.entities.values.allSatisfy { $0.range(of: "[a-z]", options: .regularExpression) == nil })
    }

    @Test("e. Only http and https sites become links; a public act is the organisation's own, public and in force")
    func publicLinks() {
        #expect(PublicationRules.siteURL("https://school.ru/") == "https://school.ru/")
        #expect(PublicationRules.siteURL(" http://school.ru ") == "http://school.ru")
        for bad in ["javascript:alert(1)", "school.ru", "data:text/html,x", "ftp://school.ru", "https://", "https://a.ru/\" onclick=\"x", nil] {
            #expect(PublicationRules.siteURL(bad) == nil, "\(bad ?? "nil")")
        }
        let org = UUID(), day = Day("2026-11-25")!
        let act = LocalAct(organisationID: org, kind: .regulation, title: "Положение", number: "1", date: Day("2026-09-01")!, status: .approved,
                           fileID: UUID(), isPublic: true, createdOn: Day("2026-09-01")!)
        #expect(PublicationRules.publicAct(act, of: org, on: day) != nil)
        #expect(PublicationRules.publicAct(act, of: UUID(), on: day) == nil)
        var hidden = act
        hidden.isPublic = false
        #expect(PublicationRules.publicAct(hidden, of: org, on: day) == nil)
        var consent = act
        consent.kind = .consent
        #expect(PublicationRules.publicAct(consent, of: org, on: day) == nil)
    }

    @Test("g. A mentor reads only their own answers; the curator and the psychologist read the mentee's")
    func confidentiality() {
        let m = UUID(), mentee = UUID(), mentor = UUID()
        let all = [Feedback(mentorshipID: m, authorPersonID: mentee, role: .mentee, date: Day("2026-10-01")!, satisfaction: 3, progress: "x"),
                   Feedback(mentorshipID: m, authorPersonID: mentor, role: .mentor, date: Day("2026-10-01")!, satisfaction: 8, progress: "y")]
        #expect(MenteeConfidentiality.feedback(all, for: .mentor, personID: mentor).map(\.authorPersonID) == [mentor])
        for role in [Role.curator, .psychologist, .mentee] { #expect(MenteeConfidentiality.feedback(all, for: role, personID: nil).count == 2) }
        let a = [Assessment(mentorshipID: m, personID: mentee, phase: .start, date: Day("2026-09-05")!, scores: [.subject: 2])]
        #expect(MenteeConfidentiality.assessments(a, for: .mentor, personID: mentor).isEmpty)
        #expect(MenteeConfidentiality.assessments(a, for: .psychologist, personID: nil).count == 1)
    }

    @Test("h. The demo's questionnaires agree with their author's sex: no «Освоила» from a man, no «Освоил» from a woman")
    func demoTextsAgree() {
        #expect(DemoStory.agree("Освоил{|а} новые приёмы; хочу сам{|а}", with: Person(lastName: "И", firstName: "И", birthDate: Day("2000-01-01")!, sex: .male)) == "Освоил новые приёмы; хочу сам")
        #expect(DemoStory.agree("Разобрал{ся|ась}", with: Person(lastName: "И", firstName: "И", birthDate: Day("2000-01-01")!, sex: .female)) == "Разобралась")
        for (seed, today) in [(UInt64(2022), Day("2026-11-25")!), (7, Day("2026-05-20")!)] {
            let data = DemoCache.make(seed: seed, today: today)
            let people = Dictionary(data.people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var checked = 0
            for f in data.feedback where f.role == .mentee {
                guard let sex = people[f.authorPersonID]?.sex else { continue }
                let words = f.progress.split { !$0.isLetter }.map { $0.lowercased() }
                let feminine = words.filter { $0.hasSuffix("ла") || $0.hasSuffix("лась") || $0 == "сама" || $0.hasSuffix("(а)") }
                let masculine = words.filter { ($0.hasSuffix("л") || $0.hasSuffix("лся") || $0 == "сам") && $0.count > 2 }
                #expect(!f.progress.contains("{") && !f.progress.contains("(а)"), "\(f.progress)")
                if sex == .male { #expect(feminine.isEmpty, "a man writes «\(f.progress)»") }
                if sex == .female { #expect(masculine.isEmpty, "a woman writes «\(f.progress)»") }
                checked += 1
            }
            #expect(checked > 100)
        }
    }
}
