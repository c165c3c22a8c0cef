import Foundation

/// The address of the person at the other end, for the sign-in throttle. Behind nginx every socket is the proxy's,
/// so one stranger's 30 failures locked everyone out (issue 22, finding 3); `X-Forwarded-For` is believed only
/// as far as the hops that added to it are our own proxies.
public struct TrustedProxies: Sendable, Equatable {
    /// An IPv4 or IPv6 network: address bytes and prefix length.
    public struct Network: Sendable, Equatable {
        public var bytes: [UInt8]
        public var prefix: Int

        /// `10.0.0.0/8`, `127.0.0.1`, `::1`, `fd00::/8`; nil for anything else.
        public init?(_ text: String) {
            let parts = text.trimmed.split(separator: "/", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let bytes = TrustedProxies.bytes(String(parts[0])) else { return nil }
            let prefix = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
            guard let prefix, (0...(bytes.count * 8)).contains(prefix) else { return nil }
            self.bytes = bytes
            self.prefix = prefix
        }

        public func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            var left = prefix
            for (a, b) in zip(address, bytes) where left > 0 {
                let bits = min(left, 8)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if a & mask != b & mask { return false }
                left -= bits
            }
            return true
        }
    }

    public var networks: [Network]

    public init(_ networks: [Network]) { self.networks = networks }

    /// A comma- or space-separated list (`TRUSTED_PROXIES`); the entries that are no address are returned apart
    /// so that the server can refuse to start on a typo instead of trusting less or more than was meant.
    public static func parse(_ text: String) -> (proxies: TrustedProxies, invalid: [String]) {
        let items = text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init).filter { !$0.isEmpty }
        return (TrustedProxies(items.compactMap(Network.init)), items.filter { Network($0) == nil })
    }

    /// Loopback only: nginx on the same machine, as docs/operations.md sets it up.
    public static let loopback = TrustedProxies(["127.0.0.0/8", "::1"].compactMap(Network.init))

    public func trusts(_ address: String) -> Bool {
        guard let b = Self.bytes(address) else { return false }
        return networks.contains { $0.contains(b) }
    }

    /// The client: starting from the socket's peer, step left through `X-Forwarded-For` (all headers, in order)
    /// while the hop we stand on is a trusted proxy; the first address not ours is the client. A value that is no
    /// address stops the walk at the last trusted hop (a forged or garbled entry never becomes the key).
    public func client(socket: String?, forwardedFor: [String]) -> String? {
        guard var current = socket else { return nil }
        var hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { Self.unbracket(String($0).trimmed) }
        while trusts(current), let next = hops.popLast() {
            guard Self.bytes(next) != nil else { break }
            current = next
        }
        return current
    }

    /// The `for=` addresses of RFC 7239 `Forwarded` headers, in order (for proxies that send it instead of
    /// `X-Forwarded-For`); an obfuscated or unknown one stays in the list and stops the walk there.
    public static func forwardedFor(rfc7239 headers: [String]) -> [String] {
        headers.flatMap { $0.split(separator: ",") }.compactMap { element in
            element.split(separator: ";").lazy.map { $0.trimmed }.first { $0.lowercased().hasPrefix("for=") }
                .map { String($0.dropFirst(4)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
    }

    /// `[::1]:443` → `::1`, `1.2.3.4:5` → `1.2.3.4` (nginx and RFC 7239 forms).
    static func unbracket(_ s: String) -> String {
        if s.hasPrefix("["), let end = s.firstIndex(of: "]") { return String(s[s.index(after: s.startIndex)..<end]) }
        if s.filter({ $0 == ":" }).count == 1, let colon = s.firstIndex(of: ":") { return String(s[..<colon]) }
        return s
    }

    /// The bytes of an IPv4 or IPv6 address, or nil.
    static func bytes(_ text: String) -> [UInt8]? {
        let t = text.trimmed
        if t.contains(":") { return ipv6(t) }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for p in parts {
            guard (1...3).contains(p.count), p.allSatisfy(\.isASCII), let v = UInt8(p) else { return nil }
            out.append(v)
        }
        return out
    }

    private static func ipv6(_ t: String) -> [UInt8]? {
        guard t.count <= 45 else { return nil }
        let halves = t.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ s: String) -> [UInt16]? {
            if s.isEmpty { return [] }
            var out: [UInt16] = []
            let items = s.split(separator: ":", omittingEmptySubsequences: false)
            for (i, g) in items.enumerated() {
                if i == items.count - 1, g.contains("."), let v4 = bytes(String(g)) {
                    out += [UInt16(v4[0]) << 8 | UInt16(v4[1]), UInt16(v4[2]) << 8 | UInt16(v4[3])]
                } else {
                    guard (1...4).contains(g.count), let v = UInt16(g, radix: 16) else { return nil }
                    out.append(v)
                }
            }
            return out
        }
        guard let head = groups(halves[0]), let tail = halves.count == 2 ? groups(halves[1]) : [] else { return nil }
        let missing = 8 - head.count - tail.count
        guard halves.count == 2 ? missing >= 1 : missing == 0 else { return nil }
        let all = head + Array(repeating: 0, count: halves.count == 2 ? missing : 0) + tail
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }
}
