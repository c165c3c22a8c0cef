import Foundation

/// The level of the node running a contest («уровень конкурса»).
public enum ContestLevel: String, Labelled {
    case organisation, municipality, region
    public var label: String {
        switch self {
        case .organisation: "организация"
        case .municipality: "муниципалитет"
        case .region: "регион"
        }
    }
}

/// Where a contest stands on a date; follows from its dates and whether the results are published.
public enum ContestStage: String, Labelled {
    case draft, applications, judging, results, published
    public var label: String {
        switch self {
        case .draft: "подготовка"
        case .applications: "приём заявок"
        case .judging: "экспертиза"
        case .results: "подведение итогов"
        case .published: "итоги опубликованы"
        }
    }
}

/// Номинация конкурса; `form` narrows it to one form of mentorship when set.
public struct ContestNomination: Sendable, Codable, Equatable {
    public var id: UUID
    public var title: String
    public var form: MentorshipForm?

    public init(id: UUID = .timeOrdered(), title: String, form: MentorshipForm? = nil) {
        self.id = id
        self.title = title
        self.form = form
    }
}

/// Критерий оценки заявок: each juror gives 0…`maxScore` points on it.
public struct ContestCriterion: Sendable, Codable, Equatable {
    public var id: UUID
    public var title: String
    public var maxScore: Int

    public init(id: UUID = .timeOrdered(), title: String, maxScore: Int) {
        self.id = id
        self.title = title
        self.maxScore = maxScore
    }
}

/// Член жюри: an account, and the person and organisation behind it that decide conflicts of interest.
public struct Juror: Sendable, Codable, Equatable {
    public var accountID: UUID
    public var personID: UUID?
    public var organisationID: UUID?
    public var name: String

    public init(accountID: UUID, personID: UUID? = nil, organisationID: UUID? = nil, name: String) {
        self.accountID = accountID
        self.personID = personID
        self.organisationID = organisationID
        self.name = name
    }
}

/// Конкурс «Лучший наставник», «Эффективные практики наставничества» and the like, run by one node of the hierarchy.
public struct Contest: Sendable, Codable, Equatable, Identifiable {
    public var id: UUID
    public var title: String
    public var level: ContestLevel
    public var regionID: UUID?
    public var municipalityID: UUID?
    public var organisationID: UUID?
    public var description: String
    public var applicationsFrom: Day
    public var applicationsTo: Day
    public var judgingTo: Day
    public var resultsOn: Day
    public var nominations: [ContestNomination]
    public var criteria: [ContestCriterion]
    public var jurors: [Juror]
    public var winnersPerNomination: Int
    public var resultsPublished: Bool

    public init(
        id: UUID = .timeOrdered(), title: String, level: ContestLevel, regionID: UUID? = nil, municipalityID: UUID? = nil,
        organisationID: UUID? = nil, description: String = "", applicationsFrom: Day, applicationsTo: Day, judgingTo: Day,
        resultsOn: Day, nominations: [ContestNomination] = [], criteria: [ContestCriterion] = [], jurors: [Juror] = [],
        winnersPerNomination: Int = 3, resultsPublished: Bool = false
    ) {
        self.id = id
        self.title = title
        self.level = level
        self.regionID = regionID
        self.municipalityID = municipalityID
        self.organisationID = organisationID
        self.description = description
        self.applicationsFrom = applicationsFrom
        self.applicationsTo = applicationsTo
        self.judgingTo = judgingTo
        self.resultsOn = resultsOn
        self.nominations = nominations
        self.criteria = criteria
        self.jurors = jurors
        self.winnersPerNomination = winnersPerNomination
        self.resultsPublished = resultsPublished
    }

    /// Draft before `applicationsFrom`; applications through `applicationsTo`; judging through `judgingTo`;
    /// results after that; published as soon as the results are published, whatever the date.
    public func stage(on day: Day) -> ContestStage {
        if resultsPublished { return .published }
        if day < applicationsFrom { return .draft }
        if day <= applicationsTo { return .applications }
        if day <= judgingTo { return .judging }
        return .results
    }

    public var applicationsPeriod: Period { Period(start: applicationsFrom, end: applicationsTo) }

