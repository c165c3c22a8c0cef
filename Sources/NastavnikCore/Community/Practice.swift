import Foundation

/// What a bank item is (seed 004: «единый банк программ и практик»; seed 003 item 31: cases).
public enum PracticeKind: String, Labelled {
    case programme, programmeTemplate = "programme_template", methodology, caseStudy = "case", webinar
    public var label: String {
        switch self {
        case .programme: "программа наставничества"
        case .programmeTemplate: "шаблон персонализированной программы"
        case .methodology: "методический материал"
        case .caseStudy: "кейс (итоги работы пары, группы)"
        case .webinar: "вебинар, ссылка"
        }
    }
}

/// Who may read a published item: its organisation, the municipality, the region, or everyone (the public page).
public enum PublicationLevel: String, Labelled, Comparable {
    case organisation, municipality, region, open
    public var label: String {
        switch self {
        case .organisation: "организация"
        case .municipality: "муниципалитет"
        case .region: "регион"
        case .open: "открыто (всем)"
        }
    }
    var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }

    /// The level of the hierarchy that moderates an item published here; nil: the organisation publishes itself.
    public var moderator: ScopeLevel? {
        switch self {
        case .organisation: nil
        case .municipality: .municipality
        case .region, .open: .region
        }
    }
}

public enum ModerationStatus: String, Labelled {
    case draft, pending, published, rejected
    public var label: String {
        switch self {
        case .draft: "черновик"
        case .pending: "на модерации"
        case .published: "опубликовано"
        case .rejected: "отклонено"
        }
    }
}

/// An item of the bank of programmes and practices.
public struct PracticeItem: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var kind: PracticeKind
    public var title: String
    public var description: String
    /// Authors as they are to be printed (ФИО, position); people are linked by `authorPersonIDs`.
    public var authors: String
    public var authorPersonIDs: [UUID]
    public var organisationID: UUID
    public var forms: [MentorshipForm]
    public var tags: [String]
    public var link: String?
    public var fileID: UUID?
    public var fileName: String?
    public var level: PublicationLevel
    public var status: ModerationStatus
    public var rejectionReason: String?
    public var moderatedBy: String?
    public var moderatedOn: Day?
    /// The completed mentorship a case sums up.
    public var mentorshipID: UUID?
    public var createdOn: Day
    public var createdBy: String

    public init(
        id: UUID = .timeOrdered(), kind: PracticeKind, title: String, description: String, authors: String, authorPersonIDs: [UUID] = [],
        organisationID: UUID, forms: [MentorshipForm] = [], tags: [String] = [], link: String? = nil, fileID: UUID? = nil,
        fileName: String? = nil, level: PublicationLevel = .organisation, status: ModerationStatus = .draft, rejectionReason: String? = nil,
        moderatedBy: String? = nil, moderatedOn: Day? = nil, mentorshipID: UUID? = nil, createdOn: Day, createdBy: String
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.description = description
        self.authors = authors
        self.authorPersonIDs = authorPersonIDs
        self.organisationID = organisationID
        self.forms = forms
        self.tags = tags
        self.link = link
        self.fileID = fileID
        self.fileName = fileName
        self.level = level
        self.status = status
        self.rejectionReason = rejectionReason
        self.moderatedBy = moderatedBy
        self.moderatedOn = moderatedOn
        self.mentorshipID = mentorshipID
        self.createdOn = createdOn
        self.createdBy = createdBy
    }

    /// The text the search reads, by weight: title, tags, then the rest.
    public var searchDocument: TextSearch.Document {
        TextSearch.Document(id: id, fields: [
            (title, 3), (tags.joined(separator: " "), 2), (authors, 1.5),
            (description, 1), (kind.label + " " + forms.map(\.label).joined(separator: " "), 0.5),
        ])
    }
}

/// Moderation and reading rules of the bank.
public enum PracticeRules {
    /// Tags as typed: split on commas and semicolons, trimmed, lowercased, without repeats.
    public static func tags(_ text: String?) -> [String] {
        var seen = Set<String>()
        return (text ?? "").split(whereSeparator: { $0 == "," || $0 == ";" }).map { $0.trimmed.lowercased() }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    public static func validate(_ item: PracticeItem) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if item.title.trimmed.count < 5 { issues.append(FieldIssue("title", "Укажите название материала (не короче 5 символов).")) }
        if item.description.trimmed.count < 20 {
            issues.append(FieldIssue("description", "Опишите материал: о чём он и кому полезен (не короче 20 символов)."))
        }
        if item.authors.trimmed.isEmpty { issues.append(FieldIssue("authors", "Укажите авторов материала.")) }
        if let link = item.link, !(link.hasPrefix("https://") || link.hasPrefix("http://")) {
            issues.append(FieldIssue("link", "Ссылка должна начинаться с https:// или http://."))
        }
        if item.kind == .webinar && item.link == nil && item.fileID == nil {
            issues.append(FieldIssue("link", "Для вебинара укажите ссылку на запись или приложите файл."))
        }
        if item.kind == .caseStudy && item.mentorshipID == nil {
            issues.append(FieldIssue("mentorshipID", "Кейс оформляется по завершённой паре (группе): выберите её."))
        }
        return issues
    }

