"""Tests for the HTML report (--format html): self-contained, escaped, counts, and a real browser.

The browser tests run Debian's headless chromium with a throwaway profile and no network
(Debian package ``chromium``; see the note in docs/html-report.md for CI). They load the written
file, let its script run, dump the DOM and count what is visible; one screenshot is kept in
``artifacts/`` (ignored by git).
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import warnings
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from checker.cli.check import check_app
from checker.render.html import evidence_html

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ARTIFACTS = ROOT / "artifacts"
SEED_000 = SEEDS / "000_fe85392cbbe105c4.txt"
SEED_003 = SEEDS / "003_b71ddd899b90d843.txt"

# A report whose deciding sentences, title and file name try to inject markup and script.
HOSTILE_TEXT = (
    "<b>2023年</b>工作总结<script>document.body.setAttribute('data-pwned','title')</script>\n"
    "一、主要工作\n"
    "全县中小学护学岗设置率达到100%<script>document.body.setAttribute('data-pwned','1')</script>。\n"
    "全县义务教育学校课后服务实现全覆盖<img src=x onerror=\"document.body.setAttribute('data-pwned','2')\">。\n"
)
HOSTILE_NAME = "<img src=x onerror=document.body.setAttribute('data-pwned','3')>.txt"


# ================================================================ helpers
class Page(HTMLParser):
    """What the tests look at in a page: elements with their attributes, text, and nesting."""

    VOID = {"meta", "link", "br", "img", "input", "hr", "source", "col", "area", "base", "embed", "wbr"}

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self.stack: list[dict] = []
        self.scripts: list[str] = []
        self.body_attrs: dict = {}
        self._in_script = False
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        hidden = "hidden" in attrs or any(e["hidden"] for e in self.stack)   # inside a hidden element
        el = {"tag": tag, "attrs": attrs, "text": [], "hidden": hidden}
        self.elements.append(el)
        if tag == "body":
            self.body_attrs = attrs
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag not in self.VOID:
            self.stack.append(el)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i]["tag"] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        for el in self.stack:
            el["text"].append(data)

    def find(self, tag=None, cls=None, **attrs):
        out = []
        for el in self.elements:
            if tag and el["tag"] != tag:
                continue
            if cls and cls not in (el["attrs"].get("class") or "").split():
                continue
            if any(el["attrs"].get(k.replace("_", "-")) != v for k, v in attrs.items()):
                continue
            out.append(el)
        return out


def text_of(el) -> str:
    return "".join(el["text"])


def run_cli(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(check_app, args)
    return result.exit_code, result.stdout


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict:
    """Three reports (two seeds and a hostile one) as JSON, and each as its own HTML page, in zh.

    (Several reports in one run make the dashboard instead: tests/test_dashboard.py.)"""
    folder = tmp_path_factory.mktemp("html")
    hostile = folder / HOSTILE_NAME
    hostile.write_text(HOSTILE_TEXT, encoding="utf-8")
    inputs = [str(SEED_000), str(SEED_003), str(hostile)]
    pages = []
    for i, given in enumerate(inputs):
        out = folder / f"report-{i}.html"
        code, _ = run_cli([given, "--format", "html", "--output", str(out), "--jobs", "1"])
        assert code in (0, 1) and out.exists()
        pages.append({"html": out, "markup": out.read_text(encoding="utf-8")})
    code, stdout = run_cli(inputs + ["--format", "json", "--jobs", "1"])
    assert code in (0, 1)
    data = json.loads(stdout)
    for page, report in zip(pages, data["reports"]):
        page["json"] = report
    return {"pages": pages, "html": pages[0]["html"], "hostile": pages[2], "json": data, "folder": folder}


def json_counts(report: dict, every: bool = False) -> dict:
    """Findings by status, of the rules in force (those the page counts beside the score), or of
    every finding (``every``: what the page's filters show, rules not in force included)."""
    totals = {s: 0 for s in ("met", "unmet", "planned", "unverified", "missing")}
    for f in report["findings"]:
        if every or f["in_force"]:
            totals[f["status"]] += 1
    return totals


# ================================================================ the file itself
@pytest.mark.parametrize("n", [0, 1, 2])
def test_one_self_contained_file(reports, n):
    page = Page(reports["pages"][n]["markup"])
    # No external resource of any kind: no stylesheets, images, frames or scripts by URL.
    assert not page.find("link") and not page.find("img") and not page.find("iframe")
    for el in page.elements:
        for name in ("src", "href", "action", "data", "poster"):
            value = el["attrs"].get(name)
            if value is not None:
                assert value.startswith("#"), (el["tag"], name, value)   # in-page anchors only
    css = "".join(text_of(el) for el in page.find("style"))
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    # Exactly one script, inline, allowed by the page's CSP through its hash; nothing else may load.
    assert len(page.scripts) == 1 and not page.find("script")[0]["attrs"].get("src")
    csp = page.find("meta", http_equiv="Content-Security-Policy")[0]["attrs"]["content"]
    digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode("utf-8")).digest()).decode()
    assert f"'sha256-{digest}'" in csp and "default-src 'none'" in csp
    # The header has the report's score; one report, one section.
    report = reports["pages"][n]["json"]
    assert len(page.find("section", cls="report")) == 1
    section = page.find("section", cls="report", data_path=report["path"])[0]
    assert float(section["attrs"]["data-score"]) == pytest.approx(report["score"])


