import Foundation
import Testing

@testable import NastavnikCore

@Suite("Domain rules")
struct CoreRulesTests {
    let today = Day(year: 2026, month: 11, day: 25)!

    @Test("A teacher with 0 to 3 years of pedagogical experience is a young specialist (seed 001, indicator 11)", arguments: [
        ("2023-11-25", true), ("2023-11-24", false), ("2026-11-25", true), ("2026-11-26", false), ("2010-09-01", false),
    ])
    func youngSpecialist(_ c: (String, Bool)) {
        let p = Person(lastName: "Иванова", firstName: "Мария", birthDate: Day("1990-01-01")!, pedagogicalExperienceStart: Day(c.0)!)
        #expect(p.isYoungSpecialist(on: today) == c.1)
    }

    @Test("Experience is computed at any date and spoken in Russian")
    func experience() {
        let e = Experience(from: Day("2021-09-01")!, to: today)
        #expect(e.years == 5 && e.months == 2)
        #expect(e.russian == "5 лет 2 мес.")
        #expect(Experience(from: Day("2024-11-25")!, to: today).russian == "2 года")
        #expect(Experience(from: Day("2005-11-25")!, to: today).russian == "21 год")
    }

    @Test("Dates are read as дд.мм.гггг or ISO and impossible ones are refused")
    func dates() {
        #expect(Day("06.05.2022") == Day("2022-05-06"))
        #expect(Day("31.02.2023") == nil)
        #expect(Day("2024-02-29")!.adding(years: 1) == Day("2025-02-28"))
        let d = Day("1999-12-31")!
        #expect(Day(ordinal: d.ordinal) == d)
        #expect(d.adding(days: 1) == Day("2000-01-01"))
    }

    @Test("A person whose birth date is in the future or whose experience starts before age 14 is refused, all at once")
    func personRules() throws {
        let bad = PersonInput(lastName: "Петров", firstName: "", birthDate: "01.01.2030", snils: "11223344596", pedagogicalExperienceStart: "01.01.2020")
        var issues: [FieldIssue] = []
        do { _ = try PersonRules.build(bad, today: today) } catch let e as ValidationError { issues = e.issues }
        let error = ValidationError(issues)
        let fields = Set(issues.map(\.field))
        #expect(fields.isSuperset(of: ["firstName", "birthDate", "snils", "pedagogicalExperienceStart"]))
        #expect(error.summary.contains("ещё не наступила"))
    }

    @Test("СНИЛС checksum")
    func snils() {
        #expect(Snils.isValid("11223344595"))
        #expect(!Snils.isValid("11223344596"))
        #expect(Snils.isValid(Snils.make([1, 2, 3, 4, 5, 6, 7, 8, 9])))
    }

    @Test("A minor's consent is given by a parent; a second active consent of a kind is refused")
    func consents() {
        let child = Person(lastName: "Сидоров", firstName: "Петя", birthDate: Day("2013-04-04")!)
        let own = Consent(personID: child.id, signer: .subject, signedOn: today, scope: "x")
        #expect(ConsentRules.validateNew(own, person: child, existing: [], today: today).contains { $0.field == "signer" })
        let parent = Consent(personID: child.id, signer: .parent, representativeName: "Сидорова Анна Ивановна", signedOn: today, scope: "x")
        #expect(ConsentRules.validateNew(parent, person: child, existing: [], today: today).isEmpty)
        let second = Consent(personID: child.id, signer: .parent, representativeName: "Сидоров Иван", signedOn: today, scope: "x")
        #expect(!ConsentRules.validateNew(second, person: child, existing: [parent], today: today).isEmpty)
        #expect(ConsentRules.hasValidProcessingConsent(child, consents: [parent], on: today))
        #expect(!ConsentRules.hasValidProcessingConsent(child, consents: [own], on: today))
    }

    @Test("The demo reproduces Izhevsk's size from seed 001 and is the same for the same seed")
    func demo() {
        let a = DemoCache.make(seed: 2022, today: today)
        let b = DemoGenerator.make(seed: 2022, today: today)
        #expect(a.people.map(\.id) == b.people.map(\.id))
        let izhevsk = a.municipalities.first { $0.name == "город Ижевск" }!
        let schools = Set(a.organisations.filter { $0.municipalityID == izhevsk.id && $0.kind == .school }.map(\.id))
        #expect(schools.count == 83)
        let staff = Set(a.memberships.filter { schools.contains($0.organisationID) && $0.role.isStaff }.map(\.personID))
        #expect((3_800...4_200).contains(staff.count))
        let people = Dictionary(uniqueKeysWithValues: a.people.map { ($0.id, $0) })
        let mentees = a.mentees.filter { schools.contains($0.organisationID) && staff.contains($0.personID) }
        #expect((240...280).contains(mentees.count))
        let notYoung = mentees.filter { !people[$0.personID]!.isYoungSpecialist(on: today) }.count
        #expect((0.30...0.40).contains(Double(notYoung) / Double(mentees.count)))
        let mentors = a.mentors.filter { schools.contains($0.organisationID) && staff.contains($0.personID) }.count
        #expect((0.05...0.07).contains(Double(mentors) / Double(staff.count)))
        for m in a.mentors.map(\.personID) + a.mentees.map(\.personID) {
            #expect(ConsentRules.hasValidProcessingConsent(people[m]!, consents: a.consents.filter { $0.personID == m }, on: today))
        }
        #expect(Set(a.people.compactMap(\.snils)).count == a.people.compactMap(\.snils).count)
    }
}
