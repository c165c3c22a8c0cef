import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

extension PracticeItem: Content {}

/// A new or changed bank item as a form or the API sends it.
struct PracticeInput: Content {
    var kind: String?
    var title: String?
    var description: String?
    var authors: String?
    var organisationID: String?
    var forms: [String]?
    var tags: String?
    var link: String?
    var level: String?
    var file: File?

    init(_ p: PracticeItem? = nil) {
        kind = p?.kind.rawValue
        title = p?.title
        description = p?.description
        authors = p?.authors
        organisationID = p?.organisationID.uuidString
        forms = p?.forms.map(\.rawValue)
        tags = p?.tags.joined(separator: ", ")
        link = p?.link
        level = p?.level.rawValue
    }
}

struct ModerationInput: Content {
    /// «approve» or «reject».
    var decision: String?
    var reason: String?
}

/// The filters of the bank's list and search.
struct PracticeFilter: Content {
    var q: String?
    var kind: String?
    var form: String?
    var tag: String?
    var level: String?
    var organisationID: String?
    var status: String?
}

/// An item with what the reader may do with it.
struct PracticeView: Content {
    var item: PracticeItem
    var organisation: String
    var mayEdit: Bool
    var mayModerate: Bool
    var score: Double?
    var snippet: String?
}

/// The bank of programmes and practices: who reads what, who edits and moderates, search.
enum PracticeService {
    struct Context {
        var actor: Actor
        var places: [UUID: Placement]
        var names: [UUID: String]
    }

    /// Where the items' organisations sit and their names: only those organisations are read.
    static func context(_ req: Request, organisations ids: [UUID]) async throws -> Context {
        let orgs = try await MentorshipStore.find(OrganisationRecord.self, req.db, ids: ids)
        let muns = Dictionary(try await MentorshipStore.find(MunicipalityRecord.self, req.db, ids: orgs.map(\.municipalityID)).map { ($0.id!, $0.regionID) },
                              uniquingKeysWith: { a, _ in a })
        var places: [UUID: Placement] = [:]
        for o in orgs { places[o.id!] = Placement(regionID: muns[o.municipalityID], municipalityID: o.municipalityID, organisationID: o.id) }
        return Context(actor: try req.user.actor, places: places, names: Dictionary(orgs.map { ($0.id!, $0.shortName) }, uniquingKeysWith: { a, _ in a }))
    }

    /// Organisation staff edit their organisation's items; a mentor edits the items they are an author of.
    static func mayEdit(_ c: Context, _ p: PracticeItem) -> Bool {
        let a = c.actor
        if a.role == .mentor { return a.personID.map(p.authorPersonIDs.contains) ?? false }
        guard a.role.scopeLevel == .organisation || a.role == .administrator, let place = c.places[p.organisationID] else { return false }
        return AccessPolicy.allows(a, .write, .practice, at: place)
    }

    /// The moderator of the item's level (or a level above it) over the item's organisation.
    static func mayModerate(_ c: Context, _ p: PracticeItem) -> Bool {
        guard p.status == .pending, let level = p.level.moderator, let place = c.places[p.organisationID] else { return false }
        return c.actor.role.scopeLevel.rank <= level.rank && AccessPolicy.allows(c.actor, .write, .practice, at: place)
    }

    /// Published items reach their level's readers and everyone above the organisation in the hierarchy;
    /// unpublished ones only those who edit or moderate them.
    static func mayRead(_ c: Context, _ p: PracticeItem) -> Bool {
        guard let place = c.places[p.organisationID] else { return false }
        if p.status == .published {
            if PracticeRules.isReadable(p.level, item: place, reader: c.actor.placement) { return true }
            return c.actor.role.scopeLevel != .person && c.actor.role != .regionalTutor && AccessPolicy.allows(c.actor, .read, .practice, at: place)
        }
        return mayEdit(c, p) || mayModerate(c, p) || (p.status != .draft && c.actor.role.scopeLevel != .person && c.actor.role != .regionalTutor
            && AccessPolicy.allows(c.actor, .write, .practice, at: place) && p.level.moderator != nil)
    }

