"""Generated inputs for the fuzz suite: well-formed files with odd contents.

Byte mutations mostly test the parsers; these reach the logic behind them: CSV
tables with odd headers, ids and quoting in four encodings; codebooks with a
hierarchy, negation and examples and an odd value in a random place; JSONL
interviews with odd ids, speakers and turns.
"""
from __future__ import annotations

import io

from hypothesis import strategies as st

from hardening_cases import HOSTILE_VALUES
from hardening_corpus import Seed
from hardening_fuzz import Case

HOSTILE_TEXT = [v.decode("utf-8") for v in HOSTILE_VALUES] + ["\ud800", "x\udfffy"]
"""The hand-made hostile values as text, and lone surrogates themselves."""
RAW_NUMBERS = [v for v in HOSTILE_VALUES if v.lstrip(b"-").isdigit() or v in (b"1e999",) or v.startswith(b"0x")]
"""Hostile values that are numbers (or look like one) in a JSON or YAML file, planted unquoted."""
HOSTILE = st.sampled_from(HOSTILE_TEXT)

CELL = st.one_of(st.text(max_size=30), HOSTILE,
                 st.sampled_from(["", " ", "NA", "id", "Q1", "Q1", "=1+1", '"', "a;b", "x\ny",
                                  "R1", "R1", "  R2 ", "\ufeffid", "{\"ImportId\":\"QID1\"}"]))


@st.composite
def generated_tables(draw):
    """(bytes, suffix, read_survey kwargs, description) of a CSV/TSV written by Python's csv module."""
    import csv as _csv

    width = draw(st.integers(2, 6))
    header = ["id"] + draw(st.lists(st.one_of(st.sampled_from(["Q1", "Q2", "leeftijd", "Respons ID", "regio"]), CELL),
                                    min_size=width - 1, max_size=width - 1))
    if draw(st.integers(0, 3)) == 0:
        header[0] = draw(CELL)
    ragged = draw(st.integers(0, 4)) == 0
    cell = st.one_of(st.text(min_size=1, max_size=30), CELL)
    rows = draw(st.lists(st.lists(cell, min_size=0 if ragged else width, max_size=width + (2 if ragged else 0)),
                         min_size=1, max_size=8))
    if draw(st.booleans()):
        rows = [[f"R{i}", *r[1:]] for i, r in enumerate(rows)]
    delim = draw(st.sampled_from([",", ";", "\t", "|"]))
    quoting = draw(st.sampled_from([_csv.QUOTE_MINIMAL, _csv.QUOTE_ALL, _csv.QUOTE_NONNUMERIC]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    buf = io.StringIO()
    _csv.writer(buf, delimiter=delim, quoting=quoting, lineterminator=newline).writerows([header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    data = buf.getvalue().encode(encoding, errors="surrogatepass" if encoding == "utf-8" else "replace")
    names = [h for h in header if h.strip()] + [None]
    kwargs = {"id_column": draw(st.sampled_from([header[0], *names])),
              "questions": [draw(st.sampled_from([h or "*" for h in header[1:]] + ["*", "Q*", "col2"]))],
              "delimiter": draw(st.sampled_from([None, delim]))}
    suffix = draw(st.sampled_from([".csv", ".tsv", ".txt"]))
    return Case(Seed("generated" + suffix, b""), data, kwargs,
                f"generated table {[header, *rows]!r}, {delim=}, {encoding=}, {kwargs}")


SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-3, 60), st.floats(allow_nan=True), st.text(max_size=20),
                   HOSTILE,
                   st.sampled_from(["personeel", "meer personeel", "rooster*", "(a+)+$", "[", "*", "#1f77b4", "nl",
                                    "sentence", "segment", "c1", "c2", "parent", "x y z", "\\b(mee?r)\\b"]))
KEYS = st.sampled_from(["name", "version", "language", "description", "unit", "negation", "codes", "id", "label",
                        "parent", "colour", "questions", "include", "exclude", "examples", "manual", "match",
                        "no_match", "lemma", "phrase", "glob", "regex", "compound", "window", "after", "cues",
                        "other"])
VALUE = st.recursive(SCALAR, lambda kids: st.one_of(st.lists(kids, max_size=4),
                                                    st.dictionaries(KEYS, kids, max_size=5)), max_leaves=25)


GOOD_RULE = st.one_of(
    st.builds(lambda k, p: {k: p}, st.just("lemma"), st.lists(st.sampled_from(["personeel", "collega", "werkdruk",
                                                                                 "stress", "dossier"]), min_size=1, max_size=3)),
    st.builds(lambda p, c: {"lemma": p, "compound": c}, st.sampled_from(["personeel", "vergadering"]), st.booleans()),
    st.builds(lambda p: {"phrase": p}, st.sampled_from(["meer personeel", "minder vergaderingen", "te veel"])),
    st.builds(lambda p: {"glob": p}, st.sampled_from(["rooster*", "vergader*", "pers?neel", "*druk"])),
    st.builds(lambda p, n: {"regex": p, "negation": n}, st.sampled_from([r"\b(mee?r|extra) (mensen|personeel)\b",
                                                                          r"dossier(last)?", "(a|aa)+$", "3x"]),
              st.booleans()))


@st.composite
def generated_codebooks(draw):
    """A well-formed codebook (hierarchy, negation, examples) with, one time in two, an odd value in a random place."""
    codes = []
    for i in range(draw(st.integers(1, 5))):
        code = {"id": f"c{i}", "label": draw(st.text(min_size=1, max_size=15)),
                "include": draw(st.lists(GOOD_RULE, min_size=1, max_size=3))}
        if i and draw(st.booleans()):
            code["parent"] = f"c{draw(st.integers(0, i - 1))}"
        if draw(st.booleans()):
            code["examples"] = {"match": draw(st.lists(st.text(max_size=30), max_size=2)),
                                "no_match": draw(st.lists(st.text(max_size=30), max_size=2))}
        if draw(st.booleans()):
            code["exclude"] = draw(st.lists(GOOD_RULE, max_size=2))
        codes.append(code)
    data = {"name": "t", "version": "1", "language": draw(st.sampled_from(["nl", "en"])),
            "unit": draw(st.sampled_from(["sentence", "segment"])), "codes": codes,
            "negation": {"window": draw(st.integers(0, 6)), "after": draw(st.integers(0, 3))}}
    if draw(st.booleans()):
        target = draw(st.sampled_from([data, data["negation"], *codes, *[r for c in codes for r in c["include"]]]))
        target[draw(KEYS)] = draw(VALUE)
    return data


JSON = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=15)),
                    lambda kids: st.one_of(st.lists(kids, max_size=3), st.dictionaries(st.text(max_size=8), kids, max_size=3)),
                    max_leaves=12)
