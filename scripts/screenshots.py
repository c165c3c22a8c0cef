#!/usr/bin/env python3
"""Looks at the running server as people do: logs in as each demo role in headless Chromium and saves
screenshots of the main pages at desktop width and at 375 px (a phone). Usage:
    scripts/screenshots.py [base-url] [out-dir]
Needs `apt-get install chromium chromium-driver` and `pip install selenium`."""
import sys, os, re
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
OUT = sys.argv[2] if len(sys.argv) > 2 else "/tmp/nastavnik-shots"
PASSWORD = "nastavnik2026"
os.makedirs(OUT, exist_ok=True)

def driver(width):
    o = webdriver.ChromeOptions()
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={width},1000", "--lang=ru"]:
        o.add_argument(a)
    return webdriver.Chrome(options=o)

def login(d, user):
    d.get(BASE + "/login")
    d.find_element(By.NAME, "login").send_keys(user)
    d.find_element(By.NAME, "password").send_keys(PASSWORD)
    d.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(d, 10).until(lambda d: "/login" not in d.current_url)

def shot(d, name):
    h = d.execute_script("return document.body.scrollHeight")
    d.set_window_size(d.get_window_size()["width"], min(max(h, 600), 4000))
    path = os.path.join(OUT, name + ".png")
    d.save_screenshot(path)
    errors = [e for e in d.get_log("browser") if e["level"] == "SEVERE"] if hasattr(d, "get_log") else []
    print(path, d.title, "console errors:", len(errors))

def first_link(d, prefix):
    for a in d.find_elements(By.CSS_SELECTOR, "a[href]"):
        href = a.get_attribute("href")
        if re.search(prefix + r"[0-9A-Fa-f-]{36}$", href or ""):
            return href
    return None

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
            login(d, user)
            for p in pages:
                d.get(BASE + p)
                shot(d, f"{width}-{user}-{p.strip('/').replace('/', '_').replace('?', '_') or 'home'}")
            if user == "curator12":
                d.get(BASE + "/mentorships")
                card = first_link(d, "/mentorships/")
                if card:
                    d.get(card)
                    shot(d, f"{width}-{user}-card")
                    person = first_link(d, "/people/")
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
