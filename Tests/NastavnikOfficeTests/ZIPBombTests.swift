import Foundation
import Testing

@testable import NastavnikOffice

/// A ZIP written by hand: every part of a real package stored as it is, plus one deflated entry whose central
/// directory and local header declare `declared` bytes while its stream inflates to `LyingZIP.inflated(eights:)`.
enum LyingZIP {
    /// Bits of a deflate stream, least significant first; Huffman codes go in most significant bit first.
    struct Bits {
        var bytes: [UInt8] = []
        var pending: UInt32 = 0
        var count = 0

        mutating func put(_ value: UInt32, _ length: Int) {
            for i in 0..<length {
                pending |= (value >> UInt32(i) & 1) << UInt32(count)
                count += 1
                if count == 8 { bytes.append(UInt8(pending)); pending = 0; count = 0 }
            }
        }

        mutating func code(_ code: UInt32, _ length: Int) {
            for i in (0..<length).reversed() { put(code >> UInt32(i) & 1, 1) }
        }
    }

    /// A raw deflate stream of zeros in one fixed-Huffman block: a literal 0, then matches of 258 bytes at distance 1
    /// (13 bits each: eight of them are 13 whole bytes, repeated `eights` times). 6.8 MB inflate to 1 GB.
    static func zeros(eights: Int) -> [UInt8] {
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

    static func inflated(eights: Int) -> Int { 1 + 258 * (1 + 8 * eights) }

    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    /// `parts` stored, then `bomb` deflated, declaring `declared` bytes.
    static func make(parts: [String: Data], bomb: String, eights: Int, declared: UInt32) -> Data {
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

@Suite("ZIP bombs: the bytes really inflated are counted, never the sizes the file declares")
struct ZIPBombTests {
    /// 1 GB of zeros (6.8 MB deflated).
    static let gigabyte = 520_300
    static let workbook: [String: Data] = {
        (try? OOXMLPackage(data: XLSXWriter.data([XLSXSheet(name: "Лист", headers: ["Фамилия", "Имя"], rows: [[.text("Иванова"), .text("Анна")]])])).parts) ?? [:]
    }()
    static var stored: UInt64 { workbook.values.reduce(0) { $0 + UInt64($1.count) } }

    @Test("The lying bomb's deflate stream is what it claims: 1 GB of zeros")
    func bombIsReal() throws {
        let small = LyingZIP.make(parts: [:], bomb: "zeros.bin", eights: 100, declared: UInt32(LyingZIP.inflated(eights: 100)))
        let package = try OOXMLPackage(data: small)
        #expect(package["zeros.bin"] == Data(count: LyingZIP.inflated(eights: 100)))
        #expect(LyingZIP.inflated(eights: Self.gigabyte) > 1 << 30)
    }

    @Test("An XLSX part declaring 100 bytes that inflates to 1 GB is refused after one 16 KB chunk")
    func lyingPart() throws {
        let bomb = LyingZIP.make(parts: Self.workbook, bomb: "xl/media/image1.png", eights: Self.gigabyte, declared: 100)
        #expect(bomb.count < 7 * 1_048_576)
        #expect(throws: OOXMLError.sizeMismatch("xl/media/image1.png")) { try XLSXReader.read(bomb) }
        var unpacking = Unpacking(limit: OOXMLPackage.maxUnpackedSize)
        #expect(throws: OOXMLError.sizeMismatch("xl/media/image1.png")) { try unpacking.parts(of: bomb) }
        #expect(unpacking.inflated <= Self.stored + 16 * 1024)
        #expect(OOXMLError.sizeMismatch("xl/media/image1.png").message.hasPrefix("Файл распаковывается не в тот объём"))
    }

    @Test("The sheet itself as the bomb, and a DOCX template with one: refused the same way")
    func lyingSheetAndTemplate() throws {
        var parts = Self.workbook
        parts["xl/worksheets/sheet1.xml"] = nil
        let sheet = LyingZIP.make(parts: parts, bomb: "xl/worksheets/sheet1.xml", eights: Self.gigabyte, declared: 4096)
        #expect(throws: OOXMLError.sizeMismatch("xl/worksheets/sheet1.xml")) { try XLSXReader.read(sheet) }
        #expect(throws: OOXMLError.sizeMismatch("xl/worksheets/sheet1.xml")) { try TextTable.rows(sheet, filename: "staff.xlsx") }

        let docx = try OOXMLPackage(data: DocxDocument(blocks: [.paragraph(DocxParagraph("{{организация.краткое_название}}"))]).data()).parts
        let template = LyingZIP.make(parts: docx, bomb: "word/media/image1.png", eights: Self.gigabyte, declared: 100)
        #expect(throws: OOXMLError.sizeMismatch("word/media/image1.png")) { try DocxTemplate(data: template) }
    }

    @Test("A package whose declared sizes pass the limit is refused before anything is inflated")
    func honestBomb() throws {
        let bomb = LyingZIP.make(parts: Self.workbook, bomb: "xl/media/image1.png", eights: Self.gigabyte, declared: UInt32(LyingZIP.inflated(eights: Self.gigabyte)))
        var unpacking = Unpacking(limit: OOXMLPackage.maxUnpackedSize)
        #expect(throws: OOXMLError.tooLarge(limit: OOXMLPackage.maxUnpackedSize)) { try unpacking.parts(of: bomb) }
        #expect(unpacking.inflated == 0)
        #expect(throws: OOXMLError.tooLarge(limit: 256 * 1_048_576)) { try XLSXReader.read(bomb) }
        #expect(OOXMLError.tooLarge(limit: 256 * 1_048_576).message.hasPrefix("Файл распаковывается в слишком большой объём — больше 256 МБ."))
    }

    @Test("A part may not inflate past what it declares even under the limit, nor fall short of it")
    func declaredSizeIsExact() throws {
        // Declares 900 KB of a 1 MB limit, inflates to 1 GB: stops at the declared size.
        let over = LyingZIP.make(parts: Self.workbook, bomb: "xl/media/image1.png", eights: Self.gigabyte, declared: 900 * 1024)
        var unpacking = Unpacking(limit: 1_048_576)
        #expect(throws: OOXMLError.sizeMismatch("xl/media/image1.png")) { try unpacking.parts(of: over) }
        #expect(unpacking.inflated <= Self.stored + 900 * 1024 + 16 * 1024)
        // Declares 1 MB, inflates to 66 KB.
        let short = LyingZIP.make(parts: Self.workbook, bomb: "xl/media/image1.png", eights: 32, declared: 1_048_576)
        #expect(throws: OOXMLError.sizeMismatch("xl/media/image1.png")) { try OOXMLPackage(data: short) }
        // Honest, within the limit: read.
        let honest = LyingZIP.make(parts: Self.workbook, bomb: "xl/media/image1.png", eights: 32, declared: UInt32(LyingZIP.inflated(eights: 32)))
        #expect(try OOXMLPackage(data: honest, limit: 1_048_576)["xl/media/image1.png"]?.count == LyingZIP.inflated(eights: 32))
        #expect(try XLSXReader.read(honest) == [["Фамилия", "Имя"], ["Иванова", "Анна"]])
    }
}
