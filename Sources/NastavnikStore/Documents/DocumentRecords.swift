import Fluent
import Foundation
import NastavnikCore

/// A local act in the registry of its organisation.
public final class LocalActRecord: Model, @unchecked Sendable {
    public static let schema = "local_acts"
    @ID(key: .id) public var id: UUID?
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "title") public var title: String
    @OptionalField(key: "number") public var number: String?
    @OptionalField(key: "date") public var date: String?
    @Field(key: "status") public var status: String
    @OptionalField(key: "approver") public var approver: String?
    @OptionalField(key: "file_id") public var fileID: UUID?
    @OptionalField(key: "file_name") public var fileName: String?
    @Field(key: "mentorship_ids") public var mentorshipIDs: String
    @OptionalField(key: "person_id") public var personID: UUID?
    @Field(key: "is_public") public var isPublic: Bool
    @OptionalField(key: "note") public var note: String?
    @Field(key: "created_on") public var createdOn: String
    @OptionalField(key: "cancelled_on") public var cancelledOn: String?
    @OptionalField(key: "cancel_reason") public var cancelReason: String?

    public init() {}
}

extension LocalActRecord: CoreMapped {
    public convenience init(_ a: LocalAct) {
        self.init()
        id = a.id
        apply(a)
    }
    public func apply(_ a: LocalAct) {
        organisationID = a.organisationID
        kind = a.kind.rawValue
        title = a.title
        number = a.number
        date = a.date?.iso
        status = a.status.rawValue
        approver = a.approver
        fileID = a.fileID
        fileName = a.fileName
        mentorshipIDs = StoredJSON.encode(a.mentorshipIDs)
        personID = a.personID
        isPublic = a.isPublic
        note = a.note
        createdOn = a.createdOn.iso
        cancelledOn = a.cancelledOn?.iso
        cancelReason = a.cancelReason
    }
    public var core: LocalAct {
        get throws {
            LocalAct(
                id: try requireID(), organisationID: organisationID, kind: try decoded(\.$kind), title: title,
                number: number, date: try day(\.$date), status: try decoded(\.$status), approver: approver,
                fileID: fileID, fileName: fileName, mentorshipIDs: StoredJSON.decode(mentorshipIDs) ?? [], personID: personID,
                isPublic: isPublic, note: note, createdOn: try day(\.$createdOn), cancelledOn: try day(\.$cancelledOn),
                cancelReason: cancelReason)
        }
    }
}

/// A stored file: a generated DOCX, an uploaded scan or template. Bytes live in the database so that a
/// backup of the database is a backup of everything.
public final class StoredFileRecord: Model, @unchecked Sendable {
    public static let schema = "stored_files"
    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "content_type") public var contentType: String
    @Field(key: "bytes") public var bytes: Data
    @Field(key: "size") public var size: Int
    @Field(key: "uploaded_by") public var uploadedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
    public init(id: UUID = UUID(), name: String, contentType: String, bytes: Data, uploadedBy: String) {
        self.id = id
        self.name = name
        self.contentType = contentType
        self.bytes = bytes
        self.size = bytes.count
        self.uploadedBy = uploadedBy
    }
}

/// A DOCX template a region or municipality uploaded for one document kind; it applies to the
/// organisations below it (the nearest level wins).
public final class DocumentTemplateRecord: Model, @unchecked Sendable {
    public static let schema = "document_templates"
    @ID(key: .id) public var id: UUID?
    @Field(key: "kind") public var kind: String
    @OptionalField(key: "region_id") public var regionID: UUID?
    @OptionalField(key: "municipality_id") public var municipalityID: UUID?
    @Field(key: "file_id") public var fileID: UUID
    @Field(key: "file_name") public var fileName: String
    @Field(key: "uploaded_by") public var uploadedBy: String
    @Field(key: "uploaded_on") public var uploadedOn: String

    public init() {}
    public init(kind: String, regionID: UUID?, municipalityID: UUID?, fileID: UUID, fileName: String, uploadedBy: String, uploadedOn: Day) {
        self.kind = kind
        self.regionID = regionID
        self.municipalityID = municipalityID
        self.fileID = fileID
        self.fileName = fileName
        self.uploadedBy = uploadedBy
        self.uploadedOn = uploadedOn.iso
    }

    public var placement: Placement { Placement(regionID: regionID, municipalityID: municipalityID) }
}

struct CreateDocuments: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("stored_files")
            .id()
            .field("name", .string, .required)
            .field("content_type", .string, .required)
            .field("bytes", .data, .required)
            .field("size", .int, .required)
            .field("uploaded_by", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await db.schema("local_acts")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("number", .string)
            .field("date", .string)
            .field("status", .string, .required)
            .field("approver", .string)
            .field("file_id", .uuid, .references("stored_files", "id"))
            .field("file_name", .string)
            .field("mentorship_ids", .string, .required)
            .field("person_id", .uuid, .references("people", "id", onDelete: .setNull))
            .field("is_public", .bool, .required)
            .field("note", .string)
            .field("created_on", .string, .required)
            .field("cancelled_on", .string)
            .field("cancel_reason", .string)
            .create()
        try await db.schema("document_templates")
            .id()
            .field("kind", .string, .required)
            .field("region_id", .uuid, .references("regions", "id"))
            .field("municipality_id", .uuid, .references("municipalities", "id"))
            .field("file_id", .uuid, .required, .references("stored_files", "id"))
            .field("file_name", .string, .required)
            .field("uploaded_by", .string, .required)
            .field("uploaded_on", .string, .required)
            .create()
    }

    func revert(on db: any Database) async throws {
        for table in ["document_templates", "local_acts", "stored_files"] { try await db.schema(table).delete() }
    }
}
