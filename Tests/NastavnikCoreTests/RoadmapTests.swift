import Foundation
import Testing

@testable import NastavnikCore

@Suite("Roadmaps: seed 003's 7 stages and 35 events for an organisation's school year")
struct RoadmapTests {
    static func day(_ s: String) -> Day { Day(s)! }
    static let org = UUID()
    static let events = RoadmapRules.instantiate(organisationID: org, schoolYear: 2026)

    @Test("The standard roadmap gives 35 events in 7 stages, each due within the school year 2026/2027")
    func instantiate() {
        #expect(Self.events.count == 35)
        #expect(Set(Self.events.map(\.stage)) == Set(1...7))
        #expect(Self.events.allSatisfy { $0.deadline >= Self.day("2026-09-30") && $0.deadline <= Self.day("2027-08-31") })
        #expect(Self.events.first?.deadline == Self.day("2026-09-30") || Self.events.first?.deadline == Self.day("2026-10-31"))
        #expect(Self.events.map(\.number) == Array(1...35))
        #expect(RoadmapRules.schoolYear(of: Self.day("2027-05-06")) == 2026)
        #expect(RoadmapRules.schoolYear(of: Self.day("2026-09-01")) == 2026)
    }

    @Test("An event past its deadline is overdue until it is done or cancelled; progress counts done of the rest")
    func progress() {
        var events = Self.events
        let today = Self.day("2026-12-15")
        let due = events.filter { $0.deadline < today }.count
        #expect(due > 0)
        #expect(RoadmapRules.progress(events, on: today) == RoadmapProgress(total: 35, done: 0, overdue: due, due: due))
        events[0].status = .done
        events[1].status = .cancelled
        let p = RoadmapRules.progress(events, on: today)
        #expect(p.total == 34)
        #expect(p.done == 1)
        #expect(p.overdue == due - (events[1].deadline < today ? 2 : 1))
        #expect(abs(p.share! - 100.0 / 34) < 0.001)
        #expect(!events[0].isOverdue(on: today))
    }

    @Test("«Выполнено» needs the date and what shows it; «отменено» needs the reason")
    func validation() {
        let e = Self.events[0]
        let today = Self.day("2026-12-01")
        #expect(RoadmapRules.validateUpdate(e, status: .done, doneOn: Self.day("2026-10-01"), evidence: "Приказ от 01.10.2026 № 45-о", today: today).isEmpty)
        #expect(RoadmapRules.validateUpdate(e, status: .done, doneOn: nil, evidence: " ", today: today).map(\.field) == ["evidence", "doneOn"])
        #expect(RoadmapRules.validateUpdate(e, status: .done, doneOn: Self.day("2026-12-02"), evidence: "Приказ", today: today).map(\.field) == ["doneOn"])
        #expect(RoadmapRules.validateUpdate(e, status: .cancelled, doneOn: nil, evidence: nil, today: today).map(\.field) == ["evidence"])
        #expect(RoadmapRules.validateUpdate(e, status: .inProgress, doneOn: nil, evidence: nil, today: today).isEmpty)
    }

    @Test("The quarter report lists the events due in the quarter and is due on the 10th of the next month (seed 003)")
    func quarter() throws {
        let q4 = try #require(RoadmapRules.quarter(Self.events, year: 2026, quarter: 4))
        #expect(q4.reportDue == Self.day("2027-01-10"))
        #expect(q4.events.allSatisfy { $0.deadline >= Self.day("2026-10-01") && $0.deadline <= Self.day("2026-12-31") })
        #expect(!q4.events.isEmpty)
        // Every event falls in exactly one quarter from July–September 2026 to July–September 2027.
        let quarters = [(2026, 3), (2026, 4), (2027, 1), (2027, 2), (2027, 3)]
        #expect(quarters.compactMap { RoadmapRules.quarter(Self.events, year: $0.0, quarter: $0.1)?.events.count }.reduce(0, +) == 35)
        #expect(RoadmapRules.quarter(Self.events, year: 2026, quarter: 5) == nil)
        #expect(RoadmapRules.quarter(Self.events, year: 2027, quarter: 1)?.reportDue == Self.day("2027-04-10"))
    }
}

@Suite("Demo roadmaps")
struct DemoRoadmapTests {
    @Test("Every demo school with an approved roadmap keeps one in the system; its marks pass the rules")
    func demo() {
        let today = Day(year: 2026, month: 12, day: 1)!
        let data = DemoCache.make(seed: 2022, today: today)
        let withAct = Set(data.acts.filter { $0.kind == .roadmap }.map(\.organisationID))
        let withEvents = Set(data.roadmapEvents.map(\.organisationID))
        #expect(!withAct.isEmpty)
        #expect(withAct == withEvents)
        #expect(data.roadmapEvents.count == withAct.count * 35)
        for e in data.roadmapEvents where e.status == .done {
            #expect(RoadmapRules.validateUpdate(e, status: .done, doneOn: e.doneOn, evidence: e.evidence, today: today).isEmpty)
        }
        #expect(data.roadmapEvents.contains { $0.isOverdue(on: today) })
        #expect(data.roadmapEvents.contains { $0.status == .done })
    }
}

