import Fluent
import Foundation
import NastavnikCore
import NastavnikOffice
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// Issue 23, defect 5: a school's run proposed other schools' mentors while its own had free places, the table did not
/// say where a mentor works, and the curator could not choose a mentor for a mentee.
@Suite("Matching: the school's own mentors, network mentors on request, the curator's choice", .serialized)
struct MatchingChoiceTests {
    struct Cast {
        var petrova: Person
        var network: Person
        var first: Person
        var second: Person
    }

    /// A staff member with consent, at `org`, with a mentor profile or (without `capacity`) a mentee profile.
    func staff(_ app: Application, org: UUID, _ last: String, _ first: String, _ middle: String, position: String, exp: String,
               capacity: Int? = nil, competencies: [Competency] = [.subject], network: Bool = false) async throws -> Person {
        let p = Person(lastName: last, firstName: first, middleName: middle, birthDate: Day("1985-02-02")!, pedagogicalExperienceStart: Day(exp)!)
        try await PersonRecord(p).create(on: app.db)
        try await MembershipRecord(Membership(personID: p.id, organisationID: org, role: .pedagogical, position: position, subjects: ["математика"], period: Period(start: Day(exp)!))).create(on: app.db)
        try await ConsentRecord(Consent(personID: p.id, signer: .subject, signedOn: Day("2026-01-15")!, scope: ConsentRules.defaultScope)).create(on: app.db)
        if let capacity {
            try await MentorProfileRecord(MentorProfile(personID: p.id, organisationID: org, competencies: competencies, capacity: capacity, network: network, enteredOn: testToday)).create(on: app.db)
        } else {
            try await MenteeProfileRecord(MenteeProfile(personID: p.id, organisationID: org, mainRequest: .methodical, enteredOn: testToday)).create(on: app.db)
        }
        return p
    }

    /// School A: the fixture's teacher (one place free) and Petrova (one place); two newcomers. School B: a network mentor
    /// who covers the whole request and would win every pair on scores.
    func cast(_ app: Application, _ f: Fixture) async throws -> Cast {
        let petrova = try await staff(app, org: f.schoolA.id, "Петрова", "Анна", "Сергеевна", position: "учитель математики", exp: "2001-09-01", capacity: 1)
        let network = try await staff(app, org: f.schoolB.id, "Сетевая", "Ольга", "Ивановна", position: "учитель математики", exp: "2001-09-01", capacity: 3,
                                      competencies: [.subject, .organisationalMethodical], network: true)
        let first = try await staff(app, org: f.schoolA.id, "Новикова", "Мария", "Олеговна", position: "учитель", exp: "2025-09-01")
        let second = try await staff(app, org: f.schoolA.id, "Новиков", "Пётр", "Олегович", position: "учитель", exp: "2025-09-01")
        return Cast(petrova: petrova, network: network, first: first, second: second)
    }

    /// Starts a run through the «Новый подбор» form as a browser submits it; gives the run's id.
    func startRun(_ app: Application, cookie: String, network: Bool) async throws -> String {
        let html = try await app.html("/matching/new", cookie: cookie)
        #expect(html.contains("Привлечь сетевых наставников (из других организаций и регионального пула)"))
        var form = try #require(RenderedForm.all(in: html).first { $0.action == "/matching/new" })
        form.chooseFirstOptions()
        form.set("mode", MatchingMode.optimalCountFirst.rawValue)
        if network {
            // Ticking the box: the page must render it.
            #expect(html.contains("name=\"network\""), "the run form has the network checkbox")
            form.fields.append((name: "network", value: "true"))
        }
        let (status, location, body) = try await app.submit(form, cookie: cookie)
        #expect(status == .seeOther, "\(status) \(body)")
        return String(location.split(separator: "/").last ?? "")
    }

    func pairs(_ app: Application, _ token: String, _ id: String) async throws -> [(mentor: String, mentee: String)] {
        let (_, body) = try await app.api(.GET, "/matching/runs/\(id)", token: token)
        let result = ((body.json as? [String: Any])?["result"] as? [String: Any]) ?? [:]
        return ((result["pairs"] as? [[String: Any]]) ?? []).map { ($0["mentorID"] as? String ?? "", $0["menteeID"] as? String ?? "") }
    }

    /// The run page's table of proposed pairs.
    func pairsTable(_ html: String) -> String {
        guard let start = html.range(of: "Предложенные пары"), let end = html.range(of: "Исходные данные подбора", range: start.upperBound..<html.endIndex) else { return "" }
        return String(html[start.upperBound..<end.lowerBound])
    }

    /// The mentor of the mentorship `mentee` was placed in.
    func mentor(of mentee: UUID, _ app: Application) async throws -> UUID? {
        guard let part = try await ParticipantRecord.query(on: app.db).filter(\.$personID == mentee).filter(\.$role == ParticipantRole.mentee.rawValue).first() else { return nil }
        return try await ParticipantRecord.query(on: app.db).filter(\.$mentorshipID == part.mentorshipID).filter(\.$role == ParticipantRole.mentor.rawValue).first()?.personID
    }

