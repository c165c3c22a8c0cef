import Foundation
import Testing

@testable import NastavnikCore

/// Issue 26: who is reminded of what, when, where to, and what the message looks like.
@Suite("Reminders: the meeting rule, addresses, choices and the message")
struct ReminderRulesTests {
    static let mentor = UUID(), mentee = UUID(), organisation = UUID()

    static func upcoming(on day: String, at time: String = "15:00", status: MeetingStatus = .planned, zone: String = "Europe/Samara") -> UpcomingMeeting {
        let meeting = Meeting(mentorshipID: UUID(), type: .regular, date: Day(day)!, time: ClockTime(time)!, durationMinutes: 45,
                              place: "каб. 12", agenda: "Разбор урока; план на четверть", status: status)
        return UpcomingMeeting(meeting: meeting, organisationID: organisation, timeZone: zone, pairTitle: "Петрова А. И. — Сидоров К. П.",
                               participants: [mentor, mentee])
    }

    @Test("A planned meeting is reminded on the day before in its own zone, once per participant, with an invitation")
    func dayBefore() throws {
        let m = Self.upcoming(on: "2026-11-26")
        // In Izhevsk it is already the 25th when Moscow's clock still shows the 24th: the local day decides.
        let due = MeetingReminders.due([m], localToday: { $0 == "Europe/Samara" ? Day("2026-11-25")! : Day("2026-11-24")! })
        #expect(due.map(\.personID) == [Self.mentor, Self.mentee])
        #expect(Set(due.map(\.key)).count == 2)
        let r = try #require(due.first)
        #expect(r.subject == "Завтра встреча: Петрова А. И. — Сидоров К. П., 26.11.2026 в 15:00")
        #expect(r.text.contains("Завтра, 26.11.2026, в 15:00 (МСК+1 (UTC+4))"))
        #expect(r.text.contains("Повестка: Разбор урока; план на четверть"))
        let ics = String(decoding: try #require(r.attachment).data, as: UTF8.self)
        // 15:00 in Izhevsk (UTC+4) is 11:00Z; the agenda's «;» escaped.
        #expect(ics.contains("DTSTART:20261126T110000Z"))
        #expect(ics.contains("DTEND:20261126T114500Z"))
        #expect(ics.contains("DESCRIPTION:Разбор урока\\; план на четверть"))

        #expect(MeetingReminders.due([m], localToday: { _ in Day("2026-11-24")! }).isEmpty, "two days before: nothing yet")
        #expect(MeetingReminders.due([m], localToday: { _ in Day("2026-11-26")! }).isEmpty, "the day itself: too late for «завтра»")
        #expect(MeetingReminders.due([Self.upcoming(on: "2026-11-26", status: .cancelled)], localToday: { _ in Day("2026-11-25")! }).isEmpty)
    }

    @Test("A meeting moved to another day is a new reminder; the same meeting computed again is the same key")
    func keys() {
        let m = Self.upcoming(on: "2026-11-26")
        var moved = m
        moved.meeting.date = Day("2026-11-27")!
        let first = MeetingReminders.due([m], localToday: { _ in Day("2026-11-25")! })
        let again = MeetingReminders.due([m], localToday: { _ in Day("2026-11-25")! })
        let later = MeetingReminders.due([moved], localToday: { _ in Day("2026-11-26")! })
        #expect(first.map(\.key) == again.map(\.key))
        #expect(Set(first.map(\.key)).isDisjoint(with: later.map(\.key)))
    }

    @Test("A minor gets mail only through the school's channel; an adult without an address gets none, and says why")
    func addresses() {
        #expect(ReminderAddress.resolve(email: "anna@school.ru", isMinor: false, schoolChannel: nil) == .to("anna@school.ru"))
        #expect(ReminderAddress.resolve(email: "petya@mail.ru", isMinor: true, schoolChannel: nil)
            == .refused("несовершеннолетний: школа не выбрала канал для напоминаний обучающимся"))
        #expect(ReminderAddress.resolve(email: "petya@mail.ru", isMinor: true, schoolChannel: "7a@school12.ru") == .to("7a@school12.ru"))
        #expect(ReminderAddress.resolve(email: "  ", isMinor: false, schoolChannel: "7a@school12.ru")
            == .refused("в карточке человека нет адреса электронной почты"))
    }

    @Test("«Не присылать» makes no row; the others wait for the morning hour and are never due before it")
    func choices() throws {
        let r = MeetingReminders.due([Self.upcoming(on: "2026-11-26")], localToday: { _ in Day("2026-11-25")! })[0]
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let morning = now.addingTimeInterval(3600)
        #expect(OutboxEntry.addressed(r, address: .to("a@b.ru"), preferences: ReminderPreferences([.meetingTomorrow: .off]), now: now, sendFrom: morning) == nil)
        let e = try #require(OutboxEntry.addressed(r, address: .to("a@b.ru"), preferences: ReminderPreferences(), now: now, sendFrom: morning))
        #expect(e.delivery == .immediately && e.status == .pending && e.sendAfter == morning)
        let late = try #require(OutboxEntry.addressed(r, address: .to("a@b.ru"), preferences: ReminderPreferences(), now: morning, sendFrom: now))
        #expect(late.sendAfter == morning, "after the hour: at once")
        let refused = try #require(OutboxEntry.addressed(r, address: .refused("нет адреса"), preferences: ReminderPreferences(), now: now, sendFrom: morning))
        #expect(refused.status == .refused && refused.recipient == nil && refused.lastError == "нет адреса")
    }

    @Test("«Сразу» is a message each; «в сводке» is one message per address with every item and attachment")
    func letters() {
        func item(_ address: String, _ delivery: ReminderDelivery, _ subject: String) -> MailComposer.Item {
            MailComposer.Item(id: UUID(), address: address, delivery: delivery, subject: subject, text: "текст \(subject)",
                              attachment: MailAttachment(name: "\(subject).ics", contentType: "text/calendar", data: Data()))
        }
        let items = [item("a@x.ru", .immediately, "1"), item("a@x.ru", .digest, "2"), item("b@x.ru", .digest, "3"), item("a@x.ru", .digest, "4")]
        let letters = MailComposer.letters(items, day: Day("2026-11-25")!)
        #expect(letters.count == 3)
        #expect(letters[0].items == [items[0].id] && letters[0].subject == "1")
        let digest = letters[1]
        #expect(digest.to == "a@x.ru" && digest.items == [items[1].id, items[3].id])
        #expect(digest.subject == "Наставник: сводка на 25.11.2026 (2)")
        #expect(digest.text.hasPrefix("• 2\nтекст 2\n\n• 4\nтекст 4"))
        #expect(digest.attachments.map(\.name) == ["2.ics", "4.ics"])
        #expect(letters.allSatisfy { $0.text.hasSuffix(MailComposer.footer) })
    }

    @Test("The message: UTF-8 subject and file name as encoded words, base64 bodies, no header injection")
    func message() throws {
        let m = MailMessage(from: "nastavnik@school12.ru", to: "anna@school.ru\r\nBcc: all@evil.ru", subject: "Завтра встреча: Петрова А. И. — Сидоров К. П., 26.11.2026 в 15:00",
                            text: "Строка\n.\nещё", attachments: [MailAttachment(name: "встреча.ics", contentType: "text/calendar; charset=utf-8", data: Data("BEGIN:VCALENDAR".utf8))],
                            messageID: "abc-1@nastavnik")
        let text = m.rendered(date: Date(timeIntervalSince1970: 0))
        #expect(text.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"))
        #expect(text.contains("To: anna@school.ruBcc: all@evil.ru\r\n"), "the line break is gone, so no Bcc header")
        #expect(!text.contains("\r\nBcc:"))
        let subjectLines = text.components(separatedBy: "\r\n").drop { !$0.hasPrefix("Subject: ") }.prefix { !$0.hasPrefix("Date:") }
        let words = subjectLines.map { $0.replacingOccurrences(of: "Subject: ", with: "").trimmingCharacters(in: .whitespaces) }
        let decoded = words.map { w -> String in
            let inner = w.dropFirst("=?UTF-8?B?".count).dropLast(2)
            return String(decoding: Data(base64Encoded: String(inner)) ?? Data(), as: UTF8.self)
        }.joined()
        #expect(decoded == m.subject)
        #expect(words.allSatisfy { $0.count <= 76 })
        #expect(text.contains("Content-Type: multipart/mixed; boundary=\"nastavnik-abc1nastavnik\""))
        #expect(text.contains(Data("Строка\n.\nещё".utf8).base64EncodedString()))
        #expect(text.contains("filename=\"=?UTF-8?B?\(Data("встреча.ics".utf8).base64EncodedString())?=\""))
        #expect(text.hasSuffix("--nastavnik-abc1nastavnik--\r\n"))
        #expect(MailMessage.encodedWord("Plain subject") == "Plain subject")
    }
}
