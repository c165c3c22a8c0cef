import Foundation
import Testing

@testable import NastavnikCore

/// Fixtures for the mentorship rules: a school, a pair from 01.09.2026 to 31.05.2027, today 25.11.2026.
private enum MSFix {
    static func day(_ text: String) -> Day { Day(text)! }
    static let today = day("2026-11-25")
    static let school = UUID()
    static let otherSchool = UUID()
    static let start = day("2026-09-01")
    static let end = day("2027-05-31")

    /// «Петрова Е. С.»: 22 years of pedagogical experience.
    static let veteran = Person(lastName: "Петрова", firstName: "Елена", middleName: "Сергеевна", birthDate: day("1980-01-10"),
        pedagogicalExperienceStart: day("2004-09-01"))
    /// «Козлов И. В.»: a second experienced teacher.
    static let veteran2 = Person(lastName: "Козлов", firstName: "Игорь", middleName: "Викторович", birthDate: day("1975-05-05"),
        pedagogicalExperienceStart: day("2000-09-01"))
    /// «Смирнов А. И.»: a young specialist since 01.09.2025.
    static let novice = Person(lastName: "Смирнов", firstName: "Алексей", middleName: "Игоревич", birthDate: day("1999-06-01"),
        pedagogicalExperienceStart: day("2025-09-01"))
    /// «Орлова Д. А.»: a young specialist since 01.09.2026.
    static let novice2 = Person(lastName: "Орлова", firstName: "Дарья", middleName: "Андреевна", birthDate: day("2000-02-02"),
        pedagogicalExperienceStart: day("2026-09-01"))
    /// «Сидоров П. И.»: a pupil, 14 years old today.
    static let pupil = Person(lastName: "Сидоров", firstName: "Пётр", middleName: "Иванович", birthDate: day("2012-04-04"))

    static func teacher(_ last: String, pedagogicalFrom: String?, born: String = "1990-03-03") -> Person {
        Person(lastName: last, firstName: "Ольга", middleName: "Николаевна", birthDate: day(born),
            pedagogicalExperienceStart: pedagogicalFrom.map(day))
    }

    static func selfConsent(_ p: Person, signed: String = "2025-08-20", withdrawn: String? = nil) -> Consent {
        Consent(personID: p.id, signer: .subject, signedOn: day(signed), scope: ConsentRules.defaultScope, withdrawnOn: withdrawn.map(day))
    }

    static func parentConsent(_ p: Person) -> Consent {
        Consent(personID: p.id, signer: .parent, representativeName: "Сидорова Анна Ивановна", signedOn: day("2025-08-20"),
            scope: ConsentRules.defaultScope)
    }

    static func membership(_ p: Person, _ role: MembershipRole = .pedagogical, in org: UUID = school, from: String = "2015-09-01",
                           to: String? = nil) -> Membership {
        Membership(personID: p.id, organisationID: org, role: role, period: Period(start: day(from), end: to.map(day)))
    }

    static func mentor(
        _ p: Person = veteran, memberships: [Membership]? = nil, consents: [Consent]? = nil, capacity: Int = 2,
        profileIn org: UUID = school, network: Bool = false, status: MentorStatus = .active, profile: Bool = true,
        engagements: [Engagement] = [], justification: String? = nil
    ) -> Candidate {
        Candidate(
            person: p, memberships: memberships ?? [membership(p)], consents: consents ?? [selfConsent(p)],
            mentorProfile: profile
                ? MentorProfile(personID: p.id, organisationID: org, capacity: capacity, status: status, network: network, enteredOn: day("2025-06-01"))
                : nil,
            engagements: engagements, justification: justification)
    }

    static func mentee(
        _ p: Person = novice, memberships: [Membership]? = nil, consents: [Consent]? = nil, profile: Bool = true,
        engagements: [Engagement] = []
    ) -> Candidate {
        Candidate(
            person: p, memberships: memberships ?? [membership(p, from: "2025-09-01")], consents: consents ?? [selfConsent(p)],
            menteeProfile: profile ? MenteeProfile(personID: p.id, organisationID: school, mainRequest: .methodical, enteredOn: day("2025-09-10")) : nil,
            engagements: engagements)
    }

    static func pupilMentee(consents: [Consent]? = nil) -> Candidate {
        mentee(pupil, memberships: [membership(pupil, .student, from: "2019-09-01", to: "2030-06-30")], consents: consents ?? [parentConsent(pupil)])
    }

