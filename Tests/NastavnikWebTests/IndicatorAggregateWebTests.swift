import Fluent
import Foundation
import NastavnikCore
import SQLKit
import Testing
import Vapor

@testable import NastavnikStore
@testable import NastavnikWeb

@Suite("Indicator aggregates: equal to the rows on both engines, outdated by writes, kept by date", .serialized)
struct IndicatorAggregateWebTests {
    static func day(_ s: String) -> Day { Day(s)! }

    /// The demo data (`withDemoApp`), plus people who take part in two schools: a teacher with a second place, a young
    /// specialist mentored in a pair of the other school, and an engineer of a partner enterprise mentoring in both.
    static func world(_ app: Application, _ demo: DemoDataset) async throws -> [MonitoringNode] {
        let region = try #require(demo.regions.first)
        let izhevsk = try #require(demo.municipalities.first)
        let schools = demo.organisations.filter { $0.kind == .school && $0.municipalityID == izhevsk.id }
        let (s1, s2) = (schools[0], schools[1])
        let staff = { (o: Organisation) in demo.memberships.filter { $0.organisationID == o.id && $0.role == .pedagogical && $0.period.contains(testToday) }.map(\.personID) }
        let db = app.db
        let teacher = try #require(staff(s1).first { id in demo.people.first { $0.id == id }?.isYoungSpecialist(on: testToday) == false })
        try await MembershipRecord(Membership(personID: teacher, organisationID: s2.id, role: .pedagogical, period: Period(start: day("2025-09-01")))).create(on: db)
        let young = Person(lastName: "Приезжая", firstName: "Мария", birthDate: day("2001-02-03"), pedagogicalExperienceStart: day("2025-09-01"))
        try await PersonRecord(young).create(on: db)
        try await MembershipRecord(Membership(personID: young.id, organisationID: s1.id, role: .pedagogical, period: Period(start: day("2025-09-01")))).create(on: db)
        let enterprise = Organisation(municipalityID: izhevsk.id, kind: .partner, name: "АО «Ижмаш-тест»", shortName: "АО «Ижмаш-тест»")
        try await OrganisationRecord(enterprise).create(on: db)
        let engineer = Person(lastName: "Инженеров", firstName: "Пётр", birthDate: day("1980-01-01"))
        try await PersonRecord(engineer).create(on: db)
        try await MembershipRecord(Membership(personID: engineer.id, organisationID: enterprise.id, role: .partnerEmployee, period: Period(start: day("2020-01-01")))).create(on: db)
        func pair(_ org: Organisation, mentor: UUID, mentee: UUID) async throws {
            let m = Mentorship(organisationID: org.id, form: .teacherTeacher, start: day("2026-09-20"), plannedEnd: day("2027-05-31"), status: .active,
                               order: OrderReference(number: "99-п", date: day("2026-09-15")))
            try await MentorshipRecord(m).create(on: db)
            try await ParticipantRecord(Participant(mentorshipID: m.id, personID: mentor, role: .mentor, joinedOn: m.start)).create(on: db)
            try await ParticipantRecord(Participant(mentorshipID: m.id, personID: mentee, role: .mentee, joinedOn: m.start)).create(on: db)
            try await ProgrammeRecord(Programme(mentorshipID: m.id, goals: "Адаптация", expectedResults: "Открытый урок", start: m.start, end: m.plannedEnd,
                                                status: .approved, approvedOn: day("2026-09-25"))).create(on: db)
        }
        try await pair(s2, mentor: try #require(staff(s2).last), mentee: young.id)
        try await pair(s1, mentor: engineer.id, mentee: try #require(staff(s1).last))
        try await pair(s2, mentor: engineer.id, mentee: try #require(staff(s2).first))
        var nodes: [MonitoringNode] = [
            MonitoringNode(level: .country, id: nil, name: "страна", municipalityIDs: nil),
            MonitoringNode(level: .region, id: region.id, name: region.name, municipalityIDs: demo.municipalities.filter { $0.regionID == region.id }.map(\.id)),
            MonitoringNode(level: .municipality, id: izhevsk.id, name: izhevsk.name, municipalityIDs: [izhevsk.id]),
        ]
        nodes += schools.prefix(3).map { MonitoringNode(level: .organisation, id: $0.id, name: $0.shortName, municipalityIDs: [$0.municipalityID], organisationID: $0.id) }
        return nodes
    }

    static func expectSame(_ report: IndicatorReport, _ e: IndicatorEvaluator, _ what: String) {
        let reference = e.values()
        #expect(report.values.count == reference.count)
        for (a, b) in zip(reference, report.values) {
            #expect(a == b, "\(what), indicator \(a.id): rows \(a.numerator)/\(a.denominator ?? -1), aggregates \(b.numerator)/\(b.denominator ?? -1)")
        }
        #expect(report.flags == IndicatorChecks.flags(reference, e), "\(what): flags")
        #expect(report.organisations == e.data.organisations.count)
    }

    @Test("Every indicator from the aggregates equals the evaluator's, and Table 1 the SQL's, for the country, the region, a municipality and schools on three dates")
    func agree() async throws {
        try await withDemoApp { app, demo in
            let nodes = try await Self.world(app, demo)
            for date in [testToday, Self.day("2026-10-01"), Self.day("2026-05-06")] {
                for node in nodes {
                    let report = try await IndicatorService.report(app.db, node, on: date)
                    let e = try await IndicatorService.evaluator(app.db, node, on: date)
                    Self.expectSame(report, e, "\(node.name) \(date.russian)")
                    // A node written to while it is read is summed from its records: the same values.
                    let orgs = try await IndicatorService.organisations(app.db, node)
                    if orgs.count <= IndicatorAggregates.batch {
                        #expect(IndicatorTotals(try await IndicatorAggregates.compute(app.db, orgs, on: date)).values(kinds: node.kinds) == report.values, "\(node.name) \(date.russian): from the records")
                    }
                    let sql = try await IndicatorSQL(app.db, organisationID: node.organisationID, municipalityIDs: node.municipalityIDs, kinds: node.kinds, on: date)!.table()
                    #expect(sql.map(\.numerator) == report.values.prefix(15).map(\.numerator), "\(node.name) \(date.russian): SQL")
                    #expect(sql.map(\.denominator) == report.values.prefix(15).map(\.denominator), "\(node.name) \(date.russian): SQL")
                }
            }
            // The people of two schools are what makes this hard: the plain sum of the schools would differ.
            let country = try await IndicatorService.report(app.db, nodes[0], on: testToday)
            let staffShare = IndicatorCatalogue.definition("12")!
            let perOrganisation = try await IndicatorAggregates.perOrganisation(app.db, nodes[0], on: testToday, [staffShare])
            let staff = perOrganisation.values.map { $0.count(.staff) }.reduce(0, +)
            // Each school on its own is what its own node says.
            for node in nodes.dropFirst(3) {
                #expect(perOrganisation[node.organisationID!]?.value(staffShare, kinds: node.kinds) == (try await IndicatorService.report(app.db, node, on: testToday)).values.first { $0.id == "12" })
            }
            #expect(staff > country.values.first { $0.id == "12" }!.denominator!)
            #expect((country.values.first { $0.id == "13" }?.numerator ?? 0) >= 1)

            // One organisation at a time, everyone of another school is «elsewhere» (found in SQL, not in the rows).
            let store = try #require(IndicatorAggregateStore(app.db))
            try await (app.db as! any SQLDatabase).raw("UPDATE organisations SET indicators_generation = indicators_generation + 1").run()
            for o in try await store.outdated(organisationID: nil, municipalityIDs: nil, kinds: Set(OrganisationKind.educational), on: testToday) { try await IndicatorAggregates.refresh(app.db, [o], on: testToday) }
            #expect(try await store.outdated(organisationID: nil, municipalityIDs: nil, kinds: Set(OrganisationKind.educational), on: testToday).isEmpty)
            let oneByOne = try await IndicatorService.report(app.db, nodes[0], on: testToday)
            #expect(oneByOne.values == country.values)
        }
    }

    @Test("A write through the API outdates the school's aggregates, and the country's figure follows; another date keeps its own; bulk inserts outdate too")
    func writes() async throws {
        try await withDemoApp { app, demo in
            let nodes = try await Self.world(app, demo)
            let admin = try await app.token("admin", "nastavnik2026")
            let (s0, before) = try await app.api(.GET, "/indicators?node=country", token: admin)
            #expect(s0 == .ok)
            let (_, earlier) = try await app.api(.GET, "/indicators?node=country&date=2026-11-19", token: admin)
            let e = try await IndicatorService.evaluator(app.db, nodes[0], on: testToday)
            let withOrder = Set(e.rows(.organisationsWithAct(.implementationOrder)).map(\.id))
            let school = try #require(demo.organisations.first { $0.kind == .school && !withOrder.contains($0.id) })
            let generation = { try await (app.db as! any SQLDatabase).raw("SELECT indicators_generation AS g FROM organisations WHERE id = \(bind: school.id)").first()!.decode(column: "g", as: Int64.self) }
            let g0 = try await generation()

            try await IndicatorsTests.approve(app, admin, school.id, "implementation_order", number: "77-о")
            #expect(try await generation() > g0)
            let (_, after) = try await app.api(.GET, "/indicators?node=country", token: admin)
            let n = { (b: ByteBuffer, id: String) in IndicatorsTests.value(b, id)?["numerator"] as? Int }
            #expect(n(after, "1") == n(before, "1").map { $0 + 1 })
            // 19.11.2026 is before the approval: that date's figure is what it was.
            let (_, earlierAfter) = try await app.api(.GET, "/indicators?node=country&date=2026-11-19", token: admin)
            #expect(n(earlierAfter, "1") == n(earlier, "1"))

            // An import's bulk insert bypasses Fluent's model middleware and outdates all the same.
            let newcomer = Person(lastName: "Новикова", firstName: "Ирина", birthDate: Self.day("2002-04-04"), pedagogicalExperienceStart: Self.day("2026-09-01"))
            try await app.db.bulkInsert([PersonRecord(newcomer)])
            try await app.db.bulkInsert([MembershipRecord(Membership(personID: newcomer.id, organisationID: school.id, role: .pedagogical, period: Period(start: Self.day("2026-09-01"))))])
            let (_, imported) = try await app.api(.GET, "/indicators?node=country", token: admin)
            #expect(n(imported, "11") == n(after, "11"))
            #expect((IndicatorsTests.value(imported, "11")?["denominator"] as? Int) == (IndicatorsTests.value(after, "11")?["denominator"] as? Int).map { $0 + 1 })

            // A person's experience changed: every organisation they work in is outdated, and the values follow.
            var experienced = newcomer
            experienced.pedagogicalExperienceStart = Self.day("2010-09-01")
            try await MentorshipStore.update(PersonRecord.self, app.db, experienced)
            let report = try await IndicatorService.report(app.db, nodes[0], on: testToday)
            Self.expectSame(report, try await IndicatorService.evaluator(app.db, nodes[0], on: testToday), "после изменения стажа")
        }
    }

    @Test("An import's writes outdate each organisation once, at the end; a new person is not looked up, an existing one's other schools are outdated; the values follow")
    func deferred() async throws {
        try await withDemoApp { app, demo in
            let nodes = try await Self.world(app, demo)
            _ = try await IndicatorService.report(app.db, nodes[0], on: testToday)
            let schools = demo.organisations.filter { $0.kind == .school }
            let (school, other) = (schools[0], schools[1])
            // Read through the database it is given: inside the transaction, through the transaction's connection
            // (another one from the pool may be the one the transaction holds: a wait until the pool times out).
            let generation: @Sendable (UUID, any Database) async throws -> Int64 = { id, db in
                try await (db as! any SQLDatabase).raw("SELECT indicators_generation AS g FROM organisations WHERE id = \(bind: id)").first()!.decode(column: "g", as: Int64.self)
            }
            let people = { (o: Organisation) in Set(demo.memberships.filter { $0.organisationID == o.id }.map(\.personID)) }
            let linked = people(school).union(people(other))
            let untouched = try #require(schools.first { o in o.id != school.id && o.id != other.id && people(o).isDisjoint(with: linked) })
            let (g0, h0, u0) = (try await generation(school.id, app.db), try await generation(other.id, app.db), try await generation(untouched.id, app.db))
            // A teacher of `other` only, who takes a second place at `school` in the import.
            let otherOnly = try #require(demo.memberships.first { m in m.organisationID == other.id && m.role == .pedagogical && !demo.memberships.contains { $0.personID == m.personID && $0.organisationID != other.id } })
            try await app.db.transaction { db in
                try await IndicatorOutdating.deferring(db) {
                    for k in 0..<3 {
                        let p = Person(lastName: "Новикова\(k)", firstName: "Ирина", birthDate: Self.day("2002-04-04"), pedagogicalExperienceStart: Self.day("2026-09-01"))
                        try await db.bulkInsert([PersonRecord(p)])
                        try await db.bulkInsert([MembershipRecord(Membership(personID: p.id, organisationID: school.id, role: .pedagogical, period: Period(start: Self.day("2026-09-01"))))])
                    }
                    let created = Person(lastName: "Созданная", firstName: "Вера", birthDate: Self.day("1990-01-01"), pedagogicalExperienceStart: Self.day("2012-09-01"))
                    try await PersonRecord(created).create(on: db)
                    try await MembershipRecord(Membership(personID: created.id, organisationID: school.id, role: .pedagogical, period: Period(start: Self.day("2026-09-01")))).create(on: db)
                    try await MembershipRecord(Membership(personID: otherOnly.personID, organisationID: school.id, role: .pedagogical, period: Period(start: Self.day("2026-09-01")))).create(on: db)
                    // Nothing is outdated until the end.
                    #expect(try await generation(school.id, db) == g0)
                }
            }
            #expect(try await generation(school.id, app.db) == g0 + 1)
            #expect(try await generation(other.id, app.db) == h0 + 1)
            #expect(try await generation(untouched.id, app.db) == u0)
            let report = try await IndicatorService.report(app.db, nodes[0], on: testToday)
            Self.expectSame(report, try await IndicatorService.evaluator(app.db, nodes[0], on: testToday), "после загрузки")
        }
    }

    @Test("Aggregates are kept by date: each date its own row; an outdated row is never summed; old days are pruned")
    func dates() async throws {
        try await withDemoApp { app, demo in
            let nodes = try await Self.world(app, demo)
            let store = try #require(IndicatorAggregateStore(app.db))
            let tomorrow = testToday.adding(days: 1)
            #expect(try await IndicatorAggregates.warm(app.db, on: testToday) > 0)
            #expect(try await IndicatorAggregates.warm(app.db, on: tomorrow) > 0)
            #expect(try await IndicatorAggregates.warm(app.db, on: testToday) == 0)
            let v = try await store.sum(organisationID: nil, municipalityIDs: nil, kinds: Set(OrganisationKind.educational), on: tomorrow)
            #expect(v.current == v.organisations)
            // A school year starts on 1 September: the same records give other values then.
            let september = Self.day("2027-09-01")
            let next = try await IndicatorService.report(app.db, nodes[0], on: september)
            Self.expectSame(next, try await IndicatorService.evaluator(app.db, nodes[0], on: september), "01.09.2027")
            // An outdated row stays in the table but no longer counts.
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE organisations SET indicators_generation = indicators_generation + 1 WHERE id = \(bind: nodes[3].organisationID!)").run()
            let outdated = try await store.sum(organisationID: nil, municipalityIDs: nil, kinds: Set(OrganisationKind.educational), on: testToday)
            #expect(outdated.current == outdated.organisations - 1)
            #expect(try await store.outdated(organisationID: nil, municipalityIDs: nil, kinds: Set(OrganisationKind.educational), on: tomorrow).map(\.id) == [nodes[3].organisationID!])
            try await store.prune(before: tomorrow)
            let rows = try await sql.raw("SELECT COUNT(*) AS n FROM indicator_aggregates WHERE as_of < \(bind: tomorrow.iso)").first()!.decode(column: "n", as: Int.self)
            #expect(rows == 0)
        }
    }

    @Test("The aggregates' columns are the migration's")
    func columns() {
        let migrated = (CreateIndicatorAggregates.columns + AddStaffPairsAggregate.columns).map { AddIndicatorHistory.renamed[$0] ?? $0 }
        #expect(Set(IndicatorAggregate.columns) == Set(migrated))
        #expect(IndicatorAggregate.columns.count == migrated.count)
    }
}
