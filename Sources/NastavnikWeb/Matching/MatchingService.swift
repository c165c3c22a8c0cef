import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

struct RunInput: Content {
    /// An organisation, a municipality (network mentorship) or a region (regional pool).
    var scopeID: String?
    var form: String?
    /// "true": a mentor with several mentees gets one group mentorship.
    var grouped: String?
    /// "true": only mentors who finished the mentor school are proposed.
    var onlyTrained: String?
    var mode: String?
    /// criterion id → points at full match.
    var weights: [String: FlexibleInt]?
    /// "true": a run for one organisation also considers network mentors of other organisations (the regional pool).
    var network: String?
}

struct PairAction: Content {
    /// lock | unlock | remove | swap | choose
    var action: String?
    var menteeID: String?
    var otherMenteeID: String?
    /// choose: the mentor the curator gives the mentee (from the run's shortlist).
    var mentorID: String?
}

struct MarkInput: Content {
    /// mentee_rank | mentor_rank | psychologist
    var kind: String?
    var mentorID: String?
    var menteeID: String?
    /// rank (1 = first choice) or, for the psychologist, compatible / not_recommended
    var value: String?
}

/// One person of a run's pool as it was when the run was made.
struct PoolEntry: Content {
    var personID: UUID
    var role: ParticipantRole
    var name: String
    var organisation: String
    /// Mentor: free places of capacity and competencies; mentee: the main request and categories.
    var details: String
}

struct NamedPerson: Content {
    var id: UUID
    var name: String
    var organisation: String
    /// Their position at that organisation, when known.
    var position: String? = nil
}

/// A run as the API returns it.
struct RunDTO: Content {
    var id: UUID
    var scope: String
    var form: MentorshipForm
    var grouped: Bool
    var onlyTrained: Bool
    /// Network mentors of other organisations were asked for.
    var network: Bool
    var mode: MatchingMode
    var weights: [String: Double]
    var status: MatchingRunStatus
    var createdOn: Day
    var createdBy: String
    var result: MatchingResult
    var people: [NamedPerson]
    var mentorshipIDs: [UUID]
    /// Whom the run considered, as they were then.
    var pool: [PoolEntry]
}

/// The mentors and mentees a run looks at, as the engine sees them.
struct MatchingPool {
    var mentors: [MatchingMentor]
    var mentees: [MatchingMentee]
    var names: [UUID: (String, String)]
    /// Mentees of the base left out because the form does not take their role.
    var unfit: [MatchingMentee] = []
}

enum MatchingService {
    /// The node a run is scoped to and its organisations; the caller must be allowed to run matching there.
    static func scope(_ req: Request, _ id: UUID, _ action: Action) async throws -> (Placement, [UUID], String) {
        let actor = try req.user.actor
        var placement: Placement
        var orgs: [UUID]
        var name: String
        if let org = try await OrganisationRecord.find(id, on: req.db), let p = try await Scope.placement(ofOrganisation: id, on: req.db) {
            (placement, orgs, name) = (p, [id], org.shortName)
        } else if let mun = try await MunicipalityRecord.find(id, on: req.db) {
            (placement, orgs, name) = (Placement(regionID: mun.regionID, municipalityID: id), try await Scope.orgIDs(inMunicipalities: [id], on: req.db), mun.name)
        } else if let region = try await RegionRecord.find(id, on: req.db) {
            let muns = try await MunicipalityRecord.query(on: req.db).filter(\.$regionID == id).all(\.$id)
            (placement, orgs, name) = (Placement(regionID: id), try await Scope.orgIDs(inMunicipalities: muns, on: req.db), "региональный пул: \(region.name)")
        } else {
            throw ValidationError("scopeID", "Выберите организацию, муниципалитет или регион подбора.")
        }
        guard AccessPolicy.allows(actor, .read, .matching, at: placement) else {
            throw Abort(.notFound, reason: "Подбор вне вашей зоны доступа.")
        }
        if action == .write, !AccessPolicy.allows(actor, .write, .matching, at: placement) {
            throw Abort(.forbidden, reason: "Ваша роль не позволяет подбирать пары на этом уровне.")
        }
        return (placement, orgs, name)
    }

