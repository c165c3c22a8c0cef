"""Issue 23, the systemic guard in Chromium: every form, submitted as a browser submits it.

For each role the pages it reaches by links from its home are crawled (one page per route pattern, as
`ReachabilityTests.crawl` does in Swift) and every `<form method=post>` on them is collected under a key: the action's
route pattern and the sorted names it posts. Each key must be in `form_catalogue.CATALOGUE` (an unknown form fails,
naming role, page and key). Then, in the browser, for each form:
  1. the required-empty pass (once per form, for the first role that has it: one form, one server check): a fresh
     render, every field filled, one required field blanked, the browser's own checks switched off (`novalidate`,
     no `required`) so that the server's is what is tested; the answer must show a Russian error next to that field
     (in its wrapper or referenced by aria-describedby) and keep every other value;
  2. the valid pass, for every role: a fresh render, every field filled with a valid value, submitted by its own
     button (a confirmation step passed by its own form); no error may show, the success state must, and the stored
     record (the unique text typed, or the state the catalogue names) must show where the catalogue says.
Forms are taken stage by stage (form_catalogue: records first, changes of state next, irreversible acts last), so
that a role's own records feed its later forms (a person → consent → base → pair → order) and nothing ends a record
another role still reads. Failures leave a screenshot and the page's HTML.
"""
import concurrent.futures
import datetime
import html.parser
import http.cookiejar
import io
import os
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
import zipfile

from selenium.webdriver.common.by import By

from .common import PASSWORD, replaced, shot, wait

