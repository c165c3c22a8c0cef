import Foundation
import NastavnikOffice

/// Everything a document may need, loaded by the caller; `values(for:)` turns it into placeholder values.
public struct DocumentData: Sendable {
    public struct Official: Sendable, Equatable {
        public var fullName: String
        public var position: String
        public init(fullName: String, position: String) {
            self.fullName = fullName
            self.position = position
        }
    }

    /// One row of the pairs order: names already with positions or classes.
    public struct PairLine: Sendable, Equatable {
        public var mentors: [String]
        public var mentees: [String]
        public var form: MentorshipForm
        public var kind: MentorshipKind
        public var start: Day
        public var end: Day
        /// The pair's personalised programme and its tasks, for appendix 2 of the pairs order (only an approved one is shown).
        public var programme: Programme?
        public var tasks: [ProgrammeTask]
        public init(
            mentors: [String], mentees: [String], form: MentorshipForm, kind: MentorshipKind, start: Day, end: Day,
            programme: Programme? = nil, tasks: [ProgrammeTask] = []
        ) {
            self.programme = programme
            self.tasks = tasks
            self.mentors = mentors
            self.mentees = mentees
            self.form = form
            self.kind = kind
            self.start = start
            self.end = end
        }
    }

    public var organisation: Organisation
    public var municipality: String
    public var region: String
    public var head: Official?
    public var curators: [Official]
    /// The day the document is generated.
    public var today: Day
    /// Number and date once approved; drafts show lines to fill in by hand.
    public var number: String?
    public var date: Day?
    public var pairs: [PairLine] = []
    public var programme: Programme?
    public var programmePair: PairLine?
    public var tasks: [ProgrammeTask] = []
    public var person: Person?
    public var representative: String?
    public var consentScope: String = ConsentRules.defaultScope

    public init(organisation: Organisation, municipality: String, region: String, head: Official?, curators: [Official], today: Day) {
        self.organisation = organisation
        self.municipality = municipality
        self.region = region
        self.head = head
        self.curators = curators
        self.today = today
    }

    static let blank = "____________"

    /// «2026/2027»: the school year starts on 1 September.
    public static func schoolYear(_ day: Day) -> String {
        let first = day.month >= 9 ? day.year : day.year - 1
        return "\(first)/\(first + 1)"
    }

    /// «Иванова М. П.» from a full name.
    static func short(_ fullName: String) -> String {
        let parts = fullName.split(separator: " ").map(String.init)
        guard let last = parts.first else { return fullName }
        let initials = parts.dropFirst().compactMap { $0.first.map { "\($0)." } }.joined(separator: " ")
        return initials.isEmpty ? last : "\(last) \(initials)"
    }

    public func values(for type: DocumentType) -> DocxValues {
        var s: [String: String] = [
            "организация.название": organisation.name,
            "организация.краткое_название": organisation.shortName,
            "организация.адрес": organisation.address ?? Self.blank,
            "организация.инн": organisation.inn ?? Self.blank,
            "муниципалитет.название": municipality,
            "регион.название": region,
            "руководитель.фио": head?.fullName ?? Self.blank,
            "руководитель.фио_кратко": head.map { Self.short($0.fullName) } ?? Self.blank,
            "руководитель.должность": head?.position ?? "Директор",
            "документ.номер": number ?? "______",
            "документ.дата": date?.russian ?? "«___» ________ 20___ г.",
            "дата": today.russian,
            "учебный_год": Self.schoolYear(programme?.start ?? today),
            "куратор.фио": curators.isEmpty ? Self.blank : curators.map(\.fullName).joined(separator: ", "),
            "куратор.должность": curators.isEmpty ? Self.blank : Array(Set(curators.map(\.position))).sorted().joined(separator: ", "),
        ]
        var lists: [String: [[String: String]]] = [:]
        switch type {
        case .pairsOrder:
            lists["пары"] = pairs.enumerated().map { i, p in
                ["№": "\(i + 1)", "наставник": p.mentors.joined(separator: "\n"), "наставляемый": p.mentees.joined(separator: "\n"),
                 "форма": p.form.label, "вид": p.kind.label, "начало": p.start.russian, "окончание": p.end.russian,
                 "период": "\(p.start.russian) — \(p.end.russian)"]
            }
            lists["программы"] = pairs.enumerated().map { i, p in Self.programmeRow(i + 1, p) }
        case .personalProgramme:
            if let p = programmePair {
                s["пара.наставник"] = p.mentors.joined(separator: ", ")
                s["пара.наставляемый"] = p.mentees.joined(separator: ", ")
                // A line reads «ФИО, должность»: the signature wants the short name only.
                let signature = { (people: [String]) in people.map { Self.short(String($0.prefix { $0 != "," })) }.joined(separator: ", ") }
                s["пара.наставник_кратко"] = signature(p.mentors)
                s["пара.наставляемый_кратко"] = signature(p.mentees)
                s["пара.форма"] = p.form.label
                s["пара.вид"] = p.kind.label
            }
            if let p = programme {
                s["программа.начало"] = p.start.russian
                s["программа.окончание"] = p.end.russian
                s["программа.цели"] = p.goals
                s["программа.результаты"] = p.expectedResults
                s["программа.статус"] = p.status.label
                s["программа.утверждена"] = p.approvalLine ?? "не утверждена"
            }
            lists["задачи"] = Self.ordered(tasks).enumerated().map { i, t in
                ["№": "\(i + 1)", "этап": t.stage.label, "задача": t.title, "срок": t.deadline.russian, "ответственный": t.responsible,
                 "результат": t.evidence ?? "", "статус": t.status.label]
            }
        case .roadmap:
            lists["мероприятия"] = roadmapRows()
        case .consentAdult, .consentParent:
            s["субъект.фио"] = person?.fullName ?? Self.blank
            s["субъект.дата_рождения"] = person?.birthDate.russian ?? Self.blank
            s["представитель.фио"] = representative ?? "________________________________________"
            s["согласие.перечень"] = consentScope
        case .implementationOrder, .curatorOrder, .regulation:
            break
        }
        return DocxValues(scalars: s, lists: lists)
    }

