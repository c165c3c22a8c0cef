import Foundation

extension DemoGenerator.Builder {
    /// The community of practice on the demo region (`DemoCommunity`). Its own random stream, drawn after the
    /// registry's, leaves everything generated before it unchanged; the demo accounts get their ids here for the
    /// same reason.
    mutating func community() {
        var c = DemoCommunity(rng: DemoRandom(seed: rng.next()), today: today, data: data, curators: deputies)
        c.build()
        data = c.data
    }
}

/// The mentor school (a regional 36-hour course behind every «обучен», the next stream for those «проходит
/// обучение», municipal events ahead, checklists and the needs survey), the bank of programmes and practices with
/// cases of completed pairs, last year's regional contest judged and awarded and a municipal one taking applications,
/// and the criteria of recognition. Everything goes through the app's own rules (`TrainingRules`, `PracticeRules`,
/// `ContestRules`), so the pages show what the app itself would have written.
struct DemoCommunity {
    var rng: DemoRandom
    let today: Day
    var data: DemoDataset
    /// The first deputy of each organisation: the curator who files its cases and materials.
    let curators: [UUID: Person]

    var people: [UUID: Person] = [:]
    var orgs: [UUID: Organisation] = [:]
    /// Each person's current place of work or study.
    var place: [UUID: Membership] = [:]
    /// The first mentor profile of each person, in the base's order.
    var profiles: [MentorProfile] = []
    var account: [String: DemoAccount] = [:]
    /// Coordinators of the municipalities the demo has accounts for, by municipality.
    var coordinators: [UUID: String] = [:]

    static let institute = "АОУ ДПО УР «Институт развития образования»"

