import Foundation
import Testing

@testable import NastavnikCore

/// Issue 23, defect 3: a row found by SNILS whose surname, first name or birth date differ from the stored person's
/// is a conflict — both versions reported, written only on the user's confirmation.
@Suite("Import: a SNILS match with another name or birth date is a conflict")
struct ImportConflictPlannerTests {
    static let today = Day(year: 2026, month: 11, day: 25)!
    static let municipality = Municipality(regionID: UUID(), name: "г. Ижевск")
    static let school = Organisation(municipalityID: municipality.id, kind: .school, name: "Школа № 12", shortName: "МБОУ СОШ № 12")
    static let snils = Snils.make([1, 1, 2, 2, 3, 3, 4, 4, 5])
    static let stored = Person(lastName: "Учителева", firstName: "Анна", middleName: "Петровна", birthDate: Day(year: 1980, month: 3, day: 15)!, snils: snils,
                               pedagogicalExperienceStart: Day(year: 2003, month: 9, day: 1)!)
    static let place = Membership(personID: stored.id, organisationID: school.id, role: .pedagogical, position: "учитель", period: Period(start: Day(year: 2024, month: 9, day: 1)!))
    static let header = ["Фамилия", "Имя", "Отчество", "Дата рождения", "СНИЛС", "Организация", "Должность", "Начало педагогического стажа"]

    static func row(_ last: String, _ first: String = "Анна", middle: String = "Петровна", birth: String = "15.03.1980", snils: String = snils, position: String = "учитель") -> [String] {
        // Experience from 2003 for those born before 1990, from 2021 for the young.
        [last, first, middle, birth, snils, "МБОУ СОШ № 12", position, birth.suffix(4) < "1990" ? "01.09.2003" : "01.09.2021"]
    }

    static func context(confirmed: Set<Int> = []) -> ImportContext {
        var c = ImportContext(today: today, organisations: [school], municipalities: [municipality], people: [stored], memberships: [place])
        c.confirmedConflicts = confirmed
        return c
    }

    @Test("Another surname, first name or birth date under a stored SNILS is a conflict with both versions; nothing of it is planned")
    func conflict() throws {
        for file in [Self.row("Иванова", "Мария", birth: "14.03.1998"), Self.row("Иванова"), Self.row("Учителева", "Мария"), Self.row("Учителева", birth: "16.03.1980")] {
            let plan = ImportPlanner.plan([Self.header, file], kind: .staff, context: Self.context())
            #expect(plan.issues.isEmpty)
            #expect(plan.rows.isEmpty, "\(file)")
            let c = try #require(plan.conflicts.first)
            #expect(plan.conflicts.count == 1)
            #expect(c.row == 2)
            #expect(c.stored == Self.stored)
            #expect(c.incoming.id == Self.stored.id)
            #expect(c.incoming.lastName == file[0])
            #expect(c.differences.prefix(2).map(\.field) == ["ФИО", "Дата рождения"])
            #expect(c.differences[0].stored == "Учителева Анна Петровна")
            #expect(c.differences[0].file == "\(file[0]) \(file[1]) Петровна")
            #expect(c.differences[1] == ImportDifference(field: "Дата рождения", stored: "15.03.1980", file: file[3]))
            #expect(plan.tally.conflicts.map(\.row) == [2])
            #expect(plan.tally.conflicts[0].message.hasPrefix("Не загружена: конфликт"))
            #expect(plan.tally.undecided(skipped: []) == [2])
            #expect(plan.tally.undecided(skipped: [2]).isEmpty)
        }
        // Other changed fields are listed too.
        let moved = ImportPlanner.plan([Self.header, Self.row("Иванова", position: "завуч")], kind: .staff, context: Self.context())
        #expect(moved.conflicts.first?.differences.contains(ImportDifference(field: "Должность", stored: "учитель", file: "завуч")) == true)
    }

