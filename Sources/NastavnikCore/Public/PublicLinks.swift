import Foundation

extension PublicationRules {
    /// The school's site as a link target: only an absolute http or https URL with a host (a «javascript:» or
    /// «data:» address, or a bare word, stays plain text).
    public static func siteURL(_ website: String?) -> String? {
        guard let text = website?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty,
              !text.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" }),
              let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty
        else { return nil }
        return text
    }

    /// The act of `organisationID` the public page may hand out: its own, marked public, of a kind that may be
    /// published and in force — else nil (another organisation's act, a draft, a consent, a cancelled order).
    public static func publicAct(_ act: LocalAct?, of organisationID: UUID, on day: Day) -> LocalAct? {
        guard let act, act.organisationID == organisationID, act.fileID != nil else { return nil }
        return publicActs([act], on: day).first
    }
}
