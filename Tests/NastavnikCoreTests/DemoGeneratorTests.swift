import Foundation
import Testing

@testable import NastavnikCore

@Suite("Demo data")
struct DemoGeneratorTests {
    let today = Day(year: 2026, month: 11, day: 25)!
    let data: DemoDataset
    let people: [UUID: Person]
    let izhevskSchools: Set<UUID>
    let izhevskStaff: Set<UUID>

    init() {
        data = DemoGenerator.make(seed: 2022, today: today)
        people = Dictionary(uniqueKeysWithValues: data.people.map { ($0.id, $0) })
        let izhevsk = data.municipalities.first { $0.name == "город Ижевск" }
        izhevskSchools = Set(data.organisations.filter { $0.municipalityID == izhevsk?.id && $0.kind == .school }.map(\.id))
        let schools = izhevskSchools
        izhevskStaff = Set(data.memberships.filter { schools.contains($0.organisationID) && $0.role.isStaff }.map(\.personID))
    }

    @Test("The same seed gives the same dataset, and another seed a different one")
    func deterministic() {
        let again = DemoGenerator.make(seed: 2022, today: today)
        #expect(again.people == data.people)
        #expect(again.organisations == data.organisations)
        #expect(again.memberships == data.memberships)
        #expect(again.consents == data.consents)
        #expect(again.mentors == data.mentors)
        #expect(again.mentees == data.mentees)
        #expect(again.accounts == data.accounts)
        let other = DemoGenerator.make(seed: 7, today: today)
        #expect(other.people.map(\.id) != data.people.map(\.id))
    }

    @Test("Izhevsk has 83 schools and about 4,000 staff, as in seed 001")
    func izhevskSize() {
        #expect(izhevskSchools.count == 83)
        #expect((3_800...4_200).contains(izhevskStaff.count))
        let kinds = Set(data.organisations.map(\.kind))
        #expect(kinds == Set(OrganisationKind.allCases))
    }

    @Test("About 260 Izhevsk staff are mentees, 30–40% of them not young specialists")
    func izhevskMentees() {
        let mentees = data.mentees.filter { izhevskSchools.contains($0.organisationID) && izhevskStaff.contains($0.personID) }
        #expect((240...280).contains(mentees.count))
        let notYoung = mentees.filter { !people[$0.personID]!.isYoungSpecialist(on: today) }
        let share = Double(notYoung.count) / Double(mentees.count)
        #expect((0.30...0.40).contains(share))
        // Those who are not young specialists carry a category that says why they need a mentor.
        #expect(notYoung.allSatisfy { !$0.categories.isEmpty && !$0.categories.contains(where: \.isStudentCategory) })
    }

    @Test("Mentors are 5–7% of Izhevsk staff, and nearly all have more than 3 years of experience")
    func izhevskMentors() {
        let mentors = data.mentors.filter { izhevskSchools.contains($0.organisationID) && izhevskStaff.contains($0.personID) }
        let share = Double(mentors.count) / Double(izhevskStaff.count)
        #expect((0.05...0.07).contains(share))
        let young = data.mentors.filter { people[$0.personID]!.isYoungSpecialist(on: today) }
        #expect((1...2).contains(young.count))
        #expect(data.mentors.allSatisfy { BaseRules.validateMentor($0).isEmpty })
    }

