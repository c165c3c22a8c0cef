import Foundation

/// An append-only UTF-8 byte buffer for generating large XML parts quickly.
struct XLSXByteBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }
    var data: Data { Data(bytes) }

    /// Markup, appended verbatim.
    mutating func append(_ markup: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: markup.utf8Start, count: markup.utf8CodeUnitCount))
    }

    mutating func append(_ other: XLSXByteBuffer) { bytes.append(contentsOf: other.bytes) }

    /// Text known to need no escaping (numbers, cell references).
    mutating func append(string: String) { bytes.append(contentsOf: string.utf8) }

    mutating func append(int value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let start = bytes.count
        var n = value.magnitude
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(n % 10))
            n /= 10
        } while n > 0
        bytes[start...].reverse()
    }

    /// A finite double in a form `xsd:double` accepts; whole values without a fraction.
    mutating func append(double value: Double) {
        if value == value.rounded(), abs(value) < 1e15 {
            append(int: Int(value))
        } else {
            append(string: value.description)
        }
    }

    /// Column letters of a zero-based index: 0 → "A", 26 → "AA".
    mutating func append(column index: Int) {
        if index >= 26 { append(column: index / 26 - 1) }
        bytes.append(UInt8(ascii: "A") + UInt8(index % 26))
    }

    /// A cell reference such as "B7" (zero-based column, one-based row).
    mutating func append(column: Int, row: Int) {
        append(column: column)
        append(int: row)
    }

    /// Element text for SpreadsheetML: `& < >` escaped; characters XML 1.0 forbids (C0 controls
    /// other than tab/LF/CR, U+FFFE, U+FFFF) dropped; a literal `_xHHHH_` protected as `_x005F_xHHHH_`
    /// so that Excel does not decode it as an escaped character.
    mutating func append(escaped text: String) {
        var text = text
        text.withUTF8 { source in
            var runStart = 0
            var i = 0
            func flush(upTo end: Int) {
                if end > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<end])) }
            }
            while i < source.count {
                let byte = source[i]
                var replacement: StaticString?
                var skip = 1
                switch byte {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case 0x09, 0x0A, 0x0D: break
                case 0..<0x20: replacement = ""
                case 0xEF where i + 2 < source.count && source[i + 1] == 0xBF && source[i + 2] >= 0xBE:
                    replacement = "" // U+FFFE, U+FFFF
                    skip = 3
                case UInt8(ascii: "_") where Self.isEscapeSequence(source, at: i):
                    replacement = "_x005F_"
                default: break
                }
                if let replacement {
                    flush(upTo: i)
                    append(replacement)
                    runStart = i + skip
                }
                i += skip
            }
            flush(upTo: source.count)
        }
    }

    /// Whether `_xHHHH_` starts at `i`.
    static func isEscapeSequence(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard i + 6 < s.count, s[i] == UInt8(ascii: "_"), s[i + 1] == UInt8(ascii: "x"), s[i + 6] == UInt8(ascii: "_")
        else { return false }
        return s[(i + 2)..<(i + 6)].allSatisfy(isHexDigit)
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
             UInt8(ascii: "A")...UInt8(ascii: "F"): true
        default: false
        }
    }
}
