import Foundation
import NastavnikOffice
import Testing

@testable import NastavnikCore

private enum Fx {
    static let today = Day(year: 2026, month: 11, day: 25)!
    static let municipality = Municipality(regionID: UUID(), name: "г. Ижевск")
    static let school = Organisation(municipalityID: municipality.id, kind: .school, name: "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 12»", shortName: "МБОУ СОШ № 12", inn: "1831000012")
    static let other = Organisation(municipalityID: municipality.id, kind: .school, name: "Школа № 5", shortName: "МБОУ СОШ № 5")

    static func context(people: [Person] = [], memberships: [Membership] = [], consents: [Consent] = [], mentees: [MenteeProfile] = []) -> ImportContext {
        ImportContext(today: today, organisations: [school], municipalities: [municipality], people: people, memberships: memberships, consents: consents, menteeProfiles: mentees)
    }

    static let staffHeader = ["Фамилия*", "Имя", "Отчество", "дата рождения (дд.мм.гггг)", "СНИЛС", "Организация", "Должность", "Начало педагогического стажа", "Дата согласия", "Что-то своё"]
    static func staff(_ last: String = "Иванова", birth: String = "14.03.1998", snils: String = "", org: String = "МБОУ СОШ № 12", consent: String = "02.09.2026") -> [String] {
        [last, "Мария", "Петровна", birth, snils, org, "учитель математики", "01.09.2021", consent, "x"]
    }
}

@Suite("Import: column mapping, row errors, re-import")
struct ImportPlannerTests {
    @Test("Russian headers are recognised despite case, «*», remarks and aliases; unknown ones are listed")
    func mapping() {
        let m = ImportMapping.detect([[], Fx.staffHeader], kind: .staff)
        #expect(m.headerRow == 2)
        #expect(m.index["lastName"] == 0)
        #expect(m.index["birthDate"] == 3)
        #expect(m.index["consentSignedOn"] == 8)
        #expect(m.ignored == ["Что-то своё"])
        #expect(m.missing.isEmpty)
    }

    @Test("A file without a required column imports nothing and says which column is missing")
    func missingColumn() {
        let plan = ImportPlanner.plan([["Фамилия", "Имя"], ["Иванова", "Мария"]], kind: .staff, context: Fx.context())
        #expect(plan.rows.isEmpty)
        #expect(plan.issues.map(\.message) == ["В файле нет обязательного столбца «Дата рождения»."])
    }

    @Test("A file in the wrong encoding (KOI8-R read as Windows-1251) is refused with a hint about the encoding")
    func wrongEncoding() throws {
        // `printf 'Фамилия;Имя;Дата рождения\r\nЁлкина;Мария;01.02.1990\r\n' | iconv -f utf-8 -t koi8-r`
        let koi8: [UInt8] = [230, 193, 205, 201, 204, 201, 209, 59, 233, 205, 209, 59, 228, 193, 212, 193, 32, 210, 207, 214, 196, 197, 206, 201, 209, 13, 10,
                             179, 204, 203, 201, 206, 193, 59, 237, 193, 210, 201, 209, 59, 48, 49, 46, 48, 50, 46, 49, 57, 57, 48, 13, 10]
        let table = try TextTable.rows(Data(koi8), filename: "сотрудники.csv")
        let plan = ImportPlanner.plan(table, kind: .staff, context: Fx.context())
        #expect(plan.rows.isEmpty)
        #expect(!plan.fileIsUsable)
        let first = try #require(plan.issues.first)
        #expect(first.message.contains("другой кодировке"))
        #expect(first.value == table[0][0])
        #expect(plan.issues.contains { $0.message == "В файле нет обязательного столбца «Фамилия»." })
        // A file with some known headers is not blamed on the encoding.
        #expect(!ImportPlanner.plan([["Фамилия", "Имя"], ["Иванова", "Мария"]], kind: .staff, context: Fx.context()).issues.contains { $0.message.contains("кодировке") })
    }

    @Test("Bad date, unknown organisation and a duplicate row give row-level errors with row, column and value")
    func rowErrors() {
        let table = [Fx.staffHeader, Fx.staff(), Fx.staff("Петрова", birth: "31.02.1990"), Fx.staff("Сидорова", org: "Школа № 999"), Fx.staff()]
        let plan = ImportPlanner.plan(table, kind: .staff, context: Fx.context())
        #expect(plan.dataRows == 4)
        #expect(plan.rows.map(\.row) == [2])
        let byRow = Dictionary(grouping: plan.issues, by: \.row)
        #expect(byRow[3]?.first?.column == "Дата рождения")
        #expect(byRow[3]?.first?.value == "31.02.1990")
        #expect(byRow[4]?.first?.column == "Организация")
        #expect(byRow[4]?.first?.message.contains("не найдена") == true)
        #expect(byRow[5]?.first?.message == "Строка повторяет строку 2: та же запись встречается в файле дважды.")
    }