    /// The run's mentors and mentees. Mentors follow `MatchingPoolRule`: the organisations' own, and with `network`
    /// the network mentors of every organisation of their region (the regional pool).
    static func pool(_ db: any Database, organisations: [UUID], form: MentorshipForm, today: Day, network: Bool = false) async throws -> MatchingPool {
        var muns = try await municipalities(db, organisations)
        if network {
            let regions = Array(Set(try await MunicipalityRecord.query(on: db).filter(\.$id ~~ muns).all().map(\.regionID)))
            muns = try await MunicipalityRecord.query(on: db).filter(\.$regionID ~~ regions).all(\.$id)
        }
        let orgRecords = try await MentorshipStore.all(OrganisationRecord.self, db, \.$municipalityID, in: muns)
        let munOf = Dictionary(uniqueKeysWithValues: orgRecords.map { ($0.id, $0.municipalityID) })
        let orgName = Dictionary(uniqueKeysWithValues: orgRecords.map { ($0.id, $0.shortName) })
        let inScope = Set(organisations)
        let rule = MatchingPoolRule(organisations: organisations, includeNetwork: network)
        let mentorProfiles = try await MentorshipStore.all(MentorProfileRecord.self, db, \.$organisationID, in: network ? Array(munOf.keys) : organisations)
            .filter { rule.admits($0, form: form) }
        var menteeProfiles = try await MentorshipStore.all(MenteeProfileRecord.self, db, \.$organisationID, in: organisations)
            .filter { $0.status != .left && $0.status != .completed }
        let ids = mentorProfiles.map(\.personID) + menteeProfiles.map(\.personID)
        // Open mentorships: mentors' loads, and mentees already paired in this form.
        let parts = try await MentorshipStore.all(ParticipantRecord.self, db, \.$personID, in: ids).filter(\.isCurrent)
        let (open, menteeCounts) = try await MentorshipStore.openMentorships(db, of: parts)
        var load: [UUID: Int] = [:]
        var paired = Set<UUID>()
        for p in parts {
            guard let m = open[p.mentorshipID] else { continue }
            if p.role == .mentor { load[p.personID, default: 0] += menteeCounts[m.id] ?? 0 }
            if p.role == .mentee, m.form == form { paired.insert(p.personID) }
        }
        menteeProfiles.removeAll { paired.contains($0.personID) }
        let people = try await MentorshipStore.people(db, ids)
        let memberships = Dictionary(grouping: try await MentorshipStore.all(MembershipRecord.self, db, \.$personID, in: ids), by: \.personID)
        let consents = Dictionary(grouping: try await MentorshipStore.all(ConsentRecord.self, db, \.$personID, in: ids), by: \.personID)
        // One entry per person: their record in this scope first.
        var seen = Set<UUID>()
        let mentors = mentorProfiles.sorted { (inScope.contains($0.organisationID) ? 0 : 1, $0.personID.uuidString) < (inScope.contains($1.organisationID) ? 0 : 1, $1.personID.uuidString) }
            .compactMap { m -> MatchingMentor? in
                guard let p = people[m.personID], seen.insert(m.personID).inserted else { return nil }
                return MatchingMentor(person: p, profile: m, memberships: memberships[p.id] ?? [], consents: consents[p.id] ?? [], municipalityID: munOf[m.organisationID], load: load[p.id] ?? 0)
            }
        seen = []
        // Mentees of the base whose role the form does not take (pupils in a teachers' run) are not its candidates,
        // just as mentors who do not lead the form are not: they are neither offered nor listed as left without a pair.
        let base = menteeProfiles.sorted { $0.personID.uuidString < $1.personID.uuidString }.compactMap { m -> MatchingMentee? in
            guard let p = people[m.personID], seen.insert(m.personID).inserted else { return nil }
            return MatchingMentee(person: p, profile: m, memberships: memberships[p.id] ?? [], consents: consents[p.id] ?? [], municipalityID: munOf[m.organisationID])
        }
        let mentees = base.filter { $0.fits(form, on: today) }
        let unfit = base.filter { !$0.fits(form, on: today) }
        var names: [UUID: (String, String)] = [:]
        for m in mentors { names[m.id] = (m.person.fullName, orgName[m.profile.organisationID] ?? "") }
        for m in mentees { names[m.id] = (m.person.fullName, orgName[m.profile.organisationID] ?? "") }
        return MatchingPool(mentors: mentors, mentees: mentees, names: names, unfit: unfit)
    }

