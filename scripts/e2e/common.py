"""Shared helpers for the browser scripts: a headless Chromium, logging in as a demo role, screenshots,
fetching a page's raw HTML and headers with the browser's own session."""
import os
import re
import time
import traceback

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

PASSWORD = "nastavnik2026"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
UUID = r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"


def driver(width=1280, height=1000, downloads=None):
    """Headless Chromium from the system packages (selenium-manager would try the network)."""
    o = webdriver.ChromeOptions()
    o.binary_location = CHROMIUM
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={width},{height}", "--lang=ru"]:
        o.add_argument(a)
    if downloads:
        o.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
    d = webdriver.Chrome(options=o, service=Service(CHROMEDRIVER))
    d.set_page_load_timeout(60)
    d.set_script_timeout(60)
    return d


def mid_replacement(e):
    """Chromium's other way of saying an element is stale: while the next page is coming in, a node read from
    the old one «does not belong to the document»."""
    return isinstance(e, WebDriverException) and "does not belong to the document" in str(e)


def wait(d, condition, timeout=15, message=""):
    """Until the condition holds; an element read while the page is being replaced counts as not yet."""
    def attempt(d):
        try:
            return condition(d)
        except WebDriverException as e:
            if mid_replacement(e):
                return False
            raise
    return WebDriverWait(d, timeout, poll_frequency=0.1, ignored_exceptions=[NoSuchElementException, StaleElementReferenceException]).until(attempt, message)


def replaced(d, action):
    """Does the action (a click that navigates) and waits until the next page has replaced this one."""
    old = d.find_element(By.TAG_NAME, "html")
    try:
        action()
    except WebDriverException as e:
        if not mid_replacement(e):  # a click answered mid-navigation: whether it went through shows below
            raise
    wait(d, lambda d: detached(old), timeout=60, message="the page was not replaced")


def detached(element):
    """Whether the element has left the document (a stale element, or one read mid-replacement)."""
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as e:
        if mid_replacement(e):
            return True
        raise


def login(d, base, user, password=PASSWORD):
    d.delete_all_cookies()
    d.get(base + "/login")
    d.find_element(By.NAME, "login").send_keys(user)
    d.find_element(By.NAME, "password").send_keys(password)
    replaced(d, d.find_element(By.CSS_SELECTOR, "form button[type=submit]").click)
    wait(d, lambda d: "/login" not in d.current_url, message=f"login as {user} did not leave /login")


def shot(d, path, full_page=True):
    """Saves a screenshot as tall as the page (up to 4000 px), then restores the window."""
    size = d.get_window_size()
    if full_page:
        h = d.execute_script("return document.documentElement.scrollHeight")
        d.set_window_size(size["width"], min(max(h, 600), 4000))
    d.save_screenshot(path)
    if full_page:
        d.set_window_size(size["width"], size["height"])
    return path


def links(d, pattern):
    """hrefs on the page whose path matches the regular expression, in page order, without repeats."""
    out = []
    for a in d.find_elements(By.CSS_SELECTOR, "a[href]"):
        href = a.get_attribute("href") or ""
        if re.search(pattern, href) and href not in out:
            out.append(href)
    return out


def first_link(d, prefix):
    found = links(d, re.escape(prefix) + UUID + "$")
    return found[0] if found else None


_FETCH = """
const [url, method, form, done] = [arguments[0], arguments[1], arguments[2], arguments[arguments.length - 1]];
const init = {method: method, credentials: 'same-origin', redirect: 'follow'};
if (form) init.body = new URLSearchParams(form);
fetch(url, init).then(async r => {
  const bytes = new Uint8Array(await r.arrayBuffer());
  done({status: r.status, type: r.headers.get('content-type') || '', disposition: r.headers.get('content-disposition') || '',
        head: Array.from(bytes.slice(0, 8)), length: bytes.length, text: new TextDecoder().decode(bytes.slice(0, 4000000))});
}).catch(e => done({status: 0, type: '', disposition: '', head: [], length: 0, text: String(e)}));
"""


def fetch(d, url, method="GET", form=None):
    """The response as the signed-in browser gets it: status, content type, the first bytes and the text."""
    return d.execute_async_script(_FETCH, url, method, form)


def wait_for_file(directory, suffix, timeout=30):
    """The first finished download with the suffix in the directory."""
    end = time.time() + timeout
    while time.time() < end:
        done = [f for f in os.listdir(directory) if f.endswith(suffix)]
        if done:
            path = os.path.join(directory, done[0])
            time.sleep(0.3)
            return path
        time.sleep(0.25)
    raise AssertionError(f"no *{suffix} download in {directory} after {timeout} s: {os.listdir(directory)}")


class Report:
    """Collects results; a failure is printed at once and makes the suite exit non-zero."""

    def __init__(self):
        self.failures = []
        self.passed = 0

    def ok(self, what):
        self.passed += 1
        print(f"  ok   {what}", flush=True)

    def fail(self, what, why):
        self.failures.append((what, why))
        print(f"  FAIL {what}: {why}", flush=True)

    def step(self, what, fn, *args):
        """Runs one journey step or check; an exception (a failed assertion) fails it, not the whole suite.
        Returns whether it passed, so that a journey stops at its first failed step."""
        try:
            fn(*args)
            self.ok(what)
            return True
        except Exception as e:  # noqa: BLE001 — any error fails this check and is reported
            message = str(e).strip().splitlines()[0] if str(e).strip() else ""
            here = [f for f in traceback.extract_tb(e.__traceback__) if "/e2e/" in f.filename]
            where = f" (at {os.path.basename(here[-1].filename)}:{here[-1].lineno})" if here else ""
            self.fail(what, (message if isinstance(e, AssertionError) else f"{type(e).__name__}: {message}") + where)
            return False