    static func pair(
        _ form: MentorshipForm = .teacherTeacher, kind: MentorshipKind = .traditional, status: MentorshipStatus = .forming,
        start: Day = start, end: Day = end
    ) -> Mentorship {
        Mentorship(organisationID: school, form: form, kind: kind, start: start, plannedEnd: end, status: status)
    }

    static func validate(_ m: Mentorship = pair(), mentors: [Candidate] = [mentor()], mentees: [Candidate] = [mentee()]) -> [FieldIssue] {
        MentorshipRules.validate(m, mentors: mentors, mentees: mentees, today: today)
    }

    static let formTT = "«учитель – учитель (педагог – педагог)»"
}

@Suite("MentorshipRules.validate: shape of a pair or group")
struct MentorshipShapeTests {
    @Test("An experienced teacher with consent and free capacity mentors a young teacher of the same school")
    func happyPair() {
        #expect(MSFix.validate().isEmpty)
    }

    @Test("The planned end must be later than the start; the next day is enough")
    func plannedEndAfterStart() {
        let issue = FieldIssue("plannedEnd", "Дата окончания должна быть позже даты начала (01.09.2026).")
        #expect(MSFix.validate(MSFix.pair(end: MSFix.start)) == [issue])
        #expect(MSFix.validate(MSFix.pair(end: MSFix.day("2026-08-01"))) == [issue])
        #expect(MSFix.validate(MSFix.pair(end: MSFix.day("2026-09-02"))).isEmpty)
    }

    @Test("A mentor and a mentee must both be named")
    func bothSidesNamed() {
        #expect(MSFix.validate(mentors: []) == [FieldIssue("mentors", "Укажите наставника.")])
        #expect(MSFix.validate(mentees: []) == [FieldIssue("mentees", "Укажите наставляемого.")])
    }

    @Test("«Команда – команда» needs at least two people on each side; exactly two each is enough")
    func teamNeedsTwoAndTwo() {
        let m = MSFix.pair(.teamTeam)
        let issue = FieldIssue("form", "В форме «команда – команда» в каждой команде не меньше двух человек.")
        let twoMentors = [MSFix.mentor(), MSFix.mentor(MSFix.veteran2)]
        let twoMentees = [MSFix.mentee(), MSFix.mentee(MSFix.novice2, memberships: [MSFix.membership(MSFix.novice2, from: "2026-09-01")])]
        #expect(MSFix.validate(m, mentors: twoMentors, mentees: [MSFix.mentee()]) == [issue])
        #expect(MSFix.validate(m, mentors: [MSFix.mentor()], mentees: twoMentees) == [issue])
        // Each mentor of the team counts both mentees: 2 of capacity 2 is still allowed.
        #expect(MSFix.validate(m, mentors: twoMentors, mentees: twoMentees).isEmpty)
        // The team rule wins over the group rule: one issue, not two.
        #expect(MSFix.validate(MSFix.pair(.teamTeam, kind: .group), mentors: twoMentors, mentees: [MSFix.mentee()]) == [issue])
    }

    @Test("Group mentorship needs at least two mentees")
    func groupNeedsTwoMentees() {
        let m = MSFix.pair(kind: .group)
        #expect(MSFix.validate(m) == [FieldIssue("kind", "Групповое наставничество — это не меньше двух наставляемых.")])
        let second = MSFix.mentee(MSFix.novice2, memberships: [MSFix.membership(MSFix.novice2, from: "2026-09-01")])
        #expect(MSFix.validate(m, mentees: [MSFix.mentee(), second]).isEmpty)
    }

    @Test("Nobody mentors themselves")
    func noSelfMentoring() {
        let both = Candidate(
            person: MSFix.veteran, memberships: [MSFix.membership(MSFix.veteran)], consents: [MSFix.selfConsent(MSFix.veteran)],
            mentorProfile: MentorProfile(personID: MSFix.veteran.id, organisationID: MSFix.school, enteredOn: MSFix.day("2025-06-01")),
            menteeProfile: MenteeProfile(personID: MSFix.veteran.id, organisationID: MSFix.school, mainRequest: .digital, enteredOn: MSFix.day("2025-06-01")))
        #expect(MSFix.validate(mentors: [both], mentees: [both]) == [FieldIssue("mentees", "Петрова Е. С. не может быть наставником самому себе.")])
    }

    @Test("The same person cannot be listed twice on one side")
    func noDuplicates() {
        let issue = FieldIssue("mentees", "Один и тот же человек указан дважды.")
        #expect(MSFix.validate(mentees: [MSFix.mentee(), MSFix.mentee()]) == [issue])
        #expect(MSFix.validate(mentors: [MSFix.mentor(), MSFix.mentor()]) == [issue])
    }