    @Test("A name four schools share in different municipalities is a row error naming them (municipality, INN) — unless the row's municipality or INN fixes it")
    func ambiguousOrganisation() throws {
        let votkinsk = Municipality(regionID: UUID(), name: "г. Воткинск")
        let twin = Organisation(municipalityID: votkinsk.id, kind: .school, name: "Средняя школа № 12 Воткинска", shortName: "МБОУ СОШ № 12", inn: "1828000012")
        let context = ImportContext(today: Fx.today, organisations: [Fx.school, twin], municipalities: [Fx.municipality, votkinsk])
        let header = ["Фамилия", "Имя", "Отчество", "Дата рождения", "Организация", "Муниципалитет организации", "Должность"]
        func row(_ last: String, _ org: String, _ municipality: String) -> [String] { [last, "Анна", "Ивановна", "01.02.1990", org, municipality, "учитель"] }
        let plan = ImportPlanner.plan([header, row("Неясная", "МБОУ СОШ № 12", ""), row("Ижевская", "МБОУ СОШ № 12", "г. Ижевск"),
                                       row("Воткинская", "1828000012", ""), row("Чужая", "МБОУ СОШ № 12", "г. Сарапул")], kind: .staff, context: context)
        let byRow = Dictionary(grouping: plan.issues, by: \.row)
        let ambiguous = try #require(byRow[2]?.first)
        #expect(ambiguous.column == "Организация")
        #expect(ambiguous.message == "Организаций «МБОУ СОШ № 12» несколько: г. Воткинск, ИНН 1828000012; г. Ижевск, ИНН 1831000012. Укажите ИНН организации или заполните столбец «Муниципалитет организации».")
        #expect(plan.rows.map(\.row) == [3, 4])
        #expect(plan.rows.first { $0.row == 3 }?.membership?.organisationID == Fx.school.id)
        #expect(plan.rows.first { $0.row == 4 }?.membership?.organisationID == twin.id)
        #expect(byRow[5]?.first?.column == "Муниципалитет организации")
        // One school of that name in scope: the name alone is enough, as before.
        #expect(ImportPlanner.plan([header, row("Одна", "МБОУ СОШ № 12", "")], kind: .staff, context: Fx.context()).issues.isEmpty)
    }

    @Test("A mentee row may date its entry into the base; a future date or one before the place began is a row error")
    func datedBaseEntry() throws {
        let header = ["Фамилия", "Имя", "Отчество", "Дата рождения", "Организация", "Должность", "Работает с", "Дата согласия", "Основной запрос", "Включён в базу"]
        func row(_ last: String, _ entered: String) -> [String] { [last, "Анна", "Ивановна", "01.02.1998", "МБОУ СОШ № 12", "учитель", "01.09.2024", "02.09.2024", "методическая помощь", entered] }
        let plan = ImportPlanner.plan([header, row("Прошлая", "15.09.2024"), row("Сегодняшняя", ""), row("Будущая", "01.01.2027")], kind: .mentees, context: Fx.context())
        #expect(plan.rows.first { $0.row == 2 }?.mentee?.enteredOn == Day("2024-09-15"))
        #expect(plan.rows.first { $0.row == 3 }?.mentee?.enteredOn == Fx.today)
        #expect(plan.issues.first { $0.row == 4 }?.message == "Дата включения в базу 01.01.2027 ещё не наступила.")
        #expect(plan.issues.first { $0.row == 4 }?.column == "Включён в базу")
    }