    @Test("A school's run proposes the school's own mentors; the ticked box brings in network mentors of other schools")
    func ownMentorsByDefault() async throws {
        try await withApp { app, f in
            let c = try await cast(app, f)
            let cookie = try await app.sessionCookie("curator"), token = try await app.token("curator")
            let own = try await startRun(app, cookie: cookie, network: false)
            let proposed = try await pairs(app, token, own)
            #expect(proposed.count == 2)
            #expect(Set(proposed.map(\.mentor)) == [f.teacher["A"]!.id.uuidString, c.petrova.id.uuidString], "only school A's mentors")
            let (_, run) = try await app.api(.GET, "/matching/runs/\(own)", token: token)
            #expect(!(((run.json as? [String: Any])?["pool"] as? [[String: Any]]) ?? []).contains { $0["personID"] as? String == c.network.id.uuidString },
                    "the network mentor is not even considered")
            #expect((run.json as? [String: Any])?["network"] as? Bool == false)

            let wide = try await startRun(app, cookie: cookie, network: true)
            #expect(try await pairs(app, token, wide).contains { $0.mentor == c.network.id.uuidString }, "asked for, network mentors may be proposed")
            // The API takes the same option.
            let (s, body) = try await app.api(.POST, "/matching/runs", token: token,
                json: ["scopeID": f.schoolA.id.uuidString, "form": "teacher_teacher", "mode": "optimal_count_first", "network": "true"])
            #expect(s == .created)
            #expect((body.json as? [String: Any])?["network"] as? Bool == true)
        }
    }

    @Test("The table names each mentor's organisation and position, and each mentee row offers the ranked shortlist")
    func tableShowsOrganisationAndShortlist() async throws {
        try await withApp { app, f in
            let c = try await cast(app, f)
            let cookie = try await app.sessionCookie("curator")
            let id = try await startRun(app, cookie: cookie, network: true)
            let html = try await app.html("/matching/runs/\(id)", cookie: cookie)
            let table = pairsTable(html)
            #expect(table.contains("Школа Б"), "the network mentor's school")
            #expect(table.contains("учитель математики, Школа Б"), "position and school under the network mentor's name")
            // The shortlist of the first newcomer: Petrova of school A is there with her score, reasons and free places.
            let choose = try #require(RenderedForm.all(in: html).first { form in
                form.fields.contains { $0 == ("action", "choose") } && form.fields.contains { $0 == ("menteeID", c.first.id.uuidString) }
            })
            let options = choose.options["mentorID"] ?? []
            #expect(options.contains(c.petrova.id.uuidString))
            #expect(options.contains(c.network.id.uuidString))
            #expect(options.count <= 5)
            #expect(table.contains("Петрова Анна Сергеевна, Школа А"))
            #expect(table.contains("свободно мест: 1"))
            #expect(table.contains("общий предмет: математика"))
        }
    }

    @Test("Choosing another mentor from the shortlist changes the approved pair; a mentor without a free place is refused in Russian")
    func curatorChoosesMentor() async throws {
        try await withApp { app, f in
            let c = try await cast(app, f)
            let cookie = try await app.sessionCookie("curator"), token = try await app.token("curator")
            let id = try await startRun(app, cookie: cookie, network: true)
            #expect(try await pairs(app, token, id).allSatisfy { $0.mentor == c.network.id.uuidString })
            let html = try await app.html("/matching/runs/\(id)", cookie: cookie)
            var choose = try #require(RenderedForm.all(in: html).first { form in
                form.fields.contains { $0 == ("action", "choose") } && form.fields.contains { $0 == ("menteeID", c.first.id.uuidString) }
            })
            choose.set("mentorID", c.petrova.id.uuidString)
            let (status, location, _) = try await app.submit(choose, cookie: cookie)
            #expect(status == .seeOther && location == "/matching/runs/\(id)")
            #expect(try await pairs(app, token, id).contains { $0 == (c.petrova.id.uuidString, c.first.id.uuidString) })

            // Petrova's only place is taken by that choice.
            let (full, refusal) = try await app.api(.POST, "/matching/runs/\(id)/pairs", token: token,
                json: ["action": "choose", "menteeID": c.second.id.uuidString, "mentorID": c.petrova.id.uuidString])
            #expect(full == .unprocessableEntity)
            #expect(refusal.text.contains("нет свободных мест"), "\(refusal.text)")
            // A mentor of another school who is not in this run's pool.
            let (outside, why) = try await app.api(.POST, "/matching/runs/\(id)/pairs", token: token,
                json: ["action": "choose", "menteeID": c.second.id.uuidString, "mentorID": f.teacher["C"]!.id.uuidString])
            #expect(outside == .unprocessableEntity, "\(why.text)")

            let (a, approved) = try await app.api(.POST, "/matching/runs/\(id)/approve", token: token)
            #expect(a == .ok, "\(approved.text)")
            #expect(try await mentor(of: c.first.id, app) == c.petrova.id)
            #expect(try await mentor(of: c.second.id, app) == c.network.id)
        }
    }

    @Test("The pairs order names every mentor with position and organisation")
    func orderNamesPositionAndOrganisation() async throws {
        try await withApp { app, f in
            let c = try await cast(app, f)
            let token = try await app.token("curator")
            let (s, body) = try await app.api(.POST, "/matching/runs", token: token,
                json: ["scopeID": f.schoolA.id.uuidString, "form": "teacher_teacher", "mode": "optimal_count_first", "network": "true"])
            #expect(s == .created)
            let id = ((body.json as? [String: Any])?["id"] as? String) ?? ""
            #expect(try await app.api(.POST, "/matching/runs/\(id)/approve", token: token).0 == .ok)
            #expect(try await mentor(of: c.first.id, app) == c.network.id)
            let (d, docx) = try await app.api(.POST, "/organisations/\(f.schoolA.id)/documents", token: token, json: try await app.pairsOrderInput(f.schoolA.id))
            #expect(d == .ok)
            let xml = String(decoding: try OOXMLPackage(data: Data(buffer: docx))["word/document.xml"] ?? Data(), as: UTF8.self)
            let text = XML.unescape(xml.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression))
            #expect(text.contains("Сетевая Ольга Ивановна, учитель математики Школа Б"), "a network mentor: position and their own school")
            #expect(text.contains("Учителева Анна Петровна, учитель Школа А"), "a mentor of the school: position and the school")
            #expect(text.contains("Новикова Мария Олеговна, учитель"))
        }
    }
}
