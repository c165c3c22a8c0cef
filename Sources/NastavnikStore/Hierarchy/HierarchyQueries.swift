import Fluent
import Foundation
import NastavnikCore

/// Reads of regions and municipalities as Core values; callers check the scope.
public enum HierarchyQueries {
    public static func region(_ db: any Database, _ id: UUID) async throws -> Region? {
        try await RegionRecord.find(id, on: db)?.core
    }

    public static func municipality(_ db: any Database, _ id: UUID) async throws -> Municipality? {
        try await MunicipalityRecord.find(id, on: db)?.core
    }

    /// Every region by name, or only `id` when given.
    public static func regions(_ db: any Database, only id: UUID? = nil) async throws -> [Region] {
        var q = RegionRecord.query(on: db).sort(\.$name)
        if let id { q = q.filter(\.$id == id) }
        return try await q.all().map(\.core)
    }

    /// Municipalities by name: all, those of `region`, or only `id`.
    public static func municipalities(_ db: any Database, region: UUID? = nil, only id: UUID? = nil) async throws -> [Municipality] {
        var q = MunicipalityRecord.query(on: db).sort(\.$name)
        if let region { q = q.filter(\.$regionID == region) }
        if let id { q = q.filter(\.$id == id) }
        return try await q.all().map(\.core)
    }

    public static func regionNameTaken(_ db: any Database, _ name: String) async throws -> Bool {
        try await RegionRecord.query(on: db).filter(\.$name == name).count() > 0
    }

    public static func municipalityNameTaken(_ db: any Database, region: UUID, _ name: String) async throws -> Bool {
        try await MunicipalityRecord.query(on: db).filter(\.$regionID == region).filter(\.$name == name).count() > 0
    }

    public static func create(_ db: any Database, _ region: Region) async throws {
        try await RegionRecord(region).create(on: db)
    }

    public static func create(_ db: any Database, _ municipality: Municipality) async throws {
        try await MunicipalityRecord(municipality).create(on: db)
    }

    /// Writes the organisation: over its stored row when there is one, else as a new row.
    public static func save(_ db: any Database, _ org: Organisation) async throws {
        if let record = try await OrganisationRecord.find(org.id, on: db) {
            record.apply(org)
            try await record.save(on: db)
        } else {
            try await OrganisationRecord(org).create(on: db)
        }
    }

    /// The organisation card's figures: staff and students with a membership current on `day`, mentor and mentee
    /// base entries.
    public static func counts(_ db: any Database, organisation id: UUID, on day: Day) async throws -> (staff: Int, students: Int, mentors: Int, mentees: Int) {
        let today = day.iso
        let current = MembershipRecord.query(on: db).filter(\.$organisationID == id).filter(\.$startDate <= today)
            .group(.or) { $0.filter(\.$endDate == nil).filter(\.$endDate >= today) }
        let staff = try await current.copy().filter(\.$role ~~ [MembershipRole.pedagogical.rawValue, MembershipRole.managerial.rawValue, MembershipRole.otherStaff.rawValue, MembershipRole.partnerEmployee.rawValue]).count()
        let students = try await current.copy().filter(\.$role == MembershipRole.student.rawValue).count()
        let mentors = try await MentorProfileRecord.query(on: db).filter(\.$organisationID == id).count()
        let mentees = try await MenteeProfileRecord.query(on: db).filter(\.$organisationID == id).count()
        return (staff, students, mentors, mentees)
    }
}
