import Foundation
import Testing

@testable import NastavnikCore

/// A fixed hierarchy: region R1 holds municipalities M1 (organisations O1, O2) and M2 (O3); region R2 holds M3 (O4).
private enum H {
    static let r1 = UUID(), r2 = UUID()
    static let m1 = UUID(), m2 = UUID(), m3 = UUID()
    static let o1 = UUID(), o2 = UUID(), o3 = UUID(), o4 = UUID()
    /// The person the records in the matrix are about: the mentor's/mentee's own person, the tutor's assigned one.
    static let subject = UUID()
    static let stranger = UUID()

    /// The four targets, in the column order of the matrix.
    static let ownOrganisation = Placement(regionID: r1, municipalityID: m1, organisationID: o1)
    static let sameMunicipality = Placement(regionID: r1, municipalityID: m1, organisationID: o2)
    static let sameRegion = Placement(regionID: r1, municipalityID: m2, organisationID: o3)
    static let otherRegion = Placement(regionID: r2, municipalityID: m3, organisationID: o4)
    static let targets = [ownOrganisation, sameMunicipality, sameRegion, otherRegion]

    /// Every actor bound to the node of O1 (or above it, for territorial roles).
    static func actor(_ role: Role) -> Actor {
        switch role.scopeLevel {
        case .country: Actor(accountID: UUID(), role: role, placement: Placement())
        case .region:
            Actor(accountID: UUID(), role: role, placement: Placement(regionID: r1), assignedPersonIDs: role == .regionalTutor ? [subject] : [])
        case .municipality: Actor(accountID: UUID(), role: role, placement: Placement(regionID: r1, municipalityID: m1))
        case .organisation: Actor(accountID: UUID(), role: role, placement: ownOrganisation)
        case .person: Actor(accountID: UUID(), role: role, placement: ownOrganisation, personID: subject)
        }
    }
}

