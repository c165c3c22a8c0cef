import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// `nastavnik bench-indicators --organisations 40000 --staff 1100000 --mentorships 300000` — generates a
/// national dataset into the configured (empty) database, then times Table 1 for the country, a region and
/// an organisation: counted in SQL (`IndicatorSQL`) and, where it fits, from the rows (`IndicatorEvaluator`,
/// what the pages use). Issue 6 asks for each under 1 second on SQLite and on PostgreSQL.
struct BenchIndicatorsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "organisations", help: "Образовательных организаций (по умолчанию 40000)") var organisations: Int?
        @Option(name: "staff", help: "Педагогических работников (по умолчанию 1100000)") var staff: Int?
        @Option(name: "mentorships", help: "Пар и групп (по умолчанию 300000)") var mentorships: Int?
    }

    var help: String { "Замер расчёта показателей мониторинга на данных страны (генерирует их в пустую базу)." }

    /// The dataset's numbers: Core's SplitMix64 with the helpers the generator uses.
    struct Random {
        var source: SplitMix64
        init(state: UInt64) { source = SplitMix64(seed: state) }
        mutating func next() -> UInt64 { source.next() }
        mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + Int(next() % UInt64(r.count)) }
        mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }
        mutating func uuid() -> UUID {
            let a = next(), b = next()
            return UUID(uuid: (UInt8(truncatingIfNeeded: a), UInt8(truncatingIfNeeded: a >> 8), UInt8(truncatingIfNeeded: a >> 16), UInt8(truncatingIfNeeded: a >> 24),
                               UInt8(truncatingIfNeeded: a >> 32), UInt8(truncatingIfNeeded: a >> 40), UInt8(truncatingIfNeeded: (a >> 48) & 0x0F | 0x40), UInt8(truncatingIfNeeded: a >> 56),
                               UInt8(truncatingIfNeeded: b & 0x3F | 0x80), UInt8(truncatingIfNeeded: b >> 8), UInt8(truncatingIfNeeded: b >> 16), UInt8(truncatingIfNeeded: b >> 24),
                               UInt8(truncatingIfNeeded: b >> 32), UInt8(truncatingIfNeeded: b >> 40), UInt8(truncatingIfNeeded: b >> 48), UInt8(truncatingIfNeeded: b >> 56)))
        }
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard try await OrganisationRecord.query(on: app.db).count() == 0 else {
            context.console.print("База не пуста: замер генерирует данные страны только в пустую базу (например, SQLITE_PATH=/tmp/bench.sqlite).")
            return
        }
        let nOrgs = signature.organisations ?? 40_000, nStaff = signature.staff ?? 1_100_000, nPairs = signature.mentorships ?? 300_000
        let today = app.today
        let clock = ContinuousClock()
        let started = clock.now
        let (regions, municipalities) = try await Self.generate(app.db, organisations: nOrgs, staff: nStaff, mentorships: nPairs, today: today)
        let engine = app.config.usesPostgres ? "PostgreSQL" : "SQLite"
        context.console.print("Данные: \(nOrgs) ОО, \(nStaff) работников, \(nPairs) пар и групп, \(regions.count) регионов — сгенерированы за \(Self.seconds(clock.now - started)) с (\(engine))")

        let region = regions[0]
        let regionMuns = municipalities.filter { $0.regionID == region.id }.map(\.id)
        // A school: the municipality's partner enterprises are organisations too, but outside V.
        let org = try await OrganisationRecord.query(on: app.db).filter(\.$municipalityID == regionMuns[0])
            .filter(\.$kind == OrganisationKind.school.rawValue).sort(\.$name).first()!.core
        context.console.print("Регион замера: \(region.id.uuidString) (\(region.name)); организация: \(org.id.uuidString)")
        let nodes: [(String, MonitoringNode)] = [
            ("страна", MonitoringNode(level: .country, id: nil, name: "страна", municipalityIDs: nil)),
            ("регион", MonitoringNode(level: .region, id: region.id, name: region.name, municipalityIDs: regionMuns)),
            ("организация", MonitoringNode(level: .organisation, id: org.id, name: org.shortName, municipalityIDs: [org.municipalityID], organisationID: org.id)),
        ]
        func line(_ text: String, _ d: Duration) {
            context.console.print("\(text) за \(Self.seconds(d)) с — цель < 1 с: \(Self.double(d) < 1 ? "выполнена" : "НЕ выполнена")")
        }
        func label(_ l: String) -> String { l.padding(toLength: 11, withPad: " ", startingAt: 0) }

        // The aggregates of every organisation, as the server's warmer computes them for today.
        var t = clock.now
        let computed = try await IndicatorAggregates.warm(app.db, on: today)
        context.console.print("Агрегаты показателей: \(computed) организаций пересчитаны за \(Self.seconds(clock.now - t)) с (так их готовит сервер на сегодня и завтра)")
        let all = IndicatorCatalogue.all.count
        var reports: [String: IndicatorReport] = [:]
        for (name, node) in nodes {
            var timings: [Duration] = []
            for _ in 0..<3 {
                t = clock.now
                reports[name] = try await IndicatorService.report(app.db, node, on: today)
                timings.append(clock.now - t)
            }
            let r = reports[name]!
            line("агрегаты, \(label(name)) все \(all) показателей (лучшее из 3; \(timings.map(Self.seconds).joined(separator: " / "))); V = \(r.organisations), пар по приказам \(r.values.first { $0.id == "8" }?.numerator ?? 0), молодых специалистов \(r.values.first { $0.id == "11" }?.denominator ?? 0)", timings.min()!)
        }
        // The references: Table 1 in SQL (once for the country: it scans everything), every indicator from the rows.
        for (name, node) in nodes {
            var timings: [Duration] = []
            var values: [IndicatorValue] = []
            for _ in 0..<(node.level == .country ? 1 : 3) {
                t = clock.now
                values = try await IndicatorSQL(app.db, organisationID: node.organisationID, municipalityIDs: node.municipalityIDs, kinds: node.kinds, on: today)!.table()
                timings.append(clock.now - t)
            }
            let same = Self.same(values, reports[name]!.values)
            line("SQL, \(label(name)) таблица 1 (лучшее из \(timings.count)); совпадает с агрегатами: \(same ? "да" : "НЕТ")", timings.min()!)
            if node.level != .country {
                t = clock.now
                let e = try await IndicatorService.evaluator(app.db, node, on: today)
                let rows = e.values()
                line("строки, \(label(name)) загрузка и расчёт всех показателей; совпадает с агрегатами: \(Self.same(rows, reports[name]!.values) ? "да" : "НЕТ")", clock.now - t)
            }
        }
        // A write outdates its organisation; the next read recomputes it and sums again.
        let before = reports["страна"]!.values.first { $0.id == "7" }!.numerator
        let hasCurator = try await LocalActRecord.query(on: app.db).filter(\.$organisationID == org.id).filter(\.$kind == LocalActKind.curatorOrder.rawValue).count() > 0
        try await LocalActRecord(LocalAct(organisationID: org.id, kind: .curatorOrder, title: "Приказ о назначении куратора", number: "77", date: today,
                                          status: .approved, approver: "Директор", createdOn: today)).create(on: app.db)
        t = clock.now
        let after = try await IndicatorService.report(app.db, nodes[0].1, on: today)
        let changed = after.values.first { $0.id == "7" }!.numerator - before
        line("после записи (приказ о кураторе в одной ОО), страна: пересчёт одной ОО и сумма; показатель 7 изменился на \(changed) (ожидалось \(hasCurator ? 0 : 1))", clock.now - t)
        // Cold: every organisation of the region outdated at once (after a mass import, say).
        let regionOrgs = try await IndicatorService.organisations(app.db, nodes[1].1).map(\.id)
        try await IndicatorAggregates.store(app.db).outdate(IndicatorInputs(organisations: regionOrgs))
        t = clock.now
        _ = try await IndicatorService.report(app.db, nodes[1].1, on: today)
        line("регион, все \(reports["регион"]!.organisations) ОО устарели: пересчёт и сумма", clock.now - t)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        context.console.print("Пиковая память процесса: \(usage.ru_maxrss / 1024) МБ")
    }

    /// Whether two lists of values agree on every indicator they share.
    static func same(_ a: [IndicatorValue], _ b: [IndicatorValue]) -> Bool {
        let byID = Dictionary(b.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        return a.allSatisfy { v in byID[v.id].map { $0.numerator == v.numerator && $0.denominator == v.denominator } ?? false }
    }

    /// Regions of 20 municipalities; schools of ~27 staff; 10 % young specialists; local acts, bases, pairs and
    /// programmes at shares like seed 001's. Written in batches of 500 organisations.
    static func generate(_ db: any Database, organisations nOrgs: Int, staff nStaff: Int, mentorships nPairs: Int, today: Day) async throws -> ([Region], [Municipality]) {
        var rng = Random(state: 2026)
        let nMuns = max(1, nOrgs / 24), nRegions = max(1, nMuns / 20)
        let regions = (0..<nRegions).map { Region(id: rng.uuid(), name: "Регион \($0 + 1)") }
        let muns = (0..<nMuns).map { i in Municipality(id: rng.uuid(), regionID: regions[i % nRegions].id, name: "Муниципалитет \(i + 1)") }
        try await db.bulkInsert(regions.map { RegionRecord($0) })
        try await db.bulkInsert(muns.map { MunicipalityRecord($0) })
        let year = RoadmapRules.schoolYear(of: today)
        let yearStart = Day(year: year, month: 9, day: 1)!
        let staffPerOrg = Double(nStaff) / Double(nOrgs), pairsPerOrg = Double(nPairs) / Double(nOrgs)
        var staffMade = 0, pairsMade = 0
        let since2015 = Period(start: Day(year: 2015, month: 9, day: 1)!)
        for batch in stride(from: 0, to: nOrgs, by: 500) {
            var orgs: [OrganisationRecord] = [], people: [PersonRecord] = [], places: [MembershipRecord] = [], acts: [LocalActRecord] = []
            var mentors: [MentorProfileRecord] = [], mentees: [MenteeProfileRecord] = [], pairs: [MentorshipRecord] = [], participants: [ParticipantRecord] = [], programmes: [ProgrammeRecord] = []
            func pair(_ org: Organisation, mentor: UUID, mentee: UUID, number: Int, ordered: Bool, approved: Bool) {
                let m = Mentorship(id: rng.uuid(), organisationID: org.id, form: .teacherTeacher, start: yearStart.adding(days: 30), plannedEnd: yearStart.adding(months: 9),
                                   status: ordered ? .active : .forming, order: ordered ? OrderReference(number: "\(number)-п", date: yearStart.adding(days: 25)) : nil)
                pairs.append(MentorshipRecord(m))
                participants += [ParticipantRecord(Participant(id: rng.uuid(), mentorshipID: m.id, personID: mentor, role: .mentor, joinedOn: m.start)),
                                 ParticipantRecord(Participant(id: rng.uuid(), mentorshipID: m.id, personID: mentee, role: .mentee, joinedOn: m.start))]
                if approved {
                    programmes.append(ProgrammeRecord(Programme(id: rng.uuid(), mentorshipID: m.id, goals: "Адаптация", expectedResults: "Открытый урок", start: m.start,
                                                                  end: m.plannedEnd, status: .approved, approvedOn: m.start.adding(days: 10))))
                }
            }
            // People of more than one organisation, so that the counts of distinct people are put to the test: a
            // teacher of the previous school who also works here (30 % of schools), a young specialist of the
            // previous school mentored here (20 %), and a partner enterprise whose engineers mentor in six schools.
            var previous: [(UUID, Bool)] = []
            let enterprise = Organisation(id: rng.uuid(), municipalityID: muns[batch % nMuns].id, kind: .partner, name: "Предприятие \(batch / 500 + 1)", shortName: "АО № \(batch / 500 + 1)")
            orgs.append(OrganisationRecord(enterprise))
            let engineers = (0..<3).map { _ in
                let p = Person(id: rng.uuid(), lastName: "Инженер", firstName: "Иван", birthDate: Day(year: 1980, month: 5, day: 1)!)
                people.append(PersonRecord(p))
                places.append(MembershipRecord(Membership(id: rng.uuid(), personID: p.id, organisationID: enterprise.id, role: .partnerEmployee, period: since2015)))
                return p.id
            }
            for i in batch..<min(batch + 500, nOrgs) {
                let org = Organisation(id: rng.uuid(), municipalityID: muns[i % nMuns].id, kind: .school, name: "Школа \(i + 1)", shortName: "Школа № \(i + 1)",
                                       mentorshipPageSince: rng.chance(0.68) ? yearStart : nil)
                orgs.append(OrganisationRecord(org))
                let staffTarget = Int((Double(i + 1) * staffPerOrg).rounded()) - staffMade
                var staff: [(UUID, Bool)] = []
                for _ in 0..<max(2, staffTarget) {
                    let young = rng.chance(0.1)
                    var p = Person(id: rng.uuid(), lastName: "Педагог", firstName: "Анна", birthDate: Day(year: young ? 1999 : 1975, month: 3, day: 1)!)
                    p.pedagogicalExperienceStart = young ? yearStart.adding(years: -rng.int(0...2)) : Day(year: 2000, month: 9, day: 1)!
                    people.append(PersonRecord(p))
                    places.append(MembershipRecord(Membership(id: rng.uuid(), personID: p.id, organisationID: org.id, role: .pedagogical, period: since2015)))
                    staff.append((p.id, young))
                }
                staffMade += staff.count
                for (kind, share) in [(LocalActKind.implementationOrder, 0.6), (.regulation, 0.9), (.roadmap, 0.89), (.organisationProgramme, 0.89), (.curatorOrder, 0.566), (.pairsOrder, 0.446)] where rng.chance(share) {
                    acts.append(LocalActRecord(LocalAct(id: rng.uuid(), organisationID: org.id, kind: kind, title: kind.label, number: "\(rng.int(1...99))", date: yearStart.adding(days: 20),
                                                        status: .approved, approver: "Директор", createdOn: yearStart)))
                }
                let pairTarget = Int((Double(i + 1) * pairsPerOrg).rounded()) - pairsMade
                for k in 0..<max(0, min(pairTarget, staff.count / 2)) {
                    let mentor = staff[2 * k].0, mentee = staff[2 * k + 1]
                    pair(org, mentor: mentor, mentee: mentee.0, number: k + 1, ordered: rng.chance(0.7), approved: rng.chance(0.4))
                    mentors.append(MentorProfileRecord(MentorProfile(id: rng.uuid(), personID: mentor, organisationID: org.id, competencies: [.subject], enteredOn: yearStart)))
                    mentees.append(MenteeProfileRecord(MenteeProfile(id: rng.uuid(), personID: mentee.0, organisationID: org.id, mainRequest: .methodical, status: .inProgramme, enteredOn: yearStart)))
                }
                pairsMade += max(0, min(pairTarget, staff.count / 2))
                if let last = previous.last, rng.chance(0.3) {
                    places.append(MembershipRecord(Membership(id: rng.uuid(), personID: last.0, organisationID: org.id, role: .pedagogical, period: since2015)))
                }
                if let young = previous.first(where: \.1), rng.chance(0.2) {
                    pair(org, mentor: staff[staff.count - 1].0, mentee: young.0, number: 90, ordered: true, approved: true)
                }
                if i - batch < 6 { pair(org, mentor: engineers[(i - batch) % 3], mentee: staff[staff.count - 1].0, number: 91, ordered: true, approved: true) }
                previous = staff
            }
            let (orgs_, people_, places_, acts_, mentors_, mentees_, pairs_, participants_, programmes_) = (orgs, people, places, acts, mentors, mentees, pairs, participants, programmes)
            try await db.transaction { db in
                try await db.bulkInsert(orgs_)
                try await db.bulkInsert(people_)
                try await db.bulkInsert(places_)
                try await db.bulkInsert(acts_)
                try await db.bulkInsert(mentors_)
                try await db.bulkInsert(mentees_)
                try await db.bulkInsert(pairs_)
                try await db.bulkInsert(participants_)
                try await db.bulkInsert(programmes_)
            }
        }
        return (regions, muns)
    }

    static func double(_ d: Duration) -> Double { BenchImportCommand.double(d) }
    static func seconds(_ d: Duration) -> String { BenchImportCommand.seconds(d) }
}
