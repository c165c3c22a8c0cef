import Foundation
import Testing

@testable import NastavnikCore

/// Issue 22, findings 1 and 3, in Core: arithmetic on a person's numbers and dates never traps; the client's address
/// behind a proxy; a known device's own throttle key.
@Suite("Input bounds, client addresses, known devices")
struct InputBoundsTests {
    @Test("Day arithmetic at the ends of the calendar clamps instead of trapping")
    func dayEdges() throws {
        let first = try #require(Day("0001-01-01")), last = try #require(Day("9999-12-31"))
        #expect(first == Day.first && last == Day.last)
        #expect(first.adding(days: -1) == first && last.adding(days: 1) == last)
        #expect(first.adding(days: Int.min) == first && last.adding(days: Int.max) == last)
        #expect(first.adding(years: Int.min) == first && last.adding(years: Int.max) == last)
        #expect(first.adding(months: Int.min) == first && last.adding(months: Int.max).year == 9999)
        // The school year of a day before 01.09.0001 starts on the calendar's first day; otherwise on 1 September.
        #expect(Day("0001-01-01")?.schoolYearStart == first)
        #expect(Day("2024-02-29")?.schoolYearStart == Day("2023-09-01"))
        #expect(Day("2024-09-01")?.schoolYearStart == Day("2024-09-01"))
        #expect(Day.endOfMonth(year: 2024, month: 2) == Day("2024-02-29"))
        #expect(Day.endOfMonth(year: 0, month: 2) == nil && Day.endOfMonth(year: 10_000, month: 1) == nil)
        #expect(Day(Date(timeIntervalSince1970: 1_764_000_000)).year == 2025)
    }

    @Test("The indicators and the roadmap take any day and any school year without trapping")
    func noTraps() {
        let data = MonitoringData(organisations: [Organisation(municipalityID: UUID(), kind: .school, name: "Школа", shortName: "Школа")])
        for day in [Day.first, Day.last, Day("0001-08-31")!, Day("2024-02-29")!] {
            #expect(IndicatorEvaluator(data, on: day).values().count == IndicatorCatalogue.all.count)
        }
        for year in [0, -1, 9999, Int.max / 2, Int.min / 2] {
            let events = RoadmapRules.instantiate(organisationID: UUID(), schoolYear: year)
            #expect(events.count == 35)
        }
        #expect(RoadmapRules.quarter([], year: 9999, quarter: 4)?.reportDue == Day("9999-12-10"), "the report of the calendar's last quarter is due within it")
        #expect(RoadmapRules.quarter([], year: 0, quarter: 1) == nil)
    }

    @Test("A page of a list: 1…100 000 pages of 1…200 rows, else a Russian 422 naming the parameter")
    func pages() throws {
        #expect(try PageRequest(page: nil, per: nil, defaultPer: 25) == PageRequest(page: 1, per: 25, defaultPer: 25))
        for (page, per, field) in [(0, 25, "page"), (-1, 25, "page"), (Int.max, 25, "page"), (1, 0, "per"), (1, 201, "per"), (1, Int.min, "per")] {
            #expect(throws: ValidationError.self) { try PageRequest(page: page, per: per, defaultPer: 25) }
            do { _ = try PageRequest(page: page, per: per, defaultPer: 25) } catch let v as ValidationError {
                #expect(v.issues.map(\.field) == [field])
                #expect(v.summary.contains("число от 1 до"))
            }
        }
        #expect(PageRequest.offset(page: 100_000, per: 500) == 49_999_500)
        #expect(PageRequest.offset(page: Int.max, per: Int.max) == Int.max, "saturates")
        #expect(Int.max.clampedAdding(1) == Int.max && Int.min.clampedAdding(-1) == Int.min && 2.clampedAdding(3) == 5)
        #expect(throws: ValidationError.self) { try InputRange.year("year", 0, fallback: 2026) }
        #expect(try InputRange.year("year", nil, fallback: 2026) == 2026)
        #expect(FieldIssue.unreadableDate("date", "01.01.0001")?.message.contains("вне допустимого диапазона") == true)
        #expect(FieldIssue.unreadableDate("date", "31.12.2100") == nil)
        #expect(FieldIssue.unreadableDate("date", "31.02.2024")?.message.contains("не распознана") == true)
    }