    @Test("Every problem is reported at once, not only the first")
    func allIssuesAtOnce() {
        let issues = MSFix.validate(MSFix.pair(end: MSFix.start), mentors: [MSFix.mentor(profile: false)], mentees: [MSFix.mentee(consents: [], profile: false)])
        #expect(issues.map(\.field) == ["plannedEnd", "mentors", "mentees", "mentees"])
    }

    @Test("Open statuses: forming and active count toward load and the one-per-form limit")
    func openStatuses() {
        #expect(MentorshipStatus.allCases.filter(\.isOpen) == [.forming, .active])
        #expect(MSFix.pair(kind: .group).isGroup && MSFix.pair(.teamTeam).isGroup && !MSFix.pair().isGroup)
        var m = MSFix.pair()
        #expect(m.period == Period(start: MSFix.start, end: MSFix.end))
        m.actualEnd = MSFix.day("2026-11-01")
        #expect(m.period == Period(start: MSFix.start, end: MSFix.day("2026-11-01")))
    }
}

@Suite("MentorshipRules.validate: consent and place in the organisation")
struct MentorshipConsentAndPlaceTests {
    @Test("A mentor without a valid processing consent is refused")
    func mentorConsent() {
        #expect(MSFix.validate(mentors: [MSFix.mentor(consents: [])])
            == [FieldIssue("mentors", "Нет действующего согласия на обработку персональных данных: Петрова Е. С.")])
    }

    @Test("Consent is judged today: signed today counts, signed tomorrow does not; withdrawn today no longer counts, tomorrow still does")
    func consentBoundaries() {
        let p = MSFix.novice
        let refused = [FieldIssue("mentees", "Нет действующего согласия на обработку персональных данных: Смирнов А. И.")]
        #expect(MSFix.validate(mentees: [MSFix.mentee(consents: [MSFix.selfConsent(p, signed: "2026-11-25")])]).isEmpty)
        #expect(MSFix.validate(mentees: [MSFix.mentee(consents: [MSFix.selfConsent(p, signed: "2026-11-26")])]) == refused)
        #expect(MSFix.validate(mentees: [MSFix.mentee(consents: [MSFix.selfConsent(p, withdrawn: "2026-11-25")])]) == refused)
        #expect(MSFix.validate(mentees: [MSFix.mentee(consents: [MSFix.selfConsent(p, withdrawn: "2026-11-26")])]).isEmpty)
        // Someone else's consent does not count.
        #expect(MSFix.validate(mentees: [MSFix.mentee(consents: [MSFix.selfConsent(MSFix.veteran)])]) == refused)
    }

    @Test("A minor mentee needs a parent's consent; the pupil's own signature is not enough")
    func minorNeedsParent() {
        let m = MSFix.pair(.teacherStudent)
        #expect(MSFix.validate(m, mentees: [MSFix.pupilMentee()]).isEmpty)
        #expect(MSFix.validate(m, mentees: [MSFix.pupilMentee(consents: [MSFix.selfConsent(MSFix.pupil)])])
            == [FieldIssue("mentees", "Нет действующего согласия родителя (законного представителя) на обработку персональных данных: Сидоров П. И.")])
    }

    @Test("A mentor must hold a role the form allows")
    func mentorRole() {
        let other = MSFix.mentor(memberships: [MSFix.membership(MSFix.veteran, .otherStaff)])
        #expect(MSFix.validate(mentors: [other]) == [FieldIssue("mentors",
            "Петрова Е. С. не может быть наставником в форме \(MSFix.formTT): наставник — педагогический работник или руководящий работник; наставляемый — педагогический работник.")])
    }

    @Test("A mentee must hold an allowed role in this organisation, not in another")
    func menteeRoleInThisOrganisation() {
        let elsewhere = MSFix.mentee(memberships: [MSFix.membership(MSFix.novice, in: MSFix.otherSchool, from: "2025-09-01")])
        #expect(MSFix.validate(mentees: [elsewhere]) == [FieldIssue("mentees",
            "Смирнов А. И. не может быть наставляемым в форме \(MSFix.formTT): наставник — педагогический работник или руководящий работник; наставляемый — педагогический работник.")])
        let pupilInTeacherForm = MSFix.pupilMentee()
        #expect(MSFix.validate(mentees: [pupilInTeacherForm]).map(\.field) == ["mentees"])
    }

    @Test("Roles per form, as the hint tells them", arguments: [
        (MentorshipForm.teacherStudent, "наставник — педагогический работник или руководящий работник; наставляемый — обучающийся"),
        (.studentStudent, "наставник — обучающийся; наставляемый — обучающийся"),
        (.employerStudent, "наставник — сотрудник организации-партнёра; наставляемый — обучающийся"),
        (.headTeacher, "наставник — руководящий работник; наставляемый — педагогический работник"),
        (.reverse, "наставник — педагогический работник или руководящий работник или обучающийся; наставляемый — педагогический работник или руководящий работник"),
    ])
    func rolesHint(_ c: (MentorshipForm, String)) {
        #expect(c.0.rolesHint == c.1)
    }

    @Test("The period must lie within the mentee's employment: ending on the last working day is fine, a day later is not")
    func periodWithinMenteeMembership() {
        func with(from: String = "2025-09-01", to: String?) -> Candidate {
            MSFix.mentee(memberships: [MSFix.membership(MSFix.novice, from: from, to: to)])
        }
        let outside = [FieldIssue("plannedEnd", "Период наставничества с 01.09.2026 по 31.05.2027 выходит за период работы (учёбы) Смирнов А. И. в организации.")]
        #expect(MSFix.validate(mentees: [with(to: "2027-05-31")]).isEmpty)
        #expect(MSFix.validate(mentees: [with(to: "2027-05-30")]) == outside)
        #expect(MSFix.validate(mentees: [with(from: "2026-09-01", to: nil)]).isEmpty)
        #expect(MSFix.validate(mentees: [with(from: "2026-09-02", to: nil)]) == outside)
    }

    @Test("The period must lie within the mentor's employment as well")
    func periodWithinMentorMembership() {
        let leaving = MSFix.mentor(memberships: [MSFix.membership(MSFix.veteran, to: "2027-01-31")])
        #expect(MSFix.validate(mentors: [leaving])
            == [FieldIssue("plannedEnd", "Период наставничества с 01.09.2026 по 31.05.2027 выходит за период работы (учёбы) Петрова Е. С. в организации.")])
    }
}

