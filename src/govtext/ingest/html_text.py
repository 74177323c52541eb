"""Visible text of an HTML page, with the standard library's tolerant, non-recursive parser."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Content of these elements is never shown to a reader (and is never executed here).
_HIDDEN = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
# Elements that start a new line of visible text.
_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    "title",
}
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source",
         "track", "wbr", "param"}


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden_depth = 0
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in _HIDDEN and tag not in _VOID:
            self.hidden_depth += 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _HIDDEN and self.hidden_depth:
            self.hidden_depth -= 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        # The <title> sits in <head>, which is otherwise hidden; it is the page's name.
        if self.in_title or not self.hidden_depth:
            self.parts.append(data)


#: ``<![`` opens a marked section only before one of these keywords; before anything else the
#: standard library's parser raises AssertionError, so such a ``<![`` is kept as text.
_BAD_MARKED_SECTION = re.compile(
    r"<!\[(?!(?:temp|cdata|ignore|include|rcdata|if|else|endif)(?![-_.a-z0-9]))", re.IGNORECASE)


def html_to_text(html: str) -> str:
    """Visible text, one block element per line; scripts, styles and the head dropped."""
    parser = _VisibleText()
    parser.feed(_BAD_MARKED_SECTION.sub("&lt;![", html))
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
