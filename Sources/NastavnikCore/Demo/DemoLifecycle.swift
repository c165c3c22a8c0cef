import Foundation

extension DemoGenerator.Builder {
    /// Pairs and groups with their programmes, meetings, feedback, self-assessments and routes, built on
    /// the bases already generated. Its own random stream, drawn from the builder's, keeps it deterministic.
    mutating func lifecycle() {
        var life = DemoLifecycle(
            rng: DemoRandom(seed: rng.next()), today: today, data: data, directors: directors, curators: deputies,
            psychologists: psychologists, staffMentees: staffMentees, schools: schoolsByMunicipality)
        life.build()
        data = life.data
    }
}

/// Builds the lifecycle of the demo region (seed 001's scale for Izhevsk: about 245 pairs and groups and
/// about 92 approved programmes). Every pair passes `MentorshipRules.validate` on its start date with the
/// engagements its people had then; a visible minority of active pairs is at risk on purpose.
struct DemoLifecycle {
    /// A person's place in one mentorship over [start, end]; `end` is `Day.last` while it is open.
    struct Stint {
        var mentorshipID: UUID
        var form: MentorshipForm
        var role: ParticipantRole
        var menteeCount: Int
        var start: Day
        var end: Day
    }

    /// What goes wrong in an active pair, for the curator's risk list.
    enum Trouble: CaseIterable { case none, noMeeting, noFeedback, overdue, notApproved }

    /// A pair or group to open, with how its story goes.
    struct Plan {
        var org: UUID
        var form: MentorshipForm
        var kind: MentorshipKind = .traditional
        var format: WorkFormat = .inPerson
        var title: String?
        var mentors: [UUID]
        var mentees: [UUID]
        var status: MentorshipStatus
        var start: Day
        var months = 9
        var actualEnd: Day?
        var trouble: Trouble = .none
        var order = true
        var programme: ProgrammeStatus? = .approved
        var extended = false
        var justification: String?
        var upcoming = 2

        var plannedEnd: Day { start.adding(months: months).adding(days: -1) }
        var end: Day { status.isOpen ? Day.last : (actualEnd ?? plannedEnd) }
    }

    var rng: DemoRandom
    let today: Day
    var data: DemoDataset
    let directors: [UUID: Person]
    let curators: [UUID: Person]
    let psychologists: [UUID: Person]
    let staffMentees: [UUID: [Person]]
    let schools: [[Organisation]]

    var people: [UUID: Person] = [:]
    var memberships: [UUID: [Membership]] = [:]
    var consents: [UUID: [Consent]] = [:]
    var mentorAt: [UUID: Int] = [:]
    var menteeAt: [UUID: Int] = [:]
    var orgs: [UUID: Organisation] = [:]
    var mentorsByOrg: [UUID: [Int]] = [:]
    var networkByMunicipality: [UUID: [Int]] = [:]
    var stints: [UUID: [Stint]] = [:]
    /// Mentees whose story has been decided (placed or left waiting).
    var decided: Set<UUID> = []
    var orderNumbers: [UUID: Int] = [:]
    var troubleTurn = 0

    init(
        rng: DemoRandom, today: Day, data: DemoDataset, directors: [UUID: Person], curators: [UUID: Person],
        psychologists: [UUID: Person], staffMentees: [UUID: [Person]], schools: [[Organisation]]
    ) {
        self.rng = rng
        self.today = today
        self.data = data
        self.directors = directors
        self.curators = curators
        self.psychologists = psychologists
        self.staffMentees = staffMentees
        self.schools = schools
    }

    // MARK: Helpers

    mutating func int(_ range: ClosedRange<Int>) -> Int { rng.int(range) }

    /// A random day in [from, to]; nil when the range is empty.
    mutating func day(_ from: Day, _ to: Day) -> Day? {
        let span = to.ordinal - from.ordinal
        return span < 0 ? nil : from.adding(days: int(0...span))
    }

    /// The earliest start of an active pair of `months` that still has a month to run.
    func activeFloor(_ months: Int) -> Day { today.adding(months: -months).adding(days: 35) }

    func mentorProfile(_ id: UUID) -> MentorProfile? { mentorAt[id].map { data.mentors[$0] } }
    func menteeProfile(_ id: UUID) -> MenteeProfile? { menteeAt[id].map { data.mentees[$0] } }

    func isStaff(_ id: UUID) -> Bool { memberships[id, default: []].contains { $0.role.isStaff && $0.period.end == nil } }

    func subjects(_ id: UUID) -> Set<String> {
        Set(memberships[id, default: []].filter { $0.period.end == nil }.flatMap(\.subjects))
    }

    /// The people in open or later pairs with this person, for `Candidate.engagements` on `day`.
    func engagements(_ id: UUID, on day: Day) -> [Engagement] {
        stints[id, default: []].filter { $0.start <= day && day <= $0.end }.map {
            Engagement(mentorshipID: $0.mentorshipID, form: $0.form, role: $0.role, menteeCount: $0.menteeCount)
        }
    }

    // MARK: Build

    mutating func build() {
        people = Dictionary(uniqueKeysWithValues: data.people.map { ($0.id, $0) })
        memberships = Dictionary(grouping: data.memberships, by: \.personID)
        consents = Dictionary(grouping: data.consents, by: \.personID)
        orgs = Dictionary(uniqueKeysWithValues: data.organisations.map { ($0.id, $0) })
        for (i, m) in data.mentors.enumerated() where mentorAt[m.personID] == nil {
            mentorAt[m.personID] = i
            mentorsByOrg[m.organisationID, default: []].append(i)
            if m.network, let org = orgs[m.organisationID] { networkByMunicipality[org.municipalityID, default: []].append(i) }
        }
        for (i, m) in data.mentees.enumerated() where menteeAt[m.personID] == nil { menteeAt[m.personID] = i }

        demoAccountsPair()
        youngMentors()
        headHead()
        teams()
        staffPairs()
        studentPairs()
        routes()
        settleStatuses()
    }

    // MARK: Special pairs

    /// mentor12 and mentee12: one active pair with an approved programme and a history to show.
    mutating func demoAccountsPair() {
        let account = Dictionary(uniqueKeysWithValues: data.accounts.map { ($0.login, $0) })
        guard let mentor = account["mentor12"]?.personID, let mentee = account["mentee12"]?.personID,
            let org = account["mentee12"]?.organisationID
        else { return }
        // A long enough story: move their entry into the bases back if it happened only just now.
        for (id, role) in [(mentor, ParticipantRole.mentor), (mentee, .mentee)] where entered(id, role) > today.adding(days: -70) {
            pullEntryBack(id, role: role, to: today.adding(days: -150))
        }
        let lo = max(entered(mentor, .mentor), entered(mentee, .mentee), today.adding(days: -150))
        let start = day(lo, max(lo, today.adding(days: -75))) ?? lo
        decided.insert(mentee)
        _ = open(Plan(org: org, form: .teacherTeacher, format: .blended, mentors: [mentor], mentees: [mentee], status: .active,
                      start: start, upcoming: 3))
    }

