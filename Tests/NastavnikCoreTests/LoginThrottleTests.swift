import Foundation
import Testing

@testable import NastavnikCore

@Suite("Login throttle: per account and per address")
struct LoginThrottleTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("Five failures of one account lock it for the rest of the 15-minute window; then it opens again")
    func perAccount() {
        var t = LoginThrottle()
        for i in 0..<5 {
            #expect(t.retryAfter(login: "Curator", address: "10.0.0.1", now: t0.addingTimeInterval(Double(i))) == nil)
            t.recordFailure(login: "curator", address: "10.0.0.1", now: t0.addingTimeInterval(Double(i)))
        }
        // Case does not matter, and another address does not help: the account itself is locked.
        let wait = t.retryAfter(login: "CURATOR", address: "10.9.9.9", now: t0.addingTimeInterval(60))
        #expect(abs((wait ?? 0) - (15 * 60 - 60)) < 0.001)
        #expect(t.retryAfter(login: "director", address: "10.0.0.1", now: t0.addingTimeInterval(60)) == nil)
        #expect(t.retryAfter(login: "curator", address: nil, now: t0.addingTimeInterval(15 * 60)) == nil, "the first failure has left the window")
        #expect(LoginThrottle.message(retryAfter: 14 * 60 + 1) == "Слишком много неудачных попыток входа. Повторите через 15 мин. или обратитесь к администратору.")
    }

    @Test("A good password clears the account's failures but not the address's")
    func success() {
        var t = LoginThrottle(perAccount: .init(failures: 3, window: 600), perAddress: .init(failures: 4, window: 600))
        for _ in 0..<2 { t.recordFailure(login: "mentor", address: "10.0.0.2", now: t0) }
        t.recordSuccess(login: "mentor")
        t.recordFailure(login: "mentor", address: "10.0.0.2", now: t0)
        #expect(t.retryAfter(login: "mentor", address: nil, now: t0) == nil, "one failure after the success")
        t.recordFailure(login: "other", address: "10.0.0.2", now: t0)
        // The address has four failures now, over two logins.
        #expect(abs((t.retryAfter(login: "third", address: "10.0.0.2", now: t0.addingTimeInterval(10)) ?? 0) - 590) < 0.001)
        #expect(t.retryAfter(login: "third", address: "10.0.0.3", now: t0.addingTimeInterval(10)) == nil)
    }

    @Test("Pruning forgets keys whose failures left the window")
    func prune() {
        var t = LoginThrottle()
        t.recordFailure(login: "a", address: "10.0.0.4", now: t0)
        #expect(t.trackedKeys == 2)
        t.prune(now: t0.addingTimeInterval(14 * 60))
        #expect(t.trackedKeys == 2)
        t.prune(now: t0.addingTimeInterval(16 * 60))
        #expect(t.trackedKeys == 0)
    }
}
