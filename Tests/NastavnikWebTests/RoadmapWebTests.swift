import Fluent
import Foundation
import NastavnikCore
import NastavnikOffice
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

@Suite("Roadmaps over HTTP: creation, marking events, overdue, roll-up, scope", .serialized)
struct RoadmapWebTests {
    @Test("A curator creates the school's roadmap once, marks an event done with its evidence; the municipality sees the roll-up")
    func lifecycle() async throws {
        try await withApp { app, f in
            let curator = try await app.token("curator")
            let (s1, created) = try await app.api(.POST, "/organisations/\(f.schoolA.id)/roadmap", token: curator)
            #expect(s1 == .created)
            let events = try #require(created.json as? [[String: Any]])
            #expect(events.count == 35)
            #expect(events.first?["schoolYear"] as? Int == 2026)
            let (s2, again) = try await app.api(.POST, "/organisations/\(f.schoolA.id)/roadmap", token: curator)
            #expect(s2 == .unprocessableEntity)
            // The next year's roadmap is the model's second: «далее ежегодно в сентябре» (seed 003) sets event 7's month.
            let (_, next) = try await app.api(.POST, "/organisations/\(f.schoolA.id)/roadmap?year=2027", token: curator)
            let seventh = (next.json as? [[String: Any]])?.first { $0["number"] as? Int == 7 }
            #expect(seventh?["deadline"] as? String == "2027-09-30", "\(String(describing: seventh))")
            #expect((events.first { $0["number"] as? Int == 7 })?["deadline"] as? String == "2026-12-31")
            #expect(again.text.contains("уже есть"))
            #expect(try await RoadmapEventRecord.query(on: app.db).filter(\.$schoolYear == 2026).count() == 35, "a second attempt adds nothing")

            let first = try #require(events.first?["id"] as? String)
            let (s3, refused) = try await app.api(.PUT, "/roadmap-events/\(first)", token: curator, json: ["status": "done", "doneOn": "01.10.2026"])
            #expect(s3 == .unprocessableEntity)
            #expect(refused.text.contains("чем подтверждается выполнение"))
            let (s4, done) = try await app.api(.PUT, "/roadmap-events/\(first)", token: curator, json: ["status": "done", "doneOn": "01.10.2026", "evidence": "Приказ от 01.10.2026 № 40-о"])
            #expect(s4 == .ok)
            #expect((done.json as? [String: Any])?["status"] as? String == "done")

            // Other schools' curators neither see nor change it; the school's psychologist reads but does not keep it.
            let b = try await app.token("curatorb")
            #expect(try await app.api(.GET, "/organisations/\(f.schoolA.id)/roadmap", token: b).0 == .notFound)
            #expect(try await app.api(.PUT, "/roadmap-events/\(first)", token: b, json: ["status": "cancelled", "evidence": "x"]).0 == .notFound)
            let psy = try await app.token("psy")
            #expect(try await app.api(.GET, "/organisations/\(f.schoolA.id)/roadmap", token: psy).0 == .ok)
            #expect(try await app.api(.PUT, "/roadmap-events/\(first)", token: psy, json: ["status": "cancelled", "evidence": "x"]).0 == .forbidden)
            #expect(try await app.api(.PUT, "/roadmap-events/\(first)", token: try await app.token("mun1"), json: ["status": "cancelled", "evidence": "x"]).0 == .forbidden)

            // On 25.11.2026 the events due in September and October are overdue, except the one done.
            let cookie = try await app.sessionCookie("curator")
            let (_, page) = try await app.pageBody("/organisations/\(f.schoolA.id)/roadmap", cookie: cookie)
            let overdue = RoadmapRules.instantiate(organisationID: f.schoolA.id, schoolYear: 2026).filter { $0.deadline < testToday }.count - 1
            #expect(page.contains("Выполнено 1 из 35"))
            #expect(page.contains("<strong>\(overdue)</strong>"))
            #expect(page.contains("просрочено"))
            #expect(page.contains("id=\"f-status-35\""))

            let (_, monitoring) = try await app.pageBody("/indicators", cookie: try await app.sessionCookie("mun1"))
            #expect(monitoring.contains("Выполнение дорожных карт, 2026/2027 учебный год"))
            #expect(monitoring.contains("Дорожные карты ведут 1 из 2 ОО"))
            #expect(monitoring.contains("нет дорожной карты"))

            // The quarter report of the municipality: DOCX and XLSX.
            let mun = try await app.token("mun1")
            let (s5, docx) = try await app.api(.GET, "/indicators/roadmap-report?year=2026&quarter=4", token: mun)
            #expect(s5 == .ok)
            let xml = String(decoding: try #require(try OOXMLPackage(data: Data(buffer: docx))["word/document.xml"]), as: UTF8.self)
            #expect(xml.contains("ЗА 4 КВАРТАЛ 2026 ГОДА (ПРЕДВАРИТЕЛЬНО, НА 25.11.2026)"), "made inside the quarter, the report says so")
            // Without a quarter: on 25.11 the one in progress (its report is due 10.01), not the empty third.
            let (_, byDefault) = try await app.api(.GET, "/indicators/roadmap-report", token: mun)
            #expect(String(decoding: try #require(try OOXMLPackage(data: Data(buffer: byDefault))["word/document.xml"]), as: UTF8.self).contains("ЗА 4 КВАРТАЛ 2026 ГОДА"))
            #expect(xml.contains("Школа Б"))
            let (_, xlsx) = try await app.api(.GET, "/indicators/roadmap-report?year=2026&quarter=4&format=xlsx", token: mun)
            let summary = try XLSXReader.read(Data(buffer: xlsx), sheet: "Сводка")
            let quarterEvents = RoadmapRules.quarter(RoadmapRules.instantiate(organisationID: f.schoolA.id, schoolYear: 2026), year: 2026, quarter: 4)!.events.count
            #expect(summary.first { $0.first == "Школа А" }?[1] == "\(quarterEvents)")
            #expect(summary.first { $0.first == "Школа Б" }?[1] == "нет дорожной карты")
            #expect(try await app.api(.GET, "/indicators/roadmap-report?quarter=7", token: mun).0 == .unprocessableEntity)
        }
    }
}

@Suite("Roadmap templates handed down by the municipality", .serialized)
struct RoadmapTemplateWebTests {
    @Test("The municipality's template makes its schools' roadmaps; other municipalities keep the standard; bad files are refused by row")
    func municipalTemplate() async throws {
        try await withApp { app, f in
            let mun = try await app.token("mun1")
            let (s0, standard) = try await app.api(.GET, "/roadmap-templates/standard", token: mun)
            #expect(s0 == .ok)
            #expect(try XLSXReader.read(Data(buffer: standard)).count == 36)

            let header = RoadmapTemplateFile.headers.joined(separator: ";")
            let bad = Data((header + "\n1;Подготовка;1;Приказ;сентябрь;Директор;Приказ;15\n").utf8)
            let (s1, b1) = try await app.upload("/roadmap-templates?filename=plan.csv", token: mun, bytes: bad)
            #expect(s1 == .unprocessableEntity)
            #expect(b1.text.contains("Строка 2: месяц срока «15»"))
            let good = Data((header + "\n1;Подготовка;1;Приказ о наставничестве;сентябрь;Директор;Приказ;0\n2;Работа пар;2;Встречи пар;в течение года;Куратор;Журнал;8\n").utf8)
            let (s2, b2) = try await app.upload("/roadmap-templates?filename=plan.csv", token: mun, bytes: good)
            #expect(s2 == .created)
            #expect((b2.json as? [String: Any])?["events"] as? Int == 2)
            #expect(try await app.upload("/roadmap-templates?filename=plan.csv", token: try await app.token("curator"), bytes: good).0 == .forbidden)

            let (_, a) = try await app.api(.POST, "/organisations/\(f.schoolA.id)/roadmap", token: try await app.token("curator"))
            #expect((a.json as? [[String: Any]])?.map { $0["title"] as? String } == ["Приказ о наставничестве", "Встречи пар"])
            let (_, c) = try await app.api(.POST, "/organisations/\(f.schoolC.id)/roadmap", token: try await app.token("admin"))
            #expect((c.json as? [[String: Any]])?.count == 35)
        }
    }
}
