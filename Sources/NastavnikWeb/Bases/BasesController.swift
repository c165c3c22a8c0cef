import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// Pages of the two bases: «база наставников» and «база наставляемых».
struct BasesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("mentors", use: mentors)
        routes.get("mentors", "new", use: newMentor)
        routes.post("mentors", "new", use: createMentor)
        routes.get("mentors", ":id", "edit", use: editMentor)
        routes.post("mentors", ":id", "edit", use: updateMentor)
        routes.get("mentees", use: mentees)
        routes.get("mentees", "new", use: newMentee)
        routes.post("mentees", "new", use: createMentee)
        routes.get("mentees", ":id", "edit", use: editMentee)
        routes.post("mentees", ":id", "edit", use: updateMentee)
    }

    static func mentorRows(_ req: Request, _ query: BaseQuery) async throws -> ([BaseRow<MentorProfile>], Pagination) {
        let competency = query.competency.nonBlank.flatMap(Competency.parse)
        let training = query.training.nonBlank.flatMap(TrainingStatus.parse)
        let form = query.form.nonBlank.flatMap(MentorshipForm.parse)
        let network = query.network == "true"
        let municipality = query.municipalityID.nonBlank.flatMap(UUID.init(uuidString:))
        return try await BaseService.rows(req, MentorProfileRecord.self, .mentorBase, query, orgKey: \.$organisationID, personKey: \.$personID, filter: { q, match in
            var q = q
            if network { q = q.filter(\.$network == true) }
            if let municipality { q = q.filter(match.reach(.municipality(municipality))) }
            if let competency { q = q.filter(match.holds("competencies", competency.rawValue)) }
            if let training { q = q.filter(\.$training == training.rawValue) }
            if let form { q = q.filter(match.holds("forms", form.rawValue)) }
            return q
        })
    }

    static func menteeRows(_ req: Request, _ query: BaseQuery) async throws -> ([BaseRow<MenteeProfile>], Pagination) {
        let request = query.request.nonBlank.flatMap(MainRequest.parse)
        let today = req.today
        let category = query.category.nonBlank
        return try await BaseService.rows(req, MenteeProfileRecord.self, .menteeBase, query, orgKey: \.$organisationID, personKey: \.$personID, filter: { q, match in
            var q = q
            if let request { q = q.filter(\.$mainRequest == request.rawValue) }
            switch category {
            case nil: break
            case "young_specialist", "not_young": q = q.filter(match.young(category == "young_specialist", since: today.adding(years: -3), today: today))
            case let c?: q = q.filter(match.holds("categories", c))
            }
            return q
        })
    }

    static func baseFilters(_ query: BaseQuery, orgs: [Organisation], extra: [FormField]) -> [FormField] {
        [
            FormField("q", "ФИО", value: query.q),
            FormField("organisationID", "Организация", .select(orgs.map { ($0.id.uuidString, $0.shortName) }, blank: "Все"), value: query.organisationID),
            FormField("subject", "Предмет", value: query.subject),
        ] + extra
    }

    func listPage(_ req: Request, title: String, path: String, query: BaseQuery, filters: [FormField], headers: [String], rows: [[Node]], pagination: Pagination, canCreate: Bool, hint: String, csv: [[String]]) async throws -> Response {
        if query.format != nil { return try req.export(CSVTable(headers: headers, rows: csv), name: title) }
        let q: [(String, String)] = [("q", query.q), ("organisationID", query.organisationID), ("subject", query.subject), ("competency", query.competency), ("category", query.category), ("request", query.request), ("training", query.training), ("form", query.form)].map { ($0.0, $0.1 ?? "") }
        let imports = try await ImportController.links(req, [path == "/mentors" ? .mentors : .mentees])
        let html = Layout.page(try req.page(), title: title, actions: (canCreate ? [link(path + "/new", "Включить в базу", class: "btn primary")] : []) + imports + req.exportLinks) {
            el("p", ["class": "muted"]) { hint }
            Forms.filters(action: path, fields: filters)
            Layout.table(headers, rows)
            pagination.render(path: path, query: q)
        }
        return req.html(html)
    }

    @Sendable func mentors(req: Request) async throws -> Response {
        let query = try req.query.decode(BaseQuery.self)
        let (rows, pagination) = try await Self.mentorRows(req, query)
        let today = req.today
        let filters = Self.baseFilters(query, orgs: try await Lookup.visibleOrganisations(req), extra: [
            .choice("competency", "Компетенция", Competency.self, value: query.competency, blank: "Все"),
            .choice("form", "Форма", MentorshipForm.self, value: query.form, blank: "Все"),
            .choice("training", "Обучение", TrainingStatus.self, value: query.training, blank: "Все"),
        ])
        let hours = try await TrainingService.records(req.db, rows.map(\.person.id)).mapValues(\.hours)
        let texts: [[String]] = rows.map { r in
            [
                r.person.fullName, r.organisation.shortName, r.membership?.position ?? r.membership?.grade ?? "—",
                r.person.pedagogicalExperience(on: today)?.russian ?? "—", LabelledSet.labels(r.profile.competencies),
                "\(r.profile.capacity)", r.profile.training.label + (hours[r.person.id].map { $0 > 0 ? ", \($0) ч" : "" } ?? ""),
            ]
        }
        let cells: [[Node]] = zip(rows, texts).map { r, t in [link("/people/\(r.person.id)", t[0])] + t.dropFirst().map { Node.text($0) } }
        return try await listPage(req, title: "База наставников", path: "/mentors", query: query, filters: filters, headers: ["ФИО", "Организация", "Должность", "Пед. стаж", "Компетенции", "Наставляемых", "Обучение"], rows: cells, pagination: pagination, canCreate: try await !Scope.writableOrganisations(req, .mentorBase).isEmpty, hint: "Наставник, как правило, имеет педагогический стаж более 3 лет. В базу включаются только люди с действующим согласием на обработку персональных данных.", csv: texts)
    }

    @Sendable func mentees(req: Request) async throws -> Response {
        let query = try req.query.decode(BaseQuery.self)
        let (rows, pagination) = try await Self.menteeRows(req, query)
        let today = req.today
        let categories = [("young_specialist", "молодой специалист (0–3 года)"), ("not_young", "не молодой специалист")] + MenteeCategory.options
        let filters = Self.baseFilters(query, orgs: try await Lookup.visibleOrganisations(req), extra: [
            FormField("category", "Категория", .select(categories, blank: "Все"), value: query.category),
            .choice("request", "Основной запрос", MainRequest.self, value: query.request, blank: "Все"),
        ])
        let texts: [[String]] = rows.map { r in
            [
                r.person.fullName, r.organisation.shortName, r.membership?.position ?? r.membership?.grade ?? "—",
                BaseRules.displayCategories(r.profile, person: r.person, on: today).joined(separator: ", "),
                r.profile.mainRequest.label, r.profile.status.label,
            ]
        }
        let cells: [[Node]] = zip(rows, texts).map { r, t in [link("/people/\(r.person.id)", t[0])] + t.dropFirst().map { Node.text($0) } }
        return try await listPage(req, title: "База наставляемых", path: "/mentees", query: query, filters: filters, headers: ["ФИО", "Организация", "Должность / класс", "Категории", "Основной запрос", "Статус"], rows: cells, pagination: pagination, canCreate: try await !Scope.writableOrganisations(req, .menteeBase).isEmpty, hint: "«Молодой специалист» определяется по педагогическому стажу (0–3 года) на сегодня и не вводится вручную.", csv: texts)
    }

    // MARK: mentor forms

    static func mentorFields(_ i: MentorInput, orgs: [Organisation], people: [Person]?) -> [FormField] {
        var fields: [FormField] = []
        if let people {
            fields.append(FormField("personID", "Человек", .select(people.map { ($0.id.uuidString, $0.fullName) }, blank: "— выберите —"), value: i.personID, required: true))
            fields.append(FormField("organisationID", "Организация (база)", .select(orgs.map { ($0.id.uuidString, $0.shortName) }, blank: "— выберите —"), value: i.organisationID, required: true))
        }
        return fields + [
            .many("competencies", "Компетенции", Competency.self, values: i.competencies ?? []),
            FormField("interests", "Профессиональные интересы", .textarea, value: i.interests),
            .many("achievements", "Достижения", Achievement.self, values: i.achievements ?? []),
            FormField("achievementsOther", "Иные достижения", value: i.achievementsOther),
            FormField("capacity", "Сколько наставляемых одновременно", .number, value: i.capacity?.value.map(String.init) ?? "", required: true),
            FormField("availability", "Когда удобно встречаться", value: i.availability),
            .choice("training", "Обучение в школе наставников", TrainingStatus.self, value: i.training, blank: nil),
            .many("forms", "Формы, которые может вести", MentorshipForm.self, values: i.forms ?? []),
            .choice("status", "Статус", MentorStatus.self, value: i.status, blank: nil),
            FormField("network", "Готов наставлять за пределами своей организации (сетевое наставничество)", .checkbox, value: i.network),
            enteredOnField(i.enteredOn),
        ]
    }

    /// When the person entered the base: empty on a new entry means today.
    static func enteredOnField(_ value: String?) -> FormField {
        FormField("enteredOn", "Включён в базу", .date, value: value, hint: "дд.мм.гггг; пусто — сегодня. Укажите, если человек был в базе раньше, чем его внесли в систему.")
    }

    static func menteeFields(_ i: MenteeInput, orgs: [Organisation], people: [Person]?) -> [FormField] {
        var fields: [FormField] = []
        if let people {
            fields.append(FormField("personID", "Человек", .select(people.map { ($0.id.uuidString, $0.fullName) }, blank: "— выберите —"), value: i.personID, required: true))
            fields.append(FormField("organisationID", "Организация (база)", .select(orgs.map { ($0.id.uuidString, $0.shortName) }, blank: "— выберите —"), value: i.organisationID, required: true))
        }
        return fields + [
            .many("categories", "Категории", MenteeCategory.self, values: i.categories ?? [], hint: "«Молодой специалист» система определяет сама по педагогическому стажу."),
            .choice("mainRequest", "Основной запрос", MainRequest.self, value: i.mainRequest, required: true),
            FormField("requestDetails", "Запрос подробнее", .textarea, value: i.requestDetails),
            FormField("deficits", "Профессиональные дефициты", .textarea, value: i.deficits, hint: "По одному на строке"),
            .choice("preferredFormat", "Предпочитаемый формат встреч", WorkFormat.self, value: i.preferredFormat, blank: "не важно"),
            FormField("availability", "Когда удобно встречаться", value: i.availability),
            .choice("status", "Статус", MenteeStatus.self, value: i.status, blank: nil),
            enteredOnField(i.enteredOn),
        ]
    }

    /// Whom the person select offers: the chosen person, or the first 200 people in scope matching `?q=` (a name),
    /// and how many matched in all.
    func candidates(_ req: Request, personID: String?) async throws -> (people: [Person], matched: Int) {
        if let id = personID.nonBlank.flatMap({ UUID(uuidString: $0) }) {
            return ([try await Scope.requirePerson(req, id, .read).0], 1)
        }
        let (rows, pagination) = try await PeopleService.list(req, PeopleQuery(q: req.query[String.self, at: "q"], per: 200))
        return (rows.map(\.0), pagination.total)
    }

    /// A base form; with `search`, a name search above it narrows its person select (an administrator or a region
    /// saw only the first 200 people by the alphabet and could not choose anyone further down).
    func baseForm(_ req: Request, title: String, action: String, back: String, fields: [FormField], issues: [FieldIssue], status: HTTPResponseStatus,
                  search: (shown: Int, matched: Int)? = nil) throws -> Response {
        let q: String? = req.query["q"]
        let html = Layout.page(try req.page(), title: title, breadcrumbs: [(back == "/mentors" ? "База наставников" : "База наставляемых", back)]) {
            if let search {
                el("form", ["method": "get", "action": action, "class": "form compact", "role": "search"]) {
                    Forms.field(FormField("q", "Найти человека по фамилии, имени", value: q,
                                          hint: search.matched > search.shown ? "Показаны первые \(search.shown) из \(search.matched) — уточните поиск." : "Найдено: \(search.matched)."),
                                issue: nil, idSuffix: "-search")
                    el("button", ["type": "submit", "class": "btn"]) { "Найти" }
                }
            }
            Forms.form(action: action, csrf: req.csrfToken, fields: fields, issues: issues, submit: "Сохранить", cancel: back)
        }
        return req.html(html, status: status)
    }

    @Sendable func newMentor(req: Request) async throws -> Response {
        let pid: String? = req.query["personID"]
        return try await mentorNewForm(req, MentorInput(personID: pid, organisationID: try await defaultOrganisation(req, pid, .mentorBase), capacity: FlexibleInt(2), forms: [MentorshipForm.teacherTeacher.rawValue]), issues: [])
    }

    func mentorNewForm(_ req: Request, _ input: MentorInput, issues: [FieldIssue], status: HTTPResponseStatus = .ok) async throws -> Response {
        let orgs = try await Scope.writableOrganisations(req, .mentorBase)
        guard !orgs.isEmpty else { throw Abort(.forbidden, reason: "Ваша роль не позволяет вести базу наставников.") }
        let (people, matched) = try await candidates(req, personID: input.personID)
        return try baseForm(req, title: "Включить в базу наставников", action: "/mentors/new", back: "/mentors", fields: Self.mentorFields(input, orgs: orgs, people: people), issues: issues, status: status,
                            search: input.personID.nonBlank == nil ? (people.count, matched) : nil)
    }

    func defaultOrganisation(_ req: Request, _ personID: String?, _ resource: Resource) async throws -> String? {
        guard let id = personID.nonBlank.flatMap({ UUID(uuidString: $0) }) else { return nil }
        let writable = Set(try await Scope.writableOrganisations(req, resource).map(\.id))
        let (_, ms) = try await Scope.requirePerson(req, id, .read)
        return ms.first { writable.contains($0.organisationID) && $0.period.contains(req.today) }?.organisationID.uuidString
    }

    @Sendable func createMentor(req: Request) async throws -> Response {
        let input = try req.content.decode(MentorInput.self)
        do {
            let m = try await BaseService.saveMentor(req, id: nil, input)
            return req.done("/people/\(m.personID)", "Человек включён в базу наставников.")
        } catch let v as ValidationError { return try await mentorNewForm(req, input, issues: v.issues, status: .unprocessableEntity) }
    }

    @Sendable func editMentor(req: Request) async throws -> Response {
        let m = try await BaseService.requireMentor(req, try req.uuid("id"), .write)
        let input = MentorInput(competencies: m.competencies.map(\.rawValue), interests: m.interests, achievements: m.achievements.map(\.rawValue), achievementsOther: m.achievementsOther, capacity: FlexibleInt(m.capacity), availability: m.availability, training: m.training.rawValue, forms: m.forms.map(\.rawValue), status: m.status.rawValue, network: m.network ? "true" : nil, enteredOn: m.enteredOn.russian)
        return try baseForm(req, title: "Запись базы наставников", action: "/mentors/\(m.id)/edit", back: "/mentors", fields: Self.mentorFields(input, orgs: [], people: nil), issues: [], status: .ok)
    }

    @Sendable func updateMentor(req: Request) async throws -> Response {
        let id = try req.uuid("id")
        let input = try req.content.decode(MentorInput.self)
        do {
            let m = try await BaseService.saveMentor(req, id: id, input)
            return req.done("/people/\(m.personID)", "Запись базы наставников сохранена.")
        } catch let v as ValidationError {
            return try baseForm(req, title: "Запись базы наставников", action: "/mentors/\(id)/edit", back: "/mentors", fields: Self.mentorFields(input, orgs: [], people: nil), issues: v.issues, status: .unprocessableEntity)
        }
    }

    // MARK: mentee forms

    @Sendable func newMentee(req: Request) async throws -> Response {
        let pid: String? = req.query["personID"]
        return try await menteeNewForm(req, MenteeInput(personID: pid, organisationID: try await defaultOrganisation(req, pid, .menteeBase)), issues: [])
    }

    func menteeNewForm(_ req: Request, _ input: MenteeInput, issues: [FieldIssue], status: HTTPResponseStatus = .ok) async throws -> Response {
        let orgs = try await Scope.writableOrganisations(req, .menteeBase)
        guard !orgs.isEmpty else { throw Abort(.forbidden, reason: "Ваша роль не позволяет вести базу наставляемых.") }
        let (people, matched) = try await candidates(req, personID: input.personID)
        return try baseForm(req, title: "Включить в базу наставляемых", action: "/mentees/new", back: "/mentees", fields: Self.menteeFields(input, orgs: orgs, people: people), issues: issues, status: status,
                            search: input.personID.nonBlank == nil ? (people.count, matched) : nil)
    }

    @Sendable func createMentee(req: Request) async throws -> Response {
        let input = try req.content.decode(MenteeInput.self)
        do {
            let m = try await BaseService.saveMentee(req, id: nil, input)
            return req.done("/people/\(m.personID)", "Человек включён в базу наставляемых.")
        } catch let v as ValidationError { return try await menteeNewForm(req, input, issues: v.issues, status: .unprocessableEntity) }
    }

    @Sendable func editMentee(req: Request) async throws -> Response {
        let m = try await BaseService.requireMentee(req, try req.uuid("id"), .write)
        let input = MenteeInput(categories: m.categories.map(\.rawValue), mainRequest: m.mainRequest.rawValue, requestDetails: m.requestDetails, deficits: m.deficits.joined(separator: "\n"), status: m.status.rawValue, preferredFormat: m.preferredFormat?.rawValue, availability: m.availability, enteredOn: m.enteredOn.russian)
        return try baseForm(req, title: "Запись базы наставляемых", action: "/mentees/\(m.id)/edit", back: "/mentees", fields: Self.menteeFields(input, orgs: [], people: nil), issues: [], status: .ok)
    }

    @Sendable func updateMentee(req: Request) async throws -> Response {
        let id = try req.uuid("id")
        let input = try req.content.decode(MenteeInput.self)
        do {
            let m = try await BaseService.saveMentee(req, id: id, input)
            return req.done("/people/\(m.personID)", "Запись базы наставляемых сохранена.")
        } catch let v as ValidationError {
            return try baseForm(req, title: "Запись базы наставляемых", action: "/mentees/\(id)/edit", back: "/mentees", fields: Self.menteeFields(input, orgs: [], people: nil), issues: v.issues, status: .unprocessableEntity)
        }
    }
}
