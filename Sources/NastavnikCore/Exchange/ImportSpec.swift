import Foundation

/// What a spreadsheet import loads.
public enum ImportKind: String, Labelled {
    case organisations, staff, students, mentors, mentees
    public var label: String {
        switch self {
        case .organisations: "организации"
        case .staff: "работники"
        case .students: "обучающиеся"
        case .mentors: "база наставников"
        case .mentees: "база наставляемых"
        }
    }

    /// Rows are people (everything but organisations).
    public var isPeople: Bool { self != .organisations }
    /// Rows enter a base: a valid processing consent is required (152-ФЗ; seed 003 stage 2–3).
    public var needsConsent: Bool { self == .mentors || self == .mentees }
}

/// One expected column: the system's Russian header, other headers it is recognised by, and a sample.
public struct ImportColumn: Sendable, Equatable {
    public var key: String
    public var title: String
    public var aliases: [String]
    public var required: Bool
    public var sample: String
    public var hint: String?

    public init(_ key: String, _ title: String, aliases: [String] = [], required: Bool = false, sample: String, hint: String? = nil) {
        self.key = key
        self.title = title
        self.aliases = aliases
        self.required = required
        self.sample = sample
        self.hint = hint
    }
}

public enum ImportSpec {
    static let person: [ImportColumn] = [
        .init("lastName", "Фамилия", required: true, sample: "Иванова"),
        .init("firstName", "Имя", required: true, sample: "Мария"),
        .init("middleName", "Отчество", sample: "Петровна"),
        .init("birthDate", "Дата рождения", aliases: ["ДР", "Дата рожд."], required: true, sample: "14.03.1998", hint: "дд.мм.гггг"),
        .init("sex", "Пол", sample: "ж", hint: "м / ж"),
        .init("snils", "СНИЛС", sample: "112-233-445 95", hint: "по нему повторная загрузка находит человека"),
        .init("email", "Электронная почта", aliases: ["E-mail", "Email", "Почта", "Эл. почта"], sample: "ivanova@school.ru"),
        .init("phone", "Телефон", sample: "+7 900 000-00-00"),
    ]
    static let organisation = ImportColumn("organisation", "Организация", aliases: ["ОО", "Образовательная организация", "Школа", "ИНН организации"], sample: "МБОУ СОШ № 12", hint: "краткое или полное наименование либо ИНН; для куратора — его организация")
    static let organisationMunicipality = ImportColumn("organisationMunicipality", "Муниципалитет организации", aliases: ["Муниципалитет"], sample: "г. Ижевск",
                                                       hint: "нужен, когда организации с таким названием есть в нескольких муниципалитетах")
    static let staffProfile: [ImportColumn] = [
        .init("position", "Должность", sample: "учитель математики"),
        .init("subjects", "Предметы", aliases: ["Предмет", "Преподаваемые предметы"], sample: "математика; информатика", hint: "через точку с запятой"),
        .init("role", "Категория работника", aliases: ["Роль"], sample: "педагогический работник", hint: "педагогический / руководящий / иной работник"),
        .init("educationLevel", "Образование", aliases: ["Уровень образования"], sample: "высшее педагогическое"),
        .init("specialty", "Специальность по диплому", aliases: ["Специальность"], sample: "учитель математики"),
        .init("graduationYear", "Год окончания", aliases: ["Год окончания учебного заведения"], sample: "2021"),
        .init("totalExperienceStart", "Начало общего стажа", sample: "01.09.2021", hint: "дд.мм.гггг"),
        .init("pedagogicalExperienceStart", "Начало педагогического стажа", aliases: ["Начало пед. стажа"], sample: "01.09.2021", hint: "дд.мм.гггг"),
        .init("category", "Квалификационная категория", aliases: ["Категория"], sample: "без категории"),
    ]
    static let studentProfile: [ImportColumn] = [
        .init("grade", "Класс", aliases: ["Класс (группа)", "Группа", "Курс"], required: true, sample: "7Б"),
    ]
    static let membershipStart = ImportColumn("start", "Дата начала работы (учёбы)", aliases: ["Дата приёма", "Дата зачисления", "Работает с"], sample: "01.09.2021", hint: "дд.мм.гггг; пусто — сегодня")
    static let consent: [ImportColumn] = [
        .init("consentSignedOn", "Дата согласия на обработку ПДн", aliases: ["Дата согласия", "Согласие от"], sample: "02.09.2026", hint: "дд.мм.гггг"),
        .init("consentSigner", "Кто подписал согласие", aliases: ["Подписант согласия"], sample: "субъект персональных данных", hint: "субъект персональных данных / родитель / иной законный представитель"),
        .init("representativeName", "Законный представитель (ФИО)", aliases: ["Родитель (ФИО)", "ФИО родителя"], sample: ""),
    ]
    static let mentor: [ImportColumn] = [
        .init("forms", "Формы наставничества", aliases: ["Формы"], required: true, sample: "учитель – учитель", hint: "через точку с запятой"),
        .init("competencies", "Компетенции", sample: "предметные; психолого-педагогические"),
        .init("capacity", "Наставляемых одновременно", aliases: ["Нагрузка"], sample: "2"),
        .init("training", "Обучение в школе наставников", aliases: ["Обучение"], sample: "обучен"),
        .init("network", "Сетевой наставник", sample: "нет", hint: "да / нет"),
        .init("interests", "Интересы", sample: "проектная деятельность"),
        .init("availability", "Удобное время", aliases: ["Время для встреч"], sample: "вторник после 15:00"),
        baseEntry,
    ]
    /// The day of entry into a base, for history loaded later (issue 25); empty — the day of loading.
    static let baseEntry = ImportColumn("enteredOn", "Включён в базу", aliases: ["Дата включения в базу"], sample: "01.09.2026", hint: "дд.мм.гггг; пусто — день загрузки")
    static let mentee: [ImportColumn] = [
        .init("mainRequest", "Основной запрос", aliases: ["Запрос"], required: true, sample: "методическая помощь"),
        .init("categories", "Категории наставляемого", aliases: ["Категории"], sample: "новый сотрудник организации"),
        .init("requestDetails", "Запрос подробно", aliases: ["Описание запроса"], sample: "подготовка к открытому уроку"),
        .init("deficits", "Профессиональные дефициты", aliases: ["Дефициты"], sample: "работа с родителями; дисциплина"),
        .init("grade", "Класс", aliases: ["Класс (группа)", "Группа"], sample: "", hint: "заполните для обучающегося"),
        baseEntry,
    ]
    static let organisations: [ImportColumn] = [
        .init("municipality", "Муниципалитет", aliases: ["Муниципальное образование", "Район", "Округ"], required: true, sample: "г. Ижевск"),
        .init("name", "Полное наименование", aliases: ["Наименование"], required: true, sample: "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 12»"),
        .init("shortName", "Краткое наименование", required: true, sample: "МБОУ СОШ № 12"),
        .init("kind", "Вид организации", aliases: ["Тип"], sample: "Общеобразовательная школа"),
        .init("inn", "ИНН", sample: "1831000012", hint: "по нему повторная загрузка находит организацию"),
        .init("address", "Адрес", sample: "г. Ижевск, ул. Ленина, 1"),
        .init("website", "Сайт", sample: "https://school12.ru"),
    ]

