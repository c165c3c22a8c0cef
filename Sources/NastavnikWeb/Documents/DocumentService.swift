import Fluent
import Foundation
import NastavnikCore
import NastavnikOffice
import NastavnikStore
import Vapor

/// What to generate: the type, and for a pairs order the pairs, for a programme the pair, for a consent the person.
struct GenerateInput: Content {
    var type: String?
    var mentorshipIDs: [String]?
    var mentorshipID: String?
    var personID: String?
    var representative: String?
    var headName: String?
    var headPosition: String?
    /// `download` or `register`.
    var action: String?
}

/// Documents from live data: loading what a document needs in the caller's scope, choosing the template
/// (the municipality's, else the region's, else the default), and the registry of local acts.
enum DocumentService {
    static func organisationNames(_ db: any Database, _ org: Organisation) async throws -> (municipality: String, region: String, regionID: UUID?) {
        let mun = try await MunicipalityRecord.find(org.municipalityID, on: db)
        var region: RegionRecord?
        if let mun { region = try await RegionRecord.find(mun.regionID, on: db) }
        return (mun?.name ?? "", region?.name ?? "", mun?.regionID)
    }

    /// Officials of the organisation from its accounts: the director and the curators, with positions from
    /// their place of work when the account is linked to a person.
    static func officials(_ db: any Database, _ orgID: UUID, role: Role, fallback: String) async throws -> [DocumentData.Official] {
        let accounts = try await AccountRecord.query(on: db).filter(\.$organisationID == orgID).filter(\.$role == role.rawValue).filter(\.$active == true).sort(\.$fullName).all()
        var out: [DocumentData.Official] = []
        for a in accounts {
            var position = fallback
            if let pid = a.personID, let m = try await MembershipRecord.query(on: db).filter(\.$personID == pid).filter(\.$organisationID == orgID).first(), let p = m.position.nonBlank {
                position = p
            }
            out.append(.init(fullName: a.fullName, position: position.prefix(1).uppercased() + position.dropFirst()))
        }
        return out
    }

    /// «Иванова Мария Петровна, учитель математики» or «…, 7Б».
    static func describe(_ person: Person, _ memberships: [Membership], orgID: UUID) -> String {
        let m = memberships.first { $0.personID == person.id && $0.organisationID == orgID }
        let detail = m?.grade.map { "обучающийся \($0) класса" } ?? m?.position
        return [person.fullName, detail].compactMap { $0 }.joined(separator: ", ")
    }

    /// Rows of the pairs order: every mentor with position and organisation («Петрова Анна Сергеевна, учитель математики
    /// МБОУ СОШ № 12» — a network mentor by their own school), mentees with position or class.
    static func pairLines(_ db: any Database, _ files: [MentorshipFile], orgID: UUID) async throws -> [DocumentData.PairLine] {
        let ids = files.flatMap { $0.participants.filter(\.isCurrent).map(\.personID) }
        let people = try await MentorshipStore.people(db, ids)
        let memberships = try await MentorshipStore.all(MembershipRecord.self, db, \.$personID, in: ids)
        let byPerson = Dictionary(grouping: memberships, by: \.personID)
        let orgIDs = Array(Set(memberships.map(\.organisationID)))
        let orgNames = Dictionary(try await MentorshipStore.all(OrganisationRecord.self, db, \.$municipalityID, in: try await MatchingService.municipalities(db, orgIDs))
            .map { ($0.id, $0.shortName) }, uniquingKeysWith: { a, _ in a })
        return files.map { f in
            let m = f.mentorship
            func current(_ role: ParticipantRole) -> [Person] {
                f.participants.filter { $0.role == role && $0.isCurrent }.compactMap { people[$0.personID] }
            }
            let mentors = current(.mentor).map { p in
                let place = Affiliation.place(byPerson[p.id] ?? [], preferring: [m.organisationID, orgID], on: m.start)
                return Affiliation.line(p.fullName, position: place?.position, organisation: place.flatMap { orgNames[$0.organisationID] })
            }
            // The programme and its tasks go to appendix 2 of the pairs order (shown there only once approved).
            return .init(mentors: mentors, mentees: current(.mentee).map { describe($0, memberships, orgID: orgID) }, form: m.form, kind: m.kind, start: m.start, end: m.plannedEnd,
                         programme: f.programme, tasks: f.tasks)
        }
    }

