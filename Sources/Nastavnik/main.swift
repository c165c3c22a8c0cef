import Foundation
import NastavnikWeb
import Vapor

var env = try Environment.detect()
try LoggingSystem.bootstrap(from: &env)
let app = try await Application.make(env)
do {
    try await configure(app)
    // `serve` (also the default with no subcommand) migrates and seeds first, then prints where to log in.
    let args = CommandLine.arguments.dropFirst()
    if args.first == nil || args.first == "serve" {
        try await ServePreparation.prepare(app)
    }
    try await app.execute()
} catch {
    // A command's refusal (a missing option, a bad file) is a message and exit code 1, never a crash report.
    app.logger.report(error: error)
    FileHandle.standardError.write(Data("Ошибка: \(error)\n".utf8))
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
