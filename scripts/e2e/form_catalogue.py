"""Every POST form the walk (scripts/e2e/forms.py) may meet, by key «POST <action pattern> [<sorted names>]».

An entry says
  values   name → a value, or (ctx, field) → value, for what the generic filler cannot guess (None: left as rendered);
  files    name → ctx → the path of a file made on the fly;
  page     ctx → the path to open instead of the crawled one (a record the walk made itself, an active pair);
  blank    the required field to empty in the first pass ("auto": the first one the page marks required), or None
           with `why`;
  success  a text the answer must show (else the flash message «.alert.ok» must);
  shows    where the stored record shows: "token" (the unique «Проверка-<n>» typed), "name" (the unique surname),
           a text, ctx → text, or None when the flash is the state change; `check`: the path to open for it, or
           (ctx, landed path) → path;
  made     a name under which the landed path is kept for later forms of the same role (ctx.made);
  nth      ctx → which of the page's forms with this key (one per row: each role its own row); `same_action`: any
           form to the key's action on the page given (the role's own record may be of another kind);
  stage    0 first, 1 after the records exist (changes of state others read), 2 last (irreversible);
  refusal  a rule's Russian answer the demo record legitimately gets (an event not over yet): counted as reaching
           the handler, not as saved;
  known    {"roles": {…} or "*", "pass": "required" | "valid", "why": "…"}: a defect reported and not yet fixed —
           its pass must still fail (shown as KNOWN DEFECT), and passing fails the walk until the entry goes.
A form missing here fails the walk, naming role, page and key."""
import datetime
import re
import urllib.parse

from selenium.webdriver.common.by import By

from .forms import TODAY, minimal_docx, minimal_pdf, ru

SKIP = {
    "POST /logout []": "ends the walking session (the journeys sign out)",
    "POST /account/password [current,new]": "changes the walking account's own password and ends its other sessions",
}

# The roles in the order the walk takes them: the n-th active pair of a list goes to the n-th role, so that two
# roles of one school do not end the same pair.
ROLES = ["curator12", "director12", "psy12", "mentor12", "mentee12", "izhevsk", "region", "admin", "tutor"]
UUID = r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"


def nth_record(ctx, list_path, prefix, suffix=""):
    """The path of a record linked from a list page (prefix + UUID), the role's own one: the n-th for the n-th role."""
    ctx.d.get(ctx.base + list_path)
    found = []
    for a in ctx.d.find_elements(By.CSS_SELECTOR, "main a[href]"):
        m = re.search(re.escape(prefix) + UUID + "$", a.get_attribute("href") or "")
        if m and m.group(0) not in found:
            found.append(m.group(0))
    assert found, f"no record {prefix}… on {list_path}"
    return found[ROLES.index(ctx.role) % len(found) if ctx.role in ROLES else 0] + suffix


def active_pair(suffix="", form="", from_end=False, offset=0):
    """A pair that is running today, begun before it (meetings, feedback, termination need dates inside its period):
    a row of the list of active pairs whose first date is not after today, the n-th for the n-th role — counted from
    the end where two forms of one stage would otherwise meet on one pair (a termination and a replacement walked by
    two roles of a school at once: «Пара (группа) уже прекращена»)."""
    def page(ctx):
        ctx.d.get(ctx.base + "/mentorships?status=active" + (f"&form={form}" if form else ""))
        found = []
        for row in ctx.d.find_elements(By.CSS_SELECTOR, "main table tbody tr"):
            dates = [datetime.date(int(y), int(m), int(d)) for d, m, y in re.findall(r"(\d\d)\.(\d\d)\.(\d{4})", row.text)]
            links = [a.get_attribute("href") for a in row.find_elements(By.CSS_SELECTOR, "a[href*='/mentorships/']")]
            path = next((re.search("/mentorships/" + UUID + "$", h).group(0) for h in links if re.search("/mentorships/" + UUID + "$", h)), None)
            if path and dates and min(dates) < TODAY:
                found.append(path)
        assert found, f"no active pair {form} begun before today on /mentorships?status=active"
        n = ((ROLES.index(ctx.role) if ctx.role in ROLES else 0) + offset) % len(found)
        return found[-1 - n if from_end else n] + suffix
    return page


