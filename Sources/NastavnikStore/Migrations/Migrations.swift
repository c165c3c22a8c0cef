import Fluent

/// The one ordered list of migrations. Never reorder or edit a migration after it has shipped.
public enum NastavnikMigrations {
    public static let all: [any Migration] = [
        CreateHierarchy(),
        CreatePeople(),
        CreateBases(),
        CreateAccounts(),
        CreateAudit(),
        CreateLifecycle(),
        CreateMatching(),
        AddMenteePreferences(),
        AddMatchingRunPool(),
        CreateDocuments(),
        AddOrganisationMentorshipPage(),
        CreateMonitoringCampaigns(),
        CreateRoadmapEvents(),
        CreateRoadmapTemplates(),
        AddMonitoringIndexes(),
        CreatePracticeBank(),
        CreateContests(),
        CreateMentorSchool(),
        CreateRecognition(),
        CreateTrainingNeeds(),
        AddTokenLabels(),
        CreateIndicatorAggregates(),
        AddStaffPairsAggregate(),
        CreateLoginFailures(),
        CreateLoginDevices(),
        AddRegionTimeZone(),
        AddProgrammeApprover(),
        AddOrganisationApprover(),
        AddIndicatorHistory(),
        AddCampaignKinds(),
        CreateMailOutbox(),
        AddListIndexes(),
    ]
}
