"""One module per document kind; importing them registers their parser."""

from govtext.ingest.parsers import (  # noqa: F401
    news,
    other,
    report,
    session_page,
    speech,
    transcript,
)
