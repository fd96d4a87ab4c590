"""The ``qualkit`` command line: thin commands over the library."""
from __future__ import annotations

import typer

app = typer.Typer(
    name="qualkit",
    help="Code open survey answers and interview transcripts with a YAML codebook; "
         "get frequency tables, breakdowns, quotes and REFI-QDA files.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)
codebook_app = typer.Typer(help="Check, export and import codebooks.", no_args_is_help=True)
app.add_typer(codebook_app, name="codebook")

from qualkit.cli import code as _code  # noqa: E402,F401  (registers commands)
from qualkit.cli import codebook as _codebook  # noqa: E402,F401
from qualkit.cli import refi as _refi  # noqa: E402,F401
from qualkit.cli import report as _report  # noqa: E402,F401
from qualkit.cli import themes as _themes  # noqa: E402,F401
from qualkit.cli import agree as _agree  # noqa: E402,F401
from qualkit.cli import learn as _learn  # noqa: E402,F401
from qualkit.cli import project as _project  # noqa: E402,F401


def main() -> None:
    """The ``qualkit`` command. Rule coding never needs PyTorch, which spaCy's thinc
    would import (~2.5 s): it is kept out unless a transformer pipeline is named."""
    import sys

    from qualkit.scale.startup import keep_torch_out

    keep_torch_out(" ".join(sys.argv[1:]))
    app()
