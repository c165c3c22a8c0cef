import Foundation
import Testing

@testable import NastavnikCore

private func day(_ text: String) -> Day { Day(text)! }
private let today = day("2026-11-25")

/// The issues `PersonRules.build` throws for `input` (empty when it builds).
private func buildIssues(_ input: PersonInput, on date: Day = today) -> [FieldIssue] {
    do {
        _ = try PersonRules.build(input, today: date)
        return []
    } catch let error as ValidationError {
        return error.issues
    } catch {
        Issue.record("unexpected error \(error)")
        return []
    }
}

/// A minimal valid staff input to spoil one field at a time.
private func validInput() -> PersonInput {
    PersonInput(
        lastName: "Иванова", firstName: "Мария", middleName: "Петровна", birthDate: "15.03.1990", sex: "женский",
        snils: "112-233-445 95", email: "ivanova@school.ru", phone: "+7 900 000-00-00", educationLevel: "higher_ped",
        specialty: "учитель математики", graduationYear: "2012", totalExperienceStart: "01.09.2010",
        pedagogicalExperienceStart: "01.09.2012", category: "Высшая")
}

@Suite("Person: names, age, experience, young specialist")
struct PersonTests {
    let maria = Person(lastName: "Иванова", firstName: "Мария", middleName: "Петровна", birthDate: day("1990-03-15"))

    @Test("ФИО is last, first and middle name; a missing middle name is left out")
    func fullName() {
        #expect(maria.fullName == "Иванова Мария Петровна")
        #expect(Person(lastName: "Smith", firstName: "John", birthDate: day("1990-03-15")).fullName == "Smith John")
    }

    @Test("The short name is the last name with initials, as in orders")
    func shortName() {
        #expect(maria.shortName == "Иванова М. П.")
        #expect(Person(lastName: "Иванова", firstName: "Мария", birthDate: day("1990-03-15")).shortName == "Иванова М.")
        #expect(Person(lastName: "Иванова", firstName: "", birthDate: day("1990-03-15")).shortName == "Иванова")
        #expect(Person(lastName: "Иванова", firstName: "Мария", middleName: "", birthDate: day("1990-03-15")).shortName == "Иванова М.")
    }

    @Test("A person is a minor until the 18th birthday and an adult on it", arguments: [
        ("2026-05-05", true, 17), ("2026-05-06", false, 18), ("2026-05-07", false, 18), ("2008-05-06", true, 0),
        ("2025-12-31", true, 17), ("2030-01-01", false, 21),
    ])
    func isMinor(_ c: (String, Bool, Int)) {
        let teen = Person(lastName: "Сидоров", firstName: "Пётр", birthDate: day("2008-05-06"))
        #expect(teen.isMinor(on: day(c.0)) == c.1)
        #expect(teen.age(on: day(c.0)) == c.2)
    }

    @Test("Experience is whole years and months from the start date", arguments: [
        ("2021-09-01", "2026-11-25", 5, 2), ("2021-09-01", "2026-09-01", 5, 0), ("2021-09-01", "2026-08-31", 4, 11),
        ("2021-09-01", "2021-09-30", 0, 0), ("2021-09-01", "2021-10-01", 0, 1), ("2021-09-01", "2021-09-01", 0, 0),
        ("2021-09-15", "2022-09-14", 0, 11), ("2021-09-15", "2022-09-15", 1, 0), ("2021-12-31", "2022-01-30", 0, 0),
        ("2000-01-01", "2026-11-25", 26, 10),
    ])
    func experience(_ c: (String, String, Int, Int)) {
        let e = Experience(from: day(c.0), to: day(c.1))
        #expect(e.years == c.2)
        #expect(e.months == c.3)
        #expect(e.decimalYears == Double(c.2) + Double(c.3) / 12)
    }

    @Test("Experience that has not started yet is zero")
    func futureExperience() {
        let e = Experience(from: day("2027-01-01"), to: today)
        #expect(e.years == 0 && e.months == 0)
    }

