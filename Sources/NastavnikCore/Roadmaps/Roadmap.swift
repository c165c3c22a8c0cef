import Foundation
import NastavnikOffice

public enum RoadmapEventStatus: String, Labelled {
    case planned, inProgress = "in_progress", done, cancelled
    public var label: String {
        switch self {
        case .planned: "запланировано"
        case .inProgress: "выполняется"
        case .done: "выполнено"
        case .cancelled: "отменено"
        }
    }

    public var isClosed: Bool { self == .done || self == .cancelled }
}

/// Мероприятие дорожной карты организации на учебный год (seed 003: этап, мероприятие, сроки, ответственные,
/// результат), with its status and the evidence that it is done.
public struct RoadmapEvent: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var organisationID: UUID
    /// The school year by its first year: 2026 for 2026/2027.
    public var schoolYear: Int
    public var stage: Int
    public var stageTitle: String
    public var number: Int
    public var title: String
    public var timing: String
    public var responsible: String
    public var deadline: Day
    public var status: RoadmapEventStatus
    /// What the template expects as the result.
    public var expected: String
    /// What shows it is done: the order's details, a link, a note.
    public var evidence: String?
    public var doneOn: Day?

    public init(
        id: UUID = .timeOrdered(), organisationID: UUID, schoolYear: Int, stage: Int, stageTitle: String, number: Int, title: String, timing: String,
        responsible: String, deadline: Day, status: RoadmapEventStatus = .planned, expected: String, evidence: String? = nil, doneOn: Day? = nil
    ) {
        self.id = id
        self.organisationID = organisationID
        self.schoolYear = schoolYear
        self.stage = stage
        self.stageTitle = stageTitle
        self.number = number
        self.title = title
        self.timing = timing
        self.responsible = responsible
        self.deadline = deadline
        self.status = status
        self.expected = expected
        self.evidence = evidence
        self.doneOn = doneOn
    }

    /// Past its deadline and neither done nor cancelled.
    public func isOverdue(on day: Day) -> Bool { !status.isClosed && deadline < day }
}

/// How far a roadmap has got on a date.
public struct RoadmapProgress: Sendable, Equatable, Codable {
    public var total: Int
    public var done: Int
    public var overdue: Int
    /// Due by the date (deadline passed), cancelled ones left out.
    public var due: Int

    public init(total: Int, done: Int, overdue: Int, due: Int) {
        self.total = total
        self.done = done
        self.overdue = overdue
        self.due = due
    }

    /// Done of all events, cancelled ones left out.
    public var share: Double? { total == 0 ? nil : Double(done) * 100 / Double(total) }
}

public enum RoadmapRules {
    /// The school year a day falls in, by its first year.
    public static func schoolYear(of day: Day) -> Int { day.month >= 9 ? day.year : day.year - 1 }

    /// The template's events for one organisation and school year, each due on its day (seed 003: «до 20 января»)
    /// or else at the end of its month; from the model's second year on (`firstYear: false`) the events that say
    /// «далее ежегодно в сентябре/октябре» fall due in that month.
    public static func instantiate(_ template: [RoadmapTemplateStage] = RoadmapTemplate.standard, organisationID: UUID, schoolYear: Int,
                                   firstYear: Bool = true) -> [RoadmapEvent] {
        template.flatMap { stage in
            stage.events.map { e in
                let offset = firstYear ? e.monthOffset : e.laterMonthOffset ?? e.monthOffset
                let month = (9 + offset - 1) % 12 + 1
                let year = schoolYear + (9 + offset - 1) / 12
                // Beyond the calendar only for school years outside `InputRange.years`, which the callers refuse.
                let end = Day.endOfMonth(year: year, month: month) ?? .last
                let deadline = e.dueDay.flatMap { Day(year: year, month: month, day: min($0, end.day)) } ?? end
                return RoadmapEvent(organisationID: organisationID, schoolYear: schoolYear, stage: stage.number, stageTitle: stage.title, number: e.number,
                                    title: e.title, timing: e.timing, responsible: e.responsible, deadline: deadline, expected: e.evidence)
            }
        }
    }

