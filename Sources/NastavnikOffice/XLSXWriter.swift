import Foundation

/// Writes `.xlsx` workbooks: one shared-string table, a bold grey frozen header row with an
/// auto filter, dates as real Excel dates shown `dd.mm.yyyy`, numbers as numbers and all text as
/// text (a leading `=`, `+`, `-` or `@` never makes a formula).
public struct XLSXWriter: Sendable {
    /// The `.xlsx` bytes. An empty list writes one empty sheet. Throws `TextTableError` when a sheet
    /// exceeds Excel's 1,048,576 rows or 16,384 columns.
    public static func data(_ sheets: [XLSXSheet]) throws -> Data {
        let sheets = sheets.isEmpty ? [XLSXSheet(name: "Лист1")] : sheets
        let names = sanitizedNames(sheets.map(\.name))
        var strings = SharedStrings()
        var package = OOXMLPackage()
        var filters: [String] = []
        for (index, sheet) in sheets.enumerated() {
            let layout = Layout(sheet)
            guard layout.rowCount <= XLSXSheetParser.maximumRows, layout.columnCount <= XLSXSheetParser.maximumColumns else {
                throw TextTableError(message: "Лист «\(names[index])» не помещается в Excel: в листе может быть не больше 1 048 576 строк и 16 384 столбцов.")
            }
            package["xl/worksheets/sheet\(index + 1).xml"] = worksheet(sheet, layout: layout, selected: index == 0, strings: &strings)
            if let range = layout.filterRange {
                let quoted = "'" + names[index].replacingOccurrences(of: "'", with: "''") + "'"
                filters.append(#"<definedName name="_xlnm._FilterDatabase" localSheetId="\#(index)" hidden="1">"#
                    + XML.escape("\(quoted)!\(range.absolute)") + "</definedName>")
            }
        }
        package["xl/sharedStrings.xml"] = strings.data
        package["xl/workbook.xml"] = xml(workbook(names: names, filters: filters))
        package["xl/_rels/workbook.xml.rels"] = xml(workbookRelationships(sheetCount: sheets.count))
        package["xl/styles.xml"] = xml(styles)
        package["[Content_Types].xml"] = xml(contentTypes(sheetCount: sheets.count))
        package["_rels/.rels"] = xml(rootRelationships)
        package["docProps/app.xml"] = xml(appProperties)
        package["docProps/core.xml"] = xml(coreProperties)
        return try package.data()
    }

    // MARK: Sheet names

    /// Excel's rules: 1...31 UTF-16 units, none of `[]:*?/\`, no leading or trailing apostrophe,
    /// unique ignoring case, and "History" is reserved.
    static func sanitizedNames(_ names: [String]) -> [String] {
        var used = Set<String>()
        return names.enumerated().map { index, name in
            let cleaned = String(String.UnicodeScalarView(name.unicodeScalars.compactMap { scalar in
                if "[]:*?/\\".unicodeScalars.contains(scalar) { return "_" }
                return scalar.properties.generalCategory == .control ? nil : scalar
            }))
            var base = cleaned.trimmingCharacters(in: CharacterSet(charactersIn: "' ").union(.whitespacesAndNewlines))
            if base.isEmpty { base = "Лист\(index + 1)" }
            if base.lowercased() == "history" { base += "_" }
            var candidate = prefix(base, utf16Limit: 31)
            var copy = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(copy))"
                candidate = prefix(base, utf16Limit: 31 - suffix.utf16.count) + suffix
                copy += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }

    private static func prefix(_ s: String, utf16Limit: Int) -> String {
        var length = 0
        return String(s.prefix { character in
            length += character.utf16.count
            return length <= utf16Limit
        })
    }

    // MARK: Worksheet

    /// Style indexes into `cellXfs` of `styles`.
    private enum Style {
        static let header: StaticString = "1"
        static let date: StaticString = "2"
        static let quotePrefix: StaticString = "3"
    }

    private static let maximumWidth = 60.0

    /// The used range of a sheet.
    private struct Layout {
        let hasHeader: Bool
        let columnCount: Int
        let rowCount: Int

        init(_ sheet: XLSXSheet) {
            hasHeader = !sheet.headers.isEmpty
            columnCount = sheet.rows.reduce(sheet.headers.count) { max($0, $1.count) }
            rowCount = sheet.rows.count + (hasHeader ? 1 : 0)
        }

        var isEmpty: Bool { columnCount == 0 || rowCount == 0 }

        /// "A1:J101", or "$A$1:$J$101" when `absolute`.
        func reference(absolute: Bool) -> String {
            var lastColumn = XLSXByteBuffer()
            lastColumn.append(column: max(columnCount, 1) - 1)
            let letters = String(decoding: lastColumn.bytes, as: UTF8.self)
            let d = absolute ? "$" : ""
            return "\(d)A\(d)1:\(d)\(letters)\(d)\(max(rowCount, 1))"
        }

