import Fluent
import Foundation
import NastavnikCore
import NastavnikOffice
import NastavnikStore
import Vapor

/// An organisation's registry of local acts, generation of its documents, and each act's card.
struct RegistryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("organisations", ":id", "documents", use: registry)
        routes.get("organisations", ":id", "documents", "generate", use: generateForm)
        routes.post("organisations", ":id", "documents", "generate", use: generate)
        routes.get("organisations", ":id", "documents", "add", use: addForm)
        routes.on(.POST, "organisations", ":id", "documents", "add", body: .collect(maxSize: ByteCount(value: uploadLimit)), use: add)
        routes.get("documents", ":act", use: card)
        routes.get("documents", ":act", "file", use: file)
        routes.post("documents", ":act", "approve", use: approve)
        Self.cancellation.register(routes, ["documents", ":act", "cancel"])
    }

    /// Cancelling an act stops it from the date of the cancelling order: confirmed on a page naming the act, what it
    /// fixes and what loses it.
    static let cancellation = ConfirmStep<CancelActInput>(
        title: "Отменить документ", submit: "Подтвердить отмену документа",
        back: { req in
            let (act, _) = try await DocumentService.require(req, try req.uuid("act"), .read)
            return (act.title, "/documents/\(act.id)")
        },
        initial: { req in CancelActInput(date: req.today.russian) },
        fields: { _, i in [
            FormField("date", "Дата отмены (как в отменяющем приказе)", .date, value: i.date, required: true),
            FormField("reason", "Причина (например, реквизиты отменяющего приказа)", .textarea, value: i.reason, required: true),
        ] },
        consequences: { req, i in
            let (act, org) = try await DocumentService.require(req, try req.uuid("act"), .write)
            var r = InputReader()
            let day = r.day(i.date, "cancelledOn", "дату отмены", default: req.today) ?? req.today
            try r.check()
            // The rules the cancellation applies, but the reason: it is typed on this very page.
            try ValidationError.check(LocalActRules.validateCancellation(act, on: day, reason: "—", today: req.today))
            let reference = [act.number.map { "№ \($0)" }, act.date.map { "от \($0.russian)" }].compactMap { $0 }.joined(separator: " ")
            var lines = ["«\(act.title)» (\(act.kind.label)\(reference.isEmpty ? ", не утверждён" : ", " + reference)), \(org.shortName), будет отмечен отменённым с \(day.russian) и с этой даты не действует."]
            if !act.mentorshipIDs.isEmpty {
                let pl = try await DocumentService.orderPairs(req.db, orgID: org.id, ids: act.mentorshipIDs).lines
                let fixed = act.kind == .pairsOrder ? " с \(day.russian) не считаются закреплёнными приказом (показатели 8, 9, 11, 12 и 15), но" : ""
                lines.append("Пары (группы) документа — \(pl.map { "\($0.mentors.joined(separator: ", ")) → \($0.mentees.joined(separator: ", "))" }.joined(separator: "; ")) —\(fixed) свой статус не меняют: прекращают каждую отдельно.")
            }
            let others = try await LocalActRecord.query(on: req.db).filter(\.$organisationID == org.id).all().map { try $0.core }.filter { $0.id != act.id && $0.kind == act.kind }
            if act.isInForce(on: day), !others.contains(where: { $0.isInForce(on: day) }) {
                lines.append("Действующего документа вида «\(act.kind.label)» в организации не останется: мониторинг покажет это в показателях о локальных актах.")
            }
            if act.isPublic { lines.append("Документ уберут со страницы «Наставничество».") }
            return lines
        },
        date: { $0.date },
        perform: { req, i in
            let id = try req.uuid("act")
            _ = try await RegistryService.cancel(req, id, i)
            return ("/documents/\(id)", "Документ отмечен как отменённый.")
        })

    static func capitalised(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    // MARK: registry

    @Sendable func registry(req: Request) async throws -> Response {
        let org = try await Scope.requireOrganisation(req, try req.uuid("id"), .read, .localAct)
        let kind = req.query[String.self, at: "kind"].flatMap(LocalActKind.init(rawValue:))
        let status = req.query[String.self, at: "status"].flatMap(LocalActStatus.init(rawValue:))
        var q = LocalActRecord.query(on: req.db).filter(\.$organisationID == org.id)
        if let kind { q = q.filter(\.$kind == kind.rawValue) }
        if let status { q = q.filter(\.$status == status.rawValue) }
        let acts = try await q.all().map { try $0.core }.sorted { ($0.date ?? $0.createdOn, $0.title) > ($1.date ?? $1.createdOn, $1.title) }
        let inForce = LocalActRules.kindsInForce(try await LocalActRecord.query(on: req.db).filter(\.$organisationID == org.id).all().map { try $0.core }, on: req.today)
        let canWrite = (try? await Scope.requireOrganisation(req, org.id, .write, .localAct)) != nil
        if req.query[String.self, at: "format"] != nil {
            return try req.export(CSVTable(headers: ["Вид", "Наименование", "Номер", "Дата", "Статус", "Утвердил", "Публикуется"], rows: acts.map {
                [$0.kind.label, $0.title, $0.number ?? "", $0.date?.russian ?? "", $0.status.label, $0.approver ?? "", $0.isPublic ? "да" : "нет"]
            }), name: "Реестр локальных актов — \(org.shortName)")
        }
        let base = "/organisations/\(org.id)/documents"
        let actions = (canWrite ? [link("\(base)/generate", "Сформировать документ", class: "btn primary"), link("\(base)/add", "Внести документ вручную", class: "btn")] : []) + req.exportLinks
        let html = Layout.page(try req.page(), title: "Локальные акты — \(org.shortName)", breadcrumbs: [(org.shortName, "/organisations/\(org.id)")], actions: actions) {
            Layout.section("Обязательные документы целевой модели на \(req.today.russian)") {
                Layout.table(["Документ", "Действует"], LocalActKind.allCases.filter { $0 != .consent && $0 != .personalProgramme }.map { k in
                    [.text(Self.capitalised(k.label)), inForce.contains(k) ? Layout.badge("да", "ok") : Layout.badge("нет", "warn")]
                })
            }
            Forms.filters(action: base, fields: [
                FormField.choice("kind", "Вид", LocalActKind.self, value: kind?.rawValue, blank: "все"),
                FormField.choice("status", "Статус", LocalActStatus.self, value: status?.rawValue, blank: "все"),
            ])
            Layout.table(["Документ", "Вид", "Реквизиты", "Статус", "Файл"], acts.map { a in
                [link("/documents/\(a.id)", a.title), .text(a.kind.label), .text(a.number.map { "№ \($0) от \(a.date?.russian ?? "")" } ?? "—"),
                 Layout.badge(a.status.label, a.status == .approved ? "ok" : (a.status == .draft ? "" : "warn")),
                 a.fileID == nil ? .text("—") : link("/documents/\(a.id)/file", "скачать")]
            }, empty: "В реестре пока нет документов.")
        }
        return req.html(html)
    }

    // MARK: generation

    @Sendable func generateForm(req: Request) async throws -> Response {
        let org = try await Scope.requireOrganisation(req, try req.uuid("id"), .write, .localAct)
        let input = try req.query.decode(GenerateInput.self)
        return try await generatePage(req, org, input, issues: [], status: .ok)
    }

    func generatePage(_ req: Request, _ org: Organisation, _ input: GenerateInput, issues: [FieldIssue], status: HTTPResponseStatus) async throws -> Response {
        let type = input.type.flatMap(DocumentType.init(rawValue:)) ?? .implementationOrder
        let base = "/organisations/\(org.id)/documents"
        let regionID = try await DocumentService.organisationNames(req.db, org).regionID
        let (_, templateName) = try await DocumentService.template(req.db, type, org: org, regionID: regionID)
        var fields: [FormField] = [FormField("type", "Документ", .hidden, value: type.rawValue)]
        switch type.subject {
        case .organisation where type == .pairsOrder:
            let forming = try await MentorshipRecord.query(on: req.db).filter(\.$organisationID == org.id).filter(\.$status == MentorshipStatus.forming.rawValue).all().map(\.core)
            let files = try await MentorshipStore.files(req.db, forming)
            let lines = try await DocumentService.pairLines(req.db, files, orgID: org.id)
            let options = zip(forming, lines).map { ($0.id.uuidString, "\($1.mentors.joined(separator: ", ")) → \($1.mentees.joined(separator: ", ")) (\($0.form.label))") }
            fields.append(FormField("mentorshipIDs", "Пары (группы), которые закрепляет приказ", .checkboxes(options), values: input.mentorshipIDs ?? [],
                hint: options.isEmpty ? "Формирующихся пар нет: сначала сформируйте пары или утвердите подбор." : "Отметьте пары, которые закрепляет этот приказ (формирующихся: \(options.count))."))
        case .mentorship:
            let ms = try await MentorshipRecord.query(on: req.db).filter(\.$organisationID == org.id).all().map(\.core)
            let files = try await MentorshipStore.files(req.db, ms).filter { $0.programme != nil }
            let lines = try await DocumentService.pairLines(req.db, files, orgID: org.id)
            fields.append(FormField("mentorshipID", "Пара (группа)", .select(zip(files, lines).map { ($0.mentorship.id.uuidString, "\($1.mentors.first ?? "") → \($1.mentees.joined(separator: ", "))") }, blank: "—"), value: input.mentorshipID, required: true))
        case .person:
            let memberships = try await MembershipRecord.query(on: req.db).filter(\.$organisationID == org.id).all().map(\.core)
            let people = try await MentorshipStore.people(req.db, memberships.map(\.personID)).values
                .filter { $0.isMinor(on: req.today) == (type == .consentParent) }.sorted { $0.fullName < $1.fullName }
            fields.append(FormField("personID", "Чьё согласие", .select(people.map { ($0.id.uuidString, "\($0.fullName), \($0.birthDate.russian)") }, blank: "—"), value: input.personID, required: true))
            if type == .consentParent { fields.append(FormField("representative", "Родитель (законный представитель), ФИО", value: input.representative, hint: "пусто — линия для записи от руки")) }
        default:
            break
        }
        fields += [
            FormField("headName", "Руководитель (ФИО)", value: input.headName, hint: "пусто — из учётной записи руководителя организации"),
            FormField("headPosition", "Должность руководителя", value: input.headPosition, hint: "по умолчанию «Директор»"),
        ]
        let html = Layout.page(try req.page(), title: "Сформировать документ", breadcrumbs: [("Локальные акты — \(org.shortName)", base)]) {
            el("nav", ["class": "tabs", "aria-label": "Вид документа"]) {
                DocumentType.allCases.map { t in link("\(base)/generate?type=\(t.rawValue)", t.label, class: t == type ? "btn small primary" : "btn small") }
            }
            el("p", ["class": "muted"]) { "«\(type.label)» по данным системы; \(templateName). Документ можно скачать или сразу внести в реестр как проект, а после подписания — утвердить с номером и датой." }
            el("form", ["method": "post", "action": "\(base)/generate", "class": "form"]) {
                Forms.errorSummary(issues)
                void("input", ["type": "hidden", "name": "csrf", "value": req.csrfToken])
                fields.map { f in Forms.field(f, issue: issues.first { $0.field == f.name }?.message) }
                el("div", ["class": "actions"]) {
                    el("button", ["type": "submit", "name": "action", "value": "register", "class": "btn primary"]) { "Внести в реестр как проект" }
                    el("button", ["type": "submit", "name": "action", "value": "download", "class": "btn"]) { "Скачать DOCX" }
                    link(base, "Отмена", class: "btn")
                }
            }
        }
        return req.html(html, status: status)
    }

    @Sendable func generate(req: Request) async throws -> Response {
        let org = try await Scope.requireOrganisation(req, try req.uuid("id"), .write, .localAct)
        let input = try req.content.decode(GenerateInput.self)
        do {
            let (file, type, mentorships, person) = try await DocumentService.generate(req, org, input)
            if input.action == "download" { return req.download(file.data, name: file.name, type: .docx) }
            let act = try await DocumentService.register(req, org, kind: type.actKind, title: type.label, file: file, mentorships: mentorships, person: person)
            return req.done("/documents/\(act.id)", "Документ внесён в реестр как проект. После подписания укажите номер и дату.")
        } catch let v as ValidationError {
            return try await generatePage(req, org, input, issues: v.issues, status: .unprocessableEntity)
        }
    }

    // MARK: manual entry

    static func manualFields(_ input: ManualActInput?) -> [FormField] {
        [
            FormField.choice("kind", "Вид документа", LocalActKind.self, value: input?.kind, required: true),
            FormField("title", "Наименование", value: input?.title, hint: "пусто — по виду документа"),
            FormField("number", "Номер", value: input?.number, hint: "заполните для утверждённого документа"),
            FormField("date", "Дата", .date, value: input?.date),
            FormField("approver", "Кем утверждён (должность, ФИО)", value: input?.approver),
            FormField("isPublic", "Показывать на странице «Наставничество»", .checkbox, value: input?.isPublic),
        ]
    }

    @Sendable func addForm(req: Request) async throws -> Response {
        let org = try await Scope.requireOrganisation(req, try req.uuid("id"), .write, .localAct)
        return try addPage(req, org, nil, issues: [], status: .ok)
    }

    func addPage(_ req: Request, _ org: Organisation, _ input: ManualActInput?, issues: [FieldIssue], status: HTTPResponseStatus) throws -> Response {
        let base = "/organisations/\(org.id)/documents"
        let html = Layout.page(try req.page(), title: "Внести документ вручную", breadcrumbs: [("Локальные акты — \(org.shortName)", base)]) {
            el("form", ["method": "post", "action": "\(base)/add", "enctype": "multipart/form-data", "class": "form"]) {
                Forms.errorSummary(issues)
                void("input", ["type": "hidden", "name": "csrf", "value": req.csrfToken])
                Self.manualFields(input).map { f in Forms.field(f, issue: issues.first { $0.field == f.name }?.message) }
                el("div", ["class": "field"]) {
                    el("label", ["for": "f-file"]) { "Файл (скан или DOCX)" }
                    void("input", ["type": "file", "id": "f-file", "name": "file"])
                }
                el("div", ["class": "actions"]) {
                    el("button", ["type": "submit", "class": "btn primary"]) { "Внести" }
                    link(base, "Отмена", class: "btn")
                }
            }
        }
        return req.html(html, status: status)
    }

    @Sendable func add(req: Request) async throws -> Response {
        let org = try await Scope.requireOrganisation(req, try req.uuid("id"), .write, .localAct)
        let input = try req.content.decode(ManualActInput.self)
        do {
            let act = try await RegistryService.addManual(req, org, input)
            return req.done("/documents/\(act.id)", "Документ внесён в реестр.")
        } catch let v as ValidationError {
            return try addPage(req, org, input, issues: v.issues, status: .unprocessableEntity)
        }
    }

    // MARK: card

    @Sendable func card(req: Request) async throws -> Response {
        try await cardPage(req, issues: [], status: .ok)
    }

    func cardPage(_ req: Request, issues: [FieldIssue], status: HTTPResponseStatus, approveInput: ApproveInput? = nil) async throws -> Response {
        let (act, org) = try await DocumentService.require(req, try req.uuid("act"), .read)
        let canWrite = (try? await DocumentService.require(req, act.id, .write)) != nil
        let (pairs, lines) = try await DocumentService.orderPairs(req.db, orgID: org.id, ids: act.mentorshipIDs)
        var person: Person?
        if let pid = act.personID { person = try await PersonRecord.find(pid, on: req.db)?.core }
        let html = Layout.page(try req.page(), title: act.title, breadcrumbs: [("Локальные акты — \(org.shortName)", "/organisations/\(org.id)/documents")],
            actions: act.fileID == nil ? [] : [link("/documents/\(act.id)/file", "Скачать файл", class: "btn")]) {
            // The approval's problems stand next to its fields (below); here only when its form is not shown.
            if !(canWrite && act.status == .draft) { Forms.errorSummary(issues) }
            Layout.facts([
                ("Вид", act.kind.label), ("Статус", act.status.label), ("Номер", act.number), ("Дата", act.date?.russian),
                ("Утвердил", act.approver), ("Файл", act.fileName), ("Внесён в реестр", act.createdOn.russian),
                ("Публикуется на странице «Наставничество»", act.isPublic ? "да" : "нет"),
                ("Отменён", act.cancelledOn.map { "\($0.russian): \(act.cancelReason ?? "")" }),
                ("Чьё согласие", person?.fullName),
            ])
            if !lines.isEmpty {
                Layout.section("Пары (группы), которые закрепляет приказ") {
                    Layout.table(["Наставник", "Наставляемый", "Форма", "Статус пары"], zip(pairs, lines).map { f, l in
                        [link("/mentorships/\(f.mentorship.id)", l.mentors.joined(separator: "; ")), .text(l.mentees.joined(separator: "; ")), .text(l.form.label), .text(f.mentorship.status.label)]
                    })
                }
            }
            if canWrite, act.status == .draft {
                Layout.section("Утвердить") {
                    el("p", ["class": "muted"]) { act.kind == .pairsOrder ? "После утверждения формирующиеся пары этого приказа становятся действующими с его реквизитами." : "Укажите реквизиты подписанного документа." }
                    Forms.form(action: "/documents/\(act.id)/approve", csrf: req.csrfToken, fields: [
                        FormField("number", act.kind.isOrder ? "Номер приказа" : "Номер утверждающего приказа", value: approveInput?.number, required: true),
                        FormField("date", "Дата", .date, value: approveInput?.date ?? req.today.russian, required: true),
                        FormField("approver", "Кем утверждён (должность, ФИО)", value: approveInput?.approver, required: true),
                    ] + (act.kind.mayBePublic ? [FormField("isPublic", "Показывать на странице «Наставничество»", .checkbox, value: approveInput?.isPublic)] : []),
                    issues: issues, submit: "Утвердить")
                }
            }
            if canWrite, act.status != .cancelled {
                Layout.section("Отменить") {
                    el("p", ["class": "muted"]) { "Отмену подтверждают на отдельной странице: там видно, что она затронет, и указывается дата отменяющего приказа." }
                    link("/documents/\(act.id)/cancel", "Отменить документ…", class: "btn")
                }
            }
        }
        return req.html(html, status: status)
    }

    @Sendable func file(req: Request) async throws -> Response {
        let (act, _) = try await DocumentService.require(req, try req.uuid("act"), .read)
        return try await req.storedFile(act.fileID, missing: "У документа нет файла.")
    }

    @Sendable func approve(req: Request) async throws -> Response {
        let id = try req.uuid("act")
        let input = try req.content.decode(ApproveInput.self)
        do {
            let act = try await RegistryService.approve(req, id, input)
            let extra = act.kind == .pairsOrder ? " Пары, которые он закрепляет, стали действующими." : ""
            return req.done("/documents/\(id)", "Документ утверждён: № \(act.number ?? "") от \(act.date?.russian ?? "").\(extra)")
        } catch let v as ValidationError {
            return try await cardPage(req, issues: v.issues, status: .unprocessableEntity, approveInput: input)
        }
    }
}
