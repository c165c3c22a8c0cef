import Foundation

/// Takes the names of a pair's participants out of a text that leaves the pair (a case in the bank of practices,
/// readable across the municipality, the region or by everyone): every word whose stem is a participant's surname,
/// first name or patronymic — in any case form, ignoring letter case and ё — becomes a placeholder such as
/// «[наставляемый]», together with initials written next to it. A run of one person's replaced words
/// («Иванову Артёму Сергеевичу», «Иванов А. С.») becomes one placeholder.
///
/// Russian names decline by their endings, so a name's stem is the name without its final vowel, «й» or «ь»
/// (or without an adjectival «-ий/-ый/-ой/-ая»), and a word matches when it is that stem plus a case ending:
/// «Иванов» → «Иванова», «Ивановой», «Ивановым»; «Артём» → «Артёма», «Артёму»; «Мария» → «Марии», «Марией»;
/// «Илья» → «Ильи», «Ильёй»; «Сергеевна» → «Сергеевны». A fleeting vowel is allowed for («Павел» → «Павла»,
/// «Лев» → «Льва»). Diminutives («Тёма», «Маша») are not recognised: the moderator reads the text before
/// it is published and is shown what was replaced.
public struct NameAnonymiser: Sendable {
    /// One person: their name parts and the placeholder that replaces them.
    public struct Name: Sendable, Equatable {
        public var parts: [String]
        public var placeholder: String
        public init(_ parts: [String?], placeholder: String) {
            self.parts = parts.compactMap { $0 }
            self.placeholder = placeholder
        }
    }

    /// A word of the text and what it became.
    public struct Replacement: Sendable, Hashable, Codable {
        public var original: String
        public var placeholder: String
        public init(original: String, placeholder: String) {
            self.original = original
            self.placeholder = placeholder
        }
    }

    public struct Result: Sendable, Equatable {
        public var text: String
        public var replacements: [Replacement]
    }

    private struct Stem: Sendable {
        var stem: String
        /// The name as written (normalised): always matches as a whole word.
        var whole: String
        /// A stem with a fleeting vowel dropped matches only with an ending («Павл-а», never «Павл»).
        var needsEnding: Bool
        var placeholder: String
    }

    private let stems: [Stem]

    /// Names earlier in the list win when a word matches several (put the mentees first).
    public init(_ names: [Name]) {
        var stems: [Stem] = []
        for name in names {
            for part in name.parts {
                for piece in part.split(whereSeparator: { !$0.isLetter }).map({ Self.normalised(String($0)) }) where piece.count >= 2 {
                    stems += Self.stems(of: piece).map { Stem(stem: $0.0, whole: piece, needsEnding: $0.1, placeholder: name.placeholder) }
                }
            }
        }
        self.stems = stems
    }

    /// Case endings of Russian nouns, adjectival surnames and first names, written after a stem.
    static let endings: Set<String> = [
        "", "а", "я", "у", "ю", "е", "и", "ы", "ь", "й",
        "ой", "ей", "ою", "ею", "ом", "ем", "ам", "ям", "ах", "ях", "ами", "ями",
        "ий", "ия", "ию", "ием", "ии", "ие", "ией", "ью", "ья", "ье", "ьи", "ьей", "ьем",
        "ый", "ая", "яя", "ое", "ее", "ую", "юю", "ого", "его", "ому", "ему", "ым", "им", "ых", "их", "ыми", "ими",
        "ов", "ев", "ова", "ева", "ову", "еву", "овым", "евым", "овой", "евой", "овых", "евых",
    ]

    static func normalised(_ s: String) -> String {
        s.lowercased().replacingOccurrences(of: "ё", with: "е")
    }

    private static func stems(of name: String) -> [(String, Bool)] {
        let chars = Array(name)
        let vowels: Set<Character> = ["а", "я", "о", "е", "и", "ы", "у", "ю", "й", "ь"]
        var stem = name
        if ["ий", "ый", "ой", "ая", "яя"].contains(where: name.hasSuffix), chars.count - 2 >= 3 {
            stem = String(chars.dropLast(2))
        } else if let last = chars.last, vowels.contains(last), chars.count - 1 >= 3 {
            stem = String(chars.dropLast())
        }
        var out = [(stem, false)]
        // A fleeting vowel before the last consonant: «Павел» → «Павл-а», «Лев» → «Льв-а».
        if let last = chars.last, last == "л" || last == "в", chars.count >= 3, chars[chars.count - 2] == "е" {
            let head = String(chars.dropLast(2))
            for alt in [head + String(last), head + "ь" + String(last)] where alt.count >= 3 { out.append((alt, true)) }
        }
        return out
    }

