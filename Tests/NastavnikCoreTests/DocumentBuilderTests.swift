import Foundation
import NastavnikOffice
import Testing

@testable import NastavnikCore

enum DocumentSamples {
    static let today = Day(year: 2026, month: 11, day: 25)!
    static let school = DocumentData.example(today: today).organisation

    /// The shared example, with a name that needs escaping and the tasks out of order.
    static func data() -> DocumentData {
        var d = DocumentData.example(today: today)
        d.pairs[1].mentors = ["Орлов Павел <Р&Д>"]
        d.tasks.reverse()
        return d
    }

    /// The text of word/document.xml with the markup removed.
    static func text(_ docx: Data) throws -> String {
        let xml = String(decoding: try OOXMLPackage(data: docx)["word/document.xml"] ?? Data(), as: UTF8.self)
        return XML.unescape(xml.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression))
    }
}

@Suite("Documents: default templates filled from data")
struct DocumentBuilderTests {
    @Test("Every default template uses only the placeholders its type fills", arguments: DocumentType.allCases)
    func defaultTemplatesAreValid(_ type: DocumentType) throws {
        let template = try DocxTemplate(data: type.defaultTemplate.data())
        #expect(type.validate(template) == [])
        #expect(!template.placeholders.isEmpty)
    }

    @Test("Every document comes out with no placeholder left and the organisation named", arguments: DocumentType.allCases)
    func filled(_ type: DocumentType) throws {
        let file = try DocumentBuilder.build(type, DocumentSamples.data())
        let text = try DocumentSamples.text(file.data)
        #expect(!text.contains("{{"))
        #expect(text.contains("МБОУ СОШ № 12") || text.contains(DocumentSamples.school.name))
        #expect(file.name.hasSuffix(".docx"))
    }

    @Test("The pairs order: «ПРИКАЗ», a draft's blank number, one table row per pair in order, escaped names")
    func pairsOrder() throws {
        var data = DocumentSamples.data()
        let draft = try DocumentSamples.text(DocumentBuilder.build(.pairsOrder, data).data)
        #expect(draft.contains("ПРИКАЗ"))
        #expect(draft.contains("№ ______"))
        data.number = "45-о"
        data.date = DocumentSamples.today
        let xml = String(decoding: try OOXMLPackage(data: DocumentBuilder.build(.pairsOrder, data).data)["word/document.xml"]!, as: UTF8.self)
        let text = XML.unescape(xml.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression))
        #expect(text.contains("25.11.2026"))
        #expect(text.contains("№ 45-о"))
        #expect(xml.contains("Орлов Павел &lt;Р&amp;Д&gt;"))
        let first = try #require(text.range(of: "Кузнецова Ольга Ивановна"))
        let second = try #require(text.range(of: "Орлов Павел"))
        #expect(first.lowerBound < second.lowerBound)
        #expect(text.contains("01.09.2026 — 31.05.2027"))
        #expect(text.contains("Директор"))
        #expect(text.contains("Петров И. С."))
    }

    @Test("Typography a school accepts: Times New Roman 14, ГОСТ margins, bordered tables, A4")
    func typography() throws {
        let package = try OOXMLPackage(data: DocumentBuilder.build(.pairsOrder, DocumentSamples.data()).data)
        let styles = String(decoding: try #require(package["word/styles.xml"]), as: UTF8.self)
        let document = String(decoding: try #require(package["word/document.xml"]), as: UTF8.self)
        #expect(styles.contains("w:ascii=\"Times New Roman\""))
        #expect(styles.contains("<w:sz w:val=\"28\"/>"))
        #expect(document.contains("w:w=\"11906\"") && document.contains("w:h=\"16838\""))
        #expect(document.contains("w:left=\"1701\"") && document.contains("w:right=\"850\"") && document.contains("w:top=\"1134\""))
        #expect(document.contains("<w:insideH w:val=\"single\""))
        #expect(document.contains("<w:tblHeader/>"))
    }

    @Test("The programme lists its tasks by stage, then deadline; the roadmap has the 35 events of seed 003")
    func programmeAndRoadmap() throws {
        let programme = try DocumentSamples.text(DocumentBuilder.build(.personalProgramme, DocumentSamples.data()).data)
        let adaptation = try #require(programme.range(of: "Знакомство с локальными актами"))
        let main = try #require(programme.range(of: "Посещение уроков наставника"))
        #expect(adaptation.lowerBound < main.lowerBound)
        #expect(programme.contains("Адаптация молодого специалиста"))
        // The signatures carry short names, not «ФИО, должность».
        #expect(programme.contains("Кузнецова О. И."))
        #expect(programme.contains("Иванова М. П."))
        let values = DocumentSamples.data().values(for: .roadmap)
        #expect(values.lists["мероприятия"]?.count == 35)
        #expect(values.lists["мероприятия"]?.first?["срок"]?.contains("(до 30.09.2026)") == true || values.lists["мероприятия"]?.first?["срок"]?.contains("2026") == true)
    }

    @Test("A consent names the person; a minor's names the parent line")
    func consent() throws {
        var data = DocumentSamples.data()
        data.representative = "Смирнова Елена Павловна"
        let text = try DocumentSamples.text(DocumentBuilder.build(.consentParent, data).data)
        #expect(text.contains("Смирнов Артём"))
        #expect(text.contains("10.05.2013"))
        #expect(text.contains("Смирнова Елена Павловна"))
        #expect(text.contains("152-ФЗ"))
    }

    @Test("The school year starts on 1 September")
    func schoolYear() {
        #expect(DocumentData.schoolYear(Day(year: 2026, month: 8, day: 31)!) == "2025/2026")
        #expect(DocumentData.schoolYear(Day(year: 2026, month: 9, day: 1)!) == "2026/2027")
    }
}
