/// An enumeration whose cases have a Russian label shown to people; the raw value is the
/// stable identifier stored in the database and used by the API.
public protocol Labelled: RawRepresentable, CaseIterable, Sendable, Hashable, Codable where RawValue == String {
    var label: String { get }
}

extension Labelled {
    /// Case whose identifier or Russian label matches `text` (case-insensitive), for imports and forms.
    public static func parse(_ text: String) -> Self? {
        let t = text.trimmed.lowercased()
        return allCases.first { $0.rawValue.lowercased() == t || $0.label.lowercased() == t }
    }

    public static var options: [(value: String, label: String)] {
        allCases.map { ($0.rawValue, $0.label) }
    }
}

/// Sets of labelled values are stored as a comma-separated list of identifiers.
public enum LabelledSet {
    public static func encode<T: Labelled>(_ values: [T]) -> String {
        let order = Array(T.allCases)
        return values
            .sorted { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! }
            .map(\.rawValue).joined(separator: ",")
    }

    public static func decode<T: Labelled>(_ text: String?) -> [T] {
        (text ?? "").split(separator: ",").compactMap { T(rawValue: String($0)) }
    }

    public static func labels<T: Labelled>(_ values: [T]) -> String {
        values.map(\.label).joined(separator: ", ")
    }
}
