/// Форма наставничества: who may mentor whom (Р-145, recommendations of 2021, seed 004).
public enum MentorshipForm: String, Labelled {
    case studentStudent = "student_student"
    case teacherStudent = "teacher_student"
    case teacherTeacher = "teacher_teacher"
    case headHead = "head_head"
    case headTeacher = "head_teacher"
    case teamTeam = "team_team"
    case universityStudentPupil = "university_student_pupil"
    case employerStudent = "employer_student"
    case reverse

    public var label: String {
        switch self {
        case .studentStudent: "ученик – ученик"
        case .teacherStudent: "учитель – ученик"
        case .teacherTeacher: "учитель – учитель (педагог – педагог)"
        case .headHead: "руководитель – руководитель"
        case .headTeacher: "руководитель – педагог"
        case .teamTeam: "команда – команда"
        case .universityStudentPupil: "студент – ученик"
        case .employerStudent: "работодатель – ученик/студент"
        case .reverse: "реверсивное наставничество"
        }
    }

    /// Forms of mentorship of pedagogical workers (seed 001's Table 1 counts only these pairs and their
    /// programmes): the mentees are staff, not students.
    public var isStaff: Bool { !menteesAreStudents }

    /// Forms whose mentees are students: a mentee may be a minor.
    public var menteesAreStudents: Bool {
        switch self {
        case .studentStudent, .teacherStudent, .universityStudentPupil, .employerStudent: true
        default: false
        }
    }
}

/// Вид наставничества (recommendations of 2021).
public enum MentorshipKind: String, Labelled {
    case traditional, group, virtual, shortTerm = "short_term", situational, flash, reverse
    public var label: String {
        switch self {
        case .traditional: "традиционное"
        case .group: "групповое"
        case .virtual: "виртуальное (дистанционное)"
        case .shortTerm: "краткосрочное (целеполагающее)"
        case .situational: "ситуационное"
        case .flash: "скоростное"
        case .reverse: "реверсивное"
        }
    }
}

/// Формат работы.
public enum WorkFormat: String, Labelled {
    case inPerson = "in_person", remote, blended
    public var label: String {
        switch self {
        case .inPerson: "очно"
        case .remote: "дистанционно"
        case .blended: "смешанно"
        }
    }
}
