import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// One line of the curator's board: a mentorship with its people, risks and entry check.
struct BoardRow: Sendable {
    var file: MentorshipFile
    var organisation: String
    var mentors: [Person]
    var mentees: [Person]
    var risks: [Risk]
    var entry: EntryCheck
    /// The pair's order as of today: which act fixes it, or that it was cancelled (`PairsOrders.describe`).
    var order: String?

    var mentorship: Mentorship { file.mentorship }
}

/// The API's view of a board line.
struct MentorshipSummary: Content {
    var mentorship: Mentorship
    var organisation: String
    var mentors: [String]
    var mentees: [String]
    var programmeStatus: ProgrammeStatus?
    var risks: [RiskDTO]
    var entered: Bool
    var missing: [String]

    init(_ r: BoardRow) {
        mentorship = r.mentorship
        organisation = r.organisation
        mentors = r.mentors.map(\.fullName)
        mentees = r.mentees.map(\.fullName)
        programmeStatus = r.file.programme?.status
        risks = r.risks.map(RiskDTO.init)
        entered = r.entry.entered
        missing = r.entry.missing
    }
}

struct RiskDTO: Content {
    var kind: RiskKind
    var label: String
    var detail: String
    init(_ r: Risk) {
        kind = r.kind
        label = r.kind.label
        detail = r.detail
    }
}

/// Per organisation: open pairs and those whose mentees have not «entered the programme» (seed 001, ind. 11).
struct EntryLine: Content {
    var organisationID: UUID
    var organisation: String
    var open: Int
    var entered: Int
    var lacking: [MentorshipSummary]
    /// Mean growth of the self-assessed competencies (1–5 scale) over mentees with both assessments.
    var competencyGrowth: Double?
    var assessedMentees: Int
}

enum MentorshipBoard {
    static func rows(_ req: Request, organisationID: UUID? = nil) async throws -> [BoardRow] {
        try await rows(req, of: try await MentorshipStore.visible(req, organisationID: organisationID))
    }

    /// The board lines of these mentorships: their files, people, organisations and orders, a query per table.
    static func rows(_ req: Request, of mentorships: [Mentorship]) async throws -> [BoardRow] {
        let files = try await MentorshipStore.files(req.db, mentorships)
        let people = try await MentorshipStore.people(req.db, files.flatMap { $0.participants.map(\.personID) })
        let orgIDs = Array(Set(mentorships.map(\.organisationID)))
        var orgs: [UUID: String] = [:]
        for part in MentorshipStore.chunks(orgIDs) where !part.isEmpty {
            for o in try await OrganisationRecord.query(on: req.db).filter(\.$id ~~ part).all() { orgs[o.id!] = o.shortName }
        }
        let today = req.today
        let orders = try await MentorshipStore.pairsOrders(req.db, of: orgIDs)
        return files.map { f in
            let current = f.participants.filter(\.isCurrent)
            return BoardRow(
                file: f, organisation: orgs[f.mentorship.organisationID] ?? "—",
                mentors: current.filter { $0.role == .mentor }.compactMap { people[$0.personID] },
                mentees: current.filter { $0.role == .mentee }.compactMap { people[$0.personID] },
                risks: MonitoringRules.risks(f, today: today), entry: MonitoringRules.entry(f, orders: orders, on: today),
                order: orders.describe(f.mentorship, on: today))
        }
    }

    /// The board's filters: organisation, form, status, risk («any» or a risk kind).
    static func filtered(_ req: Request, _ q: BoardQuery) async throws -> ([BoardRow], Pagination) {
        let request = try PageRequest(page: q.page, per: q.per, defaultPer: 50)
        let org = q.organisationID.nonBlank.flatMap { UUID(uuidString: $0) }
        let form = q.form.nonBlank.flatMap(MentorshipForm.parse)
        let status = q.status.nonBlank.flatMap(MentorshipStatus.parse)
        let risk = q.risk.nonBlank
        let all = q.format == "csv"
        guard let risk else {
            // Without a risk filter the database pages the board; risks are computed for the page's pairs only.
            let (total, page) = try await MentorshipQueries.page(req.db, Scope.reach(try req.user.actor, .mentorship), organisationID: org, form: form, status: status,
                offset: all ? 0 : PageRequest.offset(page: request.page, per: request.per), limit: all ? nil : request.per)
            return (try await rows(req, of: page), Pagination(all ? PageRequest(all: total) : request, total: total))
        }
        // Risks are rules over each pair's meetings, feedback and programme: that filter reads every pair in scope.
        let matching = try await rows(req, organisationID: org).filter { r in
            (form == nil || r.mentorship.form == form) && (status == nil || r.mentorship.status == status)
                && (risk == "any" ? !r.risks.isEmpty : r.risks.contains { $0.kind.rawValue == risk })
        }
        let p = Pagination(all ? PageRequest(all: matching.count) : request, total: matching.count)
        return (Array(matching[p.rows]), p)
    }

    static func entryLines(_ req: Request) async throws -> [EntryLine] {
        let all = try await rows(req)
        let assessments = try await MentorshipStore.all(AssessmentRecord.self, req.db, \.$mentorshipID, in: all.map(\.mentorship.id))
        let orgOf = Dictionary(uniqueKeysWithValues: all.map { ($0.mentorship.id, $0.mentorship.organisationID) })
        let growthByOrg = Dictionary(grouping: assessments) { orgOf[$0.mentorshipID]! }.mapValues(CompetencyGrowth.compute)
        return Dictionary(grouping: all, by: \.mentorship.organisationID).map { id, rows in
            let open = rows.filter { $0.mentorship.status.isOpen }
            let growth = growthByOrg[id] ?? []
            return EntryLine(organisationID: id, organisation: rows[0].organisation, open: open.count,
                entered: open.filter(\.entry.entered).count, lacking: open.filter { !$0.entry.entered }.map(MentorshipSummary.init),
                competencyGrowth: CompetencyGrowth.mean(growth), assessedMentees: growth.count)
        }
        .sorted { ($1.lacking.count, $0.organisation) < ($0.lacking.count, $1.organisation) }
    }
}
