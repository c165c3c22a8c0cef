import Foundation
import Testing

@testable import NastavnikCore

private func day(_ text: String) -> Day { Day(text)! }
private let today = day("2026-11-25")
private let adult = Person(lastName: "Иванова", firstName: "Мария", middleName: "Петровна", birthDate: day("1990-03-15"))
private let child = Person(lastName: "Сидоров", firstName: "Пётр", middleName: "Иванович", birthDate: day("2013-04-04"))
/// Turns 18 on 2026-05-06.
private let teen = Person(lastName: "Кузнецова", firstName: "Анна", birthDate: day("2008-05-06"))

private func consent(
    _ person: Person, _ signer: ConsentSigner, _ signed: String, kind: ConsentKind = .processing,
    representative: String? = nil, scope: String = ConsentRules.defaultScope, withdrawn: String? = nil
) -> Consent {
    Consent(personID: person.id, kind: kind, signer: signer, representativeName: representative, signedOn: day(signed),
        scope: scope, withdrawnOn: withdrawn.map(day))
}

@Suite("ConsentRules: consents to personal data processing (152-ФЗ)")
struct ConsentRulesTests {
    @Test("An adult signs their own consent; no representative is needed")
    func adultSelf() {
        #expect(ConsentRules.validateNew(consent(adult, .subject, "2026-11-25"), person: adult, existing: [], today: today).isEmpty)
    }

    @Test("A minor's consent signed by the minor is refused")
    func minorSelf() {
        let issues = ConsentRules.validateNew(consent(child, .subject, "2026-11-01"), person: child, existing: [], today: today)
        #expect(issues == [FieldIssue("signer", "За несовершеннолетнего согласие даёт родитель или иной законный представитель.")])
    }

    @Test("A minor's consent signed by a named parent or guardian is accepted", arguments: [ConsentSigner.parent, .guardian])
    func minorRepresentative(_ signer: ConsentSigner) {
        let c = consent(child, signer, "2026-11-01", representative: "Сидорова Анна Ивановна")
        #expect(ConsentRules.validateNew(c, person: child, existing: [], today: today).isEmpty)
    }

    @Test("A representative must be named", arguments: [nil, "", "   "] as [String?])
    func representativeNameRequired(_ name: String?) {
        let issues = ConsentRules.validateNew(consent(child, .parent, "2026-11-01", representative: name), person: child, existing: [], today: today)
        #expect(issues == [FieldIssue("representativeName", "Укажите ФИО законного представителя, подписавшего согласие.")])
        // The rule is about who signed, not about age.
        let forAdult = ConsentRules.validateNew(consent(adult, .guardian, "2026-11-01", representative: name), person: adult, existing: [], today: today)
        #expect(forAdult.map(\.field) == ["representativeName"])
    }

    @Test("Minority is judged on the signing day: the day before the 18th birthday needs a representative, the birthday does not")
    func minorityOnSigningDay() {
        #expect(ConsentRules.validateNew(consent(teen, .subject, "2026-05-05"), person: teen, existing: [], today: today).map(\.field) == ["signer"])
        #expect(ConsentRules.validateNew(consent(teen, .subject, "2026-05-06"), person: teen, existing: [], today: today).isEmpty)
    }

