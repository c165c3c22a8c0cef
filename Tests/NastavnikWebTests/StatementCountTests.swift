import Fluent
import Foundation
import Logging
import NastavnikCore
import NastavnikStore
import NIOConcurrencyHelpers
import Testing
import Vapor

@testable import NastavnikWeb

/// Counts the SQL statements the database drivers execute: SQLiteKit and PostgresKit log each one as
/// «Executing query» on the request's logger, which is the application's.
final class StatementCounter: Sendable {
    private let count = NIOLockedValueBox(0)
    var value: Int { count.withLockedValue { $0 } }
    func add() { count.withLockedValue { $0 += 1 } }

    struct Handler: LogHandler {
        let counter: StatementCounter
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
            if message.description == "Executing query" { counter.add() }
        }
    }
}

@Suite("Statement counts of the main pages (issue 27): the SQL of a page does not grow with the rows in scope")
struct StatementCountTests {
    /// A main page and who reads it: an API path with a bearer token, or a page with a session cookie.
    struct Read: Hashable {
        var login: String
        var path: String
        var api: Bool
    }

    static let reads: [Read] = [
        Read(login: "curator", path: "/people?per=20", api: true),
        Read(login: "mun1", path: "/people?per=5&page=2", api: true),
        Read(login: "region", path: "/people?q=" + percentEncode("Нагрузкин"), api: true),
        Read(login: "mun1", path: "/mentors?per=20", api: true),
        Read(login: "mun1", path: "/mentees?per=20&category=young_specialist", api: true),
        Read(login: "curator", path: "/mentorships?per=20", api: true),
        Read(login: "region", path: "/summary", api: true),
        Read(login: "curator", path: "/indicators", api: true),
        Read(login: "mun1", path: "/people", api: false),
        Read(login: "mun1", path: "/mentors", api: false),
        Read(login: "curator", path: "/mentorships", api: false),
        Read(login: "region", path: "/", api: false),
    ]

    /// Each read once to warm what it computes on first use (indicator aggregates), then once counted.
    static func statements(_ app: Application, _ counter: StatementCounter, credentials: [String: String]) async throws -> [Read: Int] {
        var out: [Read: Int] = [:]
        for r in reads {
            for counted in [false, true] {
                let before = counter.value
                let status: HTTPStatus
                if r.api {
                    status = try await app.api(.GET, r.path, token: credentials[r.login]).0
                } else {
                    status = try await app.pageBody(r.path, cookie: credentials["cookie " + r.login] ?? "").0
                }
                #expect(status == .ok, "\(r.path) as \(r.login)")
                if counted { out[r] = counter.value - before }
            }
        }
        return out
    }

    /// `n` more staff in school A, each with consent, half of them in the mentor base, the other half mentees in a
    /// pair with a mentor from the first half.
    static func grow(_ app: Application, _ f: Fixture, by n: Int) async throws {
        let db = app.db
        let people = (0..<n).map { i in
            Person(lastName: "Нагрузкин\(i)", firstName: "Пётр", birthDate: Day("1985-01-01")!, pedagogicalExperienceStart: Day(i % 2 == 0 ? "2005-09-01" : "2025-09-01")!)
        }
        try await db.insertAll(people.map { PersonRecord($0) })
        try await db.insertAll(people.map { MembershipRecord(Membership(personID: $0.id, organisationID: f.schoolA.id, role: .pedagogical, position: "учитель", subjects: ["физика"], period: Period(start: Day("2024-09-01")!))) })
        try await db.insertAll(people.map { ConsentRecord(Consent(personID: $0.id, signer: .subject, signedOn: Day("2025-01-10")!, scope: ConsentRules.defaultScope)) })
        let mentors = stride(from: 0, to: n, by: 2).map { people[$0] }, mentees = stride(from: 1, to: n, by: 2).map { people[$0] }
        try await db.insertAll(mentors.map { MentorProfileRecord(MentorProfile(personID: $0.id, organisationID: f.schoolA.id, competencies: [.subject], enteredOn: Day("2025-02-01")!)) })
        try await db.insertAll(mentees.map { MenteeProfileRecord(MenteeProfile(personID: $0.id, organisationID: f.schoolA.id, mainRequest: .methodical, enteredOn: Day("2025-02-01")!)) })
        for (mentor, mentee) in zip(mentors, mentees) {
            let m = Mentorship(organisationID: f.schoolA.id, form: .teacherTeacher, start: Day("2026-09-01")!, plannedEnd: Day("2027-05-31")!)
            try await MentorshipRecord(m).create(on: db)
            try await db.insertAll([
                ParticipantRecord(Participant(mentorshipID: m.id, personID: mentor.id, role: .mentor, joinedOn: m.start)),
                ParticipantRecord(Participant(mentorshipID: m.id, personID: mentee.id, role: .mentee, joinedOn: m.start)),
            ])
        }
    }

    @Test("The people lists, both bases, the board, the summary and the indicators issue as many statements with 60 more people and 30 more pairs as before")
    func constant() async throws {
        try await withApp { app, f in
            var credentials: [String: String] = [:]
            for login in Set(Self.reads.map(\.login)) {
                credentials[login] = try await app.token(login)
                credentials["cookie " + login] = try await app.sessionCookie(login)
            }
            let counter = StatementCounter()
            app.logger = Logger(label: "statements") { _ in StatementCounter.Handler(counter: counter) }
            try await Self.grow(app, f, by: 4)
            let small = try await Self.statements(app, counter, credentials: credentials)
            try await Self.grow(app, f, by: 60)
            let large = try await Self.statements(app, counter, credentials: credentials)
            for r in Self.reads {
                let few = small[r] ?? 0, many = large[r] ?? 0
                #expect(few > 0, "\(r.path) as \(r.login): no statements counted")
                #expect(many == few, "\(r.path) as \(r.login): \(few) statements with a few rows, \(many) with 60 more people")
            }
        }
    }
}