    init(rng: DemoRandom, today: Day, data: DemoDataset, curators: [UUID: Person]) {
        self.rng = rng
        self.today = today
        self.data = data
        self.curators = curators
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { rng.int(range) }

    /// A random day in [from, to]; `from` when the range is empty.
    mutating func day(_ from: Day, _ to: Day) -> Day {
        let span = to.ordinal - from.ordinal
        return span <= 0 ? from : from.adding(days: int(0...span))
    }

    func isAdult(_ id: UUID) -> Bool { people[id].map { !$0.isMinor(on: today) } ?? false }

    func municipality(of personID: UUID) -> UUID? { place[personID].flatMap { orgs[$0.organisationID]?.municipalityID } }

    /// «Иванова Мария Петровна, учитель математики».
    func signature(_ id: UUID) -> String {
        [people[id]?.fullName, place[id]?.position].compactMap { $0 }.joined(separator: ", ")
    }

    mutating func build() {
        for i in data.accounts.indices { data.accounts[i].id = rng.uuid() }
        people = Dictionary(uniqueKeysWithValues: data.people.map { ($0.id, $0) })
        orgs = Dictionary(uniqueKeysWithValues: data.organisations.map { ($0.id, $0) })
        for m in data.memberships where m.period.contains(today) { place[m.personID] = m }
        var seen = Set<UUID>()
        profiles = data.mentors.filter { seen.insert($0.personID).inserted }
        account = Dictionary(uniqueKeysWithValues: data.accounts.map { ($0.login, $0) })
        for a in data.accounts where a.role == .municipalCoordinator { if let m = a.municipalityID { coordinators[m] = a.fullName } }
        mentorSchool()
        trainingNeeds()
        bank()
        contests()
        recognition()
    }

    // MARK: - The mentor school

    mutating func mentorSchool() {
        let regionID = data.regions[0].id
        let adults = profiles.filter { isAdult($0.personID) }
        let pupils = profiles.filter { !isAdult($0.personID) }
        let course = "Наставничество в образовательной организации: технологии и сопровождение"
        let courseText = "Курс повышения квалификации для наставников (36 ч): нормативная база целевой модели наставничества, "
            + "диагностика профессиональных дефицитов, персонализированная программа, техники разбора урока и обратной связи, оценка результатов пары."
        let youth = "Школа юного наставника: равный — равному"
        let youthText = "Тренинг для старшеклассников-наставников (18 ч): роль наставника, общение со сверстником, помощь в учёбе и проекте, "
            + "безопасность и этика; итог — план работы с наставляемым."
        // The base course ended a few months ago: every adult «обучен» completed it, every pupil «обучен» the school
        // of young mentors before it; their next streams run now for everyone «проходит обучение».
        let pastEnd = today.adding(days: -int(75...100))
        let pastStart = pastEnd.adding(days: -int(24...32))
        let nowStart = today.adding(days: -int(12...20))
        let nowEnd = today.adding(days: int(12...24))
        let youthEnd = pastEnd.adding(days: -int(20...40))
        let trained = event(regional("\(course) (1-й поток)", .course, 36, pastStart, pastEnd, courseText),
                            enrol: adults.filter { $0.training == .trained }, certificates: "ИРО-\(pastEnd.year)-1")
        checklists(trained)
        event(regional("\(course) (2-й поток)", .course, 36, nowStart, nowEnd, courseText), enrol: adults.filter { $0.training == .inTraining }, certificates: nil)
        event(regional("\(youth) (1-я сессия)", .training, 18, youthEnd.adding(days: -int(10...20)), youthEnd, youthText),
              enrol: pupils.filter { $0.training == .trained }, certificates: "ШЮН-\(youthEnd.year)")
        event(regional("\(youth) (2-я сессия)", .training, 18, nowStart.adding(days: int(0...5)), nowEnd.adding(days: -int(0...5)), youthText),
              enrol: pupils.filter { $0.training == .inTraining }, certificates: nil)
        // Municipal events ahead, with places left: anyone already in the school may enrol (a mentor «не обучен»
        // who enrolled would be «проходит обучение» at once).
        let ahead: [(Int, TrainingFormat, String, Int, String, Int, ClosedRange<Int>, String)] = [
            (0, .seminar, "Персонализированная программа наставничества: от дефицитов к результату", 6, "МАУ «Центр развития образования» г. Ижевска", 40, 6...10,
             "Практический семинар: как по итогам диагностики сформулировать измеримые цели, распределить задачи по этапам и показать результат пары."),
            (1, .webinar, "Дистанционные встречи наставника и наставляемого: инструменты и правила", 2, "Управление образования г. Сарапула", 100, 3...6,
             "Вебинар: Сферум и VK Мессенджер для встреч пары, обратная связь онлайн, как не потерять контакт при дистанционном формате."),
            (2, .masterClass, "Разбор урока молодого педагога: «две звезды и пожелание»", 4, "Управление образования Администрации г. Глазова", 25, 2...4,
             "Мастер-класс наставника высшей категории: посещение урока, самоанализ молодого педагога, разбор по технике «две звезды и пожелание»."),
        ]
        for (m, format, title, hours, organiser, capacity, count, text) in ahead where m < data.municipalities.count {
            let mun = data.municipalities[m]
            let start = today.adding(days: int(5...25))
            let local = adults.filter { $0.training != .notTrained && municipality(of: $0.personID) == mun.id }
            event(TrainingEvent(id: rng.uuid(), title: title, format: format, hours: hours, start: start, end: start, organiser: organiser,
                                regionID: regionID, municipalityID: mun.id, capacity: capacity, description: text),
                  enrol: rng.sample(local, min(local.count, int(count))), certificates: nil)
        }
    }

    /// An event of the regional institute for the mentors of the whole region; `event` sets its capacity.
    mutating func regional(_ title: String, _ format: TrainingFormat, _ hours: Int, _ start: Day, _ end: Day, _ text: String) -> TrainingEvent {
        TrainingEvent(id: rng.uuid(), title: title, format: format, hours: hours, start: start, end: end, organiser: Self.institute,
                      regionID: data.regions[0].id, capacity: 0, description: text)
    }

    /// Records an event and its enrolments: each mentor enrolled in the weeks before it began (not before entering the
    /// base, unless the event is over); with `certificates`, completed by the organiser a few days after the end, with
    /// numbers unique on the event. A zero capacity becomes the enrolled count with a few places spare.
    @discardableResult
    mutating func event(_ e: TrainingEvent, enrol mentors: [MentorProfile], certificates: String?) -> [Enrolment] {
        var e = e
        var list: [Enrolment] = []
        for m in mentors {
            // Someone entered in the base after a course that is over took it before: schools send a teacher to the
            // course, then appoint them a mentor.
            let entered = certificates != nil && m.enteredOn > e.end ? e.start.adding(days: -1) : m.enteredOn
            let from = max(entered, e.start.adding(days: -30))
            let to = min(today, e.end, max(from, e.start.adding(days: -1)))
            guard from <= to else { continue }
            list.append(Enrolment(id: rng.uuid(), eventID: e.id, personID: m.personID, enrolledOn: day(from, to)))
        }
        if e.capacity == 0 { e.capacity = (list.count + int(3...12) + 4) / 5 * 5 }
        if let prefix = certificates {
            // Numbered in the order of the list of participants, as a certificate register is.
            let byName = list.indices.sorted { (people[list[$0].personID]?.fullName ?? "") < (people[list[$1].personID]?.fullName ?? "") }
            for (n, i) in byName.enumerated() {
                let on = min(today, e.end.adding(days: int(0...6)))
                if let done = try? TrainingRules.complete(list[i], event: e, certificate: "\(prefix)/\(String(format: "%03d", n + 1))", others: list, on: on) {
                    list[i] = done
                }
            }
        }
        data.trainingEvents.append(e)
        data.enrolments += list
        return list
    }

    /// The checklist of difficulties, filled by about half of those who completed a course, within a month.
    mutating func checklists(_ enrolments: [Enrolment]) {
        let notes = [
            "Не хватает времени на взаимопосещение уроков: работаем в разные смены.",
            "Непросто сформулировать измеримые цели персонализированной программы.",
            "Наставляемый стесняется говорить о трудностях, нужен другой формат встреч.",
            "Нужны образцы листа наблюдения и оценочных листов для открытого урока.",
            "Хотелось бы больше практики по разбору видеозаписей уроков.",
        ]
        for en in enrolments where en.completedOn != nil && rng.chance(0.5) {
            let on = min(today, en.completedOn!.adding(days: int(1...30)))
            let note = rng.chance(0.3) ? rng.pick(notes) : nil
            guard let filled = try? TrainingRules.checklist(en, difficulties: difficulties(), note: note, on: on),
                  let i = data.enrolments.firstIndex(where: { $0.id == en.id }) else { continue }
            data.enrolments[i] = filled
        }
    }

    /// One to three difficulties, lack of time and paperwork the most common, in the list's order.
    mutating func difficulties() -> [MentorDifficulty] {
        let weights: [(MentorDifficulty, Int)] = [
            (.time, 30), (.documents, 20), (.planning, 18), (.assessment, 15), (.motivation, 12), (.methods, 10), (.digital, 10), (.contact, 8),
        ]
        var chosen = Set<MentorDifficulty>()
        for _ in 0..<rng.weighted([(1, 40), (2, 40), (3, 20)]) { chosen.insert(rng.weighted(weights)) }
        return MentorDifficulty.allCases.filter(chosen.contains)
    }

    /// The needs survey: about a third of the adult mentors (mentor12 among them) answered in the last months.
    mutating func trainingNeeds() {
        let notes = [
            "Хочу научиться вести наставническую работу дистанционно.", "Интересует, как оценить результат наставляемого не только по анкете.",
            "Нужен разбор реальных кейсов трудных ситуаций в паре.", "Хотелось бы стажировку в школе с сильной системой наставничества.",
        ]
        let own = account["mentor12"]?.personID
        for m in profiles where isAdult(m.personID) && (m.personID == own || rng.chance(0.3)) {
            let date = max(m.enteredOn, today.adding(days: -int(3...75)))
            data.trainingNeeds.append(TrainingNeed(
                id: rng.uuid(), personID: m.personID, topics: difficulties(),
                preferredFormat: rng.weighted([(TrainingFormat?.some(.seminar), 25), (.webinar, 25), (.masterClass, 20), (.training, 15), (.course, 10), (nil, 5)]),
                note: rng.chance(0.25) ? rng.pick(notes) : nil, date: min(today, date)))
        }
    }

    // MARK: - The bank of programmes and practices

    /// Who moderates an item of this level: the municipality's coordinator, or the region (which may moderate a
    /// municipality's items too) where the demo has no coordinator.
    func moderator(_ level: PublicationLevel, _ organisationID: UUID) -> String? {
        let region = account["region"]?.fullName ?? "Региональный оператор"
        switch level.moderator {
        case nil: return nil
        case .municipality?: return orgs[organisationID].flatMap { coordinators[$0.municipalityID] } ?? region
        default: return region
        }
    }

    /// A draft through the app's own steps: submitted by its creator on the day it was made, then published or
    /// rejected by the moderator of its level within two weeks, or left waiting.
    mutating func publish(_ draft: PracticeItem, _ outcome: ModerationStatus, reason: String? = nil) {
        guard var item = try? PracticeRules.submit(draft, by: draft.createdBy, on: draft.createdOn) else { return }
        if item.status == .pending, outcome != .pending, let name = moderator(item.level, item.organisationID) {
            let on = min(today, item.createdOn.adding(days: int(1...12)))
            item = (try? PracticeRules.moderate(item, approve: outcome == .published, reason: reason, by: name, on: on)) ?? item
        }
        data.practices.append(item)
    }

    mutating func level() -> PublicationLevel { rng.weighted([(.organisation, 3), (.municipality, 3), (.region, 3), (.open, 2)]) }

    mutating func bank() {
        cases()
        materials()
        data.practices.sort { ($0.createdOn, $0.id.uuidString) < ($1.createdOn, $1.id.uuidString) }
    }

    /// Cases of completed pairs whose mentors are adults, as «Оформить кейс» drafts them: mentors are the authors,
    /// mentees only counted. One waits for the region's moderation.
    mutating func cases() {
        let participants = Dictionary(grouping: data.participants, by: \.mentorshipID)
        let programmes = Dictionary(grouping: data.programmes, by: \.mentorshipID)
        let tasks = Dictionary(grouping: data.tasks, by: \.programmeID)
        let meetings = Dictionary(grouping: data.meetings, by: \.mentorshipID)
        let feedback = Dictionary(grouping: data.feedback, by: \.mentorshipID)
        // What each mentee asked for help with: the first deficit, else the main request.
        var topics: [UUID: String] = [:]
        for m in data.mentees where topics[m.personID] == nil { topics[m.personID] = m.deficits.first ?? m.mainRequest.label }
        let done = data.mentorships.filter { m in
            m.status == .completed && (participants[m.id] ?? []).filter { $0.role == .mentor }.allSatisfy { isAdult($0.personID) }
        }
        var perOrg: [UUID: Int] = [:]
        var chosen: [Mentorship] = []
        for m in rng.sample(done, min(done.count, 24)) where perOrg[m.organisationID, default: 0] < 2 && chosen.count < 16 {
            perOrg[m.organisationID, default: 0] += 1
            chosen.append(m)
        }
        let waiting = chosen.isEmpty ? -1 : int(0...(chosen.count - 1))
        for (n, m) in chosen.enumerated() {
            let ps = participants[m.id] ?? []
            let programme = programmes[m.id]?.first
            let file = MentorshipFile(mentorship: m, participants: ps, programme: programme, tasks: programme.flatMap { tasks[$0.id] } ?? [],
                                      meetings: meetings[m.id] ?? [], feedback: feedback[m.id] ?? [])
            let mentors = ps.filter { $0.role == .mentor }.map(\.personID)
            let creator = rng.chance(0.6) ? people[mentors[0]] : (curators[m.organisationID] ?? people[mentors[0]])
            let end = m.actualEnd ?? m.plannedEnd
            let created = n == waiting ? today.adding(days: -int(1...8)) : min(today, end.adding(days: int(5...60)))
            guard var p = try? PracticeRules.caseDraft(
                file, organisationID: m.organisationID, mentorNames: mentors.compactMap { people[$0]?.fullName },
                menteeCount: Set(ps.filter { $0.role == .mentee }.map(\.personID)).count, createdBy: creator?.fullName ?? "Куратор", on: max(end, created))
            else { continue }
            p.id = rng.uuid()
            p.authorPersonIDs = mentors
            // A curator retitles an untitled pair's draft by what the pair worked on and when it began.
            if m.title == nil, let topic = ps.first(where: { $0.role == .mentee }).flatMap({ topics[$0.personID] }) {
                let year = m.start.month >= 9 ? m.start.year : m.start.year - 1
                p.title = "Кейс: \(topic.prefix(1).uppercased() + topic.dropFirst()), \(year)/\(String(format: "%02d", (year + 1) % 100)) учебный год"
            }
            p.level = n == waiting ? .region : level()
            publish(p, n == waiting ? .pending : .published)
        }
    }

    /// What an organisation puts in the bank: (kind, title, description, tags, forms, link).
    typealias Material = (PracticeKind, String, String, String, [MentorshipForm], String?)

    static let materials: [Material] = [
        (.programme, "Программа наставничества «Первые шаги в профессии»",
         "Программа сопровождения молодых педагогов на первый год работы: адаптация в коллективе, планирование и самоанализ урока, работа с родителями. "
            + "Три этапа, диагностика дефицитов в начале и в конце, открытый урок как итог.",
         "молодой педагог, адаптация, программа", [.teacherTeacher], nil),
        (.programmeTemplate, "Шаблон персонализированной программы для молодого учителя начальных классов",
         "Готовая структура персонализированной программы: цели, задачи по этапам с ответственными и сроками, формы отчётности. "
            + "Подходит для пары «учитель — учитель» в начальной школе.",
         "шаблон, начальная школа, персонализированная программа", [.teacherTeacher], nil),
        (.methodology, "Взаимопосещение уроков в паре «наставник — наставляемый»: методические рекомендации",
         "Как планировать взаимопосещения, что фиксировать в листе наблюдения, как строить разбор урока без оценочных суждений. Приложены образцы листов.",
         "взаимопосещение, разбор урока, лист наблюдения", [.teacherTeacher], nil),
        (.methodology, "Чек-лист адаптации молодого специалиста: первые 100 дней",
         "Перечень шагов куратора и наставника с первого дня работы молодого педагога: документы, знакомство с коллективом, первые уроки, первое родительское собрание.",
         "адаптация, чек-лист, куратор", [.teacherTeacher, .headTeacher], nil),
        (.programme, "Программа «Наставник-старшеклассник»",
         "Программа наставничества «ученик — ученик»: старшеклассники помогают пятиклассникам в адаптации и учёбе. "
            + "Отбор и обучение наставников, еженедельные встречи, итоговый школьный фестиваль проектов.",
         "ученик — ученик, адаптация пятиклассников, программа", [.studentStudent], nil),
        (.programme, "Реверсивное наставничество «Цифровой урок»",
         "Молодые педагоги помогают опытным коллегам освоить цифровые сервисы: ФГИС «Моя школа», Сферум, конструкторы интерактивных заданий. "
            + "Восемь встреч, итог — урок с цифровыми ресурсами.",
         "реверсивное наставничество, цифровые сервисы", [.reverse], nil),
        (.methodology, "Кейс-метод в работе наставника с педагогом, испытывающим затруднения",
         "Подборка из десяти педагогических ситуаций (дисциплина, конфликт с родителями, неуспевающий ученик) с вопросами для разбора в паре.",
         "кейс-метод, затруднения, разбор ситуаций", [.teacherTeacher], nil),
        (.webinar, "Вебинар «Формирующее оценивание: как наставнику разобрать урок»",
         "Запись вебинара муниципального методического объединения наставников: приёмы формирующего оценивания и разбор видеофрагментов уроков молодых педагогов.",
         "вебинар, формирующее оценивание", [.teacherTeacher], "https://vk.example.ru/video/nastavnik-fo"),
        (.programmeTemplate, "Шаблон программы «Учитель — ученик» для работы с одарёнными детьми",
         "Шаблон индивидуального маршрута обучающегося с наставником: диагностика интересов, олимпиадная или проектная линия, график консультаций, портфолио достижений.",
         "учитель — ученик, одарённые дети, олимпиады", [.teacherStudent], nil),
        (.methodology, "Диагностика профессиональных дефицитов молодого педагога",
         "Анкета самооценки и карта наблюдения для начала и конца программы: пять групп компетенций, шкала от 1 до 5, пример интерпретации.",
         "диагностика, дефициты, самооценка", [.teacherTeacher], nil),
        (.webinar, "Профилактика профессионального выгорания педагога: запись вебинара",
         "Педагог-психолог о признаках выгорания, ресурсах и о том, как наставнику поддержать коллегу со стажем, потерявшего интерес к работе.",
         "выгорание, психологическая поддержка, вебинар", [.teacherTeacher], "https://vk.example.ru/video/vygoranie"),
        (.methodology, "Педагогический совет «Наставничество как ресурс развития школы»",
         "Сценарий педсовета: итоги года по парам и группам, выступления наставников и наставляемых, решения на следующий год. Приложены презентация и проект решения.",
         "педсовет, управление, итоги года", [.headTeacher], nil),
        (.methodology, "Портфолио наставляемого: структура и примеры",
         "Что собирать в портфолио молодого педагога за год: конспекты и самоанализ уроков, отзывы, сертификаты, результаты диагностики. Примеры из практики школы.",
         "портфолио, молодой педагог", [.teacherTeacher], nil),
        (.programme, "Командное наставничество «Функциональная грамотность»",
         "Программа для команды учителей: совместная разработка заданий на функциональную грамотность, взаимопосещение, апробация и общий банк заданий.",
         "командное наставничество, функциональная грамотность", [.teamTeam], nil),
    ]

    /// Programmes and methods of schools in every municipality (more in Izhevsk), by mentors or curators; the first is
    /// mentor12's, open to all. One waits for moderation, one was turned back with the reason.
    mutating func materials() {
        let mentorsByOrg = Dictionary(grouping: profiles.filter { isAdult($0.personID) && place[$0.personID]?.organisationID == $0.organisationID },
                                      by: \.organisationID)
        var pool = Self.materials
        rng.shuffle(&pool)
        var texts = pool.makeIterator()
        var items: [PracticeItem] = []
        for (m, mun) in data.municipalities.enumerated() {
            let schools = data.organisations.filter { $0.municipalityID == mun.id && $0.kind == .school && mentorsByOrg[$0.id] != nil }
            for (k, org) in rng.sample(schools, min(schools.count, m == 0 ? 5 : 3)).enumerated() {
                guard let text = texts.next() else { break }
                let mine = m == 0 && k == 0 ? account["mentor12"] : nil
                let orgID = mine?.organisationID ?? org.id
                let creator = mine?.personID ?? rng.pick(mentorsByOrg[org.id]!).personID
                // A curator files the item in the organisation's name, so no author is linked to it.
                let curator = mine == nil && curators[orgID] != nil && rng.chance(0.4) ? curators[orgID] : nil
                let item = PracticeItem(
                    id: rng.uuid(), kind: text.0, title: text.1, description: text.2,
                    authors: [curator?.id, creator].compactMap { $0 }.map(signature).joined(separator: "; "),
                    authorPersonIDs: curator == nil ? [creator] : [], organisationID: orgID, forms: text.4, tags: PracticeRules.tags(text.3), link: text.5,
                    level: mine != nil ? .open : level(), createdOn: today.adding(days: -int(20...300)), createdBy: (curator ?? people[creator]!).fullName)
                items.append(item)
            }
        }
        let moderated = items.indices.filter { $0 > 0 && items[$0].level.moderator != nil }
        let picked = rng.sample(moderated, min(2, moderated.count))
        for (i, item) in items.enumerated() {
            var item = item
            if i == picked.first {
                item.createdOn = today.adding(days: -int(1...6))
                publish(item, .pending)
            } else if i == picked.last {
                publish(item, .rejected, reason: "Опишите результаты апробации в школе и приложите сам материал: без них его нельзя рекомендовать другим.")
            } else {
                publish(item, .published)
            }
        }
    }

    // MARK: - Contests

    /// A mentor put forward on `day`: an adult working at the organisation then, with the pairs of the form he mentored there.
    struct Applicant {
        var personID: UUID
        var organisationID: UUID
        var mentorshipIDs: [UUID]
    }

    /// One applicant per organisation (in the order of the pairs), with the pairs `accept` takes of those he mentors.
    func applicants(by day: Day, _ accept: (Mentorship, UUID) -> Bool) -> [Applicant] {
        let mentorships = Dictionary(uniqueKeysWithValues: data.mentorships.map { ($0.id, $0) })
        var out: [Applicant] = []
        var index: [UUID: Int] = [:]
        for p in data.participants where p.role == .mentor && isAdult(p.personID) {
            guard let m = mentorships[p.mentorshipID], m.start <= day, m.status != .forming, accept(m, p.personID),
                  let here = place[p.personID], here.organisationID == m.organisationID, here.period.contains(day)
            else { continue }
            if let i = index[m.organisationID] {
                if out[i].personID == p.personID { out[i].mentorshipIDs.append(m.id) }
            } else {
                index[m.organisationID] = out.count
                out.append(Applicant(personID: p.personID, organisationID: m.organisationID, mentorshipIDs: [m.id]))
            }
        }
        return out
    }

    func isSchool(_ organisationID: UUID) -> Bool { orgs[organisationID]?.kind == .school }

    /// The account that files an organisation's applications: its demo curator, else one of the school's own
    /// (accounts the demo does not list).
    mutating func submitter(_ organisationID: UUID) -> UUID {
        data.accounts.first { $0.organisationID == organisationID && $0.role == .curator }?.id ?? rng.uuid()
    }

    func juror(_ login: String) -> Juror? {
        account[login].map { Juror(accountID: $0.id, personID: $0.personID, organisationID: $0.organisationID, name: $0.fullName) }
    }

    /// Applications of `applicants` in one nomination, submitted between the contest's opening and `last`; with
    /// `withdrawLast`, the last one was withdrawn afterwards.
    mutating func apply(_ c: Contest, _ nomination: ContestNomination, _ list: [Applicant], titles: [String], last: Day, withdrawLast: Bool = false) {
        var names = titles
        rng.shuffle(&names)
        for (n, (a, title)) in zip(list, names).enumerated() {
            let submitted = day(c.applicationsFrom, last)
            let practices = data.practices.filter { $0.organisationID == a.organisationID && $0.status == .published && $0.createdOn <= submitted }
            data.contestApplications.append(ContestApplication(
                id: rng.uuid(), contestID: c.id, nominationID: nomination.id, organisationID: a.organisationID, title: title,
                applicantPersonIDs: [a.personID], mentorshipIDs: a.mentorshipIDs, practiceItemIDs: practices.prefix(1).map(\.id),
                submittedOn: submitted, submittedBy: submitter(a.organisationID), withdrawn: withdrawLast && n == list.count - 1))
        }
    }

    mutating func contests() {
        let regionID = data.regions[0].id
        let izhevsk = data.municipalities[0].id
        // Last school year's regional contest, judged in spring, results published, winners awarded.
        let year = today.month >= 9 ? today.year : today.year - 1
        let past = Contest(
            id: rng.uuid(), title: "Региональный конкурс «Лучший наставник — \(year)»", level: .region, regionID: regionID,
            description: "Конкурс профессионального мастерства наставников образовательных организаций Удмуртской Республики. "
                + "Заявку подаёт организация: портфолио наставника, описание практики, пары (группы) и отзывы наставляемых.",
            applicationsFrom: Day(year: year, month: 2, day: 1)!, applicationsTo: Day(year: year, month: 3, day: 15)!,
            judgingTo: Day(year: year, month: 4, day: 10)!, resultsOn: Day(year: year, month: 4, day: 20)!,
            nominations: [
                ContestNomination(id: rng.uuid(), title: "Наставник молодого педагога", form: .teacherTeacher),
                ContestNomination(id: rng.uuid(), title: "Наставник педагога со стажем", form: .teacherTeacher),
                ContestNomination(id: rng.uuid(), title: "Лучшая практика наставничества"),
            ],
            criteria: [
                ContestCriterion(id: rng.uuid(), title: "Результативность наставнической деятельности", maxScore: 30),
                ContestCriterion(id: rng.uuid(), title: "Качество персонализированной программы", maxScore: 20),
                ContestCriterion(id: rng.uuid(), title: "Методическая ценность и тиражируемость практики", maxScore: 20),
                ContestCriterion(id: rng.uuid(), title: "Представление опыта (эссе, видеоролик)", maxScore: 15),
                ContestCriterion(id: rng.uuid(), title: "Отзывы наставляемых", maxScore: 15),
            ],
            jurors: ["region", "izhevsk", "sarapul"].compactMap(juror), winnersPerNomination: 3, resultsPublished: true)
        let titles: [[String]] = [
            ["«Первые шаги в профессии»: сопровождение молодого учителя", "От адаптации к мастерству: персонализированная программа",
             "Наставник — проводник в профессию", "Методическое сопровождение молодого специалиста: уроки, разборы, результат",
             "Профессиональный старт: система работы наставника", "Школа молодого педагога: опыт наставника"],
            ["Возвращение в профессию: поддержка наставника", "Новая школа — новые возможности: адаптация опытного педагога",
             "Профилактика выгорания: наставник рядом", "К конкурсу «Учитель года» вместе с наставником", "Новая должность без потерь: сопровождение коллеги"],
            ["Система наставничества в школе: от приказа до результата", "Практика «Наставнический час»",
             "Реверсивное наставничество: цифровые сервисы на уроке", "Командное наставничество: функциональная грамотность",
             "Клуб молодых педагогов как форма наставничества", "Наставничество в сельской школе: сеть и взаимопомощь"],
        ]
        // The first two nominations tell mentors of young specialists from mentors of experienced colleagues.
        let young = Set(data.participants.filter { $0.role == .mentee && people[$0.personID]?.isYoungSpecialist(on: past.applicationsFrom) == true }.map(\.mentorshipID))
        let sizes = [6, 5, 5]
        var taken = Set<UUID>()
        for (n, nomination) in past.nominations.enumerated() {
            let all = applicants(by: past.applicationsFrom) { m, _ in
                nomination.form.map { $0 == m.form } ?? true && isSchool(m.organisationID) && !taken.contains(m.organisationID)
                    && (n == 2 || young.contains(m.id) == (n == 0))
            }
            let list = rng.sample(all, min(all.count, sizes[n]))
            taken.formUnion(list.map(\.organisationID))
            // One practice was withdrawn during the judging.
            apply(past, nomination, list, titles: titles[n], last: past.applicationsTo, withdrawLast: n == 2 && list.count > 2)
        }
        judge(past)
        data.contests.append(past)

        // The municipal contest of pairs, taking applications now: mentor12's pair among them.
        let current = Contest(
            id: rng.uuid(), title: "Муниципальный конкурс наставнических пар «Педагогический тандем»", level: .municipality, regionID: regionID,
            municipalityID: izhevsk,
            description: "Конкурс для пар и групп, работающих в этом учебном году: наставник и наставляемый вместе представляют программу, её ход и первые результаты.",
            applicationsFrom: today.adding(days: -int(10...16)), applicationsTo: today.adding(days: int(14...21)),
            judgingTo: today.adding(days: int(35...42)), resultsOn: today.adding(days: int(45...50)),
            nominations: [
                ContestNomination(id: rng.uuid(), title: "Наставник — молодой педагог", form: .teacherTeacher),
                ContestNomination(id: rng.uuid(), title: "Наставник — обучающийся", form: .teacherStudent),
            ],
            criteria: [
                ContestCriterion(id: rng.uuid(), title: "Результаты наставляемого", maxScore: 10),
                ContestCriterion(id: rng.uuid(), title: "Программа и её выполнение", maxScore: 10),
                ContestCriterion(id: rng.uuid(), title: "Взаимодействие в паре", maxScore: 10),
                ContestCriterion(id: rng.uuid(), title: "Представление опыта", maxScore: 10),
            ],
            jurors: ["izhevsk", "region"].compactMap(juror), winnersPerNomination: 3)
        let open = Set(data.mentorships.filter { $0.status == .active }.map(\.id))
        let school12 = account["curator12"]?.organisationID
        let pairTitles = [["Наставническая пара: первый год вместе", "Вместе к открытому уроку"], ["Проект с наставником", "Шаг к олимпиаде"]]
        for (n, nomination) in current.nominations.enumerated() {
            let local = Set(data.organisations.filter { $0.municipalityID == izhevsk && $0.kind == .school }.map(\.id))
            let pairs = { (m: Mentorship) in open.contains(m.id) && m.form == nomination.form && local.contains(m.organisationID) }
            var chosen = rng.sample(applicants(by: current.applicationsFrom) { m, _ in pairs(m) && m.organisationID != school12 }, 1)
            // School 12 applies with the pair of the demo accounts.
            if n == 0, let me = account["mentor12"]?.personID {
                chosen.insert(contentsOf: applicants(by: current.applicationsFrom) { m, p in pairs(m) && p == me }, at: 0)
            }
            apply(current, nomination, chosen, titles: pairTitles[n], last: today)
        }
        data.contests.append(current)
    }

    /// Every juror without a conflict of interest scores every application on every criterion; the winners of
    /// each nomination get diplomas by place.
    mutating func judge(_ c: Contest) {
        let comments = ["Сильная практика, результаты подтверждены", "Рекомендуем к распространению на муниципальном уровне",
                        "Программу стоит дополнить измеримыми результатами", "Хорошие отзывы наставляемых"]
        let apps = data.contestApplications.filter { $0.contestID == c.id && !$0.withdrawn }
        for a in apps {
            let quality = 0.55 + rng.unit() * 0.4
            for j in c.jurors where !ContestRules.conflict(j, a) {
                let comment = rng.chance(0.3) ? rng.pick(comments) : nil
                for k in c.criteria {
                    let share = min(1, max(0.3, quality + (rng.unit() - 0.5) * 0.16))
                    data.juryScores.append(JuryScore(applicationID: a.id, jurorAccountID: j.accountID, criterionID: k.id,
                                                     score: Int((Double(k.maxScore) * share).rounded()), comment: comment))
                }
            }
        }
        let diplomas = ["Диплом I степени", "Диплом II степени", "Диплом III степени"]
        for row in ContestRules.ranking(c, applications: apps, scores: data.juryScores).flatMap(\.winners) {
            guard let i = data.contestApplications.firstIndex(where: { $0.id == row.application.id }) else { continue }
            data.contestApplications[i].award = diplomas[min(row.place, diplomas.count) - 1]
        }
    }

    // MARK: - Recognition

    /// The region's and two municipalities' incentives with their conditions.
    mutating func recognition() {
        let regionID = data.regions[0].id
        let muns = data.municipalities.map(\.id)
        data.recognitionCriteria = [
            RecognitionCriteria(id: rng.uuid(), regionID: regionID, incentive: "Благодарственное письмо Министерства образования и науки Удмуртской Республики",
                                kind: .nonMaterial, minCompletedMentorships: 1, minTrainingHours: 36, minSatisfaction: 8),
            RecognitionCriteria(id: rng.uuid(), regionID: regionID, incentive: "Почётная грамота Министерства образования и науки Удмуртской Республики",
                                kind: .nonMaterial, minCompletedMentorships: 1, minTrainingHours: 36, requiresContestWin: true),
            RecognitionCriteria(id: rng.uuid(), regionID: regionID, municipalityID: muns[0], incentive: "Стимулирующая выплата за наставничество",
                                kind: .material, minCompletedMentorships: 1, minTrainingHours: 16, minSatisfaction: 7.5),
            RecognitionCriteria(id: rng.uuid(), regionID: regionID, municipalityID: muns[min(1, muns.count - 1)],
                                incentive: "Благодарность Управления образования г. Сарапула", kind: .nonMaterial, minCompletedMentorships: 1),
        ]
    }
}
