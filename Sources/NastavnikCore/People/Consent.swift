import Foundation

/// Вид согласия (152-ФЗ): на обработку или на распространение (публикацию) персональных данных.
public enum ConsentKind: String, Labelled {
    case processing, distribution
    public var label: String { self == .processing ? "на обработку персональных данных" : "на распространение персональных данных" }
}

/// Кто подписал согласие.
public enum ConsentSigner: String, Labelled {
    case subject, parent, guardian
    public var label: String {
        switch self {
        case .subject: "субъект персональных данных"
        case .parent: "родитель"
        case .guardian: "иной законный представитель"
        }
    }
}

public struct Consent: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var personID: UUID
    public var kind: ConsentKind
    public var signer: ConsentSigner
    public var representativeName: String?
    public var signedOn: Day
    public var scope: String
    public var withdrawnOn: Day?

    public init(
        id: UUID = .timeOrdered(), personID: UUID, kind: ConsentKind = .processing, signer: ConsentSigner,
        representativeName: String? = nil, signedOn: Day, scope: String, withdrawnOn: Day? = nil
    ) {
        self.id = id
        self.personID = personID
        self.kind = kind
        self.signer = signer
        self.representativeName = representativeName
        self.signedOn = signedOn
        self.scope = scope
        self.withdrawnOn = withdrawnOn
    }

    /// In force on `day`: signed by then and not withdrawn by then.
    public func isActive(on day: Day) -> Bool {
        signedOn <= day && (withdrawnOn.map { day < $0 } ?? true)
    }
}

public enum ConsentRules {
    public static let defaultScope =
        "ФИО, дата рождения, место работы (учёбы), должность, стаж, образование, квалификационная категория, контактные данные — для участия в программе наставничества"

    /// Rules for recording a new consent (152-ФЗ ст. 9): one active consent of a kind at a time;
    /// a minor's consent is signed by a parent or legal representative, named.
    public static func validateNew(_ c: Consent, person: Person, existing: [Consent], today: Day) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if c.signedOn > today {
            issues.append(.init("signedOn", "Дата подписания \(c.signedOn.russian) ещё не наступила."))
        }
        if c.signedOn < person.birthDate {
            issues.append(.init("signedOn", "Дата подписания раньше даты рождения."))
        }
        if person.isMinor(on: c.signedOn) {
            if c.signer == .subject {
                issues.append(.init("signer", "За несовершеннолетнего согласие даёт родитель или иной законный представитель."))
            }
        }
        if c.signer != .subject, c.representativeName.nonBlank == nil {
            issues.append(.init("representativeName", "Укажите ФИО законного представителя, подписавшего согласие."))
        }
        if c.scope.trimmed.isEmpty {
            issues.append(.init("scope", "Укажите перечень данных и цель обработки."))
        }
        if let active = existing.first(where: { $0.kind == c.kind && $0.id != c.id && $0.isActive(on: today) }) {
            issues.append(.init("kind", "У человека уже есть действующее согласие \(c.kind.label) от \(active.signedOn.russian); сначала отметьте его отзыв."))
        }
        return issues
    }

    /// Checks a withdrawal date.
    public static func validateWithdrawal(_ c: Consent, on day: Day, today: Day) -> [FieldIssue] {
        if c.withdrawnOn != nil { return [.init("withdrawnOn", "Согласие уже отозвано.")] }
        if day < c.signedOn { return [.init("withdrawnOn", "Дата отзыва раньше даты подписания.")] }
        if day > today { return [.init("withdrawnOn", "Дата отзыва \(day.russian) ещё не наступила.")] }
        return []
    }

    /// Valid processing consent on `day`: required before a person enters a base or a programme.
    public static func hasValidProcessingConsent(_ person: Person, consents: [Consent], on day: Day) -> Bool {
        consents.contains { c in
            c.personID == person.id && c.kind == .processing && c.isActive(on: day)
                && (!person.isMinor(on: day) || c.signer != .subject)
        }
    }
}
