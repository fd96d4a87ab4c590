"""What a notebook user sees: dir(qualkit), every name importable, short reprs."""
from __future__ import annotations

import pandas as pd

import qualkit
from qualkit.types import Corpus, Segment


def test_dir_lists_the_public_api_and_every_name_resolves():
    names = dir(qualkit)
    assert names == sorted(qualkit.__all__)
    for must in ("read_inputs", "read_chunks", "ReadOptions", "code_corpus", "code_chunks", "code_files", "Counts",
                 "CodingResult", "Corpus", "write_report", "export_qdpx", "write_outputs", "run_project"):
        assert must in names
    for name in names:
        assert getattr(qualkit, name) is not None, name


def test_corpus_repr_is_short_and_holds_no_text():
    segs = [Segment(f"Antwoord nummer {i} met persoonlijke tekst.", f"R{i}/Q{i % 9}", 0, 40, f"R{i}",
                    f"Q{i % 9}", "s.csv") for i in range(300)]
    corpus = Corpus(segs, {}, pd.DataFrame(index=[f"R{i}" for i in range(300)]), [f"Q{i}" for i in range(9)],
                    "survey", sources=["s.csv"])
    r = repr(corpus)
    assert r == ("Corpus(survey: 300 respondents, 300 segments, questions=['Q0', 'Q1', 'Q2', 'Q3', 'Q4', "
                 "... 9 in all], sources=['s.csv'])")
    assert "Antwoord" not in r


def test_coding_result_repr_is_short_and_holds_no_text():
    from pathlib import Path

    from qualkit.codebook import load_codebook
    from qualkit.coding.engine import CodingResult
    from qualkit.types import empty_codings

    segs = [Segment(f"Antwoord {i} met persoonlijke tekst.", f"R{i}/Q{i % 7}", 0, 30, f"R{i}", f"Q{i % 7}", "s.csv")
            for i in range(40)]
    corpus = Corpus(segs, {}, pd.DataFrame(index=[f"R{i}" for i in range(40)]), [f"Q{i}" for i in range(7)],
                    "survey", sources=["s.csv"])
    cb = load_codebook(Path(__file__).resolve().parents[1] / "codebooks" / "werkdruk.yaml")
    codings = empty_codings()
    r = repr(CodingResult(corpus, cb, codings, "nl (blank, rules only)"))
    assert r == (f"CodingResult(codebook {cb.name!r} {cb.version}: 0 codings on 40 segments of 40 respondents, "
                 "questions=['Q0', 'Q1', 'Q2', 'Q3', 'Q4', ... 7 in all], pipeline 'nl')")
    assert "Antwoord" not in r and len(r) < 200


def test_write_functions_take_what_then_where():
    """write_outputs, write_report and export_qdpx: what to write first, the destination last."""
    import inspect

    for fn, first, dest in ((qualkit.write_outputs, "tables", "out_dir"), (qualkit.write_report, "tables", "path"),
                            (qualkit.export_qdpx, "corpus", "path")):
        params = [p for p, v in inspect.signature(fn).parameters.items()
                  if v.kind == v.POSITIONAL_OR_KEYWORD and v.default is v.empty]
        assert params[0] == first and params[-1] == dest, (fn.__name__, params)