    static func municipalities(_ db: any Database, _ orgs: [UUID]) async throws -> [UUID] {
        Array(Set(try await OrganisationRecord.query(on: db).filter(\.$id ~~ orgs).all().map(\.municipalityID)))
    }

    /// Questionnaire rankings and psychologist marks about these mentees.
    static func marks(_ db: any Database, mentees: [UUID]) async throws -> MatchingPreferences {
        var prefs = MatchingPreferences()
        let records = try await MentorshipStore.records(MatchingMarkRecord.self, db, \.$menteeID, in: mentees)
        for r in records.sorted(by: { ($0.value, $0.mentorID.uuidString) < ($1.value, $1.mentorID.uuidString) }) {
            switch r.kind {
            case "mentee_rank": prefs.menteeRanking[r.menteeID, default: []].append(r.mentorID)
            case "mentor_rank": prefs.mentorRanking[r.mentorID, default: []].append(r.menteeID)
            default: prefs.marks[PairKey(mentor: r.mentorID, mentee: r.menteeID)] = r.value == 1 ? .compatible : .notRecommended
            }
        }
        return prefs
    }

    static func weights(_ input: [String: FlexibleInt]?) throws -> MatchingWeights {
        var w = MatchingWeights.defaults
        for (key, value) in input ?? [:] {
            guard let c = MatchingCriterion(rawValue: key) else { throw ValidationError("weights", "Неизвестный критерий «\(key)».") }
            if let v = value.value { w.values[c] = Double(v) }
        }
        try ValidationError.check(w.validate())
        return w
    }

    static func compute(_ req: Request, _ run: MatchingRunRecord, orgs: [UUID]) async throws {
        let form = try run.runForm
        let stored: MatchingPreferences = StoredJSON.decode(run.preferences) ?? MatchingPreferences()
        let pool = try await pool(req.db, organisations: orgs, form: form, today: req.today, network: stored.network)
        var prefs = try await marks(req.db, mentees: pool.mentees.map(\.id))
        prefs.locked = stored.locked
        prefs.excluded = stored.excluded
        prefs.onlyTrained = stored.onlyTrained
        prefs.network = stored.network
        let weights: MatchingWeights = StoredJSON.decode(run.weights) ?? .defaults
        let result = MatchingEngine.run(mentors: pool.mentors, mentees: pool.mentees, form: form, mode: try run.runMode,
            weights: weights, preferences: prefs, today: req.today)
        AppMetrics.matchingRun(mode: run.mode)
        run.preferences = StoredJSON.encode(prefs)
        run.result = StoredJSON.encode(result)
        let entries = pool.mentors.map { m in
            PoolEntry(personID: m.id, role: .mentor, name: m.person.fullName, organisation: pool.names[m.id]?.1 ?? "",
                details: "свободно \(m.freePlaces) из \(m.profile.capacity); \(LabelledSet.labels(m.profile.competencies))")
        } + pool.mentees.map { e in
            PoolEntry(personID: e.id, role: .mentee, name: e.person.fullName, organisation: pool.names[e.id]?.1 ?? "",
                details: ([e.profile.mainRequest.label] + BaseRules.displayCategories(e.profile, person: e.person, on: req.today)).joined(separator: "; "))
        }
        run.pool = StoredJSON.encode(entries)
    }

