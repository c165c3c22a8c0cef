import Foundation
import Testing

@testable import NastavnikCore

/// Random instances from Core's seeded generator.
typealias SeededRandom = SplitMix64

extension SplitMix64 {
    init(_ seed: UInt64) { self.init(seed: seed) }
}

enum BruteForce {
    /// Best (count-first if asked) objective over every feasible assignment.
    static func best(_ p: MatchingProblem, maximiseCount: Bool) -> (count: Int, objective: Int64) {
        var load = [Int32](repeating: 0, count: p.mentorCount)
        var best = (count: 0, objective: Int64(0))
        func go(_ i: Int, _ count: Int, _ total: Int64) {
            if i == p.menteeCount {
                let better = maximiseCount ? (count, total) > (best.count, best.objective) : total > best.objective
                if better { best = (count, total) }
                return
            }
            go(i + 1, count, total)
            for e in p.edges(of: i) {
                let j = Int(p.edgeMentor[e])
                if load[j] < p.capacity[j] {
                    load[j] += 1
                    go(i + 1, count + 1, total + p.edgeWeight[e])
                    load[j] -= 1
                }
            }
        }
        go(0, 0, 0)
        return best
    }

    static func randomProblem(_ rng: inout SeededRandom, mentees: Int, mentors: Int, density: Double, maxCapacity: Int) -> MatchingProblem {
        var edges: [(mentee: Int, mentor: Int, weight: Int64)] = []
        for i in 0..<mentees {
            for j in 0..<mentors where Double.random(in: 0..<1, using: &rng) < density {
                edges.append((i, j, Int64.random(in: 0...10_000, using: &rng)))
            }
        }
        let capacity = (0..<mentors).map { _ in Int32.random(in: 1...Int32(maxCapacity), using: &rng) }
        return MatchingProblem(menteeCount: mentees, capacity: capacity, edges: edges)
    }
}

