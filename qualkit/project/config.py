"""The project file ``qualkit.yaml``: waves, questions, codebook, outputs.

Validated like a codebook: every problem is collected and reported in one
:class:`~qualkit.errors.ProjectError` (``[QK703]`` with a numbered list when
there are several). Paths are relative to the project file.

>>> import pathlib, tempfile
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> for f in ("cb.yaml", "w1.csv", "w2.csv"):
...     _ = (root / f).write_text("x")
>>> p = loads_project('''
... codebook: cb.yaml
... questions: [Q23]
... waves:
...   - {name: "2026", inputs: [w1.csv], id_column: respondent}
...   - {name: "2027", inputs: [w2.csv], id_column: respondent, rename: {Q23_nieuw: Q23}}
... ''', root / "qualkit.yaml")
>>> [w.name for w in p.waves], p.waves[1].rename, p.outputs.name
(['2026', '2027'], {'Q23_nieuw': 'Q23'}, 'out')
"""
from __future__ import annotations

import difflib
import glob as _glob
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from qualkit.errors import ProjectError, render

PROJECT_FILE = "qualkit.yaml"
TOP_KEYS = ("name", "description", "codebook", "questions", "breakdowns", "skip_speakers", "pipeline", "model",
            "seed", "outputs", "scale", "waves")
WAVE_KEYS = ("name", "inputs", "id_column", "questions", "rename", "codebook", "encoding",
             "delimiter", "sheet", "validate")
OUTPUT_KEYS = ("folder", "xlsx", "segments")
SCALE_KEYS = ("engine", "processes", "chunksize", "scheduler")
ENGINES = ("local", "stream", "dask")
INPUT_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".sav", ".md", ".docx", ".vtt", ".jsonl")
RESERVED = ("comparison",)
MAX_BYTES = 1_000_000
_NAME = re.compile(r"^[\w][\w.\-]*$", re.UNICODE)


@dataclass
class WaveSpec:
    """One wave: its input files (absolute, resolved), how to read them, and an
    optional codebook pinned for this wave. ``rename`` maps a column of this
    wave's export to the name used in the project (so renamed questions line up)."""

    name: str
    inputs: list[Path]
    id_column: str | None = None
    questions: list[str] | None = None
    rename: dict[str, str] = field(default_factory=dict)
    codebook: Path | None = None
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | int | None = None
    validate: Path | None = None
    """A person's coding of a random sample of this wave's answers: shares corrected for
    coder error go to ``prevalence.csv`` (see :func:`qualkit.agree.validate_coding`)."""


@dataclass
class ScaleSpec:
    """How to run the coding step; the CLI's ``--engine`` and friends override it."""

    engine: str = "local"
    processes: int = 1
    chunksize: int = 20_000
    scheduler: str | None = None


@dataclass
class Project:
    """A validated project file. Paths are absolute; :meth:`rel` gives them back
    relative to the project folder (as manifests record them)."""

    path: Path
    name: str
    codebook: Path | None
    questions: list[str]
    waves: list[WaveSpec]
    outputs: Path
    breakdowns: list[str] = field(default_factory=list)
    skip_speakers: list[str] = field(default_factory=list)
    """Transcripts: speaker labels or globs whose turns are not coded, besides the interviewer's
    (``--skip-speaker``)."""
    pipeline: str | None = None
    model: Path | None = None
    seed: int = 0
    xlsx: bool = True
    segments: bool = True
    scale: ScaleSpec = field(default_factory=ScaleSpec)
    description: str = ""
    sha256: str = ""

    @property
    def root(self) -> Path:
        return self.path.parent

    def rel(self, p: str | Path) -> str:
        """``p`` relative to the project folder, with '/' separators."""
        try:
            return Path(os.path.relpath(_abs(p), self.root)).as_posix()
        except ValueError:  # another drive on Windows
            return Path(p).as_posix()

    def wave(self, name: str) -> WaveSpec:
        for w in self.waves:
            if w.name == name:
                return w
        raise ProjectError(740, path=self.rel(self.path), wave=name, waves=', '.join(repr(w.name) for w in self.waves))

    def codebook_for(self, wave: WaveSpec) -> Path:
        assert wave.codebook is not None or self.codebook is not None
        return wave.codebook or self.codebook  # type: ignore[return-value]


