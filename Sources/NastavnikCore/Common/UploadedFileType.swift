/// How a file someone uploaded is served back. The uploader's own media type is never trusted: a page, a script or
/// an SVG sent as `text/html` or `application/javascript` would run on this site's origin. The type comes from a
/// short list of office, image and text formats by the file's extension, anything else is
/// `application/octet-stream`, and every such file is a download (`Content-Disposition: attachment`).
public enum UploadedFileType {
    static let byExtension: [String: String] = [
        "pdf": "application/pdf",
        "doc": "application/msword",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls": "application/vnd.ms-excel",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt": "application/vnd.ms-powerpoint",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt": "application/vnd.oasis.opendocument.text",
        "ods": "application/vnd.oasis.opendocument.spreadsheet",
        "odp": "application/vnd.oasis.opendocument.presentation",
        "rtf": "application/rtf",
        "txt": "text/plain; charset=utf-8",
        "csv": "text/csv; charset=utf-8",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "zip": "application/zip",
        "mp3": "audio/mpeg",
        "mp4": "video/mp4",
    ]

    public static let fallback = "application/octet-stream"

    /// The media type to serve a stored file of this name with.
    public static func contentType(forFileName name: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return fallback }
        return byExtension[name[name.index(after: dot)...].lowercased()] ?? fallback
    }

    /// `Content-Disposition` for a download of this name: an ASCII-only `filename` (anything that could end the
    /// quoted string or the header replaced) and the exact name percent-encoded in `filename*` (RFC 6266, 5987).
    public static func attachment(_ name: String) -> String {
        func safe(_ s: String) -> String {
            s.unicodeScalars.map { c -> String in
                c.isASCII && (c.properties.isAlphabetic || c.properties.numericType != nil || "-._ ()".unicodeScalars.contains(c)) ? String(c) : "_"
            }.joined()
        }
        let ext = name.lastIndex(of: ".").map { String(name[$0...]) } ?? ""
        let ascii = !name.isEmpty && name.unicodeScalars.allSatisfy(\.isASCII) ? safe(name) : "download" + safe(ext)
        var encoded = ""
        for byte in name.utf8 {
            let c = Character(UnicodeScalar(byte))
            if byte < 0x80 && (c.isLetter || c.isNumber || "-._~".contains(c)) {
                encoded.append(c)
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}

extension String {
    fileprivate func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
