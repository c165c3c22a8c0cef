import Foundation

/// Indexes over the context and the rows seen so far; one pass over the file, dictionary lookups only.
struct PlannerState {
    let kind: ImportKind
    let context: ImportContext
    var organisationsByINN: [String: Organisation] = [:]
    /// By short or full name: several where schools of different municipalities share a name («МБОУ СОШ № 12»).
    var organisationsByName: [String: [Organisation]] = [:]
    var municipalityNames: [UUID: String] = [:]
    var municipalitiesByKey: [String: Municipality] = [:]
    var organisationsByPlace: [String: Organisation] = [:]
    var peopleBySnils: [String: Person] = [:]
    var peopleByIdentity: [String: Person] = [:]
    var membershipsByPerson: [UUID: [Membership]] = [:]
    var consentsByPerson: [UUID: [Consent]] = [:]
    var mentors: [String: MentorProfile] = [:]
    var mentees: [String: MenteeProfile] = [:]
    /// Identity key → the row that already used it (a duplicate row is an error, not a second update).
    var seen: [String: Int] = [:]

    init(kind: ImportKind, context: ImportContext) {
        self.kind = kind
        self.context = context
        for o in context.organisations {
            if let inn = o.inn, !inn.isEmpty { organisationsByINN[inn] = o }
            for k in Set([ImportText.key(o.shortName), ImportText.key(o.name)]) where !k.isEmpty { organisationsByName[k, default: []].append(o) }
            organisationsByPlace[Self.place(o.municipalityID, o.shortName)] = o
        }
        for m in context.municipalities {
            municipalitiesByKey[ImportText.key(m.name)] = m
            municipalityNames[m.id] = m.name
        }
        let people = Dictionary(context.people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for p in context.people { if let s = p.snils { peopleBySnils[s] = p } }
        for m in context.memberships {
            membershipsByPerson[m.personID, default: []].append(m)
            if let p = people[m.personID] { peopleByIdentity[Self.identity(p.fullName, p.birthDate, m.organisationID)] = p }
        }
        for c in context.consents { consentsByPerson[c.personID, default: []].append(c) }
        for m in context.mentorProfiles { mentors[Self.pair(m.personID, m.organisationID)] = m }
        for m in context.menteeProfiles { mentees[Self.pair(m.personID, m.organisationID)] = m }
    }

    // Words a file may use for a value, and which column a rule's field is reported under: built once, not per row.
    static let sexSynonyms: [String: Sex] = ["м": .male, "муж": .male, "ж": .female, "жен": .female]
    static let roleSynonyms: [String: MembershipRole] = [
        "педагогический": .pedagogical, "педагог": .pedagogical, "руководящий": .managerial, "руководитель": .managerial, "иной": .otherStaff,
    ]
    static let signerSynonyms: [String: ConsentSigner] = ["сам": .subject, "лично": .subject, "мать": .parent, "отец": .parent, "опекун": .guardian]
    static let membershipColumns = ["end": "start", "role": "role"]
    static let consentColumns = ["signedOn": "consentSignedOn", "signer": "consentSigner", "kind": "consentSignedOn"]
    static let entryColumns = ["personID": "consentSignedOn", "organisationID": "organisation"]

    static func identity(_ fullName: String, _ birth: Day, _ org: UUID) -> String { "\(ImportText.key(fullName))|\(birth.iso)|\(org)" }
    static func pair(_ person: UUID, _ org: UUID) -> String { "\(person)|\(org)" }
    static func place(_ municipality: UUID, _ shortName: String) -> String { "\(municipality)|\(ImportText.key(shortName))" }

    mutating func duplicate(_ key: String, _ row: inout ImportRow, column: String) -> Bool {
        if let first = seen[key] {
            row.fail(column, "Строка повторяет строку \(first): та же запись встречается в файле дважды.")
            return true
        }
        seen[key] = row.number
        return false
    }

    // MARK: organisations

    mutating func organisation(_ row: inout ImportRow) -> PlannedRow? {
        guard let municipality = row.text("municipality").flatMap({ municipalitiesByKey[ImportText.key($0)] }) else {
            row.fail("municipality", row.text("municipality") == nil ? "Укажите муниципалитет." : "Муниципалитет не найден среди доступных вам.")
            return nil
        }
        let inn = row.text("inn").map { $0.filter(\.isNumber) }
        let shortName = row.text("shortName") ?? ""
        let existing = inn.flatMap { organisationsByINN[$0] } ?? organisationsByPlace[Self.place(municipality.id, shortName)]
        if let existing, existing.municipalityID != municipality.id {
            row.fail("inn", "Организация с этим ИНН уже числится в другом муниципалитете.")
        }
        row.absorb(Organisation.validate(name: row.text("name"), shortName: row.text("shortName"), inn: inn, website: row.text("website")))
        let kind = row.labelled("kind", OrganisationKind.self) ?? existing?.kind ?? .school
        if duplicate(inn ?? Self.place(municipality.id, shortName), &row, column: inn == nil ? "shortName" : "inn") { return nil }
        guard row.issues.isEmpty else { return nil }
        var o = existing ?? Organisation(municipalityID: municipality.id, kind: kind, name: "", shortName: "")
        o.kind = kind
        o.name = row.text("name")!
        o.shortName = shortName
        if let inn { o.inn = inn }
        if let a = row.text("address") { o.address = a }
        if let w = row.text("website") { o.website = w }
        var planned = PlannedRow(row: row.number)
        planned.organisation = o
        planned.oldOrganisation = existing
        return planned
    }

    // MARK: people

    /// The organisation a row names by INN or by name. A name that several organisations in the caller's scope
    /// share (four «МБОУ СОШ № 12» in a region) is resolved by the row's municipality column, or refused with the
    /// candidates — it once went silently to whichever was indexed last.
    mutating func namedOrganisation(_ name: String, _ row: inout ImportRow) -> Organisation? {
        if let byINN = organisationsByINN[name.filter(\.isNumber)] { return byINN }
        var candidates = organisationsByName[ImportText.key(name)] ?? []
        if candidates.count > 1, let municipality = row.text("organisationMunicipality") {
            candidates = candidates.filter { municipalityNames[$0.municipalityID].map(ImportText.key) == ImportText.key(municipality) }
            if candidates.isEmpty {
                row.fail("organisationMunicipality", "В муниципалитете «\(municipality)» нет организации «\(name)» среди тех, куда вам разрешено загружать данные.")
                return nil
            }
        }
        switch candidates.count {
        case 0:
            row.fail("organisation", "Организация не найдена среди тех, куда вам разрешено загружать данные.")
            return nil
        case 1:
            return candidates[0]
        default:
            let listed = candidates.sorted { (municipalityNames[$0.municipalityID] ?? "", $0.inn ?? "") < (municipalityNames[$1.municipalityID] ?? "", $1.inn ?? "") }
                .map { "\(municipalityNames[$0.municipalityID] ?? "муниципалитет не указан"), ИНН \($0.inn ?? "не указан")" }
            row.fail("organisation", "Организаций «\(name)» несколько: \(listed.joined(separator: "; ")). Укажите ИНН организации или заполните столбец «Муниципалитет организации».")
            return nil
        }
    }

    mutating func person(_ row: inout ImportRow) -> PlannedRow? {
        let organisation: Organisation?
        if let name = row.text("organisation") {
            organisation = namedOrganisation(name, &row)
        } else if let id = context.defaultOrganisationID {
            organisation = context.organisations.first { $0.id == id }
        } else {
            organisation = nil
            row.fail("organisation", "Укажите организацию.")
        }
        let sex = row.labelled("sex", Sex.self, synonyms: Self.sexSynonyms)
        let education = row.labelled("educationLevel", EducationLevel.self)
        let category = row.labelled("category", QualificationCategory.self)
        let snils = row.text("snils").map { $0.filter(\.isNumber) }
        let birth = row.text("birthDate").flatMap { Day($0) }
        let fullName = [row.text("lastName"), row.text("firstName"), row.text("middleName")].compactMap { $0 }.joined(separator: " ")
        var existing = snils.flatMap { peopleBySnils[$0] }
        let foundBySnils = existing != nil
        if existing == nil, let snils, context.foreignSnils.contains(snils) {
            row.fail("snils", "Человек с этим СНИЛС уже зарегистрирован в другой организации, вне вашей зоны доступа; перевод оформляет вышестоящий уровень.")
            return nil
        }
        if existing == nil, let birth, let organisation { existing = peopleByIdentity[Self.identity(fullName, birth, organisation.id)] }
        if let birth, let organisation {
            let key = snils ?? Self.identity(fullName, birth, organisation.id)
            if duplicate(key, &row, column: snils == nil ? "lastName" : "snils") { return nil }
        }

        // Columns the file does not have keep their stored values.
        var input = existing.map(PersonInput.init) ?? PersonInput()
        func take(_ key: String, _ path: WritableKeyPath<PersonInput, String?>) {
            if row.mapping.index[key] != nil { input[keyPath: path] = row.text(key) }
        }
        take("lastName", \.lastName)
        take("firstName", \.firstName)
        take("middleName", \.middleName)
        take("birthDate", \.birthDate)
        take("snils", \.snils)
        take("email", \.email)
        take("phone", \.phone)
        take("specialty", \.specialty)
        take("graduationYear", \.graduationYear)
        take("totalExperienceStart", \.totalExperienceStart)
        take("pedagogicalExperienceStart", \.pedagogicalExperienceStart)
        if row.mapping.index["sex"] != nil { input.sex = sex?.rawValue }
        if row.mapping.index["educationLevel"] != nil { input.educationLevel = education?.rawValue }
        if row.mapping.index["category"] != nil { input.category = category?.rawValue }
        var person: Person?
        do { person = try PersonRules.build(input, id: existing?.id ?? .timeOrdered(), today: context.today) } catch let v as ValidationError {
            row.absorb(v.issues)
        } catch {}
        guard let person, let organisation, row.issues.isEmpty else { return nil }
        if let s = person.snils, let other = peopleBySnils[s], other.id != person.id {
            row.fail("snils", "Этот СНИЛС уже указан у другого человека (\(other.shortName)).")
            return nil
        }

        var planned = PlannedRow(row: row.number)
        planned.person = person
        planned.oldPerson = existing
        // A SNILS match with another surname, first name or birth date is written only when confirmed; until then
        // the rows after it are planned as if it were not in the file.
        if foundBySnils, let existing { planned.conflict = ImportConflict.isConflict(stored: existing, file: person) }
        let leftOut = planned.conflict && !context.confirmedConflicts.contains(row.number)
        let before = (membershipsByPerson[person.id], consentsByPerson[person.id])
        membership(&row, &planned, person, organisation)
        consent(&row, &planned, person, organisation)
        if kind == .mentors { mentor(&row, &planned, person, organisation) }
        if kind == .mentees { mentee(&row, &planned, person, organisation) }
        if leftOut { (membershipsByPerson[person.id], consentsByPerson[person.id]) = before }
        guard row.issues.isEmpty else { return nil }
        if existing == nil, let s = person.snils { peopleBySnils[s] = person }
        return planned
    }

    var isStudentRow: (ImportRow) -> Bool {
        { row in self.kind == .students || (self.kind == .mentees && row.text("grade") != nil) }
    }

    mutating func membership(_ row: inout ImportRow, _ planned: inout PlannedRow, _ person: Person, _ org: Organisation) {
        let student = isStudentRow(row)
        let role: MembershipRole = student ? .student : (row.labelled("role", MembershipRole.self, synonyms: Self.roleSynonyms) ?? .pedagogical)
        let current = (membershipsByPerson[person.id] ?? []).first {
            $0.organisationID == org.id && $0.role == role && $0.period.contains(context.today)
        }
        var m = current ?? Membership(personID: person.id, organisationID: org.id, role: role, period: Period(start: row.day("start") ?? context.today))
        if row.mapping.index["position"] != nil { m.position = row.text("position") ?? m.position }
        if row.mapping.index["subjects"] != nil, row.text("subjects") != nil { m.subjects = ImportText.list(row.raw("subjects")) }
        if row.mapping.index["grade"] != nil, let g = row.text("grade") { m.grade = g }
        row.absorb(MembershipRules.validate(m, person: person, organisationKind: org.kind), columns: Self.membershipColumns)
        planned.membership = m
        planned.oldMembership = current
        if current == nil { membershipsByPerson[person.id, default: []].append(m) }
    }

    mutating func consent(_ row: inout ImportRow, _ planned: inout PlannedRow, _ person: Person, _ org: Organisation) {
        let existing = consentsByPerson[person.id] ?? []
        let hasActive = existing.contains { $0.kind == .processing && $0.isActive(on: context.today) }
        if let signedOn = row.day("consentSignedOn"), !hasActive {
            let minor = person.isMinor(on: signedOn)
            let signer = row.labelled("consentSigner", ConsentSigner.self, synonyms: Self.signerSynonyms)
                ?? (row.text("representativeName") != nil || minor ? .parent : .subject)
            let c = Consent(personID: person.id, signer: signer, representativeName: row.text("representativeName"), signedOn: signedOn, scope: ConsentRules.defaultScope)
            row.absorb(ConsentRules.validateNew(c, person: person, existing: existing, today: context.today), columns: Self.consentColumns)
            planned.consent = c
            consentsByPerson[person.id, default: []].append(c)
        }
        guard kind.needsConsent else { return }
        row.absorb(BaseRules.validateEntry(
            person: person, organisationID: org.id, consents: consentsByPerson[person.id] ?? [],
            memberships: membershipsByPerson[person.id] ?? [], on: context.today), columns: Self.entryColumns)
    }

    /// The row's date of entry into the base, checked; nil when the row leaves it empty (the day of loading stays).
    func enteredOn(_ row: inout ImportRow, _ person: Person, _ org: Organisation) -> Day? {
        guard let day = row.day("enteredOn") else { return nil }
        let issues = BaseRules.validateEnteredOn(day, organisationID: org.id, memberships: membershipsByPerson[person.id] ?? [], today: context.today)
        row.absorb(issues)
        return issues.isEmpty ? day : nil
    }

    mutating func mentor(_ row: inout ImportRow, _ planned: inout PlannedRow, _ person: Person, _ org: Organisation) {
        let old = mentors[Self.pair(person.id, org.id)]
        var m = old ?? MentorProfile(personID: person.id, organisationID: org.id, forms: [], enteredOn: context.today)
        let forms = row.labelledList("forms", MentorshipForm.self)
        if !forms.isEmpty { m.forms = forms }
        if row.text("competencies") != nil { m.competencies = row.labelledList("competencies", Competency.self) }
        if let c = row.text("capacity") {
            if let n = Int(c) { m.capacity = n } else { row.fail("capacity", "Укажите целое число от 1 до 30.") }
        }
        if let t = row.labelled("training", TrainingStatus.self, synonyms: ["да": .trained, "нет": .notTrained]) { m.training = t }
        if let v = row.text("network") {
            if let yes = ImportText.yes(v) { m.network = yes } else { row.fail("network", "Ожидается «да» или «нет».") }
        }
        if let i = row.text("interests") { m.interests = i }
        if let a = row.text("availability") { m.availability = a }
        if let d = enteredOn(&row, person, org) { m.enteredOn = d }
        row.absorb(BaseRules.validateMentor(m))
        planned.mentor = m
        planned.oldMentor = old
    }

    mutating func mentee(_ row: inout ImportRow, _ planned: inout PlannedRow, _ person: Person, _ org: Organisation) {
        let old = mentees[Self.pair(person.id, org.id)]
        let request = row.labelled("mainRequest", MainRequest.self)
        var m = old ?? MenteeProfile(personID: person.id, organisationID: org.id, mainRequest: request ?? .methodical, enteredOn: context.today)
        if let request { m.mainRequest = request }
        if row.text("categories") != nil { m.categories = row.labelledList("categories", MenteeCategory.self) }
        if let d = row.text("requestDetails") { m.requestDetails = d }
        if row.text("deficits") != nil { m.deficits = ImportText.list(row.raw("deficits")) }
        if let d = enteredOn(&row, person, org) { m.enteredOn = d }
        row.absorb(BaseRules.validateMentee(m, person: person, isStudent: isStudentRow(row)))
        planned.mentee = m
        planned.oldMentee = old
    }
}
