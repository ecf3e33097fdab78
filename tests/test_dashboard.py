"""The dashboard (--format html with several reports): the file itself, then driven in headless chromium.

The five seeds and a hostile report are checked once by the real CLI as HTML and as JSON; every
number the dashboard shows is compared with the JSON output. In the browser (DevTools protocol
over a pipe: tests/browser_support.py) the tests click column headers to sort, tick filters and
type a search as a user would, open a report, and keep a screenshot in artifacts/ (ignored by git).
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import warnings
from pathlib import Path

import pytest

from browser_support import Browser, find_browser
from cli_support import reuse_parsed_packs, run_cli  # noqa: F401
from test_html_report import HOSTILE_NAME, HOSTILE_TEXT, Page, text_of

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
STATUSES = ("met", "unmet", "planned", "unverified", "missing")
LETTER = {"met": "M", "unmet": "U", "planned": "P", "unverified": "V", "missing": "X"}


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("dash")
    hostile = folder / HOSTILE_NAME
    hostile.write_text(HOSTILE_TEXT, encoding="utf-8")
    inputs = [*SEEDS, hostile]
    out = folder / "dashboard.html"
    result = run_cli(*inputs, "--format", "html", "-o", out, "--jobs", "1", "--no-config")
    assert result.exit_code in (0, 1), result.stderr
    result = run_cli(*inputs, "--format", "json", "--jobs", "1", "--no-config")
    data = json.loads(result.stdout)
    markup = out.read_text(encoding="utf-8")
    return {"html": out, "markup": markup, "json": data["reports"], "folder": folder,
            "data": data_block(markup, "govedu-data")}


def data_block(markup: str, element_id: str):
    m = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', markup, re.S)
    return json.loads(m.group(1))


def counts_of(report: dict) -> dict:
    """Findings by status of the rules in force, as the counts beside a report's score."""
    return {s: sum(1 for f in report["findings"] if f["status"] == s and f.get("in_force", True))
            for s in STATUSES}


# ================================================================ the file itself
def test_self_contained_one_script_allowed_by_hash(run):
    page = Page(run["markup"])
    assert not page.find("link") and not page.find("img") and not page.find("iframe")
    for el in page.elements:
        for name in ("src", "href", "action", "data", "poster"):
            value = el["attrs"].get(name)
            if value is not None:
                assert value.startswith("#"), (el["tag"], name, value)
    css = "".join(text_of(el) for el in page.find("style"))
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    scripts = page.find("script")
    code = [s for s in scripts if s["attrs"].get("type") != "application/json"]
    assert len(code) == 1 and not code[0]["attrs"].get("src")
    # one data block for the run, one per report (parsed only when that report is opened)
    assert len(scripts) - 1 == 1 + len(run["json"])
    csp = page.find("meta", http_equiv="Content-Security-Policy")[0]["attrs"]["content"]
    digest = base64.b64encode(hashlib.sha256(text_of(code[0]).encode("utf-8")).digest()).decode()
    assert f"'sha256-{digest}'" in csp and "default-src 'none'" in csp


def test_overview_rows_equal_the_json(run):
    page = Page(run["markup"])
    rows = page.find("tr", cls=None)
    by_path = {el["attrs"]["data-path"]: el for el in rows if "data-path" in el["attrs"]}
    assert len(by_path) == len(run["json"]) == 6
    header = [text_of(th) for th in page.find("th") if "data-sort" in th["attrs"]]
    assert header[:6] == ["文件", "标题", "县区", "年份", "类型", "得分"]
    for report in run["json"]:
        row = by_path[report["path"]]
        assert float(row["attrs"]["data-score"]) == pytest.approx(report["score"], abs=0.05)
        i = page.elements.index(row)
        cells = [text_of(el) for el in page.elements[i + 1:] if el["tag"] == "td"][:len(header)]
        assert [int(c) for c in cells[-5:]] == [counts_of(report)[s] for s in STATUSES]
    seed0 = by_path[str(SEEDS[0])]
    cells = [text_of(el) for el in page.elements[page.elements.index(seed0) + 1:] if el["tag"] == "td"]
    assert cells[2] == "桓台县" and cells[3] == "2021"      # county from the title, year


