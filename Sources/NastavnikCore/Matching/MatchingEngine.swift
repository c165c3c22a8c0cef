import Foundation

/// A named criterion of the compatibility score («почему эта пара»).
public enum MatchingCriterion: String, Labelled {
    case coverage, subject, place, experience, preference, psychologist, load
    public var label: String {
        switch self {
        case .coverage: "запрос и дефициты закрыты компетенциями"
        case .subject: "тот же предмет"
        case .place: "та же организация (муниципалитет)"
        case .experience: "разница в опыте"
        case .preference: "взаимные предпочтения"
        case .psychologist: "мнение педагога-психолога"
        case .load: "свободная нагрузка наставника"
        }
    }
}

/// Points per criterion at full match; the curator sets them per run. Defaults sum to 100.
public struct MatchingWeights: Sendable, Equatable, Codable {
    public var values: [MatchingCriterion: Double]
    public init(_ values: [MatchingCriterion: Double]) { self.values = values }
    public static let defaults = MatchingWeights([
        .coverage: 35, .subject: 15, .place: 10, .experience: 10, .preference: 15, .psychologist: 10, .load: 5,
    ])
    public subscript(_ c: MatchingCriterion) -> Double { values[c] ?? 0 }

    public func validate() -> [FieldIssue] {
        let bad = values.filter { !(0...100).contains($0.value) }
        return bad.isEmpty ? [] : [.init("weights", "Вес критерия — от 0 до 100 баллов.")]
    }
}

extension MatchingCriterion: CodingKeyRepresentable {}

/// The psychologist's view of a pair (seed 003).
public enum CompatibilityMark: String, Labelled {
    case compatible, notRecommended = "not_recommended"
    public var label: String { self == .compatible ? "совместимы" : "не рекомендуется" }
}

public struct PairKey: Sendable, Hashable, Codable {
    public var mentor: UUID
    public var mentee: UUID
    public init(mentor: UUID, mentee: UUID) {
        self.mentor = mentor
        self.mentee = mentee
    }
}

/// A mentor as the engine sees them.
public struct MatchingMentor: Sendable {
    public var person: Person
    public var profile: MentorProfile
    public var memberships: [Membership]
    public var consents: [Consent]
    public var municipalityID: UUID?
    /// Mentees they lead now (open mentorships).
    public var load: Int

    public init(person: Person, profile: MentorProfile, memberships: [Membership], consents: [Consent], municipalityID: UUID?, load: Int) {
        self.person = person
        self.profile = profile
        self.memberships = memberships
        self.consents = consents
        self.municipalityID = municipalityID
        self.load = load
    }

    public var id: UUID { person.id }
    public var freePlaces: Int { max(profile.capacity - load, 0) }
}

public struct MatchingMentee: Sendable {
    public var person: Person
    public var profile: MenteeProfile
    public var memberships: [Membership]
    public var consents: [Consent]
    public var municipalityID: UUID?

    public init(person: Person, profile: MenteeProfile, memberships: [Membership], consents: [Consent], municipalityID: UUID?) {
        self.person = person
        self.profile = profile
        self.memberships = memberships
        self.consents = consents
        self.municipalityID = municipalityID
    }

    public var id: UUID { person.id }
}

/// Rankings from the preference questionnaire, the psychologist's marks, and the curator's decisions.
public struct MatchingPreferences: Sendable, Codable, Equatable {
    /// Mentee → mentors, most preferred first.
    public var menteeRanking: [UUID: [UUID]]
    /// Mentor → mentees, most preferred first.
    public var mentorRanking: [UUID: [UUID]]
    public var marks: [PairKey: CompatibilityMark]
    public var excluded: Set<PairKey>
    public var locked: [PairKey]
    /// The run's option «только обученные наставники»: a mentor who has not finished the mentor school is never proposed.
    public var onlyTrained: Bool
    /// The run's option «привлечь сетевых наставников»: a run for one organisation also considers network mentors of
    /// other organisations (`MatchingPoolRule`).
    public var network: Bool

    public init(menteeRanking: [UUID: [UUID]] = [:], mentorRanking: [UUID: [UUID]] = [:], marks: [PairKey: CompatibilityMark] = [:],
                excluded: Set<PairKey> = [], locked: [PairKey] = [], onlyTrained: Bool = false, network: Bool = false) {
        self.menteeRanking = menteeRanking
        self.mentorRanking = mentorRanking
        self.marks = marks
        self.excluded = excluded
        self.locked = locked
        self.onlyTrained = onlyTrained
        self.network = network
    }