    @Test("Planned a part at a time, a file gives the rows and problems it gives planned whole, whatever the part size")
    func inParts() {
        var table = [Fx.staffHeader]
        for i in 0..<40 {
            let snils = Snils.make(String(format: "%09d", 200_000_000 + i).compactMap(\.wholeNumberValue))
            let birth = String(format: "%02d.%02d.1985", 1 + i % 28, 1 + i / 28)
            switch i % 8 {
            case 3: table.append(Fx.staff("Петрова", birth: "31.02.1990"))
            case 5: table.append(Fx.staff("Сидорова", birth: birth, org: "Школа № 999"))
            case 6: table.append(table[table.count - 4])  // repeats a row three rows up
            default: table.append(Fx.staff(birth: birth, snils: i % 2 == 0 ? snils : ""))
            }
        }
        let whole = ImportPlanner.plan(table, kind: .staff, context: Fx.context())
        #expect(whole.dataRows == 40)
        #expect(whole.rowsWithIssues == 15)
        for size in [1, 3, 7, 39, 40, ImportPlanning.wholeFile] {
            var planning = ImportPlanning(table, kind: .staff, context: Fx.context())
            var rows: [PlannedRow] = [], issues: [RowIssue] = [], parts = 0
            while let part = planning.next(size) {
                rows += part.rows
                issues += part.issues
                parts += 1
                #expect(planning.rowsPlanned == min(parts * min(size, 40), 40))
            }
            #expect(parts == (40 + min(size, 40) - 1) / min(size, 40))
            #expect(issues == whole.issues)
            #expect(rows.map(\.row) == whole.rows.map(\.row))
            #expect(rows.map { $0.person?.fullName } == whole.rows.map { $0.person?.fullName })
            #expect(rows.map { $0.person?.snils } == whole.rows.map { $0.person?.snils })
            #expect(planning.next(size) == nil)
        }
        // A file without a required column has its problem before any row is planned, and no parts.
        var unusable = ImportPlanning([["Фамилия", "Имя"], ["Иванова", "Мария"]], kind: .staff, context: Fx.context())
        #expect(!unusable.fileIsUsable)
        #expect(unusable.fileIssues.map(\.column) == ["Дата рождения"])
        #expect(unusable.next(10) == nil)
    }

    @Test("A minor enters the base of mentees only with a parent's consent")
    func minorNeedsParentConsent() {
        let header = ["Фамилия", "Имя", "Дата рождения", "Организация", "Класс", "Основной запрос", "Дата согласия", "Кто подписал согласие", "Законный представитель (ФИО)"]
        let table = [
            header,
            ["Смирнов", "Артём", "10.05.2013", "МБОУ СОШ № 12", "7Б", "профориентация", "", "", ""],
            ["Кузнецова", "Дарья", "11.06.2013", "МБОУ СОШ № 12", "7Б", "профориентация", "01.09.2026", "субъект персональных данных", ""],
            ["Попов", "Илья", "12.07.2013", "МБОУ СОШ № 12", "7Б", "профориентация", "01.09.2026", "родитель", "Попова Анна Сергеевна"],
        ]
        let plan = ImportPlanner.plan(table, kind: .mentees, context: Fx.context())
        #expect(plan.rows.map(\.row) == [4])
        #expect(plan.issues.first { $0.row == 2 }?.message.contains("согласия родителя") == true)
        #expect(plan.issues.first { $0.row == 3 }?.message == "За несовершеннолетнего согласие даёт родитель или иной законный представитель.")
        let row = plan.rows[0]
        #expect(row.membership?.role == .student)
        #expect(row.consent?.signer == .parent)
        #expect(row.mentee?.mainRequest == .career)
    }

    @Test("Re-importing the same rows finds the people (by SNILS, else ФИО + birth date + organisation) and changes nothing")
    func reimport() {
        let snils = Snils.make([1, 1, 2, 2, 3, 3, 4, 4, 5])
        let table = [Fx.staffHeader, Fx.staff(snils: snils), Fx.staff("Петрова")]
        let first = ImportPlanner.plan(table, kind: .staff, context: Fx.context())
        #expect(first.issues.isEmpty)
        #expect(first.created == 2)
        let people = first.rows.compactMap(\.person)
        let memberships = first.rows.compactMap(\.membership)
        let consents = first.rows.compactMap(\.consent)
        let again = ImportPlanner.plan(table, kind: .staff, context: Fx.context(people: people, memberships: memberships, consents: consents))
        #expect(again.issues.isEmpty)
        #expect(again.created == 0)
        #expect(again.updated == 0)
        #expect(again.unchanged == 2)
        #expect(again.rows.map { $0.person?.id } == people.map(\.id))

        var changed = table
        changed[1][6] = "заместитель директора"
        changed[2][2] = "Ивановна"  // the middle name is part of the identity: a different person
        let third = ImportPlanner.plan(changed, kind: .staff, context: Fx.context(people: people, memberships: memberships, consents: consents))
        #expect(third.updated == 1)
        #expect(third.created == 1)
        #expect(third.rows[0].membership?.position == "заместитель директора")
    }

