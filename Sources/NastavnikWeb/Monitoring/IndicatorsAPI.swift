import Foundation
import NastavnikCore
import Vapor

extension APIController {
    static let nodeQuery = [("node", "Организация, муниципалитет или регион (id); без него — ваш уровень"), ("date", "Дата, на которую считать (ГГГГ-ММ-ДД или дд.мм.гггг); по умолчанию сегодня"),
                            ("kinds", "Виды организаций, составляющих V, через запятую: school, vocational, preschool, additional, university; по умолчанию school")]

    static let monitoringOperations: [APIOperation] = [
        APIOperation(method: .GET, path: "/indicators", summary: "Все показатели мониторинга узла на дату: формула, числитель, знаменатель, значение, противоречия", tag: "Мониторинг",
            query: nodeQuery + [("engine", "sql — только таблица 1, подсчётом в базе данных (для страны и крупных регионов)")], response: .ref("IndicatorReport")) { req in
            if req.query[String.self, at: "engine"] == "sql" { return try await IndicatorService.sqlReport(req).response() }
            return try await IndicatorService.report(req).response()
        },
        APIOperation(method: .GET, path: "/indicators/{id}/rows", summary: "Строки за числителем или знаменателем показателя", tag: "Мониторинг",
            query: nodeQuery + [("part", "numerator (по умолчанию) или denominator")], response: .ref("IndicatorRows")) { req in
            try await IndicatorService.rows(req).2.response()
        },
        APIOperation(method: .GET, path: "/indicators/report", summary: "Аналитическая справка (DOCX) узла на дату или кампании", tag: "Мониторинг",
            query: nodeQuery + [("campaign", "Кампания: её зафиксированные значения")], download: DownloadType.docx.contentType) { req in
            try await ReportService.analytical(req)
        },
        APIOperation(method: .GET, path: "/indicators/organisations", summary: "Все показатели по каждой организации узла (XLSX)", tag: "Мониторинг",
            query: nodeQuery + [("campaign", "Кампания: её дата")], download: DownloadType.xlsx.contentType) { req in
            try await ReportService.perOrganisation(req)
        },
        APIOperation(method: .GET, path: "/organisations/{id}/roadmap", summary: "Дорожная карта организации на учебный год", tag: "Дорожные карты",
            query: [("year", "Учебный год по первому году: 2026 — это 2026/2027")], response: .array(.ref("RoadmapEvent"))) { req in
            let org = try await Scope.requireOrganisation(req, try req.uuid("id"), .read, .localAct)
            return try await RoadmapService.events(req.db, org.id, year: try RoadmapService.year(req)).response()
        },
        APIOperation(method: .POST, path: "/organisations/{id}/roadmap", summary: "Создать дорожную карту по типовому шаблону (7 этапов, 35 мероприятий)", tag: "Дорожные карты",
            query: [("year", "Учебный год по первому году")], status: 201, response: .array(.ref("RoadmapEvent"))) { req in
            try await RoadmapService.create(req, try req.uuid("id")).response(.created)
        },
        APIOperation(method: .PUT, path: "/roadmap-events/{id}", summary: "Изменить статус мероприятия: выполнено (дата, подтверждение), выполняется, отменено (причина)", tag: "Дорожные карты",
            body: .ref("RoadmapEventInput"), response: .ref("RoadmapEvent")) { req in
            try await RoadmapService.update(req, try req.uuid("id"), try req.content.decode(RoadmapEventInput.self)).response()
        },
        APIOperation(method: .GET, path: "/indicators/young-teachers", summary: "Молодые педагоги по округам и предметным областям: всего, наставники, с наставником, с категорией", tag: "Мониторинг",
            query: nodeQuery, response: .array(.ref("YoungTeacherLine"))) { req in
            try await IndicatorsController.youngTeacherLines(req).1.response()
        },
        APIOperation(method: .GET, path: "/indicators/roadmap-report", summary: "Квартальный отчёт о выполнении дорожных карт (DOCX или XLSX)", tag: "Дорожные карты",
            query: [nodeQuery[0], ("year", "Год"), ("quarter", "Квартал 1–4; по умолчанию последний завершённый"), ("format", "xlsx — таблица; иначе DOCX")],
            download: DownloadType.docx.contentType) { req in
            try await ReportService.roadmapQuarter(req)
        },
        APIOperation(method: .GET, path: "/roadmap-templates/standard", summary: "Типовой шаблон дорожной карты (XLSX): 7 этапов, 35 мероприятий", tag: "Дорожные карты",
            download: DownloadType.xlsx.contentType) { req in
            req.download(try RoadmapTemplateService.standardFile(), name: "Типовая дорожная карта.xlsx", type: .xlsx)
        },
        APIOperation(method: .POST, path: "/roadmap-templates", summary: "Загрузить шаблон дорожной карты своего уровня (муниципалитет, регион): XLSX или CSV по типовому шаблону", tag: "Дорожные карты",
            query: [("filename", "Имя файла: .xlsx или .csv")], status: 201, response: .ref("RoadmapTemplateInfo"), upload: xlsxOrCSV) { req in
            let r = try await RoadmapTemplateService.upload(req, data: req.body.data.map { Data(buffer: $0) } ?? Data(), filename: req.query[String.self, at: "filename"] ?? "template.xlsx")
            return try RoadmapTemplateInfo(fileName: r.fileName, events: r.events, municipalityID: r.municipalityID, regionID: r.regionID).response(.created)
        },
        APIOperation(method: .GET, path: "/indicators/annual-report", summary: "Годовой отчёт о показателях (до 20 января): DOCX или XLSX по организациям", tag: "Мониторинг",
            query: [nodeQuery[0], ("year", "Год отчёта"), ("format", "xlsx — по организациям; иначе DOCX")], download: DownloadType.docx.contentType) { req in
            try await ReportService.annual(req)
        },
        APIOperation(method: .GET, path: "/campaigns", summary: "Мониторинговые кампании узла с теми же видами организаций в V", tag: "Мониторинг", query: [nodeQuery[0], nodeQuery[2]],
            response: .array(.ref("MonitoringCampaign"))) { req in
            try await CampaignService.list(req, try await IndicatorService.node(req)).response()
        },
        APIOperation(method: .POST, path: "/campaigns", summary: "Зафиксировать все показатели узла на дату (муниципалитет, регион)", tag: "Мониторинг",
            body: .ref("CampaignInput"), status: 201, response: .ref("MonitoringCampaign")) { req in
            try await CampaignService.create(req, try req.content.decode(CampaignInput.self)).response(.created)
        },
        APIOperation(method: .GET, path: "/campaigns/compare", summary: "Кампании рядом и прогноз показателя 11", tag: "Мониторинг",
            query: [("ids", "Идентификаторы кампаний через запятую (2–6)")], response: .ref("CampaignComparison")) { req in
            try await CampaignService.compare(req, ids: CampaignsController.ids(req)).response()
        },
        APIOperation(method: .GET, path: "/campaigns/{id}", summary: "Кампания: зафиксированные значения", tag: "Мониторинг", response: .ref("MonitoringCampaign")) { req in
            try await CampaignService.require(req, try req.uuid("id")).response()
        },
    ]

