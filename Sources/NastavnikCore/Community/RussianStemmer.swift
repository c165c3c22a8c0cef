import Foundation

/// The Snowball Russian stemmer (snowballstem.org), on arrays of Unicode scalars.
///
/// Every step of the algorithm removes a suffix, so the word is only ever truncated:
/// the stemmer keeps the current length and never rebuilds strings in between.
public enum RussianStemmer {
    /// The stem of one word: lowercased, «ё» read as «е»; a word without Cyrillic letters comes back lowercased.
    public static func stem(_ word: String) -> String {
        let scalars = normalized(word)
        guard scalars.contains(where: isCyrillic) else { return String(String.UnicodeScalarView(scalars)) }
        return stem(normalizedScalars: scalars)
    }

    // MARK: - Internal entry points (shared with TextSearch)

    /// Lowercased scalars, composed when the word carries combining marks, with «ё» mapped to «е».
    static func normalized(_ word: String) -> [Unicode.Scalar] {
        var scalars = Array(word.lowercased().unicodeScalars)
        if scalars.contains(where: { (0x0300...0x036F).contains($0.value) }) {
            scalars = Array(String(String.UnicodeScalarView(scalars)).precomposedStringWithCanonicalMapping.unicodeScalars)
        }
        for i in scalars.indices where scalars[i] == yo { scalars[i] = ye }
        return scalars
    }

    /// Stems scalars already passed through `normalized`.
    static func stem(normalizedScalars w: [Unicode.Scalar]) -> String {
        guard w.contains(where: isCyrillic) else { return String(String.UnicodeScalarView(w)) }
        var n = w.count
        let (pV, p2) = regions(w)
        guard pV < n else { return String(String.UnicodeScalarView(w)) }

        // Step 1: perfective gerund, or reflexive then adjectival / verb / noun.
        if !removeEnding(w, &n, pV, Tables.perfectiveGerund) {
            _ = removeEnding(w, &n, pV, Tables.reflexive)
            if !adjectival(w, &n, pV) && !removeEnding(w, &n, pV, Tables.verb) {
                _ = removeEnding(w, &n, pV, Tables.noun)
            }
        }
        // Step 2: a final «и».
        if n - 1 >= pV && w[n - 1] == i { n -= 1 }
        // Step 3: derivational «ост», «ость» in R2.
        if let (length, _) = longestMatch(w, n, pV, Tables.derivational), n - length >= p2 { n -= length }
        // Step 4: superlative, undouble «нн», soft sign.
        if let (length, _) = longestMatch(w, n, pV, Tables.tidyUp) {
            if length >= 3 {  // «ейш», «ейше»
                n -= length
                if n - 2 >= pV && w[n - 1] == en && w[n - 2] == en { n -= 1 }
            } else if w[n - 1] == en {
                if n - 2 >= pV && w[n - 2] == en { n -= 1 }
            } else {
                n -= 1  // «ь»
            }
        }
        return String(String.UnicodeScalarView(w[0..<n]))
    }

    static func isCyrillic(_ s: Unicode.Scalar) -> Bool { (0x0400...0x04FF).contains(s.value) }

    // MARK: - Algorithm

    private static let yo: Unicode.Scalar = "ё"
    private static let ye: Unicode.Scalar = "е"
    private static let i: Unicode.Scalar = "и"
    private static let en: Unicode.Scalar = "н"
    private static let a: Unicode.Scalar = "а"
    private static let ya: Unicode.Scalar = "я"

