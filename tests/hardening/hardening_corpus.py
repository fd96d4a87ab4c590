"""Seed files for the fuzz suite: real files, trimmed, and zip formats built from them.

Text seeds come from ../shared/data (real exports nobody here wrote), corpora/,
codebooks/ and tests/data/. XLSX, DOCX, SAV, QDC and QDPX seeds are built from
those texts once per session, in memory. Seeds are cut to a few kilobytes (at a
line end) so that a case stays fast; the mutations make them long again.
"""
from __future__ import annotations

import functools
import io
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"
SHARED_REFI = ROOT.parent / "shared" / "refi"
FIXTURES = ROOT / "tests" / "data" / "ingest"
MAX_SEED = 12_000


@dataclass(frozen=True)
class Seed:
    name: str          # file name, suffix included: the readers choose by suffix
    data: bytes
    kwargs: tuple = field(default=((),))
    """Reader keyword sets (tuples of (key, value) pairs) that fit this seed."""


def _trim(data: bytes, limit: int = MAX_SEED) -> bytes:
    if len(data) <= limit:
        return data
    cut = data.rfind(b"\n", 0, limit)
    return data[:cut + 1] if cut > 0 else data[:limit]


def _files(*patterns: str, shared: bool = True) -> list[Path]:
    out: list[Path] = []
    for pattern in patterns:
        base, _, glob = pattern.partition(":")
        root = {"shared": SHARED, "repo": ROOT}[base]
        if root == SHARED and (not shared or not SHARED.exists()):
            continue
        out += sorted(root.glob(glob))
    return [p for p in out if p.is_file()]


def shared_available() -> bool:
    return SHARED.exists()


# -- text seeds -------------------------------------------------------------------------------

def _header(data: bytes, name: str) -> list[str]:
    from qualkit.ingest._tables import parse_csv
    from qualkit.ingest._text import decode

    try:
        return [str(h) for h in parse_csv(decode(data, name, None), name, None, Path(name).suffix).headers]
    except Exception:
        return []


def _survey_kwargs(data: bytes, name: str) -> tuple:
    heads = [h for h in _header(data, name) if h.strip() and len(h) <= 40 and "\n" not in h]
    sets = [(("id_column", None), ("questions", ("*",)))]
    if len(heads) >= 2:
        sets.append((("id_column", heads[0]), ("questions", (heads[-1], "Q*"))))
    return tuple(sets)


@functools.cache
def survey_seeds() -> tuple[Seed, ...]:
    paths = _files("repo:tests/data/ingest/survey_*", "repo:corpora/ocmw-werkdruk-202?.csv",
                   "shared:nl-partypanel-openanswers/pp1*_survey_*.csv",
                   "shared:en-rust-unsafe-interviews/community_survey/data.csv",
                   "shared:nl-ecosent/gold.csv")
    seeds = []
    for p in paths:
        data = _trim(p.read_bytes())
        seeds.append(Seed(p.name, data, _survey_kwargs(data, p.name)))
    return tuple(seeds)


@functools.cache
def human_seeds() -> tuple[Seed, ...]:
    paths = _files("repo:corpora/*groundtruth.csv", "repo:corpora/*studentcodering.csv",
                   "shared:en-rust-unsafe-interviews/interviews/coding/decisions.csv",
                   "shared:en-rust-unsafe-interviews/irr/1/data.csv",
                   "shared:nl-ecosent/crowdcodings.csv", "shared:nl-ecosent/manual_coding.csv",
                   "shared:nl-partypanel-openanswers/pp19.1_pre2_coded_mergedSourceDf.csv")
    return tuple(Seed(p.name, _trim(p.read_bytes())) for p in paths)


