import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// Rendering of the board, the mentorship card and its parts.
enum MentorshipPages {
    static func statusTone(_ s: MentorshipStatus) -> String {
        switch s {
        case .forming: "warn"
        case .active: "ok"
        case .completed: ""
        case .terminated: "bad"
        }
    }

    static func riskBadges(_ risks: [Risk]) -> Node {
        risks.isEmpty ? Layout.badge("в порядке", "ok") : .fragment(risks.map { Layout.badge($0.kind.label, "bad") })
    }

    static func boardTable(_ rows: [BoardRow], showOrganisation: Bool) -> Node {
        let headers = ["Пара / группа"] + (showOrganisation ? ["Организация"] : []) + ["Форма", "Период", "Статус", "Программа", "Приказ", "Внимание"]
        return Layout.table(headers, rows.map { r in
            let m = r.mentorship
            let title = m.title.nonBlank ?? (r.mentors.map(\.shortName).joined(separator: ", ") + " → " + r.mentees.map(\.shortName).joined(separator: ", "))
            return [link("/mentorships/\(m.id)", title)] + (showOrganisation ? [.text(r.organisation)] : []) + [
                .text(m.form.label), .text(m.period.russian), Layout.badge(m.status.label, statusTone(m.status)),
                .text(r.file.programme?.status.label ?? "нет"), .text(r.order ?? "—"),
                riskBadges(r.risks),
            ]
        }, empty: "Пар и групп по этим условиям нет.")
    }

    /// The card; `issues` are shown on top when an action from it was refused.
    static func card(_ req: Request, _ d: MentorshipDossier, issues: [FieldIssue] = []) throws -> String {
        let actor = try req.user.actor
        let m = d.mentorship
        let own = MentorshipStore.ownParticipation(actor, d.file)
        func may(_ r: Resource) -> Bool { AccessPolicy.allows(actor, .write, r, at: d.placement, personID: own) }
        let csrf = req.csrfToken
        let base = "/mentorships/\(m.id)"
        let risks = MonitoringRules.risks(d.file, today: req.today)
        let entry = MonitoringRules.entry(d.file, orders: d.orders, on: req.today)
        var actions: [Node] = []
        if may(.mentorship) {
            if m.status == .forming { actions.append(link("\(base)/order", "Закрепить приказом", class: "btn primary")) }
            if m.status == .active { actions.append(link("\(base)/complete", "Завершить", class: "btn")) }
            if m.status.isOpen {
                actions.append(link("\(base)/replace", "Заменить участника", class: "btn"))
                actions.append(link("\(base)/terminate", "Прекратить досрочно", class: "btn"))
            }
        }
        if m.status == .completed, PracticeService.mayMakeCase(actor, d) {
            actions.append(postButton("\(base)/case", "Оформить кейс в банк практик", csrf: csrf))
        }
        return Layout.page(try req.page(), title: d.title, breadcrumbs: [("Пары и группы", "/mentorships")], actions: actions) {
            Forms.errorSummary(issues)
            if !risks.isEmpty {
                el("div", ["class": "alert error", "role": "alert"]) {
                    el("strong") { "Требует внимания:" }
                    el("ul") { risks.map { r in el("li") { "\(r.kind.label): \(r.detail)" } } }
                }
            }
            Layout.section("Пара (группа)") {
                Layout.facts([
                    ("Организация", d.organisation.shortName), ("Форма", m.form.label), ("Вид", m.kind.label), ("Формат", m.format.label),
                    ("Период", Period(start: m.start, end: m.plannedEnd).russian), ("Статус", m.status.label),
                    ("Приказ", d.orders.describe(m, on: req.today)), ("Фактическое окончание", m.actualEnd?.russian),
                    ("Причина прекращения", m.terminationReason), ("Результат", m.resultSummary),
                    ("Вход в программу", entry.entered ? "да: приказ есть, программа утверждена" : "нет: " + entry.missing.joined(separator: ", ")),
                ])
            }
            Layout.section("Участники") {
                Layout.table(["ФИО", "Роль", "Включён", "Вышел", "Примечание"], d.file.participants.map { p in
                    [
                        link("/people/\(p.personID)", d.people[p.personID]?.fullName ?? "—"), .text(p.role.label), .text(p.joinedOn.russian),
                        .text(p.leftOn?.russian ?? "—"),
                        .text([p.leftReason.map { "причина выхода: \($0)" }, p.justification.map { "обоснование: \($0)" }].compactMap { $0 }.joined(separator: "; ")),
                    ]
                })
            }
            programmeSection(d, csrf: csrf, mayWrite: may(.programme), role: actor.role, account: actor.accountID, today: req.today)
            meetingsSection(d, mayWrite: may(.meeting))
            feedbackSection(d.shown(to: actor), mayWrite: may(.feedback) && m.status.isOpen, assesses: actor.role != .mentor)
        }
    }

