import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor

@testable import NastavnikWeb

/// Issue 25: a dated history built through the API (today 25.11.2026) — orders issued and cancelled, a pair
/// fixed on its card and terminated, a pairs order naming only a pair with a student, base entries of today,
/// a leap day, a teacher in two schools, a kindergarten with a roadmap made in the module — and every Table 1
/// indicator checked at several dates on every engine: the rows (`IndicatorEvaluator`), the SQL counts, the
/// stored aggregates and the HTTP drill-down, each against the sets written out here.
@Suite("Indicators under a dated history, on every engine", .serialized)
struct IndicatorHistoryTests {
    /// What the API answers, as a dictionary; a status other than 200/201 is an issue naming `what`.
    static func ok(_ r: (HTTPStatus, ByteBuffer), _ what: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String: Any] {
        #expect(r.0 == .ok || r.0 == .created, "\(what): \(r.0.code) \(r.1.text)", sourceLocation: sourceLocation)
        return (r.1.json as? [String: Any]) ?? [:]
    }

    static func id(_ object: [String: Any]?, _ what: String) throws -> UUID {
        let text: String? = object?["id"] as? String
        return try #require(text.flatMap { UUID(uuidString: $0) }, "\(what) has no id")
    }

    /// The world, by the names the expectations use.
    struct World {
        var f: Fixture
        var kindergarten: UUID
        var people: [String: UUID] = [:]
        var pairs: [String: UUID] = [:]
        var programmes: [String: UUID] = [:]
        /// Registry acts by number.
        var acts: [String: UUID] = [:]
        /// The region, its schools and its kindergarten making V.
        var region: MonitoringNode {
            MonitoringNode(level: .region, id: f.region.id, name: f.region.name, municipalityIDs: [f.mun1.id, f.mun2.id], kinds: [.school, .preschool])
        }
        var schools: [String: UUID] { ["A": f.schoolA.id, "B": f.schoolB.id, "C": f.schoolC.id, "K": kindergarten] }
    }

