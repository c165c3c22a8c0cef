import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Testing
import Vapor
import VaporTesting

@testable import NastavnikWeb

@Suite("The mentor school", .serialized)
struct MentorSchoolTests {
    static func json(_ b: ByteBuffer) -> [String: Any] { b.json as? [String: Any] ?? [:] }

    @Test("Enrolment within places and once each; completion after the event with a unique certificate makes the mentor «обучен» in the base (audited); checklists aggregate for the organiser only")
    func school() async throws {
        try await withApp { app, f in
            let mun = try await app.token("mun1"), curator = try await app.token("curator"), curatorB = try await app.token("curatorb"), mentor = try await app.token("mentor")
            let input = TrainingInput(title: "Школа наставника: планирование работы", format: "training", hours: FlexibleInt(16), start: "25.11.2026", end: "26.11.2026",
                                      organiser: "Городской методический центр", capacity: FlexibleInt(2))
            var bad = input
            bad.end = "20.11.2026"
            bad.hours = FlexibleInt(0)
            let (s0, b0) = try await app.api(.POST, "/trainings", token: mun, json: bad)
            #expect(s0 == .unprocessableEntity)
            #expect(b0.text.contains("раньше, чем начнётся"))
            #expect(b0.text.contains("от 1 до 500 часов"))
            #expect(try await app.api(.POST, "/trainings", token: mentor, json: input).0 == .forbidden)
            let (s1, b1) = try await app.api(.POST, "/trainings", token: mun, json: input)
            #expect(s1 == .created)
            let id = try #require(Self.json(b1)["id"] as? String)
            let teacherA = f.teacher["A"]!.id.uuidString, teacherB = f.teacher["B"]!.id.uuidString

            let (s2, b2) = try await app.api(.POST, "/trainings/\(id)/enrolments", token: mentor, json: EnrolInput())
            #expect(s2 == .created)
            let enA = try #require(Self.json(b2)["id"] as? String)
            #expect(try await app.api(.POST, "/trainings/\(id)/enrolments", token: curator, json: EnrolInput(personID: teacherA)).1.text.contains("уже записан"))
            #expect(try await app.api(.POST, "/trainings/\(id)/enrolments", token: curator, json: EnrolInput(personID: teacherB)).0 == .notFound)
            let (s3, b3) = try await app.api(.POST, "/trainings/\(id)/enrolments", token: curatorB, json: EnrolInput(personID: teacherB))
            #expect(s3 == .created)
            let enB = try #require(Self.json(b3)["id"] as? String)
            let full = try await app.api(.POST, "/trainings/\(id)/enrolments", token: try await app.token("admin"), json: EnrolInput(personID: f.teacher["C"]!.id.uuidString))
            #expect(full.1.text.contains("Мест нет: все 2 заняты"))
            // Enrolled: «обучается» in the base.
            #expect(try await MentorProfileRecord.find(f.mentorProfile["A"]!.id, on: app.db)?.core.training == .inTraining)

            // Completion: not before the end, not by a curator, a certificate number once per event.
            let early = try await app.api(.POST, "/enrolments/\(enA)/complete", token: mun, json: CompleteInput(certificateNumber: "НШ-001"))
            #expect(early.1.text.contains("после окончания мероприятия"))
            let ev = try #require(try await TrainingEventRecord.find(UUID(uuidString: id), on: app.db))
            ev.end = "2026-11-25"
            try await ev.save(on: app.db)
            #expect(try await app.api(.POST, "/enrolments/\(enA)/complete", token: curator, json: CompleteInput(certificateNumber: "НШ-001")).0 == .forbidden)
            #expect(try await app.api(.POST, "/enrolments/\(enA)/complete", token: mun, json: CompleteInput(certificateNumber: "НШ-001")).0 == .ok)
            #expect(try await app.api(.POST, "/enrolments/\(enB)/complete", token: mun, json: CompleteInput(certificateNumber: "НШ-001")).1.text.contains("уже выдан"))
            let record = Self.json(try await app.api(.GET, "/people/\(teacherA)/training", token: curator).1)
            #expect(record["hours"] as? Int == 16)
            #expect(record["isTrained"] as? Bool == true)
            #expect(Self.json(try await app.api(.GET, "/people/\(teacherB)/training", token: curatorB).1)["isTrained"] as? Bool == false)
            #expect(try await MentorProfileRecord.find(f.mentorProfile["A"]!.id, on: app.db)?.core.training == .trained)
            let (_, base) = try await app.pageBody("/mentors", cookie: try await app.sessionCookie("curator"))
            #expect(base.contains("обучен, 16 ч"))
            let audit = try await AuditRecord.query(on: app.db).filter(\.$personID == f.teacher["A"]!.id).filter(\.$entity == "mentor").count()
            #expect(audit >= 2)

            // The checklist: the mentor's own, after completion; the organiser sees the aggregate, a curator does not.
            #expect(try await app.api(.PUT, "/enrolments/\(enB)/checklist", token: curatorB, json: ChecklistInput(difficulties: ["time"])).0 == .forbidden)
            #expect(try await app.api(.PUT, "/enrolments/\(enA)/checklist", token: mentor, json: ChecklistInput()).1.text.contains("Отметьте хотя бы одно"))
            #expect(try await app.api(.PUT, "/enrolments/\(enA)/checklist", token: mentor, json: ChecklistInput(difficulties: ["planning", "time"], note: "Не успеваю посещать уроки")).0 == .ok)
            let view = Self.json(try await app.api(.GET, "/trainings/\(id)", token: mun).1)
            #expect(view["checklists"] as? Int == 1)
            #expect(Set((view["difficulties"] as? [[String: Any]] ?? []).compactMap { $0["difficulty"] as? String }) == ["planning", "time"])
            #expect((view["enrolments"] as? [Any])?.count == 2)
            let curatorView = Self.json(try await app.api(.GET, "/trainings/\(id)", token: curator).1)
            #expect(curatorView["difficulties"] == nil || curatorView["difficulties"] is NSNull)
            #expect((curatorView["enrolments"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["Учителева Анна Петровна"])
            // The organiser's list page shows the difficulties with their share.
            let (_, page) = try await app.pageBody("/trainings", cookie: try await app.sessionCookie("mun1"))
            #expect(page.contains("планирование работы и персонализированной программы"))
            #expect(page.contains("100 %"))
            // Another municipality's people do not see the event.
            #expect(try await app.api(.GET, "/trainings/\(id)", token: try await app.token("tutor")).0 == .notFound)
        }
    }