    /// The day a person entered the mentor or mentee base.
    func entered(_ id: UUID, _ role: ParticipantRole) -> Day {
        (role == .mentor ? mentorProfile(id)?.enteredOn : menteeProfile(id)?.enteredOn) ?? today
    }

    /// Moves a base entry (and the consent it rests on) earlier, never before the person's current place began.
    mutating func pullEntryBack(_ id: UUID, role: ParticipantRole, to target: Day) {
        guard let place = memberships[id]?.first(where: { $0.period.contains(today) }) else { return }
        let day = max(target, place.period.start, people[id]!.birthDate.adding(years: 18))
        guard let c = data.consents.firstIndex(where: { $0.personID == id && $0.withdrawnOn == nil }) else { return }
        // Only when no withdrawn consent precedes it, so the history stays one consent at a time.
        guard !data.consents.contains(where: { $0.personID == id && $0.withdrawnOn.map { $0 > day } ?? false }) else { return }
        if data.consents[c].signedOn > day { data.consents[c].signedOn = day }
        consents[id] = data.consents.filter { $0.personID == id }
        if role == .mentor, let i = mentorAt[id], data.mentors[i].enteredOn > day { data.mentors[i].enteredOn = day }
        if role == .mentee, let i = menteeAt[id], data.mentees[i].enteredOn > day { data.mentees[i].enteredOn = day }
    }

    /// Teachers with 3 years or less who mentor: the first does reverse mentoring (digital tools for an
    /// older colleague), the second is a teacher–teacher mentor with the written justification (seed 001).
    mutating func youngMentors() {
        let young = data.mentors.filter { m in
            m.forms.contains(.reverse) && !MentorshipRules.hasNormalExperience(people[m.personID]!, on: today)
        }
        for (n, mentor) in young.prefix(2).enumerated() {
            let org = mentor.organisationID
            let me = people[mentor.personID]!
            let reverse = n == 0
            var pool = (staffMentees[org] ?? []).map(\.id).filter { !decided.contains($0) && menteeAt[$0] != nil }
            if reverse { pool = pool.filter { people[$0]!.birthDate < me.birthDate } }
            if reverse, pool.isEmpty, let extra = newStaffMentee(org: org, older: me, request: .digital) { pool = [extra] }
            rng.shuffle(&pool)
            let justification = reverse ? nil : (me.sex == .male
                ? "Победитель муниципального конкурса «Педагогический дебют», уверенно владеет цифровыми инструментами; назначен решением методического совета (протокол № 2): свободных наставников со стажем более 3 лет по предмету в школе нет."
                : "Победитель муниципального конкурса «Педагогический дебют», уверенно владеет цифровыми инструментами; назначена решением методического совета (протокол № 2): свободных наставников со стажем более 3 лет по предмету в школе нет.")
            for mentee in pool {
                let lo = max(entered(mentee, .mentee), mentor.enteredOn, activeFloor(reverse ? 6 : 9))
                guard let start = day(lo, today.adding(days: -20)) else { continue }
                let plan = Plan(org: org, form: reverse ? .reverse : .teacherTeacher, kind: reverse ? .reverse : .traditional,
                                format: .blended, title: reverse ? "Цифровые сервисы на уроке" : nil, mentors: [mentor.personID],
                                mentees: [mentee], status: .active, start: start, months: reverse ? 6 : 9, justification: justification)
                if open(plan) {
                    decided.insert(mentee)
                    break
                }
            }
        }
    }

    /// A staff member of `org` older than `older`, with a valid consent and no profile yet, entered into the
    /// mentee base (for reverse mentoring when the school has no suitable mentee).
    mutating func newStaffMentee(org: UUID, older: Person, request: MainRequest) -> UUID? {
        let staff = data.memberships.filter { $0.organisationID == org && $0.role == .pedagogical && $0.period.end == nil }
        for m in staff {
            let p = people[m.personID]!
            guard p.birthDate < older.birthDate, mentorAt[p.id] == nil, menteeAt[p.id] == nil,
                let signed = activeConsent(p.id) else { continue }
            let entry = day(max(signed, m.period.start), today.adding(days: -30)) ?? max(signed, m.period.start)
            guard entry <= today.adding(days: -25) else { continue }
            addMentee(MenteeProfile(
                id: rng.uuid(), personID: p.id, organisationID: org, categories: [.difficulties], mainRequest: request,
                requestDetails: "Хочу уверенно пользоваться цифровыми сервисами на уроке",
                deficits: ["цифровые образовательные ресурсы", "ведение электронного журнала"], status: .waiting, enteredOn: entry))
            return p.id
        }
        return nil
    }

    mutating func addMentee(_ profile: MenteeProfile) {
        data.mentees.append(profile)
        menteeAt[profile.personID] = data.mentees.count - 1
    }

    /// The signing day of the person's consent in force today, if it has always been in force since.
    func activeConsent(_ id: UUID) -> Day? {
        consents[id, default: []].first { $0.withdrawnOn == nil && $0.kind == .processing }?.signedOn
    }

    /// «руководитель – руководитель»: a head mentor and a newly appointed deputy of the same organisation.
    mutating func headHead() {
        var made = 0
        for (i, mentor) in data.mentors.enumerated() where made < 2 && mentor.forms.contains(.headHead) {
            let org = mentor.organisationID
            let heads = data.memberships.filter {
                $0.organisationID == org && $0.role == .managerial && $0.period.end == nil && $0.personID != mentor.personID
            }
            for h in heads {
                guard mentorAt[h.personID] == nil, menteeAt[h.personID] == nil, let signed = activeConsent(h.personID) else { continue }
                let from = max(signed, h.period.start, mentor.enteredOn)
                guard let entry = day(from, min(from.adding(days: 40), today.adding(days: -120))) else { continue }
                addMentee(MenteeProfile(
                    id: rng.uuid(), personID: h.personID, organisationID: org, categories: [.newPost], mainRequest: .methodical,
                    requestDetails: "Освоение функций заместителя директора: внутришкольный контроль, расписание, отчётность",
                    deficits: ["внутришкольный контроль", "управление методической работой"], status: .waiting, enteredOn: entry))
                let completed = made == 1 && entry <= today.adding(days: -200)
                let start: Day
                let plan: Plan
                if completed, let s = day(entry, today.adding(days: -200)) {
                    start = s
                    plan = Plan(org: org, form: .headHead, kind: .shortTerm, mentors: [data.mentors[i].personID], mentees: [h.personID],
                                status: .completed, start: start, months: 5, actualEnd: start.adding(months: 5).adding(days: -int(1...8)),
                                programme: .done)
                } else {
                    start = day(max(entry, today.adding(days: -200)), today.adding(days: -40)) ?? entry
                    plan = Plan(org: org, form: .headHead, kind: .traditional, mentors: [data.mentors[i].personID], mentees: [h.personID],
                                status: .active, start: start, months: 9)
                }
                if open(plan) {
                    decided.insert(h.personID)
                    made += 1
                    break
                }
                // No pair after all: the deputy was never in the base.
                data.mentees.removeLast()
                menteeAt[h.personID] = nil
            }
        }
    }