def made(name, suffix=""):
    """A record this role's walk created earlier (its landed path, kept under `name`)."""
    def page(ctx):
        assert name in ctx.made, f"the walk made no {name} for {ctx.role} (its form failed earlier)"
        return ctx.made[name] + suffix
    return page


def made_account(suffix=""):
    """The account this role created in the walk: found by its login on the accounts list."""
    def page(ctx):
        login = ctx.made.get("account-login")
        assert login, f"the walk made no account for {ctx.role}"
        ctx.d.get(ctx.base + "/accounts")
        for a in ctx.d.find_elements(By.CSS_SELECTOR, "main a[href*='/accounts/']"):
            if login in a.text or login in (a.find_element(By.XPATH, "./ancestor::tr").text if a.find_elements(By.XPATH, "./ancestor::tr") else ""):
                return a.get_attribute("href").split(ctx.base, 1)[-1] + suffix
        raise AssertionError(f"the account {login} is not on /accounts")
    return page


def labelled_value(what, selector, label, text):
    """The value of the first element (`selector` of the field) whose label contains the text; `what` names it."""
    def value(ctx, field):
        wanted = text(ctx) if callable(text) else text
        for element in ctx.d.find_elements(By.CSS_SELECTOR, selector(field["name"])):
            if wanted in label(element):
                return element.get_attribute("value")
        raise AssertionError(f"no {what} «{wanted}» in {field['name']}")
    return value


def option_with(text):
    """The option of a select whose label contains the text (the walk's own person, say)."""
    return labelled_value("option", lambda name: f"form[data-walk=form] select[name='{name}'] option, select[name='{name}'] option", lambda o: o.text, text)


def checkbox_with(text):
    """Ticks the box of a group whose label contains the text (the walk's own mentor, say); others stay as rendered."""
    return labelled_value("box", lambda name: f"input[type=checkbox][name='{name}']", lambda box: box.find_element(By.XPATH, "./..").text, text)


def link_on(page_of, pattern):
    """The first link on a page (itself found by `page_of`) whose path matches the pattern."""
    def page(ctx):
        ctx.d.get(ctx.base + page_of(ctx))
        for a in ctx.d.find_elements(By.CSS_SELECTOR, "main a[href]"):
            m = re.search(pattern, a.get_attribute("href") or "")
            if m:
                return m.group(0)
        raise AssertionError(f"no link {pattern} on {page_of(ctx)}")
    return page


def found_by_name(path):
    """A base form narrowed by the page's own name search to the person this role's walk added (an administrator's
    select shows the first 200 people of the region by the alphabet)."""
    return lambda ctx: path + "?q=" + urllib.parse.quote(ctx.made.get("person-name", ""))


def made_or(name, suffix, fallback):
    """The walk's own record when this role made one, else the fallback page."""
    return lambda ctx: ctx.made[name] + suffix if name in ctx.made else fallback(ctx)


def row_link(page_of, pattern):
    """On a page, the link matching the pattern in the row that holds the walk's own unique text (its application)."""
    def page(ctx):
        ctx.d.get(ctx.base + page_of(ctx))
        token = ctx.made.get("application-token", "—")
        for row in ctx.d.find_elements(By.CSS_SELECTOR, "main tr"):
            if token in row.text:
                for a in row.find_elements(By.CSS_SELECTOR, "a[href]"):
                    m = re.search(pattern, a.get_attribute("href") or "")
                    if m:
                        return m.group(0)
        raise AssertionError(f"no row «{token}» with a link {pattern} on {page_of(ctx)}")
    return page


def nth_option(ctx, field):
    """The n-th real option for the n-th role: two roles of a school walked at once do not choose the same person."""
    options = [o for o in field["options"] if o]
    return options[ROLES.index(ctx.role) % len(options)] if ctx.role in ROLES and options else None


STUDENT_CATEGORIES = ("одарённый обучающийся", "обучающийся с ОВЗ", "в трудной жизненной ситуации", "низкая мотивация",
                      "адаптация в новом коллективе", "профориентация")


