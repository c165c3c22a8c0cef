import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

@Suite("A corrupt row is an error naming it, never a default value", .serialized)
struct CorruptRecordTests {
    @Test("An organisation kind outside the enum, written behind the application's back, fails the read with table, id and column; its public page is an error, not a school")
    func unknownKind() async throws {
        try await withApp { app, f in
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE organisations SET kind = 'castle', mentorship_page_on = '2026-11-01' WHERE id = \(bind: f.schoolA.id)").run()
            let record = try #require(try await OrganisationRecord.find(f.schoolA.id, on: app.db))
            #expect(throws: CorruptRecord(table: "organisations", id: f.schoolA.id, column: "kind", value: "castle")) { try record.core }
            // Before, the row read as a school and its public section was shown.
            var status: HTTPStatus = .ok
            try await app.testing().test(.GET, "/public/organisations/\(f.schoolA.id)", afterResponse: { status = $0.status })
            #expect(status == .internalServerError)
        }
    }

    @Test("A date column holding no date fails the read; an empty optional date column stays nil")
    func malformedDay() async throws {
        try await withApp { app, f in
            let sql = try #require(app.db as? any SQLDatabase)
            try await sql.raw("UPDATE organisations SET mentorship_page_on = 'вчера' WHERE id = \(bind: f.schoolB.id)").run()
            let b = try #require(try await OrganisationRecord.find(f.schoolB.id, on: app.db))
            #expect(throws: CorruptRecord(table: "organisations", id: f.schoolB.id, column: "mentorship_page_on", value: "вчера")) { try b.core }
            let c = try #require(try await OrganisationRecord.find(f.schoolC.id, on: app.db))
            #expect(try c.core.mentorshipPageSince == nil)
        }
    }
}
