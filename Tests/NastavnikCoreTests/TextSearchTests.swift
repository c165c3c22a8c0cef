import Foundation
import Testing

@testable import NastavnikCore

@Suite("Full-text search: the Snowball Russian stemmer, AND queries over weighted fields, snippets")
struct TextSearchTests {
    static func doc(_ text: String, title: String = "") -> TextSearch.Document {
        TextSearch.Document(id: UUID(), fields: [(text: title, weight: 3), (text: text, weight: 1)])
    }

    static func found(_ query: String, _ documents: [TextSearch.Document]) -> Set<UUID> {
        Set(TextSearch.search(query, in: documents).map(\.id))
    }

    /// Pairs from the official Snowball Russian test vocabulary (voc.txt → output.txt).
    static let snowballPairs: [(String, String)] = [
        ("каменная", "камен"), ("вечерний", "вечерн"), ("наставница", "наставниц"), ("молодого", "молод"),
        ("молодые", "молод"), ("программе", "программ"), ("развития", "развит"), ("знаниями", "знан"),
        ("воспитанием", "воспитан"), ("образования", "образован"), ("сопровождается", "сопровожда"),
        ("сопровождении", "сопровожден"), ("учителей", "учител"), ("учительницы", "учительниц"),
        ("учеников", "ученик"), ("педагогов", "педагог"), ("педагогическом", "педагогическ"),
        ("деятельности", "деятельн"), ("радость", "радост"), ("гордостью", "гордост"),
        ("величайший", "величайш"), ("добрейший", "добр"), ("нежнейшего", "нежн"), ("длинный", "длин"),
        ("деревянная", "деревя"), ("раннего", "ран"), ("прочитав", "прочита"), ("сказавшись", "сказа"),
        ("вернувшись", "вернувш"), ("улыбнувшись", "улыбнувш"), ("бегающих", "бега"), ("поющую", "поющ"),
        ("актёрский", "актерск"), ("берёза", "берез"), ("подготовки", "подготовк"),
        ("организацию", "организац"), ("методически", "методическ"), ("школьника", "школьник"),
    ]

    @Test("The stemmer gives the official Snowball outputs for words of the test vocabulary")
    func snowballVocabulary() {
        #expect(Self.snowballPairs.count >= 25)
        for (word, stem) in Self.snowballPairs {
            #expect(RussianStemmer.stem(word) == stem, "\(word)")
        }
    }

    @Test("The stemmer lowercases, reads «ё» as «е» and leaves Latin words and numbers as they are")
    func stemmerNormalisation() {
        #expect(RussianStemmer.stem("НАСТАВНИКА") == "наставник")
        #expect(RussianStemmer.stem("Учёт") == RussianStemmer.stem("учет"))
        #expect(RussianStemmer.stem("Swift") == "swift")
        #expect(RussianStemmer.stem("2026") == "2026")
        #expect(RussianStemmer.stem("") == "")
    }

    @Test("Tokens: split on punctuation and hyphens, 1-letter words and stop words dropped, stems returned")
    func tokens() {
        #expect(TextSearch.tokens("Пара «учитель-ученик»: и для наставника, и для него!") == ["пар", "учител", "ученик", "наставник", "нег"])
        #expect(TextSearch.tokens("и в на для это или я") == [])
        #expect(TextSearch.tokens("Её ещё нет") == [])
        #expect(TextSearch.tokens("План 2026 г. v2") == ["план", "2026", "v2"])
    }

    @Test("«наставник» finds «наставника», «наставниками», «наставнику»")
    func nounForms() {
        let docs = [Self.doc("Встреча наставника с группой"), Self.doc("Работа с наставниками школы"),
                    Self.doc("Письмо наставнику"), Self.doc("Собрание педагогов")]
        #expect(Self.found("наставник", docs) == Set(docs[0...2].map(\.id)))
    }

    @Test("«программы» finds «программа»; «молодые педагоги» finds «молодого педагога»")
    func inflectedQueries() {
        let programme = Self.doc("Программа наставничества на 2026 год")
        let young = Self.doc("Адаптация молодого педагога в коллективе")
        let other = Self.doc("Отчёт о работе методического объединения")
        #expect(Self.found("программы", [programme, young, other]) == [programme.id])
        #expect(Self.found("молодые педагоги", [programme, young, other]) == [young.id])
    }

