import Foundation

/// `{{имя}}` placeholders in plain text. Offsets count Unicode scalars, so the text of several
/// `<w:t>` elements can be scanned as one string and the offsets mapped back to each of them.
enum DocxPlaceholders {
    struct Span: Equatable {
        /// Scalar offsets of the whole `{{…}}`.
        var range: Range<Int>
        /// The trimmed name; nil when the content is not a valid name (`{{ф и о}}`).
        var name: String?
        var raw: String
    }

    enum Issue: Equatable {
        /// `{{` without `}}`; the text from `{{` on (shortened).
        case unclosed(String)
        /// `}}` without `{{`; the text before it (shortened).
        case unopened(String)
        /// `{{…}}` whose content is not a name.
        case invalidName(String)
    }

    static func scan(_ text: String) -> (spans: [Span], issues: [Issue]) {
        scan(Array(text.unicodeScalars))
    }

    static func scan(_ s: [Unicode.Scalar]) -> (spans: [Span], issues: [Issue]) {
        var spans: [Span] = []
        var issues: [Issue] = []
        func isPair(_ c: Unicode.Scalar, at i: Int) -> Bool { i + 1 < s.count && s[i] == c && s[i + 1] == c }
        func excerpt(_ range: Range<Int>) -> String {
            var out = String.UnicodeScalarView()
            out.append(contentsOf: s[range])
            return String(out)
        }

        var i = 0
        while i + 1 < s.count {
            if isPair("{", at: i) {
                // The placeholder ends at the next "}}" unless another "{{" comes first.
                var j = i + 2
                while j + 1 < s.count, !isPair("}", at: j), !isPair("{", at: j) { j += 1 }
                guard isPair("}", at: j) else {
                    let shown = excerpt(i..<min(s.count, i + 40))
                    issues.append(.unclosed(s.count > i + 40 ? shown + "…" : shown))
                    i = j + 1 < s.count ? j : s.count
                    continue
                }
                let raw = excerpt(i..<j + 2)
                let name = validName(excerpt(i + 2..<j))
                if name == nil { issues.append(.invalidName(raw)) }
                spans.append(Span(range: i..<j + 2, name: name, raw: raw))
                i = j + 2
            } else if isPair("}", at: i) {
                let shown = excerpt(max(0, i - 30)..<i + 2)
                issues.append(.unopened(i > 30 ? "…" + shown : shown))
                i += 2
            } else {
                i += 1
            }
        }
        return (spans, issues)
    }

    /// Letters, digits, "_" and "№" in parts joined by dots; surrounding whitespace ignored.
    static func validName(_ content: String) -> String? {
        let name = content.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        let valid = !name.isEmpty && parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "№" }
        }
        return valid ? name : nil
    }

    /// Valid placeholder names in order of appearance.
    static func names(in text: String) -> [String] {
        scan(text).spans.compactMap(\.name)
    }

    /// Replaces every placeholder that `resolve` knows; nil when nothing was replaced.
    static func substitute(_ text: String, _ resolve: (String) -> String?) -> String? {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var position = 0
        var changed = false
        for span in scan(scalars).spans {
            guard let name = span.name, let value = resolve(name) else { continue }
            out.append(contentsOf: scalars[position..<span.range.lowerBound])
            out.append(contentsOf: value.unicodeScalars)
            position = span.range.upperBound
            changed = true
        }
        guard changed else { return nil }
        out.append(contentsOf: scalars[position...])
        return String(out)
    }
}
