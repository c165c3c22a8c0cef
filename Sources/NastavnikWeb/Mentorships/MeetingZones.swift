import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// The time zone meeting times of an organisation's pairs are wall-clock times in: its region's (issue 23, defect 6).
struct MeetingZone: Sendable, Equatable {
    var identifier: String
    var regionName: String?

    static let moscow = MeetingZone(identifier: LocalTime.moscow, regionName: nil)

    init(identifier: String, regionName: String? = nil) {
        self.identifier = identifier
        self.regionName = regionName
    }

    init(_ region: Region) { self.init(identifier: region.timeZone, regionName: region.name) }

    /// «МСК+1 (UTC+4)».
    func offset(on day: Day) -> String { LocalTime.label(identifier, on: day) }

    /// «Удмуртская Республика, МСК+1 (UTC+4)» for the form's label.
    func label(on day: Day) -> String { [regionName, offset(on: day)].compactMap(\.self).joined(separator: ", ") }

    /// «15:00, МСК+1 (UTC+4)» for a table cell.
    func time(_ t: ClockTime, on day: Day) -> String { "\(t), \(offset(on: day))" }
}

enum MeetingZones {
    static func region(_ db: any Database, _ regionID: UUID?) async throws -> MeetingZone {
        guard let regionID, let r = try await RegionRecord.find(regionID, on: db) else { return .moscow }
        return MeetingZone(r.core)
    }

    /// The zone of each organisation's region (organisations not found are left out: callers fall back to Moscow).
    static func forOrganisations(_ db: any Database, _ ids: [UUID]) async throws -> [UUID: MeetingZone] {
        let ids = Array(Set(ids))
        guard !ids.isEmpty else { return [:] }
        var orgs: [(UUID, UUID)] = []
        for part in MentorshipStore.chunks(ids) {
            for o in try await OrganisationRecord.query(on: db).filter(\.$id ~~ part).field(\.$id).field(\.$municipalityID).all() {
                if let id = o.id { orgs.append((id, o.municipalityID)) }
            }
        }
        var regionOf: [UUID: UUID] = [:]
        for part in MentorshipStore.chunks(Array(Set(orgs.map(\.1)))) {
            for m in try await MunicipalityRecord.query(on: db).filter(\.$id ~~ part).all() { if let id = m.id { regionOf[id] = m.regionID } }
        }
        var zones: [UUID: MeetingZone] = [:]
        for part in MentorshipStore.chunks(Array(Set(regionOf.values))) {
            for r in try await RegionRecord.query(on: db).filter(\.$id ~~ part).all() { if let id = r.id { zones[id] = MeetingZone(r.core) } }
        }
        var out: [UUID: MeetingZone] = [:]
        for (org, mun) in orgs { if let rid = regionOf[mun], let z = zones[rid] { out[org] = z } }
        return out
    }
}