    static let monitoringSchemas: [String: Schema] = {
        let t = Schema.text, o = Schema.optText, u = Schema.uuid
        let kinds = Schema.array(.string(enumValues: OrganisationKind.educational.map(\.rawValue)))
        return [
            "MonitoringNode": .object([("level", .string(enumValues: ["country", "region", "municipality", "organisation"])), ("id", .nullable(u)), ("name", t),
                                       ("municipalityIDs", .nullable(.array(u))), ("organisationID", .nullable(u)), ("kinds", kinds)], required: ["level", "name", "kinds"]),
            "IndicatorValue": .object([("id", t), ("number", .nullable(.integer)), ("group", t), ("name", t), ("formula", t), ("kind", .string(enumValues: ["share", "count"])),
                                       ("numerator", .integer), ("denominator", .nullable(.integer)), ("value", .nullable(.number)), ("note", o)],
                                      required: ["id", "group", "name", "formula", "kind", "numerator"]),
            "IndicatorFlag": .object([("ids", .array(t)), ("message", t)], required: ["ids", "message"]),
            "IndicatorRow": .object([("kind", .string(enumValues: ["organisation", "person", "mentorship", "programme"])), ("id", u), ("title", t),
                                     ("organisationID", .nullable(u)), ("organisation", o), ("detail", o)], required: ["kind", "id", "title"]),
            "IndicatorReport": .object([("node", .ref("MonitoringNode")), ("date", .date), ("organisations", .integer), ("values", .array(.ref("IndicatorValue"))),
                                        ("flags", .array(.ref("IndicatorFlag"))), ("youngSpecialistsTarget", .nullable(.number))],
                                       required: ["node", "date", "organisations", "values", "flags"]),
            "MonitoringCampaign": .object([("id", u), ("name", t), ("nodeLevel", t), ("nodeID", .nullable(u)), ("nodeName", t), ("date", .date), ("periodStart", .nullable(.date)),
                                           ("organisations", .integer), ("kinds", kinds), ("values", .array(.ref("IndicatorValue"))), ("flags", .array(.ref("IndicatorFlag"))),
                                           ("createdOn", .date), ("createdBy", t)], required: ["id", "name", "nodeLevel", "nodeName", "date", "organisations", "kinds", "values", "flags", "createdOn", "createdBy"]),
            "RoadmapEvent": .object([("id", u), ("organisationID", u), ("schoolYear", .integer), ("stage", .integer), ("stageTitle", t), ("number", .integer), ("title", t),
                                     ("timing", t), ("responsible", t), ("deadline", .date), ("status", OpenAPIDocument.values(RoadmapEventStatus.self)), ("expected", t),
                                     ("evidence", o), ("doneOn", .nullable(.date))],
                                    required: ["id", "organisationID", "schoolYear", "stage", "stageTitle", "number", "title", "timing", "responsible", "deadline", "status", "expected"]),
            "RoadmapEventInput": .object([("status", t), ("doneOn", o), ("evidence", o)], required: ["status"]),
            "YoungTeacherLine": .object([("municipalityID", u), ("municipality", t), ("area", OpenAPIDocument.values(SubjectArea.self)), ("young", .integer), ("mentors", .integer),
                                         ("youngWithMentor", .integer), ("youngWithCategoryAndMentor", .integer)],
                                        required: ["municipalityID", "municipality", "area", "young", "mentors", "youngWithMentor", "youngWithCategoryAndMentor"]),
            "RoadmapTemplateInfo": .object([("fileName", t), ("events", .integer), ("municipalityID", .nullable(u)), ("regionID", .nullable(u))], required: ["fileName", "events"]),
            "CampaignInput": .object([("name", t), ("date", t), ("periodStart", o), ("node", o), ("kinds", o)], required: ["name", "date"]),
            "CampaignComparison": .object([("campaigns", .array(.ref("MonitoringCampaign"))), ("forecast", o)], required: ["campaigns"]),
            "IndicatorRows": .object([("indicator", .ref("IndicatorValue")), ("part", t), ("rows", .array(.ref("IndicatorRow")))], required: ["indicator", "part", "rows"]),
        ]
    }()
}
