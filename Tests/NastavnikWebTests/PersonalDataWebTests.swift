import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

@Suite("152-ФЗ: the subject's data, withdrawal, anonymisation", .serialized)
struct PersonalDataWebTests {
    func consentID(_ app: Application, _ personID: UUID) async throws -> UUID {
        try #require(try await ConsentRecord.query(on: app.db).filter(\.$personID == personID).first()?.id)
    }

    @Test("A young teacher withdraws consent: the pair ends, the base says «выбыл», they stay named (staff); everything is audited")
    func staffWithdrawal() async throws {
        try await withApp { app, f in
            let t = try await app.token("curator")
            let young = f.menteeProfile["A"]!.personID
            let (s, body) = try await app.api(.POST, "/consents/\(try await consentID(app, young))/withdraw", token: t, json: WithdrawInput(withdrawnOn: nil))
            #expect(s == .ok, "\(body.text)")
            let pair = try #require(try await MentorshipRecord.find(f.pair["A"]!.id, on: app.db)).core
            #expect(pair.status == .terminated && pair.actualEnd == testToday)
            let place = try #require(try await ParticipantRecord.query(on: app.db).filter(\.$personID == young).first()).core
            #expect(place.leftOn == testToday && place.leftReason == PersonalDataRules.withdrawalReason)
            #expect(try await MenteeProfileRecord.query(on: app.db).filter(\.$personID == young).first()?.core.status == .left)
            #expect(try await PersonRecord.find(young, on: app.db)?.core.lastName == "МолодцовA")
            let audit = try await AuditRecord.query(on: app.db).filter(\.$personID == young).all().map(\.entity)
            #expect(Set(audit).isSuperset(of: ["consent", "participant", "mentee"]))
            // The other schools' pairs are untouched.
            #expect(try await MentorshipRecord.find(f.pair["B"]!.id, on: app.db)?.core.status == f.pair["B"]!.status)
        }
    }

    @Test("A pupil's parent withdraws consent: the pupil is anonymised, the parent's name leaves the consent and the audit; the count of people stays")
    func pupilAnonymised() async throws {
        try await withApp { app, f in
            let t = try await app.token("curator")
            let people = try await PersonRecord.query(on: app.db).count()
            let (s1, c) = try await app.api(.POST, "/people/\(f.student.id)/consents", token: t,
                json: ConsentInput(kind: nil, signer: "parent", representativeName: "Школьникова Мария Ивановна", signedOn: "01.09.2026", scope: nil))
            #expect(s1 == .created, "\(c.text)")
            let id = try await consentID(app, f.student.id)
            let (s2, _) = try await app.api(.POST, "/consents/\(id)/withdraw", token: t, json: WithdrawInput(withdrawnOn: nil))
            #expect(s2 == .ok)
            let person = try #require(try await PersonRecord.find(f.student.id, on: app.db)).core
            #expect(person.lastName == "Обезличено" && person.birthDate == f.student.birthDate)
            #expect(try await ConsentRecord.find(id, on: app.db)?.representativeName == nil)
            #expect(try await PersonRecord.query(on: app.db).count() == people)
            let (_, audit) = try await app.api(.GET, "/people/\(f.student.id)/audit", token: t)
            #expect(!audit.text.contains("Школьников") && !audit.text.contains("Петя"), "\(audit.text)")
            #expect(audit.text.contains("обезличены"))
            #expect(audit.text.contains("обезличено"), "the old entries stay, their values blanked")
            // The card shows no name either.
            let (_, page) = try await app.pageBody("/people/\(f.student.id)", cookie: try await app.sessionCookie("curator"))
            #expect(!page.contains("Школьников"))
        }
    }

    @Test("The subject's data export: the curator and the person themselves get everything; another school gets 404")
    func export() async throws {
        try await withApp { app, f in
            let young = f.menteeProfile["A"]!.personID
            let (s, body) = try await app.api(.GET, "/people/\(young)/personal-data", token: try await app.token("curator"))
            #expect(s == .ok)
            let o = try #require(body.json as? [String: Any])
            #expect((o["person"] as? [String: Any])?["lastName"] as? String == "МолодцовA")
            #expect((o["consents"] as? [Any])?.count == 1)
            #expect(((o["participations"] as? [[String: Any]]) ?? []).map { $0["role"] as? String } == ["mentee"])
            #expect((o["menteeProfile"] as? [String: Any])?["personID"] as? String == young.uuidString)
            #expect(try await app.api(.GET, "/people/\(young)/personal-data", token: try await app.token("mentee")).0 == .ok)
            #expect(try await app.api(.GET, "/people/\(young)/personal-data", token: try await app.token("curatorb")).0 == .notFound)
            var disposition: String?
            let cookie = try await app.sessionCookie("curator")
            try await app.testing().test(.GET, "/people/\(young)/personal-data", beforeRequest: { req in
                req.headers.cookie = ["nastavnik_session": .init(string: cookie)]
            }, afterResponse: { res in disposition = res.headers.first(name: .contentDisposition) })
            #expect(disposition?.hasPrefix("attachment; filename=\"personal-data-") == true)
        }
    }
}