@functools.cache
def transcript_seeds(kind: str) -> tuple[Seed, ...]:
    """``kind``: ``text`` (.txt/.md), ``vtt`` or ``jsonl``."""
    pats = {
        "text": ["repo:tests/data/ingest/t_*.txt", "repo:tests/data/ingest/t_*.md", "repo:corpora/interviews/*",
                 "shared:en-rust-unsafe-interviews/interviews/transcripts/1.md",
                 "shared:en-rust-unsafe-interviews/irr/1/output.md",
                 "shared:nl-partypanel-openanswers/pp19.1_pre1_target_behavior_selection.txt"],
        "vtt": ["repo:tests/data/ingest/*.vtt"],
        "jsonl": ["repo:tests/data/ingest/*.jsonl", "shared:nl-be-kamer-plenary-qa/plenary_questions_dutch.jsonl"],
    }[kind]
    seeds = [Seed(p.name, _trim(p.read_bytes())) for p in _files(*pats)]
    if kind == "text":
        seeds = [Seed(s.name, s.data, ((), (("interviewer", ("Interviewer", "I")), ("code_interviewer", True)),
                                      (("speaker_pattern", r"(?P<speaker>[A-Z]\w{0,20}):\s*"),)))
                 for s in seeds if s.name.endswith((".txt", ".md"))]
    return tuple(seeds)


@functools.cache
def yaml_seeds() -> tuple[Seed, ...]:
    paths = _files("repo:codebooks/*.yaml", "shared:nl-ecosent/db_nl.yml")
    return tuple(Seed(p.name, p.read_bytes()) for p in paths)


# -- built seeds (zip formats and .sav) ----------------------------------------------------------

def _table(seed: Seed, rows: int = 25) -> list[list[str]]:
    from qualkit.ingest._tables import parse_csv
    from qualkit.ingest._text import decode

    t = parse_csv(decode(seed.data, seed.name, None), seed.name, None, Path(seed.name).suffix)
    return [list(t.headers)] + [list(r) for r in t.rows[:rows]]


