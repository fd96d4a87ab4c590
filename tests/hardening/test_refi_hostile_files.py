"""Hand-made hostile REFI-QDA projects (the second round, #15): GUIDs given twice or not GUIDs
at all, coders nobody listed, two variables of one name, memos that quote a ``[qualkit]`` line,
special files and the wrong kind of file as input, and a batch of broken projects through
``qualkit import``. Each gives a clear [QKnnn] error or an import that reports what it skipped;
an export of what was imported always validates, with every GUID once and every reference
resolving; no respondent text reaches a message; nothing hangs.
"""
from __future__ import annotations

import os
import threading
import zipfile
from collections import Counter

import pytest
from lxml import etree
from typer.testing import CliRunner

from qualkit.cli import app
from qualkit.codebook import dumps, loads
from qualkit.errors import QualkitError, RefiError
from qualkit.refi import export_qdpx, import_qdpx, read_qdc

SECRET = "Vermeulen-0470123456"  # respondent text: may be in outputs, never in a message
NS = 'xmlns="urn:QDA-XML:project:1.0"'
P = "{urn:QDA-XML:project:1.0}"
TEXT = f"Hallo {SECRET}, dit is tekst 😀 met meer personeel.\r\nTweede regel."
CODES = ('<CodeBook><Codes><Code guid="00000000-0000-4000-8000-000000000001" name="A" isCodable="true"/>'
         '<Code guid="00000000-0000-4000-8000-000000000002" name="B" isCodable="true"/></Codes></CodeBook>')


def g(i: int) -> str:
    return f"00000000-0000-4000-8000-{i:012d}"


def src(sels: str = "", guid: str = g(100), name: str = "s1", extra: str = "") -> str:
    return f'<TextSource guid="{guid}" name="{name}" plainTextPath="internal://{g(100)}.txt">{sels}{extra}</TextSource>'


def sel(s, e, code: int = 1, guid: str | None = None, user: str | None = None) -> str:
    u = f' creatingUser="{user}"' if user else ""
    return (f'<PlainTextSelection guid="{guid or g(1000 + 100 * code + s)}" startPosition="{s}" endPosition="{e}"{u}>'
            f'<Coding guid="{g(5000 + 100 * code + s)}"{u}><CodeRef targetGUID="{g(code)}"/></Coding>'
            f'</PlainTextSelection>')


def qdpx(path, body: str, files: dict | None = None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", f'<?xml version="1.0" encoding="utf-8"?><Project {NS} name="p" '
                                   f'origin="Hostile 1.0">{body}</Project>')
        for k, v in ({f"sources/{g(100)}.txt": TEXT.encode()} if files is None else files).items():
            zf.writestr(k, v)
    return path


IDENTITIES = {  # projects whose GUIDs an export must not copy as they are
    "source-twice": CODES + f"<Sources>{src(sel(6, 16), name='a')}{src(sel(0, 5), name='b')}</Sources>",
    "source-twice-other-case": CODES + f"<Sources>{src(sel(6, 16), name='a')}"
                                       f"{src(sel(0, 5), name='b', guid=g(100).upper())}</Sources>",
    "selection-twice": CODES + f"<Sources>{src(sel(6, 16, guid=g(7)) + sel(0, 5, guid=g(7)))}</Sources>",
    "case-twice": CODES + f'<Cases><Case guid="{g(50)}" name="c1"><SourceRef targetGUID="{g(100)}"/></Case>'
                          f'<Case guid="{g(50)}" name="c2"/></Cases><Sources>{src(sel(6, 16))}</Sources>',
    "user-twice": f'<Users><User guid="{g(60)}" name="x"/><User guid="{g(60)}" name="y"/></Users>' + CODES
                  + f"<Sources>{src(sel(6, 16, user=g(60)))}</Sources>",
    "variable-twice": CODES + f'<Variables><Variable guid="{g(70)}" name="v1" typeOfVariable="Text"/><Variable '
                              f'guid="{g(70)}" name="v2" typeOfVariable="Text"/></Variables><Cases><Case guid="{g(50)}" '
                              f'name="c1"><VariableValue><VariableRef targetGUID="{g(70)}"/><TextValue>x</TextValue>'
                              f'</VariableValue><SourceRef targetGUID="{g(100)}"/></Case></Cases>'
                              f"<Sources>{src(sel(6, 16))}</Sources>",
    "one-guid-for-every-kind": f'<Users><User guid="{g(1)}" name="u"/></Users>' + CODES
                               + f'<Cases><Case guid="{g(1)}" name="c1"><SourceRef targetGUID="{g(1)}"/></Case></Cases>'
                               f"<Sources>{src(sel(6, 16, guid=g(1)), guid=g(1))}</Sources>",
    "set-twice": CODES + f"<Sources>{src(sel(6, 16))}</Sources><Sets><Set guid=\"{g(80)}\" name=\"s\">"
                         f'<MemberSource targetGUID="{g(100)}"/></Set><Set guid="{g(80)}" name="t">'
                         f'<MemberSource targetGUID="{g(100)}"/></Set></Sets>',
    "not-guids": '<Users><User guid="zzz" name="z"/></Users><CodeBook><Codes><Code guid="not-a-guid" name="A" '
                 'isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="also-not" name="s" '
                 f'plainTextPath="internal://{g(100)}.txt"><PlainTextSelection guid="nope" startPosition="6" '
                 'endPosition="16" creatingUser="zzz"><Coding guid="no"><CodeRef targetGUID="not-a-guid"/></Coding>'
                 '</PlainTextSelection></TextSource></Sources>',
    "coder-not-listed": f'<Users><User guid="{g(61)}" name="known"/></Users>' + CODES
                        + f"<Sources>{src(sel(6, 16, user=g(60)) + sel(0, 5, user=g(61)))}</Sources>",
}