    @Test("Case, «ё» and spaces in a name are not a conflict: the row is an ordinary update")
    func spellings() {
        let stored = Person(lastName: "Семёнова", firstName: "Анна Мария", birthDate: Day(year: 1980, month: 3, day: 15)!, snils: Self.snils)
        let place = Membership(personID: stored.id, organisationID: Self.school.id, role: .pedagogical, position: "учитель", period: Period(start: Day(year: 2024, month: 9, day: 1)!))
        let context = ImportContext(today: Self.today, organisations: [Self.school], people: [stored], memberships: [place])
        for (last, first) in [("СЕМЕНОВА", "анна мария"), ("Семенова", "АннаМария"), (" семёнова ", "Анна  Мария")] {
            let plan = ImportPlanner.plan([Self.header, Self.row(last, first, middle: "", position: "завуч")], kind: .staff, context: context)
            #expect(plan.conflicts.isEmpty, "\(last) \(first)")
            #expect(plan.rows.count == 1)
            #expect(plan.rows.first?.conflict == false)
            #expect(plan.rows.first?.person?.id == stored.id)
            #expect(plan.updated == 1)
        }
        // A middle name alone, or an unchanged row, is not a conflict either.
        #expect(ImportPlanner.plan([Self.header, Self.row("Учителева", middle: "Павловна")], kind: .staff, context: Self.context()).conflicts.isEmpty)
        #expect(ImportPlanner.plan([Self.header, Self.row("Учителева")], kind: .staff, context: Self.context()).unchanged == 1)
    }

    @Test("A confirmed conflict is an update of the stored person; without the confirmation even «only valid rows» leave it out")
    func confirmation() throws {
        let table = [Self.header, Self.row("Иванова", "Мария", birth: "14.03.1998"), Self.row("Новикова", "Елена", birth: "12.04.1999", snils: "")]
        let undecided = ImportPlanner.plan(table, kind: .staff, context: Self.context())
        // «Only the rows without errors» writes `rows`: the conflict is not among them.
        #expect(undecided.rows.map(\.row) == [3])
        #expect(undecided.conflicts.map(\.row) == [2])
        #expect(undecided.created == 1)
        #expect(undecided.updated == 0)

        let confirmed = ImportPlanner.plan(table, kind: .staff, context: Self.context(confirmed: [2]))
        #expect(confirmed.conflicts.isEmpty)
        #expect(confirmed.rows.map(\.row) == [2, 3])
        let row = try #require(confirmed.rows.first)
        #expect(row.conflict)
        #expect(row.oldPerson == Self.stored)
        #expect(row.person?.id == Self.stored.id)
        #expect(row.person?.lastName == "Иванова")
        #expect(row.person?.birthDate == Day(year: 1998, month: 3, day: 14))
        #expect(row.oldMembership == Self.place)
        #expect(!row.creates)
        #expect(row.updates)
        #expect(confirmed.updated == 1)
        #expect(confirmed.created == 1)
        // Confirming a row that is no conflict changes nothing.
        #expect(ImportPlanner.plan(table, kind: .staff, context: Self.context(confirmed: [3])).conflicts.map(\.row) == [2])
    }

    @Test("A conflict found in a later part is the same whatever the part size; a row repeating it is a duplicate")
    func inParts() {
        var table = [Self.header]
        for i in 0..<12 {
            table.append(Self.row("Петров\(["а", "ы", "ой", "у"][i % 4])", "Ольга", birth: String(format: "%02d.01.1970", i + 1), snils: ""))
        }
        table.append(Self.row("Иванова", "Мария", birth: "14.03.1998"))  // row 14
        table.append(Self.row("Иванова", "Мария", birth: "14.03.1998"))  // row 15: the same SNILS again
        for confirmed in [Set<Int>(), [14]] {
            let whole = ImportPlanner.plan(table, kind: .staff, context: Self.context(confirmed: confirmed))
            #expect(whole.conflicts.map(\.row) == (confirmed.isEmpty ? [14] : []))
            #expect(whole.issues.map(\.row) == [15])
            for size in [1, 2, 5, 13, 14, ImportPlanning.wholeFile] {
                var planning = ImportPlanning(table, kind: .staff, context: Self.context(confirmed: confirmed))
                var rows: [PlannedRow] = [], issues: [RowIssue] = [], conflicts: [ImportConflict] = []
                while let part = planning.next(size) {
                    rows += part.rows
                    issues += part.issues
                    conflicts += part.conflicts
                }
                #expect(conflicts == whole.conflicts, "part size \(size)")
                #expect(issues == whole.issues, "part size \(size)")
                #expect(rows.map(\.row) == whole.rows.map(\.row), "part size \(size)")
                #expect(rows.map(\.conflict) == whole.rows.map(\.conflict), "part size \(size)")
            }
        }
    }
}
