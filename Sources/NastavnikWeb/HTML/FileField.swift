import NastavnikCore

extension Forms {
    /// A file input with its label and, when the upload was refused, the error next to it (referenced by
    /// aria-describedby) — the forms that upload a file rendered the error only in the summary above (the form walk).
    static func fileField(_ name: String, _ label: String, accept: String, required: Bool = true, issues: [FieldIssue]) -> Node {
        let id = "f-\(name)", issue = issues.first { $0.field == name }?.message
        return el("div", ["class": issue == nil ? "field" : "field has-error"]) {
            el("label", ["for": id]) { label }
            void("input", ["type": "file", "id": id, "name": name, "accept": accept, "required": required ? "required" : nil,
                           "aria-invalid": issue == nil ? nil : "true", "aria-describedby": issue == nil ? nil : "\(id)-err"])
            if let issue { el("p", ["class": "field-error", "id": "\(id)-err"]) { issue } }
        }
    }
}
