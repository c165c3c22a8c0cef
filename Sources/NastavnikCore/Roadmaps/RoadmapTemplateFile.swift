import Foundation

/// A roadmap template as a spreadsheet, so that a municipality or region can give its schools its own:
/// download the standard one, change it in Excel, upload it back.
public enum RoadmapTemplateFile {
    /// The columns every file has; the two after them (`optionalHeaders`) may be left out, as in files made before them.
    public static let headers = ["Этап", "Название этапа", "№", "Мероприятие", "Сроки", "Ответственные", "Результат", "Срок: месяц учебного года (0 — сентябрь … 11 — август)"]
    public static let optionalHeaders = ["Срок: число месяца (пусто — последний день)", "Со второго года: месяц срока (пусто — тот же)"]

    /// One row per event.
    public static func rows(_ stages: [RoadmapTemplateStage]) -> [[String]] {
        stages.flatMap { s in s.events.map { e in
            ["\(s.number)", s.title, "\(e.number)", e.title, e.timing, e.responsible, e.evidence, "\(e.monthOffset)", e.dueDay.map(String.init) ?? "", e.laterMonthOffset.map(String.init) ?? ""]
        } }
    }

    /// The stages of an uploaded table (its first row the headers above, in this order), or every problem
    /// with its row number.
    public static func parse(_ table: [[String]]) -> Result<[RoadmapTemplateStage], ValidationError> {
        guard let header = table.first, header.count >= headers.count,
              zip(header, headers).allSatisfy({ $0.trimmed.lowercased() == $1.lowercased() }) else {
            return .failure(ValidationError("file", "Первая строка должна содержать столбцы: " + headers.map { "«\($0)»" }.joined(separator: ", ") + ". Скачайте типовой шаблон и заполните его."))
        }
        var issues: [FieldIssue] = []
        var stages: [RoadmapTemplateStage] = []
        var numbers = Set<Int>()
        for (offset, cells) in table.dropFirst().enumerated() where cells.contains(where: { !$0.trimmed.isEmpty }) {
            let row = offset + 2
            let cell = { (i: Int) in i < cells.count ? cells[i].trimmed : "" }
            guard let stage = Int(cell(0)), stage >= 1 else { issues.append(.init("file", "Строка \(row): номер этапа «\(cell(0))» — не целое число от 1.")); continue }
            guard let number = Int(cell(2)), number >= 1 else { issues.append(.init("file", "Строка \(row): номер мероприятия «\(cell(2))» — не целое число от 1.")); continue }
            guard let month = Int(cell(7)), (0...11).contains(month) else { issues.append(.init("file", "Строка \(row): месяц срока «\(cell(7))» — должно быть число от 0 (сентябрь) до 11 (август).")); continue }
            if cell(1).isEmpty { issues.append(.init("file", "Строка \(row): не указано название этапа.")) }
            if cell(3).isEmpty { issues.append(.init("file", "Строка \(row): не указано мероприятие.")) }
            if cell(5).isEmpty { issues.append(.init("file", "Строка \(row): не указаны ответственные.")) }
            if !numbers.insert(number).inserted { issues.append(.init("file", "Строка \(row): мероприятие № \(number) уже есть выше.")) }
            let dueDay = Int(cell(8)), later = Int(cell(9))
            if !cell(8).isEmpty, !(1...31).contains(dueDay ?? 0) { issues.append(.init("file", "Строка \(row): число месяца «\(cell(8))» — должно быть от 1 до 31 или пусто.")) }
            if !cell(9).isEmpty, !(0...11).contains(later ?? -1) { issues.append(.init("file", "Строка \(row): месяц со второго года «\(cell(9))» — должно быть число от 0 до 11 или пусто.")) }
            let event = RoadmapTemplateEvent(number: number, title: cell(3), timing: cell(4).isEmpty ? "в течение учебного года" : cell(4), responsible: cell(5), evidence: cell(6), monthOffset: month,
                                             dueDay: dueDay, laterMonthOffset: later)
            if let i = stages.firstIndex(where: { $0.number == stage }) { stages[i].events.append(event) } else { stages.append(RoadmapTemplateStage(number: stage, title: cell(1), events: [event])) }
        }
        if stages.isEmpty, issues.isEmpty { issues.append(.init("file", "В файле нет ни одного мероприятия.")) }
        return issues.isEmpty ? .success(stages.sorted { $0.number < $1.number }) : .failure(ValidationError(issues))
    }
}