    /// A change of status: «выполнено» needs the date it was done (not in the future) and what shows it.
    public static func validateUpdate(_ event: RoadmapEvent, status: RoadmapEventStatus, doneOn: Day?, evidence: String?, today: Day) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if status == .done {
            if evidence.nonBlank == nil { issues.append(.init("evidence", "Укажите, чем подтверждается выполнение: реквизиты приказа, ссылку или документ (ожидается: \(event.expected)).")) }
            if let d = doneOn {
                if d > today { issues.append(.init("doneOn", "Дата выполнения \(d.russian) ещё не наступила.")) }
                let yearStart = Day(year: event.schoolYear - 1, month: 9, day: 1) ?? .first
                if d < yearStart { issues.append(.init("doneOn", "Дата выполнения \(d.russian) раньше, чем за год до начала учебного года дорожной карты.")) }
            } else {
                issues.append(.init("doneOn", "Укажите дату выполнения."))
            }
        }
        if status == .cancelled, evidence.nonBlank == nil { issues.append(.init("evidence", "Укажите причину отмены мероприятия.")) }
        return issues
    }

    public static func progress(_ events: [RoadmapEvent], on day: Day) -> RoadmapProgress {
        let counted = events.filter { $0.status != .cancelled }
        return RoadmapProgress(total: counted.count, done: counted.filter { $0.status == .done }.count,
                               overdue: counted.filter { $0.isOverdue(on: day) }.count, due: counted.filter { $0.deadline < day }.count)
    }

    /// The last day of a quarter (1…4; another number is clamped).
    public static func quarterEnd(year: Int, quarter: Int) -> Day {
        Day.endOfMonth(year: year, month: min(max(quarter, 1), 4) * 3) ?? .last
    }

    /// The quarter whose report one makes on `day`: until the 10th of a quarter's first month, the one just ended
    /// (its report is due then); after it, the current one (preliminary).
    public static func reportQuarter(on day: Day) -> (year: Int, quarter: Int) {
        let current = (day.month - 1) / 3 + 1
        guard day.month % 3 == 1, day.day <= 10 else { return (day.year, current) }
        return current == 1 ? (day.year - 1, 4) : (day.year, current - 1)
    }

    /// The quarter report (seed 003: roadmap execution quarterly, by the 10th of the month after the quarter):
    /// the events due within the quarter, with the date the report is due.
    public static func quarter(_ events: [RoadmapEvent], year: Int, quarter: Int) -> (events: [RoadmapEvent], reportDue: Day)? {
        guard (1...4).contains(quarter), let start = Day(year: year, month: quarter * 3 - 2, day: 1) else { return nil }
        let end = quarterEnd(year: year, quarter: quarter)
        let next = end.adding(days: 1)
        let due = Day(year: next.year, month: next.month, day: 10) ?? .last
        return (events.filter { $0.deadline >= start && $0.deadline <= end }.sorted { ($0.deadline, $0.number) < ($1.deadline, $1.number) }, due)
    }
}

/// The quarterly roadmap report of a node (seed 003: «ежеквартально, до 10 числа месяца, следующего за
/// отчётным кварталом»): for each organisation, the events due in the quarter and how they stand on the report's
/// date. Only an event past its deadline on that date is overdue; a report made before the quarter ends is
/// preliminary and says so.
public struct RoadmapQuarterReport: Sendable {
    public struct Line: Sendable {
        public var organisation: Organisation
        /// nil: the organisation keeps no roadmap for that school year.
        public var events: [RoadmapEvent]?
        /// The report's date.
        public var asOf: Day
        public var due: Int { events?.count ?? 0 }
        public var done: Int { events?.filter { $0.status == .done }.count ?? 0 }
        /// Due in the quarter and neither done nor cancelled.
        public var notDone: [RoadmapEvent] { events?.filter { !$0.status.isClosed } ?? [] }
        /// Past the deadline on the report's date and neither done nor cancelled.
        public var overdue: [RoadmapEvent] { notDone.filter { $0.isOverdue(on: asOf) } }
        /// Open, with the deadline still ahead on the report's date.
        public var pending: Int { notDone.count - overdue.count }
    }

