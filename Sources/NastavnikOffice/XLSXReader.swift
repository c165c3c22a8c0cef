import Foundation

/// Reads the cell texts of `.xlsx` sheets written by Excel, LibreOffice, openpyxl and others.
///
/// Every cell becomes text: shared, inline and rich text strings as written; numbers with "." as the
/// decimal point and whole numbers without a fraction; cells styled as dates as "dd.mm.yyyy"
/// (date-times "dd.mm.yyyy HH:mm[:ss]", times "HH:mm[:ss]"); booleans "TRUE"/"FALSE"; formulas as
/// their cached values; errors such as "#N/A" as written. Gaps are filled with "" and empty rows;
/// trailing empty cells of each row and trailing empty rows are dropped.
public struct XLSXReader: Sendable {
    /// The rows of the sheet called `sheet`, or of the first visible worksheet when nil.
    /// Throws `OOXMLError` for damaged files and `TextTableError` for a missing sheet.
    public static func read(_ data: Data, sheet: String? = nil) throws -> [[String]] {
        let package = try OOXMLPackage(data: data)
        let workbook = try Workbook(package)
        let entry = try workbook.sheet(named: sheet)
        guard let xml = workbook.part(entry.path) else { throw OOXMLError.missingPart(entry.path) }
        let parser = XLSXSheetParser(
            sharedStrings: try workbook.sharedStrings(),
            formats: workbook.cellFormats(),
            date1904: workbook.date1904
        )
        return try parser.rows(xml)
    }

    /// The names of the workbook's worksheets in tab order (hidden ones included, chart sheets not).
    public static func sheetNames(_ data: Data) throws -> [String] {
        try Workbook(OOXMLPackage(data: data)).sheets.map(\.name)
    }
}

extension XLSXReader {
    struct Relationship {
        var id: String
        var type: String
        /// Package path of the target, without a leading "/".
        var path: String
    }

    struct SheetEntry {
        var name: String
        var path: String
        var isHidden: Bool
    }

    /// The workbook part with what it refers to.
    struct Workbook {
        let package: OOXMLPackage
        private(set) var sheets: [SheetEntry] = []
        private(set) var date1904 = false
        private var sharedStringsPath: String
        private var stylesPath: String

        init(_ package: OOXMLPackage) throws {
            self.package = package
            let rootRelationships = XLSXReader.relationships(of: "", in: package)
            let workbookPath = rootRelationships.first { $0.type.hasSuffix("/officeDocument") }?.path ?? "xl/workbook.xml"
            guard let workbookXML = XLSXReader.part(workbookPath, in: package) else { throw OOXMLError.missingPart(workbookPath) }
            let relationships = XLSXReader.relationships(of: workbookPath, in: package)
            let directory = XLSXReader.directory(of: workbookPath)
            func target(_ suffix: String, default name: String) -> String {
                relationships.first { $0.type.hasSuffix(suffix) }?.path ?? directory + name
            }
            sharedStringsPath = target("/sharedStrings", default: "sharedStrings.xml")
            stylesPath = target("/styles", default: "styles.xml")

            var sawWorkbook = false
            var entries: [SheetEntry] = []
            XLSXScanner.scan(workbookXML) { scanner in
                while let tag = scanner.next() {
                    guard !tag.isEnd else { continue }
                    if scanner.name(tag, is: "workbook") {
                        sawWorkbook = true
                    } else if scanner.name(tag, is: "workbookPr") {
                        let value = scanner.attribute("date1904", of: tag)
                        date1904 = value == "1" || value == "true"
                    } else if scanner.name(tag, is: "sheet") {
                        let id = scanner.attribute("id", of: tag)
                        let relationship = relationships.first { $0.id == id }
                        // A workbook without relationships still names its sheets in order.
                        let path = relationship?.path ?? (relationships.isEmpty ? directory + "worksheets/sheet\(entries.count + 1).xml" : nil)
                        guard let path, relationship.map({ $0.type.hasSuffix("/worksheet") }) ?? true else { continue }
                        entries.append(SheetEntry(
                            name: scanner.attribute("name", of: tag) ?? "",
                            path: path,
                            isHidden: scanner.attribute("state", of: tag).map { $0 != "visible" } ?? false
                        ))
                    }
                }
            }
            guard sawWorkbook else { throw OOXMLError.malformed("в «\(workbookPath)» нет описания книги") }
            guard !entries.isEmpty else { throw OOXMLError.malformed("в книге нет ни одного листа с таблицей") }
            sheets = entries
        }

