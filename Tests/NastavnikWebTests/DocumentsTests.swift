import Fluent
import Foundation
import NastavnikCore
import NastavnikOffice
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

extension Application {
    /// Sends a file (or any bytes) to the API; returns status and body.
    func upload(_ path: String, token: String, bytes: Data, type: String = "application/octet-stream") async throws -> (HTTPStatus, ByteBuffer) {
        var result: (HTTPStatus, ByteBuffer) = (.internalServerError, ByteBuffer())
        try await testing().test(.POST, "/api/v1" + path, beforeRequest: { req in
            req.headers.bearerAuthorization = BearerAuthorization(token: token)
            req.headers.contentType = HTTPMediaType(type: "application", subType: "octet-stream")
            req.body = ByteBuffer(data: bytes)
        }, afterResponse: { res in result = (res.status, res.body) })
        return result
    }
}

/// Windows-1251 bytes of a text made of Cyrillic, ASCII and «№».
func cp1251(_ text: String) -> Data {
    Data(text.unicodeScalars.map { s -> UInt8 in
        switch s.value {
        case 0..<0x80: UInt8(s.value)
        case 0x410...0x44F: UInt8(s.value - 0x410 + 0xC0)
        case 0x401: 0xA8
        case 0x451: 0xB8
        case 0x2116: 0xB9
        default: 0x3F
        }
    })
}

/// Progress reports of a commit, in order.
actor ProgressLog {
    private(set) var steps: [(done: Int, total: Int)] = []
    func add(_ done: Int, _ total: Int) { steps.append((done, total)) }
}

@Suite("Imports: dry run, atomic commit, re-import, scope", .serialized)
struct ImportTests {
    static let header = "Фамилия;Имя;Отчество;Дата рождения;СНИЛС;Должность;Начало педагогического стажа;Дата согласия\r\n"

    func people(_ app: Application, _ org: UUID) async throws -> Int {
        try await MembershipRecord.query(on: app.db).filter(\.$organisationID == org).count()
    }

    @Test("A Windows-1251 CSV of staff: the dry run writes nothing, the commit writes all, the same file again changes nothing")
    func staffRoundTrip() async throws {
        try await withApp { app, f in
            let token = try await app.token("curator")
            let csv = cp1251(Self.header + "Новикова;Елена;Игоревна;12.04.1999;;учитель физики;01.09.2024;01.09.2026\r\nОрлов;Павел;;03.03.1985;\(Snils.make([2, 3, 4, 5, 6, 7, 8, 9, 1]));учитель истории;01.09.2008;02.09.2026\r\n")
            let before = try await people(app, f.schoolA.id)
            let (s1, dry) = try await app.upload("/imports/staff?filename=staff.csv", token: token, bytes: csv)
            #expect(s1 == .ok)
            #expect(dry.json.flatMap { ($0 as? [String: Any])?["created"] as? Int } == 2)
            #expect(try await people(app, f.schoolA.id) == before)

            let (s2, done) = try await app.upload("/imports/staff?filename=staff.csv&commit=true", token: token, bytes: csv)
            #expect(s2 == .ok)
            #expect(done.json.flatMap { ($0 as? [String: Any])?["committed"] as? Bool } == true)
            #expect(try await people(app, f.schoolA.id) == before + 2)
            let novikova = try #require(try await PersonRecord.query(on: app.db).filter(\.$lastName == "Новикова").first())
            #expect(novikova.core.isYoungSpecialist(on: testToday))
            #expect(try await ConsentRecord.query(on: app.db).filter(\.$personID == novikova.id!).count() == 1)
            // One audit entry for the row: the person, the place and the consent together.
            let audit = try await AuditRecord.query(on: app.db).filter(\.$personID == novikova.id!).all()
            #expect(audit.map(\.entity) == ["import"])
            let fields = Set(audit.flatMap(\.changeList).map(\.field))
            #expect(fields.isSuperset(of: ["Фамилия", "Дата рождения", "Роль в организации", "Период", "Согласие", "Дата подписания"]))
            #expect(audit.first?.action == "create")

            let (_, again) = try await app.upload("/imports/staff?filename=staff.csv&commit=true", token: token, bytes: csv)
            let report = try #require(again.json as? [String: Any])
            #expect(report["created"] as? Int == 0)
            #expect(report["unchanged"] as? Int == 2)
            #expect(try await people(app, f.schoolA.id) == before + 2)

            // Another school's curator does not see them.
            let other = try await app.token("curatorb")
            let (_, list) = try await app.api(.GET, "/people?q=Новикова", token: other)
            #expect(!list.text.contains("Новикова"))
        }
    }

