import Foundation
import NastavnikCore
import NastavnikStore
import NastavnikTestSupport
import Testing

@testable import NastavnikWeb

@Suite("The public section rendered from its model, on the demo data", .serialized)
struct PublicPageSnapshotTests {
    @Test("The showcase school's public section on the demo's fixed date matches its snapshot")
    func showcaseSchool() async throws {
        try await withDemoApp { app, demo in
            let school = try #require(demo.organisations.first { $0.shortName == "МБОУ СОШ № 12" })
            let org = try #require(try await PublicQueries.publishedOrganisation(app.db, school.id, on: testToday))
            let model = try await PublicController.model(app.db, org, on: testToday)
            let html = PublicPage.render(model).render().replacingOccurrences(of: "><", with: ">\n<")
            #expect(html.contains(org.name))
            #expect(try snapshotMismatch(normalisingUUIDs(html), named: "showcase-school.html") == nil)
        }
    }
}
