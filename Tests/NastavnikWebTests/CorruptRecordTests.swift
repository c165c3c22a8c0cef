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
    /// Writes `value` into a column of the row behind the application's back, then reads the row.
    func corrupting<R: Model>(_ app: Application, _ type: R.Type, _ id: UUID, _ column: String, _ value: String) async throws -> R
    where R.IDValue == UUID {
        let sql = try #require(app.db as? any SQLDatabase)
        try await sql.raw("UPDATE \(ident: R.schema) SET \(ident: column) = \(bind: value) WHERE id = \(bind: id)").run()
        return try #require(try await R.find(id, on: app.db))
    }

    @Test("An account role outside the enum is a corrupt row, not the least privileged role")
    func unknownRole() async throws {
        try await withApp { app, _ in
            let id = try #require(try await AccountRecord.query(on: app.db).filter(\.$login == "curator").first()?.id)
            let account = try await corrupting(app, AccountRecord.self, id, "role", "overlord")
            #expect(throws: CorruptRecord(table: "accounts", id: id, column: "role", value: "overlord")) { try account.roleValue }
        }
    }

    @Test("An organisation kind outside the enum, written behind the application's back, fails the read with table, id and column; its public page is an error, not a school")
    func unknownKind() async throws {
        try await withApp { app, f in
            _ = try await corrupting(app, OrganisationRecord.self, f.schoolA.id, "mentorship_page_on", "2026-11-01")
            let record = try await corrupting(app, OrganisationRecord.self, f.schoolA.id, "kind", "castle")
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
            let b = try await corrupting(app, OrganisationRecord.self, f.schoolB.id, "mentorship_page_on", "вчера")
            #expect(throws: CorruptRecord(table: "organisations", id: f.schoolB.id, column: "mentorship_page_on", value: "вчера")) { try b.core }
            let c = try #require(try await OrganisationRecord.find(f.schoolC.id, on: app.db))
            #expect(try c.core.mentorshipPageSince == nil)
        }
    }
}