    /// The pairs a pairs order lists — its DOCX appendix and its page in the registry alike: the organisation's pairs
    /// among `ids`, by start, then in the order of `ids`, with their lines.
    static func orderPairs(_ db: any Database, orgID: UUID, ids: [UUID]) async throws -> (files: [MentorshipFile], lines: [DocumentData.PairLine]) {
        let rank = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let pairs = try await MentorshipStore.find(MentorshipRecord.self, db, ids: ids).map(\.core)
            .filter { $0.organisationID == orgID }
            .sorted { ($0.start, rank[$0.id] ?? 0) < ($1.start, rank[$1.id] ?? 0) }
        let files = try await MentorshipStore.files(db, pairs)
        return (files, try await pairLines(db, files, orgID: orgID))
    }

    /// Loads the data for `input` at organisation `org`; every referenced pair or person must belong to it.
    static func data(_ req: Request, _ org: Organisation, _ type: DocumentType, _ input: GenerateInput) async throws -> (DocumentData, mentorships: [UUID], person: UUID?) {
        let db = req.db
        let names = try await organisationNames(db, org)
        var head = try await officials(db, org.id, role: .director, fallback: "директор").first
        if let name = input.headName.nonBlank { head = .init(fullName: name, position: input.headPosition.nonBlank ?? head?.position ?? "Директор") }
        var data = DocumentData(
            organisation: org, municipality: names.municipality, region: names.region, head: head,
            curators: try await officials(db, org.id, role: .curator, fallback: "куратор"), today: req.today)
        var mentorshipIDs: [UUID] = []
        var personID: UUID?
        switch type.subject {
        case .organisation where type == .pairsOrder:
            var r = InputReader()
            let chosen = r.uuids(input.mentorshipIDs, "mentorshipIDs")
            try r.check()
            let forming = try await MentorshipRecord.query(on: db).filter(\.$organisationID == org.id).filter(\.$status == MentorshipStatus.forming.rawValue).all().map(\.core)
            guard !forming.isEmpty else {
                throw ValidationError("mentorshipIDs", "Нет формирующихся пар (групп), которые закрепляет приказ: сначала сформируйте пары или утвердите подбор.")
            }
            // An order names its pairs: an empty list fixes nothing (it once fixed every forming pair of the school).
            guard !chosen.isEmpty else {
                throw ValidationError("mentorshipIDs", "Отметьте пары (группы), которые закрепляет приказ: без них приказ ничего не закрепляет.")
            }
            let picked = forming.filter { chosen.contains($0.id) }
            if picked.count < chosen.count { throw ValidationError("mentorshipIDs", "Приказом закрепляются только формирующиеся пары (группы) этой организации.") }
            let listed = try await orderPairs(db, orgID: org.id, ids: picked.map(\.id))
            data.pairs = listed.lines
            mentorshipIDs = listed.files.map(\.mentorship.id)
        case .mentorship:
            guard let id = input.mentorshipID.nonBlank.flatMap(UUID.init(uuidString:)) else { throw ValidationError("mentorshipID", "Выберите пару (группу).") }
            let d = try await MentorshipStore.require(req, id, .read, .programme)
            guard d.organisation.id == org.id else { throw ValidationError("mentorshipID", "Пара (группа) из другой организации.") }
            guard let programme = d.file.programme else { throw ValidationError("mentorshipID", "У пары (группы) ещё нет персонализированной программы.") }
            data.programme = programme
            data.tasks = d.file.tasks
            data.programmePair = try await pairLines(db, [d.file], orgID: org.id).first
            mentorshipIDs = [id]
        case .person:
            guard let id = input.personID.nonBlank.flatMap(UUID.init(uuidString:)) else { throw ValidationError("personID", "Выберите человека.") }
            let (person, memberships) = try await Scope.requirePerson(req, id, .read)
            guard memberships.contains(where: { $0.organisationID == org.id }) else { throw ValidationError("personID", "Человек не работает и не учится в этой организации.") }
            if type == .consentAdult, person.isMinor(on: req.today) {
                throw ValidationError("type", "\(person.shortName) несовершеннолетний: согласие оформляет родитель (законный представитель) — выберите «\(DocumentType.consentParent.label)».")
            }
            if type == .consentParent, !person.isMinor(on: req.today) {
                throw ValidationError("type", "\(person.shortName) совершеннолетний: согласие подписывает он сам — выберите «\(DocumentType.consentAdult.label)».")
            }
            data.person = person
            let consents = try await ConsentRecord.query(on: db).filter(\.$personID == id).all().map(\.core)
            data.representative = input.representative.nonBlank ?? consents.compactMap(\.representativeName).last
            personID = id
        default:
            break
        }
        return (data, mentorshipIDs, personID)
    }

