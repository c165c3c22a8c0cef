import Foundation

/// What the system reminds people of by e-mail (issue 26).
public enum ReminderKind: String, Labelled {
    case meetingTomorrow

    public var label: String {
        switch self {
        case .meetingTomorrow: "Встреча с наставником (наставляемым) завтра"
        }
    }

    /// When a reminder of this kind is made.
    public var when: String {
        switch self {
        case .meetingTomorrow: "накануне запланированной встречи пары, с приглашением для календаря"
        }
    }
}

/// How a person takes one kind of reminder.
public enum ReminderDelivery: String, Labelled {
    case immediately, digest, off

    public var label: String {
        switch self {
        case .immediately: "сразу отдельным письмом"
        case .digest: "в ежедневной сводке"
        case .off: "не присылать"
        }
    }
}

/// A person's choices; a kind not chosen takes its default.
public struct ReminderPreferences: Sendable, Equatable {
    public var choices: [ReminderKind: ReminderDelivery]

    public init(_ choices: [ReminderKind: ReminderDelivery] = [:]) { self.choices = choices }

    public static func defaultDelivery(_ kind: ReminderKind) -> ReminderDelivery {
        switch kind {
        case .meetingTomorrow: .immediately
        }
    }

    public subscript(_ kind: ReminderKind) -> ReminderDelivery { choices[kind] ?? Self.defaultDelivery(kind) }
}

/// One reminder for one person, before it is addressed. `key` names it for ever: the outbox keeps one row per key,
/// so a reminder computed again (the next pass, a restart, a second instance) is never sent twice.
public struct Reminder: Sendable, Equatable {
    public var key: String
    public var kind: ReminderKind
    public var personID: UUID
    public var subject: String
    public var text: String
    public var attachment: MailAttachment?

    public init(key: String, kind: ReminderKind, personID: UUID, subject: String, text: String, attachment: MailAttachment? = nil) {
        self.key = key
        self.kind = kind
        self.personID = personID
        self.subject = subject
        self.text = text
        self.attachment = attachment
    }
}

/// Where a person's reminder goes, or why nowhere.
public enum ReminderAddress: Sendable, Equatable {
    case to(String)
    case refused(String)

    /// An adult gets mail at their own address. A minor gets none at theirs: only through the channel the school's
    /// curator chose (a school mailbox, a class teacher's), and nothing where the school chose none.
    public static func resolve(email: String?, isMinor: Bool, schoolChannel: String?) -> ReminderAddress {
        if isMinor {
            guard let channel = schoolChannel?.trimmingCharacters(in: .whitespaces), !channel.isEmpty else {
                return .refused("несовершеннолетний: школа не выбрала канал для напоминаний обучающимся")
            }
            return .to(channel)
        }
        guard let email = email?.trimmingCharacters(in: .whitespaces), !email.isEmpty else {
            return .refused("в карточке человека нет адреса электронной почты")
        }
        return .to(email)
    }
}

/// A planned meeting as the reminder rule sees it.
public struct UpcomingMeeting: Sendable, Equatable {
    public var meeting: Meeting
    /// The pair's organisation: the school whose channel carries its pupils' reminders.
    public var organisationID: UUID
    /// The zone of the region of the pair's organisation: the meeting's wall-clock time is in it.
    public var timeZone: String
    /// «Петрова А. И. — Сидоров К. П.».
    public var pairTitle: String
    /// The pair's current participants (mentors and mentees).
    public var participants: [UUID]

    public init(meeting: Meeting, organisationID: UUID, timeZone: String, pairTitle: String, participants: [UUID]) {
        self.meeting = meeting
        self.organisationID = organisationID
        self.timeZone = timeZone
        self.pairTitle = pairTitle
        self.participants = participants
    }
}