    @Test("A file with errors changes nothing unless only the valid rows are asked for; errors name row, column and value")
    func errorsAreAtomic() async throws {
        try await withApp { app, f in
            let token = try await app.token("curator")
            let csv = Data((Self.header + "Новикова;Елена;;12.04.1999;;учитель;01.09.2023;01.09.2026\nБелов;Олег;;31.02.1990;;учитель;;01.09.2026\nНовикова;Елена;;12.04.1999;;учитель;01.09.2023;01.09.2026\n").utf8)
            let before = try await people(app, f.schoolA.id)
            let (status, body) = try await app.upload("/imports/staff?filename=s.csv&commit=true", token: token, bytes: csv)
            #expect(status == .unprocessableEntity)
            #expect(body.text.contains("В файле 2 строки с ошибками: исправьте их"))
            #expect(try await people(app, f.schoolA.id) == before)

            let (_, dry) = try await app.upload("/imports/staff?filename=s.csv", token: token, bytes: csv)
            let issues = try #require((dry.json as? [String: Any])?["issues"] as? [[String: Any]])
            #expect(issues.contains { $0["row"] as? Int == 3 && $0["column"] as? String == "Дата рождения" && $0["value"] as? String == "31.02.1990" })
            #expect(issues.contains { $0["row"] as? Int == 4 && ($0["message"] as? String)?.contains("повторяет строку 2") == true })

            let (s2, _) = try await app.upload("/imports/staff?filename=s.csv&commit=true&validOnly=true", token: token, bytes: csv)
            #expect(s2 == .ok)
            #expect(try await people(app, f.schoolA.id) == before + 1)
        }
    }

    @Test("A 100,000-row file with one bad row at the end writes nothing, and its error names that row")
    func hundredThousandRows() async throws {
        try await withApp { app, f in
            let token = try await app.token("curator")
            var (headers, rows) = BenchImportCommand.table(rows: 100_000)
            let last = rows.count - 1
            rows[last][3] = "30.02.1991"
            let csv = Data(CSVTable(headers: headers, rows: rows).encoded().utf8)
            let before = try await people(app, f.schoolA.id)
            let (status, body) = try await app.upload("/imports/staff?filename=big.csv&commit=true", token: token, bytes: csv)
            #expect(status == .unprocessableEntity)
            #expect(body.text.contains("В файле 1 строка с ошибками: исправьте её"))
            #expect(try await people(app, f.schoolA.id) == before)
            #expect(try await PersonRecord.query(on: app.db).count() < 1000)

            let (_, dry) = try await app.upload("/imports/staff?filename=big.csv", token: token, bytes: csv)
            let report = try #require(dry.json as? [String: Any])
            let issues = try #require(report["issues"] as? [[String: Any]])
            #expect(issues.count == 1)
            #expect(issues.first?["row"] as? Int == 100_001)
            #expect(issues.first?["value"] as? String == "30.02.1991")
            #expect(report["valid"] as? Int == 99_999)
            // Committing the valid rows of such a file is what `scripts/bench-import` times.
        }
    }

