import Foundation
import NastavnikCore

/// Core's SplitMix64, so every run (and the peer script, which reads the written file) sees the same instance.
extension SplitMix64 {
    /// Uniform in 0..<bound (bound small compared to 2^64, so the modulo bias is negligible and, above
    /// all, the same in every run).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// One benchmark instance: the matching problem plus ranked preference lists for the stable mode.
struct BenchInstance {
    var name: String
    var problem: MatchingProblem
    /// Mentee i's ranked mentors occupy `problem.edgeStart[i] ..< problem.edgeStart[i + 1]`.
    var menteePrefs: [Int32]
    var mentorPrefStart: [Int32]
    var mentorPrefs: [Int32]

    func menteePrefLists() -> [[Int32]] {
        (0..<problem.menteeCount).map { Array(menteePrefs[problem.edges(of: $0)]) }
    }

    func mentorPrefLists() -> [[Int32]] {
        (0..<problem.mentorCount).map { Array(mentorPrefs[Int(mentorPrefStart[$0])..<Int(mentorPrefStart[$0 + 1])]) }
    }
}

/// The three scales of issue 4.
struct InstanceSpec {
    var name: String
    var mentees: Int
    var mentors: Int
    /// Candidate mentors per mentee (all of them when ≥ mentors).
    var candidates: Int
    /// Capacity of each mentor: fixed, or drawn from 1...maxCapacity when `fixedCapacity` is nil.
    var fixedCapacity: Int32?
    var maxCapacity: Int32
    /// Candidates are drawn from a window of mentors around the mentee's "home" (a municipality),
    /// which makes neighbouring mentees compete for the same mentors.
    var window: Int
    var seed: UInt64

    static let all: [InstanceSpec] = [
        InstanceSpec(name: "organisation", mentees: 300, mentors: 200, candidates: 200, fixedCapacity: nil, maxCapacity: 3, window: 200, seed: 4001),
        InstanceSpec(name: "region", mentees: 10_000, mentors: 5_000, candidates: 30, fixedCapacity: 2, maxCapacity: 2, window: 400, seed: 4002),
        InstanceSpec(name: "national", mentees: 100_000, mentors: 50_000, candidates: 30, fixedCapacity: 2, maxCapacity: 2, window: 400, seed: 4003),
    ]

    static func named(_ name: String) -> InstanceSpec? { all.first { $0.name == name } }