    @Test("Experience is spoken in Russian with the right plural", arguments: [
        ("2025-11-25", "1 год"), ("2024-11-25", "2 года"), ("2023-11-25", "3 года"), ("2022-11-25", "4 года"),
        ("2021-11-25", "5 лет"), ("2015-11-25", "11 лет"), ("2014-11-25", "12 лет"), ("2012-11-25", "14 лет"),
        ("2005-11-25", "21 год"), ("2004-11-25", "22 года"), ("2001-11-25", "25 лет"), ("2026-11-25", "0 лет"),
        ("2025-08-25", "1 год 3 мес."), ("2021-09-01", "5 лет 2 мес."), ("2004-12-25", "21 год 11 мес."), ("2026-04-25", "7 мес."),
    ])
    func experienceRussian(_ c: (String, String)) {
        #expect(Experience(from: day(c.0), to: today).russian == c.1)
    }

    @Test("Russian numerals: 1 год, 2 года, 5 лет, 11–14 лет, 21 год, 101 год, 111 лет", arguments: [
        (0, "лет"), (1, "год"), (2, "года"), (3, "года"), (4, "года"), (5, "лет"), (9, "лет"), (10, "лет"),
        (11, "лет"), (12, "лет"), (13, "лет"), (14, "лет"), (15, "лет"), (20, "лет"), (21, "год"), (22, "года"),
        (24, "года"), (25, "лет"), (101, "год"), (102, "года"), (111, "лет"), (112, "лет"), (114, "лет"),
        (121, "год"), (-1, "год"), (-12, "лет"),
    ])
    func plural(_ c: (Int, String)) {
        #expect(RussianPlural.form(c.0, "год", "года", "лет") == c.1)
        #expect(RussianPlural.count(c.0, "год", "года", "лет") == "\(c.0) \(c.1)")
    }

    @Test("A young specialist has 0 to 3 years of pedagogical experience, both ends inclusive", arguments: [
        ("2023-11-25", true),  // exactly 3 years
        ("2023-11-24", false),  // 3 years and 1 day
        ("2023-11-26", true),
        ("2026-11-25", true),  // first day
        ("2026-11-26", false),  // starts tomorrow
        ("2030-09-01", false),
        ("2025-01-01", true),
        ("2010-09-01", false),
    ])
    func youngSpecialist(_ c: (String, Bool)) {
        let p = Person(lastName: "Иванова", firstName: "Мария", birthDate: day("1990-01-01"), pedagogicalExperienceStart: day(c.0))
        #expect(p.isYoungSpecialist(on: today) == c.1)
    }

    @Test("Without a pedagogical experience start nobody is a young specialist")
    func youngSpecialistNeedsStart() {
        let p = Person(lastName: "Иванова", firstName: "Мария", birthDate: day("2000-01-01"), totalExperienceStart: day("2025-09-01"))
        #expect(!p.isYoungSpecialist(on: today))
        #expect(p.pedagogicalExperience(on: today) == nil)
        #expect(p.totalExperience(on: today) == Experience(from: day("2025-09-01"), to: today))
    }

    @Test("Young specialist status is computed on the given day, not stored")
    func youngSpecialistMovesWithTheDay() {
        let p = Person(lastName: "Иванова", firstName: "Мария", birthDate: day("1990-01-01"), pedagogicalExperienceStart: day("2022-09-01"))
        #expect(p.isYoungSpecialist(on: day("2025-09-01")))
        #expect(!p.isYoungSpecialist(on: day("2025-09-02")))
        #expect(!p.isYoungSpecialist(on: day("2022-08-31")))
        #expect(p.pedagogicalExperience(on: day("2025-09-01")) == Experience(from: day("2022-09-01"), to: day("2025-09-01")))
    }

    @Test("A pedagogical start on 29 February: young through 28 February three years on")
    func youngSpecialistLeapStart() {
        let p = Person(lastName: "Иванова", firstName: "Мария", birthDate: day("1990-01-01"), pedagogicalExperienceStart: day("2024-02-29"))
        #expect(p.isYoungSpecialist(on: day("2027-02-28")))
        #expect(!p.isYoungSpecialist(on: day("2027-03-01")))
    }
}

@Suite("PersonRules.build: input becomes a valid person or every problem at once")
struct PersonRulesTests {
    @Test("Valid input builds the person, trimmed and parsed")
    func buildsValid() throws {
        let id = UUID()
        var input = validInput()
        input.lastName = "  Иванова "
        input.phone = "  "
        let p = try PersonRules.build(input, id: id, today: today)
        #expect(p.id == id)
        #expect(p.lastName == "Иванова" && p.firstName == "Мария" && p.middleName == "Петровна")
        #expect(p.birthDate == day("1990-03-15"))
        #expect(p.sex == .female)
        #expect(p.snils == "11223344595")
        #expect(p.email == "ivanova@school.ru")
        #expect(p.phone == nil)
        #expect(p.educationLevel == .higherPedagogical)
        #expect(p.specialty == "учитель математики")
        #expect(p.graduationYear == 2012)
        #expect(p.totalExperienceStart == day("2010-09-01"))
        #expect(p.pedagogicalExperienceStart == day("2012-09-01"))
        #expect(p.category == .highest)
    }

