import Foundation

/// Turns a worksheet part into rows of cell texts (see `XLSXReader` for the rules).
struct XLSXSheetParser {
    let sharedStrings: [String]
    let formats: [XLSXNumberFormat]
    let date1904: Bool

    /// Excel's own limits; a reference beyond them means a damaged file.
    static let maximumRows = 1_048_576
    static let maximumColumns = 16_384
    /// Cells materialised including gap padding, so a tiny file with far-apart references cannot
    /// exhaust memory.
    static let maximumCells = 20_000_000

    private enum CellType { case number, sharedString, inlineString, formulaString, boolean, error, isoDate }

    func rows(_ xml: Data) throws -> [[String]] {
        try XLSXScanner.scan(xml) { scanner in
            var rows: [[String]] = []
            var cellCount = 0
            var sawWorksheet = false
            var width = 0
            while let tag = scanner.next() {
                guard !tag.isEnd else { continue }
                if scanner.name(tag, is: "row") {
                    let number = scanner.attribute("r", of: tag).flatMap { Int($0) } ?? rows.count + 1
                    guard (1...Self.maximumRows).contains(number) else { throw OOXMLError.malformed("номер строки \(number) вне листа") }
                    let row = tag.isEmpty ? [] : try readRow(&scanner, width: width)
                    // Rows out of order are appended where they stand rather than moved back.
                    let padding = max(0, number - 1 - rows.count)
                    cellCount += padding + row.count
                    guard cellCount <= Self.maximumCells else {
                        throw TextTableError(message: "Таблица слишком велика: больше \(Self.maximumCells) ячеек. Разделите её на несколько файлов.")
                    }
                    rows.append(contentsOf: repeatElement([], count: padding))
                    rows.append(row)
                    width = max(width, row.count)
                } else if scanner.name(tag, is: "worksheet") || scanner.name(tag, is: "sheetData") {
                    sawWorksheet = true
                }
            }
            guard sawWorksheet else { throw OOXMLError.malformed("лист не содержит таблицы") }
            while rows.last?.isEmpty == true { rows.removeLast() }
            return rows
        }
    }

    /// The cells of the `<row>` just opened, up to its end tag, trailing empty cells dropped.
    private func readRow(_ scanner: inout XLSXScanner, width: Int) throws -> [String] {
        var cells: [String] = []
        cells.reserveCapacity(width)
        while let tag = scanner.next() {
            if tag.isEnd {
                if scanner.name(tag, is: "row") { break }
            } else if scanner.name(tag, is: "c") {
                try readCell(&scanner, tag, into: &cells)
            }
        }
        while cells.last?.isEmpty == true { cells.removeLast() }
        return cells
    }

    private func readCell(_ scanner: inout XLSXScanner, _ tag: XLSXScanner.Tag, into cells: inout [String]) throws {
        var column = cells.count
        var type = CellType.number
        var style = 0
        scanner.forEachAttribute(of: tag) { name, value in
            if scanner.matches(name, "r") {
                if let index = Self.columnIndex(scanner.slice(value)) { column = index }
            } else if scanner.matches(name, "s") {
                style = scanner.integer(value) ?? 0
            } else if scanner.matches(name, "t") {
                type = if scanner.matches(value, "s") { .sharedString }
                    else if scanner.matches(value, "inlineStr") { .inlineString }
                    else if scanner.matches(value, "str") { .formulaString }
                    else if scanner.matches(value, "b") { .boolean }
                    else if scanner.matches(value, "e") { .error }
                    else if scanner.matches(value, "d") { .isoDate }
                    else { .number }
            }
        }
        guard column < Self.maximumColumns else { throw OOXMLError.malformed("столбец \(column + 1) вне листа") }

        var raw: String?
        var inline: String?
        if !tag.isEmpty {
            while let child = scanner.next() {
                if child.isEnd {
                    if scanner.name(child, is: "c") { break }
                } else if scanner.name(child, is: "v") {
                    raw = child.isEmpty ? "" : scanner.text()
                } else if scanner.name(child, is: "is") {
                    inline = child.isEmpty ? "" : scanner.richText(endingWith: "is")
                }
            }
        }

        let text: String
        switch type {
        case .inlineString: text = inline ?? raw ?? ""
        case .sharedString:
            guard let raw else { text = ""; break }
            guard let index = Int(raw) ?? Int(raw.trimmingCharacters(in: .whitespaces)), sharedStrings.indices.contains(index) else {
                throw OOXMLError.malformed("ссылка на несуществующую строку «\(raw.prefix(20))»")
            }
            text = sharedStrings[index]
        case .formulaString: text = Self.decodeEscapes(raw ?? "")
        case .boolean: text = raw.map { $0 == "1" || $0.lowercased() == "true" ? "TRUE" : "FALSE" } ?? ""
        case .error: text = raw ?? ""
        case .isoDate: text = raw.map(XLSXNumberFormat.isoDate) ?? ""
        case .number:
            guard let raw, !raw.isEmpty else { text = inline ?? ""; break }
            let format = formats.indices.contains(style) ? formats[style] : .number
            text = format.render(raw, date1904: date1904)
        }

        if column < cells.count {
            cells[column] = text // a repeated reference: the later cell wins
        } else {
            if column > cells.count { cells.append(contentsOf: repeatElement("", count: column - cells.count)) }
            cells.append(text)
        }
    }

