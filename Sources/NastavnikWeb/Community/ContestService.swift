import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

extension Contest: Content {}
extension ContestApplication: Content {}
extension NominationResult: Content {}
extension JuryScore: Content {}

/// A contest as its organiser writes it: nominations and criteria as lines of text; the jury as ticked accounts
/// (the web form) or as logins (the API, kept for compatibility).
struct ContestInput: Content {
    var title: String?
    var description: String?
    var applicationsFrom: String?
    var applicationsTo: String?
    var judgingTo: String?
    var resultsOn: String?
    /// One per line: «Название» or «Название | форма наставничества».
    var nominations: String?
    /// One per line: «Название; максимальный балл».
    var criteria: String?
    /// Logins of the jurors, one per line (the API).
    var jurors: String?
    /// Account ids of the jurors, as the form's checkboxes post them.
    var jurorIDs: [String]?
    var winnersPerNomination: FlexibleInt?

    init(_ c: Contest? = nil) {
        title = c?.title
        description = c?.description
        applicationsFrom = c?.applicationsFrom.russian
        applicationsTo = c?.applicationsTo.russian
        judgingTo = c?.judgingTo.russian
        resultsOn = c?.resultsOn.russian
        nominations = c?.nominations.map { n in n.form.map { "\(n.title) | \($0.label)" } ?? n.title }.joined(separator: "\n")
        criteria = c?.criteria.map { "\($0.title); \($0.maxScore)" }.joined(separator: "\n")
        jurorIDs = c?.jurors.map(\.accountID.uuidString)
        winnersPerNomination = FlexibleInt(c?.winnersPerNomination ?? 3)
    }
}

struct ApplicationInput: Content {
    var nominationID: String?
    var title: String?
    var organisationID: String?
    var applicantPersonIDs: [String]?
    var mentorshipIDs: [String]?
    var practiceItemIDs: [String]?
}

struct ScoreInput: Content {
    /// Criterion id → points.
    var scores: [String: String]?
    var comment: String?
}

struct AwardInput: Content {
    var award: String?
}

/// A contest with what the caller may do and see in it.
struct ContestView: Content {
    var contest: Contest
    var stage: ContestStage
    var mayOrganise: Bool
    var isJuror: Bool
    var applications: [ContestApplication]
    /// The ranking: organisers and jurors see it as it forms; everyone once published.
    var results: [NominationResult]?
    var jurorProgress: [JurorProgress]?
}

struct JurorProgress: Content {
    var name: String
    var due: Int
    var done: Int
}

/// A mentor's contest record: where they took part and what came of it.
struct ContestHistoryLine: Content {
    var contestID: UUID
    var contest: String
    var nomination: String
    var resultsOn: Day
    var place: Int
    var isWinner: Bool
    var award: String?
}

/// Contests: organised by a municipality or region for the organisations below it; applications by curators,
/// directors and mentors; scoring by the jury (never of a juror's own organisation); results published by the organiser.
enum ContestService {
    static func placement(_ c: Contest) -> Placement { Placement(regionID: c.regionID, municipalityID: c.municipalityID, organisationID: c.organisationID) }

    static func mayOrganise(_ actor: Actor, _ c: Contest) -> Bool { CommunityScope.mayOrganise(actor, .contest, placement(c)) }

    /// Inside the contest's territory (or above it), or on its jury.
    static func mayRead(_ actor: Actor, _ c: Contest) -> Bool {
        c.juror(actor.accountID) != nil || mayOrganise(actor, c) || CommunityScope.inside(placement(c), actor.placement)
    }

    static func require(_ req: Request, _ id: UUID) async throws -> Contest {
        guard let c = try await ContestRecord.find(id, on: req.db)?.core, mayRead(try req.user.actor, c) else {
            throw Abort(.notFound, reason: "Конкурс не найден или недоступен вам.")
        }
        return c
    }

    static func list(_ req: Request) async throws -> [Contest] {
        let actor = try req.user.actor
        return try await ContestRecord.query(on: req.db).all().map { try $0.core }.filter { mayRead(actor, $0) }
            .sorted { ($0.applicationsFrom, $0.title) > ($1.applicationsFrom, $1.title) }
    }

