import Fluent
import Foundation
import NastavnikCore

public final class PersonRecord: Model, @unchecked Sendable {
    public static let schema = "people"
    @ID(key: .id) public var id: UUID?
    @Field(key: "last_name") public var lastName: String
    @Field(key: "first_name") public var firstName: String
    @OptionalField(key: "middle_name") public var middleName: String?
    @Field(key: "birth_date") public var birthDate: String
    @OptionalField(key: "sex") public var sex: String?
    @OptionalField(key: "snils") public var snils: String?
    @OptionalField(key: "email") public var email: String?
    @OptionalField(key: "phone") public var phone: String?
    @OptionalField(key: "education_level") public var educationLevel: String?
    @OptionalField(key: "specialty") public var specialty: String?
    @OptionalField(key: "graduation_year") public var graduationYear: Int?
    @OptionalField(key: "total_experience_start") public var totalExperienceStart: String?
    @OptionalField(key: "pedagogical_experience_start") public var pedagogicalExperienceStart: String?
    @OptionalField(key: "category") public var category: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}

extension PersonRecord: CoreMapped {
    public convenience init(_ p: Person) {
        self.init()
        id = p.id
        apply(p)
    }
    public func apply(_ p: Person) {
        lastName = p.lastName
        firstName = p.firstName
        middleName = p.middleName
        birthDate = p.birthDate.iso
        sex = p.sex?.rawValue
        snils = p.snils
        email = p.email
        phone = p.phone
        educationLevel = p.educationLevel?.rawValue
        specialty = p.specialty
        graduationYear = p.graduationYear
        totalExperienceStart = p.totalExperienceStart?.iso
        pedagogicalExperienceStart = p.pedagogicalExperienceStart?.iso
        category = p.category?.rawValue
    }
    public var core: Person {
        Person(
            id: id!, lastName: lastName, firstName: firstName, middleName: middleName,
            birthDate: Day(birthDate) ?? Day(year: 1900, month: 1, day: 1)!, sex: sex.flatMap(Sex.init),
            snils: snils, email: email, phone: phone, educationLevel: educationLevel.flatMap(EducationLevel.init),
            specialty: specialty, graduationYear: graduationYear, totalExperienceStart: totalExperienceStart.day,
            pedagogicalExperienceStart: pedagogicalExperienceStart.day,
            category: category.flatMap(QualificationCategory.init))
    }
}

public final class MembershipRecord: Model, @unchecked Sendable {
    public static let schema = "memberships"
    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "role") public var role: String
    @OptionalField(key: "position") public var position: String?
    @Field(key: "subjects") public var subjects: String
    @OptionalField(key: "grade") public var grade: String?
    @Field(key: "start_date") public var startDate: String
    @OptionalField(key: "end_date") public var endDate: String?

    public init() {}
}

extension MembershipRecord: CoreMapped {
    /// Subjects are stored as one comma-separated text.
    static func subjectsText(_ subjects: [String]) -> String { subjects.joined(separator: ", ") }
    static func subjectsList(_ text: String) -> [String] { text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

    public convenience init(_ m: Membership) {
        self.init()
        id = m.id
        apply(m)
    }
    public func apply(_ m: Membership) {
        personID = m.personID
        organisationID = m.organisationID
        role = m.role.rawValue
        position = m.position
        subjects = Self.subjectsText(m.subjects)
        grade = m.grade
        startDate = m.period.start.iso
        endDate = m.period.end?.iso
    }
    public var core: Membership {
        Membership(
            id: id!, personID: personID, organisationID: organisationID,
            role: MembershipRole(rawValue: role) ?? .otherStaff, position: position,
            subjects: Self.subjectsList(subjects),
            grade: grade, period: Period(start: Day(startDate)!, end: endDate.day))
    }
}

public final class ConsentRecord: Model, @unchecked Sendable {
    public static let schema = "consents"
    @ID(key: .id) public var id: UUID?
    @Field(key: "person_id") public var personID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "signer") public var signer: String
    @OptionalField(key: "representative_name") public var representativeName: String?
    @Field(key: "signed_on") public var signedOn: String
    @Field(key: "scope") public var scope: String
    @OptionalField(key: "withdrawn_on") public var withdrawnOn: String?

    public init() {}
}

extension ConsentRecord: CoreMapped {
    public convenience init(_ c: Consent) {
        self.init()
        id = c.id
        apply(c)
    }
    public func apply(_ c: Consent) {
        personID = c.personID
        kind = c.kind.rawValue
        signer = c.signer.rawValue
        representativeName = c.representativeName
        signedOn = c.signedOn.iso
        scope = c.scope
        withdrawnOn = c.withdrawnOn?.iso
    }
    public var core: Consent {
        Consent(
            id: id!, personID: personID, kind: ConsentKind(rawValue: kind) ?? .processing,
            signer: ConsentSigner(rawValue: signer) ?? .subject, representativeName: representativeName,
            signedOn: Day(signedOn)!, scope: scope, withdrawnOn: withdrawnOn.day)
    }
}
