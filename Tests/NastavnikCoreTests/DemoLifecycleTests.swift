import Foundation
import Testing

@testable import NastavnikCore

/// The demo's lifecycle read back through the rules: every pair, programme, meeting, questionnaire and
/// self-assessment must be one the server would have accepted on the day it was made.
@Suite("Demo lifecycle")
struct DemoLifecycleTests {
    static let today = Day(year: 2026, month: 11, day: 25)!
    /// Seeds and days the rules are checked on: the suite's own, spring, and another seed on 1 September.
    static let cases: [(UInt64, Day)] = [(2022, today), (2022, Day(year: 2026, month: 3, day: 10)!), (7, Day(year: 2025, month: 9, day: 1)!)]
    let today = DemoLifecycleTests.today
    let data: DemoDataset
    let index: LifecycleIndex

    /// The index of the suite's dataset, built once (every test only reads it).
    static let index = LifecycleIndex(DemoCache.make(seed: 2022, today: today))

    init() {
        data = DemoCache.make(seed: 2022, today: today)
        index = Self.index
    }

    /// Index of a dataset, as the server's stores would answer.
    struct LifecycleIndex {
        let people: [UUID: Person]
        let memberships: [UUID: [Membership]]
        let consents: [UUID: [Consent]]
        let mentorProfiles: [UUID: MentorProfile]
        let menteeProfiles: [UUID: MenteeProfile]
        let participants: [UUID: [Participant]]
        let byPerson: [UUID: [Participant]]
        let mentorships: [UUID: Mentorship]
        let programmes: [UUID: [Programme]]
        let tasks: [UUID: [ProgrammeTask]]
        let meetings: [UUID: [Meeting]]
        let feedback: [UUID: [Feedback]]
        let assessments: [UUID: [Assessment]]

        init(_ d: DemoDataset) {
            people = Dictionary(uniqueKeysWithValues: d.people.map { ($0.id, $0) })
            memberships = Dictionary(grouping: d.memberships, by: \.personID)
            consents = Dictionary(grouping: d.consents, by: \.personID)
            mentorProfiles = Dictionary(d.mentors.map { ($0.personID, $0) }, uniquingKeysWith: { a, _ in a })
            menteeProfiles = Dictionary(d.mentees.map { ($0.personID, $0) }, uniquingKeysWith: { a, _ in a })
            participants = Dictionary(grouping: d.participants, by: \.mentorshipID)
            byPerson = Dictionary(grouping: d.participants, by: \.personID)
            mentorships = Dictionary(uniqueKeysWithValues: d.mentorships.map { ($0.id, $0) })
            programmes = Dictionary(grouping: d.programmes, by: \.mentorshipID)
            tasks = Dictionary(grouping: d.tasks, by: \.programmeID)
            meetings = Dictionary(grouping: d.meetings, by: \.mentorshipID)
            feedback = Dictionary(grouping: d.feedback, by: \.mentorshipID)
            assessments = Dictionary(grouping: d.assessments, by: \.mentorshipID)
        }

        /// The person's other pairs that were open on `m`'s start: closed ones count until their actual end.
        func engagements(_ person: UUID, for m: Mentorship) -> [Engagement] {
            byPerson[person, default: []].compactMap { p in
                guard p.mentorshipID != m.id, let other = mentorships[p.mentorshipID],
                    other.start <= m.start, m.start <= (other.actualEnd ?? Day.last)
                else { return nil }
                let mentees = participants[other.id, default: []].filter { $0.role == .mentee && $0.isCurrent }.count
                return Engagement(mentorshipID: other.id, form: other.form, role: p.role, menteeCount: mentees)
            }
        }

        func candidate(_ p: Participant, for m: Mentorship) -> Candidate {
            Candidate(
                person: people[p.personID]!, memberships: memberships[p.personID] ?? [], consents: consents[p.personID] ?? [],
                mentorProfile: p.role == .mentor ? mentorProfiles[p.personID] : nil,
                menteeProfile: p.role == .mentee ? menteeProfiles[p.personID] : nil,
                engagements: engagements(p.personID, for: m), justification: p.justification)
        }