    static func applications(_ db: any Database, _ contestID: UUID) async throws -> [ContestApplication] {
        try await ContestApplicationRecord.query(on: db).filter(\.$contestID == contestID).all().map { try $0.core }.sorted { ($0.submittedOn, $0.title) < ($1.submittedOn, $1.title) }
    }

    static func scores(_ db: any Database, _ apps: [ContestApplication]) async throws -> [JuryScore] {
        try await MentorshipStore.records(JuryScoreRecord.self, db, \.$applicationID, in: apps.map(\.id)).map(\.core)
    }

    /// Applications a caller sees: all for organisers and jurors; otherwise their organisation's or their own.
    static func visibleApplications(_ actor: Actor, _ c: Contest, _ apps: [ContestApplication]) -> [ContestApplication] {
        if mayOrganise(actor, c) || c.juror(actor.accountID) != nil { return apps }
        return apps.filter { a in
            (actor.role.scopeLevel == .organisation && a.organisationID == actor.placement.organisationID)
                || actor.personID.map(a.applicantPersonIDs.contains) ?? false || a.submittedBy == actor.accountID
        }
    }

    static func view(_ req: Request, _ c: Contest) async throws -> ContestView {
        let actor = try req.user.actor
        let apps = try await applications(req.db, c.id)
        let organiser = mayOrganise(actor, c), juror = c.juror(actor.accountID) != nil
        let insider = organiser || juror
        let scores = insider || c.resultsPublished ? try await scores(req.db, apps) : []
        let results = insider || c.resultsPublished ? ContestRules.ranking(c, applications: apps, scores: scores) : nil
        let progress = organiser ? ContestRules.jurorProgress(c, applications: apps, scores: scores).map { JurorProgress(name: $0.juror.name, due: $0.due, done: $0.done) } : nil
        return ContestView(contest: c, stage: c.stage(on: req.today), mayOrganise: organiser, isJuror: juror,
                           applications: visibleApplications(actor, c, apps), results: results, jurorProgress: progress)
    }

    // MARK: Organising

    /// Reads the organiser's input into a contest placed at the caller's node.
    static func read(_ req: Request, _ input: ContestInput, base: Contest?) async throws -> Contest {
        let actor = try req.user.actor
        var r = InputReader()
        let from = r.day(input.applicationsFrom, "applicationsFrom", "дату начала приёма заявок")
        let to = r.day(input.applicationsTo, "applicationsTo", "дату окончания приёма заявок")
        let judging = r.day(input.judgingTo, "judgingTo", "дату окончания экспертизы")
        let results = r.day(input.resultsOn, "resultsOn", "дату подведения итогов")
        let winners = r.int(input.winnersPerNomination, "winnersPerNomination", "Укажите число победителей в номинации.", default: 3)
        var nominations: [ContestNomination] = []
        for line in lines(input.nominations) {
            let parts = line.split(separator: "|", maxSplits: 1).map { $0.trimmed }
            let form = parts.count > 1 ? MentorshipForm.parse(parts[1]) ?? MentorshipForm.allCases.first { $0.label.hasPrefix(parts[1].lowercased()) } : nil
            if parts.count > 1 && form == nil { r.issues.append(.init("nominations", "Форма наставничества «\(parts[1])» в номинации «\(parts[0])» не распознана.")) }
            let old = base?.nominations.first { $0.title == parts[0] }
            nominations.append(ContestNomination(id: old?.id ?? UUID(), title: parts[0], form: form))
        }
        var criteria: [ContestCriterion] = []
        for line in lines(input.criteria) {
            let parts = line.split(separator: ";", maxSplits: 1).map { $0.trimmed }
            guard parts.count == 2, let max = Int(parts[1]) else {
                r.issues.append(.init("criteria", "Критерий «\(line)»: укажите название и максимальный балл через точку с запятой, например «Результативность; 10»."))
                continue
            }
            let old = base?.criteria.first { $0.title == parts[0] }
            criteria.append(ContestCriterion(id: old?.id ?? UUID(), title: parts[0], maxScore: max))
        }
        let jurors = try await readJurors(req, input, base: base, &r)
        try r.check()
        let place = actor.placement
        let level: ContestLevel = actor.role.scopeLevel == .region ? .region : .municipality
        var c = base ?? Contest(title: "", level: level, regionID: place.regionID, municipalityID: level == .municipality ? place.municipalityID : nil,
                                applicationsFrom: from!, applicationsTo: to!, judgingTo: judging!, resultsOn: results!)
        if base == nil && actor.role == .administrator {
            throw ValidationError("title", "Конкурс объявляет муниципальный координатор или региональный оператор: от имени своего муниципалитета или региона.")
        }
        c.title = input.title.nonBlank ?? ""
        c.description = input.description.nonBlank ?? ""
        c.applicationsFrom = from!
        c.applicationsTo = to!
        c.judgingTo = judging!
        c.resultsOn = results!
        c.nominations = nominations
        c.criteria = criteria
        c.jurors = jurors
        c.winnersPerNomination = winners!
        try ValidationError.check(ContestRules.validate(c))
        return c
    }

