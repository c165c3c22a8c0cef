#!/usr/bin/env python3
"""Opens every generated document the way a school would: each DOCX and XLSX written by `nastavnik samples`
is read back with a standard reader (python-docx, openpyxl) and converted to PDF by LibreOffice headless;
the texts listed for it in manifest.json must be in both. Usage:
    scripts/check_office.py DIR
Needs `apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils` and
`pip install python-docx openpyxl`. Prints one line per check and `N passed, N failed`."""
import json, os, re, subprocess, sys, tempfile

import docx
import openpyxl

DIR = sys.argv[1]
manifest = json.load(open(os.path.join(DIR, "manifest.json"), encoding="utf-8"))
passed, failed = 0, 0


def norm(s):
    """Whitespace folded, so that a line break in a PDF does not split a name."""
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip()


def check(name, how, text, expected):
    global passed, failed
    missing = [e for e in expected if norm(e) not in norm(text)]
    if missing:
        failed += 1
        print(f"FAIL {name} ({how}): not found {missing}")
    else:
        passed += 1
        print(f"ok   {name} ({how})")


def docx_text(path):
    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    for s in d.sections:
        parts += [p.text for p in s.header.paragraphs] + [p.text for p in s.footer.paragraphs]
    return "\n".join(parts)


def xlsx_text(path):
    wb = openpyxl.load_workbook(path)
    parts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for v in row:
                if v is None:
                    continue
                # A date cell comes back as datetime: show it as the sheet does (дд.мм.гггг).
                parts.append(v.strftime("%d.%m.%Y") if hasattr(v, "strftime") else str(v))
    return "\n".join(parts)


for name, expected in sorted(manifest.items()):
    path = os.path.join(DIR, name)
    try:
        text = docx_text(path) if name.endswith(".docx") else xlsx_text(path)
        check(name, "python-docx" if name.endswith(".docx") else "openpyxl", text, expected)
    except Exception as e:  # a file the standard reader cannot open is a failure, not a crash
        failed += 1
        print(f"FAIL {name}: the standard reader refused it: {e}")

with tempfile.TemporaryDirectory() as out:
    files = [os.path.join(DIR, n) for n in sorted(manifest)]
    profile = "file://" + os.path.join(out, "profile")
    r = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", out] + files, capture_output=True, text=True, timeout=600)
    for name, expected in sorted(manifest.items()):
        pdf = os.path.join(out, os.path.splitext(name)[0] + ".pdf")
        if not os.path.exists(pdf):
            failed += 1
            print(f"FAIL {name} (LibreOffice): no PDF; {r.stderr.strip()[:300]}")
            continue
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
        check(name, "LibreOffice PDF", text, expected)

print(f"office: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
