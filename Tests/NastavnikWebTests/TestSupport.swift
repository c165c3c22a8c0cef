import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// The fixed «today» of every web test.
let testToday = Day(year: 2026, month: 11, day: 25)!

/// Runs `body` against the real `configure` on a test's own SQLite file, or PostgreSQL when `DATABASE_URL` is set.
func withApp(_ body: (Application, Fixture) async throws -> Void) async throws {
    try await withBareApp { app in try await body(app, try await Fixture.build(app)) }
}

/// The same, on an empty migrated database (for the demo data or other worlds of a test's own);
/// with `migrate: false` the schema is left to the test. The database comes from `TestDatabase`.
func withBareApp(migrate: Bool = true, _ body: (Application) async throws -> Void) async throws {
    try await withTestApp(migrate ? .migrated : .empty, body)
}

/// The same, on the demo region (`DemoLoader`) with the dataset it wrote: a copy of the demo written once per process
/// (see `TestDatabase`). Tests that change the world change only their own copy.
func withDemoApp(_ body: (Application, DemoDataset) async throws -> Void) async throws {
    try await withTestApp(.demo) { app in
        let demo = app.config.usesPostgres ? try await TestDatabase.preparePostgresDemo(app) : try await TestDatabase.demo
        try await body(app, demo)
    }
}