    @Test("The page's commit plans the file part by part: a bad row in a later part rolls back the parts written before it; the valid rows then load")
    func commitInParts() async throws {
        try await withApp { app, f in
            var (headers, rows) = BenchImportCommand.table(rows: ImportService.partSize + 500)
            let bad = ImportService.partSize + 400
            rows[bad][3] = "30.02.1991"
            let table = [headers] + rows
            let user = CurrentUser(accountID: UUID(), login: "kurator", fullName: "Кураторова Анна", actor: Actor(accountID: UUID(), role: .curator, placement: Placement(organisationID: f.schoolA.id)), viaToken: false)
            func planning() async throws -> ImportPlanning {
                let context = try await ImportService.context(app.db, organisations: [f.schoolA], kind: .staff, today: app.today, snils: ImportPlanner.snils(table, kind: .staff))
                return ImportPlanning(table, kind: .staff, context: context)
            }
            let before = try await people(app, f.schoolA.id)
            let audit = try await AuditRecord.query(on: app.db).count()
            let progress = ProgressLog()
            do {
                _ = try await ImportService.commit(app.db, user, try await planning(), validOnly: false) { done, total in await progress.add(done, total) }
                Issue.record("a file with a bad row was committed")
            } catch let error as ValidationError {
                #expect(error.summary == "В файле 1 строка с ошибками: исправьте её или загрузите только строки без ошибок.")
            }
            // The first part was written (its progress reported) before the bad row was planned, and rolled back.
            #expect(await progress.steps.first?.0 == ImportService.partSize)
            #expect(await progress.steps.last?.0 == rows.count)
            #expect(try await people(app, f.schoolA.id) == before)
            #expect(try await PersonRecord.query(on: app.db).filter(\.$snils == rows[0][4].filter(\.isNumber)).count() == 0)
            #expect(try await AuditRecord.query(on: app.db).count() == audit)

            let tally = try await ImportService.commit(app.db, user, try await planning(), validOnly: true)
            #expect(tally.created == rows.count - 1)
            #expect(tally.rowsWithIssues == 1)
            #expect(tally.issues.first?.row == bad + 2)
            #expect(tally.issues.first?.value == "30.02.1991")
            #expect(try await people(app, f.schoolA.id) == before + rows.count - 1)
            #expect(try await AuditRecord.query(on: app.db).filter(\.$entity == "import").count() == rows.count - 1)
            #expect(try await ConsentRecord.query(on: app.db).count() >= rows.count - 1)
        }
    }

    @Test("Bad files get a Russian 422: old .xls, missing required column, binary junk")
    func badFiles() async throws {
        try await withApp { app, _ in
            let token = try await app.token("curator")
            let (s1, b1) = try await app.upload("/imports/staff?filename=old.xls", token: token, bytes: Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 64)))
            #expect(s1 == .unprocessableEntity)
            #expect(b1.text.contains("Excel 97"))
            let (s2, b2) = try await app.upload("/imports/staff?filename=s.csv", token: token, bytes: Data("Фамилия;Имя\nИванова;Мария\n".utf8))
            #expect(s2 == .ok)
            #expect(b2.text.contains("нет обязательного столбца «Дата рождения»"))
            let (s3, _) = try await app.upload("/imports/staff?filename=s.csv&commit=true", token: token, bytes: Data("Фамилия;Имя\nИванова;Мария\n".utf8))
            #expect(s3 == .unprocessableEntity)
        }
    }

    @Test("XLSX of mentees: a minor without a parent's consent is refused, with one it enters the base")
    func menteesFromXLSX() async throws {
        try await withApp { app, f in
            let token = try await app.token("curator")
            let sheet = XLSXSheet(name: "Наставляемые", headers: ["Фамилия", "Имя", "Дата рождения", "Класс", "Основной запрос", "Дата согласия", "Законный представитель (ФИО)"], rows: [
                ["Смирнов", "Артём", .date(year: 2013, month: 5, day: 10), "7Б", "профориентация", .empty, .empty],
                ["Попов", "Илья", .date(year: 2013, month: 7, day: 12), "7Б", "профориентация", .date(year: 2026, month: 9, day: 1), "Попова Анна Сергеевна"],
            ])
            let (status, body) = try await app.upload("/imports/mentees?filename=m.xlsx&commit=true&validOnly=true", token: token, bytes: try XLSXWriter.data([sheet]))
            #expect(status == .ok)
            let report = try #require(body.json as? [String: Any])
            #expect(report["valid"] as? Int == 1)
            #expect(((report["issues"] as? [[String: Any]])?.first?["message"] as? String)?.contains("согласия родителя") == true)
            let popov = try #require(try await PersonRecord.query(on: app.db).filter(\.$lastName == "Попов").first())
            let profile = try #require(try await MenteeProfileRecord.query(on: app.db).filter(\.$personID == popov.id!).first())
            #expect(profile.organisationID == f.schoolA.id)
            #expect(try await ConsentRecord.query(on: app.db).filter(\.$personID == popov.id!).first()?.signer == ConsentSigner.parent.rawValue)
            #expect(try await PersonRecord.query(on: app.db).filter(\.$lastName == "Смирнов").count() == 0)
        }
    }

    @Test("A SNILS of another school's person is refused in the curator's file, without naming that person; the others load")
    func foreignSnils() async throws {
        try await withApp { app, f in
            let theirs = Snils.make([3, 1, 4, 1, 5, 9, 2, 6, 5]), ours = Snils.make([2, 7, 1, 8, 2, 8, 1, 8, 2])
            var other = Person(lastName: "Чужая", firstName: "Анна", birthDate: Day("1980-05-05")!)
            other.snils = theirs
            try await PersonRecord(other).create(on: app.db)
            try await MembershipRecord(Membership(personID: other.id, organisationID: f.schoolB.id, role: .pedagogical, period: Period(start: Day("2010-09-01")!))).create(on: app.db)
            let csv = Data((Self.header + "Иванова;Анна;;05.05.1980;\(theirs);учитель;01.09.2005;01.09.2026\r\nПетрова;Ольга;;06.06.1981;\(ours);учитель;01.09.2006;01.09.2026\r\n").utf8)
            let (status, body) = try await app.upload("/imports/staff?filename=s.csv&commit=true&validOnly=true", token: try await app.token("curator"), bytes: csv)
            #expect(status == .ok)
            #expect(body.text.contains("вне вашей зоны доступа"))
            #expect(!body.text.contains("Чужая"))
            #expect(try await PersonRecord.query(on: app.db).filter(\.$snils == theirs).all().map(\.lastName) == ["Чужая"])
            #expect(try await PersonRecord.query(on: app.db).filter(\.$snils == ours).count() == 1)
        }
    }

    @Test("Organisations are loaded by the municipality, not by a school; a curator cannot name another school")
    func organisationsAndScope() async throws {
        try await withApp { app, f in
            let curator = try await app.token("curator")
            let csv = Data("Муниципалитет;Полное наименование;Краткое наименование;ИНН\nгород Первый;Гимназия № 1;Гимназия № 1;1831000012\nВторой район;Школа;Школа;\n".utf8)
            let (s1, _) = try await app.upload("/imports/organisations?filename=o.csv", token: curator, bytes: csv)
            #expect(s1 == .forbidden)
            let mun = try await app.token("mun1")
            let (s2, body) = try await app.upload("/imports/organisations?filename=o.csv&commit=true&validOnly=true", token: mun, bytes: csv)
            #expect(s2 == .ok)
            #expect(body.text.contains("Муниципалитет не найден среди доступных вам"))
            #expect(try await OrganisationRecord.query(on: app.db).filter(\.$inn == "1831000012").first()?.municipalityID == f.mun1.id)

            let staff = Data("Фамилия;Имя;Дата рождения;Организация\nИванова;Мария;01.01.1990;Школа Б\n".utf8)
            let (_, dry) = try await app.upload("/imports/staff?filename=s.csv", token: curator, bytes: staff)
            #expect(dry.text.contains("Организация не найдена"))
        }
    }
}