    @Test("Every mentor and mentee has a valid consent, given before entry, and a current place in the base's organisation")
    func basesFollowTheRules() {
        let consents = Dictionary(grouping: data.consents, by: \.personID)
        let memberships = Dictionary(grouping: data.memberships, by: \.personID)
        let entries = data.mentors.map { ($0.personID, $0.organisationID, $0.enteredOn) } + data.mentees.map { ($0.personID, $0.organisationID, $0.enteredOn) }
        for (id, org, entered) in entries {
            let person = people[id]!
            let own = consents[id] ?? []
            #expect(ConsentRules.hasValidProcessingConsent(person, consents: own, on: today))
            #expect(ConsentRules.hasValidProcessingConsent(person, consents: own, on: entered))
            #expect(memberships[id, default: []].contains { $0.organisationID == org && $0.period.contains(today) && $0.period.contains(entered) })
            #expect(BaseRules.validateEntry(person: person, organisationID: org, consents: own, memberships: memberships[id] ?? [], on: entered).isEmpty)
        }
        let students = Set(data.memberships.filter { $0.role == .student }.map(\.personID))
        for m in data.mentees {
            #expect(BaseRules.validateMentee(m, person: people[m.personID]!, isStudent: students.contains(m.personID)).isEmpty)
        }
        #expect(Set(data.mentors.map { "\($0.personID)\($0.organisationID)" }).count == data.mentors.count)
        #expect(Set(data.mentees.map { "\($0.personID)\($0.organisationID)" }).count == data.mentees.count)
    }

    @Test("A minor's consent is signed by a parent or representative who is named")
    func minorsConsents() {
        let minors = data.people.filter { $0.isMinor(on: today) }
        #expect(minors.count > 200)
        let consents = Dictionary(grouping: data.consents, by: \.personID)
        for p in minors {
            let own = consents[p.id] ?? []
            #expect(!own.isEmpty)
            #expect(own.allSatisfy { $0.signer != .subject && $0.representativeName.nonBlank != nil })
            #expect(ConsentRules.hasValidProcessingConsent(p, consents: own, on: today))
        }
        // Some pupils are mentees with a student's category, some older ones mentor peers.
        let minorIDs = Set(minors.map(\.id))
        #expect(data.mentees.contains { minorIDs.contains($0.personID) && $0.categories.allSatisfy(\.isStudentCategory) })
        #expect(data.mentors.contains { minorIDs.contains($0.personID) && $0.forms == [.studentStudent] })
    }