def waiting_box(ctx, name="mentees[]"):
    """A mentee the list marks «ожидает наставника» other than the role's own person (its mentor), counted from the
    end, the n-th for the n-th role; with whether the label is a pupil's. After journey a's matching the school's
    waiting teachers are paired, and what waits may be a pupil: the pair's form follows the mentee."""
    own = ctx.made.get("person-name", "\0")
    boxes = [(b.get_attribute("value"), label) for b in ctx.d.find_elements(By.CSS_SELECTOR, f"input[type=checkbox][name='{name}']")
             for label in [b.find_element(By.XPATH, "./..").text] if "ожидает наставника" in label and own not in label]
    assert boxes, "no mentee waiting for a mentor"
    value, label = boxes[-1 - (ROLES.index(ctx.role) if ctx.role in ROLES else 0) % len(boxes)]
    return value, any(c in label for c in STUDENT_CATEGORIES)


def waiting_mentee(ctx, field):
    return waiting_box(ctx, field["name"])[0]


def form_for_waiting_mentee(ctx, field):
    return "teacher_student" if waiting_box(ctx)[1] else "teacher_teacher"


def nth_box(offset):
    """Ticks one box of a group, the n-th (+ offset; a negative offset counts from the end) for the n-th role."""
    def value(ctx, field):
        boxes = ctx.d.find_elements(By.CSS_SELECTOR, f"form[data-walk=form] input[type=checkbox][name='{field['name']}'], input[type=checkbox][name='{field['name']}']")
        assert boxes, f"no boxes {field['name']}"
        n = ROLES.index(ctx.role) if ctx.role in ROLES else 0
        return boxes[(n + offset if offset >= 0 else offset - n) % len(boxes)].get_attribute("value")
    return value


def roomiest_mentor(ctx, field):
    """Of the mentors offered («… до N наставл.»), one with the most places, the n-th such for the n-th role."""
    offered = []
    for o in ctx.d.find_elements(By.CSS_SELECTOR, f"select[name='{field['name']}'] option"):
        m = re.search(r"до (\d+) наставл", o.text)
        if m and o.get_attribute("value"):
            offered.append((int(m.group(1)), o.get_attribute("value")))
    assert offered, f"no mentor offered in {field['name']}"
    top = [v for n, v in offered if n == max(n for n, _ in offered)]
    return top[ROLES.index(ctx.role) % len(top) if ctx.role in ROLES else 0]


def last_option(ctx, field):
    return [o for o in field["options"] if o][-1]


def csv_from_page(kind):
    """An import file built from the page's own column table (title and example of each column), one row, its
    surname the walk's unique one: what a person makes from the template the page links."""
    def make(ctx):
        rows = ctx.d.execute_script("""
            const t = Array.from(document.querySelectorAll('main table')).pop();
            return Array.from(t.querySelectorAll('tbody tr')).map(r => Array.from(r.cells).map(c => c.textContent.trim()));""")
        headers = [re.sub(r"\s*\*$", "", r[0]) for r in rows]
        values = []
        for title, row in zip(headers, rows):
            sample = row[2]
            if title == "Фамилия":
                sample = ctx.name_token + "а"
            elif title.startswith("СНИЛС"):
                from .forms import snils
                sample = snils(ctx.n)
            values.append(sample.replace(";", ","))
        return ctx.file(f"{kind}.csv", ("\n".join([";".join(headers), ";".join(values)]) + "\n").encode("utf-8"))
    return make