    public func nomination(_ id: UUID) -> ContestNomination? { nominations.first { $0.id == id } }
    public func criterion(_ id: UUID) -> ContestCriterion? { criteria.first { $0.id == id } }
    public func juror(_ accountID: UUID) -> Juror? { jurors.first { $0.accountID == accountID } }
}

/// Заявка на конкурс from one organisation in one nomination.
public struct ContestApplication: Sendable, Codable, Equatable {
    public var id: UUID
    public var contestID: UUID
    public var nominationID: UUID
    public var organisationID: UUID
    public var title: String
    /// The mentors (participants) the application puts forward.
    public var applicantPersonIDs: [UUID]
    public var mentorshipIDs: [UUID]
    public var practiceItemIDs: [UUID]
    public var submittedOn: Day
    /// The account that submitted it.
    public var submittedBy: UUID
    public var withdrawn: Bool
    /// The award given to a winner after the results (e.g. «Диплом I степени», знак отличия).
    public var award: String?

    public init(
        id: UUID = .timeOrdered(), contestID: UUID, nominationID: UUID, organisationID: UUID, title: String,
        applicantPersonIDs: [UUID] = [], mentorshipIDs: [UUID] = [], practiceItemIDs: [UUID] = [], submittedOn: Day,
        submittedBy: UUID, withdrawn: Bool = false, award: String? = nil
    ) {
        self.award = award
        self.id = id
        self.contestID = contestID
        self.nominationID = nominationID
        self.organisationID = organisationID
        self.title = title
        self.applicantPersonIDs = applicantPersonIDs
        self.mentorshipIDs = mentorshipIDs
        self.practiceItemIDs = practiceItemIDs
        self.submittedOn = submittedOn
        self.submittedBy = submittedBy
        self.withdrawn = withdrawn
    }
}

/// One juror's points for one application on one criterion.
public struct JuryScore: Sendable, Codable, Equatable {
    public var applicationID: UUID
    public var jurorAccountID: UUID
    public var criterionID: UUID
    public var score: Int
    public var comment: String?

    public init(applicationID: UUID, jurorAccountID: UUID, criterionID: UUID, score: Int, comment: String? = nil) {
        self.applicationID = applicationID
        self.jurorAccountID = jurorAccountID
        self.criterionID = criterionID
        self.score = score
        self.comment = comment
    }
}

/// An application's line in the ranking of its nomination.
public struct RankedApplication: Sendable, Codable, Equatable {
    public var application: ContestApplication
    /// Mean over the counted jurors of each juror's sum over the criteria, rounded to 2 decimals; 0 with no juror counted.
    public var total: Double
    /// Jurors with a complete sheet for the application and no conflict of interest.
    public var jurorsCounted: Int
    /// Standard competition ranking within the nomination: 1, 2, 2, 4.
    public var place: Int
    /// How many other applications share the place.
    public var tiedWith: Int
    /// Place within `winnersPerNomination` and a total above 0.
    public var isWinner: Bool
    /// Every juror without a conflict of interest has scored every criterion (false when no juror may score it).
    public var complete: Bool
    /// Mean points on each criterion over the counted jurors, in the contest's order, rounded to 2 decimals.
    public var criterionMeans: [Double]

    public init(
        application: ContestApplication, total: Double, jurorsCounted: Int, place: Int, tiedWith: Int, isWinner: Bool,
        complete: Bool, criterionMeans: [Double] = []
    ) {
        self.application = application
        self.total = total
        self.jurorsCounted = jurorsCounted
        self.place = place
        self.tiedWith = tiedWith
        self.isWinner = isWinner
        self.complete = complete
        self.criterionMeans = criterionMeans
    }
}

/// The ranking of one nomination, best first.
public struct NominationResult: Sendable, Codable, Equatable {
    public var nomination: ContestNomination
    public var rows: [RankedApplication]

    public init(nomination: ContestNomination, rows: [RankedApplication]) {
        self.nomination = nomination
        self.rows = rows
    }

    public var winners: [RankedApplication] { rows.filter(\.isWinner) }

