import NastavnikCore
import Vapor

/// A page with one form: GET shows it, POST performs it and redirects with a message; a rule violation
/// shows the same form again with the input kept and the problems in Russian (422).
struct ActionForm<Input: Content>: Sendable {
    var title: String
    var submit: String
    /// Where «Отмена» and the breadcrumb lead.
    var back: @Sendable (Request) async throws -> (label: String, href: String)
    var initial: @Sendable (Request) async throws -> Input
    var fields: @Sendable (Request, Input) async throws -> [FormField]
    var hint: String? = nil
    /// Performs the change; returns where to go and what to say.
    var perform: @Sendable (Request, Input) async throws -> (href: String, message: String)

    func register(_ routes: any RoutesBuilder, _ path: [PathComponent]) {
        routes.get(path) { req in try await render(req, try await initial(req), issues: [], status: .ok) }
        routes.post(path) { req in
            let input = try req.content.decode(Input.self)
            do {
                let (href, message) = try await perform(req, input)
                return req.done(href, message)
            } catch let v as ValidationError {
                return try await render(req, input, issues: v.issues, status: .unprocessableEntity)
            }
        }
    }

    func render(_ req: Request, _ input: Input, issues: [FieldIssue], status: HTTPResponseStatus) async throws -> Response {
        let (label, href) = try await back(req)
        let form = try await fields(req, input)
        let html = Layout.page(try req.page(), title: title, breadcrumbs: [(label, href)]) {
            if let hint { el("p", ["class": "muted"]) { hint } }
            Forms.form(action: req.url.path, csrf: req.csrfToken, fields: form, issues: issues, submit: submit, cancel: href)
        }
        return req.html(html, status: status)
    }
}

/// A button that POSTs (with the CSRF token) to `action`.
func postButton(_ action: String, _ label: String, csrf: String, tone: String = "") -> Node {
    el("form", ["method": "post", "action": action, "class": "inline"]) {
        void("input", ["type": "hidden", "name": "csrf", "value": csrf])
        el("button", ["type": "submit", "class": "btn small \(tone)"]) { label }
    }
}
