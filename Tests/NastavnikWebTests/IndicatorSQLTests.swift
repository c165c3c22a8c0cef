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
        try await withDemoApp { app, demo in
            let region = try #require(demo.regions.first)
            let izhevsk = try #require(demo.municipalities.first)
            let schools = demo.organisations.filter { $0.kind == .school && $0.municipalityID == izhevsk.id }.prefix(3)
            var nodes: [MonitoringNode] = [
                MonitoringNode(level: .country, id: nil, name: "страна", municipalityIDs: nil),
                MonitoringNode(level: .region, id: region.id, name: region.name, municipalityIDs: demo.municipalities.filter { $0.regionID == region.id }.map(\.id)),
                MonitoringNode(level: .municipality, id: izhevsk.id, name: izhevsk.name, municipalityIDs: [izhevsk.id]),
            ]
            nodes += schools.map { MonitoringNode(level: .organisation, id: $0.id, name: $0.shortName, municipalityIDs: [$0.municipalityID], organisationID: $0.id) }
            // Other kinds of organisation making V (the demo's Izhevsk has colleges, kindergartens, a university).
            for kinds: Set<OrganisationKind> in [Set(OrganisationKind.educational), [.preschool, .university], [.vocational, .additional]] {
                nodes.append(MonitoringNode(level: .municipality, id: izhevsk.id, name: "\(izhevsk.name): \(MonitoredKinds.text(kinds))", municipalityIDs: [izhevsk.id], kinds: kinds))
            }
            var compared = 0
            for day in [testToday, Day("2026-10-01")!, Day("2026-05-06")!] {
                for node in nodes {
                    let reference = try await IndicatorService.evaluator(app.db, node, on: day).values(IndicatorCatalogue.table)
                    let sql = try #require(IndicatorSQL(app.db, organisationID: node.organisationID, municipalityIDs: node.municipalityIDs, kinds: node.kinds, on: day))
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
            let today = try await IndicatorSQL(app.db, organisationID: nil, municipalityIDs: nil, kinds: OrganisationKind.monitoredByDefault, on: testToday)!.table()
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

    @Test("On the demo region, roadmap completion rolled up in SQL by organisation, municipality and region equals the roadmap rules over the events")
    func roadmapRollup() async throws {
        try await withDemoApp { app, demo in
            let year = RoadmapRules.schoolYear(of: testToday)
            let events = try await RoadmapEventRecord.query(on: app.db).all().map(\.core).filter { $0.schoolYear == year }
            // Some done, some overdue, one cancelled: otherwise every column is trivially equal.
            try #require(events.contains { $0.status == .done } && events.contains { $0.isOverdue(on: testToday) })
            let cancelled = try #require(try await RoadmapEventRecord.query(on: app.db).filter(\.$schoolYear == year).filter(\.$status == RoadmapEventStatus.planned.rawValue).first())
            cancelled.status = RoadmapEventStatus.cancelled.rawValue
            try await cancelled.save(on: app.db)
            let counted = events.map { e in
                var e = e
                if e.id == cancelled.id { e.status = .cancelled }
                return e
            }
            let educational = demo.organisations.filter(\.kind.isEducational)
            let municipalityOf = Dictionary(uniqueKeysWithValues: demo.municipalities.map { ($0.id, $0) })
            let organisationOf = Dictionary(uniqueKeysWithValues: educational.map { ($0.id, $0) })
            let levels: [(NodeRollup.Level, (Organisation) -> UUID)] = [(.organisation, \.id), (.municipality, \.municipalityID), (.region, { municipalityOf[$0.municipalityID]!.regionID })]
            for (level, key) in levels {
                let lines = try await NodeRollup(app.db, organisationID: nil, municipalityIDs: nil, kinds: Set(OrganisationKind.educational), by: level)!.roadmaps(year: year, on: testToday)
                let expected = Dictionary(grouping: counted.filter { organisationOf[$0.organisationID] != nil }, by: { key(organisationOf[$0.organisationID]!) })
                #expect(lines.map(\.group.organisations).reduce(0, +) == educational.count, "\(level)")
                #expect(lines.count == Set(educational.map(key)).count, "\(level)")
                for line in lines {
                    let own = expected[line.group.id] ?? []
                    #expect(line.progress == RoadmapRules.progress(own, on: testToday), "\(level) \(line.group.name)")
                    #expect(line.keeping == Set(own.map(\.organisationID)).count, "\(level) \(line.group.name)")
                }
            }
            // A municipality's node counts only its own organisations.
            let izhevsk = try #require(demo.municipalities.first)
            let own = try await NodeRollup(app.db, organisationID: nil, municipalityIDs: [izhevsk.id], kinds: Set(OrganisationKind.educational), by: .organisation)!.groups()
            #expect(Set(own.map(\.id)) == Set(educational.filter { $0.municipalityID == izhevsk.id }.map(\.id)))
        }
    }
}

