import Foundation
import NastavnikCore
import NIOCore
import NIOPosix

/// Where mail goes: `SMTP_URL=smtp://[user:password@]host[:port][?from=address]`. Plain SMTP with optional AUTH PLAIN:
/// meant for the mail relay of the server's own network (Postfix on the host, which speaks TLS to the world).
struct SMTPSettings: Sendable, Equatable {
    var host: String
    var port: Int
    var username: String?
    var password: String?
    var from: String

    static let defaultFrom = "nastavnik@localhost"

    /// nil for a value that is no `smtp://` URL with a host.
    static func parse(_ text: String) -> SMTPSettings? {
        guard let url = URLComponents(string: text.trimmingCharacters(in: .whitespaces)), url.scheme == "smtp",
            let host = url.host, !host.isEmpty
        else { return nil }
        let port = url.port ?? 25
        guard (1...65_535).contains(port) else { return nil }
        let from = url.queryItems?.first { $0.name == "from" }?.value.nonBlank ?? defaultFrom
        return SMTPSettings(host: host, port: port, username: url.user?.removingPercentEncoding.nonBlank,
                            password: url.password?.removingPercentEncoding, from: from)
    }
}

struct SMTPError: Error, CustomStringConvertible {
    var code: Int
    var text: String
    /// 5xx: the server refuses for good (an unknown mailbox); 4xx and connection trouble are worth another try.
    var permanent: Bool { (500..<600).contains(code) }
    var description: String { code == 0 ? text : "\(code) \(text)" }
}

/// A minimal SMTP client (RFC 5321): one connection per message, EHLO, AUTH PLAIN when a user is set, MAIL, RCPT,
/// DATA with dot-stuffing, QUIT.
enum SMTPClient {
    static func send(_ message: MailMessage, _ settings: SMTPSettings, timeout: Duration = .seconds(30)) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await conversation(message, settings) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw SMTPError(code: 0, text: "почтовый сервер не ответил за \(timeout.components.seconds) с")
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// Connects, reads the greeting and says goodbye: whether the server answers.
    static func probe(_ settings: SMTPSettings) async throws {
        try await session(settings) { c in
            try await c.expect([220])
            try? await c.say("QUIT", [221])
        }
    }

    private static func conversation(_ message: MailMessage, _ settings: SMTPSettings) async throws {
        try await session(settings) { c in
            try await c.expect([220])
            try await c.say("EHLO nastavnik", [250])
            if let user = settings.username {
                let token = Data("\0\(user)\0\(settings.password ?? "")".utf8).base64EncodedString()
                try await c.say("AUTH PLAIN \(token)", [235])
            }
            try await c.say("MAIL FROM:<\(settings.from)>", [250])
            try await c.say("RCPT TO:<\(message.to)>", [250, 251])
            try await c.say("DATA", [354])
            try await c.say(dotStuffed(message.rendered(date: Date())) + ".", [250])
            try? await c.say("QUIT", [221])
        }
    }

    /// One connection, for `body` to say lines and read the replies.
    private static func session(_ settings: SMTPSettings, _ body: (inout Conversation) async throws -> Void) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var conversation = Conversation(iterator: inbound.makeAsyncIterator(), outbound: outbound)
            try await body(&conversation)
        }
    }

    /// A line of the message that starts with «.» gets another one (RFC 5321 §4.5.2).
    static func dotStuffed(_ text: String) -> String {
        text.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
    }

    /// Lines said and the server's replies, read line by line: a reply ends with the line whose code is followed by a space.
    struct Conversation {
        var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        var outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
        var pending = ""

        mutating func say(_ line: String, _ codes: Set<Int>) async throws {
            try await outbound.write(ByteBuffer(string: line + "\r\n"))
            try await expect(codes)
        }

        mutating func line() async throws -> String {
            while true {
                if let end = pending.range(of: "\r\n") {
                    let line = String(pending[..<end.lowerBound])
                    pending.removeSubrange(..<end.upperBound)
                    return line
                }
                guard var chunk = try await iterator.next() else {
                    throw SMTPError(code: 0, text: "почтовый сервер закрыл соединение")
                }
                pending += chunk.readString(length: chunk.readableBytes) ?? ""
            }
        }

        mutating func expect(_ codes: Set<Int>) async throws {
            var text: [String] = []
            while true {
                let line = try await line()
                let code = Int(line.prefix(3)) ?? 0
                text.append(String(line.dropFirst(4)))
                guard line.count > 3, line[line.index(line.startIndex, offsetBy: 3)] == "-" else {
                    if !codes.contains(code) { throw SMTPError(code: code, text: text.joined(separator: " ")) }
                    return
                }
            }
        }
    }
}
