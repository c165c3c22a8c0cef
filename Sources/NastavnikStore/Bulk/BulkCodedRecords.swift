import Foundation
import NastavnikCore

// The tables an import writes in bulk. Each lists its record's field keys in the record's order and stores a
// value exactly as the record's `apply` does and reads it as its `core` does (`BulkRowsTests` check both).

extension PersonRecord: BulkCoded {
    public static let bulkColumns = [
        "id", "last_name", "first_name", "middle_name", "birth_date", "sex", "snils", "email", "phone", "education_level",
        "specialty", "graduation_year", "total_experience_start", "pedagogical_experience_start", "category", "created_at", "updated_at",
    ]

    public static func bulkValues(_ p: Person, now: Date, into row: inout [ColumnValue]) {
        row.append(.uuid(p.id))
        row.append(.text(p.lastName))
        row.append(.text(p.firstName))
        row.append(.string(p.middleName))
        row.append(.day(p.birthDate))
        row.append(.string(p.sex?.rawValue))
        row.append(.string(p.snils))
        row.append(.string(p.email))
        row.append(.string(p.phone))
        row.append(.string(p.educationLevel?.rawValue))
        row.append(.string(p.specialty))
        row.append(.int(p.graduationYear))
        row.append(.day(p.totalExperienceStart))
        row.append(.day(p.pedagogicalExperienceStart))
        row.append(.string(p.category?.rawValue))
        row.append(.timestamp(now))
        row.append(.timestamp(now))
    }

    public static func bulkDecode<R: ColumnReading>(_ r: inout R) throws -> Person {
        let person = Person(
            id: try r.uuid(), lastName: try r.text(), firstName: try r.text(), middleName: try r.nextText(),
            birthDate: try r.optionalDay() ?? Day(year: 1900, month: 1, day: 1)!, sex: try r.optionalRaw(Sex.self),
            snils: try r.nextText(), email: try r.nextText(), phone: try r.nextText(), educationLevel: try r.optionalRaw(EducationLevel.self),
            specialty: try r.nextText(), graduationYear: try r.nextInteger(), totalExperienceStart: try r.optionalDay(),
            pedagogicalExperienceStart: try r.optionalDay(), category: try r.optionalRaw(QualificationCategory.self))
        _ = try r.nextTimestamp()
        _ = try r.nextTimestamp()
        return person
    }

    /// A new person counts nowhere until a place or a pair names them.
    public static func createdInputs(_ values: [Person]) -> CreatedInputs? {
        let ids = values.map(\.id)
        return CreatedInputs(inputs: IndicatorInputs(people: ids), createdPeople: ids, outdatesOnCreate: false)
    }
}

extension MembershipRecord: BulkCoded {
    public static let bulkColumns = ["id", "person_id", "organisation_id", "role", "position", "subjects", "grade", "start_date", "end_date"]

    public static func bulkValues(_ m: Membership, now: Date, into row: inout [ColumnValue]) {
        row.append(.uuid(m.id))
        row.append(.uuid(m.personID))
        row.append(.uuid(m.organisationID))
        row.append(.text(m.role.rawValue))
        row.append(.string(m.position))
        row.append(.text(subjectsText(m.subjects)))
        row.append(.string(m.grade))
        row.append(.day(m.period.start))
        row.append(.day(m.period.end))
    }

    public static func bulkDecode<R: ColumnReading>(_ r: inout R) throws -> Membership {
        Membership(
            id: try r.uuid(), personID: try r.uuid(), organisationID: try r.uuid(),
            role: try r.optionalRaw(MembershipRole.self) ?? .otherStaff, position: try r.nextText(),
            subjects: subjectsList(try r.text()), grade: try r.nextText(), period: Period(start: try r.day(), end: try r.optionalDay()))
    }

    public static func createdInputs(_ values: [Membership]) -> CreatedInputs? {
        CreatedInputs(inputs: IndicatorInputs(organisations: values.map(\.organisationID), people: values.map(\.personID)))
    }
}

extension ConsentRecord: BulkCoded {
    public static let bulkColumns = ["id", "person_id", "kind", "signer", "representative_name", "signed_on", "scope", "withdrawn_on"]

    public static func bulkValues(_ c: Consent, now: Date, into row: inout [ColumnValue]) {
        row.append(.uuid(c.id))
        row.append(.uuid(c.personID))
        row.append(.text(c.kind.rawValue))
        row.append(.text(c.signer.rawValue))
        row.append(.string(c.representativeName))
        row.append(.day(c.signedOn))
        row.append(.text(c.scope))
        row.append(.day(c.withdrawnOn))
    }

    public static func bulkDecode<R: ColumnReading>(_ r: inout R) throws -> Consent {
        Consent(
            id: try r.uuid(), personID: try r.uuid(), kind: try r.optionalRaw(ConsentKind.self) ?? .processing,
            signer: try r.optionalRaw(ConsentSigner.self) ?? .subject, representativeName: try r.nextText(),
            signedOn: try r.day(), scope: try r.text(), withdrawnOn: try r.optionalDay())
    }
}

extension AuditRecord: BulkCoded {
    public static let bulkColumns = ["id", "at", "account_id", "actor", "person_id", "entity", "entity_id", "action", "changes"]

    public static func bulkValues(_ e: AuditEntry, now: Date, into row: inout [ColumnValue]) {
        row.append(.uuid(e.id))
        row.append(.timestamp(e.at))
        row.append(.id(e.accountID))
        row.append(.text(e.actor))
        row.append(.uuid(e.personID))
        row.append(.text(e.entity))
        row.append(.uuid(e.entityID))
        row.append(.text(e.action))
        row.append(.text(e.changes))
    }

    public static func bulkDecode<R: ColumnReading>(_ r: inout R) throws -> AuditEntry {
        AuditEntry(
            id: try r.uuid(), at: try r.timestamp(), accountID: try r.nextUUID(), actor: try r.text(), personID: try r.uuid(),
            entity: try r.text(), entityID: try r.uuid(), action: try r.text(), storedChanges: try r.text())
    }
}
