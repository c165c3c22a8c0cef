import Foundation

/// A problem with one cell (or the whole row) of an imported file. `row` is the spreadsheet's row number:
/// the header is row 1, the first data row is row 2.
public struct RowIssue: Sendable, Equatable, Codable {
    public var row: Int
    public var column: String
    public var value: String
    public var message: String

    public init(row: Int, column: String, value: String, message: String) {
        self.row = row
        self.column = column
        self.value = value
        self.message = message
    }
}

/// The file's header matched to the expected columns.
public struct ImportMapping: Sendable, Equatable {
    /// Column key → index in the row.
    public var index: [String: Int]
    /// Headers in the file that the system does not know (ignored).
    public var ignored: [String]
    /// Required columns the file lacks: nothing can be imported.
    public var missing: [ImportColumn]
    /// Row number of the header in the file (1-based).
    public var headerRow: Int

    /// Finds the header (the first row that is not empty) and matches every cell to a column by its
    /// title or aliases, ignoring case, «ё», punctuation and a remark in brackets.
    public static func detect(_ table: [[String]], kind: ImportKind) -> ImportMapping {
        let columns = ImportSpec.columns(kind)
        let headerIndex = table.firstIndex { $0.contains { !$0.trimmed.isEmpty } } ?? 0
        let header = headerIndex < table.count ? table[headerIndex] : []
        var byName: [String: String] = [:]
        for c in columns {
            for name in [c.title, c.key] + c.aliases where byName[ImportText.key(name)] == nil { byName[ImportText.key(name)] = c.key }
        }
        var index: [String: Int] = [:]
        var ignored: [String] = []
        for (i, cell) in header.enumerated() {
            let k = ImportText.key(cell.replacingOccurrences(of: "*", with: ""))
            if k.isEmpty { continue }
            if let key = byName[k], index[key] == nil { index[key] = i } else { ignored.append(cell) }
        }
        return ImportMapping(index: index, ignored: ignored, missing: columns.filter { $0.required && index[$0.key] == nil }, headerRow: headerIndex + 1)
    }
}

/// What the planner needs to know about the database, loaded once by the caller for the whole file.
public struct ImportContext: Sendable {
    public var today: Day
    /// Organisations the caller may write to; rows naming another are refused.
    public var organisations: [Organisation]
    /// For organisation imports: the municipalities the caller may write to; for people: those of `organisations`
    /// (they name the candidates when a name is ambiguous).
    public var municipalities: [Municipality]
    /// Used when the file has no organisation column (a curator importing their own school).
    public var defaultOrganisationID: UUID?
    public var people: [Person]
    public var memberships: [Membership]
    public var consents: [Consent]
    public var mentorProfiles: [MentorProfile]
    public var menteeProfiles: [MenteeProfile]
    /// SNILS numbers of people outside the caller's scope: such a row can be neither created nor updated here.
    public var foreignSnils: Set<String> = []
    /// Rows (their numbers in the file) whose conflict the user resolved as «the same person — update»: planned as
    /// updates. Every other conflict is left out of the rows and reported (`ImportPlan.conflicts`).
    public var confirmedConflicts: Set<Int> = []

    public init(
        today: Day, organisations: [Organisation], municipalities: [Municipality] = [], defaultOrganisationID: UUID? = nil,
        people: [Person] = [], memberships: [Membership] = [], consents: [Consent] = [], mentorProfiles: [MentorProfile] = [],
        menteeProfiles: [MenteeProfile] = []
    ) {
        self.today = today
        self.organisations = organisations
        self.municipalities = municipalities
        self.defaultOrganisationID = defaultOrganisationID
        self.people = people
        self.memberships = memberships
        self.consents = consents
        self.mentorProfiles = mentorProfiles
        self.menteeProfiles = menteeProfiles
    }
}

/// What one valid row will write. `old…` is the stored state for an update (nil for a new record).
public struct PlannedRow: Sendable, Equatable {
    public var row: Int
    public var organisation: Organisation?
    public var oldOrganisation: Organisation?
    public var person: Person?
    public var oldPerson: Person?
    public var membership: Membership?
    public var oldMembership: Membership?
    public var consent: Consent?
    public var mentor: MentorProfile?
    public var oldMentor: MentorProfile?
    public var mentee: MenteeProfile?
    public var oldMentee: MenteeProfile?
    /// The row's SNILS is a stored person's whose surname, first name or birth date differ (`ImportConflict`): such a
    /// row is planned only when the user confirmed it is the same person.
    public var conflict = false

    public init(row: Int) { self.row = row }

