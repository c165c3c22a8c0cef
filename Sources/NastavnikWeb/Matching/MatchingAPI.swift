import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

struct Suggestions: Content {
    var menteeID: UUID
    var form: MentorshipForm
    var suggestions: [ProposedPair]
    var people: [NamedPerson]
}

struct ApprovedRun: Content {
    var run: RunDTO
    var mentorshipIDs: [UUID]
}

extension APIController {
    static let matchingOperations: [APIOperation] = [
        APIOperation(method: .GET, path: "/matching/runs", summary: "Подборы в зоне доступа", tag: "Подбор пар", response: .array(.ref("MatchingRun"))) { req in
            var out: [RunDTO] = []
            for r in try await MatchingService.list(req) { out.append(try await MatchingService.dto(req, r)) }
            return try out.response()
        },
        APIOperation(method: .POST, path: "/matching/runs", summary: "Подобрать пары: область, форма, режим, веса", tag: "Подбор пар", body: .ref("RunInput"), status: 201, response: .ref("MatchingRun")) { req in
            try await MatchingService.dto(req, try await MatchingService.create(req, try req.content.decode(RunInput.self))).response(.created)
        },
        APIOperation(method: .GET, path: "/matching/runs/{id}", summary: "Подбор с объяснением каждой пары", tag: "Подбор пар", response: .ref("MatchingRun")) { req in
            try await MatchingService.dto(req, try await MatchingService.requireRun(req, try req.uuid("id"), .read).0).response()
        },
        APIOperation(method: .POST, path: "/matching/runs/{id}/pairs", summary: "Закрепить, открепить, убрать пару, поменять наставников или выбрать наставника из списка", tag: "Подбор пар", body: .ref("PairAction"), response: .ref("MatchingRun")) { req in
            try await MatchingService.dto(req, try await MatchingService.act(req, try req.uuid("id"), try req.content.decode(PairAction.self))).response()
        },
        APIOperation(method: .POST, path: "/matching/runs/{id}/rerun", summary: "Пересчитать вокруг закреплённых пар", tag: "Подбор пар", response: .ref("MatchingRun")) { req in
            try await MatchingService.dto(req, try await MatchingService.rerun(req, try req.uuid("id"))).response()
        },
        APIOperation(method: .POST, path: "/matching/runs/{id}/approve", summary: "Утвердить: сформировать пары (группы) в статусе «формируется»", tag: "Подбор пар", response: .ref("ApprovedRun")) { req in
            let id = try req.uuid("id")
            let ids = try await MatchingService.approve(req, id)
            return try ApprovedRun(run: try await MatchingService.dto(req, try await MatchingService.requireRun(req, id, .read).0), mentorshipIDs: ids).response()
        },
        APIOperation(method: .POST, path: "/matching/runs/{id}/discard", summary: "Отклонить подбор", tag: "Подбор пар", response: .ref("MatchingRun")) { req in
            try await MatchingService.dto(req, try await MatchingService.discard(req, try req.uuid("id"))).response()
        },
        APIOperation(method: .GET, path: "/matching/suggestions", summary: "Пять лучших наставников для наставляемого", tag: "Подбор пар",
            query: [("menteeID", "Наставляемый (id человека)"), ("form", "Форма наставничества"), ("network", "true — и сетевые наставники других организаций")], response: .ref("Suggestions")) { req in
            guard let id = (req.query["menteeID"] as String?).flatMap({ UUID(uuidString: $0) }) else { throw ValidationError("menteeID", "Укажите наставляемого.") }
            let form = (req.query["form"] as String?).flatMap(MentorshipForm.parse) ?? .teacherTeacher
            let (_, list, pool) = try await MatchingService.suggestions(req, menteeID: id, form: form, network: (req.query["network"] as String?) == "true")
            let people = list.compactMap { p in pool.names[p.mentorID].map { NamedPerson(id: p.mentorID, name: $0.0, organisation: $0.1) } }
            return try Suggestions(menteeID: id, form: form, suggestions: list, people: people).response()
        },
        APIOperation(method: .POST, path: "/matching/marks", summary: "Анкета предпочтений (место в списке) или отметка психолога", tag: "Подбор пар", body: .ref("MarkInput"), status: 201, response: .ref("MatchingMark")) { req in
            let r = try await MatchingService.mark(req, try req.content.decode(MarkInput.self))
            return try MarkDTO(mentorID: r.mentorID, menteeID: r.menteeID, kind: r.kind, value: r.value).response(.created)
        },
    ]