    static func view(_ c: Context, _ p: PracticeItem, score: Double? = nil, snippet: String? = nil) -> PracticeView {
        PracticeView(item: p, organisation: c.names[p.organisationID] ?? "—", mayEdit: mayEdit(c, p), mayModerate: mayModerate(c, p), score: score, snippet: snippet)
    }

    /// The items the reader may see that pass the filters; with a query, the best matches first.
    static func search(_ req: Request, _ f: PracticeFilter) async throws -> [PracticeView] {
        var q = PracticeItemRecord.query(on: req.db)
        if let k = f.kind.nonBlank.flatMap(PracticeKind.parse) { q = q.filter(\.$kind == k.rawValue) }
        if let l = f.level.nonBlank.flatMap(PublicationLevel.parse) { q = q.filter(\.$level == l.rawValue) }
        if let s = f.status.nonBlank.flatMap(ModerationStatus.parse) { q = q.filter(\.$status == s.rawValue) }
        if let o = f.organisationID.nonBlank.flatMap(UUID.init(uuidString:)) { q = q.filter(\.$organisationID == o) }
        let form = f.form.nonBlank.flatMap(MentorshipForm.parse)
        let tag = f.tag.nonBlank?.lowercased()
        let all = try await q.all().map { try $0.core }
        let c = try await context(req, organisations: all.map(\.organisationID))
        let items = all.filter { p in
            mayRead(c, p) && (form.map(p.forms.contains) ?? true) && (tag.map(p.tags.contains) ?? true)
        }.sorted { ($0.createdOn, $0.title) > ($1.createdOn, $1.title) }
        guard let query = f.q.nonBlank else { return items.map { view(c, $0) } }
        let byID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return TextSearch.search(query, in: items.map(\.searchDocument)).compactMap { hit in
            byID[hit.id].map { view(c, $0, score: hit.score, snippet: TextSearch.snippet($0.description, query: query)) }
        }
    }

    static func require(_ req: Request, _ id: UUID) async throws -> (PracticeView, Context) {
        let item = try await PracticeItemRecord.find(id, on: req.db)?.core
        let c = try await context(req, organisations: item.map { [$0.organisationID] } ?? [])
        guard let p = item, mayRead(c, p) else {
            throw Abort(.notFound, reason: "Материал не найден или недоступен вам.")
        }
        return (view(c, p), c)
    }

    static func requireEditable(_ req: Request, _ id: UUID) async throws -> PracticeItem {
        let (v, _) = try await require(req, id)
        guard v.mayEdit else { throw Abort(.forbidden, reason: "Изменять материал могут его авторы и куратор (руководитель) его организации.") }
        return v.item
    }

    /// Organisations the caller may add an item for: their own, or a mentor's organisations.
    static func organisations(_ req: Request) async throws -> [Organisation] {
        let actor = try req.user.actor
        if actor.role == .mentor, let pid = actor.personID {
            let ids = try await MembershipRecord.query(on: req.db).filter(\.$personID == pid).all().map(\.organisationID)
            return try await OrganisationRecord.query(on: req.db).filter(\.$id ~~ ids).sort(\.$shortName).all().map { try $0.core }
        }
        guard actor.role.scopeLevel == .organisation || actor.role == .administrator else { return [] }
        return try await Scope.writableOrganisations(req, .practice)
    }