        var filterRange: (relative: String, absolute: String)? {
            hasHeader ? (reference(absolute: false), reference(absolute: true)) : nil
        }
    }

    private static func worksheet(_ sheet: XLSXSheet, layout: Layout, selected: Bool, strings: inout SharedStrings) -> Data {
        // Cells go first into `body`, measuring content for automatic column widths on the way.
        var contentLength = sheet.headers.map { $0.unicodeScalars.count + 4 } // bold text and the filter button
        contentLength += Array(repeating: 0, count: layout.columnCount - contentLength.count)
        var body = XLSXByteBuffer(capacity: layout.rowCount * max(layout.columnCount, 1) * 24 + 64)
        var rowNumber = 0

        func beginRow() {
            rowNumber += 1
            body.append("<row r=\"")
            body.append(int: rowNumber)
            body.append("\">")
        }
        func beginCell(_ column: Int, style: StaticString?, type: StaticString?) {
            body.append("<c r=\"")
            body.append(column: column, row: rowNumber)
            if let style {
                body.append("\" s=\"")
                body.append(style)
            }
            if let type {
                body.append("\" t=\"")
                body.append(type)
            }
            body.append("\"><v>")
        }
        func writeText(_ text: String, column: Int, style: StaticString?) {
            guard !text.isEmpty else { return }
            let first = text.utf8.first
            let neutralised = first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: "@")
            beginCell(column, style: style ?? (neutralised ? Style.quotePrefix : nil), type: "s")
            body.append(int: strings.index(of: text))
            body.append("</v></c>")
            if contentLength[column] < Int(maximumWidth) { contentLength[column] = max(contentLength[column], text.unicodeScalars.count) }
        }
        func writeNumber(column: Int, style: StaticString? = nil, _ write: (inout XLSXByteBuffer) -> Void) {
            beginCell(column, style: style, type: nil)
            let start = body.count
            write(&body)
            contentLength[column] = max(contentLength[column], body.count - start)
            body.append("</v></c>")
        }

        if layout.hasHeader {
            beginRow()
            for (column, title) in sheet.headers.enumerated() { writeText(title, column: column, style: Style.header) }
            body.append("</row>")
        }
        for row in sheet.rows {
            beginRow()
            for (column, cell) in row.enumerated() {
                switch cell {
                case .empty: break
                case let .text(text): writeText(text, column: column, style: nil)
                case let .integer(value): writeNumber(column: column) { $0.append(int: value) }
                case let .number(value):
                    if value.isFinite { writeNumber(column: column) { $0.append(double: value) } }
                case let .date(year, month, day):
                    if let serial = XLSXDateSerial.serial(year: year, month: month, day: day) {
                        writeNumber(column: column, style: Style.date) { $0.append(int: serial) }
                    } else {
                        // Outside Excel's calendar (or not a real day): keep what was given, as text.
                        writeText(XLSXDateSerial.Day(year: year, month: month, day: day).text, column: column, style: nil)
                    }
                }
            }
            body.append("</row>")
        }

