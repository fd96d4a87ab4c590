"""Streaming and Dask engines give exactly what the in-memory path gives."""
from __future__ import annotations

import random

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from qualkit.codebook import dumps, loads
from qualkit.coding import code_corpus
from qualkit.errors import InputError, ProjectError
from qualkit.ingest import read_survey
from qualkit.project import CodingCache
from qualkit.scale import (StreamSpec, code_frame, code_parquet, code_stream, iter_segments,
                           matcher_for, read_codings)
from qualkit.stats import crosstab, frequency_table

CODEBOOK = loads("""
name: s
version: "1"
codes:
  - {id: capaciteit, label: Capaciteit}
  - {id: personeel, label: Personeel, parent: capaciteit, include: [{lemma: personeel, compound: true}, {lemma: collega}]}
  - {id: admin, label: Administratie, questions: [Q1], include: [{lemma: administratie, compound: true}]}
  - {id: steun, label: Steun, include: [{phrase: meer steun}], exclude: [{lemma: geld}]}
""")
SENTENCES = ["Meer personeel.", "Minder administratielast!", "Geen extra personeel nodig.", "Meer steun van de baas.",
             "Meer steun en geld.", "Ik weet het niet.", "Collega's vervangen bij ziekte.", "Nieuwe software.",
             "Het personeelstekort is groot. De administratie ook."]


def write_survey(path, n=240, seed=7, sep=";", encoding="utf-8-sig"):
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        q = [" ".join(rng.sample(SENTENCES, rng.randint(1, 3))) + (f" ({i})" if i % 5 == 0 else "")
             for _ in range(2)]
        if i % 11 == 0:
            q[0] = "  " + q[0]
        if i % 13 == 0:
            q[1] = "NA"
        if i % 17 == 0:
            q[0] = "   "
        rows.append({"id": f"R{i:03d}", "regio": rng.choice(["Noord", "Zuid", ""]), "Q1": q[0], "Q2": q[1]})
    rows[3]["Q1"] = "Eerste regel.\nMeer personeel op de tweede regel."
    pd.DataFrame(rows).to_csv(path, sep=sep, index=False, encoding=encoding)
    return path


def segments_of(corpus):
    return [(i, s.unit_id, s.question, s.doc_id, s.start, s.text) for i, s in enumerate(corpus.segments)]


@pytest.mark.parametrize("name, sep, encoding", [("s.csv", ";", "utf-8-sig"), ("s.csv", ",", "utf-8"),
                                                 ("s.tsv", "\t", "utf-8"), ("s.txt", "|", "cp1252")])
def test_stream_segments_equal_read_survey(tmp_path, name, sep, encoding):
    path = write_survey(tmp_path / name, n=60, sep=sep, encoding=encoding)
    corpus = read_survey(path, "id", ["Q*"])
    spec = StreamSpec(path, "id", ["Q*"], variables=["regio"])
    frames = list(iter_segments(spec, chunksize=7))
    assert len(frames) == 9
    got = pd.concat(frames, ignore_index=True)
    assert list(zip(got.segment, got.unit_id, got.question, got.doc_id, got.start, got.text)) == segments_of(corpus)
    regio = [None if pd.isna(v) else v for v in corpus.respondents["regio"].reindex(got.unit_id)]
    assert got["var:regio"].tolist() == regio


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c:
        yield c


@pytest.fixture(scope="module")
def local_result(tmp_path_factory, nl):
    path = write_survey(tmp_path_factory.mktemp("survey") / "s.csv", n=400)
    corpus = read_survey(path, "id", ["Q1", "Q2"])
    return path, code_corpus(corpus, CODEBOOK, nl)


def stream(path, out, **kw):
    events = []
    res = code_stream([StreamSpec(path, "id", ["Q1", "Q2"])], CODEBOOK, out / "codings", work_dir=out / "work",
                      questions=["Q1", "Q2"], variables=["regio"], chunksize=100, progress=events.append, **kw)
    return res, read_codings(out / "codings"), events


