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
/// A min-cost flow: each mentee with an admissible mentor supplies one unit, which goes either to a
/// mentor (cost −weight) and on to the sink T (at most the mentor's capacity), or straight to T
/// («stays unpaired», cost 0). It is solved by cost scaling with push–relabel (Goldberg): costs are
/// multiplied by the number of nodes + 1, so the final 1-optimal flow is exactly optimal for the
/// integer weights; α = 16, global price updates (CS2) and double pushes (Goldberg–Kennedy) keep the
/// work down. Count first first finds the most mentees that can be matched (`MaxCardinalityMatcher`,
/// Hopcroft–Karp), then solves for the maximum weight with the unpaired arcs limited to the rest — no
/// large bonus in the costs, so nothing can overflow. Memory is linear in the number of edges; nodes
/// are processed first in, first out, so the same input gives the same output.
public enum OptimalMatcher {
    public static func solve(_ p: MatchingProblem, maximiseCount: Bool = false) -> MatchingSolution {
        let n = p.menteeCount
        guard n > 0, p.mentorCount > 0, p.edgeCount > 0 else {
            return MatchingSolution(mentorOf: [Int32](repeating: -1, count: n), problem: p)
        }
        var unpairedLimit: Int? = nil
        if maximiseCount {
            let most = MaxCardinalityMatcher.solve(p).matched
            unpairedLimit = (0..<n).filter { !p.edges(of: $0).isEmpty }.count - most
        }
        let flow = CostScalingFlow(p, pairCost: { -max(p.edgeWeight[$0], 0) }, unpairedCost: 0, unpairedLimit: unpairedLimit)
        let edgeOf = flow.solve()
        let mentorOf = edgeOf.map { $0 < 0 ? -1 : p.edgeMentor[Int($0)] }
        return MatchingSolution(mentorOf: mentorOf, problem: p)
    }
}

