import NastavnikCore

/// What every page needs besides its own model: who is looking, the CSRF token, a flash message.
public struct PageContext: Sendable {
    public var userName: String?
    public var roleLabel: String?
    public var scopeName: String?
    public var csrf: String
    public var nav: [NavItem]
    public var flash: String?
    public var current: String

    public init(userName: String? = nil, roleLabel: String? = nil, scopeName: String? = nil, csrf: String = "", nav: [NavItem] = [], flash: String? = nil, current: String = "/") {
        self.userName = userName
        self.roleLabel = roleLabel
        self.scopeName = scopeName
        self.csrf = csrf
        self.nav = nav
        self.flash = flash
        self.current = current
    }
}

public enum Layout {
    /// `refresh`: reload the page every so many seconds (a running import's progress).
    public static func page(_ ctx: PageContext, title: String, breadcrumbs: [(String, String)] = [], actions: [Node] = [], refresh: Int? = nil, @HTMLBuilder content: () -> [Node]) -> String {
        let body = el("html", ["lang": "ru"]) {
            el("head") {
                void("meta", ["charset": "utf-8"])
                void("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
                if let refresh { void("meta", ["http-equiv": "refresh", "content": "\(refresh)"]) }
                el("title") { "\(title) — Наставник" }
                void("link", ["rel": "stylesheet", "href": "/static/app.css"])
                void("link", ["rel": "icon", "href": "/static/favicon.svg", "type": "image/svg+xml"])
            }
            el("body") {
                el("a", ["class": "skip", "href": "#main"]) { "К содержанию" }
                header(ctx)
                el("main", ["id": "main", "class": "container"]) {
                    if !breadcrumbs.isEmpty {
                        el("nav", ["class": "crumbs", "aria-label": "Навигационная цепочка"]) {
                            breadcrumbs.map { b in el("span") { link(b.1, b.0) } }
                        }
                    }
                    el("div", ["class": "page-head"]) {
                        el("h1") { title }
                        if !actions.isEmpty { el("div", ["class": "page-actions"]) { actions } }
                    }
                    if let flash = ctx.flash { el("div", ["class": "alert ok", "role": "status"]) { flash } }
                    content()
                }
                el("footer", ["class": "container foot"]) {
                    "Наставник — целевая модель наставничества в образовании"
                }
            }
        }
        return "<!DOCTYPE html>\n" + body.render()
    }

    static func header(_ ctx: PageContext) -> Node {
        el("header", ["class": "top"]) {
            el("div", ["class": "container bar"]) {
                el("a", ["href": "/", "class": "brand"]) { "Наставник" }
                if ctx.userName == nil, ctx.current != "/login" {
                    // Public pages: the way in for those who work in the system.
                    el("div", ["class": "who"]) { link("/login", "Войти", class: "btn small") }
                }
                if ctx.userName != nil {
                    // No script: on a narrow screen the checkbox behind «Меню» shows and hides the menu (CSS).
                    void("input", ["type": "checkbox", "id": "menu-open", "class": "menu-switch", "aria-label": "Показать меню"])
                    el("label", ["for": "menu-open", "class": "menu-button"]) { "Меню" }
                    el("nav", ["class": "menu", "aria-label": "Основное меню"]) {
                        ctx.nav.map { item in menuEntry(item, current: ctx.current) }
                    }
                    el("div", ["class": "who"]) {
                        el("a", ["href": "/account", "class": "who-name", "title": ctx.userName]) {
                            ctx.userName ?? ""
                            el("small") { [ctx.roleLabel, ctx.scopeName].compactMap { $0 }.joined(separator: " · ") }
                        }
                        el("form", ["method": "post", "action": "/logout", "class": "inline"]) {
                            void("input", ["type": "hidden", "name": "csrf", "value": ctx.csrf])
                            el("button", ["type": "submit", "class": "btn small"]) { "Выйти" }
                        }
                    }
                }
            }
        }
    }

    /// A link, or a group that opens (`details`) on its own links; the group of the current page is marked.
    static func menuEntry(_ item: NavItem, current: String) -> Node {
        if let href = item.href {
            return el("a", ["href": href, "aria-current": isCurrent(href, current) ? "page" : nil]) { item.label }
        }
        let here = item.children.contains { isCurrent($0.href, current) }
        return el("details", ["class": here ? "menu-group current" : "menu-group"]) {
            el("summary") { item.label }
            el("div", ["class": "menu-panel"]) {
                item.children.map { c in el("a", ["href": c.href, "aria-current": isCurrent(c.href, current) ? "page" : nil]) { c.label } }
            }
        }
    }

    /// Sections that live under another menu item.
    static let grouped: [String: [String]] = ["/community": CommunityHubController.all.map(\.href)]

    static func isCurrent(_ href: String, _ current: String) -> Bool {
        if let inner = grouped[href], inner.contains(where: { isCurrent($0, current) }) { return true }
        return href == "/" ? current == "/" : (current == href || current.hasPrefix(href + "/"))
    }

    /// A table with a header row; `rows` are already-rendered cells.
    public static func table(_ headers: [String], _ rows: [[Node]], empty: String = "Ничего не найдено.") -> Node {
        guard !rows.isEmpty else { return el("p", ["class": "empty"]) { empty } }
        return el("div", ["class": "table-wrap"]) {
            el("table") {
                el("thead") { el("tr") { headers.map { h in el("th", ["scope": "col"]) { h } } } }
                el("tbody") { rows.map { r in el("tr") { r.map { c in el("td") { c } } } } }
            }
        }
    }

    /// Label/value pairs of a card.
    public static func facts(_ pairs: [(String, String?)]) -> Node {
        el("dl", ["class": "facts"]) {
            pairs.map { p in
                Node.fragment([el("dt") { p.0 }, el("dd") { p.1.nonBlank ?? "—" }])
            }
        }
    }

    public static func section(_ title: String, actions: [Node] = [], @HTMLBuilder content: () -> [Node]) -> Node {
        el("section", ["class": "card"]) {
            el("div", ["class": "card-head"]) {
                el("h2") { title }
                if !actions.isEmpty { el("div", ["class": "page-actions"]) { actions } }
            }
            content()
        }
    }

    public static func badge(_ text: String, _ tone: String = "") -> Node {
        el("span", ["class": "badge \(tone)"]) { text }
    }
}

/// Page numbers for lists: the page asked for (validated, `PageRequest`) and the rows there are.
public struct Pagination: Sendable {
    public var page: Int
    public var per: Int
    public var total: Int