    /// «команда – команда» (seed 004): two mentors of a school with a team of two of its mentees.
    mutating func teams() {
        var made = 0
        let candidates = data.organisations.filter { $0.kind == .school && (staffMentees[$0.id]?.count ?? 0) >= 4 && (mentorsByOrg[$0.id]?.count ?? 0) >= 3 }
        for org in candidates where made < 2 {
            let mentors = mentorsByOrg[org.id]!.map { data.mentors[$0] }.filter {
                $0.capacity >= 2 && $0.forms.contains(.teacherTeacher) && isStaff($0.personID) && stints[$0.personID] == nil
                    && MentorshipRules.hasNormalExperience(people[$0.personID]!, on: today.adding(years: -1))
            }
            let mentees = staffMentees[org.id]!.map(\.id).filter { !decided.contains($0) }
            guard mentors.count >= 2, mentees.count >= 2 else { continue }
            let team = Array(mentors.prefix(2))
            let group = Array(mentees.prefix(2))
            let lo = ([today.adding(days: -210)] + team.map(\.enteredOn) + group.map { entered($0, .mentee) }).max()!
            guard let start = day(lo, today.adding(days: -40)) else { continue }
            for m in team where !data.mentors[mentorAt[m.personID]!].forms.contains(.teamTeam) {
                data.mentors[mentorAt[m.personID]!].forms.append(.teamTeam)
            }
            let plan = Plan(org: org.id, form: .teamTeam, kind: .group, format: .blended,
                            title: made == 0 ? "Команда «Функциональная грамотность»" : "Команда молодых педагогов",
                            mentors: team.map(\.personID), mentees: group, status: .active, start: start)
            if open(plan) {
                group.forEach { decided.insert($0) }
                made += 1
            }
        }
    }

    // MARK: Staff pairs

    /// The staff mentees of every organisation: most young specialists and fewer of the others get a pair,
    /// some in a group; the story of each depends on how long they have been in the base.
    mutating func staffPairs() {
        for org in data.organisations where staffMentees[org.id] != nil {
            var list = staffMentees[org.id]!.map(\.id).filter { !decided.contains($0) && menteeAt[$0] != nil }
            rng.shuffle(&list)
            // Now and then a group of young specialists with one mentor.
            let young = list.filter { people[$0]!.isYoungSpecialist(on: today) }
            if young.count >= 2, rng.chance(0.3) {
                let group = Array(young.prefix(young.count >= 3 && rng.chance(0.4) ? 3 : 2))
                if placeGroup(org: org.id, mentees: group) { list.removeAll { group.contains($0) } }
            }
            for mentee in list where !decided.contains(mentee) {
                decided.insert(mentee)
                let youngOne = people[mentee]!.isYoungSpecialist(on: today)
                guard rng.chance(youngOne ? 0.92 : 0.68) else { continue }
                placeStaff(org: org.id, mentee: mentee)
            }
        }
    }

    mutating func placeGroup(org: UUID, mentees: [UUID]) -> Bool {
        let joined = mentees.map { entered($0, .mentee) }.max()!
        // Last year's groups are completed by now; this year's work.
        let completed = joined <= today.adding(days: -300) && rng.chance(0.5)
        for mentor in mentorChoices(org: org, form: .teacherTeacher, mentee: mentees[0]) where data.mentors[mentorAt[mentor]!].capacity >= mentees.count {
            let lo = max(joined, entered(mentor, .mentor))
            var plan = Plan(org: org, form: .teacherTeacher, kind: .group, format: rng.pick([.inPerson, .blended]),
                            title: "Школа молодого педагога", mentors: [mentor], mentees: mentees, status: completed ? .completed : .active,
                            start: lo)
            if completed {
                guard let start = day(max(lo, today.adding(days: -700)), today.adding(months: -9).adding(days: -20)) else { continue }
                plan.start = start
                plan.actualEnd = min(plan.plannedEnd.adding(days: -int(0...12)), today.adding(days: -3))
            } else {
                guard let start = day(max(lo, activeFloor(9)), today.adding(days: -5)) else { continue }
                plan.start = start
                plan.trouble = nextTrouble(start: start)
                plan.order = rng.chance(0.9)
            }
            if open(adjusted(plan)) {
                mentees.forEach { decided.insert($0) }
                return true
            }
        }
        return false
    }

    /// Mentors to try for a mentee: the organisation's own (same subject first), then the network pool.
    mutating func mentorChoices(org: UUID, form: MentorshipForm, mentee: UUID) -> [UUID] {
        var local = (mentorsByOrg[org] ?? []).map { data.mentors[$0] }.filter {
            $0.forms.contains(form) && $0.personID != mentee && $0.status != .left
        }
        rng.shuffle(&local)
        let wanted = subjects(mentee)
        let sameSubject = local.filter { !subjects($0.personID).isDisjoint(with: wanted) }
        let other = local.filter { subjects($0.personID).isDisjoint(with: wanted) }
        var network = (networkByMunicipality[orgs[org]!.municipalityID] ?? []).map { data.mentors[$0] }.filter {
            $0.forms.contains(form) && $0.organisationID != org && $0.personID != mentee
        }
        rng.shuffle(&network)
        return (sameSubject + other + network).map(\.personID)
    }

    /// The next kind of trouble for an active pair old enough to show it, in turn; most get none.
    mutating func nextTrouble(start: Day) -> Trouble {
        guard start <= today.adding(days: -75), rng.chance(0.55) else { return .none }
        troubleTurn += 1
        return [.noMeeting, .noFeedback, .overdue, .notApproved][troubleTurn % 4]
    }

    /// Details that follow from the status: programme state, order, extension.
    mutating func adjusted(_ plan: Plan) -> Plan {
        var p = plan
        switch p.status {
        case .forming:
            p.order = false
            p.programme = rng.weighted([(ProgrammeStatus?.some(.draft), 55), (.some(.onApproval), 20), (nil, 25)])
        case .active:
            if p.trouble == .notApproved {
                p.programme = rng.pick([.draft, .onApproval])
            } else if p.start > today.adding(days: -30) {
                p.programme = p.start > today.adding(days: -6) ? .draft : rng.weighted([(.draft, 20), (.onApproval, 25), (.approved, 55)])
            }
        case .completed:
            p.programme = .done
            p.order = rng.chance(0.93)
        case .terminated:
            p.programme = rng.chance(0.8) ? .approved : .draft
            p.order = rng.chance(0.85)
        }
        return p
    }

