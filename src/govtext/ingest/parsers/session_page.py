"""IGF session pages (workshops, networking sessions, open forums ...) of every era.

The page is read in two zones. The *header zone* (title, time range, room, subtheme and tags,
organizers, speakers, moderators) runs until the first format line, SDG line or body label.
The *body zone* is cut into sections at the labels that survive text extraction. On the
extracted pages fields are separated by two or more blank lines and paragraphs inside a field
by one, so an unlabelled run of text after a double break starts a new ``description``.
"""

from __future__ import annotations

import itertools
import re

from govtext.ingest import participants as pp
from govtext.ingest.igf_header import parse_igf_title
from govtext.ingest.lines import Line, make_section, split_lines
from govtext.ingest.parsers.session_fields import (
    BODY_LABELS,
    DURATION,
    FORMAT_LABEL,
    ITEM_MARKER,
    SKIP_HEADINGS,
    THEME,
    match_body_label,
    parse_format_line,
    parse_sdg_line,
    parse_time_range,
)
from govtext.ingest.registry import register_parser
from govtext.ingest.vocab import session_format
from govtext.schema import Document, Participant

_PROSE_LEN = 200
_MARKER_AT = re.compile(r"(?:\(?\d{1,2}[.)]|\(?[a-hA-H][.)])[ \t]*(?=\S)")


def _is_field_line(line: Line) -> bool:
    """A format, duration or SDG line, or a body label."""
    t = line.text
    return bool(
        parse_format_line(t) or parse_sdg_line(t) or FORMAT_LABEL.match(t) or DURATION.match(t)
        or match_body_label(t)
    )


def _is_zone_end(line: Line) -> bool:
    return _is_field_line(line) or len(line.text) > _PROSE_LEN