    /// Reads the input into `base` (a new item or the one being edited); rule problems are thrown together.
    static func apply(_ req: Request, _ input: PracticeInput, to base: PracticeItem?) async throws -> (PracticeItem, StoredFileRecord?) {
        var r = InputReader()
        let kind: PracticeKind? = r.choice(input.kind, "kind", "Выберите вид материала.", default: base?.kind)
        let level: PublicationLevel? = r.choice(input.level, "level", "Выберите уровень публикации.", default: base?.level ?? .organisation)
        let allowed = try await organisations(req)
        let orgID = input.organisationID.nonBlank.flatMap(UUID.init(uuidString:)) ?? base?.organisationID ?? (allowed.count == 1 ? allowed[0].id : nil)
        if orgID == nil || (base == nil && !allowed.contains { $0.id == orgID }) {
            r.issues.append(.init("organisationID", "Выберите свою организацию: материал публикуется от её имени."))
        }
        let forms = (input.forms ?? []).compactMap(MentorshipForm.parse)
        try r.check()
        let user = try req.user
        let stored = try input.file.flatMap { f -> StoredFileRecord? in
            guard f.data.readableBytes > 0 else { return nil }
            return StoredFileRecord(name: f.filename, contentType: f.contentType?.serialize() ?? "application/octet-stream", bytes: Data(buffer: f.data), uploadedBy: user.login)
        }
        var p = base ?? PracticeItem(kind: kind!, title: "", description: "", authors: "", organisationID: orgID!, createdOn: req.today, createdBy: user.fullName)
        p.kind = kind!
        p.level = level!
        p.title = input.title.nonBlank ?? ""
        p.description = input.description.nonBlank ?? ""
        p.authors = input.authors.nonBlank ?? (base == nil ? user.fullName : "")
        p.forms = forms
        p.tags = PracticeRules.tags(input.tags)
        p.link = input.link.nonBlank
        if let stored {
            p.fileID = stored.id
            p.fileName = stored.name
        }
        if base == nil, user.actor.role == .mentor, let pid = user.actor.personID { p.authorPersonIDs = [pid] }
        // A published item that is changed goes back through moderation.
        if base?.status == .published, p.level.moderator != nil, p != base { p.status = .draft }
        try ValidationError.check(PracticeRules.validate(p))
        return (p, stored)
    }

    /// Saves an item. A case of a pair is anonymised first, whoever wrote its text: its participants' names become
    /// «[наставляемый]», «[наставник]» (the mentees may be minors and a case may be read across the country).
    @discardableResult
    static func write(_ db: any Database, _ item: PracticeItem, file: StoredFileRecord?) async throws -> PracticeItem {
        var p = item
        if p.kind == .caseStudy, let mid = p.mentorshipID {
            p = PracticeRules.anonymised(p, by: try await anonymiser(db, mentorship: mid).names).item
        }
        let saved = p
        try await db.transaction { db in
            try await file?.create(on: db)
            if let record = try await PracticeItemRecord.find(saved.id, on: db) {
                record.apply(saved)
                try await record.save(on: db)
            } else {
                try await PracticeItemRecord(saved).create(on: db)
            }
        }
        return saved
    }

    /// The names a case of this pair must not carry (its participants, mentees first), and the pair's file.
    static func anonymiser(_ db: any Database, mentorship id: UUID) async throws -> (names: NameAnonymiser, file: MentorshipFile?) {
        guard let m = try await MentorshipRecord.find(id, on: db)?.core, let file = try await MentorshipStore.files(db, [m]).first else {
            return (NameAnonymiser([]), nil)
        }
        let people = try await MentorshipStore.people(db, file.participants.map(\.personID))
        return (NameAnonymiser.participants(file.participants.compactMap { p in people[p.personID].map { ($0, p.role) } }), file)
    }