    mutating func placeStaff(org: UUID, mentee: UUID) {
        let profile = menteeProfile(mentee)!
        let e = entered(mentee, .mentee)
        let contest = profile.categories.contains(.contest)
        var form = MentorshipForm.teacherTeacher
        if profile.categories.contains(where: { $0 == .newPost || $0 == .difficulties || $0 == .burnout }) || rng.chance(0.04),
            (mentorsByOrg[org] ?? []).contains(where: { data.mentors[$0].forms.contains(.headTeacher) }), rng.chance(0.5) {
            form = .headTeacher
        }
        var months = contest ? 4 : (rng.chance(0.08) ? 6 : 9)
        // The stories this mentee's time in the base allows: last year's pairs are completed by now.
        var stories: [(MentorshipStatus, Int)] = [(.active, 46), (.forming, 7)]
        if e <= today.adding(days: -(min(months, 6) * 31 + 25)) { stories.append((.completed, 110)) }
        if e <= today.adding(days: -110) { stories.append((.terminated, 6)) }
        var status = rng.weighted(stories)
        // A few of last year's pairs are still working: their programme was extended.
        let extend = status == .completed && months == 9 && e <= today.adding(days: -285) && rng.chance(0.12)
        if extend { status = .active }
        if status == .completed, e > today.adding(days: -(months * 31 + 25)) { months = min(months, 6) }
        var kind: MentorshipKind = contest ? .shortTerm : rng.weighted([(.traditional, 86), (.virtual, 5), (.situational, 5), (.flash, 4)])
        if form == .headTeacher, kind == .virtual { kind = .traditional }
        let format: WorkFormat = kind == .virtual ? .remote : rng.weighted([(.inPerson, 68), (.blended, 27), (.remote, 5)])

        for mentor in mentorChoices(org: org, form: form, mentee: mentee).prefix(12) {
            let lo = max(e, entered(mentor, .mentor))
            var plan = Plan(org: org, form: form, kind: kind, format: format, mentors: [mentor], mentees: [mentee], status: status,
                            start: lo, months: months)
            switch status {
            case .completed:
                guard let s = day(max(lo, today.adding(days: -760)), today.adding(months: -months).adding(days: -20)) else { continue }
                plan.start = s
                plan.actualEnd = min(plan.plannedEnd.adding(days: -int(0...12)), today.adding(days: -3))
            case .terminated:
                guard let s = day(max(lo, today.adding(days: -600)), today.adding(days: -100)) else { continue }
                plan.start = s
                let last = min(plan.plannedEnd, today.adding(days: -5))
                plan.actualEnd = day(s.adding(days: 45), last) ?? last
            case .active:
                // A few old pairs whose programme was extended; the rest started within the last eight months.
                if extend, lo <= today.adding(days: -285) {
                    plan.start = day(today.adding(days: -280), today.adding(days: -262))!
                    plan.extended = true
                } else {
                    guard let s = day(max(lo, activeFloor(months)), today.adding(days: -2)) else { continue }
                    plan.start = s
                }
                plan.trouble = plan.extended ? .none : nextTrouble(start: plan.start)
                plan.order = rng.chance(0.9)
            case .forming:
                guard let s = day(max(lo, today.adding(days: -14)), today.adding(days: 25)) else { continue }
                plan.start = s
            }
            if open(adjusted(plan)) {
                if status == .terminated, rng.chance(0.6) { repair(plan, after: plan.actualEnd!) }
                // A young specialist often goes on to a second year of support (seed 002: up to three years).
                if status == .completed, people[mentee]!.isYoungSpecialist(on: today), rng.chance(0.15) {
                    repair(plan, after: plan.actualEnd!.adding(days: int(20...60)), sameMentor: rng.chance(0.5))
                }
                return
            }
        }
    }

    /// After an early end a new mentor for the same mentee; after a completed year, the next year's pair.
    mutating func repair(_ old: Plan, after end: Day, sameMentor: Bool = false) {
        let mentee = old.mentees[0]
        let choices = mentorChoices(org: old.org, form: old.form, mentee: mentee)
        for mentor in (sameMentor ? old.mentors + choices : choices) where sameMentor || mentor != old.mentors[0] {
            let lo = max(end.adding(days: 7), entered(mentor, .mentor), activeFloor(old.months))
            guard let start = day(lo, today.adding(days: -3)) else { continue }
            var plan = Plan(org: old.org, form: old.form, kind: .traditional, format: old.format, mentors: [mentor], mentees: [mentee],
                            status: .active, start: start, months: old.months)
            plan.trouble = nextTrouble(start: start)
            if open(adjusted(plan)) { return }
        }
    }

    // MARK: Students

    /// Pupils as mentees: peers (ученик – ученик), teachers, university students and partners' employees.
    mutating func studentPairs() {
        let pupilMentees = data.mentees.filter { m in memberships[m.personID, default: []].contains { $0.role == .student } }
        let byOrg = Dictionary(grouping: pupilMentees.map(\.personID), by: { menteeProfile($0)!.organisationID })
        let orgOrder = data.organisations.filter { byOrg[$0.id] != nil }
        for org in orgOrder {
            var mentees = byOrg[org.id]!
            rng.shuffle(&mentees)
            // Peers: each pupil mentor with one pupil, or two as a small group.
            let peers = (mentorsByOrg[org.id] ?? []).map { data.mentors[$0] }.filter { $0.forms == [.studentStudent] }
            var k = 0
            for peer in peers where k < mentees.count {
                let n = (peer.capacity >= 2 && mentees.count - k >= 2 && rng.chance(0.4)) ? 2 : 1
                let group = Array(mentees[k..<(k + n)])
                if placeStudents(org: org.id, form: .studentStudent, mentor: peer.personID, mentees: group) { k += n }
            }
            // A teacher with one of them, or with a few gifted ones as a group.
            let teachers = (mentorsByOrg[org.id] ?? []).map { data.mentors[$0] }.filter { $0.forms.contains(.teacherStudent) }
            for teacher in teachers.prefix(2) {
                let n = min(mentees.count, teacher.capacity >= 3 && rng.chance(0.4) ? 3 : 1)
                let group = Array(mentees.shuffledPrefix(n, rng: &rng))
                _ = placeStudents(org: org.id, form: .teacherStudent, mentor: teacher.personID, mentees: group)
            }
        }
        // University students (network) and partners' employees take pupils of Izhevsk schools.
        let izhevsk = schools.first.map { Set($0.map(\.id)) } ?? []
        var cityPupils = orgOrder.filter { izhevsk.contains($0.id) }.flatMap { byOrg[$0.id]! }
        rng.shuffle(&cityPupils)
        let outside = data.mentors.filter { $0.forms == [.universityStudentPupil] || $0.forms == [.employerStudent] }
        var cursor = 0
        for mentor in outside {
            let form = mentor.forms[0]
            for _ in 0..<min(2, mentor.capacity) where cursor < cityPupils.count {
                let pupil = cityPupils[cursor]
                cursor += 1
                let org = menteeProfile(pupil)!.organisationID
                _ = placeStudents(org: org, form: form, mentor: mentor.personID, mentees: [pupil])
            }
        }
    }

