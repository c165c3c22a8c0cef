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
}

/// Anything whose changes are audited describes itself as labelled fields.
public protocol AuditSnapshot {
    /// Russian field label → displayed value.
    var auditFields: [(String, String?)] { get }
}

public enum AuditDiff {
    /// Fields whose value differs between `old` (nil when created) and `new` (nil when deleted).
    public static func changes(old: (any AuditSnapshot)?, new: (any AuditSnapshot)?) -> [AuditChange] {
        let before = Dictionary(old?.auditFields ?? [], uniquingKeysWith: { a, _ in a })
        let after = Dictionary(new?.auditFields ?? [], uniquingKeysWith: { a, _ in a })
        let order = (new?.auditFields ?? old?.auditFields ?? []).map(\.0)
        return order.compactMap { field in
            let o = before[field] ?? nil
            let n = after[field] ?? nil
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
