import Foundation
import NastavnikCore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// Issue 22, finding 1: one GET with `page=9223372036854775807`, `date=01.01.0001` or `year=0` stopped the server.
/// The guard: every registered route, called by ordinary users with boundary values in every query parameter the
/// sources read and in every path parameter, answers a 4xx or a success — never a 5xx, never a dead process.
@Suite("Boundary walk: every route with boundary values answers 4xx, never 5xx")
struct BoundaryWalkTests {
    /// The walk is cut into this many parts per user, each on its own database, so that they run side by side: whole,
    /// it was the one test the parallel suite waited for (issue 24).
    static let parts = 2

    /// Numbers at and past the edges, dates at the ends of the calendar and on 29 February, long and odd text.
    static let values = [
        "0", "-1", "9223372036854775807", "99999999999999999999",
        "01.01.0001", "9999-12-31", "29.02.2023", String(repeating: "я", count: 2_000) + "%_\\'\"<>",
    ]
    /// Each number or date parameter alone (so that another parameter refused first hides nothing).
    static let aloneValues = ["9223372036854775807", "0001-01-01"]
    /// Path parameters: beside the fixture's real ids (`RouteRegistryTests.path`), values that are no id at all.
    static let pathValues = ["0", "-1", "9223372036854775807", String(repeating: "z", count: 2_000)]

    /// Every query parameter name the web layer reads: `query[T.self, at: "x"]`, `query["x"]`, and the fields of the
    /// structs it decodes with `query.decode(S.self)`. Read from the sources, so a new parameter joins the walk by itself.
    static func queryNames() throws -> [String] { try parameters().all }

