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
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    throw error
}
try await app.asyncShutdown()
