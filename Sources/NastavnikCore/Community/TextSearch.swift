import Foundation

/// Russian full-text search over small in-memory collections: stemmed tokens, AND queries, weighted fields.
public enum TextSearch {
    /// A searchable item: weighted texts (e.g. title 3, body 1).
    public struct Document: Sendable {
        public var id: UUID
        public var fields: [(text: String, weight: Double)]

        public init(id: UUID, fields: [(text: String, weight: Double)]) {
            self.id = id
            self.fields = fields
        }
    }

    /// A found document and its relevance.
    public struct Hit: Sendable, Equatable {
        public var id: UUID
        public var score: Double

        public init(id: UUID, score: Double) {
            self.id = id
            self.score = score
        }
    }

    /// Words that carry no meaning for search (already with «ё» as «е»).
    static let stopWords: Set<String> = [
        "и", "в", "во", "не", "что", "он", "на", "я", "с", "со", "как", "а", "то", "все", "она", "так", "его",
        "но", "да", "ты", "к", "у", "же", "вы", "за", "бы", "по", "только", "ее", "мне", "было", "вот", "от",
        "меня", "еще", "нет", "о", "из", "ему", "для", "при", "это", "или",
    ]

    /// Stems of the text's words: split on non-letters/digits, lowercased, «ё» as «е», without 1-letter words and stop words.
    public static func tokens(_ text: String) -> [String] {
        var cache: [String: String?] = [:]
        return tokens(text, cache: &cache)
    }

    /// Documents holding every query stem, best first; a query without stems returns every document with score 0.
    public static func search(_ query: String, in documents: [Document]) -> [Hit] {
        var cache: [String: String?] = [:]
        var queryStems: [String] = []
        for stem in tokens(query, cache: &cache) where !queryStems.contains(stem) { queryStems.append(stem) }
        guard !queryStems.isEmpty else { return documents.map { Hit(id: $0.id, score: 0) } }

        var hits: [Hit] = []
        for document in documents {
            let counted = document.fields.map { field -> (counts: [String: Int], weight: Double) in
                var counts: [String: Int] = [:]
                for stem in tokens(field.text, cache: &cache) { counts[stem, default: 0] += 1 }
                return (counts, field.weight)
            }
            var score = 0.0
            var matchesAll = true
            for q in queryStems {
                var found = false
                for field in counted {
                    let count = occurrences(of: q, in: field.counts)
                    guard count > 0 else { continue }
                    found = true
                    score += field.weight * (1 + log(Double(count)))
                }
                if !found { matchesAll = false; break }
            }
            if matchesAll { hits.append(Hit(id: document.id, score: score)) }
        }
        return hits.sorted { $0.score != $1.score ? $0.score > $1.score : $0.id.uuidString < $1.id.uuidString }
    }

    /// An excerpt of about `length` characters around the first word matching the query, «…» marking cut ends.
    public static func snippet(_ text: String, query: String, length: Int = 160) -> String {
        let chars = Array(text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "))
        let length = max(1, length)
        var cache: [String: String?] = [:]
        let queryStems = Set(tokens(query, cache: &cache))

        // The first word whose stem matches a query stem.
        var match: Range<Int>?
        if !queryStems.isEmpty {
            var k = 0
            while k < chars.count, match == nil {
                guard isWordCharacter(chars[k]) else { k += 1; continue }
                let start = k
                while k < chars.count, isWordCharacter(chars[k]) { k += 1 }
                if let stem = stemOfWord(String(chars[start..<k]), cache: &cache),
                   queryStems.contains(where: { matches(queryStem: $0, stem: stem) }) {
                    match = start..<k
                }
            }
        }

        var start = 0
        if let match {
            start = max(0, match.lowerBound - max(0, length - match.count) / 3)
            if start + length > chars.count { start = max(0, chars.count - length) }
            // Begin at a word boundary when one lies before the match.
            if start > 0, let space = chars[start..<match.lowerBound].firstIndex(of: " ") { start = space + 1 }
        }
        var end = min(chars.count, start + length)
        if end < chars.count, let space = chars[start..<end].lastIndex(of: " "),
           space > (match?.upperBound ?? start) {
            end = space
        }
        var excerpt = String(chars[start..<end]).trimmingCharacters(in: .whitespaces)
        if start > 0 { excerpt = "…" + excerpt }
        if end < chars.count { excerpt += "…" }
        return excerpt
    }

    // MARK: - Internals

    /// Exact occurrences, plus words the stem begins when it has at least 4 characters («настав» finds «наставничеств»).
    private static func occurrences(of queryStem: String, in counts: [String: Int]) -> Int {
        guard queryStem.count >= 4 else { return counts[queryStem] ?? 0 }
        var total = 0
        for (stem, count) in counts where matches(queryStem: queryStem, stem: stem) { total += count }
        return total
    }

    private static func matches(queryStem: String, stem: String) -> Bool {
        stem == queryStem || (queryStem.count >= 4 && stem.hasPrefix(queryStem))
    }

    private static func tokens(_ text: String, cache: inout [String: String?]) -> [String] {
        var result: [String] = []
        var word = String.UnicodeScalarView()
        func flush() {
            guard !word.isEmpty else { return }
            if let stem = stemOfWord(String(word), cache: &cache) { result.append(stem) }
            word = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            if isWordScalar(scalar) { word.append(scalar) } else { flush() }
        }
        flush()
        return result
    }

    /// The stem of one word, or nil for a 1-letter word or a stop word; memoised per call.
    private static func stemOfWord(_ word: String, cache: inout [String: String?]) -> String? {
        if let known = cache[word] { return known }
        let scalars = RussianStemmer.normalized(word)
        let letters = scalars.filter { !isMark($0) }.count
        let key = String(String.UnicodeScalarView(scalars))
        let stem: String? = letters < 2 || stopWords.contains(key) ? nil : RussianStemmer.stem(normalizedScalars: scalars)
        cache[word] = .some(stem)
        return stem
    }

    private static func isWordCharacter(_ c: Character) -> Bool {
        c.unicodeScalars.first.map(isWordScalar) ?? false
    }

    private static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x0410...0x044F, 0x0401, 0x0451: return true
        case 0...0x7F: return false
        default: break
        }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
            return true
        default:
            return isMark(s)
        }
    }

    private static func isMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
