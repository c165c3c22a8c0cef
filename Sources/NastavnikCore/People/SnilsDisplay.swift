import Foundation

extension Snils {
    /// «112-233-445 95», as the number is printed on the card: everywhere a person reads a СНИЛС. Storage and the
    /// API keep the 11 digits; anything that is not 11 digits is shown as it is.
    public static func formatted(_ stored: String?) -> String? {
        guard let stored else { return nil }
        let d = Array(stored.filter(\.isNumber))
        guard d.count == 11 else { return stored }
        return "\(String(d[0..<3]))-\(String(d[3..<6]))-\(String(d[6..<9])) \(String(d[9..<11]))"
    }
}
