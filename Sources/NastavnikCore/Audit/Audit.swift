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

    /// The list as JSON, as `JSONEncoder` writes it (absent values left out) but written directly into bytes:
    /// an import of 100,000 people writes 100,000 of these lists.
    public static func json(_ changes: [AuditChange]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64 + changes.count * 96)
        out.append(UInt8(ascii: "["))
        for (i, c) in changes.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"field":"#.utf8)
            appendQuoted(c.field, to: &out)
            if let old = c.old {
                out.append(contentsOf: #","old":"#.utf8)
                appendQuoted(old, to: &out)
            }
            if let new = c.new {
                out.append(contentsOf: #","new":"#.utf8)
                appendQuoted(new, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    static func quoted(_ s: String) -> String {
        var out: [UInt8] = []
        appendQuoted(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A JSON string literal. Text without quotes, backslashes or control characters (nearly all of it) is
    /// appended whole; only the rest goes byte by byte (UTF-8 above ASCII never needs escaping).
    static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        defer { out.append(UInt8(ascii: "\"")) }
        var s = s
        s.withUTF8 { bytes in
            // Most values need no escaping: checked and copied over the contiguous bytes.
            guard bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                out.append(contentsOf: bytes)
                return
            }
            for byte in bytes { appendEscaped(byte, to: &out) }
        }
    }

    private static func appendEscaped(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
        case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
        case UInt8(ascii: "\n"): out.append(contentsOf: #"\n"#.utf8)
        case UInt8(ascii: "\r"): out.append(contentsOf: #"\r"#.utf8)
        case UInt8(ascii: "\t"): out.append(contentsOf: #"\t"#.utf8)
        case ..<0x20:
            let hex = String(byte, radix: 16)
            out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
        default: out.append(byte)
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