@Suite("Matching solvers: exact optimum and stable matching")
struct MatchingSolverTests {
    @Test("The optimal matcher equals brute force on 400 random small instances, both objectives", arguments: [false, true])
    func optimalEqualsBruteForce(maximiseCount: Bool) {
        var rng = SeededRandom(maximiseCount ? 11 : 7)
        for _ in 0..<400 {
            let p = BruteForce.randomProblem(&rng, mentees: Int.random(in: 1...7, using: &rng), mentors: Int.random(in: 1...4, using: &rng),
                density: Double.random(in: 0.2...1, using: &rng), maxCapacity: 3)
            let s = OptimalMatcher.solve(p, maximiseCount: maximiseCount)
            let b = BruteForce.best(p, maximiseCount: maximiseCount)
            #expect(s.isFeasible(for: p))
            #expect(s.objective == b.objective, "\(p)")
            if maximiseCount { #expect(s.matched == b.count) }
            #expect(OptimalMatcher.solve(p, maximiseCount: maximiseCount) == s, "deterministic")
        }
    }

    @Test("Cost scaling equals the shortest-path reference on larger random instances, both objectives", arguments: [false, true])
    func optimalEqualsReference(maximiseCount: Bool) {
        var rng = SeededRandom(maximiseCount ? 23 : 19)
        for round in 0..<120 {
            let mentees = Int.random(in: 10...(round < 100 ? 60 : 300), using: &rng)
            let mentors = Int.random(in: 3...max(3, mentees / 2), using: &rng)
            var p = BruteForce.randomProblem(&rng, mentees: mentees, mentors: mentors,
                density: Double.random(in: 0.02...0.5, using: &rng), maxCapacity: Int.random(in: 1...4, using: &rng))
            if round % 4 == 0 {
                // Scarce places, zero capacities and small weights, so ties and unpaired mentees are common.
                p.capacity = p.capacity.map { _ in Int32.random(in: 0...1, using: &rng) }
                p.edgeWeight = p.edgeWeight.map { $0 % 7 }
            }
            let s = OptimalMatcher.solve(p, maximiseCount: maximiseCount)
            let r = ShortestPathMatcher.solve(p, maximiseCount: maximiseCount)
            #expect(s.isFeasible(for: p))
            #expect(s.objective == r.objective, "round \(round)")
            if maximiseCount { #expect(s.matched == r.matched, "round \(round)") }
            #expect(OptimalMatcher.solve(p, maximiseCount: maximiseCount) == s, "deterministic")
        }
    }

    @Test("The maximum-cardinality stage of count first equals brute force and the reference")
    func maxCardinality() {
        var rng = SeededRandom(31)
        for round in 0..<600 {
            let small = round < 400
            let mentees = small ? Int.random(in: 1...7, using: &rng) : Int.random(in: 10...400, using: &rng)
            let mentors = small ? Int.random(in: 1...4, using: &rng) : Int.random(in: 2...max(2, mentees / 2), using: &rng)
            var p = BruteForce.randomProblem(&rng, mentees: mentees, mentors: mentors,
                density: small ? Double.random(in: 0.2...1, using: &rng) : Double.random(in: 0.005...0.1, using: &rng),
                maxCapacity: Int.random(in: 1...3, using: &rng))
            if round % 3 == 0 { p.capacity = p.capacity.map { _ in Int32.random(in: 0...2, using: &rng) } }
            let s = MaxCardinalityMatcher.solve(p)
            #expect(s.isFeasible(for: p))
            let best = small ? BruteForce.best(p, maximiseCount: true).count : ShortestPathMatcher.solve(p, maximiseCount: true).matched
            #expect(s.matched == best, "round \(round)")
            #expect(MaxCardinalityMatcher.solve(p) == s, "deterministic")
        }
    }

    @Test("Degenerate inputs: no edges, no mentors, capacity 0, weight 0")
    func degenerate() {
        let none = MatchingProblem(menteeCount: 3, capacity: [], edges: [])
        #expect(OptimalMatcher.solve(none).mentorOf == [-1, -1, -1])
        let closed = MatchingProblem(menteeCount: 2, capacity: [0, 1], edges: [(0, 0, 500), (1, 0, 700), (1, 1, 0)])
        #expect(OptimalMatcher.solve(closed, maximiseCount: true).mentorOf == [-1, 1])
        #expect(OptimalMatcher.solve(closed).objective == 0)
        let lonely = MatchingProblem(menteeCount: 3, capacity: [5], edges: [(2, 0, 10), (0, 0, 20)])
        let s = OptimalMatcher.solve(lonely)
        #expect(s.mentorOf == [0, -1, 0])
        #expect(s.objective == 30)
    }

    @Test("Suggestions: the best mentors by weight, ties by mentor index")
    func suggestions() {
        let p = MatchingProblem(menteeCount: 1, capacity: [1, 1, 1, 1, 1, 1, 1],
            edges: [(0, 0, 5), (0, 1, 9), (0, 2, 9), (0, 3, 1), (0, 4, 7), (0, 5, 8), (0, 6, 5)])
        #expect(Suggestions.top(p, mentee: 0) == [1, 2, 5, 4, 0])
        #expect(Suggestions.top(p, mentee: 0, limit: 2) == [1, 2])
    }

    @Test("Count first can trade weight for one more matched mentee")
    func countFirst() {
        // Mentee 0 likes mentor 0 a lot; mentee 1 can only take mentor 0. One place.
        let p = MatchingProblem(menteeCount: 2, capacity: [1, 1], edges: [(0, 0, 9000), (0, 1, 100), (1, 0, 50)])
        #expect(OptimalMatcher.solve(p).mentorOf == [0, -1])
        let both = OptimalMatcher.solve(p, maximiseCount: true)
        #expect(both.mentorOf == [1, 0])
        #expect(both.objective == 150)
    }

    @Test("Deferred acceptance: no blocking pair, capacities respected, mentee-optimal", arguments: [1, 2, 3])
    func stable(seed: UInt64) {
        var rng = SeededRandom(seed)
        for _ in 0..<300 {
            let n = Int.random(in: 1...7, using: &rng), m = Int.random(in: 1...4, using: &rng)
            let menteePrefs = (0..<n).map { _ in (0..<m).filter { _ in Bool.random(using: &rng) }.shuffled(using: &rng).map(Int32.init) }
            let mentorPrefs = (0..<m).map { j in (0..<n).filter { menteePrefs[$0].contains(Int32(j)) }.shuffled(using: &rng).map(Int32.init) }
            let capacity = (0..<m).map { _ in Int32.random(in: 1...2, using: &rng) }
            let result = StableMatcher.solve(menteePrefs: menteePrefs, mentorPrefs: mentorPrefs, capacity: capacity)
            #expect(StableMatcher.blockingPairs(result, menteePrefs: menteePrefs, mentorPrefs: mentorPrefs, capacity: capacity).isEmpty)
            var load = [Int32](repeating: 0, count: m)
            for j in result where j >= 0 { load[Int(j)] += 1 }
            #expect(zip(load, capacity).allSatisfy { $0 <= $1 })
            // Mentee-optimal: no stable matching gives any mentee a better partner (checked over all matchings).
            for other in allMatchings(n: n, menteePrefs: menteePrefs, mentorPrefs: mentorPrefs, capacity: capacity)
            where StableMatcher.blockingPairs(other, menteePrefs: menteePrefs, mentorPrefs: mentorPrefs, capacity: capacity).isEmpty {
                for i in 0..<n {
                    let mine = result[i] < 0 ? Int.max : menteePrefs[i].firstIndex(of: result[i])!
                    let theirs = other[i] < 0 ? Int.max : menteePrefs[i].firstIndex(of: other[i])!
                    #expect(mine <= theirs)
                }
            }
        }
    }

    @Test("Deferred acceptance on larger random instances: feasible, no blocking pair, deterministic, same as a plain reference", arguments: [4, 5])
    func stableLarge(seed: UInt64) {
        var rng = SeededRandom(seed)
        for _ in 0..<40 {
            let n = Int.random(in: 20...300, using: &rng), m = Int.random(in: 5...150, using: &rng)
            let menteePrefs = (0..<n).map { _ in (0..<m).filter { _ in Int.random(in: 0..<10, using: &rng) == 0 }.shuffled(using: &rng).map(Int32.init) }
            var lists = [[Int32]](repeating: [], count: m)
            for (i, prefs) in menteePrefs.enumerated() { for j in prefs { lists[Int(j)].append(Int32(i)) } }
            let mentorPrefs = lists.map { $0.shuffled(using: &rng) }
            let capacity = (0..<m).map { _ in Int32.random(in: 0...3, using: &rng) }
            let result = StableMatcher.solve(menteePrefs: menteePrefs, mentorPrefs: mentorPrefs, capacity: capacity)
            #expect(StableMatcher.blockingPairs(result, menteePrefs: menteePrefs, mentorPrefs: mentorPrefs, capacity: capacity).isEmpty)
            var load = [Int32](repeating: 0, count: m)
            for (i, j) in result.enumerated() where j >= 0 {
                load[Int(j)] += 1
                #expect(menteePrefs[i].contains(j))
            }
            #expect(zip(load, capacity).allSatisfy { $0 <= $1 })
            #expect(StableMatcher.solve(menteePrefs: menteePrefs, mentorPrefs: mentorPrefs, capacity: capacity) == result, "deterministic")
            // The mentee-optimal stable matching is unique: a plain deferred acceptance must agree.
            #expect(result == plainDeferredAcceptance(menteePrefs: menteePrefs, mentorPrefs: mentorPrefs, capacity: capacity))
        }
    }

    /// Textbook deferred acceptance, rounds of simultaneous proposals, dictionaries for ranks.
    func plainDeferredAcceptance(menteePrefs: [[Int32]], mentorPrefs: [[Int32]], capacity: [Int32]) -> [Int32] {
        let n = menteePrefs.count
        let rank: [[Int32: Int]] = mentorPrefs.map { Dictionary(uniqueKeysWithValues: $0.enumerated().map { ($1, $0) }) }
        var next = [Int](repeating: 0, count: n)
        var mentorOf = [Int32](repeating: -1, count: n)
        while true {
            var proposals = [[Int32]](repeating: [], count: mentorPrefs.count)
            var any = false
            for i in 0..<n where mentorOf[i] < 0 && next[i] < menteePrefs[i].count {
                proposals[Int(menteePrefs[i][next[i]])].append(Int32(i))
                next[i] += 1
                any = true
            }
            if !any { return mentorOf }
            for (j, incoming) in proposals.enumerated() where !incoming.isEmpty {
                let held = (0..<n).filter { mentorOf[$0] == Int32(j) }.map(Int32.init)
                let keep = (held + incoming.filter { rank[j][$0] != nil }).sorted { rank[j][$0]! < rank[j][$1]! }.prefix(Int(capacity[j]))
                for i in held where !keep.contains(i) { mentorOf[Int(i)] = -1 }
                for i in keep { mentorOf[Int(i)] = Int32(j) }
            }
        }
    }

    func allMatchings(n: Int, menteePrefs: [[Int32]], mentorPrefs: [[Int32]], capacity: [Int32]) -> [[Int32]] {
        var out: [[Int32]] = []
        var current = [Int32](repeating: -1, count: n)
        var load = [Int32](repeating: 0, count: capacity.count)
        func go(_ i: Int) {
            if i == n { out.append(current); return }
            current[i] = -1
            go(i + 1)
            for j in menteePrefs[i] where mentorPrefs[Int(j)].contains(Int32(i)) && load[Int(j)] < capacity[Int(j)] {
                load[Int(j)] += 1
                current[i] = j
                go(i + 1)
                load[Int(j)] -= 1
                current[i] = -1
            }
        }
        go(0)
        return out
    }
}
