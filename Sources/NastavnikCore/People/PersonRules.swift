import Foundation

/// What a person form or an import row carries before it becomes a `Person`.
public struct PersonInput: Sendable, Equatable, Codable {
    public var lastName: String?
    public var firstName: String?
    public var middleName: String?
    public var birthDate: String?
    public var sex: String?
    public var snils: String?
    public var email: String?
    public var phone: String?
    public var educationLevel: String?
    public var specialty: String?
    public var graduationYear: String?
    public var totalExperienceStart: String?
    public var pedagogicalExperienceStart: String?
    public var category: String?

    public init(
        lastName: String? = nil, firstName: String? = nil, middleName: String? = nil, birthDate: String? = nil,
        sex: String? = nil, snils: String? = nil, email: String? = nil, phone: String? = nil,
        educationLevel: String? = nil, specialty: String? = nil, graduationYear: String? = nil,
        totalExperienceStart: String? = nil, pedagogicalExperienceStart: String? = nil, category: String? = nil
    ) {
        self.lastName = lastName
        self.firstName = firstName
        self.middleName = middleName
        self.birthDate = birthDate
        self.sex = sex
        self.snils = snils
        self.email = email
        self.phone = phone
        self.educationLevel = educationLevel
        self.specialty = specialty
        self.graduationYear = graduationYear
        self.totalExperienceStart = totalExperienceStart
        self.pedagogicalExperienceStart = pedagogicalExperienceStart
        self.category = category
    }

    public init(_ p: Person) {
        self.init(
            lastName: p.lastName, firstName: p.firstName, middleName: p.middleName, birthDate: p.birthDate.iso,
            sex: p.sex?.rawValue, snils: p.snils, email: p.email, phone: p.phone,
            educationLevel: p.educationLevel?.rawValue, specialty: p.specialty,
            graduationYear: p.graduationYear.map(String.init), totalExperienceStart: p.totalExperienceStart?.iso,
            pedagogicalExperienceStart: p.pedagogicalExperienceStart?.iso, category: p.category?.rawValue)
    }
}

public enum PersonRules {
    /// Turns input into a valid `Person` or throws every problem at once, in Russian.
    /// More than 100 characters, or a digit among them. Names in ASCII and the Russian alphabet (nearly all) are
    /// checked byte by byte; anything else by characters.
    static func tooLongOrHasDigits(_ v: String) -> Bool {
        let utf8 = v.utf8
        // Lead bytes other than 0xD0/0xD1 absent: only ASCII and U+0400–U+047F, where the only digits are ASCII ones.
        if utf8.count <= 100, !utf8.contains(where: { $0 >= 0xC0 && $0 != 0xD0 && $0 != 0xD1 }) {
            return utf8.contains { (0x30...0x39).contains($0) }
        }
        return v.count > 100 || v.contains(where: { $0.isNumber })
    }

