import Foundation

/// Whom a matching run considers as mentors (issue 23, defect 5). A run for one organisation takes that organisation's
/// mentors; mentors of other organisations (network mentors of the region's pool, seed 004) only when the run asks for
/// them. A run for a municipality or a region covers every organisation in it, so all their mentors are its own.
public struct MatchingPoolRule: Sendable, Equatable {
    /// The organisations the run is for.
    public var organisations: Set<UUID>
    /// «Привлечь сетевых наставников»: mentors of other organisations who agreed to mentor beyond their own.
    public var includeNetwork: Bool

    public init(organisations: some Sequence<UUID>, includeNetwork: Bool) {
        self.organisations = Set(organisations)
        self.includeNetwork = includeNetwork
    }

    /// Whether this mentor profile belongs to the run's pool for `form`.
    public func admits(_ profile: MentorProfile, form: MentorshipForm) -> Bool {
        guard profile.status != .left, profile.forms.contains(form) else { return false }
        return organisations.contains(profile.organisationID) || (includeNetwork && profile.network)
    }

    /// Why a mentor may not be chosen in this run, or nil when their profile is in its pool.
    public func refusal(_ profiles: [MentorProfile], form: MentorshipForm) -> String? {
        if profiles.contains(where: { admits($0, form: form) }) { return nil }
        let active = profiles.filter { $0.status != .left }
        if active.isEmpty { return "не состоит в базе наставников" }
        if !active.contains(where: { $0.forms.contains(form) }) { return "не ведёт форму «\(form.label)»" }
        if !includeNetwork { return "из другой организации, а подбор идёт без сетевых наставников" }
        return "не готов к сетевому наставничеству"
    }
}

/// One mentor of a mentee's ranked shortlist on the run page.
public struct ShortlistEntry: Sendable, Equatable {
    public var mentorID: UUID
    public var score: ScoreBreakdown
    /// Places left once the run's other pairs are counted.
    public var freePlaces: Int
    /// The strongest reasons first.
    public var reasons: [String]
}

extension ScoreBreakdown {
    /// The explanations of the criteria that gave the most points (criterion order breaks ties).
    public func reasons(_ count: Int) -> [String] {
        let order = MatchingCriterion.allCases
        return parts.filter { $0.points > 0 }
            .sorted { ($1.points, order.firstIndex(of: $0.criterion) ?? 0) < ($0.points, order.firstIndex(of: $1.criterion) ?? 0) }
            .prefix(max(count, 0)).map(\.explanation)
    }
}

extension MatchingEngine {
    /// A mentor as they stand inside a run: `taken` places already given to the run's other pairs.
    static func within(_ mentor: MatchingMentor, taken: Int) -> MatchingMentor {
        var m = mentor
        m.load = mentor.load + max(taken, 0)
        return m
    }

    /// The mentors the curator may choose for one mentee of a run, best first: admissible pairs whose mentor keeps a
    /// place once the run's other pairs are counted (`taken`: mentor → places those pairs use).
    public static func shortlist(for mentee: MatchingMentee, mentors: [MatchingMentor], taken: [UUID: Int], form: MentorshipForm,
                                 weights: MatchingWeights, preferences: MatchingPreferences, today: Day, limit: Int = 5) -> [ShortlistEntry] {
        mentors.compactMap { m -> ShortlistEntry? in
            let inRun = within(m, taken: taken[m.id] ?? 0)
            guard inRun.freePlaces > 0, exclusion(inRun, mentee, form: form, preferences: preferences, today: today) == nil else { return nil }
            let s = score(m, mentee, weights: weights, preferences: preferences, today: today)
            return ShortlistEntry(mentorID: m.id, score: s, freePlaces: inRun.freePlaces, reasons: s.reasons(2))
        }
        .sorted { (-$0.score.total, $0.mentorID.uuidString) < (-$1.score.total, $1.mentorID.uuidString) }
        .prefix(max(limit, 0)).map { $0 }
    }

    /// Why the curator may not give `mentee` to `mentor` in a run, or nil when they may: the mentor needs a place once the
    /// run's other pairs (`taken`) are counted, and the pair must pass every hard constraint. The curator's own choice
    /// overrides an earlier «убрать» of the same pair.
    public static func choiceRefusal(_ mentor: MatchingMentor, _ mentee: MatchingMentee, taken: Int, form: MentorshipForm,
                                     preferences: MatchingPreferences, today: Day) -> String? {
        let inRun = within(mentor, taken: taken)
        if inRun.freePlaces == 0 {
            return "у наставника нет свободных мест: занято \(inRun.load) из \(mentor.profile.capacity) с учётом пар этого подбора"
        }
        var chosen = preferences
        chosen.excluded.remove(PairKey(mentor: mentor.id, mentee: mentee.id))
        return exclusion(inRun, mentee, form: form, preferences: chosen, today: today)
    }
}

/// Where a person works, as documents and tables name them: «Петрова Анна Сергеевна, учитель математики МБОУ СОШ № 12».
public enum Affiliation {
    /// The place a person is named by: a membership current on `day` at the first of `preferred` organisations, else
    /// any current staff place, else any current place, else the latest place at all.
    public static func place(_ memberships: [Membership], preferring preferred: [UUID], on day: Day) -> Membership? {
        let current = memberships.filter { $0.period.contains(day) }
        for org in preferred {
            if let m = current.first(where: { $0.organisationID == org }) { return m }
        }
        return current.first { $0.role != .student } ?? current.first ?? memberships.max { $0.period.start < $1.period.start }
    }

    /// The name, then the position and the organisation as far as they are known.
    public static func line(_ fullName: String, position: String?, organisation: String?) -> String {
        let place = [position.nonBlank, organisation.nonBlank].compactMap { $0 }.joined(separator: " ")
        return place.isEmpty ? fullName : "\(fullName), \(place)"
    }
}
