import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// Pages of the mentorship cycle: the board, forming a pair or group, its card, and one page per action.
struct MentorshipController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("mentorships", use: board)
        routes.get("mentorships", "entry", use: entry)
        routes.get("mentorships", ":id", use: card)
        routes.post("mentorships", ":id", "programme", use: createProgramme)
        routes.post("programmes", ":id", ":decision", use: decide)
        Self.newMentorship.register(routes, ["mentorships", "new"])
        Self.order.register(routes, ["mentorships", ":id", "order"])
        Self.terminate.register(routes, ["mentorships", ":id", "terminate"])
        Self.complete.register(routes, ["mentorships", ":id", "complete"])
        Self.replace.register(routes, ["mentorships", ":id", "replace"])
        Self.editProgramme.register(routes, ["programmes", ":id", "edit"])
        Self.newTask.register(routes, ["programmes", ":id", "tasks", "new"])
        Self.editTask.register(routes, ["tasks", ":id", "edit"])
        Self.extend.register(routes, ["programmes", ":id", "extend"])
        Self.confirmedDecision(.approve).register(routes, ["programmes", ":id", "approve"])
        Self.confirmedDecision(.return).register(routes, ["programmes", ":id", "return"])
        Self.newMeeting.register(routes, ["mentorships", ":id", "meetings", "new"])
        Self.editMeeting.register(routes, ["meetings", ":id", "edit"])
        Self.newFeedback.register(routes, ["mentorships", ":id", "feedback", "new"])
        Self.newAssessment.register(routes, ["mentorships", ":id", "assessments", "new"])
    }

    // MARK: board and card

    @Sendable func board(req: Request) async throws -> Response {
        let q = try req.query.decode(BoardQuery.self)
        let (rows, pagination) = try await MentorshipBoard.filtered(req, q)
        if q.format != nil {
            return try req.export(CSVTable(headers: ["Организация", "Наставники", "Наставляемые", "Форма", "Вид", "Начало", "Плановое окончание", "Статус", "Программа", "Приказ", "Вошли в программу", "Внимание"], rows: rows.map { r in
                let m = r.mentorship
                return [r.organisation, r.mentors.map(\.fullName).joined(separator: ", "), r.mentees.map(\.fullName).joined(separator: ", "), m.form.label, m.kind.label,
                        m.start.russian, m.plannedEnd.russian, m.status.label, r.file.programme?.status.label ?? "нет", m.order?.russian ?? "",
                        r.entry.entered ? "да" : "нет", r.risks.map { "\($0.kind.label): \($0.detail)" }.joined(separator: "; ")]
            }), name: "Пары и группы.csv")
        }
        let orgs = try await Lookup.visibleOrganisations(req)
        let risks = [("any", "любой риск")] + RiskKind.options
        let canCreate = try await !Scope.writableOrganisations(req, .mentorship).isEmpty
        let html = Layout.page(try req.page(), title: "Пары и группы", actions: (canCreate ? [link("/mentorships/new", "Сформировать пару (группу)", class: "btn primary")] : []) + [link("/mentorships/entry", "Вход в программу по организациям", class: "btn"), ] + req.exportLinks) {
            Forms.filters(action: "/mentorships", fields: [
                FormField("organisationID", "Организация", .select(orgs.map { ($0.id.uuidString, $0.shortName) }, blank: "Все"), value: q.organisationID),
                .choice("form", "Форма", MentorshipForm.self, value: q.form, blank: "Все"),
                .choice("status", "Статус", MentorshipStatus.self, value: q.status, blank: "Все"),
                FormField("risk", "Внимание", .select(risks, blank: "Все"), value: q.risk),
            ])
            MentorshipPages.boardTable(rows, showOrganisation: orgs.count > 1)
            pagination.render(path: "/mentorships", query: [("organisationID", q.organisationID ?? ""), ("form", q.form ?? ""), ("status", q.status ?? ""), ("risk", q.risk ?? "")])
        }
        return req.html(html)
    }

    @Sendable func entry(req: Request) async throws -> Response {
        let lines = try await MentorshipBoard.entryLines(req)
        let html = Layout.page(try req.page(), title: "Вход в программу наставничества", breadcrumbs: [("Пары и группы", "/mentorships")]) {
            el("p", ["class": "muted"]) {
                "Наставляемый «вошёл в программу», только если пара (группа) закреплена приказом и её персонализированная программа утверждена (мониторинг, показатель 11). Прирост компетенций — средняя разница итоговой и входной самооценки (шкала 1–5) по наставляемым, заполнившим обе."
            }
            Layout.table(["Организация", "Действующих и формируемых", "Вошли в программу", "Доля", "Прирост компетенций", "Не хватает"], lines.map { l in
                [
                    link("/mentorships?organisationID=\(l.organisationID)", l.organisation), .text("\(l.open)"), .text("\(l.entered)"),
                    .text(Format.percent(l.entered, of: l.open)),
                    .text(l.competencyGrowth.map { "\(Format.signed($0)) балла (\(l.assessedMentees) чел.)" } ?? "—"),
                    el("ul", ["class": "plain"]) { l.lacking.map { s in el("li") { link("/mentorships/\(s.mentorship.id)", (s.mentors + s.mentees).map { $0.split(separator: " ").first.map(String.init) ?? $0 }.joined(separator: " → ")); " — " + s.missing.joined(separator: ", ") } } },
                ]
            }, empty: "Действующих пар и групп нет.")
        }
        return req.html(html)
    }

    @Sendable func card(req: Request) async throws -> Response {
        req.html(try MentorshipPages.card(req, try await MentorshipStore.require(req, try req.uuid("id"), .read)))
    }

    @Sendable func createProgramme(req: Request) async throws -> Response {
        let id = try req.uuid("id")
        do {
            _ = try await ProgrammeService.createFromTemplate(req, mentorshipID: id)
            return req.done("/mentorships/\(id)", "Программа составлена по шаблону: адаптируйте цели и задачи и отправьте на согласование.")
        } catch let v as ValidationError { return req.done("/mentorships/\(id)", v.summary) }
    }

    @Sendable func decide(req: Request) async throws -> Response {
        guard let decision = req.parameters.get("decision").flatMap(ProgrammeService.Decision.init), decision == .submit || decision == .fulfil else {
            throw Abort(.notFound)
        }
        let id = try req.uuid("id")
        let (d, _) = try await ProgrammeService.require(req, id, .write)
        do {
            _ = try await ProgrammeService.decide(req, id, decision, DecisionInput())
            return req.done("/mentorships/\(d.mentorship.id)", decision == .submit ? "Программа отправлена на согласование." : "Программа отмечена выполненной.")
        } catch let v as ValidationError {
            return req.html(try MentorshipPages.card(req, d, issues: v.issues), status: .unprocessableEntity)
        }
    }

    // MARK: forms

    static func backToMentorship(_ req: Request) async throws -> (label: String, href: String) {
        let d = try await MentorshipStore.require(req, try req.uuid("id"), .read)
        return (d.title, "/mentorships/\(d.mentorship.id)")
    }

    static func backFromProgramme(_ req: Request) async throws -> (label: String, href: String) {
        let (d, _) = try await ProgrammeService.require(req, try req.uuid("id"), .read)
        return (d.title, "/mentorships/\(d.mentorship.id)")
    }

    static func dateField(_ name: String, _ label: String, _ value: String?, required: Bool = true) -> FormField {
        FormField(name, label, .date, value: value, required: required)
    }

    static let newMentorship = ActionForm<MentorshipInput>(
        title: "Сформировать пару (группу)", submit: "Сформировать",
        back: { _ in ("Пары и группы", "/mentorships") },
        initial: { req in
            let orgs = try await Scope.writableOrganisations(req, .mentorship)
            let org: String? = req.query["organisationID"] ?? (orgs.count == 1 ? orgs[0].id.uuidString : nil)
            return MentorshipInput(organisationID: org, form: MentorshipForm.teacherTeacher.rawValue, kind: MentorshipKind.traditional.rawValue,
                format: WorkFormat.inPerson.rawValue, start: req.today.russian, plannedEnd: req.today.adding(months: 9).russian)
        },
        fields: { req, i in try await MentorshipForms.fields(req, i) },
        hint: "Наставник и наставляемые выбираются из баз организации; у каждого должно быть действующее согласие на обработку персональных данных. Пара начинает действовать после закрепления приказом.",
        perform: { req, i in
            // The first step for one who writes to several organisations posts only the organisation: it opens the
            // full form for it (it once answered 422 about dates the page had not shown).
            if i.start == nil, i.plannedEnd == nil, (i.mentors ?? []).isEmpty, (i.mentees ?? []).isEmpty,
               let org = i.organisationID.nonBlank.flatMap(UUID.init(uuidString:)), let chosen = try await Scope.writableOrganisations(req, .mentorship).first(where: { $0.id == org }) {
                return ("/mentorships/new?organisationID=\(org)", "Организация: \(chosen.shortName). Выберите наставника и наставляемых.")
            }
            let m = try await MentorshipService.create(req, i)
            return ("/mentorships/\(m.id)", "Пара (группа) сформирована. Составьте программу и закрепите пару приказом.")
        })

    static let order = ActionForm<OrderInput>(
        title: "Закрепить приказом", submit: "Закрепить", back: backToMentorship,
        initial: { req in OrderInput(orderDate: req.today.russian) },
        fields: { _, i in [FormField("orderNumber", "Номер приказа", value: i.orderNumber, required: true), dateField("orderDate", "Дата приказа", i.orderDate)] },
        perform: { req, i in
            let m = try await MentorshipService.fixByOrder(req, try req.uuid("id"), i)
            return ("/mentorships/\(m.id)", "Пара (группа) закреплена приказом и действует.")
        })

    /// Ends a pair early: the confirmation names the pair, its people, the date and what happens to the mentees.
    static let terminate = ConfirmStep<CloseInput>(
        title: "Прекратить досрочно", submit: "Подтвердить прекращение", back: backToMentorship,
        initial: { req in CloseInput(date: req.today.russian) },
        fields: { _, i in [dateField("date", "Дата прекращения (как в приказе или заявлении)", i.date), FormField("reason", "Причина", .textarea, value: i.reason, required: true)] },
        consequences: { req, i in
            let d = try await MentorshipStore.require(req, try req.uuid("id"), .write)
            var r = InputReader()
            let day = r.day(i.date, "actualEnd", "дату прекращения", default: req.today) ?? req.today
            try r.check()
            // The rules the termination applies, but the reason: it is typed on this very page.
            try ValidationError.check(MentorshipRules.validateTermination(d.mentorship, on: day, reason: "—", today: req.today))
            let side = { (role: ParticipantRole) in d.current(role).map { d.people[$0.personID]?.fullName ?? "—" }.joined(separator: ", ") }
            var lines = [
                "Прекращается 1 пара (группа): «\(d.title)», \(d.organisation.shortName), с \(d.mentorship.start.russian) — досрочно с \(day.russian).",
                "Наставник: \(side(.mentor)); наставляемые: \(side(.mentee)). Встречи, программа и анкеты остаются в истории пары.",
            ]
            if !d.current(.mentee).isEmpty { lines.append("Наставляемые (\(side(.mentee))) вернутся в базу наставляемых со статусом «\(MenteeStatus.waiting.label)».") }
            if let p = d.file.programme, p.status != .done { lines.append("Программа («\(p.status.label)») останется невыполненной.") }
            return lines
        },
        date: { $0.date },
        perform: { req, i in
            let m = try await MentorshipService.terminate(req, try req.uuid("id"), i)
            return ("/mentorships/\(m.id)", "Наставничество прекращено; история сохранена.")
        })

    static let complete = ActionForm<CloseInput>(
        title: "Завершить наставничество", submit: "Завершить", back: backToMentorship,
        initial: { req in CloseInput(date: req.today.russian) },
        fields: { _, i in
            [dateField("date", "Дата завершения", i.date), FormField("resultSummary", "Результат (войдёт в историю в базах)", .textarea, value: i.resultSummary, required: true)]
        },
        hint: "Перед завершением: итоговая встреча проведена, итоговые анкеты удовлетворённости заполнены наставником и каждым наставляемым.",
        perform: { req, i in
            let m = try await MentorshipService.complete(req, try req.uuid("id"), i)
            return ("/mentorships/\(m.id)", "Наставничество завершено, результат записан в историю участников.")
        })

    static let replace = ActionForm<ReplaceInput>(
        title: "Заменить участника", submit: "Заменить", back: backToMentorship,
        initial: { req in ReplaceInput(date: req.today.russian) },
        fields: { req, i in try await MentorshipForms.replaceFields(req, i) },
        perform: { req, i in
            let p = try await MentorshipService.replace(req, try req.uuid("id"), i)
            return ("/mentorships/\(p.mentorshipID)", "Участник заменён; прежний остался в истории пары.")
        })

    static let editProgramme = ActionForm<ProgrammeInput>(
        title: "Программа: цели и сроки", submit: "Сохранить", back: backFromProgramme,
        initial: { req in
            let (_, p) = try await ProgrammeService.require(req, try req.uuid("id"), .write)
            return ProgrammeInput(goals: p.goals, expectedResults: p.expectedResults, start: p.start.russian, end: p.end.russian)
        },
        fields: { _, i in
            [FormField("goals", "Цели", .textarea, value: i.goals, required: true), FormField("expectedResults", "Ожидаемые результаты", .textarea, value: i.expectedResults, required: true),
             dateField("start", "Начало", i.start), dateField("end", "Окончание", i.end)]
        },
        hint: "Программа рассчитана на срок от 3 месяцев до 1 года.",
        perform: { req, i in
            let p = try await ProgrammeService.update(req, try req.uuid("id"), i)
            return ("/mentorships/\(p.mentorshipID)", "Программа сохранена.")
        })

    static func taskFields(_ i: TaskInput, full: Bool) -> [FormField] {
        (full ? [
            .choice("stage", "Этап", ProgrammeStage.self, value: i.stage, blank: nil), FormField("title", "Задача", .textarea, value: i.title, required: true),
            dateField("deadline", "Срок", i.deadline), FormField("responsible", "Ответственный", value: i.responsible, required: true),
        ] : [])
            + [.choice("status", "Статус", TaskStatus.self, value: i.status, blank: nil), FormField("evidence", "Подтверждение выполнения", .textarea, value: i.evidence)]
    }

    static let newTask = ActionForm<TaskInput>(
        title: "Новая задача программы", submit: "Добавить", back: backFromProgramme,
        initial: { _ in TaskInput(stage: ProgrammeStage.main.rawValue, responsible: "наставник", status: TaskStatus.planned.rawValue) },
        fields: { _, i in taskFields(i, full: true) },
        perform: { req, i in
            let t = try await ProgrammeService.addTask(req, try req.uuid("id"), i)
            let (d, _) = try await ProgrammeService.require(req, t.programmeID, .read)
            return ("/mentorships/\(d.mentorship.id)", "Задача добавлена.")
        })

    static func taskContext(_ req: Request) async throws -> (ProgrammeTask, MentorshipDossier, Programme) {
        guard let t = try await ProgrammeTaskRecord.find(try req.uuid("id"), on: req.db)?.core else { throw Abort(.notFound, reason: "Задача не найдена.") }
        let (d, p) = try await ProgrammeService.require(req, t.programmeID, .read)
        return (t, d, p)
    }

    static let editTask = ActionForm<TaskInput>(
        title: "Задача программы", submit: "Сохранить",
        back: { req in
            let (_, d, _) = try await taskContext(req)
            return (d.title, "/mentorships/\(d.mentorship.id)")
        },
        initial: { req in
            let (t, _, _) = try await taskContext(req)
            return TaskInput(stage: t.stage.rawValue, title: t.title, deadline: t.deadline.russian, responsible: t.responsible, status: t.status.rawValue, evidence: t.evidence)
        },
        fields: { req, i in
            let (_, _, p) = try await taskContext(req)
            return taskFields(i, full: p.status == .draft)
        },
        perform: { req, i in
            let t = try await ProgrammeService.updateTask(req, try req.uuid("id"), i)
            let (d, _) = try await ProgrammeService.require(req, t.programmeID, .read)
            return ("/mentorships/\(d.mentorship.id)", "Задача сохранена.")
        })

    static let extend = ActionForm<DecisionInput>(
        title: "Продлить программу", submit: "Продлить", back: backFromProgramme,
        initial: { req in DecisionInput(date: req.today.russian) },
        fields: { _, i in [dateField("newEnd", "Новая дата окончания", i.newEnd), FormField("comment", "Причина продления", .textarea, value: i.comment, required: true)] },
        perform: { req, i in
            let p = try await ProgrammeService.decide(req, try req.uuid("id"), .extend, i)
            return ("/mentorships/\(p.mentorshipID)", "Программа продлена.")
        })

    /// Approving a programme (it becomes binding and the pair may enter the programme) and returning it are confirmed
    /// on a page that names the pair, the programme and who approves it; approval asks for its date on paper.
    static func confirmedDecision(_ decision: ProgrammeService.Decision) -> ConfirmStep<DecisionInput> {
        let approve = decision == .approve
        return ConfirmStep<DecisionInput>(
            title: approve ? "Утвердить программу" : "Вернуть программу на доработку", submit: approve ? "Подтвердить утверждение" : "Подтвердить возврат",
            back: backFromProgramme,
            initial: { req in DecisionInput(date: req.today.russian) },
            fields: { _, i in
                approve ? [dateField("date", "Дата утверждения (как на программе)", i.date)] : [FormField("comment", "Что доработать", .textarea, value: i.comment, required: true)]
            },
            consequences: { req, i in
                let (d, p) = try await ProgrammeService.require(req, try req.uuid("id"), .write)
                let tasks = d.file.tasks.count
                let what = "Программа пары (группы) «\(d.title)» на \(p.start.russian) — \(p.end.russian), задач: \(tasks)"
                guard approve else {
                    return ["\(what) вернётся из «\(p.status.label)» в черновик с вашим комментарием.",
                            "Наставник снова отправит её на согласование; пока она не утверждена, наставляемые не входят в программу (показатель 11)."]
                }
                var r = InputReader()
                let day = r.day(i.date, "approvedOn", "дату утверждения", default: req.today) ?? req.today
                try r.check()
                let user = try req.user
                try ValidationError.check(ProgrammeRules.validateApproval(p, by: user.actor.role, account: user.accountID, rule: d.organisation.programmeApproval, on: day, today: req.today))
                let mentees = d.current(.mentee).map { d.people[$0.personID]?.fullName ?? "—" }.joined(separator: ", ")
                return [
                    "\(what) будет утверждена \(day.russian); утвердил — \(user.fullName) (\(user.actor.role.label)).",
                    "Цели и задачи утверждённой программы больше не правятся: изменить можно только срок (продлением).",
                    d.mentorship.order != nil
                        ? "Пара закреплена приказом: наставляемые (\(mentees)) войдут в программу наставничества (показатель 11)."
                        : "Пара ещё не закреплена приказом: наставляемые (\(mentees)) войдут в программу, когда её закрепят.",
                ]
            },
            date: { approve ? $0.date : nil },
            perform: { req, i in
                let p = try await ProgrammeService.decide(req, try req.uuid("id"), decision, i)
                return ("/mentorships/\(p.mentorshipID)", approve ? "Программа утверждена." : "Программа возвращена на доработку.")
            })
    }

    static let newMeeting = ActionForm<MeetingInput>(
        title: "Встреча", submit: "Сохранить", back: backToMentorship,
        initial: { req in MeetingInput(type: MeetingType.regular.rawValue, date: req.today.russian, time: "15:00", durationMinutes: FlexibleInt(45), status: MeetingStatus.planned.rawValue) },
        fields: { req, i in try await MentorshipForms.meetingFields(req, try await MentorshipStore.require(req, try req.uuid("id"), .read), i) },
        perform: { req, i in
            let m = try await MeetingService.add(req, try req.uuid("id"), i)
            return ("/mentorships/\(m.mentorshipID)", "Встреча сохранена.")
        })

    static func meetingContext(_ req: Request) async throws -> (Meeting, MentorshipDossier) {
        guard let m = try await MeetingRecord.find(try req.uuid("id"), on: req.db)?.core else { throw Abort(.notFound, reason: "Встреча не найдена.") }
        return (m, try await MentorshipStore.require(req, m.mentorshipID, .read))
    }

    static let editMeeting = ActionForm<MeetingInput>(
        title: "Встреча", submit: "Сохранить",
        back: { req in
            let (_, d) = try await meetingContext(req)
            return (d.title, "/mentorships/\(d.mentorship.id)")
        },
        initial: { req in
            let (m, _) = try await meetingContext(req)
            return MeetingInput(type: m.type.rawValue, date: m.date.russian, time: m.time.description, durationMinutes: FlexibleInt(m.durationMinutes), format: m.format.rawValue,
                place: m.place, agenda: m.agenda, outcome: m.outcome, status: m.status.rawValue, attendees: m.attendees.map(\.uuidString))
        },
        fields: { req, i in try await MentorshipForms.meetingFields(req, try await meetingContext(req).1, i) },
        perform: { req, i in
            let m = try await MeetingService.update(req, try req.uuid("id"), i)
            return ("/mentorships/\(m.mentorshipID)", "Встреча сохранена.")
        })

    static let newFeedback = ActionForm<FeedbackInput>(
        title: "Анкета обратной связи", submit: "Отправить", back: backToMentorship,
        initial: { req in FeedbackInput(date: req.today.russian, kind: FeedbackKind.regular.rawValue) },
        fields: { req, i in
            let d = try await MentorshipStore.require(req, try req.uuid("id"), .read)
            return try MentorshipForms.authorField(req, d, i.authorPersonID, roles: [.mentor, .mentee]) + [
                dateField("date", "Дата", i.date), .choice("kind", "Анкета", FeedbackKind.self, value: i.kind, blank: nil),
                FormField("satisfaction", "Удовлетворённость (1–10)", .select((1...10).map { ("\($0)", "\($0)") }, blank: "— выберите оценку —"), value: i.satisfaction?.value.map(String.init), required: true),
                FormField("progress", "Что удалось за период", .textarea, value: i.progress, required: true),
                FormField("problems", "Трудности и вопросы", .textarea, value: i.problems),
            ]
        },
        hint: "Обратная связь от наставника и наставляемого — не реже раза в месяц. \(MenteeConfidentiality.notice)",
        perform: { req, i in
            let f = try await MeetingService.addFeedback(req, try req.uuid("id"), i)
            return ("/mentorships/\(f.mentorshipID)", "Анкета сохранена. Спасибо!")
        })

    static let newAssessment = ActionForm<AssessmentInput>(
        title: "Самооценка компетенций", submit: "Сохранить", back: backToMentorship,
        initial: { req in AssessmentInput(phase: AssessmentPhase.start.rawValue, date: req.today.russian) },
        fields: { req, i in
            let d = try await MentorshipStore.require(req, try req.uuid("id"), .read)
            return try MentorshipForms.authorField(req, d, i.personID, roles: [.mentee], name: "personID") + [
                .choice("phase", "Самооценка", AssessmentPhase.self, value: i.phase, blank: nil), dateField("date", "Дата", i.date),
            ] + Competency.allCases.map { c in
                FormField("scores[\(c.rawValue)]", "Компетенции: \(c.label)", .select((1...5).map { ("\($0)", "\($0)") }, blank: "не оцениваю"), value: i.scores?[c.rawValue]?.value.map(String.init))
            }
        },
        hint: "Одна и та же самооценка в начале и в конце программы показывает прирост компетенций: 1 — не владею, 5 — владею свободно и помогаю другим.",
        perform: { req, i in
            let a = try await MeetingService.addAssessment(req, try req.uuid("id"), i)
            return ("/mentorships/\(a.mentorshipID)", "Самооценка сохранена.")
        })
}
