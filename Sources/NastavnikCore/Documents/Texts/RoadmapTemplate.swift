import Foundation

/// One event of a roadmap template (seed 003).
public struct RoadmapTemplateEvent: Sendable, Equatable, Codable {
    /// 1…35, running through all stages. The seed's own column skips 23 and prints 31 twice; see `RoadmapTemplate`.
    public var number: Int
    /// The event, generalised: «в образовательной организации» instead of a named school.
    public var title: String
    /// The seed's «Сроки», made relative to the school year.
    public var timing: String
    public var responsible: String
    /// What document or fact shows the event is done.
    public var evidence: String
    /// Months after 1 September (September = 0) by which the event is due: the end of a range, the month before
    /// a «до 1 марта» deadline, and for ongoing or year-end events the end of the school year (май = 8).
    public var monthOffset: Int
    /// The day of that month it is due, when the text names one («до 20 января» — 20); nil — the month's last day.
    public var dueDay: Int?
    /// The month offset from the second year of the model on, when the text says «далее ежегодно в сентябре»
    /// (0) or «… в октябре» (1); nil — the same month every year.
    public var laterMonthOffset: Int?

    public init(number: Int, title: String, timing: String, responsible: String, evidence: String, monthOffset: Int,
                dueDay: Int? = nil, laterMonthOffset: Int? = nil) {
        self.number = number
        self.title = title
        self.timing = timing
        self.responsible = responsible
        self.evidence = evidence
        self.monthOffset = monthOffset
        self.dueDay = dueDay
        self.laterMonthOffset = laterMonthOffset
    }
}

/// Этап дорожной карты.
public struct RoadmapTemplateStage: Sendable, Equatable, Codable {
    public var number: Int
    public var title: String
    public var events: [RoadmapTemplateEvent]

    public init(number: Int, title: String, events: [RoadmapTemplateEvent]) {
        self.number = number
        self.title = title
        self.events = events
    }
}

/// Дорожная карта внедрения целевой модели наставничества: the default template, from seed 003 (lyceum No. 1,
/// Proletarsk, 2021/22).
///
/// The seed's table has 35 event rows, but its «№» column skips 23 and prints 31 twice (after 32); the events here
/// are numbered 1…35 in table order, so the seed's 24…32 are 23…31, its second 31 is 32, and 33…35 stay.
/// The stages follow the seed's own list «Цикл наставничества включает 7 этапов» (which is Р-145's): the table's
/// heading «Формирование базы наставников» (seed 12–16) is split into stage 3 (12–14) and stage 4
/// «Отбор/выдвижение наставников» (15–16), and the table's last heading «Отчётность о реализации программы
/// наставничества» (33–35) belongs to stage 7 «Завершение внедрения целевой модели наставничества».
public enum RoadmapTemplate {
    private static let curator = "Куратор (ответственный за внедрение целевой модели)"
    private static let curatorAndClassTeachers = "Куратор (ответственный за внедрение целевой модели), классные руководители"
    private static let curatorAndPsychologist = "Куратор (ответственный за внедрение целевой модели), педагог-психолог"
    private static let deputiesPsychologistClassTeachers = "Заместители директора, педагог-психолог, классные руководители"

