import Foundation
import NastavnikCore

// nastavnik-bench: times the matching solvers of NastavnikCore on generated instances (issue 4).
//
//   nastavnik-bench generate --instance region --out /tmp/region.bin
//   nastavnik-bench run --instance region --mode optimal [--input /tmp/region.bin] [--solution out.bin]
//
// `run` solves one instance in one mode and prints one JSON line; run each instance × mode in a fresh
// process so that peak_rss_mb (getrusage ru_maxrss) belongs to that solve. scripts/bench-matching
// drives it and then the peers (scripts/bench_peers.py).

let modes = ["optimal", "optimal_count_first", "stable", "suggestions"]

func usage() -> Never {
    FileHandle.standardError.write(Data("""
        usage: nastavnik-bench generate --instance NAME --out FILE
               nastavnik-bench run --instance NAME --mode MODE [--input FILE] [--solution FILE]
        instances: \(InstanceSpec.all.map(\.name).joined(separator: ", "))
        modes: \(modes.joined(separator: ", "))

        """.utf8))
    exit(2)
}

func option(_ name: String, in args: [String]) -> String? {
    guard let i = args.firstIndex(of: "--" + name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

/// Peak resident set size of this process so far, in MB (ru_maxrss is in KB on Linux, bytes on macOS).
func peakRSSMegabytes() -> Double {
    var usage = rusage()
    #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    #else
        getrusage(RUSAGE_SELF, &usage)
        return Double(usage.ru_maxrss) / (1024 * 1024)
    #endif
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

func writeInt32(_ values: [Int32], to path: String) throws {
    try values.map(\.littleEndian).withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: path)) }
}

func format(_ x: Double) -> String { String(format: "%.6f", x) }

let args = Array(CommandLine.arguments.dropFirst())
guard let command = args.first, let name = option("instance", in: args), let spec = InstanceSpec.named(name) else { usage() }

do {
    switch command {
    case "generate":
        guard let out = option("out", in: args) else { usage() }
        try InstanceFile.write(spec.generate(), to: out)
    case "run":
        guard let mode = option("mode", in: args), modes.contains(mode) else { usage() }
        let instance = try option("input", in: args).map { try InstanceFile.read(name, from: $0) } ?? spec.generate()
        let p = instance.problem
        var objective: Int64 = 0
        var matched = 0
        var output: [Int32] = []
        var elapsed: Duration = .zero
        let clock = ContinuousClock()
        let rssBefore: Double
        switch mode {
        case "optimal", "optimal_count_first":
            rssBefore = peakRSSMegabytes()
            var solution: MatchingSolution?
            elapsed = clock.measure { solution = OptimalMatcher.solve(p, maximiseCount: mode == "optimal_count_first") }
            guard let s = solution, s.isFeasible(for: p) else { throw BenchError("infeasible solution") }
            (objective, matched, output) = (s.objective, s.matched, s.mentorOf)
        case "stable":
            let menteePrefs = instance.menteePrefLists(), mentorPrefs = instance.mentorPrefLists()
            rssBefore = peakRSSMegabytes()
            elapsed = clock.measure { output = StableMatcher.solve(menteePrefs: menteePrefs, mentorPrefs: mentorPrefs, capacity: p.capacity) }
            let s = MatchingSolution(mentorOf: output, problem: p)
            guard s.isFeasible(for: p) else { throw BenchError("infeasible solution") }
            (objective, matched) = (s.objective, s.matched)
        default:  // suggestions: the top 5 mentors of every mentee, as the curator's manual choice shows them
            let limit = 5
            rssBefore = peakRSSMegabytes()
            elapsed = clock.measure {
                output.reserveCapacity(p.menteeCount * limit)
                for i in 0..<p.menteeCount {
                    let top = Suggestions.top(p, mentee: i, limit: limit)
                    output.append(contentsOf: top)
                    output.append(contentsOf: repeatElement(-1, count: limit - top.count))
                }
            }
            for i in 0..<p.menteeCount {
                let row = output[(i * limit)..<(i * limit + limit)].filter { $0 >= 0 }
                if !row.isEmpty { matched += 1 }
                for j in row { objective += p.weight(i, Int(j)) ?? 0 }
            }
        }
        let peak = peakRSSMegabytes()
        if let path = option("solution", in: args) { try writeInt32(output, to: path) }
        print(
            #"{"instance":"\#(name)","mode":"\#(mode)","solver":"nastavnik","seconds":\#(format(seconds(elapsed))),"#
                + #""peak_rss_mb":\#(String(format: "%.1f", peak)),"rss_before_solve_mb":\#(String(format: "%.1f", rssBefore)),"#
                + #""objective":\#(objective),"matched":\#(matched),"mentees":\#(p.menteeCount),"mentors":\#(p.mentorCount),"edges":\#(p.edgeCount)}"#)
    default:
        usage()
    }
} catch {
    FileHandle.standardError.write(Data("nastavnik-bench: \(error)\n".utf8))
    exit(1)
}