@Suite("The quarterly roadmap report")
struct RoadmapQuarterReportTests {
    @Test("Each organisation's events due in the quarter, what is done and not, the report due on the 10th; one without a roadmap is named")
    func report() throws {
        let a = Organisation(municipalityID: UUID(), kind: .school, name: "Школа № 2", shortName: "Школа № 2")
        let b = Organisation(municipalityID: UUID(), kind: .school, name: "Школа № 10", shortName: "Школа № 10")
        var events = RoadmapRules.instantiate(organisationID: a.id, schoolYear: 2026)
        let q4 = events.indices.filter { events[$0].deadline >= Day("2026-10-01")! && events[$0].deadline <= Day("2026-12-31")! }
        events[q4[0]].status = .done
        events[q4[1]].status = .cancelled
        let report = try #require(RoadmapQuarterReport.make(nodeName: "город Первый", organisations: [b, a], events: events, year: 2026, quarter: 4, asOf: Day("2027-01-09")!))
        #expect(report.reportDue == Day("2027-01-10"))
        #expect(report.lines.map(\.organisation.shortName) == ["Школа № 2", "Школа № 10"])
        #expect(report.lines[0].due == q4.count)
        #expect(report.lines[0].done == 1)
        #expect(report.lines[0].notDone.count == q4.count - 2)
        #expect(report.lines[1].events == nil)
        let text = try DocumentSamples.text(report.document.data())
        #expect(text.contains("ОТЧЁТ О ВЫПОЛНЕНИИ ДОРОЖНЫХ КАРТ"))
        #expect(text.contains("Срок представления отчёта — 10.01.2027"))
        #expect(text.contains("нет дорожной карты"))
        #expect(text.contains("Не выполненные в срок мероприятия"))
        let single = try #require(RoadmapQuarterReport.make(nodeName: "город Первый", organisations: [a], events: [events[q4[0]]], year: 2026, quarter: 4, asOf: Day("2027-01-09")!))
        #expect(try DocumentSamples.text(single.document.data()).contains("на отчётный квартал приходится 1 мероприятие, выполнено 1."))
        #expect(RoadmapQuarterReport.make(nodeName: "—", organisations: [], events: [], year: 2026, quarter: 0, asOf: Day("2027-01-09")!) == nil)
    }
}

