import Foundation

extension DocxDocument {
    /// The DOCX file: a complete minimal package that Word, LibreOffice and python-docx open.
    public func data() throws -> Data {
        var parts: [String: String] = [
            "[Content_Types].xml": DocxParts.contentTypes(withHeaders: pageNumbers),
            "_rels/.rels": DocxParts.packageRelationships,
            "word/_rels/document.xml.rels": DocxParts.documentRelationships(withHeaders: pageNumbers),
            "word/document.xml": documentXML(),
            "word/styles.xml": DocxParts.styles,
            "word/settings.xml": DocxParts.settings,
            "docProps/core.xml": DocxParts.core(title: title),
            "docProps/app.xml": DocxParts.app,
        ]
        if pageNumbers {
            parts["word/header1.xml"] = DocxParts.header(pageNumber: true)
            parts["word/header2.xml"] = DocxParts.header(pageNumber: false)
        }
        return try OOXMLPackage(parts: parts.mapValues { Data($0.utf8) }).data()
    }

    func documentXML() -> String {
        var body = blocks.map(DocxMarkup.block).joined()
        // A body that ends with a table needs a paragraph after it.
        if case .table = blocks.last { body += "<w:p/>" }
        return DocxParts.xmlDeclaration
            + "<w:document \(DocxParts.namespaces)><w:body>\(body)\(sectionProperties)</w:body></w:document>"
    }

    /// A4 portrait, ГОСТ margins; with page numbers the first page gets an empty header (w:titlePg).
    private var sectionProperties: String {
        var xml = "<w:sectPr>"
        if pageNumbers {
            xml += "<w:headerReference w:type=\"default\" r:id=\"\(DocxParts.pageNumberHeaderID)\"/>"
            xml += "<w:headerReference w:type=\"first\" r:id=\"\(DocxParts.emptyHeaderID)\"/>"
        }
        xml += "<w:pgSz w:w=\"\(DocxPage.width)\" w:h=\"\(DocxPage.height)\"/>"
        xml += "<w:pgMar w:top=\"\(DocxPage.marginTop)\" w:right=\"\(DocxPage.marginRight)\" "
        xml += "w:bottom=\"\(DocxPage.marginBottom)\" w:left=\"\(DocxPage.marginLeft)\" "
        xml += "w:header=\"\(DocxPage.headerDistance)\" w:footer=\"\(DocxPage.headerDistance)\" w:gutter=\"0\"/>"
        xml += "<w:cols w:space=\"708\"/>"
        if pageNumbers { xml += "<w:titlePg/>" }
        return xml + "<w:docGrid w:linePitch=\"360\"/></w:sectPr>"
    }
}

/// The fixed parts of a generated package.
enum DocxParts {
    static let xmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let namespaces = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
        + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
    static let pageNumberHeaderID = "rIdHeaderPageNumber"
    static let emptyHeaderID = "rIdHeaderFirstPage"

    private static let wordprocessingML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    private static let relationshipTypes = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func contentTypes(withHeaders: Bool) -> String {
        var overrides = [
            ("/word/document.xml", "\(wordprocessingML).document.main+xml"),
            ("/word/styles.xml", "\(wordprocessingML).styles+xml"),
            ("/word/settings.xml", "\(wordprocessingML).settings+xml"),
            ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
            ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
        ]
        if withHeaders {
            overrides += [1, 2].map { ("/word/header\($0).xml", "\(wordprocessingML).header+xml") }
        }
        return xmlDeclaration
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + overrides.map { "<Override PartName=\"\($0.0)\" ContentType=\"\($0.1)\"/>" }.joined()
            + "</Types>"
    }

    private static func relationships(_ list: [(id: String, type: String, target: String)]) -> String {
        xmlDeclaration
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + list.map { "<Relationship Id=\"\($0.id)\" Type=\"\($0.type)\" Target=\"\($0.target)\"/>" }.joined()
            + "</Relationships>"
    }

    static let packageRelationships = relationships([
        ("rId1", "\(relationshipTypes)/officeDocument", "word/document.xml"),
        ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
        ("rId3", "\(relationshipTypes)/extended-properties", "docProps/app.xml"),
    ])

    static func documentRelationships(withHeaders: Bool) -> String {
        var list = [
            (id: "rIdStyles", type: "\(relationshipTypes)/styles", target: "styles.xml"),
            (id: "rIdSettings", type: "\(relationshipTypes)/settings", target: "settings.xml"),
        ]
        if withHeaders {
            list.append((pageNumberHeaderID, "\(relationshipTypes)/header", "header1.xml"))
            list.append((emptyHeaderID, "\(relationshipTypes)/header", "header2.xml"))
        }
        return relationships(list)
    }

    /// Times New Roman 14 pt, ru-RU, single spacing, no space after paragraphs.
    static let styles = xmlDeclaration + """
        <w:styles \(namespaces)>\
        <w:docDefaults>\
        <w:rPrDefault><w:rPr>\
        <w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>\
        <w:sz w:val="28"/><w:szCs w:val="28"/>\
        <w:lang w:val="ru-RU" w:eastAsia="ru-RU" w:bidi="ar-SA"/>\
        </w:rPr></w:rPrDefault>\
        <w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>\
        </w:docDefaults>\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>\
        <w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">\
        <w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>\
        <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>\
        <w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>\
        <w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>\
        <w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/>\
        <w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>\
        </w:styles>
        """

    static let settings = xmlDeclaration + """
        <w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:zoom w:percent="100"/><w:defaultTabStop w:val="709"/>\
        <w:characterSpacingControl w:val="doNotCompress"/>\
        <w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>\
        <w:themeFontLang w:val="ru-RU"/>\
        </w:settings>
        """

    /// A header paragraph, with a centered PAGE field or empty (for the first page).
    static func header(pageNumber: Bool) -> String {
        let field = pageNumber
            ? "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
                + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
            : ""
        return xmlDeclaration + "<w:hdr \(namespaces)><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>\(field)</w:p></w:hdr>"
    }

    static func core(title: String) -> String {
        xmlDeclaration + """
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
            <dc:title>\(XML.escape(title))</dc:title><dc:creator>Наставник</dc:creator>\
            <cp:lastModifiedBy>Наставник</cp:lastModifiedBy><dc:language>ru-RU</dc:language>\
            </cp:coreProperties>
            """
    }

    static let app = xmlDeclaration + """
        <Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
        xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
        <Application>Наставник</Application><DocSecurity>0</DocSecurity></Properties>
        """
}