    /// The template that applies to an organisation: its municipality's, else its region's, else the default.
    static func template(_ db: any Database, _ type: DocumentType, org: Organisation, regionID: UUID?) async throws -> (DocxTemplate?, String) {
        let all = try await DocumentTemplateRecord.query(on: db).filter(\.$kind == type.rawValue).all()
        let chosen = all.first { $0.municipalityID == org.municipalityID } ?? all.first { $0.municipalityID == nil && $0.regionID != nil && $0.regionID == regionID }
        guard let chosen, let file = try await StoredFileRecord.find(chosen.fileID, on: db) else { return (nil, "шаблон по умолчанию") }
        let level = chosen.municipalityID != nil ? "муниципалитета" : "региона"
        return (try DocxTemplate(data: file.bytes), "шаблон \(level) «\(chosen.fileName)»")
    }

    static func generate(_ req: Request, _ org: Organisation, _ input: GenerateInput) async throws -> (GeneratedFile, DocumentType, [UUID], UUID?) {
        guard let type = input.type.flatMap(DocumentType.init(rawValue:)) else { throw ValidationError("type", "Выберите документ.") }
        let (data, mentorships, person) = try await self.data(req, org, type, input)
        let regionID = try await organisationNames(req.db, org).regionID
        let (template, _) = try await template(req.db, type, org: org, regionID: regionID)
        do {
            return (try DocumentBuilder.build(type, data, template: template), type, mentorships, person)
        } catch let e as OOXMLError {
            throw ValidationError("type", "Шаблон документа не удалось применить: \(e.message)")
        }
    }

    /// Stores a generated (or uploaded) file and enters it in the registry as a draft.
    static func register(_ req: Request, _ org: Organisation, kind: LocalActKind, title: String, file: GeneratedFile?, mentorships: [UUID], person: UUID?) async throws -> LocalAct {
        let user = try req.user
        let stored = file.map { StoredFileRecord(name: $0.name, contentType: DownloadType.docx.contentType, bytes: $0.data, uploadedBy: user.login) }
        let act = LocalAct(organisationID: org.id, kind: kind, title: title, fileID: stored?.id, fileName: stored?.name, mentorshipIDs: mentorships, personID: person, createdOn: req.today)
        try ValidationError.check(LocalActRules.validateNew(act, today: req.today))
        try await req.db.transaction { db in
            try await stored?.create(on: db)
            try await LocalActRecord(act).create(on: db)
        }
        return act
    }

    /// The act if the caller may see it (and change it, for `.write`).
    static func require(_ req: Request, _ id: UUID, _ action: Action) async throws -> (LocalAct, Organisation) {
        guard let record = try await LocalActRecord.find(id, on: req.db) else { throw Abort(.notFound, reason: "Документ не найден или вне вашей зоны доступа.") }
        let org = try await Scope.requireOrganisation(req, record.organisationID, action, .localAct)
        return (try record.core, org)
    }
}