    enum CodingKeys: String, CodingKey { case menteeRanking, mentorRanking, marks, excluded, locked, onlyTrained, network }

    /// Runs stored before an option existed read as «any training status» and «без сетевых наставников».
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(menteeRanking: try c.decode([UUID: [UUID]].self, forKey: .menteeRanking), mentorRanking: try c.decode([UUID: [UUID]].self, forKey: .mentorRanking),
                  marks: try c.decode([PairKey: CompatibilityMark].self, forKey: .marks), excluded: try c.decode(Set<PairKey>.self, forKey: .excluded),
                  locked: try c.decode([PairKey].self, forKey: .locked), onlyTrained: try c.decodeIfPresent(Bool.self, forKey: .onlyTrained) ?? false,
                  network: try c.decodeIfPresent(Bool.self, forKey: .network) ?? false)
    }
}

public struct CriterionScore: Sendable, Equatable, Codable {
    public var criterion: MatchingCriterion
    public var points: Double
    public var explanation: String
}

/// A (mentor, mentee) score with its parts.
public struct ScoreBreakdown: Sendable, Equatable, Codable {
    public var total: Double
    public var parts: [CriterionScore]
}

public struct ProposedPair: Sendable, Equatable, Codable {
    public var mentorID: UUID
    public var menteeID: UUID
    public var score: ScoreBreakdown
    public var locked: Bool

    public init(mentorID: UUID, menteeID: UUID, score: ScoreBreakdown, locked: Bool) {
        self.mentorID = mentorID
        self.menteeID = menteeID
        self.score = score
        self.locked = locked
    }
}

public enum MatchingMode: String, Labelled {
    case optimal, optimalCountFirst = "optimal_count_first", stable
    public var label: String {
        switch self {
        case .optimal: "оптимальный (наибольшая сумма баллов)"
        case .optimalCountFirst: "оптимальный, никого не оставить без пары"
        case .stable: "устойчивый (по анкетам предпочтений)"
        }
    }
}

public struct UnmatchedMentee: Sendable, Equatable, Codable {
    public var menteeID: UUID
    public var reason: String

    public init(menteeID: UUID, reason: String) {
        self.menteeID = menteeID
        self.reason = reason
    }
}

public struct MatchingResult: Sendable, Equatable, Codable {
    public var pairs: [ProposedPair]
    /// Mentees nobody was proposed for, and why.
    public var unmatched: [UnmatchedMentee]
    public var totalScore: Double

    public init(pairs: [ProposedPair], unmatched: [UnmatchedMentee], totalScore: Double) {
        self.pairs = pairs
        self.unmatched = unmatched
        self.totalScore = totalScore
    }
}

extension MatchingMentee {
    /// Whether, on the day, one of their places is of a role this form's mentees are drawn from: a pupil of the base
    /// of mentees is no candidate for «учитель – учитель», a teacher none for «ученик – ученик».
    public func fits(_ form: MentorshipForm, on day: Day) -> Bool {
        MatchingEngine.currentMemberships(memberships, on: day).contains { form.menteeRoles.contains($0.role) }
    }
}

public enum MatchingEngine {
    /// Which mentor competencies answer a mentee's main request (seed 001, Table 2).
    public static func competencies(for request: MainRequest) -> [Competency] {
        switch request {
        case .methodical: [.organisationalMethodical, .subject]
        case .classManagement: [.psychoPedagogical, .organisationalMethodical]
        case .digital: [.organisationalMethodical, .analytic]
        case .adaptation: [.psychoPedagogical]
        case .contest: [.subject, .research, .organisationalMethodical]
        case .subjectKnowledge: [.subject]
        case .discipline: [.psychoPedagogical, .diagnostic]
        case .parents: [.psychoPedagogical]
        case .research: [.research, .analytic]
        case .career: [.prognostic, .psychoPedagogical]
        case .personal: [.psychoPedagogical, .diagnostic]
        }
    }

    static func currentMemberships(_ ms: [Membership], on day: Day) -> [Membership] { ms.filter { $0.period.contains(day) } }

