import Foundation
import ZIPFoundation

/// An Office Open XML package (DOCX, XLSX): a ZIP of named parts. Written and read in memory.
public struct OOXMLPackage: Sendable {
    /// Part name → bytes, e.g. "word/document.xml".
    public var parts: [String: Data]

    public init(parts: [String: Data] = [:]) { self.parts = parts }

    /// The most a package may unpack to, counted as it is inflated (a staff list of 100,000 rows, 5 MB as XLSX, unpacks
    /// to 45 MB). The server unpacks at most two packages at once (`UnpackingGate`).
    public static let maxUnpackedSize: UInt64 = 256 * 1_048_576

    /// The most parts a package may have.
    public static let maxParts = 10_000

    public subscript(name: String) -> Data? {
        get { parts[name] }
        set { parts[name] = newValue }
    }

    /// Reads a package; throws `OOXMLError.notAPackage` for anything that is not a ZIP, `.tooLarge` and
    /// `.sizeMismatch` for a ZIP bomb.
    public init(data: Data) throws {
        try self.init(data: data, limit: Self.maxUnpackedSize)
    }

    /// Reads a package that may unpack to at most `limit` bytes.
    public init(data: Data, limit: UInt64) throws {
        var unpacking = Unpacking(limit: limit)
        self.parts = try unpacking.parts(of: data)
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

/// Unpacks a package's parts in memory without trusting the sizes the ZIP declares (a ZIP bomb declares a few
/// bytes and inflates to gigabytes): the declared sizes must add up to at most `limit` before anything is inflated,
/// and then the bytes the inflater really produces are counted as they come — a part stops as soon as it passes
/// its declared size or the package passes `limit`, so no more than `limit` plus one 16 KB chunk is ever inflated.
struct Unpacking {
    let limit: UInt64
    /// The bytes inflated so far, over all parts (the stored ones included).
    private(set) var inflated: UInt64 = 0

    init(limit: UInt64) { self.limit = limit }

    mutating func parts(of data: Data) throws -> [String: Data] {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch { throw OOXMLError.notAPackage }
        let entries = archive.filter { $0.type == .file }
        guard entries.count <= OOXMLPackage.maxParts else { throw OOXMLError.malformed("в архиве больше \(OOXMLPackage.maxParts) частей") }
        let limit = limit
        var declared: UInt64 = 0
        for entry in entries {
            let (sum, overflow) = declared.addingReportingOverflow(entry.uncompressedSize)
            guard !overflow, sum <= limit else { throw OOXMLError.tooLarge(limit: limit) }
            declared = sum
        }
        var total = inflated
        defer { inflated = total }
        var parts: [String: Data] = [:]
        for entry in entries {
            let size = entry.uncompressedSize
            var bytes = Data()
            bytes.reserveCapacity(Int(clamping: size)) // at most `limit`: checked above
            var count: UInt64 = 0
            do {
                _ = try archive.extract(entry, skipCRC32: true) { chunk in
                    let n = UInt64(chunk.count)
                    count += n
                    total += n
                    guard count <= size else { throw OOXMLError.sizeMismatch(entry.path) }
                    guard total <= limit else { throw OOXMLError.tooLarge(limit: limit) }
                    bytes.append(chunk)
                }
            } catch let error as OOXMLError {
                throw error
            } catch {
                throw OOXMLError.notAPackage
            }
            guard count == size else { throw OOXMLError.sizeMismatch(entry.path) }
            parts[entry.path] = bytes
        }
        return parts
    }
}

public enum OOXMLError: Error, Equatable, Sendable {
    case notAPackage
    case missingPart(String)
    case malformed(String)
    /// The package unpacks to more than `limit` bytes.
    case tooLarge(limit: UInt64)
    /// A part inflates to more or fewer bytes than its archive declares: damaged, or a ZIP bomb.
    case sizeMismatch(String)

    /// Russian, for the person who uploaded the file.
    public var message: String {
        switch self {
        case .notAPackage: "Файл не является документом Office Open XML (DOCX/XLSX): его не удаётся открыть как ZIP-архив."
        case let .missingPart(name): "В файле нет обязательной части «\(name)»: возможно, он повреждён или сохранён в другом формате."
        case let .malformed(detail): "Файл повреждён: \(detail)."
        case let .tooLarge(limit):
            "Файл распаковывается в слишком большой объём — больше \(Self.size(limit)). Уберите из него лишнее (картинки, пустые листы и строки) или разделите на части и загрузите снова."
        case let .sizeMismatch(name):
            "Файл распаковывается не в тот объём, что в нём указан (часть «\(name)»): он повреждён или подделан. Откройте его в Excel или Word, сохраните заново и загрузите снова."
        }
    }

    private static func size(_ bytes: UInt64) -> String {
        bytes >= 1_048_576 ? "\(bytes / 1_048_576) МБ" : bytes >= 1024 ? "\(bytes / 1024) КБ" : "\(bytes) байт"
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