@Suite("Documents: generation, registry, approval, templates", .serialized)
struct DocumentTests {
    @Test("A pairs order is generated from the forming pairs, registered as a draft, and its approval makes the pairs active")
    func pairsOrderLifecycle() async throws {
        try await withApp { app, f in
            let token = try await app.token("curator")
            let (s1, body) = try await app.api(.POST, "/organisations/\(f.schoolA.id)/documents", token: token, json: try await app.pairsOrderInput(f.schoolA.id, action: "register"))
            #expect(s1 == .created)
            let act = try JSONDecoder().decode(LocalAct.self, from: Data(buffer: body))
            #expect(act.status == .draft)
            #expect(act.mentorshipIDs == [f.pair["A"]!.id])

            let (s2, file) = try await app.api(.GET, "/local-acts/\(act.id)/file", token: token)
            #expect(s2 == .ok)
            let xml = String(decoding: try OOXMLPackage(data: Data(buffer: file))["word/document.xml"]!, as: UTF8.self)
            #expect(xml.contains("Учителева Анна Петровна, учитель"))
            #expect(xml.contains("Молодцов"))
            #expect(!xml.contains("{{"))

            let (bad, issues) = try await app.api(.POST, "/local-acts/\(act.id)/approve", token: token, json: ["number": "", "date": "01.12.2026", "approver": ""])
            #expect(bad == .unprocessableEntity)
            #expect(issues.text.contains("Укажите номер приказа"))
            #expect(try await MentorshipRecord.find(f.pair["A"]!.id, on: app.db)?.status == MentorshipStatus.forming.rawValue)

            let (s3, approved) = try await app.api(.POST, "/local-acts/\(act.id)/approve", token: token, json: ["number": "45-о", "date": "20.11.2026", "approver": "Директор Петров И. С."])
            #expect(s3 == .ok)
            #expect(approved.text.contains("\"status\":\"approved\""))
            let pair = try #require(try await MentorshipRecord.find(f.pair["A"]!.id, on: app.db)?.core)
            #expect(pair.status == .active)
            #expect(pair.order == OrderReference(number: "45-о", date: Day("2026-11-20")!))

            // The same number in the same year is refused for another order.
            let (_, second) = try await app.api(.POST, "/organisations/\(f.schoolA.id)/documents", token: token, json: ["type": "implementation_order", "action": "register"])
            let other = try JSONDecoder().decode(LocalAct.self, from: Data(buffer: second))
            let (s4, dup) = try await app.api(.POST, "/local-acts/\(other.id)/approve", token: token, json: ["number": "45-О", "date": "21.11.2026", "approver": "Директор"])
            #expect(s4 == .unprocessableEntity)
            #expect(dup.text.contains("уже есть в реестре"))

            // No forming pairs left: a new pairs order has nothing to fix.
            let (s5, none) = try await app.api(.POST, "/organisations/\(f.schoolA.id)/documents", token: token, json: ["type": "pairs_order"])
            #expect(s5 == .unprocessableEntity)
            #expect(none.text.contains("Нет формирующихся пар"))

            // Another school's curator sees neither the act nor the registry.
            let b = try await app.token("curatorb")
            #expect(try await app.api(.GET, "/local-acts/\(act.id)", token: b).0 == .notFound)
            #expect(try await app.api(.GET, "/organisations/\(f.schoolA.id)/local-acts", token: b).0 == .notFound)
            #expect(try await app.api(.GET, "/organisations/\(f.schoolA.id)/local-acts", token: try await app.token("mun1")).1.text.contains("45-о"))
        }
    }

