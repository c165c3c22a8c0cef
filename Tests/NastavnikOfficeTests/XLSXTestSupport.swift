import Foundation
import NastavnikOffice
import XCTest

/// Builds `.xlsx` packages by hand for reader tests.
enum XLSXFixture {
    static let main = #"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#
    static let relationshipsNamespace = #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#
    static let relationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A workbook whose sheets are `sheets` (name, worksheet XML), plus optional shared strings and styles.
    static func workbook(
        sheets: [(name: String, xml: String)],
        sharedStrings: String? = nil,
        styles: String? = nil,
        workbookProperties: String = "<workbookPr/>"
    ) throws -> Data {
        var package = OOXMLPackage()
        let sheetEntries = sheets.enumerated().map { index, sheet in
            #"<sheet name="\#(sheet.name)" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }.joined()
        package["xl/workbook.xml"] = Data(#"<?xml version="1.0"?><workbook \#(main) \#(relationshipsNamespace)>\#(workbookProperties)<sheets>\#(sheetEntries)</sheets></workbook>"#.utf8)
        var relationships = sheets.indices.map { index in
            #"<Relationship Id="rId\#(index + 1)" Type="\#(relationshipType)/worksheet" Target="worksheets/sheet\#(index + 1).xml"/>"#
        }
        for (index, sheet) in sheets.enumerated() {
            package["xl/worksheets/sheet\(index + 1).xml"] = Data(sheet.xml.utf8)
        }
        if let sharedStrings {
            package["xl/sharedStrings.xml"] = Data(sharedStrings.utf8)
            relationships.append(#"<Relationship Id="rIdS" Type="\#(relationshipType)/sharedStrings" Target="sharedStrings.xml"/>"#)
        }
        if let styles {
            package["xl/styles.xml"] = Data(styles.utf8)
            relationships.append(#"<Relationship Id="rIdT" Type="\#(relationshipType)/styles" Target="/xl/styles.xml"/>"#)
        }
        package["xl/_rels/workbook.xml.rels"] = Data(#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#(relationships.joined())</Relationships>"#.utf8)
        package["_rels/.rels"] = Data(#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(relationshipType)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.utf8)
        return try package.data()
    }

    static func worksheet(_ rows: String) -> String {
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet \#(main) \#(relationshipsNamespace)><sheetData>\#(rows)</sheetData></worksheet>"#
    }

    static func assertThrows(_ expected: OOXMLError, _ body: @autoclosure () throws -> some Any, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertEqual(error as? OOXMLError, expected, "\(error)", file: file, line: line)
        }
    }
}
