import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

@Suite("OpenAPI document matches the server", .serialized)
struct OpenAPITests {
    /// Checks `value` against a (subset of) JSON Schema with `$ref`s resolved from `components`.
    static func violations(_ value: Any, _ schema: [String: Any], _ components: [String: Any], path: String = "$") -> [String] {
        if let ref = schema["$ref"] as? String {
            let name = String(ref.split(separator: "/").last!)
            guard let target = components[name] as? [String: Any] else { return ["\(path): unknown schema \(name)"] }
            return violations(value, target, components, path: path)
        }
        let types: [String] = (schema["type"] as? [String]) ?? ((schema["type"] as? String).map { [$0] } ?? [])
        if value is NSNull { return types.contains("null") || types.isEmpty ? [] : ["\(path): null not allowed"] }
        var out: [String] = []
        if types.contains("object") {
            guard let obj = value as? [String: Any] else { return ["\(path): expected object"] }
            for key in schema["required"] as? [String] ?? [] where obj[key] == nil { out.append("\(path).\(key): required") }
            let props = schema["properties"] as? [String: Any] ?? [:]
            for (key, v) in obj {
                guard let p = props[key] as? [String: Any] else { out.append("\(path).\(key): not in schema"); continue }
                out += violations(v, p, components, path: "\(path).\(key)")
            }
        } else if types.contains("array") {
            guard let arr = value as? [Any] else { return ["\(path): expected array"] }
            for (i, v) in arr.prefix(20).enumerated() { out += violations(v, schema["items"] as? [String: Any] ?? [:], components, path: "\(path)[\(i)]") }
        } else if types.contains("string") {
            guard let s = value as? String else { return ["\(path): expected string"] }
            if let values = schema["enum"] as? [String], !values.contains(s) { out.append("\(path): \(s) not in enum") }
            if schema["format"] as? String == "uuid", UUID(uuidString: s) == nil { out.append("\(path): not a uuid") }
            if schema["format"] as? String == "date", Day(s) == nil { out.append("\(path): not a date") }
        } else if types.contains("integer") {
            if let n = value as? NSNumber, n.doubleValue == n.doubleValue.rounded() {} else { out.append("\(path): expected integer") }
        } else if types.contains("boolean") {
            if !(value is Bool) { out.append("\(path): expected boolean") }
        } else if types.contains("number") {
            if !(value is NSNumber) { out.append("\(path): expected number") }
        }
        return out
    }

    /// A bank item, a contest and a mentor-school event to GET, by their paths.
    static func communityIDs(_ app: Application) async throws -> [String: UUID] {
        func id(_ b: ByteBuffer) -> UUID? { UUID(uuidString: (b.json as? [String: Any])?["id"] as? String ?? "") }
        var out: [String: UUID] = [:]
        let practice = try await app.api(.POST, "/practices", token: try await app.token("curator"), json: PracticeBankTests.item("Материал для проверки схемы", level: "organisation")).1
        out["/practices/{id}"] = id(practice)
        out["/contests/{id}"] = id(try await app.api(.POST, "/contests", token: try await app.token("mun1"), json: ContestWebTests.input).1)
        var event = TrainingInput()
        (event.title, event.format, event.start, event.organiser) = ("Семинар для наставников", "seminar", "01.12.2026", "ИМЦ")
        (event.hours, event.capacity) = (FlexibleInt(4), FlexibleInt(30))
        out["/trainings/{id}"] = id(try await app.api(.POST, "/trainings", token: try await app.token("mun1"), json: event).1)
        out["/recognition/{id}"] = id(try await app.api(.POST, "/recognition", token: try await app.token("mun1"), json: RecognitionInput(incentive: "Благодарственное письмо", minCompletedMentorships: FlexibleInt(1))).1)
        return out
    }