    mutating func placeStudents(org: UUID, form: MentorshipForm, mentor: UUID, mentees: [UUID]) -> Bool {
        guard !mentees.isEmpty else { return false }
        let lo = (mentees.map { entered($0, .mentee) } + [entered(mentor, .mentor)]).max()!
        let months = form == .employerStudent ? rng.pick([4, 6]) : rng.pick([6, 8])
        var stories: [(MentorshipStatus, Int)] = [(.active, 60), (.forming, 10)]
        if lo <= today.adding(days: -(months * 31 + 30)) { stories.append((.completed, 30)) }
        if lo <= today.adding(days: -120) { stories.append((.terminated, 4)) }
        let status = rng.weighted(stories)
        let kind: MentorshipKind = mentees.count > 1 ? .group : (form == .employerStudent ? .shortTerm : rng.weighted([(.traditional, 80), (.virtual, 10), (.situational, 10)]))
        let format: WorkFormat = kind == .virtual ? .remote : (form == .universityStudentPupil ? .blended : .inPerson)
        let titles: [MentorshipForm: [String]] = [
            .studentStudent: ["Олимпиадная математика", "Школьный научный проект", "Подготовка к конкурсу чтецов", "Волонтёрский отряд"],
            .teacherStudent: ["Исследовательский проект", "Подготовка к олимпиаде", "Проект «Моя малая родина»"],
            .universityStudentPupil: ["Проект по робототехнике", "Вожатский клуб"],
            .employerStudent: ["Профориентация: инженерные профессии", "Проектная задача от предприятия"],
        ]
        var plan = Plan(org: org, form: form, kind: kind, format: format, title: rng.pick(titles[form]!), mentors: [mentor], mentees: mentees,
                        status: status, start: lo, months: months)
        switch status {
        case .completed:
            guard let s = day(max(lo, today.adding(days: -700)), today.adding(months: -months).adding(days: -25)) else { return false }
            plan.start = s
            plan.actualEnd = min(plan.plannedEnd.adding(days: -int(0...10)), today.adding(days: -3))
        case .terminated:
            guard let s = day(max(lo, today.adding(days: -500)), today.adding(days: -100)) else { return false }
            plan.start = s
            plan.actualEnd = day(s.adding(days: 40), min(plan.plannedEnd, today.adding(days: -5)))
        case .active:
            guard let s = day(max(lo, activeFloor(months)), today.adding(days: -2)) else { return false }
            plan.start = s
            plan.trouble = nextTrouble(start: s)
            plan.order = rng.chance(0.85)
        case .forming:
            guard let s = day(max(lo, today.adding(days: -10)), today.adding(days: 20)) else { return false }
            plan.start = s
        }
        return open(adjusted(plan))
    }

    // MARK: Opening a pair

    /// Checks the plan against the rules as on its start date (and against the later pairs of the same
    /// people), then records the pair and its story. False when a rule says no.
    mutating func open(_ plan: Plan) -> Bool {
        guard plan.mentors.allSatisfy({ people[$0] != nil }), plan.mentees.allSatisfy({ people[$0] != nil }) else { return false }
        guard plan.start <= plan.end, plan.status.isOpen || plan.actualEnd != nil else { return false }
        // Load: at this start and at the starts of this mentor's other pairs inside the new period.
        for mentor in plan.mentors {
            guard let capacity = mentorProfile(mentor)?.capacity else { return false }
            let own = stints[mentor, default: []].filter { $0.role == .mentor }
            let points = [plan.start] + own.map(\.start).filter { plan.start <= $0 && $0 <= plan.end }
            for p in points {
                let load = own.filter { $0.start <= p && p <= $0.end }.reduce(0) { $0 + $1.menteeCount }
                if load + plan.mentees.count > capacity { return false }
            }
        }
        // One open pair per form for a mentee, in either order of creation.
        for mentee in plan.mentees where stints[mentee, default: []].contains(where: {
            $0.role == .mentee && $0.form == plan.form && $0.start <= plan.end && plan.start <= $0.end
        }) {
            return false
        }
        let id = rng.uuid()
        var m = Mentorship(id: id, organisationID: plan.org, form: plan.form, kind: plan.kind, format: plan.format, title: plan.title,
                           start: plan.start, plannedEnd: plan.plannedEnd, status: plan.status)
        func candidate(_ person: UUID, _ role: ParticipantRole) -> Candidate {
            Candidate(person: people[person]!, memberships: memberships[person] ?? [], consents: consents[person] ?? [],
                      mentorProfile: role == .mentor ? mentorProfile(person) : nil, menteeProfile: role == .mentee ? menteeProfile(person) : nil,
                      engagements: engagements(person, on: plan.start), justification: role == .mentor ? plan.justification : nil)
        }
        let issues = MentorshipRules.validate(m, mentors: plan.mentors.map { candidate($0, .mentor) },
                                              mentees: plan.mentees.map { candidate($0, .mentee) }, today: plan.start)
        guard issues.isEmpty else { return false }

        // Recorded: the pair, its people, their stints.
        m.actualEnd = plan.status.isOpen ? nil : plan.actualEnd
        if plan.order {
            let n = orderNumbers[plan.org] ?? int(18...70)
            orderNumbers[plan.org] = n + int(1...4)
            m.order = OrderReference(number: "\(n)-од", date: min(today, plan.start.adding(days: -int(0...6))))
        }
        var ps: [Participant] = []
        for person in plan.mentors {
            ps.append(Participant(id: rng.uuid(), mentorshipID: id, personID: person, role: .mentor, joinedOn: plan.start,
                                  justification: plan.justification))
        }
        for person in plan.mentees {
            ps.append(Participant(id: rng.uuid(), mentorshipID: id, personID: person, role: .mentee, joinedOn: plan.start))
        }
        for p in ps {
            stints[p.personID, default: []].append(Stint(
                mentorshipID: id, form: plan.form, role: p.role, menteeCount: plan.mentees.count, start: plan.start, end: plan.end))
        }
        if plan.status == .terminated {
            m.terminationReason = rng.pick(plan.form.menteesAreStudents ? DemoStory.studentEndings : DemoStory.staffEndings)
        }
        if plan.status == .completed {
            m.resultSummary = rng.pick(plan.form.menteesAreStudents ? DemoStory.studentResults : (plan.form == .teamTeam ? DemoStory.teamResults : DemoStory.staffResults))
        }
        story(&m, plan: plan, participants: ps)
        data.mentorships.append(m)
        data.participants += ps
        return true
    }

    // MARK: The story of a pair

