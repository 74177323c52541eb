"""The notebooks: stored without outputs, free of pasted-in logic, and they run.

02 and 03 read a complete analysis folder (``GOVTEXT_OUT``); the test writes one from the
parsed samples plus small hand-made analysis tables, so the notebooks run in seconds
instead of fitting the models (their own fallback runs ``run_analyze`` when the folder is
missing).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from govtext.trends import compute_trends
from sample_tables import sample_tables, write_run

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NAMES = ("01-records", "02-entities-and-sdgs", "03-themes-topics-trends")
#: Notebooks that need the analysis stages (entities, SDGs, themes, topics).
NEEDS_ANALYSIS = {"02-entities-and-sdgs", "03-themes-topics-trends"}


def _analysis_available() -> bool:
    try:
        import govtext.extract
        import govtext.themes  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="module")
def analysis_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tables = sample_tables()
    return write_run(tmp_path_factory.mktemp("nb") / "out", tables, compute_trends(tables))


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_stored_stripped_and_imports_govtext(name: str) -> None:
    book = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    nbformat.validate(book)
    code = [c for c in book.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    source = "\n".join(c.source for c in code)
    assert "import govtext" in source
    assert "def " not in source and "class " not in source  # logic lives in the package
    assert "RAW = Path(" in source  # shows where to point it at your own corpus


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs(name: str, analysis_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from nbclient import NotebookClient

    if name in NEEDS_ANALYSIS and not _analysis_available():
        pytest.skip("needs the entities and themes stages (govtext.extract, govtext.themes)")
    monkeypatch.setenv("GOVTEXT_OUT", str(analysis_dir))  # the kernel inherits it
    book = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    NotebookClient(book, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    errors = [o for c in book.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert errors == []
