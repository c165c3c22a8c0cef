import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

extension RecognitionCriteria: Content {}
extension MentorMerit: Content {}

struct RecognitionInput: Content {
    var incentive: String?
    var kind: String?
    var minCompletedMentorships: FlexibleInt?
    var minTrainingHours: FlexibleInt?
    /// «8,5» or «8.5»; blank — not required.
    var minSatisfaction: String?
    var requiresContestWin: String?
}

/// A mentor measured against one incentive's criteria.
struct RecognitionCandidate: Content {
    var merit: MentorMerit
    var name: String
    var organisation: String
    var eligible: Bool
    var missing: [String]
}

/// Recognition (seed 002 item 8.1): incentives with criteria set by the municipality or region, and the mentors
/// whose record (pairs completed, training, mentees' satisfaction, contest wins) supports a nomination.
enum RecognitionService {
    static func node(_ c: RecognitionCriteria) -> Placement { Placement(regionID: c.regionID, municipalityID: c.municipalityID) }

    static func list(_ req: Request) async throws -> [RecognitionCriteria] {
        let actor = try req.user.actor
        return try await RecognitionCriteriaRecord.query(on: req.db).all().map { try $0.core }
            .filter { CommunityScope.mayOrganise(actor, .contest, node($0)) || CommunityScope.inside(node($0), actor.placement) }
            .sorted { $0.incentive < $1.incentive }
    }

    static func create(_ req: Request, _ input: RecognitionInput) async throws -> RecognitionCriteria {
        let actor = try req.user.actor
        guard actor.role == .municipalCoordinator || actor.role == .regionalOperator else {
            throw Abort(.forbidden, reason: "Критерии поощрения устанавливают муниципалитет и регион.")
        }
        var r = InputReader()
        let kind: IncentiveKind? = r.choice(input.kind, "kind", "Выберите вид поощрения.", default: .nonMaterial)
        let completed = r.int(input.minCompletedMentorships, "minCompletedMentorships", "Укажите число завершённых пар.", default: 0)
        let hours = r.int(input.minTrainingHours, "minTrainingHours", "Укажите часы обучения.", default: 0)
        var satisfaction: Double?
        if let s = input.minSatisfaction.nonBlank {
            satisfaction = Double(s.replacingOccurrences(of: ",", with: "."))
            if satisfaction == nil { r.issues.append(.init("minSatisfaction", "Удовлетворённость — число от 1 до 10, например 8,5.")) }
        }
        try r.check()
        let place = actor.placement
        let c = RecognitionCriteria(
            regionID: place.regionID, municipalityID: actor.role == .municipalCoordinator ? place.municipalityID : nil, incentive: input.incentive.nonBlank ?? "",
            kind: kind!, minCompletedMentorships: completed!, minTrainingHours: hours!, minSatisfaction: satisfaction,
            requiresContestWin: input.requiresContestWin == "true")
        try ValidationError.check(RecognitionRules.validate(c))
        try await RecognitionCriteriaRecord(c).create(on: req.db)
        return c
    }

    static func require(_ req: Request, _ id: UUID) async throws -> RecognitionCriteria {
        guard let c = try await RecognitionCriteriaRecord.find(id, on: req.db)?.core, try await list(req).contains(c) else {
            throw Abort(.notFound, reason: "Критерии поощрения не найдены или недоступны вам.")
        }
        return c
    }

    /// Every mentor of the caller's base, measured against the criteria; those who qualify first.
    static func candidates(_ req: Request, _ c: RecognitionCriteria) async throws -> [RecognitionCandidate] {
        var query = BaseQuery()
        query.format = "csv"  // every row, not a page
        let (rows, _) = try await BasesController.mentorRows(req, query)
        let ids = rows.map(\.person.id)
        let parts = try await MentorshipStore.all(ParticipantRecord.self, req.db, \.$personID, in: ids)
        let mentorships = try await MentorshipStore.find(MentorshipRecord.self, req.db, ids: parts.map(\.mentorshipID)).map(\.core)
        let files = try await MentorshipStore.files(req.db, mentorships)
        let training = try await TrainingService.records(req.db, ids)
        let wins = try await ContestService.wins(req.db, ids)
        var seen = Set<UUID>()
        return rows.filter { seen.insert($0.person.id).inserted }.map { r in
            let merit = RecognitionRules.merit(personID: r.person.id, files: files, trainingHours: training[r.person.id]?.hours ?? 0, contestWins: wins[r.person.id] ?? 0)
            let missing = RecognitionRules.missing(merit, for: c)
            return RecognitionCandidate(merit: merit, name: r.person.fullName, organisation: r.organisation.shortName, eligible: missing.isEmpty, missing: missing)
        }.sorted { ($0.eligible ? 0 : 1, $0.missing.count, $0.name) < ($1.eligible ? 0 : 1, $1.missing.count, $1.name) }
    }
}