    mutating func story(_ m: inout Mentorship, plan: Plan, participants ps: [Participant]) {
        let closed = !plan.status.isOpen
        let cutoff = closed ? m.actualEnd! : today
        let mentor = plan.mentors[0]
        let text: DemoStory.Texts = plan.form.menteesAreStudents ? .students : (plan.form == .teamTeam ? .team : .staff)

        // Programme and tasks.
        if let status = plan.programme {
            let template = ProgrammeTemplates.template(for: plan.form)
            // A pair terminated early ends its approved programme, as `MentorshipService.terminate` does.
            var p = Programme(id: rng.uuid(), mentorshipID: m.id, goals: template.goals, expectedResults: template.expectedResults,
                              start: plan.start, end: plan.plannedEnd, status: plan.status == .terminated && status == .approved ? .terminated : status)
            if status.isApproved {
                p.approvedOn = min(cutoff, today, plan.start.adding(days: int(2...20)))
                // The director approves (`ProgrammeApprovalRule.standard`); the draw is kept so the demo's random stream stays as it was.
                _ = rng.chance(0.7)
                p.approvedBy = directors[plan.org]?.fullName ?? "Директор"
                p.approverRole = .director
            }
            if status == .draft, plan.trouble == .notApproved || rng.chance(0.2) {
                p.returnComment = rng.pick(DemoStory.returnComments)
            }
            var tasks: [ProgrammeTask] = template.items.map { item in
                let month = Int((Double(item.month) * Double(plan.months) / Double(template.months)).rounded())
                return ProgrammeTask(id: UUID(), programmeID: p.id, stage: item.stage, title: item.title,
                                     deadline: ProgrammeTemplates.schoolDeadline(min(plan.start.adding(months: month), p.end), start: p.start, end: p.end),
                                     responsible: item.responsible)
            }
            if plan.extended {
                let newEnd = p.end.adding(months: 3)
                p.extensions = [ProgrammeExtension(previousEnd: p.end, newEnd: newEnd, reason: rng.pick(DemoStory.extensionReasons),
                                                   decidedOn: min(today, p.end.adding(days: -int(3...14))))]
                p.end = newEnd
                m.plannedEnd = newEnd
                tasks.append(ProgrammeTask(id: UUID(), programmeID: p.id, stage: .control, title: "Открытый урок после продления программы",
                                           deadline: newEnd.adding(days: -20), responsible: "наставляемый"))
            }
            let overdue: Set<Int> = plan.trouble == .overdue
                ? Set(tasks.indices.filter { tasks[$0].deadline < today && tasks[$0].deadline > plan.start }.suffix(rng.pick([1, 2])))
                : []
            for i in tasks.indices {
                tasks[i].id = rng.uuid()
                let t = tasks[i]
                tasks[i].responsiblePersonID = switch t.responsible {
                case "наставник": mentor
                case "наставляемый": plan.mentees.count == 1 ? plan.mentees[0] : nil
                case "куратор": curators[plan.org]?.id
                case "педагог-психолог": psychologists[plan.org]?.id
                default: nil
                }
                if plan.status == .completed {
                    tasks[i].status = rng.chance(0.05) ? .cancelled : .done
                } else if plan.status == .terminated {
                    tasks[i].status = t.deadline <= cutoff ? .done : .cancelled
                } else if overdue.contains(i) {
                    tasks[i].status = rng.pick([.planned, .inProgress])
                } else if t.deadline < today {
                    tasks[i].status = .done
                } else if t.deadline <= today.adding(days: 30), plan.start <= today {
                    tasks[i].status = rng.chance(0.6) ? .inProgress : .planned
                }
                if tasks[i].status == .done { tasks[i].evidence = DemoStory.evidence(for: t.title, on: min(t.deadline, cutoff)) }
            }
            data.programmes.append(p)
            data.tasks += tasks
        }

        // Meetings: organisational, trial, regular ones every two or three weeks; final at completion; a few ahead.
        let everyone = ps.map(\.personID)
        var dates: [(Day, MeetingType)] = []
        if plan.status == .forming && plan.start > today {
            dates = [(plan.start, .organisational)]
        } else {
            var last = cutoff
            if closed { last = cutoff.adding(days: -6) }
            if plan.trouble == .noMeeting { last = today.adding(days: -int(36...55)) }
            if plan.status == .forming { last = min(today, plan.start) }
            var d = plan.start
            dates.append((d, .organisational))
            d = d.adding(days: int(7...12))
            if d <= last { dates.append((d, .trial)) }
            while true {
                d = d.adding(days: int(12...20))
                guard d <= last else { break }
                dates.append((d, .regular))
            }
            if plan.status == .completed {
                let final = max(dates.last!.0.adding(days: 1), cutoff.adding(days: -int(0...3)))
                dates.append((min(final, cutoff), m.isGroup ? .groupFinal : .final))
            }
            if plan.status.isOpen, plan.trouble != .noMeeting || rng.chance(0.3) {
                var next = max(today.adding(days: 1), d)
                for _ in 0..<(plan.status == .forming ? 1 : plan.upcoming) {
                    next = next.adding(days: int(3...16))
                    if next > m.plannedEnd.adding(days: -10) {
                        dates.append((m.plannedEnd.adding(days: -int(0...5)), m.isGroup ? .groupFinal : .final))
                        break
                    }
                    dates.append((next, .regular))
                    next = next.adding(days: 7)
                }
            }
        }
        for (i, (date, type)) in dates.enumerated() {
            let held = date <= today
            let cancel = held && type == .regular && date < cutoff.adding(days: -40) && i + 1 < dates.count && rng.chance(0.04)
            let format: WorkFormat = plan.format == .blended ? (rng.chance(0.5) ? .inPerson : .remote) : plan.format
            var attendees = everyone
            if held, !cancel, plan.mentees.count > 1, rng.chance(0.2) { attendees.removeLast() }
            let agenda: String = switch type {
            case .organisational: text.organisational
            case .trial: text.trial
            case .final, .groupFinal: text.final
            case .regular: rng.pick(text.regular)
            }
            data.meetings.append(Meeting(
                id: rng.uuid(), mentorshipID: m.id, type: type, date: date,
                time: ClockTime(hour: int(13...16), minute: rng.pick([0, 15, 30, 45]))!, durationMinutes: rng.pick([30, 40, 45, 60, 90]),
                format: format, place: format == .remote ? rng.pick(DemoStory.online) : "каб. \(int(101...318))", agenda: agenda,
                outcome: held ? (cancel ? "Перенесена: болезнь наставника" : rng.pick(type == .organisational ? text.firstOutcomes : text.outcomes)) : nil,
                status: held ? (cancel ? .cancelled : .held) : .planned, attendees: held && !cancel ? attendees : []))
        }

        // Feedback: monthly from everyone while the pair works; final questionnaires at completion.
        if plan.status != .forming {
            let silent: ParticipantRole? = plan.trouble == .noFeedback ? rng.pick([.mentee, .mentor]) : nil
            // A mentor's questionnaire speaks of the mentee (the first one of a group): its verbs agree with the mentee.
            let subject = ps.first { $0.role == .mentee }.flatMap { people[$0.personID] }
            for p in ps {
                var last = closed ? cutoff.adding(days: -4) : today
                if p.role == silent { last = today.adding(days: -int(33...50)) }
                var d = plan.start.adding(days: int(18...27))
                while d <= last {
                    let good = plan.trouble == .none ? int(7...10) : int(4...8)
                    data.feedback.append(Feedback(
                        id: rng.uuid(), mentorshipID: m.id, authorPersonID: p.personID, role: p.role, date: d, satisfaction: good,
                        progress: DemoStory.agree(rng.pick(p.role == .mentor ? text.mentorProgress : text.menteeProgress), with: p.role == .mentor ? subject : people[p.personID]),
                        problems: rng.chance(plan.trouble == .none ? 0.15 : 0.5) ? rng.pick(DemoStory.problems) : nil))
                    d = d.adding(days: int(22...29))
                }
                if plan.status == .completed {
                    data.feedback.append(Feedback(
                        id: rng.uuid(), mentorshipID: m.id, authorPersonID: p.personID, role: p.role,
                        date: max(plan.start, cutoff.adding(days: -int(0...2))), kind: .final, satisfaction: int(7...10),
                        progress: DemoStory.agree(rng.pick(p.role == .mentor ? text.mentorFinal : text.menteeFinal), with: p.role == .mentor ? subject : people[p.personID])))
                }
            }
        }

        // Self-assessment of the mentees at the start and, for completed pairs, at the end.
        if plan.status != .forming {
            let scale: [Competency] = plan.form.menteesAreStudents ? [.subject, .research, .analytic]
                : [.subject, .organisationalMethodical, .psychoPedagogical, .diagnostic, .analytic]
            for mentee in plan.mentees {
                let first = plan.start.adding(days: int(3...12))
                guard first <= cutoff else { continue }
                var start: [Competency: Int] = [:]
                for c in scale { start[c] = rng.weighted([(1, 10), (2, 40), (3, 40), (4, 10)]) }
                data.assessments.append(Assessment(id: rng.uuid(), mentorshipID: m.id, personID: mentee, phase: .start, date: first, scores: start))
                guard plan.status == .completed else { continue }
                var end: [Competency: Int] = [:]
                for c in scale { end[c] = min(5, max(1, start[c]! + rng.weighted([(-1, 4), (0, 30), (1, 50), (2, 16)]))) }
                data.assessments.append(Assessment(
                    id: rng.uuid(), mentorshipID: m.id, personID: mentee, phase: .end,
                    date: max(first.adding(days: 1), cutoff.adding(days: -int(0...6))), scores: end))
            }
        }
    }