    /// The names, and those of them read as numbers or dates: `Int` in a decoded struct, `query[Int.self, …]`, or
    /// `date`, `year`, `quarter`, `page`, `per` by name.
    static func parameters() throws -> (all: [String], numeric: [String]) {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/NastavnikWeb").standardized
        var text = ""
        for case let url as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) ?? .init() where url.pathExtension == "swift" {
            text += try String(contentsOf: url, encoding: .utf8) + "\n"
        }
        var names = Set<String>(), numeric: Set<String> = ["date", "year", "quarter", "page", "per"]
        func matches(_ pattern: String, in s: String) throws -> [String] {
            let re = try NSRegularExpression(pattern: pattern)
            return re.matches(in: s, range: NSRange(s.startIndex..., in: s)).compactMap { m in Range(m.range(at: 1), in: s).map { String(s[$0]) } }
        }
        names.formUnion(try matches(#"query\[[A-Za-z.]+, at: "(\w+)"\]"#, in: text))
        numeric.formUnion(try matches(#"query\[(?:Int|Double|Day)\.self, at: "(\w+)"\]"#, in: text))
        names.formUnion(try matches(#"query\["(\w+)"\]"#, in: text))
        for type in try Set(matches(#"query\.decode\((\w+)\.self\)"#, in: text)) {
            let body = try matches("struct \(type): Content \\{([^}]*)\\}", in: text).joined()
            names.formUnion(try matches(#"var (\w+):"#, in: body))
            numeric.formUnion(try matches(#"var (\w+): (?:Int|Double|Day)\??"#, in: body))
        }
        return (names.sorted(), numeric.intersection(names).sorted())
    }

    static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    }

    @Test("The walk knows the query parameters of the lists, the reports and the roadmap")
    func knowsTheParameters() throws {
        let names = try Self.queryNames()
        for expected in ["page", "per", "date", "year", "quarter", "q", "organisationID", "format"] {
            #expect(names.contains(expected), "\(expected) in \(names)")
        }
        #expect(try Self.parameters().numeric == ["date", "page", "per", "quarter", "year"])
    }

    @Test("Boundary values in every query and path parameter, as a mentee and as the administrator: never 5xx",
          arguments: ["admin", "mentee"], 0..<BoundaryWalkTests.parts)
    func walk(login: String, part: Int) async throws {
        let (names, numeric) = try Self.parameters()
        // Every parameter at once with the same value: built once, not per route.
        let everyParameter = Self.values.map { value in names.map { "\($0)=\(Self.encode(value))" }.joined(separator: "&") }
        try await withApp { app, f in
            let walker = RouteRegistryTests()
            var wrong: [String] = []
            var sent = 0
            let token = try await app.token(login)
            let cookie = try await app.sessionCookie(login)
            let csrf = try await app.csrf("/account", cookie: cookie)
            let routes = app.routes.all.enumerated().filter { $0.offset % Self.parts == part }.map(\.element)
            for route in routes where !["POST /logout", "DELETE /api/v1/auth/token", "POST /account/password", "POST /api/v1/auth/token"].contains(RouteRegistry.key(route)) {
                let base = RouteRegistryTests.path(route, f)
                let api = base.hasPrefix("/api/")
                func check(_ path: String) async throws {
                    let (status, _, body) = try await walker.send(app, route.method, path, token: api ? token : nil, cookie: api ? nil : cookie, csrf: csrf)
                    sent += 1
                    if status.code >= 500 { wrong.append("\(login) \(route.method) \(path.prefix(160)) → \(status.code) \(body.prefix(160))") }
                }
                // Every parameter at once with the same value, then each number and date alone (a parameter
                // refused first must not hide another that would trap).
                for query in everyParameter { try await check(base + "?" + query) }
                if route.method == .GET, login == "admin" {
                    for name in numeric {
                        for value in Self.aloneValues { try await check(base + "?\(name)=\(Self.encode(value))") }
                    }
                }
                // Path parameters that are no id: numbers, a long string.
                let parts = route.path.map { "\($0)" }
                if parts.contains(where: { $0.hasPrefix(":") }) {
                    for value in Self.pathValues {
                        try await check("/" + parts.map { $0.hasPrefix(":") ? Self.encode(value) : $0 }.joined(separator: "/"))
                    }
                }
            }
            #expect(wrong == [], "\(wrong.count) of \(sent) requests answered 5xx")
            // Whole, the walk sends over 5,000 requests (about 8,100 today): each of its parts its share.
            #expect(sent > 5_000 / (2 * Self.parts), "the walk reached the routes")
        }
    }

    @Test("The inputs that stopped the server answer 422 with a Russian message")
    func reported() async throws {
        try await withApp { app, f in
            let token = try await app.token("curator")
            for path in ["/people?page=9223372036854775807", "/people?per=100000", "/mentorships?page=0", "/mentors?page=-1",
                         "/mentees?page=9223372036854775807", "/indicators?date=0001-01-01", "/indicators/report?date=9999-12-31"] {
                let (status, body) = try await app.api(.GET, path, token: token)
                #expect(status == .unprocessableEntity, "\(path) → \(status)")
                #expect(body.text.contains("число от 1") || body.text.contains("вне допустимого диапазона"), "\(path): \(body.text)")
            }
            let (status, body) = try await app.api(.POST, "/organisations/\(f.schoolA.id)/roadmap?year=0", token: token)
            #expect(status == .unprocessableEntity)
            #expect(body.text.contains("Год — число от 1900 до 2100"))
            // The web pages: a mentee reaches none of the lists, but the indicators page of a curator takes `date`.
            let curatorCookie = try await app.sessionCookie("curator")
            for path in ["/people?page=9223372036854775807", "/mentorships?page=9223372036854775807", "/organisations?page=9223372036854775807", "/indicators?date=01.01.0001"] {
                let (status, _, html) = try await RouteRegistryTests().send(app, .GET, path, cookie: curatorCookie)
                #expect(status == .unprocessableEntity, "\(path) → \(status)")
                #expect(html.contains("число от 1 до 100000") || html.contains("вне допустимого диапазона"), "\(path)")
            }
        }
    }
}