def _bytes(ctx, path):
    """A file the page links, downloaded with the browser's session, as bytes."""
    data = ctx.d.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.arrayBuffer()).then(b => done(Array.from(new Uint8Array(b))));""", ctx.base + path)
    return bytes(data)


def later(days):
    return lambda ctx, field: ru(TODAY + datetime.timedelta(days=days))


KEEPS = "an edit reads a blank field as «unchanged» and keeps the stored value (as the API's partial update does)"
PERSON = {"graduationYear": "2018", "sex": "female", "birthDate": "14.02.1996"}
TOKEN_TEXT = lambda ctx, field: f"{ctx.token}: описание материала для проверки формы"  # noqa: E731 — ≥ 20 characters
PAIR_DATES = {"date": lambda ctx, field: ru(TODAY)}

CATALOGUE = {
    # ---- own account
    "POST /account/tokens [days,label]": dict(success="Скопируйте его сейчас"),
    "POST /account/tokens/:id/revoke []": dict(shows=None, stage=1),
    "POST /my/calendar []": dict(success="Ссылка на календарь выпущена", shows=None),
    "POST /account/reminders [meetingTomorrow]":
        dict(values={"meetingTomorrow": "digest"}, shows=None, blank=None, why="every choice, «не присылать» too, is a select with no blank option"),
    "POST /account/reminders/channel [email]":
        # Curator and director of one school walk at once and share the school's channel: the answer names the address saved.
        dict(values={"email": lambda ctx, f: f"{ctx.token}@school.test"}, success="Напоминания обучающимся будут приходить на Проверка-", shows=None, blank=None,
             why="an empty address is a choice: the school sends its pupils no reminders"),

    # ---- people and bases
    "POST /people/new [birthDate,category,educationLevel,email,firstName,graduationYear,lastName,membership[end],membership[grade],membership[organisationID],membership[position],membership[role],membership[start],membership[subjects],middleName,pedagogicalExperienceStart,phone,sex,snils,specialty,totalExperienceStart]":
        dict(values=dict(PERSON, **{"membership[end]": ""}), shows="name", made="person"),
    "POST /people/:id/edit [birthDate,category,educationLevel,email,firstName,graduationYear,lastName,middleName,pedagogicalExperienceStart,phone,sex,snils,specialty,totalExperienceStart]":
        dict(page=made("person", "/edit"), values={"specialty": lambda ctx, f: ctx.token}),
    "POST /people/:id/consents/new [kind,representativeName,scope,signedOn,signer]":
        dict(page=made("person", "/consents/new"), values={"signer": "subject", "representativeName": ""}, shows="зарегистрировано"),
    "POST /people/:id/memberships/new [end,grade,organisationID,position,role,start,subjects]":
        dict(page=made("person", "/memberships/new"), values={"end": "", "grade": ""}),
    "POST /memberships/:id/edit [end,grade,position,role,start,subjects]":
        dict(page=link_on(made("person"), "/memberships/" + UUID + "/edit"), values={"end": "", "grade": "", "position": lambda ctx, f: ctx.token}, stage=1),
    "POST /people/:id/route/new [action,deadline,deficit,level,responsible,result,status]": dict(),
    "POST /route-steps/:id/edit [action,deadline,deficit,level,responsible,result,status]": dict(values={"action": lambda ctx, f: ctx.token}),
    "POST /mentees/new [availability,categories[],deficits,mainRequest,organisationID,personID,preferredFormat,requestDetails,status]": {},
    "POST /mentees/new [availability,categories[],deficits,enteredOn,mainRequest,organisationID,personID,preferredFormat,requestDetails,status]":
        dict(page=found_by_name("/mentees/new"), values={"personID": option_with(lambda ctx: ctx.made.get("person-name", "—"))}, stage=1),
    "POST /mentors/new [achievementsOther,achievements[],availability,capacity,competencies[],forms[],interests,network,organisationID,personID,status,training]": {},
    "POST /mentors/new [achievementsOther,achievements[],availability,capacity,competencies[],enteredOn,forms[],interests,network,organisationID,personID,status,training]":
        dict(page=found_by_name("/mentors/new"), values={"personID": option_with(lambda ctx: ctx.made.get("person-name", "—")), "capacity": "2"}, stage=1),
    # The first kind the role may load, as the page renders it; the file from that kind's column table.
    # The walk's own person, now in the base of mentors (2 places), mentors a new pair, which the order then fixes.
    "POST /mentorships/new [form,format,justification,kind,mentees[],mentors[],organisationID,plannedEnd,start,title]":
        dict(values={"mentors[]": checkbox_with(lambda ctx: ctx.made.get("person-name", "—")), "mentees[]": waiting_mentee, "form": form_for_waiting_mentee},
             stage=1, made="pair"),
    "POST /mentorships/:id/order [orderDate,orderNumber]":
        dict(page=made_or("pair", "/order", lambda ctx: ctx.page), stage=1, refusal="Приказом закрепляется только формирующаяся пара"),
    # The entry self-assessment of the walk's own new pair (no one has filled it), recorded by staff on paper.
    "POST /mentorships/:id/assessments/new [date,personID,phase,scores[analytic],scores[diagnostic],scores[org_methodical],scores[prognostic],scores[psych_ped],scores[research],scores[subject]]":
        dict(page=made_or("pair", "/assessments/new", active_pair("/assessments/new")), values=PAIR_DATES, shows=None, stage=1),
    "POST /imports [file,kind]": dict(files={"file": csv_from_page("import")}, blank="file", success="Проверка файла", shows=None),
    "POST /consents/:id/withdraw [withdrawnOn]": dict(page=link_on(made("person"), "/consents/" + UUID + "/withdraw"), stage=2, shows=None),

    # ---- pairs

    "POST /mentorships/new [form,organisationID]":
        dict(success="Выберите наставника и наставляемых", shows=None),
    "POST /mentorships/:id/meetings/new [agenda,attendees[],date,durationMinutes,format,outcome,place,status,time,type]":
        dict(page=active_pair("/meetings/new"), values=dict(PAIR_DATES, status="planned")),
    "POST /meetings/:id/edit [agenda,attendees[],date,durationMinutes,format,outcome,place,status,time,type]":
        dict(page=link_on(active_pair(), "/meetings/" + UUID + "/edit"), values={"agenda": lambda ctx, f: ctx.token}, blank=None, why=KEEPS),
    "POST /mentorships/:id/feedback/new [authorPersonID,date,kind,problems,progress,satisfaction]":
        dict(page=active_pair("/feedback/new"), values=PAIR_DATES),
    "POST /mentorships/:id/feedback/new [date,kind,problems,progress,satisfaction]": dict(values=PAIR_DATES, blank="progress"),
    "POST /mentorships/:id/assessments/new [date,phase,scores[analytic],scores[diagnostic],scores[org_methodical],scores[prognostic],scores[psych_ped],scores[research],scores[subject]]":
        dict(values=dict(PAIR_DATES, phase=last_option), shows=None, blank=None,
             why="its one required text, the date, is today when blank; the rest are selects without a blank option"),
    "POST /mentorships/:id/complete [date,resultSummary]": dict(page=active_pair("/complete", offset=3), stage=2),
    "POST /mentorships/:id/replace [date,justification,newPersonID,participantID,reason]":
        dict(page=active_pair("/replace", form="teacher_teacher"),
             values=dict(PAIR_DATES, participantID=option_with("(наставник)"), newPersonID=roomiest_mentor), stage=2,
             # The list offers mentors already full (no load shown) and, to the administrator, people of other kinds.
             refusal=("больше, чем он может вести одновременно", "не может быть наставником")),
    "POST /mentorships/:id/terminate [date,reason]": dict(page=active_pair("/terminate", from_end=True), values=PAIR_DATES, stage=2, shows=None),
    "POST /programmes/:id/edit [end,expectedResults,goals,start]": dict(values={"goals": lambda ctx, f: ctx.token}, blank=None, why=KEEPS),
    "POST /programmes/:id/tasks/new [deadline,evidence,responsible,stage,status,title]": dict(),
    "POST /tasks/:id/edit [deadline,evidence,responsible,stage,status,title]": dict(values={"evidence": lambda ctx, f: ctx.token}, blank=None, why=KEEPS),
    "POST /tasks/:id/edit [evidence,status]": dict(values={"evidence": lambda ctx, f: ctx.token}),
    # The mentor's «Программа выполнена» while tasks are open: the rule answers on the page.
    "POST /programmes/:id/:decision []": dict(shows=None, stage=1, refusal="Не закрыто задач"),
    # One programme on approval in the demo's school: the director approves it; returning comes after and meets the rule.
    "POST /programmes/:id/approve [date]": dict(shows=None, stage=1),
    "POST /programmes/:id/return [comment]": dict(shows=None, stage=2, refusal="Вернуть на доработку можно программу на согласовании"),
    "POST /programmes/:id/extend [comment,newEnd]": dict(shows=None, stage=1),
    "POST /matching/new [form,grouped,mode,network,onlyTrained,scopeID,weights[coverage],weights[experience],weights[load],weights[place],weights[preference],weights[psychologist],weights[subject]]":
        dict(success="Подбор выполнен", shows=None, made="run"),
    "POST /matching/runs/:id/pairs [action,menteeID,mentorID]": dict(shows=None, stage=1),
    "POST /matching/runs/:id/pairs [action,menteeID,otherMenteeID]": dict(shows=None, stage=1),
    "POST /matching/runs/:id/pairs [action,menteeID]": dict(shows=None, stage=1),
    "POST /matching/runs/:id/:decision []": dict(shows=None, stage=2),

    # ---- organisations, documents, roadmaps
    "POST /organisations/new [address,inn,kind,mentorshipPageSince,municipalityID,name,programmeApprover,shortName,website]": dict(values={"mentorshipPageSince": ""}),
    "POST /organisations/new [address,inn,kind,mentorshipPageSince,municipalityID,name,shortName,website]": dict(values={"mentorshipPageSince": ""}),
    "POST /organisations/:id/edit [address,inn,kind,mentorshipPageSince,municipalityID,name,programmeApprover,shortName,website]": dict(page=lambda ctx: ctx.page if ctx.role.endswith("12") else nth_record(ctx, "/organisations", "/organisations/", "/edit"), values={"address": lambda ctx, f: ctx.token}),
    "POST /organisations/:id/edit [address,inn,kind,mentorshipPageSince,municipalityID,name,shortName,website]": dict(page=lambda ctx: ctx.page if ctx.role.endswith("12") else nth_record(ctx, "/organisations", "/organisations/", "/edit"), values={"address": lambda ctx, f: ctx.token}),
    "POST /organisations/:id/documents/add [approver,date,file,isPublic,kind,number,title]":
        dict(files={"file": lambda ctx: ctx.file("act.pdf", minimal_pdf(f"Proverka {ctx.n}"))}, made="document"),
    "POST /organisations/:id/documents/generate [headName,headPosition,type]": dict(success="Документ внесён в реестр", shows=None, made="generated"),
    # The pairs order names its pairs (issue 25, item 6): one forming pair ticked, the n-th for the n-th role.
    "POST /organisations/:id/documents/generate [headName,headPosition,mentorshipIDs[],type]":
        dict(values={"mentorshipIDs[]": nth_box(0)}, success="Документ внесён в реестр", shows=None, made="generated"),
    # Each role approves the draft it generated itself (two roles of a school see the same drafts).
    "POST /documents/:act/approve [approver,date,isPublic,number]": dict(page=made_or("generated", "", lambda ctx: ctx.page), same_action=True, shows=None, stage=1),
    "POST /documents/:act/approve [approver,date,number]": dict(page=made_or("generated", "", lambda ctx: ctx.page), same_action=True, shows=None, stage=1),
    "POST /documents/:act/cancel [date,reason]": dict(page=made("document", "/cancel"), stage=2, shows=None),
    # One form per event of the roadmap: each role marks its own (the n-th), two roles of a school walk at once.
    "POST /roadmap-events/:event [doneOn,evidence,status]": dict(values={"status": "done", "evidence": lambda ctx, f: ctx.token},
                                                                nth=lambda ctx: ROLES.index(ctx.role) if ctx.role in ROLES else 0),
    "POST /roadmap-templates [file]": dict(files={"file": lambda ctx: ctx.file("roadmap.xlsx", _bytes(ctx, "/roadmap-templates/standard.xlsx"))}, blank="file", shows=None),
    "POST /templates [file,type]": dict(values={"type": "pairs_order"}, files={"file": lambda ctx: ctx.file("template.docx", minimal_docx([f"Проверка {ctx.n}", "{{организация.название}}"]))},
                                        blank="file", shows=None),

    # ---- community
    "POST /practices/new [authors,description,file,forms[],kind,level,link,tags,title]": dict(values={"description": TOKEN_TEXT}),
    "POST /practices/:id/edit [authors,description,file,forms[],kind,level,link,tags,title]": dict(values={"description": TOKEN_TEXT}),
    # Reached from the territory's task list («Материалы банка практик ждут модерации»).
    "POST /practices/:id/moderate [decision,reason]":
        dict(values={"decision": "approve", "reason": ""}, shows=None, blank=None, stage=1,
             why="the decision is a select without a blank option; a reason is asked for a rejection only"),
    "POST /contests/new [applicationsFrom,applicationsTo,criteria,description,judgingTo,jurorIDs[],nominations,resultsOn,title,winnersPerNomination]":
        dict(made="contest", values={"applicationsFrom": later(1), "applicationsTo": later(30), "judgingTo": later(45), "resultsOn": later(50),
                     "criteria": "Результативность; 10", "nominations": "Лучшая пара", "jurorIDs[]": nth_box(0)}),
    "POST /contests/:id/edit [applicationsFrom,applicationsTo,criteria,description,judgingTo,jurorIDs[],nominations,resultsOn,title,winnersPerNomination]":
        dict(page=made_or("contest", "/edit", lambda ctx: ctx.page), values={"description": lambda ctx, f: ctx.token}, stage=1),
    "POST /contests/:id/apply [applicantPersonIDs[],mentorshipIDs[],nominationID,practiceItemIDs[],title]": dict(made="application"),
    "POST /contests/:id/apply [mentorshipIDs[],nominationID,practiceItemIDs[],title]": dict(made="application"),
    # Each role withdraws the application it filed itself (two roles of a school see each other's).
    "POST /contest-applications/:app/withdraw []":
        dict(page=lambda ctx: row_link(made("application"), "/contest-applications/" + UUID + "/withdraw")(ctx) if "application" in ctx.made else ctx.page,
             shows=None, stage=2),
    "POST /trainings/new [capacity,description,end,format,hours,organiser,start,title]": dict(values={"start": later(10), "end": later(11)}),
    "POST /trainings/:id/enrol [personID]": dict(values={"personID": nth_option}, shows=None),
    "POST /trainings/:id/enrol []": dict(shows=None),
    "POST /trainings/needs [note,preferredFormat,topics[]]": dict(success="Спасибо", shows=None),
    # The demo's event ends in the future: completing it is refused by the rule, in Russian, on the page.
    "POST /enrolments/:en/complete [certificateNumber]": dict(shows=None, stage=1, refusal="Обучение завершается после окончания мероприятия"),
    "POST /recognition/new [incentive,kind,minCompletedMentorships,minSatisfaction,minTrainingHours,requiresContestWin]":
        dict(values={"minSatisfaction": "8"}),

    # ---- monitoring
    "POST /indicators/campaigns [date,kinds,name,node,periodStart]": dict(values={"periodStart": ""}),

    # ---- administration
    "POST /accounts/new [fullName,login,password,personID,role,scopeID]":
        dict(values={"role": "curator", "personID": "", "scopeID": last_option}, made="account", shows=lambda ctx: f"proverka{ctx.n}"),
    "POST /accounts/:id/active [active]": dict(page=made_account(), shows=None, stage=1),
    "POST /accounts/:id/password [password]": dict(page=made_account("/password"), shows=None, stage=1),
    "POST /territory/regions [code,name,timeZone]": dict(values={"code": lambda ctx, f: f"{90 + ctx.n % 9}"}),
    "POST /territory/regions/:id [timeZone]": dict(shows=None),
    "POST /territory/municipalities [name,regionID]": dict(),
}

# The bases' forms before and after «Включён в базу» (enteredOn, empty: today) was added: one entry, both shapes.
for _new, _old in [("POST /mentees/new [availability,categories[],deficits,enteredOn,mainRequest,organisationID,personID,preferredFormat,requestDetails,status]",
                    "POST /mentees/new [availability,categories[],deficits,mainRequest,organisationID,personID,preferredFormat,requestDetails,status]"),
                   ("POST /mentors/new [achievementsOther,achievements[],availability,capacity,competencies[],enteredOn,forms[],interests,network,organisationID,personID,status,training]",
                    "POST /mentors/new [achievementsOther,achievements[],availability,capacity,competencies[],forms[],interests,network,organisationID,personID,status,training]")]:
    CATALOGUE[_new]["values"]["enteredOn"] = ""
    CATALOGUE[_old] = CATALOGUE[_new]
