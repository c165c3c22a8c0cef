import Foundation

/// Failed sign-ins counted per account and per address over a sliding window. After too many failures
/// the key is refused until the oldest failure leaves the window; a successful sign-in clears the account's count
/// (never the address's: one good password must not reset a guesser working through many logins).
///
/// A browser the account has signed in from before (a known device, `device`) counts its failures under its own key
/// instead, with the account's limit and no address limit: a stranger's five wrong guesses lock strangers out of the
/// account, not its owner at the usual computer — nor a whole school behind one address (issue 22, finding 3).
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

    public init(perAccount: Limit = .init(failures: 5, window: 15 * 60), perAddress: Limit = .init(failures: 30, window: 15 * 60)) {
        self.perAccount = perAccount
        self.perAddress = perAddress
    }

    /// The keys failures count against. A login is cut to 200 characters: nobody's is longer, and a key is stored.
    public static func accountKey(_ login: String) -> String { "a:" + String(login.lowercased().prefix(200)) }
    public static func addressKey(_ address: String) -> String { "i:" + address }
    public static func deviceKey(_ device: String) -> String { "d:" + device }

    /// The keys one attempt counts against, with their limits: a known device's own, else the account's and the address's.
    public func limits(login: String, address: String?, device: String? = nil) -> [(key: String, limit: Limit)] {
        if let device { return [(Self.deviceKey(device), perAccount)] }
        return [(Self.accountKey(login), perAccount)] + (address.map { [(Self.addressKey($0), perAddress)] } ?? [])
    }

    /// The keys one attempt counts against: a failed attempt is recorded under each.
    public static func keys(login: String, address: String?, device: String? = nil) -> [String] {
        LoginThrottle().limits(login: login, address: address, device: device).map(\.key)
    }

    /// The keys whose failures a successful sign-in clears: the account's (or the device's), never the address's.
    public static func clearedOnSuccess(login: String, device: String? = nil) -> [String] {
        [device.map(deviceKey) ?? accountKey(login)]
    }

    /// How far back failures matter: older ones may be deleted.
    public var longestWindow: TimeInterval { max(perAccount.window, perAddress.window) }

    /// Seconds until another attempt is allowed, or nil when it is allowed now, given the failures recorded (by any
    /// instance) under the attempt's keys.
    public func retryAfter(login: String, address: String?, device: String? = nil, failures: [(key: String, at: Date)], now: Date) -> TimeInterval? {
        limits(login: login, address: address, device: device).compactMap { key, limit in
            let recent = failures.filter { $0.key == key && now.timeIntervalSince($0.at) < limit.window }.map(\.at)
            guard recent.count >= limit.failures, let oldest = recent.min() else { return nil }
            return limit.window - now.timeIntervalSince(oldest)
        }.max()
    }

    /// «Повторите через 14 мин.»
    public static func message(retryAfter seconds: TimeInterval) -> String {
        let minutes = max(Int((seconds / 60).rounded(.up)), 1)
        return "Слишком много неудачных попыток входа. Повторите через \(minutes) мин. или обратитесь к администратору."
    }
}