    static func create(_ req: Request, _ input: RunInput) async throws -> MatchingRunRecord {
        var r = InputReader()
        let form: MentorshipForm? = r.choice(input.form, "form", "Выберите форму наставничества.")
        let mode: MatchingMode? = r.choice(input.mode, "mode", "Выберите режим подбора.", default: .optimal)
        guard let scopeID = input.scopeID.nonBlank.flatMap({ UUID(uuidString: $0) }) else {
            throw ValidationError("scopeID", "Выберите организацию, муниципалитет или регион подбора.")
        }
        try r.check()
        let (placement, orgs, _) = try await scope(req, scopeID, .write)
        let run = MatchingRunRecord()
        run.regionID = placement.regionID
        run.municipalityID = placement.municipalityID
        run.organisationID = placement.organisationID
        run.form = form!.rawValue
        run.grouped = input.grouped == "true"
        run.mode = mode!.rawValue
        run.weights = StoredJSON.encode(try weights(input.weights))
        run.preferences = StoredJSON.encode(MatchingPreferences(onlyTrained: input.onlyTrained == "true", network: input.network == "true"))
        run.setStatus(.pending)
        run.createdBy = "\(try req.user.fullName) (\(try req.user.login))"
        run.createdOn = req.today.iso
        run.mentorshipIDs = "[]"
        try await compute(req, run, orgs: orgs)
        try await run.create(on: req.db)
        return run
    }

    static func requireRun(_ req: Request, _ id: UUID, _ action: Action) async throws -> (MatchingRunRecord, [UUID]) {
        guard let run = try await MatchingRunRecord.find(id, on: req.db) else { throw Abort(.notFound, reason: "Подбор не найден или вне вашей зоны доступа.") }
        let node = run.organisationID ?? run.municipalityID ?? run.regionID ?? UUID()
        let (_, orgs, _) = try await scope(req, node, action)
        let status = try run.runStatus
        if action == .write, !status.isOpen {
            throw ValidationError("status", "Подбор уже \(status.label): его можно только посмотреть.")
        }
        return (run, orgs)
    }

    static func rerun(_ req: Request, _ id: UUID) async throws -> MatchingRunRecord {
        let (run, orgs) = try await requireRun(req, id, .write)
        try await compute(req, run, orgs: orgs)
        try await run.save(on: req.db)
        return run
    }

    /// The curator's hand on a proposal: lock or unlock a pair, remove it (the pair is then excluded on re-runs),
    /// or swap the mentors of two mentees (both pairs become locked).
    static func act(_ req: Request, _ id: UUID, _ input: PairAction) async throws -> MatchingRunRecord {
        let (run, orgs) = try await requireRun(req, id, .write)
        guard var result: MatchingResult = StoredJSON.decode(run.result), var prefs: MatchingPreferences = StoredJSON.decode(run.preferences) else {
            throw Abort(.internalServerError)
        }
        if input.action == "choose" {
            try await choose(req, run, orgs: orgs, input, result: &result, prefs: &prefs)
            run.result = StoredJSON.encode(result)
            run.preferences = StoredJSON.encode(prefs)
            try await run.save(on: req.db)
            return run
        }
        guard let menteeID = input.menteeID.nonBlank.flatMap({ UUID(uuidString: $0) }), let index = result.pairs.firstIndex(where: { $0.menteeID == menteeID }) else {
            throw ValidationError("menteeID", "Выберите пару из предложения.")
        }
        let pair = result.pairs[index]
        let key = PairKey(mentor: pair.mentorID, mentee: pair.menteeID)
        switch input.action {
        case "lock":
            result.pairs[index].locked = true
            if !prefs.locked.contains(key) { prefs.locked.append(key) }
        case "unlock":
            result.pairs[index].locked = false
            prefs.locked.removeAll { $0 == key }
        case "remove":
            result.pairs.remove(at: index)
            prefs.locked.removeAll { $0 == key }
            prefs.excluded.insert(key)
            result.unmatched.append(UnmatchedMentee(menteeID: menteeID, reason: "пара исключена куратором"))
        case "swap":
            guard let otherID = input.otherMenteeID.nonBlank.flatMap({ UUID(uuidString: $0) }), let j = result.pairs.firstIndex(where: { $0.menteeID == otherID }), j != index else {
                throw ValidationError("otherMenteeID", "Выберите вторую пару для обмена наставниками.")
            }
            let form = try run.runForm
            let pool = try await pool(req.db, organisations: orgs, form: form, today: req.today, network: prefs.network)
            let weights: MatchingWeights = StoredJSON.decode(run.weights) ?? .defaults
            guard let a = pool.mentees.first(where: { $0.id == menteeID }), let b = pool.mentees.first(where: { $0.id == otherID }),
                let ma = pool.mentors.first(where: { $0.id == result.pairs[j].mentorID }), let mb = pool.mentors.first(where: { $0.id == pair.mentorID })
            else { throw ValidationError("otherMenteeID", "Участники подбора изменились: пересчитайте подбор.") }
            var unlocked = prefs
            unlocked.excluded.remove(PairKey(mentor: ma.id, mentee: a.id))
            unlocked.excluded.remove(PairKey(mentor: mb.id, mentee: b.id))
            // The places they swap are theirs already, so capacity is not in question.
            for (mentor, mentee) in [(ma, a), (mb, b)] {
                var roomy = mentor
                roomy.load = min(roomy.load, max(roomy.profile.capacity - 1, 0))
                if let why = MatchingEngine.exclusion(roomy, mentee, form: form, preferences: unlocked, today: req.today) {
                    throw ValidationError("otherMenteeID", "Обмен невозможен: \(mentee.person.shortName) и \(mentor.person.shortName) — \(why).")
                }
            }
            result.pairs[index] = ProposedPair(mentorID: ma.id, menteeID: a.id, score: MatchingEngine.score(ma, a, weights: weights, preferences: prefs, today: req.today), locked: true)
            result.pairs[j] = ProposedPair(mentorID: mb.id, menteeID: b.id, score: MatchingEngine.score(mb, b, weights: weights, preferences: prefs, today: req.today), locked: true)
            prefs.locked.removeAll { $0.mentee == a.id || $0.mentee == b.id }
            prefs.locked += [PairKey(mentor: ma.id, mentee: a.id), PairKey(mentor: mb.id, mentee: b.id)]
        default:
            throw ValidationError("action", "Неизвестное действие: lock, unlock, remove, swap или choose.")
        }
        result.totalScore = (result.pairs.reduce(0) { $0 + $1.score.total } * 100).rounded() / 100
        run.result = StoredJSON.encode(result)
        run.preferences = StoredJSON.encode(prefs)
        try await run.save(on: req.db)
        return run
    }