    /// Something is created.
    public var creates: Bool { (organisation != nil && oldOrganisation == nil) || (person != nil && oldPerson == nil) }
    /// Something existing changes.
    public var updates: Bool {
        !creates && ((oldOrganisation != nil && organisation != oldOrganisation) || (oldPerson != nil && person != oldPerson)
            || (membership != nil && membership != oldMembership) || consent != nil
            || (mentor != nil && mentor != oldMentor) || (mentee != nil && mentee != oldMentee))
    }
}

/// The result of a dry run: per-row problems and what each valid row would do. Committing writes
/// `rows` in one transaction; with `issues` non-empty that happens only when the user asks for the valid rows.
public struct ImportPlan: Sendable {
    public var kind: ImportKind
    public var mapping: ImportMapping
    public var dataRows: Int
    public var issues: [RowIssue]
    public var rows: [PlannedRow]
    /// Rows matched by SNILS to a person with another name or birth date and not confirmed: not in `rows`, nothing
    /// of theirs is written.
    public var conflicts: [ImportConflict] = []

    public var tally: ImportTally {
        var tally = ImportTally()
        tally.add(rows, issues, conflicts)
        return tally
    }
    public var created: Int { tally.created }
    public var updated: Int { tally.updated }
    public var unchanged: Int { tally.unchanged }
    public var rowsWithIssues: Int { tally.rowsWithIssues }
    public var fileIsUsable: Bool { mapping.missing.isEmpty }
}

/// What planned rows do: what a dry run would write, or what a commit wrote, and the problems of the rows left out.
public struct ImportTally: Sendable, Equatable {
    public var rows = 0
    public var created = 0
    public var updated = 0
    public var issues: [RowIssue] = []
    /// Conflicting rows left out (`ImportConflict.note`): «не загружена: конфликт».
    public var conflicts: [RowIssue] = []

    public init() {}

    public var unchanged: Int { rows - created - updated }
    public var rowsWithIssues: Int { Set(issues.map(\.row)).count }

    public mutating func add(_ planned: [PlannedRow], _ problems: [RowIssue], _ conflicting: [ImportConflict] = []) {
        rows += planned.count
        created += planned.reduce(0) { $0 + ($1.creates ? 1 : 0) }
        updated += planned.reduce(0) { $0 + ($1.updates ? 1 : 0) }
        issues += problems
        conflicts += conflicting.map(\.note)
    }

    /// Conflicting rows left out on which the user decided nothing (not among the `skipped` ones): a commit of all
    /// rows refuses them; one of «only the rows without errors» leaves them out.
    public func undecided(skipped: Set<Int>) -> [Int] {
        conflicts.map(\.row).filter { !skipped.contains($0) }
    }
}

/// One version of a person as the conflict shows it: stored, or as the file has it.
public struct ImportPersonVersion: Sendable, Equatable, Codable {
    public var fullName: String
    public var birthDate: Day

    public init(_ person: Person) {
        fullName = person.fullName
        birthDate = person.birthDate
    }
}

/// A field that differs between the stored person and the file's row, in words.
public struct ImportDifference: Sendable, Equatable, Codable {
    public var field: String
    public var stored: String
    public var file: String
}

/// A row whose SNILS is a stored person's whose surname, first name or birth date differ: most often another
/// person's number typed by mistake, sometimes the same person after a change of surname. Written only on the user's
/// explicit decision (`ImportContext.confirmedConflicts`); never by «only the rows without errors».
public struct ImportConflict: Sendable, Equatable {
    public var row: Int
    /// What the row writes once confirmed: `oldPerson` is the stored person, `person` the file's version.
    public var planned: PlannedRow
    public var stored: Person
    public var incoming: Person

    public init(_ planned: PlannedRow, stored: Person, incoming: Person) {
        row = planned.row
        self.planned = planned
        self.stored = stored
        self.incoming = incoming
    }

    /// A match by SNILS is a conflict when the surname, the first name or the birth date differ; case, «ё» and
    /// spaces in a name do not count.
    public static func isConflict(stored: Person, file: Person) -> Bool {
        !ImportText.sameName(stored.lastName, file.lastName) || !ImportText.sameName(stored.firstName, file.firstName) || stored.birthDate != file.birthDate
    }

