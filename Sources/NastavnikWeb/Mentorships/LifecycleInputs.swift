import Foundation
import NastavnikCore
import Vapor

/// Reads typed values out of form or JSON text, collecting every problem in Russian before failing.
struct InputReader {
    var issues: [FieldIssue] = []

    mutating func day(_ text: String?, _ field: String, _ label: String, default fallback: Day? = nil) -> Day? {
        guard let t = text.nonBlank else {
            if fallback == nil { issues.append(.init(field, "Укажите \(label) в формате дд.мм.гггг.")) }
            return fallback
        }
        guard let d = Day(t) else {
            issues.append(.init(field, "\(label.prefix(1).uppercased() + label.dropFirst()) указана неверно: ожидается дд.мм.гггг."))
            return nil
        }
        return d
    }

    mutating func optionalDay(_ text: String?, _ field: String, _ label: String) -> Day? {
        guard text.nonBlank != nil else { return nil }
        return day(text, field, label)
    }

    mutating func choice<T: Labelled>(_ text: String?, _ field: String, _ message: String, default fallback: T? = nil) -> T? {
        guard let t = text.nonBlank else {
            if fallback == nil { issues.append(.init(field, message)) }
            return fallback
        }
        guard let v = T.parse(t) else {
            issues.append(.init(field, "\(message) Значение «\(t)» не подходит."))
            return nil
        }
        return v
    }

    mutating func text(_ value: String?, _ field: String, _ message: String) -> String? {
        guard let t = value.nonBlank else {
            issues.append(.init(field, message))
            return nil
        }
        return t
    }

    mutating func int(_ value: FlexibleInt?, _ field: String, _ message: String, default fallback: Int? = nil) -> Int? {
        guard let v = value?.value ?? fallback else {
            issues.append(.init(field, message))
            return nil
        }
        return v
    }

    mutating func uuids(_ texts: [String]?, _ field: String) -> [UUID] {
        (texts ?? []).compactMap { t in
            guard let id = UUID(uuidString: t.trimmingCharacters(in: .whitespaces)) else {
                issues.append(.init(field, "Неверный идентификатор: «\(t)»."))
                return nil
            }
            return id
        }
    }

    func check() throws { try ValidationError.check(issues) }
}

struct MentorshipInput: Content {
    var organisationID: String?
    var form: String?
    var kind: String?
    var format: String?
    var title: String?
    var start: String?
    var plannedEnd: String?
    var mentors: [String]?
    var mentees: [String]?
    /// Why a mentor with 3 years of pedagogical experience or less is appointed.
    var justification: String?
}

struct OrderInput: Content {
    var orderNumber: String?
    var orderDate: String?
}

struct CloseInput: Content {
    var date: String?
    var reason: String?
    var resultSummary: String?
}

struct ReplaceInput: Content {
    var participantID: String?
    var newPersonID: String?
    var date: String?
    var reason: String?
    var justification: String?
}

struct ProgrammeInput: Content {
    var goals: String?
    var expectedResults: String?
    var start: String?
    var end: String?
}

struct TaskInput: Content {
    var stage: String?
    var title: String?
    var deadline: String?
    var responsible: String?
    var status: String?
    var evidence: String?
}

struct DecisionInput: Content {
    var date: String?
    var comment: String?
    var newEnd: String?
}

struct MeetingInput: Content {
    var type: String?
    var date: String?
    var time: String?
    var durationMinutes: FlexibleInt?
    var format: String?
    var place: String?
    var agenda: String?
    var outcome: String?
    var status: String?
    var attendees: [String]?
}

struct FeedbackInput: Content {
    var authorPersonID: String?
    var date: String?
    var kind: String?
    var satisfaction: FlexibleInt?
    var progress: String?
    var problems: String?
}

struct AssessmentInput: Content {
    var personID: String?
    var phase: String?
    var date: String?
    /// competency id → 1…5 (JSON object); the web form posts `score_<competency>` fields instead.
    var scores: [String: FlexibleInt]?
}

struct RouteStepInput: Content {
    var deficit: String?
    var action: String?
    var level: String?
    var responsible: String?
    var responsiblePersonID: String?
    var deadline: String?
    var status: String?
    var result: String?
}

struct BoardQuery: Content {
    var organisationID: String?
    var form: String?
    var status: String?
    var risk: String?
    var page: Int?
    var per: Int?
    var format: String?
}