    @Test("The client behind trusted proxies: X-Forwarded-For is followed only through our own hops")
    func clientAddress() {
        let proxies = TrustedProxies.parse("127.0.0.1, 10.0.0.0/8 ::1").proxies
        #expect(TrustedProxies.parse("127.0.0.1, 10.0.0.0/8 ::1").invalid == [])
        #expect(TrustedProxies.parse("10.0.0.0/33, nginx, 1.2.3").invalid == ["10.0.0.0/33", "nginx", "1.2.3"])
        // nginx on loopback forwarded for the client.
        #expect(proxies.client(socket: "127.0.0.1", forwardedFor: ["203.0.113.7"]) == "203.0.113.7")
        // The client forged the first entry; our proxies appended the real one: the rightmost untrusted hop wins.
        #expect(proxies.client(socket: "127.0.0.1", forwardedFor: ["1.1.1.1, 203.0.113.7, 10.1.2.3"]) == "203.0.113.7")
        #expect(proxies.client(socket: "127.0.0.1", forwardedFor: ["1.1.1.1", "203.0.113.7"]) == "203.0.113.7")
        // A socket that is no proxy of ours: its header is ignored.
        #expect(proxies.client(socket: "198.51.100.1", forwardedFor: ["127.0.0.1"]) == "198.51.100.1")
        // Garbage stops the walk at the last trusted hop.
        #expect(proxies.client(socket: "127.0.0.1", forwardedFor: ["unknown"]) == "127.0.0.1")
        #expect(proxies.client(socket: nil, forwardedFor: ["203.0.113.7"]) == nil)
        // IPv6 and the RFC 7239 form.
        #expect(proxies.client(socket: "::1", forwardedFor: TrustedProxies.forwardedFor(rfc7239: ["for=\"[2001:db8::17]:4711\";proto=https"])) == "2001:db8::17")
        #expect(TrustedProxies.forwardedFor(rfc7239: ["for=192.0.2.60;proto=http;by=203.0.113.43", "for=198.51.100.17"]) == ["192.0.2.60", "198.51.100.17"])
        #expect(TrustedProxies.loopback.trusts("127.8.9.10") && TrustedProxies.loopback.trusts("::1") && !TrustedProxies.loopback.trusts("::2"))
        #expect(TrustedProxies.bytes("::ffff:10.0.0.1")?.count == 16)
        #expect(TrustedProxies.bytes("1::2::3") == nil && TrustedProxies.bytes("256.1.1.1") == nil)
    }

    @Test("A known device counts its failures under its own key, with the account's limit and no address limit")
    func knownDevice() {
        let t = LoginThrottle()
        #expect(LoginThrottle.keys(login: "Curator12", address: "10.0.0.1") == ["a:curator12", "i:10.0.0.1"])
        #expect(LoginThrottle.keys(login: "curator12", address: "10.0.0.1", device: "D1") == ["d:D1"])
        let now = Date()
        let stranger = (0..<5).map { (key: "a:curator12", at: now.addingTimeInterval(Double(-$0))) }
        #expect(t.retryAfter(login: "curator12", address: "10.0.0.9", failures: stranger, now: now) != nil, "a new browser waits")
        #expect(t.retryAfter(login: "curator12", address: "10.0.0.9", device: "D1", failures: stranger, now: now) == nil, "the owner's browser does not")
        let own = (0..<5).map { (key: "d:D1", at: now.addingTimeInterval(Double(-$0))) }
        #expect(t.retryAfter(login: "curator12", address: nil, device: "D1", failures: own, now: now) != nil)
        #expect(LoginThrottle.clearedOnSuccess(login: "x", device: "D1") == ["d:D1"])
        #expect(LoginThrottle.clearedOnSuccess(login: "X") == ["a:x"])
    }
}
