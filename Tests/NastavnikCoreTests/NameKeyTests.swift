import Foundation
import Testing

@testable import NastavnikCore

@Suite("NameKey: names in a reader's order")
struct NameKeyTests {
    @Test("numbers by value, case ignored, Russian alphabet, stable for equal names")
    func order() {
        let names = ["Школа № 10", "школа № 2", "Гимназия № 1", "Школа № 2а", "Лицей", "Ёлочка", "Яблонька", "Школа № 010", "школа № 2"]
        let sorted = names.enumerated().map { ($0.offset, $0.element) }.sortedByName(\.1)
        #expect(sorted.map(\.1) == ["Гимназия № 1", "Лицей", "школа № 2", "школа № 2", "Школа № 2а", "Школа № 10", "Школа № 010", "Яблонька", "Ёлочка"])
        // Equal names keep their order: the first «школа № 2» is element 1.
        #expect(sorted.filter { $0.1 == "школа № 2" }.map(\.0) == [1, 8])
        #expect(IndicatorEvaluator.before("Школа № 9", "Школа № 10"))
        #expect(!IndicatorEvaluator.before("Школа № 10", "Школа № 9"))
    }

    @Test("agrees with Foundation's numeric, case-insensitive compare on generated school names")
    func agreesWithFoundation() {
        var state: UInt64 = 7
        func next(_ n: Int) -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int((state >> 33) % UInt64(n)) }
        let words = ["Школа", "школа", "Гимназия", "Лицей", "МБОУ СОШ", "Центр", "Детский сад", "Колледж"]
        let names = (0..<400).map { _ in "\(words[next(words.count)]) № \(next(120))" + (next(4) == 0 ? " им. \(words[next(words.count)])" : "") }
        for a in names.prefix(60) {
            for b in names.suffix(60) where a.lowercased() != b.lowercased() {
                #expect((NameKey(a) < NameKey(b)) == (a.compare(b, options: [.numeric, .caseInsensitive]) == .orderedAscending), "\(a) / \(b)")
            }
        }
    }
}