    /// Places the run's other pairs give each mentor, leaving out `mentee`'s own pair.
    static func taken(_ result: MatchingResult, except mentee: UUID?) -> [UUID: Int] {
        result.pairs.filter { $0.menteeID != mentee }.reduce(into: [:]) { $0[$1.mentorID, default: 0] += 1 }
    }

    /// The curator gives a mentee of the run (paired or left without a pair) a mentor of the run's pool: the pair is
    /// locked, so a re-run keeps it; the mentor needs a place once the run's other pairs are counted.
    static func choose(_ req: Request, _ run: MatchingRunRecord, orgs: [UUID], _ input: PairAction, result: inout MatchingResult, prefs: inout MatchingPreferences) async throws {
        guard let menteeID = input.menteeID.nonBlank.flatMap({ UUID(uuidString: $0) }),
            result.pairs.contains(where: { $0.menteeID == menteeID }) || result.unmatched.contains(where: { $0.menteeID == menteeID })
        else { throw ValidationError("menteeID", "Выберите наставляемого из этого подбора.") }
        guard let mentorID = input.mentorID.nonBlank.flatMap({ UUID(uuidString: $0) }) else {
            throw ValidationError("mentorID", "Выберите наставника из списка.")
        }
        let form = try run.runForm
        let pool = try await pool(req.db, organisations: orgs, form: form, today: req.today, network: prefs.network)
        guard let mentee = pool.mentees.first(where: { $0.id == menteeID }) else {
            throw ValidationError("menteeID", "Наставляемый уже в паре или выбыл из базы: пересчитайте подбор.")
        }
        guard let mentor = pool.mentors.first(where: { $0.id == mentorID }) else {
            let profiles = try await MentorProfileRecord.query(on: req.db).filter(\.$personID == mentorID).all().map(\.core)
            let person = try await PersonRecord.find(mentorID, on: req.db)
            let why = MatchingPoolRule(organisations: orgs, includeNetwork: prefs.network).refusal(profiles, form: form) ?? "не входит в пул этого подбора"
            throw ValidationError("mentorID", "Наставник \(person?.core.shortName ?? "") \(why).")
        }
        if let why = MatchingEngine.choiceRefusal(mentor, mentee, taken: taken(result, except: menteeID)[mentorID] ?? 0, form: form, preferences: prefs, today: req.today) {
            throw ValidationError("mentorID", "Нельзя дать \(mentee.person.shortName) наставника \(mentor.person.shortName): \(why).")
        }
        let weights: MatchingWeights = StoredJSON.decode(run.weights) ?? .defaults
        let key = PairKey(mentor: mentorID, mentee: menteeID)
        let pair = ProposedPair(mentorID: mentorID, menteeID: menteeID, score: MatchingEngine.score(mentor, mentee, weights: weights, preferences: prefs, today: req.today), locked: true)
        if let i = result.pairs.firstIndex(where: { $0.menteeID == menteeID }) {
            result.pairs[i] = pair
        } else {
            result.pairs.append(pair)
        }
        result.unmatched.removeAll { $0.menteeID == menteeID }
        prefs.excluded.remove(key)
        prefs.locked.removeAll { $0.mentee == menteeID }
        prefs.locked.append(key)
        result.totalScore = (result.pairs.reduce(0) { $0 + $1.score.total } * 100).rounded() / 100
    }

