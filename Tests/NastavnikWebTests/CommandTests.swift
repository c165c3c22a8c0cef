import ConsoleKit
import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

@Suite("Command line and health", .serialized)
struct CommandTests {
    func run(_ app: Application, _ arguments: [String]) async throws {
        var context = CommandContext(console: Terminal(), input: CommandInput(arguments: ["nastavnik"] + arguments))
        context.application = app
        try await UserCommand().run(using: &context)
    }

    @Test("`user create` makes an account that can log in; `user password` changes it and revokes its tokens")
    func userCommand() async throws {
        try await withApp { app, f in
            try await run(app, ["create", "--login", "Kurator2", "--password", "Надёжный2026", "--role", "curator", "--scope", f.schoolA.id.uuidString, "--name", "Второй Куратор"])
            let account = try #require(try await AccountRecord.query(on: app.db).filter(\.$login == "kurator2").first())
            #expect(try account.roleValue == .curator)
            #expect(account.placement.organisationID == f.schoolA.id)
            let token = try await app.token("kurator2", "Надёжный2026")
            #expect(try await app.api(.GET, "/people/\(f.teacher["A"]!.id)", token: token).0 == .ok)
            try await run(app, ["password", "--login", "kurator2", "--password", "Другой2027пароль"])
            #expect(try await app.api(.GET, "/people/\(f.teacher["A"]!.id)", token: token).0 == .unauthorized)
            _ = try await app.token("kurator2", "Другой2027пароль")
        }
    }

    @Test("`user create` refuses a weak password and an unknown role, writing nothing")
    func userCommandRefuses() async throws {
        try await withApp { app, f in
            let before = try await AccountRecord.query(on: app.db).count()
            await #expect(throws: ValidationError.self) {
                try await run(app, ["create", "--login", "weak", "--password", "123", "--role", "curator", "--scope", f.schoolA.id.uuidString])
            }
            await #expect(throws: ValidationError.self) {
                try await run(app, ["create", "--login", "odd", "--password", "Надёжный2026", "--role", "king"])
            }
            #expect(try await AccountRecord.query(on: app.db).count() == before)
        }
    }

    @Test("/health answers with the database checked")
    func health() async throws {
        try await withApp { app, _ in
            try await app.testing().test(.GET, "/health", afterResponse: { res in
                #expect(res.status == .ok)
                let body = try res.content.decode([String: String].self)
                #expect(body == ["status": "ok", "database": "ok"])
            })
        }
    }
}
