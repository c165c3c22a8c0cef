import Foundation
import Testing

@testable import NastavnikCore

private func day(_ text: String) -> Day { Day(text)! }

@Suite("PasswordPolicy: at least 10 characters with letters and digits")
struct PasswordPolicyTests {
    @Test("Passwords are accepted or refused", arguments: [
        ("abcdefghi1", true), ("пароль12345", true), ("abc def 123", true), ("1a2b3c4d5e6f", true), ("Ёжик-2024!x", true),
        ("abcdefgh1", false), ("abcdefghij", false), ("1234567890", false), ("", false), ("          ", false),
        ("!!!!!!!!!!", false), ("пароль-без-цифр", false), ("a1", false),
    ])
    func validate(_ c: (String, Bool)) {
        let issues = PasswordPolicy.validate(c.0)
        #expect(issues.isEmpty == c.1)
        if !c.1 { #expect(issues == [FieldIssue("password", "Пароль должен быть не короче 10 символов и содержать буквы и цифры.")]) }
    }
}

/// Every case of `T` is found by its identifier and by its Russian label, in any letter case and with spaces around.
private func expectParsesEveryCase<T: Labelled>(_: T.Type, sourceLocation: SourceLocation = #_sourceLocation) {
    for c in T.allCases {
        #expect(T.parse(c.rawValue) == c, sourceLocation: sourceLocation)
        #expect(T.parse(c.label) == c, sourceLocation: sourceLocation)
        #expect(T.parse(" \(c.label.uppercased()) ") == c, sourceLocation: sourceLocation)
        #expect(T.parse(c.rawValue.uppercased()) == c, sourceLocation: sourceLocation)
    }
    let keys = T.allCases.flatMap { [$0.rawValue.lowercased(), $0.label.lowercased()] }
    #expect(Set(keys).count == keys.count, "identifiers and labels of \(T.self) must be unambiguous", sourceLocation: sourceLocation)
    #expect(T.parse("нет такого значения") == nil, sourceLocation: sourceLocation)
    #expect(T.parse("") == nil, sourceLocation: sourceLocation)
}

@Suite("Labelled values: stable identifiers with Russian labels")
struct LabelledTests {
    @Test("Parsing finds a case by its identifier or its label, in every labelled type")
    func parseAll() {
        expectParsesEveryCase(OrganisationKind.self)
        expectParsesEveryCase(MentorshipForm.self)
        expectParsesEveryCase(MentorshipKind.self)
        expectParsesEveryCase(WorkFormat.self)
        expectParsesEveryCase(ConsentKind.self)
        expectParsesEveryCase(ConsentSigner.self)
        expectParsesEveryCase(Sex.self)
        expectParsesEveryCase(EducationLevel.self)
        expectParsesEveryCase(QualificationCategory.self)
        expectParsesEveryCase(MembershipRole.self)
        expectParsesEveryCase(Role.self)
        expectParsesEveryCase(Competency.self)
        expectParsesEveryCase(Achievement.self)
        expectParsesEveryCase(TrainingStatus.self)
        expectParsesEveryCase(MentorStatus.self)
        expectParsesEveryCase(MenteeCategory.self)
        expectParsesEveryCase(MainRequest.self)
        expectParsesEveryCase(MenteeStatus.self)
    }

    @Test("Concrete examples of parsing by label and by identifier")
    func parseExamples() {
        #expect(MentorshipForm.parse("teacher_teacher") == .teacherTeacher)
        #expect(MentorshipForm.parse("учитель – ученик") == .teacherStudent)
        #expect(QualificationCategory.parse("ВЫСШАЯ") == .highest)
        #expect(QualificationCategory.parse("без категории") == QualificationCategory.none)
        #expect(WorkFormat.parse("  remote ") == .remote)
        #expect(WorkFormat.parse("Очно") == .inPerson)
        #expect(Role.parse("региональный тьютор") == .regionalTutor)
        #expect(Role.parse("regional_tutor") == .regionalTutor)
        #expect(Role.parse("regionalTutor") == nil)
        #expect(Sex.parse("м") == nil)
    }

    @Test("Options list identifier and label in declaration order")
    func options() {
        let options = WorkFormat.options
        #expect(options.map(\.value) == ["in_person", "remote", "blended"])
        #expect(options.map(\.label) == ["очно", "дистанционно", "смешанно"])
    }

    @Test("A labelled value is encoded as its identifier")
    func codable() throws {
        let data = try JSONEncoder().encode([MentorshipForm.universityStudentPupil, .reverse])
        #expect(String(data: data, encoding: .utf8) == "[\"university_student_pupil\",\"reverse\"]")
        #expect(try JSONDecoder().decode([MentorshipForm].self, from: data) == [.universityStudentPupil, .reverse])
    }

