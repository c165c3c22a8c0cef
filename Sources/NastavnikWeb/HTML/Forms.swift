import NastavnikCore

/// One input of a server-rendered form; the same descriptor drives filters and edit forms.
public struct FormField: Sendable {
    public enum Kind: Sendable {
        case text, date, number, email, password, hidden, textarea
        case select([(value: String, label: String)], blank: String?)
        case checkboxes([(value: String, label: String)])
        case checkbox
    }

    public var name: String
    public var label: String
    public var kind: Kind
    public var value: String?
    public var values: [String]
    public var required: Bool
    public var hint: String?

    public init(_ name: String, _ label: String, _ kind: Kind = .text, value: String? = nil, values: [String] = [], required: Bool = false, hint: String? = nil) {
        self.name = name
        self.label = label
        self.kind = kind
        self.value = value
        self.values = values
        self.required = required
        self.hint = hint
    }

    /// A select over a labelled enum.
    public static func choice<T: Labelled>(_ name: String, _ label: String, _ type: T.Type, value: String?, blank: String? = "—", required: Bool = false, hint: String? = nil) -> FormField {
        FormField(name, label, .select(T.options, blank: blank), value: value, required: required, hint: hint)
    }

    /// Checkboxes over a labelled enum.
    public static func many<T: Labelled>(_ name: String, _ label: String, _ type: T.Type, values: [String], hint: String? = nil) -> FormField {
        FormField(name, label, .checkboxes(T.options), values: values, hint: hint)
    }
}

extension FormField {
    /// The name the browser posts: a nested field `membership.start` as `membership[start]`, the form Vapor's
    /// URL-encoded decoder reads into `membership.start` (a dotted name decoded to nothing: «Добавить человека»
    /// never saved, issue 23). Errors still name the field by its dotted path, as the API's do.
    public var postedName: String {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count > 1 else { return name }
        return String(parts[0]) + parts.dropFirst().map { "[\($0)]" }.joined()
    }
}

public enum Forms {
    /// A POST form with the CSRF token, the fields, their errors and a submit button. `idSuffix` keeps the
    /// fields' ids unique where a page has two forms with a field of the same name.
    public static func form(action: String, csrf: String, fields: [FormField], issues: [FieldIssue] = [], submit: String, cancel: String? = nil, idSuffix: String = "") -> Node {
        el("form", ["method": "post", "action": action, "class": "form", "novalidate": "novalidate"]) {
            errorSummary(issues)
            void("input", ["type": "hidden", "name": "csrf", "value": csrf])
            fields.map { f in field(f, issue: issues.first { $0.field == f.name }?.message, idSuffix: idSuffix) }
            el("div", ["class": "actions"]) {
                el("button", ["type": "submit", "class": "btn primary"]) { submit }
                if let cancel { link(cancel, "Отмена", class: "btn") }
            }
        }
    }


    public static func errorSummary(_ issues: [FieldIssue]) -> Node {
        guard !issues.isEmpty else { return .empty }
        return el("div", ["class": "alert error", "role": "alert"]) {
            el("strong") { "Проверьте данные:" }
            el("ul") { issues.map { i in el("li") { i.message } } }
        }
    }

    /// `idSuffix` keeps element ids unique where a page repeats the same form (one per table row).
    public static func field(_ f: FormField, issue: String?, idSuffix: String = "") -> Node {
        let id = "f-\(f.name)\(idSuffix)"
        let invalid: String? = issue == nil ? nil : "true"
        let described: String? = issue == nil ? nil : "\(id)-err"
        let req: String? = f.required ? "required" : nil
        let control: Node
        switch f.kind {
        case .hidden:
            return void("input", ["type": "hidden", "name": f.postedName, "value": f.value ?? ""])
        case .text, .number, .email, .password, .date:
            let type: String
            switch f.kind {
            case .number: type = "number"
            case .email: type = "email"
            case .password: type = "password"
            default: type = "text"
            }
            let placeholder: String? = if case .date = f.kind { "дд.мм.гггг" } else { nil }
            control = void("input", [
                "type": type, "id": id, "name": f.postedName, "value": f.value ?? "", "placeholder": placeholder,
                "aria-invalid": invalid, "aria-describedby": described, "required": req,
                "autocomplete": type == "password" ? "current-password" : nil,
            ])
        case .textarea:
            control = el("textarea", ["id": id, "name": f.postedName, "rows": "3", "aria-invalid": invalid, "aria-describedby": described]) { f.value ?? "" }
        case let .select(options, blank):
            // Without a blank first option a select always has a value: HTML allows `required` only with one.
            control = el("select", ["id": id, "name": f.postedName, "aria-invalid": invalid, "aria-describedby": described, "required": blank == nil ? nil : req]) {
                if let blank { el("option", ["value": ""]) { blank } }
                options.map { o in el("option", ["value": o.value, "selected": o.value == f.value ? "selected" : nil]) { o.label } }
            }
        case let .checkboxes(options):
            return el("fieldset", ["class": "field checks"]) {
                el("legend") { f.label }
                options.map { o in
                    el("label", ["class": "check"]) {
                        void("input", ["type": "checkbox", "name": "\(f.postedName)[]", "value": o.value, "checked": f.values.contains(o.value) ? "checked" : nil])
                        o.label
                    }
                }
                if let hint = f.hint { el("p", ["class": "hint"]) { hint } }
                if let issue { el("p", ["class": "field-error"]) { issue } }
            }
        case .checkbox:
            return el("div", ["class": "field"]) {
                el("label", ["class": "check"]) {
                    void("input", ["type": "checkbox", "id": id, "name": f.postedName, "value": "true", "checked": f.value == "true" ? "checked" : nil])
                    f.label
                }
                if let issue { el("p", ["class": "field-error"]) { issue } }
            }
        }
        return el("div", ["class": issue == nil ? "field" : "field has-error"]) {
            el("label", ["for": id]) {
                f.label
                if f.required { el("span", ["class": "req", "aria-hidden": "true"]) { " *" } }
            }
            control
            if let hint = f.hint { el("p", ["class": "hint"]) { hint } }
            if let issue { el("p", ["class": "field-error", "id": "\(id)-err"]) { issue } }
        }
    }

    /// A GET filter bar for lists; keeps the current values, and says next to a field what is wrong with it.
    public static func filters(action: String, fields: [FormField], issues: [FieldIssue] = []) -> Node {
        el("form", ["method": "get", "action": action, "class": "filters", "role": "search"]) {
            fields.map { f in field(f, issue: issues.first { $0.field == f.name }?.message) }
            el("div", ["class": "actions"]) {
                el("button", ["type": "submit", "class": "btn"]) { "Найти" }
                link(action, "Сбросить", class: "btn link")
            }
        }
    }
}
