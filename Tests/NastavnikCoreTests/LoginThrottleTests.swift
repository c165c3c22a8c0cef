import Foundation
import Testing

@testable import NastavnikCore

/// The rules over failures as the web layer stores them (`login_failures`: a key and a time per failure, shared by
/// every instance): here kept in an array the same way.
@Suite("Login throttle: per account and per address")
struct LoginThrottleTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// The store: a failed attempt adds a row per key; a good password deletes the rows of the keys it clears.
    struct Store {
        var rows: [(key: String, at: Date)] = []
        mutating func failed(_ login: String, _ address: String?, at: Date) {
            rows += LoginThrottle.keys(login: login, address: address).map { ($0, at) }
        }
        mutating func succeeded(_ login: String) {
            let cleared = LoginThrottle.clearedOnSuccess(login: login)
            rows.removeAll { cleared.contains($0.key) }
        }
    }

    @Test("Five failures of one account lock it for the rest of the 15-minute window; then it opens again")
    func perAccount() {
        let t = LoginThrottle()
        var store = Store()
        for i in 0..<5 {
            #expect(t.retryAfter(login: "Curator", address: "10.0.0.1", failures: store.rows, now: t0.addingTimeInterval(Double(i))) == nil)
            store.failed("curator", "10.0.0.1", at: t0.addingTimeInterval(Double(i)))
        }
        // Case does not matter, and another address does not help: the account itself is locked.
        let wait = t.retryAfter(login: "CURATOR", address: "10.9.9.9", failures: store.rows, now: t0.addingTimeInterval(60))
        #expect(abs((wait ?? 0) - (15 * 60 - 60)) < 0.001)
        #expect(t.retryAfter(login: "director", address: "10.0.0.1", failures: store.rows, now: t0.addingTimeInterval(60)) == nil)
        #expect(t.retryAfter(login: "curator", address: nil, failures: store.rows, now: t0.addingTimeInterval(15 * 60)) == nil, "the first failure has left the window")
        #expect(LoginThrottle.message(retryAfter: 14 * 60 + 1) == "Слишком много неудачных попыток входа. Повторите через 15 мин. или обратитесь к администратору.")
    }

    @Test("A good password clears the account's failures but not the address's")
    func success() {
        let t = LoginThrottle(perAccount: .init(failures: 3, window: 600), perAddress: .init(failures: 4, window: 600))
        var store = Store()
        for _ in 0..<2 { store.failed("mentor", "10.0.0.2", at: t0) }
        store.succeeded("mentor")
        store.failed("mentor", "10.0.0.2", at: t0)
        #expect(t.retryAfter(login: "mentor", address: nil, failures: store.rows, now: t0) == nil, "one failure after the success")
        store.failed("other", "10.0.0.2", at: t0)
        // The address has four failures now, over two logins.
        #expect(abs((t.retryAfter(login: "third", address: "10.0.0.2", failures: store.rows, now: t0.addingTimeInterval(10)) ?? 0) - 590) < 0.001)
        #expect(t.retryAfter(login: "third", address: "10.0.0.3", failures: store.rows, now: t0.addingTimeInterval(10)) == nil)
    }

    @Test("The wait runs from the oldest failure still in the window, in whichever order the rows come")
    func oldestInWindow() {
        let t = LoginThrottle(perAccount: .init(failures: 2, window: 600), perAddress: .init(failures: 100, window: 600))
        let key = LoginThrottle.accountKey("a")
        let rows = [(key, t0.addingTimeInterval(300)), (key, t0.addingTimeInterval(-10)), (key, t0.addingTimeInterval(100))]
        // At t0+650 the failure at −10 is out of the window: the two left lock until 100 + 600, 50 s on.
        #expect(abs((t.retryAfter(login: "a", address: nil, failures: rows, now: t0.addingTimeInterval(650)) ?? 0) - 50) < 0.001)
        // At t0+750 only the one at 300 is left: open.
        #expect(t.retryAfter(login: "a", address: nil, failures: rows, now: t0.addingTimeInterval(750)) == nil)
        #expect(t.longestWindow == 600)
    }
}
