import Foundation

/// Material or non-material (seed 002 item 8.1: «критерии материального и нематериального стимулирования»).
public enum IncentiveKind: String, Labelled {
    case material, nonMaterial = "non_material"
    public var label: String { self == .material ? "материальное" : "нематериальное" }
}

/// One incentive a municipality or region gives mentors, with what a mentor must have done to be put forward.
public struct RecognitionCriteria: Sendable, Equatable, Codable, Identifiable {
    public var id: UUID
    public var regionID: UUID?
    public var municipalityID: UUID?
    /// e.g. «Нагрудный знак «За наставничество»», «Благодарственное письмо главы», «Стимулирующая выплата».
    public var incentive: String
    public var kind: IncentiveKind
    public var minCompletedMentorships: Int
    public var minTrainingHours: Int
    /// Mean satisfaction (1–10) in the mentees' final questionnaires; nil — not required.
    public var minSatisfaction: Double?
    public var requiresContestWin: Bool

    public init(
        id: UUID = .timeOrdered(), regionID: UUID? = nil, municipalityID: UUID? = nil, incentive: String, kind: IncentiveKind, minCompletedMentorships: Int = 0,
        minTrainingHours: Int = 0, minSatisfaction: Double? = nil, requiresContestWin: Bool = false
    ) {
        self.id = id
        self.regionID = regionID
        self.municipalityID = municipalityID
        self.incentive = incentive
        self.kind = kind
        self.minCompletedMentorships = minCompletedMentorships
        self.minTrainingHours = minTrainingHours
        self.minSatisfaction = minSatisfaction
        self.requiresContestWin = requiresContestWin
    }

    /// The conditions in words, for the list and the nomination.
    public var conditions: [String] {
        var out: [String] = []
        if minCompletedMentorships > 0 { out.append("завершённых пар (групп) — не меньше \(minCompletedMentorships)") }
        if minTrainingHours > 0 { out.append("обучение в школе наставников — не меньше \(minTrainingHours) ч") }
        if let s = minSatisfaction { out.append("удовлетворённость наставляемых — не ниже \(RussianNumber.decimal(s, digits: 1))") }
        if requiresContestWin { out.append("победа в конкурсе наставников") }
        return out
    }
}

/// A mentor's record as recognition reads it.
public struct MentorMerit: Sendable, Equatable, Codable {
    public var personID: UUID
    public var completedMentorships: Int
    public var trainingHours: Int
    /// Mean of the mentees' final satisfaction in the mentor's pairs; nil when there is none yet.
    public var satisfaction: Double?
    public var contestWins: Int

    public init(personID: UUID, completedMentorships: Int, trainingHours: Int, satisfaction: Double?, contestWins: Int) {
        self.personID = personID
        self.completedMentorships = completedMentorships
        self.trainingHours = trainingHours
        self.satisfaction = satisfaction
        self.contestWins = contestWins
    }
}

public enum RecognitionRules {
    public static func validate(_ c: RecognitionCriteria) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if c.incentive.trimmed.count < 5 { issues.append(FieldIssue("incentive", "Назовите поощрение (не короче 5 символов).")) }
        if c.minCompletedMentorships < 0 || c.minCompletedMentorships > 100 {
            issues.append(FieldIssue("minCompletedMentorships", "Число завершённых пар — от 0 до 100."))
        }
        if c.minTrainingHours < 0 || c.minTrainingHours > 1000 { issues.append(FieldIssue("minTrainingHours", "Часы обучения — от 0 до 1000.")) }
        if let s = c.minSatisfaction, !(1...10).contains(s) { issues.append(FieldIssue("minSatisfaction", "Удовлетворённость — от 1 до 10.")) }
        if c.conditions.isEmpty { issues.append(FieldIssue("minCompletedMentorships", "Задайте хотя бы одно условие: без условий поощрение получили бы все.")) }
        return issues
    }

    /// What the mentor still lacks for the incentive; empty — may be put forward.
    public static func missing(_ m: MentorMerit, for c: RecognitionCriteria) -> [String] {
        var out: [String] = []
        if m.completedMentorships < c.minCompletedMentorships {
            out.append("завершённых пар \(m.completedMentorships) из \(c.minCompletedMentorships)")
        }
        if m.trainingHours < c.minTrainingHours { out.append("обучение \(m.trainingHours) ч из \(c.minTrainingHours)") }
        if let need = c.minSatisfaction {
            if let s = m.satisfaction {
                if s < need { out.append("удовлетворённость \(RussianNumber.decimal(s, digits: 1)) при требуемой \(RussianNumber.decimal(need, digits: 1))") }
            } else {
                out.append("нет итоговых анкет наставляемых")
            }
        }
        if c.requiresContestWin && m.contestWins == 0 { out.append("нет побед в конкурсах") }
        return out
    }

    /// A mentor's record from their pairs: completed ones where they were a mentor, and the mentees' final
    /// satisfaction there.
    public static func merit(personID: UUID, files: [MentorshipFile], trainingHours: Int, contestWins: Int) -> MentorMerit {
        let mine = files.filter { f in f.participants.contains { $0.personID == personID && $0.role == .mentor } }
        let completed = mine.filter { $0.mentorship.status == .completed }.count
        let finals = mine.flatMap { f in f.feedback.filter { $0.kind == .final && $0.role == .mentee } }.map { Double($0.satisfaction) }
        let satisfaction = finals.isEmpty ? nil : (finals.reduce(0, +) / Double(finals.count) * 100).rounded() / 100
        return MentorMerit(personID: personID, completedMentorships: completed, trainingHours: trainingHours, satisfaction: satisfaction, contestWins: contestWins)
    }
}
