import Fluent
import Foundation
import NastavnikCore
import NastavnikStore
import Vapor

struct ReminderChoicesInput: Content {
    var meetingTomorrow: String?

    subscript(_ kind: ReminderKind) -> String? {
        switch kind {
        case .meetingTomorrow: meetingTomorrow
        }
    }

    init(_ prefs: ReminderPreferences) { meetingTomorrow = prefs[.meetingTomorrow].rawValue }

    /// The choices, or a 422 naming each kind left without one.
    func preferences() throws -> ReminderPreferences {
        var prefs = ReminderPreferences()
        var issues: [FieldIssue] = []
        for kind in ReminderKind.allCases {
            if let d = self[kind].flatMap(ReminderDelivery.init(rawValue:)) { prefs.choices[kind] = d } else {
                issues.append(FieldIssue(kind.rawValue, "Выберите, как присылать это напоминание."))
            }
        }
        try ValidationError.check(issues)
        return prefs
    }
}

struct ReminderChannelInput: Content {
    var email: String?

    /// The address, nil for «none», or a 422.
    func address() throws -> String? {
        guard let email = email.nonBlank else { return nil }
        guard email.contains("@"), email.contains("."), !email.contains(" ") else {
            throw ValidationError("email", "Адрес электронной почты указан неверно: ожидается вида school12@edu.ru.")
        }
        return email
    }
}

/// The context a reminders page is built from: the caller, the database, the settings (issue 24's target shape:
/// no `Request` below the handler).
struct ReminderContext: Sendable {
    var db: any Database
    var user: CurrentUser
    var settings: ReminderSettings
    var today: Day

    init(_ req: Request) throws {
        db = req.db
        today = req.today
        user = try req.user
        settings = req.application.config.reminders
    }

    var queries: ReminderQueries { ReminderQueries(db) }
}

/// /account/reminders: which reminders come and how; the school's channel for its pupils; the administrator's log.
struct RemindersController: RouteCollection {
    static let channelRoles: Set<Role> = [.curator, .director]

    func boot(routes: any RoutesBuilder) throws {
        ActionForm<ReminderChoicesInput>(
            title: "Напоминания по электронной почте", submit: "Сохранить",
            back: { _ in ("Моя учётная запись", "/account") },
            initial: { req in
                let ctx = try ReminderContext(req)
                return ReminderChoicesInput(try await ctx.queries.preferences(account: ctx.user.accountID))
            },
            fields: { req, input in
                let ctx = try ReminderContext(req)
                let address = try await Self.ownAddress(ctx)
                return ReminderKind.allCases.map { kind in
                    .choice(kind.rawValue, kind.label, ReminderDelivery.self, value: input[kind], blank: nil,
                            hint: "Приходит \(kind.when). \(address)")
                }
            },
            perform: { req, input in
                let ctx = try ReminderContext(req)
                try await ctx.queries.setPreferences(account: ctx.user.accountID, try input.preferences())
                return ("/account", "Настройки напоминаний сохранены.")
            }
        ).register(routes, ["account", "reminders"])

        ActionForm<ReminderChannelInput>(
            title: "Напоминания обучающимся", submit: "Сохранить",
            back: { _ in ("Напоминания", "/account/reminders") },
            initial: { req in
                let ctx = try ReminderContext(req)
                return ReminderChannelInput(email: try await ctx.queries.channel(organisation: try Self.organisation(ctx)))
            },
            fields: { req, input in
                let ctx = try ReminderContext(req)
                let now = try await ctx.queries.channel(organisation: try Self.organisation(ctx))
                return [FormField("email", "Адрес школы для напоминаний обучающимся", .email, value: input.email,
                                  hint: (now.map { "Сейчас напоминания обучающимся уходят на \($0). " } ?? "Сейчас обучающимся напоминания не отправляются. ")
                                      + "Несовершеннолетним письма на личные адреса не отправляются. Если указать адрес школы (классного руководителя, канцелярии), напоминания о встречах обучающихся придут туда. Пусто — не отправлять.")]
            },
            perform: { req, input in
                let ctx = try ReminderContext(req)
                let address = try input.address()
                try await ctx.queries.setChannel(organisation: try Self.organisation(ctx), email: address)
                return ("/account/reminders", address.map { "Напоминания обучающимся будут приходить на \($0)." }
                    ?? "Напоминания обучающимся отключены.")
            }
        ).register(routes, ["account", "reminders", "channel"])

        routes.get("mail", use: log)
    }

