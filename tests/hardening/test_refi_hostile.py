"""Hand-made hostile REFI-QDA files (#11 items 12 and 20): numbers and dates Python cannot
build inside ``[qualkit]`` blocks and positions, and many sources with one name. Each gives a
reported problem or a QK error, never a traceback, and imports in linear time."""
from __future__ import annotations

import zipfile

import pytest

from qualkit.errors import QualkitError
from qualkit.refi import import_qdpx, read_qdc

BIG = "9" * 5000  # over Python's 4,300-digit limit for int() on text
NS = 'xmlns="urn:QDA-XML:project:1.0"'


def _qdc(tmp_path, code_block: str, set_block: str = "name: x\nversion: '1'") -> object:
    path = tmp_path / "hostile.qdc"
    path.write_text(f"""<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="qualkit"><Codes>
<Code guid="6b1d6f9a-0d0e-4a43-9a6e-000000000001" name="A" isCodable="true">
<Description>[qualkit]
{code_block}</Description></Code></Codes>
<Sets><Set guid="6b1d6f9a-0d0e-4a43-9a6e-000000000002" name="x"><Description>[qualkit]
{set_block}</Description></Set></Sets></CodeBook>""", encoding="utf-8")
    return path


@pytest.mark.parametrize("code_block, set_block", [
    (f"id: {BIG}", "name: x\nversion: '1'"),
    ("id: a\ninclude: [{lemma: a}]\nnegation: " + BIG, "name: x\nversion: '1'"),
    ("id: a\ninclude: [{lemma: a}]", "name: x\nversion: 2024-02-30"),
    ("id: a\ninclude: [{lemma: a}]", f"name: x\nversion: '1'\nnegation: {{window: {BIG}}}"),
    ("id: 2024-13-45\ninclude: [{lemma: a}]", "name: x\nversion: '1'"),
], ids=["big-int-id", "big-int-value", "impossible-date", "big-int-setting", "impossible-date-id"])
def test_qdc_blocks_with_numbers_python_cannot_build(tmp_path, code_block, set_block):
    try:
        got = read_qdc(_qdc(tmp_path, code_block, set_block))
    except QualkitError as e:
        assert e.code // 100 == 5 and BIG not in str(e)
        return
    assert len(got.codebook.codes) == 1
    assert any("cannot read" in p or "not valid" in p for p in got.problems) or got.problems
    assert all(BIG not in p for p in got.problems)


def _qdpx(tmp_path, project: str, files: dict[str, str] | None = None, name: str = "hostile.qdpx"):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", project)
        for k, v in (files or {}).items():
            zf.writestr(k, v)
    return path


@pytest.mark.parametrize("where", ["project", "source", "selection", "position", "variable"])
def test_qdpx_numbers_and_dates_python_cannot_build(tmp_path, where):
    block = {"project": f"[qualkit]\nkind: survey\nquestions: [{BIG}]\nsources: [2024-02-30]",
             "source": "", "selection": ""}.get(where, "")
    src_block = f"[qualkit]\ndoc_id: d\nsegments: [[{BIG}, 0, 1, q, '', true]]" if where == "source" else ""
    sel_block = f"[qualkit]\nmethod: rule\nmatch_start: {BIG}\nconfidence: 2024-02-30" if where == "selection" else ""
    start = BIG if where == "position" else "0"
    value = f"<IntegerValue>{BIG}</IntegerValue>" if where == "variable" else "<IntegerValue>3</IntegerValue>"
    xml = f"""<Project {NS} name="p" origin="qualkit">
<CodeBook><Codes><Code guid="6b1d6f9a-0d0e-4a43-9a6e-000000000001" name="A" isCodable="true"/></Codes></CodeBook>
<Variables><Variable guid="6b1d6f9a-0d0e-4a43-9a6e-000000000005" name="n" typeOfVariable="Integer"/></Variables>
<Cases><Case guid="6b1d6f9a-0d0e-4a43-9a6e-000000000006" name="c">
<VariableValue><VariableRef targetGUID="6b1d6f9a-0d0e-4a43-9a6e-000000000005"/>{value}</VariableValue>
<SourceRef targetGUID="6b1d6f9a-0d0e-4a43-9a6e-000000000002"/></Case></Cases>
<Sources><TextSource guid="6b1d6f9a-0d0e-4a43-9a6e-000000000002" name="d"><Description>{src_block}</Description>
<PlainTextContent>Een tekst.</PlainTextContent>
<PlainTextSelection guid="6b1d6f9a-0d0e-4a43-9a6e-000000000003" startPosition="{start}" endPosition="3">
<Description>{sel_block}</Description>
<Coding guid="6b1d6f9a-0d0e-4a43-9a6e-000000000004"><CodeRef targetGUID="6b1d6f9a-0d0e-4a43-9a6e-000000000001"/></Coding>
</PlainTextSelection></TextSource></Sources><Description>{block}</Description></Project>"""
    p = import_qdpx(_qdpx(tmp_path, xml))
    assert p.corpus.documents == {"d": "Een tekst."}
    assert len(p.codings) == (0 if where == "position" else 1)
    assert all(BIG not in x for x in p.problems)


def _dup_project(tmp_path, n: int):
    src = "".join(f'<TextSource guid="00000000-0000-4000-8000-{i:012x}" name="antwoord" '
                  f'plainTextPath="internal://{i}.txt"/>' for i in range(n))
    return _qdpx(tmp_path, f'<Project {NS} name="dup"><Sources>{src}</Sources></Project>',
                 {f"Sources/{i}.txt": "x" for i in range(n)}, name=f"dup{n}.qdpx")


def test_many_sources_with_one_name_import_in_linear_time(tmp_path):
    """#11 item 20: 20k sources named alike took 28 s (every new name counted up from 2, and every
    'Sources/' member was looked up by scanning the archive). The time ratio of 4x the sources
    stays near 4 (it was about 16)."""
    from hardening_cases import best_cpu

    small, big = _dup_project(tmp_path, 1500), _dup_project(tmp_path, 6000)
    times = [best_cpu(lambda: import_qdpx(path)) for path in (small, big)]  # CPU, best of 3: load-proof
    assert list(import_qdpx(big).corpus.documents)[-1] == "antwoord #6000"
    print(f"6000 vs 1500 sources: {times[1] / times[0]:.1f}x the time")
    assert times[1] / times[0] < 9
