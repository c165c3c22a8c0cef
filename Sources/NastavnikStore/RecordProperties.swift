import Fluent

// Fluent finds a model's fields by reflection (Mirror) for every row it writes or decodes; a 100,000-row
// import spent a fifth of its time there. Each record lists its fields instead. `RecordPropertiesTests`
// compares every list with reflection, so a field added to a record and not here fails a test.

extension APITokenRecord {
    public var properties: [any AnyProperty] { [$id, $accountID, $tokenHash, $expiresAt, $revokedAt, $createdAt, $label] }
}

extension AccountRecord {
    public var properties: [any AnyProperty] { [$id, $login, $passwordHash, $role, $fullName, $regionID, $municipalityID, $organisationID, $personID, $active, $createdAt] }
}

extension AssessmentRecord {
    public var properties: [any AnyProperty] { [$id, $mentorshipID, $personID, $phase, $date, $scores] }
}

extension AuditRecord {
    public var properties: [any AnyProperty] { [$id, $at, $accountID, $actor, $personID, $entity, $entityID, $action, $changes] }
}

extension CalendarFeedRecord {
    public var properties: [any AnyProperty] { [$id, $accountID, $tokenHash, $createdAt] }
}

extension ConsentRecord {
    public var properties: [any AnyProperty] { [$id, $personID, $kind, $signer, $representativeName, $signedOn, $scope, $withdrawnOn] }
}

extension DocumentTemplateRecord {
    public var properties: [any AnyProperty] { [$id, $kind, $regionID, $municipalityID, $fileID, $fileName, $uploadedBy, $uploadedOn] }
}

extension FeedbackRecord {
    public var properties: [any AnyProperty] { [$id, $mentorshipID, $authorPersonID, $role, $date, $kind, $satisfaction, $progress, $problems] }
}

extension LocalActRecord {
    public var properties: [any AnyProperty] { [$id, $organisationID, $kind, $title, $number, $date, $status, $approver, $fileID, $fileName, $mentorshipIDs, $personID, $isPublic, $note, $createdOn, $cancelledOn, $cancelReason] }
}

extension MatchingMarkRecord {
    public var properties: [any AnyProperty] { [$id, $organisationID, $mentorID, $menteeID, $kind, $value, $recordedBy] }
}

extension MatchingRunRecord {
    public var properties: [any AnyProperty] { [$id, $regionID, $municipalityID, $organisationID, $form, $grouped, $mode, $weights, $preferences, $result, $status, $createdBy, $createdOn, $decidedOn, $mentorshipIDs, $pool, $createdAt] }
}

extension MeetingRecord {
    public var properties: [any AnyProperty] { [$id, $mentorshipID, $type, $date, $time, $durationMinutes, $format, $place, $agenda, $outcome, $status, $attendees] }
}

extension LoginDeviceRecord {
    public var properties: [any AnyProperty] { [$id, $accountID, $tokenHash, $createdAt, $usedAt] }
}

extension LoginFailureRecord {
    public var properties: [any AnyProperty] { [$id, $key, $at] }
}

extension MembershipRecord {
    public var properties: [any AnyProperty] { [$id, $personID, $organisationID, $role, $position, $subjects, $grade, $startDate, $endDate] }
}

extension MenteeProfileRecord {
    public var properties: [any AnyProperty] { [$id, $personID, $organisationID, $categories, $mainRequest, $requestDetails, $deficits, $status, $enteredOn, $preferredFormat, $availability] }
}

extension MentorProfileRecord {
    public var properties: [any AnyProperty] { [$id, $personID, $organisationID, $competencies, $interests, $achievements, $achievementsOther, $capacity, $availability, $training, $forms, $status, $network, $enteredOn] }
}

extension MentorshipRecord {
    public var properties: [any AnyProperty] { [$id, $organisationID, $form, $kind, $format, $title, $startDate, $plannedEnd, $actualEnd, $status, $orderNumber, $orderDate, $terminationReason, $resultSummary] }
}

extension MunicipalityRecord {
    public var properties: [any AnyProperty] { [$id, $regionID, $name] }
}

extension MonitoringCampaignRecord {
    public var properties: [any AnyProperty] { [$id, $name, $nodeLevel, $nodeID, $nodeName, $date, $periodStart, $organisations, $kinds, $values, $flags, $createdOn, $createdBy] }
}

