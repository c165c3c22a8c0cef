import Foundation
import Testing

@testable import NastavnikCore

private enum MX {
    static let today = Day("2026-11-25")!
    static let school = UUID(), other = UUID(), mun = UUID()

    static func person(_ last: String, born: String, exp: String?) -> Person {
        Person(lastName: last, firstName: "Анна", middleName: "Ивановна", birthDate: Day(born)!, pedagogicalExperienceStart: exp.flatMap { Day($0) })
    }

    static func consent(_ p: Person, parent: Bool = false) -> Consent {
        Consent(personID: p.id, signer: parent ? .parent : .subject, representativeName: parent ? "Родитель" : nil, signedOn: Day("2025-09-01")!, scope: ConsentRules.defaultScope)
    }

    static func mentor(_ last: String, exp: String = "2005-09-01", competencies: [Competency] = [.subject, .organisationalMethodical], capacity: Int = 2,
                       load: Int = 0, subjects: [String] = ["математика"], org: UUID = school, network: Bool = false, consent: Bool = true,
                       forms: [MentorshipForm] = [.teacherTeacher, .teacherStudent]) -> MatchingMentor {
        let p = person(last, born: "1975-01-01", exp: exp)
        return MatchingMentor(
            person: p, profile: MentorProfile(personID: p.id, organisationID: org, competencies: competencies, capacity: capacity, forms: forms, network: network, enteredOn: Day("2025-09-01")!),
            memberships: [Membership(personID: p.id, organisationID: org, role: .pedagogical, subjects: subjects, period: Period(start: Day("2005-09-01")!))],
            consents: consent ? [self.consent(p)] : [], municipalityID: mun, load: load)
    }

    static func mentee(_ last: String, request: MainRequest = .methodical, subjects: [String] = ["математика"], consent: Bool = true) -> MatchingMentee {
        let p = person(last, born: "2000-01-01", exp: "2025-09-01")
        return MatchingMentee(
            person: p, profile: MenteeProfile(personID: p.id, organisationID: school, mainRequest: request, enteredOn: Day("2025-09-01")!),
            memberships: [Membership(personID: p.id, organisationID: school, role: .pedagogical, subjects: subjects, period: Period(start: Day("2025-09-01")!))],
            consents: consent ? [self.consent(p)] : [], municipalityID: mun)
    }

    static func student(_ last: String) -> MatchingMentee {
        let p = person(last, born: "2012-05-05", exp: nil)
        return MatchingMentee(
            person: p, profile: MenteeProfile(personID: p.id, organisationID: school, categories: [.gifted], mainRequest: .research, enteredOn: Day("2025-09-01")!),
            memberships: [Membership(personID: p.id, organisationID: school, role: .student, grade: "8А", period: Period(start: Day("2019-09-01")!))],
            consents: [consent(p, parent: true)], municipalityID: mun)
    }
}

@Suite("Matching engine: hard constraints, explained scores, modes")
struct MatchingEngineTests {
    @Test("Hard constraints name the reason a pair is not proposed")
    func exclusions() {
        let ok = MX.mentor("Опытная"), novice = MX.mentee("Новикова")
        let prefs = MatchingPreferences()
        #expect(MatchingEngine.exclusion(ok, novice, form: .teacherTeacher, preferences: prefs, today: MX.today) == nil)
        #expect(MatchingEngine.exclusion(MX.mentor("Без", consent: false), novice, form: .teacherTeacher, preferences: prefs, today: MX.today) == "нет согласия наставника")
        #expect(MatchingEngine.exclusion(ok, MX.mentee("Б", consent: false), form: .teacherTeacher, preferences: prefs, today: MX.today) == "нет согласия наставляемого")
        #expect(MatchingEngine.exclusion(MX.mentor("Полная", capacity: 2, load: 2), novice, form: .teacherTeacher, preferences: prefs, today: MX.today) == "у наставника нет свободных мест")
        #expect(MatchingEngine.exclusion(MX.mentor("Молодая", exp: "2024-09-01"), novice, form: .teacherTeacher, preferences: prefs, today: MX.today) == "у наставника-педагога стаж 3 года и меньше")
        #expect(MatchingEngine.exclusion(MX.mentor("Чужая", org: MX.other), novice, form: .teacherTeacher, preferences: prefs, today: MX.today) == "наставник не готов к сетевому наставничеству")
        #expect(MatchingEngine.exclusion(MX.mentor("Сетевая", org: MX.other, network: true), novice, form: .teacherTeacher, preferences: prefs, today: MX.today) == nil)
        #expect(MatchingEngine.exclusion(ok, novice, form: .headTeacher, preferences: prefs, today: MX.today) == "наставник не подходит для формы «руководитель – педагог»")
        #expect(MatchingEngine.exclusion(ok, novice, form: .teacherTeacher, preferences: MatchingPreferences(excluded: [PairKey(mentor: ok.id, mentee: novice.id)]), today: MX.today) == "пара исключена куратором")
        #expect(MatchingEngine.exclusion(ok, MX.student("Ученик"), form: .teacherStudent, preferences: prefs, today: MX.today) == nil)
        #expect(MatchingEngine.exclusion(ok, MX.student("Ученик"), form: .teacherTeacher, preferences: prefs, today: MX.today) == "наставляемый не подходит для формы «учитель – учитель (педагог – педагог)»")
        // Which mentees a run of a form takes: by their role on the day, not by the base they are in.
        #expect(novice.fits(.teacherTeacher, on: MX.today) && !novice.fits(.studentStudent, on: MX.today))
        #expect(MX.student("Ученица").fits(.studentStudent, on: MX.today) && !MX.student("Ученица").fits(.teacherTeacher, on: MX.today))
        #expect(!novice.fits(.teacherTeacher, on: Day("2025-08-31")!), "before the teacher's place began")
        #expect(MatchingEngine.exclusion(ok, novice, form: .teacherTeacher, preferences: MatchingPreferences(onlyTrained: true), today: MX.today) == "наставник не прошёл обучение в школе наставников")
        var trained = ok
        trained.profile.training = .trained
        #expect(MatchingEngine.exclusion(trained, novice, form: .teacherTeacher, preferences: MatchingPreferences(onlyTrained: true), today: MX.today) == nil)
    }

