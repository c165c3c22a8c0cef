import Foundation
import NastavnikOffice

/// The default Russian templates: documents laid out by the rules of ГОСТ Р 7.0.97-2016 with placeholders
/// where the data goes. A region or municipality may start its own template from one of these.
extension DocumentType {
    public var defaultTemplate: DocxDocument {
        switch self {
        case .implementationOrder: Self.order(OrderTexts.implementationOrderTitle, OrderTexts.implementationOrder, label)
        case .curatorOrder: Self.order(OrderTexts.curatorOrderTitle, OrderTexts.curatorOrder, label)
        case .pairsOrder: Self.pairsOrderTemplate
        case .regulation: Self.regulationTemplate
        case .personalProgramme: Self.programmeTemplate
        case .roadmap: Self.roadmapTemplate
        case .consentAdult: Self.consent(OrderTexts.consentAdult, subtitle: nil)
        case .consentParent: Self.consent(OrderTexts.consentParent, subtitle: "родителя (законного представителя) несовершеннолетнего")
        }
    }

    static func plain(_ text: String, _ alignment: DocxAlignment = .left, bold: Bool = false) -> DocxBlock {
        .paragraph(DocxParagraph(text, bold: bold, alignment: alignment, firstLineIndentCm: 0))
    }

    static func body(_ text: String) -> DocxBlock {
        // «ПРИКАЗЫВАЮ:» and signature-like lines stand at the margin; numbered items and prose get the red line.
        text == "ПРИКАЗЫВАЮ:" || text.hasPrefix("С приказом") ? plain(text) : .paragraph(DocxParagraph(text))
    }

    static let letterhead: [DocxBlock] = [plain("{{организация.название}}", .center, bold: true), .spacer]
    static let headSignature = DocxBlock.signature(position: "{{руководитель.должность}}", name: "{{руководитель.фио_кратко}}")

    /// «ПРИКАЗ», date and number, title, text, signature.
    static func orderHead(_ title: String) -> [DocxBlock] {
        letterhead + [.heading("ПРИКАЗ"), .spacer, .numberDateLine(date: "{{документ.дата}}", number: "{{документ.номер}}"), .spacer, plain(title, bold: true), .spacer]
    }

    static func order(_ title: String, _ text: [String], _ docTitle: String) -> DocxDocument {
        let main = text.filter { !$0.hasPrefix("С приказом") }
        let tail = text.filter { $0.hasPrefix("С приказом") }
        return DocxDocument(blocks: orderHead(title) + main.map(body) + [.spacer, headSignature, .spacer] + tail.map(body), title: docTitle)
    }

    /// «УТВЕРЖДЕНО приказом … от … № …» in the upper right corner.
    static func approvedBy(_ word: String = "УТВЕРЖДЕНО") -> [DocxBlock] {
        [plain(word, .right), plain("приказом {{организация.краткое_название}}", .right), plain("от {{документ.дата}} № {{документ.номер}}", .right), .spacer]
    }

    static var pairsOrderTemplate: DocxDocument {
        var doc = order(OrderTexts.pairsOrderTitle, OrderTexts.pairsOrder, DocumentType.pairsOrder.label)
        doc.blocks += [.pageBreak, plain("Приложение 1", .right), plain("к приказу от {{документ.дата}} № {{документ.номер}}", .right), .spacer,
            .heading("Список наставнических пар (групп)"), .spacer,
            .table(DocxTable(
                header: ["№", "Наставник", "Наставляемый", "Форма наставничества", "Период"],
                rows: [["{{пары.№}}", "{{пары.наставник}}", "{{пары.наставляемый}}", "{{пары.форма}}", "{{пары.период}}"]],
                columnWidthsCm: [1, 4.5, 4.5, 3.5, 3], fontSize: 12))]
        // Item 2 of the order approves the programmes «(приложение 2)»: they are attached here, a row per pair of appendix 1.
        doc.blocks += [.pageBreak, plain("Приложение 2", .right), plain("к приказу от {{документ.дата}} № {{документ.номер}}", .right), .spacer,
            .heading("Персонализированные программы наставничества наставнических пар (групп), указанных в приложении 1"), .spacer,
            .table(DocxTable(
                header: ["№", "Пара (группа)", "Срок реализации", "Цели и задачи", "План (мероприятие — срок, ответственный)", "Утверждена"],
                rows: [["{{программы.№}}", "{{программы.пара}}", "{{программы.период}}", "{{программы.цели}}", "{{программы.задачи}}", "{{программы.утверждена}}"]],
                columnWidthsCm: [0.8, 3, 2.3, 3.8, 4.6, 2], fontSize: 10))]
        return doc
    }

