import Fluent
import Foundation
import NastavnikCore

public final class AccountRecord: Model, @unchecked Sendable {
    public static let schema = "accounts"
    @ID(key: .id) public var id: UUID?
    @Field(key: "login") public var login: String
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "role") public var role: String
    @Field(key: "full_name") public var fullName: String
    @OptionalField(key: "region_id") public var regionID: UUID?
    @OptionalField(key: "municipality_id") public var municipalityID: UUID?
    @OptionalField(key: "organisation_id") public var organisationID: UUID?
    @OptionalField(key: "person_id") public var personID: UUID?
    @Field(key: "active") public var active: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(
        id: UUID = UUID(), login: String, passwordHash: String, role: Role, fullName: String, placement: Placement,
        personID: UUID?
    ) {
        self.id = id
        self.login = login
        self.passwordHash = passwordHash
        self.role = role.rawValue
        self.fullName = fullName
        self.regionID = placement.regionID
        self.municipalityID = placement.municipalityID
        self.organisationID = placement.organisationID
        self.personID = personID
        self.active = true
    }

    /// The role; an unknown one is a corrupt row (`CorruptRecord`), never read as some other role.
    public var roleValue: Role { get throws { try decoded(\.$role) } }
    public var placement: Placement { Placement(regionID: regionID, municipalityID: municipalityID, organisationID: organisationID) }
}

/// A person a regional tutor accompanies (seed 004).
public final class TutorAssignmentRecord: Model, @unchecked Sendable {
    public static let schema = "tutor_assignments"
    @ID(key: .id) public var id: UUID?
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "person_id") public var personID: UUID

    public init() {}
    public init(accountID: UUID, personID: UUID) {
        self.id = UUID()
        self.accountID = accountID
        self.personID = personID
    }
}

/// A bearer token for API clients; only its SHA-256 is stored.
public final class APITokenRecord: Model, @unchecked Sendable {
    public static let schema = "api_tokens"
    @ID(key: .id) public var id: UUID?
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "revoked_at") public var revokedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    /// Set for an integration's token («1С: выгрузка кадров»); nil for a sign-in token.
    @OptionalField(key: "label") public var label: String?

    public init() {}
    public init(accountID: UUID, tokenHash: String, expiresAt: Date, label: String? = nil) {
        self.id = UUID()
        self.accountID = accountID
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
        self.label = label
    }
}

/// A browser an account signed in from: the hash of the random token in its `nastavnik_device` cookie.
public final class LoginDeviceRecord: Model, @unchecked Sendable {
    public static let schema = "login_devices"
    @ID(key: .id) public var id: UUID?
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "used_at") public var usedAt: Date

    public init() {}

    public init(accountID: UUID, tokenHash: String, at: Date) {
        self.id = .timeOrdered()
        self.accountID = accountID
        self.tokenHash = tokenHash
        self.createdAt = at
        self.usedAt = at
    }
}

/// A failed sign-in, under the key it counts against (`LoginThrottle.accountKey` / `addressKey`). Kept in the
/// database so that every instance behind the proxy counts the same failures; rows older than the throttle's
/// longest window are deleted as new ones come.
public final class LoginFailureRecord: Model, @unchecked Sendable {
    public static let schema = "login_failures"
    @ID(key: .id) public var id: UUID?
    @Field(key: "key") public var key: String
    @Field(key: "at") public var at: Date

    public init() {}

    public init(key: String, at: Date) {
        self.id = .timeOrdered()
        self.key = key
        self.at = at
    }
}