    /// The ranked shortlist of every mentee of a pending run (paired or not) and the names of the pool's mentors
    /// (name, organisation): what the curator chooses from on the run page.
    static func shortlists(_ req: Request, _ run: MatchingRunRecord, orgs: [UUID]) async throws -> ([UUID: [ShortlistEntry]], [UUID: (String, String)]) {
        guard let result: MatchingResult = StoredJSON.decode(run.result) else { return ([:], [:]) }
        let prefs: MatchingPreferences = StoredJSON.decode(run.preferences) ?? MatchingPreferences()
        let form = try run.runForm
        let pool = try await pool(req.db, organisations: orgs, form: form, today: req.today, network: prefs.network)
        let weights: MatchingWeights = StoredJSON.decode(run.weights) ?? .defaults
        var out: [UUID: [ShortlistEntry]] = [:]
        for id in result.pairs.map(\.menteeID) + result.unmatched.map(\.menteeID) {
            guard let mentee = pool.mentees.first(where: { $0.id == id }) else { continue }
            out[id] = MatchingEngine.shortlist(for: mentee, mentors: pool.mentors, taken: taken(result, except: id), form: form, weights: weights, preferences: prefs, today: req.today)
        }
        return (out, pool.names)
    }

    /// Creates the proposed mentorships (status «формируется») in one transaction: all or none.
    static func approve(_ req: Request, _ id: UUID) async throws -> [UUID] {
        let user = try req.user
        let (run, orgs) = try await requireRun(req, id, .write)
        guard let result: MatchingResult = StoredJSON.decode(run.result), !result.pairs.isEmpty else {
            throw ValidationError("pairs", "В предложении нет пар.")
        }
        let form = try run.runForm
        let pool = try await pool(req.db, organisations: orgs, form: form, today: req.today)
        let menteeOrg = Dictionary(uniqueKeysWithValues: pool.mentees.map { ($0.id, $0.profile.organisationID) })
        // Pairs, or one group per mentor and organisation.
        var groups: [(mentor: UUID, org: UUID, mentees: [UUID])] = []
        for p in result.pairs {
            guard let org = menteeOrg[p.menteeID] else {
                throw ValidationError("pairs", "Наставляемый из предложения уже в паре или выбыл из базы: пересчитайте подбор.")
            }
            if run.grouped, let k = groups.firstIndex(where: { $0.mentor == p.mentorID && $0.org == org }) {
                groups[k].mentees.append(p.menteeID)
            } else {
                groups.append((p.mentorID, org, [p.menteeID]))
            }
        }
        let start = req.today
        var planned: [(Mentorship, [Candidate], [Candidate])] = []
        var issues: [FieldIssue] = []
        var extraLoad: [UUID: [Engagement]] = [:]
        for g in groups {
            let m = Mentorship(organisationID: g.org, form: form, kind: g.mentees.count > 1 ? .group : .traditional, start: start, plannedEnd: start.adding(months: 9).adding(days: -1))
            var mentors = try await MentorshipService.candidates(req.db, [g.mentor], m, justification: nil)
            mentors[0].engagements += extraLoad[g.mentor] ?? []
            let mentees = try await MentorshipService.candidates(req.db, g.mentees, m, justification: nil)
            issues += MentorshipRules.validate(m, mentors: mentors, mentees: mentees, today: req.today)
            extraLoad[g.mentor, default: []].append(Engagement(mentorshipID: m.id, form: form, role: .mentor, menteeCount: g.mentees.count))
            planned.append((m, mentors, mentees))
        }
        try ValidationError.check(issues)
        let toCreate = planned
        try await req.db.transaction { db in
            for (m, mentors, mentees) in toCreate { try await MentorshipService.persist(db, user, m, mentors: mentors, mentees: mentees) }
            run.setStatus(.approved)
            run.decidedOn = req.today.iso
            run.mentorshipIDs = StoredJSON.encode(toCreate.map(\.0.id))
            try await run.save(on: db)
        }
        return planned.map(\.0.id)
    }