    /// Whom the organiser may put on the jury: the active accounts of the contest's region (the organiser's own for a
    /// new contest), by name.
    static func jurorChoices(_ req: Request, base: Contest?) async throws -> [AccountChoice] {
        let actor = try req.user.actor
        guard let region = base?.regionID ?? actor.placement.regionID else { return [] }
        return try await AccountQueries.activeChoices(req.db, region: region)
    }

    /// The jury from the ticked account ids (the form) or the logins (the API): each one of `jurorChoices`, or already
    /// on the contest's jury; anyone else is an issue next to the field it came from.
    static func readJurors(_ req: Request, _ input: ContestInput, base: Contest?, _ r: inout InputReader) async throws -> [Juror] {
        let choices = try await jurorChoices(req, base: base), before = r.issues.count
        func juror(_ a: AccountChoice) -> Juror { Juror(accountID: a.id, personID: a.personID, organisationID: a.organisationID, name: a.fullName) }
        var jurors: [Juror] = []
        for raw in input.jurorIDs ?? [] {
            let id = UUID(uuidString: raw.trimmed)
            if let j = choices.first(where: { $0.id == id }).map(juror) ?? base?.jurors.first(where: { $0.accountID == id }) {
                jurors.append(j)
            } else {
                r.issues.append(.init("jurorIDs", "Эту учётную запись нельзя включить в жюри: она отключена или вне территории конкурса."))
            }
        }
        for login in lines(input.jurors) {
            guard let a = choices.first(where: { $0.login == login }) else {
                r.issues.append(.init("jurors", "Учётная запись «\(login)» не найдена, отключена или вне территории конкурса."))
                continue
            }
            jurors.append(juror(a))
        }
        if jurors.isEmpty && r.issues.count == before {
            r.issues.append(.init(input.jurors == nil ? "jurorIDs" : "jurors", "Выберите хотя бы одного члена жюри."))
        }
        return jurors
    }

