"""Keyboard only: Tab moves, typing fills, Enter submits — as someone who does not use a mouse."""
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from .common import PASSWORD, wait


def keyboard_fill(d, values, submit):
    """Fills a form with Tab and typing only, then reaches the submit button with Tab and presses Enter."""
    keys = lambda *k: ActionChains(d).send_keys(*k).perform()
    remaining = dict(values)
    for _ in range(150):
        keys(Keys.TAB)
        el = d.switch_to.active_element
        name = el.get_attribute("name")
        if name in remaining:
            keys(remaining.pop(name))
        elif not remaining and el.tag_name == "button" and el.text.strip() == submit:
            keys(Keys.ENTER)
            return
    raise AssertionError(f"Tab never reached {list(remaining) or submit}")


def login_by_keyboard(d, base, user):
    """The first Tab reaches the skip link; then the login form is filled and sent without the mouse."""
    d.delete_all_cookies()
    d.get(base + "/login")
    ActionChains(d).send_keys(Keys.TAB).perform()
    first = d.switch_to.active_element
    assert first.get_attribute("href") and first.get_attribute("href").endswith("#main"), "the first Tab does not reach «К содержанию»: " + first.get_attribute("outerHTML")[:120]
    keyboard_fill(d, {"login": user, "password": PASSWORD}, submit="Войти")
    wait(d, lambda d: "/login" not in d.current_url, message="Enter on «Войти» did not sign in")
    assert "Выйти" in d.find_element(By.TAG_NAME, "body").text, "not signed in after the keyboard login"
