import Foundation
import NastavnikWeb
import Vapor

var env = try Environment.detect()
try LoggingSystem.bootstrap(from: &env)
let app = try await Application.make(env)
// `serve` (also the default with no subcommand) migrates and seeds first, then prints where to log in;
// `serve --help` only prints the help.
let serve = ServeArguments.parse(Array(CommandLine.arguments.dropFirst()))
let serving = serve.map { !$0.help } ?? false
do {
    try await configure(app)
    if let serve, serving {
        try await ServePreparation.prepare(app, arguments: serve)
    }
    try await app.execute()
} catch {
    // A command's refusal (a missing option, a bad file) is a message and exit code 1, never a crash report.
    app.logger.report(error: error)
    FileHandle.standardError.write(Data("Ошибка: \(error)\n".utf8))
    try? await app.asyncShutdown()
    exit(1)
}
// `serve` returns here on SIGTERM or SIGINT: answer what is in flight before the databases go. Past the
// timeout, exit without shutting them down under running requests.
if serving, await !GracefulShutdown.drain(app) {
    exit(1)
}
try await app.asyncShutdown()