        func part(_ path: String) -> Data? { XLSXReader.part(path, in: package) }

        /// The named sheet (exact name first, then ignoring case and surrounding spaces),
        /// or the first visible one.
        func sheet(named name: String?) throws -> SheetEntry {
            guard let name else { return sheets.first { !$0.isHidden } ?? sheets[0] }
            let loose = { (s: String) in s.trimmingCharacters(in: .whitespaces).lowercased() }
            if let sheet = sheets.first(where: { $0.name == name }) ?? sheets.first(where: { loose($0.name) == loose(name) }) {
                return sheet
            }
            let names = sheets.map { "«\($0.name)»" }.joined(separator: ", ")
            throw TextTableError(message: "В книге нет листа «\(name)». Есть листы: \(names).")
        }

        func sharedStrings() throws -> [String] {
            guard let xml = part(sharedStringsPath) else { return [] }
            return XLSXSheetParser.sharedStrings(xml)
        }

        /// The number format of each cell style (`s` attribute → index into `cellXfs`).
        func cellFormats() -> [XLSXNumberFormat] {
            guard let xml = part(stylesPath) else { return [] }
            return XLSXScanner.scan(xml) { scanner in
                var custom: [Int: XLSXNumberFormat] = [:]
                var formats: [XLSXNumberFormat] = []
                enum Section { case other, numFmts, cellXfs }
                var section = Section.other
                while let tag = scanner.next() {
                    if scanner.name(tag, is: "numFmts") || scanner.name(tag, is: "cellXfs") {
                        section = tag.isEnd || tag.isEmpty ? .other : scanner.name(tag, is: "numFmts") ? .numFmts : .cellXfs
                    } else if tag.isEnd {
                        continue
                    } else if section == .numFmts, scanner.name(tag, is: "numFmt") {
                        // Only numFmts itself counts: differential formats (dxf) have numFmt elements too.
                        if let id = scanner.attribute("numFmtId", of: tag).flatMap({ Int($0) }) {
                            custom[id] = XLSXNumberFormat(code: scanner.attribute("formatCode", of: tag) ?? "")
                        }
                    } else if section == .cellXfs, scanner.name(tag, is: "xf") {
                        let id = scanner.attribute("numFmtId", of: tag).flatMap { Int($0) } ?? 0
                        formats.append(custom[id] ?? XLSXNumberFormat(builtIn: id))
                    }
                }
                return formats
            }
        }
    }

    /// The relationships of the part at `path` ("" for the package itself), external ones left out.
    static func relationships(of path: String, in package: OOXMLPackage) -> [Relationship] {
        let relsPath = directory(of: path) + "_rels/" + (path.split(separator: "/").last.map(String.init) ?? "") + ".rels"
        guard let xml = part(relsPath, in: package) else { return [] }
        return XLSXScanner.scan(xml) { scanner in
            var result: [Relationship] = []
            while let tag = scanner.next() {
                guard !tag.isEnd, scanner.name(tag, is: "Relationship"),
                      scanner.attribute("TargetMode", of: tag) != "External",
                      let id = scanner.attribute("Id", of: tag), let target = scanner.attribute("Target", of: tag)
                else { continue }
                result.append(Relationship(id: id, type: scanner.attribute("Type", of: tag) ?? "", path: resolve(target, from: path)))
            }
            return result
        }
    }

    /// "xl/worksheets/sheet1.xml" → "xl/worksheets/"; "" for top-level parts.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// A relationship target, relative to the source part's folder unless it starts with "/".
    static func resolve(_ target: String, from source: String) -> String {
        let target = target.replacingOccurrences(of: "\\", with: "/")
        var components = target.hasPrefix("/") ? [] : directory(of: source).split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            switch piece {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(String(piece))
            }
        }
        return components.joined(separator: "/")
    }

    /// A part by name, tolerating a leading "/" and differences in letter case.
    static func part(_ name: String, in package: OOXMLPackage) -> Data? {
        let name = name.hasPrefix("/") ? String(name.dropFirst()) : name
        if let data = package[name] { return data }
        let lowercased = name.lowercased()
        return package.parts.first { $0.key.lowercased() == lowercased }?.value
    }
}