struct RecognitionController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("recognition", use: list)
        routes.get("recognition", ":id", use: candidates)
        ActionForm<RecognitionInput>(
            title: "Критерии поощрения наставников", submit: "Сохранить", back: { _ in ("Поощрение наставников", "/recognition") },
            initial: { _ in RecognitionInput(kind: IncentiveKind.nonMaterial.rawValue, minCompletedMentorships: FlexibleInt(1), minTrainingHours: FlexibleInt(16)) },
            fields: { _, i in
                [
                    FormField("incentive", "Поощрение", value: i.incentive, required: true, hint: "например: нагрудный знак «За наставничество», благодарственное письмо, стимулирующая выплата"),
                    .choice("kind", "Вид", IncentiveKind.self, value: i.kind, blank: nil),
                    FormField("minCompletedMentorships", "Завершённых пар (групп), не меньше", .number, value: i.minCompletedMentorships?.value.map(String.init)),
                    FormField("minTrainingHours", "Часов обучения в школе наставников, не меньше", .number, value: i.minTrainingHours?.value.map(String.init)),
                    FormField("minSatisfaction", "Удовлетворённость наставляемых (итоговые анкеты), не ниже", value: i.minSatisfaction, hint: "от 1 до 10; пусто — не учитывается"),
                    FormField("requiresContestWin", "Нужна победа в конкурсе наставников", .checkbox, value: i.requiresContestWin),
                ]
            },
            perform: { req, input in
                let c = try await RecognitionService.create(req, input)
                return ("/recognition/\(c.id)", "Критерии «\(c.incentive)» сохранены.")
            }
        ).register(routes, ["recognition", "new"])
    }

    @Sendable func list(req: Request) async throws -> Response {
        let all = try await RecognitionService.list(req)
        let role = try req.user.actor.role
        let html = Layout.page(try req.page(), title: "Поощрение наставников",
                               actions: RouteAccess.territoryOrganisers.permits(role) ? [link("/recognition/new", "Добавить поощрение", class: "btn primary")] : []) {
            Layout.table(["Поощрение", "Вид", "Условия"], all.map { c in
                [link("/recognition/\(c.id)", c.incentive), .text(c.kind.label), .text(c.conditions.joined(separator: "; "))]
            }, empty: "Критерии поощрения ещё не установлены.")
        }
        return req.html(html)
    }

    @Sendable func candidates(req: Request) async throws -> Response {
        let c = try await RecognitionService.require(req, try req.uuid("id"))
        let list = try await RecognitionService.candidates(req, c)
        let headers = ["ФИО", "Организация", "Завершённых пар", "Часов обучения", "Удовлетворённость", "Побед", "Итог"]
        let texts = list.map { x in
            [x.name, x.organisation, "\(x.merit.completedMentorships)", "\(x.merit.trainingHours)", x.merit.satisfaction.map { RussianNumber.decimal($0, digits: 1) } ?? "—",
             "\(x.merit.contestWins)", x.eligible ? "может быть представлен(а)" : "не хватает: " + x.missing.joined(separator: "; ")]
        }
        if req.query[String.self, at: "format"] != nil { return try req.export(CSVTable(headers: headers, rows: texts), name: "Представление к поощрению — \(c.incentive)") }
        let html = Layout.page(try req.page(), title: c.incentive, breadcrumbs: [("Поощрение наставников", "/recognition")], actions: req.exportLinks) {
            el("p") { "\(c.kind.label.prefix(1).uppercased() + c.kind.label.dropFirst()) поощрение. Условия: \(c.conditions.joined(separator: "; "))." }
            el("p", ["class": "muted"]) { "Могут быть представлены: \(list.filter(\.eligible).count) из \(RussianPlural.count(list.count, "наставника", "наставников", "наставников")) в вашей зоне." }
            Layout.table(headers, texts.map { $0.map { Node.text($0) } }, empty: "В базе наставников никого нет.")
        }
        return req.html(html)
    }
}
