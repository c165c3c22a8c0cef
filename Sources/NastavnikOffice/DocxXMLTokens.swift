import Foundation

/// One piece of an XML part: a tag, character data, or anything else (declaration, comment, CDATA)
/// kept verbatim. Joining the `raw` strings gives the part back byte for byte.
struct DocxXMLToken: Sendable, Equatable {
    enum Kind: Sendable {
        case open, close, empty, text, other
    }

    var kind: Kind
    /// The qualified element name ("w:p") for tags; empty otherwise.
    var name: String
    var raw: String

    static func text(_ plain: String) -> DocxXMLToken { DocxXMLToken(kind: .text, name: "", raw: XML.escape(plain)) }
    static func open(_ name: String, attributes: String = "") -> DocxXMLToken {
        DocxXMLToken(kind: .open, name: name, raw: "<\(name)\(attributes)>")
    }
    static func close(_ name: String) -> DocxXMLToken { DocxXMLToken(kind: .close, name: name, raw: "</\(name)>") }
    static func empty(_ name: String) -> DocxXMLToken { DocxXMLToken(kind: .empty, name: name, raw: "<\(name)/>") }

    func isOpen(_ element: String) -> Bool { kind == .open && name == element }
    func isClose(_ element: String) -> Bool { kind == .close && name == element }
    /// An opening or self-closing tag of `element`.
    func starts(_ element: String) -> Bool { (kind == .open || kind == .empty) && name == element }
}

extension DocxRunPiece {
    /// The same markup as `xml`, as tokens.
    var tokens: [DocxXMLToken] {
        switch self {
        case let .text(text): [.open("w:t", attributes: " xml:space=\"preserve\""), .text(text), .close("w:t")]
        case .lineBreak: [.empty("w:br")]
        case .tab: [.empty("w:tab")]
        }
    }
}

/// A forgiving tokenizer for the XML that Word and friends write: no validation beyond finding
/// where each tag ends (quotes respected), so unknown markup survives a round trip untouched.
enum DocxXMLTokenizer {
    static func tokenize(_ xml: String, part: String) throws -> [DocxXMLToken] {
        let bytes = Array(xml.utf8)
        var tokens: [DocxXMLToken] = []
        var textStart = 0
        var i = 0

        func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        func hasPrefix(_ prefix: String, at index: Int) -> Bool {
            let count = prefix.utf8.count
            return index + count <= bytes.count && bytes[index..<index + count].elementsEqual(prefix.utf8)
        }
        /// Index just past the first `terminator` at or after `index`.
        func end(of terminator: String, from index: Int) -> Int? {
            var j = index
            while j + terminator.utf8.count <= bytes.count {
                if hasPrefix(terminator, at: j) { return j + terminator.utf8.count }
                j += 1
            }
            return nil
        }
        /// Index just past the `>` that closes a tag, skipping quoted attribute values.
        func endOfTag(from index: Int) -> Int? {
            var quote: UInt8?
            var j = index
            while j < bytes.count {
                let b = bytes[j]
                if let q = quote {
                    if b == q { quote = nil }
                } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                    quote = b
                } else if b == UInt8(ascii: ">") {
                    return j + 1
                }
                j += 1
            }
            return nil
        }

        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<") else {
                i += 1
                continue
            }
            if textStart < i { tokens.append(DocxXMLToken(kind: .text, name: "", raw: string(textStart..<i))) }
            let special: [(prefix: String, terminator: String)] = [("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>"), ("<!", ">")]
            let tokenEnd: Int?
            if let match = special.first(where: { hasPrefix($0.prefix, at: i) }) {
                tokenEnd = end(of: match.terminator, from: i + match.prefix.utf8.count)
                if let tokenEnd { tokens.append(DocxXMLToken(kind: .other, name: "", raw: string(i..<tokenEnd))) }
            } else {
                tokenEnd = endOfTag(from: i + 1)
                if let tokenEnd {
                    let isClose = bytes[i + 1] == UInt8(ascii: "/")
                    let isEmpty = !isClose && bytes[tokenEnd - 2] == UInt8(ascii: "/")
                    var nameEnd = isClose ? i + 2 : i + 1
                    let nameStart = nameEnd
                    while nameEnd < tokenEnd, !" \t\r\n/>".utf8.contains(bytes[nameEnd]) { nameEnd += 1 }
                    tokens.append(DocxXMLToken(
                        kind: isClose ? .close : isEmpty ? .empty : .open,
                        name: string(nameStart..<nameEnd), raw: string(i..<tokenEnd)
                    ))
                }
            }
            guard let tokenEnd else { throw OOXMLError.malformed("в части «\(part)» не закрыт тег XML") }
            i = tokenEnd
            textStart = tokenEnd
        }
        if textStart < bytes.count { tokens.append(DocxXMLToken(kind: .text, name: "", raw: string(textStart..<bytes.count))) }
        return tokens
    }
}

extension RandomAccessCollection where Element == DocxXMLToken, Index == Int {
    var xml: String { map(\.raw).joined() }

    /// The index of the tag closing the element opened at `start`, nesting respected.
    func indexOfClose(forOpenAt start: Int) -> Int? {
        let name = self[start].name
        var depth = 0
        for index in start..<endIndex {
            if self[index].isOpen(name) { depth += 1 }
            if self[index].isClose(name) {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }

    /// The plain text of a `<w:t>` whose opening tag is at `index`, when it is `<w:t …>text</w:t>`.
    func wordText(at index: Int) -> String? {
        guard self[index].isOpen("w:t"), index + 2 < endIndex,
              self[index + 1].kind == .text, self[index + 2].isClose("w:t") else { return nil }
        return XML.unescape(self[index + 1].raw)
    }
}
