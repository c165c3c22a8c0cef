import Foundation
import NastavnikCore

/// Form fields shared by the new-person and edit-person pages.
enum PersonFields {
    static func person(_ p: PersonInput) -> [FormField] {
        [
            FormField("lastName", "Фамилия", value: p.lastName, required: true),
            FormField("firstName", "Имя", value: p.firstName, required: true),
            FormField("middleName", "Отчество", value: p.middleName),
            FormField("birthDate", "Дата рождения", .date, value: p.birthDate.flatMap { Day($0)?.russian } ?? p.birthDate, required: true),
            .choice("sex", "Пол", Sex.self, value: p.sex),
            FormField("snils", "СНИЛС", value: Snils.formatted(p.snils), hint: "11 цифр; служит ключом при импорте"),
            FormField("email", "Эл. почта", .email, value: p.email),
            FormField("phone", "Телефон", value: p.phone),
            .choice("educationLevel", "Образование", EducationLevel.self, value: p.educationLevel),
            FormField("specialty", "Специальность по диплому", value: p.specialty),
            FormField("graduationYear", "Год окончания", .number, value: p.graduationYear),
            FormField("totalExperienceStart", "Начало общего трудового стажа", .date, value: p.totalExperienceStart.flatMap { Day($0)?.russian } ?? p.totalExperienceStart, hint: "Стаж считается системой на любую дату"),
            FormField("pedagogicalExperienceStart", "Начало педагогического стажа", .date, value: p.pedagogicalExperienceStart.flatMap { Day($0)?.russian } ?? p.pedagogicalExperienceStart, hint: "По нему определяется молодой специалист (0–3 года)"),
            .choice("category", "Квалификационная категория", QualificationCategory.self, value: p.category),
        ]
    }

    static func membership(_ m: MembershipInput?, organisations: [Organisation], prefix: String = "membership.") -> [FormField] {
        [
            FormField("\(prefix)organisationID", "Организация", .select(organisations.map { ($0.id.uuidString, $0.shortName) }, blank: "— выберите —"), value: m?.organisationID, required: true),
            .choice("\(prefix)role", "Роль в организации", MembershipRole.self, value: m?.role ?? MembershipRole.pedagogical.rawValue, blank: nil, required: true),
            FormField("\(prefix)position", "Должность", value: m?.position),
            FormField("\(prefix)subjects", "Преподаваемые предметы", value: m?.subjects, hint: "Через запятую"),
            FormField("\(prefix)grade", "Класс / курс (для обучающихся)", value: m?.grade),
            FormField("\(prefix)start", "Дата начала", .date, value: m?.start, required: true),
            FormField("\(prefix)end", "Дата окончания", .date, value: m?.end, hint: "Пусто — по настоящее время"),
        ]
    }

    static func consent(_ c: ConsentInput?, minor: Bool) -> [FormField] {
        [
            .choice("kind", "Вид согласия", ConsentKind.self, value: c?.kind ?? ConsentKind.processing.rawValue, blank: nil, required: true),
            .choice("signer", "Кто подписал", ConsentSigner.self, value: c?.signer ?? (minor ? ConsentSigner.parent.rawValue : ConsentSigner.subject.rawValue), blank: nil, required: true),
            FormField("representativeName", "ФИО законного представителя", value: c?.representativeName, hint: minor ? "Обязательно: человек несовершеннолетний" : "Только если подписал представитель"),
            FormField("signedOn", "Дата подписания", .date, value: c?.signedOn, required: true),
            FormField("scope", "Перечень данных и цель", .textarea, value: c?.scope ?? ConsentRules.defaultScope),
        ]
    }
}

/// The person card: data, places of work/study, consents, bases, history.
enum PersonCardPage {
    struct Model {
        var person: Person
        var memberships: [(Membership, Organisation?)]
        var consents: [Consent]
        var mentorProfiles: [MentorProfile]
        var menteeProfiles: [MenteeProfile]
        var audit: [AuditPage.Entry]
        var today: Day
        var canWrite: Bool
        var canReadAudit: Bool
        var organisationNames: [UUID: String]
        /// Participation in pairs and groups, the newest first: the history kept in the bases (seed 003 item 31).
        var history: [(Mentorship, Participant)] = []
        var canReadRoute = false
        /// Published contest results: places, wins, awards.
        var contests: [ContestHistoryLine] = []
    }