class _SessionPageParser:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.lines = split_lines(doc.text)
        self.people: list[Participant] = []

    # ---- header zone -------------------------------------------------------------------
    def parse_title(self) -> int:
        """Fill event/year/type/number/title; return the index of the first line after it."""
        idx = next((ln.index for ln in self.lines if not ln.blank), len(self.lines))
        if idx >= len(self.lines):
            return idx
        info = parse_igf_title(self.lines[idx].text)
        if info is None:
            self.doc.title = self.lines[idx].text[:300]
            return idx + 1
        self.doc.event = info.event or "IGF"
        if info.year:
            self.doc.year, self.doc.year_source = info.year, "header"
        self.doc.session_type, self.doc.session_number = info.session_type, info.session_number
        self.doc.title = info.title
        idx += 1
        if self.doc.title is None:  # 2018: "IGF 2018 WS #120" with the title on the next line
            nxt = next((ln for ln in self.lines[idx:] if not ln.blank), None)
            if nxt and not _is_zone_end(nxt) and not self._participant_line(nxt.text):
                self.doc.title, idx = nxt.text, nxt.index + 1
        return idx

    @staticmethod
    def _participant_line(t: str) -> bool:
        return bool(pp.ORGANIZER.match(t) or pp.SPEAKER.match(t) or pp.DASH_PERSON.match(t)
                    or pp.PROPOSER.match(t))

    def parse_header_zone(self, start: int) -> int:
        end = next((ln.index for ln in self.lines[start:] if _is_zone_end(ln)), len(self.lines))
        pre_blocks: list[list[str]] = [[]]
        seen_people = False
        expect_room = False
        pending_role: str | None = None
        moderation: list[tuple[str | None, pp.Entry]] = []
        for line in self.lines[start:end]:
            t = line.text
            if not t:
                if pre_blocks[-1]:
                    pre_blocks.append([])
                continue
            if times := parse_time_range(t):
                self.doc.start_utc, self.doc.end_utc = times
                expect_room = True
                continue
            if expect_room:
                expect_room = False
                if not self._participant_line(t):
                    self.doc.room = t
                    continue
            if SKIP_HEADINGS.match(t):
                continue
            if m := THEME.match(t):
                self.doc.subtheme = m["rest"]
                continue
            if m := pp.ORGANIZER.match(t) or pp.PROPOSER.match(t):
                self.people.append(pp.participant("organizer", pp.parse_entry(m["rest"])))
                seen_people = True
            elif m := pp.PROPOSER_ORG.match(t):
                if self.people and self.people[-1].role == "organizer":
                    self.people[-1].organization = pp.parse_entry(m["rest"]).name
            elif m := pp.SPEAKER.match(t):
                self.people.append(pp.participant("speaker", pp.parse_entry(m["rest"])))
                seen_people = True
            elif m := pp.DASH_PERSON.match(t):
                entry = pp.parse_entry(m["rest"])
                entry.name, entry.organization = pp._clean(m["name"]), pp._clean(m["org"])
                self.people.append(pp.participant("speaker", entry))
                seen_people = True
            elif m := pp.ROLE_LABEL.match(t):
                pending_role = pp.ROLE_BY_LABEL[" ".join(m["label"].lower().split())]
                if m["rest"]:
                    moderation.append((pending_role, pp.parse_entry(m["rest"])))
                    pending_role = None
            elif seen_people and ("," in t or pp.looks_like_name(t)):
                moderation.append((pending_role, pp.parse_entry(t)))
                pending_role = None
            elif not seen_people:
                pre_blocks[-1].append(t)
        self._assign_moderation(moderation)
        self._read_pre_blocks([b for b in pre_blocks if b])
        return end

    def _assign_moderation(self, entries: list[tuple[str | None, pp.Entry]]) -> None:
        """Labelled entries keep their label; unlabelled ones take the next role in page
        order (onsite moderator, online moderator, rapporteur) and are marked inferred."""
        order = pp.MODERATION_ROLES
        prev = -1
        for label, entry in entries:
            if label is not None:
                role, inferred = label, False
            else:
                if prev + 1 >= len(order):
                    continue
                role, inferred = order[prev + 1], True
            prev = order.index(role)
            self.people.append(pp.participant(role, entry, inferred=inferred))

    def _read_pre_blocks(self, blocks: list[list[str]]) -> None:
        """Short lines between the room and the people: subtheme + topic tags, a repeat of
        the subtheme, and (networking sessions) the organizing institutions."""
        if not blocks:
            return
        first = blocks[0]
        if self.doc.subtheme is None:
            self.doc.subtheme, self.doc.tags = first[0], first[1:]
        has_organizers = any(p.role == "organizer" for p in self.people)
        for block in blocks[1:]:
            if block == [self.doc.subtheme]:
                continue
            if not has_organizers and block is blocks[-1] and len(block) == 1:
                orgs = [o.strip() for o in re.split(r"\s+&\s+|;\s*", block[0]) if o.strip()]
                self.people[:0] = [Participant("organizer", organization=o) for o in orgs]

    # ---- body zone ---------------------------------------------------------------------
    def parse_body(self, start: int) -> None:
        current: str | None = None
        sec_start: int | None = None
        blank_run = 0
        pending_format = False
        lines = self.lines
        i = start
        while i < len(lines):
            line = lines[i]
            t = line.text
            if not t:
                blank_run += 1
                i += 1
                continue
            double_break = blank_run >= 2
            blank_run = 0
            if pending_format:
                pending_format = False
                if session_format(t):
                    self.doc.format = session_format(t)
                    i += 1
                    continue
            special = self._special_line(t)
            label = match_body_label(t)
            if special or label:
                self._close(current, sec_start, line.start)
                current, sec_start = None, None
                if special == "format_label":
                    pending_format = True
                if label:
                    name, content_start = label[0], line.start + label[1]
                    if name == "policy_questions":
                        i = self._policy_questions(i, content_start)
                        continue
                    if name == "full_title":
                        self.doc.full_title = t[label[1]:].strip() or None
                        self._close("full_title", content_start, line.end)
                    else:
                        current, sec_start = name, content_start
                i += 1
                continue
            if current is None or (double_break and current in _SINGLE_BLOCK):
                self._close(current, sec_start, line.start)
                current, sec_start = "description", line.start
            i += 1
        self._close(current, sec_start, len(self.text))

    def _special_line(self, t: str) -> str | None:
        if fmt := parse_format_line(t):
            self.doc.format, minutes = fmt
            if minutes:
                self.doc.duration_min, self.doc.duration_source = minutes, "stated"
            return "format"
        if goal := parse_sdg_line(t):
            if goal not in self.doc.sdgs_declared:
                self.doc.sdgs_declared.append(goal)
            return "sdg"
        if FORMAT_LABEL.match(t):
            rest = FORMAT_LABEL.match(t)["rest"]
            if rest and session_format(rest):
                self.doc.format = session_format(rest)
                return "format"
            return "format_label"
        if m := DURATION.match(t):
            if m["min"]:
                self.doc.duration_min, self.doc.duration_source = int(m["min"]), "stated"
            return "duration"
        return None

    def _close(self, name: str | None, start: int | None, end: int) -> None:
        if name is None or start is None:
            return
        if name in _ITEMIZED:
            self._items(_ITEMIZED[name], start, end)
            return
        sec = make_section(self.text, name, start, end)
        if sec:
            self.doc.sections.append(sec)

    def _items(self, name: str, start: int, end: int) -> None:
        """One section per item: numbered lines, or else paragraphs."""
        chunk = self.text[start:end]
        marks = [m.start() for m in ITEM_MARKER.finditer(chunk)]
        if not marks:
            marks = [0] + [m.end() for m in re.finditer(r"\n\s*\n", chunk)]
        bounds = [*marks, len(chunk)]
        for a, b in itertools.pairwise(bounds):
            sec = make_section(self.text, name, _after_marker(self.text, start + a), start + b)
            if sec:
                self.doc.sections.append(sec)

    def _policy_questions(self, label_idx: int, content_start: int) -> int:
        """Numbered items, or the '?'-sentences of the first paragraph; returns the index of
        the first line after the questions (remaining text of the field is description)."""
        lines = self.lines
        i = label_idx + 1
        inline = self.text[content_start:lines[label_idx].end].strip()
        first = next((ln for ln in lines[i:] if ln.text), None)
        spans: list[tuple[int, int]] = []
        if inline:
            spans, i = [(content_start, lines[label_idx].end)], label_idx + 1
        elif first is not None and ITEM_MARKER.match(first.text):
            i = first.index
            while i < len(lines):
                ln = lines[i]
                if ln.text and ITEM_MARKER.match(ln.text):
                    spans.append((ln.start, ln.end))
                elif ln.text and spans and not _is_field_line(ln) and lines[i - 1].text:
                    spans[-1] = (spans[-1][0], ln.end)  # continuation line
                elif ln.text:
                    break
                i += 1
        elif first is not None and not _is_field_line(first):
            i = first.index
            para_end = i
            while para_end < len(lines) and lines[para_end].text:
                para_end += 1
            a, b = first.start, lines[para_end - 1].end
            spans = _question_spans(self.text, a, b)
            i = para_end
        for a, b in spans:
            sec = make_section(self.text, "policy_question", _after_marker(self.text, a), b)
            if sec:
                self.doc.sections.append(sec)
                self.doc.policy_questions.append(sec.text)
        return i

    def finish(self) -> None:
        acronyms = pp.acronym_map(self.text)
        self.doc.participants = pp.tidy_participants(self.people, acronyms)
        if self.doc.duration_min is None and self.doc.start_utc and self.doc.end_utc:
            from datetime import datetime

            start = datetime.fromisoformat(self.doc.start_utc.replace("Z", "+00:00"))
            end = datetime.fromisoformat(self.doc.end_utc.replace("Z", "+00:00"))
            minutes = int((end - start).total_seconds() // 60)
            if 0 < minutes <= 24 * 60:
                self.doc.duration_min, self.doc.duration_source = minutes, "time_range"
        _drop_restated_items(self.doc)
        self.doc.sections.sort(key=lambda s: s.start_char)


#: Itemized fields: each item becomes its own section row.
_ITEMIZED = {
    "key_takeaways": "key_takeaway",
    "call_to_action": "call_to_action",
    "key_takeaways_summary": "key_takeaway" + "~restated",
    "call_to_action_summary": "call_to_action" + "~restated",
}
_RESTATED = "~restated"
#: Fields that end at a double blank line (their label covers one field's paragraphs).
_SINGLE_BLOCK = {name for name, _ in BODY_LABELS} - {"session_report"}


def _after_marker(text: str, pos: int) -> int:
    """Offset just past an item marker ('1.', 'b)') at ``pos``, so items hold no numbering."""
    m = _MARKER_AT.match(text, pos)
    return m.end() if m else pos


def _question_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    chunk = text[start:end]
    if chunk.count("?") < 2:
        return [(start, end)]
    spans, pos = [], 0
    for m in re.finditer(r"\?", chunk):
        spans.append((start + pos, start + m.end()))
        pos = m.end()
    if chunk[pos:].strip():
        spans[-1] = (spans[-1][0], end)
    return spans


def _drop_restated_items(doc: Document) -> None:
    """Pages print takeaways and calls to action twice: a numbered summary ('2 key
    takeaways') and the official field with the same points. Keep the official items when
    both exist, else the summary's."""
    for item in ("key_takeaway", "call_to_action"):
        restated = item + _RESTATED
        has_official = any(s.section == item for s in doc.sections)
        kept = []
        for sec in doc.sections:
            if sec.section == restated:
                if has_official:
                    continue
                sec.section = item
            kept.append(sec)
        doc.sections = kept


@register_parser("igf_session_page")
def parse_session_page(doc: Document) -> None:
    """Fill ``doc`` from an IGF session page."""
    parser = _SessionPageParser(doc)
    after_title = parser.parse_title()
    body_start = parser.parse_header_zone(after_title)
    parser.parse_body(body_start)
    parser.finish()
