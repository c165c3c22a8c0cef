import Foundation
import Vapor

/// Where the stylesheet and icons are: the resources SwiftPM builds beside the binary
/// (`Nastavnik_NastavnikWeb.resources/Assets`, served as `/static/…`), found from the binary's own path so that the
/// working directory does not matter; `NASTAVNIK_ASSETS` names another folder. Without them the server refuses to
/// start instead of serving every page unstyled (issue 23, defect 8).
enum StaticAssets {
    static let bundleName = "Nastavnik_NastavnikWeb.resources"

    /// The folder holding `static/app.css`, or nil.
    static func directory(override: String? = ProcessInfo.processInfo.environment["NASTAVNIK_ASSETS"]) -> String? {
        candidates(override: override).first { FileManager.default.fileExists(atPath: $0 + "static/app.css") }
    }

    static func candidates(override: String?) -> [String] {
        var roots: [URL] = []
        if let override, !override.isEmpty { return [override.hasSuffix("/") ? override : override + "/"] }
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        if FileManager.default.fileExists(atPath: exe.path) { roots.append(exe.deletingLastPathComponent()) }
        if let main = Bundle.main.executableURL?.resolvingSymlinksInPath() { roots.append(main.deletingLastPathComponent()) }
        roots.append(Bundle.main.bundleURL)
        var seen = Set<String>()
        return roots.map { $0.appendingPathComponent(bundleName).appendingPathComponent("Assets").path + "/" }.filter { seen.insert($0).inserted }
    }

    /// The refusal when nothing is found: what was looked at and how to fix it.
    static func missing() -> String {
        "Не найдены файлы оформления (static/app.css). Искал: \(candidates(override: ProcessInfo.processInfo.environment["NASTAVNIK_ASSETS"]).joined(separator: ", ")). "
            + "Положите каталог \(bundleName) из каталога сборки рядом с программой или укажите NASTAVNIK_ASSETS (docs/operations.md)."
    }
}

/// Serves `/static/…` from the assets and nothing else: every other request goes on without a look at the disk
/// (a stat per request, and a 4,000-character path made the file system answer «name too long» as a 500).
struct StaticFilesMiddleware: AsyncMiddleware {
    let files: FileMiddleware

    init(directory: String) {
        files = FileMiddleware(publicDirectory: directory, defaultFile: nil)
    }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard req.url.path.hasPrefix("/static/") else { return try await next.respond(to: req) }
        do {
            return try await files.respond(to: req, chainingTo: next)
        } catch let error as any AbortError {
            throw error
        } catch {
            throw Abort(.notFound, reason: "Файл не найден.")
        }
    }
}
