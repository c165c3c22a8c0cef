import Foundation
import NastavnikCore
import NastavnikOffice
import NastavnikStore
import Testing
import Vapor

@testable import NastavnikWeb

/// Issue 25, item 8: V is the organisations of the kinds a monitoring chooses (seed 001: general-education
/// schools), on the page, its drill-down, both engines, a campaign and the campaign's documents.
@Suite("V by kinds of organisation over HTTP", .serialized)
struct MonitoredKindsWebTests {
    static func docxText(_ body: ByteBuffer) throws -> String {
        let xml = String(decoding: try OOXMLPackage(data: Data(buffer: body))["word/document.xml"] ?? Data(), as: UTF8.self)
        return XML.unescape(xml.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression))
    }

    static func numbers(_ body: ByteBuffer, _ id: String) -> [Int?] {
        let v = IndicatorsTests.value(body, id)
        return [v?["numerator"] as? Int, v?["denominator"] as? Int]
    }

    @Test("A kindergarten of the municipality moves no school share, today and on an earlier date; kinds=school,preschool counts it on every engine and in the rows")
    func kindergartenLeavesSchoolsAlone() async throws {
        try await withApp { app, f in
            let admin = try await app.token("admin")
            let mun = try await app.token("mun1")
            let (_, before) = try await app.api(.GET, "/indicators", token: mun)
            let (created, body) = try await app.api(.POST, "/organisations", token: admin, json: OrganisationInput(
                municipalityID: f.mun1.id.uuidString, kind: "preschool", name: "МБДОУ «Детский сад № 7»", shortName: "Детский сад № 7"))
            #expect(created == .created)
            let kindergartenID = (body.json as? [String: Any])?["id"] as? String
            let kindergarten = try #require(kindergartenID.flatMap { UUID(uuidString: $0) })
            try await IndicatorsTests.approve(app, admin, kindergarten, "implementation_order", number: "7-д")
            for date in ["", "&date=2026-11-20"] {
                let (_, schools) = try await app.api(.GET, "/indicators?kinds=school\(date)", token: mun)
                let (_, plain) = try await app.api(.GET, "/indicators?x=1\(date)", token: mun)
                let (_, both) = try await app.api(.GET, "/indicators?kinds=school,preschool\(date)", token: mun)
                for id in ["1", "2", "9", "11", "12", "15"] {
                    #expect(Self.numbers(schools, id) == Self.numbers(before, id), "\(id)\(date): schools alone")
                    #expect(Self.numbers(plain, id) == Self.numbers(schools, id), "\(id)\(date): schools by default")
                }
                let schoolV = try #require(Self.numbers(schools, "1")[1] ?? nil)
                #expect(Self.numbers(both, "1") == [(Self.numbers(schools, "1")[0] ?? 0) + 1, schoolV + 1], "\(date)")
                // The database's count (engine=sql) agrees with the aggregates for the same kinds.
                let (_, sql) = try await app.api(.GET, "/indicators?engine=sql&kinds=school,preschool\(date)", token: mun)
                for id in ["1", "2", "3", "9", "11", "12", "15"] { #expect(Self.numbers(sql, id) == Self.numbers(both, id), "\(id)\(date): SQL") }
            }
            // The rows of V: the kindergarten only when its kind is chosen.
            let rows = { (q: String) async throws -> [String] in
                let (_, b) = try await app.api(.GET, "/indicators/1/rows?part=denominator\(q)", token: mun)
                return ((b.json as? [String: Any])?["rows"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            }
            #expect(!(try await rows("")).contains(kindergarten.uuidString))
            #expect(try await rows("&kinds=preschool,school").contains(kindergarten.uuidString))
            // The formula names the kinds; the page keeps them in its links and its checkboxes.
            let (_, both) = try await app.api(.GET, "/indicators?kinds=school,preschool", token: mun)
            #expect((IndicatorsTests.value(both, "1")?["formula"] as? String)?.contains("дошкольные образовательные организации") == true)
            let page = try await app.html("/indicators?kinds=school&kinds=preschool", cookie: try await app.sessionCookie("mun1"))
            #expect(page.contains("kinds=school,preschool&amp;part=numerator"))
            #expect(page.contains("value=\"preschool\" checked"))
            #expect(!page.contains("value=\"university\" checked"))
            // A kind that is not one, or a partner: a Russian 422.
            for bad in ["kindergarten", "partner"] {
                let (status, text) = try await app.api(.GET, "/indicators?kinds=\(bad)", token: mun)
                #expect(status == .unprocessableEntity)
                #expect(text.text.contains("Вид организации не распознан"))
            }
        }
    }

    @Test("A campaign keeps the kinds it was frozen with; its page, its report and its XLSX count them, whatever the URL says")
    func campaignKinds() async throws {
        try await withApp { app, f in
            let admin = try await app.token("admin")
            let mun = try await app.token("mun1")
            let (_, body) = try await app.api(.POST, "/organisations", token: admin, json: OrganisationInput(
                municipalityID: f.mun1.id.uuidString, kind: "preschool", name: "МБДОУ «Детский сад № 7»", shortName: "Детский сад № 7"))
            #expect(((body.json as? [String: Any])?["id"] as? String) != nil)
            let (s1, schools) = try await app.api(.POST, "/campaigns", token: mun, json: ["name": "Школы", "date": "20.11.2026"])
            let (s2, both) = try await app.api(.POST, "/campaigns", token: mun, json: ["name": "Школы и сады", "date": "20.11.2026", "kinds": "preschool,school"])
            #expect(s1 == .created && s2 == .created)
            let a = try #require(schools.json as? [String: Any]), b = try #require(both.json as? [String: Any])
            #expect(Set(a["kinds"] as? [String] ?? []) == ["school"])
            #expect(Set(b["kinds"] as? [String] ?? []) == ["school", "preschool"])
            #expect((b["organisations"] as? Int) == (a["organisations"] as? Int).map { $0 + 1 })
            // Each is listed with the page of its own kinds.
            let (_, listed) = try await app.api(.GET, "/campaigns", token: mun)
            #expect((listed.json as? [[String: Any]])?.map { $0["name"] as? String } == ["Школы"])
            let (_, listedBoth) = try await app.api(.GET, "/campaigns?kinds=school,preschool", token: mun)
            #expect((listedBoth.json as? [[String: Any]])?.map { $0["name"] as? String } == ["Школы и сады"])
            let id = try #require(b["id"] as? String)
            let (status, docx) = try await app.api(.GET, "/indicators/report?campaign=\(id)&kinds=school", token: mun)
            #expect(status == .ok)
            let text = try Self.docxText(docx)
            #expect(text.contains("в V входят общеобразовательные организации (школы) и дошкольные образовательные организации"))
            let organisations = { (campaign: String) async throws -> [String] in
                let (s, xlsx) = try await app.api(.GET, "/indicators/organisations?campaign=\(campaign)", token: mun)
                #expect(s == .ok)
                return try XLSXReader.read(Data(buffer: xlsx), sheet: "По организациям").compactMap(\.first)
            }
            #expect(try await organisations(id).contains("Детский сад № 7"))
            #expect(!(try await organisations(try #require(a["id"] as? String)).contains("Детский сад № 7")))
        }
    }
}
