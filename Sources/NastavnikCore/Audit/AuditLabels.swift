import Foundation

/// Russian names of what the audit log records: the log shows «пара (группа): создание», never the code's «mentorship».
public enum AuditLabels {
    /// Every entity name the code writes (`entity: "…"` in the sources) has its label here.
    public static let entities: [String: String] = [
        "person": "человек",
        "membership": "место работы/учёбы",
        "consent": "согласие",
        "mentor": "база наставников",
        "mentee": "база наставляемых",
        "mentorship": "пара (группа)",
        "participant": "участник пары (группы)",
        "route": "индивидуальный образовательный маршрут",
        "import": "загрузка из файла",
    ]

    public static func entity(_ entity: String) -> String { entities[entity] ?? "запись" }

    public static func action(_ action: String) -> String {
        switch action {
        case "create": "создание"
        case "delete": "удаление"
        default: "изменение"
        }
    }
}
