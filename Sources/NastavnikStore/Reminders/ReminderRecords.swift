import Fluent
import Foundation
import NastavnikCore

public final class MailOutboxRecord: Model, @unchecked Sendable {
    public static let schema = "mail_outbox"
    @ID(key: .id) public var id: UUID?
    @Field(key: "key") public var key: String
    @Field(key: "kind") public var kind: String
    @Field(key: "person_id") public var personID: UUID
    @OptionalField(key: "recipient") public var recipient: String?
    @Field(key: "delivery") public var delivery: String
    @Field(key: "subject") public var subject: String
    @Field(key: "body") public var body: String
    @OptionalField(key: "attachment_name") public var attachmentName: String?
    @OptionalField(key: "attachment_type") public var attachmentType: String?
    /// Base64.
    @OptionalField(key: "attachment_data") public var attachmentData: String?
    @Field(key: "status") public var status: String
    @Field(key: "attempts") public var attempts: Int
    /// Seconds since 1970, as every time of this table: compared in SQL the same way on both engines.
    @Field(key: "created_at") public var createdAt: Double
    @Field(key: "send_after") public var sendAfter: Double
    @OptionalField(key: "lease_owner") public var leaseOwner: String?
    @OptionalField(key: "lease_until") public var leaseUntil: Double?
    @OptionalField(key: "sent_at") public var sentAt: Double?
    @OptionalField(key: "last_error") public var lastError: String?

    public init() {}
}

extension MailOutboxRecord {
    public convenience init(_ e: OutboxEntry) {
        self.init()
        id = e.id
        key = e.reminder.key
        kind = e.reminder.kind.rawValue
        personID = e.reminder.personID
        recipient = e.recipient
        delivery = e.delivery.rawValue
        subject = e.reminder.subject
        body = e.reminder.text
        attachmentName = e.reminder.attachment?.name
        attachmentType = e.reminder.attachment?.contentType
        attachmentData = e.reminder.attachment?.data.base64EncodedString()
        status = e.status.rawValue
        attempts = e.attempts
        createdAt = e.createdAt.timeIntervalSince1970
        sendAfter = e.sendAfter.timeIntervalSince1970
        sentAt = e.sentAt?.timeIntervalSince1970
        lastError = e.lastError
    }

    /// The row as a Core value; a kind, a delivery or a status the code does not know is a corrupt row, not a default.
    public func core() throws -> OutboxEntry {
        guard let id else { throw CorruptRecord(table: Self.schema, id: nil, column: "id", value: "") }
        let kind = try decoded(\.$kind, as: ReminderKind.self)
        let delivery = try decoded(\.$delivery, as: ReminderDelivery.self)
        let status = try decoded(\.$status, as: OutboxStatus.self)
        var attachment: MailAttachment?
        if let name = attachmentName, let type = attachmentType, let data = attachmentData.flatMap({ Data(base64Encoded: $0) }) {
            attachment = MailAttachment(name: name, contentType: type, data: data)
        }
        return OutboxEntry(
            id: id, reminder: Reminder(key: key, kind: kind, personID: personID, subject: subject, text: body, attachment: attachment),
            recipient: recipient, delivery: delivery, status: status, attempts: attempts,
            createdAt: Date(timeIntervalSince1970: createdAt), sendAfter: Date(timeIntervalSince1970: sendAfter),
            sentAt: sentAt.map(Date.init(timeIntervalSince1970:)), lastError: lastError)
    }
}

public final class ReminderPreferenceRecord: Model, @unchecked Sendable {
    public static let schema = "reminder_preferences"
    @ID(key: .id) public var id: UUID?
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "delivery") public var delivery: String

    public init() {}
    public init(accountID: UUID, kind: ReminderKind, delivery: ReminderDelivery) {
        self.id = UUID()
        self.accountID = accountID
        self.kind = kind.rawValue
        self.delivery = delivery.rawValue
    }
}

public final class ReminderChannelRecord: Model, @unchecked Sendable {
    public static let schema = "reminder_channels"
    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "email") public var email: String

    public init() {}
    public init(organisationID: UUID, email: String) {
        self.id = UUID()
        self.organisationID = organisationID
        self.email = email
    }
}