@pytest.mark.parametrize("case", sorted(IDENTITIES))
def test_an_export_gives_every_element_its_own_valid_guid(tmp_path, case, project_schema):
    p = import_qdpx(qdpx(tmp_path / "in.qdpx", IDENTITIES[case]))
    assert all(SECRET not in x for x in p.problems)
    p.export(tmp_path / "out.qdpx")
    with zipfile.ZipFile(tmp_path / "out.qdpx") as zf:
        assert max(Counter(zf.namelist()).values()) == 1
        root = etree.fromstring(zf.read("project.qde"))
    assert project_schema.validate(root), project_schema.error_log
    guids = Counter(el.get("guid") for el in root.iter() if el.get("guid"))
    assert max(guids.values()) == 1
    assert {el.get("targetGUID") for el in root.iter() if el.get("targetGUID")} <= set(guids)
    again = import_qdpx(tmp_path / "out.qdpx")
    docs, docs2 = p.corpus.documents, again.corpus.documents
    assert sorted((r.coder, r.code, docs[r.doc_id][r.unit_start:r.unit_end]) for r in p.codings.itertuples()) == \
        sorted((r.coder, r.code, docs2[r.doc_id][r.unit_start:r.unit_end]) for r in again.codings.itertuples())
    if case in ("source-twice", "selection-twice", "case-twice", "one-guid-for-every-kind"):
        assert any("given to more than one element" in x for x in p.problems)


def test_a_coder_nobody_listed_keeps_the_guid(tmp_path):
    p = import_qdpx(qdpx(tmp_path / "in.qdpx", IDENTITIES["coder-not-listed"]))
    assert sorted(p.codings.coder) == [g(60), "known"] and p.meta.users[g(60)] == g(60)
    assert any("not listed in <Users>" in x for x in p.problems)


def test_two_variables_of_one_name_both_come_in(tmp_path):
    body = (CODES + f'<Variables><Variable guid="{g(70)}" name="v" typeOfVariable="Integer"/><Variable guid="{g(71)}" '
            f'name="v" typeOfVariable="Text"/></Variables><Cases><Case guid="{g(50)}" name="c1"><VariableValue>'
            f'<VariableRef targetGUID="{g(70)}"/><IntegerValue>3</IntegerValue></VariableValue><VariableValue>'
            f'<VariableRef targetGUID="{g(71)}"/><TextValue>drie</TextValue></VariableValue><SourceRef '
            f'targetGUID="{g(100)}"/></Case></Cases><Sources>{src(sel(6, 16))}</Sources>')
    p = import_qdpx(qdpx(tmp_path / "in.qdpx", body))
    assert p.corpus.respondents.loc["c1"].tolist() == [3, "drie"]
    assert list(p.corpus.respondents.columns) == ["v", "v #2"]
    assert any("'v' is used twice" in x for x in p.problems)


def test_memos_that_quote_a_qualkit_line_come_back_whole(tmp_path):
    """A code description or case memo that itself holds a '[qualkit]' line (a memo about qualkit,
    a pasted block) is text, not qualkit's data: it must not turn into code ids or rules."""
    from qualkit.refi.meta import RefiMeta
    from qualkit.types import Corpus, Segment
    import pandas as pd

    quote = "Zie ook:\n\n[qualkit]\nid: nep\ninclude: [{lemma: x}]"
    cb = loads(f"name: t\nversion: '1'\ncodes:\n  - id: echt\n    label: Echt\n    description: {quote!r}\n"
               "    include: [{lemma: personeel}]\n")
    t = "meer personeel"
    corpus = Corpus([Segment(t, "R1/Q1", 0, len(t), "R1", "Q1", "s.csv")], {"R1/Q1": t},
                    pd.DataFrame(index=pd.Index(["R1"], name="unit_id")), ["Q1"], "survey")
    rows = pd.DataFrame([{"doc_id": "R1/Q1", "unit_start": 5, "unit_end": 14, "code": "echt", "note": quote}])
    export_qdpx(corpus, rows, cb, tmp_path / "q.qdpx", meta=RefiMeta(case_notes={"R1": quote}))
    p = import_qdpx(tmp_path / "q.qdpx")
    assert dumps(p.codebook) == dumps(cb)
    assert p.meta.case_notes == {"R1": quote} and p.codings.note.tolist() == [quote]