GOOD_TURN = st.fixed_dictionaries({"speaker": st.one_of(st.text(max_size=12), st.none(), st.integers(), HOSTILE),
                                   "text": st.one_of(st.text(min_size=1, max_size=40), st.sampled_from(["", "  "]),
                                                     HOSTILE)},
                                  optional={"lang": st.sampled_from(["nl", "fr"])})
TURN = st.one_of(GOOD_TURN, st.dictionaries(st.sampled_from(["speaker", "text"]), JSON, max_size=2))
GOOD_RECORD = st.fixed_dictionaries(
    {"turns": st.lists(GOOD_TURN, min_size=1, max_size=4)},
    optional={"id": st.one_of(st.sampled_from(["1", "1", "a b", ""]), JSON, HOSTILE), "question_id": JSON,
              "meeting_id": st.sampled_from(["3", "3", "4"]), "doc_id": JSON, "topic_nl": st.text(max_size=10)})
RECORD = st.one_of(st.fixed_dictionaries({"turns": st.lists(TURN, max_size=4)}), JSON)


@st.composite
def generated_jsonl(draw):
    import json as _json

    records = draw(st.lists(GOOD_RECORD, min_size=1, max_size=5))
    if draw(st.booleans()):
        records[draw(st.integers(0, len(records) - 1))] = draw(RECORD)
    target = records[draw(st.integers(0, len(records) - 1))]
    if isinstance(target, dict) and draw(st.integers(0, 3)) == 0:  # a number JSON allows, Python cannot hold
        target[draw(st.sampled_from(["id", "n", "turns"]))] = "__RAW__"
    raw = draw(st.sampled_from(RAW_NUMBERS)).decode()
    lines = [_json.dumps(r, ensure_ascii=draw(st.booleans())).replace('"__RAW__"', raw) for r in records]
    data = "\n".join(lines + draw(st.sampled_from([[], [""], ["  "]]))).encode("utf-8", errors="surrogatepass")
    return Case(Seed("generated.jsonl", b""), data, {}, f"generated jsonl {data[:3000]!r}")
