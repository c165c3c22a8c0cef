import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

@Suite("The public section «Целевая модель наставничества»", .serialized)
struct PublicPageTests {
    func anonymous(_ app: Application, _ path: String) async throws -> (HTTPStatus, String) {
        var out: (HTTPStatus, String) = (.internalServerError, "")
        try await app.testing().test(.GET, path, afterResponse: { res in out = (res.status, res.body.string) })
        return out
    }

    @Test("Without login: counts and public documents; a curator's name only with consent to distribution; never a minor; unpublished pages are not found")
    func publicPage() async throws {
        try await withApp { app, f in
            // Not published yet.
            #expect(try await anonymous(app, "/public/organisations/\(f.schoolA.id)").0 == .notFound)
            let a = try #require(try await OrganisationRecord.find(f.schoolA.id, on: app.db))
            a.mentorshipPageOn = "2026-11-01"
            try await a.save(on: app.db)
            // Two curators: the teacher with a consent to distribution, and (wrongly) the minor student.
            let hash = try app.password.hash("Проверка12345")
            try await AccountRecord(login: "curatorTeacher", passwordHash: hash, role: .curator, fullName: "К1", placement: Placement(regionID: f.region.id, municipalityID: f.mun1.id, organisationID: f.schoolA.id), personID: f.teacher["A"]!.id).create(on: app.db)
            try await AccountRecord(login: "curatorMinor", passwordHash: hash, role: .curator, fullName: "К2", placement: Placement(regionID: f.region.id, municipalityID: f.mun1.id, organisationID: f.schoolA.id), personID: f.student.id).create(on: app.db)
            try await ConsentRecord(Consent(personID: f.student.id, kind: .distribution, signer: .parent, representativeName: "Школьникова О. И.", signedOn: Day("2026-09-01")!, scope: "публикация")).create(on: app.db)

            let (s1, before) = try await anonymous(app, "/public/organisations/\(f.schoolA.id)")
            #expect(s1 == .ok)
            #expect(before.contains("Целевая модель наставничества"))
            #expect(!before.contains("Учителева"))
            #expect(!before.contains("Школьников"))
            #expect(before.contains("публикуются только с согласия на распространение"))
            #expect(before.contains("Действующих пар и групп пока нет."))
            #expect(before.contains("href=\"/login\""))

            try await ConsentRecord(Consent(personID: f.teacher["A"]!.id, kind: .distribution, signer: .subject, signedOn: Day("2026-11-02")!, scope: "ФИО и должность на сайте")).create(on: app.db)
            let curator = try await app.token("curator")
            let (_, act) = try await app.api(.POST, "/organisations/\(f.schoolA.id)/documents", token: curator, json: try await app.pairsOrderInput(f.schoolA.id, action: "register"))
            let id = try #require((act.json as? [String: Any])?["id"] as? String)
            #expect(try await app.api(.POST, "/local-acts/\(id)/approve", token: curator, json: ["number": "41-о", "date": "20.11.2026", "approver": "Директор"]).0 == .ok)
            let regulation = LocalAct(organisationID: f.schoolA.id, kind: .regulation, title: "положение о системе наставничества", number: "7", date: Day("2026-10-01")!, status: .approved, approver: "Директор", isPublic: true, createdOn: Day("2026-10-01")!)
            try await LocalActRecord(regulation).create(on: app.db)

            let (_, after) = try await anonymous(app, "/public/organisations/\(f.schoolA.id)")
            #expect(after.contains("Учителева Анна Петровна"))
            #expect(!after.contains("Школьников"))
            #expect(!after.contains("Молодцов"))
            #expect(after.contains("учитель – учитель (педагог – педагог)"))
            #expect(after.contains("Положение о системе наставничества"))
            // The pairs order names people: it is never listed.
            #expect(!after.contains("41-о"))

            #expect(try await anonymous(app, "/public/organisations/\(f.schoolB.id)").0 == .notFound)
            let (s2, mun) = try await anonymous(app, "/public/municipalities/\(f.mun1.id)")
            #expect(s2 == .ok)
            #expect(mun.contains("опубликовали 1 из 2"))
            #expect(mun.contains("/public/organisations/\(f.schoolA.id)"))
            #expect(!mun.contains("Школа Б"))
            // The region: 1 of 3 schools, by municipality, with no school named and no person.
            let (s3, region) = try await anonymous(app, "/public/regions/\(f.region.id)")
            #expect(s3 == .ok)
            #expect(region.contains("опубликовали 1 из 3"))
            #expect(region.contains("/public/municipalities/\(f.mun2.id)"))
            #expect(!region.contains("Учителева"))
            #expect(try await anonymous(app, "/public/regions/\(UUID())").0 == .notFound)
        }
    }
}