    public static func columns(_ kind: ImportKind) -> [ImportColumn] {
        switch kind {
        case .organisations: organisations
        case .staff: person + [organisation, organisationMunicipality] + staffProfile + [membershipStart] + consent
        case .students: person + [organisation, organisationMunicipality] + studentProfile + [membershipStart] + consent
        case .mentors: person + [organisation, organisationMunicipality] + staffProfile + [membershipStart] + consent + mentor
        case .mentees: person + [organisation, organisationMunicipality] + staffProfile + [membershipStart] + consent + mentee
        }
    }

    /// The header the system writes and recognises first: «Дата рождения».
    public static func headers(_ kind: ImportKind) -> [String] { columns(kind).map(\.title) }
}

/// Comparison of what people type with what the system knows: case, «ё», dashes, spaces and a parenthesised
/// remark do not matter.
public enum ImportText {
    public static func key(_ s: String) -> String { simpleKey(s) ?? unicodeKey(s) }

    /// Two spellings of one name: case, «ё» and spaces do not matter (a hyphen or another letter does).
    public static func sameName(_ a: String, _ b: String) -> Bool { nameKey(a) == nameKey(b) }

    static func nameKey(_ s: String) -> String {
        String(s.lowercased().compactMap { $0.isWhitespace ? nil : ($0 == "ё" ? "е" : $0) })
    }

