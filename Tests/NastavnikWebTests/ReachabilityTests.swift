import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// Issue 23, the guard «every page reachable»: the import page answered to whoever typed `/imports` and was linked
/// from nowhere. For every role, the pages it may open (every GET route without a path parameter that the registry
/// lets it call and that answers a page) are reached by following links from its home — as a person clicks.
@Suite("Every page a role may open is reachable by links from its home", .serialized)
struct ReachabilityTests {
    static let logins = ["admin", "region", "mun1", "curator", "director", "psy", "tutor", "mentor", "mentee"]
    /// Visits of one route pattern beyond which its other instances (another person's card) add no new links.
    static let perPattern = 3

    /// Reached on purpose without a link from inside: the sign-in page, the machine endpoints, files and exports
    /// (a link with a query parameter leads there), the public section (a school links it from its own site).
    static func isPage(_ key: String) -> Bool {
        let path = String(key.drop { $0 != " " }.dropFirst())
        let machine = ["/login", "/health", "/ready", "/metrics", "/logout"]
        return !path.hasPrefix("/api/") && !path.hasPrefix("/public") && !machine.contains(path) && !path.hasPrefix("/calendar")
    }

    /// The GET route a concrete path takes: the pattern with the fewest parameters that matches it.
    static func pattern(_ path: String, _ routes: [Route]) -> String? {
        let parts = path.split(separator: "/").map(String.init)
        return routes.filter { $0.method == .GET && $0.path.count == parts.count }
            .filter { r in zip(r.path.map { "\($0)" }, parts).allSatisfy { $0.hasPrefix(":") || $0 == $1 } }
            .min { a, b in a.path.filter { "\($0)".hasPrefix(":") }.count < b.path.filter { "\($0)".hasPrefix(":") }.count }
            .map(RouteRegistry.key)
    }

    /// The in-app links of a page (`href="/…"`), without fragments; query strings kept.
    static func links(_ html: String) -> [String] {
        html.components(separatedBy: "href=\"").dropFirst().compactMap { chunk in
            let href = RenderedForm.unescape(String(chunk.prefix { $0 != "\"" }))
            guard href.hasPrefix("/"), !href.hasPrefix("//"), !href.hasPrefix("/static/") else { return nil }
            return String(href.prefix { $0 != "#" })
        }
    }

    /// The pages a signed-in browser reaches from the home by following links (redirects too), with their HTML;
    /// at most `perPattern` instances of one route pattern, 600 requests in all.
    static func crawl(_ app: Application, cookie: String) async throws -> [(path: String, key: String, html: String)] {
        let routes = app.routes.all
        var queue = ["/"], seen = Set<String>(), visits: [String: Int] = [:], pages: [(String, String, String)] = []
        while let path = queue.first, seen.count < 600 {
            queue.removeFirst()
            guard seen.insert(path).inserted else { continue }
            let bare = String(path.prefix { $0 != "?" })
            guard let key = pattern(bare, routes), isPage(key) else { continue }
            visits[key, default: 0] += 1
            guard visits[key, default: 0] <= perPattern else { continue }
            var html = "", status: HTTPStatus = .internalServerError, isHTML = false, location = ""
            try await app.testing().test(.GET, path, beforeRequest: { req in
                req.headers.cookie = ["nastavnik_session": .init(string: cookie)]
            }, afterResponse: { res in
                status = res.status
                isHTML = res.headers.contentType?.subType == "html"
                location = res.headers.first(name: .location) ?? ""
                if isHTML { html = res.body.string }
            })
            // A redirect (the home of a mentor is «/my») is followed as the browser follows it.
            if (300..<400).contains(status.code), location.hasPrefix("/") { queue.append(location); continue }
            guard status == .ok, isHTML else { continue }
            pages.append((path, key, html))
            queue += links(html).filter { !seen.contains($0) }
        }
        return pages
    }

    @Test("Each role reaches by links every page it may open")
    func reachable() async throws {
        try await withApp { app, _ in
            let routes = app.routes.all
            var orphans: [String] = []
            for login in Self.logins {
                let role = try #require(try await AccountRecord.query(on: app.db).filter(\.$login == login).first()).roleValue
                let cookie = try await app.sessionCookie(login)
                let reached = Set(try await Self.crawl(app, cookie: cookie).map(\.key))
                let expected = routes.filter { r in
                    r.method == .GET && !r.path.contains { "\($0)".hasPrefix(":") } && Self.isPage(RouteRegistry.key(r))
                        && (RouteRegistry.table[RouteRegistry.key(r)]?.permits(role) ?? false)
                }.map(RouteRegistry.key)
                for key in expected where !reached.contains(key) {
                    // A page the role may open but no link leads to — unless it is no page for this role (an empty
                    // form it may not submit answers 403, a page of another role's only redirects).
                    var status: HTTPStatus = .internalServerError, isHTML = false
                    try await app.testing().test(.GET, String(key.dropFirst(4)), beforeRequest: { req in
                        req.headers.cookie = ["nastavnik_session": .init(string: cookie)]
                    }, afterResponse: { res in (status, isHTML) = (res.status, res.headers.contentType?.subType == "html") })
                    if status == .ok, isHTML { orphans.append("\(login): \(key)") }
                }
            }
            #expect(orphans == [], "pages no link leads to")
        }
    }
}
