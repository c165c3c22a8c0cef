import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// «Что нужно сделать» on the home page of a school's curator and director (issue 26), from the live rules: the board's
/// risks and entry checks, the base of mentees, the summary's counts and the roadmap.
enum HomeTasks {
    /// The caller's tasks; empty for roles without a list yet.
    static func list(_ req: Request, summary: Summary) async throws -> [RoleTask] {
        let user = try req.user
        let role = user.actor.role
        if role == .municipalCoordinator || role == .regionalOperator { return TaskListRules.territory(try await territory(req)) }
        guard role == .curator || role == .director, let org = user.actor.placement.organisationID else { return [] }
        let facts = try await facts(req, organisation: org, summary: summary, role: role, account: user.accountID)
        return role == .curator ? TaskListRules.curator(facts) : TaskListRules.director(facts)
    }

    static func facts(_ req: Request, organisation org: UUID, summary: Summary, role: Role, account: UUID) async throws -> OrganisationFacts {
        let open = try await MentorshipStore.visible(req, organisationID: org).filter(\.status.isOpen)
        let rows = try await MentorshipBoard.rows(req, of: open)
        let rule = try await OrganisationRecord.find(org, on: req.db).map { try $0.core.programmeApproval } ?? .standard
        let pairs = rows.map { r in
            PairFacts(
                programme: r.file.programme?.status,
                approvableByViewer: r.file.programme.map { ProgrammeRules.mayApprove($0, role: role, account: account, rule: rule) } ?? false,
                fixedByOrder: r.entry.hasOrder, atRisk: !r.risks.isEmpty)
        }
        let queries = TaskQueries(req.db)
        return OrganisationFacts(
            organisationID: org, today: req.today, openPairs: pairs,
            waitingMentees: try await queries.waitingMentees(organisation: org),
            youngOutsideBase: max(summary.youngSpecialists - summary.menteesYoung, 0),
            withoutConsent: summary.peopleWithoutConsent,
            roadmapDeadlines: try await queries.openRoadmapDeadlines(organisation: org))
    }

    static func territory(_ req: Request) async throws -> TerritoryFacts {
        let actor = try req.user.actor
        let reach = Scope.reach(actor, .organisation)
        let queries = TaskQueries(req.db)
        let year = RoadmapRules.schoolYear(of: req.today)
        let pending = try await PracticeService.search(req, PracticeFilter(status: ModerationStatus.pending.rawValue))
        return TerritoryFacts(
            schoolsWithoutCurator: try await queries.schoolsWithoutCurator(reach),
            schoolsWithoutRoadmap: try await queries.schoolsWithoutRoadmap(reach, schoolYear: year), schoolYear: year,
            practicesToModerate: pending.filter(\.mayModerate).count)
    }

    /// A mentor's or mentee's list on «Моё наставничество», from the pairs the page already read.
    static func participant(_ req: Request, _ rows: [BoardRow], feedbackDue: [UUID]) async throws -> [RoleTask] {
        let actor = try req.user.actor
        guard let me = actor.personID else { return [] }
        let mine = rows.compactMap { r -> (BoardRow, Participant)? in
            guard r.mentorship.status.isOpen, let p = r.file.participants.first(where: { $0.personID == me && $0.isCurrent }) else { return nil }
            return (r, p)
        }
        let assessed = try await TaskQueries(req.db).assessed(person: me, in: mine.map(\.0.mentorship.id))
        let today = req.today
        return TaskListRules.participant(mine.map { r, p in
            ParticipationFacts(
                mentorshipID: r.mentorship.id, pairTitle: (r.mentors + r.mentees).map(\.shortName).joined(separator: " → "), role: p.role, status: r.mentorship.status, plannedEnd: r.mentorship.plannedEnd,
                feedbackDue: feedbackDue.contains(r.mentorship.id), assessed: assessed[r.mentorship.id] ?? [],
                openTaskDeadlines: r.file.tasks.filter(\.status.isOpen).map(\.deadline),
                plannedMeetings: r.file.meetings.filter { $0.status == .planned && $0.date >= today }.map(\.date))
        }, today: today)
    }

    /// Whose home shows the list.
    static func shows(_ role: Role) -> Bool { [.curator, .director, .municipalCoordinator, .regionalOperator].contains(role) }

    /// The list as the page shows it: a line a task, its count, deadline and button; or that nothing waits.
    static func section(_ tasks: [RoleTask], role: Role) -> Node {
        Layout.section("Что нужно сделать") {
            if tasks.isEmpty {
                el("p", ["class": "muted"]) {
                    switch role.scopeLevel {
                    case .organisation: "Срочных дел нет: все пары закреплены, программы утверждены, сроки дорожной карты не нарушены."
                    case .person: "Срочных дел нет: анкета за месяц заполнена, задачи программы в срок, встреч на этой неделе нет."
                    default: "Срочных дел нет: у всех школ есть куратор и дорожная карта на учебный год, материалов на модерации нет."
                    }
                }
            } else {
                el("ul", ["class": "tasks"]) {
                    tasks.map { t in
                        el("li", ["class": t.overdue ? "task overdue" : "task"]) {
                            el("strong", ["class": "task-count"]) { String(t.count) }
                            el("span", ["class": "task-title"]) {
                                t.title
                                if let d = t.deadline {
                                    el("small", ["class": "task-deadline"]) { t.overdue ? " — просрочено, самый ранний срок \(d.russian)" : " — ближайший срок \(d.russian)" }
                                }
                            }
                            link(t.href, t.action, class: "btn small")
                        }
                    }
                }
            }
        }
    }
}
