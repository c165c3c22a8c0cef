import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

extension Mentorship: Content {}
extension Participant: Content {}
extension Programme: Content {}
extension ProgrammeTask: Content {}
extension Meeting: Content {}
extension Feedback: Content {}
extension Assessment: Content {}
extension RouteStep: Content {}

struct GrowthDTO: Content {
    var personID: UUID
    var start: Double
    var end: Double
    var delta: Double
}

/// Everything about one pair or group, as the API returns it.
struct MentorshipDetail: Content {
    var mentorship: Mentorship
    var participants: [Participant]
    var programme: Programme?
    var tasks: [ProgrammeTask]
    var meetings: [Meeting]
    var feedback: [Feedback]
    var assessments: [Assessment]
    var risks: [RiskDTO]
    var entered: Bool
    var missing: [String]
    var competencyGrowth: [GrowthDTO]

    /// `actor`: whose view — a mentor gets no mentee's questionnaire or self-rating (`MenteeConfidentiality`).
    init(_ d: MentorshipDossier, today: Day, for actor: Actor? = nil) {
        mentorship = d.mentorship
        participants = d.file.participants
        programme = d.file.programme
        tasks = d.file.tasks
        meetings = d.file.meetings
        let shown = actor.map { d.shown(to: $0) } ?? d
        feedback = shown.file.feedback
        assessments = shown.assessments
        risks = MonitoringRules.risks(d.file, today: today).map(RiskDTO.init)
        let entry = MonitoringRules.entry(d.file, orders: d.orders, on: today)
        entered = entry.entered
        missing = entry.missing
        competencyGrowth = CompetencyGrowth.compute(shown.assessments).map { GrowthDTO(personID: $0.personID, start: $0.start, end: $0.end, delta: $0.delta) }
    }
}

struct CalendarLink: Content {
    var path: String
}

extension APIController {
    static func detail(_ req: Request, _ id: UUID, status: HTTPResponseStatus = .ok) async throws -> Response {
        try MentorshipDetail(try await MentorshipStore.require(req, id, .read), today: req.today, for: try req.user.actor).response(status)
    }