private func withTestApp(_ start: TestDatabase.Start, _ body: (Application) async throws -> Void) async throws {
    var config = AppConfig.fromEnvironment()
    config.fixedToday = testToday
    let file = config.usesPostgres ? nil : try await TestDatabase.sqliteFile(start)
    defer { if let file { TestDatabase.remove(file) } }
    if let file { config.sqlitePath = file }
    let app = try await Application.make(.testing)
    do {
        try await configure(app, config: config)
        // Vapor's test client asks `app.responder.current` per request, and the default one builds the router and the
        // middleware chain anew each time (a fifth of a route walk's time); the running server builds it once, as here.
        let responder = app.responder.current
        app.responder.use { _ in responder }
        if config.usesPostgres { try await TestDatabase.preparePostgres(app, migrate: start != .empty) }
        try await body(app)
        if config.usesPostgres { try await TestDatabase.finishPostgres(app, migrated: start != .empty) }
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

/// A small world: one region, two municipalities; schools A and B in the first, C in the second;
/// an account for every role bound around school A, and people in each school.
struct Fixture {
    var region: Region
    var mun1: Municipality
    var mun2: Municipality
    var schoolA: Organisation
    var schoolB: Organisation
    var schoolC: Organisation
    /// teacher with consent in each school, keyed by "A", "B", "C"
    var teacher: [String: Person]
    var mentorProfile: [String: MentorProfile]
    var menteeProfile: [String: MenteeProfile]
    var consent: [String: Consent]
    /// A minor student of school A without consent.
    var student: Person
    /// A forming pair in each school: the school's teacher mentors its young specialist (from 01.09.2026).
    var pair: [String: Mentorship] = [:]
    var password = "Проверка12345"

    static func build(_ app: Application) async throws -> Fixture {
        let region = Region(name: "Тестовая область")
        let mun1 = Municipality(regionID: region.id, name: "город Первый")
        let mun2 = Municipality(regionID: region.id, name: "Второй район")
        let a = Organisation(municipalityID: mun1.id, kind: .school, name: "Школа А", shortName: "Школа А")
        let b = Organisation(municipalityID: mun1.id, kind: .school, name: "Школа Б", shortName: "Школа Б")
        let c = Organisation(municipalityID: mun2.id, kind: .school, name: "Школа В", shortName: "Школа В")
        let db = app.db
        try await RegionRecord(region).create(on: db)
        try await db.insertAll([MunicipalityRecord(mun1), MunicipalityRecord(mun2)])
        try await db.insertAll([a, b, c].map { OrganisationRecord($0) })
        var teachers: [String: Person] = [:]
        var mentors: [String: MentorProfile] = [:]
        var mentees: [String: MenteeProfile] = [:]
        var consents: [String: Consent] = [:]
        for (key, org) in [("A", a), ("B", b), ("C", c)] {
            let t = Person(lastName: "Учителева\(key == "A" ? "" : key == "B" ? "Бэ" : "Вэ")", firstName: "Анна", middleName: "Петровна", birthDate: Day("1980-03-15")!, pedagogicalExperienceStart: Day("2003-09-01")!)
            let young = Person(lastName: "Молодцов\(key)", firstName: "Иван", birthDate: Day("2000-05-05")!, pedagogicalExperienceStart: Day("2024-09-01")!)
            try await db.insertAll([PersonRecord(t), PersonRecord(young)])
            try await db.insertAll([t, young].map { MembershipRecord(Membership(personID: $0.id, organisationID: org.id, role: .pedagogical, position: "учитель", subjects: ["математика"], period: Period(start: Day("2024-09-01")!))) })
            let ct = Consent(personID: t.id, signer: .subject, signedOn: Day("2025-01-10")!, scope: ConsentRules.defaultScope)
            let cy = Consent(personID: young.id, signer: .subject, signedOn: Day("2025-01-10")!, scope: ConsentRules.defaultScope)
            try await db.insertAll([ConsentRecord(ct), ConsentRecord(cy)])
            let mp = MentorProfile(personID: t.id, organisationID: org.id, competencies: [.subject], enteredOn: Day("2025-02-01")!)
            let me = MenteeProfile(personID: young.id, organisationID: org.id, mainRequest: .methodical, enteredOn: Day("2025-02-01")!)
            try await MentorProfileRecord(mp).create(on: db)
            try await MenteeProfileRecord(me).create(on: db)
            teachers[key] = t
            mentors[key] = mp
            mentees[key] = me
            consents[key] = ct
        }
        let student = Person(lastName: "Школьников", firstName: "Петя", birthDate: Day("2013-04-04")!)
        try await PersonRecord(student).create(on: db)
        try await MembershipRecord(Membership(personID: student.id, organisationID: a.id, role: .student, grade: "7А", period: Period(start: Day("2020-09-01")!))).create(on: db)
        var f = Fixture(region: region, mun1: mun1, mun2: mun2, schoolA: a, schoolB: b, schoolC: c, teacher: teachers, mentorProfile: mentors, menteeProfile: mentees, consent: consents, student: student)
        for (key, org) in [("A", a), ("B", b), ("C", c)] {
            let m = Mentorship(organisationID: org.id, form: .teacherTeacher, start: Day("2026-09-01")!, plannedEnd: Day("2027-05-31")!)
            try await MentorshipRecord(m).create(on: db)
            try await db.insertAll([
                ParticipantRecord(Participant(mentorshipID: m.id, personID: teachers[key]!.id, role: .mentor, joinedOn: m.start)),
                ParticipantRecord(Participant(mentorshipID: m.id, personID: mentees[key]!.personID, role: .mentee, joinedOn: m.start)),
            ])
            f.pair[key] = m
        }
        let hash = try app.password.hash(f.password)
        let placeA = Placement(regionID: region.id, municipalityID: mun1.id, organisationID: a.id)
        let accounts: [(String, Role, Placement, UUID?)] = [
            ("admin", .administrator, Placement(), nil),
            ("region", .regionalOperator, Placement(regionID: region.id), nil),
            ("mun1", .municipalCoordinator, Placement(regionID: region.id, municipalityID: mun1.id), nil),
            ("curator", .curator, placeA, nil),
            ("director", .director, placeA, nil),
            ("psy", .psychologist, placeA, nil),
            ("tutor", .regionalTutor, Placement(regionID: region.id), nil),
            ("mentor", .mentor, placeA, teachers["A"]!.id),
            ("mentee", .mentee, placeA, mentees["A"]!.personID),
            ("curatorb", .curator, Placement(regionID: region.id, municipalityID: mun1.id, organisationID: b.id), nil),
        ]
        for (login, role, place, person) in accounts {
            let rec = AccountRecord(login: login, passwordHash: hash, role: role, fullName: "Тест \(login)", placement: place, personID: person)
            try await rec.create(on: db)
            if role == .regionalTutor {
                try await TutorAssignmentRecord(accountID: rec.id!, personID: mentees["C"]!.personID).create(on: db)
            }
        }
        f.password = "Проверка12345"
        return f
    }
}

extension Application {
    /// The page of an import job once it is done (asked every 100 ms, 5 s at most); "" and a recorded issue if not.
    func finishedImportJob(_ path: String, cookie: String) async throws -> String {
        for _ in 0..<50 {
            let (_, job) = try await pageBody(path, cookie: cookie)
            if job.contains("data-job=\"done\"") { return job }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the import job did not finish")
        return ""
    }

    /// A bearer token for `login`.
    func token(_ login: String, _ password: String = "Проверка12345") async throws -> String {
        var token = ""
        try await testing().test(.POST, "/api/v1/auth/token", beforeRequest: { req in
            try req.content.encode(["login": login, "password": password], as: .json)
        }, afterResponse: { res in
            #expect(res.status == .ok, "login \(login)")
            token = try res.content.get(String.self, at: "token")
        })
        return token
    }

    /// Sends an API request with the token; returns status and body.
    func api(_ method: HTTPMethod, _ path: String, token: String?, json: (any Encodable & Sendable)? = nil) async throws -> (HTTPStatus, ByteBuffer) {
        var result: (HTTPStatus, ByteBuffer) = (.internalServerError, ByteBuffer())
        try await testing().test(method, "/api/v1" + path, beforeRequest: { req in
            if let token { req.headers.bearerAuthorization = BearerAuthorization(token: token) }
            if let json { try req.content.encode(AnyEncodable(json), as: .json) }
        }, afterResponse: { res in
            result = (res.status, res.body)
        })
        return result
    }
}

struct AnyEncodable: Encodable, Content {
    let value: any Encodable & Sendable
    init(_ v: any Encodable & Sendable) { value = v }
    init(from decoder: any Decoder) throws { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "encode only")) }
    func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}

extension ByteBuffer {
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(buffer: self)) }
    var text: String { String(buffer: self) }
}
