"""Issue 26: a reminder reaches a real SMTP server for a meeting tomorrow, exactly once across a restart.

A server of its own (the demo, `SMTP_URL` to aiosmtpd on loopback, a pass every 2 s from hour 0): mentor12 plans a
meeting for tomorrow (Izhevsk time) in their pair through the page's form in Chromium; the reminders for it arrive,
parsed by Python's own e-mail library (subject, text, the calendar invitation); the server is restarted and runs
several more passes; not one more message about that meeting arrives. The administrator's log lists it as sent."""
import datetime
import email
import email.policy
import os
import random
import subprocess
import sys
import tempfile
import time
from zoneinfo import ZoneInfo

from selenium.webdriver.common.by import By

from e2e.common import driver, first_link, login, shot, wait
from e2e.journeys import click_button, click_link, flash, text
from e2e.server import Server, free_port


def received(maildir, marker):
    """The messages in the Maildir whose text mentions `marker`, parsed."""
    out = []
    new = os.path.join(maildir, "new")
    for name in sorted(os.listdir(new)) if os.path.isdir(new) else []:
        with open(os.path.join(new, name), "rb") as f:
            message = email.message_from_binary_file(f, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        if body is not None and marker in body.get_content():
            out.append(message)
    return out


def run(binary, root, artefacts, report):
    maildir = os.path.join(tempfile.mkdtemp(prefix="nastavnik-mail-"), "Maildir")  # aiosmtpd makes it, and only if it is not there
    port = free_port()
    smtp = subprocess.Popen([sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = {"SMTP_URL": f"smtp://127.0.0.1:{port}?from=nastavnik@e2e.test", "REMINDER_INTERVAL": "2", "REMINDER_HOUR": "0"}
    marker = f"Напоминание e2e {random.randint(100000, 999999)}"
    tomorrow = (datetime.datetime.now(ZoneInfo("Europe/Samara")).date() + datetime.timedelta(days=1)).strftime("%d.%m.%Y")
    state = {}
    try:
        with Server(binary, root, os.path.join(artefacts, "server-reminders.log"), env=env) as server:
            base = server.base
            print(f"reminders: server {base} ready in {server.startup_seconds:.0f} s, SMTP on {port}", flush=True)
            d = driver()
            try:
                def plan_meeting():
                    login(d, base, "mentor12")
                    d.get(base + "/my")
                    card = first_link(d, base + "/mentorships/")
                    assert card, "mentor12 has no pair on «Моё наставничество»"
                    d.get(card)
                    click_link(d, "Запланировать или записать встречу")
                    date = d.find_element(By.NAME, "date")
                    date.clear()
                    date.send_keys(tomorrow)
                    time_field = d.find_element(By.NAME, "time")
                    time_field.clear()
                    time_field.send_keys("16:30")
                    d.find_element(By.NAME, "agenda").send_keys(marker)
                    shot(d, os.path.join(artefacts, "reminders-01-meeting-form.png"))
                    click_button(d, "Сохранить", "form.form")
                    wait(d, lambda d: "Встреча сохранена" in flash(d), message="no «Встреча сохранена»")

                def arrives():
                    deadline = time.time() + 60
                    while time.time() < deadline and not received(maildir, marker):
                        time.sleep(0.5)
                    time.sleep(5)  # every participant's message of the same pass
                    messages = received(maildir, marker)
                    assert messages, f"no reminder mentioning «{marker}» reached the SMTP server in 60 s"
                    m = messages[0]
                    assert str(m["Subject"]).startswith("Завтра встреча: "), f"subject: {m['Subject']}"
                    assert f"{tomorrow} в 16:30" in str(m["Subject"]), f"subject: {m['Subject']}"
                    invitation = [p for p in m.iter_attachments() if p.get_content_type() == "text/calendar"]
                    assert invitation, "no calendar invitation attached"
                    ics = invitation[0].get_content()
                    ics = ics.decode("utf-8") if isinstance(ics, bytes) else ics
                    start = datetime.datetime.strptime(tomorrow, "%d.%m.%Y").strftime("%Y%m%d") + "T123000Z"  # 16:30 UTC+4
                    assert "DTSTART:" + start in ics, f"the invitation does not start at {start}: {ics[:400]}"
                    state["count"] = len(messages)
                    state["recipients"] = sorted(str(x["X-RcptTo"]) for x in messages)
                    print(f"reminders: {len(messages)} message(s) to {state['recipients']}", flush=True)

                def once_across_restart():
                    server.restart()
                    time.sleep(10)  # five passes of the restarted server
                    messages = received(maildir, marker)
                    assert len(messages) == state["count"], f"{len(messages)} messages after the restart, {state['count']} before"
                    assert len(set(state["recipients"])) == len(state["recipients"]), f"a recipient got two: {state['recipients']}"

                def admin_log():
                    login(d, base, "admin")
                    d.get(base + "/mail?status=sent")
                    shot(d, os.path.join(artefacts, "reminders-02-admin-log.png"))
                    page = text(d)
                    assert f"{tomorrow} в 16:30" in page, "the administrator's log does not list the reminder as sent"

                for name, step in [("mentor12 plans a meeting for tomorrow in the browser", plan_meeting),
                                   ("the reminder reaches the SMTP server with the invitation", arrives),
                                   ("exactly once across a restart of the server", once_across_restart),
                                   ("the administrator's log lists it as sent", admin_log)]:
                    if not report.step(f"reminders: {name}", step):
                        shot(d, os.path.join(artefacts, "reminders-FAILED.png"))
                        break
            finally:
                d.quit()
    finally:
        smtp.kill()
        smtp.wait()