UUID_RE = re.compile(r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")
DOWNLOADS = (".docx", ".xlsx", ".csv", ".ics", ".pdf", ".zip", ".json")
SKIPPED_PREFIXES = ("/static/", "/api/", "/public", "/calendar", "/logout", "/login", "/health", "/ready", "/metrics")
# Bound of the crawl per role: requests in all.
MAX_REQUESTS = 400
# Roles walked at once, each in its own browser (FORM_WALK_WORKERS=1: one after another).
WORKERS = int(os.environ.get("FORM_WALK_WORKERS", "2"))


def _registry():
    """{method: [route pattern split in segments]} from the route registry (RouteRegistry.swift), the table
    `RouteAccessMiddleware` checks every request against: the server's own list of what a path means."""
    src = open(os.path.join(ROOT, "Sources", "NastavnikWeb", "App", "RouteRegistry.swift"), encoding="utf-8").read()
    routes = {}
    for method, path in re.findall(r'"(GET|POST) (/[^"]*)"\s*:', src):
        routes.setdefault(method, []).append([p for p in path.split("/") if p])
    return routes


ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROUTES = _registry()


def pattern(path, method="GET"):
    """The route pattern of a concrete path, as `ReachabilityTests.pattern` finds it: the registered route with the
    fewest parameters that matches (the query dropped); UUIDs and numbers as `:id` when no route matches."""
    bare = path.split("?", 1)[0].split("#", 1)[0]
    parts = [p for p in bare.split("/") if p]
    matches = [r for r in ROUTES.get(method, []) if len(r) == len(parts)
               and all(a.startswith(":") or a == b for a, b in zip(r, parts))]
    if matches:
        best = min(matches, key=lambda r: sum(a.startswith(":") for a in r))
        return "/" + "/".join(best)
    return "/" + "/".join(":id" if UUID_RE.match(p) or p.isdigit() else p for p in parts)


class _Page(html.parser.HTMLParser):
    """Links and POST forms of a page, as the browser would see them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.forms, self.form, self.select = [], [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self.form = {"action": a.get("action") or "", "method": (a.get("method") or "get").lower(),
                         "enctype": a.get("enctype") or "", "fields": []}
            if self.form["method"] == "post":
                self.forms.append(self.form)
        elif self.form is not None and tag in ("input", "select", "textarea") and a.get("name"):
            field = {"tag": tag, "name": a["name"], "type": (a.get("type") or ("text" if tag == "input" else tag)).lower(),
                     "required": "required" in a, "value": a.get("value") or "", "options": []}
            self.form["fields"].append(field)
            if tag == "select":
                self.select = field
        elif tag == "option" and self.select is not None:
            self.select["options"].append(dict(attrs).get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None


def form_key(action, fields):
    """The form's identity: its action's pattern and the names it posts, sorted (csrf and the confirmation aside)."""
    names = sorted({f["name"] for f in fields if f["type"] not in ("submit", "button") and f["name"] not in ("csrf", "confirmed")})
    return f"POST {pattern(action, 'POST')} [{','.join(names)}]"


def crawl(base, cookie):
    """The pages a signed-in browser reaches from «/» by links (redirects followed), one per route pattern, with
    their POST forms: [(path, page pattern, [form, …])]."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("Cookie", f"nastavnik_session={cookie}"), ("Accept-Language", "ru")]
    queue, seen, patterns, pages, requests = ["/"], set(), set(), [], 0
    while queue and requests < MAX_REQUESTS:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        key = pattern(path)
        if key in patterns or path.startswith(SKIPPED_PREFIXES) or path.split("?")[0].lower().endswith(DOWNLOADS):
            continue
        requests += 1
        try:
            with opener.open(base + path, timeout=60) as r:
                final = r.geturl()[len(base):]
                if "html" not in (r.headers.get("Content-Type") or ""):
                    continue
                body = r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError:
            continue
        if pattern(final) != key:  # a redirect: the page is the target's
            key = pattern(final)
            if key in patterns:
                continue
        patterns.add(key)
        parsed = _Page()
        parsed.feed(body)
        pages.append((final, key, parsed.forms))
        for href in parsed.links:
            href = href.split("#", 1)[0]
            if href.startswith("/") and not href.startswith("//") and href not in seen:
                queue.append(href)
    return pages


def catalogue_forms(base, cookie):
    """{form key: (first page path, form)} for one role's crawl."""
    out = {}
    for path, _, forms in crawl(base, cookie):
        for f in forms:
            out.setdefault(form_key(f["action"], f["fields"]), (path, f))
    return out


# ---------------------------------------------------------------------------------------------------------------
# In the browser.

TODAY = datetime.date.today()
# The demo's school year: from 1 September to 31 May of the next year.
YEAR_START = datetime.date(TODAY.year if TODAY.month >= 9 else TODAY.year - 1, 9, 1)
YEAR_END = datetime.date(YEAR_START.year + 1, 5, 31)
CYRILLIC = re.compile(r"[А-Яа-яЁё]{3}")

# The live DOM of every POST form of the page: what the browser would send, element by element.
_READ_FORMS = """
return Array.from(document.querySelectorAll('form')).filter(f => (f.getAttribute('method') || '').toLowerCase() == 'post').map(f => ({
  action: f.getAttribute('action') || '', enctype: f.getAttribute('enctype') || '',
  fields: Array.from(f.elements).filter(e => e.name).map((e, i) => ({
    index: Array.prototype.indexOf.call(f.elements, e), tag: e.tagName.toLowerCase(), name: e.name,
    type: (e.type || '').toLowerCase(), required: e.required, value: e.value, checked: !!e.checked,
    placeholder: e.getAttribute('placeholder') || '', min: e.getAttribute('min') || '', max: e.getAttribute('max') || '',
    options: e.tagName == 'SELECT' ? Array.from(e.options).map(o => o.value) : []}))}));
"""

# Sets the planned values (by element index), switches the browser's own checks off and marks the form.
_APPLY = """
const [formIndex, plan] = [arguments[0], arguments[1]];
const f = Array.from(document.querySelectorAll('form')).filter(f => (f.getAttribute('method') || '').toLowerCase() == 'post')[formIndex];
f.noValidate = true;
f.setAttribute('data-walk', 'form');
for (const e of f.elements) { e.required = false; }
for (const [i, v] of plan) {
  const e = f.elements[i];
  if (e.type == 'checkbox' || e.type == 'radio') e.checked = v;
  else e.value = v;
  e.dispatchEvent(new Event('input', {bubbles: true}));
  e.dispatchEvent(new Event('change', {bubbles: true}));
}
return true;
"""

# After a submit: the error shown next to a field (its wrapper, or what aria-describedby names) and its value.
_FIELD_STATE = """
const [action, name] = [arguments[0], arguments[1]];
const forms = Array.from(document.querySelectorAll('form')).filter(f => (f.getAttribute('action') || '') == action);
for (const f of forms) {
  const els = Array.from(f.elements).filter(e => e.name == name);
  if (!els.length) continue;
  const e = els[0];
  let near = '';
  const wrap = e.closest('.field, fieldset');
  if (wrap) near += Array.from(wrap.querySelectorAll('.field-error')).map(x => x.textContent).join(' ');
  for (const id of (e.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean)) {
    const x = document.getElementById(id); if (x) near += ' ' + x.textContent;
  }
  return {found: true, near: near.trim(), invalid: e.getAttribute('aria-invalid') || ''};
}
return {found: false, near: '', invalid: ''};
"""

# Every named element's value in the re-rendered form(s) with this action.
_VALUES = """
const action = arguments[0];
const out = {};
for (const f of Array.from(document.querySelectorAll('form')).filter(f => (f.getAttribute('action') || '') == action))
  for (const e of f.elements) if (e.name) {
    const k = e.name + ((e.type == 'checkbox' || e.type == 'radio') ? '=' + e.value : '');
    out[k] = (e.type == 'checkbox' || e.type == 'radio') ? e.checked : e.value;
  }
return out;
"""


def snils(n):
    """A valid СНИЛС from a number, the checksum as PersonRules' `Snils.checksum` computes it."""
    nine = [int(c) for c in f"{(197_000_000 + n * 7919) % 1_000_000_000:09d}"]
    total = sum(d * (9 - i) for i, d in enumerate(nine))
    check = total if total < 100 else 0 if total in (100, 101) else (total % 101) % 100
    return "".join(map(str, nine)) + f"{check:02d}"


def inn10(n):
    """A valid ten-digit ИНН of an organisation (the tenth digit is the checksum)."""
    nine = [int(c) for c in f"18{(3_000_000 + n * 7919) % 10_000_000:07d}"]
    weights = [2, 4, 10, 3, 5, 9, 4, 6, 8]
    return "".join(map(str, nine)) + str(sum(d * w for d, w in zip(nine, weights)) % 11 % 10)


def letters(n):
    """A number in Cyrillic letters (names take no digits): 0 → «а», 33 → «ба»…"""
    abc = "абвгдежзиклмнопрстуфхцчшэюя"
    out = ""
    while True:
        out = abc[n % len(abc)] + out
        n //= len(abc)
        if not n:
            return out


def ru(day):
    return day.strftime("%d.%m.%Y")


def minimal_pdf(text):
    body = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1", "replace")
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def minimal_docx(paragraphs):
    """A Word document with these paragraphs (a template's fields stay as typed, in one run each)."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>" for p in paragraphs)
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                               '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>',
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text)
    return buf.getvalue()


class Ctx:
    """One form's walk: the browser, where files go, the unique text typed this time."""

    def __init__(self, d, base, role, page, key, n, files, made):
        self.d, self.base, self.role, self.page, self.key, self.n, self.files = d, base, role, page, key, n, files
        self.made = made  # records this role's walk created: name → path
        self.landed = None
        self.token = f"Проверка-{n}"
        self.name_token = "Проверкин" + letters(n)

    def file(self, name, data):
        path = os.path.join(self.files, f"{self.n}-{name}")
        with open(path, "wb") as f:
            f.write(data)
        return path


DATE_NAMES = re.compile(r"(date|Date|On$|^start$|^end$|Start$|End$|^deadline$|From$|To$|^newEnd$|periodStart)")


def generic(field, ctx):
    """A valid value for a field nobody named in the catalogue: by its name first, then its type.
    None leaves the field as the page rendered it."""
    name, typ, value = field["name"], field["type"], field["value"]
    base = name.split("[")[0]
    if typ in ("hidden", "submit", "button", "file") or name in ("csrf", "confirmed"):
        return None
    if typ == "checkbox":
        return True if field["required"] else None
    if typ == "radio":
        return None
    if field["tag"] == "select":
        options = [o for o in field["options"] if o]
        return value if value else (options[0] if options else None)
    if value and typ != "password":
        return None  # an edit form's stored value is a valid one
    if field["placeholder"] == "дд.мм.гггг" or DATE_NAMES.search(base):
        if base in ("birthDate",):
            return "14.02.1996"
        if "Experience" in base:
            return ru(datetime.date(2019, 9, 1))
        later = re.search(r"(end|End|To$|deadline|resultsOn|newEnd)", base)
        return ru(YEAR_END if later else max(YEAR_START, TODAY - datetime.timedelta(days=1)))
    if typ == "time" or base == "time":
        return "10:00"
    if typ == "email" or base == "email":
        return f"proverka{ctx.n}@example.ru"
    if base == "snils":
        return snils(ctx.n)
    if base == "inn":
        return inn10(ctx.n)
    if base == "phone":
        return f"+7 912 {ctx.n % 1000:03d}-{ctx.n % 100:02d}-00"
    if base in ("website", "link"):
        return f"https://example.ru/proverka-{ctx.n}"
    if base in ("lastName", "middleName"):
        return ctx.name_token + ("а" if base == "lastName" else "овна")
    if base in ("firstName",):
        return "Ирина"
    if base == "fullName":
        return f"{ctx.name_token}а Ирина Петровна"
    if base == "login":
        return f"proverka{ctx.n}"
    if typ == "password":
        return f"Проверка-пароль-{ctx.n}-2026"
    if base in ("graduationYear",):
        return "2018"
    if typ == "number":
        return field["min"] or "1"
    return ctx.token


def plan(form, ctx, entry, blank=None):
    """[(element index, value)] for the form: the catalogue's values, else the generic ones; `blank` emptied."""
    values = entry.get("values", {})
    out, ticked_groups = [], set()
    for f in form["fields"]:
        name = f["name"]
        if name == blank:
            out.append((f["index"], ""))
            continue
        if name in values:
            v = values[name]
            v = v(ctx, f) if callable(v) else v
            if f["type"] in ("checkbox", "radio"):
                out.append((f["index"], f["value"] == v or v is True))
            elif v is not None:
                out.append((f["index"], v))
            continue
        if f["type"] == "checkbox" and name.endswith("[]"):
            # A group: one box ticked when the page ticks none (a person choosing something).
            if name not in ticked_groups and not any(g["checked"] for g in form["fields"] if g["name"] == name):
                out.append((f["index"], True))
            ticked_groups.add(name)
            continue
        v = generic(f, ctx)
        if v is not None:
            out.append((f["index"], v))
    return out


def find_form(d, key, nth=0, same_action=False):
    """(index among the page's POST forms, the form) of the nth form with this key (the first if fewer), or (None, None);
    `same_action`: any form posting to the key's action pattern (a record of another kind shows one field more)."""
    def matches(f):
        k = form_key(f["action"], f["fields"])
        return k.split(" [")[0] == key.split(" [")[0] if same_action else k == key
    found = [(i, f) for i, f in enumerate(d.execute_script(_READ_FORMS)) if matches(f)]
    return found[nth if nth < len(found) else 0] if found else (None, None)


def fill(ctx, entry, blank=None):
    """Opens a fresh render of the page, fills the form, attaches its files; gives (form, the values planned)."""
    d = ctx.d
    d.get(ctx.base + ctx.page)
    index, form = find_form(d, ctx.key, entry["nth"](ctx) if "nth" in entry else 0, entry.get("same_action", False))
    assert form is not None, f"the page {ctx.page} no longer has the form {ctx.key}"
    planned = plan(form, ctx, entry, blank)
    d.execute_script(_APPLY, index, planned)
    for name, make in entry.get("files", {}).items():
        if name == blank:
            continue
        path = make(ctx)
        d.find_element(By.CSS_SELECTOR, f"form[data-walk=form] input[type=file][name='{name}']").send_keys(path)
    return form, planned


def submit(ctx):
    """Clicks the form's own submit button and waits for the answer."""
    d = ctx.d
    button = d.find_element(By.CSS_SELECTOR, "form[data-walk=form] button[type=submit], form[data-walk=form] input[type=submit]")
    if not button.is_displayed():  # a form folded in a <details>: a person opens it first
        d.execute_script("for (let e = arguments[0]; e; e = e.parentElement) if (e.tagName == 'DETAILS') e.open = true;", button)
    replaced(d, button.click)


def errors(d):
    return " | ".join(" ".join(e.text.split()) for e in d.find_elements(By.CSS_SELECTOR, ".alert.error[role=alert], .field-error") if e.text.strip())


def same_text(a, b):
    """Equal but for the separators a re-render may add (СНИЛС «112-233-445 95» for «11223344595»)."""
    strip = lambda v: re.sub(r"[\s\-]", "", v) if isinstance(v, str) else v  # noqa: E731
    return strip(a) == strip(b)


def required_pass(ctx, entry, blank):
    """One required field blank, the rest valid: a Russian error next to it, every other value kept."""
    d = ctx.d
    form, planned = fill(ctx, entry, blank)
    submit(ctx)
    state = d.execute_script(_FIELD_STATE, form["action"], blank)
    assert state["found"], f"after the submit with «{blank}» empty the form is not shown again: {d.current_url} {errors(d)[:200]}"
    assert CYRILLIC.search(state["near"] or ""), f"no Russian error next to «{blank}» (summary: {errors(d)[:200]!r})"
    kept = d.execute_script(_VALUES, form["action"])
    by_index = {f["index"]: f for f in form["fields"]}
    lost = []
    for index, value in planned:
        f = by_index[index]
        if f["name"] == blank or f["type"] in ("password", "hidden", "file"):
            continue
        k = f["name"] + (("=" + f["value"]) if f["type"] in ("checkbox", "radio") else "")
        if k in kept and kept[k] != value and not same_text(kept[k], value):
            lost.append(f"{f['name']}: {value!r} → {kept[k]!r}")
        elif k not in kept:
            lost.append(f"{f['name']}: gone")
    assert not lost, "values lost on the re-render: " + "; ".join(lost[:6])


def confirm_step(ctx):
    """A confirmation page («Что произойдёт» and a form with `confirmed`): submitted by its own button."""
    d = ctx.d
    forms = d.execute_script(_READ_FORMS)
    for i, f in enumerate(forms):
        if any(x["name"] == "confirmed" for x in f["fields"]):
            d.execute_script(_APPLY, i, plan(f, ctx, {}))
            submit(ctx)
            return True
    return False


def valid_pass(ctx, entry):
    """Every field valid: no error, the success state, the stored record where the catalogue says it shows."""
    d = ctx.d
    form, _ = fill(ctx, entry)
    submit(ctx)
    if not d.find_elements(By.CSS_SELECTOR, ".alert.error[role=alert]") and d.find_elements(By.CSS_SELECTOR, ".consequences"):
        confirm_step(ctx)
    problems = errors(d)
    refusals = entry.get("refusal") or ()
    if problems and any(r in problems for r in ([refusals] if isinstance(refusals, str) else refusals)):
        return None  # the rule's own Russian answer: the form reached its handler, which read every field
    assert not problems, f"valid input refused: {problems[:300]}"
    success = entry.get("success")
    if success:
        assert wait(d, lambda d: success in d.find_element(By.TAG_NAME, "body").text, timeout=entry.get("timeout", 5),
                    message=f"no «{success}» on {d.current_url}"), success
    else:
        assert d.find_elements(By.CSS_SELECTOR, ".alert.ok[role=status]"), f"no success message on {d.current_url}"
    landed = ctx.landed = d.current_url[len(ctx.base):]
    shows = entry.get("shows", "token")
    if shows:
        where = entry.get("check")
        if where:
            d.get(ctx.base + (where(ctx, landed) if callable(where) else where))
        text = d.find_element(By.TAG_NAME, "body").text
        expected = ctx.token if shows == "token" else ctx.name_token if shows == "name" else shows(ctx) if callable(shows) else shows
        assert expected in text, f"the stored record does not show «{expected}» on {d.current_url}"
    return landed


def alive(base):
    try:
        with urllib.request.urlopen(base + "/health", timeout=10) as r:
            return r.status == 200
    except OSError:
        return False


def session_cookie(base, login_name, password):
    """Signs in through the login form over HTTP (the crawl's session; the browser signs in on its own)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/login", timeout=60).read().decode("utf-8")
    csrf = re.search(r'name="csrf" value="([^"]*)"', page).group(1)
    opener.open(base + "/login", urllib.parse.urlencode({"csrf": csrf, "login": login_name, "password": password, "next": ""}).encode(), timeout=60)
    return next(c.value for c in jar if c.name == "nastavnik_session")


def walk(base, report, out, roles, drivers):
    """The whole walk: crawl every role, check the catalogue knows every form, then the two passes per form, stage by
    stage (changes that others' pages depend on last). `drivers(role)` gives that role's signed-in browser."""
    from .form_catalogue import CATALOGUE, SKIP  # the catalogue reads this module's helpers
    files = os.path.join(out, "files")
    os.makedirs(files, exist_ok=True)
    jobs, counts = [], {}
    for role in roles:
        found = catalogue_forms(base, session_cookie(base, role, PASSWORD))
        counts[role] = [0, 0, len(found)]
        for key, (page, _) in sorted(found.items()):
            if key in SKIP:
                report.ok(f"form {role} {key}: not submitted — {SKIP[key]}")
                continue
            entry = CATALOGUE.get(key)
            if entry is None:
                report.fail(f"form {role} {page}", f"a form the catalogue does not know: {key!r} — add it to scripts/e2e/form_catalogue.py")
                continue
            jobs.append((entry.get("stage", 0), role, page, key, entry))
    made, known_defects, emptied, lock = {}, [], set(), threading.Lock()
    order = {k: i for i, k in enumerate(CATALOGUE)}
    jobs = [(n, *job) for n, job in enumerate(sorted(jobs, key=lambda j: (j[0], roles.index(j[1]), order[j[3]])), 1)]

    def run(n, stage, role, page, key, entry):
        d = drivers(role)
        ctx = Ctx(d, base, role, page, key, n, files, made.setdefault(role, {}))
        label = f"form {role} {key}"
        if "page" in entry and not report.step(f"{label}: its page", lambda: setattr(ctx, "page", entry["page"](ctx))):
            return

        def failed(kind):
            path = os.path.join(out, f"{n:03d}-{role}-{kind}-{pattern(ctx.page).strip('/').replace('/', '_').replace(':', '')}")
            shot(d, path + ".png")
            with open(path + ".html", "w", encoding="utf-8") as f:
                f.write(d.page_source)

        blank = entry.get("blank", "auto")
        with lock:  # one form, one server check: the required-empty pass runs for the first role that has it
            first = key not in emptied
            emptied.add(key)
        if not first:
            blank = None
        elif blank == "auto":
            d.get(base + ctx.page)
            _, form = find_form(d, key)
            blank = next((f["name"] for f in (form or {"fields": []})["fields"]
                          if f["required"] and f["type"] not in ("hidden", "file", "checkbox", "radio")), None)
        known = entry.get("known")  # {"roles": {…} or "*", "pass": "required" | "valid", "why": "…"}
        known = known if known and (known["roles"] == "*" or role in known["roles"]) else None
        passes = ([("required", f"«{blank}» empty → Russian error next to it, the rest kept", required_pass, (ctx, entry, blank))] if blank else []) \
            + [("valid", "valid input → saved and shown", valid_pass, (ctx, entry))]
        for kind, what, check, args in passes:
            if known and kind == known["pass"]:
                # A defect reported, not yet fixed: it must still show, and a fix shows as a failure to remove it here.
                try:
                    check(*args)
                    report.fail(f"{label}: known defect", f"no longer shows ({known['why']}): remove `known` from its catalogue entry")
                except Exception as e:  # noqa: BLE001 — the defect's symptom, whatever its form
                    symptom = str(e).strip().splitlines()[0][:160] if str(e).strip() else type(e).__name__
                    report.ok(f"{label}: KNOWN DEFECT — {known['why']} [{symptom}]")
                    known_defects.append((role, key, known["why"]))
                continue
            if report.step(f"{label}: {what}", check, *args):
                counts[role][0 if kind == "required" else 1] += 1
                if kind == "valid" and entry.get("made"):
                    ctx.made[entry["made"]] = ctx.landed
                    ctx.made[entry["made"] + "-login"] = f"proverka{ctx.n}"
                    ctx.made[entry["made"] + "-name"] = ctx.name_token
                    ctx.made[entry["made"] + "-token"] = ctx.token
            else:
                failed(kind)

    down = threading.Event()

    def run_role(role_jobs):
        for job in role_jobs:
            if down.is_set():
                return
            run(*job)
            if not alive(base):  # the server died: one failure naming the form, not one per form left
                if not down.is_set():
                    down.set()
                    report.fail(f"form {job[2]} {job[4]}", "the server process exited while this form was walked (see server.log)")
                return

    # Stage by stage; within a stage the roles in parallel browsers (each role's forms in order, its records its own).
    for stage in sorted({j[1] for j in jobs}):
        by_role = {}
        for job in (j for j in jobs if j[1] == stage):
            by_role.setdefault(job[2], []).append(job)
        with concurrent.futures.ThreadPoolExecutor(max_workers=WORKERS) as pool:
            for f in [pool.submit(run_role, js) for js in by_role.values()]:
                f.result()
    return counts, known_defects