/// The largest number of mentees that can be matched (weights ignored): Hopcroft–Karp for capacities
/// (b-matching). A greedy start, then phases: a breadth-first search from the free mentees along
/// alternating paths (an edge to a mentor, then from that mentor to a mentee it holds) finds the
/// length of the shortest augmenting paths, and depth-first searches along those layers augment.
/// Deterministic: mentees, edges and a mentor's places are taken in index order.
enum MaxCardinalityMatcher {
    static func solve(_ p: MatchingProblem) -> MatchingSolution {
        let n = p.menteeCount, m = p.mentorCount
        var mentorOf = [Int32](repeating: -1, count: n)
        guard n > 0, m > 0, p.edgeCount > 0 else { return MatchingSolution(mentorOf: mentorOf, problem: p) }
        // Mentor j's places are slot[slotStart[j] ..< slotStart[j + 1]] (mentee or −1).
        var slotStart = [Int](repeating: 0, count: m + 1)
        for j in 0..<m { slotStart[j + 1] = slotStart[j] + max(0, Int(p.capacity[j])) }
        var slot = [Int32](repeating: -1, count: slotStart[m])
        var load = [Int32](repeating: 0, count: m)
        var slotOf = [Int32](repeating: -1, count: n)  // the mentee's place
        var edgeOf = [Int32](repeating: -1, count: n)
        let edgeStart = p.edgeStart, edgeMentor = p.edgeMentor
        @inline(__always) func capacity(_ j: Int) -> Int32 { Int32(slotStart[j + 1] - slotStart[j]) }
        for i in 0..<n {
            for e in Int(edgeStart[i])..<Int(edgeStart[i + 1]) {
                let j = Int(edgeMentor[e])
                if load[j] < capacity(j) {
                    let s = slotStart[j] + Int(load[j])
                    slot[s] = Int32(i)
                    slotOf[i] = Int32(s)
                    edgeOf[i] = Int32(e)
                    load[j] += 1
                    break
                }
            }
        }
        var layer = [Int32](repeating: -1, count: n)
        var mentorSeen = [Bool](repeating: false, count: m)
        var queue = [Int32]()
        queue.reserveCapacity(n)
        var edgeIt = [Int32](repeating: 0, count: n)
        var slotIt = [Int32](repeating: 0, count: n)
        var stack = [Int32]()
        while true {
            // Breadth-first layers from the free mentees.
            queue.removeAll(keepingCapacity: true)
            for i in 0..<n {
                if edgeOf[i] < 0 && edgeStart[i] < edgeStart[i + 1] {
                    layer[i] = 0
                    queue.append(Int32(i))
                } else {
                    layer[i] = -1
                }
            }
            for j in 0..<m { mentorSeen[j] = false }
            var found = Int32.max
            var qi = 0
            while qi < queue.count {
                let i = Int(queue[qi])
                qi += 1
                let l = layer[i]
                if l >= found { break }
                let own = edgeOf[i] < 0 ? -1 : Int(edgeMentor[Int(edgeOf[i])])
                for e in Int(edgeStart[i])..<Int(edgeStart[i + 1]) {
                    let j = Int(edgeMentor[e])
                    if j == own || mentorSeen[j] { continue }
                    mentorSeen[j] = true
                    if load[j] < capacity(j) {
                        found = l
                        continue
                    }
                    for s in slotStart[j]..<slotStart[j + 1] {
                        let k = Int(slot[s])
                        if layer[k] < 0 {
                            layer[k] = l + 1
                            queue.append(Int32(k))
                        }
                    }
                }
            }
            if found == Int32.max { break }
            // Depth-first augmentations along the layers.
            for i in 0..<n {
                edgeIt[i] = edgeStart[i]
                slotIt[i] = 0
            }
            for root in 0..<n where layer[root] == 0 && edgeOf[root] < 0 {
                stack.removeAll(keepingCapacity: true)
                stack.append(Int32(root))
                while let top = stack.last {
                    let i = Int(top)
                    let l = layer[i]
                    let own = edgeOf[i] < 0 ? -1 : Int(edgeMentor[Int(edgeOf[i])])
                    var advanced = false, augmented = false
                    while edgeIt[i] < edgeStart[i + 1] {
                        let e = Int(edgeIt[i])
                        let j = Int(edgeMentor[e])
                        if j != own {
                            if l == found && load[j] < capacity(j) {
                                augmented = true
                                break
                            }
                            if l < found {
                                while Int(slotIt[i]) < Int(capacity(j)) {
                                    let k = Int(slot[slotStart[j] + Int(slotIt[i])])
                                    slotIt[i] += 1
                                    if k >= 0 && layer[k] == l + 1 {
                                        stack.append(Int32(k))
                                        advanced = true
                                        break
                                    }
                                }
                                if advanced { break }
                            }
                        }
                        edgeIt[i] += 1
                        slotIt[i] = 0
                    }
                    if augmented {
                        // Each mentee on the stack moves to the mentor of its current edge, into the place
                        // the next one leaves (the last one into a free place).
                        let jl = Int(edgeMentor[Int(edgeIt[i])])
                        var take = slotStart[jl]
                        while slot[take] >= 0 { take += 1 }
                        load[jl] += 1
                        for x in stride(from: stack.count - 1, through: 0, by: -1) {
                            let k = Int(stack[x])
                            let old = Int(slotOf[k])
                            slot[take] = Int32(k)
                            slotOf[k] = Int32(take)
                            edgeOf[k] = edgeIt[k]
                            layer[k] = -1  // used in this phase
                            take = old
                        }
                        break
                    }
                    if !advanced {
                        layer[i] = -1  // dead end in this phase
                        stack.removeLast()
                    }
                }
            }
        }
        for i in 0..<n where edgeOf[i] >= 0 { mentorOf[i] = edgeMentor[Int(edgeOf[i])] }
        return MatchingSolution(mentorOf: mentorOf, problem: p)
    }
}

