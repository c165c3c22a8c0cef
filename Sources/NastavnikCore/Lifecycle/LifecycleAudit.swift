import Foundation

/// Scores keyed by competency encode as a JSON object {"subject": 4}, not as a key/value array.
extension Competency: CodingKeyRepresentable {}

extension Mentorship: AuditSnapshot {
    public var auditFields: [(String, String?)] {
        [
            ("Форма наставничества", form.label), ("Вид", kind.label), ("Формат", format.label),
            ("Период", Period(start: start, end: plannedEnd).russian), ("Фактическое окончание", actualEnd?.russian),
            ("Статус", status.label), ("Приказ", order?.russian), ("Причина прекращения", terminationReason),
            ("Результат", resultSummary),
        ]
    }
}

extension Participant: AuditSnapshot {
    public var auditFields: [(String, String?)] {
        [
            ("Роль в паре (группе)", role.label), ("Включён", joinedOn.russian), ("Вышел", leftOn?.russian),
            ("Причина выхода", leftReason), ("Обоснование назначения", justification),
        ]
    }
}

extension RouteStep: AuditSnapshot {
    public var auditFields: [(String, String?)] {
        [
            ("Дефицит", deficit), ("Мероприятие", action), ("Уровень", level.label), ("Ответственный", responsible),
            ("Срок", deadline.russian), ("Статус", status.label), ("Результат", result),
        ]
    }
}
