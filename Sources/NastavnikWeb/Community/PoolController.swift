import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

/// A mentor of the regional digital pool (seed 004) with what a coordinator chooses by.
struct PoolMentor: Content {
    var personID: UUID
    var name: String
    var organisation: String
    var municipality: String
    var competencies: [Competency]
    var subjects: [String]
    var forms: [MentorshipForm]
    var capacity: Int
    var training: TrainingStatus
    var trainingHours: Int
    var contestWins: Int
}

/// The regional pool: mentors who agreed to mentor beyond their organisation, across the caller's territory,
/// by competency, subject, municipality, form and training; the pool a region-scoped matching run draws on.
struct PoolController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("pool", use: page)
    }

    static func requireCoordinator(_ req: Request) throws {
        guard [.administrator, .regionalOperator, .municipalCoordinator].contains(try req.user.actor.role) else {
            throw Abort(.forbidden, reason: "Региональный пул наставников ведут региональный оператор и муниципальные координаторы.")
        }
    }

    static func mentors(_ req: Request) async throws -> ([PoolMentor], Pagination, BaseQuery) {
        try requireCoordinator(req)
        var query = try req.query.decode(BaseQuery.self)
        query.network = "true"
        let (rows, pagination) = try await BasesController.mentorRows(req, query)
        let ids = rows.map(\.person.id)
        let training = try await TrainingService.records(req.db, ids)
        let wins = try await ContestService.wins(req.db, ids)
        let muns = Dictionary(try await MunicipalityRecord.query(on: req.db).all().map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        return (rows.map { r in
            PoolMentor(personID: r.person.id, name: r.person.fullName, organisation: r.organisation.shortName, municipality: muns[r.organisation.municipalityID] ?? "—",
                       competencies: r.profile.competencies, subjects: r.membership?.subjects ?? [], forms: r.profile.forms, capacity: r.profile.capacity,
                       training: r.profile.training, trainingHours: training[r.person.id]?.hours ?? 0, contestWins: wins[r.person.id] ?? 0)
        }, pagination, query)
    }

    @Sendable func page(req: Request) async throws -> Response {
        let (mentors, pagination, query) = try await Self.mentors(req)
        let headers = ["ФИО", "Организация", "Муниципалитет", "Компетенции", "Предметы", "Формы", "Наставляемых до", "Обучение", "Побед в конкурсах"]
        let texts = mentors.map { m in
            [m.name, m.organisation, m.municipality, LabelledSet.labels(m.competencies), m.subjects.joined(separator: ", "), LabelledSet.labels(m.forms),
             "\(m.capacity)", m.training.label + (m.trainingHours > 0 ? ", \(m.trainingHours) ч" : ""), "\(m.contestWins)"]
        }
        if query.format != nil { return try req.export(CSVTable(headers: headers, rows: texts), name: "Региональный пул наставников") }
        let actor = try req.user.actor
        var mq = MunicipalityRecord.query(on: req.db).sort(\.$name)
        if let r = actor.placement.regionID { mq = mq.filter(\.$regionID == r) }
        if let m = actor.placement.municipalityID { mq = mq.filter(\.$id == m) }
        let municipalities = try await mq.all()
        let html = Layout.page(try req.page(), title: "Региональный пул наставников", actions: req.exportLinks) {
            el("p", ["class": "muted"]) {
                "Наставники, согласившиеся работать за пределами своей организации (сетевое наставничество). Подбор пар по пулу — в разделе "
                link("/matching", "«Подбор пар»")
                " с областью «регион» или «муниципалитет»."
            }
            Forms.filters(action: "/pool", fields: [
                FormField("q", "ФИО", value: query.q),
                FormField("municipalityID", "Муниципалитет", .select(municipalities.map { ($0.id!.uuidString, $0.name) }, blank: "Все"), value: query.municipalityID),
                FormField("subject", "Предмет", value: query.subject),
                .choice("competency", "Компетенция", Competency.self, value: query.competency, blank: "Все"),
                .choice("form", "Форма", MentorshipForm.self, value: query.form, blank: "Все"),
                .choice("training", "Обучение", TrainingStatus.self, value: query.training, blank: "Все"),
            ])
            Layout.table(headers, zip(mentors, texts).map { m, t in [link("/people/\(m.personID)", t[0])] + t.dropFirst().map { Node.text($0) } },
                         empty: "В пуле нет наставников по этим условиям.")
            pagination.render(path: "/pool", query: [("q", query.q ?? ""), ("municipalityID", query.municipalityID ?? ""), ("subject", query.subject ?? ""),
                                                     ("competency", query.competency ?? ""), ("form", query.form ?? ""), ("training", query.training ?? "")])
        }
        return req.html(html)
    }
}
