import Foundation

/// 152-ФЗ «О персональных данных»: what the withdrawal of consent does, and how a person is anonymised
/// (обезличивание) so that the counts the indicators read stay right.
public enum PersonalDataRules {
    public static let withdrawalReason = "отзыв согласия на обработку персональных данных"
    public static let anonymisedLastName = "Обезличено"

    /// Changes that follow a withdrawal which leaves the person without a valid consent on `day`.
    public struct WithdrawalEffects: Sendable, Equatable {
        /// The person's current places in open mentorships, now left on the day.
        public var leaving: [Participant]
        /// Open mentorships left without a mentor or without a mentee: terminated on the day.
        public var terminated: [Mentorship]
        public var mentor: MentorProfile?
        public var mentee: MenteeProfile?
        public var isEmpty: Bool { leaving.isEmpty && terminated.isEmpty && mentor == nil && mentee == nil }
    }

    /// Nil while another valid consent still covers the person; otherwise, every open engagement ends.
    /// `participants` are everyone's current places in the person's mentorships (to see who remains).
    public static func effects(
        of person: Person, consents: [Consent], mentorships: [Mentorship], participants: [Participant],
        mentor: MentorProfile?, mentee: MenteeProfile?, on day: Day
    ) -> WithdrawalEffects? {
        guard !ConsentRules.hasValidProcessingConsent(person, consents: consents, on: day) else { return nil }
        let open = Dictionary(uniqueKeysWithValues: mentorships.filter(\.status.isOpen).map { ($0.id, $0) })
        var leaving: [Participant] = []
        for var p in participants where p.personID == person.id && p.isCurrent && open[p.mentorshipID] != nil {
            p.leftOn = max(day, p.joinedOn)
            p.leftReason = withdrawalReason
            leaving.append(p)
        }
        let gone = Set(leaving.map(\.id))
        var terminated: [Mentorship] = []
        for m in open.values.sorted(by: { $0.id.uuidString < $1.id.uuidString }) where leaving.contains(where: { $0.mentorshipID == m.id }) {
            let remaining = participants.filter { $0.mentorshipID == m.id && $0.isCurrent && !gone.contains($0.id) }
            guard !remaining.contains(where: { $0.role == .mentor }) || !remaining.contains(where: { $0.role == .mentee }) else { continue }
            var ended = m
            ended.status = .terminated
            ended.actualEnd = max(day, m.start)
            ended.terminationReason = "Участник отозвал согласие на обработку персональных данных."
            terminated.append(ended)
        }
        var mentorLeft = mentor, menteeLeft = mentee
        if mentorLeft?.status == .left { mentorLeft = nil } else { mentorLeft?.status = .left }
        if menteeLeft?.status == .left { menteeLeft = nil } else { menteeLeft?.status = .left }
        return WithdrawalEffects(leaving: leaving, terminated: terminated, mentor: mentorLeft, mentee: menteeLeft)
    }

    /// Someone the system holds only for mentorship (a student, a university student, a partner's employee):
    /// after the withdrawal nothing else justifies keeping who they are, so they are anonymised at once.
    /// Staff stay identified — the organisation keeps them as its employees — but leave every programme.
    public static func mustAnonymise(_ memberships: [Membership], on day: Day) -> Bool {
        !memberships.contains { $0.role.isStaff && $0.period.contains(day) }
    }

    /// The person without what identifies them. Birth date, experience and places stay: the indicators count
    /// minors, young specialists and staff by them, and on their own they name nobody.
    public static func anonymised(_ p: Person) -> Person {
        var a = p
        a.lastName = anonymisedLastName
        a.firstName = "№ " + String(p.id.uuidString.prefix(8))
        a.middleName = nil
        a.snils = nil
        a.email = nil
        a.phone = nil
        a.specialty = nil
        return a
    }

    public static func isAnonymised(_ p: Person) -> Bool { p.lastName == anonymisedLastName && p.snils == nil }

    /// Audit fields that identify a person; their old and new values are blanked when the person is anonymised.
    public static let identifyingAuditFields: Set<String> = ["Фамилия", "Имя", "Отчество", "СНИЛС", "Эл. почта", "Телефон", "Специальность", "Представитель"]
    public static let redacted = "обезличено"

    public static func redact(_ changes: [AuditChange]) -> [AuditChange] {
        changes.map { c in
            guard identifyingAuditFields.contains(c.field) else { return c }
            return AuditChange(field: c.field, old: c.old.map { _ in redacted }, new: c.new.map { _ in redacted })
        }
    }
}
