"""govtext: raw internet-governance documents -> traceable research tables.

The public API. Heavy parts (scikit-learn, spaCy) load on first use, so that
``import govtext`` and the command line start fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from govtext.api import parse_corpus, parse_file

__version__ = "0.1.0"

# name -> module that defines it, imported on first access (PEP 562).
_LAZY = {
    "detect_sdgs": "govtext.extract",
    "sdg_hits": "govtext.extract",
    "extract_entities": "govtext.extract",
    "find_sdgs": "govtext.extract",
    "analyze": "govtext.pipeline",
    "load": "govtext.load",
}

__all__ = ["__version__", "parse_corpus", "parse_file", *sorted(_LAZY)]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        attr = "run_analyze" if name == "analyze" else name
        return getattr(import_module(_LAZY[name]), attr)
    raise AttributeError(f"module 'govtext' has no attribute {name!r}")
