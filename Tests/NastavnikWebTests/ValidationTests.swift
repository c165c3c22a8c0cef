import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

@Suite("Bad input is refused in Russian and changes nothing", .serialized)
struct ValidationTests {
    func counts(_ app: Application) async throws -> [Int] {
        [
            try await PersonRecord.query(on: app.db).count(), try await MembershipRecord.query(on: app.db).count(),
            try await ConsentRecord.query(on: app.db).count(), try await AuditRecord.query(on: app.db).count(),
            try await MentorProfileRecord.query(on: app.db).count(), try await MenteeProfileRecord.query(on: app.db).count(),
        ]
    }

    func newPerson(_ f: Fixture, _ change: (inout PersonForm) -> Void) -> PersonForm {
        var form = PersonForm(PersonInput(lastName: "Новикова", firstName: "Ольга", middleName: "Игоревна", birthDate: "12.03.1995", pedagogicalExperienceStart: "01.09.2017"),
            membership: MembershipInput(organisationID: f.schoolA.id.uuidString, role: "pedagogical", position: "учитель истории", subjects: "история", start: "01.09.2020"))
        change(&form)
        return form
    }

    @Test("Invalid people are rejected with a 422 and a Russian message, and nothing is written", arguments: [
        ("missing last name", "Укажите фамилию"),
        ("birth in the future", "ещё не наступила"),
        ("experience before birth", "раньше 14-летия"),
        ("unknown organisation", "Организация не найдена"),
        ("bad snils", "СНИЛС указан неверно"),
        ("no membership", "Укажите организацию"),
    ])
    func invalidPeople(_ c: (String, String)) async throws {
        try await withApp { app, f in
            let token = try await app.token("curator")
            let form = newPerson(f) { form in
                switch c.0 {
                case "missing last name": form.lastName = " "
                case "birth in the future": form.birthDate = "01.01.2030"
                case "experience before birth": form.pedagogicalExperienceStart = "01.09.1990"
                case "unknown organisation": form.membership?.organisationID = UUID().uuidString
                case "bad snils": form.snils = "11223344596"
                default: form.membership = nil
                }
            }
            let before = try await counts(app)
            let (status, body) = try await app.api(.POST, "/people", token: token, json: form)
            #expect(status == .unprocessableEntity, "\(c.0)")
            #expect(body.text.contains(c.1), "\(c.0): \(body.text)")
            #expect(try await counts(app) == before)
        }
    }

    @Test("A valid person is created with an audited first membership")
    func createsPerson() async throws {
        try await withApp { app, f in
            let token = try await app.token("curator")
            let (status, body) = try await app.api(.POST, "/people", token: token, json: newPerson(f) { _ in })
            #expect(status == .created)
            let dto = try JSONDecoder().decode(PersonDTO.self, from: Data(buffer: body))
            #expect(dto.person.fullName == "Новикова Ольга Игоревна")
            #expect(dto.isYoungSpecialist == false)
            let audit = try await AuditRecord.query(on: app.db).filter(\.$personID == dto.person.id).all()
            #expect(Set(audit.map(\.entity)) == ["person", "membership"])
            #expect(audit.allSatisfy { $0.actor.contains("curator") })
        }
    }

    @Test("A second active consent of the same kind is refused; after withdrawal a new one is accepted")
    func secondConsent() async throws {
        try await withApp { app, f in
            let token = try await app.token("curator")
            let t = f.teacher["A"]!
            let before = try await counts(app)
            let (s1, b1) = try await app.api(.POST, "/people/\(t.id)/consents", token: token, json: ConsentInput(kind: "processing", signer: "subject", signedOn: "01.11.2026"))
            #expect(s1 == .unprocessableEntity)
            #expect(b1.text.contains("уже есть действующее согласие"))
            #expect(try await counts(app) == before)
            let (s2, _) = try await app.api(.POST, "/consents/\(f.consent["A"]!.id)/withdraw", token: token, json: WithdrawInput(withdrawnOn: "20.11.2026"))
            #expect(s2 == .ok)
            let (s3, _) = try await app.api(.POST, "/people/\(t.id)/consents", token: token, json: ConsentInput(kind: "processing", signer: "subject", signedOn: "21.11.2026"))
            #expect(s3 == .created)
            let audit = try await AuditRecord.query(on: app.db).filter(\.$personID == t.id).filter(\.$entity == "consent").all()
            #expect(audit.count == 2)
            #expect(audit.flatMap(\.changeList).contains { $0.field == "Дата отзыва" && $0.new == "20.11.2026" })
        }
    }

