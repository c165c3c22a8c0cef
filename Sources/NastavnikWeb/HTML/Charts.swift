import Foundation
import NastavnikCore

/// Charts drawn on the server as inline SVG: no script, so they print, work behind a strict CSP and read
/// the same in every browser. Each has a `<title>` for screen readers; the numbers stay in the tables.
enum Charts {
    struct Bar {
        var label: String
        /// 0…100 for shares; any non-negative number when `maximum` is given.
        var value: Double
        var text: String
        var href: String?
    }

    static func f(_ x: Double) -> String { String(Int(x.rounded())) }

    /// Horizontal bars, one a row, with an optional target line (e.g. the federal 70 %).
    static func bars(_ title: String, _ items: [Bar], maximum: Double = 100, target: Double? = nil, targetLabel: String? = nil) -> Node {
        let labelWidth = 330.0, barWidth = 520.0, row = 26.0, top = target == nil ? 8.0 : 24.0
        let width = labelWidth + barWidth + 130, height = top + row * Double(items.count) + 8
        let scale = barWidth / max(maximum, 1)
        return el("figure", ["class": "chart"]) {
            el("svg", ["viewBox": "0 0 \(f(width)) \(f(height))", "width": "100%", "role": "img", "aria-label": title, "xmlns": "http://www.w3.org/2000/svg"]) {
                el("title") { title }
                items.enumerated().map { i, b in
                    let y = top + row * Double(i)
                    let w = max(0, min(b.value, maximum)) * scale
                    let label = b.label.count > 52 ? String(b.label.prefix(51)) + "…" : b.label
                    let bar = el("g") {
                        el("text", ["x": f(labelWidth - 8), "y": f(y + 17), "text-anchor": "end", "class": "chart-label"]) { label }
                        void("rect", ["x": f(labelWidth), "y": f(y + 4), "width": f(barWidth), "height": "18", "class": "chart-track"])
                        void("rect", ["x": f(labelWidth), "y": f(y + 4), "width": String(format: "%.1f", w), "height": "18", "class": "chart-bar"])
                        el("text", ["x": f(labelWidth + w + 6), "y": f(y + 17), "class": "chart-value"]) { b.text }
                    }
                    return b.href.map { h in el("a", ["href": h]) { bar } } ?? bar
                }
                if let target {
                    let x = labelWidth + min(target, maximum) * scale
                    void("line", ["x1": f(x), "y1": "14", "x2": f(x), "y2": f(height - 4), "class": "chart-target"])
                    el("text", ["x": f(x), "y": "11", "text-anchor": "middle", "class": "chart-value"]) { targetLabel ?? RussianNumber.percent(target) }
                }
            }
            el("figcaption") { title }
        }
    }

    /// Lines over dates (campaigns): one series per indicator, shares 0…100.
    static func trend(_ title: String, _ series: [(name: String, points: [(Day, Double)])]) -> Node {
        let all = series.flatMap(\.points)
        guard let first = all.map({ $0.0 }).min(), let last = all.map({ $0.0 }).max(), first < last else { return .empty }
        let left = 40.0, right = 200.0, top = 10.0, plotW = 640.0, plotH = 220.0
        let span = Double(last.ordinal - first.ordinal)
        func x(_ d: Day) -> Double { left + Double(d.ordinal - first.ordinal) / span * plotW }
        func y(_ v: Double) -> Double { top + plotH - v / 100 * plotH }
        let dates = Array(Set(all.map { $0.0 })).sorted()
        return el("figure", ["class": "chart"]) {
            el("svg", ["viewBox": "0 0 \(f(left + plotW + right)) \(f(top + plotH + 30))", "width": "100%", "role": "img", "aria-label": title, "xmlns": "http://www.w3.org/2000/svg"]) {
                el("title") { title }
                [0.0, 25, 50, 75, 100].map { v in
                    el("g") {
                        void("line", ["x1": f(left), "y1": f(y(v)), "x2": f(left + plotW), "y2": f(y(v)), "class": "chart-grid"])
                        el("text", ["x": f(left - 6), "y": f(y(v) + 4), "text-anchor": "end", "class": "chart-value"]) { "\(Int(v))" }
                    }
                }
                dates.map { d in el("text", ["x": f(x(d)), "y": f(top + plotH + 18), "text-anchor": "middle", "class": "chart-value"]) { d.russian } }
                series.enumerated().map { i, s in
                    let pts = s.points.sorted { $0.0 < $1.0 }
                    return el("g", ["class": "chart-series s\(i % 6)"]) {
                        void("polyline", ["points": pts.map { "\(f(x($0.0))),\(f(y($0.1)))" }.joined(separator: " ")])
                        pts.map { p in void("circle", ["cx": f(x(p.0)), "cy": f(y(p.1)), "r": "3.5"]) }
                        el("text", ["x": f(left + plotW + 8), "y": f(y(pts.last!.1) + 4), "class": "chart-label"]) { "\(s.name): \(RussianNumber.percent(pts.last!.1))" }
                    }
                }
            }
            el("figcaption") { title }
        }
    }
}
