import Foundation
import NastavnikCore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// Every role × resource × (own organisation A / other organisation B in the same municipality / organisation C
/// in another municipality). The expectations are written out by hand: a change of policy must change this table.
@Suite("Scope matrix", .serialized)
struct ScopeMatrixTests {
    static let logins = ["admin", "region", "mun1", "curator", "director", "psy", "tutor", "mentor", "mentee", "curatorb"]

    /// "YYN" = allowed for A, B, C.
    static let expected: [String: [String: String]] = [
        "read person": ["admin": "YYY", "region": "YYY", "mun1": "YYN", "curator": "YNN", "director": "YNN", "psy": "YNN", "tutor": "NNN", "mentor": "YNN", "mentee": "NNN", "curatorb": "NYN"],
        "read consents": ["admin": "YYY", "region": "YYY", "mun1": "YYN", "curator": "YNN", "director": "YNN", "psy": "YNN", "tutor": "NNN", "mentor": "YNN", "mentee": "NNN", "curatorb": "NYN"],
        "write person": ["admin": "YYY", "region": "NNN", "mun1": "NNN", "curator": "YNN", "director": "YNN", "psy": "NNN", "tutor": "NNN", "mentor": "NNN", "mentee": "NNN", "curatorb": "NYN"],
        "add consent": ["admin": "YYY", "region": "NNN", "mun1": "NNN", "curator": "YNN", "director": "YNN", "psy": "NNN", "tutor": "NNN", "mentor": "NNN", "mentee": "NNN", "curatorb": "NYN"],
        "read mentor": ["admin": "YYY", "region": "YYY", "mun1": "YYN", "curator": "YNN", "director": "YNN", "psy": "YNN", "tutor": "NNN", "mentor": "YNN", "mentee": "NNN", "curatorb": "NYN"],
        "write mentor": ["admin": "YYY", "region": "NNN", "mun1": "NNN", "curator": "YNN", "director": "YNN", "psy": "NNN", "tutor": "NNN", "mentor": "NNN", "mentee": "NNN", "curatorb": "NYN"],
        "read mentee": ["admin": "YYY", "region": "YYY", "mun1": "YYN", "curator": "YNN", "director": "YNN", "psy": "YNN", "tutor": "NNY", "mentor": "NNN", "mentee": "YNN", "curatorb": "NYN"],
        "write mentee": ["admin": "YYY", "region": "NNN", "mun1": "NNN", "curator": "YNN", "director": "YNN", "psy": "NNN", "tutor": "NNN", "mentor": "NNN", "mentee": "NNN", "curatorb": "NYN"],
        "read organisation": ["admin": "YYY", "region": "YYY", "mun1": "YYN", "curator": "YNN", "director": "YNN", "psy": "YNN", "tutor": "NNN", "mentor": "NNN", "mentee": "NNN", "curatorb": "NYN"],
        "write organisation": ["admin": "YYY", "region": "YYY", "mun1": "YYN", "curator": "NNN", "director": "YNN", "psy": "NNN", "tutor": "NNN", "mentor": "NNN", "mentee": "NNN", "curatorb": "NNN"],
        "list people": ["admin": "YYY", "region": "YYY", "mun1": "YYN", "curator": "YNN", "director": "YNN", "psy": "YNN", "tutor": "NNN", "mentor": "YNN", "mentee": "NNN", "curatorb": "NYN"],
        "read pair": ["admin": "YYY", "region": "YYY", "mun1": "YYN", "curator": "YNN", "director": "YNN", "psy": "YNN", "tutor": "NNN", "mentor": "YNN", "mentee": "YNN", "curatorb": "NYN"],
        "fix pair by order": ["admin": "YYY", "region": "NNN", "mun1": "NNN", "curator": "YNN", "director": "YNN", "psy": "NNN", "tutor": "NNN", "mentor": "NNN", "mentee": "NNN", "curatorb": "NYN"],
        "add meeting": ["admin": "YYY", "region": "NNN", "mun1": "NNN", "curator": "YNN", "director": "YNN", "psy": "NNN", "tutor": "NNN", "mentor": "YNN", "mentee": "NNN", "curatorb": "NYN"],
        "add feedback": ["admin": "YYY", "region": "NNN", "mun1": "NNN", "curator": "YNN", "director": "YNN", "psy": "NNN", "tutor": "NNN", "mentor": "YNN", "mentee": "YNN", "curatorb": "NYN"],
        "read route": ["admin": "YYY", "region": "YYY", "mun1": "YYN", "curator": "YNN", "director": "YNN", "psy": "NNN", "tutor": "NNY", "mentor": "YNN", "mentee": "YNN", "curatorb": "NYN"],
        "page pair": ["admin": "YYY", "region": "YYY", "mun1": "YYN", "curator": "YNN", "director": "YNN", "psy": "YNN", "tutor": "NNN", "mentor": "YNN", "mentee": "YNN", "curatorb": "NYN"],
        "page person": ["admin": "YYY", "region": "YYY", "mun1": "YYN", "curator": "YNN", "director": "YNN", "psy": "YNN", "tutor": "NNN", "mentor": "YNN", "mentee": "NNN", "curatorb": "NYN"],
    ]

