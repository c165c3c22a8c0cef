import Fluent
import Foundation
import NastavnikCore
import NastavnikOffice
@testable import NastavnikStore
import SQLKit
import Testing
import Vapor

@testable import NastavnikWeb

/// The bulk path of imports (`NastavnikStore/Bulk`) writes and reads people, places, consents and audit
/// entries without Fluent's records: what it writes must read back through Fluent as the same values, and what
/// Fluent writes must read back through it. Runs on SQLite and, in the PostgreSQL pass, on PostgreSQL.
@Suite("Bulk rows: the import's own write and read path agrees with Fluent", .serialized)
struct BulkRowsTests {
    @Test("Each bulk table lists its record's fields, in the record's order")
    func columnsAreTheRecords() {
        func keys<M: BulkCoded>(_ type: M.Type) -> [String] {
            M().properties.compactMap { ($0 as? any AnyDatabaseProperty)?.keys }.flatMap { $0 }.map(\.description)
        }
        #expect(PersonRecord.bulkColumns == keys(PersonRecord.self))
        #expect(MembershipRecord.bulkColumns == keys(MembershipRecord.self))
        #expect(ConsentRecord.bulkColumns == keys(ConsentRecord.self))
        #expect(AuditRecord.bulkColumns == keys(AuditRecord.self))
    }

    /// People with every optional field both empty and filled, names with quotes, «ё» and apostrophes.
    static func people(_ n: Int) -> [Person] {
        (0..<n).map { i in
            let full = i % 2 == 0
            return Person(
                lastName: ["Фёдорова", "О'Нил", "Иванов \"мл.\"", "Петров-Водкин"][i % 4], firstName: "Имя\(i % 7 == 0 ? "ё" : "")",
                middleName: full ? "Отчество" : nil, birthDate: Day(year: 1950 + i % 50, month: 1 + i % 12, day: 1 + i % 28)!,
                sex: full ? .female : nil, snils: full ? Snils.make(String(format: "%09d", 200_000_000 + i).compactMap(\.wholeNumberValue)) : nil,
                email: full ? "p\(i)@школа.рф" : nil, phone: full ? "+7 900 000-00-\(i % 100)" : nil,
                educationLevel: full ? .higherPedagogical : nil, specialty: full ? (i % 3 == 0 ? "учитель\tфизики\\ и\r\nастрономии \\N" : "учитель; физика") : nil, graduationYear: full ? 1975 + i % 40 : nil,
                totalExperienceStart: full ? Day(year: 1995, month: 9, day: 1) : nil, pedagogicalExperienceStart: full ? Day(year: 1996, month: 9, day: 1) : nil,
                category: full ? .highest : nil)
        }
    }

    static func sorted<T: Identifiable>(_ values: [T]) -> [T] where T.ID == UUID { values.sorted { $0.id.uuidString < $1.id.uuidString } }

    @Test("Which of 40,000 SNILS numbers are stored: found over SQLite's statements of 32,000, and in PostgreSQL's one query")
    func existingTexts() async throws {
        try await withApp { app, _ in
            let people = Self.people(40)
            try await app.db.bulkInsert(people, as: PersonRecord.self)
            let stored = Set(people.compactMap(\.snils))
            #expect(stored.count == 20)
            let asked = Set((0..<40_000).map { Snils.make(String(format: "%09d", 200_000_000 + $0).compactMap(\.wholeNumberValue)) })
            #expect(asked.isSuperset(of: stored))
            #expect(try await app.db.existingTexts("snils", in: PersonRecord.schema, among: asked) == stored)
            #expect(try await app.db.existingTexts("snils", in: PersonRecord.schema, among: ["000-000-000 00", "x'); --"]).isEmpty)
            #expect(try await app.db.existingTexts("snils", in: PersonRecord.schema, among: []).isEmpty)
        }
    }

