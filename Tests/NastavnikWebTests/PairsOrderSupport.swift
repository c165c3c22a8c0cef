import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

@testable import NastavnikWeb

extension Application {
    /// A pairs-order request as a clerk makes it on the page: every pair of the organisation now forming ticked
    /// (an order names its pairs; an empty list is refused).
    func pairsOrderInput(_ org: UUID, action: String? = nil) async throws -> GenerateInput {
        let forming = try await MentorshipRecord.query(on: db).filter(\.$organisationID == org)
            .filter(\.$status == MentorshipStatus.forming.rawValue).all()
        return GenerateInput(type: DocumentType.pairsOrder.rawValue, mentorshipIDs: forming.compactMap { $0.id?.uuidString }, action: action)
    }
}
