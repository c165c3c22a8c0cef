import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// Issue 23, defect 6: meeting times are local to the region of the pair's organisation, not Moscow time.
@Suite("Time zones: regions, meeting forms and the calendar feed", .serialized)
struct TimeZoneTests {
    /// The administrator sets the fixture region's zone through the territory page's own form.
    static func setZone(_ app: Application, _ f: Fixture, _ zone: String) async throws -> (HTTPStatus, String) {
        let cookie = try await app.sessionCookie("admin")
        let html = try await app.html("/territory", cookie: cookie)
        var form = try #require(RenderedForm.all(in: html).first { $0.action == "/territory/regions/\(f.region.id)" })
        form.set("timeZone", zone)
        let (status, _, body) = try await app.submit(form, cookie: cookie)
        return (status, body)
    }

    @Test("The administrator sets a region's IANA zone; an unknown one is a Russian 422; the API shows it")
    func regionZone() async throws {
        try await withApp { app, f in
            let before = try await app.api(.GET, "/regions", token: try await app.token("admin"))
            #expect(before.1.text.contains("\"timeZone\":\"Europe\\/Moscow\"") || before.1.text.contains("\"timeZone\":\"Europe/Moscow\""), "\(before.1.text)")

            let (bad, page) = try await Self.setZone(app, f, "Europe/Izhevsk")
            #expect(bad == .unprocessableEntity)
            #expect(page.contains("Часовой пояс «Europe/Izhevsk» не найден"))
            #expect(try await RegionRecord.find(f.region.id, on: app.db)?.timeZone == "Europe/Moscow")

            let (ok, body) = try await Self.setZone(app, f, "Europe/Samara")
            #expect(ok == .seeOther, "\(body.prefix(300))")
            #expect(try await RegionRecord.find(f.region.id, on: app.db)?.timeZone == "Europe/Samara")
            let after = try await app.api(.GET, "/regions", token: try await app.token("region"))
            #expect(after.1.text.contains("Samara"))
            #expect(try await app.html("/territory", cookie: try await app.sessionCookie("admin")).contains("Europe/Samara"))

            // Only the administrator edits regions.
            let cookie = try await app.sessionCookie("region")
            let csrf = try await app.csrf("/territory", cookie: cookie)
            var status = HTTPStatus.ok
            try await app.testing().test(.POST, "/territory/regions/\(f.region.id)", headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": "nastavnik_session=\(cookie)"],
                                         body: ByteBuffer(string: "csrf=\(csrf)&timeZone=Asia%2FTokyo"), afterResponse: { res in status = res.status })
            #expect(status == .forbidden)
            #expect(try await RegionRecord.find(f.region.id, on: app.db)?.timeZone == "Europe/Samara")

            // A new region's zone is checked too.
            let adminCookie = try await app.sessionCookie("admin")
            let html = try await app.html("/territory", cookie: adminCookie)
            var add = try #require(RenderedForm.all(in: html).first { $0.action == "/territory/regions" })
            add.set("name", "Новая область")
            add.set("timeZone", "UTC+4")
            #expect(try await app.submit(add, cookie: adminCookie).0 == .unprocessableEntity)
            add.set("timeZone", "Asia/Yekaterinburg")
            #expect(try await app.submit(add, cookie: adminCookie).0 == .seeOther)
            #expect(try await RegionRecord.query(on: app.db).filter(\.$name == "Новая область").first()?.timeZone == "Asia/Yekaterinburg")
        }
    }