/// «Встреча завтра»: on the day before a planned meeting, in the meeting's own time zone, each participant gets one
/// reminder with the meeting as a calendar invitation. A meeting moved to another day is a new reminder.
public enum MeetingReminders {
    public static func due(_ meetings: [UpcomingMeeting], localToday: (String) -> Day) -> [Reminder] {
        meetings.flatMap { m -> [Reminder] in
            let meeting = m.meeting
            guard meeting.status == .planned, localToday(m.timeZone).adding(days: 1) == meeting.date else { return [] }
            let zone = LocalTime.label(m.timeZone, on: meeting.date)
            var lines = [
                "Завтра, \(meeting.date.russian), в \(meeting.time) (\(zone)) — встреча пары «\(m.pairTitle)».",
                "Формат: \(meeting.format.label)" + (meeting.place.map { ", \($0)" } ?? "") + ".",
            ]
            if !meeting.agenda.isEmpty { lines.append("Повестка: \(meeting.agenda)") }
            lines.append("Приглашение для календаря — во вложении (встреча.ics).")
            let event = CalendarEvent(
                uid: "meeting-\(meeting.id.uuidString.lowercased())@nastavnik", day: meeting.date, time: meeting.time,
                durationMinutes: meeting.durationMinutes, summary: "Встреча пары «\(m.pairTitle)»",
                description: meeting.agenda.isEmpty ? nil : meeting.agenda, location: meeting.place, timeZone: m.timeZone)
            let stamp = ICalendar.utc(localToday(m.timeZone), minutes: 0)
            let ics = ICalendar.feed(name: "Наставник", events: [event], stamp: stamp, timeZone: m.timeZone)
            return m.participants.map { person in
                Reminder(
                    key: "meeting:\(meeting.id.uuidString.lowercased()):\(meeting.date.iso):\(person.uuidString.lowercased())",
                    kind: .meetingTomorrow, personID: person,
                    subject: "Завтра встреча: \(m.pairTitle), \(meeting.date.russian) в \(meeting.time)",
                    text: lines.joined(separator: "\n"),
                    attachment: MailAttachment(name: "встреча.ics", contentType: "text/calendar; charset=utf-8; method=PUBLISH", data: Data(ics.utf8)))
            }
        }
    }
}

/// Where a reminder is on its way.
public enum OutboxStatus: String, Labelled {
    case pending, sent, refused, failed

    public var label: String {
        switch self {
        case .pending: "ждёт отправки"
        case .sent: "отправлено"
        case .refused: "не отправляется"
        case .failed: "не доставлено"
        }
    }
}

/// One reminder in the outbox: addressed (or refused, with the reason in `lastError`), then sent once.
public struct OutboxEntry: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var reminder: Reminder
    public var recipient: String?
    public var delivery: ReminderDelivery
    public var status: OutboxStatus
    public var attempts: Int
    public var createdAt: Date
    public var sendAfter: Date
    public var sentAt: Date?
    public var lastError: String?

    public init(id: UUID = UUID(), reminder: Reminder, recipient: String?, delivery: ReminderDelivery, status: OutboxStatus,
                attempts: Int = 0, createdAt: Date, sendAfter: Date, sentAt: Date? = nil, lastError: String? = nil) {
        self.id = id
        self.reminder = reminder
        self.recipient = recipient
        self.delivery = delivery
        self.status = status
        self.attempts = attempts
        self.createdAt = createdAt
        self.sendAfter = sendAfter
        self.sentAt = sentAt
        self.lastError = lastError
    }

    /// The outbox row for `reminder`, addressed by the person's card, age and choices: `nil` when they chose
    /// «не присылать». Mail goes out from `hour` o'clock of the recipient's day, never at night.
    public static func addressed(_ reminder: Reminder, address: ReminderAddress, preferences: ReminderPreferences,
                                 now: Date, sendFrom: Date) -> OutboxEntry? {
        let delivery = preferences[reminder.kind]
        guard delivery != .off else { return nil }
        switch address {
        case .to(let email):
            return OutboxEntry(reminder: reminder, recipient: email, delivery: delivery, status: .pending, createdAt: now,
                               sendAfter: max(now, sendFrom))
        case .refused(let why):
            return OutboxEntry(reminder: reminder, recipient: nil, delivery: delivery, status: .refused, createdAt: now,
                               sendAfter: now, lastError: why)
        }
    }

    /// After a failed attempt: again in 1, 5, 30 minutes, 2 hours; then given up.
    public static let retryDelays: [TimeInterval] = [60, 300, 1800, 7200]
}