    /// "BC12" → 54 (zero-based column of a cell reference); nil without letters or past "XFD".
    static func columnIndex(_ reference: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0, letters = 0
        for byte in reference {
            let letter = byte | 0x20 // ASCII lower case
            guard letter >= UInt8(ascii: "a"), letter <= UInt8(ascii: "z") else { break }
            index = index * 26 + Int(letter - UInt8(ascii: "a")) + 1
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : index - 1
    }

    // MARK: Strings

    /// The shared string table, in order.
    static func sharedStrings(_ xml: Data) -> [String] {
        XLSXScanner.scan(xml) { scanner in
            var strings: [String] = []
            while let tag = scanner.next() {
                guard !tag.isEnd else { continue }
                if scanner.name(tag, is: "si") {
                    strings.append(tag.isEmpty ? "" : scanner.richText(endingWith: "si"))
                } else if scanner.name(tag, is: "sst"), let count = scanner.attribute("uniqueCount", of: tag).flatMap({ Int($0) }) {
                    strings.reserveCapacity(min(count, 1_000_000))
                }
            }
            return strings
        }
    }

    /// Resolves Excel's `_xHHHH_` escapes (UTF-16 code units, e.g. `_x000D_` for CR; `_x005F_` for "_").
    static func decodeEscapes(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "_")) else { return text }
        var text = text
        return text.withUTF8 { bytes in
            var units: [UInt16] = []
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                // Collect a run of consecutive escapes, so surrogate pairs decode together.
                while XLSXByteBuffer.isEscapeSequence(bytes, at: i) {
                    units.append(UInt16(String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 2)..<(i + 6)]), as: UTF8.self), radix: 16)!)
                    i += 7
                }
                if !units.isEmpty {
                    out.append(contentsOf: String(decoding: units, as: UTF16.self).utf8)
                    units.removeAll(keepingCapacity: true)
                }
                if i < bytes.count {
                    out.append(bytes[i])
                    i += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}

extension XLSXScanner {
    /// The text of a shared or inline string whose element (`si` or `is`) was just opened:
    /// plain `<t>` or rich text runs `<r><t>`, without phonetic hints (`<rPh>`).
    mutating func richText(endingWith element: StaticString) -> String {
        var result = ""
        var phonetic = 0
        while let tag = next() {
            if tag.isEnd {
                if name(tag, is: "rPh") { phonetic -= 1 } else if name(tag, is: element) { break }
            } else if tag.isEmpty {
                continue
            } else if name(tag, is: "t") {
                let run = text()
                if phonetic == 0 { result += run }
            } else if name(tag, is: "rPh") {
                phonetic += 1
            }
        }
        return XLSXSheetParser.decodeEscapes(result)
    }
}