    public static func build(_ input: PersonInput, id: UUID = .timeOrdered(), today: Day) throws -> Person {
        var issues: [FieldIssue] = []
        func name(_ value: String?, _ field: String, _ what: String, required: Bool) -> String? {
            guard let v = value.nonBlank else {
                if required { issues.append(.init(field, "Укажите \(what).")) }
                return nil
            }
            if Self.tooLongOrHasDigits(v) {
                issues.append(.init(field, "Поле «\(what.capitalizedFirst)» заполнено неверно: без цифр, не длиннее 100 знаков."))
            }
            return v
        }
        func day(_ value: String?, _ field: String, _ what: String) -> Day? {
            guard let v = value.nonBlank else { return nil }
            guard let d = Day(v) else {
                issues.append(.init(field, "Дата «\(what)» указана неверно: ожидается дд.мм.гггг."))
                return nil
            }
            return d
        }
        func labelled<T: Labelled>(_ value: String?, _ field: String, _ what: String) -> T? {
            guard let v = value.nonBlank else { return nil }
            guard let parsed = T.parse(v) else {
                issues.append(.init(field, "Неизвестное значение «\(v)» в поле «\(what)»."))
                return nil
            }
            return parsed
        }

        let last = name(input.lastName, "lastName", "фамилию", required: true)
        let first = name(input.firstName, "firstName", "имя", required: true)
        let middle = name(input.middleName, "middleName", "отчество", required: false)
        let birth = day(input.birthDate, "birthDate", "дата рождения")
        if input.birthDate.nonBlank == nil { issues.append(.init("birthDate", "Укажите дату рождения.")) }
        if let birth, birth > today {
            issues.append(.init("birthDate", "Дата рождения \(birth.russian) ещё не наступила."))
        }
        if let birth, birth.fullYears(until: today) > 110 {
            issues.append(.init("birthDate", "Дата рождения \(birth.russian) слишком давняя."))
        }
        let total = day(input.totalExperienceStart, "totalExperienceStart", "начало общего стажа")
        let ped = day(input.pedagogicalExperienceStart, "pedagogicalExperienceStart", "начало педагогического стажа")
        for (start, field, what) in [(total, "totalExperienceStart", "общего"), (ped, "pedagogicalExperienceStart", "педагогического")] {
            guard let start else { continue }
            if let birth, start < birth.adding(years: 14) {
                issues.append(.init(field, "Начало \(what) стажа (\(start.russian)) раньше 14-летия человека."))
            }
            if start > today {
                issues.append(.init(field, "Начало \(what) стажа (\(start.russian)) ещё не наступило."))
            }
        }
        if let total, let ped, ped < total {
            issues.append(.init("pedagogicalExperienceStart", "Педагогический стаж не может начаться раньше общего."))
        }
        var graduation: Int?
        if let g = input.graduationYear.nonBlank {
            if let year = Int(g), year >= 1940, year <= today.year + 1 {
                graduation = year
                if let birth, year < birth.year + 14 {
                    issues.append(.init("graduationYear", "Год окончания \(year) раньше 14-летия человека."))
                }
            } else {
                issues.append(.init("graduationYear", "Год окончания указан неверно: четыре цифры, не позже \(today.year + 1)."))
            }
        }
        let snils = input.snils.nonBlank.map { $0.filter(\.isNumber) }
        if let snils, !Snils.isValid(snils) {
            issues.append(.init("snils", "СНИЛС указан неверно: 11 цифр с верной контрольной суммой."))
        }
        if let email = input.email.nonBlank, !(email.contains("@" as Character) && email.contains("." as Character)) {
            issues.append(.init("email", "Адрес электронной почты указан неверно."))
        }
        let sex: Sex? = labelled(input.sex, "sex", "Пол")
        let education: EducationLevel? = labelled(input.educationLevel, "educationLevel", "Образование")
        let category: QualificationCategory? = labelled(input.category, "category", "Квалификационная категория")
        try ValidationError.check(issues)
        return Person(
            id: id, lastName: last!, firstName: first!, middleName: middle, birthDate: birth!, sex: sex,
            snils: snils, email: input.email.nonBlank, phone: input.phone.nonBlank, educationLevel: education,
            specialty: input.specialty.nonBlank, graduationYear: graduation, totalExperienceStart: total,
            pedagogicalExperienceStart: ped, category: category)
    }
}

/// СНИЛС: 11 digits, the last two a checksum of the first nine.
public enum Snils {
    public static func isValid(_ digits: String) -> Bool {
        let d = digits.utf8.map { Int($0) - 48 }
        guard d.count == 11, d.allSatisfy({ (0...9).contains($0) }) else { return false }
        return checksum(Array(d[0..<9])) == d[9] * 10 + d[10]
    }

    public static func checksum(_ nine: [Int]) -> Int {
        let sum = nine.enumerated().reduce(0) { $0 + $1.element * (9 - $1.offset) }
        switch sum {
        case ..<100: return sum
        case 100, 101: return 0
        default:
            let r = sum % 101
            return r == 100 ? 0 : r
        }
    }

    /// A valid number built from nine digits (demo data, tests).
    public static func make(_ nine: [Int]) -> String {
        nine.map(String.init).joined() + String(format: "%02d", checksum(nine))
    }
}

/// Checks a membership against the person and the organisation's kind.
public enum MembershipRules {
    public static func validate(_ m: Membership, person: Person, organisationKind: OrganisationKind) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if let end = m.period.end, end < m.period.start {
            issues.append(.init("end", "Дата окончания раньше даты начала."))
        }
        if m.period.start < person.birthDate {
            issues.append(.init("start", "Период начинается раньше даты рождения."))
        }
        if m.role == .partnerEmployee, organisationKind != .partner {
            issues.append(.init("role", "Сотрудник организации-партнёра может числиться только в организации-партнёре."))
        }
        if m.role == .student, organisationKind == .partner {
            issues.append(.init("role", "Обучающиеся не числятся в организации-партнёре."))
        }
        if m.role == .student, m.grade.nonBlank == nil {
            issues.append(.init("grade", "Для обучающегося укажите класс, курс или группу."))
        }
        return issues
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