    @Test("Each role reads and writes exactly its own part of the hierarchy, through the API and the pages")
    func matrix() async throws {
        try await withApp { app, f in
            let schools = ["A": f.schoolA, "B": f.schoolB, "C": f.schoolC]
            var failures: [String] = []
            for login in Self.logins {
                let token = try await app.token(login)
                let cookie = try await app.sessionCookie(login)
                for (index, key) in ["A", "B", "C"].enumerated() {
                    let t = f.teacher[key]!, org = schools[key]!
                    let personIn = PersonInput(t)
                    var checks: [(String, HTTPStatus, String)] = []
                    checks.append(("read person", try await app.api(.GET, "/people/\(t.id)", token: token).0, ""))
                    checks.append(("read consents", try await app.api(.GET, "/people/\(t.id)/consents", token: token).0, ""))
                    checks.append(("write person", try await app.api(.PUT, "/people/\(t.id)", token: token, json: personIn).0, ""))
                    checks.append(("add consent", try await app.api(.POST, "/people/\(t.id)/consents", token: token, json: ConsentInput(kind: "distribution", signer: "subject", signedOn: "2025-03-01")).0, ""))
                    checks.append(("read mentor", try await app.api(.GET, "/mentors/\(f.mentorProfile[key]!.id)", token: token).0, ""))
                    checks.append(("write mentor", try await app.api(.PUT, "/mentors/\(f.mentorProfile[key]!.id)", token: token, json: MentorInput(competencies: ["subject"], capacity: FlexibleInt(2), forms: ["teacher_teacher"])).0, ""))
                    checks.append(("read mentee", try await app.api(.GET, "/mentees/\(f.menteeProfile[key]!.id)", token: token).0, ""))
                    checks.append(("write mentee", try await app.api(.PUT, "/mentees/\(f.menteeProfile[key]!.id)", token: token, json: MenteeInput(mainRequest: "digital")).0, ""))
                    checks.append(("read organisation", try await app.api(.GET, "/organisations/\(org.id)", token: token).0, ""))
                    checks.append(("write organisation", try await app.api(.PUT, "/organisations/\(org.id)", token: token, json: OrganisationInput(municipalityID: org.municipalityID.uuidString, kind: "school", name: org.name, shortName: org.shortName)).0, ""))
                    let (_, list) = try await app.api(.GET, "/people?per=200", token: token)
                    let listed = ((list.json as? [String: Any])?["items"] as? [[String: Any]] ?? []).contains { ($0["person"] as? [String: Any])?["id"] as? String == t.id.uuidString }
                    checks.append(("list people", listed ? .ok : .notFound, ""))
                    checks.append(("page person", try await app.page(.GET, "/people/\(t.id)", cookie: cookie), ""))
                    let pair = f.pair[key]!, young = f.menteeProfile[key]!.personID
                    checks.append(("read pair", try await app.api(.GET, "/mentorships/\(pair.id)", token: token).0, ""))
                    checks.append(("fix pair by order", try await app.api(.POST, "/mentorships/\(pair.id)/order", token: token, json: OrderInput(orderNumber: "15-о", orderDate: "2026-09-01")).0, ""))
                    checks.append(("add meeting", try await app.api(.POST, "/mentorships/\(pair.id)/meetings", token: token, json: MeetingInput(type: "regular", date: "2026-12-01", time: "15:00", agenda: "Разбор урока")).0, ""))
                    checks.append(("add feedback", try await app.api(.POST, "/mentorships/\(pair.id)/feedback", token: token, json: FeedbackInput(authorPersonID: young.uuidString, satisfaction: FlexibleInt(8), progress: "Провёл открытый урок")).0, ""))
                    checks.append(("read route", try await app.api(.GET, "/people/\(young)/route", token: token).0, ""))
                    checks.append(("page pair", try await app.page(.GET, "/mentorships/\(pair.id)", cookie: cookie), ""))
                    for (what, status, _) in checks {
                        let want = Array(Self.expected[what]![login]!)[index] == "Y"
                        let allowed = status == .ok || status == .created || status == .unprocessableEntity  // 422: past the scope check, stopped by a rule
                        let deniedProperly = status == .forbidden || status == .notFound
                        if want != allowed || (!want && !deniedProperly) {
                            failures.append("\(login) \(what) \(key): got \(status.code), expected \(want ? "allowed" : "403/404")")
                        }
                    }
                }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        }
    }

    @Test("A curator of school B gets 404, not 403, for school A's people, so their existence is not revealed")
    func notFoundAcrossSchools() async throws {
        try await withApp { app, f in
            let token = try await app.token("curatorb")
            let (status, body) = try await app.api(.GET, "/people/\(f.teacher["A"]!.id)", token: token)
            #expect(status == .notFound)
            #expect(body.text.contains("вне вашей зоны доступа"))
        }
    }
}

extension Application {
    /// Logs in through the login form (with its CSRF token) and returns the session cookie.
    func sessionCookie(_ login: String, _ password: String = "Проверка12345") async throws -> String {
        var cookie = ""
        var csrf = ""
        try await testing().test(.GET, "/login", afterResponse: { res in
            cookie = res.headers.setCookie?["nastavnik_session"]?.string ?? ""
            let html = res.body.text
            if let r = html.range(of: "name=\"csrf\" value=\"") {
                csrf = String(html[r.upperBound...].prefix { $0 != "\"" })
            }
        })
        try await testing().test(.POST, "/login", beforeRequest: { req in
            req.headers.cookie = ["nastavnik_session": .init(string: cookie)]
            try req.content.encode(["login": login, "password": password, "csrf": csrf.replacingOccurrences(of: "&#39;", with: "'")], as: .urlEncodedForm)
        }, afterResponse: { res in
            #expect(res.status == .seeOther || res.status == .found, "login form for \(login): \(res.status)")
            cookie = res.headers.setCookie?["nastavnik_session"]?.string ?? cookie
        })
        return cookie
    }

