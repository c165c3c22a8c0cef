import Foundation

/// Failed sign-ins counted per account and per address over a sliding window. After too many failures
/// the key is refused until the oldest failure leaves the window; a successful sign-in clears the account's count
/// (never the address's: one good password must not reset a guesser working through many logins).
public struct LoginThrottle: Sendable {
    public struct Limit: Sendable, Equatable {
        public var failures: Int
        public var window: TimeInterval
        public init(failures: Int, window: TimeInterval) {
            self.failures = failures
            self.window = window
        }
    }

    public var perAccount: Limit
    public var perAddress: Limit
    private var failures: [String: [Date]] = [:]

    public init(perAccount: Limit = .init(failures: 5, window: 15 * 60), perAddress: Limit = .init(failures: 30, window: 15 * 60)) {
        self.perAccount = perAccount
        self.perAddress = perAddress
    }

    /// The keys failures count against. A login is cut to 200 characters: nobody's is longer, and a key is stored.
    public static func accountKey(_ login: String) -> String { "a:" + String(login.lowercased().prefix(200)) }
    public static func addressKey(_ address: String) -> String { "i:" + address }

    /// The keys one attempt counts against.
    public static func keys(login: String, address: String?) -> [String] {
        [accountKey(login)] + (address.map { [addressKey($0)] } ?? [])
    }

    /// How far back failures matter.
    public var longestWindow: TimeInterval { max(perAccount.window, perAddress.window) }

    /// Failures recorded elsewhere (the database, by any instance), oldest first.
    public mutating func restore(_ stored: [(key: String, at: Date)]) {
        for (key, at) in stored { failures[key, default: []].append(at) }
    }

    /// Seconds until another attempt is allowed, or nil when it is allowed now.
    public mutating func retryAfter(login: String, address: String?, now: Date) -> TimeInterval? {
        let keys = [(Self.accountKey(login), perAccount)] + (address.map { [(Self.addressKey($0), perAddress)] } ?? [])
        return keys.compactMap { key, limit in wait(key, limit, now) }.max()
    }

    public mutating func recordFailure(login: String, address: String?, now: Date) {
        for (key, limit) in [(Self.accountKey(login), perAccount)] + (address.map { [(Self.addressKey($0), perAddress)] } ?? []) {
            var list = failures[key, default: []].filter { now.timeIntervalSince($0) < limit.window }
            list.append(now)
            failures[key] = list
        }
    }

    public mutating func recordSuccess(login: String) { failures[Self.accountKey(login)] = nil }

    /// Drops keys with no failure left in their window, so memory follows the attack, not history.
    public mutating func prune(now: Date) {
        failures = failures.filter { _, list in list.contains { now.timeIntervalSince($0) < longestWindow } }
    }

    public var trackedKeys: Int { failures.count }

    private mutating func wait(_ key: String, _ limit: Limit, _ now: Date) -> TimeInterval? {
        let recent = failures[key, default: []].filter { now.timeIntervalSince($0) < limit.window }
        failures[key] = recent.isEmpty ? nil : recent
        guard recent.count >= limit.failures, let oldest = recent.first else { return nil }
        return limit.window - now.timeIntervalSince(oldest)
    }

    /// «Повторите через 14 мин.»
    public static func message(retryAfter seconds: TimeInterval) -> String {
        let minutes = max(Int((seconds / 60).rounded(.up)), 1)
        return "Слишком много неудачных попыток входа. Повторите через \(minutes) мин. или обратитесь к администратору."
    }
}
