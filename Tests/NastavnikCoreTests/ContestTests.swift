import Foundation
import Testing

@testable import NastavnikCore

@Suite("Contests: «Лучший наставник» — dates, applications, jury scores and the ranking of each nomination")
struct ContestTests {
    static func day(_ s: String) -> Day { Day(s)! }

    static let orgA = UUID()
    static let orgB = UUID()
    static let j1 = Juror(accountID: UUID(), personID: UUID(), organisationID: UUID(), name: "Иванова А. П.")
    static let j2 = Juror(accountID: UUID(), personID: UUID(), organisationID: UUID(), name: "Петров С. В.")
    static let j3 = Juror(accountID: UUID(), personID: UUID(), organisationID: UUID(), name: "Сидорова Е. Н.")
    /// Works in organisation A: may not judge its applications.
    static let j4 = Juror(accountID: UUID(), personID: UUID(), organisationID: orgA, name: "Кузнецов И. И.")
    static let nomination = ContestNomination(title: "Лучший наставник молодого педагога", form: .teacherTeacher)
    static let c1 = ContestCriterion(title: "Результативность", maxScore: 10)
    static let c2 = ContestCriterion(title: "Тиражируемость практики", maxScore: 10)

    static func contest(jurors: [Juror] = [j1, j2, j3, j4], winners: Int = 3, published: Bool = false) -> Contest {
        Contest(
            title: "Лучший наставник — 2026", level: .region, regionID: UUID(), description: "Региональный этап",
            applicationsFrom: day("2026-10-01"), applicationsTo: day("2026-10-31"), judgingTo: day("2026-11-15"),
            resultsOn: day("2026-11-25"), nominations: [nomination], criteria: [c1, c2], jurors: jurors,
            winnersPerNomination: winners, resultsPublished: published)
    }

    static func application(_ contest: Contest, org: UUID = UUID(), title: String = "Наставник года", withdrawn: Bool = false)
        -> ContestApplication
    {
        ContestApplication(
            contestID: contest.id, nominationID: nomination.id, organisationID: org, title: title,
            applicantPersonIDs: [UUID()], submittedOn: day("2026-10-10"), submittedBy: UUID(), withdrawn: withdrawn)
    }

    /// The juror's points on c1, c2, … in order.
    static func sheet(_ app: ContestApplication, _ juror: Juror, _ points: [Int]) -> [JuryScore] {
        zip([c1, c2], points).map { JuryScore(applicationID: app.id, jurorAccountID: juror.accountID, criterionID: $0.id, score: $1) }
    }

    /// The same points from j1, j2 and j3.
    static func same(_ app: ContestApplication, _ points: [Int]) -> [JuryScore] {
        [j1, j2, j3].flatMap { sheet(app, $0, points) }
    }

    static func rows(_ contest: Contest, _ apps: [ContestApplication], _ scores: [JuryScore]) -> [RankedApplication] {
        ContestRules.ranking(contest, applications: apps, scores: scores).first?.rows ?? []
    }

    @Test("The stage follows the dates: подготовка, приём заявок, экспертиза, подведение итогов; опубликованы once published")
    func stages() {
        let c = Self.contest()
        #expect(c.stage(on: Self.day("2026-09-30")) == .draft)
        #expect(c.stage(on: Self.day("2026-10-01")) == .applications)
        #expect(c.stage(on: Self.day("2026-10-31")) == .applications)
        #expect(c.stage(on: Self.day("2026-11-01")) == .judging)
        #expect(c.stage(on: Self.day("2026-11-15")) == .judging)
        #expect(c.stage(on: Self.day("2026-11-16")) == .results)
        #expect(Self.contest(published: true).stage(on: Self.day("2026-11-20")) == .published)
        #expect(ContestStage.judging.label == "экспертиза")
        #expect(ContestLevel.parse("муниципалитет") == .municipality)
    }

