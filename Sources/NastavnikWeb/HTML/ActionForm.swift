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

/// A one-field form inside a table row: a text input (labelled for screen readers) and its button.
func inlineTextForm(_ action: String, name: String, label: String, value: String? = nil, placeholder: String, submit: String, csrf: String, id: String) -> Node {
    el("form", ["method": "post", "action": action, "class": "inline"]) {
        void("input", ["type": "hidden", "name": "csrf", "value": csrf])
        el("label", ["for": id, "class": "visually-hidden"]) { label }
        void("input", ["type": "text", "id": id, "name": name, "value": value ?? "", "placeholder": placeholder])
        el("button", ["type": "submit", "class": "btn small"]) { submit }
    }
}

extension Request {
    /// Performs a POST from a record's page: back to `href` with the message, or the page again with the
    /// rule's problems in Russian (422).
    func perform(back href: String, page: @Sendable (Request, [FieldIssue]) async throws -> String, _ body: @Sendable (Request) async throws -> String) async throws -> Response {
        do {
            return done(href, try await body(self))
        } catch let v as ValidationError {
            return html(try await page(self, v.issues), status: .unprocessableEntity)
        }
    }
}