/// For mentorship resources a mentor or mentee passes their own person id only for pairs they take
/// part in, so «YYYY» there means «in their own pairs, wherever they are».
/// Expected decisions. Columns: own organisation · other organisation of the same municipality ·
/// other municipality of the same region · other region. «Y» allowed, «·» denied.
/// Records are about `H.subject` (the mentor's/mentee's own person, the tutor's assigned person).
private let matrix: [(Role, Resource, read: String, write: String)] = [
    // administrator: everything everywhere
    (.administrator, .territory, "YYYY", "YYYY"),
    (.administrator, .organisation, "YYYY", "YYYY"),
    (.administrator, .person, "YYYY", "YYYY"),
    (.administrator, .mentorBase, "YYYY", "YYYY"),
    (.administrator, .menteeBase, "YYYY", "YYYY"),
    (.administrator, .account, "YYYY", "YYYY"),
    (.administrator, .audit, "YYYY", "YYYY"),
    (.administrator, .mentorship, "YYYY", "YYYY"),
    (.administrator, .programme, "YYYY", "YYYY"),
    (.administrator, .meeting, "YYYY", "YYYY"),
    (.administrator, .feedback, "YYYY", "YYYY"),
    (.administrator, .route, "YYYY", "YYYY"),
    (.administrator, .matching, "YYYY", "YYYY"),
    (.administrator, .localAct, "YYYY", "YYYY"),
    (.administrator, .documentTemplate, "YYYY", "YYYY"),
    (.administrator, .monitoring, "YYYY", "YYYY"),
    (.administrator, .practice, "YYYY", "YYYY"),
    (.administrator, .contest, "YYYY", "YYYY"),
    (.administrator, .training, "YYYY", "YYYY"),
    // regional operator: reads the region; writes territory, organisations, accounts
    (.regionalOperator, .territory, "YYY·", "YYY·"),
    (.regionalOperator, .organisation, "YYY·", "YYY·"),
    (.regionalOperator, .person, "YYY·", "····"),
    (.regionalOperator, .mentorBase, "YYY·", "····"),
    (.regionalOperator, .menteeBase, "YYY·", "····"),
    (.regionalOperator, .account, "YYY·", "YYY·"),
    (.regionalOperator, .audit, "YYY·", "····"),
    (.regionalOperator, .mentorship, "YYY·", "····"),
    (.regionalOperator, .programme, "YYY·", "····"),
    (.regionalOperator, .meeting, "YYY·", "····"),
    (.regionalOperator, .feedback, "YYY·", "····"),
    (.regionalOperator, .route, "YYY·", "····"),
    (.regionalOperator, .matching, "YYY·", "YYY·"),
    (.regionalOperator, .localAct, "YYY·", "····"),
    (.regionalOperator, .documentTemplate, "YYY·", "YYY·"),
    (.regionalOperator, .monitoring, "YYY·", "YYY·"),
    (.regionalOperator, .practice, "YYY·", "YYY·"),
    (.regionalOperator, .contest, "YYY·", "YYY·"),
    (.regionalOperator, .training, "YYY·", "YYY·"),
    // municipal coordinator: reads the municipality; writes organisations and accounts
    (.municipalCoordinator, .territory, "YY··", "····"),
    (.municipalCoordinator, .organisation, "YY··", "YY··"),
    (.municipalCoordinator, .person, "YY··", "····"),
    (.municipalCoordinator, .mentorBase, "YY··", "····"),
    (.municipalCoordinator, .menteeBase, "YY··", "····"),
    (.municipalCoordinator, .account, "YY··", "YY··"),
    (.municipalCoordinator, .audit, "YY··", "····"),
    (.municipalCoordinator, .mentorship, "YY··", "····"),
    (.municipalCoordinator, .programme, "YY··", "····"),
    (.municipalCoordinator, .meeting, "YY··", "····"),
    (.municipalCoordinator, .feedback, "YY··", "····"),
    // The municipal level of its schools' mentees' routes (the level itself: RouteRules.levels).
    (.municipalCoordinator, .route, "YY··", "YY··"),
    (.municipalCoordinator, .matching, "YY··", "YY··"),
    (.municipalCoordinator, .localAct, "YY··", "····"),
    (.municipalCoordinator, .documentTemplate, "YY··", "YY··"),
    (.municipalCoordinator, .monitoring, "YY··", "YY··"),
    (.municipalCoordinator, .practice, "YY··", "YY··"),
    (.municipalCoordinator, .contest, "YY··", "YY··"),
    (.municipalCoordinator, .training, "YY··", "YY··"),
    // curator: reads the organisation; keeps its people and bases
    (.curator, .territory, "Y···", "····"),
    (.curator, .organisation, "Y···", "····"),
    (.curator, .person, "Y···", "Y···"),
    (.curator, .mentorBase, "Y···", "Y···"),
    (.curator, .menteeBase, "Y···", "Y···"),
    (.curator, .account, "Y···", "····"),
    (.curator, .audit, "Y···", "····"),
    (.curator, .mentorship, "Y···", "Y···"),
    (.curator, .programme, "Y···", "Y···"),
    (.curator, .meeting, "Y···", "Y···"),
    (.curator, .feedback, "Y···", "Y···"),
    (.curator, .route, "Y···", "Y···"),
    (.curator, .matching, "Y···", "Y···"),
    (.curator, .localAct, "Y···", "Y···"),
    (.curator, .documentTemplate, "Y···", "····"),
    (.curator, .monitoring, "Y···", "····"),
    (.curator, .practice, "Y···", "Y···"),
    (.curator, .contest, "Y···", "Y···"),
    (.curator, .training, "Y···", "Y···"),
    // director: as curator, and also the organisation's card and accounts
    (.director, .territory, "Y···", "····"),
    (.director, .organisation, "Y···", "Y···"),
    (.director, .person, "Y···", "Y···"),
    (.director, .mentorBase, "Y···", "Y···"),
    (.director, .menteeBase, "Y···", "Y···"),
    (.director, .account, "Y···", "Y···"),
    (.director, .audit, "Y···", "····"),
    (.director, .mentorship, "Y···", "Y···"),
    (.director, .programme, "Y···", "Y···"),
    (.director, .meeting, "Y···", "Y···"),
    (.director, .feedback, "Y···", "Y···"),
    (.director, .route, "Y···", "Y···"),
    (.director, .matching, "Y···", "Y···"),
    (.director, .localAct, "Y···", "Y···"),
    (.director, .documentTemplate, "Y···", "····"),
    (.director, .monitoring, "Y···", "····"),
    (.director, .practice, "Y···", "Y···"),
    (.director, .contest, "Y···", "Y···"),
    (.director, .training, "Y···", "Y···"),
    // psychologist: reads the organisation, its people and bases; writes nothing
    (.psychologist, .territory, "····", "····"),
    (.psychologist, .organisation, "Y···", "····"),
    (.psychologist, .person, "Y···", "····"),
    (.psychologist, .mentorBase, "Y···", "····"),
    (.psychologist, .menteeBase, "Y···", "····"),
    (.psychologist, .account, "····", "····"),
    (.psychologist, .audit, "····", "····"),
    (.psychologist, .mentorship, "Y···", "····"),
    (.psychologist, .programme, "Y···", "····"),
    (.psychologist, .meeting, "Y···", "····"),
    (.psychologist, .feedback, "Y···", "····"),
    (.psychologist, .route, "····", "····"),
    (.psychologist, .matching, "Y···", "····"),
    (.psychologist, .localAct, "····", "····"),
    (.psychologist, .documentTemplate, "····", "····"),
    (.psychologist, .monitoring, "····", "····"),
    (.psychologist, .practice, "Y···", "····"),
    (.psychologist, .contest, "Y···", "····"),
    (.psychologist, .training, "Y···", "····"),
    // regional tutor: reads assigned people and their mentee records, wherever they are
    (.regionalTutor, .territory, "····", "····"),
    (.regionalTutor, .organisation, "····", "····"),
    (.regionalTutor, .person, "YYYY", "····"),
    (.regionalTutor, .mentorBase, "····", "····"),
    (.regionalTutor, .menteeBase, "YYYY", "····"),
    (.regionalTutor, .account, "····", "····"),
    (.regionalTutor, .audit, "····", "····"),
    (.regionalTutor, .mentorship, "····", "····"),
    (.regionalTutor, .programme, "····", "····"),
    (.regionalTutor, .meeting, "····", "····"),
    (.regionalTutor, .feedback, "····", "····"),
    (.regionalTutor, .route, "YYYY", "YYYY"),
    (.regionalTutor, .matching, "····", "····"),
    (.regionalTutor, .localAct, "····", "····"),
    (.regionalTutor, .documentTemplate, "····", "····"),
    (.regionalTutor, .monitoring, "····", "····"),
    (.regionalTutor, .practice, "YYYY", "····"),
    (.regionalTutor, .contest, "YYYY", "····"),
    (.regionalTutor, .training, "YYYY", "····"),
    // mentor: reads own person and own mentor record
    (.mentor, .territory, "····", "····"),
    (.mentor, .organisation, "····", "····"),
    (.mentor, .person, "YYYY", "····"),
    (.mentor, .mentorBase, "YYYY", "····"),
    (.mentor, .menteeBase, "····", "····"),
    (.mentor, .account, "····", "····"),
    (.mentor, .audit, "····", "····"),
    (.mentor, .mentorship, "YYYY", "····"),
    (.mentor, .programme, "YYYY", "YYYY"),
    (.mentor, .meeting, "YYYY", "YYYY"),
    (.mentor, .feedback, "YYYY", "YYYY"),
    (.mentor, .route, "YYYY", "····"),
    (.mentor, .matching, "····", "····"),
    (.mentor, .localAct, "····", "····"),
    (.mentor, .documentTemplate, "····", "····"),
    (.mentor, .monitoring, "····", "····"),
    (.mentor, .practice, "YYYY", "YYYY"),
    (.mentor, .contest, "YYYY", "YYYY"),
    (.mentor, .training, "YYYY", "YYYY"),
    // mentee: reads own person and own mentee record
    (.mentee, .territory, "····", "····"),
    (.mentee, .organisation, "····", "····"),
    (.mentee, .person, "YYYY", "····"),
    (.mentee, .mentorBase, "····", "····"),
    (.mentee, .menteeBase, "YYYY", "····"),
    (.mentee, .account, "····", "····"),
    (.mentee, .audit, "····", "····"),
    (.mentee, .mentorship, "YYYY", "····"),
    (.mentee, .programme, "YYYY", "····"),
    (.mentee, .meeting, "YYYY", "····"),
    (.mentee, .feedback, "YYYY", "YYYY"),
    (.mentee, .route, "YYYY", "····"),
    (.mentee, .matching, "····", "····"),
    (.mentee, .localAct, "····", "····"),
    (.mentee, .documentTemplate, "····", "····"),
    (.mentee, .monitoring, "····", "····"),
    (.mentee, .practice, "YYYY", "····"),
    (.mentee, .contest, "YYYY", "····"),
    (.mentee, .training, "YYYY", "····"),
]