    func page(_ method: HTTPMethod, _ path: String, cookie: String) async throws -> HTTPStatus {
        var status: HTTPStatus = .internalServerError
        try await testing().test(method, path, beforeRequest: { req in
            req.headers.cookie = ["nastavnik_session": .init(string: cookie)]
        }, afterResponse: { res in status = res.status })
        return status
    }

    /// The CSRF token of the form on a page.
    func csrf(_ path: String, cookie: String) async throws -> String {
        let (_, page) = try await pageBody(path, cookie: cookie)
        guard let r = page.range(of: "name=\"csrf\" value=\"") else { return "" }
        return String(page[r.upperBound...].prefix { $0 != "\"" })
    }

    /// Posts a multipart form (text fields and optionally one file) as a browser would; gives status, Location and body.
    func postMultipart(_ path: String, cookie: String, fields: [(String, String)], file: (field: String, name: String, type: String, text: String)? = nil) async throws -> (HTTPStatus, String, String) {
        let boundary = "----nastavnik"
        var body = ""
        for (name, value) in fields { body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n" }
        if let file { body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: \(file.type)\r\n\r\n\(file.text)\r\n" }
        body += "--\(boundary)--\r\n"
        var out: (HTTPStatus, String, String) = (.internalServerError, "", "")
        try await testing().test(.POST, path, beforeRequest: { req in
            req.headers.cookie = ["nastavnik_session": .init(string: cookie)]
            req.headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            req.body = ByteBuffer(string: body)
        }, afterResponse: { res in out = (res.status, res.headers.first(name: .location) ?? "", res.body.text) })
        return out
    }

    func pageBody(_ path: String, cookie: String) async throws -> (HTTPStatus, String) {
        var out: (HTTPStatus, String) = (.internalServerError, "")
        try await testing().test(.GET, path, beforeRequest: { req in
            req.headers.cookie = ["nastavnik_session": .init(string: cookie)]
        }, afterResponse: { res in out = (res.status, res.body.text) })
        return out
    }
}
