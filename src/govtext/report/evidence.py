"""Evidence quotes for the report: a few sentences per theme and year, hit marked."""

from __future__ import annotations

import pandas as pd

from govtext.trends import dated_documents

#: Longest quote shown; longer sentences are cut around the hit.
MAX_QUOTE = 420


def split_quote(sentence: str, evidence: str, limit: int = MAX_QUOTE) -> tuple[str, str, str]:
    """(before, hit, after) of ``sentence``, cut to about ``limit`` characters around the hit.

    When the hit cannot be found in the sentence (the coder's evidence may span sentences)
    the sentence is returned whole as ``before``.
    """
    at = sentence.find(evidence) if evidence else -1
    if at < 0:
        at = sentence.casefold().find(evidence.casefold()) if evidence else -1
    if at < 0:
        text = sentence if len(sentence) <= limit else sentence[:limit].rstrip() + " …"
        return text, "", ""
    end = at + len(evidence)
    before, hit, after = sentence[:at], sentence[at:end], sentence[end:]
    room = max(0, limit - len(hit)) // 2
    if len(before) > room:
        before = "… " + before[len(before) - room:].lstrip()
    if len(after) > room:
        after = after[:room].rstrip() + " …"
    return before, hit, after


def evidence_quotes(tables: dict[str, pd.DataFrame], per_year: int = 3) -> pd.DataFrame:
    """Up to ``per_year`` quotes per theme and year, themes by documents coded (most first).

    Within a year, documents with the most hits come first (ties by doc_id). Columns: theme,
    year, doc_id, title, section, n_hits, parts (before, hit, after).
    """
    themes = tables.get("themes")
    if themes is None or themes.empty:
        return pd.DataFrame(columns=["theme", "year", "doc_id", "title", "section", "n_hits",
                                     "parts"])
    docs = tables["documents"].set_index("doc_id")
    dated = dated_documents(tables["documents"])[["doc_id", "year"]]
    rows = themes.merge(dated, on="doc_id", how="inner")
    order = rows.groupby("theme")["doc_id"].nunique()
    rows["theme_rank"] = rows["theme"].map(
        {t: i for i, (t, _) in enumerate(sorted(order.items(), key=lambda kv: (-kv[1], kv[0])))})
    rows = rows.sort_values(["theme_rank", "year", "n_hits", "doc_id"],
                            ascending=[True, True, False, True], kind="stable")
    rows = rows.groupby(["theme", "year"], sort=False).head(per_year)
    title = docs["title"].fillna(docs["source_path"])
    rows["title"] = rows["doc_id"].map(title).fillna(rows["doc_id"])
    rows["parts"] = [split_quote(str(s) if pd.notna(s) else "", str(e) if pd.notna(e) else "")
                     for s, e in zip(rows["sentence"], rows["evidence"], strict=True)]
    return rows[["theme", "year", "doc_id", "title", "section", "n_hits", "parts"]
                ].reset_index(drop=True)