    @Test("Every API route the server registers is in the document, and every documented operation exists")
    func routesMatch() async throws {
        try await withApp { app, _ in
            let (_, body) = try await app.api(.GET, "/openapi.json", token: nil)
            let doc = try #require(body.json as? [String: Any])
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, ops in ops.keys.map { "\($0.uppercased()) \(path)" } })
            let registered = Set(app.routes.all.compactMap { route -> String? in
                let parts = route.path.map { c -> String in
                    switch c {
                    case let .constant(s): return s
                    case let .parameter(p): return "{\(p)}"
                    default: return "*"
                    }
                }
                guard parts.starts(with: ["api", "v1"]), parts != ["api", "v1", "openapi.json"] else { return nil }
                return "\(route.method.rawValue) /" + parts.dropFirst(2).joined(separator: "/")
            })
            #expect(documented == registered)
            #expect(documented.count >= 25)
        }
    }

    @Test("Every documented GET answers the administrator with a body that matches its schema")
    func responsesMatchSchemas() async throws {
        try await withApp { app, f in
            let (_, body) = try await app.api(.GET, "/openapi.json", token: nil)
            let doc = try #require(body.json as? [String: Any])
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            let components = ((doc["components"] as? [String: Any])?["schemas"] as? [String: Any]) ?? [:]
            let token = try await app.token("admin")
            var ids: [String: UUID] = ["/mentorships/{id}": f.pair["A"]!.id, "/people/{id}": f.teacher["A"]!.id, "/organisations/{id}": f.schoolA.id, "/mentors/{id}": f.mentorProfile["A"]!.id, "/mentees/{id}": f.menteeProfile["A"]!.id]
            let (_, run) = try await app.api(.POST, "/matching/runs", token: try await app.token("admin"), json: RunInput(scopeID: f.schoolB.id.uuidString, form: "teacher_teacher"))
            let runID = try #require(UUID(uuidString: (run.json as? [String: Any])?["id"] as? String ?? ""))
            let queries = ["/matching/suggestions": "?menteeID=\(f.menteeProfile["A"]!.personID)&form=head_teacher"]
            let curatorAccount = try #require(try await AccountRecord.query(on: app.db).filter(\.$login == "curator").first()?.id)
            ids["/accounts/{id}"] = curatorAccount
            ids["/matching/runs/{id}"] = runID
            let (_, act) = try await app.api(.POST, "/organisations/\(f.schoolA.id)/documents", token: token, json: try await app.pairsOrderInput(f.schoolA.id, action: "register"))
            ids["/local-acts/{id}"] = try #require(UUID(uuidString: (act.json as? [String: Any])?["id"] as? String ?? ""))
            var campaigns: [String] = []
            for date in ["2026-11-01", "2026-11-20"] {
                let (_, c) = try await app.api(.POST, "/campaigns", token: token, json: ["name": "Кампания \(date)", "date": date, "node": f.mun1.id.uuidString])
                campaigns.append(try #require((c.json as? [String: Any])?["id"] as? String))
            }
            ids["/campaigns/{id}"] = UUID(uuidString: campaigns[0])
            ids.merge(try await Self.communityIDs(app)) { a, _ in a }
            // Paths whose {id} is not a UUID, or that need a query.
            let literal = ["/indicators/{id}/rows": "/indicators/11/rows?part=denominator", "/campaigns/compare": "/campaigns/compare?ids=\(campaigns.joined(separator: ","))",
                           "/campaigns": "/campaigns?node=\(f.mun1.id)"]
            var checked = 0
            for (path, ops) in paths {
                guard let get = ops["get"] as? [String: Any] else { continue }
                let id = ids.first { path.hasPrefix($0.key) }?.value ?? f.teacher["A"]!.id
                let concrete = literal[path] ?? path.replacingOccurrences(of: "{id}", with: id.uuidString) + (queries[path] ?? "")
                let (status, res) = try await app.api(.GET, concrete, token: token)
                let responses = try #require(get["responses"] as? [String: Any])
                let declared = try #require(responses[String(status.code)] as? [String: Any], "\(path): status \(status.code) not documented")
                #expect(status == .ok, "\(path)")
                if (declared["content"] as? [String: Any])?["application/json"] == nil {
                    #expect(res.readableBytes > 0, "\(path): an empty file")
                    continue
                }
                let schema = (((declared["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any]) ?? [:]
                let problems = Self.violations(try #require(res.json, "\(path) body"), schema, components)
                #expect(problems.isEmpty, "\(path): \(problems.prefix(5))")
                checked += 1
            }
            #expect(checked >= 10)
        }
    }

    @Test("Validation errors come back in the documented Error shape")
    func errorShape() async throws {
        try await withApp { app, _ in
            let (_, body) = try await app.api(.GET, "/openapi.json", token: nil)
            let doc = try #require(body.json as? [String: Any])
            let components = ((doc["components"] as? [String: Any])?["schemas"] as? [String: Any]) ?? [:]
            let token = try await app.token("curator")
            let (status, res) = try await app.api(.POST, "/people", token: token, json: PersonForm(PersonInput()))
            #expect(status == .unprocessableEntity)
            #expect(Self.violations(try #require(res.json), ["$ref": "#/components/schemas/Error"], components).isEmpty)
        }
    }
}
