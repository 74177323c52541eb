"""govtext: raw internet-governance documents -> traceable research tables."""

from govtext.api import parse_corpus, parse_file

__version__ = "0.1.0"
__all__ = ["__version__", "parse_corpus", "parse_file"]