    /// ФИО and birth date always, then every other field the row would change.
    public var differences: [ImportDifference] {
        var out = [
            ImportDifference(field: "ФИО", stored: stored.fullName, file: incoming.fullName),
            ImportDifference(field: "Дата рождения", stored: stored.birthDate.russian, file: incoming.birthDate.russian),
        ]
        func add(_ field: String, _ old: String?, _ new: String?) {
            if (old ?? "") != (new ?? "") { out.append(ImportDifference(field: field, stored: old ?? "—", file: new ?? "—")) }
        }
        add("Пол", stored.sex?.label, incoming.sex?.label)
        add("Электронная почта", stored.email, incoming.email)
        add("Телефон", stored.phone, incoming.phone)
        add("Образование", stored.educationLevel?.label, incoming.educationLevel?.label)
        add("Специальность по диплому", stored.specialty, incoming.specialty)
        add("Год окончания", stored.graduationYear.map(String.init), incoming.graduationYear.map(String.init))
        add("Начало общего стажа", stored.totalExperienceStart?.russian, incoming.totalExperienceStart?.russian)
        add("Начало педагогического стажа", stored.pedagogicalExperienceStart?.russian, incoming.pedagogicalExperienceStart?.russian)
        add("Квалификационная категория", stored.category?.label, incoming.category?.label)
        if let old = planned.oldMembership, let new = planned.membership {
            add("Должность", old.position, new.position)
            add("Предметы", old.subjects.joined(separator: "; "), new.subjects.joined(separator: "; "))
        }
        return out
    }

    /// The report of a row left out.
    public var note: RowIssue {
        RowIssue(row: row, column: "СНИЛС", value: Snils.formatted(incoming.snils) ?? "",
                 message: "Не загружена: конфликт — этот СНИЛС у «\(stored.fullName)», \(stored.birthDate.russian) г. р., а в файле «\(incoming.fullName)», \(incoming.birthDate.russian) г. р.; данные человека не изменены.")
    }
}

public enum ImportPlanner {
    /// The SNILS numbers (digits only) a file names: the caller looks up only these outside its scope.
    public static func snils(_ table: [[String]], kind: ImportKind) -> Set<String> {
        let mapping = ImportMapping.detect(table, kind: kind)
        guard let column = mapping.index["snils"] else { return [] }
        return Set(table.dropFirst(mapping.headerRow).compactMap { cells in
            column < cells.count ? Optional(cells[column].filter(\.isNumber)).flatMap { $0.isEmpty ? nil : $0 } : nil
        })
    }

    /// The whole file planned at once: the dry run's report.
    public static func plan(_ table: [[String]], kind: ImportKind, context: ImportContext) -> ImportPlan {
        ImportPlanning(table, kind: kind, context: context).rest()
    }
}

/// A file planned a part at a time, in the file's order. A row's plan depends only on the rows before it (the first
/// row with a key keeps it, a later one is the duplicate), so a part, once planned, is final: a commit writes it
/// while the next part is planned on the other core.
public struct ImportPlanning: Sendable {
    public let kind: ImportKind
    public let mapping: ImportMapping
    /// Non-empty rows below the header.
    public let dataRows: Int
    /// Problems of the file as a whole (a required column missing): none of its rows is planned then.
    public let fileIssues: [RowIssue]
    private let body: [(offset: Int, element: [String])]
    private var position = 0
    private var state: PlannerState
    private let titles: [String: String]

    /// As many rows as a file can have: `next(wholeFile)` plans the rest at once.
    public static let wholeFile = Int.max

    public var fileIsUsable: Bool { mapping.missing.isEmpty }
    /// Rows planned so far (with or without problems).
    public var rowsPlanned: Int { position }

    public init(_ table: [[String]], kind: ImportKind, context: ImportContext) {
        self.kind = kind
        mapping = ImportMapping.detect(table, kind: kind)
        state = PlannerState(kind: kind, context: context)
        titles = Dictionary(uniqueKeysWithValues: ImportSpec.columns(kind).map { ($0.key, $0.title) })
        guard mapping.missing.isEmpty else {
            fileIssues = Self.fileIssues(mapping)
            body = []
            dataRows = 0
            return
        }
        fileIssues = []
        body = table.dropFirst(mapping.headerRow).enumerated().filter { _, cells in cells.contains { !$0.trimmed.isEmpty } }
        dataRows = body.count
        // Every row may add a person and a key: grown once, not by doubling.
        state.peopleBySnils.reserveCapacity(context.people.count + body.count)
        state.seen.reserveCapacity(body.count)
    }