    @Test("A contest needs a title, ordered dates, nominations, criteria of 1–100 points with distinct titles, a jury and winners")
    func contestValidation() {
        #expect(ContestRules.validate(Self.contest()).isEmpty)
        #expect(ContestRules.recommendations(Self.contest()).isEmpty)

        var c = Self.contest()
        c.title = "  "
        c.applicationsTo = Self.day("2026-09-30")
        c.judgingTo = Self.day("2026-09-29")
        c.resultsOn = Self.day("2026-09-28")
        c.winnersPerNomination = 0
        #expect(ContestRules.validate(c).map(\.field) == ["title", "applicationsTo", "judgingTo", "resultsOn", "winnersPerNomination"])

        var d = Self.contest(jurors: [])
        d.nominations = []
        d.criteria = [
            ContestCriterion(title: "Результативность", maxScore: 0),
            ContestCriterion(title: " результативность ", maxScore: 101),
            ContestCriterion(title: "", maxScore: 5),
        ]
        let issues = ContestRules.validate(d)
        #expect(issues.map(\.field) == ["nominations", "criteria", "criteria", "criteria", "criteria", "jurors"])
        #expect(issues.contains { $0.message == "Максимальный балл по критерию «Результативность» — от 1 до 100, указано 0." })
        #expect(issues.contains { $0.message == "Критерий «результативность» указан дважды." })

        // Two jurors are allowed, but advised against.
        let small = Self.contest(jurors: [Self.j1, Self.j2])
        #expect(ContestRules.validate(small).isEmpty)
        #expect(ContestRules.recommendations(small).map(\.field) == ["jurors"])
    }

    @Test("Applications are taken only while «приём заявок» lasts, in a nomination of the contest, with a title and participants")
    func applicationValidation() {
        let c = Self.contest()
        let app = Self.application(c)
        #expect(ContestRules.validateApplication(app, contest: c, on: Self.day("2026-10-15")).isEmpty)

        let late = ContestRules.validateApplication(app, contest: c, on: Self.day("2026-11-01"))
        #expect(
            late == [
                FieldIssue("stage", "Приём заявок на конкурс «Лучший наставник — 2026» закрыт: заявки принимались с 01.10.2026 по 31.10.2026.")
            ])
        #expect(ContestRules.validateApplication(app, contest: c, on: Self.day("2026-09-30")).map(\.field) == ["stage"])