def test_heat_map_strings_and_category_scores_equal_the_json(run):
    data = run["data"]
    rules = [r[0] for r in data["rules"]]
    assert len(rules) == len({f["rule"] for r in run["json"] for f in r["findings"]})
    for row, report in zip(data["reports"], run["json"]):
        assert row["p"] == report["path"]
        statuses = {f["rule"]: f["status"] for f in report["findings"]}
        assert row["m"] == "".join(LETTER[statuses[rid]] if rid in statuses else "-" for rid in rules)
        json_cats = {c["id"]: c["score"] for c in report["categories"]}
        for cat, score in zip(data["cats"], row["cs"]):
            if json_cats.get(cat) is None:
                assert score is None
            else:
                assert score == pytest.approx(json_cats[cat], abs=0.05)
    # rule titles are the Chinese ones
    assert all(re.search(r"[\u4e00-\u9fff]", r[1]) for r in data["rules"])


def test_report_text_cannot_leave_its_data_block(run):
    markup = run["markup"]
    blocks = re.findall(r'<script type="application/json" id="[^"]+">(.*?)</script>', markup, re.S)
    assert len(blocks) == 1 + len(run["json"])
    for b in blocks:
        assert "<" not in b and ">" not in b     # written as \\u003c / \\u003e
    assert "<img" not in markup
    hostile = next(r for r in run["json"] if r["path"].endswith(HOSTILE_NAME))
    i = run["json"].index(hostile)
    detail = data_block(markup, f"r-{i}")
    assert any("<script>document.body.setAttribute('data-pwned','1')</script>" in x for x in detail["x"])


def test_one_report_keeps_the_single_report_page(tmp_path):
    out = tmp_path / "one.html"
    result = run_cli(SEEDS[0], "--format", "html", "-o", out, "--no-config")
    assert result.exit_code in (0, 1)
    markup = out.read_text(encoding="utf-8")
    assert 'id="heat"' not in markup and markup.count('class="report"') == 1


def test_english_dashboard(tmp_path):
    out = tmp_path / "en.html"
    result = run_cli(*SEEDS[:2], "--format", "html", "--lang", "en", "-o", out, "--no-config", "--jobs", "1")
    assert result.exit_code in (0, 1)
    markup = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in markup and "Rules × reports" in markup and ">Score<" in markup


# ================================================================ in a real browser
@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    binary = find_browser()
    if binary is None:
        reason = "browser tests skipped: no chromium found; install it with `apt-get install -y chromium`"
        warnings.warn(reason)
        pytest.skip(reason)
    b = Browser(binary, tmp_path_factory.mktemp("profile"))
    yield b
    b.close()


def attr(b: Browser, name: str):
    return b.js(f"document.body.getAttribute({json.dumps(name)})")


def visible_rows(b: Browser) -> list[str]:
    return b.js('Array.from(document.querySelectorAll("#rows tr")).filter(function (t) { return !t.hidden; })'
                '.map(function (t) { return t.getAttribute("data-path"); })')


def heat_rows(b: Browser) -> list[str]:
    return b.js('Array.from(document.querySelectorAll("#heat tbody tr")).map(function (t) {'
                ' return t.getAttribute("data-i"); })')


def load(b: Browser, run: dict, fragment: str = "") -> None:
    b.open(run["html"].as_uri() + fragment)
    assert attr(b, "data-ready") == "1"


