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
        data = DemoCache.make(seed: 2022, today: today)
        people = Dictionary(uniqueKeysWithValues: data.people.map { ($0.id, $0) })
        let izhevsk = data.municipalities.first { $0.name == "город Ижевск" }
        izhevskSchools = Set(data.organisations.filter { $0.municipalityID == izhevsk?.id && $0.kind == .school }.map(\.id))
        let schools = izhevskSchools
        izhevskStaff = Set(data.memberships.filter { schools.contains($0.organisationID) && $0.role.isStaff }.map(\.personID))
    }

    @Test("curator12's school has its public section on every day the demo is made (it vanished on some days: the draws depend on the day)",
          arguments: ["2026-11-25", "2026-12-07", "2026-12-08", "2027-03-15"])
    func showcasePublished(_ day: String) throws {
        let today = try #require(Day(day))
        let data = DemoCache.make(seed: 2022, today: today)
        let school = try #require(data.accounts.first { $0.login == "curator12" }?.organisationID)
        let since = try #require(data.organisations.first { $0.id == school }?.mentorshipPageSince)
        #expect(since <= today)
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
        #expect(again.trainingEvents == data.trainingEvents)
        #expect(again.enrolments == data.enrolments)
        #expect(again.trainingNeeds == data.trainingNeeds)
        #expect(again.practices == data.practices)
        #expect(again.contests == data.contests)
        #expect(again.contestApplications == data.contestApplications)
        #expect(again.juryScores == data.juryScores)
        #expect(again.recognitionCriteria == data.recognitionCriteria)
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
        // A minor's name is never printed as an author's (unless an adult author has the same name).
        let adults = Set(data.people.filter { !$0.isMinor(on: today) }.map(\.fullName))
        let minors = data.people.filter { $0.isMinor(on: today) && !adults.contains($0.fullName) }
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

@Suite("Demo community of practice")
struct DemoCommunityTests {
    static let today = Day(year: 2026, month: 11, day: 25)!
    /// Built once for the suite: every test only reads it.
    static let data = DemoCache.make(seed: 2022, today: today)
    let today = Self.today
    let data = Self.data

    var people: [UUID: Person] { Dictionary(uniqueKeysWithValues: data.people.map { ($0.id, $0) }) }
    var events: [UUID: TrainingEvent] { Dictionary(uniqueKeysWithValues: data.trainingEvents.map { ($0.id, $0) }) }
    var accounts: [String: DemoAccount] { Dictionary(uniqueKeysWithValues: data.accounts.map { ($0.login, $0) }) }

    @Test("The community step leaves everything generated before it unchanged but the accounts' ids")
    func isolated() {
        var core = DemoGenerator.Builder(rng: DemoRandom(seed: 2022), today: today)
        core.core()
        let before = core.data
        #expect(before.people == data.people)
        #expect(before.memberships == data.memberships)
        #expect(before.consents == data.consents)
        #expect(before.mentors == data.mentors)
        #expect(before.mentees == data.mentees)
        #expect(before.mentorships == data.mentorships)
        #expect(before.participants == data.participants)
        #expect(before.meetings == data.meetings)
        #expect(before.feedback == data.feedback)
        #expect(before.acts == data.acts)
        #expect(before.roadmapEvents == data.roadmapEvents)
        #expect(before.organisations == data.organisations)
        #expect(before.programmes == data.programmes && before.tasks == data.tasks && before.assessments == data.assessments)
        #expect(before.routeSteps == data.routeSteps)
        // Only the accounts' ids are new.
        var ids = data.accounts
        for i in ids.indices { ids[i].id = before.accounts[i].id }
        #expect(ids == before.accounts)
        #expect(Set(data.accounts.map(\.id)).count == data.accounts.count)
        #expect(!data.accounts.map(\.id).contains(before.accounts[0].id))
    }

    @Test("The base's training status is what the mentor school's records make it")
    func trainingStatusFollowsTheSchool() {
        let enrolments = Dictionary(grouping: data.enrolments, by: \.personID)
        var trained = 0
        for m in data.mentors {
            let own = enrolments[m.personID] ?? []
            let record = TrainingRules.record(own, events: events)
            switch m.training {
            case .trained:
                trained += 1
                #expect(record.hours >= TrainingRules.trainedHours)
                #expect(record.isTrained)
            case .inTraining:
                #expect(!record.isTrained)
                #expect(!own.isEmpty)
            case .notTrained:
                #expect(own.isEmpty)
            }
        }
        #expect(trained > 100)
        // Adults were trained on the 36-hour course.
        let adults = data.mentors.filter { $0.training == .trained && !people[$0.personID]!.isMinor(on: today) }
        #expect(adults.allSatisfy { TrainingRules.record(enrolments[$0.personID] ?? [], events: events).hours == 36 })
    }

    @Test("Events pass the school's rules: enrolment within the base and the places, completion after the end, unique certificates")
    func enrolmentsAreConsistent() throws {
        let profiles = Dictionary(grouping: data.mentors, by: \.personID)
        for e in data.trainingEvents {
            #expect(TrainingRules.validate(e).isEmpty)
            let list = data.enrolments.filter { $0.eventID == e.id }
            #expect(list.count <= e.capacity)
            #expect(Set(list.map(\.personID)).count == list.count)
            let numbers = list.compactMap(\.certificateNumber)
            #expect(Set(numbers).count == numbers.count)
            for en in list {
                let profile = try #require(profiles[en.personID]?.first)
                // Only a course that is over may have been taken before entering the base.
                #expect(profile.enteredOn <= en.enrolledOn || (en.completedOn != nil && e.end < profile.enteredOn))
                #expect(en.enrolledOn <= min(today, e.end))
                if let done = en.completedOn {
                    #expect(en.attended && en.certificateNumber != nil)
                    #expect(e.end <= done && done <= today)
                } else {
                    #expect(!en.attended && en.certificateNumber == nil)
                }
                if let filled = en.checklistOn {
                    #expect(en.completedOn.map { $0 <= filled } ?? false)
                    #expect(!en.difficulties.isEmpty || en.difficultyNote != nil)
                }
            }
        }
        let running = data.trainingEvents.filter { $0.start <= today && today <= $0.end }
        let ahead = data.trainingEvents.filter { $0.start > today }
        #expect(!running.isEmpty)
        #expect(ahead.count >= 2 && ahead.allSatisfy { $0.municipalityID != nil })
        #expect(ahead.allSatisfy { e in data.enrolments.filter { $0.eventID == e.id }.count < e.capacity })
        #expect(data.enrolments.contains { $0.checklistOn != nil })
        #expect(data.trainingNeeds.count > 30)
        #expect(data.trainingNeeds.allSatisfy { TrainingRules.validateNeed($0).isEmpty && $0.date <= today })
        #expect(Set(data.trainingNeeds.map(\.personID)).count == data.trainingNeeds.count)
    }

    @Test("The bank: items pass the rules and moderation as the app records it; cases name mentors, never mentees; no minor authors")
    func bank() throws {
        let mentorships = Dictionary(uniqueKeysWithValues: data.mentorships.map { ($0.id, $0) })
        let participants = Dictionary(grouping: data.participants, by: \.mentorshipID)
        let region = try #require(accounts["region"]?.fullName)
        let coordinators = Dictionary(uniqueKeysWithValues: data.accounts.filter { $0.role == .municipalCoordinator }.map { ($0.municipalityID!, $0.fullName) })
        let orgs = Dictionary(uniqueKeysWithValues: data.organisations.map { ($0.id, $0) })
        // A minor's name is never printed as an author's (unless an adult author has the same name).
        let adults = Set(data.people.filter { !$0.isMinor(on: today) }.map(\.fullName))
        let minors = data.people.filter { $0.isMinor(on: today) && !adults.contains($0.fullName) }
        for p in data.practices {
            #expect(PracticeRules.validate(p).isEmpty)
            #expect(p.createdOn <= today)
            switch p.status {
            case .published:
                let on = try #require(p.moderatedOn)
                #expect(p.createdOn <= on && on <= today)
                switch p.level.moderator {
                case nil: #expect(p.moderatedBy == p.createdBy)
                case .municipality?: #expect([coordinators[orgs[p.organisationID]!.municipalityID], region].contains(p.moderatedBy))
                default: #expect(p.moderatedBy == region)
                }
            case .pending: #expect(p.moderatedBy == nil && p.moderatedOn == nil && p.level.moderator != nil)
            case .rejected: #expect(p.rejectionReason != nil && p.moderatedBy != nil)
            case .draft: Issue.record("a draft in the demo bank")
            }
            #expect(p.authorPersonIDs.allSatisfy { !people[$0]!.isMinor(on: today) })
            #expect(minors.allSatisfy { !p.authors.contains($0.fullName) })
            guard p.kind == .caseStudy else { continue }
            let m = try #require(p.mentorshipID.flatMap { mentorships[$0] })
            #expect(m.status == .completed && m.organisationID == p.organisationID)
            let ps = participants[m.id] ?? []
            #expect(p.authorPersonIDs == ps.filter { $0.role == .mentor }.map(\.personID))
            for mentee in ps.filter({ $0.role == .mentee }) {
                let person = people[mentee.personID]!
                let text = p.title + p.description + p.authors
                #expect(!text.contains(person.fullName) && !text.contains(person.shortName))
            }
        }
        #expect(data.practices.filter { $0.kind == .caseStudy }.count >= 10)
        #expect(data.practices.filter { $0.kind != .caseStudy }.count >= 12)
        #expect(Set(data.practices.map(\.level)) == Set(PublicationLevel.allCases))
        #expect(data.practices.contains { $0.status == .pending })
        #expect(data.practices.filter { $0.status == .rejected }.count == 1)
        #expect(Set(data.practices.map { orgs[$0.organisationID]!.municipalityID }).count == data.municipalities.count)
        #expect(data.practices.contains { $0.authorPersonIDs.contains(accounts["mentor12"]!.personID!) && $0.level == .open && $0.status == .published })
    }

    @Test("Contests: last year's judged by every juror without a conflict and awarded to the winners only; this year's taking applications")
    func contests() throws {
        #expect(data.contests.count == 2)
        let ids = Set(data.accounts.map(\.id))
        let memberships = Dictionary(grouping: data.memberships, by: \.personID)
        for c in data.contests {
            #expect(ContestRules.validate(c).isEmpty)
            #expect(c.jurors.allSatisfy { ids.contains($0.accountID) })
            let apps = data.contestApplications.filter { $0.contestID == c.id }
            #expect(apps.count >= 2)
            // As it stood before the results were published.
            var judging = c
            judging.resultsPublished = false
            #expect(Set(apps.map { "\($0.nominationID)\($0.title)" }).count == apps.count)
            for a in apps {
                #expect(ContestRules.validateApplication(a, contest: judging, on: a.submittedOn).isEmpty)
                for p in a.applicantPersonIDs {
                    #expect(!people[p]!.isMinor(on: a.submittedOn))
                    #expect(memberships[p, default: []].contains { $0.organisationID == a.organisationID && $0.period.contains(a.submittedOn) })
                }
                #expect(a.mentorshipIDs.allSatisfy { id in data.mentorships.contains { $0.id == id && $0.organisationID == a.organisationID } })
            }
            let scores = data.juryScores.filter { s in apps.contains { $0.id == s.applicationID } }
            for s in scores {
                let app = apps.first { $0.id == s.applicationID }!
                #expect(ContestRules.validateScore(s, contest: judging, application: app, on: c.judgingTo).isEmpty)
                #expect(!ContestRules.conflict(c.juror(s.jurorAccountID)!, app))
            }
            let winners = Set(ContestRules.ranking(c, applications: apps, scores: scores).flatMap(\.winners).map(\.application.id))
            #expect(Set(apps.filter { $0.award != nil }.map(\.id)) == (c.resultsPublished ? winners : []))
            if c.resultsPublished {
                #expect(c.resultsOn < today)
                #expect(ContestRules.jurorProgress(c, applications: apps, scores: scores).allSatisfy { $0.done == $0.due && $0.due > 0 })
                #expect(ContestRules.ranking(c, applications: apps, scores: scores).allSatisfy { $0.rows.allSatisfy(\.complete) && $0.winners.count >= 1 })
                #expect(apps.contains { $0.withdrawn })
                #expect(Set(apps.map(\.organisationID)).count == apps.count)
            } else {
                #expect(c.stage(on: today) == .applications)
                #expect(scores.isEmpty)
            }
        }
        let current = try #require(data.contests.first { !$0.resultsPublished })
        let mentor12 = try #require(accounts["mentor12"]?.personID)
        let mine = try #require(data.contestApplications.first { $0.contestID == current.id && $0.applicantPersonIDs.contains(mentor12) })
        #expect(mine.submittedBy == accounts["curator12"]?.id)
    }

    @Test("Recognition: valid criteria of the region and municipalities, each with mentors who qualify")
    func recognition() {
        #expect(data.recognitionCriteria.count >= 3)
        let files = data.mentorships.map { m in
            MentorshipFile(mentorship: m, participants: data.participants.filter { $0.mentorshipID == m.id }, feedback: data.feedback.filter { $0.mentorshipID == m.id })
        }
        let enrolments = Dictionary(grouping: data.enrolments, by: \.personID)
        let apps = data.contestApplications
        var wins: [UUID: Int] = [:]
        for c in data.contests where c.resultsPublished {
            let own = apps.filter { $0.contestID == c.id }
            for row in ContestRules.ranking(c, applications: own, scores: data.juryScores).flatMap(\.winners) {
                for p in row.application.applicantPersonIDs { wins[p, default: 0] += 1 }
            }
        }
        let municipality = Dictionary(uniqueKeysWithValues: data.organisations.map { ($0.id, $0.municipalityID) })
        let merits = data.mentors.map { m in
            (municipality[m.organisationID]!, RecognitionRules.merit(
                personID: m.personID, files: files, trainingHours: TrainingRules.record(enrolments[m.personID] ?? [], events: events).hours,
                contestWins: wins[m.personID] ?? 0))
        }
        for c in data.recognitionCriteria {
            #expect(RecognitionRules.validate(c).isEmpty)
            let zone = merits.filter { c.municipalityID == nil || $0.0 == c.municipalityID }.map(\.1)
            #expect(zone.contains { RecognitionRules.missing($0, for: c).isEmpty }, "\(c.incentive)")
        }
    }
}
