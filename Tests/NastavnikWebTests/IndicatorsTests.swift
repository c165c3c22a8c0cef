import Fluent
import Foundation
import NastavnikCore
import NastavnikOffice
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

@Suite("Monitoring: indicators over HTTP, drill-down and scope", .serialized)
struct IndicatorsTests {
    /// The value of indicator `id` in a report body.
    static func value(_ body: ByteBuffer, _ id: String) -> [String: Any]? {
        ((body.json as? [String: Any])?["values"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }

    static func approve(_ app: Application, _ token: String, _ org: UUID, _ type: String, number: String) async throws {
        let input = type == DocumentType.pairsOrder.rawValue ? try await app.pairsOrderInput(org, action: "register") : GenerateInput(type: type, action: "register")
        let (_, body) = try await app.api(.POST, "/organisations/\(org)/documents", token: token, json: input)
        let id = try #require((body.json as? [String: Any])?["id"] as? String)
        let (status, _) = try await app.api(.POST, "/local-acts/\(id)/approve", token: token, json: ["number": number, "date": "20.11.2026", "approver": "Директор"])
        #expect(status == .ok)
    }

    @Test("A school's acts and its pairs order move its indicators; the numerator's rows are exactly that school; older dates keep the old values")
    func schoolIndicators() async throws {
        try await withApp { app, f in
            let curator = try await app.token("curator")
            let (s0, before) = try await app.api(.GET, "/indicators", token: curator)
            #expect(s0 == .ok)
            #expect((before.json as? [String: Any])?["organisations"] as? Int == 1)
            #expect(Self.value(before, "1")?["numerator"] as? Int == 0)
            #expect(Self.value(before, "8")?["numerator"] as? Int == 0)
            // The young specialist of school A is M2; nobody has entered a programme yet.
            #expect(Self.value(before, "11")?["denominator"] as? Int == 1)

            try await Self.approve(app, curator, f.schoolA.id, "implementation_order", number: "40-о")
            try await Self.approve(app, curator, f.schoolA.id, "pairs_order", number: "41-о")
            let (_, after) = try await app.api(.GET, "/indicators", token: curator)
            #expect(Self.value(after, "1")?["value"] as? Double == 100)
            #expect(Self.value(after, "8")?["numerator"] as? Int == 1)
            #expect(Self.value(after, "9")?["numerator"] as? Int == 1)
            // Order without an approved programme: the young specialist has not «entered».
            #expect(Self.value(after, "11")?["numerator"] as? Int == 0)
            // Regulation missing: school A does not implement the system.
            #expect(Self.value(after, "15")?["numerator"] as? Int == 0)

            let (s1, rows) = try await app.api(.GET, "/indicators/1/rows?part=numerator", token: curator)
            #expect(s1 == .ok)
            let list = try #require((rows.json as? [String: Any])?["rows"] as? [[String: Any]])
            #expect(list.map { $0["id"] as? String } == [f.schoolA.id.uuidString])

            // On 19.11.2026, before the approval, the order was not in force.
            let (_, earlier) = try await app.api(.GET, "/indicators?date=2026-11-19", token: curator)
            #expect(Self.value(earlier, "1")?["numerator"] as? Int == 0)
        }
    }

    @Test("A municipality sees its schools, not another municipality's; a curator sees only their own school; mentors see none")
    func scope() async throws {
        try await withApp { app, f in
            let mun = try await app.token("mun1")
            let (_, own) = try await app.api(.GET, "/indicators", token: mun)
            #expect((own.json as? [String: Any])?["organisations"] as? Int == 2)
            #expect(try await app.api(.GET, "/indicators?node=\(f.schoolB.id)", token: mun).0 == .ok)
            #expect(try await app.api(.GET, "/indicators?node=\(f.schoolC.id)", token: mun).0 == .notFound)
            #expect(try await app.api(.GET, "/indicators?node=\(f.mun2.id)", token: mun).0 == .notFound)
            #expect(try await app.api(.GET, "/indicators?node=\(f.region.id)", token: mun).0 == .notFound)

            let region = try await app.token("region")
            let (_, whole) = try await app.api(.GET, "/indicators?node=\(f.region.id)", token: region)
            #expect((whole.json as? [String: Any])?["organisations"] as? Int == 3)
            // Indicator 12's denominator is the staff: two teachers in each of the three schools.
            let (_, staff) = try await app.api(.GET, "/indicators/12/rows?node=\(f.region.id)&part=denominator", token: region)
            #expect(((staff.json as? [String: Any])?["rows"] as? [[String: Any]])?.count == 6)

            let curator = try await app.token("curator")
            #expect(try await app.api(.GET, "/indicators?node=\(f.schoolB.id)", token: curator).0 == .notFound)
            #expect(try await app.api(.GET, "/indicators?node=\(f.mun1.id)", token: curator).0 == .notFound)
            #expect(try await app.api(.GET, "/indicators/11/rows?node=\(f.schoolB.id)&part=denominator", token: curator).0 == .notFound)
            for login in ["mentor", "mentee", "psy", "tutor"] {
                #expect(try await app.api(.GET, "/indicators", token: try await app.token(login)).0 == .forbidden, "\(login)")
            }
        }
    }

    @Test("Bad requests get a Russian 4xx: a future date, an unknown indicator, a count's denominator, a wrong part")
    func badRequests() async throws {
        try await withApp { app, _ in
            let curator = try await app.token("curator")
            let (s1, b1) = try await app.api(.GET, "/indicators?date=2027-01-01", token: curator)
            #expect(s1 == .unprocessableEntity)
            #expect(b1.text.contains("ещё не наступила"))
            #expect(try await app.api(.GET, "/indicators?date=31.02.2026", token: curator).0 == .unprocessableEntity)
            #expect(try await app.api(.GET, "/indicators/99/rows", token: curator).0 == .notFound)
            let (s2, b2) = try await app.api(.GET, "/indicators/8/rows?part=denominator", token: curator)
            #expect(s2 == .unprocessableEntity)
            #expect(b2.text.contains("нет знаменателя"))
            #expect(try await app.api(.GET, "/indicators/1/rows?part=everything", token: curator).0 == .unprocessableEntity)
        }
    }

    @Test("The analytical report and the XLSX by organisation are built from the node's data; another municipality's are not found")
    func documents() async throws {
        try await withApp { app, f in
            try await Self.approve(app, try await app.token("curator"), f.schoolA.id, "implementation_order", number: "40-о")
            let mun = try await app.token("mun1")
            let (s1, docx) = try await app.api(.GET, "/indicators/report", token: mun)
            #expect(s1 == .ok)
            let xml = String(decoding: try #require(try OOXMLPackage(data: Data(buffer: docx))["word/document.xml"]), as: UTF8.self)
            #expect(xml.contains("АНАЛИТИЧЕСКАЯ СПРАВКА"))
            #expect(xml.contains("город Первый"))
            #expect(xml.contains("Систему наставничества не реализуют 2 из 2 ОО"))
            #expect(xml.contains("Школа Б"))
            #expect(xml.contains("нет приказа о внедрении целевой модели"))

            let (s2, xlsx) = try await app.api(.GET, "/indicators/organisations", token: mun)
            #expect(s2 == .ok)
            let data = Data(buffer: xlsx)
            #expect(try XLSXReader.sheetNames(data) == ["Показатели", "По организациям", "Не реализуют систему"])
            let rows = try XLSXReader.read(data, sheet: "По организациям")
            #expect(rows.count == 3)
            let a = try #require(rows.first { $0.first == "Школа А" })
            #expect(a[1] == "100")
            #expect(rows.first { $0.first == "Школа Б" }?[1] == "0")

            #expect(try await app.api(.GET, "/indicators/report?node=\(f.mun2.id)", token: mun).0 == .notFound)

            // The annual report: 2026 is still running on 25.11.2026, so it is preliminary.
            let (s3, annual) = try await app.api(.GET, "/indicators/annual-report?year=2026", token: mun)
            #expect(s3 == .ok)
            let annualXML = String(decoding: try #require(try OOXMLPackage(data: Data(buffer: annual))["word/document.xml"]), as: UTF8.self)
            #expect(annualXML.contains("ГОДОВОЙ ОТЧЁТ"))
            #expect(annualXML.contains("за 2026 год (предварительно, на 25.11.2026)"))
            #expect(annualXML.contains("до 20 января 2027 года"))
            let (_, annualXLSX) = try await app.api(.GET, "/indicators/annual-report?year=2026&format=xlsx", token: mun)
            #expect(try XLSXReader.sheetNames(Data(buffer: annualXLSX)).contains("По организациям"))
            #expect(try await app.api(.GET, "/indicators/annual-report?year=2031", token: mun).0 == .unprocessableEntity)
            #expect(try await app.api(.GET, "/indicators/organisations?node=\(f.schoolB.id)", token: try await app.token("curator")).0 == .notFound)
        }
    }

    @Test("Young teachers by district and subject: the municipality's two young mathematicians, both in forming pairs, so without a mentor yet")
    func youngTeachers() async throws {
        try await withApp { app, f in
            let mun = try await app.token("mun1")
            let (status, body) = try await app.api(.GET, "/indicators/young-teachers", token: mun)
            #expect(status == .ok)
            let lines = try #require(body.json as? [[String: Any]])
            #expect(lines.count == 1)
            #expect(lines.first?["municipality"] as? String == "город Первый")
            #expect(lines.first?["area"] as? String == "maths")
            #expect(lines.first?["young"] as? Int == 2)
            #expect(lines.first?["mentors"] as? Int == 2)
            #expect(lines.first?["youngWithMentor"] as? Int == 0)
            // The pair of school A starts working once its order is approved.
            try await Self.approve(app, try await app.token("curator"), f.schoolA.id, "pairs_order", number: "41-о")
            let (_, after) = try await app.api(.GET, "/indicators/young-teachers", token: mun)
            #expect(((after.json as? [[String: Any]])?.first?["youngWithMentor"] as? Int) == 1)
            let (_, page) = try await app.pageBody("/indicators/young-teachers", cookie: try await app.sessionCookie("mun1"))
            #expect(page.contains("математика и информатика"))
            #expect(page.contains("50 %"))
            #expect(try await app.api(.GET, "/indicators/young-teachers?node=\(f.mun2.id)", token: mun).0 == .notFound)
        }
    }

    @Test("The monitoring page links every value to its rows; the rows page lists them and exports them")
    func pages() async throws {
        try await withApp { app, f in
            try await Self.approve(app, try await app.token("curator"), f.schoolA.id, "implementation_order", number: "40-о")
            let cookie = try await app.sessionCookie("mun1")
            let (status, page) = try await app.pageBody("/indicators", cookie: cookie)
            #expect(status == .ok)
            #expect(page.contains("Мониторинг: город Первый"))
            #expect(page.contains("Доля ОО, в которых разработаны и утверждены приказы о внедрении"))
            #expect(page.contains("<summary>Методика расчёта</summary>N = N1 / V × 100 %"))
            // The dashboard's charts are inline SVG with a title; shapes close themselves so the parser does not nest them.
            #expect(page.contains("<svg viewBox="))
            #expect(page.contains("role=\"img\" aria-label=\"Показатели таблицы 1, %\""))
            #expect(page.contains("class=\"chart-bar\"/>"))
            #expect(page.contains(">1. приказ о внедрении</text>"))
            #expect(page.contains("Показатель 11: 1 организация с наибольшей долей из 2"))
            #expect(!page.contains("<rect x=\"330\" y=\"12\" width=\"520\" height=\"18\" class=\"chart-track\">"))
            #expect(page.contains("50 %"))
            #expect(page.contains("/indicators/1?node=\(f.mun1.id)&amp;date=2026-11-25&amp;kinds=school&amp;part=numerator"))
            let (_, rows) = try await app.pageBody("/indicators/1?node=\(f.mun1.id)&date=2026-11-25&part=numerator", cookie: cookie)
            #expect(rows.contains("Школа А"))
            #expect(!rows.contains("Школа Б"))
            let (_, denominator) = try await app.pageBody("/indicators/1?node=\(f.mun1.id)&date=2026-11-25&part=denominator", cookie: cookie)
            #expect(denominator.contains("Школа Б"))
            let (_, csv) = try await app.pageBody("/indicators?node=\(f.mun1.id)&date=2026-11-25&format=csv", cookie: cookie)
            #expect(csv.contains("Методика расчёта"))
            #expect(csv.contains("50 %"))
        }
    }

    @Test("A region's dashboard lists its municipalities (roadmaps, node choice), a municipality's its schools; neither loads the level below that")
    func regionDashboard() async throws {
        try await withApp { app, f in
            #expect(try await app.api(.POST, "/organisations/\(f.schoolA.id)/roadmap", token: try await app.token("curator")).0 == .created)
            let cookie = try await app.sessionCookie("region")
            let (status, region) = try await app.pageBody("/indicators?node=\(f.region.id)&date=2026-11-25", cookie: cookie)
            #expect(status == .ok)
            #expect(region.contains("<th scope=\"col\">Муниципалитет</th><th scope=\"col\">Ведут дорожную карту</th>"))
            #expect(region.contains("Дорожные карты ведут 1 из 3 ОО"))
            // Each municipality's line links to its dashboard; school A's roadmap is the first municipality's.
            #expect(region.contains("<a href=\"/indicators?node=\(f.mun1.id)&amp;date=2026-11-25&amp;kinds=school\">город Первый</a>"))
            #expect(region.contains("1 из 2"))
            #expect(region.contains("0 из 1"))
            #expect(!region.contains("/organisations/\(f.schoolA.id)/roadmap"))
            #expect(region.contains("<option value=\"\(f.mun2.id)\""))
            #expect(!region.contains("<option value=\"\(f.schoolA.id)\""))
            let (_, mun) = try await app.pageBody("/indicators?node=\(f.mun1.id)&date=2026-11-25", cookie: cookie)
            #expect(mun.contains("/organisations/\(f.schoolA.id)/roadmap?year=2026"))
            #expect(mun.contains("<option value=\"\(f.schoolB.id)\""))
            #expect(!mun.contains("<option value=\"\(f.schoolC.id)\""))
            #expect(mun.contains("<option value=\"\(f.mun2.id)\""))
            #expect(mun.contains("Дорожные карты ведут 1 из 2 ОО"))
        }
    }
}

extension IndicatorsTests {
    /// The numerator in an indicator's table row: the text of the link to its numerator's rows.
    static func numeratorLink(_ page: String, _ id: String) -> String? {
        for part in page.components(separatedBy: "href=\"/indicators/\(id)?").dropFirst() {
            guard let tail = part.components(separatedBy: "part=numerator\">").dropFirst().first else { continue }
            let n = tail.prefix { $0.isNumber }
            if !n.isEmpty, tail.dropFirst(n.count).hasPrefix("</a>") { return String(n) }
        }
        return nil
    }

    @Test("The dashboard is rendered once until a write: a second read is a cache hit with the same body, a Fluent write or a POST makes the next read fresh, another session gets its own CSRF token")
    func dashboardCache() async throws {
        try await withApp { app, f in
            let cache = app.dashboardCache
            let page = "/indicators?node=\(f.region.id)&date=2026-11-25"
            let cookie = try await app.sessionCookie("region")
            let (_, first) = try await app.pageBody(page, cookie: cookie)
            let hits = cache.hits
            let (_, second) = try await app.pageBody(page, cookie: cookie)
            #expect(cache.hits == hits + 1)
            #expect(second == first)
            #expect(Self.numeratorLink(first, "1") == "0")

            // A write through the API.
            try await IndicatorsTests.approve(app, try await app.token("curator"), f.schoolA.id, "implementation_order", number: "2-о")
            let (_, third) = try await app.pageBody(page, cookie: cookie)
            #expect(cache.hits == hits + 1)
            #expect(Self.numeratorLink(third, "1") == "1")

            // A write straight through Fluent (no request): the next read computes again and shows it.
            try await LocalActRecord(LocalAct(organisationID: f.schoolB.id, kind: .implementationOrder, title: "Приказ о внедрении", number: "1", date: testToday,
                                              status: .approved, approver: "Директор", createdOn: testToday)).create(on: app.db)
            let (_, fourth) = try await app.pageBody(page, cookie: cookie)
            #expect(cache.hits == hits + 1)
            #expect(Self.numeratorLink(fourth, "1") == "2")

            // Another session of the same role and scope: served from the entry, with its own token only.
            let other = try await app.sessionCookie("region")
            let (_, fifth) = try await app.pageBody(page, cookie: other)
            #expect(cache.hits == hits + 2)
            let token = { (body: String) in body.components(separatedBy: "name=\"csrf\" value=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) } }
            #expect(!token(fifth).isEmpty)
            #expect(Set(token(fifth)).count == 1)
            #expect(Set(token(fifth)).isDisjoint(with: Set(token(fourth))))
            #expect(Self.numeratorLink(fifth, "1") == "2")
        }
    }
}

@Suite("Monitoring campaigns: frozen values, comparison, forecast, scope", .serialized)
struct CampaignsTests {
    @Test("A campaign keeps its values after the data change; two campaigns compare with the change; a forecast follows")
    func frozen() async throws {
        try await withApp { app, f in
            let mun = try await app.token("mun1")
            let (s1, first) = try await app.api(.POST, "/campaigns", token: mun, json: ["name": "Ноябрь, до приказов", "date": "19.11.2026", "periodStart": "10.11.2026"])
            #expect(s1 == .created)
            let firstID = try #require((first.json as? [String: Any])?["id"] as? String)
            #expect(IndicatorsTests.value(first, "1")?["numerator"] as? Int == 0)
            #expect((first.json as? [String: Any])?["nodeName"] as? String == "город Первый")

            try await IndicatorsTests.approve(app, try await app.token("curator"), f.schoolA.id, "implementation_order", number: "40-о")
            let (_, again) = try await app.api(.GET, "/campaigns/\(firstID)", token: mun)
            #expect(IndicatorsTests.value(again, "1")?["numerator"] as? Int == 0)

            let (_, second) = try await app.api(.POST, "/campaigns", token: mun, json: ["name": "Ноябрь, после", "date": "25.11.2026"])
            let secondID = try #require((second.json as? [String: Any])?["id"] as? String)
            #expect(IndicatorsTests.value(second, "1")?["numerator"] as? Int == 1)

            let (s2, list) = try await app.api(.GET, "/campaigns", token: mun)
            #expect(s2 == .ok)
            #expect((list.json as? [[String: Any]])?.map { $0["name"] as? String } == ["Ноябрь, после", "Ноябрь, до приказов"])

            let cookie = try await app.sessionCookie("mun1")
            let (s3, page) = try await app.pageBody("/indicators/campaigns/compare?ids=\(firstID)&ids=\(secondID)", cookie: cookie)
            #expect(s3 == .ok)
            #expect(page.contains("+50 п. п."))
            #expect(page.contains("Прогноз") || page.contains("прогноз"))
            let (_, monitoring) = try await app.pageBody("/indicators", cookie: cookie)
            #expect(monitoring.contains("Ноябрь, до приказов"))
            #expect(monitoring.contains("Зафиксировать показатели"))
        }
    }

    @Test("Curators read but do not run campaigns; another municipality's campaign is not found; bad input is a Russian 422")
    func scopeAndValidation() async throws {
        try await withApp { app, f in
            let mun = try await app.token("mun1")
            let (_, c) = try await app.api(.POST, "/campaigns", token: mun, json: ["name": "Первый", "date": "20.11.2026"])
            let id = try #require((c.json as? [String: Any])?["id"] as? String)
            let curator = try await app.token("curator")
            #expect(try await app.api(.POST, "/campaigns", token: curator, json: ["name": "Своя", "date": "20.11.2026"]).0 == .forbidden)
            #expect(try await app.api(.GET, "/campaigns/\(id)", token: curator).0 == .notFound)
            #expect(try await app.api(.GET, "/campaigns/\(id)", token: try await app.token("region")).0 == .ok)
            #expect(try await app.api(.POST, "/campaigns", token: mun, json: ["name": "Чужой", "date": "20.11.2026", "node": f.mun2.id.uuidString]).0 == .notFound)
            let (s1, b1) = try await app.api(.POST, "/campaigns", token: mun, json: ["name": "Будущее", "date": "01.01.2027"])
            #expect(s1 == .unprocessableEntity)
            #expect(b1.text.contains("ещё не наступила"))
            let (s2, b2) = try await app.api(.POST, "/campaigns", token: mun, json: ["name": "", "date": "31.02.2026"])
            #expect(s2 == .unprocessableEntity)
            #expect(b2.text.contains("Укажите название"))
            #expect(b2.text.contains("не распознана"))
            #expect(try await MonitoringCampaignRecord.query(on: app.db).count() == 1)
            #expect(try await app.api(.GET, "/campaigns/compare?ids=\(id)", token: mun).0 == .unprocessableEntity)
        }
    }
}