    public var nodeName: String
    public var year: Int
    public var quarter: Int
    public var reportDue: Day
    public var asOf: Day
    public var lines: [Line]

    /// The report is made before its quarter has ended.
    public var isPreliminary: Bool { asOf <= RoadmapRules.quarterEnd(year: year, quarter: quarter) }

    public var title: String {
        "Отчёт о выполнении дорожных карт внедрения целевой модели наставничества за \(quarter) квартал \(year) года"
            + (isPreliminary ? " (предварительно, на \(asOf.russian))" : "")
    }

    /// `events` of all the node's organisations as they stand on `asOf`; a quarter outside 1…4 gives nil.
    public static func make(nodeName: String, organisations: [Organisation], events: [RoadmapEvent], year: Int, quarter: Int, asOf: Day) -> RoadmapQuarterReport? {
        guard let empty = RoadmapRules.quarter([], year: year, quarter: quarter) else { return nil }
        let byOrg = Dictionary(grouping: events, by: \.organisationID)
        let lines = organisations.sortedByName(\.shortName).map { o in
            Line(organisation: o, events: byOrg[o.id].map { RoadmapRules.quarter($0, year: year, quarter: quarter)?.events ?? [] }, asOf: asOf)
        }
        return RoadmapQuarterReport(nodeName: nodeName, year: year, quarter: quarter, reportDue: empty.reportDue, asOf: asOf, lines: lines)
    }
}

extension RoadmapQuarterReport {
    /// The report as a Word document: the summary by organisation, then what was not done.
    public var document: DocxDocument {
        func p(_ text: String) -> DocxBlock { .paragraph(DocxParagraph(text, alignment: .justify)) }
        let kept = lines.filter { $0.events != nil }
        var blocks: [DocxBlock] = [
            .heading(title.uppercased(with: Locale(identifier: "ru_RU")) + "\n" + nodeName), .spacer,
            p("Срок представления отчёта — \(reportDue.russian). Дорожные карты ведут \(kept.count) из \(lines.count) ОО; на отчётный квартал приходится \(RussianPlural.count(lines.map(\.due).reduce(0, +), .events)), выполнено \(lines.map(\.done).reduce(0, +))."),
        ]
        if isPreliminary {
            blocks.append(p("Отчёт предварительный: квартал не закончился, сведения — на \(asOf.russian). Мероприятия, срок которых ещё не наступил, не считаются невыполненными."))
        }
        blocks += [
            .spacer,
            .table(DocxTable(header: ["№", "Организация", "Мероприятий в квартале", "Выполнено", "Не выполнено в срок", "Срок не наступил"],
                             rows: lines.enumerated().map { i, l in
                                 ["\(i + 1)", l.organisation.shortName] + (l.events == nil ? ["нет дорожной карты", "—", "—", "—"] : ["\(l.due)", "\(l.done)", "\(l.overdue.count)", "\(l.pending)"])
                             }, columnWidthsCm: [0.8, 4.6, 3.2, 2.7, 2.6, 2.5], fontSize: 11)),
        ]
        let missed = lines.flatMap { l in l.overdue.map { (l.organisation.shortName, $0) } }
        if !missed.isEmpty {
            blocks += [.spacer, .paragraph(DocxParagraph("Не выполненные в срок мероприятия", bold: true, alignment: .center, firstLineIndentCm: 0, keepNext: true)),
                       .table(DocxTable(header: ["Организация", "№", "Мероприятие", "Срок", "Ответственный"],
                                        rows: missed.map { [$0.0, "\($0.1.number)", $0.1.title, $0.1.deadline.russian, $0.1.responsible] },
                                        columnWidthsCm: [3.6, 0.9, 7.0, 2.2, 2.8], fontSize: 11))]
        }
        return DocxDocument(blocks: blocks, title: title)
    }
}