private func pattern(_ actor: Actor, _ action: Action, _ resource: Resource, personID: UUID? = H.subject, targets: [Placement] = H.targets) -> String {
    String(targets.map { AccessPolicy.allows(actor, action, resource, at: $0, personID: personID) ? "Y" : "·" })
}

@Suite("AccessPolicy: who may read and write what, where")
struct AccessPolicyTests {
    @Test("The matrix names every role × resource exactly once")
    func matrixIsComplete() {
        #expect(matrix.count == Role.allCases.count * Resource.allCases.count)
        for role in Role.allCases {
            for resource in Resource.allCases {
                #expect(matrix.filter { $0.0 == role && $0.1 == resource }.count == 1, "\(role) × \(resource)")
            }
        }
        #expect(Action.allCases == [.read, .write])
    }

    @Test("Role × resource × action × target gives the decision in the matrix", arguments: matrix)
    func decision(_ row: (Role, Resource, read: String, write: String)) {
        let actor = H.actor(row.0)
        #expect(pattern(actor, .read, row.1) == row.read, "\(row.0) read \(row.1)")
        #expect(pattern(actor, .write, row.1) == row.write, "\(row.0) write \(row.1)")
    }

    @Test("A role's rights regardless of scope are the union of the matrix's row", arguments: matrix)
    func permits(_ row: (Role, Resource, read: String, write: String)) {
        #expect(AccessPolicy.permits(row.0, .read, row.1) == row.read.contains("Y"))
        #expect(AccessPolicy.permits(row.0, .write, row.1) == row.write.contains("Y"))
    }