    static func programmeSection(_ d: MentorshipDossier, csrf: String, mayWrite: Bool, role: Role, account: UUID? = nil, today: Day) -> Node {
        guard let p = d.file.programme else {
            return Layout.section("Персонализированная программа") {
                el("p", ["class": "empty"]) { "Программа ещё не составлена." }
                if mayWrite, d.mentorship.status.isOpen {
                    postButton("/mentorships/\(d.mentorship.id)/programme", "Составить по шаблону формы «\(d.mentorship.form.label)»", csrf: csrf, tone: "primary")
                }
            }
        }
        var actions: [Node] = []
        if mayWrite {
            switch p.status {
            case .draft:
                actions += [link("/programmes/\(p.id)/edit", "Изменить цели и сроки", class: "btn"), link("/programmes/\(p.id)/tasks/new", "Добавить задачу", class: "btn"),
                    postButton("/programmes/\(p.id)/submit", "Отправить на согласование", csrf: csrf, tone: "primary")]
            case .onApproval where ProgrammeRules.reviewers.contains(role):
                // Approval is the regulation's official's (the director), never the submitter's; returning is open to reviewers.
                if ProgrammeRules.mayApprove(p, role: role, account: account, rule: d.organisation.programmeApproval) { actions.append(link("/programmes/\(p.id)/approve", "Утвердить", class: "btn primary")) }
                actions.append(link("/programmes/\(p.id)/return", "Вернуть на доработку", class: "btn"))
            case .approved:
                actions += [link("/programmes/\(p.id)/extend", "Продлить", class: "btn"), postButton("/programmes/\(p.id)/fulfil", "Отметить выполненной", csrf: csrf)]
            default: break
            }
        }
        let editable = mayWrite && (p.status == .draft || p.status == .approved)
        return Layout.section("Персонализированная программа", actions: actions) {
            Layout.facts([
                ("Статус", p.status.label), ("Период", Period(start: p.start, end: p.end).russian),
                ("Утверждена", p.approvalLine),
                ("Утверждает", p.status == .onApproval ? "\(d.organisation.programmeApproval.label) (по положению о наставничестве)" : nil),
                ("Замечания при возврате", p.returnComment),
                ("Продления", p.extensions.isEmpty ? nil : p.extensions.map { "до \($0.newEnd.russian) (\($0.reason))" }.joined(separator: "; ")),
                ("Цели", p.goals), ("Ожидаемые результаты", p.expectedResults),
            ])
            ProgrammeStage.allCases.map { stage in
                Node.fragment([
                    el("h3") { "Этап: \(stage.label)" },
                    Layout.table(["Задача", "Срок", "Ответственный", "Статус", "Подтверждение"], d.file.tasks.filter { $0.stage == stage }.map { t in
                        [
                            editable ? link("/tasks/\(t.id)/edit", t.title) : .text(t.title), .text(t.deadline.russian), .text(t.responsible),
                            Layout.badge(t.status.label, t.isOverdue(on: today) ? "bad" : (t.status == .done ? "ok" : "")), .text(t.evidence ?? "—"),
                        ]
                    }, empty: "Задач на этом этапе нет."),
                ])
            }
        }
    }

