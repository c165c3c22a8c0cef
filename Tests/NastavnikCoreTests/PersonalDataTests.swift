import Foundation
import Testing

@testable import NastavnikCore

@Suite("152-ФЗ: withdrawal of consent and anonymisation")
struct PersonalDataTests {
    let day = Day("2026-11-25")!
    let mentor = Person(lastName: "Наставникова", firstName: "Анна", birthDate: Day("1980-01-01")!)
    let a = Person(lastName: "Первая", firstName: "Ольга", birthDate: Day("2000-01-01")!, snils: "112-233-445 95", email: "o@school.ru", phone: "+7 900 000-00-00")
    let b = Person(lastName: "Вторая", firstName: "Ирина", birthDate: Day("2000-02-02")!)

    func consent(_ p: Person, withdrawn: Day? = nil) -> Consent {
        Consent(personID: p.id, signer: .subject, signedOn: Day("2025-09-01")!, scope: ConsentRules.defaultScope, withdrawnOn: withdrawn)
    }

    @Test("The last valid consent withdrawn: the person leaves a pair, which ends; in a group the others go on; the bases mark «выбыл»")
    func effects() throws {
        let pair = Mentorship(organisationID: UUID(), form: .teacherTeacher, start: Day("2026-09-01")!, plannedEnd: Day("2027-05-31")!, status: .active)
        let group = Mentorship(organisationID: pair.organisationID, form: .teacherTeacher, kind: .group, start: Day("2026-09-01")!, plannedEnd: Day("2027-05-31")!, status: .active)
        let done = Mentorship(organisationID: pair.organisationID, form: .teacherTeacher, start: Day("2025-09-01")!, plannedEnd: Day("2026-05-31")!, status: .completed)
        let ps = [
            Participant(mentorshipID: pair.id, personID: mentor.id, role: .mentor, joinedOn: pair.start),
            Participant(mentorshipID: pair.id, personID: a.id, role: .mentee, joinedOn: pair.start),
            Participant(mentorshipID: group.id, personID: mentor.id, role: .mentor, joinedOn: group.start),
            Participant(mentorshipID: group.id, personID: a.id, role: .mentee, joinedOn: Day("2026-12-10")!),
            Participant(mentorshipID: group.id, personID: b.id, role: .mentee, joinedOn: group.start),
            Participant(mentorshipID: done.id, personID: a.id, role: .mentee, joinedOn: done.start),
        ]
        let profile = MenteeProfile(personID: a.id, organisationID: pair.organisationID, mainRequest: .methodical, status: .inProgramme, enteredOn: Day("2025-09-01")!)
        let e = try #require(PersonalDataRules.effects(of: a, consents: [consent(a, withdrawn: day)], mentorships: [pair, group, done], participants: ps, mentor: nil, mentee: profile, on: day))
        #expect(e.leaving.count == 2, "the completed mentorship is history and stays")
        #expect(e.leaving.allSatisfy { $0.leftReason == PersonalDataRules.withdrawalReason })
        #expect(e.leaving.first { $0.mentorshipID == group.id }?.leftOn == Day("2026-12-10"), "never before joining")
        #expect(e.terminated.map(\.id) == [pair.id])
        #expect(e.terminated.first?.status == .terminated && e.terminated.first?.actualEnd == day)
        #expect(e.mentee?.status == .left)
        // Another consent still in force: nothing changes.
        #expect(PersonalDataRules.effects(of: a, consents: [consent(a, withdrawn: day), consent(a)], mentorships: [pair], participants: ps, mentor: nil, mentee: profile, on: day) == nil)
    }

    @Test("Anonymisation removes what identifies and keeps what the indicators count; the audit's identifying values are blanked")
    func anonymise() {
        let x = PersonalDataRules.anonymised(a)
        #expect(x.id == a.id && x.birthDate == a.birthDate && x.pedagogicalExperienceStart == a.pedagogicalExperienceStart)
        #expect(x.lastName == "Обезличено" && x.snils == nil && x.email == nil && x.phone == nil && x.middleName == nil)
        #expect(!x.fullName.contains("Первая") && !x.fullName.contains("Ольга"))
        #expect(PersonalDataRules.isAnonymised(x) && !PersonalDataRules.isAnonymised(a))
        let changes = PersonalDataRules.redact([AuditChange(field: "Фамилия", old: nil, new: "Первая"), AuditChange(field: "Дата рождения", old: nil, new: "01.01.2000"), AuditChange(field: "Представитель", old: "Мать", new: nil)])
        #expect(changes.map(\.new) == ["обезличено", "01.01.2000", nil])
        #expect(changes.map(\.old) == [nil, nil, "обезличено"])
        let student = Membership(personID: a.id, organisationID: UUID(), role: .student, grade: "7А", period: Period(start: Day("2020-09-01")!))
        let teacher = Membership(personID: a.id, organisationID: UUID(), role: .pedagogical, period: Period(start: Day("2020-09-01")!))
        #expect(PersonalDataRules.mustAnonymise([student], on: day))
        #expect(!PersonalDataRules.mustAnonymise([student, teacher], on: day))
    }
}
