"""Write docs/errors.md from the error catalogue: ``python docs/make_errors.py``."""
from pathlib import Path

from qualkit.errors import reference_page

if __name__ == "__main__":
    (Path(__file__).parent / "errors.md").write_text(reference_page(), encoding="utf-8")