    @Test("An Izhevsk mentor records a 15:00 meeting in local time: the page shows 15:00 and the zone, the feed 11:00Z")
    func meetingInIzhevsk() async throws {
        try await withApp { app, f in
            #expect(try await Self.setZone(app, f, "Europe/Samara").0 == .seeOther)
            let pair = try #require(f.pair["A"])
            let cookie = try await app.sessionCookie("mentor")
            let html = try await app.html("/mentorships/\(pair.id)/meetings/new", cookie: cookie)
            #expect(html.contains("Время (чч:мм, местное — Тестовая область, МСК+1 (UTC+4))"))
            #expect(!html.contains("московское"))
            var form = try #require(RenderedForm.all(in: html).first { $0.action == "/mentorships/\(pair.id)/meetings/new" })
            form.set("date", "02.12.2026")
            form.set("time", "15:00")
            form.set("agenda", "Разбор урока")
            form.chooseFirstOptions()
            let (status, _, body) = try await app.submit(form, cookie: cookie)
            #expect(status == .seeOther, "\(body.prefix(400))")
            let meeting = try #require(try await MeetingRecord.query(on: app.db).filter(\.$mentorshipID == pair.id).first())
            #expect(meeting.core.time.description == "15:00", "the wall-clock time is stored as typed")

            let page = try await app.html("/mentorships/\(pair.id)", cookie: cookie)
            #expect(page.contains("15:00, МСК+1 (UTC+4)"))
            let my = try await app.html("/my", cookie: cookie)
            #expect(my.contains("15:00, МСК+1 (UTC+4)"))

            // The calendar link: issued from «Моё наставничество», shown as a real link with the full URL.
            let issue = try #require(RenderedForm.all(in: my).first { $0.action == "/my/calendar" })
            let (issued, location, _) = try await app.submit(issue, cookie: cookie)
            #expect(issued == .seeOther)
            #expect(location == "/my")
            let shown = try await app.html("/my", cookie: cookie)
            let href = try #require(shown.range(of: #"<a href="(https?://[^"]+/calendar/[0-9a-f]+\.ics)""#, options: .regularExpression).map { String(shown[$0]) })
            let url = String(href.dropFirst(9).dropLast())
            #expect(shown.contains("readonly"))
            #expect(shown.contains("value=\"\(url)\""))
            #expect(shown.contains("Скопировать"))
            for app in ["Яндекс Календар", "Google", "Outlook"] { #expect(shown.contains(app), "\(app)") }
            // Shown once: a reload no longer has the secret.
            #expect(!(try await app.html("/my", cookie: cookie)).contains(url))

            let path = try #require(url.range(of: "/calendar/").map { String(url[$0.lowerBound...]) })
            var feed = ""
            try await app.testing().test(.GET, path, afterResponse: { res in feed = res.body.string })
            #expect(feed.contains("DTSTART:20261202T110000Z"), "\(feed)")
            #expect(feed.contains("DTEND:20261202T114500Z"))
            #expect(feed.contains("X-WR-TIMEZONE:Europe/Samara"))
        }
    }

    @Test("A region left at Moscow time: the form says so and the feed has 12:00Z for 15:00")
    func meetingInMoscow() async throws {
        try await withApp { app, f in
            let pair = try #require(f.pair["A"])
            let token = try await app.token("mentor")
            let cookie = try await app.sessionCookie("mentor")
            #expect(try await app.html("/mentorships/\(pair.id)/meetings/new", cookie: cookie).contains("местное — Тестовая область, МСК (UTC+3)"))
            let html = try await app.html("/mentorships/\(pair.id)/meetings/new", cookie: cookie)
            var form = try #require(RenderedForm.all(in: html).first { $0.action == "/mentorships/\(pair.id)/meetings/new" })
            form.set("date", "02.12.2026")
            form.set("time", "15:00")
            form.set("agenda", "Разбор урока")
            form.chooseFirstOptions()
            #expect(try await app.submit(form, cookie: cookie).0 == .seeOther)
            let (_, b) = try await app.api(.POST, "/me/calendar", token: token)
            let path = try #require((b.json as? [String: Any])?["path"] as? String)
            var feed = ""
            try await app.testing().test(.GET, path, afterResponse: { res in feed = res.body.string })
            #expect(feed.contains("DTSTART:20261202T120000Z"), "\(feed)")
        }
    }
}
