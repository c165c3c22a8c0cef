import Foundation

/// A small pull scanner over the UTF-8 bytes of an XML part, fast enough for million-cell sheets.
///
/// It reports start and end tags only (with namespace prefixes stripped from names); text is read
/// on request right after a start tag. Comments, processing instructions and DOCTYPEs are skipped;
/// entities are never expanded beyond the predefined and numeric ones. It never reads past the
/// buffer and always moves forward, so malformed input ends the scan instead of trapping or looping.
struct XLSXScanner {
    struct Tag {
        var isEnd: Bool
        /// Local name: "c" for both `<c>` and `<x:c>`.
        var name: Range<Int>
        var attributes: Range<Int>
        /// `<c/>`.
        var isEmpty: Bool
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Runs `body` with a scanner over `data`.
    static func scan<T>(_ data: Data, _ body: (inout XLSXScanner) throws -> T) rethrows -> T {
        try data.withUnsafeBytes { raw in
            var scanner = XLSXScanner(raw.bindMemory(to: UInt8.self))
            return try body(&scanner)
        }
    }

    // MARK: Tags

    /// The next start or end tag, or nil at the end of the input.
    mutating func next() -> Tag? {
        let count = bytes.count
        scan: while let open = find(UInt8(ascii: "<"), from: position) {
            var p = open + 1
            guard p < count else { break scan }
            switch bytes[p] {
            case UInt8(ascii: "?"):
                position = end(of: "?>", from: p)
            case UInt8(ascii: "!"):
                position = endOfDeclaration(from: p)
            default:
                let isEnd = bytes[p] == UInt8(ascii: "/")
                if isEnd { p += 1 }
                let nameStart = p
                while p < count, !Self.endsName(bytes[p]) { p += 1 }
                let name = localName(nameStart..<p)
                let attributesStart = p
                var quote: UInt8 = 0
                while p < count {
                    let byte = bytes[p]
                    if quote != 0 {
                        if byte == quote { quote = 0 }
                    } else if byte == UInt8(ascii: ">") {
                        break
                    } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        quote = byte
                    }
                    p += 1
                }
                guard p < count else { break scan } // an unterminated tag ends the input
                position = p + 1
                let isEmpty = !isEnd && p > attributesStart && bytes[p - 1] == UInt8(ascii: "/")
                return Tag(isEnd: isEnd, name: name, attributes: attributesStart..<(isEmpty ? p - 1 : p), isEmpty: isEmpty)
            }
        }
        position = count
        return nil
    }

    func name(_ tag: Tag, is literal: StaticString) -> Bool { matches(tag.name, literal) }

    // MARK: Attributes

    /// Calls `body` with each attribute's local name and raw (still escaped) value.
    func forEachAttribute(of tag: Tag, _ body: (_ name: Range<Int>, _ value: Range<Int>) -> Void) {
        var p = tag.attributes.lowerBound
        let end = tag.attributes.upperBound
        while true {
            while p < end, Self.isSpace(bytes[p]) { p += 1 }
            let nameStart = p
            while p < end, bytes[p] != UInt8(ascii: "="), !Self.isSpace(bytes[p]) { p += 1 }
            let name = localName(nameStart..<p)
            while p < end, bytes[p] != UInt8(ascii: "\""), bytes[p] != UInt8(ascii: "'") { p += 1 }
            guard p < end, !name.isEmpty else { return }
            let quote = bytes[p]
            p += 1
            let valueStart = p
            while p < end, bytes[p] != quote { p += 1 }
            body(name, valueStart..<p)
            p += 1
        }
    }

    /// The decoded value of the attribute `literal`, if present.
    func attribute(_ literal: StaticString, of tag: Tag) -> String? {
        var value: Range<Int>?
        forEachAttribute(of: tag) { name, range in
            if value == nil, matches(name, literal) { value = range }
        }
        return value.map(string)
    }

    // MARK: Text

    /// The text content following the start tag just read, up to the next tag (which stays unread).
    /// Entities and CDATA sections are decoded; comments are skipped.
    mutating func text() -> String {
        let start = position
        let stop = find(UInt8(ascii: "<"), from: start) ?? bytes.count
        if !startsDeclaration(at: stop) {
            position = stop
            return string(start..<stop)
        }
        var result = string(start..<stop)
        position = stop
        while startsDeclaration(at: position) {
            let p = position + 1
            if starts(with: "![CDATA[", at: p) {
                let end = self.end(of: "]]>", from: p + 8)
                result += String(decoding: slice(p + 8..<max(p + 8, end - 3)), as: UTF8.self)
                position = end
            } else {
                position = endOfDeclaration(from: p)
            }
            let next = find(UInt8(ascii: "<"), from: position) ?? bytes.count
            result += string(position..<next)
            position = next
        }
        return result
    }

    /// Decodes bytes as UTF-8 (invalid sequences become U+FFFD) and resolves entity references.
    func string(_ range: Range<Int>) -> String {
        let raw = slice(range)
        let text = String(decoding: raw, as: UTF8.self)
        return raw.contains(UInt8(ascii: "&")) ? XML.unescape(text) : text
    }

    /// A non-negative decimal integer, or nil (also on overflow past 18 digits).
    func integer(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 18 else { return nil }
        var value = 0
        for i in range {
            let digit = bytes[i] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[range])
    }

    func matches(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        guard let base = bytes.baseAddress else { return range.isEmpty }
        return memcmp(base + range.lowerBound, literal.utf8Start, range.count) == 0
    }

    // MARK: Helpers

    private func find(_ byte: UInt8, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress,
              let hit = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    private func starts(with literal: StaticString, at p: Int) -> Bool {
        p + literal.utf8CodeUnitCount <= bytes.count && matches(p..<(p + literal.utf8CodeUnitCount), literal)
    }

    private func startsDeclaration(at p: Int) -> Bool {
        p + 1 < bytes.count && bytes[p + 1] == UInt8(ascii: "!")
    }

    /// The position just past the next `terminator` at or after `p`, or the end of the input.
    private func end(of terminator: StaticString, from p: Int) -> Int {
        let first = terminator.utf8Start.pointee
        var p = p
        while let hit = find(first, from: p) {
            if starts(with: terminator, at: hit) { return hit + terminator.utf8CodeUnitCount }
            p = hit + 1
        }
        return bytes.count
    }

    /// Past a `<!…>` construct whose "!" is at `p`: comment, CDATA or DOCTYPE with internal subset.
    private func endOfDeclaration(from p: Int) -> Int {
        if starts(with: "!--", at: p) { return end(of: "-->", from: p + 3) }
        if starts(with: "![CDATA[", at: p) { return end(of: "]]>", from: p + 8) }
        var depth = 0
        var p = p
        while p < bytes.count {
            switch bytes[p] {
            case UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: ">") where depth <= 0: return p + 1
            default: break
            }
            p += 1
        }
        return bytes.count
    }

    private func localName(_ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound
        for i in range where bytes[i] == UInt8(ascii: ":") { start = i + 1 }
        return start..<range.upperBound
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
    }
}