    @Test("The regional pool: only mentors who agreed to network mentorship, within the caller's territory, by municipality and training")
    func pool() async throws {
        try await withApp { app, f in
            for key in ["A", "C"] {
                let r = try #require(try await MentorProfileRecord.find(f.mentorProfile[key]!.id, on: app.db))
                r.network = true
                if key == "A" { r.training = TrainingStatus.trained.rawValue }
                try await r.save(on: app.db)
            }
            func names(_ login: String, _ query: String = "") async throws -> [String] {
                let (s, b) = try await app.api(.GET, "/pool" + query, token: try await app.token(login))
                #expect(s == .ok, "\(login)")
                return ((b.json as? [String: Any])?["items"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }.sorted()
            }
            #expect(try await names("region") == ["Учителева Анна Петровна", "УчителеваВэ Анна Петровна"])
            #expect(try await names("mun1") == ["Учителева Анна Петровна"])
            #expect(try await names("region", "?municipalityID=\(f.mun2.id)") == ["УчителеваВэ Анна Петровна"])
            #expect(try await names("region", "?training=trained") == ["Учителева Анна Петровна"])
            #expect(try await app.api(.GET, "/pool", token: try await app.token("curator")).0 == .forbidden)
            let (_, page) = try await app.pageBody("/pool?format=csv", cookie: try await app.sessionCookie("region"))
            #expect(page.contains("УчителеваВэ"))
            #expect(!page.contains("УчителеваБэ"))
        }
    }

    @Test("Recognition: the municipality sets criteria; its mentors are measured by their record, the school sees its own only")
    func recognition() async throws {
        try await withApp { app, f in
            let mun = try await app.token("mun1")
            #expect(try await app.api(.POST, "/recognition", token: try await app.token("curator"), json: RecognitionInput(incentive: "Грамота школы")).0 == .forbidden)
            let bad = try await app.api(.POST, "/recognition", token: mun, json: RecognitionInput(incentive: "Знак", minCompletedMentorships: FlexibleInt(0), minTrainingHours: FlexibleInt(0)))
            #expect(bad.1.text.contains("хотя бы одно условие"))
            let (s, b) = try await app.api(.POST, "/recognition", token: mun, json: RecognitionInput(incentive: "Нагрудный знак «За наставничество»", minCompletedMentorships: FlexibleInt(1),
                                                                                                      minTrainingHours: FlexibleInt(0), minSatisfaction: "8,5"))
            #expect(s == .created)
            let id = try #require((b.json as? [String: Any])?["id"] as? String)
            #expect((b.json as? [String: Any])?["minSatisfaction"] as? Double == 8.5)
            // Teacher A completes the pair; the mentee's final questionnaire gives 9.
            let pair = f.pair["A"]!
            let record = try #require(try await MentorshipRecord.find(pair.id, on: app.db))
            var m = record.core
            m.status = .completed
            record.apply(m)
            try await record.save(on: app.db)
            try await FeedbackRecord(Feedback(mentorshipID: pair.id, authorPersonID: f.menteeProfile["A"]!.personID, role: .mentee, date: Day("2026-11-20")!, kind: .final, satisfaction: 9, progress: "итог")).create(on: app.db)
            func candidates(_ login: String) async throws -> [(String, Bool)] {
                (try await app.api(.GET, "/recognition/\(id)/candidates", token: try await app.token(login)).1.json as? [[String: Any]] ?? [])
                    .map { ($0["name"] as? String ?? "", $0["eligible"] as? Bool ?? false) }
            }
            let all = try await candidates("mun1")
            #expect(all.first?.0 == "Учителева Анна Петровна")
            #expect(all.first?.1 == true)
            #expect(all.filter(\.1).count == 1)
            #expect(all.map(\.0).contains("УчителеваБэ Анна Петровна"))
            #expect(try await candidates("curator").map(\.0) == ["Учителева Анна Петровна"])
            let (_, page) = try await app.pageBody("/recognition/\(id)", cookie: try await app.sessionCookie("mun1"))
            #expect(page.contains("завершённых пар 0 из 1"))
            #expect(page.contains("может быть представлен(а)"))
        }
    }

    @Test("The training-needs survey: a mentor's latest answer counts; the coordinator sees the sum over their mentors only")
    func needs() async throws {
        try await withApp { app, _ in
            let mentor = try await app.token("mentor")
            #expect(try await app.api(.PUT, "/training-needs", token: mentor, json: NeedInput()).1.text.contains("Отметьте, чему вы хотели бы научиться"))
            #expect(try await app.api(.PUT, "/training-needs", token: mentor, json: NeedInput(topics: ["methods", "digital"])).0 == .ok)
            #expect(try await app.api(.PUT, "/training-needs", token: mentor, json: NeedInput(topics: ["methods"], preferredFormat: "webinar")).0 == .ok)
            #expect(try await TrainingNeedRecord.query(on: app.db).count() == 1)
            #expect(try await app.api(.PUT, "/training-needs", token: try await app.token("curator"), json: NeedInput(topics: ["time"])).0 == .forbidden)
            func summary(_ login: String) async throws -> (Int, [String]) {
                let j = try await app.api(.GET, "/training-needs", token: try await app.token(login)).1.json as? [String: Any] ?? [:]
                return (j["answers"] as? Int ?? -1, (j["topics"] as? [[String: Any]] ?? []).compactMap { $0["difficulty"] as? String })
            }
            #expect(try await summary("mun1") == (1, ["methods"]))
            #expect(try await summary("curator") == (1, ["methods"]))
            #expect(try await summary("curatorb") == (0, []))
            let (_, page) = try await app.pageBody("/trainings", cookie: try await app.sessionCookie("mun1"))
            #expect(page.contains("Потребности в обучении по анкетам наставников"))
        }
    }

    @Test("«Сообщество»: one menu item opens the sections the role has — the pool only for coordinators — and stays current inside them")
    func communityHub() async throws {
        try await withApp { app, _ in
            let (_, mentor) = try await app.pageBody("/community", cookie: try await app.sessionCookie("mentor"))
            #expect(mentor.contains("href=\"/practices\"") && mentor.contains("href=\"/trainings\"") && mentor.contains("href=\"/contests\""))
            #expect(!mentor.contains("href=\"/pool\"") && !mentor.contains("href=\"/recognition\""))
            let cookie = try await app.sessionCookie("mun1")
            let (_, mun) = try await app.pageBody("/community", cookie: cookie)
            #expect(mun.contains("href=\"/pool\"") && mun.contains("href=\"/recognition\""))
            let (_, practices) = try await app.pageBody("/practices", cookie: cookie)
            let nav = String(practices[practices.range(of: "<nav")!.lowerBound...].prefix { $0 != "\u{0}" }.prefix(4000))
            #expect(nav.contains("href=\"/community\" aria-current=\"page\""))
            #expect(!nav.contains(">Банк практик<"), "the sections are not separate menu items")
        }
    }
}