    /// Builds the history through the API. Dates of the story: A's order 5-о (01.09.2025) fixes a pedagogical pair X
    /// (M1 → J) and a pair with a student S (M1 → S1), and is cancelled on 01.12.2025; B's pair W (teacher B → Y2) is
    /// fixed on its card by order 17-о (not in the registry) on 01.03.2026 and terminated on 20.05.2026 with its
    /// programme running to 28.02.2027; C's order 3-о (01.09.2026) fixes only a pair with a student, CS (teacher C →
    /// S2), whose programme is approved too; the kindergarten K makes its roadmap in the module today.
    static func build(_ app: Application, _ f: Fixture) async throws -> World {
        let admin = try await app.token("admin")
        let k = try id(ok(try await app.api(.POST, "/organisations", token: admin, json: OrganisationInput(
            municipalityID: f.mun1.id.uuidString, kind: "preschool", name: "Детский сад № 7", shortName: "Детский сад № 7")), "kindergarten"), "kindergarten")
        var w = World(f: f, kindergarten: k)
        for (login, org) in [("directorb", f.schoolB.id), ("directorc", f.schoolC.id)] {
            _ = ok(try await app.api(.POST, "/accounts", token: admin, json: AccountInput(
                login: login, password: f.password, role: "director", fullName: "Директор \(login)", scopeID: org.uuidString)), login)
        }
        /// A person with a place (and optionally a second one), consent, and a base entry of today.
        func person(_ name: String, born: String, experience: String?, _ places: [(UUID, String, String, String?)], base: String? = nil) async throws {
            let (org, role, start, end) = places[0]
            let created = ok(try await app.api(.POST, "/people", token: admin, json: PersonForm(
                PersonInput(lastName: name, firstName: "Тест", birthDate: born, pedagogicalExperienceStart: experience),
                membership: MembershipInput(organisationID: org.uuidString, role: role, position: role == "student" ? nil : "учитель", subjects: role == "student" ? nil : "математика",
                                            grade: role == "student" ? "1 курс" : nil, start: start, end: end))), name)
            let pid = try id(created["person"] as? [String: Any], name)
            w.people[name] = pid
            for (org, role, start, end) in places.dropFirst() {
                _ = ok(try await app.api(.POST, "/people/\(pid)/memberships", token: admin, json: MembershipInput(
                    organisationID: org.uuidString, role: role, position: "учитель", subjects: "математика", start: start, end: end)), "\(name): second place")
            }
            _ = ok(try await app.api(.POST, "/people/\(pid)/consents", token: admin, json: ConsentInput(kind: "processing", signer: "subject", signedOn: "2025-08-20")), "\(name): consent")
            switch base {
            case "mentor":
                _ = ok(try await app.api(.POST, "/mentors", token: admin, json: MentorInput(
                    personID: pid.uuidString, organisationID: org.uuidString, competencies: ["subject"], capacity: FlexibleInt(2), forms: ["teacher_teacher", "teacher_student"])), "\(name): mentor base")
            case "mentee":
                _ = ok(try await app.api(.POST, "/mentees", token: admin, json: MenteeInput(personID: pid.uuidString, organisationID: org.uuidString, mainRequest: "methodical")), "\(name): mentee base")
            default: break
            }
        }
        let a = f.schoolA.id, b = f.schoolB.id, c = f.schoolC.id
        // The leap day's people: F1 has exactly 3 years on 28.02.2024 and 3 years and 1 day on 29.02.2024; Y1 works in
        // A and B (one young specialist of the region); L leaves A on 28.02.2024; J joins on 01.03.2024.
        try await person("Старшова", born: "1975-01-01", experience: "2000-09-01", [(a, "pedagogical", "2020-09-01", nil)], base: "mentor")
        try await person("Февралёва", born: "1998-01-01", experience: "2021-02-28", [(a, "pedagogical", "2021-02-28", nil)])
        try await person("Двушкольный", born: "1998-01-01", experience: "2021-03-01", [(a, "pedagogical", "2021-03-01", nil), (b, "pedagogical", "2023-09-01", nil)])
        try await person("Ушедшая", born: "1999-01-01", experience: "2022-09-01", [(a, "pedagogical", "2022-09-01", "2024-02-28")])
        try await person("Пришедший", born: "2001-01-01", experience: "2024-03-01", [(a, "pedagogical", "2024-03-01", nil)], base: "mentee")
        try await person("Вторая", born: "2000-01-01", experience: "2023-09-01", [(b, "pedagogical", "2023-09-01", nil)], base: "mentee")
        try await person("Студентов", born: "2005-01-01", experience: nil, [(a, "student", "2025-09-01", nil)], base: "mentee")
        try await person("Студенткина", born: "2005-02-02", experience: nil, [(c, "student", "2025-09-01", nil)], base: "mentee")
        try await person("Воспитатель", born: "1980-01-01", experience: "2005-09-01", [(k, "pedagogical", "2020-09-01", nil)], base: "mentor")

        func pair(_ name: String, _ org: UUID, _ form: String, _ mentor: UUID, _ mentee: UUID, _ start: String, _ end: String) async throws {
            let created = ok(try await app.api(.POST, "/mentorships", token: admin, json: MentorshipInput(
                organisationID: org.uuidString, form: form, start: start, plannedEnd: end, mentors: [mentor.uuidString], mentees: [mentee.uuidString])), "pair \(name)")
            w.pairs[name] = try id(created["mentorship"] as? [String: Any], "pair \(name)")
        }
        func programme(_ pairName: String, end: String, approvedOn: String, by director: String) async throws {
            let pairID = try #require(w.pairs[pairName])
            let made = ok(try await app.api(.POST, "/mentorships/\(pairID)/programme", token: admin), "programme \(pairName)")
            let p = try #require(made["programme"] as? [String: Any])
            let pid = try id(p, "programme \(pairName)")
            w.programmes[pairName] = pid
            _ = ok(try await app.api(.PUT, "/programmes/\(pid)", token: admin, json: ProgrammeInput(
                goals: p["goals"] as? String, expectedResults: p["expectedResults"] as? String, start: p["start"] as? String, end: end)), "programme \(pairName): end")
            _ = ok(try await app.api(.POST, "/programmes/\(pid)/submit", token: admin, json: DecisionInput()), "programme \(pairName): submit")
            _ = ok(try await app.api(.POST, "/programmes/\(pid)/approve", token: try await app.token(director), json: DecisionInput(date: approvedOn)), "programme \(pairName): approve")
        }
        func act(_ org: UUID, _ type: String, number: String, date: String, pairs: [String] = []) async throws -> UUID {
            var body: [String: AnyEncodable] = ["type": AnyEncodable(type), "action": AnyEncodable("register")]
            if !pairs.isEmpty { body["mentorshipIDs"] = AnyEncodable(try pairs.map { try #require(w.pairs[$0]).uuidString }) }
            let actID = try id(ok(try await app.api(.POST, "/organisations/\(org)/documents", token: admin, json: body), "\(type) of \(org)"), type)
            _ = ok(try await app.api(.POST, "/local-acts/\(actID)/approve", token: admin, json: ["number": number, "date": date, "approver": "Директор"]), "\(type) \(number): approve")
            w.acts[number] = actID
            return actID
        }
        let p = w.people
        // School A: the implementation order, the regulation and the roadmap in force from 25.08.2025; the pairs order
        // 5-о of 01.09.2025 fixes X and S and is cancelled on 01.12.2025.
        for (type, number) in [("implementation_order", "1-о"), ("regulation", "2"), ("roadmap", "3")] {
            _ = try await act(a, type, number: number, date: "25.08.2025")
        }
        try await pair("X", a, "teacher_teacher", try #require(p["Старшова"]), try #require(p["Пришедший"]), "2025-09-01", "2026-05-31")
        try await pair("S", a, "teacher_student", try #require(p["Старшова"]), try #require(p["Студентов"]), "2025-09-01", "2026-05-31")
        try await programme("X", end: "2026-05-31", approvedOn: "2025-09-05", by: "director")
        let order5 = try await act(a, "pairs_order", number: "5-о", date: "01.09.2025", pairs: ["X", "S"])
        _ = ok(try await app.api(.POST, "/local-acts/\(order5)/cancel", token: admin, json: CancelActInput(date: "01.12.2025", reason: "Приказ от 01.12.2025 № 40-о")), "cancel 5-о")
        // School B: W fixed on its card, its programme approved, then terminated before the next school year.
        try await pair("W", b, "teacher_teacher", f.teacher["B"]!.id, try #require(p["Вторая"]), "2026-03-01", "2027-02-28")
        try await programme("W", end: "2027-02-28", approvedOn: "2026-03-02", by: "directorb")
        _ = ok(try await app.api(.POST, "/mentorships/\(try #require(w.pairs["W"]))/order", token: admin, json: OrderInput(orderNumber: "17-о", orderDate: "2026-03-01")), "order W")
        _ = ok(try await app.api(.POST, "/mentorships/\(try #require(w.pairs["W"]))/terminate", token: admin, json: CloseInput(date: "2026-05-20", reason: "Перевод наставляемой")), "terminate W")
        // School C: an order that fixes only a pair with a student, whose programme is approved.
        try await pair("CS", c, "teacher_student", f.teacher["C"]!.id, try #require(p["Студенткина"]), "2026-09-01", "2027-05-31")
        try await programme("CS", end: "2027-05-31", approvedOn: "2026-09-02", by: "directorc")
        _ = try await act(c, "pairs_order", number: "3-о", date: "01.09.2026", pairs: ["CS"])
        // The kindergarten makes its roadmap for 2026/2027 in the module today.
        _ = ok(try await app.api(.POST, "/organisations/\(k)/roadmap", token: admin), "roadmap of K")
        return w
    }

    /// One indicator's expected numerator and denominator rows.
    struct Expected {
        var numerator: Set<UUID>
        var denominator: Set<UUID>?
    }

    /// Table 1 at the region on `day`, as the history above makes it, by rule (see `build`).
    static func expected(_ w: World, on day: Day) throws -> [String: Expected] {
        func ids(_ names: [String], _ from: [String: UUID]) throws -> Set<UUID> { Set(try names.map { try #require(from[$0], "\($0)") }) }
        let f = w.f
        let orgs = { (names: [String]) in try ids(names, w.schools) }
        let v = try orgs(["A", "B", "C", "K"])
        var people = w.people
        for key in ["A", "B", "C"] {
            people["teacher\(key)"] = f.teacher[key]!.id
            people["young\(key)"] = f.menteeProfile[key]!.personID
        }
        let fixture = ["teacherA", "teacherB", "teacherC", "youngA", "youngB", "youngC"]
        let staff = try ids(["Старшова", "Февралёва", "Двушкольный", "Пришедший", "Вторая", "Воспитатель"] + fixture, people)
        let d = day.iso
        // Which story is true on the day.
        let xFixed = d >= "2025-09-01" && d < "2025-12-01"
        let wFixed = d >= "2026-03-01" && d < "2026-09-01"
        let xProgramme = d >= "2025-09-05" && d < "2026-09-01"
        let wProgramme = d >= "2026-03-02" && d < "2026-09-01"
        // Young specialists (0–3 years): J from 01.03.2024, Y2 until 01.09.2026, the fixture's young from 01.09.2024.
        var young = ["youngA", "youngB", "youngC", "Пришедший"]
        if d <= "2026-09-01" { young.append("Вторая") }
        let base = d >= "2026-11-25" ? ["A", "B", "C", "K"] : ["A", "B", "C"]
        var e: [String: Expected] = [:]
        e["1"] = Expected(numerator: try orgs(["A"]), denominator: v)
        e["2"] = Expected(numerator: try orgs(["A"]), denominator: v)
        e["3"] = Expected(numerator: try orgs(base), denominator: v)
        e["4"] = Expected(numerator: try orgs(["A", "B", "C"]), denominator: v)
        e["5"] = Expected(numerator: try orgs(d >= "2026-11-25" ? ["A", "K"] : ["A"]), denominator: v)
        e["6"] = Expected(numerator: [], denominator: v)
        e["7"] = Expected(numerator: [], denominator: v)
        e["8"] = Expected(numerator: try ids((xFixed ? ["X"] : []) + (wFixed ? ["W"] : []), w.pairs))
        e["9"] = Expected(numerator: try orgs((xFixed ? ["A"] : []) + (wFixed ? ["B"] : [])), denominator: v)
        e["10"] = Expected(numerator: try ids((xProgramme ? ["X"] : []) + (wProgramme ? ["W"] : []), w.programmes))
        e["11"] = Expected(numerator: try ids((xFixed && xProgramme ? ["Пришедший"] : []) + (wFixed && wProgramme ? ["Вторая"] : []), people),
                           denominator: try ids(young, people))
        e["12"] = Expected(numerator: try ids((xFixed && xProgramme ? ["Старшова"] : []) + (wFixed && wProgramme ? ["teacherB"] : []), people), denominator: staff)
        e["13"] = Expected(numerator: [])
        e["14"] = Expected(numerator: [], denominator: v)
        // A implements while its pairs order is in force (it has young specialists); nobody else has the orders.
        e["15"] = Expected(numerator: try orgs(xFixed && xProgramme ? ["A"] : []), denominator: v)
        return e
    }

    /// Table 1 on `day` from the rows, SQL, the aggregates and the HTTP drill-down, each against `expected`.
    static func check(_ app: Application, _ w: World, on day: Day, token: String) async throws {
        let expected = try expected(w, on: day)
        let node = w.region
        let e = try await IndicatorService.evaluator(app.db, node, on: day)
        let sql = try await #require(IndicatorSQL(app.db, organisationID: nil, municipalityIDs: node.municipalityIDs, kinds: node.kinds, on: day)).table()
        let aggregated = try await IndicatorService.report(app.db, node, on: day).values
        for (i, d) in IndicatorCatalogue.table.enumerated() {
            let want = try #require(expected[d.id])
            let at = "\(day.russian), indicator \(d.id)"
            #expect(Set(e.rows(d.numerator).map(\.id)) == want.numerator, "\(at): numerator rows")
            #expect(d.denominator.map { Set(e.rows($0).map(\.id)) } == want.denominator, "\(at): denominator rows")
            for (engine, value) in [("rows", e.value(d)), ("SQL", sql[i]), ("aggregates", try #require(aggregated.first { $0.id == d.id }))] {
                #expect(value.numerator == want.numerator.count, "\(at), \(engine): numerator \(value.numerator), expected \(want.numerator.count)")
                #expect(value.denominator == want.denominator?.count, "\(at), \(engine): denominator \(value.denominator ?? -1), expected \(want.denominator?.count ?? -1)")
            }
            for (part, rows) in [("numerator", want.numerator)] + (want.denominator.map { [("denominator", $0)] } ?? []) {
                let (status, body) = try await app.api(.GET, "/indicators/\(d.id)/rows?node=\(w.f.region.id)&date=\(day.iso)&part=\(part)&kinds=school,preschool", token: token)
                #expect(status == .ok, "\(at): drill-down \(part)")
                let listed = ((body.json as? [String: Any])?["rows"] as? [[String: Any]] ?? []).compactMap { ($0["id"] as? String).flatMap(UUID.init(uuidString:)) }
                #expect(Set(listed) == rows && listed.count == rows.count, "\(at): drill-down \(part)")
            }
        }
    }

    @Test("Cancelled and card orders, terminated pairs, pairs with students, base entries and a roadmap of today: Table 1 at five dates equals the story on every engine")
    func history() async throws {
        try await withApp { app, f in
            let w = try await Self.build(app, f)
            let region = try await app.token("region")
            for day in ["2025-10-01", "2026-01-15", "2026-04-15", "2026-10-10", "2026-11-25"] {
                try await Self.check(app, w, on: try #require(Day(day)), token: region)
            }
            // The drill-down says which act fixes a pair, and the cancellation.
            let x = try #require(w.pairs["X"]), wPair = try #require(w.pairs["W"])
            let before = try await IndicatorService.evaluator(app.db, w.region, on: Day("2025-10-01")!)
            #expect(before.rows(.staffMentorshipsByOrder).first { $0.id == x }?.detail?.contains("закреплена: приказ от 01.09.2025 № 5-о (реестр)") == true)
            let spring = try await IndicatorService.evaluator(app.db, w.region, on: Day("2026-04-15")!)
            #expect(spring.rows(.staffMentorshipsByOrder).first { $0.id == wPair }?.detail?.contains("нет в реестре") == true)
            let orders = PairsOrders(try await LocalActRecord.query(on: app.db).all().map { try $0.core })
            let xPair = try #require(try await MentorshipRecord.find(x, on: app.db)).core
            #expect(orders.describe(xPair, on: testToday) == "приказ от 01.09.2025 № 5-о отменён с 01.12.2025: пара не закреплена")
            // The pair card and the board say it too; W's card names its order as not in the registry.
            let curator = try await app.sessionCookie("curator")
            for path in ["/mentorships/\(x)", "/mentorships?organisationID=\(f.schoolA.id)"] {
                let (status, html) = try await app.pageBody(path, cookie: curator)
                #expect(status == .ok, "\(path)")
                #expect(html.contains("приказ от 01.09.2025 № 5-о отменён с 01.12.2025: пара не закреплена"), "\(path)")
            }
            // Nor has X «entered the programme» any more: its order is cancelled, the programme approved.
            let entry = Self.ok(try await app.api(.GET, "/mentorships/\(x)", token: try await app.token("curator")), "pair X")
            #expect(entry["entered"] as? Bool == false)
            let (_, card) = try await app.pageBody("/mentorships/\(wPair)", cookie: try await app.sessionCookie("admin"))
            #expect(card.contains("приказ от 01.03.2026 № 17-о (нет в реестре локальных актов)"))
            // Cancelling a pairs order says beforehand that its pairs stop counting as fixed from that day.
            let (_, confirm) = try await app.pageBody("/documents/\(try #require(w.acts["3-о"]))/cancel", cookie: try await app.sessionCookie("admin"))
            #expect(confirm.contains("с \(testToday.russian) не считаются закреплёнными приказом (показатели 8, 9, 11, 12 и 15)"))
            // The cancelled order leaves X working without an order: the data flag says so.
            #expect(spring.dataFlags.contains { $0.ids.contains("8") && $0.message.contains("без приказа о закреплении") })
            // Terminating W ended its programme.
            let programme = try #require(try await ProgrammeRecord.find(try #require(w.programmes["W"]), on: app.db))
            #expect(programme.status == ProgrammeStatus.terminated.rawValue)
            // Every school's own node agrees between the engines on the same dates.
            for day in ["2025-10-01", "2026-01-15", "2026-10-10"].compactMap(Day.init) {
                for (name, org) in w.schools {
                    let node = MonitoringNode(level: .organisation, id: org, name: name, municipalityIDs: nil, organisationID: org)
                    let rows = try await IndicatorService.evaluator(app.db, node, on: day).values(IndicatorCatalogue.table)
                    let sql = try await IndicatorSQL(app.db, organisationID: org, municipalityIDs: nil, kinds: node.kinds, on: day)!.table()
                    let aggregated = try await IndicatorService.report(app.db, node, on: day).values.filter { $0.number != nil }
                    #expect(rows.map(\.numerator) == sql.map(\.numerator), "\(name) \(day.russian): rows and SQL")
                    #expect(rows.map(\.denominator) == sql.map(\.denominator), "\(name) \(day.russian): rows and SQL")
                    #expect(rows.map(\.numerator) == aggregated.map(\.numerator), "\(name) \(day.russian): rows and aggregates")
                }
            }
        }
    }

    @Test("Young specialists around the leap day 2024 on every engine: exactly 3 years counts, 3 years and 1 day does not, a teacher of two schools once, who left or joined by the date")
    func leapDay() async throws {
        try await withApp { app, f in
            let w = try await Self.build(app, f)
            let people = w.people
            func ids(_ names: [String]) throws -> Set<UUID> { Set(try names.map { try #require(people[$0]) }) }
            let cases: [(String, staff: [String], young: [String])] = [
                ("2024-02-28", ["Старшова", "Февралёва", "Двушкольный", "Ушедшая", "Вторая", "Воспитатель"], ["Февралёва", "Двушкольный", "Ушедшая", "Вторая"]),
                ("2024-02-29", ["Старшова", "Февралёва", "Двушкольный", "Вторая", "Воспитатель"], ["Двушкольный", "Вторая"]),
                ("2024-03-01", ["Старшова", "Февралёва", "Двушкольный", "Вторая", "Воспитатель", "Пришедший"], ["Двушкольный", "Вторая", "Пришедший"]),
            ]
            let definition = try #require(IndicatorCatalogue.definition("11"))
            let staffDefinition = try #require(IndicatorCatalogue.definition("12"))
            for (text, staff, young) in cases {
                let day = try #require(Day(text))
                let e = try await IndicatorService.evaluator(app.db, w.region, on: day)
                #expect(Set(e.rows(.youngSpecialists).map(\.id)) == (try ids(young)), "\(text): young specialists")
                #expect(Set(e.rows(.staff).map(\.id)) == (try ids(staff)), "\(text): staff")
                let sql = try #require(IndicatorSQL(app.db, organisationID: nil, municipalityIDs: w.region.municipalityIDs, kinds: w.region.kinds, on: day))
                #expect(try await sql.count(.youngSpecialists) == young.count, "\(text): SQL young specialists")
                #expect(try await sql.count(.staff) == staff.count, "\(text): SQL staff")
                let report = try await IndicatorService.report(app.db, w.region, on: day).values
                #expect(report.first { $0.id == definition.id }?.denominator == young.count, "\(text): aggregates' young specialists")
                #expect(report.first { $0.id == staffDefinition.id }?.denominator == staff.count, "\(text): aggregates' staff")
            }
        }
    }
}