@Suite("MentorshipRules.validate: the mentor")
struct MentorshipMentorTests {
    @Test("A mentor must be in the base of mentors")
    func inBase() {
        #expect(MSFix.validate(mentors: [MSFix.mentor(profile: false)]) == [FieldIssue("mentors", "Петрова Е. С. нет в базе наставников.")])
    }

    @Test("A mentor who left the base cannot take a pair")
    func leftBase() {
        #expect(MSFix.validate(mentors: [MSFix.mentor(status: .left)]) == [FieldIssue("mentors", "Петрова Е. С. выбыл из базы наставников.")])
    }

    @Test("A mentor from another organisation needs consent to network mentorship, or a place in this one")
    func networkMentorship() {
        let elsewhere = [MSFix.membership(MSFix.veteran, in: MSFix.otherSchool)]
        #expect(MSFix.validate(mentors: [MSFix.mentor(memberships: elsewhere, profileIn: MSFix.otherSchool)])
            == [FieldIssue("mentors", "Петрова Е. С. работает в другой организации и не отметил готовность к сетевому наставничеству.")])
        #expect(MSFix.validate(mentors: [MSFix.mentor(memberships: elsewhere, profileIn: MSFix.otherSchool, network: true)]).isEmpty)
        let partTime = elsewhere + [MSFix.membership(MSFix.veteran, in: MSFix.school, from: "2026-09-01")]
        #expect(MSFix.validate(mentors: [MSFix.mentor(memberships: partTime, profileIn: MSFix.otherSchool)]).isEmpty)
    }

    @Test("Load up to capacity is allowed; one more mentee is refused")
    func capacity() {
        let one = Engagement(mentorshipID: UUID(), form: .teacherTeacher, role: .mentor, menteeCount: 1)
        #expect(MSFix.validate(mentors: [MSFix.mentor(capacity: 2, engagements: [one])]).isEmpty)
        #expect(MSFix.validate(mentors: [MSFix.mentor(capacity: 2, engagements: [one, one])])
            == [FieldIssue("mentors", "У наставника Петрова Е. С. уже 2 из 2 наставляемых: ещё 1 — больше, чем он может вести одновременно.")])
        let two = Engagement(mentorshipID: UUID(), form: .teacherStudent, role: .mentor, menteeCount: 2)
        #expect(MSFix.validate(mentors: [MSFix.mentor(capacity: 2, engagements: [two])]).map(\.field) == ["mentors"])
    }

    @Test("A group counts every mentee against the capacity")
    func groupLoad() {
        let group = MSFix.pair(kind: .group)
        let mentees = [MSFix.mentee(), MSFix.mentee(MSFix.novice2, memberships: [MSFix.membership(MSFix.novice2, from: "2026-09-01")])]
        #expect(MSFix.validate(group, mentors: [MSFix.mentor(capacity: 2)], mentees: mentees).isEmpty)
        #expect(MSFix.validate(group, mentors: [MSFix.mentor(capacity: 1)], mentees: mentees)
            == [FieldIssue("mentors", "У наставника Петрова Е. С. уже 0 из 1 наставляемых: ещё 2 — больше, чем он может вести одновременно.")])
    }

    @Test("Being a mentee elsewhere is not part of a mentor's load")
    func menteeEngagementsNotLoad() {
        let asMentee = Engagement(mentorshipID: UUID(), form: .headTeacher, role: .mentee, menteeCount: 5)
        #expect(MSFix.validate(mentors: [MSFix.mentor(capacity: 1, engagements: [asMentee])]).isEmpty)
    }

    @Test("Exactly 3 years of pedagogical experience on the start day is not enough without a justification; 3 years and a day is")
    func experienceBoundary() {
        let exactly3 = MSFix.teacher("Васильева", pedagogicalFrom: "2023-09-01")
        #expect(MSFix.validate(mentors: [MSFix.mentor(exactly3)]) == [FieldIssue("justification",
            "У наставника Васильева О. Н. педагогический стаж 3 года, а обычно нужно больше 3 лет: запишите обоснование, почему он назначен наставником.")])
        let moreThan3 = MSFix.teacher("Васильева", pedagogicalFrom: "2023-08-31")
        #expect(MSFix.validate(mentors: [MSFix.mentor(moreThan3)]).isEmpty)
        #expect(!MentorshipRules.hasNormalExperience(exactly3, on: MSFix.start))
        #expect(MentorshipRules.hasNormalExperience(exactly3, on: MSFix.day("2026-09-02")))
    }

    @Test("Experience is judged on the start of the mentorship, not today")
    func experienceOnStart() {
        // 3 years 1 month on the start, more than 3 years today.
        let p = MSFix.teacher("Васильева", pedagogicalFrom: "2023-10-01")
        #expect(MentorshipRules.hasNormalExperience(p, on: MSFix.today))
        #expect(MSFix.validate(mentors: [MSFix.mentor(p)]).map(\.message)
            == ["У наставника Васильева О. Н. педагогический стаж 2 года 11 мес., а обычно нужно больше 3 лет: запишите обоснование, почему он назначен наставником."])
    }

    @Test("A written justification lets a less experienced teacher mentor; a blank one does not")
    func justification() {
        let young = MSFix.teacher("Васильева", pedagogicalFrom: "2025-09-01")
        #expect(MSFix.validate(mentors: [MSFix.mentor(young, justification: "Победитель конкурса «Педагогический дебют»")]).isEmpty)
        #expect(MSFix.validate(mentors: [MSFix.mentor(young, justification: "  \n")]).map(\.field) == ["justification"])
    }

    @Test("Unknown pedagogical experience needs a justification too")
    func unknownExperience() {
        let unknown = MSFix.teacher("Васильева", pedagogicalFrom: nil)
        #expect(!MentorshipRules.hasNormalExperience(unknown, on: MSFix.today))
        #expect(MSFix.validate(mentors: [MSFix.mentor(unknown)]).map(\.message)
            == ["У наставника Васильева О. Н. педагогический стаж не указан, а обычно нужно больше 3 лет: запишите обоснование, почему он назначен наставником."])
    }

    @Test("The experience rule is for teachers: a partner's employee mentoring a pupil needs none")
    func experienceOnlyForTeachers() {
        let engineer = Person(lastName: "Фёдоров", firstName: "Максим", birthDate: MSFix.day("1995-07-07"))
        let mentor = MSFix.mentor(engineer, memberships: [MSFix.membership(engineer, .partnerEmployee, in: MSFix.otherSchool, from: "2020-01-01")])
        #expect(MSFix.validate(MSFix.pair(.employerStudent), mentors: [mentor], mentees: [MSFix.pupilMentee()]).isEmpty)
    }

    @Test("A justification is asked, and kept with the participant, only for a teaching mentor with short experience outside reverse mentoring")
    func needsJustification() {
        let young = MSFix.teacher("Васильева", pedagogicalFrom: "2025-09-01")
        #expect(MentorshipRules.needsJustification(MSFix.mentor(young), MSFix.pair()))
        #expect(!MentorshipRules.needsJustification(MSFix.mentor(MSFix.veteran), MSFix.pair()))
        #expect(!MentorshipRules.needsJustification(MSFix.mentor(young), MSFix.pair(.reverse, kind: .reverse)))
        let engineer = MSFix.mentor(young, memberships: [MSFix.membership(young, .partnerEmployee, in: MSFix.otherSchool, from: "2020-01-01")])
        #expect(!MentorshipRules.needsJustification(engineer, MSFix.pair(.employerStudent)))
    }

    @Test("In reverse mentorship the mentor is younger and needs no long experience")
    func reverseYounger() {
        let m = MSFix.pair(.reverse, kind: .reverse)
        let olderMentee = MSFix.mentee(MSFix.veteran, memberships: [MSFix.membership(MSFix.veteran)])
        #expect(MSFix.validate(m, mentors: [MSFix.mentor(MSFix.novice, memberships: [MSFix.membership(MSFix.novice, from: "2025-09-01")])],
            mentees: [olderMentee]).isEmpty)

        let sameAge = MSFix.teacher("Васильева", pedagogicalFrom: "2025-09-01", born: "1980-01-10")
        #expect(MSFix.validate(m, mentors: [MSFix.mentor(sameAge)], mentees: [olderMentee])
            == [FieldIssue("mentors", "В реверсивном наставничестве наставник младше наставляемого, а Васильева О. Н. не младше Петрова Е. С.")])
        let dayYounger = MSFix.teacher("Васильева", pedagogicalFrom: "2025-09-01", born: "1980-01-11")
        #expect(MSFix.validate(m, mentors: [MSFix.mentor(dayYounger)], mentees: [olderMentee]).isEmpty)
    }
}