    @Test("A consent form is prefilled for the person; a minor gets the parent's form only")
    func consents() async throws {
        try await withApp { app, f in
            let token = try await app.token("curator")
            let (s1, e1) = try await app.api(.POST, "/organisations/\(f.schoolA.id)/documents", token: token, json: ["type": "consent_adult", "personID": f.student.id.uuidString])
            #expect(s1 == .unprocessableEntity)
            #expect(e1.text.contains("несовершеннолетний"))
            let (s2, docx) = try await app.api(.POST, "/organisations/\(f.schoolA.id)/documents", token: token, json: ["type": "consent_parent", "personID": f.student.id.uuidString, "representative": "Школьникова Ольга Ивановна"])
            #expect(s2 == .ok)
            let xml = String(decoding: try OOXMLPackage(data: Data(buffer: docx))["word/document.xml"]!, as: UTF8.self)
            #expect(xml.contains("Школьников Петя"))
            #expect(xml.contains("04.04.2013"))
            #expect(xml.contains("Школьникова Ольга Ивановна"))
            let (s3, _) = try await app.api(.POST, "/organisations/\(f.schoolA.id)/documents", token: try await app.token("curatorb"), json: ["type": "consent_parent", "personID": f.student.id.uuidString])
            #expect(s3 == .notFound)
        }
    }

    @Test("A municipality's template applies to its schools; one with an unknown placeholder is refused")
    func municipalTemplate() async throws {
        try await withApp { app, f in
            let mun = try await app.token("mun1")
            let bad = try DocxDocument(blocks: [.heading("ПРИКАЗ"), .paragraph(DocxParagraph("{{организация.назавние}}"))]).data()
            let (s1, e1) = try await app.upload("/templates/implementation_order?filename=bad.docx", token: mun, bytes: bad)
            #expect(s1 == .unprocessableEntity)
            #expect(e1.text.contains("Неизвестное поле {{организация.назавние}}"))
            let good = try DocxDocument(blocks: [.heading("ПРИКАЗ ПО ШАБЛОНУ ГОРОДА"), .paragraph(DocxParagraph("{{организация.краткое_название}}, {{учебный_год}}"))]).data()
            let (s2, _) = try await app.upload("/templates/implementation_order?filename=good.docx", token: mun, bytes: good)
            #expect(s2 == .created)
            let curator = try await app.token("curator")
            let (_, docx) = try await app.api(.POST, "/organisations/\(f.schoolA.id)/documents", token: curator, json: ["type": "implementation_order"])
            let text = String(decoding: try OOXMLPackage(data: Data(buffer: docx))["word/document.xml"]!, as: UTF8.self)
            #expect(text.contains("ПРИКАЗ ПО ШАБЛОНУ ГОРОДА"))
            #expect(text.contains("Школа А, 2026/2027"))
            // School C is in the other municipality: the default template.
            let (_, other) = try await app.api(.POST, "/organisations/\(f.schoolC.id)/documents", token: try await app.token("admin"), json: ["type": "implementation_order"])
            #expect(!String(decoding: try OOXMLPackage(data: Data(buffer: other))["word/document.xml"]!, as: UTF8.self).contains("ШАБЛОНУ ГОРОДА"))
            // Curators do not upload templates.
            #expect(try await app.upload("/templates/implementation_order?filename=good.docx", token: curator, bytes: good).0 == .forbidden)
        }
    }

