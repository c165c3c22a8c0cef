import Crypto
import Foundation
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
    /// A name search above the form (GET `?q=` on the same page) that narrows a long list of choices in it.
    var search: String? = nil
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
            if let search {
                el("form", ["method": "get", "action": req.url.path, "class": "form compact", "role": "search"]) {
                    Forms.field(FormField("q", search, value: req.query[String.self, at: "q"]), issue: nil, idSuffix: "-search")
                    el("button", ["type": "submit", "class": "btn"]) { "Найти" }
                }
            }
            Forms.form(action: req.url.path, csrf: req.csrfToken, fields: form, issues: issues, submit: submit, cancel: href)
        }
        return req.html(html, status: status)
    }
}

/// An irreversible or wide action behind a confirmation step (issue 23): GET shows what will happen, computed from
/// the live data and the input (who leaves which pair from which date, what is anonymised, which pairs appear…),
/// with the fields the act needs (its date on paper) and «Подтвердить …». The POST acts only when it carries
/// `confirmed` equal to the fingerprint of the consequences the page showed, recomputed from the data as it now
/// stands: a POST without it (an old one-click button, a hand-made request) gets the page (422) and changes nothing,
/// and one whose consequences changed meanwhile gets the new ones to confirm again (409). The act's date alone may
/// change on the page without asking again. The API keeps acting directly: its client confirms by calling.
struct ConfirmStep<Input: Content>: Sendable {
    var title: String
    /// «Подтвердить …».
    var submit: String
    /// Where «Отмена» and the breadcrumb lead.
    var back: @Sendable (Request) async throws -> (label: String, href: String)
    var initial: @Sendable (Request) async throws -> Input
    var fields: @Sendable (Request, Input) async throws -> [FormField] = { _, _ in [] }
    /// What will happen, one sentence each, in a stable order; a `ValidationError` (a bad date) shows its problems instead.
    var consequences: @Sendable (Request, Input) async throws -> [String]
    /// The act's date as the input carries it: its text in the consequences is not part of the fingerprint.
    var date: (@Sendable (Input) -> String?)? = nil
    /// The name of the date's field, where a blank or unreadable date is reported.
    var dateField = "date"
    var hint: String? = nil
    var perform: @Sendable (Request, Input) async throws -> (href: String, message: String)

    static var confirmedField: String { "confirmed" }

    func register(_ routes: any RoutesBuilder, _ path: [PathComponent]) {
        routes.get(path) { req in try await show(req) }
        routes.post(path) { req in try await post(req) }
    }

    func show(_ req: Request) async throws -> Response {
        try await render(req, try await initial(req), issues: [], notice: nil, status: .ok)
    }

    func post(_ req: Request) async throws -> Response {
        let input = try req.content.decode(Input.self)
        let posted = (try? req.content.get(String.self, at: Self.confirmedField)).nonBlank
        let current: String?
        do { current = fingerprint(try await consequences(req, input), input) } catch let v as ValidationError {
            return try await render(req, input, issues: v.issues, notice: nil, status: .unprocessableEntity)
        }
        guard let posted, posted == current else {
            // A blank or unreadable date can never match what the page showed: it is the date's problem, shown next
            // to it, not «the consequences changed» (the walk of every form found the required date blanked so).
            if let raw = date?(input), Day(raw) == nil {
                return try await render(req, input, issues: [FieldIssue(dateField, "Укажите дату в формате дд.мм.гггг.")], notice: nil, status: .unprocessableEntity)
            }
            let notice = posted == nil
                ? "Действие не выполнено: проверьте, что произойдёт, и подтвердите на этой странице."
                : "Пока страница была открыта, последствия изменились: проверьте их и подтвердите снова."
            return try await render(req, input, issues: [], notice: notice, status: posted == nil ? .unprocessableEntity : .conflict)
        }
        do {
            let (href, message) = try await perform(req, input)
            return req.done(href, message)
        } catch let v as ValidationError {
            return try await render(req, input, issues: v.issues, notice: nil, status: .unprocessableEntity)
        }
    }

    /// The consequences with the act's date taken out, hashed: what the person confirms.
    func fingerprint(_ lines: [String], _ input: Input) -> String {
        var text = lines.joined(separator: "\n")
        if let raw = date?(input).nonBlank, let day = Day(raw) { text = text.replacingOccurrences(of: day.russian, with: "{дата}") }
        return SHA256.hash(data: Data(text.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
    }

    func render(_ req: Request, _ input: Input, issues: [FieldIssue], notice: String?, status: HTTPResponseStatus) async throws -> Response {
        let (label, href) = try await back(req)
        var problems = issues
        var lines: [String] = []
        do { lines = try await consequences(req, input) } catch let v as ValidationError { problems += v.issues.filter { !problems.contains($0) } }
        let form = try await fields(req, input)
        let confirmed = fingerprint(lines, input)
        let html = Layout.page(try req.page(), title: title, breadcrumbs: [(label, href)]) {
            if let notice { el("div", ["class": "alert error", "role": "alert"]) { notice } }
            if !lines.isEmpty {
                el("section", ["class": "consequences", "aria-labelledby": "consequences-title"]) {
                    el("h2", ["id": "consequences-title"]) { "Что произойдёт" }
                    el("ul") { lines.map { l in el("li") { l } } }
                }
            }
            if let hint { el("p", ["class": "muted"]) { hint } }
            Forms.form(action: req.url.path, csrf: req.csrfToken, fields: form + [FormField(Self.confirmedField, "", .hidden, value: confirmed)], issues: problems,
                       submit: submit, cancel: href)
        }
        return req.html(html, status: status)
    }
}

/// The input of a confirmation that asks for nothing but the confirmation itself.
struct NoInput: Content {}

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
