import Foundation

/// A set of rows an indicator counts: the numerator or the denominator of its formula. Each case is one
/// named query over `MonitoringData` at a date, so that the value and the rows behind it come from one place.
public enum IndicatorQuery: Sendable, Hashable {
    /// V: the node's educational organisations of the kinds monitored (`IndicatorEvaluator.kinds`).
    case organisations
    /// Organisations with a local act of this kind in force on the date (registry).
    case organisationsWithAct(LocalActKind)
    /// «Актуальная база наставников»: at least one mentor in the base (not «выбыл») who works there on the date.
    case organisationsWithMentorBase
    /// «Актуальная база наставляемых»: the same for mentees.
    case organisationsWithMenteeBase
    /// Roadmap of the date's school year: a roadmap act in force, or a roadmap made in the roadmap module by the date.
    case organisationsWithRoadmap
    /// Order(s) fixing pairs/groups of pedagogical workers: the organisations of `staffMentorshipsByOrder`'s pairs.
    case organisationsWithPairsOrder
    /// The public section «Целевая модель наставничества» published on or before the date.
    case organisationsWithPublicPage
    /// «Реализует систему наставничества» (seed 001, indicator 15).
    case organisationsImplementing
    /// Pairs and groups of every form fixed on the date by an order in force (`PairsOrders`), working in the school year.
    case mentorshipsByOrder
    /// The same, of pedagogical workers only (`MentorshipForm.isStaff`): seed 001's indicator 8.
    case staffMentorshipsByOrder
    case mentorshipsByOrderOfForm(MentorshipForm)
    /// Personalised programmes of pedagogical workers' pairs approved on or before the date, running in the school
    /// year: the programme's end and its pair's actual end (a terminated pair ends its programme) both in it or later.
    case approvedProgrammes
    /// Pedagogical and managerial workers on the date.
    case staff
    /// Молодые специалисты: staff with pedagogical experience from 0 to 3 years on the date.
    case youngSpecialists
    /// Young specialists who entered a programme as mentees: pair order AND approved programme, in a pedagogical workers' pair.
    case youngSpecialistsEntered
    /// Staff who entered a programme as mentors: pair order AND approved programme, in a pedagogical workers' pair.
    case staffEnteredAsMentors
    /// Partner enterprises whose employees are mentors in entered programmes.
    case enterprisesInProgrammes
    /// Mentors in the base (not «выбыл») working in the node on the date.
    case mentorsInBase
    case mentorsWithCompetency(Competency)
    /// Mentors in the base with pedagogical experience of 3 years or less (seed 001: «только один педагог»).
    case mentorsWithShortExperience
    /// Mentees in the base (not «выбыл») in the node on the date.
    case menteesInBase
    case menteesWithRequest(MainRequest)
}

public enum IndicatorKind: String, Sendable, Codable {
    /// Numerator ÷ denominator × 100 %.
    case share
    /// The numerator alone.
    case count
}

/// One monitoring indicator, defined once: number, Russian name, formula as printed, and its queries.
public struct IndicatorDefinition: Sendable, Identifiable {
    public var id: String
    /// Seed 001's Table 1 number, when it is one of the fifteen.
    public var number: Int?
    public var group: String
    public var name: String
    public var formula: String
    public var kind: IndicatorKind
    public var numerator: IndicatorQuery
    public var denominator: IndicatorQuery?
    /// Where our formula differs from the printed one, and why.
    public var note: String?

    public init(
        id: String, number: Int? = nil, group: String, name: String, formula: String, kind: IndicatorKind,
        numerator: IndicatorQuery, denominator: IndicatorQuery? = nil, note: String? = nil
    ) {
        self.id = id
        self.number = number
        self.group = group
        self.name = name
        self.formula = formula
        self.kind = kind
        self.numerator = numerator
        self.denominator = denominator
        self.note = note
    }
}

extension IndicatorDefinition {
    /// The formula as printed and, where V is the denominator, which kinds of organisation make it.
    public func formula(kinds: Set<OrganisationKind>) -> String {
        denominator == .organisations ? "\(formula) (\(MonitoredKinds.vSentence(kinds)))" : formula
    }
}

/// The catalogue: seed 001's Table 1 (indicators 1–15), then its analysis (Table 2 of competencies, the
/// mentees' requests, forms) and the federal target for young specialists.
public enum IndicatorCatalogue {
    public static let table1 = "Таблица 1. Показатели мониторинга"
    static let v = "V — общее количество образовательных организаций"