    /// Why this pair may not be proposed at all, or nil when it may (the hard constraints).
    public static func exclusion(_ mentor: MatchingMentor, _ mentee: MatchingMentee, form: MentorshipForm, preferences: MatchingPreferences, today: Day) -> String? {
        if mentor.id == mentee.id { return "один и тот же человек" }
        if preferences.excluded.contains(PairKey(mentor: mentor.id, mentee: mentee.id)) { return "пара исключена куратором" }
        if !ConsentRules.hasValidProcessingConsent(mentor.person, consents: mentor.consents, on: today) { return "нет согласия наставника" }
        if !ConsentRules.hasValidProcessingConsent(mentee.person, consents: mentee.consents, on: today) {
            return mentee.person.isMinor(on: today) ? "нет согласия родителя наставляемого" : "нет согласия наставляемого"
        }
        let mentorNow = currentMemberships(mentor.memberships, on: today)
        if !mentorNow.contains(where: { form.mentorRoles.contains($0.role) }) { return "наставник не подходит для формы «\(form.label)»" }
        if !mentee.fits(form, on: today) { return "наставляемый не подходит для формы «\(form.label)»" }
        if !mentor.profile.forms.contains(form) { return "наставник не ведёт форму «\(form.label)»" }
        if mentor.profile.status == .left { return "наставник выбыл из базы" }
        if mentor.freePlaces == 0 { return "у наставника нет свободных мест" }
        if preferences.onlyTrained, mentor.profile.training != .trained { return "наставник не прошёл обучение в школе наставников" }
        if mentor.profile.organisationID != mentee.profile.organisationID, !mentor.profile.network { return "наставник не готов к сетевому наставничеству" }
        let teaches = mentorNow.contains { $0.role == .pedagogical || $0.role == .managerial }
        if teaches, form != .reverse, !MentorshipRules.hasNormalExperience(mentor.person, on: today) { return "у наставника-педагога стаж 3 года и меньше" }
        if form == .reverse, mentor.person.birthDate <= mentee.person.birthDate { return "в реверсивном наставничестве наставник младше" }
        // A minor is mentored by a teacher, or by someone who has finished the mentor school.
        if mentee.person.isMinor(on: today), !teaches, mentor.profile.training != .trained { return "несовершеннолетнего наставляет педагог или обученный наставник" }
        return nil
    }

    static func rankFraction(_ list: [UUID]?, _ id: UUID) -> Double? {
        guard let list, !list.isEmpty else { return nil }
        guard let r = list.firstIndex(of: id) else { return 0 }
        return Double(list.count - r) / Double(list.count)
    }

    static func subjects(_ ms: [Membership], _ day: Day) -> Set<String> {
        Set(currentMemberships(ms, on: day).flatMap(\.subjects).map { $0.lowercased() })
    }