        var bad = app
        bad.nominationID = UUID()
        bad.title = " "
        bad.applicantPersonIDs = []
        #expect(
            ContestRules.validateApplication(bad, contest: c, on: Self.day("2026-10-15")).map(\.field) == [
                "nominationID", "title", "applicantPersonIDs",
            ])
        bad.mentorshipIDs = [UUID()]
        #expect(!ContestRules.validateApplication(bad, contest: c, on: Self.day("2026-10-15")).map(\.field).contains("applicantPersonIDs"))
    }

    @Test("A juror from the applicant's organisation or among its applicants may not score it, and his scores are ignored")
    func conflicts() {
        let c = Self.contest()
        let app = Self.application(c, org: Self.orgA)
        let judging = Self.day("2026-11-05")
        #expect(ContestRules.conflict(Self.j4, app))
        #expect(!ContestRules.conflict(Self.j1, app))

        let own = JuryScore(applicationID: app.id, jurorAccountID: Self.j4.accountID, criterionID: Self.c1.id, score: 10)
        #expect(
            ContestRules.validateScore(own, contest: c, application: app, on: judging) == [
                FieldIssue("jurorAccountID", "Член жюри не оценивает заявку своей организации.")
            ])

        var mine = app
        mine.organisationID = Self.orgB
        mine.applicantPersonIDs.append(Self.j1.personID!)
        #expect(ContestRules.conflict(Self.j1, mine))
        let selfScore = JuryScore(applicationID: mine.id, jurorAccountID: Self.j1.accountID, criterionID: Self.c1.id, score: 10)
        #expect(
            ContestRules.validateScore(selfScore, contest: c, application: mine, on: judging).map(\.message) == [
                "Член жюри не оценивает заявку, в которой участвует сам."
            ])

        // j4's full marks are in the data anyway: the ranking leaves them out and does not wait for him.
        let scores = Self.sheet(app, Self.j1, [8, 7]) + Self.sheet(app, Self.j2, [9, 8]) + Self.sheet(app, Self.j3, [7, 8])
            + Self.sheet(app, Self.j4, [10, 10])
        let row = Self.rows(c, [app], scores)[0]
        #expect(row.total == 15.67)
        #expect(row.jurorsCounted == 3)
        #expect(row.complete)

        let progress = ContestRules.jurorProgress(c, applications: [app], scores: scores)
        #expect(progress.map(\.juror) == [Self.j1, Self.j2, Self.j3, Self.j4])
        #expect(progress.map(\.due) == [1, 1, 1, 0])
        #expect(progress.map(\.done) == [1, 1, 1, 0])
    }

    @Test("A score above the criterion's maximum, outside экспертиза, from outside the jury or for a withdrawn application is rejected")
    func scoreValidation() {
        let c = Self.contest()
        let app = Self.application(c)
        let judging = Self.day("2026-11-05")
        let ok = JuryScore(applicationID: app.id, jurorAccountID: Self.j1.accountID, criterionID: Self.c1.id, score: 10)
        #expect(ContestRules.validateScore(ok, contest: c, application: app, on: judging).isEmpty)

        var high = ok
        high.score = 11
        #expect(
            ContestRules.validateScore(high, contest: c, application: app, on: judging) == [
                FieldIssue("score", "Оценка по критерию «Результативность» — от 0 до 10 баллов.")
            ])
        high.score = -1
        #expect(ContestRules.validateScore(high, contest: c, application: app, on: judging).map(\.field) == ["score"])

        #expect(ContestRules.validateScore(ok, contest: c, application: app, on: Self.day("2026-10-20")).map(\.field) == ["stage"])
        #expect(ContestRules.validateScore(ok, contest: c, application: app, on: Self.day("2026-11-16")).map(\.field) == ["stage"])

        var stranger = ok
        stranger.jurorAccountID = UUID()
        #expect(
            ContestRules.validateScore(stranger, contest: c, application: app, on: judging).map(\.message) == [
                "Вы не входите в жюри этого конкурса."
            ])

        var foreign = ok
        foreign.criterionID = UUID()
        #expect(ContestRules.validateScore(foreign, contest: c, application: app, on: judging).map(\.field) == ["criterionID"])

        var withdrawn = app
        withdrawn.withdrawn = true
        #expect(ContestRules.validateScore(ok, contest: c, application: withdrawn, on: judging).map(\.field) == ["applicationID"])

        // An out-of-range score stored anyway does not make the juror's sheet complete.
        let scores = Self.sheet(app, Self.j1, [11, 7]) + Self.sheet(app, Self.j2, [9, 8]) + Self.sheet(app, Self.j3, [7, 8])
        var three = c
        three.jurors = [Self.j1, Self.j2, Self.j3]
        let row = Self.rows(three, [app], scores)[0]
        #expect(row.jurorsCounted == 2)
        #expect(row.total == 16)
        #expect(!row.complete)
    }

    @Test("The total is the mean of the jurors' sums: (15 + 17 + 15) / 3 = 15.67 and (10 + 11 + 9 + 6) / 4 = 9")
    func averages() {
        let c = Self.contest()
        let a = Self.application(c, org: Self.orgA, title: "А")
        let b = Self.application(c, org: Self.orgB, title: "Б")
        let scores = Self.sheet(a, Self.j1, [8, 7]) + Self.sheet(a, Self.j2, [9, 8]) + Self.sheet(a, Self.j3, [7, 8])
            + Self.sheet(b, Self.j1, [5, 5]) + Self.sheet(b, Self.j2, [6, 5]) + Self.sheet(b, Self.j3, [4, 5])
            + Self.sheet(b, Self.j4, [3, 3])
        let rows = Self.rows(c, [b, a], scores)
        #expect(rows.map(\.application.title) == ["А", "Б"])
        #expect(rows.map(\.total) == [15.67, 9])
        #expect(rows.map(\.jurorsCounted) == [3, 4])
        #expect(rows.map(\.place) == [1, 2])
        #expect(rows[0].criterionMeans == [8, 7.67])
        #expect(rows.map(\.complete) == [true, true])
    }

    @Test("Equal totals are told apart by the mean on the first criterion")
    func tieBrokenByFirstCriterion() {
        let c = Self.contest(jurors: [Self.j1, Self.j2, Self.j3])
        let a = Self.application(c, title: "А")
        let b = Self.application(c, title: "Б")
        // А: 15 + 17 + 15 = 47, first criterion 8 on average; Б: 16 + 16 + 15 = 47, first criterion 9.
        let scores = Self.sheet(a, Self.j1, [8, 7]) + Self.sheet(a, Self.j2, [9, 8]) + Self.sheet(a, Self.j3, [7, 8])
            + Self.sheet(b, Self.j1, [10, 6]) + Self.sheet(b, Self.j2, [8, 8]) + Self.sheet(b, Self.j3, [9, 6])
        let rows = Self.rows(c, [a, b], scores)
        #expect(rows.map(\.total) == [15.67, 15.67])
        #expect(rows.map(\.application.title) == ["Б", "А"])
        #expect(rows.map(\.place) == [1, 2])
        #expect(rows.map(\.tiedWith) == [0, 0])
    }

    @Test("Applications equal on the total and every criterion share place 2, and the next one is 4th")
    func exactTie() {
        let c = Self.contest(jurors: [Self.j1, Self.j2, Self.j3])
        let apps = ["А", "Б", "В", "Г"].map { Self.application(c, title: $0) }
        let scores = Self.same(apps[0], [9, 9]) + Self.same(apps[1], [8, 7]) + Self.same(apps[2], [8, 7]) + Self.same(apps[3], [6, 6])
        let rows = Self.rows(c, apps.reversed(), scores)
        #expect(rows.map(\.total) == [18, 15, 15, 12])
        #expect(rows.map(\.place) == [1, 2, 2, 4])
        #expect(rows.map(\.tiedWith) == [0, 1, 1, 0])
        #expect(rows.map(\.application.title) == ["А", "Б", "В", "Г"])
    }

    @Test("With 3 winners and two applications sharing 3rd place there are 4 winners; a total of 0 never wins")
    func winnersWithTies() {
        let c = Self.contest(jurors: [Self.j1, Self.j2, Self.j3], winners: 3)
        let apps = ["А", "Б", "В", "Г", "Д"].map { Self.application(c, title: $0) }
        let scores = Self.same(apps[0], [9, 9]) + Self.same(apps[1], [8, 8]) + Self.same(apps[2], [7, 7]) + Self.same(apps[3], [7, 7])
            + Self.same(apps[4], [6, 6])
        let result = ContestRules.ranking(c, applications: apps, scores: scores)[0]
        #expect(result.rows.map(\.place) == [1, 2, 3, 3, 5])
        #expect(result.winners.count == 4)
        #expect(result.winners.map(\.application.title) == ["А", "Б", "В", "Г"])

        let zero = Self.application(c, title: "Без оценок")
        let few = Self.rows(c, [apps[0], zero], Self.same(apps[0], [9, 9]) + Self.same(zero, [0, 0]))
        #expect(few.map(\.place) == [1, 2])
        #expect(few.map(\.isWinner) == [true, false])
    }

    @Test("A juror who scored only some criteria is not counted, and the application is not complete")
    func incomplete() {
        let c = Self.contest(jurors: [Self.j1, Self.j2, Self.j3])
        let app = Self.application(c)
        let scores = Self.sheet(app, Self.j1, [8, 7]) + Self.sheet(app, Self.j2, [9, 8]) + Self.sheet(app, Self.j3, [2])
        let row = Self.rows(c, [app], scores)[0]
        #expect(row.total == 16)
        #expect(row.jurorsCounted == 2)
        #expect(!row.complete)
        let progress = ContestRules.jurorProgress(c, applications: [app], scores: scores)
        #expect(progress.map(\.due) == [1, 1, 1])
        #expect(progress.map(\.done) == [1, 1, 0])
    }

    @Test("A withdrawn application is left out of the ranking and of the jurors' work")
    func withdrawn() {
        let c = Self.contest(jurors: [Self.j1, Self.j2, Self.j3], winners: 1)
        let kept = Self.application(c, title: "Осталась")
        let gone = Self.application(c, title: "Отозвана", withdrawn: true)
        let rows = Self.rows(c, [kept, gone], Self.same(kept, [5, 5]) + Self.same(gone, [10, 10]))
        #expect(rows.map(\.application.title) == ["Осталась"])
        #expect(rows[0].place == 1)
        #expect(rows[0].isWinner)
        #expect(ContestRules.jurorProgress(c, applications: [kept, gone], scores: []).map(\.due) == [1, 1, 1])
    }
}