    @Test("A consent cannot be signed in the future or before the person was born")
    func signingDate() {
        #expect(ConsentRules.validateNew(consent(adult, .subject, "2026-11-26"), person: adult, existing: [], today: today)
            == [FieldIssue("signedOn", "Дата подписания 26.11.2026 ещё не наступила.")])
        #expect(ConsentRules.validateNew(consent(child, .parent, "2013-04-03", representative: "Сидорова А. И."), person: child, existing: [], today: today)
            .contains(FieldIssue("signedOn", "Дата подписания раньше даты рождения.")))
        #expect(ConsentRules.validateNew(consent(child, .parent, "2013-04-04", representative: "Сидорова А. И."), person: child, existing: [], today: today).isEmpty)
    }

    @Test("The scope of a consent must be stated")
    func scopeRequired() {
        #expect(ConsentRules.validateNew(consent(adult, .subject, "2026-11-25", scope: "  "), person: adult, existing: [], today: today)
            == [FieldIssue("scope", "Укажите перечень данных и цель обработки.")])
    }

    @Test("A second active consent of the same kind is refused")
    func secondActiveRefused() throws {
        let first = consent(adult, .subject, "2024-09-01")
        let issues = ConsentRules.validateNew(consent(adult, .subject, "2026-11-25"), person: adult, existing: [first], today: today)
        let issue = try #require(issues.first)
        #expect(issues.count == 1)
        #expect(issue.field == "kind")
        #expect(issue.message == "У человека уже есть действующее согласие на обработку персональных данных от 01.09.2024; сначала отметьте его отзыв.")
    }

    @Test("A consent withdrawn later than today is still active, so a new one is refused")
    func withdrawalInFutureStillActive() {
        let first = consent(adult, .subject, "2024-09-01", withdrawn: "2026-12-01")
        #expect(ConsentRules.validateNew(consent(adult, .subject, "2026-11-25"), person: adult, existing: [first], today: today).map(\.field) == ["kind"])
    }

    @Test("A new consent is fine after the earlier one was withdrawn (today or before)", arguments: ["2025-01-01", "2026-11-25"])
    func afterWithdrawal(_ withdrawn: String) {
        let first = consent(adult, .subject, "2024-09-01", withdrawn: withdrawn)
        #expect(ConsentRules.validateNew(consent(adult, .subject, "2026-11-25"), person: adult, existing: [first], today: today).isEmpty)
    }

    @Test("An active consent of the other kind does not block, and a consent does not block itself")
    func otherKindAndSelf() {
        let distribution = consent(adult, .subject, "2024-09-01", kind: .distribution)
        let processing = consent(adult, .subject, "2026-11-25")
        #expect(ConsentRules.validateNew(processing, person: adult, existing: [distribution], today: today).isEmpty)
        #expect(ConsentRules.validateNew(processing, person: adult, existing: [processing], today: today).isEmpty)
        let secondDistribution = consent(adult, .subject, "2026-11-25", kind: .distribution)
        #expect(ConsentRules.validateNew(secondDistribution, person: adult, existing: [distribution, processing], today: today).map(\.field) == ["kind"])
    }

    @Test("A withdrawal may fall on any day from signing to today")
    func withdrawalAllowed() {
        let c = consent(adult, .subject, "2024-09-01")
        #expect(ConsentRules.validateWithdrawal(c, on: day("2024-09-01"), today: today).isEmpty)
        #expect(ConsentRules.validateWithdrawal(c, on: day("2025-06-01"), today: today).isEmpty)
        #expect(ConsentRules.validateWithdrawal(c, on: today, today: today).isEmpty)
    }

    @Test("A withdrawal before signing, in the future, or of a withdrawn consent is refused")
    func withdrawalRefused() {
        let c = consent(adult, .subject, "2024-09-01")
        #expect(ConsentRules.validateWithdrawal(c, on: day("2024-08-31"), today: today)
            == [FieldIssue("withdrawnOn", "Дата отзыва раньше даты подписания.")])
        #expect(ConsentRules.validateWithdrawal(c, on: day("2026-11-26"), today: today)
            == [FieldIssue("withdrawnOn", "Дата отзыва 26.11.2026 ещё не наступила.")])
        let withdrawn = consent(adult, .subject, "2024-09-01", withdrawn: "2025-01-01")
        #expect(ConsentRules.validateWithdrawal(withdrawn, on: day("2025-06-01"), today: today)
            == [FieldIssue("withdrawnOn", "Согласие уже отозвано.")])
    }

    @Test("A consent is in force from the signing day up to, not including, the withdrawal day")
    func isActive() {
        let c = consent(adult, .subject, "2024-09-01", withdrawn: "2025-01-01")
        #expect(!c.isActive(on: day("2024-08-31")))
        #expect(c.isActive(on: day("2024-09-01")))
        #expect(c.isActive(on: day("2024-12-31")))
        #expect(!c.isActive(on: day("2025-01-01")))
        #expect(consent(adult, .subject, "2024-09-01").isActive(on: day("2099-01-01")))
    }

    @Test("A valid processing consent: signed by the day, not withdrawn by then, the person's own, of processing kind")
    func hasValidProcessingConsent() {
        let on = day("2025-06-01")
        #expect(ConsentRules.hasValidProcessingConsent(adult, consents: [consent(adult, .subject, "2024-09-01")], on: on))
        #expect(ConsentRules.hasValidProcessingConsent(adult, consents: [consent(adult, .subject, "2025-06-01")], on: on))
        #expect(ConsentRules.hasValidProcessingConsent(adult, consents: [consent(adult, .subject, "2024-09-01", withdrawn: "2025-06-02")], on: on))
        #expect(!ConsentRules.hasValidProcessingConsent(adult, consents: [consent(adult, .subject, "2024-09-01", withdrawn: "2025-05-31")], on: on))
        #expect(!ConsentRules.hasValidProcessingConsent(adult, consents: [consent(adult, .subject, "2024-09-01", withdrawn: "2025-06-01")], on: on))
        #expect(!ConsentRules.hasValidProcessingConsent(adult, consents: [consent(adult, .subject, "2025-06-02")], on: on))
        #expect(!ConsentRules.hasValidProcessingConsent(adult, consents: [consent(adult, .subject, "2024-09-01", kind: .distribution)], on: on))
        #expect(!ConsentRules.hasValidProcessingConsent(adult, consents: [consent(child, .subject, "2024-09-01")], on: on))
        #expect(!ConsentRules.hasValidProcessingConsent(adult, consents: [], on: on))
        // A withdrawn consent and a later valid one: the later one counts.
        #expect(ConsentRules.hasValidProcessingConsent(adult, consents: [
            consent(adult, .subject, "2023-09-01", withdrawn: "2024-01-01"), consent(adult, .subject, "2024-09-01"),
        ], on: on))
    }

    @Test("A minor's own signature never makes a valid consent; a parent's does")
    func minorValidity() {
        #expect(!ConsentRules.hasValidProcessingConsent(child, consents: [consent(child, .subject, "2024-09-01")], on: today))
        #expect(ConsentRules.hasValidProcessingConsent(child, consents: [consent(child, .parent, "2024-09-01", representative: "Сидорова А. И.")], on: today))
        #expect(ConsentRules.hasValidProcessingConsent(child, consents: [consent(child, .guardian, "2024-09-01", representative: "Сидорова А. И.")], on: today))
        // The same self-signed consent counts once the person is 18.
        let own = consent(teen, .subject, "2026-05-06")
        #expect(!ConsentRules.hasValidProcessingConsent(teen, consents: [consent(teen, .subject, "2026-01-01")], on: day("2026-05-05")))
        #expect(ConsentRules.hasValidProcessingConsent(teen, consents: [own], on: day("2026-05-06")))
    }
}