    /// A juror has a complete sheet for at least one application: before that there is no ranking to show
    /// (every application would share first place with 0 points).
    public var hasScores: Bool { rows.contains { $0.jurorsCounted > 0 } }
}

public enum ContestRules {
    /// Fewer jurors than this is allowed but not advised.
    public static let recommendedJurors = 3
    public static let maxCriterionScore = 100

    // MARK: Contest

    public static func validate(_ contest: Contest) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if contest.title.trimmed.isEmpty {
            issues.append(FieldIssue("title", "Укажите название конкурса."))
        }
        if contest.applicationsTo < contest.applicationsFrom {
            issues.append(
                FieldIssue(
                    "applicationsTo",
                    "Приём заявок не может закончиться (\(contest.applicationsTo.russian)) раньше, чем начнётся (\(contest.applicationsFrom.russian))."
                ))
        }
        if contest.judgingTo < contest.applicationsTo {
            issues.append(
                FieldIssue(
                    "judgingTo",
                    "Экспертиза не может закончиться (\(contest.judgingTo.russian)) раньше окончания приёма заявок (\(contest.applicationsTo.russian))."
                ))
        }
        if contest.resultsOn < contest.judgingTo {
            issues.append(
                FieldIssue(
                    "resultsOn",
                    "Итоги не подводятся (\(contest.resultsOn.russian)) раньше окончания экспертизы (\(contest.judgingTo.russian))."
                ))
        }

        if contest.nominations.isEmpty {
            issues.append(FieldIssue("nominations", "Добавьте хотя бы одну номинацию."))
        }
        if contest.nominations.contains(where: { $0.title.trimmed.isEmpty }) {
            issues.append(FieldIssue("nominations", "У каждой номинации должно быть название."))
        }
        for title in duplicates(contest.nominations.map(\.title)) {
            issues.append(FieldIssue("nominations", "Номинация «\(title)» указана дважды."))
        }

        if contest.criteria.isEmpty {
            issues.append(FieldIssue("criteria", "Добавьте хотя бы один критерий оценки."))
        }
        if contest.criteria.contains(where: { $0.title.trimmed.isEmpty }) {
            issues.append(FieldIssue("criteria", "У каждого критерия должно быть название."))
        }
        for c in contest.criteria where !(1...maxCriterionScore).contains(c.maxScore) {
            let name = c.title.trimmed.isEmpty ? "без названия" : "«\(c.title.trimmed)»"
            issues.append(
                FieldIssue("criteria", "Максимальный балл по критерию \(name) — от 1 до \(maxCriterionScore), указано \(c.maxScore)."))
        }
        for title in duplicates(contest.criteria.map(\.title)) {
            issues.append(FieldIssue("criteria", "Критерий «\(title)» указан дважды."))
        }

        if contest.jurors.isEmpty {
            issues.append(FieldIssue("jurors", "Включите в жюри хотя бы одного человека."))
        }
        var seenJurors = Set<UUID>()
        for j in contest.jurors where !seenJurors.insert(j.accountID).inserted {
            issues.append(FieldIssue("jurors", "«\(j.name.trimmed)» включён(а) в жюри дважды."))
        }

