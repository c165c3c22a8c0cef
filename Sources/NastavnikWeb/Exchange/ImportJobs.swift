import Foundation
import NastavnikCore
import Vapor

/// Imports running in the background, so that a long file shows its progress instead of a hanging page.
/// Jobs live in this process's memory: the page of a job shows it only to the account that started it.
actor ImportJobs {
    struct Job: Sendable {
        var id = UUID()
        var accountID: UUID
        var kind: ImportKind
        var fileName: String
        /// The file's dry run, to go back to when the commit fails.
        var previewPath: String
        var total: Int
        var done = 0
        var finished = false
        var error: String?
        /// What the commit wrote, once it has.
        var tally = ImportTally()
    }

    private var jobs: [UUID: Job] = [:]

    func start(_ job: Job) -> UUID {
        jobs[job.id] = job
        return job.id
    }

    func progress(_ id: UUID, done: Int) { jobs[id]?.done = done }

    func finish(_ id: UUID, error: String) {
        jobs[id]?.finished = true
        jobs[id]?.error = error
    }

    func finish(_ id: UUID, _ tally: ImportTally) {
        jobs[id]?.finished = true
        jobs[id]?.tally = tally
    }

    func job(_ id: UUID, for accountID: UUID) -> Job? {
        jobs[id].flatMap { $0.accountID == accountID ? $0 : nil }
    }
}

extension Application {
    private struct ImportJobsKey: StorageKey { typealias Value = ImportJobs }

    /// Set once in `configure`.
    var importJobs: ImportJobs {
        get { storage[ImportJobsKey.self]! }
        set { storage[ImportJobsKey.self] = newValue }
    }
}