def test_report_text_is_escaped(reports):
    markup = reports["hostile"]["markup"]
    assert markup.count("<script") == 1                 # the page's own script only
    assert "<img" not in markup and "<b>" not in markup
    assert "&lt;script&gt;document.body.setAttribute(&#x27;data-pwned&#x27;,&#x27;1&#x27;)" in markup
    assert "&lt;img src=x onerror=" in markup           # the file name, shown as text
    page = Page(markup)
    marks = [text_of(m) for m in page.find("mark")]
    assert any("护学岗设置率达到100%<script>" in m for m in marks)   # the sentence, as written


@pytest.mark.parametrize("n", [0, 1, 2])
def test_page_counts_equal_json_counts(reports, n):
    page = Page(reports["pages"][n]["markup"])
    assert len(reports["json"]["reports"]) == 3
    for report in [reports["pages"][n]["json"]]:
        section = page.find("section", cls="report", data_path=report["path"])[0]
        inside = page.elements[page.elements.index(section):]
        shown = {el["attrs"]["data-count"]: int(text_of(el)) for el in inside if "data-count" in el["attrs"]
                 and el["tag"] == "b"}
        findings = [el for el in inside if el["tag"] == "article"]
        by_status = {s: sum(1 for f in findings if f["attrs"]["data-status"] == s
                            and f["attrs"]["data-in-force"] == "true") for s in shown}
        assert shown == json_counts(report) == by_status
        assert sorted(f["attrs"]["data-rule"] for f in findings) == sorted(f["rule"] for f in report["findings"])


def test_each_finding_shows_status_threshold_value_and_evidence(reports):
    page = Page(reports["pages"][0]["markup"])
    report = reports["json"]["reports"][0]
    for f in report["findings"]:
        article = next(el for el in page.find("article", data_rule=f["rule"]))
        text = text_of(article)
        assert (f["threshold"] or "—") in text
        if f["value"] is not None:
            assert f"{f['value']:g}" in text
        for e in f["evidence"]:
            assert f"第{e['line']}行" in text and e["text"].strip() in text


def test_evidence_is_highlighted_inside_its_paragraph_when_known():
    e = SimpleNamespace(line=12, modality="achieved", text="护学岗设置率达到100%。",
                        context="全面加强校园安全。护学岗设置率达到100%。<下一句>")
    out = evidence_html(e, "paragraph", "zh")
    assert "第12段" in out
    assert "全面加强校园安全。<mark>护学岗设置率达到100%。</mark>&lt;下一句&gt;" in out
    plain = evidence_html(SimpleNamespace(line=3, modality="planned", text="<i>x</i>"), "line", "en")
    assert "<mark>&lt;i&gt;x&lt;/i&gt;</mark>" in plain and "line 3" in plain


def test_english_page(tmp_path):
    out = tmp_path / "en.html"
    code, _ = run_cli([str(SEED_003), "--format", "html", "--lang", "en", "--output", str(out)])
    assert code in (0, 1)
    markup = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in markup and "Statuses per category" in markup and "Target" in markup


# ================================================================ in a real browser
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@pytest.fixture(scope="module")
def browser():
    path = next((shutil.which(n) for n in BROWSER_NAMES if shutil.which(n)), None)
    if path is None:
        reason = ("browser tests skipped: no chromium found; install it with "
                  "`apt-get install -y chromium fonts-wqy-microhei`")
        warnings.warn(reason)
        pytest.skip(reason)
    return path


def chromium(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    """Headless chromium with a throwaway profile and the network off (no proxy, no DNS)."""
    cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--disable-extensions", "--disable-crash-reporter",
           "--proxy-server=socks5://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
           "--virtual-time-budget=5000", *args]
    env = dict(os.environ, HOME=str(profile))     # nothing written to the real home folder
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180, env=env)


