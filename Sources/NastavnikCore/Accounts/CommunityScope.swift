import Foundation

/// Who reads and who organises what a region, a municipality or an organisation runs for the people below it
/// (contests, the mentor school; seed 002). Pure access policy beside `AccessPolicy`, which it builds on.
public enum CommunityScope {
    public static func level(of node: Placement) -> ScopeLevel {
        node.organisationID != nil ? .organisation : node.municipalityID != nil ? .municipality : .region
    }

    /// The reader is placed inside the node (at its level or below).
    public static func inside(_ node: Placement, _ reader: Placement) -> Bool {
        switch level(of: node) {
        case .organisation: reader.organisationID != nil && reader.organisationID == node.organisationID
        case .municipality: reader.municipalityID != nil && reader.municipalityID == node.municipalityID
        default: reader.regionID != nil && reader.regionID == node.regionID
        }
    }

    /// The node's own level or one above it, with the right to write `resource` there.
    public static func mayOrganise(_ actor: Actor, _ resource: Resource, _ node: Placement) -> Bool {
        if actor.role == .administrator { return true }
        return actor.role.scopeLevel != .person && actor.role.scopeLevel.rank <= level(of: node).rank
            && AccessPolicy.allows(actor, .write, resource, at: node)
    }
}