    static var regulationTemplate: DocxDocument {
        var blocks = approvedBy() + [.heading("ПОЛОЖЕНИЕ\n\(RegulationText.title.dropFirst("Положение ".count))\n{{организация.краткое_название}}"), .spacer]
        for section in RegulationText.sections {
            blocks.append(.paragraph(DocxParagraph(section.title, bold: true, alignment: .center, firstLineIndentCm: 0, keepNext: true)))
            blocks += section.clauses.map { .paragraph(DocxParagraph($0)) }
            blocks.append(.spacer)
        }
        return DocxDocument(blocks: blocks, title: DocumentType.regulation.label)
    }

    /// № · Этап · Мероприятие · Срок · Ответственный · Результат (16.5 cm): «адаптационный» and «Ответственный»
    /// fit on one line at 11 pt.
    static let planWidths = [0.9, 3.3, 4.8, 2.2, 3.2, 2.1]

    static var programmeTemplate: DocxDocument {
        let facts: [[String]] = [
            ["Наставник", "{{пара.наставник}}"], ["Наставляемый", "{{пара.наставляемый}}"], ["Форма наставничества", "{{пара.форма}}"],
            ["Вид наставничества", "{{пара.вид}}"], ["Срок реализации", "{{программа.начало}} — {{программа.окончание}}"],
            ["Цели и задачи", "{{программа.цели}}"], ["Ожидаемые результаты", "{{программа.результаты}}"],
            ["Утверждена", "{{программа.утверждена}}"],
        ]
        let blocks: [DocxBlock] = [
            plain("УТВЕРЖДАЮ", .right), plain("{{руководитель.должность}} {{организация.краткое_название}}", .right),
            plain("____________ {{руководитель.фио_кратко}}", .right), plain("«___» ____________ 20___ г.", .right), .spacer,
            .heading("ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА"), .spacer,
            .table(DocxTable(rows: facts, columnWidthsCm: [5, 11.5], fontSize: 12)), .spacer,
            plain("План реализации программы", .center, bold: true), .spacer,
            .table(DocxTable(
                header: ["№", "Этап", "Мероприятие", "Срок", "Ответственный", "Результат"],
                rows: [["{{задачи.№}}", "{{задачи.этап}}", "{{задачи.задача}}", "{{задачи.срок}}", "{{задачи.ответственный}}", "{{задачи.результат}}"]],
                columnWidthsCm: planWidths, fontSize: 11)), .spacer,
            .signature(position: "Наставник", name: "{{пара.наставник_кратко}}"), .signature(position: "Наставляемый", name: "{{пара.наставляемый_кратко}}"),
        ]
        return DocxDocument(blocks: blocks, title: DocumentType.personalProgramme.label)
    }

    static var roadmapTemplate: DocxDocument {
        let blocks: [DocxBlock] = approvedBy() + [
            .heading("ДОРОЖНАЯ КАРТА\nвнедрения целевой модели наставничества\nв {{организация.краткое_название}} на {{учебный_год}} учебный год"), .spacer,
            .table(DocxTable(
                header: ["№", "Этап", "Мероприятие", "Срок", "Ответственный", "Результат"],
                rows: [["{{мероприятия.№}}", "{{мероприятия.этап}}", "{{мероприятия.мероприятие}}", "{{мероприятия.срок}}", "{{мероприятия.ответственный}}", "{{мероприятия.результат}}"]],
                columnWidthsCm: planWidths, fontSize: 11)),
        ]
        return DocxDocument(blocks: blocks, title: DocumentType.roadmap.label)
    }

    static func consent(_ text: [String], subtitle: String?) -> DocxDocument {
        let heading = "СОГЛАСИЕ\n" + (subtitle.map { "\($0)\n" } ?? "") + "на обработку персональных данных"
        return DocxDocument(blocks: [.heading(heading), .spacer] + text.map { t in
            t.hasPrefix("Дата:") || t.hasPrefix("Подпись:") ? plain(t) : .paragraph(DocxParagraph(t))
        }, title: DocumentType.consentAdult.label)
    }
}
