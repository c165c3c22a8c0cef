import XCTest
@testable import NastavnikOffice

/// Writes files for the external checks in check_docx.py; skipped unless DOCX_CHECK_DIR is set.
/// Writes order.docx and renders every template*.docx found there to rendered_template*.docx.
final class DocxSampleExportTests: XCTestCase {
    func testExportSamplesForExternalTools() throws {
        guard let path = ProcessInfo.processInfo.environment["DOCX_CHECK_DIR"] else {
            throw XCTSkip("DOCX_CHECK_DIR is not set; run check_docx.py")
        }
        let directory = URL(fileURLWithPath: path)
        try DocxTestSupport.order.data().write(to: directory.appendingPathComponent("order.docx"))

        let templates = try FileManager.default.contentsOfDirectory(atPath: path)
            .filter { $0.hasPrefix("template") && $0.hasSuffix(".docx") }
        for name in templates {
            let template = try DocxTemplate(data: Data(contentsOf: directory.appendingPathComponent(name)))
            let known = Set(DocxTestSupport.values.scalars.keys)
            let lists = DocxTestSupport.values.lists.mapValues { Set($0.flatMap(\.keys)) }
            XCTAssertEqual(template.validate(known: known, lists: lists), [], name)
            try template.render(DocxTestSupport.values).write(to: directory.appendingPathComponent("rendered_\(name)"))
        }
    }
}