    public init(_ request: PageRequest, total: Int) {
        self.page = request.page
        self.per = request.per
        self.total = max(total, 0)
    }

    public var pages: Int { max(1, total / per + (total % per == 0 ? 0 : 1)) }
    public var offset: Int { PageRequest.offset(page: page, per: per) }
    /// The rows of this page within `0..<total`.
    public var rows: Range<Int> {
        let lower = min(offset, total)
        return lower..<min(lower.clampedAdding(per), total)
    }

    /// Links that keep the other query parameters.
    public func render(path: String, query: [(String, String)]) -> Node {
        let shown = "Показано \(min(total, rows.lowerBound + 1))–\(rows.upperBound) из \(total)"
        func href(_ p: Int) -> String {
            let q = (query.filter { $0.0 != "page" && !$0.1.isEmpty } + [("page", String(p))])
            return path + "?" + q.map { "\($0.0)=\(percentEncode($0.1))" }.joined(separator: "&")
        }
        return el("nav", ["class": "pager", "aria-label": "Страницы"]) {
            el("span") { shown }
            if page > 1 { link(href(page - 1), "← Назад", class: "btn small") }
            el("span") { "Страница \(page) из \(pages)" }
            if page < pages { link(href(page + 1), "Вперёд →", class: "btn small") }
        }
    }
}

public func percentEncode(_ s: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
}

import Foundation
