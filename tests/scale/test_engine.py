"""The one engine: in memory, streamed from disk, in a process pool or on Dask,
with or without the cache, the same codings and the same tables."""
from __future__ import annotations

import random

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from qualkit.codebook import loads
from qualkit.errors import ProjectError
from qualkit.ingest import ReadOptions, read_chunks, read_inputs
from qualkit.project import CodingCache
from qualkit.report import build_tables
from qualkit.report.sinks import MatrixCSV, SegmentsCSV
from qualkit.scale import Collector, code_chunks, code_corpus, code_parquet, read_codings
from qualkit.scale.collect import chunks_of
from qualkit.scale.progress import Position
from qualkit.stats import Counts, crosstab

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
OPTIONS = ReadOptions(id_column="id", questions=["Q1", "Q2"])


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


@pytest.fixture(scope="module")
def survey(tmp_path_factory):
    return write_survey(tmp_path_factory.mktemp("survey") / "s.csv", n=400)


@pytest.fixture(scope="module")
def whole(survey, nl):
    """The reference: the whole corpus as one chunk, in this process."""
    corpus = read_inputs([survey], OPTIONS)
    sink = Collector(keep_corpus=False)
    run = code_chunks([corpus], CODEBOOK, [sink], pipeline=nl)
    return sink.result(CODEBOOK, run, corpus)


def streamed(survey, nl, chunksize=37, **kw):
    """The survey read in chunks from disk, counted, collected and written as it goes."""
    counts, keep, pos = Counts(CODEBOOK, variables=["regio"]), Collector(), Position()
    run = code_chunks(read_chunks([survey], OPTIONS, chunksize=chunksize, on_bytes=pos.update), CODEBOOK,
                      [counts, keep], position=pos,
                      pipeline=nl if not kw.get("processes", 1) > 1 and not kw.get("dask") else None, **kw)
    return run, counts, keep.result(CODEBOOK, run)


def test_in_memory_api_is_the_engine_collecting(survey, whole, nl):
    got = code_corpus(whole.corpus, CODEBOOK, nl, chunksize=50)
    assert_frame_equal(got.codings, whole.codings)
    assert len(whole.codings) > 300 and set(whole.codings["code"]) == {"personeel", "admin", "steun"}
    assert repr(got).startswith("CodingResult(codebook 's' 1: ") and "400 respondents" in repr(got)


def test_streamed_from_disk_equals_in_memory(survey, whole, nl):
    run, counts, got = streamed(survey, nl)
    assert run.chunks > 10 and run.stats.segments == sum(s.coded for s in whole.corpus.segments)
    assert run.questions == ["Q1", "Q2"] and run.units == 400
    assert_frame_equal(got.codings, whole.codings)
    for q in ("Q1", "Q2"):
        assert_frame_equal(counts.frequency_table(q), whole.table(q))
        want = crosstab(whole.codings, whole.corpus, CODEBOOK, q, "regio")
        assert_frame_equal(counts.crosstab(q, "regio").to_frame(tests=True), want.to_frame(tests=True))
    assert run.stats.repeats > 0        # texts repeated in a chunk are coded once


def test_sinks_write_the_same_files_as_the_tables(survey, whole, nl, tmp_path):
    with SegmentsCSV(tmp_path / "segments.csv") as seg:
        matrix = MatrixCSV(tmp_path / "matrix.csv", CODEBOOK)
        code_chunks(read_chunks([survey], OPTIONS, chunksize=29), CODEBOOK, [seg, matrix], pipeline=nl)
        matrix.close()
    tables = build_tables(whole, by=["regio"])
    got = pd.read_csv(tmp_path / "segments.csv", dtype=str, keep_default_na=False)
    want = tables.segments.astype(str)
    assert got.columns.tolist() == want.columns.tolist() and len(got) == len(want)
    assert got["text"].tolist() == want["text"].tolist()
    m = pd.read_csv(tmp_path / "matrix.csv", dtype={"unit_id": str}).set_index("unit_id")
    assert_frame_equal(m.sort_index(), tables.matrix.sort_index(), check_names=False)


