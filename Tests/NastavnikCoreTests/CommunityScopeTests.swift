import Foundation
import Testing

@testable import NastavnikCore

/// Region R holds municipalities M1 (schools S1, S2) and M2; a second region R2 stands apart.
private enum Tree {
    static let r = UUID(), r2 = UUID(), m1 = UUID(), m2 = UUID(), s1 = UUID(), s2 = UUID()
    static let region = Placement(regionID: r)
    static let municipality = Placement(regionID: r, municipalityID: m1)
    static let school = Placement(regionID: r, municipalityID: m1, organisationID: s1)
    static let neighbourSchool = Placement(regionID: r, municipalityID: m1, organisationID: s2)
    static let otherMunicipality = Placement(regionID: r, municipalityID: m2)
    static let otherRegion = Placement(regionID: r2)

    static func actor(_ role: Role, at placement: Placement) -> Actor {
        Actor(accountID: UUID(), role: role, placement: placement, personID: role.scopeLevel == .person ? UUID() : nil)
    }
}

@Suite("CommunityScope: who reads and who organises contests and the mentor school")
struct CommunityScopeTests {
    @Test("A node's level is the lowest of the ids it carries")
    func level() {
        #expect(CommunityScope.level(of: Tree.region) == .region)
        #expect(CommunityScope.level(of: Tree.municipality) == .municipality)
        #expect(CommunityScope.level(of: Tree.school) == .organisation)
    }

    @Test("A municipal contest is read inside its municipality, at any school of it, and nowhere else")
    func insideMunicipality() {
        #expect(CommunityScope.inside(Tree.municipality, Tree.municipality))
        #expect(CommunityScope.inside(Tree.municipality, Tree.neighbourSchool))
        #expect(!CommunityScope.inside(Tree.municipality, Tree.otherMunicipality))
        #expect(!CommunityScope.inside(Tree.municipality, Tree.region))
    }

    @Test("A school's event is read only at that school; a regional one anywhere in the region")
    func insideSchoolAndRegion() {
        #expect(CommunityScope.inside(Tree.school, Tree.school))
        #expect(!CommunityScope.inside(Tree.school, Tree.neighbourSchool))
        #expect(!CommunityScope.inside(Tree.school, Tree.municipality))
        #expect(CommunityScope.inside(Tree.region, Tree.neighbourSchool))
        #expect(!CommunityScope.inside(Tree.region, Tree.otherRegion))
    }

    @Test("A municipal coordinator organises for their municipality and its schools, not for the region above")
    func coordinatorOrganises() {
        let coordinator = Tree.actor(.municipalCoordinator, at: Tree.municipality)
        #expect(CommunityScope.mayOrganise(coordinator, .contest, Tree.municipality))
        #expect(CommunityScope.mayOrganise(coordinator, .training, Tree.school))
        #expect(!CommunityScope.mayOrganise(coordinator, .contest, Tree.region))
        #expect(!CommunityScope.mayOrganise(coordinator, .contest, Tree.otherMunicipality))
    }

    @Test("A curator organises at their school only; a mentor, though allowed to write, organises nothing")
    func schoolAndPersonalRoles() {
        let curator = Tree.actor(.curator, at: Tree.school)
        #expect(CommunityScope.mayOrganise(curator, .training, Tree.school))
        #expect(!CommunityScope.mayOrganise(curator, .training, Tree.municipality))
        #expect(!CommunityScope.mayOrganise(curator, .training, Tree.neighbourSchool))
        #expect(!CommunityScope.mayOrganise(Tree.actor(.mentor, at: Tree.school), .contest, Tree.school))
        #expect(CommunityScope.mayOrganise(Tree.actor(.administrator, at: Placement()), .contest, Tree.otherRegion))
    }
}