    @Test("«ё» and «е» are the same letter in queries and documents")
    func yoEquivalence() {
        let withYo = Self.doc("Учёт мероприятий")
        let withoutYo = Self.doc("Учет встреч")
        #expect(Self.found("учет", [withYo, withoutYo]) == [withYo.id, withoutYo.id])
        #expect(Self.found("УЧЁТ", [withYo, withoutYo]) == [withYo.id, withoutYo.id])
    }

    @Test("Every query word must occur: a document with only one of two words is not found")
    func andSemantics() {
        let both = Self.doc("План работы наставника", title: "Молодой специалист")
        let one = Self.doc("План работы школы")
        #expect(Self.found("план специалиста", [both, one]) == [both.id])
        #expect(Self.found("план", [both, one]) == [both.id, one.id])
        #expect(Self.found("план космонавта", [both, one]).isEmpty)
    }

    @Test("A prefix of 4+ letters finds longer words: «настав» finds «наставничество»")
    func prefix() {
        let d = Self.doc("Положение о наставничестве", title: "Наставничество")
        #expect(Self.found("настав", [d]) == [d.id])
        #expect(Self.found("на", [d]).count == 1)  // a stop word: the query is blank, every document returns
    }

    @Test("A word in the title (weight 3) ranks above the same word in the body (weight 1); counts add log-damped")
    func weights() throws {
        let body = Self.doc("Отчёт наставника за четверть", title: "Отчёт")
        let title = Self.doc("Отчёт за четверть", title: "Наставник года")
        let hits = TextSearch.search("наставник", in: [body, title])
        #expect(hits.map(\.id) == [title.id, body.id])
        #expect(hits.map(\.score) == [3, 1])
        let twice = TextSearch.Document(id: UUID(), fields: [(text: "наставник и наставника", weight: 1)])
        let score = try #require(TextSearch.search("наставник", in: [twice]).first?.score)
        #expect(abs(score - (1 + log(2.0))) < 1e-9)
    }

    @Test("Equal scores are ordered by id; a blank or stop-word query returns every document with score 0 in order")
    func orderAndBlank() {
        let docs = (0..<5).map { _ in Self.doc("Наставник") }
        #expect(TextSearch.search("наставник", in: docs).map(\.id.uuidString) == docs.map(\.id.uuidString).sorted())
        let all = docs.map { TextSearch.Hit(id: $0.id, score: 0) }
        #expect(TextSearch.search("", in: docs) == all)
        #expect(TextSearch.search("  \n ", in: docs) == all)
        #expect(TextSearch.search("и для это", in: docs) == all)
    }

    @Test("Stop words in the query are ignored")
    func stopWords() {
        let d = Self.doc("Наставник молодого учителя")
        let other = Self.doc("Учитель")
        #expect(Self.found("для наставника и учителя", [d, other]) == [d.id])
        #expect(TextSearch.search("для наставника", in: [d]) == TextSearch.search("наставника", in: [d]))
    }

    @Test("The snippet shows the matched word with «…» at cut ends, or the text's start when nothing matches")
    func snippet() {
        let filler = String(repeating: "Заседание методического объединения прошло в штатном режиме. ", count: 6)
        let text = filler + "Молодому педагогу назначен наставник из числа опытных учителей. " + filler
        let s = TextSearch.snippet(text, query: "наставники", length: 80)
        #expect(s.contains("наставник"))
        #expect(s.hasPrefix("…") && s.hasSuffix("…"))
        #expect(s.count <= 82)
        let start = TextSearch.snippet(text, query: "космос", length: 40)
        #expect(start.hasPrefix("Заседание"))
        #expect(start.hasSuffix("…"))
        #expect(TextSearch.snippet("Короткий текст", query: "текст") == "Короткий текст")
        #expect(TextSearch.snippet("Учёт\n\nвстреч", query: "учет") == "Учёт встреч")
    }
}
