import Fluent
import Foundation
import Testing

import NastavnikStore

@Suite("Records list the same fields as reflection finds")
struct RecordPropertiesTests {
    static let records: [any Model.Type] = [
        APITokenRecord.self, AccountRecord.self, AssessmentRecord.self, AuditRecord.self, CalendarFeedRecord.self, ConsentRecord.self, ContestRecord.self, ContestApplicationRecord.self, JuryScoreRecord.self, DocumentTemplateRecord.self, EnrolmentRecord.self, FeedbackRecord.self, LocalActRecord.self, LoginDeviceRecord.self, LoginFailureRecord.self, MatchingMarkRecord.self, MatchingRunRecord.self, MeetingRecord.self, MembershipRecord.self, MonitoringCampaignRecord.self, RoadmapEventRecord.self, RoadmapTemplateRecord.self, MenteeProfileRecord.self, MentorProfileRecord.self, MentorshipRecord.self, MunicipalityRecord.self, OrganisationRecord.self, ParticipantRecord.self, PracticeItemRecord.self, PersonRecord.self, ProgrammeRecord.self, ProgrammeTaskRecord.self, RecognitionCriteriaRecord.self, RegionRecord.self, RouteStepRecord.self, StoredFileRecord.self, TutorAssignmentRecord.self, TrainingEventRecord.self, TrainingNeedRecord.self,
    ]

    @Test("Each record's explicit field list is its reflected one, in keys and in order of declaration")
    func sameFields() {
        for type in Self.records {
            let model = type.init()
            let reflected = Mirror(reflecting: model).children.compactMap { $0.value as? any AnyProperty }
            let keys = { (ps: [any AnyProperty]) in ps.compactMap { ($0 as? any AnyDatabaseProperty)?.keys }.flatMap { $0 }.map(\.description) }
            #expect(keys(model.properties) == keys(reflected), "\(type)")
            #expect(model.properties.count == reflected.count, "\(type)")
        }
        #expect(Self.records.count == 39)
    }
}
