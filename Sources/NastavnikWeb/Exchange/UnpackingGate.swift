import Foundation
import NastavnikOffice
import Vapor

/// Uploaded XLSX and DOCX files are unpacked in memory — up to `OOXMLPackage.maxUnpackedSize` each, counted as
/// they inflate — and then read: at most `running` of them at once in this process, so that simultaneous uploads
/// do not add up. The others wait their turn; beyond `waiting` queued, an upload is refused with 503 and Retry-After.
actor UnpackingGate {
    /// The server's: two at once (one per core), sixteen waiting.
    static let shared = UnpackingGate(running: 2, waiting: 16)

    let running: Int
    let waiting: Int
    private var active = 0
    private var queue: [CheckedContinuation<Void, Never>] = []

    init(running: Int, waiting: Int) {
        self.running = max(1, running)
        self.waiting = max(0, waiting)
    }

    /// Runs `body` (it unpacks and reads a file) once a place is free.
    nonisolated func run<T>(_ body: () throws -> T) async throws -> T {
        try await enter()
        let result = Result { try body() }
        await leave()
        return try result.get()
    }

    /// How many files are being read and how many wait.
    var load: (active: Int, queued: Int) { (active, queue.count) }

    func enter() async throws {
        if active < running {
            active += 1
            return
        }
        guard queue.count < waiting else {
            throw Abort(.serviceUnavailable, headers: ["Retry-After": "30"], reason: "Сервер сейчас проверяет другие загруженные файлы. Повторите загрузку через полминуты.")
        }
        // `leave` hands its place over: `active` stays as it is.
        await withCheckedContinuation { queue.append($0) }
    }

    func leave() {
        if queue.isEmpty { active -= 1 } else { queue.removeFirst().resume() }
    }
}

/// A package that cannot be read (not a ZIP, a missing part, a ZIP bomb) is the uploader's mistake wherever it
/// surfaces — also when a template stored before a check was added is applied: 422 with the Russian message.
extension OOXMLError: AbortError {
    public var status: HTTPResponseStatus { .unprocessableEntity }
    public var reason: String { message }
}
