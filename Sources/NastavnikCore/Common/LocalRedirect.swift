import Foundation

/// Where a «next» parameter (the page to return to after signing in) may send the browser: only a path on this
/// site. A value that a browser could read as another host — `//evil.example`, `/\evil.example` (a backslash
/// counts as a slash), `/\t/evil` (tabs and line breaks are dropped from URLs), the same percent-encoded, or an
/// absolute URL with a scheme — is refused.
public enum LocalRedirect {
    /// The path itself when it is safe to put into `Location`, otherwise nil.
    public static func path(_ value: String?) -> String? {
        guard let value, isLocal(value), let decoded = value.removingPercentEncoding, isLocal(decoded) else { return nil }
        return value
    }

    private static func isLocal(_ s: String) -> Bool {
        let scalars = Array(s.unicodeScalars)
        guard scalars.first == "/" else { return false }
        if scalars.count > 1, scalars[1] == "/" || scalars[1] == "\\" { return false }
        return !scalars.contains { c in
            c == "\\" || c.properties.generalCategory == .control || (c != " " && c.properties.isWhitespace)
                || c.properties.generalCategory == .format
        }
    }
}