    @Test("Territorial roles decide by placement alone: the person a record is about does not matter", arguments: [
        Role.administrator, .regionalOperator, .municipalCoordinator, .curator, .director, .psychologist,
    ])
    func personIrrelevantForTerritorialRoles(_ role: Role) {
        let actor = H.actor(role)
        for resource in Resource.allCases {
            for action in Action.allCases {
                let withSubject = pattern(actor, action, resource)
                #expect(pattern(actor, action, resource, personID: nil) == withSubject)
                #expect(pattern(actor, action, resource, personID: H.stranger) == withSubject)
            }
        }
    }

    @Test("A regional tutor sees only the people assigned to them")
    func tutorOnlyAssigned() {
        let tutor = H.actor(.regionalTutor)
        for resource in [Resource.person, .menteeBase] {
            #expect(pattern(tutor, .read, resource, personID: H.stranger) == "····")
            #expect(pattern(tutor, .read, resource, personID: nil) == "····")
            #expect(pattern(tutor, .write, resource, personID: H.subject) == "····")
        }
        let unassigned = Actor(accountID: UUID(), role: .regionalTutor, placement: Placement(regionID: H.r1))
        #expect(pattern(unassigned, .read, .person) == "····")
        let two = Actor(accountID: UUID(), role: .regionalTutor, placement: Placement(regionID: H.r1), assignedPersonIDs: [H.subject, H.stranger])
        #expect(pattern(two, .read, .person, personID: H.stranger) == "YYYY")
    }