/// The flow network of `OptimalMatcher` in residual form (each arc stored with its reverse, grouped by
/// tail) and the cost-scaling push–relabel that solves it.
///
/// Nodes: mentees 0..<n, mentors n..<n+m, the sink T = n+m, and — when the unpaired arcs are limited —
/// a node U = n+m+1 they pass through, with one arc U → T of that capacity.
final class CostScalingFlow {
    /// One residual arc; arcs are grouped by tail, so a node's arcs are contiguous.
    struct Arc {
        var cost: Int64  // scaled
        var head: Int32
        var residual: Int32
    }

    let n: Int, m: Int, nodeCount: Int, arcCount: Int
    let first: UnsafeMutablePointer<Int32>  // nodeCount + 1
    let arcs: UnsafeMutablePointer<Arc>
    let mate: UnsafeMutablePointer<Int32>  // the reverse arc
    /// residual[a] + residual[mate[a]], constant: the reverse arc's residual without touching it.
    let pairCapacity: UnsafeMutablePointer<Int32>
    let price: UnsafeMutablePointer<Int64>
    let excess: UnsafeMutablePointer<Int32>
    let queue: UnsafeMutablePointer<Int32>  // ring of nodeCount + 1
    let queued: UnsafeMutablePointer<Bool>
    let current: UnsafeMutablePointer<Int32>
    /// For each problem edge, its forward arc.
    let edgeArc: UnsafeMutablePointer<Int32>
    let edgeCount: Int
    var maxCost: Int64 = 0
    var qTail = 0
    /// Relabels since the last global price update.
    var relabels = 0
    /// A global price update after this many relabels (0: never); 4 × nodes was the fastest on the
    /// benchmark's national instance (1, 2, 4, 8, 16 × nodes tried).
    lazy var updateEvery = 4 * nodeCount
    /// ε shrinks by this factor per refine; 16 was faster than 4 and 8 with the price updates.
    var alpha: Int64 = 16
    /// Scratch of the global price update, allocated on first use.
    var dist: UnsafeMutablePointer<Int32>? = nil
    var bucketNext: UnsafeMutablePointer<Int32>? = nil
    var bucketPrev: UnsafeMutablePointer<Int32>? = nil
    var bucketHead: UnsafeMutablePointer<Int32>? = nil

    init(_ p: MatchingProblem, pairCost: (Int) -> Int64, unpairedCost: Int64, unpairedLimit: Int?) {
        n = p.menteeCount
        m = p.mentorCount
        edgeCount = p.edgeCount
        let t = n + m, u = n + m + 1
        nodeCount = n + m + (unpairedLimit == nil ? 1 : 2)
        let scale = Int64(nodeCount + 1)
        // Arcs: mentee → mentor per edge, mentee → T (or U) per mentee with edges, mentor → T per used
        // mentor, U → T.
        var degree = [Int32](repeating: 0, count: m)
        for e in 0..<p.edgeCount { degree[Int(p.edgeMentor[e])] += 1 }
        var count = [Int32](repeating: 0, count: nodeCount + 1)
        var pairs = 0
        func countArc(_ a: Int, _ b: Int) {
            count[a] += 1
            count[b] += 1
            pairs += 1
        }
        for i in 0..<n where !p.edges(of: i).isEmpty {
            for e in p.edges(of: i) { countArc(i, n + Int(p.edgeMentor[e])) }
            countArc(i, unpairedLimit == nil ? t : u)
        }
        for j in 0..<m where degree[j] > 0 && p.capacity[j] > 0 { countArc(n + j, t) }
        if unpairedLimit != nil { countArc(u, t) }
        arcCount = 2 * pairs
        first = .allocate(capacity: nodeCount + 1)
        arcs = .allocate(capacity: arcCount)
        mate = .allocate(capacity: arcCount)
        pairCapacity = .allocate(capacity: arcCount)
        price = .allocate(capacity: nodeCount)
        excess = .allocate(capacity: nodeCount)
        queue = .allocate(capacity: nodeCount + 1)
        queued = .allocate(capacity: nodeCount)
        current = .allocate(capacity: nodeCount)
        edgeArc = .allocate(capacity: max(edgeCount, 1))
        first[0] = 0
        for v in 0..<nodeCount { first[v + 1] = first[v] + count[v] }
        var fill = (0..<nodeCount).map { first[$0] }
        func addArc(_ a: Int, _ b: Int, _ capacity: Int32, _ c: Int64) -> Int32 {
            let fa = fill[a], fb = fill[b]
            fill[a] += 1
            fill[b] += 1
            (arcs + Int(fa)).initialize(to: Arc(cost: c * scale, head: Int32(b), residual: capacity))
            (arcs + Int(fb)).initialize(to: Arc(cost: -c * scale, head: Int32(a), residual: 0))
            mate[Int(fa)] = fb
            mate[Int(fb)] = fa
            pairCapacity[Int(fa)] = capacity
            pairCapacity[Int(fb)] = capacity
            maxCost = max(maxCost, abs(c * scale))
            return fa
        }
        price.initialize(repeating: 0, count: nodeCount)
        excess.initialize(repeating: 0, count: nodeCount)
        queued.initialize(repeating: false, count: nodeCount)
        var supplied: Int32 = 0
        for i in 0..<n where !p.edges(of: i).isEmpty {
            for e in p.edges(of: i) { edgeArc[e] = addArc(i, n + Int(p.edgeMentor[e]), 1, pairCost(e)) }
            _ = addArc(i, unpairedLimit == nil ? t : u, 1, unpairedCost)
            excess[i] = 1
            supplied += 1
        }
        for j in 0..<m where degree[j] > 0 && p.capacity[j] > 0 { _ = addArc(n + j, t, min(p.capacity[j], degree[j]), 0) }
        if let limit = unpairedLimit { _ = addArc(u, t, Int32(limit), 0) }
        excess[t] = -supplied
    }