    static let matchingSchemas: [String: Schema] = {
        let t = Schema.text, u = Schema.uuid
        typealias V = OpenAPIDocument
        let breakdown = Schema.object([("total", .number), ("parts", .array(.object([("criterion", V.values(MatchingCriterion.self)), ("points", .number), ("explanation", t)], required: ["criterion", "points", "explanation"])))], required: ["total", "parts"])
        return [
            "ProposedPair": .object([("mentorID", u), ("menteeID", u), ("score", breakdown), ("locked", .boolean)], required: ["mentorID", "menteeID", "score", "locked"]),
            "MatchingResult": .object([("pairs", .array(.ref("ProposedPair"))), ("unmatched", .array(.object([("menteeID", u), ("reason", t)], required: ["menteeID", "reason"]))), ("totalScore", .number)], required: ["pairs", "unmatched", "totalScore"]),
            "NamedPerson": .object([("id", u), ("name", t), ("organisation", t), ("position", .nullable(t))], required: ["id", "name", "organisation"]),
            "MatchingRun": .object([
                ("id", u), ("scope", t), ("form", V.values(MentorshipForm.self)), ("grouped", .boolean), ("onlyTrained", .boolean), ("network", .boolean), ("mode", V.values(MatchingMode.self)),
                ("weights", .object(MatchingCriterion.allCases.map { ($0.rawValue, Schema.number) }, required: [])), ("status", V.values(MatchingRunStatus.self)),
                ("createdOn", .date), ("createdBy", t), ("result", .ref("MatchingResult")), ("people", .array(.ref("NamedPerson"))), ("mentorshipIDs", .array(u)),
                ("pool", .array(.object([("personID", u), ("role", V.values(ParticipantRole.self)), ("name", t), ("organisation", t), ("details", t)], required: ["personID", "role", "name", "organisation", "details"]))),
            ], required: ["id", "scope", "form", "grouped", "onlyTrained", "network", "mode", "weights", "status", "createdOn", "createdBy", "result", "people", "mentorshipIDs", "pool"]),
            "ApprovedRun": .object([("run", .ref("MatchingRun")), ("mentorshipIDs", .array(u))], required: ["run", "mentorshipIDs"]),
            "Suggestions": .object([("menteeID", u), ("form", V.values(MentorshipForm.self)), ("suggestions", .array(.ref("ProposedPair"))), ("people", .array(.ref("NamedPerson")))], required: ["menteeID", "form", "suggestions", "people"]),
            "MatchingMark": .object([("mentorID", u), ("menteeID", u), ("kind", t), ("value", .integer)], required: ["mentorID", "menteeID", "kind", "value"]),
            "RunInput": .object(OpenAPIDocument.strings(["scopeID", "form", "grouped", "onlyTrained", "mode", "network"]) + [("weights", .object(MatchingCriterion.allCases.map { ($0.rawValue, Schema.integer) }, required: []))], required: ["scopeID", "form"]),
            "PairAction": .object([("action", .string(enumValues: ["lock", "unlock", "remove", "swap", "choose"])), ("menteeID", u), ("otherMenteeID", .nullable(u)), ("mentorID", .nullable(u))], required: ["action", "menteeID"]),
            "MarkInput": .object([("kind", .string(enumValues: ["mentee_rank", "mentor_rank", "psychologist"])), ("mentorID", u), ("menteeID", u), ("value", t)], required: ["kind", "mentorID", "menteeID", "value"]),
        ]
    }()
}

struct MarkDTO: Content {
    var mentorID: UUID
    var menteeID: UUID
    var kind: String
    var value: Int
}