    /// `key` by Unicode case mapping and characters: any text.
    static func unicodeKey(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        var depth = 0
        for ch in s.lowercased() {
            if ch == "(" { depth += 1; continue }
            if ch == ")" { depth = max(0, depth - 1); continue }
            if depth > 0 { continue }
            if ch == "ё" { out.append("е"); continue }
            if ch.isLetter || ch.isNumber { out.append(ch) }
        }
        return out
    }

    /// `key` for text of ASCII and the Russian alphabet only (names, headers, most cells), by code point, without
    /// Unicode case mapping or grapheme breaking; nil for anything else (combining marks, other scripts), which
    /// takes the general path.
    static func simpleKey(_ s: String) -> String? {
        var out = String.UnicodeScalarView()
        var depth = 0
        for u in s.unicodeScalars {
            var v = u.value
            switch v {
            case 0x28: depth += 1; continue  // (
            case 0x29: depth = max(0, depth - 1); continue  // )
            case 0x41...0x5A, 0x410...0x42F: v += 0x20  // A–Z, А–Я
            case 0x61...0x7A, 0x30...0x39, 0x430...0x44F: break  // a–z, 0–9, а–я
            case 0x401, 0x451: v = 0x435  // Ё, ё → е
            case 0..<0x80: continue  // other ASCII: spaces, punctuation, controls
            default: return nil
            }
            if depth == 0 { out.append(Unicode.Scalar(v)!) }
        }
        return String(out)
    }

    /// A labelled value by its identifier, its label, the label without its remark, or the remark.
    public static func labelled<T: Labelled>(_ raw: String, _ type: T.Type, synonyms: [String: T] = [:]) -> T? {
        let k = key(raw)
        guard !k.isEmpty else { return nil }
        if let s = synonyms.first(where: { key($0.key) == k }) { return s.value }
        return LabelIndex.shared.index(T.self)[k]
    }

    /// The keys a case is recognised by: its identifier, its label, and the remark in brackets of the label.
    static func keys<T: Labelled>(_ c: T) -> [String] {
        let label = c.label.lowercased()
        let remark = label.firstIndex(of: "(").map { String(label[$0...]).filter { $0 != "(" && $0 != ")" } }
        return [key(c.rawValue), key(label)] + (remark.map { [key($0)] } ?? [])
    }

    /// A list typed in one cell: «а; б», «а, б» or one per line.
    public static func list(_ raw: String) -> [String] {
        raw.split(whereSeparator: { $0 == ";" || $0 == "\n" || ($0 == "," && !raw.contains(";")) })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    public static func yes(_ raw: String) -> Bool? {
        switch key(raw) {
        case "да", "д", "yes", "1", "true", "истина", "+": true
        case "нет", "н", "no", "0", "false", "ложь", "-", "": false
        default: nil
        }
    }
}

/// Each labelled type's cases by every key they are recognised by, built once per type: an import of 100,000
/// rows with a «Пол» or «Категория» column normalised every label of the type for every row.
final class LabelIndex: @unchecked Sendable {
    static let shared = LabelIndex()
    private let lock = NSLock()
    private var indexes: [ObjectIdentifier: Any] = [:]

    func index<T: Labelled>(_ type: T.Type) -> [String: T] {
        if let known = lock.withLock({ indexes[ObjectIdentifier(type)] }) as? [String: T] { return known }
        var index: [String: T] = [:]
        // The first case a key belongs to wins, as a search through the cases in order would find it.
        for c in T.allCases { for k in ImportText.keys(c) where !k.isEmpty && index[k] == nil { index[k] = c } }
        lock.withLock { indexes[ObjectIdentifier(type)] = index }
        return index
    }
}
