import Foundation

/// A Word document built from blocks, written as a DOCX package by `data()`.
///
/// The page is A4 portrait with the margins and typography of ГОСТ Р 7.0.97-2016:
/// Times New Roman 14 pt, single line spacing, margins 30/15/20/20 mm (left/right/top/bottom).
public struct DocxDocument: Sendable {
    public var blocks: [DocxBlock]
    /// Stored in docProps/core.xml (`dc:title`).
    public var title: String
    /// Page numbers centered in the header, starting from page 2.
    public var pageNumbers: Bool

    public init(blocks: [DocxBlock] = [], title: String = "", pageNumbers: Bool = true) {
        self.blocks = blocks
        self.title = title
        self.pageNumbers = pageNumbers
    }
}

public enum DocxBlock: Sendable {
    case paragraph(DocxParagraph)
    /// Centered bold heading, e.g. «ПРИКАЗ»; "\n" splits it into lines.
    case heading(String)
    case table(DocxTable)
    /// «25.11.2026 … № 45-о»: the date at the left margin, the number at the right one.
    /// "№ " is added unless `number` already starts with "№".
    case numberDateLine(date: String, number: String)
    /// «Директор ______________ И. О. Фамилия»: position at the left, name at the right margin.
    case signature(position: String, name: String)
    /// An empty line.
    case spacer
    case pageBreak
}

/// A piece of text with one formatting. "\n" becomes a line break, "\t" a tab.
public struct DocxRun: Sendable, Equatable {
    public var text: String
    public var bold: Bool
    public var italic: Bool
    public var underline: Bool
    /// Points; nil keeps the document default (14 pt).
    public var fontSize: Double?

    public init(_ text: String, bold: Bool = false, italic: Bool = false, underline: Bool = false, fontSize: Double? = nil) {
        self.text = text
        self.bold = bold
        self.italic = italic
        self.underline = underline
        self.fontSize = fontSize
    }
}

public enum DocxAlignment: Sendable {
    case left, center, right, justify
}

public struct DocxParagraph: Sendable {
    public var runs: [DocxRun]
    public var alignment: DocxAlignment
    /// Red-line indent of the first line; 1.25 cm for body text, 0 for headings and tables.
    public var firstLineIndentCm: Double
    public var spacingBeforePt: Double
    public var spacingAfterPt: Double
    /// Line spacing as a multiple of single (1.0, 1.15, 1.5); nil keeps single from the styles.
    public var lineSpacing: Double?
    /// Keeps the paragraph on the same page as the next one (headings, table captions).
    public var keepNext: Bool
    public var pageBreakBefore: Bool
    /// Tab stops used by the date/number line and the signature.
    var tabStops: [DocxTabStop] = []

    public init(
        runs: [DocxRun],
        alignment: DocxAlignment = .justify,
        firstLineIndentCm: Double = 1.25,
        spacingBeforePt: Double = 0,
        spacingAfterPt: Double = 0,
        lineSpacing: Double? = nil,
        keepNext: Bool = false,
        pageBreakBefore: Bool = false
    ) {
        self.runs = runs
        self.alignment = alignment
        self.firstLineIndentCm = firstLineIndentCm
        self.spacingBeforePt = spacingBeforePt
        self.spacingAfterPt = spacingAfterPt
        self.lineSpacing = lineSpacing
        self.keepNext = keepNext
        self.pageBreakBefore = pageBreakBefore
    }

    /// A paragraph of one run; body text by default (justified, 1.25 cm first-line indent).
    public init(
        _ text: String,
        bold: Bool = false,
        italic: Bool = false,
        underline: Bool = false,
        alignment: DocxAlignment = .justify,
        firstLineIndentCm: Double = 1.25,
        keepNext: Bool = false
    ) {
        self.init(
            runs: [DocxRun(text, bold: bold, italic: italic, underline: underline)],
            alignment: alignment, firstLineIndentCm: firstLineIndentCm, keepNext: keepNext
        )
    }
}

/// A table with single-line borders on every cell. The header row is bold and repeats on each page.
public struct DocxTable: Sendable {
    /// Header cells; empty for a table without a header row.
    public var header: [String]
    /// Cell texts; "\n" inside a cell becomes a line break.
    public var rows: [[String]]
    /// Column widths; empty splits the text width (16.5 cm) evenly.
    public var columnWidthsCm: [Double]
    /// Points.
    public var fontSize: Double

    public init(header: [String] = [], rows: [[String]], columnWidthsCm: [Double] = [], fontSize: Double = 12) {
        self.header = header
        self.rows = rows
        self.columnWidthsCm = columnWidthsCm
        self.fontSize = fontSize
    }
}

struct DocxTabStop: Sendable {
    enum Kind: String, Sendable { case left, center, right }
    var kind: Kind
    /// Twips from the left margin.
    var position: Int
}

/// Page geometry in twips (1/20 pt; 1 cm ≈ 567 twips).
enum DocxPage {
    static let width = 11906
    static let height = 16838
    static let marginLeft = 1701
    static let marginRight = 850
    static let marginTop = 1134
    static let marginBottom = 1134
    static let headerDistance = 709
    static let textWidth = width - marginLeft - marginRight

    static func twips(cm: Double) -> Int { Int((cm * 1440 / 2.54).rounded()) }
    static func twips(pt: Double) -> Int { Int((pt * 20).rounded()) }
}