    /// Tasks by stage, then by deadline.
    static func ordered(_ tasks: [ProgrammeTask]) -> [ProgrammeTask] {
        let stages = ProgrammeStage.allCases
        return tasks.sorted { a, b in
            let (x, y) = (stages.firstIndex(of: a.stage) ?? 0, stages.firstIndex(of: b.stage) ?? 0)
            return x != y ? x < y : a.deadline < b.deadline
        }
    }

    /// A row of appendix 2 to the pairs order: the pair numbered as in appendix 1 and its approved programme —
    /// goals, period and tasks — or, without one, a line saying that it is not approved yet.
    static func programmeRow(_ number: Int, _ p: PairLine) -> [String: String] {
        let pair = "\(p.mentors.joined(separator: ", ")) — \(p.mentees.joined(separator: ", "))"
        guard let programme = p.programme, programme.status.isApproved else {
            let state = p.programme.map { "программа «\($0.status.label)»" } ?? "программа не составлена"
            return ["№": "\(number)", "пара": pair, "период": "—",
                    "цели": "Персонализированная программа не утверждена (\(state)); утверждается до начала работы пары.",
                    "задачи": "—", "утверждена": "не утверждена"]
        }
        let tasks = ordered(p.tasks).filter { $0.status != .cancelled }.enumerated().map { i, t in
            "\(i + 1). \(t.title) — до \(t.deadline.russian) (\(t.responsible))"
        }
        return ["№": "\(number)", "пара": pair, "период": Period(start: programme.start, end: programme.end).russian,
                "цели": programme.goals, "задачи": tasks.isEmpty ? "—" : tasks.joined(separator: "\n"),
                "утверждена": programme.approvalLine ?? ""]
    }

    /// The 35 events of seed 003 with deadlines in the school year of `today`.
    func roadmapRows() -> [[String: String]] {
        // The roadmap module's own events (one rule for the deadlines), for no organisation in particular.
        RoadmapRules.instantiate(organisationID: UUID(), schoolYear: RoadmapRules.schoolYear(of: today)).map { e in
            ["№": "\(e.number)", "этап": "\(e.stage). \(e.stageTitle)", "мероприятие": e.title,
             "срок": "\(e.timing) (до \(e.deadline.russian))", "ответственный": e.responsible, "результат": e.expected]
        }
    }
}

/// A document ready to send: the DOCX bytes and a file name.
public struct GeneratedFile: Sendable {
    public var name: String
    public var data: Data
}

public enum DocumentBuilder {
    /// Renders `template` (the type's default when nil) with the data's values.
    public static func build(_ type: DocumentType, _ data: DocumentData, template: DocxTemplate? = nil) throws -> GeneratedFile {
        let template = try template ?? DocxTemplate(data: type.defaultTemplate.data())
        let bytes = try template.render(data.values(for: type))
        let who = data.person.map { " — \($0.shortName)" } ?? data.programmePair.map { " — \($0.mentees.first ?? "")" } ?? ""
        return GeneratedFile(name: "\(type.label)\(who) — \(data.organisation.shortName).docx", data: bytes)
    }
}
