import Foundation

/// Вид локального акта (документа) целевой модели наставничества, which the monitoring indicators read.
public enum LocalActKind: String, Labelled {
    case implementationOrder = "implementation_order"
    case regulation
    case curatorOrder = "curator_order"
    case pairsOrder = "pairs_order"
    case personalProgramme = "personal_programme"
    case organisationProgramme = "organisation_programme"
    case roadmap
    case consent

    public var label: String {
        switch self {
        case .implementationOrder: "приказ о внедрении целевой модели наставничества"
        case .regulation: "положение о системе наставничества"
        case .curatorOrder: "приказ о назначении куратора"
        case .pairsOrder: "приказ о закреплении наставнических пар (групп)"
        case .personalProgramme: "персонализированная программа наставничества"
        case .organisationProgramme: "программа наставничества организации"
        case .roadmap: "дорожная карта"
        case .consent: "согласие на обработку персональных данных"
        }
    }

    /// Orders carry a number and are signed by the head; the rest are approved (утверждаются) by an order or the head.
    public var isOrder: Bool { self == .implementationOrder || self == .curatorOrder || self == .pairsOrder }

    /// Kinds that may be shown on the public mentorship page; programmes and consents hold personal data.
    public var mayBePublic: Bool { self != .personalProgramme && self != .consent && self != .pairsOrder }
}

/// Статус локального акта.
public enum LocalActStatus: String, Labelled {
    case draft, approved, cancelled
    public var label: String {
        switch self {
        case .draft: "проект"
        case .approved: "утверждён"
        case .cancelled: "отменён"
        }
    }
}

/// A registry entry: one document of one organisation.
public struct LocalAct: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var organisationID: UUID
    public var kind: LocalActKind
    public var title: String
    public var number: String?
    public var date: Day?
    public var status: LocalActStatus
    /// Who approved it: «Директор Иванов И. И.».
    public var approver: String?
    /// The stored file (DOCX or a scan), if any.
    public var fileID: UUID?
    public var fileName: String?
    /// The pairs and groups a pairs order fixes; the pair of a personalised programme.
    public var mentorshipIDs: [UUID]
    /// Whose consent (for `.consent`).
    public var personID: UUID?
    /// Shown on the organisation's public mentorship page.
    public var isPublic: Bool
    public var note: String?
    public var createdOn: Day
    public var cancelledOn: Day?
    public var cancelReason: String?

    public init(
        id: UUID = .timeOrdered(), organisationID: UUID, kind: LocalActKind, title: String, number: String? = nil, date: Day? = nil,
        status: LocalActStatus = .draft, approver: String? = nil, fileID: UUID? = nil, fileName: String? = nil,
        mentorshipIDs: [UUID] = [], personID: UUID? = nil, isPublic: Bool = false, note: String? = nil, createdOn: Day,
        cancelledOn: Day? = nil, cancelReason: String? = nil
    ) {
        self.id = id
        self.organisationID = organisationID
        self.kind = kind
        self.title = title
        self.number = number
        self.date = date
        self.status = status
        self.approver = approver
        self.fileID = fileID
        self.fileName = fileName
        self.mentorshipIDs = mentorshipIDs
        self.personID = personID
        self.isPublic = isPublic
        self.note = note
        self.createdOn = createdOn
        self.cancelledOn = cancelledOn
        self.cancelReason = cancelReason
    }

    /// «приказ от 01.09.2026 № 45-о», or the title for a draft.
    public var reference: String {
        guard let number, let date else { return title }
        return "\(kind.isOrder ? "приказ" : title) от \(date.russian) № \(number)"
    }

    /// In force on `day`: approved with a date on or before it and not cancelled by then.
    public func isInForce(on day: Day) -> Bool {
        guard status != .draft, let date, date <= day else { return false }
        return cancelledOn.map { day < $0 } ?? true
    }
}

public enum LocalActRules {
    /// A new entry, typed by hand or made from a generated document.
    public static func validateNew(_ act: LocalAct, today: Day) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if act.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { issues.append(.init("title", "Укажите наименование документа.")) }
        if act.isPublic, !act.kind.mayBePublic {
            issues.append(.init("isPublic", "Документ вида «\(act.kind.label)» содержит персональные данные и не публикуется на странице наставничества."))
        }
        if act.kind == .consent, act.personID == nil { issues.append(.init("personID", "Укажите, чьё это согласие.")) }
        if act.kind == .pairsOrder, act.mentorshipIDs.isEmpty, act.status == .draft {
            issues.append(.init("mentorshipIDs", "Приказ о закреплении должен называть хотя бы одну пару (группу)."))
        }
        if let date = act.date, date > today { issues.append(.init("date", "Дата документа \(date.russian) ещё не наступила.")) }
        return issues
    }

    /// Approval: a draft gets its number, date and approver. `taken` are the numbers of the organisation's
    /// other approved orders in the same calendar year: an order number is not given twice in a year.
    public static func validateApproval(_ act: LocalAct, number: String?, date: Day?, approver: String?, taken: Set<String>, today: Day) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if act.status != .draft { issues.append(.init("status", "Утвердить можно только проект; документ уже «\(act.status.label)».")) }
        let number = number?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if number.isEmpty { issues.append(.init("number", act.kind.isOrder ? "Укажите номер приказа." : "Укажите номер (реквизиты) утверждающего документа.")) }
        else if number.count > 40 { issues.append(.init("number", "Номер документа длиннее 40 знаков.")) }
        else if act.kind.isOrder, taken.contains(number.lowercased()) {
            issues.append(.init("number", "Приказ № \(number) в этом году уже есть в реестре организации."))
        }
        if let date {
            if date > today { issues.append(.init("date", "Дата утверждения \(date.russian) ещё не наступила.")) }
            if date < act.createdOn.adding(years: -50) { issues.append(.init("date", "Дата утверждения \(date.russian) не похожа на настоящую.")) }
        } else {
            issues.append(.init("date", "Укажите дату утверждения."))
        }
        if approver.nonBlank == nil { issues.append(.init("approver", "Укажите, кем утверждён документ (должность и ФИО).")) }
        return issues
    }

    public static func validateCancellation(_ act: LocalAct, on day: Day, reason: String?, today: Day) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if act.status == .cancelled { issues.append(.init("status", "Документ уже отменён.")) }
        if reason.nonBlank == nil { issues.append(.init("cancelReason", "Укажите причину отмены (например, реквизиты отменяющего приказа).")) }
        if day > today { issues.append(.init("cancelledOn", "Дата отмены \(day.russian) ещё не наступила.")) }
        if let date = act.date, day < date { issues.append(.init("cancelledOn", "Дата отмены раньше даты документа.")) }
        return issues
    }

    /// The kinds an organisation has in force on `day` — what indicators 1–4 and «implementing the system» read.
    public static func kindsInForce(_ acts: [LocalAct], on day: Day) -> Set<LocalActKind> {
        Set(acts.filter { $0.isInForce(on: day) }.map(\.kind))
    }
}
