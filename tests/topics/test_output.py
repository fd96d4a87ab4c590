"""Writing theme results: CSV, XLSX, code stubs YAML and the offline HTML map."""
from __future__ import annotations

import dataclasses
import re

import pandas as pd
import pytest

from qualkit.codebook.io import load
from qualkit.errors import ModelError, NotFittedError
from qualkit.topics import ThemeSuggester
from qualkit.topics.output import plot_html, stubs_yaml, write_outputs
from topics_fixtures import codebook, codings, corpus

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


@pytest.fixture(scope="module")
def fitted():
    corp, truth = corpus(per_theme=20)
    # an answer that a spreadsheet would run as a formula
    corp.segments[0] = dataclasses.replace(corp.segments[0], text="=HYPERLINK(\"http://x\") " + corp.segments[0].text)
    return ThemeSuggester(mode="all", min_topic_size=5).fit(corp, codings(corp, truth), codebook())


def test_write_outputs_writes_every_file(tmp_path, fitted):
    paths = write_outputs(fitted, tmp_path / "themes")
    assert sorted(p.name for p in paths) == sorted(["themes.csv", "assignments.csv", "comparison.csv",
                                                    "themes.xlsx", "code_stubs.yaml", "themes.html"])
    assert all(p.exists() for p in paths)
    themes = pd.read_csv(tmp_path / "themes" / "themes.csv")
    assert list(themes.theme) == [t.id for t in fitted.themes_]
    assert {"label", "size", "new", "keywords", "codes", "quote_1", "stub"} <= set(themes.columns)
    assign = pd.read_csv(tmp_path / "themes" / "assignments.csv")
    assert len(assign) == len(fitted.assignments_)
    assert not [p for p in tmp_path.iterdir() if p.name != "themes"]


def test_xlsx_keeps_formulas_as_text(tmp_path, fitted):
    from openpyxl import load_workbook

    write_outputs(fitted, tmp_path / "out", formats=["xlsx"])
    wb = load_workbook(tmp_path / "out" / "themes.xlsx")
    assert wb.sheetnames == ["themes", "assignments", "comparison"]
    cells = [c for row in wb["assignments"].iter_rows() for c in row if isinstance(c.value, str)
             and c.value.startswith("=HYPERLINK")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_stubs_file_is_a_codebook(tmp_path, fitted):
    write_outputs(fitted, tmp_path / "out", formats=["yaml"])
    cb = load(tmp_path / "out" / "code_stubs.yaml")
    assert cb.ids == [t.slug for t in fitted.themes_]
    new_only = stubs_yaml(fitted, only_new=True)
    assert all((t.slug in new_only) == t.new for t in fitted.themes_)


def test_html_is_small_static_and_escaped(fitted):
    html = plot_html(fitted)
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert "<script" not in html.lower() and "default-src 'none'" in html  # no script, nothing loaded
    assert len(html.encode()) < 100_000
    assert fitted.themes_[0].label in html
    assert html.count("<circle") == len(fitted.themes_) == html.count('<tr><td class="n">')
    assert "=HYPERLINK(&#34;http://x&#34;)" in html or "=HYPERLINK(&quot;" in html or "HYPERLINK" not in html


def test_html_keeps_the_reports_csp_and_escapes_hostile_text(fitted):
    """Labels and quotes with markup, bidi controls and huge text: escaped, the report's full
    Content-Security-Policy and no referrer, nothing loaded from elsewhere."""
    from qualkit.report.html import CSP  # the report's, so both pages keep one policy

    hostile = "<script>alert(1)</script><img src=http://x/a.png onerror=alert(2)>\u202e\"' & </td></tr>"
    th = fitted.themes_[0]
    ts = type(fitted).__new__(type(fitted))
    ts.__dict__.update(fitted.__dict__)
    ts.themes_ = [dataclasses.replace(th, label=hostile * 50,
                                      quotes=[dataclasses.replace(q, text=f"{hostile} {'x' * 5000}") for q in th.quotes]),
                  *fitted.themes_[1:]]
    html = plot_html(ts, title=hostile)
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in html
    assert '<meta name="referrer" content="no-referrer">' in html
    assert "<script" not in html and "<img" not in html and "</td></tr>\u202e" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 50
    assert not re.search(r"<[^>]*\s(src|href)=", html)


@pytest.mark.slow
def test_html_in_headless_chromium(tmp_path, fitted):
    """The page renders: every theme's label is in the DOM, as a row and a map circle, and it draws."""
    import shutil
    import subprocess

    chromium = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    write_outputs(fitted, tmp_path / "out", formats=["html"])
    page = tmp_path / "out" / "themes.html"
    base = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([*base, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=180).stdout
    assert dom.count("<circle") == len(fitted.themes_)
    for t in fitted.themes_:
        assert f'<span class="label">{t.label}</span>' in dom
    shot = tmp_path / "shot.png"
    subprocess.run([*base, f"--screenshot={shot}", "--window-size=1200,900", page.as_uri()], capture_output=True,
                   timeout=180)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000  # a page was drawn, not a blank one


def test_errors(tmp_path, fitted):
    with pytest.raises(NotFittedError, match=r"\[QK393\]"):
        write_outputs(ThemeSuggester(), tmp_path / "x")
    with pytest.raises(ModelError, match=r"\[QK394\]"):
        write_outputs(fitted, tmp_path / "x", formats=["pdf"])
    assert not (tmp_path / "x").exists()


def test_suggest_themes_entry_point(tmp_path):
    from qualkit.topics import suggest_themes

    corp, truth = corpus(per_theme=15)
    ts = suggest_themes(corp, codings(corp, truth), codebook(), out=tmp_path / "t", formats=["csv", "yaml"],
                        min_topic_size=5)
    assert ts.mode_ == "leftovers" and all(t.new for t in ts.themes_)
    assert [p.name for p in ts.output_paths_] == ["themes.csv", "assignments.csv", "comparison.csv",
                                                  "code_stubs.yaml"]