    @Test("A mentor or mentee sees only their own person", arguments: [Role.mentor, .mentee])
    func ownPersonOnly(_ role: Role) {
        let me = H.actor(role)
        let base: Resource = role == .mentor ? .mentorBase : .menteeBase
        for resource in [Resource.person, base] {
            #expect(pattern(me, .read, resource, personID: H.subject) == "YYYY")
            #expect(pattern(me, .read, resource, personID: H.stranger) == "····")
            #expect(pattern(me, .read, resource, personID: nil) == "····")
            #expect(pattern(me, .write, resource, personID: H.subject) == "····")
        }
        // An account of a personal role with no person bound sees nothing, not even records about nobody.
        let unbound = Actor(accountID: UUID(), role: role, placement: H.ownOrganisation)
        #expect(pattern(unbound, .read, .person, personID: nil) == "····")
        #expect(pattern(unbound, .read, .person, personID: H.subject) == "····")
    }

    @Test("An account not bound to its node sees nothing, even records placed nowhere", arguments: [
        Role.regionalOperator, .municipalCoordinator, .curator, .director, .psychologist,
    ])
    func unboundActor(_ role: Role) {
        let unbound = Actor(accountID: UUID(), role: role, placement: Placement())
        for resource in Resource.allCases {
            #expect(pattern(unbound, .read, resource, targets: H.targets + [Placement()]) == "·····")
        }
    }

    @Test("A record placed above the organisation is outside an organisation's roles but inside the municipality's")
    func recordAboveOrganisation() {
        let municipalRecord = Placement(regionID: H.r1, municipalityID: H.m1)
        #expect(!AccessPolicy.allows(H.actor(.curator), .read, .territory, at: municipalRecord))
        #expect(!AccessPolicy.allows(H.actor(.director), .read, .organisation, at: municipalRecord))
        #expect(AccessPolicy.allows(H.actor(.municipalCoordinator), .read, .territory, at: municipalRecord))
        #expect(AccessPolicy.allows(H.actor(.regionalOperator), .write, .territory, at: Placement(regionID: H.r1)))
        #expect(!AccessPolicy.allows(H.actor(.municipalCoordinator), .read, .territory, at: Placement(regionID: H.r1)))
        #expect(AccessPolicy.allows(H.actor(.administrator), .write, .territory, at: Placement()))
    }

    @Test("Each role is bound to its level of the hierarchy")
    func scopeLevels() {
        let expected: [Role: ScopeLevel] = [
            .administrator: .country, .regionalOperator: .region, .regionalTutor: .region, .municipalCoordinator: .municipality,
            .curator: .organisation, .director: .organisation, .psychologist: .organisation, .mentor: .person, .mentee: .person,
        ]
        for role in Role.allCases { #expect(role.scopeLevel == expected[role], "\(role)") }
    }
}

/// The node an account of `role` is bound to, inside R1/M1/O1 or inside R2/M3/O4.
private func node(for role: Role, inOtherRegion: Bool = false) -> Placement {
    let (r, m, o) = inOtherRegion ? (H.r2, H.m3, H.o4) : (H.r1, H.m1, H.o1)
    switch role.scopeLevel {
    case .country: return Placement()
    case .region: return Placement(regionID: r)
    case .municipality: return Placement(regionID: r, municipalityID: m)
    case .organisation, .person: return Placement(regionID: r, municipalityID: m, organisationID: o)
    }
}

/// Roles each grantor may create at the node of the new role inside its own scope.
private let grantable: [(Role, Set<Role>)] = [
    (.administrator, Set(Role.allCases)),
    (.regionalOperator, [.regionalOperator, .regionalTutor, .municipalCoordinator, .curator, .director, .psychologist, .mentor, .mentee]),
    (.municipalCoordinator, [.municipalCoordinator, .curator, .director, .psychologist, .mentor, .mentee]),
    (.curator, []),
    (.director, [.curator, .director, .psychologist, .mentor, .mentee]),
    (.psychologist, []),
    (.regionalTutor, []),
    (.mentor, []),
    (.mentee, []),
]


@Suite("AccessPolicy.mayGrant: who may create which accounts")
struct MayGrantTests {
    @Test("Accounts a role may create inside its own scope", arguments: grantable)
    func withinScope(_ c: (Role, Set<Role>)) {
        #expect(grantable.count == Role.allCases.count)
        let actor = H.actor(c.0)
        let granted = Set(Role.allCases.filter { AccessPolicy.mayGrant(actor, role: $0, at: node(for: $0)) })
        #expect(granted == c.1)
    }