@Suite("MentorshipRules.validate: the mentee")
struct MentorshipMenteeTests {
    @Test("A mentee must be in the base of mentees")
    func inBase() {
        #expect(MSFix.validate(mentees: [MSFix.mentee(profile: false)]) == [FieldIssue("mentees", "Смирнов А. И. нет в базе наставляемых организации.")])
    }

    @Test("One open mentorship per form per mentee; another form or being a mentor elsewhere is fine")
    func onePerForm() {
        func engaged(_ form: MentorshipForm, _ role: ParticipantRole) -> Candidate {
            MSFix.mentee(engagements: [Engagement(mentorshipID: UUID(), form: form, role: role, menteeCount: 1)])
        }
        #expect(MSFix.validate(mentees: [engaged(.teacherTeacher, .mentee)])
            == [FieldIssue("mentees", "Смирнов А. И. уже состоит в действующей паре (группе) в форме \(MSFix.formTT).")])
        #expect(MSFix.validate(mentees: [engaged(.reverse, .mentee)]).isEmpty)
        #expect(MSFix.validate(mentees: [engaged(.teacherTeacher, .mentor)]).isEmpty)
    }
}

@Suite("MentorshipRules: order, termination, completion, leaving")
struct MentorshipTransitionTests {
    let today = MSFix.today