    /// Where an item goes when its author submits it: an organisation-level item is published at once,
    /// anything wider waits for the moderator of that level.
    public static func submit(_ item: PracticeItem, by name: String, on day: Day) throws -> PracticeItem {
        guard item.status == .draft || item.status == .rejected else {
            throw ValidationError("status", "Материал уже \(item.status == .pending ? "на модерации" : "опубликован").")
        }
        try ValidationError.check(validate(item))
        var out = item
        out.rejectionReason = nil
        if item.level.moderator == nil {
            out.status = .published
            out.moderatedBy = name
            out.moderatedOn = day
        } else {
            out.status = .pending
            out.moderatedBy = nil
            out.moderatedOn = nil
        }
        return out
    }

    /// The moderator's decision; a rejection needs its reason.
    public static func moderate(_ item: PracticeItem, approve: Bool, reason: String?, by name: String, on day: Day) throws -> PracticeItem {
        guard item.status == .pending else { throw ValidationError("status", "Материал не на модерации: его статус — «\(item.status.label)».") }
        var out = item
        if approve {
            out.status = .published
            out.rejectionReason = nil
        } else {
            guard let reason = reason.nonBlank else { throw ValidationError("reason", "Укажите причину отклонения: автор увидит её.") }
            out.status = .rejected
            out.rejectionReason = reason
        }
        out.moderatedBy = name
        out.moderatedOn = day
        return out
    }

    /// Whether a reader placed at `reader` (nil parts are «above» that level, as for a regional operator) sees a
    /// published item of an organisation placed at `item`. Unpublished items are for their authors and moderators.
    public static func isReadable(_ level: PublicationLevel, item: Placement, reader: Placement) -> Bool {
        switch level {
        case .open: true
        case .region: item.regionID != nil && item.regionID == reader.regionID
        case .municipality: item.municipalityID != nil && item.municipalityID == reader.municipalityID
        case .organisation: item.organisationID != nil && item.organisationID == reader.organisationID
        }
    }

    /// A case's draft from a completed mentorship (seed 003 item 31: «оформление итогов работы пары»): what the
    /// pair set out to do, what it did and what came of it. People are named only as the author allows; the
    /// mentees are never named (they may be minors), only counted.
    public static func caseDraft(
        _ file: MentorshipFile, organisationID: UUID, mentorNames: [String], menteeCount: Int, createdBy: String, on day: Day
    ) throws -> PracticeItem {
        let m = file.mentorship
        guard m.status == .completed else {
            throw ValidationError("mentorshipID", "Кейс оформляется по завершённой паре (группе); эта — «\(m.status.label)».")
        }
        let held = file.meetings.filter { $0.status == .held }
        let done = file.tasks.filter { $0.status == .done }.count
        var text: [String] = []
        text.append("Форма наставничества: \(m.form.label); вид: \(m.kind.label). Период: \(m.start.russian) – \((m.actualEnd ?? m.plannedEnd).russian).")
        text.append("Наставляемых: \(menteeCount).")
        if let p = file.programme {
            text.append("Цели программы: \(p.goals)")
            text.append("Ожидаемые результаты: \(p.expectedResults)")
        }
        if !file.tasks.isEmpty { text.append("Выполнено задач программы: \(done) из \(file.tasks.count).") }
        text.append("Проведено встреч: \(held.count).")
        let outcomes = held.compactMap(\.outcome.nonBlank).suffix(3)
        if !outcomes.isEmpty { text.append("Итоги встреч: " + outcomes.joined(separator: "; ") + ".") }
        if let r = m.resultSummary.nonBlank { text.append("Результат: \(r)") }
        return PracticeItem(
            kind: .caseStudy, title: "Кейс: \(m.title.nonBlank ?? m.form.label)", description: text.joined(separator: "\n"),
            authors: mentorNames.joined(separator: ", "), organisationID: organisationID, forms: [m.form],
            tags: ["кейс", m.kind.label], mentorshipID: m.id, createdOn: day, createdBy: createdBy)
    }
}