    @Test("A minor's consent must come from a parent or legal representative")
    func minorConsent() async throws {
        try await withApp { app, f in
            let token = try await app.token("curator")
            let (s1, b1) = try await app.api(.POST, "/people/\(f.student.id)/consents", token: token, json: ConsentInput(kind: "processing", signer: "subject", signedOn: "01.11.2026"))
            #expect(s1 == .unprocessableEntity)
            #expect(b1.text.contains("родитель"))
            let (s2, _) = try await app.api(.POST, "/people/\(f.student.id)/consents", token: token, json: ConsentInput(kind: "processing", signer: "parent", representativeName: "Школьникова Мария Ивановна", signedOn: "01.11.2026"))
            #expect(s2 == .created)
        }
    }

    @Test("Without consent a person cannot enter the base of mentees; with a parent's consent the student can")
    func baseNeedsConsent() async throws {
        try await withApp { app, f in
            let token = try await app.token("curator")
            let input = MenteeInput(personID: f.student.id.uuidString, organisationID: f.schoolA.id.uuidString, categories: ["gifted"], mainRequest: "research")
            let before = try await counts(app)
            let (s1, b1) = try await app.api(.POST, "/mentees", token: token, json: input)
            #expect(s1 == .unprocessableEntity)
            #expect(b1.text.contains("согласия родителя"))
            #expect(try await counts(app) == before)
            _ = try await app.api(.POST, "/people/\(f.student.id)/consents", token: token, json: ConsentInput(signer: "parent", representativeName: "Школьникова Мария Ивановна", signedOn: "01.11.2026"))
            let (s2, _) = try await app.api(.POST, "/mentees", token: token, json: input)
            #expect(s2 == .created)
            let (s3, b3) = try await app.api(.POST, "/mentees", token: token, json: input)
            #expect(s3 == .unprocessableEntity)
            #expect(b3.text.contains("уже есть в базе наставляемых"))
        }
    }

    @Test("Malformed JSON is a 400 with a Russian message, never a 5xx")
    func malformed() async throws {
        try await withApp { app, _ in
            let token = try await app.token("curator")
            try await app.testing().test(.POST, "/api/v1/people", beforeRequest: { req in
                req.headers.bearerAuthorization = BearerAuthorization(token: token)
                req.headers.contentType = .json
                req.body = ByteBuffer(string: "{\"lastName\": 5")
            }, afterResponse: { res in
                #expect(res.status == .badRequest)
                #expect(res.body.text.contains("Неверный формат данных"))
            })
        }
    }

    @Test("A revoked token no longer opens the API")
    func revokedToken() async throws {
        try await withApp { app, _ in
            let token = try await app.token("curator")
            #expect(try await app.api(.GET, "/summary", token: token).0 == .ok)
            #expect(try await app.api(.DELETE, "/auth/token", token: token).0 == .noContent)
            #expect(try await app.api(.GET, "/summary", token: token).0 == .unauthorized)
            #expect(try await app.api(.GET, "/summary", token: nil).0 == .unauthorized)
        }
    }

    @Test("A form posted without the session's CSRF token is refused and changes nothing")
    func csrf() async throws {
        try await withApp { app, f in
            let cookie = try await app.sessionCookie("curator")
            let before = try await counts(app)
            try await app.testing().test(.POST, "/people/\(f.teacher["A"]!.id)/edit", beforeRequest: { req in
                req.headers.cookie = ["nastavnik_session": .init(string: cookie)]
                try req.content.encode(["lastName": "Взломова", "firstName": "Анна", "birthDate": "15.03.1980", "csrf": "forged"], as: .urlEncodedForm)
            }, afterResponse: { res in
                #expect(res.status == .forbidden)
            })
            #expect(try await counts(app) == before)
            #expect(try await PersonRecord.find(f.teacher["A"]!.id, on: app.db)?.lastName == "Учителева")
        }
    }
}