    static func render(_ ctx: PageContext, _ m: Model) -> String {
        let p = m.person
        let today = m.today
        let base = "/people/\(p.id)"
        let minor = p.isMinor(on: today)
        let hasConsent = ConsentRules.hasValidProcessingConsent(p, consents: m.consents, on: today)
        var actions: [Node] = []
        if m.canWrite { actions.append(link("\(base)/edit", "Изменить", class: "btn")) }
        return Layout.page(ctx, title: p.fullName, breadcrumbs: [("Люди", "/people")], actions: actions) {
            el("div", ["class": "tags"]) {
                if minor { Layout.badge("несовершеннолетний", "warn") }
                if p.isYoungSpecialist(on: today) { Layout.badge("молодой специалист", "info") }
                hasConsent ? Layout.badge("согласие на обработку ПДн есть", "ok") : Layout.badge("нет действующего согласия", "bad")
                if !m.mentorProfiles.isEmpty { Layout.badge("в базе наставников", "info") }
                if !m.menteeProfiles.isEmpty { Layout.badge("в базе наставляемых", "info") }
            }
            Layout.section("Основные сведения") {
                Layout.facts([
                    ("Дата рождения", "\(p.birthDate.russian) (\(p.age(on: today)) \(RussianPlural.form(p.age(on: today), "год", "года", "лет")))"),
                    ("Пол", p.sex?.label), ("СНИЛС", Snils.formatted(p.snils)), ("Эл. почта", p.email), ("Телефон", p.phone),
                    ("Образование", p.educationLevel?.label), ("Специальность", p.specialty),
                    ("Год окончания", p.graduationYear.map(String.init)),
                    ("Общий стаж", p.totalExperience(on: today)?.russian),
                    ("Педагогический стаж", p.pedagogicalExperience(on: today)?.russian),
                    ("Квалификационная категория", p.category?.label),
                ])
            }
            Layout.section("Места работы и учёбы", actions: m.canWrite ? [link("\(base)/memberships/new", "Добавить", class: "btn small")] : []) {
                Layout.table(["Организация", "Роль", "Должность / класс", "Предметы", "Период"] + (m.canWrite ? [""] : []), m.memberships.map { mem, org in
                    [
                        org.map { link("/organisations/\($0.id)", $0.shortName) } ?? .text("—"),
                        .text(mem.role.label), .text(mem.position ?? mem.grade ?? "—"),
                        .text(mem.subjects.joined(separator: ", ")),
                        .fragment([.text(mem.period.russian), mem.period.contains(today) ? .empty : .text(" (завершено)")]),
                    ] + (m.canWrite ? [link("/memberships/\(mem.id)/edit", "Изменить или завершить", class: "btn small")] : [])
                }, empty: "Нет сведений о работе или учёбе.")
            }
            Layout.section("Согласия на обработку персональных данных (152-ФЗ)", actions: m.canWrite ? [
                link("\(base)/consents/new", "Зарегистрировать согласие", class: "btn small"), link("\(base)/personal-data", "Выгрузить все данные человека", class: "btn small"),
            ] : []) {
                el("p", ["class": "hint"]) { "Отзыв последнего действующего согласия выводит человека из всех пар и групп и из баз; ученика и участника со стороны — ещё и обезличивает." }
                Layout.table(["Вид", "Подписал", "Дата", "Отзыв", ""], m.consents.map { c in
                    [
                        .text(c.kind.label),
                        .text(c.signer == .subject ? c.signer.label : "\(c.signer.label): \(c.representativeName ?? "")"),
                        .text(c.signedOn.russian),
                        .text(c.withdrawnOn.map { "отозвано \($0.russian)" } ?? "действует"),
                        m.canWrite && c.withdrawnOn == nil
                            ? link("/consents/\(c.id)/withdraw", "Отметить отзыв…", class: "btn small danger") : .empty,
                    ]
                }, empty: minor ? "Согласия нет. За несовершеннолетнего согласие даёт родитель (законный представитель)." : "Согласия нет: без него человека нельзя включить в базы наставников и наставляемых.")
            }
            Layout.section("Базы наставничества") {
                el("div", ["class": "grid2"]) {
                    el("div") {
                        el("h3") { "База наставников" }
                        if m.mentorProfiles.isEmpty {
                            el("p", ["class": "muted"]) { "Не состоит." }
                            if m.canWrite && hasConsent { link("/mentors/new?personID=\(p.id)", "Включить в базу наставников", class: "btn small") }
                        }
                        m.mentorProfiles.map { mp in
                            el("div", ["class": "mini"]) {
                                Layout.facts([
                                    ("Организация", m.organisationNames[mp.organisationID]), ("Статус", mp.status.label),
                                    ("Компетенции", LabelledSet.labels(mp.competencies)), ("Формы", LabelledSet.labels(mp.forms)),
                                    ("Наставляемых одновременно", String(mp.capacity)), ("Обучение", mp.training.label),
                                    ("В базе с", mp.enteredOn.russian),
                                ])
                                if m.canWrite { link("/mentors/\(mp.id)/edit", "Изменить запись", class: "btn small") }
                            }
                        }
                    }
                    el("div") {
                        el("h3") { "База наставляемых" }
                        if m.menteeProfiles.isEmpty {
                            el("p", ["class": "muted"]) { "Не состоит." }
                            if m.canWrite && hasConsent { link("/mentees/new?personID=\(p.id)", "Включить в базу наставляемых", class: "btn small") }
                        }
                        m.menteeProfiles.map { mp in
                            el("div", ["class": "mini"]) {
                                Layout.facts([
                                    ("Организация", m.organisationNames[mp.organisationID]), ("Статус", mp.status.label),
                                    ("Категории", BaseRules.displayCategories(mp, person: p, on: today).joined(separator: ", ")),
                                    ("Основной запрос", mp.mainRequest.label), ("Дефициты", mp.deficits.joined(separator: "; ")),
                                    ("Формат и время", [mp.preferredFormat?.label, mp.availability].compactMap { $0 }.joined(separator: "; ")),
                                    ("В базе с", mp.enteredOn.russian),
                                ])
                                if m.canWrite { link("/mentees/\(mp.id)/edit", "Изменить запись", class: "btn small") }
                            }
                        }
                    }
                }
            }
            Layout.section("Наставничество: история участия", actions: m.canReadRoute ? [link("\(base)/route", "Индивидуальный образовательный маршрут", class: "btn small")] : []) {
                Layout.table(["Пара / группа", "Роль", "Форма", "Участие", "Статус", "Результат"], m.history.map { ms, part in
                    [
                        link("/mentorships/\(ms.id)", m.organisationNames[ms.organisationID] ?? "пара (группа)"), .text(part.role.label), .text(ms.form.label),
                        .text(Period(start: part.joinedOn, end: part.leftOn ?? ms.actualEnd).russian), .text(ms.status.label),
                        .text(ms.resultSummary ?? ms.terminationReason.map { "прекращена: \($0)" } ?? part.leftReason.map { "вышел: \($0)" } ?? "—"),
                    ]
                }, empty: "В парах и группах не участвовал.")
            }
            if !m.contests.isEmpty {
                Layout.section("Конкурсы") {
                    Layout.table(["Конкурс", "Номинация", "Итоги", "Место", "Награда"], m.contests.map { c in
                        [link("/contests/\(c.contestID)", c.contest), .text(c.nomination), .text(c.resultsOn.russian),
                         .text("\(c.place)" + (c.isWinner ? " — победитель" : "")), .text(c.award ?? "—")]
                    })
                }
            }
            if m.canReadAudit {
                Layout.section("История изменений") {
                    AuditPage.table(m.audit)
                }
            }
        }
    }
}