extension OrganisationRecord {
    public var properties: [any AnyProperty] { [$id, $municipalityID, $kind, $name, $shortName, $inn, $address, $website, $mentorshipPageOn, $programmeApprover] }
}

extension ParticipantRecord {
    public var properties: [any AnyProperty] { [$id, $mentorshipID, $personID, $role, $joinedOn, $leftOn, $leftReason, $justification] }
}

extension PersonRecord {
    public var properties: [any AnyProperty] { [$id, $lastName, $firstName, $middleName, $birthDate, $sex, $snils, $email, $phone, $educationLevel, $specialty, $graduationYear, $totalExperienceStart, $pedagogicalExperienceStart, $category, $createdAt, $updatedAt] }
}

extension ProgrammeRecord {
    public var properties: [any AnyProperty] { [$id, $mentorshipID, $goals, $expectedResults, $startDate, $endDate, $status, $approvedOn, $approvedBy, $approverRole, $submittedBy, $returnComment, $extensions] }
}

extension ProgrammeTaskRecord {
    public var properties: [any AnyProperty] { [$id, $programmeID, $stage, $title, $deadline, $responsible, $responsiblePersonID, $status, $evidence] }
}

extension RegionRecord {
    public var properties: [any AnyProperty] { [$id, $name, $code, $timeZone] }
}

extension RoadmapEventRecord {
    public var properties: [any AnyProperty] { [$id, $organisationID, $schoolYear, $stage, $stageTitle, $number, $title, $timing, $responsible, $deadline, $status, $expected, $evidence, $doneOn, $createdOn] }
}

extension RoadmapTemplateRecord {
    public var properties: [any AnyProperty] { [$id, $regionID, $municipalityID, $fileID, $fileName, $events, $uploadedBy, $uploadedOn] }
}

extension RouteStepRecord {
    public var properties: [any AnyProperty] { [$id, $personID, $organisationID, $deficit, $action, $level, $responsible, $responsiblePersonID, $deadline, $status, $result] }
}

extension StoredFileRecord {
    public var properties: [any AnyProperty] { [$id, $name, $contentType, $bytes, $size, $uploadedBy, $createdAt] }
}

extension TutorAssignmentRecord {
    public var properties: [any AnyProperty] { [$id, $accountID, $personID] }
}

extension PracticeItemRecord {
    public var properties: [any AnyProperty] {
        [$id, $kind, $title, $description, $authors, $authorPersonIDs, $organisationID, $forms, $tags, $link, $fileID, $fileName, $level,
         $status, $rejectionReason, $moderatedBy, $moderatedOn, $mentorshipID, $createdOn, $createdBy]
    }
}

extension ContestRecord {
    public var properties: [any AnyProperty] {
        [$id, $title, $level, $regionID, $municipalityID, $organisationID, $description, $applicationsFrom, $applicationsTo, $judgingTo, $resultsOn,
         $nominations, $criteria, $jurors, $winnersPerNomination, $resultsPublished]
    }
}

extension ContestApplicationRecord {
    public var properties: [any AnyProperty] {
        [$id, $contestID, $nominationID, $organisationID, $title, $applicantPersonIDs, $mentorshipIDs, $practiceItemIDs, $submittedOn, $submittedBy, $withdrawn, $award]
    }
}

extension JuryScoreRecord {
    public var properties: [any AnyProperty] { [$id, $applicationID, $jurorAccountID, $criterionID, $score, $comment] }
}

extension TrainingEventRecord {
    public var properties: [any AnyProperty] { [$id, $title, $format, $hours, $start, $end, $organiser, $regionID, $municipalityID, $organisationID, $capacity, $description] }
}

extension EnrolmentRecord {
    public var properties: [any AnyProperty] {
        [$id, $eventID, $personID, $enrolledOn, $attended, $completedOn, $certificateNumber, $difficulties, $difficultyNote, $checklistOn]
    }
}

extension RecognitionCriteriaRecord {
    public var properties: [any AnyProperty] {
        [$id, $regionID, $municipalityID, $incentive, $kind, $minCompletedMentorships, $minTrainingHours, $minSatisfaction, $requiresContestWin]
    }
}

extension TrainingNeedRecord {
    public var properties: [any AnyProperty] { [$id, $personID, $topics, $preferredFormat, $note, $date] }
}