    @Test("Only last name, first name and birth date are required")
    func minimalInput() throws {
        let p = try PersonRules.build(PersonInput(lastName: "Петров", firstName: "Пётр", birthDate: "2013-04-04"), today: today)
        #expect(p.middleName == nil && p.snils == nil && p.pedagogicalExperienceStart == nil && p.sex == nil)
    }

    @Test("A person turned back into input builds the same person")
    func inputRoundTrip() throws {
        let p = try PersonRules.build(validInput(), today: today)
        #expect(try PersonRules.build(PersonInput(p), id: p.id, today: today) == p)
    }

    @Test("Missing names and birth date are reported with Russian messages")
    func missingRequired() {
        let issues = buildIssues(PersonInput(lastName: " ", firstName: nil, middleName: "", birthDate: ""))
        #expect(issues.contains(FieldIssue("lastName", "Укажите фамилию.")))
        #expect(issues.contains(FieldIssue("firstName", "Укажите имя.")))
        #expect(issues.contains(FieldIssue("birthDate", "Укажите дату рождения.")))
        #expect(!issues.contains { $0.field == "middleName" })
        #expect(issues.count == 3)
    }

    @Test("A malformed or impossible birth date is reported as wrongly typed", arguments: ["31.02.2023", "abc", "1990-13-01"])
    func malformedBirthDate(_ text: String) {
        var input = validInput()
        input.birthDate = text
        let issues = buildIssues(input)
        #expect(issues == [FieldIssue("birthDate", "Дата «дата рождения» указана неверно: ожидается дд.мм.гггг.")])
    }

    @Test("A birth date in the future is refused; today is allowed")
    func futureBirthDate() throws {
        let issues = buildIssues(PersonInput(lastName: "Петров", firstName: "Пётр", birthDate: "26.11.2026"))
        #expect(issues == [FieldIssue("birthDate", "Дата рождения 26.11.2026 ещё не наступила.")])
        _ = try PersonRules.build(PersonInput(lastName: "Петров", firstName: "Пётр", birthDate: "25.11.2026"), today: today)
    }

    @Test("A birth date more than 110 years ago is refused")
    func tooOld() throws {
        #expect(buildIssues(PersonInput(lastName: "Петров", firstName: "Пётр", birthDate: "24.11.1915")).map(\.field) == ["birthDate"])
        _ = try PersonRules.build(PersonInput(lastName: "Петров", firstName: "Пётр", birthDate: "25.11.1916"), today: today)
    }

    @Test("Names with digits or longer than 100 characters are refused", arguments: [
        ("lastName", "Иван0ва"), ("firstName", "Мария2"), ("middleName", "Петровна1"),
        ("lastName", String(repeating: "а", count: 101)),
    ])
    func badNames(_ c: (String, String)) {
        var input = validInput()
        switch c.0 {
        case "lastName": input.lastName = c.1
        case "firstName": input.firstName = c.1
        default: input.middleName = c.1
        }
        let issues = buildIssues(input)
        #expect(issues.map(\.field) == [c.0])
        #expect(issues.first?.message.contains("без цифр, не длиннее 100 знаков") == true)
    }

    @Test("A name of exactly 100 letters, with a hyphen, is accepted")
    func longName() throws {
        var input = validInput()
        input.lastName = String(repeating: "а", count: 95) + "-Бекк"
        _ = try PersonRules.build(input, today: today)
    }

