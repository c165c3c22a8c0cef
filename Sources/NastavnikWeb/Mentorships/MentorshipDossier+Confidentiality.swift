import Foundation
import NastavnikCore

extension MentorshipDossier {
    /// The mentees' questionnaires and self-ratings `actor` may read (`MenteeConfidentiality`): a mentor sees only
    /// their own answers. Risks and checks are computed on the whole dossier, never on this view.
    func feedback(for actor: Actor) -> [Feedback] {
        MenteeConfidentiality.feedback(file.feedback, for: actor.role, personID: actor.personID)
    }

    func assessments(for actor: Actor) -> [Assessment] {
        MenteeConfidentiality.assessments(assessments, for: actor.role, personID: actor.personID)
    }

    /// The same dossier with only what `actor` may read of the mentees' answers: for display.
    func shown(to actor: Actor) -> MentorshipDossier {
        var d = self
        d.file.feedback = feedback(for: actor)
        d.assessments = assessments(for: actor)
        return d
    }
}
