import Foundation

/// What an organisation's public section «Целевая модель наставничества» may show (seed 001, indicator 14;
/// 152-ФЗ ст. 10.1): counts and documents freely; a person's name only for an adult with an active consent
/// to the distribution of personal data; a minor's never.
public enum PublicationRules {
    public static func mayPublishName(_ person: Person, consents: [Consent], on day: Day) -> Bool {
        !person.isMinor(on: day) && consents.contains { $0.personID == person.id && $0.kind == .distribution && $0.isActive(on: day) }
    }

    /// Documents shown: approved, in force on the day, marked public, of a kind that carries no personal data.
    public static func publicActs(_ acts: [LocalAct], on day: Day) -> [LocalAct] {
        acts.filter { $0.isPublic && $0.kind.mayBePublic && $0.isInForce(on: day) }.sorted { ($0.date ?? $0.createdOn) > ($1.date ?? $1.createdOn) }
    }

    /// Working pairs and groups by form: the numbers the page shows instead of the people.
    public static func activeByForm(_ mentorships: [Mentorship], on day: Day) -> [(MentorshipForm, Int)] {
        let working = mentorships.filter { $0.status == .active && $0.start <= day }
        return MentorshipForm.allCases.compactMap { f in
            let n = working.filter { $0.form == f }.count
            return n > 0 ? (f, n) : nil
        }
    }

    /// The section is public from the day it was published.
    public static func isPublished(_ org: Organisation, on day: Day) -> Bool {
        org.mentorshipPageSince.map { $0 <= day } ?? false
    }
}
