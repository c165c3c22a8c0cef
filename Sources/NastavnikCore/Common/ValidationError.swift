/// One problem with input: which field, and a message in Russian for the person who typed it.
public struct FieldIssue: Sendable, Hashable, Codable {
    public var field: String
    public var message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }
}

extension FieldIssue {
    /// «Дата «31.02.2026» не распознана…» for a field filled in with something that is not a date; nil otherwise.
    public static func unreadableDate(_ field: String, _ text: String?) -> FieldIssue? {
        guard let text = text.nonBlank else { return nil }
        guard let day = Day(text) else { return FieldIssue(field, "Дата «\(text)» не распознана: укажите её как дд.мм.гггг.") }
        return InputRange.issue(field, day)
    }

    /// `issues` with an unreadable date in `field` said as such, in place of the rule's own complaint about it
    /// (which saw the date as missing).
    public static func withUnreadableDate(_ issues: [FieldIssue], _ field: String, _ text: String?) -> [FieldIssue] {
        guard let issue = unreadableDate(field, text) else { return issues }
        return issues.filter { $0.field != field } + [issue]
    }
}

/// Input that breaks a rule. Nothing is written when it is thrown.
public struct ValidationError: Error, Sendable, Equatable {
    public var issues: [FieldIssue]

    public init(_ issues: [FieldIssue]) { self.issues = issues }
    public init(_ field: String, _ message: String) { self.issues = [FieldIssue(field, message)] }

    public var summary: String { issues.map(\.message).joined(separator: " ") }

    /// Throws when `issues` is not empty.
    public static func check(_ issues: [FieldIssue]) throws {
        if !issues.isEmpty { throw ValidationError(issues) }
    }
}

extension Optional where Wrapped == String {
    /// nil for nil or blank text, otherwise the trimmed text.
    public var nonBlank: String? {
        guard let t = self?.trimmed, !t.isEmpty else { return nil }
        return t
    }
}
