import Foundation
import NastavnikCore

/// Builds `/api/v1/openapi.json` from the operations the server registers and the schemas below.
enum OpenAPIDocument {
    static func values<T: Labelled>(_ t: T.Type) -> Schema { .string(enumValues: T.allCases.map(\.rawValue)) }
    static func optValues<T: Labelled>(_ t: T.Type) -> Schema { .nullable(values(t)) }
    static func strings(_ names: [String]) -> [(String, Schema)] { names.map { ($0, Schema.optText) } }

    static let schemas: [String: Schema] = {
        let t = Schema.text, o = Schema.optText, u = Schema.uuid, d = Schema.date
        func page(_ item: String) -> Schema {
            .object([("items", .array(.ref(item))), ("total", .integer), ("page", .integer), ("per", .integer)], required: ["items", "total", "page", "per"])
        }
        let personFields = ["lastName", "firstName", "middleName", "birthDate", "sex", "snils", "email", "phone", "educationLevel", "specialty", "graduationYear", "totalExperienceStart", "pedagogicalExperienceStart", "category"]
        return [
            "Error": .object([("error", t), ("issues", .array(.ref("FieldIssue")))], required: ["error", "issues"]),
            "FieldIssue": .object([("field", t), ("message", t)], required: ["field", "message"]),
            "TokenRequest": .object([("login", t), ("password", t)], required: ["login", "password"]),
            "TokenResponse": .object([("token", t), ("expiresAt", .string(format: "date-time")), ("role", values(Role.self))], required: ["token", "expiresAt", "role"]),
            "IntegrationToken": .object([("id", u), ("label", t), ("createdAt", .nullable(.string(format: "date-time"))), ("expiresAt", .string(format: "date-time")), ("revoked", .boolean), ("token", o)], required: ["id", "label", "expiresAt", "revoked"]),
            "IntegrationTokenInput": .object([("label", t), ("days", .integer)], required: ["label"]),
            "Summary": .object(["organisations", "staff", "students", "youngSpecialists", "mentors", "mentees", "menteesYoung", "peopleWithoutConsent"].map { ($0, .integer) }, required: ["organisations", "staff", "students", "youngSpecialists", "mentors", "mentees", "menteesYoung", "peopleWithoutConsent"]),
            "Region": .object([("id", u), ("name", t), ("code", o), ("timeZone", t)], required: ["id", "name", "timeZone"]),
            "Municipality": .object([("id", u), ("regionID", u), ("name", t)], required: ["id", "regionID", "name"]),
            "TerritoryInput": .object(strings(["name", "code", "regionID", "timeZone"]), required: ["name"]),
            "Organisation": .object([("id", u), ("municipalityID", u), ("kind", values(OrganisationKind.self)), ("name", t), ("shortName", t), ("inn", o), ("address", o), ("website", o), ("mentorshipPageSince", .nullable(d))], required: ["id", "municipalityID", "kind", "name", "shortName"]),
            "OrganisationInput": .object(strings(["municipalityID", "kind", "name", "shortName", "inn", "address", "website", "mentorshipPageSince"]), required: ["municipalityID", "kind", "name", "shortName"]),
            "Person": .object([
                ("id", u), ("lastName", t), ("firstName", t), ("middleName", o), ("birthDate", d), ("sex", optValues(Sex.self)),
                ("snils", o), ("email", o), ("phone", o), ("educationLevel", optValues(EducationLevel.self)), ("specialty", o),
                ("graduationYear", .nullable(.integer)), ("totalExperienceStart", .nullable(d)), ("pedagogicalExperienceStart", .nullable(d)),
                ("category", optValues(QualificationCategory.self)),
            ], required: ["id", "lastName", "firstName", "birthDate"]),
            "Period": .object([("start", d), ("end", .nullable(d))], required: ["start"]),
            "Membership": .object([("id", u), ("personID", u), ("organisationID", u), ("role", values(MembershipRole.self)), ("position", o), ("subjects", .array(t)), ("grade", o), ("period", .ref("Period"))], required: ["id", "personID", "organisationID", "role", "subjects", "period"]),
            "PersonDTO": .object([("person", .ref("Person")), ("age", .integer), ("isMinor", .boolean), ("isYoungSpecialist", .boolean), ("pedagogicalExperienceYears", .nullable(.number)), ("memberships", .array(.ref("Membership")))], required: ["person", "age", "isMinor", "isYoungSpecialist", "memberships"]),
            "PersonPage": page("PersonDTO"),
            "PersonInput": .object(strings(personFields), required: ["lastName", "firstName", "birthDate"]),
            "PersonForm": .object(strings(personFields) + [("membership", .ref("MembershipInput"))], required: ["lastName", "firstName", "birthDate", "membership"]),
            "MembershipInput": .object(strings(["organisationID", "role", "position", "subjects", "grade", "start", "end"]), required: ["organisationID", "role", "start"]),
            "Consent": .object([("id", u), ("personID", u), ("kind", values(ConsentKind.self)), ("signer", values(ConsentSigner.self)), ("representativeName", o), ("signedOn", d), ("scope", t), ("withdrawnOn", .nullable(d))], required: ["id", "personID", "kind", "signer", "signedOn", "scope"]),
            "ConsentInput": .object(strings(["kind", "signer", "representativeName", "signedOn", "scope"]), required: ["signer", "signedOn"]),
            "WithdrawInput": .object(strings(["withdrawnOn"]), required: []),
            "AuditChange": .object([("field", t), ("old", o), ("new", o)], required: ["field"]),
            "AuditEntry": .object([("at", .string(format: "date-time")), ("actor", t), ("entity", t), ("action", t), ("changes", .array(.ref("AuditChange")))], required: ["at", "actor", "entity", "action", "changes"]),
            "PersonalData": .object([
                ("exportedOn", d), ("person", .ref("Person")), ("memberships", .array(.ref("Membership"))), ("consents", .array(.ref("Consent"))),
                ("mentorProfile", .nullable(.ref("MentorProfile"))), ("menteeProfile", .nullable(.ref("MenteeProfile"))),
                ("participations", .array(.object([
                    ("mentorshipID", u), ("form", values(MentorshipForm.self)), ("role", values(ParticipantRole.self)), ("organisation", t), ("joinedOn", d),
                    ("leftOn", .nullable(d)), ("leftReason", o), ("mentorshipStatus", values(MentorshipStatus.self)),
                ], required: ["mentorshipID", "form", "role", "organisation", "joinedOn", "mentorshipStatus"]))),
                ("feedbackGiven", .array(.ref("Feedback"))), ("audit", .array(.ref("AuditEntry"))),
            ], required: ["exportedOn", "person", "memberships", "consents", "participations", "feedbackGiven", "audit"]),
            "MentorProfile": .object([
                ("id", u), ("personID", u), ("organisationID", u), ("competencies", .array(values(Competency.self))), ("interests", o),
                ("achievements", .array(values(Achievement.self))), ("achievementsOther", o), ("capacity", .integer), ("availability", o),
                ("training", values(TrainingStatus.self)), ("forms", .array(values(MentorshipForm.self))), ("status", values(MentorStatus.self)),
                ("network", .boolean), ("enteredOn", d),
            ], required: ["id", "personID", "organisationID", "competencies", "achievements", "capacity", "training", "forms", "status", "network", "enteredOn"]),
            "MentorPage": page("MentorProfile"),
            "MentorInput": .object(strings(["personID", "organisationID", "interests", "achievementsOther", "availability", "training", "status", "network", "enteredOn"]) + [("competencies", .array(values(Competency.self))), ("achievements", .array(values(Achievement.self))), ("forms", .array(values(MentorshipForm.self))), ("capacity", .integer)], required: ["personID", "organisationID", "capacity", "forms"]),
            "MenteeProfile": .object([
                ("id", u), ("personID", u), ("organisationID", u), ("categories", .array(values(MenteeCategory.self))), ("mainRequest", values(MainRequest.self)),
                ("requestDetails", o), ("deficits", .array(t)), ("status", values(MenteeStatus.self)), ("enteredOn", d),
                ("preferredFormat", optValues(WorkFormat.self)), ("availability", o),
            ], required: ["id", "personID", "organisationID", "categories", "mainRequest", "deficits", "status", "enteredOn"]),
            "MenteePage": page("MenteeProfile"),
            "MenteeInput": .object(strings(["personID", "organisationID", "mainRequest", "requestDetails", "deficits", "status", "preferredFormat", "availability", "enteredOn"]) + [("categories", .array(values(MenteeCategory.self)))], required: ["personID", "organisationID", "mainRequest"]),
            "Account": .object([("id", u), ("login", t), ("fullName", t), ("role", values(Role.self)), ("regionID", .nullable(u)), ("municipalityID", .nullable(u)), ("organisationID", .nullable(u)), ("personID", .nullable(u)), ("active", .boolean)], required: ["id", "login", "fullName", "role", "active"]),
            "AccountInput": .object(strings(["login", "password", "role", "fullName", "scopeID", "personID"]), required: ["login", "password", "role", "fullName"]),
        ]
    }()