    @Test("Pages: upload with the CSRF token in the multipart body, preview with row errors, background commit, XLSX export")
    func pages() async throws {
        try await withApp { app, f in
            let cookie = try await app.sessionCookie("curator")
            let csrf = try await app.csrf("/imports?kind=staff", cookie: cookie)
            let csv = ImportTests.header + "Новикова;Елена;;12.04.1999;;учитель;01.09.2023;01.09.2026\nБелов;Олег;;31.02.1990;;учитель;;01.09.2026\n"
            let (posted, preview, _) = try await app.postMultipart("/imports", cookie: cookie, fields: [("csrf", csrf), ("kind", "staff")], file: ("file", "staff.csv", "text/csv", csv))
            #expect(posted == .seeOther || posted == .found)
            let (status, page) = try await app.pageBody(preview, cookie: cookie)
            #expect(status == .ok)
            #expect(page.contains("31.02.1990"))
            #expect(page.contains("Загрузить только строки без ошибок (1)"))

            let fileID = preview.split(separator: "/").last!.split(separator: "?").first!
            func commit(_ form: [String: String]) async throws -> String {
                var jobPath = ""
                try await app.testing().test(.POST, "/imports/\(fileID)/commit", beforeRequest: { req in
                    req.headers.cookie = ["nastavnik_session": .init(string: cookie)]
                    try req.content.encode(form, as: .urlEncodedForm)
                }, afterResponse: { res in jobPath = res.headers.first(name: .location) ?? "" })
                return try await app.finishedImportJob(jobPath, cookie: cookie)
            }
            // All rows asked for, one of them bad: the job fails, nothing is written, the way back is the preview.
            let failed = try await commit(["csrf": csrf, "kind": "staff"])
            #expect(failed.contains("В файле 1 строка с ошибками"))
            #expect(failed.contains("href=\"\(preview.replacingOccurrences(of: "&", with: "&amp;"))\""))
            #expect(try await PersonRecord.query(on: app.db).filter(\.$lastName == "Новикова").count() == 0)

            let job = try await commit(["csrf": csrf, "kind": "staff", "validOnly": "true"])
            #expect(job.contains("<dt>Создано</dt><dd>1</dd>"))
            #expect(job.contains("<dt>Пропущено строк с ошибками</dt><dd>1</dd>"))
            #expect(job.contains("Проверено и записано строк: 2 из 2."))
            #expect(try await PersonRecord.query(on: app.db).filter(\.$lastName == "Новикова").count() == 1)
            #expect(try await PersonRecord.query(on: app.db).filter(\.$lastName == "Белов").count() == 0)
            // Someone else's upload is not found.
            #expect(try await app.page(.GET, preview, cookie: try await app.sessionCookie("curatorb")) == .notFound)

            var xlsx = Data()
            try await app.testing().test(.GET, "/mentors?format=xlsx", beforeRequest: { req in
                req.headers.cookie = ["nastavnik_session": .init(string: cookie)]
            }, afterResponse: { res in xlsx = Data(buffer: res.body) })
            let rows = try XLSXReader.read(xlsx)
            #expect(rows.first?.contains("ФИО") == true)
            #expect(rows.dropFirst().contains { $0.contains { $0.contains("Учителева") } })
            #expect(!rows.dropFirst().contains { $0.contains { $0.contains("УчителеваБэ") } })
        }
    }
}
