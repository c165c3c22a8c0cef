import NastavnikCore
import Vapor

/// JSON body of every API error.
struct APIError: Content {
    var error: String
    var issues: [FieldIssue]
}

/// Renders every error in Russian: JSON under `/api/`, a page elsewhere. Bad input is 4xx, never 5xx.
struct NastavnikErrorMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch {
            let (status, message, issues) = Self.describe(error)
            if status.code >= 500 { req.logger.report(error: error) }
            // An error's own headers (Retry-After of a throttled sign-in, …) reach the client either way.
            let extra = (error as? any AbortError)?.headers ?? [:]
            if req.isAPI {
                let res = Response(status: status, headers: extra)
                try res.content.encode(APIError(error: message, issues: issues))
                return res
            }
            // The token is only for a signed-in page's sign-out form; an error thrown before the sessions middleware
            // ran (the static files come first) has no session to read, and asking for one traps in a debug build.
            let user = req.maybeUser
            let ctx = PageContext(userName: user?.fullName, csrf: user == nil ? "" : req.csrfToken, nav: user.map(Navigation.items) ?? [], current: req.url.path)
            let html = Layout.page(ctx, title: Self.title(status)) {
                el("div", ["class": "alert error", "role": "alert"]) { message }
                el("p") { link("/", "На главную") }
            }
            var headers = extra
            headers.replaceOrAdd(name: .contentType, value: "text/html; charset=utf-8")
            return Response(status: status, headers: headers, body: .init(string: html))
        }
    }

    static func describe(_ error: any Error) -> (HTTPResponseStatus, String, [FieldIssue]) {
        switch error {
        case let v as ValidationError:
            return (.unprocessableEntity, v.summary, v.issues)
        case let d as DecodingError:
            return (.badRequest, "Неверный формат данных: \(decodingPath(d)).", [])
        case let abort as any AbortError:
            let reason = abort.reason
            let russian = reason.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }
            return (abort.status, russian ? reason : defaultMessage(abort.status), [])
        default:
            return (.internalServerError, "Внутренняя ошибка сервера. Мы уже знаем о ней; повторите позже.", [])
        }
    }

    static func decodingPath(_ e: DecodingError) -> String {
        switch e {
        case let .keyNotFound(key, _): return "нет обязательного поля «\(key.stringValue)»"
        case let .typeMismatch(_, c), let .valueNotFound(_, c):
            return "поле «\(c.codingPath.map(\.stringValue).joined(separator: "."))» имеет неверный тип"
        case let .dataCorrupted(c):
            let path = c.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "тело запроса не читается" : "поле «\(path)»: \(c.debugDescription)"
        @unknown default: return "тело запроса не читается"
        }
    }

    static func defaultMessage(_ status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400: "Неверный запрос."
        case 401: "Войдите в систему."
        case 403: "Недостаточно прав для этого действия."
        case 404: "Страница или запись не найдена."
        case 405: "Этот метод не поддерживается."
        case 413: "Слишком большой запрос."
        case 415: "Неподдерживаемый формат данных."
        case 422: "Данные не прошли проверку."
        case 429: "Слишком много попыток. Подождите и повторите."
        default: "Не удалось выполнить запрос."
        }
    }

    static func title(_ status: HTTPResponseStatus) -> String {
        switch status.code {
        case 403: "Нет доступа"
        case 404: "Не найдено"
        case 500...: "Ошибка сервера"
        default: "Ошибка"
        }
    }
}