    // MARK: Routes

    /// Individual routes (seed 004): mentee12 at all three levels, the tutor's people with region-level
    /// steps the tutor answers for, and some young specialists in pairs.
    mutating func routes() {
        let account = Dictionary(uniqueKeysWithValues: data.accounts.map { ($0.login, $0) })
        let tutor = account["tutor"]
        let coordinator = account["izhevsk"]?.fullName ?? "муниципальный координатор"
        let institute = "АОУ ДПО УР «Институт развития образования»"
        let centre = "МАУ «Центр развития образования» г. Ижевска"
        var routed: [(UUID, Bool)] = []
        if let me = account["mentee12"]?.personID { routed.append((me, false)) }
        for id in tutor?.assignedPersonIDs ?? [] { routed.append((id, true)) }
        let young = data.participants.filter { p in
            p.role == .mentee && isStaff(p.personID) && people[p.personID]!.isYoungSpecialist(on: today)
        }.map(\.personID)
        var others = Array(Set(young)).sorted { $0.uuidString < $1.uuidString }
        rng.shuffle(&others)
        for id in others.prefix(24) where !routed.contains(where: { $0.0 == id }) { routed.append((id, false)) }
        // The mentor of each mentee's open pair answers for the organisation's steps.
        let open = Set(data.mentorships.filter(\.status.isOpen).map(\.id))
        var mentorOf: [UUID: UUID] = [:]
        for p in data.participants where p.role == .mentor && open.contains(p.mentorshipID) && mentorOf[p.mentorshipID] == nil {
            mentorOf[p.mentorshipID] = p.personID
        }
        var mentorOfMentee: [UUID: UUID] = [:]
        for p in data.participants where p.role == .mentee && mentorOfMentee[p.personID] == nil {
            if let m = mentorOf[p.mentorshipID] { mentorOfMentee[p.personID] = m }
        }

        for (person, tutored) in routed {
            guard let profile = menteeProfile(person) else { continue }
            let org = profile.organisationID
            let mentor = mentorOfMentee[person].flatMap { people[$0] }
            var deficits = profile.deficits.isEmpty ? [rng.pick(DemoLists.deficits)] : profile.deficits
            if deficits.count < 3 { deficits += DemoLists.deficits.filter { !deficits.contains($0) }.shuffledPrefix(3 - deficits.count, rng: &rng) }
            let levels: [SupportLevel] = [.organisation, .municipality, .region]
            for (n, deficit) in deficits.prefix(3).enumerated() {
                let level = levels[n]
                let responsible: String
                var responsibleID: UUID?
                switch level {
                case .organisation:
                    responsible = mentor?.fullName ?? curators[org]?.fullName ?? "куратор"
                    responsibleID = mentor?.id ?? curators[org]?.id
                case .municipality:
                    responsible = orgs[org]?.municipalityID == data.municipalities.first?.id ? rng.pick([coordinator, centre]) : "муниципальный методический центр"
                case .region:
                    responsible = tutored ? tutor!.fullName : institute
                }
                let deadline = today.adding(days: int(-120...150))
                let status: TaskStatus = deadline < today ? (rng.chance(0.85) ? .done : .inProgress) : rng.pick([.planned, .inProgress])
                data.routeSteps.append(RouteStep(
                    id: rng.uuid(), personID: person, organisationID: org, deficit: deficit, action: DemoStory.action(for: deficit, level: level),
                    level: level, responsible: responsible, responsiblePersonID: responsibleID, deadline: deadline, status: status,
                    result: status == .done ? rng.pick(DemoStory.routeResults) : nil))
            }
            if tutored {
                data.routeSteps.append(RouteStep(
                    id: rng.uuid(), personID: person, organisationID: org, deficit: deficits[0],
                    action: "Индивидуальная консультация регионального тьютора, разбор видеозаписи урока", level: .region,
                    responsible: tutor!.fullName, deadline: today.adding(days: int(10...60)), status: .planned))
            }
        }
    }

    // MARK: Bases after the pairs

    /// Mentee statuses follow the pairs (open → в программе, completed → завершил, otherwise waiting), and
    /// a mentor in an open pair is «действующий».
    mutating func settleStatuses() {
        var open: Set<UUID> = [], completed: Set<UUID> = []
        let status = Dictionary(uniqueKeysWithValues: data.mentorships.map { ($0.id, $0.status) })
        for p in data.participants {
            let s = status[p.mentorshipID]!
            if s.isOpen { open.insert(p.personID) }
            if s == .completed, p.role == .mentee { completed.insert(p.personID) }
        }
        for i in data.mentees.indices {
            let id = data.mentees[i].personID
            data.mentees[i].status = open.contains(id) ? .inProgramme : (completed.contains(id) ? .completed : .waiting)
        }
        for i in data.mentors.indices where open.contains(data.mentors[i].personID) {
            data.mentors[i].status = .active
        }
    }
}

extension Array {
    /// `count` items in random order.
    func shuffledPrefix(_ count: Int, rng: inout DemoRandom) -> [Element] {
        var copy = self
        rng.shuffle(&copy)
        return Array(copy.prefix(count))
    }
}

// MARK: - Texts

enum DemoStory {
    struct Texts {
        var organisational: String
        var trial: String
        var regular: [String]
        var final: String
        var firstOutcomes: [String]
        var outcomes: [String]
        var mentorProgress: [String]
        var menteeProgress: [String]
        var mentorFinal: [String]
        var menteeFinal: [String]