    /// Weight = mentor's general quality (0…4000, shared by all mentees, so good mentors are contested)
    /// + pair compatibility (0…6000). Preferences: each side ranks its candidates by weight plus its own
    /// noise (0…1500), ties by index.
    func generate() -> BenchInstance {
        var rng = SplitMix64(seed: seed)
        let n = mentees, m = mentors
        let capacity = (0..<m).map { _ in fixedCapacity ?? Int32(1 + rng.below(Int(maxCapacity))) }
        let quality = (0..<m).map { _ in Int64(rng.below(4001)) }
        var edgeStart = [Int32](repeating: 0, count: n + 1)
        var edgeMentor: [Int32] = []
        var edgeWeight: [Int64] = []
        var menteePrefs: [Int32] = []
        let k = min(candidates, m), span = min(window, m)
        edgeMentor.reserveCapacity(n * k)
        edgeWeight.reserveCapacity(n * k)
        menteePrefs.reserveCapacity(n * k)
        var chosen: [Int32] = []
        var seen = [Bool](repeating: false, count: m)
        for i in 0..<n {
            chosen.removeAll(keepingCapacity: true)
            if k == m {
                chosen = (0..<Int32(m)).map { $0 }
            } else {
                let home = i * m / n + m - span / 2
                while chosen.count < k {
                    // One candidate in six comes from anywhere (another municipality), the rest from the window.
                    let j = rng.below(6) == 0 ? rng.below(m) : (home + rng.below(span)) % m
                    if !seen[j] {
                        seen[j] = true
                        chosen.append(Int32(j))
                    }
                }
                for j in chosen { seen[Int(j)] = false }
                chosen.sort()
            }
            var ranked: [(key: Int64, mentor: Int32)] = []
            for j in chosen {
                let w = quality[Int(j)] + Int64(rng.below(6001))
                edgeMentor.append(j)
                edgeWeight.append(w)
                ranked.append((w + Int64(rng.below(1501)), j))
            }
            ranked.sort { ($0.key, -$0.mentor) > ($1.key, -$1.mentor) }
            menteePrefs.append(contentsOf: ranked.map(\.mentor))
            edgeStart[i + 1] = Int32(edgeMentor.count)
        }
        // Mentors rank the mentees that list them (so both sides' lists hold the same pairs).
        var mentorPrefStart = [Int32](repeating: 0, count: m + 1)
        for j in edgeMentor { mentorPrefStart[Int(j) + 1] += 1 }
        for j in 0..<m { mentorPrefStart[j + 1] += mentorPrefStart[j] }
        var fill = Array(mentorPrefStart.dropLast())
        var byMentor = [(key: Int64, mentee: Int32)](repeating: (0, 0), count: edgeMentor.count)
        for i in 0..<n {
            for e in Int(edgeStart[i])..<Int(edgeStart[i + 1]) {
                let j = Int(edgeMentor[e])
                byMentor[Int(fill[j])] = (edgeWeight[e] + Int64(rng.below(1501)), Int32(i))
                fill[j] += 1
            }
        }
        var mentorPrefs = [Int32](repeating: 0, count: edgeMentor.count)
        for j in 0..<m {
            let r = Int(mentorPrefStart[j])..<Int(mentorPrefStart[j + 1])
            let sorted = byMentor[r].sorted { ($0.key, -$0.mentee) > ($1.key, -$1.mentee) }
            for (o, x) in sorted.enumerated() { mentorPrefs[r.lowerBound + o] = x.mentee }
        }
        let problem = MatchingProblem(menteeCount: n, capacity: capacity, edgeStart: edgeStart, edgeMentor: edgeMentor, edgeWeight: edgeWeight)
        return BenchInstance(name: name, problem: problem, menteePrefs: menteePrefs, mentorPrefStart: mentorPrefStart, mentorPrefs: mentorPrefs)
    }
}

/// The file both sides read: little-endian, magic `NSTVMAT1`, then Int64 n, m, E, then Int32 arrays
/// capacity[m], edgeStart[n+1], edgeMentor[E], edgeWeight[E], menteePrefs[E] (mentee i's ranked
/// mentors at edgeStart[i]..<edgeStart[i+1]), mentorPrefStart[m+1], mentorPrefs[E].
enum InstanceFile {
    static let magic = Array("NSTVMAT1".utf8)

    static func write(_ x: BenchInstance, to path: String) throws {
        let p = x.problem
        var out = Data(magic)
        func put<T: FixedWidthInteger>(_ values: [T]) {
            values.withUnsafeBufferPointer { b in
                let le = b.map { $0.littleEndian }
                le.withUnsafeBytes { out.append(contentsOf: $0) }
            }
        }
        put([Int64(p.menteeCount), Int64(p.mentorCount), Int64(p.edgeCount)])
        put(p.capacity)
        put(p.edgeStart)
        put(p.edgeMentor)
        put(p.edgeWeight.map { Int32($0) })
        put(x.menteePrefs)
        put(x.mentorPrefStart)
        put(x.mentorPrefs)
        try out.write(to: URL(fileURLWithPath: path))
    }

    static func read(_ name: String, from path: String) throws -> BenchInstance {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard data.count >= 32, Array(data.prefix(8)) == magic else { throw BenchError("\(path): not an instance file") }
        var offset = 8
        func take<T: FixedWidthInteger>(_ count: Int, as: T.Type) -> [T] {
            let size = MemoryLayout<T>.size * count
            let values = data.withUnsafeBytes { raw in
                (0..<count).map { T(littleEndian: raw.loadUnaligned(fromByteOffset: offset + $0 * MemoryLayout<T>.size, as: T.self)) }
            }
            offset += size
            return values
        }
        let header = take(3, as: Int64.self)
        let n = Int(header[0]), m = Int(header[1]), e = Int(header[2])
        let capacity = take(m, as: Int32.self)
        let edgeStart = take(n + 1, as: Int32.self)
        let edgeMentor = take(e, as: Int32.self)
        let edgeWeight = take(e, as: Int32.self).map { Int64($0) }
        let menteePrefs = take(e, as: Int32.self)
        let mentorPrefStart = take(m + 1, as: Int32.self)
        let mentorPrefs = take(e, as: Int32.self)
        let problem = MatchingProblem(menteeCount: n, capacity: capacity, edgeStart: edgeStart, edgeMentor: edgeMentor, edgeWeight: edgeWeight)
        return BenchInstance(name: name, problem: problem, menteePrefs: menteePrefs, mentorPrefStart: mentorPrefStart, mentorPrefs: mentorPrefs)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