    public static func score(_ mentor: MatchingMentor, _ mentee: MatchingMentee, weights w: MatchingWeights, preferences: MatchingPreferences, today: Day) -> ScoreBreakdown {
        var parts: [CriterionScore] = []
        func add(_ c: MatchingCriterion, _ fraction: Double, _ why: String) {
            parts.append(CriterionScore(criterion: c, points: (w[c] * min(max(fraction, 0), 1) * 100).rounded() / 100, explanation: why))
        }
        // Coverage of the request and of the deficits.
        let needed = Set(competencies(for: mentee.profile.mainRequest))
        let have = Set(mentor.profile.competencies)
        let covered = needed.intersection(have)
        let names = Competency.allCases.filter(covered.contains).map(\.label)
        add(.coverage, needed.isEmpty ? 1 : Double(covered.count) / Double(needed.count),
            covered.isEmpty ? "запрос «\(mentee.profile.mainRequest.label)» не закрыт компетенциями наставника"
                : "запрос «\(mentee.profile.mainRequest.label)»: \(names.joined(separator: ", ")) — \(covered.count) из \(needed.count)")
        let ms = subjects(mentor.memberships, today), me = subjects(mentee.memberships, today)
        let common = ms.intersection(me)
        if me.isEmpty {
            add(.subject, 0.5, "предмет наставляемого не указан")
        } else {
            add(.subject, common.isEmpty ? 0 : 1, common.isEmpty ? "разные предметы" : "общий предмет: \(common.sorted().joined(separator: ", "))")
        }
        if mentor.profile.organisationID == mentee.profile.organisationID {
            add(.place, 1, "одна организация")
        } else if mentor.municipalityID != nil, mentor.municipalityID == mentee.municipalityID {
            add(.place, 0.5, "один муниципалитет (сетевое наставничество)")
        } else {
            add(.place, 0, "разные муниципалитеты")
        }
        if let a = mentor.person.pedagogicalExperience(on: today), let b = mentee.person.pedagogicalExperience(on: today) {
            let gap = a.decimalYears - b.decimalYears
            add(.experience, gap / 10, "педагогический стаж \(Int(a.decimalYears)) и \(Int(b.decimalYears)) лет: разница \(Int(gap.rounded())) (полный балл — от 10 лет)")
        } else {
            let gap = Double(mentor.person.age(on: today) - mentee.person.age(on: today))
            let fraction = mentee.profile.categories.contains(where: \.isStudentCategory) || mentee.person.isMinor(on: today) ? gap / 3 : gap / 10
            add(.experience, fraction, "разница в возрасте \(Int(gap)) лет")
        }
        let mine = rankFraction(preferences.menteeRanking[mentee.id], mentor.id)
        let theirs = rankFraction(preferences.mentorRanking[mentor.id], mentee.id)
        switch (mine, theirs) {
        case (nil, nil): add(.preference, 0.5, "анкеты предпочтений не заполнены")
        default:
            let values = [mine, theirs].compactMap { $0 }
            add(.preference, values.reduce(0, +) / Double(values.count),
                [mine.map { $0 > 0 ? "наставляемый выбрал наставника" : "наставляемый его не выбрал" }, theirs.map { $0 > 0 ? "наставник выбрал наставляемого" : "наставник его не выбрал" }]
                    .compactMap { $0 }.joined(separator: "; "))
        }
        switch preferences.marks[PairKey(mentor: mentor.id, mentee: mentee.id)] {
        case .compatible?: add(.psychologist, 1, "психолог: совместимы")
        case .notRecommended?: add(.psychologist, 0, "психолог: не рекомендуется")
        case nil: add(.psychologist, 0.5, "психолог не оценивал")
        }
        add(.load, Double(mentor.freePlaces) / Double(max(mentor.profile.capacity, 1)), "занято \(mentor.load) из \(mentor.profile.capacity) мест")
        return ScoreBreakdown(total: (parts.reduce(0) { $0 + $1.points } * 100).rounded() / 100, parts: parts)
    }

    /// Runs the matching: locked pairs are kept, the rest is solved exactly in the chosen mode.
    public static func run(mentors: [MatchingMentor], mentees: [MatchingMentee], form: MentorshipForm, mode: MatchingMode, weights: MatchingWeights,
                           preferences: MatchingPreferences, today: Day) -> MatchingResult {
        let mentorIndex = Dictionary(uniqueKeysWithValues: mentors.enumerated().map { ($1.id, $0) })
        var capacity = mentors.map { Int32($0.freePlaces) }
        var pairs: [ProposedPair] = []
        var lockedMentees = Set<UUID>()
        for key in preferences.locked {
            guard let j = mentorIndex[key.mentor], let mentee = mentees.first(where: { $0.id == key.mentee }), !lockedMentees.contains(key.mentee) else { continue }
            pairs.append(ProposedPair(mentorID: key.mentor, menteeID: key.mentee, score: score(mentors[j], mentee, weights: weights, preferences: preferences, today: today), locked: true))
            lockedMentees.insert(key.mentee)
            capacity[j] = max(capacity[j] - 1, 0)
        }
        let open = mentees.filter { !lockedMentees.contains($0.id) }
        var edges: [(mentee: Int, mentor: Int, weight: Int64)] = []
        var breakdowns: [Int: [Int: ScoreBreakdown]] = [:]
        var unmatched: [UUID: String] = [:]
        for (i, mentee) in open.enumerated() {
            var reasons: [String: Int] = [:]
            for (j, mentor) in mentors.enumerated() {
                if let why = exclusion(mentor, mentee, form: form, preferences: preferences, today: today) {
                    reasons[why, default: 0] += 1
                    continue
                }
                if capacity[j] == 0 { reasons["места наставника заняты закреплёнными парами", default: 0] += 1; continue }
                let s = score(mentor, mentee, weights: weights, preferences: preferences, today: today)
                breakdowns[i, default: [:]][j] = s
                edges.append((i, j, Int64((s.total * 100).rounded())))
            }
            if breakdowns[i] == nil {
                unmatched[mentee.id] = reasons.isEmpty ? "нет наставников в базе" : "нет подходящих наставников: " + reasons.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(3).map { "\($0.key) (\($0.value))" }.joined(separator: "; ")
            }
        }
        let problem = MatchingProblem(menteeCount: open.count, capacity: capacity, edges: edges)
        let assignment: [Int32]
        switch mode {
        case .optimal, .optimalCountFirst:
            assignment = OptimalMatcher.solve(problem, maximiseCount: mode == .optimalCountFirst).mentorOf
        case .stable:
            let (menteePrefs, mentorPrefs) = preferenceLists(problem, open: open, mentors: mentors, preferences: preferences)
            assignment = StableMatcher.solve(menteePrefs: menteePrefs, mentorPrefs: mentorPrefs, capacity: capacity)
        }
        for (i, j) in assignment.enumerated() {
            if j >= 0, let s = breakdowns[i]?[Int(j)] {
                pairs.append(ProposedPair(mentorID: mentors[Int(j)].id, menteeID: open[i].id, score: s, locked: false))
            } else if unmatched[open[i].id] == nil {
                unmatched[open[i].id] = "подходящие наставники заняты более подходящими парами"
            }
        }
        pairs.sort { ($0.locked ? 0 : 1, -$0.score.total, $0.menteeID.uuidString) < ($1.locked ? 0 : 1, -$1.score.total, $1.menteeID.uuidString) }
        let reasons = open.compactMap { m in unmatched[m.id].map { UnmatchedMentee(menteeID: m.id, reason: $0) } }
        return MatchingResult(pairs: pairs, unmatched: reasons, totalScore: (pairs.reduce(0) { $0 + $1.score.total } * 100).rounded() / 100)
    }