    static func discard(_ req: Request, _ id: UUID) async throws -> MatchingRunRecord {
        let (run, _) = try await requireRun(req, id, .write)
        run.setStatus(.discarded)
        run.decidedOn = req.today.iso
        try await run.save(on: req.db)
        return run
    }

    static func dto(_ req: Request, _ run: MatchingRunRecord) async throws -> RunDTO {
        let result: MatchingResult = StoredJSON.decode(run.result) ?? MatchingResult(pairs: [], unmatched: [], totalScore: 0)
        let ids = result.pairs.flatMap { [$0.mentorID, $0.menteeID] } + result.unmatched.map(\.menteeID)
        let people = try await MentorshipStore.people(req.db, ids)
        let weights: MatchingWeights = StoredJSON.decode(run.weights) ?? .defaults
        let node = run.organisationID ?? run.municipalityID ?? run.regionID
        let scoped = try await node.asyncMap { try await scope(req, $0, .read) }
        let prefs: MatchingPreferences? = StoredJSON.decode(run.preferences)
        let places = try await affiliations(req.db, Array(people.keys), preferring: scoped?.1 ?? [], today: req.today)
        let core = try run.core
        return RunDTO(
            id: core.id, scope: scoped?.2 ?? "—", form: core.form, grouped: core.grouped,
            onlyTrained: prefs?.onlyTrained ?? false, network: prefs?.network ?? false,
            mode: core.mode, weights: Dictionary(uniqueKeysWithValues: weights.values.map { ($0.key.rawValue, $0.value) }),
            status: core.status, createdOn: core.createdOn, createdBy: core.createdBy, result: result,
            people: people.values.sorted { $0.fullName < $1.fullName }.map { p in
                NamedPerson(id: p.id, name: p.fullName, organisation: places[p.id]?.organisation ?? "", position: places[p.id]?.position)
            },
            mentorshipIDs: StoredJSON.decode(run.mentorshipIDs) ?? [], pool: run.pool.flatMap { StoredJSON.decode($0) } ?? [])
    }

    /// Where each person works, as the run page names them: their place in the run's organisations first, else
    /// their own (a network mentor's school).
    static func affiliations(_ db: any Database, _ ids: [UUID], preferring orgs: [UUID], today: Day) async throws -> [UUID: (organisation: String, position: String?)] {
        let memberships = Dictionary(grouping: try await MentorshipStore.all(MembershipRecord.self, db, \.$personID, in: ids), by: \.personID)
        var chosen: [UUID: Membership] = [:]
        for id in ids {
            if let m = Affiliation.place(memberships[id] ?? [], preferring: orgs, on: today) { chosen[id] = m }
        }
        let orgIDs = Array(Set(chosen.values.map(\.organisationID)))
        let records = orgIDs.isEmpty ? [] : try await OrganisationRecord.query(on: db).filter(\.$id ~~ orgIDs).all()
        let names = Dictionary(records.compactMap { r in r.id.map { ($0, r.shortName) } }, uniquingKeysWith: { a, _ in a })
        return chosen.mapValues { (names[$0.organisationID] ?? "", $0.position.nonBlank) }
    }