    @Test("What the bulk path writes, Fluent reads as the same values — over several statements — and the bulk reader too")
    func bulkWritesFluentReads() async throws {
        try await withApp { app, f in
            // 17 columns: 1,882 people a statement on SQLite (4,000 need a tail); on PostgreSQL one COPY of ~1.3 MB,
            // sent in two pieces.
            let people = Self.people(4_000)
            let places = people.enumerated().map { i, p in
                Membership(personID: p.id, organisationID: f.schoolB.id, role: i % 3 == 0 ? .managerial : .pedagogical, position: i % 2 == 0 ? "учитель" : nil,
                           subjects: i % 2 == 0 ? ["математика", "физика"] : [], grade: i % 5 == 0 ? "7Б" : nil,
                           period: Period(start: Day(year: 2020, month: 9, day: 1)!, end: i % 4 == 0 ? Day(year: 2027, month: 6, day: 30) : nil))
            }
            let consents = people.enumerated().map { i, p in
                Consent(personID: p.id, signer: i % 2 == 0 ? .subject : .parent, representativeName: i % 2 == 0 ? nil : "Родителева Мария",
                        signedOn: Day(year: 2026, month: 9, day: 1)!, scope: ConsentRules.defaultScope, withdrawnOn: i % 9 == 0 ? Day(year: 2026, month: 10, day: 1) : nil)
            }
            // Instants after 2000, before it and before 1970, with fractions of a second.
            let instants: [TimeInterval] = [1_790_000_000.25, 946_684_799.5, -86_400.5, 0]
            let audit = people.prefix(10).enumerated().map { i, p in
                AuditEntry(at: Date(timeIntervalSince1970: instants[i % instants.count]), accountID: nil, actor: "Проверка (test)", personID: p.id, entity: "import", entityID: p.id, action: "create",
                           changes: [AuditChange(field: "Фамилия", old: nil, new: p.lastName)])
            }
            let before = try await app.db.withSQL { try await $0.raw("SELECT indicators_generation AS g FROM organisations WHERE id = \(bind: f.schoolB.id)").first()?.decode(column: "g", as: Int.self) }
            try await app.db.transaction { db in
                try await db.bulkInsert(people, as: PersonRecord.self)
                try await db.bulkInsert(places, as: MembershipRecord.self)
                try await db.bulkInsert(consents, as: ConsentRecord.self)
                try await db.bulkInsert(audit, as: AuditRecord.self)
            }
            let ids = Set(people.map(\.id))
            let stored = try await PersonRecord.query(on: app.db).all().filter { ids.contains($0.id!) }
            #expect(Self.sorted(stored.map(\.core)) == Self.sorted(people))
            // Timestamps as Fluent's `create` sets them.
            #expect(stored.allSatisfy { $0.createdAt != nil && $0.updatedAt != nil })
            #expect(Self.sorted(try await MembershipRecord.query(on: app.db).filter(\.$organisationID == f.schoolB.id).all().map(\.core).filter { ids.contains($0.personID) }) == Self.sorted(places))
            #expect(Self.sorted(try await ConsentRecord.query(on: app.db).all().map(\.core).filter { ids.contains($0.personID) }) == Self.sorted(consents))
            let entries = try await AuditRecord.query(on: app.db).filter(\.$entity == "import").all()
            #expect(Self.sorted(entries.map(\.core)) == Self.sorted(Array(audit)))
            #expect(entries.first { $0.personID == people[0].id }?.changeList == [AuditChange(field: "Фамилия", old: nil, new: "Фёдорова")])

            // The bulk reader reads them back the same.
            let here = BulkStatement.inList("organisation_id", count: 1)
            let read = try await app.db.bulkRead(PersonRecord.self, where: "id IN (SELECT person_id FROM memberships WHERE \(here))", [.uuid(f.schoolB.id)])
            #expect(Self.sorted(read.filter { ids.contains($0.id) }) == Self.sorted(people))
            #expect(Self.sorted(try await app.db.bulkRead(ConsentRecord.self, where: "person_id IN (SELECT person_id FROM memberships WHERE \(here))", [.uuid(f.schoolB.id)]).filter { ids.contains($0.personID) }) == Self.sorted(consents))
            #expect(Self.sorted(try await app.db.bulkRead(AuditRecord.self, where: "entity = ?", [.text("import")])) == Self.sorted(Array(audit)))

            // New places outdate their organisation's indicators.
            let after = try await app.db.withSQL { try await $0.raw("SELECT indicators_generation AS g FROM organisations WHERE id = \(bind: f.schoolB.id)").first()?.decode(column: "g", as: Int.self) }
            #expect(try #require(after) > #require(before))
        }
    }