    @Test("Organisations: municipality must be in scope, INN is checked and is the key for updates")
    func organisations() {
        let header = ["Муниципалитет", "Полное наименование", "Краткое наименование", "ИНН", "Вид организации"]
        let table = [
            header,
            ["г. Ижевск", "Школа № 12 (новое имя)", "МБОУ СОШ № 12", "1831000012", ""],
            ["г. Сарапул", "Школа", "Школа", "", ""],
            ["г. Ижевск", "Детский сад № 1", "МБДОУ № 1", "12345", "детский сад"],
            ["г. Ижевск", "Детский сад № 2", "МБДОУ № 2", "", "детский сад"],
        ]
        let plan = ImportPlanner.plan(table, kind: .organisations, context: Fx.context())
        #expect(plan.rows.map(\.row) == [2, 5])
        #expect(plan.rows[0].oldOrganisation?.id == Fx.school.id)
        #expect(plan.rows[0].organisation?.name == "Школа № 12 (новое имя)")
        #expect(plan.rows[1].organisation?.kind == .preschool)
        #expect(plan.issues.first { $0.row == 3 }?.message == "Муниципалитет не найден среди доступных вам.")
        #expect(plan.issues.first { $0.row == 4 }?.column == "ИНН")
    }

    @Test("Labelled values match despite dashes, case and a remark; lists split on «;»")
    func labelledValues() {
        #expect(ImportText.labelled("Учитель-учитель", MentorshipForm.self) == .teacherTeacher)
        #expect(ImportText.labelled("педагог – педагог", MentorshipForm.self) == .teacherTeacher)
        #expect(ImportText.labelled("ВЫСШЕЕ ПЕДАГОГИЧЕСКОЕ", EducationLevel.self) == .higherPedagogical)
        #expect(ImportText.labelled("нечто", EducationLevel.self) == nil)
        #expect(ImportText.list("математика; физика, астрономия") == ["математика", "физика, астрономия"])
        #expect(ImportText.list("математика, физика") == ["математика", "физика"])
    }
}

@Suite("Local acts registry rules")
struct LocalActRulesTests {
    let org = UUID()
    let today = Day(year: 2026, month: 11, day: 25)!

    @Test("Approval needs a number, a date not in the future, an approver, and a number not used this year")
    func approval() {
        let draft = LocalAct(organisationID: org, kind: .implementationOrder, title: "Приказ о внедрении", createdOn: today)
        let issues = LocalActRules.validateApproval(draft, number: " ", date: Day(year: 2026, month: 12, day: 1)!, approver: nil, taken: [], today: today)
        #expect(Set(issues.map(\.field)) == ["number", "date", "approver"])
        let taken = LocalActRules.validateApproval(draft, number: "45-О", date: today, approver: "Директор", taken: ["45-о"], today: today)
        #expect(taken.map(\.message) == ["Приказ № 45-О в этом году уже есть в реестре организации."])
        #expect(LocalActRules.validateApproval(draft, number: "46-о", date: today, approver: "Директор", taken: ["45-о"], today: today).isEmpty)
    }

    @Test("In force from its date until cancelled; drafts never")
    func inForce() {
        var act = LocalAct(organisationID: org, kind: .regulation, title: "Положение", number: "1", date: Day(year: 2026, month: 9, day: 1)!, status: .approved, createdOn: today)
        #expect(!act.isInForce(on: Day(year: 2026, month: 8, day: 31)!))
        #expect(act.isInForce(on: today))
        act.status = .cancelled
        act.cancelledOn = Day(year: 2026, month: 10, day: 1)!
        #expect(act.isInForce(on: Day(year: 2026, month: 9, day: 30)!))
        #expect(!act.isInForce(on: today))
        #expect(LocalActRules.kindsInForce([act], on: Day(year: 2026, month: 9, day: 15)!) == [.regulation])
        let draft = LocalAct(organisationID: org, kind: .roadmap, title: "Дорожная карта", createdOn: today)
        #expect(!draft.isInForce(on: today))
    }

    @Test("Consents and personalised programmes are never public; a pairs order names its pairs")
    func newAct() {
        let consent = LocalAct(organisationID: org, kind: .consent, title: "Согласие", isPublic: true, createdOn: today)
        #expect(Set(LocalActRules.validateNew(consent, today: today).map(\.field)) == ["isPublic", "personID"])
        let order = LocalAct(organisationID: org, kind: .pairsOrder, title: "Приказ о закреплении", createdOn: today)
        #expect(LocalActRules.validateNew(order, today: today).map(\.field) == ["mentorshipIDs"])
    }
}