    /// Ranked lists for deferred acceptance: questionnaire rankings first (as given), then the other
    /// admissible partners by score; only admissible pairs appear.
    static func preferenceLists(_ p: MatchingProblem, open: [MatchingMentee], mentors: [MatchingMentor], preferences: MatchingPreferences) -> ([[Int32]], [[Int32]]) {
        var menteePrefs: [[Int32]] = []
        var byMentor = [[(Int32, Int64)]](repeating: [], count: mentors.count)
        for i in 0..<p.menteeCount {
            let ranked = preferences.menteeRanking[open[i].id] ?? []
            let options = p.edges(of: i).map { (mentor: p.edgeMentor[$0], weight: p.edgeWeight[$0]) }
            for o in options { byMentor[Int(o.mentor)].append((Int32(i), o.weight)) }
            menteePrefs.append(options.sorted { a, b in
                let ra = ranked.firstIndex(of: mentors[Int(a.mentor)].id) ?? Int.max, rb = ranked.firstIndex(of: mentors[Int(b.mentor)].id) ?? Int.max
                return (ra, -a.weight, a.mentor) < (rb, -b.weight, b.mentor)
            }.map(\.mentor))
        }
        let mentorPrefs = byMentor.enumerated().map { j, list in
            let ranked = preferences.mentorRanking[mentors[j].id] ?? []
            return list.sorted { a, b in
                let ra = ranked.firstIndex(of: open[Int(a.0)].id) ?? Int.max, rb = ranked.firstIndex(of: open[Int(b.0)].id) ?? Int.max
                return (ra, -a.1, a.0) < (rb, -b.1, b.0)
            }.map(\.0)
        }
        return (menteePrefs, mentorPrefs)
    }

    /// The five best admissible mentors for one mentee, with explanations, for a manual choice.
    public static func suggestions(for mentee: MatchingMentee, mentors: [MatchingMentor], form: MentorshipForm, weights: MatchingWeights,
                                   preferences: MatchingPreferences, today: Day, limit: Int = 5) -> [ProposedPair] {
        mentors.compactMap { m -> ProposedPair? in
            guard exclusion(m, mentee, form: form, preferences: preferences, today: today) == nil else { return nil }
            return ProposedPair(mentorID: m.id, menteeID: mentee.id, score: score(m, mentee, weights: weights, preferences: preferences, today: today), locked: false)
        }
        .sorted { (-$0.score.total, $0.mentorID.uuidString) < (-$1.score.total, $1.mentorID.uuidString) }
        .prefix(limit).map { $0 }
    }
}