def test_memory_stays_flat_chunks_are_pulled_only_as_far_as_the_window(whole, nl):
    pulled, at_first_add = [], []

    def chunks():
        for c in chunks_of(whole.corpus, 20):
            pulled.append(c)
            yield c

    class First:
        def add(self, chunk, codings):
            at_first_add.append(len(pulled))

    code_chunks(chunks(), CODEBOOK, [First()], pipeline=nl)
    assert len(pulled) > 20 and at_first_add[:3] == [1, 2, 3]   # this process: one chunk in flight


def test_progress_with_eta(survey, nl):
    events = []
    run, _, _ = streamed(survey, nl, progress=events.append)
    last = events[-1]
    assert {e.stage for e in events} == {"code"} and last.unit == "bytes"
    assert last.done == last.total == survey.stat().st_size and last.eta == 0 and last.rate > 0
    assert [e.done for e in events] == sorted(e.done for e in events) and len(events) == run.chunks


def test_cache_codes_only_what_changed(survey, whole, nl, tmp_path):
    with CodingCache(tmp_path / "c.sqlite") as cache:
        cold, _, first = streamed(survey, nl, cache=cache)
        warm, counts, second = streamed(survey, nl, cache=cache)
    s = cold.stats     # a text met in an earlier chunk of the same run is a hit too
    assert s.recoded > 0 and s.recoded + s.hits + s.repeats == s.segments
    assert warm.stats.recoded == 0 and warm.stats.hits + warm.stats.repeats == warm.stats.segments
    assert_frame_equal(first.codings, whole.codings)
    assert_frame_equal(second.codings, whole.codings)
    assert_frame_equal(counts.frequency_table("Q1"), whole.table("Q1"))


def test_learned_model_codes_only_in_this_process(whole):
    with pytest.raises(ProjectError, match=r"^\[QK738\] a learned model codes in this process only"):
        code_chunks([whole.corpus], CODEBOOK, [], learned=object(), processes=2)


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c:
        yield c


@pytest.mark.slow
def test_pool_and_dask_equal_this_process(survey, whole, nl, cluster):
    pool, counts, got = streamed(survey, nl, chunksize=60, processes=2)
    assert pool.executor == "pool" and pool.timings["worker_cpu_seconds"] > 0
    assert_frame_equal(got.codings, whole.codings)
    assert_frame_equal(counts.frequency_table("Q2"), whole.table("Q2"))
    dask, counts, got = streamed(survey, nl, chunksize=60, dask=True, scheduler=cluster.scheduler_address)
    assert dask.executor == "dask" and dask.processes == 2
    assert_frame_equal(got.codings, whole.codings)
    assert_frame_equal(counts.crosstab("Q1", "regio").counts, crosstab(whole.codings, whole.corpus, CODEBOOK,
                                                                       "Q1", "regio").counts)


@pytest.mark.slow
def test_code_parquet_on_a_cluster_uses_every_worker(tmp_path, whole, cluster):
    seg = whole.corpus.frame().reset_index().rename(columns={"index": "segment"})
    seg = seg[["segment", "unit_id", "question", "doc_id", "start", "text", "speaker"]]
    (tmp_path / "seg").mkdir()
    for k in range(4):
        seg.iloc[k::4].sort_values("segment").to_parquet(tmp_path / "seg" / f"part-{k}.parquet", index=False)
    results = code_parquet(tmp_path / "seg", tmp_path / "cod", CODEBOOK, scheduler=cluster.scheduler_address)
    assert len(results) == 4 and len({r["pid"] for r in results}) == 2
    got = read_codings(tmp_path / "cod").sort_values(["segment"], kind="stable").reset_index(drop=True)
    assert_frame_equal(got, whole.codings)


def test_executor_errors():
    with pytest.raises(ProjectError, match=r"^\[QK714\] a scheduler address needs engine 'dask'"):
        code_chunks([], CODEBOOK, [], scheduler="tcp://127.0.0.1:1")
    with pytest.raises(ProjectError, match=r"^\[QK717\] .*no .parquet files"):
        code_parquet("/nonexistent-qualkit", "/tmp/x", CODEBOOK)
