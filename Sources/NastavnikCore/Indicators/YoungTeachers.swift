import Foundation

/// Предметная область of a teacher's subjects, for seed 002's collection «по округам и предметным областям».
public enum SubjectArea: String, Labelled {
    case primary, russian, foreign, native, maths, social, science, arts, technology, sport, other
    public var label: String {
        switch self {
        case .primary: "начальное общее образование"
        case .russian: "русский язык и литература"
        case .foreign: "иностранные языки"
        case .native: "родной язык и литература"
        case .maths: "математика и информатика"
        case .social: "общественно-научные предметы"
        case .science: "естественно-научные предметы"
        case .arts: "искусство"
        case .technology: "технология"
        case .sport: "физическая культура и ОБЗР"
        case .other: "другие (без предмета)"
        }
    }

    /// The area of the first subject that names one; «другие» when none does.
    public static func of(_ subjects: [String]) -> SubjectArea {
        for s in subjects.map({ $0.lowercased() }) {
            if s.contains("начальн") { return .primary }
            if s.contains("русск") { return .russian }
            if s.contains("английск") || s.contains("немецк") || s.contains("французск") || s.contains("китайск") || s.contains("иностран") { return .foreign }
            if s.contains("удмуртск") || s.contains("родн") || s.contains("татарск") { return .native }
            if s.contains("литератур") { return .russian }
            if s.contains("математ") || s.contains("алгебр") || s.contains("геометр") || s.contains("информат") { return .maths }
            if s.contains("истори") || s.contains("обществ") || s.contains("географ") || s.contains("прав") || s.contains("эконом") { return .social }
            if s.contains("физик") && !s.contains("физическ") || s.contains("хими") || s.contains("биолог") || s.contains("естествозн") || s.contains("астроном") { return .science }
            if s.contains("музык") || s.contains("изобразит") || s.contains("искусств") || s.contains("мхк") { return .arts }
            if s.contains("технолог") || s.contains("труд") { return .technology }
            if s.contains("физическ") || s.contains("безопасн") || s.contains("обж") || s.contains("обзр") { return .sport }
        }
        return .other
    }
}

/// One line of seed 002's table: a district and a subject area on a date.
public struct YoungTeacherLine: Sendable, Equatable, Codable {
    public var municipalityID: UUID
    public var municipality: String
    public var area: SubjectArea
    /// Молодые педагогические работники (стаж от 0 до 3 лет).
    public var young: Int
    /// Педагоги-наставники: mentors in the base.
    public var mentors: Int
    /// Молодые педагоги, имеющие наставников: a mentee in a working pair or group on the date.
    public var youngWithMentor: Int
    /// Молодые педагоги с категорией, имеющие наставников.
    public var youngWithCategoryAndMentor: Int

    public init(municipalityID: UUID, municipality: String, area: SubjectArea, young: Int, mentors: Int, youngWithMentor: Int, youngWithCategoryAndMentor: Int) {
        self.municipalityID = municipalityID
        self.municipality = municipality
        self.area = area
        self.young = young
        self.mentors = mentors
        self.youngWithMentor = youngWithMentor
        self.youngWithCategoryAndMentor = youngWithCategoryAndMentor
    }
}

extension IndicatorEvaluator {
    /// Seed 002's collection at the node: for each district (municipality) and subject area, young teachers,
    /// mentors, young teachers with a mentor, and those of them with a qualification category.
    public func youngTeachers(municipalities: [UUID: String]) -> [YoungTeacherLine] {
        let orgMunicipality = Dictionary(data.organisations.map { ($0.id, $0.municipalityID) }, uniquingKeysWith: { a, _ in a })
        let subjectsByPlace = Dictionary(data.memberships.filter { $0.period.contains(date) }.map { ([$0.personID, $0.organisationID], $0.subjects) }, uniquingKeysWith: { a, _ in a })
        func key(_ person: UUID, _ org: UUID) -> String? {
            guard let mun = orgMunicipality[org] else { return nil }
            return "\(mun)|\(SubjectArea.of(subjectsByPlace[[person, org]] ?? []).rawValue)"
        }
        // With a mentor: a current mentee of a pair or group working on the date.
        let working = Set(data.mentorships.filter { $0.status != .forming && $0.start <= date && ($0.actualEnd.map { $0 >= date } ?? true) }.map(\.id))
        let mentored = Set(data.participants.filter { $0.role == .mentee && working.contains($0.mentorshipID) && $0.joinedOn <= date && ($0.leftOn.map { $0 > date } ?? true) }.map(\.personID))
        let categories: Set<QualificationCategory> = [.first, .highest, .methodist, .mentorTeacher]
        var lines: [String: YoungTeacherLine] = [:]
        func line(_ k: String) -> YoungTeacherLine {
            let parts = k.split(separator: "|")
            let mun = UUID(uuidString: String(parts[0]))!
            return lines[k] ?? YoungTeacherLine(municipalityID: mun, municipality: municipalities[mun] ?? "—", area: SubjectArea(rawValue: String(parts[1]))!,
                                                young: 0, mentors: 0, youngWithMentor: 0, youngWithCategoryAndMentor: 0)
        }
        for person in youngSpecialists {
            guard let org = staffPlace[person], let k = key(person, org) else { continue }
            var l = line(k)
            l.young += 1
            if mentored.contains(person) {
                l.youngWithMentor += 1
                if let c = data.people[person]?.category, categories.contains(c) { l.youngWithCategoryAndMentor += 1 }
            }
            lines[k] = l
        }
        for m in mentors {
            guard let k = key(m.personID, m.organisationID) else { continue }
            var l = line(k)
            l.mentors += 1
            lines[k] = l
        }
        let areas = SubjectArea.allCases
        return lines.values.sorted {
            $0.municipality != $1.municipality ? Self.before($0.municipality, $1.municipality) : areas.firstIndex(of: $0.area)! < areas.firstIndex(of: $1.area)!
        }
    }
}