    /// The placeholder for a word that is a participant's name in some form, or nil.
    public func placeholder(for word: String) -> String? {
        let w = Self.normalised(word)
        guard w.count >= 2 else { return nil }
        for s in stems {
            if w == s.whole { return s.placeholder }
            guard w.hasPrefix(s.stem) else { continue }
            let ending = String(w.dropFirst(s.stem.count))
            if s.needsEnding && ending.isEmpty { continue }
            if Self.endings.contains(ending) { return s.placeholder }
        }
        return nil
    }

    private struct Segment {
        var text: String
        var isWord: Bool
        var placeholder: String? = nil
        var isInitial = false
    }

    /// The text with participants' names replaced, and what was replaced (each word once, in order of appearance).
    public func anonymise(_ text: String) -> Result {
        guard !stems.isEmpty else { return Result(text: text, replacements: []) }
        var segs: [Segment] = []
        for ch in text {
            let isWord = ch.isLetter
            if let last = segs.last, last.isWord == isWord {
                segs[segs.count - 1].text.append(ch)
            } else {
                segs.append(Segment(text: String(ch), isWord: isWord))
            }
        }
        for i in segs.indices where segs[i].isWord {
            segs[i].placeholder = placeholder(for: segs[i].text)
        }
        // Initials next to a replaced name: «Иванов А. С.», «А.С. Иванов».
        func isInitial(_ i: Int) -> Bool {
            segs[i].isWord && segs[i].placeholder == nil && segs[i].text.count == 1 && segs[i].text.uppercased() == segs[i].text
                && i + 1 < segs.count && segs[i + 1].text.hasPrefix(".")
        }
        func isGap(_ s: Segment) -> Bool { !s.isWord && s.text.allSatisfy { $0 == " " || $0 == "." || $0 == "\u{00A0}" } }
        for i in segs.indices where isInitial(i) && i >= 2 && isGap(segs[i - 1]) && segs[i - 1].text.count <= 3 {
            if let p = segs[i - 2].placeholder {
                segs[i].placeholder = p
                segs[i].isInitial = true
            }
        }
        for i in segs.indices.reversed() where isInitial(i) && i + 2 < segs.count && isGap(segs[i + 1]) && segs[i + 1].text.count <= 2 {
            if let p = segs[i + 2].placeholder {
                segs[i].placeholder = p
                segs[i].isInitial = true
            }
        }
        var out = ""
        var replacements: [Replacement] = []
        var seen = Set<Replacement>()
        func note(_ s: Segment, _ p: String) {
            let r = Replacement(original: s.isInitial ? s.text + "." : s.text, placeholder: p)
            if seen.insert(r).inserted { replacements.append(r) }
        }
        var i = 0
        while i < segs.count {
            guard let p = segs[i].placeholder else {
                out += segs[i].text
                i += 1
                continue
            }
            out += p
            note(segs[i], p)
            var last = i
            // One person's words in a row (separated by spaces, dots of initials or a hyphen) become one placeholder.
            while last + 2 < segs.count, !segs[last + 1].isWord,
                  segs[last + 1].text.allSatisfy({ $0 == " " || $0 == "." || $0 == "-" || $0 == "\u{00A0}" }),
                  segs[last + 2].placeholder == p {
                last += 2
                note(segs[last], p)
            }
            i = last + 1
            if segs[last].isInitial, i < segs.count, segs[i].text.hasPrefix(".") { segs[i].text.removeFirst() }
        }
        return Result(text: out, replacements: replacements)
    }
}

extension NameAnonymiser {
    /// The pair's participants, mentees first, as «[наставляемый]» and «[наставник]».
    public static func participants(_ people: [(Person, ParticipantRole)]) -> NameAnonymiser {
        let ordered = people.filter { $0.1 == .mentee } + people.filter { $0.1 != .mentee }
        return NameAnonymiser(ordered.map { person, role in
            Name([person.lastName, person.firstName, person.middleName], placeholder: "[\(role.label)]")
        })
    }
}

extension PracticeRules {
    /// A case with its pair's participants' names taken out of its title and text (the authors, printed as the
    /// mentors allow, stay), and what was replaced.
    public static func anonymised(_ item: PracticeItem, by names: NameAnonymiser) -> (item: PracticeItem, replacements: [NameAnonymiser.Replacement]) {
        let title = names.anonymise(item.title), text = names.anonymise(item.description)
        var out = item
        out.title = title.text
        out.description = text.text
        var seen = Set<NameAnonymiser.Replacement>()
        return (out, (title.replacements + text.replacements).filter { seen.insert($0).inserted })
    }
}
