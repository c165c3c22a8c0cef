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

    /// Whose home shows the list.
    static func shows(_ role: Role) -> Bool { [.curator, .director, .municipalCoordinator, .regionalOperator].contains(role) }

    /// The list as the page shows it: a line a task, its count, deadline and button; or that nothing waits.
    static func section(_ tasks: [RoleTask], role: Role) -> Node {
        Layout.section("Что нужно сделать") {
            if tasks.isEmpty {
                el("p", ["class": "muted"]) {
                    role.scopeLevel == .organisation
                        ? "Срочных дел нет: все пары закреплены, программы утверждены, сроки дорожной карты не нарушены."
                        : "Срочных дел нет: у всех школ есть куратор и дорожная карта на учебный год, материалов на модерации нет."
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
