import Foundation
import Testing

@testable import NastavnikWeb

/// Issue 23, defect 8: the first start says where the server really listens, `--help` prepares nothing, and the
/// stylesheet ships with the binary instead of depending on the working directory.
@Suite("Getting started: the serve command's arguments, the assets beside the binary")
struct GettingStartedTests {
    @Test("The banner's address is the one serve listens on: --port, --hostname, --bind, in both spellings; --help serves nothing")
    func serveArguments() {
        #expect(ServeArguments.parse([]) == ServeArguments())
        #expect(ServeArguments.parse(["serve", "--port", "23000"]) == ServeArguments(port: 23000))
        #expect(ServeArguments.parse(["serve", "-H", "0.0.0.0", "-p", "9090"]) == ServeArguments(hostname: "0.0.0.0", port: 9090))
        #expect(ServeArguments.parse(["serve", "--hostname=10.1.2.3", "--port=81"]) == ServeArguments(hostname: "10.1.2.3", port: 81))
        #expect(ServeArguments.parse(["serve", "--bind", "[::1]:8443"]) == ServeArguments(hostname: "::1", port: 8443))
        #expect(ServeArguments.parse(["serve", "--help"])?.help == true)
        #expect(ServeArguments.parse(["demo"]) == nil, "another command does not serve")
    }

    @Test("The stylesheet is found beside the binary whatever the working directory; a wrong NASTAVNIK_ASSETS is refused with what was searched")
    func assets() throws {
        let here = FileManager.default.currentDirectoryPath
        defer { FileManager.default.changeCurrentDirectoryPath(here) }
        FileManager.default.changeCurrentDirectoryPath(NSTemporaryDirectory())
        let dir = try #require(StaticAssets.directory(override: nil), "the test binary's resources")
        #expect(dir.contains(StaticAssets.bundleName))
        let css = try String(contentsOfFile: dir + "static/app.css", encoding: .utf8)
        #expect(css.contains("body"))
        #expect(StaticAssets.directory(override: "/nonexistent") == nil)
        #expect(StaticAssets.candidates(override: "/srv/nastavnik/assets") == ["/srv/nastavnik/assets/"])
    }
}
