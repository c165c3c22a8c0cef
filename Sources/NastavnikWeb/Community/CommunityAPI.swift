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
        APIOperation(method: .GET, path: "/contests", summary: "Конкурсы вашей территории и те, где вы в жюри", tag: "Конкурсы", response: .array(.ref("Contest"))) { req in
            try await ContestService.list(req).response()
        },
        APIOperation(method: .POST, path: "/contests", summary: "Объявить конкурс (муниципалитет, регион): номинации, критерии, жюри", tag: "Конкурсы",
            body: .ref("ContestInput"), status: 201, response: .ref("Contest")) { req in
            try await ContestService.create(req, try req.content.decode(ContestInput.self)).response(.created)
        },
        APIOperation(method: .GET, path: "/contests/{id}", summary: "Конкурс: этап, видимые вам заявки, рейтинг (организатору и жюри; всем — после публикации)", tag: "Конкурсы",
            response: .ref("ContestView")) { req in
            try await ContestService.view(req, try await ContestService.require(req, try req.uuid("id"))).response()
        },
        APIOperation(method: .PUT, path: "/contests/{id}", summary: "Изменить конкурс (номинации и критерии — до начала экспертизы)", tag: "Конкурсы",
            body: .ref("ContestInput"), response: .ref("Contest")) { req in
            try await ContestService.update(req, try req.uuid("id"), try req.content.decode(ContestInput.self)).response()
        },
        APIOperation(method: .POST, path: "/contests/{id}/applications", summary: "Подать заявку от своей организации", tag: "Конкурсы",
            body: .ref("ApplicationInput"), status: 201, response: .ref("ContestApplication")) { req in
            try await ContestService.apply(req, try req.uuid("id"), try req.content.decode(ApplicationInput.self)).response(.created)
        },
        APIOperation(method: .POST, path: "/contests/{id}/publish", summary: "Опубликовать итоги (после экспертизы, когда жюри оценило всё)", tag: "Конкурсы",
            response: .ref("Contest")) { req in
            try await ContestService.publish(req, try req.uuid("id")).response()
        },
        APIOperation(method: .PUT, path: "/contest-applications/{id}/scores", summary: "Оценки члена жюри по всем критериям заявки", tag: "Конкурсы",
            body: .ref("ScoreInput"), response: .array(.ref("JuryScore"))) { req in
            try await ContestService.score(req, try req.uuid("id"), try req.content.decode(ScoreInput.self)).response()
        },
        APIOperation(method: .POST, path: "/contest-applications/{id}/withdraw", summary: "Отозвать заявку", tag: "Конкурсы", response: .ref("ContestApplication")) { req in
            try await ContestService.withdraw(req, try req.uuid("id")).response()
        },
        APIOperation(method: .POST, path: "/contest-applications/{id}/award", summary: "Наградить победителя", tag: "Конкурсы",
            body: .ref("AwardInput"), response: .ref("ContestApplication")) { req in
            try await ContestService.award(req, try req.uuid("id"), try req.content.decode(AwardInput.self)).response()
        },
        APIOperation(method: .GET, path: "/people/{id}/contests", summary: "Участие человека в конкурсах: места, победы, награды (опубликованные итоги)", tag: "Конкурсы",
            response: .array(.ref("ContestHistoryLine"))) { req in
            let (p, _) = try await Scope.requirePerson(req, try req.uuid("id"), .read)
            return try await ContestService.history(req.db, person: p.id).response()
        },
        APIOperation(method: .GET, path: "/trainings", summary: "Мероприятия школы наставников вашей территории", tag: "Школа наставников", response: .array(.ref("TrainingEvent"))) { req in
            try await TrainingService.list(req).response()
        },
        APIOperation(method: .POST, path: "/trainings", summary: "Добавить мероприятие (регион, муниципалитет, организация)", tag: "Школа наставников",
            body: .ref("TrainingInput"), status: 201, response: .ref("TrainingEvent")) { req in
            try await TrainingService.create(req, try req.content.decode(TrainingInput.self)).response(.created)
        },
        APIOperation(method: .GET, path: "/trainings/{id}", summary: "Мероприятие: участники (в вашей зоне), свободные места, затруднения по чек-листам (организатору)", tag: "Школа наставников",
            response: .ref("TrainingView")) { req in
            try await TrainingService.view(req, try await TrainingService.require(req, try req.uuid("id"))).response()
        },
        APIOperation(method: .POST, path: "/trainings/{id}/enrolments", summary: "Записать наставника (себя или наставника своей организации)", tag: "Школа наставников",
            body: .ref("EnrolInput"), status: 201, response: .ref("Enrolment")) { req in
            try await TrainingService.enrol(req, try req.uuid("id"), try req.content.decode(EnrolInput.self)).response(.created)
        },
        APIOperation(method: .POST, path: "/enrolments/{id}/complete", summary: "Отметить завершение обучения с номером сертификата", tag: "Школа наставников",
            body: .ref("CompleteInput"), response: .ref("Enrolment")) { req in
            try await TrainingService.complete(req, try req.uuid("id"), try req.content.decode(CompleteInput.self)).response()
        },
        APIOperation(method: .PUT, path: "/enrolments/{id}/checklist", summary: "Чек-лист затруднений наставника после обучения", tag: "Школа наставников",
            body: .ref("ChecklistInput"), response: .ref("Enrolment")) { req in
            try await TrainingService.checklist(req, try req.uuid("id"), try req.content.decode(ChecklistInput.self)).response()
        },
        APIOperation(method: .GET, path: "/people/{id}/training", summary: "Обучение наставника: завершённые мероприятия, часы, статус «обучен»", tag: "Школа наставников",
            response: .ref("TrainingRecord")) { req in
            let (p, _) = try await Scope.requirePerson(req, try req.uuid("id"), .read, .mentorBase)
            return try await TrainingService.records(req.db, [p.id])[p.id, default: TrainingRules.record([], events: [:])].response()
        },
        APIOperation(method: .GET, path: "/pool", summary: "Региональный пул наставников: согласившиеся на сетевое наставничество, с обучением и победами", tag: "Сообщество",
            query: [("q", "ФИО"), ("municipalityID", "Муниципалитет"), ("subject", "Предмет"), ("competency", "Компетенция"), ("form", "Форма"), ("training", "Обучение")] + pagingQuery,
            response: .ref("PoolPage")) { req in
            let (mentors, p, _) = try await PoolController.mentors(req)
            return try Paged(items: mentors, total: p.total, page: p.page, per: p.per).response()
        },
        APIOperation(method: .GET, path: "/recognition", summary: "Поощрения наставников и их критерии (муниципалитет, регион)", tag: "Сообщество",
            response: .array(.ref("RecognitionCriteria"))) { req in
            try await RecognitionService.list(req).response()
        },
        APIOperation(method: .POST, path: "/recognition", summary: "Установить критерии поощрения (муниципальный координатор, региональный оператор)", tag: "Сообщество",
            body: .ref("RecognitionInput"), status: 201, response: .ref("RecognitionCriteria")) { req in
            try await RecognitionService.create(req, try req.content.decode(RecognitionInput.self)).response(.created)
        },
        APIOperation(method: .GET, path: "/recognition/{id}/candidates", summary: "Наставники вашей зоны по критериям поощрения: кто может быть представлен и чего не хватает", tag: "Сообщество",
            response: .array(.ref("RecognitionCandidate"))) { req in
            try await RecognitionService.candidates(req, try await RecognitionService.require(req, try req.uuid("id"))).response()
        },
        APIOperation(method: .PUT, path: "/training-needs", summary: "Анкета потребностей наставника в обучении (заменяет прежний ответ)", tag: "Школа наставников",
            body: .ref("NeedInput"), response: .ref("TrainingNeed")) { req in
            try await TrainingService.saveNeed(req, try req.content.decode(NeedInput.self)).response()
        },
        APIOperation(method: .GET, path: "/training-needs", summary: "Сводка анкет потребностей в обучении наставников вашей зоны", tag: "Школа наставников",
            response: .ref("NeedsSummary")) { req in
            try await TrainingService.needs(req).response()
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
            "ContestNomination": .object([("id", u), ("title", t), ("form", OpenAPIDocument.optValues(MentorshipForm.self))], required: ["id", "title"]),
            "ContestCriterion": .object([("id", u), ("title", t), ("maxScore", .integer)], required: ["id", "title", "maxScore"]),
            "Juror": .object([("accountID", u), ("personID", .nullable(u)), ("organisationID", .nullable(u)), ("name", t)], required: ["accountID", "name"]),
            "Contest": .object([
                ("id", u), ("title", t), ("level", OpenAPIDocument.values(ContestLevel.self)), ("regionID", .nullable(u)), ("municipalityID", .nullable(u)),
                ("organisationID", .nullable(u)), ("description", t), ("applicationsFrom", .date), ("applicationsTo", .date), ("judgingTo", .date), ("resultsOn", .date),
                ("nominations", .array(.ref("ContestNomination"))), ("criteria", .array(.ref("ContestCriterion"))), ("jurors", .array(.ref("Juror"))),
                ("winnersPerNomination", .integer), ("resultsPublished", .boolean),
            ], required: ["id", "title", "level", "description", "applicationsFrom", "applicationsTo", "judgingTo", "resultsOn", "nominations", "criteria", "jurors",
                          "winnersPerNomination", "resultsPublished"]),
            "ContestApplication": .object([
                ("id", u), ("contestID", u), ("nominationID", u), ("organisationID", u), ("title", t), ("applicantPersonIDs", .array(u)), ("mentorshipIDs", .array(u)),
                ("practiceItemIDs", .array(u)), ("submittedOn", .date), ("submittedBy", u), ("withdrawn", .boolean), ("award", o),
            ], required: ["id", "contestID", "nominationID", "organisationID", "title", "applicantPersonIDs", "mentorshipIDs", "practiceItemIDs", "submittedOn", "submittedBy", "withdrawn"]),
            "RankedApplication": .object([("application", .ref("ContestApplication")), ("total", .number), ("jurorsCounted", .integer), ("place", .integer),
                                          ("tiedWith", .integer), ("isWinner", .boolean), ("complete", .boolean), ("criterionMeans", .array(.number))],
                                         required: ["application", "total", "jurorsCounted", "place", "tiedWith", "isWinner", "complete"]),
            "NominationResult": .object([("nomination", .ref("ContestNomination")), ("rows", .array(.ref("RankedApplication")))], required: ["nomination", "rows"]),
            "JurorProgress": .object([("name", t), ("due", .integer), ("done", .integer)], required: ["name", "due", "done"]),
            "ContestView": .object([("contest", .ref("Contest")), ("stage", OpenAPIDocument.values(ContestStage.self)), ("mayOrganise", .boolean), ("isJuror", .boolean),
                                    ("applications", .array(.ref("ContestApplication"))), ("results", .nullable(.array(.ref("NominationResult")))),
                                    ("jurorProgress", .nullable(.array(.ref("JurorProgress"))))],
                                   required: ["contest", "stage", "mayOrganise", "isJuror", "applications"]),
            "ContestInput": .object([("title", t), ("description", o), ("applicationsFrom", t), ("applicationsTo", t), ("judgingTo", t), ("resultsOn", t),
                                     ("nominations", t), ("criteria", t), ("jurors", o), ("jurorIDs", .array(u)), ("winnersPerNomination", .nullable(.integer))],
                                    required: ["title", "applicationsFrom", "applicationsTo", "judgingTo", "resultsOn", "nominations", "criteria"]),
            "ApplicationInput": .object([("nominationID", t), ("title", t), ("organisationID", o), ("applicantPersonIDs", .array(u)), ("mentorshipIDs", .array(u)),
                                         ("practiceItemIDs", .array(u))], required: ["nominationID", "title"]),
            "ScoreInput": .object([("scores", .object([], required: [])), ("comment", o)], required: ["scores"]),
            "JuryScore": .object([("applicationID", u), ("jurorAccountID", u), ("criterionID", u), ("score", .integer), ("comment", o)],
                                 required: ["applicationID", "jurorAccountID", "criterionID", "score"]),
            "AwardInput": .object([("award", t)], required: ["award"]),
            "ContestHistoryLine": .object([("contestID", u), ("contest", t), ("nomination", t), ("resultsOn", .date), ("place", .integer), ("isWinner", .boolean), ("award", o)],
                                          required: ["contestID", "contest", "nomination", "resultsOn", "place", "isWinner"]),
            "TrainingEvent": .object([("id", u), ("title", t), ("format", OpenAPIDocument.values(TrainingFormat.self)), ("hours", .integer), ("start", .date), ("end", .date),
                                      ("organiser", t), ("regionID", .nullable(u)), ("municipalityID", .nullable(u)), ("organisationID", .nullable(u)), ("capacity", .integer),
                                      ("description", t)], required: ["id", "title", "format", "hours", "start", "end", "organiser", "capacity", "description"]),
            "Enrolment": .object([("id", u), ("eventID", u), ("personID", u), ("enrolledOn", .date), ("attended", .boolean), ("completedOn", .nullable(.date)),
                                  ("certificateNumber", o), ("difficulties", .array(OpenAPIDocument.values(MentorDifficulty.self))), ("difficultyNote", o), ("checklistOn", .nullable(.date))],
                                 required: ["id", "eventID", "personID", "enrolledOn", "attended", "difficulties"]),
            "EnrolmentLine": .object([("enrolment", .ref("Enrolment")), ("name", t), ("organisation", t)], required: ["enrolment", "name", "organisation"]),
            "DifficultyCount": .object([("difficulty", OpenAPIDocument.values(MentorDifficulty.self)), ("label", t), ("mentors", .integer)], required: ["difficulty", "label", "mentors"]),
            "TrainingView": .object([("event", .ref("TrainingEvent")), ("mayOrganise", .boolean), ("places", .integer), ("enrolments", .array(.ref("EnrolmentLine"))),
                                     ("checklists", .nullable(.integer)), ("difficulties", .nullable(.array(.ref("DifficultyCount"))))],
                                    required: ["event", "mayOrganise", "places", "enrolments"]),
            "TrainingInput": .object([("title", t), ("format", t), ("hours", .integer), ("start", t), ("end", o), ("organiser", t), ("capacity", .integer), ("description", o)],
                                     required: ["title", "format", "hours", "start", "organiser", "capacity"]),
            "EnrolInput": .object([("personID", o)], required: []),
            "CompleteInput": .object([("certificateNumber", t)], required: ["certificateNumber"]),
            "ChecklistInput": .object([("difficulties", .array(t)), ("note", o)], required: []),
            "TrainingRecord": .object([("completedEvents", .integer), ("hours", .integer), ("lastCompleted", .nullable(.date)), ("isTrained", .boolean)],
                                      required: ["completedEvents", "hours", "isTrained"]),
            "PoolMentor": .object([("personID", u), ("name", t), ("organisation", t), ("municipality", t), ("competencies", .array(OpenAPIDocument.values(Competency.self))),
                                   ("subjects", .array(t)), ("forms", .array(OpenAPIDocument.values(MentorshipForm.self))), ("capacity", .integer),
                                   ("training", OpenAPIDocument.values(TrainingStatus.self)), ("trainingHours", .integer), ("contestWins", .integer)],
                                  required: ["personID", "name", "organisation", "municipality", "competencies", "subjects", "forms", "capacity", "training", "trainingHours", "contestWins"]),
            "PoolPage": .object([("items", .array(.ref("PoolMentor"))), ("total", .integer), ("page", .integer), ("per", .integer)], required: ["items", "total", "page", "per"]),
            "RecognitionCriteria": .object([("id", u), ("regionID", .nullable(u)), ("municipalityID", .nullable(u)), ("incentive", t), ("kind", OpenAPIDocument.values(IncentiveKind.self)),
                                            ("minCompletedMentorships", .integer), ("minTrainingHours", .integer), ("minSatisfaction", .nullable(.number)), ("requiresContestWin", .boolean)],
                                           required: ["id", "incentive", "kind", "minCompletedMentorships", "minTrainingHours", "requiresContestWin"]),
            "RecognitionInput": .object([("incentive", t), ("kind", o), ("minCompletedMentorships", .nullable(.integer)), ("minTrainingHours", .nullable(.integer)),
                                         ("minSatisfaction", o), ("requiresContestWin", o)], required: ["incentive"]),
            "MentorMerit": .object([("personID", u), ("completedMentorships", .integer), ("trainingHours", .integer), ("satisfaction", .nullable(.number)), ("contestWins", .integer)],
                                   required: ["personID", "completedMentorships", "trainingHours", "contestWins"]),
            "RecognitionCandidate": .object([("merit", .ref("MentorMerit")), ("name", t), ("organisation", t), ("eligible", .boolean), ("missing", .array(t))],
                                            required: ["merit", "name", "organisation", "eligible", "missing"]),
            "TrainingNeed": .object([("id", u), ("personID", u), ("topics", .array(OpenAPIDocument.values(MentorDifficulty.self))),
                                     ("preferredFormat", OpenAPIDocument.optValues(TrainingFormat.self)), ("note", o), ("date", .date)], required: ["id", "personID", "topics", "date"]),
            "NeedInput": .object([("topics", .array(t)), ("preferredFormat", o), ("note", o)], required: []),
            "NeedsSummary": .object([("answers", .integer), ("topics", .array(.ref("DifficultyCount")))], required: ["answers", "topics"]),
            "ModerationInput": .object([("decision", .string(enumValues: ["approve", "reject"])), ("reason", o)], required: ["decision"]),
        ]
    }()
}
