import Foundation
import NastavnikCore
import Vapor

extension APIController {
    static let practiceQuery = [("q", "Поиск по тексту (слова в любой форме)"), ("kind", "Вид материала"), ("form", "Форма наставничества"), ("tag", "Тег"),
                                ("level", "Уровень публикации"), ("organisationID", "Организация"), ("status", "Статус модерации")]

    static let communityOperations: [APIOperation] = [
        APIOperation(method: .GET, path: "/practices", summary: "Банк программ и практик: поиск и фильтры; видны материалы вашего уровня и выше", tag: "Сообщество",
            query: practiceQuery, response: .array(.ref("PracticeView"))) { req in
            try await PracticeService.search(req, try req.query.decode(PracticeFilter.self)).response()
        },
        APIOperation(method: .POST, path: "/practices", summary: "Добавить материал в банк (черновик)", tag: "Сообщество",
            body: .ref("PracticeInput"), status: 201, response: .ref("PracticeItem")) { req in
            try await PracticeService.create(req, try req.content.decode(PracticeInput.self)).response(.created)
        },
        APIOperation(method: .GET, path: "/practices/{id}", summary: "Материал банка", tag: "Сообщество", response: .ref("PracticeView")) { req in
            try await PracticeService.require(req, try req.uuid("id")).0.response()
        },
        APIOperation(method: .PUT, path: "/practices/{id}", summary: "Изменить материал (опубликованный на уровне выше организации снова идёт на модерацию)", tag: "Сообщество",
            body: .ref("PracticeInput"), response: .ref("PracticeItem")) { req in
            try await PracticeService.update(req, try req.uuid("id"), try req.content.decode(PracticeInput.self)).response()
        },
        APIOperation(method: .POST, path: "/practices/{id}/submit", summary: "Опубликовать в организации или отправить на модерацию уровня публикации", tag: "Сообщество",
            response: .ref("PracticeItem")) { req in
            try await PracticeService.submit(req, try req.uuid("id")).response()
        },
        APIOperation(method: .POST, path: "/practices/{id}/moderate", summary: "Решение модератора: approve или reject с причиной", tag: "Сообщество",
            body: .ref("ModerationInput"), response: .ref("PracticeItem")) { req in
            try await PracticeService.moderate(req, try req.uuid("id"), try req.content.decode(ModerationInput.self)).response()
        },
        APIOperation(method: .POST, path: "/mentorships/{id}/case", summary: "Оформить кейс по завершённой паре (черновик в банке)", tag: "Сообщество",
            status: 201, response: .ref("PracticeItem")) { req in
            try await PracticeService.caseFrom(req, mentorship: try req.uuid("id")).response(.created)
        },
    ]

    static let communitySchemas: [String: Schema] = {
        let t = Schema.text, o = Schema.optText, u = Schema.uuid
        return [
            "PracticeItem": .object([
                ("id", u), ("kind", OpenAPIDocument.values(PracticeKind.self)), ("title", t), ("description", t), ("authors", t), ("authorPersonIDs", .array(u)),
                ("organisationID", u), ("forms", .array(OpenAPIDocument.values(MentorshipForm.self))), ("tags", .array(t)), ("link", o), ("fileID", .nullable(u)),
                ("fileName", o), ("level", OpenAPIDocument.values(PublicationLevel.self)), ("status", OpenAPIDocument.values(ModerationStatus.self)),
                ("rejectionReason", o), ("moderatedBy", o), ("moderatedOn", .nullable(.date)), ("mentorshipID", .nullable(u)), ("createdOn", .date), ("createdBy", t),
            ], required: ["id", "kind", "title", "description", "authors", "authorPersonIDs", "organisationID", "forms", "tags", "level", "status", "createdOn", "createdBy"]),
            "PracticeView": .object([("item", .ref("PracticeItem")), ("organisation", t), ("mayEdit", .boolean), ("mayModerate", .boolean),
                                     ("score", .nullable(.number)), ("snippet", o)], required: ["item", "organisation", "mayEdit", "mayModerate"]),
            "PracticeInput": .object([("kind", t), ("title", t), ("description", t), ("authors", o), ("organisationID", o), ("forms", .array(t)), ("tags", o),
                                      ("link", o), ("level", o)], required: ["kind", "title", "description"]),
            "ModerationInput": .object([("decision", .string(enumValues: ["approve", "reject"])), ("reason", o)], required: ["decision"]),
        ]
    }()
}
