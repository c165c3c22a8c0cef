import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Test fixtures shared by the test targets (issue 24: one NastavnikTestSupport instead of copies per target).

/// A ZIP written by hand: every part of a real package stored as it is, plus one deflated entry whose central
/// directory and local header declare `declared` bytes while its stream inflates to `LyingZIP.inflated(eights:)`.
public enum LyingZIP {
    /// Bits of a deflate stream, least significant first; Huffman codes go in most significant bit first.
    public struct Bits {
        public var bytes: [UInt8] = []
        var pending: UInt32 = 0
        var count = 0

        public init() {}

        public mutating func put(_ value: UInt32, _ length: Int) {
            for i in 0..<length {
                pending |= (value >> UInt32(i) & 1) << UInt32(count)
                count += 1
                if count == 8 { bytes.append(UInt8(pending)); pending = 0; count = 0 }
            }
        }

        public mutating func code(_ code: UInt32, _ length: Int) {
            for i in (0..<length).reversed() { put(code >> UInt32(i) & 1, 1) }
        }
    }

    /// A raw deflate stream of zeros in one fixed-Huffman block: a literal 0, then matches of 258 bytes at distance 1
    /// (13 bits each: eight of them are 13 whole bytes, repeated `eights` times). 6.8 MB inflate to 1 GB.
    public static func zeros(eights: Int) -> [UInt8] {
        var head = Bits()
        head.put(1, 1) // the last block
        head.put(1, 2) // fixed Huffman codes
        head.code(0x30, 8) // literal 0
        head.code(0xC5, 8); head.code(0, 5) // length 258, distance 1: 24 bits so far, byte-aligned
        var eight = Bits()
        for _ in 0..<8 { eight.code(0xC5, 8); eight.code(0, 5) }
        var stream = head.bytes
        stream.reserveCapacity(head.bytes.count + eight.bytes.count * eights + 1)
        for _ in 0..<eights { stream.append(contentsOf: eight.bytes) }
        var tail = Bits()
        tail.code(0, 7) // end of block
        tail.put(0, 1)
        return stream + tail.bytes
    }

    public static func inflated(eights: Int) -> Int { 1 + 258 * (1 + 8 * eights) }

    public static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// `parts` stored, then `bomb` deflated, declaring `declared` bytes.
    public static func make(parts: [String: Data], bomb: String, eights: Int, declared: UInt32) -> Data {
        var out = Data()
        var central = Data()
        func le(_ v: UInt32, _ n: Int, _ d: inout Data) { for i in 0..<n { d.append(UInt8(truncatingIfNeeded: v >> UInt32(8 * i))) } }
        func entry(_ name: String, method: UInt32, crc: UInt32, payload: Data, uncompressed: UInt32) {
            let offset = UInt32(out.count)
            let nameBytes = Data(name.utf8)
            le(0x0403_4B50, 4, &out); le(20, 2, &out); le(0, 2, &out); le(method, 2, &out); le(0, 4, &out)
            le(crc, 4, &out); le(UInt32(payload.count), 4, &out); le(uncompressed, 4, &out) // uncompressed size: offset 22
            le(UInt32(nameBytes.count), 2, &out); le(0, 2, &out)
            out.append(nameBytes); out.append(payload)
            le(0x0201_4B50, 4, &central); le(20, 2, &central); le(20, 2, &central); le(0, 2, &central); le(method, 2, &central); le(0, 4, &central)
            le(crc, 4, &central); le(UInt32(payload.count), 4, &central); le(uncompressed, 4, &central) // uncompressed size: offset 24
            le(UInt32(nameBytes.count), 2, &central); le(0, 2, &central); le(0, 2, &central); le(0, 2, &central); le(0, 2, &central); le(0, 4, &central)
            le(offset, 4, &central)
            central.append(nameBytes)
        }
        let names = parts.keys.sorted { a, b in a == "[Content_Types].xml" || (b != "[Content_Types].xml" && a < b) }
        for name in names {
            let bytes = parts[name] ?? Data()
            entry(name, method: 0, crc: crc32(bytes), payload: bytes, uncompressed: UInt32(bytes.count))
        }
        entry(bomb, method: 8, crc: 0, payload: Data(zeros(eights: eights)), uncompressed: declared)
        let centralOffset = UInt32(out.count)
        out.append(central)
        le(0x0605_4B50, 4, &out); le(0, 2, &out); le(0, 2, &out)
        le(UInt32(names.count + 1), 2, &out); le(UInt32(names.count + 1), 2, &out)
        le(UInt32(central.count), 4, &out); le(centralOffset, 4, &out); le(0, 2, &out)
        return out
    }
}

/// The process's peak resident memory so far, in megabytes.
public func peakRSSMegabytes() -> Int {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss / 1024 // kilobytes on Linux
    #else
    getrusage(RUSAGE_SELF, &usage)
    return usage.ru_maxrss / 1_048_576 // bytes on macOS
    #endif
}