    static let lifecycleOperations: [APIOperation] = [
        APIOperation(method: .GET, path: "/mentorships", summary: "Пары и группы в зоне доступа (доска куратора)", tag: "Наставничество",
            query: [("organisationID", "Организация"), ("form", "Форма наставничества"), ("status", "Статус"), ("risk", "any или вид риска")] + pagingQuery,
            response: .ref("MentorshipPage")) { req in
            let (rows, p) = try await MentorshipBoard.filtered(req, try req.query.decode(BoardQuery.self))
            return try page(rows.map(MentorshipSummary.init), p).response()
        },
        APIOperation(method: .POST, path: "/mentorships", summary: "Сформировать пару (группу)", tag: "Наставничество", body: .ref("MentorshipInput"), status: 201, response: .ref("MentorshipDetail")) { req in
            let m = try await MentorshipService.create(req, try req.content.decode(MentorshipInput.self))
            return try await detail(req, m.id, status: .created)
        },
        APIOperation(method: .GET, path: "/mentorships/entry", summary: "Вход в программу по организациям (приказ и утверждённая программа)", tag: "Наставничество", response: .array(.ref("EntryLine"))) { req in
            try await MentorshipBoard.entryLines(req).response()
        },
        APIOperation(method: .GET, path: "/mentorships/{id}", summary: "Пара (группа) со всеми записями", tag: "Наставничество", response: .ref("MentorshipDetail")) { req in
            try await detail(req, try req.uuid("id"))
        },
        APIOperation(method: .POST, path: "/mentorships/{id}/order", summary: "Закрепить приказом", tag: "Наставничество", body: .ref("OrderInput"), response: .ref("MentorshipDetail")) { req in
            let m = try await MentorshipService.fixByOrder(req, try req.uuid("id"), try req.content.decode(OrderInput.self))
            return try await detail(req, m.id)
        },
        APIOperation(method: .POST, path: "/mentorships/{id}/terminate", summary: "Прекратить досрочно с причиной", tag: "Наставничество", body: .ref("CloseInput"), response: .ref("MentorshipDetail")) { req in
            let m = try await MentorshipService.terminate(req, try req.uuid("id"), try req.content.decode(CloseInput.self))
            return try await detail(req, m.id)
        },
        APIOperation(method: .POST, path: "/mentorships/{id}/complete", summary: "Завершить: итоговая встреча, итоговые анкеты, результат", tag: "Наставничество", body: .ref("CloseInput"), response: .ref("MentorshipDetail")) { req in
            let m = try await MentorshipService.complete(req, try req.uuid("id"), try req.content.decode(CloseInput.self))
            return try await detail(req, m.id)
        },
        APIOperation(method: .POST, path: "/mentorships/{id}/replace", summary: "Заменить участника (история сохраняется)", tag: "Наставничество", body: .ref("ReplaceInput"), response: .ref("MentorshipDetail")) { req in
            let p = try await MentorshipService.replace(req, try req.uuid("id"), try req.content.decode(ReplaceInput.self))
            return try await detail(req, p.mentorshipID)
        },
        APIOperation(method: .POST, path: "/mentorships/{id}/programme", summary: "Составить программу по шаблону формы", tag: "Программы", status: 201, response: .ref("MentorshipDetail")) { req in
            let p = try await ProgrammeService.createFromTemplate(req, mentorshipID: try req.uuid("id"))
            return try await detail(req, p.mentorshipID, status: .created)
        },
        APIOperation(method: .PUT, path: "/programmes/{id}", summary: "Изменить цели и сроки (черновик)", tag: "Программы", body: .ref("ProgrammeInput"), response: .ref("Programme")) { req in
            try await ProgrammeService.update(req, try req.uuid("id"), try req.content.decode(ProgrammeInput.self)).response()
        },
        APIOperation(method: .POST, path: "/programmes/{id}/tasks", summary: "Добавить задачу (черновик)", tag: "Программы", body: .ref("TaskInput"), status: 201, response: .ref("ProgrammeTask")) { req in
            try await ProgrammeService.addTask(req, try req.uuid("id"), try req.content.decode(TaskInput.self)).response(.created)
        },
        APIOperation(method: .PUT, path: "/tasks/{id}", summary: "Изменить задачу; в утверждённой — статус и подтверждение", tag: "Программы", body: .ref("TaskInput"), response: .ref("ProgrammeTask")) { req in
            try await ProgrammeService.updateTask(req, try req.uuid("id"), try req.content.decode(TaskInput.self)).response()
        },
        APIOperation(method: .POST, path: "/programmes/{id}/{decision}", summary: "Решение по программе: submit, approve, return, extend, fulfil", tag: "Программы", body: .ref("DecisionInput"), response: .ref("Programme")) { req in
            guard let decision = req.parameters.get("decision").flatMap(ProgrammeService.Decision.init) else {
                throw Abort(.notFound, reason: "Неизвестное решение: ожидается submit, approve, return, extend или fulfil.")
            }
            let input = (try? req.content.decode(DecisionInput.self)) ?? DecisionInput()
            return try await ProgrammeService.decide(req, try req.uuid("id"), decision, input).response()
        },
        APIOperation(method: .POST, path: "/mentorships/{id}/meetings", summary: "Запланировать или записать встречу", tag: "Встречи", body: .ref("MeetingInput"), status: 201, response: .ref("Meeting")) { req in
            try await MeetingService.add(req, try req.uuid("id"), try req.content.decode(MeetingInput.self)).response(.created)
        },
        APIOperation(method: .PUT, path: "/meetings/{id}", summary: "Изменить встречу, отметить проведённой", tag: "Встречи", body: .ref("MeetingInput"), response: .ref("Meeting")) { req in
            try await MeetingService.update(req, try req.uuid("id"), try req.content.decode(MeetingInput.self)).response()
        },
        APIOperation(method: .POST, path: "/mentorships/{id}/feedback", summary: "Анкета обратной связи (ежемесячная или итоговая)", tag: "Встречи", body: .ref("FeedbackInput"), status: 201, response: .ref("Feedback")) { req in
            try await MeetingService.addFeedback(req, try req.uuid("id"), try req.content.decode(FeedbackInput.self)).response(.created)
        },
        APIOperation(method: .POST, path: "/mentorships/{id}/assessments", summary: "Самооценка компетенций (входная или итоговая)", tag: "Встречи", body: .ref("AssessmentInput"), status: 201, response: .ref("Assessment")) { req in
            try await MeetingService.addAssessment(req, try req.uuid("id"), try req.content.decode(AssessmentInput.self)).response(.created)
        },
        APIOperation(method: .GET, path: "/people/{id}/route", summary: "Индивидуальный образовательный маршрут", tag: "Маршруты", response: .array(.ref("RouteStep"))) { req in
            try await RouteService.steps(req, try req.uuid("id")).2.response()
        },
        APIOperation(method: .POST, path: "/people/{id}/route", summary: "Добавить шаг маршрута", tag: "Маршруты", body: .ref("RouteStepInput"), status: 201, response: .ref("RouteStep")) { req in
            try await RouteService.add(req, try req.uuid("id"), try req.content.decode(RouteStepInput.self)).response(.created)
        },
        APIOperation(method: .PUT, path: "/route-steps/{id}", summary: "Изменить шаг маршрута", tag: "Маршруты", body: .ref("RouteStepInput"), response: .ref("RouteStep")) { req in
            try await RouteService.update(req, try req.uuid("id"), try req.content.decode(RouteStepInput.self)).response()
        },
        APIOperation(method: .GET, path: "/me/agenda", summary: "Мои пары, ближайшие встречи, задачи, анкеты к заполнению", tag: "Наставничество", response: .ref("Agenda")) { req in
            try await MyController.agenda(req).0.response()
        },
        APIOperation(method: .POST, path: "/me/calendar", summary: "Выпустить секретную ссылку на личный календарь (iCalendar)", tag: "Наставничество", status: 201, response: .ref("CalendarLink")) { req in
            try CalendarLink(path: try await CalendarService.issue(req)).response(.created)
        },
    ]