    @Test("Experience cannot start before the 14th birthday; the birthday itself is fine", arguments: [
        ("totalExperienceStart", "14.03.2004", true), ("totalExperienceStart", "15.03.2004", false),
        ("pedagogicalExperienceStart", "14.03.2004", true), ("pedagogicalExperienceStart", "15.03.2004", false),
        ("pedagogicalExperienceStart", "01.09.1995", true),
    ])
    func experienceBeforeFourteen(_ c: (String, String, Bool)) {
        var input = validInput()
        input.graduationYear = nil
        input.totalExperienceStart = nil
        input.pedagogicalExperienceStart = nil
        if c.0 == "totalExperienceStart" { input.totalExperienceStart = c.1 } else { input.pedagogicalExperienceStart = c.1 }
        let issues = buildIssues(input)
        #expect(issues.contains { $0.field == c.0 && $0.message.contains("раньше 14-летия") } == c.2)
        if !c.2 { #expect(issues.isEmpty) }
    }

    @Test("Experience cannot start in the future")
    func experienceInFuture() {
        var input = validInput()
        input.totalExperienceStart = "26.11.2026"
        input.pedagogicalExperienceStart = "01.12.2026"
        let issues = buildIssues(input)
        #expect(issues.contains(FieldIssue("totalExperienceStart", "Начало общего стажа (26.11.2026) ещё не наступило.")))
        #expect(issues.contains(FieldIssue("pedagogicalExperienceStart", "Начало педагогического стажа (01.12.2026) ещё не наступило.")))
    }

    @Test("Pedagogical experience cannot start before total experience; the same day is fine")
    func pedagogicalBeforeTotal() throws {
        var input = validInput()
        input.totalExperienceStart = "01.09.2012"
        input.pedagogicalExperienceStart = "31.08.2012"
        #expect(buildIssues(input) == [FieldIssue("pedagogicalExperienceStart", "Педагогический стаж не может начаться раньше общего.")])
        input.pedagogicalExperienceStart = "01.09.2012"
        _ = try PersonRules.build(input, today: today)
    }

    @Test("A malformed experience date is reported on its field")
    func malformedExperienceDate() {
        var input = validInput()
        input.pedagogicalExperienceStart = "31.02.2020"
        #expect(buildIssues(input) == [FieldIssue("pedagogicalExperienceStart", "Дата «начало педагогического стажа» указана неверно: ожидается дд.мм.гггг.")])
    }

    @Test("A graduation year must be four digits from 1940 to next year", arguments: ["1939", "abc", "20x5", "2028", "-2012", "12"])
    func badGraduationYear(_ text: String) {
        var input = validInput()
        input.graduationYear = text
        #expect(buildIssues(input) == [FieldIssue("graduationYear", "Год окончания указан неверно: четыре цифры, не позже 2027.")])
    }

    @Test("Next year is accepted as a graduation year, and 1940 for someone old enough")
    func graduationYearBounds() throws {
        var input = validInput()
        input.graduationYear = "2027"
        #expect(try PersonRules.build(input, today: today).graduationYear == 2027)
        let old = PersonInput(lastName: "Петров", firstName: "Пётр", birthDate: "01.01.1925", graduationYear: "1940")
        #expect(try PersonRules.build(old, today: today).graduationYear == 1940)
    }

    @Test("A graduation year before the 14th birthday year is refused")
    func graduationBeforeFourteen() {
        var input = validInput()
        input.graduationYear = "2003"
        #expect(buildIssues(input) == [FieldIssue("graduationYear", "Год окончания 2003 раньше 14-летия человека.")])
        input.graduationYear = "2004"
        #expect(buildIssues(input).isEmpty)
    }

    @Test("A СНИЛС with a wrong checksum or length is refused", arguments: ["11223344596", "1122334459", "112233445951", "abc"])
    func badSnils(_ text: String) {
        var input = validInput()
        input.snils = text
        #expect(buildIssues(input) == [FieldIssue("snils", "СНИЛС указан неверно: 11 цифр с верной контрольной суммой.")])
    }

    @Test("An e-mail without @ or a dot is refused")
    func badEmail() {
        var input = validInput()
        input.email = "ivanova-school.ru"
        #expect(buildIssues(input).map(\.field) == ["email"])
        input.email = "ivanova@school"
        #expect(buildIssues(input).map(\.field) == ["email"])
    }

    @Test("Unknown sex, education or category values are refused; labels and identifiers are both understood")
    func labelledFields() throws {
        var input = validInput()
        input.sex = "other"
        input.educationLevel = "докторское"
        input.category = "вторая"
        #expect(Set(buildIssues(input).map(\.field)) == ["sex", "educationLevel", "category"])
        #expect(buildIssues(input).contains(FieldIssue("sex", "Неизвестное значение «other» в поле «Пол».")))
        input.sex = "male"
        input.educationLevel = "Высшее педагогическое"
        input.category = "fit_for_post"
        let p = try PersonRules.build(input, today: today)
        #expect(p.sex == .male && p.educationLevel == .higherPedagogical && p.category == .fitForPost)
    }

    @Test("All problems are reported at once, in Russian")
    func allAtOnce() throws {
        let bad = PersonInput(
            lastName: "", firstName: "Мар1я", birthDate: "01.01.2030", snils: "11223344596", email: "nope",
            graduationYear: "19", totalExperienceStart: "01.01.2027", pedagogicalExperienceStart: "01.01.2020", category: "x")
        let error = try #require(throws: ValidationError.self) { try PersonRules.build(bad, today: today) }
        let fields = Set(error.issues.map(\.field))
        #expect(fields == ["lastName", "firstName", "birthDate", "snils", "email", "graduationYear", "totalExperienceStart", "pedagogicalExperienceStart", "category"])
        #expect(error.issues.count >= 10)
        #expect(error.summary.contains("Укажите фамилию."))
        #expect(error.summary.contains("Дата рождения 01.01.2030 ещё не наступила."))
        #expect(error.summary.contains("Педагогический стаж не может начаться раньше общего."))
        #expect(error.issues.allSatisfy { $0.message.range(of: "[А-Яа-яЁё]", options: .regularExpression) != nil })
    }
}

@Suite("Snils: 11 digits, the last two a checksum of the first nine")
struct SnilsTests {
    @Test("Known valid numbers pass", arguments: [
        "11223344595",  // sum 95 < 100: the sum itself
        "08765430300",  // sum 202: 202 mod 101 = 0
        "05023431600",  // sum 100: 00
        "01610339600",  // sum 101: 00
        "82098123300",  // sum 201: 201 mod 101 = 100 → 00
        "70020162101",  // sum 102: 102 mod 101 = 1
        "99999999901",  // sum 405: 405 mod 101 = 1
        "12345678964",  // sum 165: 165 mod 101 = 64
        "00000000101",  // sum 1
    ])
    func valid(_ number: String) {
        #expect(Snils.isValid(number))
    }