    @Test("Forms whose mentees are students are the four student forms")
    func menteesAreStudents() {
        #expect(MentorshipForm.allCases.filter(\.menteesAreStudents) == [.studentStudent, .teacherStudent, .universityStudentPupil, .employerStudent])
    }

    @Test("Every kind of organisation but a partner is educational")
    func isEducational() {
        #expect(OrganisationKind.allCases.filter { !$0.isEducational } == [.partner])
    }
}

@Suite("LabelledSet: sets of labelled values stored as a list of identifiers")
struct LabelledSetTests {
    @Test("Encoding lists identifiers in declaration order, whatever order they were picked in")
    func encodeOrder() {
        #expect(LabelledSet.encode([MentorshipForm.teamTeam, .studentStudent, .teacherTeacher]) == "student_student,teacher_teacher,team_team")
        #expect(LabelledSet.encode([Competency.research, .subject]) == "subject,research")
        #expect(LabelledSet.encode([MentorshipForm]()) == "")
        #expect(LabelledSet.encode([MenteeCategory.careerGuidance]) == "career")
    }

    @Test("Decoding keeps the stored order and drops unknown identifiers")
    func decode() {
        let forms: [MentorshipForm] = LabelledSet.decode("team_team,student_student")
        #expect(forms == [.teamTeam, .studentStudent])
        let withUnknown: [MentorshipForm] = LabelledSet.decode("teacher_teacher,,nonsense,reverse")
        #expect(withUnknown == [.teacherTeacher, .reverse])
        let none: [MentorshipForm] = LabelledSet.decode(nil)
        #expect(none.isEmpty)
        let empty: [Competency] = LabelledSet.decode("")
        #expect(empty.isEmpty)
    }

    @Test("Encoding then decoding gives the values in declaration order")
    func roundTrip() {
        let picked: [Achievement] = [.expert, .author, .contestWinner, .manager]
        let back: [Achievement] = LabelledSet.decode(LabelledSet.encode(picked))
        #expect(back == [.contestWinner, .author, .manager, .expert])
        let all: [MainRequest] = LabelledSet.decode(LabelledSet.encode(MainRequest.allCases.reversed()))
        #expect(all == MainRequest.allCases)
    }

    @Test("Labels are joined with a comma for people to read")
    func labels() {
        #expect(LabelledSet.labels([WorkFormat.inPerson, .remote]) == "очно, дистанционно")
        #expect(LabelledSet.labels([WorkFormat]()) == "")
    }
}

@Suite("AuditDiff: which fields changed, old → new")
struct AuditDiffTests {
    let person = Person(
        lastName: "Иванова", firstName: "Мария", middleName: "Петровна", birthDate: day("1990-03-15"), email: "a@b.ru",
        phone: "+7 900 000-00-00", pedagogicalExperienceStart: day("2012-09-01"), category: .first)