    static let lifecycleSchemas: [String: Schema] = {
        let t = Schema.text, o = Schema.optText, u = Schema.uuid, d = Schema.date
        let od = Schema.nullable(d), ou = Schema.nullable(u)
        typealias V = OpenAPIDocument
        let strings = OpenAPIDocument.strings
        return [
            "OrderReference": .object([("number", t), ("date", d)], required: ["number", "date"]),
            "Mentorship": .object([
                ("id", u), ("organisationID", u), ("form", V.values(MentorshipForm.self)), ("kind", V.values(MentorshipKind.self)),
                ("format", V.values(WorkFormat.self)), ("title", o), ("start", d), ("plannedEnd", d), ("actualEnd", od),
                ("status", V.values(MentorshipStatus.self)), ("order", .nullable(.ref("OrderReference"))), ("terminationReason", o), ("resultSummary", o),
            ], required: ["id", "organisationID", "form", "kind", "format", "start", "plannedEnd", "status"]),
            "Participant": .object([
                ("id", u), ("mentorshipID", u), ("personID", u), ("role", V.values(ParticipantRole.self)), ("joinedOn", d), ("leftOn", od),
                ("leftReason", o), ("justification", o),
            ], required: ["id", "mentorshipID", "personID", "role", "joinedOn"]),
            "ProgrammeExtension": .object([("previousEnd", d), ("newEnd", d), ("reason", t), ("decidedOn", d)], required: ["previousEnd", "newEnd", "reason", "decidedOn"]),
            "Programme": .object([
                ("id", u), ("mentorshipID", u), ("goals", t), ("expectedResults", t), ("start", d), ("end", d), ("status", V.values(ProgrammeStatus.self)),
                ("approvedOn", od), ("approvedBy", o), ("approverRole", .nullable(V.values(Role.self))), ("submittedBy", ou), ("returnComment", o), ("extensions", .array(.ref("ProgrammeExtension"))),
            ], required: ["id", "mentorshipID", "goals", "expectedResults", "start", "end", "status", "extensions"]),
            "ProgrammeTask": .object([
                ("id", u), ("programmeID", u), ("stage", V.values(ProgrammeStage.self)), ("title", t), ("deadline", d), ("responsible", t),
                ("responsiblePersonID", ou), ("status", V.values(TaskStatus.self)), ("evidence", o),
            ], required: ["id", "programmeID", "stage", "title", "deadline", "responsible", "status"]),
            "Meeting": .object([
                ("id", u), ("mentorshipID", u), ("type", V.values(MeetingType.self)), ("date", d), ("time", t), ("durationMinutes", .integer),
                ("format", V.values(WorkFormat.self)), ("place", o), ("agenda", t), ("outcome", o), ("status", V.values(MeetingStatus.self)), ("attendees", .array(u)),
            ], required: ["id", "mentorshipID", "type", "date", "time", "durationMinutes", "format", "agenda", "status", "attendees"]),
            "Feedback": .object([
                ("id", u), ("mentorshipID", u), ("authorPersonID", u), ("role", V.values(ParticipantRole.self)), ("date", d), ("kind", V.values(FeedbackKind.self)),
                ("satisfaction", .integer), ("progress", t), ("problems", o),
            ], required: ["id", "mentorshipID", "authorPersonID", "role", "date", "kind", "satisfaction", "progress"]),
            "Assessment": .object([
                ("id", u), ("mentorshipID", u), ("personID", u), ("phase", V.values(AssessmentPhase.self)), ("date", d),
                ("scores", .object(Competency.allCases.map { ($0.rawValue, Schema.integer) }, required: [])),
            ], required: ["id", "mentorshipID", "personID", "phase", "date", "scores"]),
            "RouteStep": .object([
                ("id", u), ("personID", u), ("organisationID", u), ("deficit", t), ("action", t), ("level", V.values(SupportLevel.self)), ("responsible", t),
                ("responsiblePersonID", ou), ("deadline", d), ("status", V.values(TaskStatus.self)), ("result", o),
            ], required: ["id", "personID", "organisationID", "deficit", "action", "level", "responsible", "deadline", "status"]),
            "Risk": .object([("kind", V.values(RiskKind.self)), ("label", t), ("detail", t)], required: ["kind", "label", "detail"]),
            "MentorshipSummary": .object([
                ("mentorship", .ref("Mentorship")), ("organisation", t), ("mentors", .array(t)), ("mentees", .array(t)),
                ("programmeStatus", V.optValues(ProgrammeStatus.self)), ("risks", .array(.ref("Risk"))), ("entered", .boolean), ("missing", .array(t)),
            ], required: ["mentorship", "organisation", "mentors", "mentees", "risks", "entered", "missing"]),
            "MentorshipPage": .object([("items", .array(.ref("MentorshipSummary"))), ("total", .integer), ("page", .integer), ("per", .integer)], required: ["items", "total", "page", "per"]),
            "Growth": .object([("personID", u), ("start", .number), ("end", .number), ("delta", .number)], required: ["personID", "start", "end", "delta"]),
            "MentorshipDetail": .object([
                ("mentorship", .ref("Mentorship")), ("participants", .array(.ref("Participant"))), ("programme", .nullable(.ref("Programme"))),
                ("tasks", .array(.ref("ProgrammeTask"))), ("meetings", .array(.ref("Meeting"))), ("feedback", .array(.ref("Feedback"))),
                ("assessments", .array(.ref("Assessment"))), ("risks", .array(.ref("Risk"))), ("entered", .boolean), ("missing", .array(t)),
                ("competencyGrowth", .array(.ref("Growth"))),
            ], required: ["mentorship", "participants", "tasks", "meetings", "feedback", "assessments", "risks", "entered", "missing", "competencyGrowth"]),
            "EntryLine": .object([("organisationID", u), ("organisation", t), ("open", .integer), ("entered", .integer), ("lacking", .array(.ref("MentorshipSummary"))), ("competencyGrowth", .nullable(.number)), ("assessedMentees", .integer)], required: ["organisationID", "organisation", "open", "entered", "lacking", "assessedMentees"]),
            "Agenda": .object([("mentorships", .array(.ref("MentorshipSummary"))), ("upcomingMeetings", .array(.ref("Meeting"))), ("openTasks", .array(.ref("ProgrammeTask"))), ("feedbackDue", .array(u))], required: ["mentorships", "upcomingMeetings", "openTasks", "feedbackDue"]),
            "CalendarLink": .object([("path", t)], required: ["path"]),
            "MentorshipInput": .object(strings(["organisationID", "form", "kind", "format", "title", "start", "plannedEnd", "justification"]) + [("mentors", .array(u)), ("mentees", .array(u))], required: ["organisationID", "form", "start", "plannedEnd", "mentors", "mentees"]),
            "OrderInput": .object(strings(["orderNumber", "orderDate"]), required: ["orderNumber", "orderDate"]),
            "CloseInput": .object(strings(["date", "reason", "resultSummary"]), required: []),
            "ReplaceInput": .object(strings(["participantID", "newPersonID", "date", "reason", "justification"]), required: ["participantID", "newPersonID", "reason"]),
            "ProgrammeInput": .object(strings(["goals", "expectedResults", "start", "end"]), required: []),
            "TaskInput": .object(strings(["stage", "title", "deadline", "responsible", "status", "evidence"]), required: []),
            "DecisionInput": .object(strings(["date", "comment", "newEnd"]), required: []),
            "MeetingInput": .object(strings(["type", "date", "time", "format", "place", "agenda", "outcome", "status"]) + [("durationMinutes", .integer), ("attendees", .array(u))], required: ["date", "time", "agenda"]),
            "FeedbackInput": .object(strings(["authorPersonID", "date", "kind", "progress", "problems"]) + [("satisfaction", .integer)], required: ["satisfaction", "progress"]),
            "AssessmentInput": .object(strings(["personID", "phase", "date"]) + [("scores", .object(Competency.allCases.map { ($0.rawValue, Schema.integer) }, required: []))], required: ["phase", "scores"]),
            "RouteStepInput": .object(strings(["deficit", "action", "level", "responsible", "responsiblePersonID", "deadline", "status", "result"]), required: ["deficit", "action", "responsible", "deadline"]),
        ]
    }()
}
