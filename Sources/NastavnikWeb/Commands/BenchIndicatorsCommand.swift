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

    /// A small deterministic generator (SplitMix64).
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
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
        let org = try await OrganisationRecord.query(on: app.db).filter(\.$municipalityID == regionMuns[0]).first()!.core
        let nodes: [(String, MonitoringNode)] = [
            ("страна", MonitoringNode(level: .country, id: nil, name: "страна", municipalityIDs: nil)),
            ("регион", MonitoringNode(level: .region, id: region.id, name: region.name, municipalityIDs: regionMuns)),
            ("организация", MonitoringNode(level: .organisation, id: org.id, name: org.shortName, municipalityIDs: [org.municipalityID], organisationID: org.id)),
        ]
        for (label, node) in nodes {
            var timings: [Duration] = []
            var values: [IndicatorValue] = []
            for _ in 0..<3 {
                let t = clock.now
                values = try await IndicatorSQL(app.db, organisationID: node.organisationID, municipalityIDs: node.municipalityIDs, on: today)!.table()
                timings.append(clock.now - t)
            }
            let best = timings.min()!
            context.console.print("SQL, \(label.padding(toLength: 11, withPad: " ", startingAt: 0)) таблица 1 за \(Self.seconds(best)) с (лучшее из 3; \(timings.map(Self.seconds).joined(separator: " / "))) — цель < 1 с: \(Self.double(best) < 1 ? "выполнена" : "НЕ выполнена"); V = \(values.first?.denominator ?? 0), пар по приказам \(values.first { $0.id == "8" }?.numerator ?? 0)")
            if node.level != .country {
                let t = clock.now
                let e = IndicatorEvaluator(try await IndicatorService.load(app.db, node), on: today)
                let rows = e.values(IndicatorCatalogue.table)
                let d = clock.now - t
                let same = zip(rows, values).allSatisfy { $0.numerator == $1.numerator && $0.denominator == $1.denominator }
                context.console.print("строки, \(label.padding(toLength: 8, withPad: " ", startingAt: 0)) загрузка и расчёт за \(Self.seconds(d)) с — цель < 1 с: \(Self.double(d) < 1 ? "выполнена" : "НЕ выполнена"); совпадает с SQL: \(same ? "да" : "НЕТ")")
            }
        }
        // Where the country's time goes: each query on its own.
        let country = IndicatorSQL(app.db, organisationID: nil, municipalityIDs: nil, on: today)!
        var parts: [(String, Duration)] = []
        for d in IndicatorCatalogue.table {
            let t = clock.now
            _ = try await country.count(d.numerator)
            parts.append(("\(d.id)", clock.now - t))
        }
        context.console.print("SQL, страна по показателям (числитель): " + parts.map { "\($0.0): \(Self.seconds($0.1))" }.joined(separator: ", "))
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        context.console.print("Пиковая память процесса: \(usage.ru_maxrss / 1024) МБ")
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
        for batch in stride(from: 0, to: nOrgs, by: 500) {
            var orgs: [OrganisationRecord] = [], people: [PersonRecord] = [], places: [MembershipRecord] = [], acts: [LocalActRecord] = []
            var mentors: [MentorProfileRecord] = [], mentees: [MenteeProfileRecord] = [], pairs: [MentorshipRecord] = [], participants: [ParticipantRecord] = [], programmes: [ProgrammeRecord] = []
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
                    places.append(MembershipRecord(Membership(id: rng.uuid(), personID: p.id, organisationID: org.id, role: .pedagogical, period: Period(start: Day(year: 2015, month: 9, day: 1)!))))
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
                    let ordered = rng.chance(0.7)
                    let m = Mentorship(id: rng.uuid(), organisationID: org.id, form: .teacherTeacher, start: yearStart.adding(days: 30), plannedEnd: yearStart.adding(months: 9),
                                       status: ordered ? .active : .forming, order: ordered ? OrderReference(number: "\(k + 1)-п", date: yearStart.adding(days: 25)) : nil)
                    pairs.append(MentorshipRecord(m))
                    participants += [ParticipantRecord(Participant(id: rng.uuid(), mentorshipID: m.id, personID: mentor, role: .mentor, joinedOn: m.start)),
                                     ParticipantRecord(Participant(id: rng.uuid(), mentorshipID: m.id, personID: mentee.0, role: .mentee, joinedOn: m.start))]
                    mentors.append(MentorProfileRecord(MentorProfile(id: rng.uuid(), personID: mentor, organisationID: org.id, competencies: [.subject], enteredOn: yearStart)))
                    mentees.append(MenteeProfileRecord(MenteeProfile(id: rng.uuid(), personID: mentee.0, organisationID: org.id, mainRequest: .methodical, status: .inProgramme, enteredOn: yearStart)))
                    if rng.chance(0.4) {
                        programmes.append(ProgrammeRecord(Programme(id: rng.uuid(), mentorshipID: m.id, goals: "Адаптация", expectedResults: "Открытый урок", start: m.start,
                                                                      end: m.plannedEnd, status: .approved, approvedOn: m.start.adding(days: 10))))
                    }
                }
                pairsMade += max(0, min(pairTarget, staff.count / 2))
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