    static func orgShare(_ n: Int, _ id: String, _ name: String, letter: String, counted: String, _ q: IndicatorQuery, note: String? = nil) -> IndicatorDefinition {
        IndicatorDefinition(
            id: id, number: n, group: table1, name: name,
            formula: "\(letter) = \(letter)1 / V × 100 %, где \(letter)1 — количество ОО, \(counted); \(v)",
            kind: .share, numerator: q, denominator: .organisations, note: note)
    }

    public static let table: [IndicatorDefinition] = [
        orgShare(1, "1", "Доля ОО, в которых разработаны и утверждены приказы о внедрении целевой модели наставничества", letter: "N",
                 counted: "в которых утверждён приказ о внедрении целевой модели наставничества", .organisationsWithAct(.implementationOrder)),
        orgShare(2, "2", "Доля ОО, в которых утверждены положения о системе наставничества", letter: "P",
                 counted: "в которых утверждено положение о системе наставничества", .organisationsWithAct(.regulation)),
        orgShare(3, "3", "Доля ОО, имеющих актуальные базы наставников", letter: "Q",
                 counted: "имеющих актуальную базу наставников (хотя бы один наставник, работающий в ОО на дату)", .organisationsWithMentorBase),
        orgShare(4, "4", "Доля ОО, имеющих актуальные базы наставляемых", letter: "T",
                 counted: "имеющих актуальную базу наставляемых", .organisationsWithMenteeBase,
                 note: "В типовой методике мониторинга T1 ошибочно определено как «количество ОУ, имеющих актуальные базы наставников»; считается по смыслу показателя — базы наставляемых."),
        orgShare(5, "5", "Доля ОО, в которых разработан план мероприятий (дорожная карта) внедрения целевой модели наставничества", letter: "K",
                 counted: "в которых на дату есть дорожная карта на текущий учебный год: действующий утверждённый документ в реестре локальных актов или дорожная карта, составленная в разделе «Дорожная карта» организации", .organisationsWithRoadmap),
        orgShare(6, "6", "Доля ОО, в которых разработана и утверждена программа наставничества образовательной организации", letter: "A",
                 counted: "в которых утверждена программа наставничества ОО", .organisationsWithAct(.organisationProgramme)),
        orgShare(7, "7", "Доля ОО, имеющих приказ о назначении куратора(ов) внедрения и реализации целевой модели наставничества", letter: "B",
                 counted: "имеющих приказ о назначении куратора(ов)", .organisationsWithAct(.curatorOrder)),
        IndicatorDefinition(
            id: "8", number: 8, group: table1, name: "Количество наставнических пар/групп педагогических работников",
            formula: "Количество пар и групп педагогических работников (формы «учитель – учитель», «руководитель – руководитель», «руководитель – педагог», «команда – команда», реверсивное наставничество), закреплённых приказами о закреплении (приказ датирован не позднее даты мониторинга и не отменён на эту дату, пара работала в текущем учебном году)",
            kind: .count, numerator: .staffMentorshipsByOrder,
            note: "Пары с обучающимися в роли наставляемых в таблицу 1 не входят: они видны в долях пар по формам."),
        orgShare(9, "9", "Доля ОО, имеющих приказ(ы) о закреплении наставнических пар/групп педагогических работников", letter: "H",
                 counted: "в которых на дату действующим приказом закреплена хотя бы одна пара/группа педагогических работников, работавшая в текущем учебном году (пары с обучающимися не учитываются; отменённый приказ перестаёт закреплять пары с даты отмены)", .organisationsWithPairsOrder),
        IndicatorDefinition(
            id: "10", number: 10, group: table1, name: "Количество утверждённых персонализированных программ наставничества",
            formula: "Количество персонализированных программ пар и групп педагогических работников, утверждённых не позднее даты мониторинга и действующих в текущем учебном году (программа прекращённой пары действует до даты прекращения)",
            kind: .count, numerator: .approvedProgrammes),
        IndicatorDefinition(
            id: "11", number: 11, group: table1,
            name: "Доля педагогов — молодых специалистов (стаж от 0 до 3 лет), вошедших в программы наставничества в роли наставляемого",
            formula: "M = M1 / M2 × 100 %, где M1 — количество молодых специалистов, вошедших в программы в роли наставляемого (есть действующий приказ о закреплении пары/группы педагогических работников, где педагог — наставляемый, и утверждена персонализированная программа), M2 — общее количество молодых специалистов",
            kind: .share, numerator: .youngSpecialistsEntered, denominator: .youngSpecialists),
        IndicatorDefinition(
            id: "12", number: 12, group: table1,
            name: "Доля педагогических работников, вошедших в программы наставничества в роли наставника",
            formula: "Z = Z1 / (общее количество педагогических работников) × 100 %, где Z1 — количество педагогических работников, вошедших в программы в роли наставника в парах/группах педагогических работников (действующий приказ о закреплении и утверждённая программа; наставники обучающихся не учитываются)",
            kind: .share, numerator: .staffEnteredAsMentors, denominator: .staff,
            note: "В типовой методике мониторинга Z1 делится на V (число организаций), а в тексте показатель назван «13»; доля педагогов считается от числа педагогических работников."),
        IndicatorDefinition(
            id: "13", number: 13, group: table1,
            name: "Количество предприятий (организаций), вошедших в программы наставничества",
            formula: "Количество организаций-партнёров, сотрудники которых выступают наставниками в парах/группах с приказом и утверждённой программой",
            kind: .count, numerator: .enterprisesInProgrammes),
        orgShare(14, "14", "Доля ОО, создавших специальный раздел «Целевая модель наставничества» на официальных сайтах", letter: "F",
                 counted: "опубликовавших раздел «Целевая модель наставничества»", .organisationsWithPublicPage),
        orgShare(15, "15", "Доля ОО, реализующих систему наставничества", letter: "Q",
                 counted: "реализующих систему наставничества: утверждены приказ о внедрении и положение, а где есть работники, которым нужен наставник (молодые специалисты или наставляемые в базе), — также приказ(ы) о закреплении пар/групп и персонализированные программы",
                 .organisationsImplementing),
    ]

