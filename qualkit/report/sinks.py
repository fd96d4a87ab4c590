"""Per-respondent and per-segment outputs written chunk by chunk, as the engine
(:func:`qualkit.scale.engine.code_chunks`) hands them over, so their size never
sits in memory: ``segments.csv`` (every coding with the text of its unit; and
``segments.parquet`` once it is big), ``matrix.csv`` (respondent x code, 0/1) and
codings Parquet parts. Written as data, exactly as given (like
:func:`qualkit.io.sheets.write_csv` with ``raw=True``).

Each is a sink: ``add(chunk, codings)`` per chunk, ``close()`` at the end
(the file is complete only then). With ``keep=N`` a sink also keeps its rows
in memory while there are at most N of them (``kept``; None past N), so a small
run's workbook can show them.

>>> with SegmentsCSV(stage / "segments.csv") as seg:                       # doctest: +SKIP
...     code_chunks(read_chunks(inputs, options), codebook, [seg])
"""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import IO

import pandas as pd

from qualkit.codebook.model import Codebook
from qualkit.io import replace_file, scratch_dir
from qualkit.privacy import pseudonymise_frame
from qualkit.stats import SEGMENT_COLUMNS, code_matrix, segments_table
from qualkit.types import Corpus


class _CSV:
    """A CSV file written in appended blocks, header first; ``keep``: see the module."""

    def __init__(self, path: str | Path, columns: list[str], keep: int = 0):
        self.path = Path(path)
        self.columns = columns
        self._f: IO[str] | None = open(self.path, "w", encoding="utf-8", newline="")
        pd.DataFrame(columns=columns).to_csv(self._f, index=False, lineterminator="\n")
        self.rows, self.keep = 0, keep
        self._kept: list[pd.DataFrame] | None = []

    def write(self, df: pd.DataFrame, index: bool = False) -> None:
        assert self._f is not None, "closed"
        if not len(df):
            return
        df.to_csv(self._f, index=index, header=False, lineterminator="\n")
        self.rows += len(df)
        if self._kept is not None:
            self._kept = self._kept + [df] if self.rows <= self.keep else None

    @property
    def kept(self) -> pd.DataFrame | None:
        """The rows written, while at most ``keep`` (else None)."""
        if self._kept is None:
            return None
        return pd.concat(self._kept) if self._kept else pd.DataFrame(columns=self.columns)

    def close(self) -> None:
        if self._f is not None:
            self._f.close()
            self._f = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class SegmentsCSV(_CSV):
    """``segments.csv``: one row per coding with the text of its coded unit
    (:func:`qualkit.stats.segments_table`); with ``pseudonymise`` (a language),
    names, e-mail addresses ... in ``text``, ``matched`` and ``rule`` are replaced
    (:func:`qualkit.privacy.pseudonymise_frame`). Past ``keep`` rows the same rows
    also go to ``segments.parquet``, for big runs."""

    def __init__(self, path: str | Path, pseudonymise: str | None = None, keep: int = 0):
        super().__init__(path, SEGMENT_COLUMNS, keep)
        self.lang = pseudonymise
        self._parquet = None

    def add(self, chunk: Corpus, codings: pd.DataFrame) -> None:
        if not len(codings):
            return
        df = segments_table(codings, chunk)
        if self.lang:
            df = pseudonymise_frame(df, ("text", "matched", "rule"), self.lang)
        before = self._kept
        self.write(df)
        if self._kept is None:
            for block in (before or []) if self._parquet is None else []:
                self._to_parquet(block)
            self._to_parquet(df)

    def _to_parquet(self, df: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(df.reset_index(drop=True), preserve_index=False)
        if self._parquet is None:
            self._parquet = pq.ParquetWriter(self.path.with_suffix(".parquet"), table.schema)
        self._parquet.write_table(table.cast(self._parquet.schema))

    def close(self) -> None:
        super().close()
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None


class MatrixCSV:
    """``matrix.csv``: one row per respondent who answered, one 0/1 column per
    question and code (``<question>.<code>`` when there are several questions;
    categories rolled up, see :func:`qualkit.stats.code_matrix`). The questions
    are those the chunks bring; when a later input brings new ones, the rows
    written before get their columns (as 0) when the file is closed."""

    def __init__(self, path: str | Path, codebook: Codebook, keep: int = 0):
        self.path, self.codebook, self.keep = Path(path), codebook, keep
        self.questions: list[str] = []
        self._parts: list[tuple[_CSV, list[str]]] = []    # each written with the questions known then
        self._scratch = contextlib.ExitStack()              # the parts' folder, removed on close
        self.kept: pd.DataFrame | None = None

    def _columns(self, questions: list[str]) -> list[str]:
        many = len(questions) > 1
        return [f"{q}.{c.id}" if many else c.id for q in questions for c in self.codebook.codes if c.applies_to(q)]

    def add(self, chunk: Corpus, codings: pd.DataFrame) -> None:
        new = [q for q in chunk.questions if q not in self.questions]
        if new or not self._parts:
            self.questions += new
            if self._parts:
                self._parts[-1][0].close()
            else:
                self._folder = self._scratch.enter_context(scratch_dir(self.path))
            part = self._folder / f"{len(self._parts)}.csv"
            self._parts.append((_CSV(part, ["unit_id", *self._columns(self.questions)], self.keep),
                                list(self.questions)))
        out, questions = self._parts[-1]
        many = len(questions) > 1
        mats = [code_matrix(codings, chunk, self.codebook, q).add_prefix(f"{q}." if many else "")
                for q in questions if q in chunk.questions]
        m = pd.concat(mats, axis=1) if mats else pd.DataFrame()
        if len(m):
            m = m.reindex(columns=self._columns(questions)).fillna(0).astype(int)
            m.index.name = "unit_id"
            out.write(m, index=True)

    def close(self) -> None:
        with self._scratch:
            self._close()

    def _close(self) -> None:
        for part, _ in self._parts:
            part.close()
        if len(self._parts) == 1:
            part = self._parts[0][0]
            replace_file(part.path, self.path)
            if part.kept is not None:   # nobody answered: no rows, the header's unit_id is the index
                kept = part.kept.set_index("unit_id") if "unit_id" in part.kept.columns else part.kept
                self.kept = kept.rename_axis("unit_id")
            return
        final = self._columns(self.questions)
        with _CSV(self.path, ["unit_id", *final]) as out:
            for part, questions in self._parts:
                rename = {} if len(questions) > 1 or len(self.questions) == 1 else \
                    {c: f"{questions[0]}.{c}" for c in self._columns(questions)}
                for block in pd.read_csv(part.path, dtype={"unit_id": str}, keep_default_na=False, chunksize=50_000):
                    block = block.rename(columns=rename).set_index("unit_id")
                    out.write(block.reindex(columns=final).fillna(0).astype(int), index=True)


class CodingsParquet:
    """A folder of codings Parquet parts, ``part-00000.parquet`` ... one per chunk."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.parts: list[str] = []

    def add(self, chunk: Corpus, codings: pd.DataFrame) -> None:
        name = f"part-{len(self.parts):05d}.parquet"
        codings.to_parquet(self.folder / name, index=False)
        self.parts.append(name)

    def close(self) -> None:
        pass
