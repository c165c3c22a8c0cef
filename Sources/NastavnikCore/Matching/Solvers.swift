import Foundation

/// An integer matching instance: mentees on one side, mentors with capacities on the other, and the
/// admissible (mentee, mentor) edges with integer weights (score × 100). Edges are grouped by mentee.
public struct MatchingProblem: Sendable, Equatable {
    public var menteeCount: Int
    public var capacity: [Int32]
    /// `edgeStart[i] ..< edgeStart[i + 1]` are mentee i's edges.
    public var edgeStart: [Int32]
    public var edgeMentor: [Int32]
    public var edgeWeight: [Int64]

    public init(menteeCount: Int, capacity: [Int32], edgeStart: [Int32], edgeMentor: [Int32], edgeWeight: [Int64]) {
        self.menteeCount = menteeCount
        self.capacity = capacity
        self.edgeStart = edgeStart
        self.edgeMentor = edgeMentor
        self.edgeWeight = edgeWeight
    }

    /// Builds the grouped form from (mentee, mentor, weight) triples in any order.
    public init(menteeCount: Int, capacity: [Int32], edges: [(mentee: Int, mentor: Int, weight: Int64)]) {
        let sorted = edges.sorted { ($0.mentee, $0.mentor) < ($1.mentee, $1.mentor) }
        var start = [Int32](repeating: 0, count: menteeCount + 1)
        for e in sorted { start[e.mentee + 1] += 1 }
        for i in 0..<menteeCount { start[i + 1] += start[i] }
        self.init(menteeCount: menteeCount, capacity: capacity, edgeStart: start,
            edgeMentor: sorted.map { Int32($0.mentor) }, edgeWeight: sorted.map(\.weight))
    }

    public var mentorCount: Int { capacity.count }
    public var edgeCount: Int { edgeMentor.count }

    public func edges(of mentee: Int) -> Range<Int> { Int(edgeStart[mentee])..<Int(edgeStart[mentee + 1]) }

    /// Weight of the edge, or nil when (mentee, mentor) is not admissible.
    public func weight(_ mentee: Int, _ mentor: Int) -> Int64? {
        for e in edges(of: mentee) where Int(edgeMentor[e]) == mentor { return edgeWeight[e] }
        return nil
    }
}

/// The result: for each mentee the mentor index, or -1 when unmatched.
public struct MatchingSolution: Sendable, Equatable {
    public var mentorOf: [Int32]
    public var objective: Int64
    public var matched: Int

    public init(mentorOf: [Int32], problem: MatchingProblem) {
        self.mentorOf = mentorOf
        var total: Int64 = 0
        var n = 0
        for (i, j) in mentorOf.enumerated() where j >= 0 {
            total += problem.weight(i, Int(j)) ?? 0
            n += 1
        }
        objective = total
        matched = n
    }

    /// Capacities respected and every pair admissible.
    public func isFeasible(for p: MatchingProblem) -> Bool {
        var load = [Int32](repeating: 0, count: p.mentorCount)
        for (i, j) in mentorOf.enumerated() where j >= 0 {
            guard Int(j) < p.mentorCount, p.weight(i, Int(j)) != nil else { return false }
            load[Int(j)] += 1
        }
        return zip(load, p.capacity).allSatisfy { $0 <= $1 }
    }
}