    static let analysis = "Анализ баз и пар"

    /// Table 2 of seed 001: the share of mentors with each competency.
    public static let competencies: [IndicatorDefinition] = Competency.allCases.map { c in
        IndicatorDefinition(
            id: "competency-\(c.rawValue)", group: "Таблица 2. Основные компетенции наставников", name: "Доля наставников с компетенцией «\(c.label)»",
            formula: "Наставники базы с этой компетенцией / все наставники базы × 100 %", kind: .share,
            numerator: .mentorsWithCompetency(c), denominator: .mentorsInBase)
    }

    public static let requests: [IndicatorDefinition] = MainRequest.allCases.map { r in
        IndicatorDefinition(
            id: "request-\(r.rawValue)", group: "Основные запросы наставляемых", name: "Доля наставляемых с основным запросом «\(r.label)»",
            formula: "Наставляемые базы с этим запросом / все наставляемые базы × 100 %", kind: .share,
            numerator: .menteesWithRequest(r), denominator: .menteesInBase)
    }

    public static let forms: [IndicatorDefinition] = MentorshipForm.allCases.map { f in
        IndicatorDefinition(
            id: "form-\(f.rawValue)", group: "Формы наставничества", name: "Доля пар/групп формы «\(f.label)»",
            formula: "Пары/группы этой формы, закреплённые приказами / все пары и группы по приказам (показатель 8) × 100 %", kind: .share,
            numerator: .mentorshipsByOrderOfForm(f), denominator: .mentorshipsByOrder)
    }

    public static let extra: [IndicatorDefinition] = [
        IndicatorDefinition(
            id: "short-experience-mentors", group: analysis, name: "Наставники со стажем до 3 лет",
            formula: "Количество наставников базы с педагогическим стажем 3 года и менее (норма — более 3 лет)", kind: .count,
            numerator: .mentorsWithShortExperience),
        IndicatorDefinition(
            id: "mentors-in-base", group: analysis, name: "Наставников в базе", formula: "Количество наставников базы, работающих в ОО на дату",
            kind: .count, numerator: .mentorsInBase),
        IndicatorDefinition(
            id: "mentees-in-base", group: analysis, name: "Наставляемых в базе", formula: "Количество наставляемых базы на дату",
            kind: .count, numerator: .menteesInBase),
    ]

    public static let all: [IndicatorDefinition] = table + extra + competencies + requests + forms

    public static func definition(_ id: String) -> IndicatorDefinition? { all.first { $0.id == id } }
}

/// The federal target for indicator 11 (seed 001: «к 2024 году … должна составить 70 %»); each year's target
/// is configurable, the default being 70 % from 2024 on.
public struct IndicatorTargets: Sendable, Equatable {
    /// Year → the share (percent) of young specialists with mentors to reach by the end of that year.
    public var youngSpecialists: [Int: Double]

    public init(youngSpecialists: [Int: Double] = [2024: 70]) { self.youngSpecialists = youngSpecialists }

    /// The target in force for `day`: the one of its year or, failing that, of the latest earlier year.
    public func youngSpecialistsTarget(on day: Day) -> (year: Int, percent: Double)? {
        if let p = youngSpecialists[day.year] { return (day.year, p) }
        return youngSpecialists.filter { $0.key < day.year }.max { $0.key < $1.key }.map { ($0.key, $0.value) }
            ?? youngSpecialists.min { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
