import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// Form fields that need data: who may be chosen as mentor, mentee, author, attendee.
enum MentorshipForms {
    /// Mentor base of the organisation plus network mentors of its municipality; mentee base of the organisation.
    static func choices(_ req: Request, organisationID: UUID) async throws -> (mentors: [(String, String)], mentees: [(String, String)]) {
        let today = req.today
        let mun = try await OrganisationRecord.find(organisationID, on: req.db)?.municipalityID
        let neighbours = try await OrganisationRecord.query(on: req.db).filter(\.$municipalityID == (mun ?? UUID())).all(\.$id)
        let mentorProfiles = try await MentorProfileRecord.query(on: req.db).filter(\.$status != MentorStatus.left.rawValue)
            .group(.or) { g in
                g.filter(\.$organisationID == organisationID)
                g.group(.and) { $0.filter(\.$network == true).filter(\.$organisationID ~~ neighbours) }
            }.all().map(\.core)
        let menteeProfiles = try await MenteeProfileRecord.query(on: req.db).filter(\.$organisationID == organisationID)
            .filter(\.$status != MenteeStatus.left.rawValue).all().map(\.core)
        let people = try await MentorshipStore.people(req.db, mentorProfiles.map(\.personID) + menteeProfiles.map(\.personID))
        // Who is a mentee in an open pair now, by form: the base's status «ожидает» does not follow every pairing
        // (the form walk chose such mentees and was refused «уже состоит в действующей паре»).
        let participations = try await MentorshipStore.all(ParticipantRecord.self, req.db, \.$personID, in: menteeProfiles.map(\.personID))
            .filter { $0.role == .mentee && $0.isCurrent }
        let open = try await MentorshipStore.openMentorships(req.db, of: participations).open
        let engaged = Dictionary(grouping: participations.compactMap { p in open[p.mentorshipID].map { (p.personID, $0.form.label) } }, by: \.0).mapValues { $0.map(\.1) }
        let mentors = mentorProfiles.compactMap { m -> (String, String, String)? in
            guard let p = people[m.personID] else { return nil }
            let exp = p.pedagogicalExperience(on: today).map { "пед. стаж \($0.russian)" }
            let extra = [exp, "до \(m.capacity) наставл.", m.organisationID == organisationID ? nil : "сетевой"].compactMap { $0 }.joined(separator: ", ")
            return (m.personID.uuidString, "\(p.fullName) — \(extra)", p.fullName)
        }.sorted { $0.2 < $1.2 }.map { ($0.0, $0.1) }
        let mentees = menteeProfiles.compactMap { m -> (String, String, String, Bool)? in
            guard let p = people[m.personID] else { return nil }
            let cats = BaseRules.displayCategories(m, person: p, on: today).first ?? m.mainRequest.label
            if let forms = engaged[m.personID] {
                return (m.personID.uuidString, "\(p.fullName) — \(cats); уже в паре (\(forms.joined(separator: ", ")))", p.fullName, false)
            }
            return (m.personID.uuidString, "\(p.fullName) — \(cats); \(m.status.label)", p.fullName, m.status == .waiting)
        }.sorted { ($0.3 ? 0 : 1, $0.2) < ($1.3 ? 0 : 1, $1.2) }.map { ($0.0, $0.1) }
        return (mentors, mentees)
    }

