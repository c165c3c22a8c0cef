import Fluent
import Foundation
import NastavnikCore
import NastavnikOffice
import NastavnikStore
import NastavnikTestSupport
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

@Suite("Uploads: a ZIP bomb that lies about its size is refused before it fills the memory", .serialized)
struct ZIPBombUploadTests {
    /// 1 GB of zeros behind a declared size of 100 bytes (6.8 MB of upload).
    static let eights = 520_300

    /// Uploads the bomb and expects its refusal: 422 in Russian within 5 s, peak memory grown by less than 200 MB.
    static func refused(_ app: Application, _ path: String, token: String, bomb: Data, sourceLocation: SourceLocation = #_sourceLocation) async throws -> (Duration, Int) {
        let before = peakRSSMegabytes()
        let started = ContinuousClock.now
        let (status, body) = try await app.upload(path, token: token, bytes: bomb)
        let elapsed = ContinuousClock.now - started
        let grown = peakRSSMegabytes() - before
        #expect(status == .unprocessableEntity, sourceLocation: sourceLocation)
        #expect(body.text.contains("распаковывается"), "\(body.text)", sourceLocation: sourceLocation)
        #expect(grown < 200, "peak RSS grew by \(grown) MB", sourceLocation: sourceLocation)
        #expect(elapsed < .seconds(5), "\(elapsed)", sourceLocation: sourceLocation)
        return (elapsed, grown)
    }

    @Test("A staff XLSX with a lying-size bomb inside: 422 in Russian, nothing read, peak memory grows by less than 200 MB")
    func importBomb() async throws {
        try await withApp { app, _ in
            let token = try await app.token("curator")
            let (headers, rows) = BenchImportCommand.table(rows: 2)
            let xlsx = try XLSXWriter.data([XLSXSheet(name: "Работники", headers: headers, rows: rows.map { $0.map(XLSXCell.text) })])
            let bomb = LyingZIP.make(parts: try OOXMLPackage(data: xlsx).parts, bomb: "xl/media/image1.png", eights: Self.eights, declared: 100)
            #expect(LyingZIP.inflated(eights: Self.eights) > 1 << 30)
            let people = try await PersonRecord.query(on: app.db).count()
            let (elapsed, grown) = try await Self.refused(app, "/imports/staff?filename=bomb.xlsx&commit=true", token: token, bomb: bomb)
            #expect(try await PersonRecord.query(on: app.db).count() == people)
            print("ZIP bomb import: 422 in \(elapsed), peak RSS +\(grown) MB, upload \(bomb.count / 1024) KB")
        }
    }

    @Test("A municipality's DOCX template with a lying-size bomb inside: 422 in Russian at upload, never stored")
    func templateBomb() async throws {
        try await withApp { app, _ in
            let mun = try await app.token("mun1")
            let docx = try DocxDocument(blocks: [.heading("ПРИКАЗ"), .paragraph(DocxParagraph("{{организация.краткое_название}}"))]).data()
            let bomb = LyingZIP.make(parts: try OOXMLPackage(data: docx).parts, bomb: "word/media/image1.png", eights: Self.eights, declared: 100)
            let files = try await StoredFileRecord.query(on: app.db).count()
            let templates = try await DocumentTemplateRecord.query(on: app.db).count()
            let (elapsed, grown) = try await Self.refused(app, "/templates/implementation_order?filename=bomb.docx", token: mun, bomb: bomb)
            #expect(try await DocumentTemplateRecord.query(on: app.db).count() == templates)
            #expect(try await StoredFileRecord.query(on: app.db).count() == files)
            print("ZIP bomb template: 422 in \(elapsed), peak RSS +\(grown) MB")
        }
    }

    @Test("At most two files are unpacked at once: the next waits its turn, and one past the queue gets 503 with Retry-After")
    func gate() async throws {
        let gate = UnpackingGate(running: 2, waiting: 1)
        try await gate.enter()
        try await gate.enter()
        let third = Task { try await gate.enter() }
        while await gate.load.queued < 1 { await Task.yield() }
        #expect(await gate.load.active == 2)
        do {
            try await gate.enter()
            Issue.record("a fourth file was let in")
        } catch let e as Abort {
            #expect(e.status == .serviceUnavailable)
            #expect(e.headers.first(name: "Retry-After") == "30")
            #expect(e.reason.contains("Повторите загрузку"))
        }
        await gate.leave() // hands its place to the third
        try await third.value
        let load = await gate.load
        #expect(load.active == 2 && load.queued == 0)
        await gate.leave()
        await gate.leave()
        #expect(await gate.load.active == 0)
        #expect(try await gate.run { 42 } == 42)
        #expect(await gate.load.active == 0)
    }
}