    static func build(_ operations: [APIOperation]) -> [String: Any] {
        var paths: [String: [String: Any]] = [:]
        let errorResponse: [String: Any] = ["description": "Ошибка", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Error"]]]]
        for op in operations {
            var responses: [String: Any] = [:]
            if let file = op.download {
                responses[String(op.status)] = ["description": "Файл", "content": [file: ["schema": ["type": "string", "format": "binary"]]]]
            } else if let r = op.response {
                responses[String(op.status)] = ["description": "Успешно", "content": ["application/json": ["schema": r.json]]]
            } else {
                responses[String(op.status)] = ["description": "Успешно"]
            }
            for code in ["400", "401", "403", "404", "422"] where !(code == "401" && !op.needsAuth) {
                responses[code] = errorResponse
            }
            var parameters: [[String: Any]] = op.path.split(separator: "/").filter { $0.hasPrefix("{") }.map {
                let name = String($0.dropFirst().dropLast())
                return ["name": name, "in": "path", "required": true,
                    "schema": name == "id" ? ["type": "string", "format": "uuid"] : ["type": "string"]] as [String: Any]
            }
            parameters += op.query.map { ["name": $0.0, "in": "query", "required": false, "description": $0.1, "schema": ["type": "string"]] }
            var operation: [String: Any] = ["summary": op.summary, "tags": [op.tag], "responses": responses, "operationId": "\(op.method.rawValue.lowercased())\(op.path.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: ""))"]
            if !parameters.isEmpty { operation["parameters"] = parameters }
            if let file = op.upload {
                operation["requestBody"] = ["required": true, "content": [file: ["schema": ["type": "string", "format": "binary"]]]]
            } else if let body = op.body {
                operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": body.json]]]
            }
            if !op.needsAuth { operation["security"] = [[String: Any]]() }
            paths[op.path, default: [:]][op.method.rawValue.lowercased()] = operation
        }
        return [
            "openapi": "3.0.3",
            "info": ["title": "Наставник API", "version": "1.0", "description": "Целевая модель наставничества: территории, организации, люди, согласия, базы наставников и наставляемых, пары и группы, программы, встречи, обратная связь, маршруты. Доступ — по токену из POST /auth/token; каждая операция ограничена зоной доступа роли."],
            "servers": [["url": APIController.prefix]],
            "paths": paths,
            "components": [
                "schemas": [schemas, APIController.lifecycleSchemas, APIController.administrationSchemas, APIController.matchingSchemas, APIController.documentSchemas,
                            APIController.monitoringSchemas, APIController.communitySchemas].reduce(into: [:]) { all, part in all.merge(part) { a, _ in a } }.mapValues(\.json),
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
            ],
            "security": [["bearer": [String]()]],
        ]
    }
}
