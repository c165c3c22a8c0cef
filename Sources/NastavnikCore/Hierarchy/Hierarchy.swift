import Foundation

/// Субъект РФ — the top of the territory hierarchy.
public struct Region: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var name: String
    public var code: String?
    /// IANA time zone of the region («Europe/Samara» for Udmurtia): meeting times of its pairs are wall-clock times there.
    public var timeZone: String

    public init(id: UUID = .timeOrdered(), name: String, code: String? = nil, timeZone: String = LocalTime.moscow) {
        self.id = id
        self.name = name
        self.code = code
        self.timeZone = timeZone
    }

    private enum CodingKeys: String, CodingKey { case id, name, code, timeZone }

    /// A region written before time zones existed reads as Moscow time.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(UUID.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        code = try c.decodeIfPresent(String.self, forKey: .code)
        timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone) ?? LocalTime.moscow
    }
}

/// Муниципальное образование (муниципалитет, округ, район) inside a region.
public struct Municipality: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var regionID: UUID
    public var name: String

    public init(id: UUID = .timeOrdered(), regionID: UUID, name: String) {
        self.id = id
        self.regionID = regionID
        self.name = name
    }
}

/// Вид организации.
public enum OrganisationKind: String, Labelled {
    case school, vocational, preschool, additional, university, partner

    public var label: String {
        switch self {
        case .school: "Общеобразовательная школа"
        case .vocational: "СПО (колледж, техникум)"
        case .preschool: "Детский сад"
        case .additional: "Дополнительное образование"
        case .university: "Вуз"
        case .partner: "Предприятие / организация-партнёр"
        }
    }

    /// Educational organisations may make the «V» of the monitoring formulas; partners never do.
    public var isEducational: Bool { self != .partner }

    /// Every educational kind, in the order of the list.
    public static let educational: [OrganisationKind] = allCases.filter(\.isEducational)

    /// The kinds that make V unless a campaign or the page chooses others: seed 001 monitors general-education
    /// schools, and a kindergarten or a college in the city must not move their shares.
    public static let monitoredByDefault: Set<OrganisationKind> = [.school]

    /// How the formulas name the organisations of this kind.
    public var pluralLabel: String {
        switch self {
        case .school: "общеобразовательные организации (школы)"
        case .vocational: "профессиональные образовательные организации (СПО)"
        case .preschool: "дошкольные образовательные организации"
        case .additional: "организации дополнительного образования"
        case .university: "образовательные организации высшего образования"
        case .partner: "организации-партнёры"
        }
    }
}

/// The kinds of organisation that make V of a monitoring: chosen by a campaign or on the monitoring page.
public enum MonitoredKinds {
    /// As a URL and a stored value: raw values in the list's order, comma-separated («school,preschool»).
    public static func text(_ kinds: Set<OrganisationKind>) -> String {
        OrganisationKind.educational.filter(kinds.contains).map(\.rawValue).joined(separator: ",")
    }

    /// The kinds named in `parts` (each may hold several, comma-separated); nil when one is not an educational
    /// kind, an empty set when none is named.
    public static func parse(_ parts: [String]) -> Set<OrganisationKind>? {
        var kinds = Set<OrganisationKind>()
        for word in parts.flatMap({ $0.split(separator: ",") }) {
            guard let kind = OrganisationKind(rawValue: String(word).trimmed), kind.isEducational else { return nil }
            kinds.insert(kind)
        }
        return kinds
    }

    /// «общеобразовательные организации (школы)», or several joined by «и» and commas.
    public static func russian(_ kinds: Set<OrganisationKind>) -> String {
        let labels = OrganisationKind.educational.filter(kinds.contains).map(\.pluralLabel)
        guard labels.count > 1 else { return labels.first ?? "—" }
        return labels.dropLast().joined(separator: ", ") + " и " + labels[labels.count - 1]
    }

    /// What V is made of, for a formula: «V — общее количество ОО; в расчёт входят: …».
    public static func vSentence(_ kinds: Set<OrganisationKind>) -> String {
        "в V входят: \(russian(kinds))"
    }
}

public struct Organisation: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var municipalityID: UUID
    public var kind: OrganisationKind
    public var name: String
    public var shortName: String
    public var inn: String?
    public var address: String?
    public var website: String?
    /// The day the section «Целевая модель наставничества» was published on the site (indicator 14).
    public var mentorshipPageSince: Day?
    /// Who approves programmes under the organisation's regulation; nil — the head of the organisation.
    public var programmeApprover: ProgrammeApprover?

    public init(
        id: UUID = .timeOrdered(), municipalityID: UUID, kind: OrganisationKind, name: String, shortName: String,
        inn: String? = nil, address: String? = nil, website: String? = nil, mentorshipPageSince: Day? = nil,
        programmeApprover: ProgrammeApprover? = nil
    ) {
        self.id = id
        self.municipalityID = municipalityID
        self.kind = kind
        self.name = name
        self.shortName = shortName
        self.inn = inn
        self.address = address
        self.website = website
        self.mentorshipPageSince = mentorshipPageSince
        self.programmeApprover = programmeApprover
    }

    /// The approval rule of the organisation's regulation.
    public var programmeApproval: ProgrammeApprovalRule { (programmeApprover ?? .director).rule }

    /// Checks what a person types into the organisation form.
    public static func validate(name: String?, shortName: String?, inn: String?, website: String?) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if name.nonBlank == nil { issues.append(.init("name", "Укажите полное наименование организации.")) }
        if shortName.nonBlank == nil { issues.append(.init("shortName", "Укажите краткое наименование организации.")) }
        if let inn = inn.nonBlank, !(inn.count == 10 || inn.count == 12) || !inn.allSatisfy(\.isNumber) {
            issues.append(.init("inn", "ИНН организации состоит из 10 цифр (или 12 для ИП)."))
        }
        if let site = website.nonBlank, !(site.hasPrefix("http://") || site.hasPrefix("https://")) {
            issues.append(.init("website", "Адрес сайта должен начинаться с http:// или https://."))
        }
        return issues
    }
}

/// Where a record sits in the hierarchy; every scope decision is made on this.
public struct Placement: Sendable, Hashable, Codable {
    public var regionID: UUID?
    public var municipalityID: UUID?
    public var organisationID: UUID?

    public init(regionID: UUID? = nil, municipalityID: UUID? = nil, organisationID: UUID? = nil) {
        self.regionID = regionID
        self.municipalityID = municipalityID
        self.organisationID = organisationID
    }
}
