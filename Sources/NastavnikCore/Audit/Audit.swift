import Foundation

/// One changed field of a person's data: who, when, old → new. The trail is append-only.
public struct AuditChange: Sendable, Equatable, Codable {
    public var field: String
    public var old: String?
    public var new: String?

    public init(field: String, old: String?, new: String?) {
        self.field = field
        self.old = old
        self.new = new
    }

    /// The list as JSON, as `JSONEncoder` writes it (absent values left out) but written directly: an
    /// import of 100,000 people writes 300,000 of these.
    public static func json(_ changes: [AuditChange]) -> String {
        var out = "["
        for (i, c) in changes.enumerated() {
            if i > 0 { out += "," }
            out += "{\"field\":"
            appendQuoted(c.field, to: &out)
            if let old = c.old {
                out += ",\"old\":"
                appendQuoted(old, to: &out)
            }
            if let new = c.new {
                out += ",\"new\":"
                appendQuoted(new, to: &out)
            }
            out += "}"
        }
        return out + "]"
    }

    static func quoted(_ s: String) -> String {
        var out = ""
        appendQuoted(s, to: &out)
        return out
    }

    /// A JSON string literal. Text without quotes, backslashes or control characters (nearly all of it) is
    /// appended whole; only the rest goes scalar by scalar.
    static func appendQuoted(_ s: String, to out: inout String) {
        out += "\""
        defer { out += "\"" }
        guard s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            out += s
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
    }
}

/// Anything whose changes are audited describes itself as labelled fields.
public protocol AuditSnapshot {
    /// Russian field label → displayed value.
    var auditFields: [(String, String?)] { get }
}

public enum AuditDiff {
    /// Fields whose value differs between `old` (nil when created) and `new` (nil when deleted).
    public static func changes(old: (any AuditSnapshot)?, new: (any AuditSnapshot)?) -> [AuditChange] {
        let after = new?.auditFields ?? []
        let before = old?.auditFields ?? []
        // Two snapshots of one type list the same fields in the same order: compared pairwise, without
        // hashing the Russian labels (an import diffs 100,000 people).
        if before.isEmpty || after.isEmpty || before.elementsEqual(after, by: { $0.0 == $1.0 }) {
            let order = after.isEmpty ? before : after
            return order.indices.compactMap { i in
                let o = before.isEmpty ? nil : before[i].1
                let n = after.isEmpty ? nil : after[i].1
                return o == n ? nil : AuditChange(field: order[i].0, old: o, new: n)
            }
        }
        let byField = Dictionary(before, uniquingKeysWith: { a, _ in a })
        let newByField = Dictionary(after, uniquingKeysWith: { a, _ in a })
        return after.map(\.0).compactMap { field in
            let o = byField[field] ?? nil
            let n = newByField[field] ?? nil
            return o == n ? nil : AuditChange(field: field, old: o, new: n)
        }
    }
}

extension Person: AuditSnapshot {
    public var auditFields: [(String, String?)] {
        [
            ("Фамилия", lastName), ("Имя", firstName), ("Отчество", middleName),
            ("Дата рождения", birthDate.russian), ("Пол", sex?.label), ("СНИЛС", snils),
            ("Эл. почта", email), ("Телефон", phone), ("Образование", educationLevel?.label),
            ("Специальность", specialty), ("Год окончания", graduationYear.map(String.init)),
            ("Начало общего стажа", totalExperienceStart?.russian),
            ("Начало педагогического стажа", pedagogicalExperienceStart?.russian),
            ("Категория", category?.label),
        ]
    }
}

extension Membership: AuditSnapshot {
    public var auditFields: [(String, String?)] {
        [
            ("Роль в организации", role.label), ("Должность", position),
            ("Предметы", subjects.isEmpty ? nil : subjects.joined(separator: ", ")), ("Класс/курс", grade),
            ("Период", period.russian),
        ]
    }
}

extension Consent: AuditSnapshot {
    public var auditFields: [(String, String?)] {
        [
            ("Согласие", kind.label), ("Подписал", signer.label), ("Представитель", representativeName),
            ("Дата подписания", signedOn.russian), ("Объём", scope), ("Дата отзыва", withdrawnOn?.russian),
        ]
    }
}

extension MentorProfile: AuditSnapshot {
    public var auditFields: [(String, String?)] {
        [
            ("Компетенции", LabelledSet.labels(competencies)), ("Интересы", interests),
            ("Достижения", LabelledSet.labels(achievements)), ("Иные достижения", achievementsOther),
            ("Наставляемых одновременно", String(capacity)), ("Доступность", availability),
            ("Обучение", training.label), ("Формы", LabelledSet.labels(forms)), ("Статус наставника", status.label),
            ("Сетевое наставничество", network ? "да" : "нет"),
        ]
    }
}

extension MenteeProfile: AuditSnapshot {
    public var auditFields: [(String, String?)] {
        [
            ("Категории", LabelledSet.labels(categories)), ("Основной запрос", mainRequest.label),
            ("Подробности запроса", requestDetails), ("Дефициты", deficits.joined(separator: "; ")),
            ("Статус наставляемого", status.label), ("Предпочитаемый формат", preferredFormat?.label),
            ("Удобное время", availability),
        ]
    }
}