    static func list(_ req: Request) async throws -> [MatchingRunRecord] {
        let actor = try req.user.actor
        guard AccessPolicy.permits(actor.role, .read, .matching) else { return [] }
        let runs = try await MatchingRunRecord.query(on: req.db).sort(\.$createdAt, .descending).all()
        return runs.filter { AccessPolicy.allows(actor, .read, .matching, at: $0.placement) }
    }

    /// Five best mentors for one mentee, and the mentee as the engine sees them.
    static func suggestions(_ req: Request, menteeID: UUID, form: MentorshipForm, network: Bool = false) async throws -> (MatchingMentee, [ProposedPair], MatchingPool) {
        guard let profile = try await MenteeProfileRecord.query(on: req.db).filter(\.$personID == menteeID).first()?.core else {
            throw Abort(.notFound, reason: "Наставляемый не найден в базе или вне вашей зоны доступа.")
        }
        _ = try await scope(req, profile.organisationID, .read)
        let pool = try await pool(req.db, organisations: [profile.organisationID], form: form, today: req.today, network: network)
        guard let mentee = pool.mentees.first(where: { $0.id == menteeID }) else {
            if let unfit = pool.unfit.first(where: { $0.id == menteeID }) {
                throw ValidationError("form", "\(unfit.person.shortName) не может быть наставляемым в форме «\(form.label)»: \(form.rolesHint). Выберите другую форму.")
            }
            throw ValidationError("menteeID", "Наставляемый уже в паре в форме «\(form.label)» или выбыл из базы.")
        }
        let prefs = try await marks(req.db, mentees: [menteeID])
        return (mentee, MatchingEngine.suggestions(for: mentee, mentors: pool.mentors, form: form, weights: .defaults, preferences: prefs, today: req.today), pool)
    }

    static func mark(_ req: Request, _ input: MarkInput) async throws -> MatchingMarkRecord {
        let actor = try req.user.actor
        guard let menteeID = input.menteeID.nonBlank.flatMap({ UUID(uuidString: $0) }), let mentorID = input.mentorID.nonBlank.flatMap({ UUID(uuidString: $0) }),
            let profile = try await MenteeProfileRecord.query(on: req.db).filter(\.$personID == menteeID).first()
        else { throw ValidationError("menteeID", "Укажите наставляемого из базы и наставника.") }
        let (placement, _, _) = try await scope(req, profile.organisationID, .read)
        let kind = input.kind ?? ""
        let value: Int
        switch kind {
        case "mentee_rank", "mentor_rank":
            guard AccessPolicy.allows(actor, .write, .matching, at: placement) else { throw Abort(.forbidden, reason: "Анкеты предпочтений вносит куратор.") }
            guard let rank = input.value.flatMap({ Int($0) }), (1...10).contains(rank) else { throw ValidationError("value", "Место в списке предпочтений — от 1 до 10.") }
            value = rank
        case "psychologist":
            guard actor.role == .psychologist || AccessPolicy.allows(actor, .write, .matching, at: placement) else { throw Abort(.forbidden) }
            guard let mark = input.value.flatMap(CompatibilityMark.parse) else { throw ValidationError("value", "Отметка психолога: совместимы или не рекомендуется.") }
            value = mark == .compatible ? 1 : 0
        default:
            throw ValidationError("kind", "Вид отметки: mentee_rank, mentor_rank или psychologist.")
        }
        guard try await PersonRecord.find(mentorID, on: req.db) != nil else { throw ValidationError("mentorID", "Наставник не найден.") }
        let record = try await MatchingMarkRecord.query(on: req.db).filter(\.$mentorID == mentorID).filter(\.$menteeID == menteeID).filter(\.$kind == kind).first()
            ?? MatchingMarkRecord(organisationID: profile.organisationID, mentorID: mentorID, menteeID: menteeID, kind: kind, value: value, recordedBy: "")
        record.value = value
        record.recordedBy = "\(try req.user.fullName) (\(try req.user.login))"
        try await record.save(on: req.db)
        return record
    }
}
