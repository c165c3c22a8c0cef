import Foundation
import Testing

@testable import NastavnikCore

@Suite("Roadmap template (seed 003)")
struct RoadmapTemplateTests {
    let stages = RoadmapTemplate.standard
    var events: [RoadmapTemplateEvent] { stages.flatMap(\.events) }

    @Test("The roadmap has the seed's 7 stages and its 35 events")
    func counts() {
        #expect(stages.count == 7)
        #expect(events.count == 35)
        #expect(stages.map { $0.events.count } == [6, 5, 3, 2, 4, 4, 11])
    }

    @Test("Stages run 1…7 and events 1…35 without gaps or repeats")
    func numbering() {
        #expect(stages.map(\.number) == Array(1...7))
        #expect(events.map(\.number) == Array(1...35))
    }

    @Test("Every stage and event has all its fields filled")
    func noEmptyFields() {
        for stage in stages {
            #expect(!stage.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
            #expect(!stage.events.isEmpty)
        }
        for e in events {
            for value in [e.title, e.timing, e.responsible, e.evidence] {
                #expect(!value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "event \(e.number)")
            }
        }
    }

    @Test("Every event is due within the school year, the first order in October")
    func dueMonths() {
        for e in events { #expect((0...11).contains(e.monthOffset), "event \(e.number)") }
        #expect(events.first?.monthOffset == 1)
    }

    @Test("No event names the seed's school")
    func generalised() {
        for e in events {
            for text in [e.title, e.evidence, e.responsible] {
                #expect(!(text.contains("МБОУ") || text.contains("лицей") || text.contains("Лицей")), "event \(e.number)")
            }
        }
    }
}

@Suite("Regulation and order texts")
struct DocumentTextsTests {
    func placeholders(in texts: [String]) -> Set<String> {
        var found: Set<String> = []
        for text in texts {
            var rest = text[...]
            while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
                found.insert(String(rest[open.upperBound..<close.lowerBound]))
                rest = rest[close.upperBound...]
            }
        }
        return found
    }

    @Test("The regulation names only the organisation, in full and short")
    func regulationPlaceholders() {
        let texts = RegulationText.sections.flatMap { [$0.title] + $0.clauses }
        #expect(placeholders(in: texts) == ["организация.название", "организация.краткое_название"])
    }

    @Test("Regulation clauses are numbered «n.m.» within their section")
    func regulationNumbering() {
        #expect((9...11).contains(RegulationText.sections.count))
        for (i, section) in RegulationText.sections.enumerated() {
            #expect(section.title.hasPrefix("\(i + 1). "))
            for (j, clause) in section.clauses.enumerated() {
                #expect(clause.hasPrefix("\(i + 1).\(j + 1). "), "\(clause.prefix(20))")
            }
        }
    }

    @Test("Orders and consents use only the known placeholders")
    func orderPlaceholders() {
        let orders = OrderTexts.implementationOrder + OrderTexts.curatorOrder + OrderTexts.pairsOrder
        #expect(placeholders(in: orders).isSubset(of: [
            "организация.название", "организация.краткое_название", "руководитель.фио_кратко", "куратор.фио",
            "куратор.должность", "учебный_год",
        ]))
        let consentKeys: Set<String> = [
            "субъект.фио", "субъект.дата_рождения", "организация.название", "организация.адрес", "согласие.перечень", "дата",
        ]
        #expect(placeholders(in: OrderTexts.consentAdult) == consentKeys)
        #expect(placeholders(in: OrderTexts.consentParent) == consentKeys.union(["представитель.фио"]))
        for order in [OrderTexts.implementationOrder, OrderTexts.curatorOrder, OrderTexts.pairsOrder] {
            #expect(order.contains("ПРИКАЗЫВАЮ:"))
            #expect(order.contains { $0.contains("Контроль за исполнением настоящего приказа оставляю за собой.") })
        }
    }
}
