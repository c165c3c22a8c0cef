import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@testable import NastavnikWeb

/// Issue 23: what the browser walk of every form (scripts/e2e/forms.py) found, each shown on the page's own form.
@Suite("Defects the walk of every form found", .serialized)
struct FormWalkDefectsTests {
    /// Sends one HTTP/1.1 request over a socket, the body in a second write after a pause, as Chromium sends a form;
    /// gives the status line.
    static func postInTwoWrites(port: Int, path: String, cookie: String, body: String) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        #expect(connected == 0, "connect: \(errno)")
        let bytes = Array(body.utf8)
        let head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nCookie: nastavnik_session=\(cookie)\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(bytes.count)\r\nConnection: close\r\n\r\n"
        _ = Array(head.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        usleep(200_000)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var answer = [UInt8](repeating: 0, count: 4096)
        let n = recv(fd, &answer, answer.count, 0)
        return String(decoding: answer.prefix(max(n, 0)), as: UTF8.self).components(separatedBy: "\r\n").first ?? ""
    }

    /// The form posting to `page` submitted with `field` emptied: 422 and the error rendered next to that field.
    static func blanked(_ field: String, on page: String, _ app: Application, cookie: String, _ why: Comment) async throws {
        var form = try #require(RenderedForm.all(in: try await app.html(page, cookie: cookie)).first { $0.action == page })
        form.set(field, "")
        let (status, _, body) = try await app.submit(form, cookie: cookie)
        #expect(status == .unprocessableEntity)
        #expect(body.contains("id=\"f-\(field)-err\""), why)
    }

    @Test("A form whose body arrives after its headers is read, not refused as «Форма устарела» (the CSRF token was looked for before the body came)")
    func bodyAfterHeaders() async throws {
        try await withApp { app, _ in
            let cookie = try await app.sessionCookie("curator")
            let form = try #require(RenderedForm.all(in: try await app.html("/account", cookie: cookie)).first { $0.action == "/account/tokens" })
            var filled = form
            filled.set("label", "Выгрузка в отчёт")
            let port = Int.random(in: 21_000...29_000)
            try await app.server.start(address: .hostname("127.0.0.1", port: port))
            let status = try Self.postInTwoWrites(port: port, path: form.action, cookie: cookie, body: filled.encoded)
            await app.server.shutdown()
            #expect(status.contains(" 201 "), "the token is issued, not «Форма устарела» (403): \(status)")
            #expect(try await APITokenRecord.query(on: app.db).filter(\.$label == "Выгрузка в отчёт").count() == 1)
        }
    }

    @Test("A place of work edited on its own page: an empty start date is reported next to «Дата начала», not only in the summary")
    func membershipErrorNextToField() async throws {
        try await withApp { app, f in
            let cookie = try await app.sessionCookie("curator")
            let membership = try #require(try await MembershipRecord.query(on: app.db).filter(\.$organisationID == f.schoolA.id).first()?.id)
            try await Self.blanked("start", on: "/memberships/\(membership)/edit", app, cookie: cookie, "the error stands next to the start date")
        }
    }

    @Test("The self-assessment with nobody chosen: the error is next to «Чья анкета»")
    func assessmentErrorNextToField() async throws {
        try await withApp { app, f in
            let cookie = try await app.sessionCookie("curator")
            let action = "/mentorships/\(f.pair["A"]!.id)/assessments/new"
            try await Self.blanked("personID", on: action, app, cookie: cookie, "the error stands next to the choice of whose form it is")
        }
    }

    @Test("A confirmation page with its date emptied: «укажите дату» next to the date (422), not «the consequences changed» (409); nothing done")
    func confirmationBlankDate() async throws {
        try await withApp { app, f in
            let cookie = try await app.sessionCookie("curator")
            let personID = f.menteeProfile["A"]!.personID
            let consent = try #require(try await ConsentRecord.query(on: app.db).filter(\.$personID == personID).first()?.id)
            let action = "/consents/\(consent)/withdraw"
            var form = try #require(RenderedForm.all(in: try await app.html(action, cookie: cookie)).first { $0.action == action })
            form.set("withdrawnOn", "")
            let (status, _, page) = try await app.submit(form, cookie: cookie)
            #expect(status == .unprocessableEntity, "\(status)")
            #expect(page.contains("id=\"f-withdrawnOn-err\""), "the error stands next to the date")
            #expect(!page.contains("последствия изменились"))
            #expect(try await ConsentRecord.find(consent, on: app.db)?.withdrawnOn == nil)
        }
    }

