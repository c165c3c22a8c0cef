import Foundation

/// The pieces of a run's content: text, line breaks and tabs.
/// Shared by the writer and the template engine, so "\n" and "\t" in values are written the same way.
enum DocxRunPiece: Equatable {
    case text(String)
    case lineBreak
    case tab

    /// Splits text at "\n" (also "\r\n", "\r") and "\t".
    static func split(_ text: String) -> [DocxRunPiece] {
        var pieces: [DocxRunPiece] = []
        var current = ""
        func flush() {
            if !current.isEmpty { pieces.append(.text(current)) }
            current = ""
        }
        // Iterating scalars keeps "\r\n" (one Character) visible as two scalars.
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\n" where previousWasCR: continue
            case "\n", "\r": flush(); pieces.append(.lineBreak)
            case "\t": flush(); pieces.append(.tab)
            default: current.unicodeScalars.append(scalar)
            }
        }
        flush()
        return pieces
    }

    var xml: String {
        switch self {
        case let .text(text): "<w:t xml:space=\"preserve\">\(XML.escape(text))</w:t>"
        case .lineBreak: "<w:br/>"
        case .tab: "<w:tab/>"
        }
    }
}

/// WordprocessingML fragments for the document model.
enum DocxMarkup {
    static func block(_ block: DocxBlock) -> String {
        switch block {
        case let .paragraph(paragraph): self.paragraph(paragraph)
        case let .heading(text): paragraph(.heading(text))
        case let .table(table): self.table(table)
        case let .numberDateLine(date, number):
            paragraph(.edgeAligned(left: date, right: number.hasPrefix("№") ? number : "№ \(number)"))
        case let .signature(position, name):
            paragraph(.signature(position: position, name: name))
        case .spacer: "<w:p/>"
        case .pageBreak: "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
        }
    }

    /// Child order inside w:pPr and w:rPr follows the schema; Word rejects other orders.
    static func paragraph(_ p: DocxParagraph) -> String {
        var props = ""
        if p.keepNext { props += "<w:keepNext/>" }
        if p.pageBreakBefore { props += "<w:pageBreakBefore/>" }
        if !p.tabStops.isEmpty {
            props += "<w:tabs>"
            for stop in p.tabStops { props += "<w:tab w:val=\"\(stop.kind.rawValue)\" w:pos=\"\(stop.position)\"/>" }
            props += "</w:tabs>"
        }
        var spacing = ""
        if p.spacingBeforePt > 0 { spacing += " w:before=\"\(DocxPage.twips(pt: p.spacingBeforePt))\"" }
        if p.spacingAfterPt > 0 { spacing += " w:after=\"\(DocxPage.twips(pt: p.spacingAfterPt))\"" }
        if let line = p.lineSpacing { spacing += " w:line=\"\(Int((line * 240).rounded()))\" w:lineRule=\"auto\"" }
        if !spacing.isEmpty { props += "<w:spacing\(spacing)/>" }
        if p.firstLineIndentCm > 0 { props += "<w:ind w:firstLine=\"\(DocxPage.twips(cm: p.firstLineIndentCm))\"/>" }
        props += "<w:jc w:val=\"\(justification(p.alignment))\"/>"
        return "<w:p><w:pPr>\(props)</w:pPr>\(p.runs.map(run).joined())</w:p>"
    }

    static func run(_ r: DocxRun) -> String {
        var props = ""
        if r.bold { props += "<w:b/><w:bCs/>" }
        if r.italic { props += "<w:i/><w:iCs/>" }
        if let size = r.fontSize {
            let halfPoints = Int((size * 2).rounded())
            props += "<w:sz w:val=\"\(halfPoints)\"/><w:szCs w:val=\"\(halfPoints)\"/>"
        }
        if r.underline { props += "<w:u w:val=\"single\"/>" }
        let content = DocxRunPiece.split(r.text).map(\.xml).joined()
        return props.isEmpty ? "<w:r>\(content)</w:r>" : "<w:r><w:rPr>\(props)</w:rPr>\(content)</w:r>"
    }

    static func table(_ t: DocxTable) -> String {
        let columnCount = max(t.columnWidthsCm.count, t.header.count, t.rows.map(\.count).max() ?? 0, 1)
        let widths: [Int] = (0..<columnCount).map { index in
            index < t.columnWidthsCm.count
                ? DocxPage.twips(cm: t.columnWidthsCm[index])
                : DocxPage.textWidth / columnCount
        }
        let border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\""
        let borders = ["top", "left", "bottom", "right", "insideH", "insideV"]
            .map { "<w:\($0) \(border)/>" }.joined()
        var xml = "<w:tbl><w:tblPr>"
        xml += "<w:tblW w:w=\"\(widths.reduce(0, +))\" w:type=\"dxa\"/>"
        xml += "<w:tblBorders>\(borders)</w:tblBorders>"
        xml += "<w:tblLayout w:type=\"fixed\"/>"
        xml += "<w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar>"
        xml += "<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/>"
        xml += "</w:tblPr><w:tblGrid>"
        xml += widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined()
        xml += "</w:tblGrid>"

        func row(_ cells: [String], isHeader: Bool) -> String {
            var row = isHeader ? "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" : "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            for (index, width) in widths.enumerated() {
                let text = index < cells.count ? cells[index] : ""
                let cell = DocxParagraph(
                    runs: [DocxRun(text, bold: isHeader, fontSize: t.fontSize)],
                    alignment: isHeader ? .center : .left, firstLineIndentCm: 0
                )
                row += "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>"
                row += isHeader ? "<w:vAlign w:val=\"center\"/>" : ""
                row += "</w:tcPr>\(paragraph(cell))</w:tc>"
            }
            return row + "</w:tr>"
        }
        if !t.header.isEmpty { xml += row(t.header, isHeader: true) }
        for cells in t.rows { xml += row(cells, isHeader: false) }
        return xml + "</w:tbl>"
    }

    private static func justification(_ alignment: DocxAlignment) -> String {
        switch alignment {
        case .left: "left"
        case .center: "center"
        case .right: "right"
        case .justify: "both"
        }
    }
}

extension DocxParagraph {
    static func heading(_ text: String) -> DocxParagraph {
        DocxParagraph(runs: [DocxRun(text, bold: true)], alignment: .center, firstLineIndentCm: 0, keepNext: true)
    }

    /// Left text at the left margin, right text flush with the right margin (right tab stop).
    static func edgeAligned(left: String, right: String) -> DocxParagraph {
        var p = DocxParagraph(runs: [DocxRun("\(left)\t\(right)")], alignment: .left, firstLineIndentCm: 0)
        p.tabStops = [DocxTabStop(kind: .right, position: DocxPage.textWidth)]
        return p
    }

    /// Position, a signature line centered at 60 % of the text width, the name at the right margin.
    static func signature(position: String, name: String) -> DocxParagraph {
        var p = DocxParagraph(runs: [DocxRun("\(position)\t______________\t\(name)")], alignment: .left, firstLineIndentCm: 0)
        p.tabStops = [
            DocxTabStop(kind: .center, position: DocxPage.textWidth * 3 / 5),
            DocxTabStop(kind: .right, position: DocxPage.textWidth),
        ]
        return p
    }
}
