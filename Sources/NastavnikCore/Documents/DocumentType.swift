import Foundation
import NastavnikOffice

/// A document the system writes from live data. Each has a default template (built here, with the
/// same placeholders a region or municipality may use in its own DOCX template).
public enum DocumentType: String, Labelled {
    case implementationOrder = "implementation_order"
    case regulation
    case curatorOrder = "curator_order"
    case pairsOrder = "pairs_order"
    case personalProgramme = "personal_programme"
    case roadmap
    case consentAdult = "consent_adult"
    case consentParent = "consent_parent"

    public var label: String {
        switch self {
        case .implementationOrder: "Приказ о внедрении целевой модели наставничества"
        case .regulation: "Положение о системе наставничества"
        case .curatorOrder: "Приказ о назначении куратора"
        case .pairsOrder: "Приказ о закреплении наставнических пар (групп)"
        case .personalProgramme: "Персонализированная программа наставничества"
        case .roadmap: "Дорожная карта внедрения целевой модели"
        case .consentAdult: "Согласие на обработку персональных данных"
        case .consentParent: "Согласие родителя (законного представителя) на обработку персональных данных"
        }
    }

    /// Where a registered document goes in the registry.
    public var actKind: LocalActKind {
        switch self {
        case .implementationOrder: .implementationOrder
        case .regulation: .regulation
        case .curatorOrder: .curatorOrder
        case .pairsOrder: .pairsOrder
        case .personalProgramme: .personalProgramme
        case .roadmap: .roadmap
        case .consentAdult, .consentParent: .consent
        }
    }

    /// Generated for one pair (programme) or one person (consent) rather than for the organisation.
    public var subject: DocumentSubject {
        switch self {
        case .personalProgramme: .mentorship
        case .consentAdult, .consentParent: .person
        default: .organisation
        }
    }

    /// Every placeholder a template of this type may use outside a repeated row.
    public var fields: [DocumentField] {
        var out = DocumentField.common
        switch self {
        case .implementationOrder, .curatorOrder, .pairsOrder: out += DocumentField.curator
        case .personalProgramme: out += DocumentField.programme
        case .consentAdult, .consentParent: out += DocumentField.consent
        case .regulation, .roadmap: break
        }
        return out
    }

    /// Repeated rows: list name → its fields.
    public var lists: [String: [DocumentField]] {
        switch self {
        case .pairsOrder: ["пары": DocumentField.pairRow, "программы": DocumentField.programmeRow]
        case .personalProgramme: ["задачи": DocumentField.taskRow]
        case .roadmap: ["мероприятия": DocumentField.roadmapRow]
        default: [:]
        }
    }

    /// Checks an uploaded template: every placeholder must be one this type fills.
    public func validate(_ template: DocxTemplate) -> [String] {
        template.validate(known: Set(fields.map(\.name)), lists: lists.mapValues { Set($0.map(\.name)) })
    }
}

public enum DocumentSubject: Sendable {
    case organisation, mentorship, person
}

/// A placeholder with what it becomes, for the documentation page and the validation of uploads.
public struct DocumentField: Sendable, Equatable {
    public var name: String
    public var meaning: String

    public init(_ name: String, _ meaning: String) {
        self.name = name
        self.meaning = meaning
    }

    public var placeholder: String { "{{\(name)}}" }

    static let common: [DocumentField] = [
        .init("организация.название", "полное наименование организации"),
        .init("организация.краткое_название", "краткое наименование"),
        .init("организация.адрес", "адрес организации"),
        .init("организация.инн", "ИНН организации"),
        .init("муниципалитет.название", "муниципалитет"),
        .init("регион.название", "регион"),
        .init("руководитель.фио", "руководитель: фамилия, имя, отчество"),
        .init("руководитель.фио_кратко", "руководитель: «Иванова М. П.»"),
        .init("руководитель.должность", "должность руководителя («Директор»)"),
        .init("документ.номер", "номер документа (пусто в проекте — линия для записи)"),
        .init("документ.дата", "дата документа, дд.мм.гггг (в проекте — линия)"),
        .init("дата", "дата формирования документа, дд.мм.гггг"),
        .init("учебный_год", "учебный год, «2026/2027»"),
    ]
    static let curator: [DocumentField] = [
        .init("куратор.фио", "куратор(ы): фамилия, имя, отчество"),
        .init("куратор.должность", "должность куратора"),
    ]
    static let programme: [DocumentField] = [
        .init("пара.наставник", "наставник(и): ФИО"),
        .init("пара.наставляемый", "наставляемый(е): ФИО"),
        .init("пара.наставник_кратко", "наставник(и) для подписи: «Иванова М. П.»"),
        .init("пара.наставляемый_кратко", "наставляемый(е) для подписи: «Петров А. С.»"),
        .init("пара.форма", "форма наставничества"),
        .init("пара.вид", "вид наставничества"),
        .init("программа.начало", "начало программы, дд.мм.гггг"),
        .init("программа.окончание", "окончание программы, дд.мм.гггг"),
        .init("программа.цели", "цели и задачи программы"),
        .init("программа.результаты", "ожидаемые результаты"),
        .init("программа.статус", "статус программы"),
        .init("программа.утверждена", "дата утверждения, кто утвердил и в какой роли («не утверждена» до утверждения)"),
    ]
    static let consent: [DocumentField] = [
        .init("субъект.фио", "чьи данные: фамилия, имя, отчество"),
        .init("субъект.дата_рождения", "дата рождения, дд.мм.гггг"),
        .init("представитель.фио", "родитель (законный представитель): ФИО или линия для записи"),
        .init("согласие.перечень", "перечень персональных данных"),
    ]
    static let pairRow: [DocumentField] = [
        .init("№", "номер строки"),
        .init("наставник", "наставник(и): ФИО, должность и организация"),
        .init("наставляемый", "наставляемый(е): ФИО, должность или класс"),
        .init("форма", "форма наставничества"),
        .init("вид", "вид наставничества"),
        .init("начало", "начало, дд.мм.гггг"),
        .init("окончание", "плановое окончание, дд.мм.гггг"),
        .init("период", "«01.09.2026 — 31.05.2027»"),
    ]
    /// Appendix 2 to the pairs order: a row per pair of appendix 1.
    static let programmeRow: [DocumentField] = [
        .init("№", "номер пары, как в приложении 1"),
        .init("пара", "наставник(и) — наставляемый(е)"),
        .init("период", "срок реализации программы («—», если программа не утверждена)"),
        .init("цели", "цели и задачи программы или отметка, что программа не утверждена"),
        .init("задачи", "задачи программы: мероприятие, срок, ответственный — по строке на задачу"),
        .init("утверждена", "дата утверждения, кто утвердил и в какой роли"),
    ]
    static let taskRow: [DocumentField] = [
        .init("№", "номер строки"),
        .init("этап", "этап программы"),
        .init("задача", "мероприятие (задача)"),
        .init("срок", "срок, дд.мм.гггг"),
        .init("ответственный", "ответственный"),
        .init("результат", "подтверждение выполнения"),
        .init("статус", "статус"),
    ]
    static let roadmapRow: [DocumentField] = [
        .init("№", "номер мероприятия"),
        .init("этап", "этап целевой модели"),
        .init("мероприятие", "мероприятие"),
        .init("срок", "срок"),
        .init("ответственный", "ответственный"),
        .init("результат", "результат, подтверждающий выполнение"),
    ]
}