    @Test("About a tenth of staff have no valid consent, and some consents were withdrawn before a newer one")
    func consentHistory() {
        let consents = Dictionary(grouping: data.consents, by: \.personID)
        let staff = Set(data.memberships.filter { $0.role.isStaff }.map(\.personID))
        let without = staff.filter { !ConsentRules.hasValidProcessingConsent(people[$0]!, consents: consents[$0] ?? [], on: today) }
        let share = Double(without.count) / Double(staff.count)
        #expect((0.07...0.13).contains(share))
        let renewed = consents.values.filter { list in
            list.contains { $0.withdrawnOn != nil } && list.contains { $0.withdrawnOn == nil }
        }
        #expect(renewed.count >= 5)
        for c in data.consents {
            #expect(c.signedOn <= today)
            if let w = c.withdrawnOn { #expect(c.signedOn < w && w <= today) }
        }
        // Never two consents of a kind in force at once.
        for list in consents.values {
            #expect(list.filter { $0.isActive(on: today) }.count <= 1)
        }
    }

    @Test("Every SNILS is valid and unique, and every person passes the person form's rules")
    func peopleAreValid() throws {
        let snils = data.people.compactMap(\.snils)
        #expect(snils.count == data.people.count)
        #expect(Set(snils).count == snils.count)
        #expect(snils.allSatisfy(Snils.isValid))
        for p in data.people {
            let built = try PersonRules.build(PersonInput(p), id: p.id, today: today)
            #expect(built == p)
            if let total = p.totalExperienceStart, let ped = p.pedagogicalExperienceStart {
                #expect(total <= ped)
                #expect(ped >= p.birthDate.adding(years: 18))
            }
            if p.pedagogicalExperienceStart != nil {
                #expect((22...65).contains(p.age(on: today)))
            }
        }
    }

    @Test("Memberships are consistent: periods after birth, partner employees only at partners, a grade for students")
    func memberships() {
        let kinds = Dictionary(uniqueKeysWithValues: data.organisations.map { ($0.id, $0.kind) })
        for m in data.memberships {
            #expect(MembershipRules.validate(m, person: people[m.personID]!, organisationKind: kinds[m.organisationID]!).isEmpty)
        }
        // Some staff worked in another school before.
        let byPerson = Dictionary(grouping: data.memberships, by: \.personID)
        let movers = byPerson.values.filter { $0.count > 1 && $0.contains { $0.period.end != nil } }
        #expect(movers.count > 50)
        // Everyone has exactly one current place.
        #expect(byPerson.values.allSatisfy { $0.filter { $0.period.contains(today) }.count == 1 })
    }

    @Test("Every demo account has a valid password and a complete placement for its role")
    func accounts() throws {
        let logins = ["admin", "region", "izhevsk", "sarapul", "curator12", "director12", "psy12", "curator5", "tutor", "mentor12", "mentee12"]
        #expect(data.accounts.map(\.login) == logins)
        let orgs = Dictionary(uniqueKeysWithValues: data.organisations.map { ($0.id, $0) })
        let municipalities = Dictionary(uniqueKeysWithValues: data.municipalities.map { ($0.id, $0) })
        for a in data.accounts {
            #expect(PasswordPolicy.validate(a.password).isEmpty)
            switch a.role.scopeLevel {
            case .country: break
            case .region: #expect(a.regionID == data.regions[0].id)
            case .municipality:
                let municipality = try #require(a.municipalityID)
                #expect(municipalities[municipality]?.regionID == a.regionID)
            case .organisation, .person:
                let orgID = try #require(a.organisationID)
                let org = try #require(orgs[orgID])
                #expect(org.municipalityID == a.municipalityID)
                #expect(municipalities[org.municipalityID]?.regionID == a.regionID)
            }
        }
        let account = Dictionary(uniqueKeysWithValues: data.accounts.map { ($0.login, $0) })
        let school12 = try #require(account["curator12"]?.organisationID)
        #expect(orgs[school12]?.shortName == "МБОУ СОШ № 12")
        let school5 = try #require(account["curator5"]?.organisationID)
        #expect(orgs[school5]?.shortName == "МБОУ СОШ № 5")
        let director = try #require(account["director12"]?.personID)
        #expect(data.memberships.contains { $0.personID == director && $0.organisationID == school12 && $0.position == "директор" })
        let mentor = try #require(account["mentor12"]?.personID)
        #expect(data.mentors.contains { $0.personID == mentor && $0.organisationID == school12 })
        let mentee = try #require(account["mentee12"]?.personID)
        #expect(data.mentees.contains { $0.personID == mentee && $0.organisationID == school12 })
        // School 12 is rich enough to show every page.
        #expect(data.mentors.filter { $0.organisationID == school12 }.count >= 6)
        #expect(data.mentees.filter { $0.organisationID == school12 }.count >= 8)
        #expect(data.memberships.filter { $0.organisationID == school12 && $0.role == .student }.count >= 15)
        // The tutor follows five staff mentees of several schools.
        let assigned = try #require(account["tutor"]?.assignedPersonIDs)
        #expect(assigned.count == 5)
        let menteeOrgs = Set(data.mentees.filter { assigned.contains($0.personID) }.map(\.organisationID))
        #expect(menteeOrgs.count == 5)
    }

    @Test("Russian names: feminine surnames and patronymics agree with sex, e-mails are Latin")
    func names() {
        for p in data.people {
            guard let middle = p.middleName else { continue }
            #expect(p.sex == .male ? middle.hasSuffix("ич") : middle.hasSuffix("на"))
            if p.sex == .female { #expect(!p.lastName.hasSuffix("ов") && !p.lastName.hasSuffix("ин") && !p.lastName.hasSuffix("ий")) }
            if let email = p.email { #expect(email.allSatisfy { $0.isASCII }) }
        }
    }

    @Test("The other municipalities have 8 to 15 schools each")
    func smallerMunicipalities() {
        for m in data.municipalities where m.name != "город Ижевск" {
            let schools = data.organisations.filter { $0.municipalityID == m.id && $0.kind == .school }
            #expect((8...15).contains(schools.count))
        }
    }
}
