import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

/// A real SMTP server on loopback: Python's aiosmtpd (`pip install aiosmtpd`, as `.ci/run` does) writing every message
/// it takes into a Maildir the test reads.
final class LoopbackSMTPServer: @unchecked Sendable {
    let port: Int
    let maildir: URL
    private let process = Process()

    init() throws {
        port = Int.random(in: 30_000...39_999)
        maildir = FileManager.default.temporaryDirectory.appendingPathComponent("nastavnik-mail-\(UUID().uuidString)")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", maildir.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    var settings: SMTPSettings { SMTPSettings(host: "127.0.0.1", port: port, from: "nastavnik@school.test") }

    /// Waits until the server answers (aiosmtpd takes a moment to start).
    func ready() async throws {
        for _ in 0..<100 {
            if (try? await SMTPClient.probe(settings)) != nil { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("aiosmtpd did not start on port \(port): is it installed (pip install aiosmtpd)?")
    }

    /// The messages received so far, as raw text.
    func messages() -> [String] {
        let dir = maildir.appendingPathComponent("new")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.sorted().compactMap { try? String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8) }
    }

    func stop() {
        // aiosmtpd stops on SIGINT, not on SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: maildir)
    }

    /// The value of `header`, with encoded words decoded.
    static func header(_ name: String, in message: String) -> String? {
        var lines = message.components(separatedBy: "\n").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\r")) }
        guard let start = lines.firstIndex(where: { $0.hasPrefix(name + ": ") }) else { return nil }
        var value = [String(lines[start].dropFirst(name.count + 2))]
        lines = Array(lines[(start + 1)...])
        for l in lines { if l.hasPrefix(" ") { value.append(l.trimmingCharacters(in: .whitespaces)) } else { break } }
        return value.map { word -> String in
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?=") else { return word }
            return String(decoding: Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) ?? Data(), as: UTF8.self)
        }.joined()
    }

    /// Every base64 part of the message, decoded.
    static func parts(of message: String) -> [String] {
        let blocks = message.components(separatedBy: "Content-Transfer-Encoding: base64").dropFirst()
        return blocks.map { block in
            let body = block.components(separatedBy: "\n").dropFirst(2).prefix { !$0.hasPrefix("--") && !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            let text = body.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined()
            return String(decoding: Data(base64Encoded: text) ?? Data(), as: UTF8.self)
        }
    }
}

@Suite("Reminders by e-mail: a real SMTP server, once only, choices, minors, the log", .serialized)
struct ReminderTests {
    /// The fixture's pair A with addresses in both cards and a meeting tomorrow (the tests' today is 25.11.2026).
    static func meetingTomorrow(_ app: Application, _ f: Fixture, time: String = "15:00") async throws -> Meeting {
        let pair = try #require(f.pair["A"])
        for (id, email) in [(f.teacher["A"]!.id, "uchiteleva@school-a.test"), (f.menteeProfile["A"]!.personID, "molodtsov@school-a.test")] {
            let p = try #require(try await PersonRecord.find(id, on: app.db))
            p.email = email
            try await p.save(on: app.db)
        }
        let meeting = Meeting(mentorshipID: pair.id, type: .regular, date: testToday.adding(days: 1), time: ClockTime(time)!,
                              durationMinutes: 45, place: "каб. 12", agenda: "Разбор урока")
        try await MeetingRecord(meeting).create(on: app.db)
        return meeting
    }

    static func withSMTP(_ app: Application, _ body: (LoopbackSMTPServer) async throws -> Void) async throws {
        let server = try LoopbackSMTPServer()
        defer { server.stop() }
        try await server.ready()
        var config = app.config
        config.reminders = ReminderSettings(smtp: server.settings, hour: 0, interval: 60)
        app.config = config
        try await body(server)
    }

    @Test("A meeting tomorrow: one message per participant reaches the SMTP server with the invitation, and only once across passes of two instances and a restart")
    func meetingReminderOnce() async throws {
        try await withApp { app, f in
            let meeting = try await Self.meetingTomorrow(app, f)
            try await Self.withSMTP(app) { server in
                let smtp = server.settings
                await ReminderWorker.pass(app, smtp, owner: "instance-a", now: Date())
                let first = server.messages()
                #expect(first.count == 2, "mentor and mentee: \(first.count)")
                let toMentor = try #require(first.first { $0.contains("X-RcptTo: uchiteleva@school-a.test") })
                #expect(LoopbackSMTPServer.header("Subject", in: toMentor) == "Завтра встреча: Учителева А. П. — МолодцовA И., 26.11.2026 в 15:00")
                let parts = LoopbackSMTPServer.parts(of: toMentor)
                #expect(parts.first?.contains("Завтра, 26.11.2026, в 15:00 (МСК (UTC+3)) — встреча пары «Учителева А. П. — МолодцовA И.».") == true, "\(parts)")
                let ics = try #require(parts.first { $0.hasPrefix("BEGIN:VCALENDAR") })
                #expect(ics.contains("DTSTART:20261126T120000Z"))
                #expect(ics.contains("UID:meeting-\(meeting.id.uuidString.lowercased())@nastavnik"))

                // The same pass again, another instance's, and a restarted server (a new worker, a new app on the same
                // data): the outbox holds one row per participant, each sent once.
                await ReminderWorker.pass(app, smtp, owner: "instance-b", now: Date())
                await ReminderWorker.pass(app, smtp, owner: ReminderWorker().owner, now: Date().addingTimeInterval(120))
                #expect(server.messages().count == 2)
                let rows = try await MailOutboxRecord.query(on: app.db).all()
                #expect(rows.count == 2)
                #expect(rows.allSatisfy { $0.status == OutboxStatus.sent.rawValue && $0.sentAt != nil && $0.attempts == 0 })
            }
        }
    }

    @Test("An instance that died after taking a reminder leaves it leased; another sends it when the lease runs out")
    func leaseRunsOut() async throws {
        try await withApp { app, f in
            _ = try await Self.meetingTomorrow(app, f)
            try await Self.withSMTP(app) { server in
                let now = Date()
                try await ReminderWorker.produce(app.db, config: app.config, now: now)
                let taken = try await ReminderQueries(app.db).claim(owner: "dead", now: now, lease: 300, limit: 50)
                #expect(taken.count == 2)
                #expect(try await ReminderWorker.deliver(app.db, server.settings, owner: "alive", now: now.addingTimeInterval(60), today: testToday) == 0)
                #expect(server.messages().isEmpty, "the lease still holds")
                #expect(try await ReminderWorker.deliver(app.db, server.settings, owner: "alive", now: now.addingTimeInterval(301), today: testToday) == 2)
                #expect(server.messages().count == 2)
            }
        }
    }

    @Test("No mail server answering: the reminder stays in the outbox with the error and is tried again later")
    func retries() async throws {
        try await withApp { app, f in
            _ = try await Self.meetingTomorrow(app, f)
            let closed = SMTPSettings(host: "127.0.0.1", port: 1, from: "nastavnik@school.test")
            let now = Date()
            try await ReminderWorker.produce(app.db, config: app.config, now: now)
            #expect(try await ReminderWorker.deliver(app.db, closed, owner: "a", now: now, today: testToday) == 0)
            let rows = try await MailOutboxRecord.query(on: app.db).all()
            #expect(rows.count == 2)
            #expect(rows.allSatisfy { $0.status == OutboxStatus.pending.rawValue && $0.attempts == 1 && $0.lastError != nil })
            #expect(rows.allSatisfy { $0.sendAfter >= now.timeIntervalSince1970 + 59 }, "the next try a minute later")
            #expect(try await ReminderQueries(app.db).claim(owner: "b", now: now.addingTimeInterval(30), lease: 300, limit: 50).isEmpty)
        }
    }

    @Test("The mentee chooses «не присылать» on the page's own form; a pupil gets mail only through the channel the curator chose")
    func choicesAndMinors() async throws {
        try await withApp { app, f in
            let meeting = try await Self.meetingTomorrow(app, f)
            // The pupil joins pair A (a group) for this test.
            try await ParticipantRecord(Participant(mentorshipID: meeting.mentorshipID, personID: f.student.id, role: .mentee, joinedOn: Day("2026-09-01")!)).create(on: app.db)
            let student = try #require(try await PersonRecord.find(f.student.id, on: app.db))
            student.email = "petya@mail.test"
            try await student.save(on: app.db)

            let cookie = try await app.sessionCookie("mentee")
            var form = try #require(RenderedForm.all(in: try await app.html("/account/reminders", cookie: cookie)).first { $0.action == "/account/reminders" })
            #expect(form.fields.first { $0.name == "meetingTomorrow" }?.value == ReminderDelivery.immediately.rawValue)
            form.set("meetingTomorrow", ReminderDelivery.off.rawValue)
            #expect(try await app.submit(form, cookie: cookie).0 == .seeOther)

            // The curator's channel: a wrong address is a 422 next to the field, a right one is kept.
            let curator = try await app.sessionCookie("curator")
            var channel = try #require(RenderedForm.all(in: try await app.html("/account/reminders/channel", cookie: curator)).first { $0.action == "/account/reminders/channel" })
            channel.set("email", "7а класс")
            let (bad, _, page) = try await app.submit(channel, cookie: curator)
            #expect(bad == .unprocessableEntity)
            #expect(page.contains("Адрес электронной почты указан неверно"))

            let now = Date()
            try await ReminderWorker.produce(app.db, config: app.config, now: now)
            let rows = try await MailOutboxRecord.query(on: app.db).all()
            #expect(rows.count == 2, "the mentor's and the pupil's; none for the mentee who chose none")
            let pupil = try #require(rows.first { $0.personID == f.student.id })
            #expect(pupil.status == OutboxStatus.refused.rawValue && pupil.recipient == nil)
            #expect(pupil.lastError == "несовершеннолетний: школа не выбрала канал для напоминаний обучающимся")

            // With the channel chosen, the pupil's reminder of the next meeting goes there, never to his own address.
            channel.set("email", "7a@school-a.test")
            #expect(try await app.submit(channel, cookie: curator).0 == .seeOther)
            let later = Meeting(mentorshipID: meeting.mentorshipID, type: .regular, date: testToday.adding(days: 1), time: ClockTime("17:00")!, agenda: "Вторая встреча")
            try await MeetingRecord(later).create(on: app.db)
            try await ReminderWorker.produce(app.db, config: app.config, now: now)
            let second = try await MailOutboxRecord.query(on: app.db).filter(\.$personID == f.student.id).filter(\.$status == OutboxStatus.pending.rawValue).all()
            #expect(second.map(\.recipient) == ["7a@school-a.test"])
            // Only a curator or a director of a school chooses its channel.
            #expect(try await HardeningSmallTests.get(app, "/account/reminders/channel", cookie: try await app.sessionCookie("mentor")).0 == .forbidden)
        }
    }

    @Test("The administrator's log shows who got what and why not; nobody else opens it; a wrong filter is a 422")
    func log() async throws {
        try await withApp { app, f in
            _ = try await Self.meetingTomorrow(app, f)
            let admin = try await app.sessionCookie("admin")
            let unconfigured = try await app.html("/mail", cookie: admin)
            #expect(unconfigured.contains("Почтовый сервер не настроен (переменная SMTP_URL)"))
            try await Self.withSMTP(app) { server in
                await ReminderWorker.pass(app, server.settings, owner: "a", now: Date())
                let page = try await app.html("/mail?status=sent", cookie: admin)
                #expect(page.contains("Учителева Анна Петровна") && page.contains("uchiteleva@school-a.test"))
                #expect(page.contains("Завтра встреча: Учителева А. П. — МолодцовA И., 26.11.2026 в 15:00"))
                #expect(page.contains("Почтовый сервер: 127.0.0.1:\(server.port)"))
                #expect(!(try await app.html("/mail?status=refused", cookie: admin)).contains("uchiteleva@school-a.test"))
            }
            #expect(try await HardeningSmallTests.get(app, "/mail?status=bogus", cookie: admin).0 == .unprocessableEntity)
            #expect(try await HardeningSmallTests.get(app, "/mail", cookie: try await app.sessionCookie("curator")).0 == .forbidden)
        }
    }

    @Test("SMTP_URL is read with its user, port and sender; a value that is no smtp:// URL stops the start")
    func settings() throws {
        #expect(SMTPSettings.parse("smtp://relay%40school:p%40ss@mail.school.ru:2525?from=noreply@school.ru")
            == SMTPSettings(host: "mail.school.ru", port: 2525, username: "relay@school", password: "p@ss", from: "noreply@school.ru"))
        #expect(SMTPSettings.parse("smtp://localhost") == SMTPSettings(host: "localhost", port: 25, from: SMTPSettings.defaultFrom))
        #expect(SMTPSettings.parse("http://mail.ru") == nil)
        #expect(SMTPSettings.parse("mail.school.ru:25") == nil)
        #expect(SMTPClient.dotStuffed("a\r\n.b\r\n..c") == "a\r\n..b\r\n...c")
    }
}