    @Test("Runs stored before «только обученные» existed still decode, as «any training status»")
    func preferencesDecodeWithoutOption() throws {
        let old = #"{"menteeRanking":[],"mentorRanking":[],"marks":[],"excluded":[],"locked":[]}"#
        let p = try JSONDecoder().decode(MatchingPreferences.self, from: Data(old.utf8))
        #expect(p == MatchingPreferences())
        let round = try JSONDecoder().decode(MatchingPreferences.self, from: JSONEncoder().encode(MatchingPreferences(onlyTrained: true)))
        #expect(round.onlyTrained)
    }

    @Test("The score is the sum of its named parts; with defaults a perfect pair scores 100")
    func scoreBreakdown() {
        let m = MX.mentor("Идеальная", exp: "1996-09-01", competencies: Competency.allCases)
        let e = MX.mentee("Новикова")
        let prefs = MatchingPreferences(menteeRanking: [e.id: [m.id]], mentorRanking: [m.id: [e.id]], marks: [PairKey(mentor: m.id, mentee: e.id): .compatible])
        let s = MatchingEngine.score(m, e, weights: .defaults, preferences: prefs, today: MX.today)
        #expect(s.parts.map(\.criterion) == MatchingCriterion.allCases)
        #expect(abs(s.total - s.parts.reduce(0) { $0 + $1.points }) < 0.011)
        #expect(s.total == 100)
        let poor = MatchingEngine.score(MX.mentor("Другая", competencies: [.research], load: 1, subjects: ["химия"]), e, weights: .defaults, preferences: MatchingPreferences(), today: MX.today)
        #expect(poor.parts.first { $0.criterion == .coverage }?.points == 0)
        #expect(poor.parts.first { $0.criterion == .subject }?.explanation == "разные предметы")
        #expect(poor.parts.first { $0.criterion == .load }?.explanation == "занято 1 из 2 мест")
        #expect(poor.total < s.total)
        var heavy = MatchingWeights.defaults
        heavy.values[.subject] = 0
        #expect(MatchingEngine.score(m, e, weights: heavy, preferences: prefs, today: MX.today).total == 85)
    }

    @Test("Optimal beats greedy: the best mentor goes where the total is highest")
    func optimalNotGreedy() {
        // Both mentees like the specialist best; only one place; the second mentee has no other option.
        let specialist = MX.mentor("Специалист", competencies: [.subject, .organisationalMethodical, .research], capacity: 1)
        let generalist = MX.mentor("Универсал", competencies: [.subject, .organisationalMethodical], capacity: 1, subjects: ["физика"])
        let a = MX.mentee("Аверина", request: .methodical, subjects: ["физика"]), b = MX.mentee("Белова", request: .contest)
        let r = MatchingEngine.run(mentors: [specialist, generalist], mentees: [a, b], form: .teacherTeacher, mode: .optimal, weights: .defaults, preferences: MatchingPreferences(), today: MX.today)
        let map = Dictionary(uniqueKeysWithValues: r.pairs.map { ($0.menteeID, $0.mentorID) })
        #expect(map[a.id] == generalist.id)
        #expect(map[b.id] == specialist.id)
        #expect(r.unmatched.isEmpty)
        let again = MatchingEngine.run(mentors: [specialist, generalist], mentees: [a, b], form: .teacherTeacher, mode: .optimal, weights: .defaults, preferences: MatchingPreferences(), today: MX.today)
        #expect(again == r)
    }