    @Test("Wrong checksums, lengths and non-digits fail", arguments: [
        "11223344596", "11223344594", "08765430301", "05023431699", "82098123399", "82098123301", "1122334459",
        "112233445950", "", "1122334459a", "112-233-445 95", "11223344595 ", "12345678901",
    ])
    func invalid(_ number: String) {
        #expect(!Snils.isValid(number))
    }

    @Test("The checksum is Σ digit × (9 − index); <100 itself, 100 and 101 → 0, above that mod 101 with 100 → 0", arguments: [
        ([1, 1, 2, 2, 3, 3, 4, 4, 5], 95), ([0, 0, 0, 0, 0, 0, 0, 1, 0], 2), ([1, 0, 0, 0, 0, 0, 0, 0, 0], 9),
        ([0, 5, 0, 2, 3, 4, 3, 1, 6], 0), ([0, 1, 6, 1, 0, 3, 3, 9, 6], 0), ([8, 2, 0, 9, 8, 1, 2, 3, 3], 0),
        ([9, 1, 3, 7, 0, 2, 8, 5, 8], 0), ([7, 0, 0, 2, 0, 1, 6, 2, 1], 1), ([9, 9, 9, 9, 9, 9, 9, 9, 9], 1),
        ([1, 2, 3, 4, 5, 6, 7, 8, 9], 64), ([0, 0, 0, 0, 0, 0, 0, 0, 0], 0), ([1, 1, 1, 1, 1, 1, 1, 1, 1], 45),
        ([0, 0, 0, 0, 0, 9, 9, 9, 9], 90), ([1, 0, 0, 0, 0, 9, 9, 9, 9], 99),
    ])
    func checksum(_ c: ([Int], Int)) {
        #expect(Snils.checksum(c.0) == c.1)
        // An independent reading of the algorithm.
        let sum = zip(c.0, (1...9).reversed()).map { $0.0 * $0.1 }.reduce(0, +)
        let expected = sum < 100 ? sum : (sum <= 101 ? 0 : (sum % 101 == 100 ? 0 : sum % 101))
        #expect(expected == c.1)
    }

