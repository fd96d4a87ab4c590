"""The report in headless Chromium: it renders, shows tables and charts, and no script
from the data runs. Skipped when Chromium is not installed (CI installs it:
``apt-get install -y chromium``)."""
from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

import report_helpers as h
from qualkit.report import build_tables, render_html, write_report

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "corpora" / "ocmw-werkdruk-2026.csv"
CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install -y chromium chromium-driver)"),
]


def chromium(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}",
           "--virtual-time-budget=3000", *args, page.as_uri()]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr[-2000:]
    return res


def dump_dom(tmp_path: Path, page: Path) -> str:
    return chromium(tmp_path, page, "--dump-dom").stdout


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def untouched(dom: str) -> bool:
    body = re.search(r"<body[^>]*>", dom).group(0)
    title = re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
    return "data-pwned" not in body and "PWNED" not in title


def test_harness_detects_a_script_that_runs(tmp_path):
    """Control: the same hostile markup inserted raw into a page without CSP does run."""
    page = tmp_path / "raw.html"
    page.write_text(f"<!DOCTYPE html><html><head><title>t</title></head><body><p>{h.PWN_SCRIPT}{h.PWN_IMG}</p>"
                    "</body></html>", encoding="utf-8")
    assert not untouched(dump_dom(tmp_path, page))


def test_csp_blocks_scripts_even_if_one_got_in(tmp_path):
    result = h.result()
    html = render_html(build_tables(result), result).replace("<main>", f"<main>{h.PWN_SCRIPT}{h.PWN_IMG}", 1)
    page = tmp_path / "csp.html"
    page.write_text(html, encoding="utf-8")
    assert untouched(dump_dom(tmp_path, page))


def test_hostile_report_renders_as_text(tmp_path):
    result = h.result()
    tables = build_tables(result, by=["admin_uren", "regio"])
    themes = [{"label": h.PWN_IMG, "keywords": h.PWN_SCRIPT, "size": 3, "quote_1": h.PWN_LINK}]
    page = write_report(tables, result, tmp_path / "hostile.html", quotes=20, themes=themes)
    dom = dump_dom(tmp_path, page)
    assert untouched(dom)
    assert "<script" not in dom and "<img" not in dom
    assert not re.search(r"<a\s[^>]*href=\"javascript", dom) and "&lt;a href=" in dom
    assert dom.count("&lt;script&gt;document.body.setAttribute") >= 2  # shown as text
    assert dom.count("<svg") == 2 + 4 and dom.count("<table") == 2
    shot = tmp_path / "hostile.png"
    chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=1280,2000")
    assert png_size(shot) == (1280, 2000) and shot.stat().st_size > 30_000


@pytest.mark.skipif(not DEMO.exists(), reason=f"demo corpus {DEMO.name} not generated")
def test_demo_report_screenshot(tmp_path):
    from qualkit.ingest import ReadOptions
    from qualkit.workflow import code_inputs

    result = code_inputs([DEMO], ROOT / "codebooks" / "werkdruk.yaml",
                         ReadOptions(id_column="respondent", questions=["Q23", "Q24"]))
    tables = build_tables(result, by=["admin_uren", "tijdsdruk"], inputs=[DEMO.name])
    page = write_report(tables, result, tmp_path / "demo.html", quotes=3, pseudonymise=True)
    dom = dump_dom(tmp_path, page)
    assert untouched(dom)
    for section in ("summary", "results", "breakdowns", "quotes", "methods"):
        assert f'id="{section}"' in dom
    assert dom.count("<svg") == 2 + 4 and dom.count("<table") == 2 and "<mark>" in dom
    assert "werkdruk-ocmw" in dom and "1.0.0" in dom
    shot = tmp_path / "demo.png"
    chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=1280,2000")
    assert png_size(shot) == (1280, 2000) and shot.stat().st_size > 30_000


INTERVIEWS = [ROOT / "corpora" / "interviews" / "interview-01.txt", ROOT / "corpora" / "interviews" / "interview-02.md"]


def test_demo_interviews_report_in_chromium(tmp_path):
    """The interview report (make demo-interviews): matrices, co-occurrence, speakers, quotes in context."""
    from qualkit.ingest.speakers import read_speakers
    from qualkit.workflow import code_inputs

    result = code_inputs(INTERVIEWS, ROOT / "codebooks" / "activering.yaml")
    tables = build_tables(result, by=["gemeente"], speakers=read_speakers(INTERVIEWS[0].with_name("sprekers.csv")))
    page = write_report(tables, result, tmp_path / "interviews.html", quotes=3)
    dom = dump_dom(tmp_path, page)
    assert untouched(dom)
    for section in ("summary", "results", "matrix", "cooccurrence", "speakers", "breakdowns", "quotes", "methods"):
        assert f'id="{section}"' in dom
    # bar chart, interview heat map, co-occurrence, breakdown by gemeente; codes and speakers tables
    assert dom.count("<svg") == 4 and dom.count("<table") == 2
    assert dom.count('<p class="before">') >= 10 and "beurt" in dom and "respondent" not in dom.lower()
    shot = tmp_path / "interviews.png"
    chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=1280,2000")
    assert png_size(shot) == (1280, 2000) and shot.stat().st_size > 30_000