def test_loads_with_every_report_heat_map_and_bars(browser, run):
    load(browser, run)
    n = len(run["json"])
    assert attr(browser, "data-shown") == str(n) and len(visible_rows(browser)) == n
    assert heat_rows(browser) == [str(i) for i in range(n)]
    rules = [r[0] for r in run["data"]["rules"]]
    cells = browser.js('Array.from(document.querySelectorAll("#heat tbody tr:first-child td"))'
                       '.map(function (c) { return c.className; })')
    statuses = {f["rule"]: f["status"] for f in run["json"][0]["findings"]}
    assert cells == [LETTER[statuses[r]] if r in statuses else "n" for r in rules]
    # bars: per rule, reports where it is unmet or missing, worst first
    bars = browser.js('Array.from(document.querySelectorAll("#bars .bar-row")).map(function (r) {'
                      ' return [r.getAttribute("data-rule"), Number(r.getAttribute("data-missed"))]; })')
    expected = {r: sum(1 for rep in run["json"] for f in rep["findings"]
                       if f["rule"] == r and f["status"] in ("unmet", "missing")) for r in rules}
    assert dict(bars) == expected and [m for _, m in bars] == sorted(expected.values(), reverse=True)
    assert browser.js('document.getElementById("detail").hidden') is True


def test_sort_by_clicking_headers(browser, run):
    load(browser, run)
    browser.click('th[data-sort="score"] button')
    by_score = sorted(run["json"], key=lambda r: -r["score"])
    assert [float(s) for s in browser.js('Array.from(document.querySelectorAll("#rows tr"))'
                                         '.map(function (t) { return t.getAttribute("data-score"); })')] == \
        pytest.approx([r["score"] for r in by_score], abs=0.05)
    assert browser.js('document.querySelector(\'th[data-sort="score"]\').getAttribute("aria-sort")') == "descending"
    browser.click('th[data-sort="score"] button')          # again: the other way
    order = [float(s) for s in browser.js('Array.from(document.querySelectorAll("#rows tr"))'
                                          '.map(function (t) { return t.getAttribute("data-score"); })')]
    assert order == sorted(order) and order != sorted(order, reverse=True)
    # the heat map follows the table's order
    table_order = browser.js('Array.from(document.querySelectorAll("#rows tr")).map(function (t) {'
                             ' return t.getAttribute("data-i"); })')
    assert heat_rows(browser) == table_order
    assert "sort=score" in browser.js("location.hash") and "dir=asc" in browser.js("location.hash")
    # a category column sorts too, blanks last
    cat = run["data"]["cats"][0]
    browser.click(f'th[data-sort="cat:{cat}"] button')
    scores = [row["cs"][0] for row in run["data"]["reports"]]
    shown = [run["data"]["reports"][int(i)]["cs"][0] for i in heat_rows(browser)]
    assert shown == sorted([s for s in scores if s is not None], reverse=True) + [s for s in scores if s is None]


def test_status_filter_hides_reports_everywhere(browser, run):
    load(browser, run)
    for s in ("met", "planned", "unverified", "missing"):        # leave 未达标 only
        browser.click(f'input[name="status"][value="{s}"]')
    with_unmet = [r["path"] for r in run["json"] if counts_of(r)["unmet"]]
    assert 0 < len(with_unmet) < len(run["json"])
    assert visible_rows(browser) == with_unmet
    assert attr(browser, "data-shown") == str(len(with_unmet))
    assert [run["json"][int(i)]["path"] for i in heat_rows(browser)] == with_unmet
    # hidden rows are really not displayed (no stray headers), and the count line says so
    assert browser.js('Array.from(document.querySelectorAll("#rows tr")).filter(function (t) {'
                      ' return t.hidden && t.offsetHeight > 0; }).length') == 0
    assert f"显示 {len(with_unmet)} / {len(run['json'])} 份报告" == browser.js('document.getElementById("shown").textContent')
    # bars count only the reports shown
    total = browser.js('document.querySelector("#bars .bar-row .muted").textContent')
    assert total.endswith(f"/ {len(with_unmet)}")


def test_search_county_and_year_filters(browser, run):
    load(browser, run)
    browser.type_text("#q", "桓台")
    assert visible_rows(browser) == [str(SEEDS[0])]
    assert len(heat_rows(browser)) == 1 and "q=" in browser.js("location.hash")
    load(browser, run, "#county=" + "桓台县")
    assert visible_rows(browser) == [str(SEEDS[0])]
    years = {r["year"] for r in run["json"]}
    year = next(y for y in sorted(y for y in years if y) if sum(1 for r in run["json"] if r["year"] == y) < len(run["json"]))
    load(browser, run, f"#year={year}")
    assert visible_rows(browser) == [r["path"] for r in run["json"] if r["year"] == year]
    load(browser, run, "#q=no-such-report")
    assert visible_rows(browser) == [] and browser.js('document.getElementById("none").hidden') is False