    public static let standard: [RoadmapTemplateStage] = [
        RoadmapTemplateStage(number: 1, title: "Подготовка условий для запуска целевой модели наставничества", events: [
            RoadmapTemplateEvent(
                number: 1,
                title: "Издание приказа о реализации целевой модели наставничества в образовательной организации и назначении ответственного за внедрение целевой модели наставничества",
                timing: "октябрь",
                responsible: "Директор",
                evidence: "Приказ о внедрении целевой модели наставничества и назначении куратора",
                monthOffset: 1),
            RoadmapTemplateEvent(
                number: 2,
                title: "Изучение и систематизация имеющихся материалов по проблеме наставничества",
                timing: "октябрь",
                responsible: "Администрация образовательной организации",
                evidence: "Педагогическим коллективом изучены нормативные правовые документы федерального, регионального и муниципального уровней по наставничеству",
                monthOffset: 1),
            RoadmapTemplateEvent(
                number: 3,
                title: "Разработка и утверждение нормативных правовых документов по внедрению целевой модели наставничества в образовательной организации",
                timing: "сентябрь–октябрь",
                responsible: curator,
                evidence: "Утверждены дорожная карта, планируемые результаты (показатели эффективности) внедрения целевой модели наставничества и положение о наставничестве",
                monthOffset: 1),
            RoadmapTemplateEvent(
                number: 4,
                title: "Разработка и утверждение плана методической работы по реализации наставничества в образовательной организации",
                timing: "сентябрь–октябрь",
                responsible: curator,
                evidence: "План методической работы утверждён в составе программы внедрения целевой модели наставничества",
                monthOffset: 1),
            RoadmapTemplateEvent(
                number: 5,
                title: "Разработка программы внедрения целевой модели наставничества в образовательной организации",
                timing: "сентябрь–октябрь",
                responsible: curator,
                evidence: "Утверждённая программа внедрения целевой модели наставничества (программа наставничества образовательной организации)",
                monthOffset: 1),
            RoadmapTemplateEvent(
                number: 6,
                title: "Информирование родителей, педагогов, обучающихся о возможностях и целях целевой модели наставничества, в том числе через средства массовой информации и сайт образовательной организации",
                timing: "сентябрь–октябрь",
                responsible: curatorAndClassTeachers,
                evidence: "Проведены классные часы и родительские собрания; информация размещена на сайте образовательной организации",
                monthOffset: 1),
        ]),
        RoadmapTemplateStage(number: 2, title: "Формирование базы наставляемых", events: [
            RoadmapTemplateEvent(
                number: 7,
                title: "Проведение мониторинга по выявлению предварительных запросов от потенциальных наставляемых и заинтересованных в наставничестве участников",
                timing: "ноябрь–декабрь, далее ежегодно в сентябре",
                responsible: deputiesPsychologistClassTeachers,
                evidence: "Результаты анкетирования: предварительные запросы потенциальных наставляемых",
                monthOffset: 3, laterMonthOffset: 0),
            RoadmapTemplateEvent(
                number: 8,
                title: "Сбор дополнительной информации о запросах наставляемых обучающихся от третьих лиц: классного руководителя, педагога-психолога, социального педагога, родителей. Сбор согласий на сбор и обработку персональных данных от участников программы",
                timing: "ноябрь–декабрь, далее ежегодно в сентябре",
                responsible: curator,
                evidence: "Перечень направлений наставничества по запросам наставляемых; собраны согласия на обработку персональных данных",
                monthOffset: 3, laterMonthOffset: 0),
            RoadmapTemplateEvent(
                number: 9,
                title: "Формирование базы наставляемых",
                timing: "ноябрь–декабрь, далее ежегодно в сентябре",
                responsible: curatorAndClassTeachers,
                evidence: "База наставляемых из числа обучающихся и педагогов; согласия совершеннолетних участников и родителей (законных представителей) несовершеннолетних наставляемых",
                monthOffset: 3, laterMonthOffset: 0),
            RoadmapTemplateEvent(
                number: 10,
                title: "Выбор форм наставничества, реализуемых в рамках текущей программы наставничества",
                timing: "декабрь, далее ежегодно в октябре",
                responsible: "Куратор (ответственный за внедрение целевой модели), заместители директора",
                evidence: "Перечень выбранных форм наставничества",
                monthOffset: 3, laterMonthOffset: 1),
            RoadmapTemplateEvent(
                number: 11,
                title: "Оценка участников-наставляемых по заданным параметрам, необходимым для будущего сравнения и мониторинга влияния программ на всех участников",
                timing: "декабрь, далее ежегодно в октябре",
                responsible: curatorAndPsychologist,
                evidence: "Результаты входного анкетирования наставляемых для мониторинга влияния программы",
                monthOffset: 3, laterMonthOffset: 1),
        ]),
        RoadmapTemplateStage(number: 3, title: "Формирование базы наставников", events: [
            RoadmapTemplateEvent(
                number: 12,
                title: "Проведение анкетирования среди потенциальных наставников, желающих принять участие в программе наставничества. Сбор согласий на сбор и обработку персональных данных",
                timing: "ноябрь–декабрь, далее по мере необходимости",
                responsible: deputiesPsychologistClassTeachers,
                evidence: "Анкеты потенциальных наставников; критерии отбора наставников; собраны согласия на обработку персональных данных",
                monthOffset: 3),
            RoadmapTemplateEvent(
                number: 13,
                title: "Анализ анкет потенциальных наставников и сопоставление данных с анкетами наставляемых. Формирование базы наставников",
                timing: "до 1 марта, далее по мере необходимости",
                responsible: curatorAndPsychologist,
                evidence: "База наставников, сформированная по результатам анализа анкет",
                monthOffset: 5),
            RoadmapTemplateEvent(
                number: 14,
                title: "Оценка участников-наставников по заданным параметрам, необходимым для будущего сравнения и мониторинга влияния программ на всех участников",
                timing: "до 1 марта, далее по мере необходимости",
                responsible: curatorAndPsychologist,
                evidence: "Результаты входного анкетирования наставников для мониторинга влияния программы",
                monthOffset: 5),
        ]),
        RoadmapTemplateStage(number: 4, title: "Отбор/выдвижение наставников", events: [
            RoadmapTemplateEvent(
                number: 15,
                title: "Проведение собеседования с наставниками",
                timing: "декабрь, далее по мере необходимости",
                responsible: curator,
                evidence: "Проведены собеседования с отобранными наставниками о психологической готовности к работе в программе; сформирован совет наставников",
                monthOffset: 3),
            RoadmapTemplateEvent(
                number: 16,
                title: "Обучение наставников",
                timing: "декабрь",
                responsible: curator,
                evidence: "Проведено обучение наставников: выявлена потребность в обучении, подготовлены методические материалы, выбраны формы обучения",
                monthOffset: 3),
        ]),
        RoadmapTemplateStage(number: 5, title: "Формирование наставнических пар/групп", events: [
            RoadmapTemplateEvent(
                number: 17,
                title: "Организация групповой встречи наставников и наставляемых",
                timing: "январь, далее по мере необходимости",
                responsible: curator,
                evidence: "Проведена групповая встреча наставников и наставляемых по выбранным формам наставничества",
                monthOffset: 4),
            RoadmapTemplateEvent(
                number: 18,
                title: "Проведение анкетирования на предмет предпочитаемого наставника (наставляемого) после завершения групповой встречи",
                timing: "январь, далее по мере необходимости",
                responsible: curatorAndPsychologist,
                evidence: "Анкеты предпочтений наставников и наставляемых с учётом запросов, возможностей и психологической совместимости",
                monthOffset: 4),
            RoadmapTemplateEvent(
                number: 19,
                title: "Анализ анкет групповой встречи и соединение наставников и наставляемых в пары (группы)",
                timing: "январь, далее по мере необходимости",
                responsible: curatorAndPsychologist,
                evidence: "Определены наставнические пары (группы) по итогам анализа анкет и собеседования",
                monthOffset: 4),
            RoadmapTemplateEvent(
                number: 20,
                title: "Информирование участников о сложившихся парах (группах). Закрепление пар (групп) распоряжением руководителя образовательной организации",
                timing: "январь, далее по мере необходимости",
                responsible: curator,
                evidence: "Приказ (распоряжение) руководителя о закреплении наставнических пар (групп); участники проинформированы",
                monthOffset: 4),
        ]),
        RoadmapTemplateStage(number: 6, title: "Организация и осуществление работы наставнических пар/групп", events: [
            RoadmapTemplateEvent(
                number: 21,
                title: "Проведение первой (организационной) встречи наставника и наставляемого",
                timing: "февраль, далее по мере необходимости",
                responsible: curator,
                evidence: "Проведена организационная встреча наставника и наставляемого; определены направления работы",
                monthOffset: 5),
            RoadmapTemplateEvent(
                number: 22,
                title: "Проведение второй (пробной рабочей) встречи наставника и наставляемого",
                timing: "февраль, далее по мере необходимости",
                responsible: curator,
                evidence: "Проведена пробная рабочая встреча наставника и наставляемого",
                monthOffset: 5),
            RoadmapTemplateEvent(
                number: 23,
                title: "Регулярные встречи наставника и наставляемого",
                timing: "с февраля регулярно до завершения программы наставничества",
                responsible: curator,
                evidence: "Встречи проходят по рабочему графику наставнической пары (группы)",
                monthOffset: 8),
            RoadmapTemplateEvent(
                number: 24,
                title: "Сбор обратной связи от участников программы наставничества",
                timing: "регулярно, не реже одного раза в месяц",
                responsible: curator,
                evidence: "Результаты собеседований и анкетирования об удовлетворённости участников программы наставничества",
                monthOffset: 8),
        ]),
        RoadmapTemplateStage(number: 7, title: "Завершение внедрения целевой модели наставничества", events: [
            RoadmapTemplateEvent(
                number: 25,
                title: "Проведение заключительной встречи наставника и наставляемого",
                timing: "по завершении программы наставничества (в зависимости от её продолжительности)",
                responsible: curatorAndClassTeachers,
                evidence: "Проведена заключительная встреча наставника и наставляемого",
                monthOffset: 8),
            RoadmapTemplateEvent(
                number: 26,
                title: "Проведение групповой заключительной встречи всех пар и групп наставников и наставляемых",
                timing: "по завершении программы наставничества (в зависимости от её продолжительности)",
                responsible: curatorAndClassTeachers,
                evidence: "Проведена групповая заключительная встреча всех пар и групп",
                monthOffset: 8),
            RoadmapTemplateEvent(
                number: 27,
                title: "Анкетирование участников. Проведение мониторинга личной удовлетворённости участием в программе наставничества",
                timing: "по завершении заключительной групповой встречи",
                responsible: curator,
                evidence: "Результаты анкетирования удовлетворённости участием в программе наставничества",
                monthOffset: 8),
            RoadmapTemplateEvent(
                number: 28,
                title: "Проведение торжественного мероприятия для подведения итогов программы наставничества и награждения лучших наставников",
                timing: "май, далее по мере завершения программ",
                responsible: "Куратор (ответственный за внедрение целевой модели), педагоги-организаторы",
                evidence: "Проведено итоговое мероприятие; лучшие наставники награждены",
                monthOffset: 8),
            RoadmapTemplateEvent(
                number: 29,
                title: "Проведение мониторинга качества реализации программы наставничества",
                timing: "ежегодно, по итогам учебного года",
                responsible: curator,
                evidence: "Собраны и проанализированы анкеты наставляемых (динамика влияния программы) и наставников, наставляемых и кураторов (эффективность реализации программы)",
                monthOffset: 8),
            RoadmapTemplateEvent(
                number: 30,
                title: "Оформление итогов и процессов совместной работы в рамках программы наставничества в кейсы",
                timing: "ежегодно, по итогам учебного года",
                responsible: curator,
                evidence: "Итоги и процессы совместной работы оформлены в кейсы",
                monthOffset: 8),
            RoadmapTemplateEvent(
                number: 31,
                title: "Публикация результатов программы наставничества, лучших наставников, кейсов на сайте образовательной организации",
                timing: "ежегодно, по итогам учебного года",
                responsible: curator,
                evidence: "Результаты работы наставнических пар (групп) и кейсы размещены на сайте образовательной организации",
                monthOffset: 8),
            RoadmapTemplateEvent(
                number: 32,
                title: "Внесение данных об итогах реализации программы наставничества в базу наставников и базу наставляемых",
                timing: "ежегодно, по итогам учебного года",
                responsible: curator,
                evidence: "Итоги реализации программы внесены в базу наставников и базу наставляемых",
                monthOffset: 8),
            // The seed's row ends «…дорожной карты в» (the recipient is cut off). The roadmap keeps one row per event
            // number, so this row stands for the report on October–December, due 10 January; the quarterly report
            // itself (`RoadmapQuarterReport`) is due on the 10th after every quarter.
            RoadmapTemplateEvent(
                number: 33,
                title: "Предоставление информации по исполнению мероприятий дорожной карты",
                timing: "ежеквартально, до 10-го числа месяца, следующего за отчётным кварталом",
                responsible: curator,
                evidence: "Информация об исполнении дорожной карты предоставлена в установленный срок",
                monthOffset: 4, dueDay: 10),
            RoadmapTemplateEvent(
                number: 34,
                title: "Внесение информации о количестве участников программ наставничества в соответствии с формами федерального статистического наблюдения",
                timing: "ежегодно, до 20 января",
                responsible: curator,
                evidence: "Сведения о количестве участников программ наставничества предоставлены в установленный срок",
                monthOffset: 4, dueDay: 20),
            RoadmapTemplateEvent(
                number: 35,
                title: "Предоставление информации по показателям эффективности внедрения целевой модели наставничества",
                timing: "ежегодно, до 20 января",
                responsible: curator,
                evidence: "Информация по показателям эффективности предоставлена в установленный срок",
                monthOffset: 4, dueDay: 20),
        ]),
    ]
}