    static func lines(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmed }.filter { !$0.isEmpty }
    }

    static func create(_ req: Request, _ input: ContestInput) async throws -> Contest {
        let actor = try req.user.actor
        guard RouteAccess.organisers.permits(actor.role) else {
            throw Abort(.forbidden, reason: "Конкурсы объявляют муниципальные координаторы и региональные операторы.")
        }
        let c = try await read(req, input, base: nil)
        try await ContestRecord(c).create(on: req.db)
        return c
    }

    static func update(_ req: Request, _ id: UUID, _ input: ContestInput) async throws -> Contest {
        let base = try await require(req, id)
        guard mayOrganise(try req.user.actor, base) else { throw Abort(.forbidden, reason: "Изменять конкурс может только его организатор.") }
        let c = try await read(req, input, base: base)
        let stage = base.stage(on: req.today)
        if stage != .draft && stage != .applications && (c.criteria != base.criteria || c.nominations != base.nominations) {
            throw ValidationError("criteria", "Экспертиза уже идёт: номинации и критерии менять нельзя, иначе оценки жюри потеряют смысл.")
        }
        try await MentorshipStore.update(ContestRecord.self, req.db, c)
        return c
    }

    /// Publishes the ranking once judging is over and every juror has scored every application they may.
    static func publish(_ req: Request, _ id: UUID) async throws -> Contest {
        var c = try await require(req, id)
        guard mayOrganise(try req.user.actor, c) else { throw Abort(.forbidden, reason: "Итоги публикует организатор конкурса.") }
        guard c.stage(on: req.today) == .results else {
            throw ValidationError("stage", c.resultsPublished ? "Итоги уже опубликованы." : "Итоги публикуются после окончания экспертизы (\(c.judgingTo.russian)).")
        }
        let apps = try await applications(req.db, c.id)
        let behind = ContestRules.jurorProgress(c, applications: apps, scores: try await scores(req.db, apps)).filter { $0.done < $0.due }
        if !behind.isEmpty {
            throw ValidationError("jurors", "Не все члены жюри оценили заявки: " + behind.map { "\($0.juror.name) — \($0.done) из \($0.due)" }.joined(separator: "; ") + ".")
        }
        c.resultsPublished = true
        try await MentorshipStore.update(ContestRecord.self, req.db, c)
        return c
    }

    static func award(_ req: Request, _ applicationID: UUID, _ input: AwardInput) async throws -> ContestApplication {
        guard let record = try await ContestApplicationRecord.find(applicationID, on: req.db) else { throw Abort(.notFound, reason: "Заявка не найдена.") }
        let c = try await require(req, record.contestID)
        guard mayOrganise(try req.user.actor, c) else { throw Abort(.forbidden, reason: "Награждает организатор конкурса.") }
        let apps = try await applications(req.db, c.id)
        let winner = ContestRules.ranking(c, applications: apps, scores: try await scores(req.db, apps)).flatMap(\.winners).contains { $0.application.id == applicationID }
        guard c.resultsPublished, winner else { throw ValidationError("award", "Награждаются победители после публикации итогов.") }
        var a = try record.core
        a.award = input.award.nonBlank
        record.apply(a)
        try await record.save(on: req.db)
        return a
    }

    // MARK: Applications

    /// Organisations the caller may apply for in this contest: their own, inside the contest's territory.
    static func applicantOrganisations(_ req: Request, _ c: Contest) async throws -> [Organisation] {
        let actor = try req.user.actor
        var ids: [UUID] = []
        if actor.role == .mentor, let pid = actor.personID {
            ids = try await MembershipRecord.query(on: req.db).filter(\.$personID == pid).all().map(\.organisationID)
        } else if actor.role == .curator || actor.role == .director, let o = actor.placement.organisationID {
            ids = [o]
        }
        var out: [Organisation] = []
        for id in ids {
            guard let place = try await Scope.placement(ofOrganisation: id, on: req.db), let org = try await OrganisationRecord.find(id, on: req.db) else { continue }
            if CommunityScope.inside(placement(c), place) { out.append(try org.core) }
        }
        return out
    }

    static func apply(_ req: Request, _ contestID: UUID, _ input: ApplicationInput) async throws -> ContestApplication {
        let c = try await require(req, contestID)
        let actor = try req.user.actor
        let orgs = try await applicantOrganisations(req, c)
        guard !orgs.isEmpty else { throw Abort(.forbidden, reason: "Заявку подают куратор, руководитель или наставник организации, участвующей в конкурсе.") }
        let orgID = input.organisationID.nonBlank.flatMap(UUID.init(uuidString:)) ?? orgs[0].id
        guard orgs.contains(where: { $0.id == orgID }) else { throw ValidationError("organisationID", "Заявку можно подать только от своей организации.") }
        var people = (input.applicantPersonIDs ?? []).compactMap(UUID.init(uuidString:))
        if actor.role == .mentor, let pid = actor.personID, !people.contains(pid) { people.insert(pid, at: 0) }
        let mentorships = (input.mentorshipIDs ?? []).compactMap(UUID.init(uuidString:))
        let practices = (input.practiceItemIDs ?? []).compactMap(UUID.init(uuidString:))
        // Everything linked must belong to the organisation applying.
        let members = Set(try await MembershipRecord.query(on: req.db).filter(\.$organisationID == orgID).all().map(\.personID))
        var issues: [FieldIssue] = []
        if people.contains(where: { !members.contains($0) }) { issues.append(.init("applicantPersonIDs", "Участники заявки — работники или обучающиеся организации-заявителя.")) }
        let own = Set(try await MentorshipStore.records(MentorshipRecord.self, req.db, \.$organisationID, in: [orgID]).compactMap(\.id))
        if mentorships.contains(where: { !own.contains($0) }) { issues.append(.init("mentorshipIDs", "К заявке прикладываются пары (группы) только своей организации.")) }
        let items = Set(try await PracticeItemRecord.query(on: req.db).filter(\.$organisationID == orgID).all().compactMap(\.id))
        if practices.contains(where: { !items.contains($0) }) { issues.append(.init("practiceItemIDs", "К заявке прикладываются материалы банка только своей организации.")) }
        let a = ContestApplication(
            contestID: c.id, nominationID: input.nominationID.nonBlank.flatMap(UUID.init(uuidString:)) ?? UUID(), organisationID: orgID,
            title: input.title.nonBlank ?? "", applicantPersonIDs: people, mentorshipIDs: mentorships, practiceItemIDs: practices,
            submittedOn: req.today, submittedBy: actor.accountID)
        try ValidationError.check(ContestRules.validateApplication(a, contest: c, on: req.today) + issues)
        try await ContestApplicationRecord(a).create(on: req.db)
        return a
    }

    /// Who withdraws an application: the one who submitted it, or the staff of its organisation (a juror or an
    /// organiser who merely sees it does not).
    static func mayWithdraw(_ actor: Actor, _ a: ContestApplication) -> Bool {
        a.submittedBy == actor.accountID || actor.placement.organisationID == a.organisationID && actor.role.scopeLevel == .organisation
    }

    /// The application the caller may withdraw now, with its contest; refusals as `withdraw` gives them.
    static func withdrawable(_ req: Request, _ id: UUID) async throws -> (ContestApplicationRecord, Contest) {
        guard let record = try await ContestApplicationRecord.find(id, on: req.db) else { throw Abort(.notFound, reason: "Заявка не найдена.") }
        let c = try await require(req, record.contestID)
        let actor = try req.user.actor
        guard visibleApplications(actor, c, [try record.core]).count == 1, mayWithdraw(actor, try record.core) else {
            throw Abort(.forbidden, reason: "Отозвать заявку может тот, кто её подал, или куратор организации.")
        }
        if try record.core.withdrawn { throw ValidationError("stage", "Заявка уже отозвана.") }
        guard c.stage(on: req.today) == .applications || c.stage(on: req.today) == .judging else { throw ValidationError("stage", "После экспертизы заявку не отзывают.") }
        return (record, c)
    }

    static func withdraw(_ req: Request, _ id: UUID) async throws -> ContestApplication {
        let (record, _) = try await withdrawable(req, id)
        var a = try record.core
        a.withdrawn = true
        record.apply(a)
        try await record.save(on: req.db)
        return a
    }

    // MARK: Scoring

    /// A juror's points for one application on every criterion, replacing their earlier ones; all or nothing.
    static func score(_ req: Request, _ applicationID: UUID, _ input: ScoreInput) async throws -> [JuryScore] {
        guard let record = try await ContestApplicationRecord.find(applicationID, on: req.db) else { throw Abort(.notFound, reason: "Заявка не найдена.") }
        let c = try await require(req, record.contestID)
        let actor = try req.user.actor
        guard c.juror(actor.accountID) != nil else { throw Abort(.forbidden, reason: "Вы не входите в жюри этого конкурса.") }
        let app = try record.core
        var scores: [JuryScore] = []
        var issues: [FieldIssue] = []
        for criterion in c.criteria {
            let text = input.scores?[criterion.id.uuidString].nonBlank
            guard let text, let value = Int(text) else {
                issues.append(.init("scores", text == nil ? "Поставьте оценку по критерию «\(criterion.title)»." : "Оценка по критерию «\(criterion.title)» — целое число баллов, а не «\(text!)»."))
                continue
            }
            let s = JuryScore(applicationID: app.id, jurorAccountID: actor.accountID, criterionID: criterion.id, score: value, comment: input.comment.nonBlank)
            issues += ContestRules.validateScore(s, contest: c, application: app, on: req.today)
            scores.append(s)
        }
        var seen = Set<String>()
        try ValidationError.check(issues.filter { seen.insert($0.message).inserted })
        let done = scores
        try await req.db.transaction { db in
            try await JuryScoreRecord.query(on: db).filter(\.$applicationID == app.id).filter(\.$jurorAccountID == actor.accountID).delete()
            try await db.insertAll(done.map(JuryScoreRecord.init))
        }
        return scores
    }

    // MARK: History

    /// The rankings of the published contests among `contestIDs`, nomination by nomination.
    static func publishedResults(_ db: any Database, _ contestIDs: Set<UUID>) async throws -> [(Contest, NominationResult)] {
        var out: [(Contest, NominationResult)] = []
        for contestID in contestIDs {
            guard let c = try await ContestRecord.find(contestID, on: db)?.core, c.resultsPublished else { continue }
            let all = try await applications(db, c.id)
            out += ContestRules.ranking(c, applications: all, scores: try await scores(db, all)).map { (c, $0) }
        }
        return out
    }

    /// A person's published contest results.
    static func history(_ db: any Database, person id: UUID) async throws -> [ContestHistoryLine] {
        // Applicants are stored as a JSON list of ids: the text match narrows the read, the decoded list decides.
        let apps = try await ContestApplicationRecord.query(on: db).filter(\.$applicantPersonIDs, .contains(inverse: false, .anywhere), id.uuidString)
            .all().map { try $0.core }.filter { $0.applicantPersonIDs.contains(id) && !$0.withdrawn }
        return try await publishedResults(db, Set(apps.map(\.contestID))).flatMap { c, result in
            result.rows.filter { $0.application.applicantPersonIDs.contains(id) }.map { row in
                ContestHistoryLine(contestID: c.id, contest: c.title, nomination: result.nomination.title, resultsOn: c.resultsOn,
                                   place: row.place, isWinner: row.isWinner, award: row.application.award)
            }
        }.sorted { $0.resultsOn > $1.resultsOn }
    }

    /// The number of published wins of each person.
    static func wins(_ db: any Database, _ personIDs: [UUID]) async throws -> [UUID: Int] {
        let wanted = Set(personIDs)
        let apps = try await ContestApplicationRecord.query(on: db).all().map { try $0.core }.filter { !$0.withdrawn && !wanted.isDisjoint(with: $0.applicantPersonIDs) }
        var out: [UUID: Int] = [:]
        for (_, result) in try await publishedResults(db, Set(apps.map(\.contestID))) {
            for row in result.winners { for p in row.application.applicantPersonIDs where wanted.contains(p) { out[p, default: 0] += 1 } }
        }
        return out
    }

    /// Winners from an organisation in published contests, for its public page.
    static func winners(_ db: any Database, organisation id: UUID) async throws -> [(Contest, ContestNomination, RankedApplication)] {
        let apps = try await ContestApplicationRecord.query(on: db).filter(\.$organisationID == id).all().map { try $0.core }
        return try await publishedResults(db, Set(apps.map(\.contestID))).flatMap { c, result in
            result.winners.filter { $0.application.organisationID == id }.map { (c, result.nomination, $0) }
        }.sorted { ($0.0.resultsOn, -$0.2.place) > ($1.0.resultsOn, -$1.2.place) }
    }
}