def dump_dom(binary: str, profile: Path, html_file: Path, fragment: str = "") -> Page:
    proc = chromium(binary, profile, "--dump-dom", html_file.as_uri() + fragment)
    assert proc.returncode == 0 and "<html" in proc.stdout, proc.stderr[-2000:]
    return Page(proc.stdout)


def visible_findings(page: Page) -> list[dict]:
    return [el for el in page.find("article", cls="finding") if not el["hidden"]]


def test_renders_and_counts_in_the_browser(browser, reports, tmp_path):
    page = dump_dom(browser, tmp_path / "profile", reports["html"])
    assert page.body_attrs.get("data-ready") == "1"        # the page's script ran to the end
    data = [reports["pages"][0]["json"]]
    total = sum(len(r["findings"]) for r in data)
    shown = visible_findings(page)
    assert len(shown) == total == int(page.body_attrs["data-shown"])
    # What the script counted on the page, per status, equals the JSON's counts.
    by_status = json.loads(page.body_attrs["data-shown-by-status"])
    expected = {s: sum(json_counts(r, every=True)[s] for r in data) for s in json_counts({"findings": []})}
    assert by_status == {s: n for s, n in expected.items() if n}
    assert f"显示 {total} / {total} 条结论" in text_of(page.find(id="shown")[0])


def test_filters_work_in_the_browser(browser, reports, tmp_path):
    data = [reports["pages"][0]["json"]]
    total = sum(len(r["findings"]) for r in data)
    want = sum(json_counts(r, every=True)["unmet"] + json_counts(r, every=True)["missing"] for r in data)
    page = dump_dom(browser, tmp_path / "p1", reports["html"], "#status=unmet,missing")
    shown = visible_findings(page)
    assert {el["attrs"]["data-status"] for el in shown} <= {"unmet", "missing"}
    assert len(shown) == want and 0 < want < total
    assert f"显示 {want} / {total} 条结论" in text_of(page.find(id="shown")[0])

    in_safety = sum(1 for r in data for f in r["findings"] if f["rule"].startswith("safety."))
    page = dump_dom(browser, tmp_path / "p2", reports["html"], "#category=safety")
    shown = visible_findings(page)
    assert len(shown) == in_safety > 0
    assert {el["attrs"]["data-category"] for el in shown} == {"safety"}
    hidden_groups = [el for el in page.find("section", cls="category") if el["hidden"]]
    assert hidden_groups and all(el["attrs"]["data-category"] != "safety" for el in hidden_groups)

    both = dump_dom(browser, tmp_path / "p3", reports["html"], "#status=met&category=safety")
    expected = sum(1 for r in data for f in r["findings"] if f["rule"].startswith("safety.") and f["status"] == "met")
    assert len(visible_findings(both)) == expected


def test_script_in_a_report_shows_as_text_and_does_not_run(browser, reports, tmp_path):
    page = dump_dom(browser, tmp_path / "profile", reports["hostile"]["html"])
    assert "data-pwned" not in page.body_attrs
    assert not page.find("img")
    texts = [text_of(m) for m in page.find("mark")]
    assert any("<script>document.body.setAttribute('data-pwned','1')</script>" in t for t in texts)
    assert any(HOSTILE_NAME in text_of(h) for h in page.find("h2", cls="path"))


def test_screenshot_artifact(browser, reports, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "html-report.png"
    shot.unlink(missing_ok=True)
    proc = chromium(browser, tmp_path / "profile", "--window-size=1200,1600", "--hide-scrollbars",
                    f"--screenshot={shot}", reports["html"].as_uri() + "#status=unmet,unverified,planned")
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000   # a real page, not a blank
    ignored = subprocess.run(["git", "check-ignore", "-q", str(shot)], cwd=ROOT)
    assert ignored.returncode == 0, "artifacts/ must stay out of git"


def test_waived_finding_shows_its_reason(tmp_path):
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("waivers:\n  - rule: safety.closed-management\n    reason: 分步实施<见省厅通知>\n"
                       "    approved_by: 县教育督导室\n    expires: 2099-12-31\n", encoding="utf-8")
    out = tmp_path / "w.html"
    code, _ = run_cli([str(SEED_000), "--format", "html", "--output", str(out), "--waivers", str(waivers),
                       "--no-config"])
    assert code in (0, 1)
    page = Page(out.read_text(encoding="utf-8"))
    article = page.find("article", data_rule="safety.closed-management")[0]
    assert "已豁免: 分步实施<见省厅通知>" in text_of(article)
    assert "&lt;见省厅通知&gt;" in out.read_text(encoding="utf-8")
