import Foundation
import NastavnikTestSupport
import Testing

@testable import NastavnikOffice

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
