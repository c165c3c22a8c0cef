import Fluent
import Foundation
import NastavnikCore

/// A monitoring campaign; its values and flags are kept as JSON, exactly as they were computed.
public final class MonitoringCampaignRecord: Model, @unchecked Sendable {
    public static let schema = "monitoring_campaigns"
    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "node_level") public var nodeLevel: String
    @OptionalField(key: "node_id") public var nodeID: UUID?
    @Field(key: "node_name") public var nodeName: String
    @Field(key: "date") public var date: String
    @OptionalField(key: "period_start") public var periodStart: String?
    @Field(key: "organisations") public var organisations: Int
    /// `MonitoredKinds.text`: the kinds that make V; empty in campaigns frozen before it was kept (they counted
    /// every educational organisation).
    @OptionalField(key: "organisation_kinds") public var kinds: String?
    @Field(key: "indicator_values") public var values: String
    @Field(key: "flags") public var flags: String
    @Field(key: "created_on") public var createdOn: String
    @Field(key: "created_by") public var createdBy: String

    public init() {}
}

extension MonitoringCampaignRecord: CoreMapped {
    public convenience init(_ c: MonitoringCampaign) {
        self.init()
        id = c.id
        apply(c)
    }

    public func apply(_ c: MonitoringCampaign) {
        name = c.name
        nodeLevel = c.nodeLevel
        nodeID = c.nodeID
        nodeName = c.nodeName
        date = c.date.iso
        periodStart = c.periodStart?.iso
        organisations = c.organisations
        kinds = MonitoredKinds.text(c.kinds)
        values = String(decoding: (try? JSONEncoder().encode(c.values)) ?? Data("[]".utf8), as: UTF8.self)
        flags = String(decoding: (try? JSONEncoder().encode(c.flags)) ?? Data("[]".utf8), as: UTF8.self)
        createdOn = c.createdOn.iso
        createdBy = c.createdBy
    }

    public var core: MonitoringCampaign {
        MonitoringCampaign(
            id: id!, name: name, nodeLevel: nodeLevel, nodeID: nodeID, nodeName: nodeName, date: Day(date)!, periodStart: periodStart.flatMap(Day.init),
            organisations: organisations, kinds: kinds.flatMap { MonitoredKinds.parse([$0]) } ?? Set(OrganisationKind.educational), values: (try? JSONDecoder().decode([IndicatorValue].self, from: Data(values.utf8))) ?? [],
            flags: (try? JSONDecoder().decode([IndicatorFlag].self, from: Data(flags.utf8))) ?? [], createdOn: Day(createdOn)!, createdBy: createdBy)
    }
}