    @Test("An order fixes a forming pair; dated today is fine")
    func orderHappy() {
        #expect(MentorshipRules.validateOrder(MSFix.pair(), order: OrderReference(number: "45-о", date: today), today: today).isEmpty)
        #expect(OrderReference(number: "45-о", date: MSFix.day("2026-09-01")).russian == "приказ от 01.09.2026 № 45-о")
    }

    @Test("Only a forming pair is fixed by an order, with a number, dated not in the future")
    func orderRules() {
        let order = OrderReference(number: "45-о", date: today)
        #expect(MentorshipRules.validateOrder(MSFix.pair(status: .active), order: order, today: today)
            == [FieldIssue("status", "Приказом закрепляется только формирующаяся пара (группа); сейчас она «действует».")])
        #expect(MentorshipRules.validateOrder(MSFix.pair(), order: OrderReference(number: "  ", date: today), today: today)
            == [FieldIssue("orderNumber", "Укажите номер приказа.")])
        #expect(MentorshipRules.validateOrder(MSFix.pair(), order: OrderReference(number: "45-о", date: MSFix.day("2026-11-26")), today: today)
            == [FieldIssue("orderDate", "Дата приказа 26.11.2026 ещё не наступила.")])
    }

    @Test("Termination: an open pair, a reason, a date from the start to today")
    func termination() {
        let m = MSFix.pair(status: .active)
        #expect(MentorshipRules.validateTermination(m, on: today, reason: "Наставляемый уволился", today: today).isEmpty)
        #expect(MentorshipRules.validateTermination(m, on: MSFix.start, reason: "Наставляемый уволился", today: today).isEmpty)
        #expect(MentorshipRules.validateTermination(MSFix.pair(status: .forming), on: today, reason: "Не сложилась пара", today: today).isEmpty)
        #expect(MentorshipRules.validateTermination(m, on: today, reason: " ", today: today) == [FieldIssue("reason", "Укажите причину прекращения.")])
        #expect(MentorshipRules.validateTermination(m, on: today, reason: nil, today: today) == [FieldIssue("reason", "Укажите причину прекращения.")])
        #expect(MentorshipRules.validateTermination(m, on: MSFix.day("2026-08-31"), reason: "x", today: today)
            == [FieldIssue("actualEnd", "Дата окончания раньше начала наставничества (01.09.2026).")])
        #expect(MentorshipRules.validateTermination(m, on: MSFix.day("2026-11-26"), reason: "x", today: today)
            == [FieldIssue("actualEnd", "Дата окончания 26.11.2026 ещё не наступила.")])
    }

    @Test("A closed pair cannot be terminated again", arguments: [(MentorshipStatus.completed, "завершена"), (.terminated, "прекращена")])
    func terminationOfClosed(_ c: (MentorshipStatus, String)) {
        #expect(MentorshipRules.validateTermination(MSFix.pair(status: c.0), on: today, reason: "x", today: today)
            == [FieldIssue("status", "Пара (группа) уже \(c.1).")])
    }

    struct Completion {
        var m = MSFix.pair(status: .active)
        var mentor: Participant
        var mentee: Participant
        var meetings: [Meeting]
        var feedback: [Feedback]

        init() {
            mentor = Participant(mentorshipID: m.id, personID: MSFix.veteran.id, role: .mentor, joinedOn: MSFix.start)
            mentee = Participant(mentorshipID: m.id, personID: MSFix.novice.id, role: .mentee, joinedOn: MSFix.start)
            meetings = [Meeting(mentorshipID: m.id, type: .final, date: MSFix.day("2026-11-20"), time: ClockTime(hour: 15, minute: 0)!,
                agenda: "Итоги", outcome: "Подведены итоги", status: .held, attendees: [mentor.personID, mentee.personID])]
            feedback = [Self.final(mentor, m), Self.final(mentee, m)]
        }

        static func final(_ p: Participant, _ m: Mentorship) -> Feedback {
            Feedback(mentorshipID: m.id, authorPersonID: p.personID, role: p.role, date: MSFix.day("2026-11-20"), kind: .final,
                satisfaction: 9, progress: "Цели достигнуты")
        }

        func check(on day: Day = MSFix.today, summary: String? = "Наставляемый самостоятельно ведёт уроки", participants: [Participant]? = nil) -> [FieldIssue] {
            MentorshipRules.validateCompletion(m, on: day, summary: summary, participants: participants ?? [mentor, mentee],
                meetings: meetings, feedback: feedback, today: MSFix.today)
        }
    }

    @Test("Completion of an active pair with a held final meeting, both final questionnaires and a result")
    func completionHappy() {
        var c = Completion()
        #expect(c.check().isEmpty)
        // The final meeting may be on the completion day itself.
        #expect(c.check(on: MSFix.day("2026-11-20")).isEmpty)
        // A group's final meeting counts too.
        c.meetings[0].type = .groupFinal
        #expect(c.check().isEmpty)
    }

    @Test("Only an active pair is completed, with a written result and a proper date")
    func completionStatusSummaryDate() {
        var c = Completion()
        #expect(c.check(summary: "  ") == [FieldIssue("resultSummary", "Опишите результат наставничества.")])
        #expect(c.check(on: MSFix.day("2026-11-26")) == [FieldIssue("actualEnd", "Дата окончания 26.11.2026 ещё не наступила.")])
        c.m.status = .forming
        #expect(c.check() == [FieldIssue("status", "Завершить можно только действующую пару (группу); сейчас она «формируется».")])
    }

    @Test("Completion needs a final meeting held by the completion day")
    func completionNeedsFinalMeeting() {
        let issue = FieldIssue("meetings", "Сначала проведите и отметьте итоговую встречу.")
        var c = Completion()
        #expect(c.check(on: MSFix.day("2026-11-19")) == [issue])
        c.meetings[0].status = .planned
        #expect(c.check() == [issue])
        c.meetings[0].status = .held
        c.meetings[0].type = .regular
        #expect(c.check() == [issue])
    }

    @Test("Completion needs the final questionnaire from a current mentor and from every current mentee")
    func completionNeedsFinalFeedback() {
        var c = Completion()
        let mentee2 = Participant(mentorshipID: c.m.id, personID: MSFix.novice2.id, role: .mentee, joinedOn: MSFix.start)
        #expect(c.check(participants: [c.mentor, c.mentee, mentee2])
            == [FieldIssue("feedback", "Нет итоговой анкеты удовлетворённости от наставляемых: 1.")])
        // A mentee who left does not hold up completion.
        var left = mentee2
        left.leftOn = MSFix.day("2026-10-01")
        #expect(c.check(participants: [c.mentor, c.mentee, left]).isEmpty)
        // A regular questionnaire is not the final one.
        c.feedback[0].kind = .regular
        #expect(c.check() == [FieldIssue("feedback", "Нет итоговой анкеты удовлетворённости от наставника.")])
        c.feedback = []
        #expect(c.check() == [
            FieldIssue("feedback", "Нет итоговой анкеты удовлетворённости от наставника."),
            FieldIssue("feedback", "Нет итоговой анкеты удовлетворённости от наставляемых: 1."),
        ])
    }

    @Test("A final questionnaire of a mentor who has left does not count for the mentor side")
    func completionMentorMustBeCurrent() {
        let c = Completion()
        var former = c.mentor
        former.leftOn = MSFix.day("2026-11-21")
        let newMentor = Participant(mentorshipID: c.m.id, personID: MSFix.veteran2.id, role: .mentor, joinedOn: MSFix.day("2026-11-21"))
        #expect(c.check(participants: [former, newMentor, c.mentee]) == [FieldIssue("feedback", "Нет итоговой анкеты удовлетворённости от наставника.")])
    }

    @Test("Leaving: a current participant, a reason, a date not before joining; the last mentee or mentor cannot leave without a successor")
    func leaving() {
        let m = MSFix.pair(status: .active)
        let mentor = Participant(mentorshipID: m.id, personID: MSFix.veteran.id, role: .mentor, joinedOn: MSFix.start)
        let a = Participant(mentorshipID: m.id, personID: MSFix.novice.id, role: .mentee, joinedOn: MSFix.start)
        let b = Participant(mentorshipID: m.id, personID: MSFix.novice2.id, role: .mentee, joinedOn: MSFix.start)
        let all = [mentor, a, b]
        #expect(MentorshipRules.validateLeaving(a, on: MSFix.start, reason: "Переход в другую пару", m: m, remaining: all).isEmpty)
        #expect(MentorshipRules.validateLeaving(mentor, on: MSFix.today, reason: "Длительный больничный", m: m, remaining: all)
            == [FieldIssue("participant", "Это последний наставник: назначьте замену или прекратите наставничество.")])
        let successor = Participant(mentorshipID: m.id, personID: MSFix.veteran2.id, role: .mentor, joinedOn: MSFix.today)
        #expect(MentorshipRules.validateLeaving(mentor, on: MSFix.today, reason: "Длительный больничный", m: m, remaining: all + [successor]).isEmpty)
        #expect(MentorshipRules.validateLeaving(a, on: MSFix.today, reason: "", m: m, remaining: all) == [FieldIssue("reason", "Укажите причину замены.")])
        #expect(MentorshipRules.validateLeaving(a, on: MSFix.day("2026-08-31"), reason: "x", m: m, remaining: all)
            == [FieldIssue("leftOn", "Дата выхода раньше даты включения (01.09.2026).")])
        var gone = a
        gone.leftOn = MSFix.day("2026-10-01")
        #expect(MentorshipRules.validateLeaving(gone, on: MSFix.today, reason: "x", m: m, remaining: all)
            == [FieldIssue("participant", "Участник уже вышел из пары (группы).")])
        let last = [FieldIssue("participant", "Это последний наставляемый: прекратите наставничество вместо замены.")]
        #expect(MentorshipRules.validateLeaving(a, on: MSFix.today, reason: "x", m: m, remaining: [mentor, a]) == last)
        var bGone = b
        bGone.leftOn = MSFix.day("2026-10-01")
        #expect(MentorshipRules.validateLeaving(a, on: MSFix.today, reason: "x", m: m, remaining: [mentor, a, bGone]) == last)
    }
}
