import Foundation

/// Deterministic pseudo-random numbers (SplitMix64): the same seed always gives the same demo.
/// Never the system generator: the demo must be reproducible byte for byte.
struct DemoRandom {
    private var source: SplitMix64

    init(seed: UInt64) { source = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { source.next() }

    /// A number in `range`, both ends included.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    mutating func weighted<T>(_ items: [(T, Int)]) -> T {
        var r = int(0...(items.reduce(0) { $0 + $1.1 } - 1))
        for (item, weight) in items {
            if r < weight { return item }
            r -= weight
        }
        return items[items.count - 1].0
    }

    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, int(0...i))
        }
    }

    /// `count` distinct items in the order of `items`.
    mutating func sample<T>(_ items: [T], _ count: Int) -> [T] {
        var idx = Array(items.indices)
        shuffle(&idx)
        return idx.prefix(count).sorted().map { items[$0] }
    }

    /// A version-4 UUID made of 16 random bytes.
    mutating func uuid() -> UUID {
        let a = next(), b = next()
        var bytes = (0..<8).map { UInt8(truncatingIfNeeded: a >> ($0 * 8)) } + (0..<8).map { UInt8(truncatingIfNeeded: b >> ($0 * 8)) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
            bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

/// Builds the demo region: Udmurtia with Izhevsk at the size of seed 001 (83 schools, ~4,000 staff,
/// ~260 mentees of whom ~35% are not young specialists, ~6% of staff mentors) and three smaller
/// municipalities, with students, partners, consents and one demo account per role, and the pairs and
/// groups working in them (`DemoLifecycle`).
public enum DemoGenerator {
    /// The password of every demo account.
    public static let password = "nastavnik2026"

    public static func make(seed: UInt64 = 2022, today: Day) -> DemoDataset {
        var b = Builder(rng: DemoRandom(seed: seed), today: today)
        b.build()
        return b.data
    }
}

// MARK: - Reference lists

enum DemoNames {
    /// Father's name with the patronymic it gives a son and a daughter.
    static let fathers: [(String, String, String)] = [
        ("Александр", "Александрович", "Александровна"), ("Алексей", "Алексеевич", "Алексеевна"),
        ("Анатолий", "Анатольевич", "Анатольевна"), ("Андрей", "Андреевич", "Андреевна"),
        ("Борис", "Борисович", "Борисовна"), ("Валерий", "Валерьевич", "Валерьевна"),
        ("Василий", "Васильевич", "Васильевна"), ("Виктор", "Викторович", "Викторовна"),
        ("Владимир", "Владимирович", "Владимировна"), ("Вячеслав", "Вячеславович", "Вячеславовна"),
        ("Геннадий", "Геннадьевич", "Геннадьевна"), ("Дмитрий", "Дмитриевич", "Дмитриевна"),
        ("Евгений", "Евгеньевич", "Евгеньевна"), ("Иван", "Иванович", "Ивановна"),
        ("Игорь", "Игоревич", "Игоревна"), ("Константин", "Константинович", "Константиновна"),
        ("Леонид", "Леонидович", "Леонидовна"), ("Максим", "Максимович", "Максимовна"),
        ("Михаил", "Михайлович", "Михайловна"), ("Николай", "Николаевич", "Николаевна"),
        ("Олег", "Олегович", "Олеговна"), ("Павел", "Павлович", "Павловна"),
        ("Пётр", "Петрович", "Петровна"), ("Роман", "Романович", "Романовна"),
        ("Сергей", "Сергеевич", "Сергеевна"), ("Станислав", "Станиславович", "Станиславовна"),
        ("Фёдор", "Фёдорович", "Фёдоровна"), ("Юрий", "Юрьевич", "Юрьевна"),
    ]
    static let femaleAdult = [
        "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Марина", "Людмила", "Надежда", "Галина",
        "Юлия", "Екатерина", "Анна", "Мария", "Оксана", "Лариса", "Валентина", "Любовь", "Нина", "Вера",
        "Алёна", "Анастасия", "Дарья", "Ксения", "Алина", "Евгения", "Наталия", "Жанна", "Римма", "Зоя",
    ]
    static let maleChild = [
        "Артём", "Кирилл", "Никита", "Даниил", "Матвей", "Илья", "Егор", "Максим", "Иван", "Михаил",
        "Тимофей", "Александр", "Дмитрий", "Арсений", "Марк", "Лев", "Глеб", "Роман",
    ]
    static let femaleChild = [
        "София", "Анастасия", "Дарья", "Полина", "Виктория", "Алиса", "Ксения", "Варвара", "Мария", "Анна",
        "Елизавета", "Ульяна", "Вероника", "Милана", "Арина", "Ева",
    ]
    /// Surnames in the masculine form; Udmurt-region names among common Russian ones.
    static let surnames = [
        "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков",
        "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов",
        "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв",
        "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Кириллов", "Шубин", "Широбоков",
        "Корепанов", "Байков", "Бабушкин", "Трефилов", "Шкляев", "Перевощиков", "Поздеев", "Бабинцев",
        "Ложкин", "Вахрушев", "Ившин", "Вострокнутов", "Кондратьев", "Чернышёв", "Главатских", "Белых",
        "Седых", "Островский", "Покровский", "Дзюин", "Сунцов", "Загребин", "Овчинников", "Тронин",
        "Бусыгин", "Ардашев", "Кудрявцев", "Русских", "Шутов", "Мерзляков", "Лекомцев", "Протопопов",
    ]

    /// The feminine form: Иванов → Иванова, Островский → Островская, Белых → Белых.
    static func feminine(_ surname: String) -> String {
        if surname.hasSuffix("ский") || surname.hasSuffix("цкий") { return String(surname.dropLast(2)) + "ая" }
        for ending in ["ов", "ев", "ёв", "ин", "ын"] where surname.hasSuffix(ending) { return surname + "а" }
        return surname
    }

    static let translit: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
        "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
        "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
        "э": "e", "ю": "yu", "я": "ya",
    ]

    static func latin(_ text: String) -> String {
        text.lowercased().map { translit[$0] ?? (($0.isASCII && $0.isLetter) ? String($0) : "") }.joined()
    }
}

/// A place on a staff list.
struct DemoSlot {
    var position: String
    var subjects: [String] = []
    /// Specialty by diploma for pedagogical education.
    var specialty: String
    /// Specialty for a non-pedagogical higher education (a career changer).
    var otherSpecialty: String
    var role: MembershipRole = .pedagogical
    var maleShare = 0.15
    var vocationalShare = 0.05
    /// Director or deputy: long experience, never a mentee.
    var head = false
    /// Experience range of someone on this place who is not a young specialist.
    var years: ClosedRange<Int> = 4...40
}

enum DemoLists {
    /// School teachers: (slot, weight).
    static let teachers: [(DemoSlot, Int)] = [
        (DemoSlot(position: "учитель начальных классов", subjects: ["начальные классы"], specialty: "учитель начальных классов", otherSpecialty: "педагогика и методика начального образования", maleShare: 0.02, vocationalShare: 0.3), 22),
        (DemoSlot(position: "учитель русского языка и литературы", subjects: ["русский язык", "литература"], specialty: "учитель русского языка и литературы", otherSpecialty: "филолог"), 12),
        (DemoSlot(position: "учитель математики", subjects: ["математика"], specialty: "учитель математики", otherSpecialty: "математик", maleShare: 0.12), 12),
        (DemoSlot(position: "учитель английского языка", subjects: ["английский язык"], specialty: "учитель английского языка", otherSpecialty: "лингвист, переводчик", maleShare: 0.05), 9),
        (DemoSlot(position: "учитель истории и обществознания", subjects: ["история", "обществознание"], specialty: "учитель истории", otherSpecialty: "историк", maleShare: 0.3), 6),
        (DemoSlot(position: "учитель физической культуры", subjects: ["физическая культура"], specialty: "учитель физической культуры", otherSpecialty: "специалист по физической культуре и спорту", maleShare: 0.5, vocationalShare: 0.15), 6),
        (DemoSlot(position: "учитель информатики", subjects: ["информатика"], specialty: "учитель информатики", otherSpecialty: "инженер-программист", maleShare: 0.4), 3),
        (DemoSlot(position: "учитель физики", subjects: ["физика"], specialty: "учитель физики", otherSpecialty: "физик", maleShare: 0.3), 3),
        (DemoSlot(position: "учитель химии", subjects: ["химия"], specialty: "учитель химии и биологии", otherSpecialty: "химик-технолог", maleShare: 0.1), 2),
        (DemoSlot(position: "учитель биологии", subjects: ["биология"], specialty: "учитель биологии", otherSpecialty: "биолог", maleShare: 0.08), 3),
        (DemoSlot(position: "учитель географии", subjects: ["география"], specialty: "учитель географии", otherSpecialty: "географ", maleShare: 0.15), 2),
        (DemoSlot(position: "учитель музыки", subjects: ["музыка"], specialty: "учитель музыки", otherSpecialty: "музыкант-исполнитель", maleShare: 0.1, vocationalShare: 0.3), 2),
        (DemoSlot(position: "учитель технологии", subjects: ["технология"], specialty: "учитель технологии и предпринимательства", otherSpecialty: "инженер-технолог", maleShare: 0.45), 3),
        (DemoSlot(position: "учитель изобразительного искусства", subjects: ["изобразительное искусство"], specialty: "учитель изобразительного искусства", otherSpecialty: "художник-дизайнер", maleShare: 0.1, vocationalShare: 0.2), 2),
        (DemoSlot(position: "преподаватель-организатор ОБЖ", subjects: ["основы безопасности и защиты Родины"], specialty: "учитель безопасности жизнедеятельности", otherSpecialty: "инженер по охране труда", maleShare: 0.6), 1),
        (DemoSlot(position: "учитель немецкого языка", subjects: ["немецкий язык"], specialty: "учитель немецкого языка", otherSpecialty: "лингвист, переводчик", maleShare: 0.03), 1),
        (DemoSlot(position: "учитель удмуртского языка и литературы", subjects: ["удмуртский язык", "удмуртская литература"], specialty: "учитель удмуртского и русского языков", otherSpecialty: "филолог", maleShare: 0.08), 1),
    ]

    static let director = DemoSlot(position: "директор", specialty: "учитель математики", otherSpecialty: "менеджер в образовании", role: .managerial, maleShare: 0.35, head: true, years: 15...38)
    static let deputyStudy = DemoSlot(position: "заместитель директора по УВР", subjects: ["русский язык"], specialty: "учитель русского языка и литературы", otherSpecialty: "менеджер в образовании", role: .managerial, maleShare: 0.15, head: true, years: 10...36)
    static let deputyCare = DemoSlot(position: "заместитель директора по ВР", specialty: "учитель истории", otherSpecialty: "менеджер в образовании", role: .managerial, maleShare: 0.15, head: true, years: 8...34)
    static let psychologist = DemoSlot(position: "педагог-психолог", specialty: "педагог-психолог", otherSpecialty: "психолог", maleShare: 0.05)
    static let support: [(DemoSlot, Int)] = [  // (slot, minimal staff size to have one)
        (DemoSlot(position: "педагог-библиотекарь", specialty: "библиотекарь-библиограф", otherSpecialty: "библиотекарь", maleShare: 0.02, vocationalShare: 0.3), 25),
        (DemoSlot(position: "социальный педагог", specialty: "социальный педагог", otherSpecialty: "специалист по социальной работе", maleShare: 0.05), 30),
        (DemoSlot(position: "педагог-организатор", specialty: "педагог-организатор", otherSpecialty: "менеджер социально-культурной деятельности", maleShare: 0.2), 40),
        (DemoSlot(position: "учитель-логопед", specialty: "учитель-логопед", otherSpecialty: "логопед", maleShare: 0.01), 45),
        (DemoSlot(position: "советник директора по воспитанию", specialty: "педагог-организатор", otherSpecialty: "специалист по работе с молодёжью", maleShare: 0.25), 50),
    ]

    static let deficits = [
        "проектирование урока по обновлённым ФГОС", "работа с детьми с ОВЗ", "дисциплина на уроке",
        "формирующее оценивание", "работа с родителями", "цифровые образовательные ресурсы",
        "подготовка к ОГЭ и ЕГЭ", "классное руководство", "функциональная грамотность",
        "ведение электронного журнала", "проектная и исследовательская деятельность учащихся",
        "работа с одарёнными детьми", "самоанализ урока",
    ]
    static let availability = [
        "после 15:00 по вторникам и четвергам", "по пятницам после уроков", "по договорённости",
        "в методический день (среда)", "дистанционно по вечерам", "после 14:00 ежедневно",
    ]
    static let streets: [String: [String]] = [
        "город Ижевск": ["ул. Пушкинская", "ул. Удмуртская", "ул. Ленина", "ул. Кирова", "ул. Карла Маркса", "ул. Коммунаров", "ул. Советская", "ул. Песочная", "ул. Ворошилова", "ул. Молодёжная", "ул. Автозаводская", "ул. Холмогорова", "ул. 10 лет Октября", "ул. Петрова", "ул. Баранова", "ул. Ракетная", "ул. Клубная", "ул. Майская", "ул. Школьная", "ул. Льва Толстого"],
        "город Сарапул": ["ул. Ленина", "ул. Азина", "ул. Гоголя", "ул. Раскольникова", "ул. Седельникова", "ул. Путейская", "ул. Советская", "ул. Труда"],
        "город Глазов": ["ул. Кирова", "ул. Калинина", "ул. Пряженникова", "ул. Короленко", "ул. Сибирская", "ул. Мира", "ул. Толстого"],
        "Завьяловский район": ["ул. Школьная", "ул. Молодёжная", "ул. Садовая", "ул. Центральная"],
    ]
    /// Villages of Zavyalovsky district with the adjective of their school's name.
    static let villages: [(String, String)] = [
        ("с. Завьялово", "Завьяловская"), ("с. Италмас", "Италмасовская"), ("с. Люк", "Люкская"),
        ("д. Вараксино", "Вараксинская"), ("с. Хохряки", "Хохряковская"), ("с. Бабино", "Бабинская"),
        ("д. Ягул", "Ягульская"), ("с. Первомайский", "Первомайская"), ("с. Подшивалово", "Подшиваловская"),
        ("с. Каменное", "Каменская"), ("с. Пироги", "Пироговская"), ("д. Казмаска", "Казмасская"),
    ]
}

// MARK: - Builder

extension DemoGenerator {
    /// What becomes of one place on a staff list.
    enum Track: Equatable {
        case regular, young, mentor, youngMentor, youngMentee, otherMentee(MenteeCategory)
    }

    enum History { case stayed, moved, newcomer, returning }

    enum ConsentPlan { case active, none, withdrawnOnly, withdrawnThenActive }

    /// One organisation to fill with people.
    struct OrgPlan {
        var org: Organisation
        var municipality: Int
        var staff: Int
        var mentors = 0
        var youngMentees = 0
        var otherMentees = 0
        var youngMentors = 0
        var students = 0
    }

    struct Builder {
        var rng: DemoRandom
        let today: Day
        var data = DemoDataset()
        var snilsUsed: Set<String> = []
        var innUsed: Set<String> = []
        var emailUsed: Set<String> = []
        var region: Region!
        var municipalities: [Municipality] = []
        /// Schools of each municipality, for earlier places of work.
        var schoolsByMunicipality: [[Organisation]] = []
        /// Director, deputy, psychologist, mentors and mentees of each organisation (for the accounts).
        var directors: [UUID: Person] = [:]
        var deputies: [UUID: Person] = [:]
        var psychologists: [UUID: Person] = [:]
        var staffMentors: [UUID: [Person]] = [:]
        var staffMentees: [UUID: [Person]] = [:]

        init(rng: DemoRandom, today: Day) {
            self.rng = rng
            self.today = today
        }

        // MARK: Dates and identifiers

        mutating func daysAgo(_ range: ClosedRange<Int>) -> Day { today.adding(days: -int(range)) }

        mutating func int(_ range: ClosedRange<Int>) -> Int { rng.int(range) }

        /// A random day in [from, to]; `from` when the range is empty.
        mutating func day(from: Day, to: Day) -> Day {
            let span = to.ordinal - from.ordinal
            return span <= 0 ? from : from.adding(days: int(0...span))
        }

        mutating func snils() -> String {
            while true {
                let nine = (0..<9).map { i in i == 0 ? int(0...1) : int(0...9) }
                let s = Snils.make(nine)
                if Snils.isValid(s), !snilsUsed.contains(s), nine[0] + nine[1] + nine[2] > 0 {
                    snilsUsed.insert(s)
                    return s
                }
            }
        }

        /// A 10-digit INN of an Udmurt legal entity with its check digit.
        mutating func inn() -> String {
            let weights = [2, 4, 10, 3, 5, 9, 4, 6, 8]
            while true {
                let nine = [1, 8, 3, 1] + (0..<5).map { _ in int(0...9) }
                let check = zip(nine, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11 % 10
                let s = (nine + [check]).map(String.init).joined()
                if innUsed.insert(s).inserted { return s }
            }
        }

        mutating func email(_ lastName: String) -> String {
            let base = DemoNames.latin(lastName)
            while true {
                let e = "\(base)\(int(1...999))@example.ru"
                if emailUsed.insert(e).inserted { return e }
            }
        }

        mutating func phone() -> String {
            String(format: "+7 9%02d %03d-%02d-%02d", int(0...99), int(100...999), int(0...99), int(0...99))
        }

        /// Surname, first name and patronymic of an adult of the given sex.
        mutating func adultName(male: Bool) -> (String, String, String) {
            let surname = rng.pick(DemoNames.surnames)
            let father = rng.pick(DemoNames.fathers)
            if male {
                return (surname, rng.pick(DemoNames.fathers).0, father.1)
            }
            return (DemoNames.feminine(surname), rng.pick(DemoNames.femaleAdult), father.2)
        }

        // MARK: Hierarchy

        mutating func build() {
            core()
            community()
        }

        /// The region with its people, bases, pairs and registry: everything but the community of practice.
        mutating func core() {
            region = Region(id: rng.uuid(), name: "Удмуртская Республика", code: "18", timeZone: "Europe/Samara")
            data.regions = [region]
            municipalities = ["город Ижевск", "город Сарапул", "город Глазов", "Завьяловский район"].map {
                Municipality(id: rng.uuid(), regionID: region.id, name: $0)
            }
            data.municipalities = municipalities
            schoolsByMunicipality = Array(repeating: [], count: municipalities.count)

            var plans: [OrgPlan] = []
            plans += izhevskSchools()
            plans += izhevskOthers()
            for m in 1..<municipalities.count { plans += smallerMunicipality(m) }
            for plan in plans { fill(plan) }
            partners()
            accounts()
            lifecycle()
            registry()
        }

        mutating func organisation(_ m: Int, kind: OrganisationKind, name: String, shortName: String, site: String, locality: String? = nil) -> Organisation {
            let mun = municipalities[m]
            var town = mun.name.hasPrefix("город ") ? "г. " + mun.name.dropFirst(6) : mun.name
            if let locality { town += ", \(locality)" }
            let street = rng.pick(DemoLists.streets[mun.name] ?? ["ул. Школьная"])
            let org = Organisation(
                id: rng.uuid(), municipalityID: mun.id, kind: kind, name: name, shortName: shortName, inn: inn(),
                address: "Удмуртская Республика, \(town), \(street), д. \(int(1...180))", website: "https://\(site).example.ru")
            data.organisations.append(org)
            if kind == .school { schoolsByMunicipality[m].append(org) }
            return org
        }

        mutating func numberedSchool(_ m: Int, number: Int, site: String) -> Organisation {
            let gymnasia: Set<Int> = m == 0 ? [6, 24, 56, 83] : (m == 2 ? [8] : [])
            let lyceums: Set<Int> = m == 0 ? [25, 29, 41, 86] : (m == 1 ? [18] : [])
            if gymnasia.contains(number) {
                return organisation(m, kind: .school, name: "МБОУ «Гимназия № \(number)»", shortName: "МБОУ Гимназия № \(number)", site: site)
            }
            if lyceums.contains(number) {
                return organisation(m, kind: .school, name: "МАОУ «Лицей № \(number)»", shortName: "МАОУ Лицей № \(number)", site: site)
            }
            return organisation(
                m, kind: .school, name: "МБОУ «Средняя общеобразовательная школа № \(number)»", shortName: "МБОУ СОШ № \(number)", site: site)
        }

        /// Shares `total` among places in proportion to `weights`, starting from `minimum`.
        mutating func allocate(_ total: Int, weights: [Int], minimum: [Int]) -> [Int] {
            var result = minimum
            var left = total - minimum.reduce(0, +)
            let sum = weights.reduce(0, +)
            while left > 0 {
                var r = int(0...(sum - 1))
                var i = 0
                while r >= weights[i] {
                    r -= weights[i]
                    i += 1
                }
                result[i] += 1
                left -= 1
            }
            return result
        }

        /// Seed 001: 83 schools, ~4,000 staff, ~260 mentees (35% not young specialists), ~6% mentors.
        mutating func izhevskSchools() -> [OrgPlan] {
            let skipped: Set<Int> = [4, 10, 13, 15, 18, 20, 21, 23, 33, 35, 36, 45, 48, 52, 55, 68, 99]
            let numbers = (1...100).filter { !skipped.contains($0) }
            let big: Set<Int> = [6, 24, 56, 83, 25, 29, 41, 86]
            var sizes = numbers.map { n in n == 12 ? 64 : int(28...66) + (big.contains(n) ? 8 : 0) }
            let i12 = numbers.firstIndex(of: 12)!, i5 = numbers.firstIndex(of: 5)!
            // Exactly 3,990 staff: ±1 on random schools until the sum matches.
            var diff = 3_990 - sizes.reduce(0, +)
            while diff != 0 {
                let i = int(0...(sizes.count - 1))
                let step = diff > 0 ? 1 : -1
                if i != i12, (24...80).contains(sizes[i] + step) {
                    sizes[i] += step
                    diff -= step
                }
            }
            func mins(_ values: [(Int, Int)]) -> [Int] {
                var r = Array(repeating: 0, count: numbers.count)
                for (i, v) in values { r[i] = v }
                return r
            }
            let mentors = allocate(239, weights: sizes, minimum: mins([(i12, 6), (i5, 3)]))
            let young = allocate(169, weights: sizes, minimum: mins([(i12, 4), (i5, 2)]))
            let other = allocate(91, weights: sizes, minimum: mins([(i12, 2), (i5, 1)]))
            var withStudents: Set<Int> = [12]
            while withStudents.count < 10 { withStudents.insert(rng.pick(numbers)) }
            return numbers.enumerated().map { i, n in
                let org = numberedSchool(0, number: n, site: "izh-school\(n)")
                return OrgPlan(
                    org: org, municipality: 0, staff: sizes[i], mentors: mentors[i], youngMentees: young[i], otherMentees: other[i],
                    youngMentors: n == 31 ? 1 : 0, students: n == 12 ? 25 : (withStudents.contains(n) ? int(15...25) : 0))
            }
        }

        mutating func izhevskOthers() -> [OrgPlan] {
            let list: [(OrganisationKind, String, String, String, Int)] = [
                (.vocational, "АПОУ УР «Ижевский политехнический колледж»", "Ижевский политехнический колледж", "izh-polytech", 26),
                (.vocational, "БПОУ УР «Ижевский торгово-экономический техникум»", "Ижевский торгово-экономический техникум", "izh-tet", 20),
                (.preschool, "МБДОУ «Детский сад № 45»", "МБДОУ № 45", "izh-ds45", 18),
                (.preschool, "МБДОУ «Детский сад № 112»", "МБДОУ № 112", "izh-ds112", 22),
                (.preschool, "МБДОУ «Детский сад № 257»", "МБДОУ № 257", "izh-ds257", 16),
                (.additional, "МБУДО «Центр детского творчества Октябрьского района»", "МБУДО ЦДТ Октябрьского района", "izh-cdt", 24),
                (.university, "ФГБОУ ВО «Удмуртский государственный университет»", "ФГБОУ ВО «УдГУ»", "udsu", 14),
            ]
            return list.map { kind, name, short, site, staff in
                OrgPlan(
                    org: organisation(0, kind: kind, name: name, shortName: short, site: site), municipality: 0, staff: staff,
                    mentors: kind == .university ? 2 : int(1...2), youngMentees: 1, otherMentees: int(0...1),
                    students: kind == .university ? 3 : 0)
            }
        }

        mutating func smallerMunicipality(_ m: Int) -> [OrgPlan] {
            var orgs: [Organisation] = []
            var sizes: [Int] = []
            if m == 3 {
                for (i, v) in DemoLists.villages.prefix(10).enumerated() {
                    orgs.append(organisation(
                        m, kind: .school, name: "МБОУ «\(v.1) средняя общеобразовательная школа»", shortName: "МБОУ «\(v.1) СОШ»",
                        site: "zav-school\(i + 1)", locality: v.0))
                    sizes.append(i < 3 ? int(32...46) : int(14...30))
                }
            } else {
                let count = m == 1 ? 12 : 11
                let numbers = Array(1...(count + 3)).filter { m == 1 ? ![9, 14, 16].contains($0) : ![3, 7, 13].contains($0) }
                let prefix = m == 1 ? "sar" : "glz"
                for n in numbers.prefix(count) {
                    orgs.append(numberedSchool(m, number: n, site: "\(prefix)-school\(n)"))
                    sizes.append(int(24...48))
                }
            }
            let staff = sizes.reduce(0, +)
            let zero = Array(repeating: 0, count: orgs.count)
            let mentors = allocate(Int((Double(staff) * 0.06).rounded()), weights: sizes, minimum: zero)
            let young = allocate(Int((Double(staff) * 0.042).rounded()), weights: sizes, minimum: zero)
            let other = allocate(Int((Double(staff) * 0.022).rounded()), weights: sizes, minimum: zero)
            return orgs.indices.map { i in
                OrgPlan(
                    org: orgs[i], municipality: m, staff: sizes[i], mentors: mentors[i], youngMentees: young[i], otherMentees: other[i],
                    youngMentors: (m == 2 && i == 1) ? 1 : 0, students: i < 2 ? int(15...22) : 0)
            }
        }

        // MARK: Staff lists

        mutating func roster(_ kind: OrganisationKind, size: Int) -> [DemoSlot] {
            var slots: [DemoSlot] = []
            func slot(_ position: String, _ subjects: [String], _ specialty: String, _ other: String, male: Double = 0.1, voc: Double = 0.05,
                      role: MembershipRole = .pedagogical, head: Bool = false, years: ClosedRange<Int> = 4...40) -> DemoSlot {
                DemoSlot(position: position, subjects: subjects, specialty: specialty, otherSpecialty: other, role: role, maleShare: male,
                         vocationalShare: voc, head: head, years: years)
            }
            switch kind {
            case .school:
                var director = DemoLists.director
                director.specialty = rng.pick(DemoLists.teachers.map { $0.0.specialty })
                slots = [director, DemoLists.deputyStudy]
                if size >= 35 { slots.append(DemoLists.deputyCare) }
                if size >= 55 {
                    var second = DemoLists.deputyStudy
                    let t = rng.pick(DemoLists.teachers.map { $0.0 })
                    second.subjects = t.subjects
                    second.specialty = t.specialty
                    slots.append(second)
                }
                slots.append(DemoLists.psychologist)
                slots += DemoLists.support.filter { size >= $0.1 }.map(\.0)
                while slots.count < size { slots.append(rng.weighted(DemoLists.teachers)) }
            case .preschool:
                slots = [
                    slot("заведующий", [], "воспитатель детей дошкольного возраста", "менеджер в образовании", male: 0.02, role: .managerial, head: true, years: 12...35),
                    slot("старший воспитатель", [], "воспитатель детей дошкольного возраста", "психолог", male: 0.02, head: true, years: 10...35),
                    slot("музыкальный руководитель", ["музыка"], "музыкальный руководитель", "музыкант-исполнитель", male: 0.05, voc: 0.4),
                    slot("инструктор по физической культуре", ["физическая культура"], "педагог по физической культуре", "тренер", male: 0.2, voc: 0.3),
                    slot("учитель-логопед", [], "учитель-логопед", "логопед", male: 0.01),
                    DemoLists.psychologist,
                ]
                while slots.count < size {
                    slots.append(slot("воспитатель", [], "воспитатель детей дошкольного возраста", "психолог", male: 0.01, voc: 0.45))
                }
            case .vocational:
                slots = [
                    slot("директор", [], "инженер-механик", "менеджер в образовании", male: 0.6, role: .managerial, head: true, years: 15...38),
                    slot("заместитель директора по учебной работе", [], "преподаватель математики", "экономист", male: 0.3, role: .managerial, head: true, years: 10...35),
                    slot("методист", [], "учитель русского языка и литературы", "филолог", male: 0.1),
                    DemoLists.psychologist,
                ]
                let subjects: [(String, String)] = [
                    ("технология машиностроения", "инженер-технолог"), ("электротехника", "инженер-электрик"), ("экономика организации", "экономист"),
                    ("математика", "математик"), ("информатика", "инженер-программист"), ("русский язык", "филолог"), ("английский язык", "лингвист, переводчик"),
                ]
                while slots.count < size {
                    if rng.chance(0.25) {
                        slots.append(slot("мастер производственного обучения", ["учебная практика"], "мастер производственного обучения", "инженер-технолог", male: 0.6, voc: 0.4))
                    } else {
                        let s = rng.pick(subjects)
                        slots.append(slot("преподаватель", [s.0], "преподаватель (\(s.0))", s.1, male: 0.35))
                    }
                }
            case .additional:
                slots = [
                    slot("директор", [], "учитель музыки", "менеджер в образовании", male: 0.2, role: .managerial, head: true, years: 15...35),
                    slot("заместитель директора", [], "педагог дополнительного образования", "менеджер социально-культурной деятельности", male: 0.2, role: .managerial, head: true, years: 10...35),
                    slot("методист", [], "педагог дополнительного образования", "психолог", male: 0.1),
                    slot("педагог-организатор", [], "педагог-организатор", "менеджер социально-культурной деятельности", male: 0.2),
                ]
                let circles = ["робототехника", "хореография", "изобразительное искусство", "шахматы", "вокал", "техническое моделирование", "декоративно-прикладное творчество", "театральное искусство"]
                while slots.count < size {
                    slots.append(slot("педагог дополнительного образования", [rng.pick(circles)], "педагог дополнительного образования", "художник-дизайнер", male: 0.3, voc: 0.3))
                }
            case .university:
                slots = [
                    slot("заведующий кафедрой педагогики и психологии", ["педагогика"], "учитель истории", "психолог", male: 0.4, role: .managerial, head: true, years: 15...38),
                    slot("профессор", ["педагогика"], "учитель русского языка и литературы", "филолог", male: 0.4, years: 20...40),
                ]
                let subjects = ["методика преподавания математики", "психология", "педагогика", "методика преподавания русского языка", "информационные технологии в образовании"]
                while slots.count < size {
                    let s = rng.pick(subjects)
                    slots.append(rng.chance(0.6)
                        ? slot("доцент", [s], "учитель математики", "математик", male: 0.35, years: 8...38)
                        : slot("старший преподаватель", [s], "учитель информатики", "инженер-программист", male: 0.35))
                }
            case .partner:
                break
            }
            return slots
        }

        // MARK: People

        /// A staff member with a current membership in `org`, and their consents; returns the person,
        /// the start of their current membership and the signing date of their active consent.
        mutating func staff(_ slot: DemoSlot, org: Organisation, municipality m: Int, young: Bool, years: ClosedRange<Int>,
                            history: History, consent: ConsentPlan, mentor: Bool = false) -> (Person, Day, Day?) {
            let male = rng.chance(slot.maleShare)
            let (last, first, middle) = adultName(male: male)
            let education: EducationLevel
            let changer = rng.chance(young ? 0.12 : 0.06)
            if changer {
                education = .higher
            } else {
                education = rng.chance(slot.vocationalShare) ? .vocationalPedagogical : .higherPedagogical
            }
            // Pedagogical experience starts on pedStart; graduation comes before it.
            let pedYears: Int
            let pedStart: Day
            if young {
                pedYears = 0
                pedStart = daysAgo(30...(3 * 365 - 30))
            } else {
                pedYears = int(years)
                pedStart = daysAgo((pedYears * 365 + 1)...(pedYears * 365 + 360))
            }
            let gradAge = education == .vocationalPedagogical ? int(19...20) : int(21...23)
            var gap = changer ? int(4...14) : (rng.chance(0.8) ? 0 : int(1...3))
            gap = max(0, min(gap, 62 - gradAge - pedYears))
            var gradYear = (pedStart.month >= 7 ? pedStart.year : pedStart.year - 1) - gap
            var birthYear = gradYear - gradAge
            if today.year - birthYear < 23 {  // staff are at least 22
                birthYear = today.year - 23 - int(0...2)
                gradYear = birthYear + gradAge
            }
            let birth = Day(year: birthYear, month: int(1...12), day: int(1...28))!
            // General experience: from graduation (career changers) or around the pedagogical start.
            let adult = birth.adding(years: 18)
            var totalStart = changer
                ? Day(year: gradYear, month: int(7...9), day: int(1...28))!
                : (rng.chance(0.25) ? pedStart.adding(days: -int(30...700)) : pedStart)
            totalStart = min(pedStart, max(totalStart, adult))
            let category: QualificationCategory
            if young {
                category = rng.chance(0.9) ? .none : .fitForPost
            } else if pedYears < 6 {
                category = rng.weighted([(.none, 3), (.fitForPost, 3), (.first, 4)])
            } else if mentor {
                category = rng.weighted([(.first, 30), (.highest, 50), (.methodist, 8), (.mentorTeacher, 12)])
            } else {
                category = rng.weighted([(.none, 4), (.fitForPost, 20), (.first, 40), (.highest, 36)])
            }
            let person = Person(
                id: rng.uuid(), lastName: last, firstName: first, middleName: middle, birthDate: birth, sex: male ? .male : .female,
                snils: snils(), email: email(last), phone: phone(), educationLevel: education,
                specialty: education == .higher ? slot.otherSpecialty : slot.specialty, graduationYear: gradYear,
                totalExperienceStart: totalStart, pedagogicalExperienceStart: pedStart, category: category)
            data.people.append(person)

            // Places of work: the current one, and for some an earlier one in another school.
            var start: Day
            var previous: Period?
            let recent = today.adding(days: -int(20...330))
            switch history {
            case .stayed:
                start = (young || rng.chance(0.45)) ? pedStart : day(from: pedStart, to: today.adding(days: -60))
            case .moved where pedYears >= 3:
                start = day(from: pedStart.adding(years: 2), to: today.adding(days: -60))
                previous = Period(start: pedStart, end: start.adding(days: -int(1...45)))
            case .moved:
                start = pedStart
            case .newcomer:
                start = max(recent, pedStart)
                previous = start > pedStart.adding(days: 60) ? Period(start: pedStart, end: start.adding(days: -int(1...40))) : nil
            case .returning:
                start = max(recent, pedStart)
                let breakYears = int(2...6)
                let end = start.adding(years: -breakYears)
                previous = end > pedStart.adding(days: 365) ? Period(start: pedStart, end: end) : nil
            }
            if let previous, let other = otherSchool(m, than: org.id) {
                data.memberships.append(Membership(
                    id: rng.uuid(), personID: person.id, organisationID: other.id, role: slot.role == .managerial ? .pedagogical : slot.role,
                    position: slot.head ? "учитель" : slot.position, subjects: slot.subjects, period: previous))
            }
            if start > today { start = today }
            data.memberships.append(Membership(
                id: rng.uuid(), personID: person.id, organisationID: org.id, role: slot.role, position: slot.position,
                subjects: slot.subjects, period: Period(start: start)))
            let signed = consents(for: person, plan: consent, from: start, signer: .subject)
            return (person, start, signed)
        }

        mutating func otherSchool(_ m: Int, than id: UUID) -> Organisation? {
            let list = schoolsByMunicipality[m].filter { $0.id != id }
            return list.isEmpty ? nil : rng.pick(list)
        }

        /// Records the consents of `plan`; returns the signing date of the active one.
        mutating func consents(for person: Person, plan: ConsentPlan, from start: Day, signer: ConsentSigner, representative: String? = nil) -> Day? {
            let adult = signer == .subject ? person.birthDate.adding(years: 18) : person.birthDate
            let earliest = max(start, adult)
            guard plan != .none, earliest <= today else { return nil }
            let signed = max(earliest, daysAgo(20...900))
            func add(_ on: Day, withdrawn: Day?) {
                data.consents.append(Consent(
                    id: rng.uuid(), personID: person.id, signer: signer, representativeName: representative, signedOn: on,
                    scope: ConsentRules.defaultScope, withdrawnOn: withdrawn))
            }
            switch plan {
            case .none:
                return nil
            case .withdrawnOnly:
                guard signed < today else { return nil }
                add(signed, withdrawn: day(from: signed.adding(days: 1), to: today))
                return nil
            case .withdrawnThenActive:
                let old = max(adult, signed.adding(days: -int(200...1400)))
                if signed.ordinal - old.ordinal > 40 {
                    add(old, withdrawn: day(from: old.adding(days: 30), to: signed.adding(days: -1)))
                }
                add(signed, withdrawn: nil)
                return signed
            case .active:
                add(signed, withdrawn: nil)
                return signed
            }
        }

        /// The day a person entered a base: after their consent, not in the future.
        mutating func entry(after signed: Day) -> Day {
            day(from: signed, to: min(today, signed.adding(days: 150)))
        }

        mutating func fill(_ plan: OrgPlan) {
            let org = plan.org
            let slots = roster(org.kind, size: plan.staff)
            // Decide who is who: mentees among non-heads, mentors among experienced staff.
            var track = Array(repeating: Track.regular, count: slots.count)
            var eligible = slots.indices.filter { !slots[$0].head }
            rng.shuffle(&eligible)
            var cursor = 0
            for _ in 0..<min(plan.youngMentees, eligible.count) {
                track[eligible[cursor]] = .youngMentee
                cursor += 1
            }
            for _ in 0..<min(plan.otherMentees, eligible.count - cursor) {
                let category: MenteeCategory = rng.weighted([(.newcomer, 25), (.returning, 15), (.burnout, 15), (.contest, 20), (.difficulties, 15), (.newPost, 10)])
                track[eligible[cursor]] = .otherMentee(category)
                cursor += 1
            }
            for _ in 0..<min(plan.youngMentors, eligible.count - cursor) {
                track[eligible[cursor]] = .youngMentor
                cursor += 1
            }
            for i in eligible.dropFirst(cursor) where rng.chance(0.025) { track[i] = .young }
            var candidates = slots.indices.filter { track[$0] == .regular }
            rng.shuffle(&candidates)
            for i in candidates.prefix(plan.mentors) { track[i] = .mentor }

            for (i, slot) in slots.enumerated() {
                switch track[i] {
                case .regular, .young:
                    let consent: ConsentPlan
                    if rng.chance(0.10) {
                        consent = rng.chance(0.3) ? .withdrawnOnly : .none
                    } else {
                        consent = rng.chance(0.025) ? .withdrawnThenActive : .active
                    }
                    let history: History = rng.chance(0.03) ? .moved : .stayed
                    let (p, _, _) = staff(slot, org: org, municipality: plan.municipality, young: track[i] == .young, years: slot.years, history: history, consent: consent)
                    register(p, slot: slot, org: org)
                case .mentor, .youngMentor:
                    let young = track[i] == .youngMentor
                    let lower = max(slot.years.lowerBound, 6)
                    let (p, _, signed) = staff(
                        slot, org: org, municipality: plan.municipality, young: young, years: lower...max(lower, slot.years.upperBound - 2),
                        history: rng.chance(0.05) ? .moved : .stayed, consent: rng.chance(0.04) ? .withdrawnThenActive : .active, mentor: true)
                    register(p, slot: slot, org: org)
                    staffMentors[org.id, default: []].append(p)
                    data.mentors.append(mentorProfile(p, slot: slot, org: org, entered: entry(after: signed!), young: young))
                case .youngMentee:
                    let (p, _, signed) = staff(slot, org: org, municipality: plan.municipality, young: true, years: slot.years, history: .stayed, consent: .active)
                    register(p, slot: slot, org: org)
                    staffMentees[org.id, default: []].append(p)
                    let categories: [MenteeCategory] = rng.weighted([([], 60), ([.newcomer], 25), ([.difficulties], 10), ([.newcomer, .difficulties], 5)])
                    let request: MainRequest = rng.weighted([(.methodical, 30), (.classManagement, 20), (.discipline, 15), (.digital, 10), (.parents, 10), (.adaptation, 15)])
                    let deficits = rng.sample(DemoLists.deficits, int(1...3))
                    data.mentees.append(MenteeProfile(
                        id: rng.uuid(), personID: p.id, organisationID: org.id, categories: categories, mainRequest: request,
                        requestDetails: rng.chance(0.4) ? "Прошу помочь: \(deficits[0])" : nil, deficits: deficits, status: rng.weighted([(.inProgramme, 60), (.waiting, 35), (.completed, 5)]),
                        enteredOn: entry(after: signed!)))
                case .otherMentee(let category):
                    let years: ClosedRange<Int>
                    let history: History
                    let request: MainRequest
                    switch category {
                    case .newcomer: (years, history, request) = (4...25, .newcomer, rng.pick([.adaptation, .methodical]))
                    case .returning: (years, history, request) = (6...25, .returning, rng.pick([.digital, .methodical]))
                    case .burnout: (years, history, request) = (15...35, .stayed, .personal)
                    case .contest: (years, history, request) = (4...14, .stayed, .contest)
                    case .newPost: (years, history, request) = (5...25, .stayed, rng.pick([.subjectKnowledge, .methodical]))
                    default: (years, history, request) = (4...20, .stayed, rng.pick([.methodical, .discipline, .parents, .digital]))
                    }
                    let (p, _, signed) = staff(slot, org: org, municipality: plan.municipality, young: false, years: years, history: history, consent: .active)
                    register(p, slot: slot, org: org)
                    staffMentees[org.id, default: []].append(p)
                    data.mentees.append(MenteeProfile(
                        id: rng.uuid(), personID: p.id, organisationID: org.id, categories: [category], mainRequest: request,
                        requestDetails: category == .contest ? "Подготовка к конкурсу «Учитель года»" : nil,
                        deficits: rng.sample(DemoLists.deficits, int(1...2)), status: rng.weighted([(.inProgramme, 50), (.waiting, 50)]),
                        enteredOn: entry(after: signed!)))
                }
            }
            if plan.students > 0 {
                if org.kind == .university { universityStudents(org, count: plan.students) } else { pupils(org, count: plan.students) }
            }
        }

        /// Remembers the director, the first deputy and the psychologist of an organisation.
        mutating func register(_ p: Person, slot: DemoSlot, org: Organisation) {
            if slot.position == "директор" || slot.position == "заведующий" { directors[org.id] = p }
            if slot.position.hasPrefix("заместитель директора"), deputies[org.id] == nil { deputies[org.id] = p }
            if slot.position == "педагог-психолог", psychologists[org.id] == nil { psychologists[org.id] = p }
        }

        mutating func mentorProfile(_ p: Person, slot: DemoSlot, org: Organisation, entered: Day, young: Bool) -> MentorProfile {
            var competencies: Set<Competency> = rng.chance(0.85) ? [.subject] : []
            while competencies.count < int(2...4) { competencies.insert(rng.pick(Competency.allCases)) }
            var achievements: Set<Achievement> = []
            for _ in 0..<rng.weighted([(0, 25), (1, 40), (2, 25), (3, 10)]) {
                achievements.insert(rng.weighted([(.contestWinner, 3), (.author, 3), (.webinarHost, 2), (.communityHead, 2), (.disseminator, 3), (.manager, slot.head ? 4 : 0), (.expert, 2)]))
            }
            let forms: [MentorshipForm]
            if young {
                forms = [.reverse, .teacherTeacher]
            } else if slot.head {
                forms = rng.chance(0.5) ? [.headTeacher, .headHead] : [.headTeacher]
            } else if org.kind == .vocational {
                forms = rng.chance(0.5) ? [.teacherTeacher, .employerStudent] : [.teacherTeacher]
            } else {
                forms = rng.weighted([([.teacherTeacher], 65), ([.teacherTeacher, .teacherStudent], 25), ([.teacherStudent], 5), ([.teacherTeacher, .teamTeam], 5)])
            }
            var topics = ["функциональная грамотность", "проектная деятельность", "классное руководство и работа с родителями", "адаптация молодых педагогов"]
            if slot.head {
                topics = ["управление образовательной организацией", "внутришкольный контроль и методическая работа", "развитие управленческой команды"]
            } else if let subject = slot.subjects.first {
                topics += ["методика преподавания: \(subject)", "подготовка к ОГЭ и ЕГЭ: \(subject)", "олимпиадная подготовка: \(subject)"]
            } else {
                topics += ["психолого-педагогическое сопровождение", "профилактика профессионального выгорания"]
            }
            let interests = young ? "цифровые образовательные ресурсы, интерактивные доски и онлайн-сервисы" : rng.pick(topics)
            return MentorProfile(
                id: rng.uuid(), personID: p.id, organisationID: org.id,
                competencies: Competency.allCases.filter(competencies.contains), interests: interests,
                achievements: Achievement.allCases.filter(achievements.contains),
                achievementsOther: achievements.contains(.contestWinner) && rng.chance(0.5) ? "призёр муниципального этапа конкурса «Учитель года»" : nil,
                capacity: rng.weighted([(1, 30), (2, 45), (3, 25)]), availability: rng.pick(DemoLists.availability),
                training: rng.weighted([(.trained, 50), (.inTraining, 30), (.notTrained, 20)]), forms: forms,
                status: rng.weighted([(.active, 80), (.selected, 12), (.candidate, 8)]), network: rng.chance(0.15), enteredOn: entered)
        }

        // MARK: Students

        /// Pupils aged 10–17 with a parent's consent; a few in the mentee base, older ones in the mentor base.
        mutating func pupils(_ org: Organisation, count: Int) {
            let schoolYear = today.month >= 9 ? today.year : today.year - 1
            let mentorCount = count >= 22 ? 2 : int(1...2)
            let menteeCount = count >= 22 ? 4 : int(2...3)
            for i in 0..<count {
                let grade = i < mentorCount ? int(10...11) : (i < mentorCount + menteeCount ? int(5...9) : int(4...11))
                let age = min(17, grade + 6 + int(0...1))
                let birth = today.adding(years: -age).adding(days: -int(1...360))
                let male = rng.chance(0.5)
                let surname = rng.pick(DemoNames.surnames)
                let father = rng.pick(DemoNames.fathers)
                let person = Person(
                    id: rng.uuid(), lastName: male ? surname : DemoNames.feminine(surname),
                    firstName: male ? rng.pick(DemoNames.maleChild) : rng.pick(DemoNames.femaleChild), middleName: male ? father.1 : father.2,
                    birthDate: birth, sex: male ? .male : .female, snils: snils())
                data.people.append(person)
                var start = Day(year: schoolYear - (grade - 1), month: 9, day: 1)!
                if rng.chance(0.12) { start = max(start, daysAgo(30...400)) }
                data.memberships.append(Membership(
                    id: rng.uuid(), personID: person.id, organisationID: org.id, role: .student,
                    grade: "\(grade)\(rng.pick(["А", "Б", "В", "Г"]))", period: Period(start: start)))
                let mother = rng.chance(0.8)
                let parent = mother
                    ? "\(DemoNames.feminine(surname)) \(rng.pick(DemoNames.femaleAdult)) \(rng.pick(DemoNames.fathers).2)"
                    : "\(surname) \(father.0) \(rng.pick(DemoNames.fathers).1)"
                let signed = consents(for: person, plan: .active, from: start, signer: .parent, representative: parent)!
                if i < mentorCount {
                    data.mentors.append(MentorProfile(
                        id: rng.uuid(), personID: person.id, organisationID: org.id,
                        competencies: rng.chance(0.5) ? [.subject] : [.subject, .research],
                        interests: rng.pick(["олимпиадная математика", "робототехника", "волонтёрство", "школьный театр", "подготовка к олимпиадам по биологии"]),
                        achievementsOther: rng.chance(0.5) ? "призёр регионального этапа всероссийской олимпиады школьников" : nil,
                        capacity: int(1...2), availability: "после уроков", training: rng.pick([.inTraining, .trained]),
                        forms: [.studentStudent], status: .active, enteredOn: entry(after: signed)))
                } else if i < mentorCount + menteeCount {
                    let category: MenteeCategory = rng.weighted([(.gifted, 25), (.lowMotivation, 25), (.adaptation, 20), (.careerGuidance, 15), (.hardship, 8), (.disability, 7)])
                    let request: MainRequest
                    switch category {
                    case .gifted: request = rng.pick([.research, .subjectKnowledge])
                    case .adaptation: request = .adaptation
                    case .careerGuidance: request = .career
                    case .lowMotivation: request = rng.pick([.subjectKnowledge, .personal])
                    default: request = .personal
                    }
                    data.mentees.append(MenteeProfile(
                        id: rng.uuid(), personID: person.id, organisationID: org.id, categories: [category], mainRequest: request,
                        requestDetails: rng.pick(["интеллектуальное направление", "спортивное направление", "волонтёрское направление", "профориентационное направление", "творческое направление"]),
                        status: rng.weighted([(.waiting, 50), (.inProgramme, 50)]), enteredOn: entry(after: signed)))
                }
            }
        }

        /// University students (adults, own consent) mentoring pupils: the «студент – ученик» form.
        mutating func universityStudents(_ org: Organisation, count: Int) {
            for _ in 0..<count {
                let male = rng.chance(0.3)
                let (last, first, middle) = adultName(male: male)
                let age = int(19...21)
                let person = Person(
                    id: rng.uuid(), lastName: last, firstName: first, middleName: middle,
                    birthDate: today.adding(years: -age).adding(days: -int(1...360)), sex: male ? .male : .female,
                    snils: snils(), email: email(last), phone: phone(), educationLevel: .general)
                data.people.append(person)
                let course = age - 17
                let start = Day(year: (today.month >= 9 ? today.year : today.year - 1) - (course - 1), month: 9, day: 1)!
                data.memberships.append(Membership(
                    id: rng.uuid(), personID: person.id, organisationID: org.id, role: .student, grade: "\(course) курс",
                    period: Period(start: start)))
                let signed = consents(for: person, plan: .active, from: start, signer: .subject)!
                data.mentors.append(MentorProfile(
                    id: rng.uuid(), personID: person.id, organisationID: org.id, competencies: [.subject, .psychoPedagogical],
                    interests: "педагогическая практика, вожатская работа", capacity: int(1...3), availability: "по субботам",
                    training: .inTraining, forms: [.universityStudentPupil], status: .selected, network: true, enteredOn: entry(after: signed)))
            }
        }

        // MARK: Partners

        /// Enterprises with a few employees; one of each in the mentor base («работодатель – ученик/студент»).
        mutating func partners() {
            let list: [(String, String, String)] = [
                ("ООО «ИжТехПарк»", "ИжТехПарк", "izhtechpark"),
                ("АО «Ижевский завод точной механики»", "ИЗТМ", "iztm"),
                ("ООО «Удмуртские цифровые решения»", "Удмуртские цифровые решения", "udm-digital"),
            ]
            let jobs: [(String, String)] = [
                ("инженер-конструктор", "инженер-конструктор"), ("мастер участка", "инженер-технолог"),
                ("начальник отдела кадров", "менеджер по персоналу"), ("ведущий программист", "инженер-программист"),
                ("главный технолог", "инженер-технолог"),
            ]
            for (name, short, site) in list {
                let org = organisation(0, kind: .partner, name: name, shortName: short, site: site)
                for i in 0..<int(3...4) {
                    let job = rng.pick(jobs)
                    let male = rng.chance(0.6)
                    let (last, first, middle) = adultName(male: male)
                    let age = int(28...58)
                    let birth = Day(year: today.year - age - 1, month: int(1...12), day: int(1...28))!
                    let grad = birth.year + 22
                    let totalStart = Day(year: grad, month: int(7...9), day: int(1...28))!
                    let person = Person(
                        id: rng.uuid(), lastName: last, firstName: first, middleName: middle, birthDate: birth, sex: male ? .male : .female,
                        snils: snils(), email: email(last), phone: phone(), educationLevel: .higher, specialty: job.1,
                        graduationYear: grad, totalExperienceStart: totalStart)
                    data.people.append(person)
                    let start = day(from: totalStart, to: today.adding(days: -90))
                    data.memberships.append(Membership(
                        id: rng.uuid(), personID: person.id, organisationID: org.id, role: .partnerEmployee, position: job.0,
                        period: Period(start: start)))
                    let signed = consents(for: person, plan: .active, from: start, signer: .subject)!
                    if i == 0 {
                        data.mentors.append(MentorProfile(
                            id: rng.uuid(), personID: person.id, organisationID: org.id, competencies: [.subject, .prognostic],
                            interests: "профориентация, экскурсии на производство, проектные задачи от предприятия",
                            achievements: rng.chance(0.5) ? [.expert] : [], capacity: int(2...3), availability: "по договорённости",
                            training: .trained, forms: [.employerStudent], status: .active, network: true, enteredOn: entry(after: signed)))
                    }
                }
            }
        }

        // MARK: Accounts

        mutating func accounts() {
            let password = DemoGenerator.password
            let izhevsk = municipalities[0]
            let schools = schoolsByMunicipality[0]
            let s12 = schools.first { $0.shortName == "МБОУ СОШ № 12" }!
            let s5 = schools.first { $0.shortName == "МБОУ СОШ № 5" }!
            func name(_ male: Bool) -> String {
                let n = adultName(male: male)
                return "\(n.0) \(n.1) \(n.2)"
            }
            let director12 = directors[s12.id]!
            let curator12 = deputies[s12.id]!
            let curator5 = deputies[s5.id]!
            let psy12 = psychologists[s12.id]!
            let mentor12 = staffMentors[s12.id]!.first { p in data.mentors.contains { $0.personID == p.id && $0.forms.contains(.teacherTeacher) } }
                ?? staffMentors[s12.id]![0]
            let mentee12 = staffMentees[s12.id]!.first { $0.isYoungSpecialist(on: today) && $0.id != psy12.id } ?? staffMentees[s12.id]![0]
            // The tutor follows five staff mentees of five schools in three municipalities.
            var assigned: [UUID] = []
            for (m, index) in [(0, 2), (0, 30), (0, 60), (1, 0), (3, 1)] {
                let list = schoolsByMunicipality[m]
                for k in 0..<list.count {
                    let org = list[(index + k) % list.count]
                    if let p = staffMentees[org.id]?.first {
                        assigned.append(p.id)
                        break
                    }
                }
            }
            let rID = region.id
            let org12 = (rID, izhevsk.id, s12.id)
            data.accounts = [
                DemoAccount(login: "admin", password: password, role: .administrator, fullName: "Администратор системы"),
                DemoAccount(login: "region", password: password, role: .regionalOperator, fullName: name(false), regionID: rID),
                DemoAccount(login: "izhevsk", password: password, role: .municipalCoordinator, fullName: name(false), regionID: rID, municipalityID: izhevsk.id),
                DemoAccount(login: "sarapul", password: password, role: .municipalCoordinator, fullName: name(false), regionID: rID, municipalityID: municipalities[1].id),
                DemoAccount(login: "curator12", password: password, role: .curator, fullName: curator12.fullName, regionID: org12.0, municipalityID: org12.1, organisationID: org12.2, personID: curator12.id),
                DemoAccount(login: "director12", password: password, role: .director, fullName: director12.fullName, regionID: org12.0, municipalityID: org12.1, organisationID: org12.2, personID: director12.id),
                DemoAccount(login: "psy12", password: password, role: .psychologist, fullName: psy12.fullName, regionID: org12.0, municipalityID: org12.1, organisationID: org12.2, personID: psy12.id),
                DemoAccount(login: "curator5", password: password, role: .curator, fullName: curator5.fullName, regionID: rID, municipalityID: izhevsk.id, organisationID: s5.id, personID: curator5.id),
                DemoAccount(login: "tutor", password: password, role: .regionalTutor, fullName: name(true), regionID: rID, assignedPersonIDs: assigned),
                DemoAccount(login: "mentor12", password: password, role: .mentor, fullName: mentor12.fullName, regionID: org12.0, municipalityID: org12.1, organisationID: org12.2, personID: mentor12.id),
                DemoAccount(login: "mentee12", password: password, role: .mentee, fullName: mentee12.fullName, regionID: org12.0, municipalityID: org12.1, organisationID: org12.2, personID: mentee12.id),
            ]
        }
    }
}