    deinit {
        first.deallocate()
        arcs.deallocate()
        mate.deallocate()
        pairCapacity.deallocate()
        price.deallocate()
        excess.deallocate()
        queue.deallocate()
        queued.deallocate()
        current.deallocate()
        edgeArc.deallocate()
        dist?.deallocate()
        bucketNext?.deallocate()
        bucketPrev?.deallocate()
        bucketHead?.deallocate()
    }

    /// For each problem edge's mentee, the edge it is matched along, or −1.
    func solve() -> [Int32] {
        var epsilon = maxCost
        repeat {
            epsilon = max(epsilon / alpha, 1)
            refine(epsilon)
        } while epsilon > 1
        var edgeOf = [Int32](repeating: -1, count: n)
        var i = 0
        for e in 0..<edgeCount {
            while Int(first[i + 1]) <= Int(edgeArc[e]) { i += 1 }
            if arcs[Int(edgeArc[e])].residual == 0 { edgeOf[i] = Int32(e) }
        }
        return edgeOf
    }

    @inline(__always) func enqueue(_ w: Int) {
        if !queued[w] {
            queued[w] = true
            queue[qTail] = Int32(w)
            qTail = qTail == nodeCount ? 0 : qTail + 1
        }
    }

    @inline(__always) func push(_ a: Int, _ v: Int, _ amount: Int32) -> Int {
        let w = Int(arcs[a].head)
        arcs[a].residual -= amount
        arcs[Int(mate[a])].residual += amount
        excess[v] -= amount
        excess[w] += amount
        if excess[w] > 0 { enqueue(w) }
        return w
    }

    /// Turns an ε·α-optimal flow into an ε-optimal one.
    func refine(_ epsilon: Int64) {
        // Saturate every residual arc of negative reduced cost; then every node is ε-optimal.
        for v in 0..<nodeCount {
            let pv = price[v]
            for a in Int(first[v])..<Int(first[v + 1]) {
                let arc = arcs[a]
                if arc.residual > 0 && arc.cost + pv - price[Int(arc.head)] < 0 {
                    let amount = arc.residual
                    let w = Int(arc.head)
                    arcs[a].residual = 0
                    arcs[Int(mate[a])].residual += amount
                    excess[v] -= amount
                    excess[w] += amount
                }
            }
        }
        var qHead = 0
        qTail = 0
        for v in 0..<nodeCount {
            current[v] = first[v]
            if excess[v] > 0 { enqueue(v) }
        }
        relabels = 0
        if updateEvery > 0 { priceUpdate(epsilon) }
        while qHead != qTail {
            let v = Int(queue[qHead])
            qHead = qHead == nodeCount ? 0 : qHead + 1
            queued[v] = false
            if excess[v] <= 0 { continue }
            discharge(v, epsilon)
            if updateEvery > 0 && relabels >= updateEvery {
                relabels = 0
                priceUpdate(epsilon)
            }
        }
    }

