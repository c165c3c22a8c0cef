import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// Issue 23's guard: a refused form shows each problem next to its field, with what was typed kept. The form walk
/// listed two pages that did not: the territory page (problems only in a summary above its forms) and a monitoring
/// campaign (a redirect with the problem in the green success message, the input lost).
@Suite("Refused forms keep their input and say what is wrong next to the field", .serialized)
struct RefusedFormsTests {
    /// The paragraph of the error the page renders for the field with this element id.
    func error(_ html: String, id: String) -> String? {
        html.components(separatedBy: "id=\"\(id)-err\">").dropFirst().first?.components(separatedBy: "</p>").first
    }

    @Test("A municipality without a name: the error under «Название» of that form, the region chosen kept")
    func territory() async throws {
        try await withApp { app, f in
            let cookie = try await app.sessionCookie("admin")
            var form = try #require(RenderedForm.all(in: try await app.html("/territory", cookie: cookie)).first { $0.action == "/territory/municipalities" })
            form.set("regionID", f.region.id.uuidString)
            form.set("name", " ")
            let (status, _, body) = try await app.submit(form, cookie: cookie)
            #expect(status == .unprocessableEntity)
            #expect(error(body, id: "f-name-municipality") == "Укажите название муниципалитета.", "\(body.prefix(300))")
            let again = try #require(RenderedForm.all(in: body).first { $0.action == "/territory/municipalities" })
            #expect(again.fields.first { $0.name == "regionID" }?.value == f.region.id.uuidString)
            #expect(error(body, id: "f-name-region") == nil, "the other form on the page stays clean")
        }
    }

    @Test("A campaign without a name: the form again with the error under «Название», the dates typed kept, nothing frozen")
    func campaign() async throws {
        try await withApp { app, f in
            let cookie = try await app.sessionCookie("mun1")
            let page = try await app.html("/indicators?node=\(f.mun1.id)", cookie: cookie)
            var form = try #require(RenderedForm.all(in: page).first { $0.action == "/indicators/campaigns" })
            form.set("name", "")
            form.set("periodStart", "01.11.2026")
            form.set("date", "20.11.2026")
            let before = try await MonitoringCampaignRecord.query(on: app.db).count()
            let (status, _, body) = try await app.submit(form, cookie: cookie)
            #expect(status == .unprocessableEntity)
            #expect(error(body, id: "f-name")?.hasPrefix("Укажите название кампании") == true, "\(body.prefix(300))")
            let again = try #require(RenderedForm.all(in: body).first { $0.action == "/indicators/campaigns" })
            #expect(again.fields.first { $0.name == "periodStart" }?.value == "01.11.2026" && again.fields.first { $0.name == "date" }?.value == "20.11.2026")
            #expect(again.fields.first { $0.name == "node" }?.value == f.mun1.id.uuidString)
            #expect(try await MonitoringCampaignRecord.query(on: app.db).count() == before)
        }
    }
}