    @Test("The administrator is not offered forms only a municipality or region may submit: incentives and contests")
    func administratorNotOfferedTerritoryForms() async throws {
        try await withApp { app, _ in
            let admin = try await app.sessionCookie("admin")
            for (list, form) in [("/recognition", "/recognition/new"), ("/contests", "/contests/new")] {
                let adminList = try await app.html(list, cookie: admin), status = try await app.pageBody(form, cookie: admin).0
                let munList = try await app.html(list, cookie: try await app.sessionCookie("mun1"))
                #expect(!adminList.contains("href=\"\(form)\""), "\(list) links \(form) for the administrator")
                #expect(status == .forbidden)
                #expect(munList.contains("href=\"\(form)\""), "the municipality still gets \(form)")
            }
        }
    }
    @Test("An upload sent without its file: the error stands next to the file field (imports, document templates, roadmap templates)")
    func fileErrorNextToField() async throws {
        try await withApp { app, _ in
            let cookie = try await app.sessionCookie("mun1")
            for path in ["/imports", "/templates", "/roadmap-templates"] {
                let form = try #require(RenderedForm.all(in: try await app.html(path, cookie: cookie)).first { $0.action == path }, "\(path) has its upload form")
                let boundary = "walk-\(UUID().uuidString.prefix(8))"
                let parts = form.fields.map { "--\(boundary)\r\nContent-Disposition: form-data; name=\"\($0.name)\"\r\n\r\n\($0.value)\r\n" }
                var status: HTTPStatus = .ok, page = ""
                try await app.testing().test(.POST, path, headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)", "Cookie": "nastavnik_session=\(cookie)"],
                                             body: ByteBuffer(string: parts.joined() + "--\(boundary)--\r\n"), afterResponse: { res in (status, page) = (res.status, res.body.string) })
                #expect(status == .unprocessableEntity, "\(path): \(status)")
                #expect(page.contains("id=\"f-file-err\""), "\(path): the error stands next to the file")
            }
        }
    }
    @Test("The mentor is not offered the self-assessment (only the mentee fills it, staff on paper); the mentee is")
    func mentorNotOfferedSelfAssessment() async throws {
        try await withApp { app, f in
            let pair = "/mentorships/\(f.pair["A"]!.id)", link = "href=\"/mentorships/\(f.pair["A"]!.id)/assessments/new\""
            let mentor = try await app.html(pair, cookie: try await app.sessionCookie("mentor"))
            let mentee = try await app.html(pair, cookie: try await app.sessionCookie("mentee"))
            #expect(mentor.contains("Заполнить анкету") && !mentor.contains(link), "the mentor's pair page offers the self-assessment")
            #expect(mentee.contains(link), "the mentee lost it")
        }
    }
    @Test("A draft act approved without its number: the error stands next to «Номер приказа», the rest kept")
    func approvalErrorNextToField() async throws {
        try await withApp { app, f in
            let (created, body) = try await app.api(.POST, "/organisations/\(f.schoolA.id)/documents", token: try await app.token("curator"),
                                                    json: try await app.pairsOrderInput(f.schoolA.id, action: "register"))
            #expect(created == .created)
            let act = try JSONDecoder().decode(LocalAct.self, from: Data(buffer: body))
            let cookie = try await app.sessionCookie("curator"), action = "/documents/\(act.id)/approve"
            var form = try #require(RenderedForm.all(in: try await app.html("/documents/\(act.id)", cookie: cookie)).first { $0.action == action })
            form.set("approver", "Директор Петров И. С.")
            let (status, _, page) = try await app.submit(form, cookie: cookie)
            #expect(status == .unprocessableEntity)
            #expect(page.contains("id=\"f-number-err\""), "the error stands next to the number")
            #expect(RenderedForm.all(in: page).first { $0.action == action }?.fields.first { $0.name == "approver" }?.value == "Директор Петров И. С.")
        }
    }
}
