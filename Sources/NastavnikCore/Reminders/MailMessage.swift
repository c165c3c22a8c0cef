import Foundation

public struct MailAttachment: Sendable, Equatable {
    public var name: String
    public var contentType: String
    public var data: Data

    public init(name: String, contentType: String, data: Data) {
        self.name = name
        self.contentType = contentType
        self.data = data
    }
}

/// One e-mail as RFC 5322 / MIME text: UTF-8 throughout, the subject and the attachment's name as encoded words,
/// bodies in base64 (so no line is too long and no line is a lone «.»).
public struct MailMessage: Sendable, Equatable {
    public var from: String
    public var to: String
    public var subject: String
    public var text: String
    public var attachments: [MailAttachment]
    public var messageID: String

    public init(from: String, to: String, subject: String, text: String, attachments: [MailAttachment] = [], messageID: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.attachments = attachments
        self.messageID = messageID
    }

    /// The message with CRLF line ends; `date` goes into the Date header.
    public func rendered(date: Date) -> String {
        let boundary = "nastavnik-" + messageID.filter { $0.isLetter || $0.isNumber }
        var lines = [
            "From: " + Self.headerValue(from), "To: " + Self.headerValue(to), "Subject: " + Self.encodedWord(subject),
            "Date: " + Self.rfc5322Date(date), "Message-ID: <\(messageID)>", "MIME-Version: 1.0",
            "Auto-Submitted: auto-generated",
        ]
        if attachments.isEmpty {
            lines += ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", ""]
            lines += Self.base64Lines(Data(text.utf8))
        } else {
            lines += ["Content-Type: multipart/mixed; boundary=\"\(boundary)\"", "", "--" + boundary,
                      "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", ""]
            lines += Self.base64Lines(Data(text.utf8))
            for a in attachments {
                lines += ["--" + boundary, "Content-Type: \(a.contentType); name=\"\(Self.encodedWord(a.name))\"",
                          "Content-Disposition: attachment; filename=\"\(Self.encodedWord(a.name))\"",
                          "Content-Transfer-Encoding: base64", ""]
                lines += Self.base64Lines(a.data)
            }
            lines.append("--" + boundary + "--")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A header value stripped of line breaks, so that no value can start a header of its own.
    static func headerValue(_ s: String) -> String {
        String(s.unicodeScalars.filter { $0 != "\r" && $0 != "\n" }.map(Character.init))
    }

    /// ASCII as it is; anything else as `=?UTF-8?B?…?=` words of at most 45 bytes each, never splitting a character.
    public static func encodedWord(_ s: String) -> String {
        let clean = headerValue(s)
        if clean.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 }) { return clean }
        var words: [String] = []
        var chunk = Data()
        for ch in clean {
            let bytes = Data(String(ch).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?" + chunk.base64EncodedString() + "?=")
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + chunk.base64EncodedString() + "?=") }
        return words.joined(separator: "\r\n ")
    }

    static func base64Lines(_ data: Data) -> [String] {
        let text = data.base64EncodedString()
        return stride(from: 0, to: text.count, by: 76).map { start in
            let from = text.index(text.startIndex, offsetBy: start)
            return String(text[from..<(text.index(from, offsetBy: 76, limitedBy: text.endIndex) ?? text.endIndex)])
        }
    }

    /// «Mon, 07 Dec 2026 23:30:00 +0000».
    public static func rfc5322Date(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return f.string(from: date)
    }
}

/// The messages one pass sends: a reminder chosen «сразу» is a message of its own; the reminders chosen «в сводке»
/// for one address make one digest.
public enum MailComposer {
    public struct Item: Sendable, Equatable {
        public var id: UUID
        public var address: String
        public var delivery: ReminderDelivery
        public var subject: String
        public var text: String
        public var attachment: MailAttachment?

        public init(id: UUID, address: String, delivery: ReminderDelivery, subject: String, text: String, attachment: MailAttachment?) {
            self.id = id
            self.address = address
            self.delivery = delivery
            self.subject = subject
            self.text = text
            self.attachment = attachment
        }
    }

    /// A message and the outbox items it carries.
    public struct Letter: Sendable, Equatable {
        public var items: [UUID]
        public var to: String
        public var subject: String
        public var text: String
        public var attachments: [MailAttachment]
    }

    public static let footer = "\n\n—\nЭто письмо отправила система «Наставник». Какие напоминания приходят и как, выбирается на странице «Моя учётная запись» → «Напоминания»."

    public static func letters(_ items: [Item], day: Day) -> [Letter] {
        var out = items.filter { $0.delivery == .immediately }.map {
            Letter(items: [$0.id], to: $0.address, subject: $0.subject, text: $0.text + footer, attachments: $0.attachment.map { [$0] } ?? [])
        }
        let digests = Dictionary(grouping: items.filter { $0.delivery == .digest }, by: \.address)
        for address in digests.keys.sorted() {
            let group = digests[address] ?? []
            let text = group.map { "• \($0.subject)\n\($0.text)" }.joined(separator: "\n\n")
            out.append(Letter(items: group.map(\.id), to: address, subject: "Наставник: сводка на \(day.russian) (\(group.count))",
                              text: text + footer, attachments: group.compactMap(\.attachment)))
        }
        return out
    }
}