    @Test("Locked pairs stay, use a place, and the rest is solved around them; the unmatched get a reason")
    func lockedAndUnmatched() {
        let m = MX.mentor("Одна", capacity: 1)
        let a = MX.mentee("Аверина"), b = MX.mentee("Белова"), c = MX.mentee("Без", consent: false)
        let r = MatchingEngine.run(mentors: [m], mentees: [a, b, c], form: .teacherTeacher, mode: .optimal, weights: .defaults,
            preferences: MatchingPreferences(locked: [PairKey(mentor: m.id, mentee: b.id)]), today: MX.today)
        #expect(r.pairs.count == 1)
        #expect(r.pairs[0].menteeID == b.id && r.pairs[0].locked)
        let reasons = Dictionary(uniqueKeysWithValues: r.unmatched.map { ($0.menteeID, $0.reason) })
        #expect(reasons[a.id] == "нет подходящих наставников: места наставника заняты закреплёнными парами (1)")
        #expect(reasons[c.id] == "нет подходящих наставников: нет согласия наставляемого (1)")
    }

    @Test("Stable mode follows the questionnaires: no mentee and mentor would both rather switch")
    func stableFollowsRankings() {
        let x = MX.mentor("Икс", capacity: 1), y = MX.mentor("Игрек", capacity: 1)
        let a = MX.mentee("А"), b = MX.mentee("Б")
        let prefs = MatchingPreferences(menteeRanking: [a.id: [y.id, x.id], b.id: [y.id, x.id]], mentorRanking: [y.id: [b.id, a.id], x.id: [a.id, b.id]])
        let r = MatchingEngine.run(mentors: [x, y], mentees: [a, b], form: .teacherTeacher, mode: .stable, weights: .defaults, preferences: prefs, today: MX.today)
        let map = Dictionary(uniqueKeysWithValues: r.pairs.map { ($0.menteeID, $0.mentorID) })
        #expect(map[b.id] == y.id)
        #expect(map[a.id] == x.id)
    }

    @Test("Suggestions: at most five admissible mentors, best first")
    func suggestions() {
        let mentors = (0..<8).map { MX.mentor("Н\($0)", competencies: $0 % 2 == 0 ? [.subject, .organisationalMethodical] : [.research], load: $0 % 3 == 0 ? 2 : 0) }
        let e = MX.mentee("Новикова")
        let s = MatchingEngine.suggestions(for: e, mentors: mentors, form: .teacherTeacher, weights: .defaults, preferences: MatchingPreferences(), today: MX.today)
        #expect(s.count == 5)
        #expect(s.map(\.score.total) == s.map(\.score.total).sorted(by: >))
        #expect(!s.contains { p in mentors.first { $0.id == p.mentorID }!.freePlaces == 0 })
    }

    @Test("On random pools no mode ever proposes an inadmissible pair or overfills a mentor, and the same input gives the same result")
    func constraintsNeverViolated() {
        var rng = SeededRandom(2026)
        for round in 0..<60 {
            let mentors = (0..<Int.random(in: 1...6, using: &rng)).map { k in
                MX.mentor("Н\(round)-\(k)", exp: Bool.random(using: &rng) ? "2001-09-01" : "2024-09-01",
                    competencies: Competency.allCases.filter { _ in Bool.random(using: &rng) }, capacity: Int.random(in: 1...3, using: &rng),
                    load: Int.random(in: 0...2, using: &rng), subjects: [["математика", "история"].randomElement(using: &rng)!],
                    org: Bool.random(using: &rng) ? MX.school : MX.other, network: Bool.random(using: &rng), consent: Double.random(in: 0..<1, using: &rng) < 0.85)
            }
            let mentees = (0..<Int.random(in: 1...8, using: &rng)).map { k in
                MX.mentee("У\(round)-\(k)", request: MainRequest.allCases.randomElement(using: &rng)!, subjects: [["математика", "история"].randomElement(using: &rng)!],
                    consent: Double.random(in: 0..<1, using: &rng) < 0.85)
            }
            var prefs = MatchingPreferences()
            if let m = mentors.first, let e = mentees.first, Bool.random(using: &rng) { prefs.excluded.insert(PairKey(mentor: m.id, mentee: e.id)) }
            for e in mentees where Bool.random(using: &rng) { prefs.menteeRanking[e.id] = mentors.shuffled(using: &rng).map(\.id) }
            for mode in MatchingMode.allCases {
                let r = MatchingEngine.run(mentors: mentors, mentees: mentees, form: .teacherTeacher, mode: mode, weights: .defaults, preferences: prefs, today: MX.today)
                var used: [UUID: Int] = [:]
                for p in r.pairs {
                    let m = mentors.first { $0.id == p.mentorID }!, e = mentees.first { $0.id == p.menteeID }!
                    #expect(MatchingEngine.exclusion(m, e, form: .teacherTeacher, preferences: prefs, today: MX.today) == nil, "\(mode)")
                    used[m.id, default: 0] += 1
                }
                for m in mentors { #expect(used[m.id, default: 0] <= m.freePlaces) }
                #expect(Set(r.pairs.map(\.menteeID)).count == r.pairs.count, "a mentee gets one mentor")
                #expect(Set(r.pairs.map(\.menteeID)).union(r.unmatched.map(\.menteeID)) == Set(mentees.map(\.id)), "everyone is either paired or told why not")
                #expect(MatchingEngine.run(mentors: mentors, mentees: mentees, form: .teacherTeacher, mode: mode, weights: .defaults, preferences: prefs, today: MX.today) == r)
            }
        }
    }
}
