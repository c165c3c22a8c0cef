import CoreMetrics
import Foundation
import Vapor

/// An in-process swift-metrics backend that renders the Prometheus text format at `/metrics`. Vapor reports
/// `http_requests_total` and `http_request_duration_seconds` (by method, route pattern and status) through it;
/// the app adds matching runs, imports and sign-ins. Counters are per instance: Prometheus sums the instances.
final class PrometheusRegistry: MetricsFactory, @unchecked Sendable {
    /// Latency buckets, seconds.
    static let buckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    final class Series: CounterHandler, RecorderHandler, TimerHandler, @unchecked Sendable {
        enum Kind { case counter, gauge, histogram }
        let kind: Kind
        private let lock = NSLock()
        private var value: Double = 0
        private var counts = [Int](repeating: 0, count: PrometheusRegistry.buckets.count)
        private var sum: Double = 0
        private var total = 0

        init(_ kind: Kind) { self.kind = kind }

        func increment(by amount: Int64) { lock.withLock { value += Double(amount) } }
        func reset() { lock.withLock { value = 0 } }
        func record(_ v: Int64) { record(Double(v)) }
        func record(_ v: Double) {
            lock.withLock {
                if kind == .gauge { value = v; return }
                observe(v)
            }
        }
        func recordNanoseconds(_ duration: Int64) { lock.withLock { observe(Double(duration) / 1e9) } }
        func preferDisplayUnit(_ unit: TimeUnit) {}

        private func observe(_ v: Double) {
            for (i, bound) in PrometheusRegistry.buckets.enumerated() where v <= bound { counts[i] += 1 }
            sum += v
            total += 1
        }

        func snapshot() -> (value: Double, counts: [Int], sum: Double, total: Int) { lock.withLock { (value, counts, sum, total) } }
    }

    struct Key: Hashable, Comparable {
        var label: String
        var dimensions: [String]
        static func < (a: Key, b: Key) -> Bool { (a.label, a.dimensions.joined(separator: ",")) < (b.label, b.dimensions.joined(separator: ",")) }
    }

    private let lock = NSLock()
    private var series: [Key: Series] = [:]

    private func handler(_ label: String, _ dimensions: [(String, String)], _ kind: Series.Kind) -> Series {
        let key = Key(label: Self.name(label), dimensions: dimensions.map { "\(Self.name($0.0))=\"\(Self.escape($0.1))\"" })
        return lock.withLock {
            if let s = series[key] { return s }
            let s = Series(kind)
            series[key] = s
            return s
        }
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler { handler(label, dimensions, .counter) }
    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler { handler(label, dimensions, aggregate ? .histogram : .gauge) }
    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler { handler(label, dimensions, .histogram) }
    // Series live as long as the process: Prometheus expects counters never to disappear.
    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}

    /// The exposition text (format 0.0.4).
    func render() -> String {
        let all = lock.withLock { series.sorted { $0.key < $1.key } }
        var out = ""
        var typed = Set<String>()
        for (key, s) in all {
            let type = s.kind == .counter ? "counter" : s.kind == .gauge ? "gauge" : "histogram"
            if typed.insert(key.label).inserted { out += "# TYPE \(key.label) \(type)\n" }
            let snap = s.snapshot()
            func labels(_ extra: String? = nil) -> String {
                let parts = key.dimensions + (extra.map { [$0] } ?? [])
                return parts.isEmpty ? "" : "{" + parts.joined(separator: ",") + "}"
            }
            switch s.kind {
            case .counter, .gauge: out += "\(key.label)\(labels()) \(Self.number(snap.value))\n"
            case .histogram:
                for (i, bound) in Self.buckets.enumerated() { out += "\(key.label)_bucket\(labels("le=\"\(Self.number(bound))\"")) \(snap.counts[i])\n" }
                out += "\(key.label)_bucket\(labels("le=\"+Inf\"")) \(snap.total)\n"
                out += "\(key.label)_sum\(labels()) \(Self.number(snap.sum))\n"
                out += "\(key.label)_count\(labels()) \(snap.total)\n"
            }
        }
        return out
    }

    static func name(_ s: String) -> String {
        String(s.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "_" })
    }
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }
    static func number(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v) }

    /// The process's registry; swift-metrics may be bootstrapped once per process, tests make many applications.
    static let shared: PrometheusRegistry = {
        let r = PrometheusRegistry()
        MetricsSystem.bootstrap(r)
        return r
    }()
}

/// The app's own series.
enum AppMetrics {
    static func matchingRun(mode: String) { Counter(label: "nastavnik_matching_runs_total", dimensions: [("mode", mode)]).increment() }
    static func importFinished(kind: String, committed: Bool, rows: Int) {
        Counter(label: "nastavnik_imports_total", dimensions: [("kind", kind), ("outcome", committed ? "committed" : "failed")]).increment()
        if committed { Counter(label: "nastavnik_import_rows_total", dimensions: [("kind", kind)]).increment(by: rows) }
    }
    static func signIn(_ outcome: String) { Counter(label: "nastavnik_sign_ins_total", dimensions: [("outcome", outcome)]).increment() }
}

/// `GET /metrics`: with `METRICS_TOKEN` set, for a scraper sending it as a bearer token; without it, only from loopback.
func metricsRoute(_ app: Application) {
    let registry = PrometheusRegistry.shared
    app.get("metrics") { req async throws -> Response in
        let allowed: Bool
        if let token = req.application.config.metricsToken {
            allowed = req.headers.bearerAuthorization?.token == token
        } else {
            allowed = ["127.0.0.1", "::1"].contains(req.remoteAddress?.ipAddress ?? "")
        }
        guard allowed else { throw Abort(.forbidden, reason: "Метрики доступны только сборщику метрик (METRICS_TOKEN) или с этого же сервера.") }
        return Response(status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"], body: .init(string: registry.render()))
    }
}