    private static func isVowel(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "а", "е", "и", "о", "у", "ы", "э", "ю", "я": return true
        default: return false
        }
    }

    /// RV starts after the first vowel; R2 is R1 of R1 (after vowel, then non-vowel, twice).
    private static func regions(_ w: [Unicode.Scalar]) -> (pV: Int, p2: Int) {
        let limit = w.count
        var pV = limit, p2 = limit
        var k = 0
        func gopast(vowel: Bool) -> Bool {
            while k < limit {
                let hit = isVowel(w[k]) == vowel
                k += 1
                if hit { return true }
            }
            return false
        }
        if gopast(vowel: true) {
            pV = k
            if gopast(vowel: false), gopast(vowel: true), gopast(vowel: false) { p2 = k }
        }
        return (pV, p2)
    }

    /// The longest ending of `w[0..<n]` inside RV, with its group.
    private static func longestMatch(_ w: [Unicode.Scalar], _ n: Int, _ pV: Int, _ table: Tables.Endings) -> (Int, Int)? {
        for entry in table where n - entry.suffix.count >= pV {
            let start = n - entry.suffix.count
            var k = 0
            while k < entry.suffix.count && w[start + k] == entry.suffix[k] { k += 1 }
            if k == entry.suffix.count { return (entry.suffix.count, entry.group) }
        }
        return nil
    }

    /// Snowball `among`: the longest ending decides; group 1 must follow «а» or «я» (kept), group 2 goes.
    private static func removeEnding(_ w: [Unicode.Scalar], _ n: inout Int, _ pV: Int, _ table: Tables.Endings) -> Bool {
        guard let (length, group) = longestMatch(w, n, pV, table) else { return false }
        if group == 1 {
            let before = n - length - 1
            guard before >= pV, w[before] == a || w[before] == ya else { return false }
        }
        n -= length
        return true
    }

    /// An adjective ending, then optionally a participle suffix.
    private static func adjectival(_ w: [Unicode.Scalar], _ n: inout Int, _ pV: Int) -> Bool {
        guard removeEnding(w, &n, pV, Tables.adjective) else { return false }
        _ = removeEnding(w, &n, pV, Tables.participle)
        return true
    }

    private enum Tables {
        typealias Endings = [(suffix: [Unicode.Scalar], group: Int)]

        /// Entries sorted longest first, so the first match is the longest.
        static func make(_ group1: [String], _ group2: [String]) -> Endings {
            let entries = group1.map { (suffix: Array($0.unicodeScalars), group: 1) }
                + group2.map { (suffix: Array($0.unicodeScalars), group: 2) }
            return entries.sorted { $0.suffix.count > $1.suffix.count }
        }

        static let perfectiveGerund = make(
            ["в", "вши", "вшись"],
            ["ив", "ивши", "ившись", "ыв", "ывши", "ывшись"]
        )
        static let adjective = make([], [
            "ее", "ие", "ые", "ое", "ими", "ыми", "ей", "ий", "ый", "ой", "ем", "им", "ым", "ом",
            "его", "ого", "ему", "ому", "их", "ых", "ую", "юю", "ая", "яя", "ою", "ею",
        ])
        static let participle = make(["ем", "нн", "вш", "ющ", "щ"], ["ивш", "ывш", "ующ"])
        static let reflexive = make([], ["ся", "сь"])
        static let verb = make(
            ["ла", "на", "ете", "йте", "ли", "й", "л", "ем", "н", "ло", "но", "ет", "ют", "ны", "ть", "ешь", "нно"],
            [
                "ила", "ыла", "ена", "ейте", "уйте", "ите", "или", "ыли", "ей", "уй", "ил", "ыл", "им", "ым", "ен",
                "ило", "ыло", "ено", "ят", "ует", "уют", "ит", "ыт", "ены", "ить", "ыть", "ишь", "ую", "ю",
            ]
        )
        static let noun = make([], [
            "а", "ев", "ов", "ие", "ье", "е", "иями", "ями", "ами", "еи", "ии", "и", "ией", "ей", "ой", "ий", "й",
            "иям", "ям", "ием", "ем", "ам", "ом", "о", "у", "ах", "иях", "ях", "ы", "ь", "ию", "ью", "ю", "ия", "ья", "я",
        ])
        static let derivational = make([], ["ост", "ость"])
        static let tidyUp = make([], ["ейш", "ейше", "н", "ь"])
    }
}