def _xlsx(tables: list[tuple[str, list[list]]]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in tables:
        ws = wb.create_sheet(title[:31])
        for r in rows:
            ws.append([("'" + v if isinstance(v, str) and v.startswith("=") else v) for v in r])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@functools.cache
def xlsx_seeds() -> tuple[Seed, ...]:
    import datetime as dt

    out = []
    for s in survey_seeds()[:6] + survey_seeds()[-3:]:
        out.append(Seed(Path(s.name).stem + ".xlsx", _xlsx([("Data", _table(s))]), s.kwargs))
    mixed = [["id", "Q1", "leeftijd", "datum", "ok"], [1, "Meer personeel.", 34, dt.date(2026, 3, 1), True],
             [2, None, 51.5, dt.datetime(2026, 3, 2, 10, 30), False], [3, "=1+1", None, None, None]]
    out.append(Seed("mixed.xlsx", _xlsx([("Leeg", []), ("Antwoorden", mixed)]),
                    ((("id_column", "id"), ("questions", ("Q1",)), ("sheet", "Antwoorden")),
                     (("id_column", None), ("questions", ("*",)), ("sheet", 1)))))
    return tuple(out)


@functools.cache
def human_xlsx_seeds() -> tuple[Seed, ...]:
    return tuple(Seed(Path(s.name).stem + ".xlsx", _xlsx([("codes", _table(s, 40))])) for s in human_seeds()[:4])


@functools.cache
def docx_seeds() -> tuple[Seed, ...]:
    import docx

    out = []
    for s in transcript_seeds("text")[:8]:
        d = docx.Document()
        for line in s.data.decode("utf-8", "replace").splitlines()[:60]:
            d.add_paragraph("".join(ch for ch in line if ch >= " " or ch == "\t"))
        buf = io.BytesIO()
        d.save(buf)
        out.append(Seed(Path(s.name).stem + ".docx", buf.getvalue(), s.kwargs))
    return tuple(out)


@functools.cache
def sav_seeds() -> tuple[Seed, ...]:
    import pandas as pd
    import pyreadstat

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for s in [x for x in survey_seeds() if x.name.startswith("ocmw")][:1] + list(survey_seeds()[:2]):
            rows = _table(s, 20)
            heads = [f"v{i}" for i in range(len(rows[0]))]
            df = pd.DataFrame(rows[1:], columns=heads)
            if len(heads) > 2:
                df[heads[1]] = pd.to_numeric(df[heads[1]].str.len(), errors="coerce").astype(float)
            path = Path(tmp) / "s.sav"
            pyreadstat.write_sav(df, str(path), column_labels=[h[:200] for h in rows[0]],
                                 variable_value_labels={heads[1]: {1.0: "een", 2.0: "twee"}} if len(heads) > 2 else None)
            out.append(Seed(Path(s.name).stem + ".sav", path.read_bytes(),
                            ((("id_column", "v0"), ("questions", ("v*",))), (("id_column", None), ("questions", ("*",))))))
    return tuple(out)


@functools.cache
def _coded(kind: str):
    from qualkit.codebook.io import load
    from qualkit import code_corpus
    from qualkit.ingest import read_survey, read_transcripts
    from qualkit.nlp import load_pipeline

    cb = load(ROOT / "codebooks" / "werkdruk.yaml")
    if kind == "survey":
        with tempfile.TemporaryDirectory() as tmp:
            p = Path(tmp) / "ocmw.csv"
            p.write_bytes(_trim((ROOT / "corpora" / "ocmw-werkdruk-2026.csv").read_bytes(), 4000))
            corpus = read_survey(p, "respondent", ["Q23", "Q24"])
    else:
        corpus = read_transcripts(ROOT / "corpora" / "interviews" / "interview-01.txt")
    return code_corpus(corpus, cb, load_pipeline("nl"))


@functools.cache
def qdc_seeds() -> tuple[Seed, ...]:
    from qualkit.codebook.io import load
    from qualkit.refi import qdc_bytes

    out = [Seed(p.stem + ".qdc", qdc_bytes(load(p))) for p in sorted((ROOT / "codebooks").glob("*.yaml"))]
    for q in qdpx_seeds():
        with zipfile.ZipFile(io.BytesIO(q.data)) as z:
            qde = z.read("project.qde")
        start, end = qde.find(b"<CodeBook"), qde.find(b"</CodeBook>")
        if start >= 0 and end > start:
            body = qde[start:end + len(b"</CodeBook>")].replace(b"<CodeBook", b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"', 1)
            out.append(Seed(Path(q.name).stem + "-book.qdc", b'<?xml version="1.0" encoding="utf-8"?>\n' + body))
    return tuple(out)


@functools.cache
def qdpx_seeds() -> tuple[Seed, ...]:
    from qualkit.refi import qdpx_bytes

    out = [Seed(p.name, p.read_bytes()) for p in sorted(SHARED_REFI.glob("*.qdpx"))] if SHARED_REFI.exists() else []
    for kind in ("survey", "transcript"):
        r = _coded(kind)
        out.append(Seed(f"qualkit-{kind}.qdpx", qdpx_bytes(r.corpus, r.codings, r.codebook)))
    return tuple(out)


@functools.cache
def model_files() -> dict[str, bytes]:
    """The files of a small learned-coder model folder."""
    import pandas as pd

    from qualkit.coding.learned import CodingModel, LearnedCoder
    from qualkit.coding.learned_store import save_model

    X = pd.DataFrame({"text": ["meer personeel nodig", "veel administratie", "te veel vergaderingen",
                               "collega's zijn ziek"] * 5})
    Y = pd.DataFrame({"personeel": [1, 0, 0, 1] * 5, "admin": [0, 1, 1, 0] * 5})
    model = CodingModel(LearnedCoder(min_positives=2).fit(X, Y))
    with tempfile.TemporaryDirectory() as tmp:
        save_model(model, Path(tmp) / "m")
        return {p.name: p.read_bytes() for p in sorted((Path(tmp) / "m").iterdir())}
