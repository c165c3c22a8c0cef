import Foundation
import ZIPFoundation

/// An Office Open XML package (DOCX, XLSX): a ZIP of named parts. Written and read in memory.
public struct OOXMLPackage: Sendable {
    /// Part name → bytes, e.g. "word/document.xml".
    public var parts: [String: Data]

    public init(parts: [String: Data] = [:]) { self.parts = parts }

    /// The most a package may unpack to.
    public static let maxUnpackedSize: UInt64 = 512 * 1_048_576

    public subscript(name: String) -> Data? {
        get { parts[name] }
        set { parts[name] = newValue }
    }

    /// Reads a package; throws `OOXMLError.notAPackage` for anything that is not a ZIP.
    public init(data: Data) throws {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch { throw OOXMLError.notAPackage }
        var parts: [String: Data] = [:]
        var total: UInt64 = 0
        for entry in archive where entry.type == .file {
            // A ZIP bomb (a small file that inflates to gigabytes) is refused before it is unpacked.
            total += entry.uncompressedSize
            guard total <= Self.maxUnpackedSize else { throw OOXMLError.malformed("содержимое архива больше \(Self.maxUnpackedSize / 1_048_576) МБ") }
            var bytes = Data()
            bytes.reserveCapacity(Int(entry.uncompressedSize))
            do {
                _ = try archive.extract(entry, skipCRC32: true) { bytes.append($0) }
            } catch { throw OOXMLError.notAPackage }
            parts[entry.path] = bytes
        }
        self.parts = parts
    }

    /// The ZIP bytes; "[Content_Types].xml" goes first as Office expects, the rest in name order.
    public func data() throws -> Data {
        let archive = try Archive(accessMode: .create)
        let names = parts.keys.sorted { a, b in
            if a == "[Content_Types].xml" { return b != a }
            if b == "[Content_Types].xml" { return false }
            return a < b
        }
        let stamp = Date(timeIntervalSince1970: 1_767_225_600) // fixed: identical input → identical bytes
        for name in names {
            let bytes = parts[name]!
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: stamp,
                compressionMethod: .deflate
            ) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw OOXMLError.notAPackage }
        return data
    }
}

public enum OOXMLError: Error, Equatable, Sendable {
    case notAPackage
    case missingPart(String)
    case malformed(String)

    /// Russian, for the person who uploaded the file.
    public var message: String {
        switch self {
        case .notAPackage: "Файл не является документом Office Open XML (DOCX/XLSX): его не удаётся открыть как ZIP-архив."
        case let .missingPart(name): "В файле нет обязательной части «\(name)»: возможно, он повреждён или сохранён в другом формате."
        case let .malformed(detail): "Файл повреждён: \(detail)."
        }
    }
}

public enum XML {
    /// Escapes text for element content and attribute values.
    public static func escape(_ s: String) -> String {
        guard s.contains(where: { "&<>\"'".contains($0) }) || s.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                // Control characters are not allowed in XML 1.0; drop them.
                if scalar.value >= 0x20 { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Reverses `escape` plus numeric character references.
    public static func unescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "&", let semi = s[i...].firstIndex(of: ";"), s.distance(from: i, to: semi) <= 10 {
                let name = s[s.index(after: i)..<semi]
                var replacement: String?
                switch name {
                case "amp": replacement = "&"
                case "lt": replacement = "<"
                case "gt": replacement = ">"
                case "quot": replacement = "\""
                case "apos": replacement = "'"
                default:
                    if name.hasPrefix("#x"), let v = UInt32(name.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) { replacement = String(u) }
                    else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let u = Unicode.Scalar(v) { replacement = String(u) }
                }
                if let replacement {
                    out += replacement
                    i = s.index(after: semi)
                    continue
                }
            }
            out.append(c)
            i = s.index(after: i)
        }
        return out
    }
}
