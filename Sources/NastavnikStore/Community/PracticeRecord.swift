import Fluent
import Foundation
import NastavnikCore

public final class PracticeItemRecord: Model, @unchecked Sendable {
    public static let schema = "practice_items"
    @ID(key: .id) public var id: UUID?
    @Field(key: "kind") public var kind: String
    @Field(key: "title") public var title: String
    @Field(key: "description") public var description: String
    @Field(key: "authors") public var authors: String
    @Field(key: "author_person_ids") public var authorPersonIDs: String
    @Field(key: "organisation_id") public var organisationID: UUID
    @Field(key: "forms") public var forms: String
    @Field(key: "tags") public var tags: String
    @OptionalField(key: "link") public var link: String?
    @OptionalField(key: "file_id") public var fileID: UUID?
    @OptionalField(key: "file_name") public var fileName: String?
    @Field(key: "level") public var level: String
    @Field(key: "status") public var status: String
    @OptionalField(key: "rejection_reason") public var rejectionReason: String?
    @OptionalField(key: "moderated_by") public var moderatedBy: String?
    @OptionalField(key: "moderated_on") public var moderatedOn: String?
    @OptionalField(key: "mentorship_id") public var mentorshipID: UUID?
    @Field(key: "created_on") public var createdOn: String
    @Field(key: "created_by") public var createdBy: String

    public init() {}
}

extension PracticeItemRecord: CoreMapped {
    public convenience init(_ p: PracticeItem) {
        self.init()
        id = p.id
        apply(p)
    }

    public func apply(_ p: PracticeItem) {
        kind = p.kind.rawValue
        title = p.title
        description = p.description
        authors = p.authors
        authorPersonIDs = StoredJSON.encode(p.authorPersonIDs)
        organisationID = p.organisationID
        forms = LabelledSet.encode(p.forms)
        tags = StoredJSON.encode(p.tags)
        link = p.link
        fileID = p.fileID
        fileName = p.fileName
        level = p.level.rawValue
        status = p.status.rawValue
        rejectionReason = p.rejectionReason
        moderatedBy = p.moderatedBy
        moderatedOn = p.moderatedOn?.iso
        mentorshipID = p.mentorshipID
        createdOn = p.createdOn.iso
        createdBy = p.createdBy
    }

    public var core: PracticeItem {
        get throws {
            PracticeItem(
                id: try requireID(), kind: try decoded(\.$kind), title: title, description: description, authors: authors,
                authorPersonIDs: StoredJSON.decode(authorPersonIDs) ?? [], organisationID: organisationID, forms: LabelledSet.decode(forms),
                tags: StoredJSON.decode(tags) ?? [], link: link, fileID: fileID, fileName: fileName,
                level: try decoded(\.$level), status: try decoded(\.$status),
                rejectionReason: rejectionReason, moderatedBy: moderatedBy, moderatedOn: try day(\.$moderatedOn), mentorshipID: mentorshipID,
                createdOn: try day(\.$createdOn), createdBy: createdBy)
        }
    }
}