    @Test("A created record lists every filled field with no old value, in field order")
    func created() {
        let minimal = Person(lastName: "Иванова", firstName: "Мария", birthDate: day("1990-03-15"))
        #expect(AuditDiff.changes(old: nil, new: minimal) == [
            AuditChange(field: "Фамилия", old: nil, new: "Иванова"),
            AuditChange(field: "Имя", old: nil, new: "Мария"),
            AuditChange(field: "Дата рождения", old: nil, new: "15.03.1990"),
        ])
        let changes = AuditDiff.changes(old: nil, new: person)
        #expect(changes.map(\.field) == ["Фамилия", "Имя", "Отчество", "Дата рождения", "Эл. почта", "Телефон", "Начало педагогического стажа", "Категория"])
        #expect(changes.allSatisfy { $0.old == nil && $0.new != nil })
        #expect(changes.last == AuditChange(field: "Категория", old: nil, new: "первая"))
    }

    @Test("An update with one changed field gives exactly that change")
    func updatedOneField() {
        var updated = person
        updated.email = "new@b.ru"
        #expect(AuditDiff.changes(old: person, new: updated) == [AuditChange(field: "Эл. почта", old: "a@b.ru", new: "new@b.ru")])
        updated = person
        updated.category = .highest
        #expect(AuditDiff.changes(old: person, new: updated) == [AuditChange(field: "Категория", old: "первая", new: "высшая")])
    }

    @Test("Clearing a field records the old value and no new one")
    func cleared() {
        var updated = person
        updated.phone = nil
        #expect(AuditDiff.changes(old: person, new: updated) == [AuditChange(field: "Телефон", old: "+7 900 000-00-00", new: nil)])
    }

    @Test("Several changes come in field order")
    func severalChanges() {
        var updated = person
        updated.category = nil
        updated.lastName = "Петрова"
        updated.pedagogicalExperienceStart = day("2013-09-01")
        #expect(AuditDiff.changes(old: person, new: updated).map(\.field) == ["Фамилия", "Начало педагогического стажа", "Категория"])
    }

    @Test("An unchanged record gives no changes")
    func unchanged() {
        #expect(AuditDiff.changes(old: person, new: person).isEmpty)
        var sameData = person
        sameData.id = UUID()
        #expect(AuditDiff.changes(old: person, new: sameData).isEmpty)
        #expect(AuditDiff.changes(old: nil, new: nil).isEmpty)
    }

    @Test("A deleted record lists every filled field with no new value")
    func deleted() {
        let changes = AuditDiff.changes(old: person, new: nil)
        #expect(changes.count == 8)
        #expect(changes.first == AuditChange(field: "Фамилия", old: "Иванова", new: nil))
        #expect(changes.allSatisfy { $0.new == nil })
    }

    @Test("Withdrawing a consent is one change: the withdrawal date")
    func consentWithdrawal() {
        let c = Consent(personID: person.id, signer: .subject, signedOn: day("2024-09-01"), scope: ConsentRules.defaultScope)
        var withdrawn = c
        withdrawn.withdrawnOn = day("2025-01-01")
        #expect(AuditDiff.changes(old: c, new: withdrawn) == [AuditChange(field: "Дата отзыва", old: nil, new: "01.01.2025")])
    }

    @Test("Base records are audited by their labelled fields")
    func baseRecords() {
        let m = MentorProfile(personID: person.id, organisationID: UUID(), competencies: [.subject], capacity: 2, enteredOn: day("2024-09-01"))
        var changed = m
        changed.capacity = 3
        changed.forms = [.teacherStudent, .teacherTeacher]
        #expect(AuditDiff.changes(old: m, new: changed) == [
            AuditChange(field: "Наставляемых одновременно", old: "2", new: "3"),
            AuditChange(field: "Формы", old: "учитель – учитель (педагог – педагог)", new: "учитель – ученик, учитель – учитель (педагог – педагог)"),
        ])
        let mentee = MenteeProfile(personID: person.id, organisationID: UUID(), mainRequest: .digital, enteredOn: day("2024-09-01"))
        var moved = mentee
        moved.status = .inProgramme
        #expect(AuditDiff.changes(old: mentee, new: moved) == [AuditChange(field: "Статус наставляемого", old: "ожидает наставника", new: "в программе")])
    }

    @Test("A membership's period change is recorded in Russian")
    func membership() {
        let m = Membership(personID: person.id, organisationID: UUID(), role: .pedagogical, period: Period(start: day("2012-09-01")))
        var ended = m
        ended.period.end = day("2026-06-30")
        #expect(AuditDiff.changes(old: m, new: ended) == [AuditChange(field: "Период", old: "с 01.09.2012 по н. в.", new: "с 01.09.2012 по 30.06.2026")])
    }
}

@Suite("Organisation form and validation errors")
struct OrganisationAndErrorTests {
    @Test("An organisation needs a full and a short name")
    func names() {
        #expect(Organisation.validate(name: " ", shortName: nil, inn: nil, website: nil).map(\.field) == ["name", "shortName"])
        #expect(Organisation.validate(name: "МБОУ «Средняя школа № 1»", shortName: "СШ № 1", inn: "", website: " ").isEmpty)
    }

    @Test("An INN has 10 or 12 digits", arguments: [
        ("1234567890", true), ("123456789012", true), ("123456789", false), ("12345678901", false), ("1234567890123", false),
        ("12345abcde", false), ("12345-67890", false),
    ])
    func inn(_ c: (String, Bool)) {
        #expect(Organisation.validate(name: "Школа", shortName: "Ш", inn: c.0, website: nil).isEmpty == c.1)
    }

    @Test("A website starts with http:// or https://", arguments: [
        ("https://school1.ru", true), ("http://school1.ru", true), ("www.school1.ru", false), ("school1.ru", false), ("ftp://school1.ru", false),
    ])
    func website(_ c: (String, Bool)) {
        #expect(Organisation.validate(name: "Школа", shortName: "Ш", inn: nil, website: c.0).isEmpty == c.1)
    }

    @Test("ValidationError throws only when there are issues and joins the messages")
    func validationError() throws {
        try ValidationError.check([])
        let issues = [FieldIssue("a", "Первое."), FieldIssue("b", "Второе.")]
        let error = try #require(throws: ValidationError.self) { try ValidationError.check(issues) }
        #expect(error.issues == issues)
        #expect(error.summary == "Первое. Второе.")
        #expect(ValidationError("x", "Сообщение.").issues == [FieldIssue("x", "Сообщение.")])
    }

    @Test("Blank text counts as missing, other text is trimmed")
    func nonBlank() {
        #expect((nil as String?).nonBlank == nil)
        #expect(("" as String?).nonBlank == nil)
        #expect((" \n\t" as String?).nonBlank == nil)
        #expect((" Мария \n" as String?).nonBlank == "Мария")
    }
}
