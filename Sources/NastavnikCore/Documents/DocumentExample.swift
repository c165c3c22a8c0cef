import Foundation

extension DocumentData {
    /// A small fixed school with two pairs, a programme and a minor with a parent: what `nastavnik samples`
    /// writes for the LibreOffice checks, and what the document tests start from.
    public static func example(today: Day) -> DocumentData {
        let school = Organisation(
            municipalityID: UUID(), kind: .school, name: "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 12»",
            shortName: "МБОУ СОШ № 12", inn: "1831000012", address: "г. Ижевск, ул. Ленина, 1")
        var d = DocumentData(
            organisation: school, municipality: "г. Ижевск", region: "Удмуртская Республика", head: .init(fullName: "Петров Иван Сергеевич", position: "Директор"),
            curators: [.init(fullName: "Сидорова Анна Викторовна", position: "Заместитель директора по УВР")], today: today)
        let start = Day(year: 2026, month: 9, day: 1)!, end = Day(year: 2027, month: 5, day: 31)!
        d.pairs = [
            .init(mentors: ["Кузнецова Ольга Ивановна, учитель математики"], mentees: ["Иванова Мария Петровна, учитель математики"], form: .teacherTeacher, kind: .traditional, start: start, end: end),
            .init(mentors: ["Орлов Павел Андреевич, учитель истории"], mentees: ["Смирнов Артём, обучающийся 7Б класса", "Попов Илья, обучающийся 7Б класса"], form: .teacherStudent, kind: .group, start: start, end: end),
        ]
        d.programmePair = d.pairs[0]
        let programme = Programme(mentorshipID: UUID(), goals: "Адаптация молодого специалиста в коллективе", expectedResults: "Проведён открытый урок", start: start, end: end, status: .approved,
            approvedOn: Day(year: 2026, month: 9, day: 10), approvedBy: "Петров Иван Сергеевич", approverRole: .director)
        d.programme = programme
        d.tasks = [
            ProgrammeTask(programmeID: programme.id, stage: .adaptation, title: "Знакомство с локальными актами школы", deadline: Day(year: 2026, month: 9, day: 15)!, responsible: "наставляемый"),
            ProgrammeTask(programmeID: programme.id, stage: .main, title: "Посещение уроков наставника", deadline: Day(year: 2026, month: 10, day: 15)!, responsible: "наставник"),
        ]
        // Appendix 2 of the pairs order: the first pair's approved programme; the second has none yet.
        d.pairs[0].programme = programme
        d.pairs[0].tasks = d.tasks
        d.person = Person(lastName: "Смирнов", firstName: "Артём", middleName: "Олегович", birthDate: Day(year: 2013, month: 5, day: 10)!)
        return d
    }
}
