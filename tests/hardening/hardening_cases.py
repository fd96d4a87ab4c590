"""Hand-made hostile cases, by class (issue #11): values that break parsers or renderers,
and output targets that hold what the user owns. The tests use them one by one and the
fuzz strategies draw from them (hardening_fuzz.TOKENS, test_fuzz_outputs)."""
from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from conftest import STAFF_ADMIN

HOSTILE_VALUES = [
    b"9" * 5000,                        # an integer Python will not turn into text (over 4,300 digits)
    b"0x" + b"f" * 5000,                # reads as an integer, cannot be written as decimal text
    b"2026-02-30",                      # a YAML date that does not exist
    b"[/x]",                            # closing rich markup tag: MarkupError
    b"[link=http://evil.example]klik[/link]",  # a terminal hyperlink
    b"[bold red]",                      # markup that would colour the rest
    b":thumbs_up:",                     # an emoji code
    b"=HYPERLINK(\"http://evil.example\",\"klik\")",
    b"+cmd|' /C calc'!A0",
    b"@SUM(1+1)*cmd|' /C calc'!A0",
    b"-2+3",
    b"\t=1+1",
    b"\r=1+1",
]
"""Values planted in codebooks, labels, headers and answers."""

MARKUP = ["[/x]", "[link=http://evil.example]klik[/link]", "[bold red]", ":thumbs_up:", "[/]"]

SURVEY = "id;regio;Q1\nR1;Noord;Meer personeel graag.\nR2;Zuid;Minder administratie.\nR3;Noord;Geen idee.\n"


def small_study(folder: Path) -> dict[str, Path]:
    """A survey and a codebook in ``folder`` (which is created)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "s.csv").write_text(SURVEY, encoding="utf-8")
    (folder / "cb.yaml").write_text(STAFF_ADMIN, encoding="utf-8")
    return {"survey": folder / "s.csv", "codebook": folder / "cb.yaml"}


def invoke(args: list, width: int = 120):
    """``qualkit ARGS`` in process; returns the Result (exit code, output)."""
    from qualkit.cli import app

    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=True, env={"COLUMNS": str(width)})


def snapshot(folder: Path) -> dict[str, tuple[str, bytes | str]]:
    """Every entry under ``folder`` (not following links): kind and content."""
    out: dict[str, tuple[str, bytes | str]] = {}
    for root, dirs, files in os.walk(folder):
        for n in dirs + files:
            p = Path(root) / n
            rel = str(p.relative_to(folder))
            if p.is_symlink():
                out[rel] = ("link", os.readlink(p))
            elif p.is_dir():
                out[rel] = ("dir", b"")
            elif p.is_fifo():
                out[rel] = ("fifo", b"")
            else:
                out[rel] = ("file", p.read_bytes())
    return out


# Output targets that hold what the user owns; each builds its target in ``root`` (the cwd)
# and returns (path to pass, the QK code expected). The study is in root/data.

def target_input_folder(root: Path) -> tuple[str, int]:
    return "data", 903


def target_cwd(root: Path) -> tuple[str, int]:
    return ".", 904


def target_cwd_absolute(root: Path) -> tuple[str, int]:
    return str(root), 904


def target_parent(root: Path) -> tuple[str, int]:
    return "..", 904


def target_foreign_folder(root: Path) -> tuple[str, int]:
    (root / "mine").mkdir(exist_ok=True)
    (root / "mine" / "notes.txt").write_text("mijn notities", encoding="utf-8")
    return "mine", 905


def target_file(root: Path) -> tuple[str, int]:
    (root / "a-file").write_text("x", encoding="utf-8")
    return "a-file", 902


def target_symlink(root: Path) -> tuple[str, int]:
    (root / "real").mkdir(exist_ok=True)
    if not (root / "link").is_symlink():
        (root / "link").symlink_to(root / "real")
    return "link", 907


FOLDER_TARGETS = [target_input_folder, target_cwd, target_cwd_absolute, target_parent, target_foreign_folder,
                  target_file, target_symlink]


def file_fifo(root: Path) -> tuple[str, int]:
    if not (root / "pipe").exists():
        os.mkfifo(root / "pipe")
    return "pipe", 908


def file_folder(root: Path) -> tuple[str, int]:
    (root / "adir").mkdir(exist_ok=True)
    return "adir", 908


def file_link_to_fifo(root: Path) -> tuple[str, int]:
    file_fifo(root)
    if not (root / "pipe-link").is_symlink():
        (root / "pipe-link").symlink_to(root / "pipe")
    return "pipe-link", 908


def file_dev_null(root: Path) -> tuple[str, int]:
    return "/dev/null", 908


def file_input(root: Path) -> tuple[str, int]:
    return "data/s.csv", 909


def file_codebook(root: Path) -> tuple[str, int]:
    return "data/cb.yaml", 909


FILE_TARGETS = [file_fifo, file_folder, file_link_to_fifo, file_dev_null, file_input, file_codebook]