/// Exactly optimal assignment of mentees to mentor places: maximum total weight, or — with
/// `maximiseCount` — the most mentees matched and, among those, maximum total weight.
///
/// Min-cost flow by successive shortest paths, one mentee at a time (as in the Hungarian method):
/// nodes are mentees, mentors and a sink T; a mentee may also go straight to T («stays unpaired», gain 0).
/// Dijkstra runs on reduced costs with Johnson potentials and stops when T is reached; only the nodes it
/// touched are reset and re-potentialed, so an augmentation costs the part of the graph it explores.
/// Ties are broken by node index, so the same input gives the same output.
public enum OptimalMatcher {
    public static func solve(_ p: MatchingProblem, maximiseCount: Bool = false) -> MatchingSolution {
        let n = p.menteeCount, m = p.mentorCount
        var edgeOf = [Int32](repeating: -1, count: n)
        guard n > 0, m > 0, p.edgeCount > 0 else { return MatchingSolution(mentorOf: [Int32](repeating: -1, count: n), problem: p) }
        let maxW = max(p.edgeWeight.max() ?? 0, 0)
        // A bonus per matched mentee larger than any total weight difference puts cardinality first.
        let bonus: Int64 = maximiseCount ? (maxW + 1) * Int64(n + 1) : 0
        let top = maxW + bonus
        @inline(__always) func cost(_ e: Int) -> Int64 { top - (max(p.edgeWeight[e], 0) + bonus) }
        var edgeMentee = [Int32](repeating: 0, count: p.edgeCount)
        for i in 0..<n { for e in p.edges(of: i) { edgeMentee[e] = Int32(i) } }

        let t = n + m
        let inf = Int64.max / 4
        var pot = [Int64](repeating: 0, count: t + 1)
        var dist = [Int64](repeating: inf, count: t + 1)
        var prev = [Int32](repeating: -1, count: t + 1)
        var done = [Bool](repeating: false, count: t + 1)
        var touched: [Int32] = []
        var load = [Int32](repeating: 0, count: m)
        var assigned = [[Int32]](repeating: [], count: m)
        var heap = MinHeap()

        for src in 0..<n where !p.edges(of: src).isEmpty {
            for v in touched {
                dist[Int(v)] = inf
                done[Int(v)] = false
                prev[Int(v)] = -1
            }
            touched.removeAll(keepingCapacity: true)
            heap.removeAll()
            func relax(_ v: Int, _ d: Int64, _ from: Int32) {
                if d < dist[v] {
                    if dist[v] == inf { touched.append(Int32(v)) }
                    dist[v] = d
                    prev[v] = from
                    heap.push(d, Int32(v))
                }
            }
            relax(src, 0, -1)
            var reached: Int64 = inf
            while let (d, node) = heap.pop() {
                let v = Int(node)
                if done[v] || d != dist[v] { continue }
                done[v] = true
                if v == t {
                    reached = d
                    break
                }
                if v < n {
                    relax(t, d + top + pot[v] - pot[t], Int32(v))
                    let own = Int(edgeOf[v])
                    for e in p.edges(of: v) where e != own {
                        let j = n + Int(p.edgeMentor[e])
                        relax(j, d + cost(e) + pot[v] - pot[j], Int32(e))
                    }
                } else {
                    let j = v - n
                    if load[j] < p.capacity[j] { relax(t, d + pot[v] - pot[t], Int32(v)) }
                    for k in assigned[j] {
                        let i = Int(k)
                        relax(i, d - cost(Int(edgeOf[i])) + pot[v] - pot[i], Int32(v))
                    }
                }
            }
            precondition(reached < inf, "the sink is always reachable through the source's own «unpaired» arc")
            for v in touched where done[Int(v)] && dist[Int(v)] < reached { pot[Int(v)] += dist[Int(v)] - reached }
            // Walk back from T, shifting mentees along the path.
            var cur = Int(prev[t])
            if cur >= n {
                load[cur - n] += 1
            } else if cur != src {
                // A mentee leaves its mentor for «unpaired»; its place is taken along the path.
                let j = Int(p.edgeMentor[Int(edgeOf[cur])])
                assigned[j].removeAll { $0 == Int32(cur) }
                edgeOf[cur] = -1
                cur = n + j
            } else {
                continue  // the new mentee stays unpaired
            }
            while true {
                let j = cur - n
                let e = Int(prev[cur])
                let i = Int(edgeMentee[e])
                let old = Int(edgeOf[i])
                edgeOf[i] = Int32(e)
                assigned[j].append(Int32(i))
                if old < 0 { break }
                let oj = Int(p.edgeMentor[old])
                assigned[oj].removeAll { $0 == Int32(i) }
                cur = n + oj
            }
        }
        var mentorOf = [Int32](repeating: -1, count: n)
        for i in 0..<n where edgeOf[i] >= 0 { mentorOf[i] = p.edgeMentor[Int(edgeOf[i])] }
        return MatchingSolution(mentorOf: mentorOf, problem: p)
    }
}

