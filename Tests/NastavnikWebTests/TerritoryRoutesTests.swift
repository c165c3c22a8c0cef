import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor

@testable import NastavnikWeb

/// Issue 25, seed 004: the municipal level of the individual route, and the routes of a territory.
@Suite("Individual routes of a municipality and a region", .serialized)
struct TerritoryRoutesTests {
    static func step(_ level: String) -> RouteStepInput {
        RouteStepInput(deficit: "Оценивание по ФГОС", action: "Муниципальный методический семинар", level: level, responsible: "ИМЦ «Альтернатива»", deadline: "2027-02-01")
    }

    @Test("The municipal coordinator adds and edits municipal steps of its schools' mentees (audited), never another level's, never another municipality's")
    func municipalSteps() async throws {
        try await withApp { app, f in
            let mun = try await app.token("mun1")
            let youngA = try #require(f.menteeProfile["A"]?.personID), youngC = try #require(f.menteeProfile["C"]?.personID)
            let (created, body) = try await app.api(.POST, "/people/\(youngA)/route", token: mun, json: Self.step("municipality"))
            #expect(created == .created)
            let id = try #require(((body.json as? [String: Any])?["id"] as? String).flatMap { UUID(uuidString: $0) })
            #expect(try await AuditRecord.query(on: app.db).filter(\.$entity == "route").filter(\.$entityID == id).count() == 1)
            // The form opens on the municipal level.
            let form = try await app.html("/people/\(youngA)/route/new", cookie: try await app.sessionCookie("mun1"))
            #expect(form.contains("<option value=\"municipality\" selected"))
            // Not the organisation's or the region's level.
            for level in ["organisation", "region"] {
                let (status, text) = try await app.api(.POST, "/people/\(youngA)/route", token: mun, json: Self.step(level))
                #expect(status == .forbidden, "\(level)")
                #expect(text.text.contains("только шаги муниципального уровня"))
            }
            var done = Self.step("municipality")
            done.status = TaskStatus.done.rawValue
            done.result = "Семинар проведён"
            #expect(try await app.api(.PUT, "/route-steps/\(id)", token: mun, json: done).0 == .ok)
            #expect(try await RouteStepRecord.find(id, on: app.db)?.status == TaskStatus.done.rawValue)
            #expect(try await AuditRecord.query(on: app.db).filter(\.$entity == "route").filter(\.$entityID == id).count() == 2)
            // A step the school keeps stays the school's; moving its own step to another level is refused.
            let (_, school) = try await app.api(.POST, "/people/\(youngA)/route", token: try await app.token("curator"), json: Self.step("organisation"))
            let schoolStep = try #require((school.json as? [String: Any])?["id"] as? String)
            #expect(try await app.api(.PUT, "/route-steps/\(schoolStep)", token: mun, json: Self.step("municipality")).0 == .forbidden)
            #expect(try await app.api(.PUT, "/route-steps/\(id)", token: mun, json: Self.step("region")).0 == .forbidden)
            // Another municipality's mentee: not found.
            #expect(try await app.api(.POST, "/people/\(youngC)/route", token: mun, json: Self.step("municipality")).0 == .notFound)
        }
    }

    @Test("/routes lists the territory's mentees with their tutor; «без тьютора» leaves out those who have one; a curator is refused")
    func territoryList() async throws {
        try await withApp { app, f in
            let tutor = try #require(try await AccountRecord.query(on: app.db).filter(\.$login == "tutor").first()?.id)
            let youngA = try #require(f.menteeProfile["A"]?.personID)
            try await TutorAssignmentRecord(accountID: tutor, personID: youngA).create(on: app.db)
            let mun = try await app.sessionCookie("mun1")
            let (status, all) = try await app.pageBody("/routes", cookie: mun)
            #expect(status == .ok)
            #expect(all.contains("МолодцовA") && all.contains("МолодцовB"))
            #expect(!all.contains("МолодцовC"))
            #expect(all.contains("без тьютора — 1 из 2"))
            let (_, none) = try await app.pageBody("/routes?tutor=none", cookie: mun)
            #expect(none.contains("МолодцовB"))
            #expect(!none.contains("МолодцовA"))
            let regionCookie = try await app.sessionCookie("region")
            let (regionStatus, region) = try await app.pageBody("/routes", cookie: regionCookie)
            #expect(regionStatus == .ok)
            #expect(region.contains("МолодцовA") && region.contains("МолодцовB") && region.contains("МолодцовC"))
            let (_, regionNone) = try await app.pageBody("/routes?tutor=none", cookie: regionCookie)
            #expect(regionNone.contains("МолодцовB") && !regionNone.contains("МолодцовA"))
            #expect(try await app.pageBody("/routes", cookie: try await app.sessionCookie("curator")).0 == .forbidden)
            // The tutor's own list is still theirs: the one person assigned.
            let (_, own) = try await app.pageBody("/routes", cookie: try await app.sessionCookie("tutor"))
            #expect(own.contains("МолодцовA") && !own.contains("МолодцовB"))
        }
    }
}