def _finishes(fn, seconds: float = 60):
    """Run ``fn`` in a daemon thread: return its exception (None if it returned), fail if it hangs."""
    out: list = []

    def run():
        try:
            fn()
            out.append(None)
        except BaseException as e:  # noqa: BLE001 - handed back to the test
            out.append(e)
    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    assert out, f"still running after {seconds} s (a read that blocks)"
    return out[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
@pytest.mark.parametrize("reader", [import_qdpx, read_qdc])
def test_a_named_pipe_is_refused_not_waited_on(tmp_path, reader):
    fifo = tmp_path / "project.qdpx"
    os.mkfifo(fifo)
    err = _finishes(lambda: reader(fifo))
    assert isinstance(err, RefiError) and err.code == 523 and "named pipe" in str(err)


def test_a_project_given_as_codebook_says_so(tmp_path):
    path = qdpx(tmp_path / "p.qdpx", CODES)
    with pytest.raises(RefiError) as e:
        read_qdc(path)
    assert e.value.code == 524 and "qualkit import" in str(e.value)


BROKEN = {  # through `qualkit import`: a report of what was skipped, or a QK error; never a traceback
    "text-not-utf8": (CODES + f"<Sources>{src(sel(0, 4))}</Sources>",
                      {f"sources/{g(100)}.txt": f"Café {SECRET}".encode("cp1252")}),
    "binary-text": (CODES + f"<Sources>{src(sel(0, 4))}</Sources>",
                    {f"sources/{g(100)}.txt": b"%PDF-1.4\n\x00\x01\xff\xfe" + SECRET.encode()}),
    "positions-hostile": (CODES + "<Sources>" + src(sel(16, 6) + sel(5, 99999) + sel(-3, 2, 2) + sel(6, 6)
                          + sel(6, 16).replace('endPosition="16"', 'endPosition="' + "9" * 5000 + '"')
                          .replace(g(1106), g(1107)) + sel(6, 16).replace('"16"', '"16.0"').replace(g(1106), g(1108)))
                          + "</Sources>", None),
    "code-missing": (CODES + f"<Sources>{src(sel(6, 16, code=77))}</Sources>", None),
    "variable-values": (CODES + f'<Variables><Variable guid="{g(70)}" name="n" typeOfVariable="Integer"/>'
                        f'<Variable guid="{g(71)}" name="d" typeOfVariable="Date"/></Variables><Cases><Case '
                        f'guid="{g(50)}" name="c1"><VariableValue><VariableRef targetGUID="{g(70)}"/><IntegerValue>'
                        f'{SECRET}</IntegerValue></VariableValue><VariableValue><VariableRef targetGUID="{g(71)}"/>'
                        f'<DateValue>2024-02-30</DateValue></VariableValue><VariableValue><VariableRef '
                        f'targetGUID="{g(70)}"/><IntegerValue>{"9" * 5000}</IntegerValue></VariableValue><SourceRef '
                        f'targetGUID="{g(100)}"/></Case></Cases><Sources>{src(sel(6, 16))}</Sources>', None),
    "notes-dangling": (CODES + "<Sources>" + src(sel(6, 16), extra=f'<NoteRef targetGUID="{g(91)}"/>') + "</Sources>"
                       f'<Notes><Note guid="{g(90)}" name="n" plainTextPath="internal://../x.txt"/></Notes>', None),
    "no-text-file": (CODES + f"<Sources>{src(sel(6, 16))}</Sources>", {}),
    "empty-text": (CODES + f"<Sources>{src(sel(0, 0))}</Sources>", {f"sources/{g(100)}.txt": b""}),
    "not-xml": (f"{SECRET} <<<", None),
    **{k: (v, None) for k, v in IDENTITIES.items()},
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_projects_through_the_command(tmp_path, case):
    body, files = BROKEN[case]
    path = qdpx(tmp_path / "in.qdpx", body, files)
    res = CliRunner().invoke(app, ["import", str(path), "-o", str(tmp_path / "out")])
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    assert SECRET not in res.output and "Traceback" not in res.output
    if res.exit_code:
        assert res.output.startswith("Error: [QK") and not (tmp_path / "out").exists()
    else:
        assert (tmp_path / "out" / "codings.csv").exists()


@pytest.fixture(scope="module")
def project_schema():
    from pathlib import Path
    xsd = Path(__file__).resolve().parents[2].parent / "shared" / "refi" / "Project.xsd"
    if not xsd.exists():
        pytest.skip("../shared/refi/Project.xsd not available")
    return etree.XMLSchema(etree.parse(str(xsd)))


def test_hostile_files_never_raise_anything_but_qualkit_errors(tmp_path):
    """Every hand-made project above straight through the library: a QualkitError or a result."""
    for name, (body, files) in BROKEN.items():
        try:
            import_qdpx(qdpx(tmp_path / f"{name}.qdpx", body, files))
        except QualkitError as e:
            assert SECRET not in str(e)