@Suite("BaseRules: entry into the bases of mentors and mentees")
struct BaseRulesTests {
    let school = UUID()
    let otherSchool = UUID()

    func works(_ person: Person, at org: UUID, _ start: String, _ end: String? = nil) -> Membership {
        Membership(personID: person.id, organisationID: org, role: .pedagogical, period: Period(start: day(start), end: end.map(day)))
    }

    @Test("A person with a valid consent and a current place in the organisation may enter its base")
    func validEntry() {
        let issues = BaseRules.validateEntry(
            person: adult, organisationID: school, consents: [consent(adult, .subject, "2024-09-01")],
            memberships: [works(adult, at: school, "2012-09-01")], on: today)
        #expect(issues.isEmpty)
    }

    @Test("Without a valid processing consent the entry is refused")
    func noConsent() {
        let issues = BaseRules.validateEntry(person: adult, organisationID: school, consents: [], memberships: [works(adult, at: school, "2012-09-01")], on: today)
        #expect(issues == [FieldIssue("personID", "Нет действующего согласия Иванова М. П. на обработку персональных данных: сначала зарегистрируйте согласие.")])
        let withdrawn = [consent(adult, .subject, "2024-09-01", withdrawn: "2026-11-01")]
        #expect(BaseRules.validateEntry(person: adult, organisationID: school, consents: withdrawn, memberships: [works(adult, at: school, "2012-09-01")], on: today).map(\.field) == ["personID"])
    }

    @Test("For a minor the missing consent is the parent's")
    func minorNoConsent() throws {
        let student = Membership(personID: child.id, organisationID: school, role: .student, grade: "7А", period: Period(start: day("2020-09-01")))
        let issues = BaseRules.validateEntry(person: child, organisationID: school, consents: [consent(child, .subject, "2025-09-01")], memberships: [student], on: today)
        #expect(issues.map(\.field) == ["personID"])
        let message = try #require(issues.first?.message)
        // The short name already ends with a full stop; the sentence must not add a second one.
        #expect(message == "Нет действующего согласия родителя (законного представителя) на обработку персональных данных: Сидоров П. И.")
    }

