import Foundation

/// Values for `DocxTemplate.render`.
public struct DocxValues: Sendable {
    /// `{{организация.название}}` → value. "\n" in a value becomes a line break, "\t" a tab.
    public var scalars: [String: String]
    /// List name → items; an item maps field names to values. A table row (or a paragraph outside
    /// tables) with `{{пары.наставник}}` is repeated once per item of the list «пары».
    /// `{{пары.№}}` is the item's 1-based number unless the item has a "№" field.
    public var lists: [String: [[String: String]]]

    public init(scalars: [String: String] = [:], lists: [String: [[String: String]]] = [:]) {
        self.scalars = scalars
        self.lists = lists
    }
}

/// A DOCX uploaded by a user, with `{{поле}}` placeholders in the body, headers, footers and notes.
///
/// Word splits typed text into many runs (spell-check marks, rsid changes, bookmarks), so on load
/// each paragraph's placeholders are moved whole into the run where they start; that run's
/// formatting is what the value gets.
public struct DocxTemplate: Sendable {
    /// Distinct valid placeholder names, in order of appearance (body first).
    public let placeholders: [String]

    private let package: OOXMLPackage
    /// The parts that may hold placeholders, tokenized and with placeholders merged into one run.
    private let parts: [Part]
    /// Russian descriptions of malformed placeholders found on load.
    private let syntaxProblems: [String]

    private struct Part: Sendable {
        var name: String
        var tokens: [DocxXMLToken]
    }

    /// Throws `OOXMLError` (with a Russian `.message`) for anything that is not a DOCX.
    public init(data: Data) throws {
        let package = try OOXMLPackage(data: data)
        let mainPart = "word/document.xml"
        guard package[mainPart] != nil else { throw OOXMLError.missingPart(mainPart) }

        let names = package.parts.keys.filter(Self.mayHoldPlaceholders).sorted { a, b in
            a == mainPart ? b != mainPart : b == mainPart ? false : a < b
        }
        var parts: [Part] = []
        var placeholders: [String] = []
        var problems: [String] = []
        for name in names {
            guard let xml = String(data: package[name]!, encoding: .utf8) else {
                throw OOXMLError.malformed("часть «\(name)» не в кодировке UTF-8")
            }
            var tokens = try DocxXMLTokenizer.tokenize(xml, part: name)
            let issues = Self.mergePlaceholderRuns(&tokens)
            let location = Self.location(ofPart: name)
            problems += issues.map { Self.describe($0, location: location) }
            placeholders += Self.names(in: tokens[...])
            parts.append(Part(name: name, tokens: tokens))
        }
        self.placeholders = Self.distinct(placeholders)
        self.syntaxProblems = Self.distinct(problems)
        self.package = package
        self.parts = parts
    }

    /// Problems a person must fix in the template, in Russian; empty when it can be rendered.
    /// - Parameters:
    ///   - known: scalar names, e.g. "организация.название".
    ///   - lists: list name → its field names, e.g. "пары" → ["наставник", "наставляемый"];
    ///     the field "№" (item number) is always allowed.
    public func validate(known: Set<String>, lists: [String: Set<String>]) -> [String] {
        let allowed = known.sorted() + lists.keys.sorted().flatMap { list in
            (lists[list]!.union(["№"])).sorted().map { "\(list).\($0)" }
        }
        let allowedText = allowed.map { "{{\($0)}}" }.joined(separator: ", ")
        var messages = syntaxProblems
        for name in placeholders where !known.contains(name) {
            let (list, field) = Self.splitListField(name)
            if let field, let fields = lists[list], fields.contains(field) || field == "№" { continue }
            var message = "Неизвестное поле {{\(name)}} в шаблоне."
            if let guess = Self.closest(to: name, among: allowed) { message += " Возможно, имелось в виду {{\(guess)}}." }
            message += allowed.isEmpty ? " Для этого шаблона нет допустимых полей." : " Допустимые поля: \(allowedText)."
            messages.append(message)
        }
        return messages
    }