def _abs(p: str | Path) -> Path:
    """An absolute, normalised path that keeps symbolic links (as the user sees it)."""
    return Path(os.path.abspath(p))


def find_project(path: str | Path | None = None) -> Path:
    """The project file: ``path`` itself, ``path/qualkit.yaml``, or ``./qualkit.yaml``."""
    p = Path(path) if path is not None else Path(PROJECT_FILE)
    if p.is_dir():
        p = p / PROJECT_FILE
    if not p.is_file():
        raise ProjectError(701, path=p)
    return p


def load_project(path: str | Path | None = None) -> Project:
    """Read and validate a project file (see the module docstring)."""
    p = find_project(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise ProjectError(727, path=p, strerror=e.strerror) from None
    if len(raw) > MAX_BYTES:
        raise ProjectError(728, path=p, size=len(raw), limit=MAX_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ProjectError(702, path=p, byte=e.start) from None
    return loads_project(text, p)


def loads_project(text: str, path: str | Path) -> Project:
    """Parse and validate project YAML ``text`` as if it were the file ``path``."""
    path = _abs(path)
    where = path.name
    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark
        pos = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown position"
        raise ProjectError(206, where=where, place=pos, problem=e.problem) from None
    except (yaml.YAMLError, RecursionError):
        raise ProjectError(207, where=where) from None
    except ValueError:  # a number of over 4,300 digits, an impossible date
        raise ProjectError(180, where=where) from None
    if data is None:
        raise ProjectError(731, where=where)
    if not isinstance(data, dict):
        raise ProjectError(732, where=where)
    v = _Validator(path, where)
    project = v.project(data)
    v.raise_problems()
    project.sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return project


class _Validator:
    def __init__(self, path: Path, where: str):
        self.path, self.root, self.where = path, path.parent, where
        self.problems: list[tuple[int, dict]] = []

    def add(self, code: int, **fields: object) -> None:
        self.problems.append((code, fields))

    def raise_problems(self) -> None:
        if len(self.problems) == 1:
            code, fields = self.problems[0]
            raise ProjectError(code, **fields)
        if self.problems:
            lines = "\n  - ".join(f"[QK{c}] {render(c, f)}" for c, f in self.problems)
            raise ProjectError(703, count=len(self.problems), where=self.where, problems=lines)

    def project(self, d: dict) -> Project:
        w = self.where
        self.unknown(d, TOP_KEYS, w)
        name = self.text(d, "name", w) or self.root.name
        codebook = self.file(d.get("codebook"), f"{w}, codebook", "codebook") if "codebook" in d else None
        questions = self.strlist(d.get("questions"), f"{w}, questions")
        breakdowns = self.strlist(d.get("breakdowns"), f"{w}, breakdowns", "[regio, rol]")
        skip_speakers = self.strlist(d.get("skip_speakers"), f"{w}, skip_speakers", "[Voorzitter, 'Notulist*']")
        model = self.file(d["model"], f"{w}, model", "learned model") if d.get("model") is not None else None
        seed = d.get("seed", 0)
        if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**32:
            self.add(741, where=w)
            seed = 0
        outputs, xlsx, segments = self.outputs(d.get("outputs", "out"))
        scale = self.scale(d.get("scale") or {})
        waves = self.waves(d.get("waves"), codebook is not None)
        from qualkit.ingest import TRANSCRIPT_SUFFIXES
        from qualkit.ingest.transcripts import QUESTION

        if not questions and waves and all(Path(f).suffix.lower() in TRANSCRIPT_SUFFIXES
                                           for wave in waves for f in wave.inputs):
            questions = [QUESTION]   # transcripts have one 'question': the interview
        elif not questions:
            self.add(709, where=w)
        project = Project(path=self.path, name=name, codebook=codebook, questions=questions, waves=waves,
                          outputs=outputs, breakdowns=breakdowns, skip_speakers=skip_speakers, pipeline=self.text(d, "pipeline", w),
                          model=model, seed=seed, xlsx=xlsx, segments=segments, scale=scale,
                          description=self.text(d, "description", w) or "")
        self.check_outputs(project)
        return project

    def waves(self, raw: Any, has_codebook: bool) -> list[WaveSpec]:
        if not isinstance(raw, list) or not raw:
            self.add(707, where=self.where)
            return []
        out: list[WaveSpec] = []
        seen: set[str] = set()
        without: list[str] = []
        for i, rw in enumerate(raw):
            here = f"{self.where}, waves[{i}]"
            if not isinstance(rw, dict):
                self.add(754, here=here)
                continue
            self.unknown(rw, WAVE_KEYS, here)
            name = rw.get("name")
            if isinstance(name, (int, float)) and not isinstance(name, bool):
                name = str(name)
            if not isinstance(name, str) or not _NAME.match(name) or name in RESERVED:
                self.add(705, here=here, name=name, reserved=', '.join(RESERVED))
                name = f"waves[{i}]"
            elif name in seen:
                self.add(751, here=here, name=name)
            seen.add(name)
            here = f"{self.where}, wave '{name}'"
            inputs = self.inputs(rw.get("inputs"), here)
            codebook = self.file(rw["codebook"], f"{here}, codebook", "codebook") if rw.get("codebook") else None
            if codebook is None and not has_codebook:
                without.append(name)
            rename = self.rename(rw.get("rename"), here)
            qs = self.strlist(rw.get("questions"), f"{here}, questions") if "questions" in rw else None
            sheet = rw.get("sheet")
            if sheet is not None and (isinstance(sheet, bool) or not isinstance(sheet, (str, int))):
                self.add(745, here=here)
                sheet = None
            out.append(WaveSpec(name=name, inputs=inputs, id_column=self.text(rw, "id_column", here, coerce=True),
                                questions=qs or None, rename=rename, codebook=codebook,
                                encoding=self.text(rw, "encoding", here), delimiter=self.text(rw, "delimiter", here),
                                sheet=sheet, validate=self.file(rw["validate"], f"{here}, validate", "validation coding")
                                if rw.get("validate") else None))
        if without:
            self.add(748, where=self.where, waves=', '.join(map(repr, without)))
        return out

    def inputs(self, raw: Any, here: str) -> list[Path]:
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or not raw or not all(isinstance(x, str) and x.strip() for x in raw):
            self.add(755, here=here)
            return []
        found: list[Path] = []
        for pattern in raw:
            full = self.root / pattern
            if _glob.has_magic(pattern):
                hits = [Path(h) for h in sorted(_glob.glob(str(full))) if Path(h).is_file()]
                if not hits:
                    self.add(749, here=here, pattern=pattern, where=self.where)
            elif _exists(full) and full.is_file():
                hits = [full]
            else:
                hits = []
                self.add(750, here=here, file=pattern, where=self.where)
            for h in hits:
                if h.suffix.lower() not in INPUT_SUFFIXES:
                    self.add(710, here=here, pattern=pattern, suffix=h.suffix or '(none)',
                             suffixes=', '.join(INPUT_SUFFIXES))
                elif _abs(h) not in found:
                    found.append(_abs(h))
        return found

    def rename(self, raw: Any, here: str) -> dict[str, str]:
        if raw is None:
            return {}
        if not isinstance(raw, dict) or not all(isinstance(k, (str, int)) and isinstance(v, (str, int))
                                                for k, v in raw.items()):
            self.add(752, here=here)
            return {}
        out = {str(k): str(v) for k, v in raw.items()}
        targets = list(out.values())
        for t in sorted({t for t in targets if targets.count(t) > 1}):
            self.add(706, here=here, count=targets.count(t), target=t)
        for k, t in out.items():
            if t in out and t != k:
                self.add(753, here=here, target=t, key=k)
        return out

    def outputs(self, raw: Any) -> tuple[Path, bool, bool]:
        here = f"{self.where}, outputs"
        if isinstance(raw, str):
            raw = {"folder": raw}
        if not isinstance(raw, dict):
            self.add(757, here=here)
            return self.root / "out", True, True
        self.unknown(raw, OUTPUT_KEYS, here)
        folder = raw.get("folder", "out")
        if not isinstance(folder, str) or not folder.strip():
            self.add(758, here=here)
            folder = "out"
        flags = []
        for key in ("xlsx", "segments"):
            val = raw.get(key, True)
            if not isinstance(val, bool):
                self.add(708, here=here, key=key)
                val = True
            flags.append(val)
        return _abs(self.root / folder), flags[0], flags[1]

    def check_outputs(self, p: Project) -> None:
        out = p.outputs
        if _exists(out) and not out.is_dir():
            self.add(759, where=self.where, out=p.rel(out))
        guarded = [p.path, *(x for x in (p.codebook, p.model) if x)]
        guarded += [f for w in p.waves for f in (*w.inputs, *([w.codebook] if w.codebook else []))]
        for f in guarded:
            real, real_out = f.resolve(), out.resolve()
            if real == real_out or real_out in real.parents:
                self.add(756, where=self.where, out=p.rel(out), file=p.rel(f))
                break

    def scale(self, raw: Any) -> ScaleSpec:
        here = f"{self.where}, scale"
        s = ScaleSpec()
        if not isinstance(raw, dict):
            self.add(742, here=here)
            return s
        self.unknown(raw, SCALE_KEYS, here)
        engine = raw.get("engine", "local")
        if engine not in ENGINES:
            self.add(760, here=here, engine=engine, engines=', '.join(ENGINES))
            engine = "local"
        for key, lo in (("processes", 1), ("chunksize", 100)):
            val = raw.get(key, getattr(s, key))
            if not isinstance(val, int) or isinstance(val, bool) or val < lo:
                self.add(746, here=here, key=key, minimum=lo)
                val = getattr(s, key)
            setattr(s, key, val)
        s.engine, s.scheduler = engine, self.text(raw, "scheduler", here)
        return s

    def file(self, raw: Any, here: str, what: str) -> Path | None:
        if not isinstance(raw, str) or not raw.strip():
            self.add(743, here=here, what=what, where=self.where)
            return None
        p = _abs(self.root / raw)
        if not _exists(p):
            self.add(704, here=here, what=what, raw=raw, where=self.where)
        return p

    def unknown(self, d: dict, allowed: tuple[str, ...], here: str) -> None:
        for k in d:
            if k not in allowed:
                hint = difflib.get_close_matches(str(k), allowed, n=1)
                did = f" Did you mean '{hint[0]}'?" if hint else ""
                self.add(747, here=here, key=str(k), hint=did, allowed=', '.join(allowed))

    def text(self, d: dict, key: str, here: str, coerce: bool = False) -> str | None:
        v = d.get(key)
        if v is None:
            return None
        if coerce and isinstance(v, int) and not isinstance(v, bool):
            return str(v)
        if not isinstance(v, str):
            self.add(744, here=here, key=key)
            return None
        return v

    def strlist(self, v: Any, here: str, example: str = "[Q23, Q24]") -> list[str]:
        if v is None:
            return []
        if isinstance(v, (str, int)) and not isinstance(v, bool):
            v = [v]
        if not isinstance(v, list) or not all(isinstance(x, (str, int)) and not isinstance(x, bool) for x in v):
            self.add(761, here=here, example=example)
            return []
        return [str(x) for x in v]


def _exists(p: Path) -> bool:
    """``p.exists()``, with a path the file system refuses (too long, bad bytes) as missing."""
    try:
        return p.exists()
    except (OSError, ValueError):
        return False
