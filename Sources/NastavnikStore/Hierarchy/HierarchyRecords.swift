import Fluent
import Foundation
import NastavnikCore

public final class RegionRecord: Model, @unchecked Sendable {
    public static let schema = "regions"
    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @OptionalField(key: "code") public var code: String?
    @Field(key: "time_zone") public var timeZone: String

    public init() {}
}

public final class MunicipalityRecord: Model, @unchecked Sendable {
    public static let schema = "municipalities"
    @ID(key: .id) public var id: UUID?
    @Field(key: "region_id") public var regionID: UUID
    @Field(key: "name") public var name: String

    public init() {}
}

public final class OrganisationRecord: Model, @unchecked Sendable {
    public static let schema = "organisations"
    @ID(key: .id) public var id: UUID?
    @Field(key: "municipality_id") public var municipalityID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "name") public var name: String
    @Field(key: "short_name") public var shortName: String
    @OptionalField(key: "inn") public var inn: String?
    @OptionalField(key: "address") public var address: String?
    @OptionalField(key: "website") public var website: String?
    @OptionalField(key: "mentorship_page_on") public var mentorshipPageOn: String?
    @OptionalField(key: "programme_approver") public var programmeApprover: String?

    public init() {}
}

extension RegionRecord: CoreMapped {
    public convenience init(_ r: Region) {
        self.init()
        id = r.id
        apply(r)
    }
    public func apply(_ r: Region) {
        name = r.name
        code = r.code
        timeZone = r.timeZone
    }
    public var core: Region { Region(id: id!, name: name, code: code, timeZone: timeZone) }
}

extension MunicipalityRecord: CoreMapped {
    public convenience init(_ m: Municipality) {
        self.init()
        id = m.id
        apply(m)
    }
    public func apply(_ m: Municipality) {
        regionID = m.regionID
        name = m.name
    }
    public var core: Municipality { Municipality(id: id!, regionID: regionID, name: name) }
}

extension OrganisationRecord: CoreMapped {
    public convenience init(_ o: Organisation) {
        self.init()
        id = o.id
        apply(o)
    }
    public func apply(_ o: Organisation) {
        municipalityID = o.municipalityID
        kind = o.kind.rawValue
        name = o.name
        shortName = o.shortName
        inn = o.inn
        address = o.address
        website = o.website
        mentorshipPageOn = o.mentorshipPageSince?.iso
        programmeApprover = o.programmeApprover?.rawValue
    }
    public var core: Organisation {
        get throws {
            Organisation(
                id: try requireID(), municipalityID: municipalityID, kind: try decoded(\.$kind), name: name,
                shortName: shortName, inn: inn, address: address, website: website,
                mentorshipPageSince: try day(\.$mentorshipPageOn), programmeApprover: try decoded(\.$programmeApprover))
        }
    }
}
