#!/usr/bin/env python3
"""Looks at the running server as people do: logs in as each demo role in headless Chromium and saves
screenshots of the main pages at desktop width and at 375 px (a phone). Usage:
    scripts/screenshots.py [base-url] [out-dir]
Needs `apt-get install chromium chromium-driver` and `pip install selenium`; shares scripts/e2e/common.py
with scripts/browser-suite."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from selenium.webdriver.common.by import By  # noqa: E402

from e2e.common import driver, first_link, login, shot as save_shot  # noqa: E402

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
OUT = sys.argv[2] if len(sys.argv) > 2 else "/tmp/nastavnik-shots"
os.makedirs(OUT, exist_ok=True)


def shot(d, name):
    path = save_shot(d, os.path.join(OUT, name + ".png"))
    print(path, d.title)


PAGES = {
    "curator12": ["/", "/mentorships", "/mentorships?risk=any", "/mentorships/entry", "/mentors", "/mentees", "/people", "/mentorships/new"],
    "mentor12": ["/", "/my"],
    "mentee12": ["/my"],
    "tutor": ["/routes"],
    "izhevsk": ["/mentorships/entry"],
}

for width in (1280, 375):
    for user, pages in PAGES.items():
        d = driver(width)
        try:
            login(d, BASE, user)
            for p in pages:
                d.get(BASE + p)
                shot(d, f"{width}-{user}-{p.strip('/').replace('/', '_').replace('?', '_') or 'home'}")
            if user == "curator12":
                d.get(BASE + "/mentorships")
                card = first_link(d, BASE + "/mentorships/")
                if card:
                    d.get(card)
                    shot(d, f"{width}-{user}-card")
                    person = first_link(d, BASE + "/people/")
                    if person:
                        d.get(person)
                        shot(d, f"{width}-{user}-person")
            if user == "tutor":
                route = next((a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, "a[href$='/route']")), None)
                if route:
                    d.get(route)
                    shot(d, f"{width}-{user}-route")
        finally:
            d.quit()