    @Test("Without a current place in that organisation the entry is refused", arguments: [
        ("other", "2012-09-01", nil), ("this", "2012-09-01", "2026-11-24"), ("this", "2026-11-26", nil),
    ] as [(String, String, String?)])
    func noMembership(_ c: (String, String, String?)) {
        let m = works(adult, at: c.0 == "this" ? school : otherSchool, c.1, c.2)
        let issues = BaseRules.validateEntry(person: adult, organisationID: school, consents: [consent(adult, .subject, "2024-09-01")], memberships: [m], on: today)
        #expect(issues == [FieldIssue("organisationID", "Иванова М. П. не работает и не учится в этой организации на 25.11.2026.")])
    }

    @Test("A place ending today, or one of several, is enough")
    func membershipEdges() {
        let consents = [consent(adult, .subject, "2024-09-01")]
        #expect(BaseRules.validateEntry(person: adult, organisationID: school, consents: consents, memberships: [works(adult, at: school, "2012-09-01", "2026-11-25")], on: today).isEmpty)
        #expect(BaseRules.validateEntry(person: adult, organisationID: school, consents: consents,
            memberships: [works(adult, at: otherSchool, "2010-09-01"), works(adult, at: school, "2026-11-25")], on: today).isEmpty)
    }

    @Test("Both problems are reported together")
    func bothProblems() {
        #expect(BaseRules.validateEntry(person: adult, organisationID: school, consents: [], memberships: [], on: today).map(\.field) == ["personID", "organisationID"])
    }

    @Test("A mentor takes from 1 to 30 mentees at a time", arguments: [
        (-1, false), (0, false), (1, true), (2, true), (15, true), (30, true), (31, false), (100, false),
    ])
    func mentorCapacity(_ c: (Int, Bool)) {
        let m = MentorProfile(personID: adult.id, organisationID: school, capacity: c.0, enteredOn: today)
        let issues = BaseRules.validateMentor(m)
        #expect(issues.isEmpty == c.1)
        if !c.1 { #expect(issues == [FieldIssue("capacity", "Число наставляемых одновременно — от 1 до 30.")]) }
    }

    @Test("A mentor marks at least one form of mentorship")
    func mentorForms() {
        let m = MentorProfile(personID: adult.id, organisationID: school, capacity: 0, forms: [], enteredOn: today)
        #expect(BaseRules.validateMentor(m).map(\.field) == ["capacity", "forms"])
        #expect(BaseRules.validateMentor(MentorProfile(personID: adult.id, organisationID: school, forms: [.teacherStudent, .reverse], enteredOn: today)).isEmpty)
    }

    @Test("Student categories are exactly the six for students")
    func studentCategories() {
        #expect(MenteeCategory.allCases.filter(\.isStudentCategory) == [.gifted, .disability, .hardship, .lowMotivation, .adaptation, .careerGuidance])
    }

    @Test("A staff mentee cannot have student categories and a student cannot have staff ones")
    func menteeCategoryMismatch() {
        let staff = MenteeProfile(personID: adult.id, organisationID: school, categories: [.newcomer, .gifted], mainRequest: .methodical, enteredOn: today)
        #expect(BaseRules.validateMentee(staff, person: adult, isStudent: false)
            == [FieldIssue("categories", "Категории «одарённый обучающийся» не подходят для работника.")])
        let student = MenteeProfile(personID: child.id, organisationID: school, categories: [.gifted, .burnout, .contest], mainRequest: .research, enteredOn: today)
        #expect(BaseRules.validateMentee(student, person: child, isStudent: true)
            == [FieldIssue("categories", "Категории «профессиональное выгорание, подготовка к профессиональному конкурсу» не подходят для обучающегося.")])
    }

    @Test("Matching or empty categories pass", arguments: [
        ([MenteeCategory.newcomer, .returning, .newPost, .difficulties, .burnout, .contest], false),
        ([MenteeCategory.gifted, .disability, .hardship, .lowMotivation, .adaptation, .careerGuidance], true),
        ([], false), ([], true),
    ])
    func menteeCategoriesMatch(_ c: ([MenteeCategory], Bool)) {
        let m = MenteeProfile(personID: adult.id, organisationID: school, categories: c.0, mainRequest: .methodical, enteredOn: today)
        #expect(BaseRules.validateMentee(m, person: adult, isStudent: c.1).isEmpty)
    }

    @Test("«Молодой специалист» is computed and shown first; it disappears once experience passes 3 years")
    func displayCategories() {
        var young = adult
        young.pedagogicalExperienceStart = day("2024-09-01")
        let m = MenteeProfile(personID: young.id, organisationID: school, categories: [.newcomer, .contest], mainRequest: .digital, enteredOn: today)
        #expect(BaseRules.displayCategories(m, person: young, on: today)
            == ["молодой специалист (стаж 0–3 года)", "новый сотрудник организации", "подготовка к профессиональному конкурсу"])
        #expect(BaseRules.displayCategories(m, person: young, on: day("2027-09-02"))
            == ["новый сотрудник организации", "подготовка к профессиональному конкурсу"])
        #expect(BaseRules.displayCategories(m, person: adult, on: today) == ["новый сотрудник организации", "подготовка к профессиональному конкурсу"])
        let none = MenteeProfile(personID: young.id, organisationID: school, mainRequest: .digital, enteredOn: today)
        #expect(BaseRules.displayCategories(none, person: young, on: today) == ["молодой специалист (стаж 0–3 года)"])
    }
}

