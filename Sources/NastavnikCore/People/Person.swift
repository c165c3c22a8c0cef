import Foundation

/// Пол.
public enum Sex: String, Labelled {
    case male, female
    public var label: String { self == .male ? "мужской" : "женский" }
}

/// Уровень образования.
public enum EducationLevel: String, Labelled {
    case higherPedagogical = "higher_ped", higher, vocationalPedagogical = "vocational_ped", vocational, general
    public var label: String {
        switch self {
        case .higherPedagogical: "высшее педагогическое"
        case .higher: "высшее"
        case .vocationalPedagogical: "среднее профессиональное педагогическое"
        case .vocational: "среднее профессиональное"
        case .general: "общее"
        }
    }
}

/// Квалификационная категория педагога.
public enum QualificationCategory: String, Labelled {
    case none, fitForPost = "fit_for_post", first, highest, methodist, mentorTeacher = "mentor_teacher"
    public var label: String {
        switch self {
        case .none: "без категории"
        case .fitForPost: "соответствие занимаемой должности"
        case .first: "первая"
        case .highest: "высшая"
        case .methodist: "педагог-методист"
        case .mentorTeacher: "педагог-наставник"
        }
    }
}

/// The role a person has in one organisation for one period.
public enum MembershipRole: String, Labelled {
    case pedagogical, managerial, otherStaff = "other_staff", student, partnerEmployee = "partner_employee"
    public var label: String {
        switch self {
        case .pedagogical: "педагогический работник"
        case .managerial: "руководящий работник"
        case .otherStaff: "иной работник"
        case .student: "обучающийся"
        case .partnerEmployee: "сотрудник организации-партнёра"
        }
    }

    /// Pedagogical and managerial staff are the «педагогические работники» of the indicators.
    public var isStaff: Bool { self == .pedagogical || self == .managerial || self == .otherStaff }
}

/// A person: staff member, student or partner employee. Contacts are never public.
public struct Person: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var lastName: String
    public var firstName: String
    public var middleName: String?
    public var birthDate: Day
    public var sex: Sex?
    public var snils: String?
    public var email: String?
    public var phone: String?
    // Staff profile; nil for students.
    public var educationLevel: EducationLevel?
    public var specialty: String?
    public var graduationYear: Int?
    public var totalExperienceStart: Day?
    public var pedagogicalExperienceStart: Day?
    public var category: QualificationCategory?

    public init(
        id: UUID = .timeOrdered(), lastName: String, firstName: String, middleName: String? = nil, birthDate: Day,
        sex: Sex? = nil, snils: String? = nil, email: String? = nil, phone: String? = nil,
        educationLevel: EducationLevel? = nil, specialty: String? = nil, graduationYear: Int? = nil,
        totalExperienceStart: Day? = nil, pedagogicalExperienceStart: Day? = nil,
        category: QualificationCategory? = nil
    ) {
        self.id = id
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

    /// ФИО: «Иванова Мария Петровна».
    public var fullName: String { [lastName, firstName, middleName].compactMap { $0 }.joined(separator: " ") }

    /// «Иванова М. П.», as in orders and tables.
    public var shortName: String {
        let initials = [firstName, middleName].compactMap { $0?.first.map { "\($0)." } }.joined(separator: " ")
        return initials.isEmpty ? lastName : "\(lastName) \(initials)"
    }

    public func age(on day: Day) -> Int { birthDate.fullYears(until: day) }

    /// Несовершеннолетний: under 18 on `day`; their consent is given by a parent or legal representative.
    public func isMinor(on day: Day) -> Bool { age(on: day) < 18 }

    public func pedagogicalExperience(on day: Day) -> Experience? {
        pedagogicalExperienceStart.map { Experience(from: $0, to: day) }
    }

    public func totalExperience(on day: Day) -> Experience? {
        totalExperienceStart.map { Experience(from: $0, to: day) }
    }

    /// Молодой специалист (seed 001, indicator 11): pedagogical experience from 0 to 3 years, computed, never typed.
    public func isYoungSpecialist(on day: Day) -> Bool {
        guard let start = pedagogicalExperienceStart, start <= day else { return false }
        return day <= start.adding(years: 3)
    }

    /// The earliest start of pedagogical experience that still makes a young specialist on `day`: the SQL engine's
    /// bound, so that both engines read one rule. `day.adding(years: -3)` alone is wrong after a leap day: on
    /// 29.02.2024 a start of 28.02.2021 gives 3 years and 1 day (28.02.2021 + 3 years is 28.02.2024).
    public static func youngSpecialistEarliestStart(on day: Day) -> Day {
        let back = day.adding(years: -3)
        return back.adding(years: 3) < day ? back.adding(days: 1) : back
    }
}

/// Стаж, computed from a start date at any date.
public struct Experience: Sendable, Equatable {
    public var years: Int
    public var months: Int

    public init(from start: Day, to day: Day) {
        guard start <= day else {
            years = 0
            months = 0
            return
        }
        var total = (day.year - start.year) * 12 + (day.month - start.month)
        if day.day < start.day { total -= 1 }
        years = total / 12
        months = total % 12
    }

    /// «5 лет 3 мес.»
    public var russian: String {
        let y = "\(years) \(RussianPlural.form(years, "год", "года", "лет"))"
        if years == 0, months > 0 { return "\(months) мес." }
        return months == 0 ? y : "\(y) \(months) мес."
    }

    public var decimalYears: Double { Double(years) + Double(months) / 12 }
}

/// A noun counted in more than one place, in the forms a number takes (1, 2–4, 5 and more).
public struct RussianNoun: Sendable {
    public var one: String, few: String, many: String

    public init(_ one: String, _ few: String, _ many: String) {
        (self.one, self.few, self.many) = (one, few, many)
    }

    public static let organisations = RussianNoun("организация", "организации", "организаций")
    public static let events = RussianNoun("мероприятие", "мероприятия", "мероприятий")
}

/// Склонение числительных: 1 год, 2 года, 5 лет.
public enum RussianPlural {
    /// The number and the noun agreeing with it: «1 строка», «3 строки», «11 строк».
    public static func count(_ n: Int, _ one: String, _ few: String, _ many: String) -> String {
        "\(n) \(form(n, one, few, many))"
    }

    public static func count(_ n: Int, _ noun: RussianNoun) -> String { count(n, noun.one, noun.few, noun.many) }

    public static func form(_ n: Int, _ noun: RussianNoun) -> String { form(n, noun.one, noun.few, noun.many) }

    public static func form(_ n: Int, _ one: String, _ few: String, _ many: String) -> String {
        let n100 = abs(n) % 100
        let n10 = abs(n) % 10
        if (11...14).contains(n100) { return many }
        if n10 == 1 { return one }
        if (2...4).contains(n10) { return few }
        return many
    }
}

/// A person's place in an organisation for a period (employment, study).
public struct Membership: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var personID: UUID
    public var organisationID: UUID
    public var role: MembershipRole
    public var position: String?
    public var subjects: [String]
    public var grade: String?
    public var period: Period

    public init(
        id: UUID = .timeOrdered(), personID: UUID, organisationID: UUID, role: MembershipRole, position: String? = nil,
        subjects: [String] = [], grade: String? = nil, period: Period
    ) {
        self.id = id
        self.personID = personID
        self.organisationID = organisationID
        self.role = role
        self.position = position
        self.subjects = subjects
        self.grade = grade
        self.period = period
    }
}