@pytest.mark.slow
def test_stream_and_dask_engines_equal_local(tmp_path, local_result, cluster):
    path, local = local_result
    one, codings_one, events = stream(path, tmp_path / "one")
    assert one.partitions == 4 and one.stats.recoded + one.stats.repeats == one.stats.segments == len(local.corpus)
    assert_frame_equal(codings_one, local.codings)
    assert_frame_equal(one.counts.frequency_table("Q1"), local.table("Q1"))
    assert not (tmp_path / "one" / "work").exists()

    dask, codings_dask, _ = stream(path, tmp_path / "dask", engine="dask", scheduler=cluster.scheduler_address)
    assert_frame_equal(codings_dask, local.codings)
    for q in ("Q1", "Q2"):
        assert_frame_equal(dask.counts.frequency_table(q), local.table(q))
        assert_frame_equal(dask.counts.crosstab(q, "regio").to_frame(),
                           crosstab(local.codings, local.corpus, CODEBOOK, q, "regio").to_frame())

    stages = {e.stage for e in events}
    assert stages == {"read", "code", "count"}
    last = [e for e in events if e.stage == "code"][-1]
    assert last.done == last.total == one.stats.recoded and last.rate > 0 and last.eta == 0
    assert [e for e in events if e.stage == "read"][-1].fraction == 1.0


@pytest.mark.slow
def test_code_parquet_on_a_cluster_uses_every_worker(tmp_path, local_result, cluster):
    _, local = local_result
    seg = local.corpus.frame().rename(columns={"start": "start"}).reset_index().rename(columns={"index": "segment"})
    seg = seg[["segment", "unit_id", "question", "doc_id", "start", "text", "speaker"]]
    (tmp_path / "seg").mkdir()
    for k in range(4):
        seg.iloc[k::4].sort_values("segment").to_parquet(tmp_path / "seg" / f"part-{k}.parquet", index=False)
    results = code_parquet(tmp_path / "seg", tmp_path / "cod", CODEBOOK, scheduler=cluster.scheduler_address)
    assert len(results) == 4 and len({r["pid"] for r in results}) == 2
    got = read_codings(tmp_path / "cod").sort_values(["segment"], kind="stable").reset_index(drop=True)
    assert_frame_equal(got, local.codings)


@pytest.mark.slow
def test_process_pool_and_cache(tmp_path, local_result):
    path, local = local_result
    cache = CodingCache(tmp_path / "cache.sqlite")
    first, codings_first, _ = stream(path, tmp_path / "a", processes=2, cache=cache)
    assert first.stats.recoded > 0 and first.stats.hits == 0
    assert_frame_equal(codings_first, local.codings)
    again, codings_again, _ = stream(path, tmp_path / "b", cache=cache)
    assert again.stats.recoded == 0 and again.stats.hits == again.stats.segments
    assert_frame_equal(codings_again, local.codings)
    cache.close()


def test_worker_keeps_one_matcher_per_codebook(nl):
    text = dumps(CODEBOOK)
    assert matcher_for(text) is matcher_for(text)
    seg = pd.DataFrame({"segment": [5], "unit_id": ["R1"], "question": ["Q1"], "doc_id": ["R1/Q1"], "start": [2],
                        "text": ["Meer personeel."]})
    out = code_frame(seg, matcher_for(text))
    assert out[["segment", "code", "unit_start", "unit_end"]].values.tolist() == [[5, "personeel", 2, 17]]


def test_stream_errors(tmp_path):
    path = write_survey(tmp_path / "s.csv", n=10)
    # the reader's own errors (the same as read_survey gives)
    with pytest.raises(InputError, match=r"^\[QK110\] .*s.csv: no id column 'nr'. Columns: 'id', 'regio'"):
        list(iter_segments(StreamSpec(path, "nr", ["Q1"])))
    with pytest.raises(InputError, match=r"^\[QK111\] .*no column matches question 'Q9'"):
        list(iter_segments(StreamSpec(path, "id", ["Q9"])))
    with pytest.raises(ProjectError, match=r"^\[QK712\] .*no breakdown variable 'leeftijd'"):
        list(iter_segments(StreamSpec(path, "id", ["Q1"], variables=["leeftijd"])))
    df = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False)
    df.loc[4, "id"] = " "
    df.to_csv(path, sep=";", index=False)
    with pytest.raises(InputError, match=r"^\[QK128\] .*s.csv, line 7, column 'id': empty id"):
        list(iter_segments(StreamSpec(path, "id", ["Q1"])))
