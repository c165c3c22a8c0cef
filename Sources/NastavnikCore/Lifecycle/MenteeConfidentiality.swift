import Foundation

/// What a mentee writes about the pair — questionnaires (satisfaction, progress, difficulties) and competency
/// self-ratings — is for the curator and the psychologist of the school (and the levels above), not for the mentor:
/// the mentee answers frankly only if the mentor does not read it. There is no «share with the mentor» choice yet, so
/// a mentor's account sees none of the mentee's answers; the mentee sees their own, the mentor their own.
public enum MenteeConfidentiality {
    /// Said on the questionnaire's form: who will read the answers.
    public static let notice = "Ответы наставляемого видят куратор и педагог-психолог организации; наставнику они не показываются."

    /// Whether `role` is kept from the mentees' answers.
    public static func hidesMenteeAnswers(from role: Role) -> Bool { role == .mentor }

    /// The questionnaires `role` (the account of person `personID`) may read.
    public static func feedback(_ all: [Feedback], for role: Role, personID: UUID?) -> [Feedback] {
        guard hidesMenteeAnswers(from: role) else { return all }
        return all.filter { $0.role != .mentee || $0.authorPersonID == personID }
    }

    /// The competency self-ratings (a mentee's) `role` may read.
    public static func assessments(_ all: [Assessment], for role: Role, personID: UUID?) -> [Assessment] {
        guard hidesMenteeAnswers(from: role) else { return all }
        return all.filter { $0.personID == personID }
    }
}