def test_category_and_severity_filters_limit_rules(browser, run):
    load(browser, run, "#category=safety")
    cols = browser.js('Array.from(document.querySelectorAll("#heat th.rule-h")).map(function (t) {'
                      ' return t.getAttribute("data-rule"); })')
    assert cols and all(c.startswith("safety.") for c in cols)
    assert set(cols) == {r[0] for r in run["data"]["rules"] if r[2] == "safety"}
    load(browser, run, "#severity=warning")
    cols = browser.js('Array.from(document.querySelectorAll("#heat th.rule-h")).map(function (t) {'
                      ' return t.getAttribute("data-rule"); })')
    assert set(cols) == {r[0] for r in run["data"]["rules"] if r[3] == "warning"}


def test_open_a_report_on_demand(browser, run):
    load(browser, run)
    assert browser.js('document.querySelectorAll("#detail article").length') == 0   # nothing built yet
    i = 0
    report = run["json"][i]
    browser.click(f'a[data-open="{i}"]')
    assert attr(browser, "data-open") == str(i) and f"report={i}" in browser.js("location.hash")
    articles = browser.js('Array.from(document.querySelectorAll("#detail article")).map(function (a) {'
                          ' return [a.getAttribute("data-rule"), a.getAttribute("data-status"), a.textContent]; })')
    assert sorted((r, s) for r, s, _ in articles) == sorted((f["rule"], f["status"]) for f in report["findings"])
    order = [s for _, s, _ in articles]
    rank = {"unmet": 0, "missing": 1, "unverified": 2, "planned": 3, "met": 4}
    assert order == sorted(order, key=rank.get)                  # worst first
    text = {r: t for r, _, t in articles}
    for f in report["findings"]:
        for e in f["evidence"]:
            assert e["text"].strip() in text[f["rule"]] and f"第{e['line']}行" in text[f["rule"]]
        if f["threshold"]:
            assert f["threshold"] in text[f["rule"]]
    marks = browser.js('Array.from(document.querySelectorAll("#detail mark")).map(function (m) { return m.textContent; })')
    assert sorted(marks) == sorted(e["text"].strip() for f in report["findings"] for e in f["evidence"])
    # a status filter applies inside the open report too
    browser.click('input[name="status"][value="met"]')
    shown = browser.js('Array.from(document.querySelectorAll("#detail article")).map(function (a) {'
                       ' return a.getAttribute("data-status"); })')
    assert "met" not in shown and len(shown) == sum(1 for f in report["findings"] if f["status"] != "met")
    # a filter that hides the report closes it: no stray report header left
    browser.type_text("#q", "no-such-report")
    assert browser.js('document.getElementById("detail").hidden') is True
    assert browser.js('document.querySelectorAll("#detail h2").length') == 0


def test_hostile_report_shows_as_text_and_does_not_run(browser, run):
    i = next(k for k, r in enumerate(run["json"]) if r["path"].endswith(HOSTILE_NAME))
    load(browser, run, f"#report={i}")
    assert attr(browser, "data-open") == str(i)
    assert attr(browser, "data-pwned") is None
    assert browser.js('document.querySelectorAll("img").length') == 0
    marks = browser.js('Array.from(document.querySelectorAll("#detail mark")).map(function (m) { return m.textContent; })')
    assert any("<script>document.body.setAttribute('data-pwned','1')</script>" in m for m in marks)
    assert browser.js('document.querySelector("#detail h2").textContent').endswith(HOSTILE_NAME)


def test_screenshot_artifact(browser, run):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "dashboard.png"
    shot.unlink(missing_ok=True)
    load(browser, run, "#sort=score&dir=asc")
    data = browser.screenshot(shot)
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000
    ignored = subprocess.run(["git", "check-ignore", "-q", str(shot)], cwd=ROOT)
    assert ignored.returncode == 0, "artifacts/ must stay out of git"