        if contest.winnersPerNomination < 1 {
            issues.append(FieldIssue("winnersPerNomination", "Число победителей в номинации — не меньше 1."))
        }
        return issues
    }

    /// Advice that does not block saving: a jury of fewer than `recommendedJurors`.
    public static func recommendations(_ contest: Contest) -> [FieldIssue] {
        let count = Set(contest.jurors.map(\.accountID)).count
        guard count > 0, count < recommendedJurors else { return [] }
        return [
            FieldIssue(
                "jurors", "В жюри \(count) чел.; рекомендуется не меньше \(recommendedJurors), чтобы оценка не зависела от одного мнения.")
        ]
    }

    // MARK: Applications

    public static func validateApplication(_ app: ContestApplication, contest: Contest, on day: Day) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if app.contestID != contest.id {
            issues.append(FieldIssue("contestID", "Заявка относится к другому конкурсу."))
        }
        let period = "с \(contest.applicationsFrom.russian) по \(contest.applicationsTo.russian)"
        switch contest.stage(on: day) {
        case .applications: break
        case .draft:
            issues.append(
                FieldIssue("stage", "Приём заявок на конкурс «\(contest.title.trimmed)» ещё не начался: заявки принимаются \(period)."))
        case .judging, .results, .published:
            issues.append(FieldIssue("stage", "Приём заявок на конкурс «\(contest.title.trimmed)» закрыт: заявки принимались \(period)."))
        }
        if contest.nomination(app.nominationID) == nil {
            issues.append(FieldIssue("nominationID", "Выберите номинацию этого конкурса."))
        }
        if app.title.trimmed.isEmpty {
            issues.append(FieldIssue("title", "Укажите название заявки."))
        }
        if app.applicantPersonIDs.isEmpty && app.mentorshipIDs.isEmpty {
            issues.append(
                FieldIssue("applicantPersonIDs", "Укажите хотя бы одного участника (наставника) или наставническую пару (группу)."))
        }
        return issues
    }

    // MARK: Jury

    /// A juror does not judge an application of his own organisation or one he is among the applicants of.
    public static func conflict(_ juror: Juror, _ app: ContestApplication) -> Bool {
        organisationConflict(juror, app) || personConflict(juror, app)
    }

    static func organisationConflict(_ juror: Juror, _ app: ContestApplication) -> Bool {
        juror.organisationID.map { $0 == app.organisationID } ?? false
    }

    static func personConflict(_ juror: Juror, _ app: ContestApplication) -> Bool {
        juror.personID.map { app.applicantPersonIDs.contains($0) } ?? false
    }

    public static func validateScore(_ s: JuryScore, contest: Contest, application: ContestApplication, on day: Day) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if s.applicationID != application.id || application.contestID != contest.id {
            issues.append(FieldIssue("applicationID", "Заявка не относится к этому конкурсу."))
        }
        if contest.stage(on: day) != .judging {
            let from = contest.applicationsTo.adding(days: 1)
            issues.append(
                FieldIssue(
                    "stage",
                    "Оценки по конкурсу «\(contest.title.trimmed)» принимаются только во время экспертизы: с \(from.russian) по \(contest.judgingTo.russian)."
                ))
        }
        if application.withdrawn {
            issues.append(FieldIssue("applicationID", "Заявка отозвана: её не оценивают."))
        }
        if let juror = contest.juror(s.jurorAccountID) {
            if organisationConflict(juror, application) {
                issues.append(FieldIssue("jurorAccountID", "Член жюри не оценивает заявку своей организации."))
            } else if personConflict(juror, application) {
                issues.append(FieldIssue("jurorAccountID", "Член жюри не оценивает заявку, в которой участвует сам."))
            }
        } else {
            issues.append(FieldIssue("jurorAccountID", "Вы не входите в жюри этого конкурса."))
        }
        if let c = contest.criterion(s.criterionID) {
            if !(0...max(c.maxScore, 0)).contains(s.score) {
                issues.append(FieldIssue("score", "Оценка по критерию «\(c.title.trimmed)» — от 0 до \(c.maxScore) баллов."))
            }
        } else {
            issues.append(FieldIssue("criterionID", "Такого критерия нет в этом конкурсе."))
        }
        return issues
    }

    // MARK: Results

    /// Each nomination's applications ranked by their mean total; withdrawn ones left out.
    /// A juror counts for an application only with a score on every criterion and no conflict of interest;
    /// scores of other accounts, for unknown criteria or out of range are ignored. Equal totals are told apart by the
    /// mean on the first criterion, then the second…; those still equal share the place.
    public static func ranking(_ contest: Contest, applications: [ContestApplication], scores: [JuryScore]) -> [NominationResult] {
        let sheets = Sheets(contest, scores)
        let jurors = uniqueJurors(contest)
        return contest.nominations.map { nomination in
            let apps = applications.filter { $0.contestID == contest.id && $0.nominationID == nomination.id && !$0.withdrawn }
            var lines: [Line] = apps.map { app in
                let eligible = jurors.filter { !conflict($0, app) }
                let counted = eligible.compactMap { sheets.complete(app.id, $0.accountID) }
                let n = Double(counted.count)
                let means = contest.criteria.indices.map { i in
                    counted.isEmpty ? 0 : round2(Double(counted.reduce(0) { $0 + $1[i] }) / n)
                }
                let total = counted.isEmpty ? 0 : round2(Double(counted.reduce(0) { $0 + $1.reduce(0, +) }) / n)
                return Line(
                    app: app, total: total, means: means, counted: counted.count,
                    complete: !eligible.isEmpty && counted.count == eligible.count)
            }
            lines.sort { a, b in
                if a.key != b.key { return a.key.lexicographicallyPrecedes(b.key, by: >) }
                if a.app.submittedOn != b.app.submittedOn { return a.app.submittedOn < b.app.submittedOn }
                if a.app.title != b.app.title { return a.app.title < b.app.title }
                return a.app.id.uuidString < b.app.id.uuidString
            }
            let rows = lines.map { line in
                let place = 1 + lines.filter { $0.key.lexicographicallyPrecedes(line.key, by: >) }.count
                let tied = lines.filter { $0.key == line.key }.count - 1
                return RankedApplication(
                    application: line.app, total: line.total, jurorsCounted: line.counted, place: place, tiedWith: tied,
                    isWinner: place <= contest.winnersPerNomination && line.total > 0, complete: line.complete,
                    criterionMeans: line.means)
            }
            return NominationResult(nomination: nomination, rows: rows)
        }
    }

    /// For each juror: the applications he must score (of this contest, not withdrawn, no conflict of interest)
    /// and how many of them he has scored on every criterion.
    public static func jurorProgress(
        _ contest: Contest, applications: [ContestApplication], scores: [JuryScore]
    ) -> [(juror: Juror, due: Int, done: Int)] {
        let sheets = Sheets(contest, scores)
        let apps = applications.filter { $0.contestID == contest.id && !$0.withdrawn && contest.nomination($0.nominationID) != nil }
        return uniqueJurors(contest).map { juror in
            let due = apps.filter { !conflict(juror, $0) }
            let done = due.filter { sheets.complete($0.id, juror.accountID) != nil }.count
            return (juror: juror, due: due.count, done: done)
        }
    }

    // MARK: Helpers

    static func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    private static func uniqueJurors(_ contest: Contest) -> [Juror] {
        var seen = Set<UUID>()
        return contest.jurors.filter { seen.insert($0.accountID).inserted }
    }

    /// Trimmed titles met more than once (case-insensitive), each named once, in order.
    private static func duplicates(_ titles: [String]) -> [String] {
        var seen = Set<String>()
        var reported = Set<String>()
        var result: [String] = []
        for t in titles.map(\.trimmed) where !t.isEmpty {
            let key = t.lowercased()
            if !seen.insert(key).inserted, reported.insert(key).inserted { result.append(t) }
        }
        return result
    }

    private struct Line {
        var app: ContestApplication
        var total: Double
        var means: [Double]
        var counted: Int
        var complete: Bool
        var key: [Double] { [total] + means }
    }

    /// Valid scores by application, juror and criterion; a later score for the same cell replaces an earlier one.
    private struct Sheets {
        let criteria: [ContestCriterion]
        var cells: [UUID: [UUID: [UUID: Int]]] = [:]

        init(_ contest: Contest, _ scores: [JuryScore]) {
            criteria = contest.criteria
            let jurors = Set(contest.jurors.map(\.accountID))
            let maxScore = Dictionary(contest.criteria.map { ($0.id, $0.maxScore) }, uniquingKeysWith: { a, _ in a })
            for s in scores where jurors.contains(s.jurorAccountID) {
                guard let m = maxScore[s.criterionID], (0...max(m, 0)).contains(s.score) else { continue }
                cells[s.applicationID, default: [:]][s.jurorAccountID, default: [:]][s.criterionID] = s.score
            }
        }

        /// The juror's points on every criterion in the contest's order, or nil while any is missing.
        func complete(_ applicationID: UUID, _ jurorAccountID: UUID) -> [Int]? {
            guard !criteria.isEmpty, let sheet = cells[applicationID]?[jurorAccountID] else { return nil }
            let points = criteria.compactMap { sheet[$0.id] }
            return points.count == criteria.count ? points : nil
        }
    }
}
