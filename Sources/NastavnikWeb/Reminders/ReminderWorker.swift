import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// What the reminders run with, read from the environment by `AppConfig`.
struct ReminderSettings: Sendable, Equatable {
    /// nil: no mail server configured — nothing is computed or sent, and the administrator's page says so.
    var smtp: SMTPSettings?
    /// Mail goes out from this hour of the recipient's day (`REMINDER_HOUR`, default 7), never at night.
    var hour = 7
    /// Seconds between passes (`REMINDER_INTERVAL`, default 60).
    var interval = 60

    static func fromEnvironment() -> (ReminderSettings, invalid: String?) {
        var settings = ReminderSettings()
        var invalid: String?
        if let raw = Environment.get("SMTP_URL").nonBlank {
            settings.smtp = SMTPSettings.parse(raw)
            if settings.smtp == nil { invalid = "SMTP_URL: ожидается smtp://[пользователь:пароль@]сервер[:порт][?from=адрес]" }
        }
        if let hour = Environment.get("REMINDER_HOUR").flatMap(Int.init), (0...23).contains(hour) { settings.hour = hour }
        if let seconds = Environment.get("REMINDER_INTERVAL").flatMap(Int.init), (1...86_400).contains(seconds) { settings.interval = seconds }
        return (settings, invalid)
    }
}

/// Computes the reminders that are due into the outbox and sends what the outbox holds, every `interval` seconds, on
/// every instance: the outbox's unique keys make a reminder computed twice one row, and leases make a row sent by one
/// instance only. A row is marked sent after the mail server took it; an instance that dies between the two leaves it
/// leased, and it is sent again when the lease runs out (at most once more, never lost).
final class ReminderWorker: LifecycleHandler, @unchecked Sendable {
    /// This process, as the owner of the leases it takes.
    let owner = "instance-" + UUID().uuidString.lowercased()
    private let lock = NSLock()
    private var task: Task<Void, Never>?

    func didBootAsync(_ app: Application) async throws {
        let settings = app.config.reminders
        guard let smtp = settings.smtp else { return }
        let owner = owner
        let running = Task {
            while !Task.isCancelled {
                await Self.pass(app, smtp, owner: owner, now: Date())
                try? await Task.sleep(for: .seconds(settings.interval))
            }
        }
        lock.withLock { task = running }
    }

    func shutdownAsync(_ app: Application) async {
        let running = lock.withLock { () -> Task<Void, Never>? in
            defer { task = nil }
            return task
        }
        running?.cancel()
        await running?.value
    }

    static func pass(_ app: Application, _ smtp: SMTPSettings, owner: String, now: Date) async {
        do {
            let made = try await produce(app.db, config: app.config, now: now)
            let sent = try await deliver(app.db, smtp, owner: owner, now: now, today: app.today)
            if made > 0 || sent > 0 { app.logger.notice("Напоминания: новых \(made), отправлено писем \(sent)") }
        } catch {
            if !Task.isCancelled { app.logger.warning("Напоминания: проход не удался: \(error)") }
        }
    }

    /// The day in `zone` at `now`, or the configured fixed day (demos and tests).
    static func localDay(_ config: AppConfig, _ zone: String, _ now: Date) -> Day {
        config.fixedToday ?? Day(now, timeZone: TimeZone(identifier: zone))
    }

    /// `hour` o'clock of `day` in `zone`.
    static func moment(_ day: Day, hour: Int, zone: String) -> Date {
        let minutes = hour * 60
        let offset = LocalTime.offsetMinutes(zone, day: day, minutes: minutes)
        let epochDay = Day(year: 1970, month: 1, day: 1)?.ordinal ?? 719_162
        return Date(timeIntervalSince1970: Double(day.ordinal - epochDay) * 86_400 + Double(minutes - offset) * 60)
    }

    /// Writes the reminders due at `now` into the outbox; returns how many were new.
    @discardableResult
    static func produce(_ db: any Database, config: AppConfig, now: Date) async throws -> Int {
        let queries = ReminderQueries(db)
        let today = localDay(config, LocalTime.moscow, now)
        let meetings = try await queries.upcomingMeetings(from: today.adding(days: -1), to: today.adding(days: 2))
        let reminders = MeetingReminders.due(meetings, localToday: { localDay(config, $0, now) })
        guard !reminders.isEmpty else { return 0 }
        var pairOrganisation: [UUID: UUID] = [:]
        for m in meetings { for p in m.participants { pairOrganisation[p] = m.organisationID } }
        let recipients = try await queries.recipients(reminders.map(\.personID), pairOrganisation: pairOrganisation, today: today)
        let entries = reminders.compactMap { r -> OutboxEntry? in
            guard let who = recipients[r.personID] else { return nil }
            let day = localDay(config, who.timeZone, now)
            return OutboxEntry.addressed(
                r, address: .resolve(email: who.email, isMinor: who.isMinor, schoolChannel: who.schoolChannel),
                preferences: who.preferences, now: now, sendFrom: moment(day, hour: config.reminders.hour, zone: who.timeZone))
        }
        return try await queries.enqueue(entries)
    }

    /// Sends what is due: one message per «сразу» reminder, one digest per address for the rest. Returns the messages sent.
    @discardableResult
    static func deliver(_ db: any Database, _ smtp: SMTPSettings, owner: String, now: Date, today: Day) async throws -> Int {
        let queries = ReminderQueries(db)
        let claimed = try await queries.claim(owner: owner, now: now, lease: 300, limit: 50)
        let byID = Dictionary(uniqueKeysWithValues: claimed.map { ($0.id, $0) })
        let items = claimed.compactMap { e in
            e.recipient.map {
                MailComposer.Item(id: e.id, address: $0, delivery: e.delivery, subject: e.reminder.subject, text: e.reminder.text,
                                  attachment: e.reminder.attachment)
            }
        }
        var sent = 0
        for letter in MailComposer.letters(items, day: today) {
            let message = MailMessage(from: smtp.from, to: letter.to, subject: letter.subject, text: letter.text,
                                      attachments: letter.attachments, messageID: "\(UUID().uuidString.lowercased())@nastavnik")
            do {
                try await SMTPClient.send(message, smtp)
                try await queries.markSent(letter.items, owner: owner, at: Date())
                sent += 1
            } catch {
                let entries = letter.items.compactMap { byID[$0] }
                try await queries.markFailed(entries, owner: owner, at: Date(), error: "\(error)",
                                             permanent: (error as? SMTPError)?.permanent ?? false)
            }
        }
        return sent
    }
}