    /// The filled-in DOCX. Placeholders without a value become empty; malformed ones stay as typed.
    public func render(_ values: DocxValues) throws -> Data {
        var package = package
        for part in parts {
            var tokens = Self.expandLists(part.tokens, element: "w:tr", lists: values.lists)
            tokens = Self.expandLists(tokens, element: "w:p", lists: values.lists)
            tokens = Self.removeTablesWithoutRows(tokens)
            tokens = Self.substitute(tokens[...]) { values.scalars[$0] ?? "" }
            package[part.name] = Data(tokens.xml.utf8)
        }
        return try package.data()
    }
}

// MARK: - Loading

extension DocxTemplate {
    private static func mayHoldPlaceholders(_ part: String) -> Bool {
        guard part.hasPrefix("word/"), part.hasSuffix(".xml") else { return false }
        let file = part.dropFirst("word/".count).dropLast(".xml".count)
        if ["document", "footnotes", "endnotes"].contains(file) { return true }
        return ["header", "footer"].contains { file.hasPrefix($0) && file.dropFirst($0.count).allSatisfy(\.isNumber) }
    }

    private static func distinct(_ strings: [String]) -> [String] {
        var seen = Set<String>()
        return strings.filter { seen.insert($0).inserted }
    }

    private static func location(ofPart part: String) -> String {
        if part.hasPrefix("word/header") { return "в верхнем колонтитуле" }
        if part.hasPrefix("word/footer") { return "в нижнем колонтитуле" }
        if part == "word/footnotes.xml" { return "в сносках" }
        if part == "word/endnotes.xml" { return "в концевых сносках" }
        return "в тексте документа"
    }

    private static func describe(_ issue: DocxPlaceholders.Issue, location: String) -> String {
        switch issue {
        case let .unclosed(text):
            "Поле «\(text)» \(location) не закрыто: имя поля должно заканчиваться двумя фигурными скобками «}}»."
        case let .unopened(text):
            "Лишние закрывающие скобки «}}» \(location): «\(text)». Имя поля должно начинаться с «{{»."
        case let .invalidName(raw):
            "Поле «\(raw)» \(location) записано неверно: имя может содержать только буквы, цифры, точки "
                + "и знак подчёркивания, например {{организация.название}}."
        }
    }

    /// Within each paragraph, moves every placeholder split over several `<w:t>` into the first of
    /// them and deletes its remains from the others; returns the syntax issues found.
    private static func mergePlaceholderRuns(_ tokens: inout [DocxXMLToken]) -> [DocxPlaceholders.Issue] {
        // Text token indices of each paragraph; nested paragraphs (text boxes) are separate.
        var paragraphs: [[Int]] = []
        var open: [Int] = []
        for index in tokens.indices {
            let token = tokens[index]
            if token.isOpen("w:p") {
                open.append(paragraphs.count)
                paragraphs.append([])
            } else if token.isClose("w:p") {
                _ = open.popLast()
            } else if let paragraph = open.last, tokens.wordText(at: index) != nil {
                paragraphs[paragraph].append(index + 1)
            }
        }

        var issues: [DocxPlaceholders.Issue] = []
        for textIndices in paragraphs where !textIndices.isEmpty {
            let segments = textIndices.map { Array(XML.unescape(tokens[$0].raw).unicodeScalars) }
            let all = segments.flatMap { $0 }
            let (found, problems) = DocxPlaceholders.scan(all)
            issues += problems
            // Only well-formed placeholders move; anything else stays where the author typed it.
            let spans = found.filter { $0.name != nil }

            // Rebuild each segment: a placeholder goes whole into the segment holding its "{{".
            var rebuilt = Array(repeating: String.UnicodeScalarView(), count: segments.count)
            var offset = 0
            var spanIndex = 0
            for (segment, scalars) in segments.enumerated() {
                for scalar in scalars {
                    while spanIndex < spans.count, spans[spanIndex].range.upperBound <= offset { spanIndex += 1 }
                    if spanIndex < spans.count, spans[spanIndex].range.contains(offset) {
                        if spans[spanIndex].range.lowerBound == offset {
                            rebuilt[segment].append(contentsOf: all[spans[spanIndex].range])
                        }
                    } else {
                        rebuilt[segment].append(scalar)
                    }
                    offset += 1
                }
            }
            for (segment, textIndex) in textIndices.enumerated()
            where !rebuilt[segment].elementsEqual(segments[segment]) {
                tokens[textIndex] = .text(String(rebuilt[segment]))
                tokens[textIndex - 1] = .open("w:t", attributes: " xml:space=\"preserve\"")
            }
        }
        return issues
    }

