import Foundation

/// A text snapshot beside the test file: `__Snapshots__/<test file>/<name>`. The first run records it; later runs
/// compare, and `RECORD=1` in the environment records again. Returns nil when the text matches (or was recorded),
/// else a message naming the first differing line — for `#expect(… == nil)`.
public func snapshotMismatch(_ text: String, named name: String, testFile: String = #filePath) throws -> String? {
    let testURL = URL(fileURLWithPath: testFile)
    let dir = testURL.deletingLastPathComponent().appendingPathComponent("__Snapshots__")
        .appendingPathComponent(testURL.deletingPathExtension().lastPathComponent)
    let file = dir.appendingPathComponent(name)
    let record = ProcessInfo.processInfo.environment["RECORD"] == "1"
    guard !record, let stored = try? String(contentsOf: file, encoding: .utf8) else {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return nil
    }
    guard stored != text else { return nil }
    let (a, b) = (stored.components(separatedBy: "\n"), text.components(separatedBy: "\n"))
    let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
    return "\(file.path) differs at line \(line + 1):\n- \(line < a.count ? a[line] : "(end)")\n+ \(line < b.count ? b[line] : "(end)")\n(RECORD=1 records it again)"
}

/// The text with every UUID replaced by `UUID-n`, numbered in order of first appearance: ids generated per run
/// do not change a snapshot, and the same id stays recognisably the same.
public func normalisingUUIDs(_ text: String) -> String {
    let pattern = try! NSRegularExpression(pattern: "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")
    var names: [String: String] = [:]
    var out = ""
    var last = text.startIndex
    for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        guard let range = Range(match.range, in: text) else { continue }
        let id = text[range].uppercased()
        let name = names[id] ?? "UUID-\(names.count + 1)"
        names[id] = name
        out += text[last..<range.lowerBound] + name
        last = range.upperBound
    }
    return out + text[last...]
}