    @Test("Outside its own scope only the administrator may create accounts", arguments: Role.allCases)
    func outsideScope(_ grantor: Role) {
        let actor = H.actor(grantor)
        let granted = Role.allCases.filter { AccessPolicy.mayGrant(actor, role: $0, at: node(for: $0, inOtherRegion: true)) }
        #expect(granted == (grantor == .administrator ? Role.allCases : []))
    }

    @Test("A curator never creates an administrator or a regional operator, wherever it asks")
    func curatorCannotEscalate() {
        let curator = H.actor(.curator)
        for target in H.targets + [Placement(), Placement(regionID: H.r1), Placement(regionID: H.r1, municipalityID: H.m1)] {
            #expect(!AccessPolicy.mayGrant(curator, role: .administrator, at: target))
            #expect(!AccessPolicy.mayGrant(curator, role: .regionalOperator, at: target))
        }
    }

    @Test("Only an administrator creates administrators", arguments: Role.allCases)
    func onlyAdminCreatesAdmin(_ grantor: Role) {
        let actor = H.actor(grantor)
        for target in H.targets + [Placement()] {
            #expect(AccessPolicy.mayGrant(actor, role: .administrator, at: target) == (grantor == .administrator))
        }
    }

    @Test("Nobody creates a role above their own level, even at a node they can write")
    func neverAboveOwnLevel() {
        // The target lies inside the grantor's scope, so only the level rule refuses.
        #expect(!AccessPolicy.mayGrant(H.actor(.municipalCoordinator), role: .regionalOperator, at: H.ownOrganisation))
        #expect(!AccessPolicy.mayGrant(H.actor(.municipalCoordinator), role: .regionalTutor, at: H.ownOrganisation))
        #expect(!AccessPolicy.mayGrant(H.actor(.director), role: .municipalCoordinator, at: H.ownOrganisation))
        #expect(!AccessPolicy.mayGrant(H.actor(.director), role: .regionalTutor, at: H.ownOrganisation))
        #expect(!AccessPolicy.mayGrant(H.actor(.director), role: .regionalOperator, at: H.ownOrganisation))
        #expect(AccessPolicy.mayGrant(H.actor(.director), role: .mentor, at: H.ownOrganisation))
    }

    @Test("A director or coordinator cannot create accounts in a neighbouring organisation or municipality")
    func neighbours() {
        #expect(!AccessPolicy.mayGrant(H.actor(.director), role: .curator, at: H.sameMunicipality))
        #expect(AccessPolicy.mayGrant(H.actor(.municipalCoordinator), role: .curator, at: H.sameMunicipality))
        #expect(!AccessPolicy.mayGrant(H.actor(.municipalCoordinator), role: .curator, at: H.sameRegion))
        #expect(AccessPolicy.mayGrant(H.actor(.regionalOperator), role: .curator, at: H.sameRegion))
        #expect(!AccessPolicy.mayGrant(H.actor(.regionalOperator), role: .curator, at: H.otherRegion))
    }
}
