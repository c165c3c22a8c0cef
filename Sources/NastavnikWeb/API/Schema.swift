import Foundation

/// A JSON Schema fragment for the OpenAPI document; also used by tests to check real responses.
public indirect enum Schema: Sendable {
    case string(format: String? = nil, enumValues: [String]? = nil)
    case integer
    case number
    case boolean
    case array(Schema)
    case object([(String, Schema)], required: [String])
    case ref(String)
    case nullable(Schema)

    public var json: Any {
        switch self {
        case let .string(format, values):
            var d: [String: Any] = ["type": "string"]
            if let format { d["format"] = format }
            if let values { d["enum"] = values }
            return d
        case .integer: return ["type": "integer"]
        case .number: return ["type": "number"]
        case .boolean: return ["type": "boolean"]
        case let .array(item): return ["type": "array", "items": item.json]
        case let .object(props, required):
            var d: [String: Any] = ["type": "object", "properties": Dictionary(uniqueKeysWithValues: props.map { ($0.0, $0.1.json) })]
            if !required.isEmpty { d["required"] = required }
            return d
        case let .ref(name): return ["$ref": "#/components/schemas/\(name)"]
        case let .nullable(s):
            var d = (s.json as? [String: Any]) ?? [:]
            if let t = d["type"] as? String { d["type"] = [t, "null"] } else { return ["anyOf": [s.json, ["type": "null"]]] }
            return d
        }
    }

    static let uuid = Schema.string(format: "uuid")
    static let date = Schema.string(format: "date")
    static let text = Schema.string()
    static let optText = Schema.nullable(.string())
}
