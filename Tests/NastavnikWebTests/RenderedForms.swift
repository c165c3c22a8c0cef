import Foundation
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// A form as the page renders it, read from the HTML, and submitted the way a browser submits it: every field under
/// the name the page gives it, the values the page fills in, the first real option of an empty select. A test that
/// posts a hand-built payload proves the handler, not the page (issue 23: «Добавить человека» rendered
/// `membership.organisationID`, the handler read `membership[organisationID]`, and no test noticed).
struct RenderedForm {
    var action: String
    /// (name, value) in document order, as a browser would send them with nothing changed.
    var fields: [(name: String, value: String)]
    /// Names of selects and the values of their options.
    var options: [String: [String]]
    /// Names of checkboxes and the values of all of them, ticked or not.
    var checkboxes: [String: [String]] = [:]

    /// The forms of a page with `method="post"` (or, given `method`, the GET forms such as a list's filters).
    static func all(in html: String, method: String = "post") -> [RenderedForm] {
        html.components(separatedBy: "<form ").dropFirst().compactMap { chunk in
            guard let end = chunk.range(of: "</form>") else { return nil }
            let body = " " + String(chunk[..<end.lowerBound])
            guard attribute("method", in: body)?.lowercased() == method, let action = attribute("action", in: body) else { return nil }
            var fields: [(String, String)] = [], options: [String: [String]] = [:], boxes: [String: [String]] = [:]
            for tag in tags(body) {
                guard let name = attribute("name", in: tag.text) else { continue }
                switch tag.name {
                case "input":
                    let type = attribute("type", in: tag.text) ?? "text"
                    if type == "checkbox" || type == "radio" {
                        if type == "checkbox" { boxes[name, default: []].append(attribute("value", in: tag.text) ?? "on") }
                        if tag.text.contains("checked") { fields.append((name, attribute("value", in: tag.text) ?? "on")) }
                    } else if type != "submit" && type != "file" {
                        fields.append((name, unescape(attribute("value", in: tag.text) ?? "")))
                    }
                case "textarea":
                    fields.append((name, unescape(tag.content)))
                case "select":
                    let opts = tag.content.components(separatedBy: "<option").dropFirst()
                    let values = opts.map { attribute("value", in: $0) ?? "" }
                    options[name] = values
                    fields.append((name, opts.first { $0.contains("selected") }.flatMap { attribute("value", in: $0) } ?? values.first ?? ""))
                default: break
                }
            }
            return RenderedForm(action: unescape(action), fields: fields, options: options, checkboxes: boxes)
        }
    }

    /// Sets `name` (as the page names it) to `value`; the field must be on the page.
    mutating func set(_ name: String, _ value: String) {
        guard let i = fields.firstIndex(where: { $0.name == name }) else {
            Issue.record("the form has no field «\(name)»: \(fields.map(\.name))")
            return
        }
        fields[i].value = value
    }

    /// Ticks every checkbox named `name` that is not ticked yet, as a person clicking each.
    mutating func tickAll(_ name: String) {
        let ticked = Set(fields.filter { $0.name == name }.map(\.value))
        guard let all = checkboxes[name] else {
            Issue.record("the form has no checkboxes «\(name)»")
            return
        }
        fields += all.filter { !ticked.contains($0) }.map { (name: name, value: $0) }
    }

    /// Empty selects take their first real option (a person choosing anything).
    mutating func chooseFirstOptions() {
        for (i, f) in fields.enumerated() where f.value.isEmpty {
            if let first = options[f.name]?.first(where: { !$0.isEmpty }) { fields[i].value = first }
        }
    }

    /// The body a browser sends: `application/x-www-form-urlencoded`, the fields in order.
    var encoded: String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return fields.map { "\($0.name.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.name)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.value)" }
            .joined(separator: "&")
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        guard let r = tag.range(of: "\\s\(name)=\"", options: .regularExpression) else { return nil }
        return String(tag[r.upperBound...].prefix { $0 != "\"" })
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Opening tags of inputs, selects and textareas with what stands between a select's or textarea's tags.
    static func tags(_ body: String) -> [(name: String, text: String, content: String)] {
        var out: [(String, String, String)] = []
        var rest = Substring(body)
        while let open = rest.range(of: "<(input|select|textarea)\\b", options: .regularExpression) {
            let name = String(rest[open].dropFirst())
            guard let close = rest[open.upperBound...].firstIndex(of: ">") else { break }
            let text = String(rest[open.lowerBound...close])
            rest = rest[rest.index(after: close)...]
            var content = ""
            if name != "input", let end = rest.range(of: "</\(name)>") {
                content = String(rest[..<end.lowerBound])
                rest = rest[end.upperBound...]
            }
            out.append((name, text, content))
        }
        return out
    }
}

extension Application {
    /// The page's HTML for a signed-in browser.
    func html(_ path: String, cookie: String) async throws -> String {
        var html = ""
        try await testing().test(.GET, path, beforeRequest: { req in
            req.headers.cookie = ["nastavnik_session": .init(string: cookie)]
        }, afterResponse: { res in html = res.body.string })
        return html
    }

    /// Submits a rendered form as a browser does; gives the status, `Location` and body.
    func submit(_ form: RenderedForm, cookie: String) async throws -> (HTTPStatus, String, String) {
        var out: (HTTPStatus, String, String) = (.internalServerError, "", "")
        try await testing().test(.POST, form.action, headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": "nastavnik_session=\(cookie)"],
                                 body: ByteBuffer(string: form.encoded), afterResponse: { res in
            out = (res.status, res.headers.first(name: .location) ?? "", res.body.string)
        })
        return out
    }
}