    /// Pushes v's excess along admissible arcs (reduced cost < 0), relabelling v whenever none is left.
    /// One pass over the arcs both pushes and finds the relabel price; the arcs before the current one
    /// (not admissible) are looked at only when the pass ends with excess left. A mentor that a mentee
    /// has just pushed to is discharged at once (double push), while the arcs are warm.
    func discharge(_ v: Int, _ epsilon: Int64) {
        let begin = Int(first[v]), end = Int(first[v + 1])
        while true {
            let start = Int(current[v])
            let pv = price[v]
            var best = Int64.min, bestArc = -1
            var a = start
            while a < end {
                let arc = arcs[a]
                if arc.residual > 0 {
                    let x = price[Int(arc.head)] - arc.cost
                    if x > pv {
                        let w = push(a, v, min(excess[v], arc.residual))
                        if v < n && w < n + m && excess[w] > 0 { discharge(w, epsilon) }
                        if excess[v] == 0 {
                            current[v] = Int32(a)
                            return
                        }
                        continue  // look at the arc again: the mentor may have pushed the unit back
                    } else if x > best {
                        best = x
                        bestArc = a
                    }
                }
                a += 1
            }
            for b in begin..<start {
                let arc = arcs[b]
                if arc.residual > 0 {
                    let x = price[Int(arc.head)] - arc.cost
                    if x > best {
                        best = x
                        bestArc = b
                    }
                }
            }
            precondition(bestArc >= 0, "a node with excess always has a residual arc")
            // Relabel: the highest price that makes the best residual arc admissible (reduced cost −ε).
            price[v] = best - epsilon
            current[v] = Int32(bestArc)
            relabels += 1
        }
    }

    /// Global price update (Goldberg's CS2): a bucket Dijkstra from the nodes with a deficit, backwards
    /// along residual arcs of length ⌊reduced cost / ε⌋ + 1 (≥ 0 in an ε-optimal flow), then each node's
    /// price drops by ε × its distance. The flow stays ε-optimal, and every node with excess gets a path
    /// of admissible arcs to a deficit. Stops once every node with excess is scanned; the nodes not
    /// scanned drop by the last distance. Distances beyond `nodeCount` are not followed; should a node
    /// with excess be left beyond it, the prices stay as they are.
    func priceUpdate(_ epsilon: Int64) {
        let bucketCount = nodeCount + 1
        if dist == nil {
            dist = .allocate(capacity: nodeCount)
            bucketNext = .allocate(capacity: nodeCount)
            bucketPrev = .allocate(capacity: nodeCount)
            bucketHead = .allocate(capacity: bucketCount)
        }
        let dist = self.dist!, next = bucketNext!, prev = bucketPrev!, bucket = bucketHead!
        let unreached = Int32.max, scanned: Int32 = -2
        for b in 0..<bucketCount { bucket[b] = -1 }
        @inline(__always) func insert(_ u: Int, _ b: Int) {
            let h = bucket[b]
            next[u] = h
            prev[u] = -1
            if h >= 0 { prev[Int(h)] = Int32(u) }
            bucket[b] = Int32(u)
        }
        @inline(__always) func remove(_ u: Int, _ b: Int) {
            let p = prev[u], x = next[u]
            if p >= 0 { next[Int(p)] = x } else { bucket[b] = x }
            if x >= 0 { prev[Int(x)] = p }
        }
        var excessLeft = 0
        for v in 0..<nodeCount {
            prev[v] = -1
            if excess[v] < 0 {
                dist[v] = 0
                insert(v, 0)
            } else {
                dist[v] = unreached
                if excess[v] > 0 { excessLeft += 1 }
            }
        }
        if excessLeft == 0 { return }
        var level = 0
        let limit = Int64(nodeCount)
        search: while level < bucketCount {
            let top = bucket[level]
            if top < 0 {
                level += 1
                continue
            }
            let v = Int(top)
            remove(v, level)
            prev[v] = scanned
            if excess[v] > 0 {
                excessLeft -= 1
                if excessLeft == 0 { break search }
            }
            let pv = price[v]
            for b in Int(first[v])..<Int(first[v + 1]) {
                // The reverse of b, u → v, is residual when b is not at its capacity.
                let arc = arcs[b]
                if arc.residual == pairCapacity[b] { continue }
                let u = Int(arc.head)
                if prev[u] == scanned { continue }
                let d = Int64(level) + (price[u] - arc.cost - pv + epsilon) / epsilon
                if d > limit || d >= Int64(dist[u]) { continue }
                if dist[u] != unreached { remove(u, Int(dist[u])) }
                dist[u] = Int32(d)
                insert(u, Int(d))
            }
        }
        if excessLeft > 0 { return }
        let far = Int64(level)
        for v in 0..<nodeCount {
            price[v] -= epsilon * (prev[v] == scanned ? Int64(dist[v]) : far)
            current[v] = first[v]
        }
    }
}