        func file(_ m: Mentorship) -> MentorshipFile {
            let programme = programmes[m.id]?.first
            return MentorshipFile(
                mentorship: m, participants: participants[m.id] ?? [], programme: programme,
                tasks: programme.map { tasks[$0.id] ?? [] } ?? [], meetings: meetings[m.id] ?? [], feedback: feedback[m.id] ?? [])
        }
    }

    /// A closed pair as it was while it worked: questionnaires and completion are checked against that.
    static func whileWorking(_ m: Mentorship) -> Mentorship {
        var copy = m
        if !copy.status.isOpen {
            copy.status = .active
            copy.actualEnd = nil
        }
        return copy
    }

    @Test("Every pair and group passes MentorshipRules.validate on its start date with the engagements its people had then",
          arguments: DemoLifecycleTests.cases)
    func pairsFollowTheRules(seed: UInt64, today: Day) {
        let data = DemoCache.make(seed: seed, today: today)
        let index = LifecycleIndex(data)
        #expect(data.mentorships.count > 200)
        for m in data.mentorships {
            let ps = index.participants[m.id] ?? []
            let issues = MentorshipRules.validate(
                m, mentors: ps.filter { $0.role == .mentor }.map { index.candidate($0, for: m) },
                mentees: ps.filter { $0.role == .mentee }.map { index.candidate($0, for: m) }, today: m.start)
            #expect(issues.isEmpty, "\(m.form.label) \(m.status.label) from \(m.start): \(issues.map(\.message))")
            #expect(ps.allSatisfy { $0.joinedOn == m.start && $0.isCurrent })
            switch m.status {
            case .forming:
                #expect(m.order == nil && m.actualEnd == nil)
            case .active:
                #expect(m.actualEnd == nil && m.start <= today)
            case .completed:
                #expect(m.actualEnd.map { $0 <= today && $0 >= m.start } == true && m.resultSummary.nonBlank != nil)
            case .terminated:
                #expect(m.actualEnd.map { $0 <= today && $0 >= m.start } == true && m.terminationReason.nonBlank != nil)
                #expect(MentorshipRules.validateTermination(Self.whileWorking(m), on: m.actualEnd!, reason: m.terminationReason, today: m.actualEnd!).isEmpty)
            }
            if let order = m.order { #expect(order.date <= today && !order.number.isEmpty) }
        }
    }

    @Test("Programmes, tasks, meetings, feedback, self-assessments and route steps pass their rules as of the day they were made",
          arguments: DemoLifecycleTests.cases)
    func contentFollowsTheRules(seed: UInt64, today: Day) {
        let data = DemoCache.make(seed: seed, today: today)
        let index = LifecycleIndex(data)
        #expect(index.programmes.values.allSatisfy { $0.count == 1 })
        for p in data.programmes {
            let m = index.mentorships[p.mentorshipID]!
            #expect(ProgrammeRules.validate(p).isEmpty, "\(ProgrammeRules.validate(p))")
            #expect(p.start == m.start && p.end == m.plannedEnd)
            if p.status.isApproved {
                #expect(p.approvedBy.nonBlank != nil)
                #expect(p.approvedOn.map { $0 >= p.start && $0 <= today } == true)
            } else {
                #expect(p.approvedOn == nil)
            }
            if let ext = p.extensions.first {
                var before = p
                before.end = ext.previousEnd
                before.extensions = []
                #expect(ProgrammeRules.validateExtension(before, newEnd: ext.newEnd, reason: ext.reason).isEmpty)
                #expect(ext.decidedOn <= today)
            }
            let tasks = index.tasks[p.id] ?? []
            #expect(!tasks.isEmpty)
            for t in tasks { #expect(ProgrammeRules.validateTask(t, in: p).isEmpty, "\(ProgrammeRules.validateTask(t, in: p))") }
            if p.status == .done { #expect(ProgrammeRules.validateFulfilment({ var a = p; a.status = .approved; return a }(), tasks: tasks).isEmpty) }
            if p.status != .draft { #expect(ProgrammeRules.validateSubmission({ var a = p; a.status = .draft; return a }(), tasks: tasks).isEmpty) }
        }
        for meeting in data.meetings {
            let m = index.mentorships[meeting.mentorshipID]!
            let issues = MeetingRules.validate(meeting, in: m, participants: index.participants[m.id] ?? [], today: today)
            #expect(issues.isEmpty, "\(issues.map(\.message))")
        }
        for (id, list) in index.feedback {
            let m = Self.whileWorking(index.mentorships[id]!)
            var existing: [Feedback] = []
            for f in list.sorted(by: { $0.date < $1.date }) {
                let issues = FeedbackRules.validate(f, in: m, participants: index.participants[id] ?? [], existing: existing, today: f.date)
                #expect(issues.isEmpty, "\(issues.map(\.message))")
                existing.append(f)
            }
        }
        for (id, list) in index.assessments {
            var existing: [Assessment] = []
            for a in list.sorted(by: { ($0.date, $0.phase == .end ? 1 : 0) < ($1.date, $1.phase == .end ? 1 : 0) }) {
                let issues = AssessmentRules.validate(a, participants: index.participants[id] ?? [], existing: existing, today: a.date)
                #expect(issues.isEmpty, "\(issues.map(\.message))")
                #expect(a.date >= index.mentorships[id]!.start)
                existing.append(a)
            }
        }
        for s in data.routeSteps { #expect(RouteRules.validate(s).isEmpty) }
    }

    @Test("Every status and every form is shown, with groups, teams and the students' forms done right")
    func coverage() {
        #expect(Set(data.mentorships.map(\.status)) == Set(MentorshipStatus.allCases))
        #expect(Set(data.mentorships.map(\.form)) == Set(MentorshipForm.allCases))
        #expect(Set(data.mentorships.map(\.format)) == Set(WorkFormat.allCases))
        #expect(Set(data.mentorships.map(\.kind)).count >= 6)
        for m in data.mentorships {
            let ps = index.participants[m.id] ?? []
            let mentors = ps.filter { $0.role == .mentor }, mentees = ps.filter { $0.role == .mentee }
            if m.kind == .group { #expect(mentees.count >= 2) }
            if m.form == .teamTeam { #expect(mentors.count >= 2 && mentees.count >= 2) }
            let roles = { (p: Participant) in Set(index.memberships[p.personID, default: []].map(\.role)) }
            if m.form.menteesAreStudents {
                for p in mentees {
                    #expect(roles(p).contains(.student))
                    let person = index.people[p.personID]!
                    if person.isMinor(on: m.start) {
                        #expect(index.consents[p.personID, default: []].contains { $0.signer == .parent && $0.isActive(on: m.start) })
                    }
                }
            }
            if m.form == .employerStudent { #expect(mentors.allSatisfy { roles($0).contains(.partnerEmployee) }) }
            if m.form == .universityStudentPupil {
                let universities = Set(data.organisations.filter { $0.kind == .university }.map(\.id))
                #expect(mentors.allSatisfy { p in index.memberships[p.personID, default: []].contains { $0.role == .student && universities.contains($0.organisationID) } })
            }
        }
        #expect(data.mentorships.contains { $0.kind == .group && $0.form == .teacherTeacher })
        #expect(data.mentorships.filter { $0.status == .terminated }.allSatisfy { $0.terminationReason.nonBlank != nil })
    }

    @Test("Izhevsk is at seed 001's scale: about 245 pairs and about a hundred approved programmes; most young specialists are in pairs")
    func scale() {
        let izhevsk = data.municipalities.first { $0.name == "город Ижевск" }!.id
        let schools = Set(data.organisations.filter { $0.municipalityID == izhevsk && $0.kind == .school }.map(\.id))
        let pairs = data.mentorships.filter { schools.contains($0.organisationID) }
        #expect((215...275).contains(pairs.count))
        let ids = Set(pairs.map(\.id))
        let approved = data.programmes.filter { ids.contains($0.mentorshipID) && $0.status == .approved }
        #expect((85...130).contains(approved.count))
        #expect(Set(data.programmes.map(\.status)) == Set(ProgrammeStatus.allCases))
        #expect((1...10).contains(data.programmes.filter { !$0.extensions.isEmpty }.count))
        #expect(data.programmes.contains { $0.status == .draft && $0.returnComment != nil })

        let staff = Set(data.memberships.filter { schools.contains($0.organisationID) && $0.role.isStaff }.map(\.personID))
        let young = data.mentees.filter { schools.contains($0.organisationID) && staff.contains($0.personID) && index.people[$0.personID]!.isYoungSpecialist(on: today) }
        let paired = young.filter { index.byPerson[$0.personID]?.contains { $0.role == .mentee } ?? false }
        let share = Double(paired.count) / Double(young.count)
        #expect((0.7...0.97).contains(share))

        let active = data.mentorships.filter { $0.status == .active }
        let withOrder = Double(active.filter { $0.order != nil }.count) / Double(active.count)
        #expect((0.75...0.97).contains(withOrder))
        #expect(data.meetings.count > 1_500 && data.feedback.count > 1_500)
    }

    @Test("A visible minority of active pairs is at risk, with every kind of risk; most have none")
    func risks() {
        var kinds: Set<RiskKind> = []
        var risky = 0
        let active = data.mentorships.filter { $0.status == .active }
        for m in data.mentorships where m.status.isOpen {
            let r = MonitoringRules.risks(index.file(m), today: today)
            kinds.formUnion(r.map(\.kind))
            if m.status == .active, !r.isEmpty { risky += 1 }
            if m.status == .forming { #expect(r.isEmpty) }
        }
        #expect(kinds == Set(RiskKind.allCases))
        let share = Double(risky) / Double(active.count)
        #expect(share >= 0.04 && share <= 0.25)
        for m in data.mentorships where !m.status.isOpen { #expect(MonitoringRules.risks(index.file(m), today: today).isEmpty) }
    }

    @Test("Some pairs have entered the programme (order and approved programme) and some have not")
    func entry() {
        let checks = data.mentorships.filter(\.status.isOpen).map { MonitoringRules.entry(index.file($0)) }
        #expect(checks.filter(\.entered).count > checks.count / 2)
        #expect(checks.contains { !$0.entered && !$0.hasOrder })
        #expect(checks.contains { !$0.entered && $0.hasOrder && !$0.programmeApproved })
    }

    @Test("Completed pairs have a final meeting, final questionnaires, a result and competency growth, mostly positive")
    func completedPairs() {
        let completed = data.mentorships.filter { $0.status == .completed }
        #expect(completed.count >= 40)
        for m in completed {
            let issues = MentorshipRules.validateCompletion(
                Self.whileWorking(m), on: m.actualEnd!, summary: m.resultSummary, participants: index.participants[m.id] ?? [],
                meetings: index.meetings[m.id] ?? [], feedback: index.feedback[m.id] ?? [], today: m.actualEnd!)
            #expect(issues.isEmpty, "\(issues.map(\.message))")
            let mentees = Set((index.participants[m.id] ?? []).filter { $0.role == .mentee }.map(\.personID))
            let assessed = (index.assessments[m.id] ?? [])
            #expect(mentees.allSatisfy { id in assessed.contains { $0.personID == id && $0.phase == .start } && assessed.contains { $0.personID == id && $0.phase == .end } })
            #expect(index.programmes[m.id]?.first?.status == .done)
        }
        let growth = completed.flatMap { CompetencyGrowth.compute(index.assessments[$0.id] ?? []) }
        #expect(growth.count >= completed.count)
        #expect(Double(growth.filter { $0.delta > 0 }.count) >= 0.8 * Double(growth.count))
        #expect((CompetencyGrowth.mean(growth) ?? 0) > 0.3)
    }

    @Test("Mentee statuses follow the pairs: open means in the programme, completed means completed")
    func menteeStatuses() {
        for profile in data.mentees {
            let pairs = (index.byPerson[profile.personID] ?? []).filter { $0.role == .mentee }.map { index.mentorships[$0.mentorshipID]! }
            if pairs.contains(where: \.status.isOpen) {
                #expect(profile.status == .inProgramme)
            } else if pairs.contains(where: { $0.status == .completed }) {
                #expect(profile.status == .completed)
            } else {
                #expect(profile.status == .waiting)
            }
        }
        let openMentors = Set(data.mentorships.filter(\.status.isOpen).flatMap { index.participants[$0.id] ?? [] }.filter { $0.role == .mentor }.map(\.personID))
        #expect(data.mentors.filter { openMentors.contains($0.personID) }.allSatisfy { $0.status == .active })
    }

    @Test("Exactly one mentor has a written justification, and needs it: 3 years of experience or less")
    func justification() {
        let justified = data.participants.filter { $0.justification != nil }
        #expect(justified.count == 1)
        let p = try! #require(justified.first)
        let m = index.mentorships[p.mentorshipID]!
        #expect(p.role == .mentor && m.form != .reverse)
        #expect(!MentorshipRules.hasNormalExperience(index.people[p.personID]!, on: m.start))
        #expect(data.mentorships.contains { $0.form == .reverse && $0.kind == .reverse })
    }

    @Test("mentor12 and mentee12 work as one active pair with an approved programme, meetings held and ahead, feedback and a route")
    func demoAccounts() throws {
        let account = Dictionary(uniqueKeysWithValues: data.accounts.map { ($0.login, $0) })
        let mentor = try #require(account["mentor12"]?.personID)
        let mentee = try #require(account["mentee12"]?.personID)
        let pair = try #require(data.mentorships.first { m in
            m.status == .active && (index.participants[m.id] ?? []).contains { $0.personID == mentor && $0.role == .mentor }
                && (index.participants[m.id] ?? []).contains { $0.personID == mentee && $0.role == .mentee }
        })
        #expect(pair.organisationID == account["mentee12"]?.organisationID)
        #expect(pair.order != nil)
        #expect(index.programmes[pair.id]?.first?.status == .approved)
        let meetings = index.meetings[pair.id] ?? []
        #expect(meetings.filter { $0.status == .held }.count >= 3)
        #expect(meetings.filter { $0.status == .planned && $0.date > today }.count >= 2)
        let feedback = index.feedback[pair.id] ?? []
        #expect(feedback.contains { $0.authorPersonID == mentor } && feedback.contains { $0.authorPersonID == mentee })
        #expect(MonitoringRules.risks(index.file(pair), today: today).isEmpty)
        #expect(MonitoringRules.entry(index.file(pair)).entered)
        let route = data.routeSteps.filter { $0.personID == mentee }
        #expect(Set(route.map(\.level)) == Set(SupportLevel.allCases))

        let tutor = try #require(account["tutor"])
        #expect(!tutor.assignedPersonIDs.isEmpty)
        for person in tutor.assignedPersonIDs {
            #expect(data.routeSteps.contains { $0.personID == person && $0.level == .region && $0.responsible == tutor.fullName })
        }
    }

    // Its speed (about 0.3 s in a debug build) is not asserted here: a timed unit test fails on a busy machine.
    @Test("The lifecycle is deterministic for a seed")
    func deterministic() {
        let again = DemoGenerator.make(seed: 2022, today: today)
        #expect(again.mentorships == data.mentorships)
        #expect(again.participants == data.participants)
        #expect(again.programmes == data.programmes)
        #expect(again.tasks == data.tasks)
        #expect(again.meetings == data.meetings)
        #expect(again.feedback == data.feedback)
        #expect(again.assessments == data.assessments)
        #expect(again.routeSteps == data.routeSteps)
        #expect(again.mentees == data.mentees)
        let other = DemoGenerator.make(seed: 7, today: today)
        #expect(other.mentorships.map(\.id) != data.mentorships.map(\.id))
        #expect(other.mentorships.count > 200)
    }
}
