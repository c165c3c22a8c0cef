import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// One operation of the JSON API: the route and its OpenAPI description are declared together, so the document
/// cannot drift from what the server registers.
struct APIOperation: Sendable {
    var method: HTTPMethod
    var path: String
    var summary: String
    var tag: String
    var query: [(String, String)] = []
    var body: Schema?
    var status: Int = 200
    var response: Schema?
    var needsAuth = true
    /// A file in the request body instead of JSON (imports, templates): its media type.
    var upload: String? = nil
    /// A file in the response instead of JSON (generated documents): its media type.
    var download: String? = nil
    var handler: @Sendable (Request) async throws -> Response
}

struct Paged<T: Content>: Content {
    var items: [T]
    var total: Int
    var page: Int
    var per: Int
}

/// A person as the API shows them, with the values the system computes.
struct PersonDTO: Content {
    var person: Person
    var age: Int
    var isMinor: Bool
    var isYoungSpecialist: Bool
    var pedagogicalExperienceYears: Double?
    var memberships: [Membership]

    init(_ p: Person, memberships: [Membership], today: Day) {
        person = p
        age = p.age(on: today)
        isMinor = p.isMinor(on: today)
        isYoungSpecialist = p.isYoungSpecialist(on: today)
        pedagogicalExperienceYears = p.pedagogicalExperience(on: today)?.decimalYears
        self.memberships = memberships
    }
}

struct TokenRequest: Content {
    var login: String?
    var password: String?
}

struct TokenResponse: Content {
    var token: String
    var expiresAt: Date
    var role: String
}

struct AccountDTO: Content {
    var id: UUID
    var login: String
    var fullName: String
    var role: String
    var regionID: UUID?
    var municipalityID: UUID?
    var organisationID: UUID?
    var personID: UUID?
    var active: Bool

    init(_ a: AccountRecord) {
        id = a.id!
        login = a.login
        fullName = a.fullName
        role = a.role
        regionID = a.regionID
        municipalityID = a.municipalityID
        organisationID = a.organisationID
        personID = a.personID
        active = a.active
    }
}

struct AuditEntryDTO: Content {
    var at: Date
    var actor: String
    var entity: String
    var action: String
    var changes: [AuditChange]
}

extension Person: Content {}
extension Membership: Content {}
extension Consent: Content {}
extension Organisation: Content {}
extension Region: Content {}
extension Municipality: Content {}
extension MentorProfile: Content {}
extension MenteeProfile: Content {}

extension Encodable {
    /// JSON with ISO-8601 dates; the API's one encoder.
    func response(_ status: HTTPResponseStatus = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return Response(status: status, headers: ["Content-Type": "application/json; charset=utf-8"], body: .init(data: try encoder.encode(self)))
    }
}