/// The reference solver the tests compare `OptimalMatcher` with on instances too large for brute
/// force: the same optimum by a different method (the one `OptimalMatcher` used before cost scaling).
///
/// Min-cost flow by successive shortest paths, one mentee at a time (as in the Hungarian method):
/// nodes are mentees, mentors and a sink T; a mentee may also go straight to T («stays unpaired», gain 0).
/// Dijkstra runs on reduced costs with Johnson potentials and stops when T is reached; only the nodes it
/// touched are reset and re-potentialed, so an augmentation costs the part of the graph it explores.
/// Ties are broken by node index, so the same input gives the same output.
enum ShortestPathMatcher {
    static func solve(_ p: MatchingProblem, maximiseCount: Bool = false) -> MatchingSolution {
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
/// the mentee-optimal stable matching. Lists hold only acceptable partners, best first; a pair counts
/// only when each lists the other, and a mentor listed twice keeps the better rank.
///
/// Flat arrays throughout: each proposal carries the mentor's rank of the proposer (looked up once,
/// in O(edges), by scattering each mentor's list into a mentee-indexed array), and each mentor's held
/// mentees are a max-heap by rank in its own slice of one array, so a proposal costs O(log capacity).
public enum StableMatcher {
    public static func solve(menteePrefs: [[Int32]], mentorPrefs: [[Int32]], capacity: [Int32]) -> [Int32] {
        let n = menteePrefs.count, m = mentorPrefs.count
        // Proposals in CSR form, and for each the rank the mentor gives the mentee (−1: not acceptable).
        var start = [Int32](repeating: 0, count: n + 1)
        for i in 0..<n { start[i + 1] = start[i] + Int32(menteePrefs[i].count) }
        let total = Int(start[n])
        var target = [Int32](repeating: -1, count: total)
        var rank = [Int32](repeating: -1, count: total)
        var byMentor = [Int32](repeating: 0, count: m + 1)
        for list in menteePrefs { for j in list where j >= 0 && Int(j) < m { byMentor[Int(j) + 1] += 1 } }
        for j in 0..<m { byMentor[j + 1] += byMentor[j] }
        var fill = Array(byMentor.dropLast())
        var proposalsTo = [Int32](repeating: 0, count: Int(byMentor[m]))
        var k = 0
        for i in 0..<n {
            for j in menteePrefs[i] {
                if j >= 0 && Int(j) < m {
                    target[k] = j
                    proposalsTo[Int(fill[Int(j)])] = Int32(k)
                    fill[Int(j)] += 1
                }
                k += 1
            }
        }
        var mark = [Int32](repeating: -1, count: n)
        var menteeOf = [Int32](repeating: 0, count: total)
        for i in 0..<n { for k in Int(start[i])..<Int(start[i + 1]) { menteeOf[k] = Int32(i) } }
        var places = [Int32](repeating: 0, count: m + 1)
        for j in 0..<m {
            let prefs = mentorPrefs[j]
            for (r, i) in prefs.enumerated().reversed() where i >= 0 && Int(i) < n { mark[Int(i)] = Int32(r) }
            for x in Int(byMentor[j])..<Int(byMentor[j + 1]) {
                let k = Int(proposalsTo[x])
                rank[k] = mark[Int(menteeOf[k])]
            }
            for i in prefs where i >= 0 && Int(i) < n { mark[Int(i)] = -1 }
            places[j + 1] = places[j] + max(0, min(capacity[j], Int32(prefs.count)))
        }
        // Deferred acceptance; held[places[j] ..< places[j] + heldCount[j]] is mentor j's max-heap by rank.
        var heldRank = [Int32](repeating: 0, count: Int(places[m]))
        var heldMentee = [Int32](repeating: 0, count: Int(places[m]))
        var heldCount = [Int32](repeating: 0, count: m)
        var next = start
        var mentorOf = [Int32](repeating: -1, count: n)
        var free = Array((0..<Int32(n)).reversed())
        while let proposer = free.popLast() {
            let i = Int(proposer)
            while next[i] < start[i + 1] {
                let k = Int(next[i])
                next[i] += 1
                let r = rank[k]
                guard r >= 0 else { continue }
                let j = Int(target[k]), base = Int(places[j]), size = Int(places[j + 1]) - base
                let count = Int(heldCount[j])
                if count < size {
                    // Sift up the new mentee.
                    var c = count
                    while c > 0 {
                        let parent = (c - 1) / 2
                        guard heldRank[base + parent] < r else { break }
                        heldRank[base + c] = heldRank[base + parent]
                        heldMentee[base + c] = heldMentee[base + parent]
                        c = parent
                    }
                    heldRank[base + c] = r
                    heldMentee[base + c] = proposer
                    heldCount[j] += 1
                    mentorOf[i] = Int32(j)
                    break
                }
                guard size > 0, r < heldRank[base] else { continue }
                // Replace the worst held mentee (the heap's top) and sift down.
                let worst = heldMentee[base]
                var c = 0
                while true {
                    let l = 2 * c + 1
                    if l >= size { break }
                    var child = l
                    if l + 1 < size && heldRank[base + l + 1] > heldRank[base + l] { child = l + 1 }
                    guard heldRank[base + child] > r else { break }
                    heldRank[base + c] = heldRank[base + child]
                    heldMentee[base + c] = heldMentee[base + child]
                    c = child
                }
                heldRank[base + c] = r
                heldMentee[base + c] = proposer
                mentorOf[i] = Int32(j)
                mentorOf[Int(worst)] = -1
                free.append(worst)
                break
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

/// The best admissible mentors of one mentee by weight (ties: lower mentor index first), for a manual choice.
public enum Suggestions {
    public static func top(_ p: MatchingProblem, mentee: Int, limit: Int = 5) -> [Int32] {
        var best: [(weight: Int64, mentor: Int32)] = []
        best.reserveCapacity(limit + 1)
        for e in p.edges(of: mentee) {
            let x = (weight: p.edgeWeight[e], mentor: p.edgeMentor[e])
            if best.count == limit, let last = best.last, (last.weight, -last.mentor) >= (x.weight, -x.mentor) { continue }
            var k = best.count
            best.append(x)
            while k > 0, (best[k - 1].weight, -best[k - 1].mentor) < (x.weight, -x.mentor) {
                best[k] = best[k - 1]
                k -= 1
            }
            best[k] = x
            if best.count > limit { best.removeLast() }
        }
        return best.map(\.mentor)
    }
}