    /// The caller's own organisation, for the school's channel.
    static func organisation(_ ctx: ReminderContext) throws -> UUID {
        guard channelRoles.contains(ctx.user.actor.role), let org = ctx.user.actor.placement.organisationID else {
            throw Abort(.forbidden, reason: "Канал напоминаний обучающимся выбирает куратор или руководитель своей организации.")
        }
        return org
    }

    /// Where the caller's reminders go, in a sentence.
    static func ownAddress(_ ctx: ReminderContext) async throws -> String {
        guard ctx.settings.smtp != nil else { return "Сейчас почтовый сервер не настроен, и письма не отправляются никому." }
        guard let pid = ctx.user.actor.personID, let person = try await PersonRecord.find(pid, on: ctx.db).map({ try $0.core }) else {
            return "Учётная запись не связана с карточкой человека: писать некуда."
        }
        if person.isMinor(on: ctx.today) { return "Обучающимся письма приходят только через канал, выбранный школой." }
        return person.email.nonBlank.map { "Письма приходят на \($0) (адрес из вашей карточки)." }
            ?? "В вашей карточке нет адреса электронной почты: письма не приходят."
    }

    /// The administrator's log of every message: who, what, when, delivered or refused and why.
    @Sendable func log(req: Request) async throws -> Response {
        let ctx = try ReminderContext(req)
        let status = try req.query.get(String?.self, at: "status").nonBlank.map { raw in
            guard let s = OutboxStatus(rawValue: raw) else {
                throw ValidationError("status", "Неизвестное состояние письма: «\(raw)».")
            }
            return s
        }
        let request = try PageRequest(page: req.query.get(Int?.self, at: "page"), per: req.query.get(Int?.self, at: "per"), defaultPer: 50)
        let (entries, total) = try await ctx.queries.log(status: status, limit: request.per, offset: Pagination(request, total: Int.max).offset)
        let people = try await MentorshipStore.people(ctx.db, entries.map(\.reminder.personID))
        return req.html(MailLogPage.render(try req.page(), MailLogPage.Model(
            configured: ctx.settings.smtp, interval: ctx.settings.interval, status: status, entries: entries, people: people,
            pagination: Pagination(request, total: total))))
    }
}

/// The administrator's page of sent and refused reminders.
enum MailLogPage {
    struct Model {
        var configured: SMTPSettings?
        /// Seconds between passes.
        var interval: Int
        var status: OutboxStatus?
        var entries: [OutboxEntry]
        var people: [UUID: Person]
        var pagination: Pagination
    }

    static func render(_ page: PageContext, _ m: Model) -> String {
        Layout.page(page, title: "Почтовые напоминания") {
            if let smtp = m.configured {
                el("p", ["class": "muted"]) { "Почтовый сервер: \(smtp.host):\(smtp.port), отправитель \(smtp.from). Напоминания вычисляются и отправляются каждые \(m.interval) с; время в журнале — московское." }
            } else {
                el("div", ["class": "alert", "role": "status"]) {
                    "Почтовый сервер не настроен (переменная SMTP_URL): напоминания не вычисляются и не отправляются. Как настроить — docs/operations.md, «Почта и напоминания»."
                }
            }
            Forms.filters(action: "/mail", fields: [
                .choice("status", "Состояние", OutboxStatus.self, value: m.status?.rawValue, blank: "все"),
            ])
            Layout.table(["Создано", "Кому", "Адрес", "Что", "Как", "Состояние", "Отправлено", "Попыток"], m.entries.map { e in
                [.text(Format.dateTime(e.createdAt)), .text(m.people[e.reminder.personID]?.fullName ?? "—"),
                 .text(e.recipient ?? "—"), .text(e.reminder.subject), .text(e.delivery.label),
                 .text(e.status.label + (e.lastError.map { ": \($0)" } ?? "")),
                 .text(e.sentAt.map(Format.dateTime) ?? "—"), .text(String(e.attempts))]
            }, empty: "Писем пока не было.")
            m.pagination.render(path: "/mail", query: [("status", m.status?.rawValue ?? "")])
        }
    }
}
