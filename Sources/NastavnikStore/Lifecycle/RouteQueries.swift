import Fluent
import Foundation
import NastavnikCore

/// The individual routes of a territory (seed 004), as the municipal coordinator and the regional operator list them.
public enum RouteQueries {
    /// Every mentee of the organisations' bases (not «выбыл») and everyone with route steps there, each with their
    /// route and their regional tutor, if any.
    public static func overview(_ db: any Database, organisations: [UUID], today: Day) async throws -> [RouteOverview] {
        guard !organisations.isEmpty else { return [] }
        let mentees = try await MenteeProfileRecord.query(on: db).filter(\.$organisationID ~~ organisations).filter(\.$status != MenteeStatus.left.rawValue).all()
        let steps = try await RouteStepRecord.query(on: db).filter(\.$organisationID ~~ organisations).all().map { try $0.core }
        var organisationOf: [UUID: UUID] = [:]
        for m in mentees { organisationOf[m.personID] = organisationOf[m.personID] ?? m.organisationID }
        for s in steps { organisationOf[s.personID] = organisationOf[s.personID] ?? s.organisationID }
        let people = Array(organisationOf.keys)
        var tutors: [UUID: String] = [:]
        if !people.isEmpty {
            let assignments = try await TutorAssignmentRecord.query(on: db).filter(\.$personID ~~ people).all()
            let accounts = try await AccountRecord.query(on: db).filter(\.$id ~~ Array(Set(assignments.map(\.accountID)))).all()
            let names = Dictionary(accounts.compactMap { a in a.id.map { ($0, a.fullName) } }, uniquingKeysWith: { a, _ in a })
            for a in assignments { tutors[a.personID] = tutors[a.personID] ?? names[a.accountID] }
        }
        let stepsBy = Dictionary(grouping: steps, by: \.personID)
        return organisationOf.map { person, org in
            RouteOverview(personID: person, organisationID: org, steps: stepsBy[person] ?? [], tutor: tutors[person], today: today)
        }
    }
}
