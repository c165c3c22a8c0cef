import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor

@testable import NastavnikWeb

@Suite("Indicators in SQL agree with the rows they are defined by", .serialized)
struct IndicatorSQLTests {
    @Test("On the demo region, Table 1 counted in SQL equals the evaluator's for the country, the region, a municipality and schools, on three dates")
    func agreeOnDemo() async throws {
        try await withBareApp { app in
            let demo = try await DemoLoader.load(app, today: testToday)
            let region = try #require(demo.regions.first)
            let izhevsk = try #require(demo.municipalities.first)
            let schools = demo.organisations.filter { $0.kind == .school && $0.municipalityID == izhevsk.id }.prefix(3)
            var nodes: [MonitoringNode] = [
                MonitoringNode(level: .country, id: nil, name: "страна", municipalityIDs: nil),
                MonitoringNode(level: .region, id: region.id, name: region.name, municipalityIDs: demo.municipalities.filter { $0.regionID == region.id }.map(\.id)),
                MonitoringNode(level: .municipality, id: izhevsk.id, name: izhevsk.name, municipalityIDs: [izhevsk.id]),
            ]
            nodes += schools.map { MonitoringNode(level: .organisation, id: $0.id, name: $0.shortName, municipalityIDs: [$0.municipalityID], organisationID: $0.id) }
            var compared = 0
            for day in [testToday, Day("2026-10-01")!, Day("2026-05-06")!] {
                for node in nodes {
                    let reference = IndicatorEvaluator(try await IndicatorService.load(app.db, node), on: day).values(IndicatorCatalogue.table)
                    let sql = try #require(IndicatorSQL(app.db, organisationID: node.organisationID, municipalityIDs: node.municipalityIDs, on: day))
                    let counted = try await sql.table()
                    for (a, b) in zip(reference, counted) {
                        #expect(a.numerator == b.numerator, "\(node.name) \(day.russian) indicator \(a.id): rows \(a.numerator), SQL \(b.numerator)")
                        #expect(a.denominator == b.denominator, "\(node.name) \(day.russian) indicator \(a.id): rows \(a.denominator ?? -1), SQL \(b.denominator ?? -1)")
                        compared += 1
                    }
                }
            }
            #expect(compared == 3 * nodes.count * 15)
            // Not everything is zero: the comparison means something.
            let today = try await IndicatorSQL(app.db, organisationID: nil, municipalityIDs: nil, on: testToday)!.table()
            #expect(today.filter { $0.numerator > 0 }.count >= 12)
            // The API's `engine=sql` answers with the same Table 1 as the rows give.
            let token = try await app.token("izhevsk", "nastavnik2026")
            let (_, rows) = try await app.api(.GET, "/indicators", token: token)
            let (status, counted) = try await app.api(.GET, "/indicators?engine=sql", token: token)
            #expect(status == .ok)
            let numerators = { (b: ByteBuffer) in ((b.json as? [String: Any])?["values"] as? [[String: Any]])?.filter { $0["number"] is Int }.map { $0["numerator"] as? Int } }
            #expect(numerators(counted) == numerators(rows))
            #expect(numerators(counted)?.count == 15)
        }
    }
}