    @Test("What Fluent writes, the bulk reader reads as the same values")
    func fluentWritesBulkReads() async throws {
        try await withApp { app, f in
            let people = Self.people(40)
            try await app.db.insertAll(people.map { PersonRecord($0) })
            try await app.db.insertAll(people.map { MembershipRecord(Membership(personID: $0.id, organisationID: f.schoolC.id, role: .pedagogical, subjects: ["химия"], period: Period(start: testToday))) })
            let entry = AuditRecord(at: Date(timeIntervalSince1970: 1_790_000_000), accountID: UUID(), actor: "Ф (f)", personID: people[0].id, entity: "person", entityID: people[0].id, action: "update",
                                    changes: [AuditChange(field: "Телефон", old: "1", new: "2")])
            try await entry.create(on: app.db)
            let here = BulkStatement.inList("organisation_id", count: 2)
            let read = try await app.db.bulkRead(PersonRecord.self, where: "id IN (SELECT person_id FROM memberships WHERE \(here))", [.uuid(f.schoolC.id), .uuid(UUID())])
            let ids = Set(people.map(\.id))
            #expect(Self.sorted(read.filter { ids.contains($0.id) }) == Self.sorted(people))
            let places = try await app.db.bulkRead(MembershipRecord.self, where: here, [.uuid(f.schoolC.id), .uuid(UUID())])
            #expect(Self.sorted(places) == Self.sorted(try await MembershipRecord.query(on: app.db).filter(\.$organisationID == f.schoolC.id).all().map(\.core)))
            #expect(try await app.db.bulkRead(AuditRecord.self, where: "id = ?", [.uuid(entry.id!)]) == [entry.core])
        }
    }

    @Test("A bulk insert that fails leaves nothing of its transaction")
    func failedInsertRollsBack() async throws {
        try await withApp { app, _ in
            let before = try await PersonRecord.query(on: app.db).count()
            let people = Self.people(3_000)
            var twin = Self.people(1)
            twin[0].snils = people[0].snils  // SNILS is unique: the second statement fails
            let twins = twin
            await #expect(throws: (any Error).self) {
                try await app.db.transaction { db in
                    try await db.bulkInsert(people, as: PersonRecord.self)
                    try await db.bulkInsert(twins, as: PersonRecord.self)
                }
            }
            #expect(try await PersonRecord.query(on: app.db).count() == before)
        }
    }
}

/// The lines of PostgreSQL's `COPY … FROM STDIN (FORMAT text)` the bulk path sends.
@Suite("COPY text lines")
struct CopyTextTests {
    static func line(_ row: [ColumnValue]) -> String {
        var buffer = ByteBuffer()
        CopyText.append(row, to: &buffer)
        return buffer.readString(length: buffer.readableBytes)!
    }

    @Test("Columns by tabs, NULL as \\N, the four special bytes escaped, anything else as is")
    func escaping() {
        #expect(Self.line([.text("Фёдорова"), .null, .integer(-42), .text("")]) == "Фёдорова\t\\N\t-42\t\n")
        #expect(Self.line([.text("a\tb\nc\rd\\e \\N"), .text("О'Нил \"мл.\"")]) == "a\\tb\\nc\\rd\\\\e \\\\N\tО'Нил \"мл.\"\n")
    }

    @Test("A UUID in lower case; an instant in UTC, cut to microseconds towards 2000-01-01 as PostgresNIO's binds cut it")
    func valuesAsText() {
        let id = UUID(uuidString: "0193A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B")!
        #expect(Self.line([.uuid(id)]) == "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\n")
        let cases: [(TimeInterval, String)] = [
            (0, "1970-01-01 00:00:00.000000+00"),
            (1_790_000_000.25, "2026-09-21 14:13:20.250000+00"),
            (946_684_799.5, "1999-12-31 23:59:59.500000+00"),
            (-86_400.5, "1969-12-30 23:59:59.500000+00"),
            (951_782_400, "2000-02-29 00:00:00.000000+00"),
            (4_107_542_399.75, "2100-02-28 23:59:59.750000+00"),
            (946_684_799.999_999_5, "2000-01-01 00:00:00.000000+00"),  // half a microsecond before 2000: cut towards it
        ]
        for (seconds, text) in cases {
            #expect(Self.line([.timestamp(Date(timeIntervalSince1970: seconds))]) == text + "\n", "\(seconds)")
        }
    }

    @Test("Every day from 1900 to 2100 is the calendar's")
    func civilDays() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for days in -25_567...47_482 {
            let c = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(days) * 86_400))
            let (y, m, d) = CivilCalendar.date(daysSinceEpoch: days)
            guard (y, m, d) == (c.year!, c.month!, c.day!) else {
                Issue.record("day \(days): \(y)-\(m)-\(d), the calendar says \(c)")
                return
            }
        }
    }
}

extension Database {
    /// Runs `body` with this database's SQL interface (every engine the tests run on has one).
    func withSQL<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await body(try #require(self as? any SQLDatabase))
    }
}
