import Foundation

/// A problem with an uploaded table, explained in Russian for the person who uploaded it.
public struct TextTableError: Error, Equatable, Sendable, LocalizedError, CustomStringConvertible {
    public let message: String

    public init(message: String) { self.message = message }

    public var errorDescription: String? { message }
    public var description: String { message }
}

/// Uploaded tables: CSV/TXT text in UTF-8 or Windows-1251, and `.xlsx` workbooks.
public enum TextTable {
    // MARK: Any upload

    /// The rows of an uploaded table, chosen by content first and file name second:
    /// a ZIP is read as `.xlsx` (its first visible sheet), an OLE2 file is refused as old `.xls`,
    /// anything else is decoded and parsed as CSV. As with `XLSXReader`, trailing empty cells of
    /// each row and trailing empty rows are dropped.
    public static func rows(_ data: Data, filename: String) throws -> [[String]] {
        let fileExtension = filename.lastIndex(of: ".").map { filename[filename.index(after: $0)...].lowercased() } ?? ""
        if data.starts(with: zipMagic) {
            if fileExtension == "ods" || data.prefix(256).range(of: Data("opendocument".utf8)) != nil {
                throw TextTableError(message: "Файл в формате OpenDocument (.ods). " + saveAgain)
            }
            return try XLSXReader.read(data)
        }
        if data.starts(with: oleMagic) {
            if data.range(of: Data("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })) != nil {
                throw TextTableError(message: "Файл защищён паролем. Снимите пароль в Excel (Файл → Сведения → Защита книги) и загрузите файл снова.")
            }
            throw TextTableError(message: "Файл в старом формате Excel 97–2003 (.xls). " + saveAgain)
        }
        if ["xlsx", "xlsm", "xltx", "xltm"].contains(fileExtension) {
            return try XLSXReader.read(data) // not a ZIP: throws OOXMLError.notAPackage
        }
        let isUTF16 = data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF])
        if !isUTF16, data.contains(0) {
            throw TextTableError(message: "Файл «\(filename)» не похож на таблицу. Загрузите книгу Excel (.xlsx) или CSV.")
        }
        let text = decode(data).text
        if fileExtension.hasPrefix("xls") || fileExtension == "ods",
           text.drop(while: \.isWhitespace).first == "<" {
            // Many web systems save an HTML page or XML under an Excel name.
            throw TextTableError(message: "Файл «\(filename)» — не книга Excel, а веб-страница или XML с таблицей. Откройте его в Excel. " + saveAgain)
        }
        var rows = parse(text)
        for index in rows.indices {
            while rows[index].last?.isEmpty == true { rows[index].removeLast() }
        }
        while rows.last?.isEmpty == true { rows.removeLast() }
        return rows
    }

    private static let saveAgain = "Сохраните его как «Книга Excel (.xlsx)» или CSV и загрузите снова."
    private static let zipMagic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    private static let oleMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    // MARK: Encoding

    /// Text of a CSV/TXT file. Valid UTF-8 (with or without BOM) wins; a UTF-16 BOM (Excel's
    /// "Unicode text") is honoured; anything else is Windows-1251. `encoding` is "UTF-8",
    /// "Windows-1251", "UTF-16LE" or "UTF-16BE".
    public static func decode(_ data: Data) -> (text: String, encoding: String) {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            return (String(decoding: data.dropFirst(3), as: UTF8.self), "UTF-8")
        }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            let littleEndian = data.first == 0xFF
            let body = data.dropFirst(2)
            let units = stride(from: body.startIndex, to: body.endIndex - 1, by: 2).map { i in
                littleEndian ? UInt16(body[i]) | UInt16(body[i + 1]) << 8 : UInt16(body[i]) << 8 | UInt16(body[i + 1])
            }
            return (String(decoding: units, as: UTF16.self), littleEndian ? "UTF-16LE" : "UTF-16BE")
        }
        if let text = String(validating: data, as: UTF8.self) { return (text, "UTF-8") }
        return (TextTableCP1251.decode(data), "Windows-1251")
    }

    // MARK: CSV

    /// Rows of RFC 4180 CSV. The separator (`;`, tab or `,`) is the one used most in the first line
    /// outside quotes, `;` winning ties, unless an Excel `sep=X` line comes first. Handles quoted
    /// fields with separators, doubled quotes and line breaks; CRLF, LF and CR line ends; drops
    /// trailing empty lines. A leading `'` before `=`, `+`, `-` or `@` (our export's formula guard)
    /// is removed.
    public static func parse(_ text: String) -> [[String]] {
        var text = text
        return text.withUTF8 { whole in
            var bytes = whole
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes.dropFirst(3)) }
            var separator = detectSeparator(bytes)
            if let declared = declaredSeparator(bytes) {
                separator = declared.separator
                bytes = UnsafeBufferPointer(rebasing: bytes[declared.bodyStart...])
            }
            var parser = CSVParser(bytes: bytes, separator: separator)
            var rows: [[String]] = []
            while let row = parser.nextRecord() { rows.append(row) }
            while rows.last == [""] { rows.removeLast() }
            return rows
        }
    }

    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")

    /// Counts candidate separators in the first record, outside quotes.
    private static func detectSeparator(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: ",")] // tie order
        var counts = [0, 0, 0]
        var quoted = false
        for byte in bytes {
            if byte == quote {
                quoted.toggle()
            } else if !quoted {
                if byte == cr || byte == lf { break }
                if let index = candidates.firstIndex(of: byte) { counts[index] += 1 }
            }
        }
        let best = counts.indices.max { a, b in counts[a] < counts[b] || (counts[a] == counts[b] && a > b) }!
        return candidates[best]
    }

    /// Excel's optional first line `sep=;`.
    private static func declaredSeparator(_ bytes: UnsafeBufferPointer<UInt8>) -> (separator: UInt8, bodyStart: Int)? {
        guard bytes.count >= 5, bytes.starts(with: Array("sep=".utf8)) else { return nil }
        var end = 5
        while end < bytes.count, bytes[end] == UInt8(ascii: " ") { end += 1 }
        guard end == bytes.count || bytes[end] == cr || bytes[end] == lf else { return nil }
        if end < bytes.count, bytes[end] == cr { end += 1 }
        if end < bytes.count, bytes[end] == lf { end += 1 }
        return (bytes[4], end)
    }

    /// A forward-only RFC 4180 record reader; lenient with stray quotes.
    private struct CSVParser {
        let bytes: UnsafeBufferPointer<UInt8>
        let separator: UInt8
        var position = 0

        mutating func nextRecord() -> [String]? {
            guard position < bytes.count else { return nil }
            var fields: [String] = []
            while true {
                fields.append(nextField())
                guard position < bytes.count else { return fields }
                let byte = bytes[position]
                position += 1
                if byte == separator {
                    if position == bytes.count { fields.append(""); return fields }
                    continue
                }
                // A line end: CR, LF or CRLF.
                if byte == cr, position < bytes.count, bytes[position] == lf { position += 1 }
                return fields
            }
        }

        /// Reads a field up to (not including) the separator or line end that ends it.
        private mutating func nextField() -> String {
            var field: [UInt8] = []
            if position < bytes.count, bytes[position] == quote {
                position += 1
                while position < bytes.count {
                    let byte = bytes[position]
                    position += 1
                    if byte != quote {
                        field.append(byte)
                    } else if position < bytes.count, bytes[position] == quote {
                        field.append(quote)
                        position += 1
                    } else {
                        break
                    }
                }
            }
            // Unquoted text, or anything after a closing quote, runs to the next separator or line end.
            let start = position
            while position < bytes.count {
                let byte = bytes[position]
                if byte == separator || byte == cr || byte == lf { break }
                position += 1
            }
            field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
            if field.count > 1, field[0] == UInt8(ascii: "'"), "=+-@".utf8.contains(field[1]) { field.removeFirst() }
            return String(decoding: field, as: UTF8.self)
        }
    }
}