    static func fields(_ req: Request, _ i: MentorshipInput) async throws -> [FormField] {
        let orgs = try await Scope.writableOrganisations(req, .mentorship)
        guard !orgs.isEmpty else { throw Abort(.forbidden, reason: "Ваша роль не позволяет формировать пары и группы.") }
        let orgField = FormField("organisationID", "Организация", .select(orgs.map { ($0.id.uuidString, $0.shortName) }, blank: "— выберите —"), value: i.organisationID, required: true)
        guard let org = i.organisationID.nonBlank.flatMap({ UUID(uuidString: $0) }), orgs.contains(where: { $0.id == org }) else {
            return [orgField, FormField("form", "", .hidden, value: i.form)]
        }
        let (mentors, mentees) = try await choices(req, organisationID: org)
        return [
            orgs.count == 1 ? FormField("organisationID", "", .hidden, value: i.organisationID) : orgField,
            .choice("form", "Форма наставничества", MentorshipForm.self, value: i.form, blank: nil, required: true),
            .choice("kind", "Вид", MentorshipKind.self, value: i.kind, blank: nil),
            .choice("format", "Формат", WorkFormat.self, value: i.format, blank: nil),
            FormField("title", "Название группы (необязательно)", value: i.title),
            FormField("start", "Начало", .date, value: i.start, required: true),
            FormField("plannedEnd", "Плановое окончание", .date, value: i.plannedEnd, required: true),
            FormField("mentors", "Наставник(и)", .checkboxes(mentors.map { ($0.0, $0.1) }), values: i.mentors ?? [],
                hint: mentors.isEmpty ? "В базе наставников организации пока никого нет." : nil),
            FormField("mentees", "Наставляемый(е)", .checkboxes(mentees.map { ($0.0, $0.1) }), values: i.mentees ?? [],
                hint: mentees.isEmpty ? "В базе наставляемых организации пока никого нет." : "Сначала — ожидающие наставника."),
            FormField("justification", "Обоснование, если у наставника-педагога стаж 3 года и меньше", .textarea, value: i.justification),
        ]
    }

    static func replaceFields(_ req: Request, _ i: ReplaceInput) async throws -> [FormField] {
        let d = try await MentorshipStore.require(req, try req.uuid("id"), .write)
        let (mentors, mentees) = try await choices(req, organisationID: d.mentorship.organisationID)
        let current = Set(d.file.participants.filter(\.isCurrent).map(\.personID.uuidString))
        return [
            FormField("participantID", "Кого заменить", .select(d.file.participants.filter(\.isCurrent).map { ($0.id.uuidString, "\(d.name($0.personID)) (\($0.role.label))") }, blank: "— выберите —"), value: i.participantID, required: true),
            FormField("newPersonID", "Кто займёт место", .select((mentors + mentees).filter { !current.contains($0.0) }.map { ($0.0, $0.1) }, blank: "— выберите —"), value: i.newPersonID, required: true,
                hint: "Наставника заменяют наставником из базы наставников, наставляемого — наставляемым."),
            FormField("date", "Дата замены", .date, value: i.date, required: true),
            FormField("reason", "Причина", .textarea, value: i.reason, required: true),
            FormField("justification", "Обоснование, если у нового наставника-педагога стаж 3 года и меньше", .textarea, value: i.justification),
        ]
    }

    static func meetingFields(_ req: Request, _ d: MentorshipDossier, _ i: MeetingInput) async throws -> [FormField] {
        [
            .choice("type", "Вид встречи", MeetingType.self, value: i.type, blank: nil),
            FormField("date", "Дата", .date, value: i.date, required: true),
            FormField("time", "Время (чч:мм, местное — \(d.zone.label(on: req.today)))", value: i.time, required: true),
            FormField("durationMinutes", "Продолжительность, мин", .number, value: i.durationMinutes?.value.map(String.init)),
            .choice("format", "Формат", WorkFormat.self, value: i.format ?? d.mentorship.format.rawValue, blank: nil),
            FormField("place", "Место или ссылка", value: i.place),
            FormField("agenda", "Повестка", .textarea, value: i.agenda, required: true),
            .choice("status", "Состояние", MeetingStatus.self, value: i.status, blank: nil),
            FormField("outcome", "Итог (для проведённой встречи)", .textarea, value: i.outcome),
            FormField("attendees", "Присутствовали", .checkboxes(d.file.participants.filter(\.isCurrent).map { ($0.personID.uuidString, "\(d.name($0.personID)) (\($0.role.label))") }), values: i.attendees ?? []),
        ]
    }

    /// Curators choose whose paper questionnaire they record; a mentor or mentee fills their own.
    static func authorField(_ req: Request, _ d: MentorshipDossier, _ value: String?, roles: Set<ParticipantRole>, name: String = "authorPersonID") throws -> [FormField] {
        if try req.user.actor.role.scopeLevel == .person { return [] }
        let options = d.file.participants.filter { $0.isCurrent && roles.contains($0.role) }.map { ($0.personID.uuidString, "\(d.name($0.personID)) (\($0.role.label))") }
        return [FormField(name, "Чья анкета", .select(options, blank: "— выберите —"), value: value, required: true)]
    }
}