/// Issue 25: seed 003's reporting calendar — «до 20 января», «далее ежегодно в сентябре/октябре», a quarterly
/// report that is preliminary until its quarter ends and calls overdue only what is past its deadline.
@Suite("The roadmap's reporting calendar (seed 003)")
struct RoadmapCalendarTests {
    static func event(_ events: [RoadmapEvent], _ number: Int) throws -> RoadmapEvent { try #require(events.first { $0.number == number }) }

    @Test("Events 34 and 35 «до 20 января» are due 20 January, not 31; event 33 is due on the 10th")
    func januaryDeadlines() throws {
        let events = RoadmapRules.instantiate(organisationID: UUID(), schoolYear: 2026)
        #expect(try Self.event(events, 34).deadline == Day("2027-01-20"))
        #expect(try Self.event(events, 35).deadline == Day("2027-01-20"))
        #expect(try Self.event(events, 33).deadline == Day("2027-01-10"))
        // Late from 21 January, not only from 1 February.
        #expect(try Self.event(events, 34).isOverdue(on: Day("2027-01-21")!))
        #expect(try !Self.event(events, 34).isOverdue(on: Day("2027-01-20")!))
    }

    @Test("In a later year events 7–9 fall due in September and 10–11 in October; the first year keeps November–December")
    func laterYears() throws {
        let first = RoadmapRules.instantiate(organisationID: UUID(), schoolYear: 2026)
        let later = RoadmapRules.instantiate(organisationID: UUID(), schoolYear: 2027, firstYear: false)
        for n in 7...9 {
            #expect(try Self.event(first, n).deadline == Day("2026-12-31"))
            #expect(try Self.event(later, n).deadline == Day("2027-09-30"))
        }
        for n in 10...11 { #expect(try Self.event(later, n).deadline == Day("2027-10-31")) }
        // Events whose text names no later month keep theirs.
        #expect(try Self.event(later, 16).deadline == Day("2027-12-31"))
        #expect(try Self.event(later, 34).deadline == Day("2028-01-20"))
    }

    @Test("The default quarter: until the 10th after a quarter, that quarter; later, the current one", arguments: [
        ("2026-12-07", 2026, 4), ("2027-01-05", 2026, 4), ("2027-01-10", 2026, 4), ("2027-01-11", 2027, 1),
        ("2026-10-10", 2026, 3), ("2026-10-11", 2026, 4), ("2026-11-02", 2026, 4), ("2027-04-10", 2027, 1),
    ])
    func reportQuarter(_ day: String, _ year: Int, _ quarter: Int) throws {
        let q = RoadmapRules.reportQuarter(on: try #require(Day(day)))
        #expect(q.year == year && q.quarter == quarter)
    }

    @Test("Made on 07.12.2026 the 4th-quarter report is preliminary and lists as overdue only what was due before that day; after the quarter it is final")
    func preliminary() throws {
        let org = Organisation(municipalityID: UUID(), kind: .school, name: "Школа № 2", shortName: "Школа № 2")
        let events = RoadmapRules.instantiate(organisationID: org.id, schoolYear: 2026)
        let asOf = try #require(Day("2026-12-07"))
        let inQuarter = events.filter { $0.deadline >= Day("2026-10-01")! && $0.deadline <= Day("2026-12-31")! }
        let pastDue = inQuarter.filter { $0.deadline < asOf }
        #expect(!pastDue.isEmpty && pastDue.count < inQuarter.count, "some October–November deadlines passed, December's not")
        let early = try #require(RoadmapQuarterReport.make(nodeName: "город Первый", organisations: [org], events: events, year: 2026, quarter: 4, asOf: asOf))
        #expect(early.isPreliminary)
        #expect(early.title.hasSuffix("(предварительно, на 07.12.2026)"))
        #expect(Set(early.lines[0].overdue.map(\.number)) == Set(pastDue.map(\.number)))
        #expect(early.lines[0].pending == inQuarter.count - pastDue.count)
        let text = try DocumentSamples.text(early.document.data())
        #expect(text.contains("Отчёт предварительный: квартал не закончился, сведения — на 07.12.2026"))
        let december = try #require(inQuarter.first { $0.deadline == Day("2026-12-31") })
        let missedPart = try #require(text.components(separatedBy: "Не выполненные в срок мероприятия").dropFirst().first)
        #expect(!missedPart.contains(december.title), "an event due 31.12 is not overdue on 07.12")
        let final = try #require(RoadmapQuarterReport.make(nodeName: "город Первый", organisations: [org], events: events, year: 2026, quarter: 4, asOf: Day("2027-01-09")!))
        #expect(!final.isPreliminary && final.lines[0].overdue.count == inQuarter.count)
    }
}

@Suite("Roadmap templates as spreadsheets")
struct RoadmapTemplateFileTests {
    @Test("The standard template goes to rows and back unchanged")
    func roundTrip() throws {
        let table = [RoadmapTemplateFile.headers + RoadmapTemplateFile.optionalHeaders] + RoadmapTemplateFile.rows(RoadmapTemplate.standard)
        let stages = try RoadmapTemplateFile.parse(table).get()
        #expect(stages == RoadmapTemplate.standard)
        // A file made before the two calendar columns still loads: every event due at its month's end, every year.
        let old = try RoadmapTemplateFile.parse(table.map { Array($0.prefix(8)) }).get()
        #expect(old.flatMap(\.events).allSatisfy { $0.dueDay == nil && $0.laterMonthOffset == nil } && old.flatMap(\.events).count == 35)
    }

    @Test("Wrong headers, a bad month, a repeated number and an empty title are refused with their rows")
    func errors() {
        let h = RoadmapTemplateFile.headers
        guard case let .failure(e1) = RoadmapTemplateFile.parse([["Этап", "Мероприятие"]]) else { Issue.record("accepted"); return }
        #expect(e1.summary.contains("Скачайте типовой шаблон"))
        let rows = [h, ["1", "Подготовка", "1", "Приказ", "октябрь", "Директор", "Приказ", "1"],
                    ["1", "Подготовка", "1", "Положение", "октябрь", "Директор", "Положение", "13"],
                    ["1", "Подготовка", "1", "", "октябрь", "Директор", "", "2"]]
        guard case let .failure(e2) = RoadmapTemplateFile.parse(rows) else { Issue.record("accepted"); return }
        #expect(e2.issues.map(\.message) == [
            "Строка 3: месяц срока «13» — должно быть число от 0 (сентябрь) до 11 (август).",
            "Строка 4: не указано мероприятие.",
            "Строка 4: мероприятие № 1 уже есть выше.",
        ])
        guard case .failure = RoadmapTemplateFile.parse([h]) else { Issue.record("an empty template accepted"); return }
    }

    @Test("A school's roadmap follows its municipality's template")
    func instantiateOwn() throws {
        let own = [RoadmapTemplateStage(number: 1, title: "Подготовка", events: [RoadmapTemplateEvent(number: 1, title: "Приказ", timing: "сентябрь", responsible: "Директор", evidence: "Приказ", monthOffset: 0)])]
        let events = RoadmapRules.instantiate(own, organisationID: UUID(), schoolYear: 2026)
        #expect(events.count == 1)
        #expect(events[0].deadline == Day("2026-09-30"))
    }
}