enum PeopleListPage {
    static func render(_ ctx: PageContext, rows: [(Person, [Membership])], pagination: Pagination, query: PeopleQuery, organisations: [Organisation], orgNames: [UUID: String], today: Day, canCreate: Bool, imports: [Node] = []) -> String {
        let filters = Forms.filters(action: "/people", fields: [
            FormField("q", "ФИО", value: query.q),
            FormField("organisationID", "Организация", .select(organisations.map { ($0.id.uuidString, $0.shortName) }, blank: "Все"), value: query.organisationID),
            .choice("role", "Роль", MembershipRole.self, value: query.role, blank: "Все"),
            FormField("subject", "Предмет", value: query.subject),
            FormField("young", "Только молодые специалисты", .checkbox, value: query.young),
        ])
        let table = Layout.table(["ФИО", "Дата рождения", "Организация", "Роль / должность", "Пед. стаж"], rows.map { p, ms in
            [
                link("/people/\(p.id)", p.fullName),
                .text(p.birthDate.russian),
                .text(ms.map { orgNames[$0.organisationID] ?? "—" }.joined(separator: ", ")),
                .text(ms.map { $0.position ?? $0.grade.map { "\($0) класс" } ?? $0.role.label }.joined(separator: ", ")),
                .fragment([.text(p.pedagogicalExperience(on: today)?.russian ?? "—"), p.isYoungSpecialist(on: today) ? Layout.badge("МС", "info") : .empty]),
            ]
        })
        let q: [(String, String)] = [("q", query.q ?? ""), ("organisationID", query.organisationID ?? ""), ("role", query.role ?? ""), ("subject", query.subject ?? ""), ("young", query.young ?? "")]
        return Layout.page(ctx, title: "Люди", actions: (canCreate ? [link("/people/new", "Добавить человека", class: "btn primary")] : []) + imports) {
            filters
            table
            pagination.render(path: "/people", query: q)
        }
    }
}
