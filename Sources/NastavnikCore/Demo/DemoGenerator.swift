import Foundation

/// Deterministic pseudo-random numbers (SplitMix64): the same seed always gives the same demo.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func chance(_ p: Double) -> Bool { Double(next() % 10_000) / 10_000 < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    mutating func uuid() -> UUID {
        let a = next(), b = next()
        var bytes = (0..<8).map { UInt8(truncatingIfNeeded: a >> ($0 * 8)) } + (0..<8).map { UInt8(truncatingIfNeeded: b >> ($0 * 8)) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

/// Builds the demo region: Udmurtia with Izhevsk at the size of seed 001 (83 schools, ~4,000 staff,
/// ~260 mentees of whom ~35% are not young specialists, ~6% of staff mentors) and three smaller municipalities.
public enum DemoGenerator {
    static let maleFirst = ["Александр", "Сергей", "Андрей", "Дмитрий", "Алексей", "Максим", "Иван", "Михаил", "Николай", "Владимир", "Евгений", "Павел", "Артём", "Игорь", "Олег"]
    static let femaleFirst = ["Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Мария", "Анна", "Екатерина", "Юлия", "Марина", "Людмила", "Надежда", "Галина", "Дарья", "Ксения", "Валентина", "Алина"]
    static let surnames = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Кириллов", "Шубин", "Широбоков", "Корепанов", "Байков", "Бабушкин", "Трефилов"]
    static let fathers = ["Александр", "Сергей", "Андрей", "Владимир", "Николай", "Иван", "Михаил", "Пётр", "Виктор", "Юрий", "Анатолий", "Геннадий"]
    static let subjects: [(String, String)] = [
        ("математика", "учитель математики"), ("русский язык", "учитель русского языка и литературы"), ("начальные классы", "учитель начальных классов"),
        ("английский язык", "учитель английского языка"), ("история", "учитель истории и обществознания"), ("физика", "учитель физики"),
        ("химия", "учитель химии"), ("биология", "учитель биологии"), ("информатика", "учитель информатики"), ("физическая культура", "учитель физической культуры"),
        ("география", "учитель географии"), ("музыка", "учитель музыки"), ("технология", "учитель технологии"),
    ]
    static let deficits = ["проектирование урока по ФГОС", "работа с детьми с ОВЗ", "дисциплина на уроке", "оценивание результатов", "работа с родителями", "цифровые образовательные ресурсы", "подготовка к ОГЭ и ЕГЭ", "классное руководство"]
    public static let password = "nastavnik2026"

    struct Builder {
        var rng: SeededRandom
        let today: Day
        var data = DemoDataset()
        var snilsCounter = 100_000_000

        mutating func name(male: Bool) -> (String, String, String) {
            let base = rng.pick(surnames)
            let last = male ? base : base + "а"
            let first = male ? rng.pick(maleFirst) : rng.pick(femaleFirst)
            let f = rng.pick(fathers)
            let stem = f.hasSuffix("й") ? String(f.dropLast()) + "е" : (f == "Пётр" ? "Петр" : f) + (f.hasSuffix("р") || f.hasSuffix("л") || f.hasSuffix("н") || f.hasSuffix("м") || f.hasSuffix("д") || f.hasSuffix("т") ? "" : "")
            let middle = male ? stem + (f.hasSuffix("й") ? "вич" : "ович") : stem + (f.hasSuffix("й") ? "вна" : "овна")
            return (last, first, middle)
        }

        mutating func snils() -> String {
            snilsCounter += rng.int(1...97)
            return Snils.make(String(snilsCounter).compactMap(\.wholeNumberValue))
        }

        mutating func day(yearsAgo range: ClosedRange<Int>) -> Day {
            today.adding(days: -rng.int((range.lowerBound * 365)...(range.upperBound * 365)))
        }

        /// A staff member with consent (most of them) and a current membership.
        mutating func staff(_ org: Organisation, position: String, subject: String?, role: MembershipRole = .pedagogical, young: Bool = false, consent: Bool = true) -> Person {
            let male = rng.chance(0.18)
            let (last, first, middle) = name(male: male)
            let pedStart = young ? today.adding(days: -rng.int(30...(3 * 365 - 30))) : day(yearsAgo: 4...38)
            let birth = pedStart.adding(years: -rng.int(21...27)).adding(days: -rng.int(0...300))
            let p = Person(
                id: rng.uuid(), lastName: last, firstName: first, middleName: middle, birthDate: birth, sex: male ? .male : .female,
                snils: snils(), email: "user\(data.people.count + 1)@example.ru", phone: "+7 912 \(rng.int(100...999))-\(rng.int(10...99))-\(rng.int(10...99))",
                educationLevel: rng.chance(0.85) ? .higherPedagogical : .vocationalPedagogical, specialty: position,
                graduationYear: pedStart.year - rng.int(0...1), totalExperienceStart: pedStart.adding(days: -rng.int(0...200)),
                pedagogicalExperienceStart: pedStart, category: young ? QualificationCategory.none : rng.pick([.first, .highest, .fitForPost, .none]))
            data.people.append(p)
            data.memberships.append(Membership(id: rng.uuid(), personID: p.id, organisationID: org.id, role: role, position: position, subjects: subject.map { [$0] } ?? [], period: Period(start: max(pedStart, today.adding(years: -rng.int(0...15))))))
            if consent {
                data.consents.append(Consent(id: rng.uuid(), personID: p.id, signer: .subject, signedOn: today.adding(days: -rng.int(60...700)), scope: ConsentRules.defaultScope))
            }
            return p
        }

        mutating func student(_ org: Organisation, grade: Int) -> Person {
            let male = rng.chance(0.5)
            let (last, first, middle) = name(male: male)
            let birth = today.adding(years: -(grade + 7)).adding(days: -rng.int(0...360))
            let p = Person(id: rng.uuid(), lastName: last, firstName: first, middleName: middle, birthDate: birth, sex: male ? .male : .female)
            data.people.append(p)
            data.memberships.append(Membership(id: rng.uuid(), personID: p.id, organisationID: org.id, role: .student, grade: "\(grade)\(rng.pick(["А", "Б", "В"]))", period: Period(start: today.adding(years: -(grade - 1)).adding(days: -90))))
            let parent = name(male: false)
            data.consents.append(Consent(id: rng.uuid(), personID: p.id, signer: .parent, representativeName: "\(String(last.hasSuffix("а") ? last : last + "а")) \(parent.1) \(parent.2)", signedOn: today.adding(days: -rng.int(30...300)), scope: ConsentRules.defaultScope))
            return p
        }

        mutating func school(_ mun: Municipality, number: Int) -> Organisation {
            let kind = number % 11 == 0 ? "Гимназия" : (number % 13 == 0 ? "Лицей" : "Средняя общеобразовательная школа")
            let short = kind == "Гимназия" ? "МБОУ Гимназия № \(number)" : (kind == "Лицей" ? "МБОУ Лицей № \(number)" : "МБОУ СОШ № \(number)")
            let org = Organisation(id: rng.uuid(), municipalityID: mun.id, kind: .school, name: "Муниципальное бюджетное общеобразовательное учреждение «\(kind) № \(number)»", shortName: short, inn: "18\(String(format: "%08d", 30_000_000 + number * 7))", address: "\(mun.name), ул. Школьная, \(number)", website: "https://school\(number).example.ru")
            data.organisations.append(org)
            return org
        }

        /// Staff, mentors and mentees of one school. Returns (mentor ids, mentee ids) for accounts.
        @discardableResult
        mutating func fill(_ org: Organisation, staffCount: Int, mentors: Int, youngMentees: Int, otherMentees: Int, students: Int) -> ([Person], [Person]) {
            _ = staff(org, position: "директор", subject: nil, role: .managerial)
            _ = staff(org, position: "заместитель директора по УВР", subject: nil, role: .managerial)
            var teachers: [Person] = []
            var mentorPeople: [Person] = []
            var menteePeople: [Person] = []
            for i in 0..<youngMentees {
                let s = rng.pick(subjects)
                let p = staff(org, position: s.1, subject: s.0, young: true)
                menteePeople.append(p)
                data.mentees.append(MenteeProfile(id: rng.uuid(), personID: p.id, organisationID: org.id, categories: i % 4 == 0 ? [.newcomer] : [], mainRequest: rng.pick([.methodical, .classManagement, .digital, .adaptation, .discipline]), deficits: [rng.pick(deficits), rng.pick(deficits)], status: rng.chance(0.6) ? .inProgramme : .waiting, enteredOn: today.adding(days: -rng.int(10...200))))
            }
            for _ in 0..<otherMentees {
                let s = rng.pick(subjects)
                let p = staff(org, position: s.1, subject: s.0)
                menteePeople.append(p)
                data.mentees.append(MenteeProfile(id: rng.uuid(), personID: p.id, organisationID: org.id, categories: [rng.pick([.newcomer, .returning, .newPost, .difficulties, .burnout, .contest])], mainRequest: rng.pick([.methodical, .digital, .contest, .classManagement]), deficits: [rng.pick(deficits)], status: .waiting, enteredOn: today.adding(days: -rng.int(10...200))))
            }
            for i in 0..<max(0, staffCount - 2 - youngMentees - otherMentees) {
                let s = rng.pick(subjects)
                let p = staff(org, position: s.1, subject: s.0, young: rng.chance(0.04), consent: !rng.chance(0.1) || i < mentors)
                teachers.append(p)
                if i < mentors {
                    mentorPeople.append(p)
                    let competencies = Array(Set((0..<rng.int(2...4)).map { _ in rng.pick(Competency.allCases) }))
                    data.mentors.append(MentorProfile(id: rng.uuid(), personID: p.id, organisationID: org.id, competencies: Array(Competency.allCases.filter(competencies.contains)), interests: "методика преподавания: \(s.0)", achievements: rng.chance(0.5) ? [rng.pick(Achievement.allCases)] : [], capacity: rng.int(1...3), availability: rng.pick(["после 15:00 по вторникам", "по пятницам", "по договорённости"]), training: rng.pick(TrainingStatus.allCases), forms: [.teacherTeacher], status: .active, network: rng.chance(0.2), enteredOn: today.adding(days: -rng.int(30...400))))
                }
            }
            if students > 0 {
                for i in 0..<students {
                    let p = student(org, grade: i < 4 ? 10 + i % 2 : rng.int(5...9))
                    if i < 2 {
                        data.mentors.append(MentorProfile(id: rng.uuid(), personID: p.id, organisationID: org.id, competencies: [.subject], interests: "олимпиады", capacity: 1, training: .inTraining, forms: [.studentStudent], enteredOn: today.adding(days: -60)))
                    } else if i < 5 {
                        data.mentees.append(MenteeProfile(id: rng.uuid(), personID: p.id, organisationID: org.id, categories: [rng.pick([.gifted, .lowMotivation, .adaptation, .careerGuidance])], mainRequest: rng.pick([.subjectKnowledge, .career, .personal, .research]), deficits: [], status: .waiting, enteredOn: today.adding(days: -40)))
                    }
                }
            }
            return (mentorPeople, menteePeople)
        }
    }

    public static func make(seed: UInt64 = 2022, today: Day) -> DemoDataset {
        var b = Builder(rng: SeededRandom(seed: seed), today: today)
        let region = Region(id: b.rng.uuid(), name: "Удмуртская Республика", code: "18")
        b.data.regions = [region]
        let names = ["город Ижевск", "город Сарапул", "город Глазов", "Завьяловский район"]
        let muns = names.map { Municipality(id: b.rng.uuid(), regionID: region.id, name: $0) }
        b.data.municipalities = muns
        let izhevsk = muns[0]
        var school12: Organisation?
        var school5: Organisation?
        var mentor12: Person?
        var mentee12: Person?
        var tutorMentees: [UUID] = []
        // Izhevsk: 83 schools, 48 staff each on average (~4,000), ~3 mentors, ~3 mentees.
        for n in 1...83 {
            let org = b.school(izhevsk, number: n)
            let otherMentees = n % 10 == 0 ? 2 : 1
            let youngMentees = 2
            let (ms, ts) = b.fill(org, staffCount: 44 + (n % 9), mentors: 3, youngMentees: youngMentees, otherMentees: otherMentees, students: (n == 12 || n % 9 == 0) ? 20 : 0)
            if n == 12 { school12 = org; mentor12 = ms.first; mentee12 = ts.first }
            if n == 5 { school5 = org }
            if n % 20 == 0, let t = ts.first { tutorMentees.append(t.id) }
        }
        for (k, kind, title) in [(1, OrganisationKind.vocational, "Ижевский педагогический колледж"), (2, .vocational, "Ижевский политехнический колледж"), (3, .preschool, "Детский сад № 101"), (4, .preschool, "Детский сад № 205"), (5, .preschool, "Детский сад № 17"), (6, .additional, "Дворец детского (юношеского) творчества"), (7, .university, "Удмуртский государственный университет")] {
            let org = Organisation(id: b.rng.uuid(), municipalityID: izhevsk.id, kind: kind, name: title, shortName: title, website: "https://org\(k).example.ru")
            b.data.organisations.append(org)
            b.fill(org, staffCount: 12, mentors: 1, youngMentees: 1, otherMentees: 0, students: 0)
        }
        for title in ["АО «Ижевский радиозавод»", "ООО «ИжТехПарк»", "АО «Ижсталь»"] {
            let org = Organisation(id: b.rng.uuid(), municipalityID: izhevsk.id, kind: .partner, name: title, shortName: title)
            b.data.organisations.append(org)
            for _ in 0..<3 { _ = b.staff(org, position: "инженер-наставник", subject: nil, role: .partnerEmployee) }
        }
        for (i, mun) in muns.dropFirst().enumerated() {
            for n in 1...(8 + i * 3) {
                let org = b.school(mun, number: n)
                let (_, ts) = b.fill(org, staffCount: 30, mentors: 2, youngMentees: 1, otherMentees: n % 2, students: n <= 2 ? 15 : 0)
                if n == 1, let t = ts.first { tutorMentees.append(t.id) }
            }
        }
        let place = { (o: Organisation) in (region.id, o.municipalityID, o.id) }
        let p12 = place(school12!)
        let director12 = b.data.memberships.first { $0.organisationID == school12!.id && $0.position == "директор" }!.personID
        b.data.accounts = [
            DemoAccount(login: "admin", password: password, role: .administrator, fullName: "Администратор системы"),
            DemoAccount(login: "region", password: password, role: .regionalOperator, fullName: "Регионального Оператора Анна", regionID: region.id),
            DemoAccount(login: "izhevsk", password: password, role: .municipalCoordinator, fullName: "Котова Елена Ивановна", regionID: region.id, municipalityID: izhevsk.id),
            DemoAccount(login: "sarapul", password: password, role: .municipalCoordinator, fullName: "Сарапульцева Ольга Николаевна", regionID: region.id, municipalityID: muns[1].id),
            DemoAccount(login: "curator12", password: password, role: .curator, fullName: "Куратор МБОУ СОШ № 12", regionID: p12.0, municipalityID: p12.1, organisationID: p12.2),
            DemoAccount(login: "director12", password: password, role: .director, fullName: b.data.people.first { $0.id == director12 }!.fullName, regionID: p12.0, municipalityID: p12.1, organisationID: p12.2, personID: director12),
            DemoAccount(login: "psy12", password: password, role: .psychologist, fullName: "Педагог-психолог МБОУ СОШ № 12", regionID: p12.0, municipalityID: p12.1, organisationID: p12.2),
            DemoAccount(login: "curator5", password: password, role: .curator, fullName: "Куратор МБОУ СОШ № 5", regionID: region.id, municipalityID: izhevsk.id, organisationID: school5!.id),
            DemoAccount(login: "tutor", password: password, role: .regionalTutor, fullName: "Региональный тьютор", regionID: region.id, assignedPersonIDs: tutorMentees),
            DemoAccount(login: "mentor12", password: password, role: .mentor, fullName: mentor12!.fullName, regionID: p12.0, municipalityID: p12.1, organisationID: p12.2, personID: mentor12!.id),
            DemoAccount(login: "mentee12", password: password, role: .mentee, fullName: mentee12!.fullName, regionID: p12.0, municipalityID: p12.1, organisationID: p12.2, personID: mentee12!.id),
        ]
        return b.data
    }
}