        static let staff = Texts(
            organisational: "Знакомство, ожидания сторон, правила работы пары, график встреч",
            trial: "Пробная рабочая встреча: посещение урока наставника и его разбор",
            regular: [
                "Разбор посещённого урока наставляемого", "Планирование урока по обновлённым ФГОС", "Формирующее оценивание: приёмы и инструменты",
                "Дисциплина на уроке: разбор ситуаций", "Подготовка к родительскому собранию", "Подготовка открытого урока",
                "Цифровые сервисы для урока и проверки работ", "Анализ результатов контрольной работы", "Классное руководство: план воспитательной работы",
                "Работа с обучающимися с ОВЗ: адаптация заданий", "Самоанализ урока по схеме",
            ],
            final: "Итоговая встреча: результаты программы, анкета удовлетворённости",
            firstOutcomes: ["Согласованы цели и график встреч", "Выявлены затруднения, составлен план на первый месяц"],
            outcomes: [
                "Даны рекомендации по структуре урока", "Приём опробован на уроке, результат обсуждён", "Составлен технологический конспект урока",
                "Согласован план открытого урока", "Разобраны ошибки в оценивании, подготовлены критерии", "Подобраны цифровые сервисы, созданы первые задания",
                "Намечены шаги по работе с родителями класса",
            ],
            mentorProgress: [
                "Уроки стали структурированнее, работаем над темпом", "Уверенно применяет приёмы формирующего оценивания",
                "Стал{|а} меньше тратить времени на подготовку, план выполняется", "Посещено два урока, рекомендации учтены",
                "Появилась уверенность в общении с родителями",
            ],
            menteeProgress: [
                "Стало легче планировать уроки", "Разобрал{ся|ась} с электронным журналом и отчётами", "Освоил{|а} новые приёмы работы с классом",
                "Помогают разборы уроков: вижу свои ошибки", "Подготовил{|а} материалы к открытому уроку",
            ],
            mentorFinal: ["Программа выполнена полностью; наставляемый готов работать самостоятельно", "Цели достигнуты; рекомендую продолжить участие в работе МО"],
            menteeFinal: ["Получил{|а} то, что нужно: уверенно веду уроки", "Наставник очень помог; хочу сам{|а} стать наставником через несколько лет"])

        static let students = Texts(
            organisational: "Знакомство, интересы и цели, согласование плана с родителями",
            trial: "Пробное занятие: выбор темы проекта",
            regular: [
                "Работа над проектом: сбор данных", "Разбор олимпиадных задач", "Подготовка к конкурсу", "Обсуждение прочитанной литературы",
                "Репетиция выступления", "Экскурсия и обсуждение впечатлений", "Промежуточная встреча: корректировка плана",
            ],
            final: "Итоговая встреча: представление результата, анкета удовлетворённости",
            firstOutcomes: ["Выбрано направление, составлен план", "Договорились о графике занятий"],
            outcomes: [
                "Собраны данные для проекта", "Решено 12 задач, разобраны ошибки", "Подготовлена презентация", "Составлен план выступления",
                "Выбрана тема исследования",
            ],
            mentorProgress: ["Работает увлечённо, проект продвигается", "Стал{|а} увереннее выступать", "Нужно больше самостоятельности"],
            menteeProgress: ["Интересно, хочу продолжать", "Понял{|а}, как готовиться к олимпиаде", "Проект почти готов"],
            mentorFinal: ["Проект защищён, цели достигнуты"],
            menteeFinal: ["Мне понравилось, результат есть"])

        static let team = Texts(
            organisational: "Установочная встреча команд, распределение ролей",
            trial: "Анализ профессиональных дефицитов команды",
            regular: ["Методический интенсив команды", "Стажировка на уроках команды наставников", "Совместная разработка практики", "Апробация практики: обсуждение"],
            final: "Итоговый семинар и презентация результатов",
            firstOutcomes: ["Распределены роли, составлен план интенсивов"],
            outcomes: ["Разработаны задания на функциональную грамотность", "Проведены и разобраны открытые уроки", "Согласован план апробации"],
            mentorProgress: ["Команда включилась в работу, практика апробируется"],
            menteeProgress: ["Разработали общий банк заданий"],
            mentorFinal: ["Практика освоена командой"],
            menteeFinal: ["Работа в команде полезна, продолжим"])
    }

    static let online = ["Сферум", "VK Мессенджер", "Яндекс Телемост"]

    /// A phrase with the forms of both sexes, «Освоил{|а} …», in the form of `person`'s sex: «Освоил …» for a man,
    /// «Освоила …» for a woman (the feminine form when the sex is not recorded).
    static func agree(_ phrase: String, with person: Person?) -> String {
        let female = person?.sex != .male
        var out = "", rest = Substring(phrase)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}"),
              let bar = rest[open..<close].firstIndex(of: "|") {
            out += rest[..<open]
            out += female ? rest[rest.index(after: bar)..<close] : rest[rest.index(after: open)..<bar]
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    static let problems = [
        "Мало времени на взаимопосещение уроков", "Не совпадают окна в расписании", "Большая нагрузка в конце четверти",
        "Нужна помощь с документацией классного руководителя",
    ]

    static let returnComments = [
        "Уточните сроки взаимопосещения уроков и ответственных", "Добавьте задачи контрольно-оценочного этапа",
        "Цели сформулируйте измеримо: что наставляемый будет уметь",
    ]

    static let extensionReasons = [
        "Наставляемый был на больничном три недели; открытый урок перенесён",
        "По решению методического совета: нужна поддержка при подготовке к аттестации",
    ]

    static let staffEndings = [
        "Длительный больничный наставника", "По заявлению наставляемого: несовместимость пары (по заключению педагога-психолога)",
        "Наставляемый ушёл в отпуск по уходу за ребёнком", "Наставник назначен руководителем методического объединения, нагрузка перераспределена",
    ]

    static let studentEndings = [
        "По заявлению родителей (законных представителей)", "Обучающийся выбрал другое направление", "Длительная болезнь обучающегося",
    ]

    static let staffResults = [
        "Программа выполнена. Наставляемый самостоятельно планирует и проводит уроки, провёл открытый урок, участвует в работе МО.",
        "Цели достигнуты: затруднения в классном руководстве преодолены, наставляемый применяет формирующее оценивание и цифровые сервисы.",
        "Программа выполнена; наставляемый подготовлен к аттестации на соответствие занимаемой должности.",
    ]

    static let studentResults = [
        "Проект защищён на школьной научно-практической конференции.", "Наставляемый стал призёром муниципального этапа олимпиады.",
        "Мотивация и успеваемость выросли; наставляемый продолжит заниматься в кружке.",
    ]

    static let teamResults = ["Команда освоила и применяет практику формирования функциональной грамотности; проведён итоговый семинар."]

    static let routeResults = ["Выполнено, материалы в портфолио", "Пройдено, сертификат получен", "Проведено, рекомендации учтены"]

    static func evidence(for title: String, on day: Day) -> String {
        if title.contains("встреча") || title.contains("Встреча") { return "Протокол встречи от \(day.russian)" }
        if title.contains("самооценк") || title.contains("Самооценк") || title.contains("Диагностик") { return "Карта самооценки (диагностики) от \(day.russian)" }
        if title.contains("урок") { return "Конспект и самоанализ урока, лист посещения от \(day.russian)" }
        if title.contains("методического") { return "Выписка из протокола заседания МО от \(day.russian)" }
        if title.contains("проект") || title.contains("Защита") { return "Презентация проекта, \(day.russian)" }
        return "Отметка куратора от \(day.russian)"
    }

    static func action(for deficit: String, level: SupportLevel) -> String {
        switch level {
        case .organisation: "Взаимопосещение уроков с наставником и разбор: \(deficit)"
        case .municipality: "Муниципальный практикум для молодых педагогов: \(deficit)"
        case .region: "Курсы повышения квалификации ИРО (36 ч): \(deficit)"
        }
    }
}