    @Test("make builds a valid number from nine digits, and any other last two digits are invalid")
    func make() {
        #expect(Snils.make([1, 1, 2, 2, 3, 3, 4, 4, 5]) == "11223344595")
        #expect(Snils.make([0, 8, 7, 6, 5, 4, 3, 0, 3]) == "08765430300")
        #expect(Snils.make([0, 0, 0, 0, 0, 0, 0, 0, 1]) == "00000000101")
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let nine = (0..<9).map { _ in Int.random(in: 0...9, using: &rng) }
            let number = Snils.make(nine)
            #expect(number.count == 11)
            #expect(number.hasPrefix(nine.map(String.init).joined()))
            #expect(Snils.isValid(number))
            let wrong = number.dropLast(2) + String(format: "%02d", (Int(number.suffix(2))! + 1) % 100)
            #expect(!Snils.isValid(String(wrong)))
        }
    }
}

@Suite("MembershipRules: a membership fits the person and the organisation")
struct MembershipRulesTests {
    let person = Person(lastName: "Иванова", firstName: "Мария", birthDate: day("1990-03-15"))
    let org = UUID()

    func membership(_ role: MembershipRole, _ start: String, _ end: String? = nil, grade: String? = nil) -> Membership {
        Membership(personID: person.id, organisationID: org, role: role, grade: grade, period: Period(start: day(start), end: end.map(day)))
    }

    @Test("A valid membership has no issues", arguments: [
        (MembershipRole.pedagogical, OrganisationKind.school), (.managerial, .school), (.otherStaff, .preschool),
        (.pedagogical, .vocational), (.partnerEmployee, .partner), (.pedagogical, .university),
    ])
    func valid(_ c: (MembershipRole, OrganisationKind)) {
        #expect(MembershipRules.validate(membership(c.0, "2012-09-01", "2020-08-31"), person: person, organisationKind: c.1).isEmpty)
    }

    @Test("A student with a class or group is fine in an educational organisation")
    func student() {
        #expect(MembershipRules.validate(membership(.student, "2005-09-01", grade: "9 «Б»"), person: person, organisationKind: .school).isEmpty)
    }

    @Test("The end cannot precede the start; the same day is fine")
    func endBeforeStart() {
        #expect(MembershipRules.validate(membership(.pedagogical, "2020-09-01", "2020-08-31"), person: person, organisationKind: .school)
            == [FieldIssue("end", "Дата окончания раньше даты начала.")])
        #expect(MembershipRules.validate(membership(.pedagogical, "2020-09-01", "2020-09-01"), person: person, organisationKind: .school).isEmpty)
    }

    @Test("A membership cannot start before the person was born; the birth day is fine")
    func beforeBirth() {
        #expect(MembershipRules.validate(membership(.student, "1990-03-14", grade: "1"), person: person, organisationKind: .preschool)
            == [FieldIssue("start", "Период начинается раньше даты рождения.")])
        #expect(MembershipRules.validate(membership(.student, "1990-03-15", grade: "1"), person: person, organisationKind: .preschool).isEmpty)
    }

    @Test("A partner employee belongs only to a partner organisation", arguments: [
        OrganisationKind.school, .vocational, .preschool, .additional, .university,
    ])
    func partnerEmployeeOutsidePartner(_ kind: OrganisationKind) {
        #expect(MembershipRules.validate(membership(.partnerEmployee, "2012-09-01"), person: person, organisationKind: kind).map(\.field) == ["role"])
    }

    @Test("Students are not members of a partner organisation and always have a grade")
    func studentRules() {
        #expect(MembershipRules.validate(membership(.student, "2005-09-01", grade: "1"), person: person, organisationKind: .partner)
            == [FieldIssue("role", "Обучающиеся не числятся в организации-партнёре.")])
        #expect(MembershipRules.validate(membership(.student, "2005-09-01", grade: "  "), person: person, organisationKind: .school)
            == [FieldIssue("grade", "Для обучающегося укажите класс, курс или группу.")])
        #expect(MembershipRules.validate(membership(.student, "2005-09-01"), person: person, organisationKind: .school).map(\.field) == ["grade"])
    }

    @Test("All membership problems are reported together")
    func together() {
        let issues = MembershipRules.validate(membership(.student, "1980-01-01", "1979-01-01"), person: person, organisationKind: .partner)
        #expect(issues.map(\.field) == ["end", "start", "role", "grade"])
    }

    @Test("Staff roles are pedagogical, managerial and other staff only")
    func isStaff() {
        #expect(MembershipRole.allCases.filter(\.isStaff) == [.pedagogical, .managerial, .otherStaff])
    }
}
