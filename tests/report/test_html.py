"""The HTML report: structure, escaping, language, quotes, themes, agreement, methods."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd
import pytest

import report_helpers as h
from qualkit.errors import AnalysisError
from qualkit.report import build_tables, render_html, write_report
from qualkit.report.html import CSP
from qualkit.report.quotes import theme_rows
from qualkit.stats import agreement as compute_agreement
from qualkit.topics.records import Quote as ThemeQuote
from qualkit.topics.records import Theme

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "footer", "nav", "section", "div", "span",
    "h1", "h2", "h3", "h4", "p", "b", "ol", "ul", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
    "figure", "figcaption", "blockquote", "mark", "dl", "dt", "dd",
    "svg", "g", "text", "rect", "line", "path",
}
STYLE_ATTR = re.compile(r"(background|border-left-color):#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?")


class Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> Tags:
    p = Tags()
    p.feed(page)
    return p


@pytest.fixture(scope="module")
def run():
    result = h.result()
    return result, build_tables(result, by=["admin_uren", "regio"])


THEMES = [{"label": "wachttijd <b>zorg</b>", "keywords": "wachttijd (0.41); zorg (0.2); <script>", "size": 7,
           "new": True, "quote_1": "Lange wachttijd, vraag het mevrouw Peeters.", "quote_2": h.PWN_IMG}]


def agreement_result():
    long = pd.DataFrame({"unit": ["a", "a", "b", "b", "c", "c", "d", "d"], "code": ["admin"] * 8,
                         "coder": ["an", "<script>x</script>"] * 4, "value": [1, 1, 0, 0, 1, 0, 1, 1]})
    return compute_agreement(long, n_boot=50)


def test_hostile_text_is_never_markup(run):
    result, tables = run
    page = render_html(tables, result, themes=THEMES, agreement=agreement_result(), quotes=10)
    parsed = parse(page)
    assert {t for t, _ in parsed.tags} <= ALLOWED_TAGS
    for tag, attrs in parsed.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        if tag == "a":
            assert attrs["href"].startswith("#")
        if "style" in attrs:
            assert STYLE_ATTR.fullmatch(attrs["style"]), attrs["style"]
        if "fill" in attrs:
            assert re.fullmatch(r"#[0-9a-fA-F]{3,6}", attrs["fill"]), attrs
    text = "".join(parsed.text)
    for hostile in (h.PWN_IMG, h.PWN_SCRIPT, h.PWN_LINK, "<script>alert(1)</script>", 'Minder <b>administratie</b>'):
        assert hostile in text  # shown as text ...
        assert hostile not in page  # ... because it was escaped
    assert "red;}</style>" not in page


def test_csp_and_self_contained():
    result = h.result(hostile=False)
    page = render_html(build_tables(result, by=["regio"]), result)
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP.replace(chr(39), "&#39;")}">' in page
    assert "default-src 'none'" in CSP and "style-src 'unsafe-inline'" in CSP and "img-src data:" in CSP
    assert "<script" not in page and "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page


def test_tables_charts_and_sections(run):
    result, tables = run
    page = render_html(tables, result, quotes=2)
    parsed = parse(page)
    ids = {a.get("id") for _, a in parsed.tags}
    assert {"summary", "results", "breakdowns", "quotes", "methods"} <= ids
    assert "themes" not in ids and "agreement" not in ids
    assert sum(t == "svg" for t, _ in parsed.tags) == 2 + 4  # a bar chart per question, a heat map per breakdown
    assert sum(t == "table" for t, _ in parsed.tags) == 2
    text = "".join(parsed.text)
    assert "43,8" in text and "23,1–66,8" in text  # Dutch decimals; admin in Q23: 7 of 16
    assert "Capaciteit" in text and "geen code" in text
    assert re.search(r"Q23 naar admin_uren", text)


def test_quotes_are_capped_marked_and_pseudonymised(run):
    result, tables = run
    page = render_html(tables, result, quotes=2, pseudonymise=True)
    section = page[page.index('id="quotes"'):page.index('id="methods"')]
    assert section.count("<blockquote") <= 2 * 5
    assert "<mark>personeel</mark>" in section or "<mark>Personeel</mark>" in section
    plain = render_html(tables, result, quotes=20)
    assert "0470 12 34 56" in plain  # without the option, quotes are verbatim
    for secret in ("0470 12 34 56", "an.peeters@ocmw.be", "Van den Bossche", "Kerkstraat 12", "BE68 5390"):
        assert secret not in render_html(tables, result, quotes=20, pseudonymise=True)
    full = render_html(tables, result, quotes=20, pseudonymise=True)
    assert "[TELEFOON]" in full and "[E-MAIL]" in full and "mevrouw [NAAM]" in full
    assert "[ADRES]" in full and "[IBAN]" in full
    none = render_html(tables, result, quotes=0)
    assert "<blockquote" not in none


def test_names_imply_pseudonymising(run):
    result, tables = run
    page = render_html(tables, result, quotes=20, names=["leidinggevende"])
    assert "leidinggevende" not in page.split('id="quotes"')[1].split('id="methods"')[0]


def test_language_follows_codebook_and_can_be_overridden(run):
    result, tables = run
    nl = render_html(tables, result)
    en = render_html(tables, result, lang="en")
    assert '<html lang="nl">' in nl and "Samenvatting" in nl and "Methode" in nl
    assert '<html lang="en">' in en and "Summary" in en and "Methods" in en and "uncoded" in en
    assert "43.8" in en
    with pytest.raises(AnalysisError, match=r"\[QK603\] unknown report language 'fr'"):
        render_html(tables, result, lang="fr")


def test_themes_from_records_frames_and_dicts(run):
    result, tables = run
    theme = Theme(id=0, slug="wachttijd", label="wachttijd, zorg", keywords=[("wachttijd", 0.4), ("zorg", 0.2)],
                  size=12, quotes=[ThemeQuote(3, "R003", "R003/Q23", "Q23", "Lange wachttijd bij dhr. Peeters.")],
                  codes={"admin": 0.25}, uncoded_share=0.75)
    rows = theme_rows([theme])
    assert rows[0].keywords == ["wachttijd", "zorg"] and rows[0].new and rows[0].quotes
    frame = pd.DataFrame([{"theme": 0, "label": "werkdruk", "size": 5, "new": False,
                           "keywords": "werkdruk (0.300); stress (0.100)", "quote_1": "Te veel stress.", "quote_2": None}])
    assert theme_rows(frame)[0].quotes == ["Te veel stress."]
    page = render_html(tables, result, themes=[theme], pseudonymise=True)
    assert 'id="themes"' in page and "dhr. [NAAM]" in page and "Peeters" not in page
    assert "BERTopic" in page.split('id="methods"')[1]
    with pytest.raises(AnalysisError, match=r"\[QK609\]"):
        render_html(tables, result, themes=[{"size": 3}])
    with pytest.raises(AnalysisError, match=r"\[QK604\]"):
        render_html(tables, result, themes=pd.DataFrame({"x": [1]}))


def test_agreement_section(run):
    result, tables = run
    res = agreement_result()
    page = render_html(tables, result, agreement=res, lang="en")
    section = page[page.index('id="agreement"'):page.index('id="methods"')]
    assert "Krippendorff" in section and "(all codes)" in section
    assert "Minder &lt;b&gt;administratie&lt;/b&gt;" in section  # the code's label, escaped
    assert "bootstrap 95% interval from 50 resamples" in section


def test_methods_text_from_the_run(run):
    result, tables = run
    page = render_html(tables, result, lang="en", pseudonymise=True)
    methods = page[page.index('id="methods"'):]
    run_info = tables.run
    for needle in ("werkdruk-test", "version 1.2", run_info["date"][:10], "test pipeline 1.0",
                   f"qualkit {run_info['qualkit']}", "Wilson", "Holm", "admin_uren and regio",
                   "Q23: n = 16", "pseudonymised", run_info["codebook"]["sha256"]):
        assert needle in methods, needle


def test_empty_codings(run):
    result = h.result(hostile=False)
    result.codings = result.codings.iloc[0:0]
    tables = build_tables(result)
    page = render_html(tables, result)
    assert "geen enkel antwoord kreeg een code" in page and "Geen gecodeerde antwoorden." in page


def test_write_report(tmp_path, run):
    result, tables = run
    out = write_report(tables, result, tmp_path / "sub" / "rapport.html", lang="en")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in out.parent.iterdir()] == ["rapport.html"]  # no temporary files left
