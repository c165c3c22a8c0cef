/// A tiny typed HTML tree. Text is escaped on render; `raw` is only for trusted constant markup.
public indirect enum Node: Sendable {
    case element(String, [(String, String)], [Node])
    case void(String, [(String, String)])
    case text(String)
    case fragment([Node])
    case raw(String)

    public func render() -> String {
        var out = ""
        out.reserveCapacity(4096)
        write(into: &out)
        return out
    }

    func write(into out: inout String) {
        switch self {
        case let .element(tag, attrs, children):
            out += "<\(tag)"
            Node.writeAttrs(attrs, into: &out)
            out += ">"
            for c in children { c.write(into: &out) }
            out += "</\(tag)>"
        case let .void(tag, attrs):
            out += "<\(tag)"
            Node.writeAttrs(attrs, into: &out)
            // Inside inline SVG an element without children must close itself, or the HTML parser nests
            // what follows in it; HTML's own void elements take no slash.
            out += Node.svgShapes.contains(tag) ? "/>" : ">"
        case let .text(s): out += Node.escape(s)
        case let .fragment(nodes): for n in nodes { n.write(into: &out) }
        case let .raw(s): out += s
        }
    }

    static let svgShapes: Set<String> = ["rect", "line", "circle", "polyline", "path", "ellipse", "polygon"]

    static func writeAttrs(_ attrs: [(String, String)], into out: inout String) {
        for (k, v) in attrs { out += " \(k)=\"\(escape(v))\"" }
    }

    public static func escape(_ s: String) -> String {
        var r = ""
        r.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "&": r += "&amp;"
            case "<": r += "&lt;"
            case ">": r += "&gt;"
            case "\"": r += "&quot;"
            case "'": r += "&#39;"
            default: r.append(ch)
            }
        }
        return r
    }

    public static let empty = Node.fragment([])
}

@resultBuilder
public enum HTMLBuilder {
    public static func buildExpression(_ n: Node) -> [Node] { [n] }
    public static func buildExpression(_ s: String) -> [Node] { [.text(s)] }
    public static func buildExpression(_ ns: [Node]) -> [Node] { ns }
    public static func buildBlock(_ parts: [Node]...) -> [Node] { parts.flatMap { $0 } }
    public static func buildOptional(_ n: [Node]?) -> [Node] { n ?? [] }
    public static func buildEither(first n: [Node]) -> [Node] { n }
    public static func buildEither(second n: [Node]) -> [Node] { n }
    public static func buildArray(_ ns: [[Node]]) -> [Node] { ns.flatMap { $0 } }
}

/// `el("div", ["class": "x"]) { … }` — attributes in the order given.
public func el(_ tag: String, _ attrs: KeyValuePairs<String, String?> = [:], @HTMLBuilder _ children: () -> [Node] = { [] }) -> Node {
    .element(tag, attrs.compactMap { k, v in v.map { (k, $0) } }, children())
}

public func void(_ tag: String, _ attrs: KeyValuePairs<String, String?>) -> Node {
    .void(tag, attrs.compactMap { k, v in v.map { (k, $0) } })
}

public func link(_ href: String, _ text: String, class cls: String? = nil) -> Node {
    el("a", ["href": href, "class": cls]) { text }
}

/// Nodes without an element around them, e.g. a page body rendered on its own.
public func fragment(@HTMLBuilder _ children: () -> [Node]) -> Node { .fragment(children()) }