    private static func fileIssues(_ mapping: ImportMapping) -> [RowIssue] {
        var issues = mapping.missing.map {
            RowIssue(row: mapping.headerRow, column: $0.title, value: "", message: "В файле нет обязательного столбца «\($0.title)».")
        }
        if mapping.index.isEmpty, let seen = mapping.ignored.first {
            // Not one header known: most often a file in another encoding (KOI8-R, Mac) read as Windows-1251.
            issues.insert(RowIssue(row: mapping.headerRow, column: "", value: seen,
                message: "Не распознан ни один столбец (первый заголовок прочитан как «\(seen)»). Если вместо русских букв видны другие знаки, файл сохранён в другой кодировке: сохраните его как «CSV UTF-8» или «CSV (разделители — точка с запятой)» в Windows-1251 либо как книгу Excel (.xlsx)."), at: 0)
        }
        return issues
    }

    /// Every row not planned yet, in one plan.
    public consuming func rest() -> ImportPlan {
        var plan = ImportPlan(kind: kind, mapping: mapping, dataRows: dataRows, issues: fileIssues, rows: [])
        plan.rows.reserveCapacity(dataRows - position)
        while let part = next(Self.wholeFile) {
            plan.rows += part.rows
            plan.issues += part.issues
            plan.conflicts += part.conflicts
        }
        return plan
    }

    /// The next `count` rows' plans, problems and unconfirmed conflicts; nil once every row is planned.
    public mutating func next(_ count: Int) -> (rows: [PlannedRow], issues: [RowIssue], conflicts: [ImportConflict])? {
        guard position < body.count else { return nil }
        let end = count >= body.count - position ? body.count : position + count
        var rows: [PlannedRow] = [], issues: [RowIssue] = [], conflicts: [ImportConflict] = []
        rows.reserveCapacity(end - position)
        for (offset, cells) in body[position..<end] {
            var row = ImportRow(number: mapping.headerRow + offset + 1, cells: cells, mapping: mapping, titles: titles)
            let planned = kind == .organisations ? state.organisation(&row) : state.person(&row)
            issues += row.issues
            guard let planned, row.issues.isEmpty else { continue }
            if planned.conflict, !state.context.confirmedConflicts.contains(planned.row), let stored = planned.oldPerson, let incoming = planned.person {
                conflicts.append(ImportConflict(planned, stored: stored, incoming: incoming))
            } else {
                rows.append(planned)
            }
        }
        position = end
        return (rows, issues, conflicts)
    }
}

/// One data row with typed accessors that collect problems instead of stopping at the first.
struct ImportRow {
    let number: Int
    let cells: [String]
    let mapping: ImportMapping
    let titles: [String: String]
    var issues: [RowIssue] = []

    /// `titles`: column key → its Russian title, built once per file. Cells are trimmed once here, not on
    /// every read (a row's cells are read a dozen times).
    init(number: Int, cells: [String], mapping: ImportMapping, titles: [String: String]) {
        self.number = number
        self.cells = cells.map(\.trimmed)
        self.mapping = mapping
        self.titles = titles
    }

    func raw(_ key: String) -> String {
        guard let i = mapping.index[key], i < cells.count else { return "" }
        return cells[i]
    }

    func text(_ key: String) -> String? {
        let value = raw(key)
        return value.isEmpty ? nil : value
    }

    mutating func fail(_ key: String, _ message: String) {
        issues.append(RowIssue(row: number, column: titles[key] ?? key, value: raw(key), message: message))
    }

    mutating func day(_ key: String) -> Day? {
        guard let v = text(key) else { return nil }
        guard let d = Day(v) else {
            fail(key, "Дата указана неверно: ожидается дд.мм.гггг.")
            return nil
        }
        return d
    }

    mutating func labelled<T: Labelled>(_ key: String, _ type: T.Type, synonyms: [String: T] = [:]) -> T? {
        guard let v = text(key) else { return nil }
        guard let value = ImportText.labelled(v, type, synonyms: synonyms) else {
            fail(key, "Неизвестное значение. Допустимо: \(T.allCases.map(\.label).joined(separator: "; ")).")
            return nil
        }
        return value
    }

    mutating func labelledList<T: Labelled>(_ key: String, _ type: T.Type) -> [T] {
        var out: [T] = []
        for item in ImportText.list(raw(key)) {
            guard let value = ImportText.labelled(item, type) else {
                fail(key, "Неизвестное значение «\(item)». Допустимо: \(T.allCases.map(\.label).joined(separator: "; ")).")
                continue
            }
            if !out.contains(value) { out.append(value) }
        }
        return out
    }

    /// Problems found by the domain rules, reported under the column they concern.
    mutating func absorb(_ fieldIssues: [FieldIssue], columns: [String: String] = [:]) {
        for i in fieldIssues {
            let key = columns[i.field] ?? i.field
            issues.append(RowIssue(row: number, column: titles[key] ?? "строка", value: raw(key), message: i.message))
        }
    }
}