@Suite("The public mentorship page: what it may show")
struct PublicationRulesTests {
    static let day = Day(year: 2026, month: 12, day: 1)!

    @Test("A name only for an adult with an active consent to distribution; never a minor's, never on a processing consent alone")
    func names() {
        let adult = Person(lastName: "Сидорова", firstName: "Анна", birthDate: Day(year: 1980, month: 1, day: 1)!)
        let minor = Person(lastName: "Школьников", firstName: "Петя", birthDate: Day(year: 2013, month: 4, day: 4)!)
        let processing = Consent(personID: adult.id, signer: .subject, signedOn: Day(year: 2026, month: 9, day: 1)!, scope: "обработка")
        let distribution = Consent(personID: adult.id, kind: .distribution, signer: .subject, signedOn: Day(year: 2026, month: 9, day: 1)!, scope: "публикация ФИО")
        #expect(!PublicationRules.mayPublishName(adult, consents: [processing], on: Self.day))
        #expect(PublicationRules.mayPublishName(adult, consents: [processing, distribution], on: Self.day))
        var withdrawn = distribution
        withdrawn.withdrawnOn = Day(year: 2026, month: 11, day: 1)!
        #expect(!PublicationRules.mayPublishName(adult, consents: [withdrawn], on: Self.day))
        let parents = Consent(personID: minor.id, kind: .distribution, signer: .parent, representativeName: "Школьникова О. И.", signedOn: Day(year: 2026, month: 9, day: 1)!, scope: "публикация")
        #expect(!PublicationRules.mayPublishName(minor, consents: [parents], on: Self.day))
    }

    @Test("Only approved public acts without personal data; working pairs counted by form; published from its day")
    func content() {
        let org = UUID()
        let d = Day(year: 2026, month: 10, day: 1)!
        let acts = [
            LocalAct(organisationID: org, kind: .regulation, title: "Положение", number: "1", date: d, status: .approved, isPublic: true, createdOn: d),
            LocalAct(organisationID: org, kind: .implementationOrder, title: "Приказ", number: "2", date: d, status: .approved, isPublic: false, createdOn: d),
            LocalAct(organisationID: org, kind: .roadmap, title: "Дорожная карта", status: .draft, isPublic: true, createdOn: d),
            LocalAct(organisationID: org, kind: .pairsOrder, title: "Приказ о парах", number: "3", date: d, status: .approved, isPublic: true, createdOn: d),
        ]
        #expect(PublicationRules.publicActs(acts, on: Self.day).map(\.title) == ["Положение"])
        let pairs = [Mentorship(organisationID: org, form: .teacherTeacher, start: d, plannedEnd: Day(year: 2027, month: 5, day: 31)!, status: .active),
                     Mentorship(organisationID: org, form: .teacherTeacher, start: d, plannedEnd: Day(year: 2027, month: 5, day: 31)!, status: .forming),
                     Mentorship(organisationID: org, form: .studentStudent, start: d, plannedEnd: Day(year: 2027, month: 5, day: 31)!, status: .active)]
        #expect(PublicationRules.activeByForm(pairs, on: Self.day).map { "\($0.0.rawValue)=\($0.1)" } == ["student_student=1", "teacher_teacher=1"])
        var school = Organisation(municipalityID: UUID(), kind: .school, name: "Школа", shortName: "Школа")
        #expect(!PublicationRules.isPublished(school, on: Self.day))
        school.mentorshipPageSince = Day(year: 2026, month: 12, day: 2)!
        #expect(!PublicationRules.isPublished(school, on: Self.day))
        school.mentorshipPageSince = d
        #expect(PublicationRules.isPublished(school, on: Self.day))
    }
}