    static func meetingsSection(_ d: MentorshipDossier, mayWrite: Bool) -> Node {
        let actions = mayWrite && d.mentorship.status.isOpen ? [link("/mentorships/\(d.mentorship.id)/meetings/new", "Запланировать или записать встречу", class: "btn")] : []
        return Layout.section("Встречи", actions: actions) {
            Layout.table(["Дата", "Время", "Вид", "Формат", "Повестка", "Итог", "Присутствовали", "Состояние"], d.file.meetings.reversed().map { mt in
                [
                    mayWrite ? link("/meetings/\(mt.id)/edit", mt.date.russian) : .text(mt.date.russian), .text(d.zone.time(mt.time, on: mt.date)),
                    .text(mt.type.label), .text(mt.format.label), .text(mt.agenda), .text(mt.outcome ?? "—"),
                    .text(mt.attendees.map { d.name($0) }.joined(separator: ", ")), .text(mt.status.label),
                ]
            }, empty: "Встреч пока нет.")
        }
    }

    /// `assesses`: whether the reader may enter a self-assessment — the mentee, or staff on paper for a mentee; not
    /// the mentor, who was offered the form and refused on submit (the form walk).
    static func feedbackSection(_ d: MentorshipDossier, mayWrite: Bool, assesses: Bool) -> Node {
        let base = "/mentorships/\(d.mentorship.id)"
        let actions = mayWrite ? [link("\(base)/feedback/new", "Заполнить анкету", class: "btn")] + (assesses ? [link("\(base)/assessments/new", "Самооценка компетенций", class: "btn")] : []) : []
        let growth = CompetencyGrowth.compute(d.assessments)
        return Layout.section("Обратная связь и самооценка", actions: actions) {
            Layout.table(["Дата", "Кто", "Анкета", "Удовлетворённость", "Продвижение", "Трудности"], d.file.feedback.reversed().map { f in
                [.text(f.date.russian), .text("\(d.name(f.authorPersonID)) (\(f.role.label))"), .text(f.kind.label), .text("\(f.satisfaction) из 10"), .text(f.progress), .text(f.problems ?? "—")]
            }, empty: "Анкет пока нет. Обратная связь — не реже раза в месяц.")
            el("h3") { "Самооценка компетенций (1–5)" }
            Layout.table(["Наставляемый", "Самооценка", "Дата", "Средний балл"] + Competency.allCases.map(\.label), d.assessments.sorted { ($0.personID.uuidString, $0.phase.rawValue) > ($1.personID.uuidString, $1.phase.rawValue) }.map { a in
                [.text(d.name(a.personID)), .text(a.phase.label), .text(a.date.russian), .text(Format.decimal(a.average, 1))]
                    + Competency.allCases.map { c in .text(a.scores[c].map(String.init) ?? "—") }
            }, empty: "Самооценок пока нет: входную заполняют в начале, итоговую — при завершении.")
            if !growth.isEmpty {
                el("p") { "Прирост компетенций: " + growth.map { "\(d.name($0.personID)): \(Format.signed($0.delta))" }.joined(separator: "; ") }
            }
        }
    }
}

/// Russian number formatting: decimal comma.
enum Format {
    static func decimal(_ x: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", x).replacingOccurrences(of: ".", with: ",")
    }
    static func signed(_ x: Double) -> String { (x > 0 ? "+" : (x < 0 ? "−" : "")) + decimal(abs(x), 2) }
    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "—" : decimal(Double(part) * 100 / Double(whole), 1) + " %"
    }
    /// «01.12.2026 14:05», Moscow time.
    static func dateTime(_ date: Date) -> String { AuditPage.formatter.string(from: date) }
}