    /// What anonymising a case takes out, for its moderator and authors: `drafted` — the names the pair's data
    /// («Оформить кейс» copies goals, meeting outcomes and the result) held and the draft replaced; `remaining` —
    /// names still in the text as it stands (an item saved before cases were anonymised). nil: not a case of a pair.
    static func caseNames(_ db: any Database, _ p: PracticeItem) async throws -> (drafted: [NameAnonymiser.Replacement], remaining: [NameAnonymiser.Replacement])? {
        guard p.kind == .caseStudy, let mid = p.mentorshipID else { return nil }
        let (names, file) = try await anonymiser(db, mentorship: mid)
        let raw = file.flatMap { try? PracticeRules.caseDraft($0, organisationID: p.organisationID, mentorNames: [], menteeCount: 0, createdBy: "", on: p.createdOn) }
        return (raw.map { PracticeRules.anonymised($0, by: names).replacements } ?? [], PracticeRules.anonymised(p, by: names).replacements)
    }

    static func create(_ req: Request, _ input: PracticeInput) async throws -> PracticeItem {
        let actor = try req.user.actor
        guard AccessPolicy.permits(actor.role, .write, .practice), !(try await organisations(req)).isEmpty else {
            throw Abort(.forbidden, reason: "Добавлять материалы в банк могут наставники, кураторы и руководители организаций.")
        }
        let (p, file) = try await apply(req, input, to: nil)
        return try await write(req.db, p, file: file)
    }

    static func update(_ req: Request, _ id: UUID, _ input: PracticeInput) async throws -> PracticeItem {
        let base = try await requireEditable(req, id)
        let (p, file) = try await apply(req, input, to: base)
        return try await write(req.db, p, file: file)
    }

    static func submit(_ req: Request, _ id: UUID) async throws -> PracticeItem {
        let base = try await requireEditable(req, id)
        let p = try PracticeRules.submit(base, by: try req.user.fullName, on: req.today)
        return try await write(req.db, p, file: nil)
    }

    static func moderate(_ req: Request, _ id: UUID, _ input: ModerationInput) async throws -> PracticeItem {
        let (v, _) = try await require(req, id)
        guard v.mayModerate else {
            throw Abort(.forbidden, reason: "Модерирует материал уровень, на котором он публикуется: муниципалитет или регион этой организации.")
        }
        guard let decision = input.decision, decision == "approve" || decision == "reject" else {
            throw ValidationError("decision", "Выберите решение: опубликовать или отклонить.")
        }
        let p = try PracticeRules.moderate(v.item, approve: decision == "approve", reason: input.reason, by: try req.user.fullName, on: req.today)
        return try await write(req.db, p, file: nil)
    }

    /// The pair's mentors, its organisation's curator or director, an administrator.
    static func mayMakeCase(_ actor: Actor, _ d: MentorshipDossier) -> Bool {
        let mentor = actor.personID.map { pid in d.file.participants.contains { $0.personID == pid && $0.role == .mentor } } ?? false
        return mentor || (actor.role.scopeLevel == .organisation && AccessPolicy.allows(actor, .write, .practice, at: d.placement)) || actor.role == .administrator
    }

    /// A draft case from a completed mentorship, in one step, for its organisation's curator or its mentor.
    static func caseFrom(_ req: Request, mentorship id: UUID) async throws -> PracticeItem {
        let actor = try req.user.actor
        let d = try await MentorshipStore.require(req, id, .read)
        guard mayMakeCase(actor, d) else {
            throw Abort(.forbidden, reason: "Кейс по паре оформляют её наставник или куратор организации.")
        }
        if let existing = try await PracticeItemRecord.query(on: req.db).filter(\.$mentorshipID == id).first() {
            throw ValidationError("mentorshipID", "Кейс по этой паре уже есть: «\(existing.title)».")
        }
        let mentors = d.file.participants.filter { $0.role == .mentor }.map(\.personID)
        var p = try PracticeRules.caseDraft(
            d.file, organisationID: d.mentorship.organisationID, mentorNames: mentors.compactMap { d.people[$0]?.fullName },
            menteeCount: Set(d.file.participants.filter { $0.role == .mentee }.map(\.personID)).count, createdBy: try req.user.fullName, on: req.today)
        p.authorPersonIDs = mentors
        return try await write(req.db, p, file: nil)
    }
}
