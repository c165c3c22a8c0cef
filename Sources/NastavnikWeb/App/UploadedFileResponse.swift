import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

extension Request {
    /// A file someone uploaded (a practice's material, a scan in the registry, a template), served so that it can
    /// never run on this site: its media type from the extension's allow-list (otherwise
    /// `application/octet-stream`), always as an attachment, never sniffed.
    func uploadedFile(_ f: StoredFileRecord) -> Response {
        Response(status: .ok, headers: [
            "Content-Type": UploadedFileType.contentType(forFileName: f.name),
            "Content-Disposition": UploadedFileType.attachment(f.name),
            "X-Content-Type-Options": "nosniff",
        ], body: .init(data: f.bytes))
    }
}
