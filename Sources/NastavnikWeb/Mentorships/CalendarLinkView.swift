import Foundation
import NastavnikCore
import Vapor

/// The personal calendar link on «Моё наставничество» (issue 23, defect 6): a real link with the full URL, a field to
/// copy it from (the site ships no script, so the person selects it), and where to paste it in the common calendars.
enum CalendarLinkView {
    static let sessionKey = "calendarLink"

    /// The full URL of a feed path, as the browser reached this server.
    static func fullURL(_ req: Request, _ path: String) -> String {
        let scheme = req.headers.first(name: "X-Forwarded-Proto").nonBlank ?? "http"
        let configured = req.application.http.server.configuration
        let host = req.headers.first(name: .host).nonBlank ?? "\(configured.hostname):\(configured.port)"
        return "\(scheme)://\(host)\(path)"
    }

    /// The freshly issued link, shown once: taken out of the session as it is read.
    static func takeFresh(_ req: Request) -> String? {
        guard let url = req.session.data[sessionKey] else { return nil }
        req.session.data[sessionKey] = nil
        return url
    }

    static func section(_ req: Request, fresh: String?, hasFeed: Bool) -> Node {
        Layout.section("Календарь") {
            el("p", ["class": "muted"]) {
                "Личная ссылка на календарь (iCalendar) со встречами и сроками задач; время встреч — местное, по часовому поясу региона организации. Ссылка секретная: не пересылайте её."
            }
            if let url = fresh {
                el("div", ["class": "alert ok", "role": "status"]) {
                    el("p") { el("strong") { "Ваша ссылка на календарь (показывается один раз, сохраните её): " }; link(url, url) }
                    el("label", ["for": "calendar-url"]) { "Скопировать ссылку: выделите её в поле и скопируйте (Ctrl+C или «Копировать» в меню)" }
                    void("input", ["id": "calendar-url", "type": "text", "readonly": "readonly", "value": url, "size": "80", "aria-label": "Скопировать ссылку на календарь"])
                }
            }
            postButton("/my/calendar", hasFeed ? "Выпустить новую ссылку (старая перестанет работать)" : "Получить ссылку на календарь", csrf: req.csrfToken)
            el("details") {
                el("summary") { "Как подключить календарь" }
                el("ul") {
                    el("li") { el("strong") { "Яндекс Календарь: " }; "слева «Новый календарь» (плюс) → «Подписаться на календарь» → вставьте ссылку в «Ссылка на календарь» → «Создать»." }
                    el("li") { el("strong") { "Google Календарь: " }; "слева «Другие календари» (плюс) → «Добавить по URL» → вставьте ссылку → «Добавить календарь». Обновляется раз в несколько часов." }
                    el("li") { el("strong") { "Outlook: " }; "«Календарь» → «Добавить календарь» → «Подписаться из Интернета» (в Outlook для Windows: «Открыть календарь» → «Из Интернета») → вставьте ссылку → «Импорт» или «ОК»." }
                    el("li") { el("strong") { "Телефон: " }; "в iPhone — «Настройки» → «Календарь» → «Учётные записи» → «Добавить» → «Другое» → «Подписной календарь»; в Android подпишитесь через Google Календарь на компьютере." }
                }
            }
        }
    }
}