    private static func names(in tokens: ArraySlice<DocxXMLToken>) -> [String] {
        tokens.indices.flatMap { index in tokens.wordText(at: index).map(DocxPlaceholders.names) ?? [] }
    }

    /// "пары.наставник" → ("пары", "наставник"); a name without a dot has no field.
    private static func splitListField(_ name: String) -> (list: String, field: String?) {
        guard let dot = name.firstIndex(of: ".") else { return (name, nil) }
        return (String(name[..<dot]), String(name[name.index(after: dot)...]))
    }

    /// The allowed name within a small edit distance of a mistyped one.
    private static func closest(to name: String, among candidates: [String]) -> String? {
        let limit = max(1, name.count / 4)
        return candidates
            .map { ($0, editDistance(name, $0)) }
            .filter { $0.1 <= limit }
            .min { $0.1 < $1.1 }?.0
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

// MARK: - Rendering

extension DocxTemplate {
    /// Repeats each innermost `element` (table row or paragraph) that holds a placeholder of a list
    /// in `lists`, once per item, with the item's fields filled in.
    private static func expandLists(
        _ tokens: [DocxXMLToken], element: String, lists: [String: [[String: String]]]
    ) -> [DocxXMLToken] {
        guard !lists.isEmpty else { return tokens }
        var out: [DocxXMLToken] = []
        out.reserveCapacity(tokens.count)
        var index = 0
        while index < tokens.count {
            if tokens[index].isOpen(element), let end = tokens.indexOfClose(forOpenAt: index) {
                let slice = tokens[index...end]
                let isInnermost = !slice.dropFirst().contains { $0.isOpen(element) }
                if isInnermost, let list = names(in: slice).lazy.map({ splitListField($0).list }).first(where: { lists[$0] != nil }) {
                    for (number, item) in lists[list]!.enumerated() {
                        let copy = substitute(slice) { name in
                            let (owner, field) = splitListField(name)
                            guard owner == list, let field else { return nil }
                            return item[field] ?? (field == "№" ? String(number + 1) : "")
                        }
                        out += uniqueIdentifiersRemoved(copy, keepBookmarks: number == 0)
                    }
                    index = end + 1
                    continue
                }
            }
            out.append(tokens[index])
            index += 1
        }
        return out
    }

    /// Copies of a row or paragraph must not repeat Word's paragraph ids or bookmarks.
    private static func uniqueIdentifiersRemoved(_ tokens: [DocxXMLToken], keepBookmarks: Bool) -> [DocxXMLToken] {
        tokens.compactMap { token in
            if !keepBookmarks, token.name == "w:bookmarkStart" || token.name == "w:bookmarkEnd" { return nil }
            guard token.kind == .open || token.kind == .empty, token.raw.contains("w14:") else { return token }
            var token = token
            token.raw = token.raw.replacing(#/\s+w14:(paraId|textId)="[^"]*"/#, with: "")
            return token
        }
    }

    /// Drops tables left without rows by empty lists: Word rejects a table without rows.
    private static func removeTablesWithoutRows(_ tokens: [DocxXMLToken]) -> [DocxXMLToken] {
        var out: [DocxXMLToken] = []
        out.reserveCapacity(tokens.count)
        var index = 0
        while index < tokens.count {
            if tokens[index].isOpen("w:tbl"), let end = tokens.indexOfClose(forOpenAt: index),
               !tokens[index...end].contains(where: { $0.starts("w:tr") }) {
                index = end + 1
                continue
            }
            out.append(tokens[index])
            index += 1
        }
        return out
    }

    /// Replaces the placeholders `resolve` knows inside every `<w:t>`; values may add breaks and tabs.
    private static func substitute(
        _ tokens: ArraySlice<DocxXMLToken>, _ resolve: (String) -> String?
    ) -> [DocxXMLToken] {
        var out: [DocxXMLToken] = []
        out.reserveCapacity(tokens.count)
        var index = tokens.startIndex
        while index < tokens.endIndex {
            if let text = tokens.wordText(at: index), let replaced = DocxPlaceholders.substitute(text, resolve) {
                out += DocxRunPiece.split(replaced).flatMap(\.tokens)
                index += 3
            } else {
                out.append(tokens[index])
                index += 1
            }
        }
        return out
    }
}