/// A binary min-heap of (key, value) with ties broken by value.
struct MinHeap {
    var keys: [Int64] = []
    var values: [Int32] = []

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    mutating func push(_ k: Int64, _ v: Int32) {
        keys.append(k)
        values.append(v)
        var c = keys.count - 1
        while c > 0 {
            let parent = (c - 1) / 2
            if less(c, parent) { swapAt(c, parent); c = parent } else { break }
        }
    }

    mutating func pop() -> (Int64, Int32)? {
        guard !keys.isEmpty else { return nil }
        let top = (keys[0], values[0])
        swapAt(0, keys.count - 1)
        keys.removeLast()
        values.removeLast()
        var c = 0
        while true {
            let l = 2 * c + 1, r = l + 1
            var s = c
            if l < keys.count && less(l, s) { s = l }
            if r < keys.count && less(r, s) { s = r }
            if s == c { break }
            swapAt(c, s)
            c = s
        }
        return top
    }

    func less(_ a: Int, _ b: Int) -> Bool { (keys[a], values[a]) < (keys[b], values[b]) }
    mutating func swapAt(_ a: Int, _ b: Int) {
        keys.swapAt(a, b)
        values.swapAt(a, b)
    }
}

/// Mentee-proposing deferred acceptance with mentor capacities (Gale–Shapley, hospitals/residents):
/// the mentee-optimal stable matching. Lists hold only acceptable partners, best first.
public enum StableMatcher {
    public static func solve(menteePrefs: [[Int32]], mentorPrefs: [[Int32]], capacity: [Int32]) -> [Int32] {
        let n = menteePrefs.count, m = mentorPrefs.count
        var rank = [[Int32: Int32]](repeating: [:], count: m)
        for j in 0..<m { for (r, i) in mentorPrefs[j].enumerated() { rank[j][i] = Int32(r) } }
        var next = [Int](repeating: 0, count: n)
        var mentorOf = [Int32](repeating: -1, count: n)
        // Each mentor's held mentees, as a max-heap by rank (worst on top).
        var held = [[Int32]](repeating: [], count: m)
        var free = Array((0..<n).reversed()).map { Int32($0) }
        while let i32 = free.popLast() {
            let i = Int(i32)
            while next[i] < menteePrefs[i].count {
                let j = Int(menteePrefs[i][next[i]])
                next[i] += 1
                guard j < m, let r = rank[j][i32] else { continue }
                if held[j].count < Int(capacity[j]) {
                    held[j].append(i32)
                    mentorOf[i] = Int32(j)
                    break
                }
                // Replace the worst held mentee if this one ranks better.
                let worstIndex = held[j].indices.max { rank[j][held[j][$0]]! < rank[j][held[j][$1]]! }!
                let worst = held[j][worstIndex]
                if r < rank[j][worst]! {
                    held[j][worstIndex] = i32
                    mentorOf[i] = Int32(j)
                    mentorOf[Int(worst)] = -1
                    free.append(worst)
                    break
                }
            }
        }
        return mentorOf
    }

    /// Pairs (mentee, mentor) that would both rather be together than with their partners: none in a stable matching.
    public static func blockingPairs(_ mentorOf: [Int32], menteePrefs: [[Int32]], mentorPrefs: [[Int32]], capacity: [Int32]) -> [(Int, Int)] {
        let m = mentorPrefs.count
        var rank = [[Int32: Int32]](repeating: [:], count: m)
        for j in 0..<m { for (r, i) in mentorPrefs[j].enumerated() { rank[j][i] = Int32(r) } }
        var held = [[Int32]](repeating: [], count: m)
        for (i, j) in mentorOf.enumerated() where j >= 0 { held[Int(j)].append(Int32(i)) }
        var out: [(Int, Int)] = []
        for (i, prefs) in menteePrefs.enumerated() {
            for j32 in prefs {
                let j = Int(j32)
                if mentorOf[i] == j32 { break }  // everything after is worse than the current partner
                guard j < m, let r = rank[j][Int32(i)] else { continue }
                let full = held[j].count >= Int(capacity[j])
                if !full || held[j].contains(where: { rank[j][$0]! > r }) { out.append((i, j)) }
            }
        }
        return out
    }
}