        var out = XLSXByteBuffer(capacity: body.count + 1024)
        out.append(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#)
        out.append("\n")
        out.append(#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#)
        out.append("<dimension ref=\"")
        out.append(string: layout.isEmpty ? "A1" : layout.reference(absolute: false))
        out.append("\"/><sheetViews><sheetView")
        if selected { out.append(" tabSelected=\"1\"") }
        out.append(" workbookViewId=\"0\">")
        if layout.hasHeader {
            out.append(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>"#)
        }
        out.append("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>")
        if layout.columnCount > 0 {
            out.append("<cols>")
            for column in 0..<layout.columnCount {
                let given = sheet.columnWidths.flatMap { column < $0.count && $0[column] > 0 ? $0[column] : nil }
                let width = given ?? min(max(Double(contentLength[column]) + 2, 8), maximumWidth)
                out.append("<col min=\"")
                out.append(int: column + 1)
                out.append("\" max=\"")
                out.append(int: column + 1)
                out.append("\" width=\"")
                out.append(double: (min(width, 255) * 100).rounded() / 100)
                out.append("\" customWidth=\"1\"/>")
            }
            out.append("</cols>")
        }
        out.append("<sheetData>")
        out.append(body)
        out.append("</sheetData>")
        if let range = layout.filterRange {
            out.append("<autoFilter ref=\"")
            out.append(string: range.relative)
            out.append("\"/>")
        }
        out.append(#"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>"#)
        return out.data
    }

    // MARK: Shared strings

    /// The workbook's string table: each distinct text stored once.
    private struct SharedStrings {
        private var indexes: [ExactText: Int] = [:]
        private var items = XLSXByteBuffer()
        private var references = 0

        /// Compares and hashes the UTF-8 bytes as they are: faster than `String`'s Unicode-aware
        /// equality for Cyrillic, and canonically equivalent spellings keep their own bytes.
        private struct ExactText: Hashable {
            var text: String

            static func == (a: Self, b: Self) -> Bool {
                a.text.utf8.withContiguousStorageIfAvailable { a in
                    b.text.utf8.withContiguousStorageIfAvailable { b in
                        a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
                    }
                }.flatMap { $0 } ?? a.text.utf8.elementsEqual(b.text.utf8)
            }

            func hash(into hasher: inout Hasher) {
                let hashed: Void? = text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
                if hashed == nil { Array(text.utf8).withUnsafeBytes { hasher.combine(bytes: $0) } }
            }
        }

        mutating func index(of text: String) -> Int {
            references += 1
            if let index = indexes[ExactText(text: text)] { return index }
            let index = indexes.count
            indexes[ExactText(text: text)] = index
            let preserve = Self.isSpace(text.utf8.first) || Self.isSpace(text.utf8.last)
            items.append(preserve ? #"<si><t xml:space="preserve">"# : "<si><t>")
            items.append(escaped: text)
            items.append("</t></si>")
            return index
        }

        private static func isSpace(_ byte: UInt8?) -> Bool {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: true
            default: false
            }
        }

        var data: Data {
            var out = XLSXByteBuffer(capacity: items.count + 256)
            out.append(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#)
            out.append("\n")
            out.append(#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count=""#)
            out.append(int: references)
            out.append("\" uniqueCount=\"")
            out.append(int: indexes.count)
            out.append("\">")
            out.append(items)
            out.append("</sst>")
            return out.data
        }
    }

    // MARK: Fixed parts

    private static func xml(_ body: String) -> Data {
        Data(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + body).utf8)
    }

    private static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

    private static func workbook(names: [String], filters: [String]) -> String {
        let sheets = names.enumerated().map { index, name in
            #"<sheet name="\#(XML.escape(name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }
        return #"<workbook xmlns="\#(mainNamespace)" xmlns:r="\#(relationshipNamespace)">"#
            + #"<workbookPr/><bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300" activeTab="0"/></bookViews>"#
            + "<sheets>\(sheets.joined())</sheets>"
            + (filters.isEmpty ? "" : "<definedNames>\(filters.joined())</definedNames>")
            + #"<calcPr calcId="191029"/></workbook>"#
    }

    private static func workbookRelationships(sheetCount: Int) -> String {
        let type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let sheets = (1...sheetCount).map {
            #"<Relationship Id="rId\#($0)" Type="\#(type)/worksheet" Target="worksheets/sheet\#($0).xml"/>"#
        }
        return #"<Relationships xmlns="\#(packageRelationships)">"# + sheets.joined()
            + #"<Relationship Id="rId\#(sheetCount + 1)" Type="\#(type)/styles" Target="styles.xml"/>"#
            + #"<Relationship Id="rId\#(sheetCount + 2)" Type="\#(type)/sharedStrings" Target="sharedStrings.xml"/>"#
            + "</Relationships>"
    }

    private static func contentTypes(sheetCount: Int) -> String {
        let ml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        let sheets = (1...sheetCount).map {
            #"<Override PartName="/xl/worksheets/sheet\#($0).xml" ContentType="\#(ml).worksheet+xml"/>"#
        }
        return #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="\#(ml).sheet.main+xml"/>"#
            + sheets.joined()
            + #"<Override PartName="/xl/styles.xml" ContentType="\#(ml).styles+xml"/>"#
            + #"<Override PartName="/xl/sharedStrings.xml" ContentType="\#(ml).sharedStrings+xml"/>"#
            + #"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#
            + #"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#
            + "</Types>"
    }

    private static let rootRelationships = #"<Relationships xmlns="\#(packageRelationships)">"#
        + #"<Relationship Id="rId1" Type="\#(relationshipNamespace)/officeDocument" Target="xl/workbook.xml"/>"#
        + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#
        + #"<Relationship Id="rId3" Type="\#(relationshipNamespace)/extended-properties" Target="docProps/app.xml"/>"#
        + "</Relationships>"

    private static let appProperties = #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">"#
        + "<Application>Nastavnik</Application><DocSecurity>0</DocSecurity></Properties>"

    private static let coreProperties = #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
        + "<dc:creator>Наставник</dc:creator></cp:coreProperties>"

    /// cellXfs: 0 default, 1 header (bold, light grey fill, thin border), 2 date `dd.mm.yyyy`,
    /// 3 text typed with a leading `'` (so editing the cell in Excel keeps it text).
    private static let styles = [
        #"<styleSheet xmlns="\#(mainNamespace)">"#,
        #"<numFmts count="1"><numFmt numFmtId="164" formatCode="dd\.mm\.yyyy"/></numFmts>"#,
        #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>"#,
        #"<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>"#,
        #"<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#,
        #"<fill><patternFill patternType="solid"><fgColor rgb="FFD9D9D9"/><bgColor indexed="64"/></patternFill></fill></fills>"#,
        #"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#,
        #"<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>"#,
        #"<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>"#,
        #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
        #"<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
        #"<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"/>"#,
        #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
        #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/></cellXfs>"#,
        #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#,
        "</styleSheet>",
    ].joined()
}
