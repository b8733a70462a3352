"""A linear pre-check of a feed's raw bytes that keeps feedparser's quadratic paths out of reach (issue 9).

feedparser 6.0.14 (no fixed release) spends quadratic time on three shapes of input:
- its author e-mail pattern (kurtmckee/feedparser#562) backtracks over every run of address
  characters in an author-like field: a run of n characters costs about n**2 steps;
- its strict parser looks up each attribute of an element with xml.sax's linear
  `getValueByQName`, so an element with n attributes costs n**2;
- attribute defaults declared in the feed's own DTD (`<!ATTLIST>`) are added by expat to every
  element of that name, which then has that many attributes.
Its DOCTYPE clean-up also runs lazy regular expressions over the whole prolog. This module looks at
the bytes once, with simple patterns (no nested quantifiers) and `bytes.find`, and either refuses
the feed, or empties an author field that would stall the e-mail pattern (the entry is kept, with a
warning). Every limit sits far above what a real feed has; each says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# The prolog (XML declaration, DOCTYPE, comments before the root element) of a real feed is a few
# hundred bytes; a DTD of 64 KB is already an attack on feedparser's prolog regexes and on expat.
MAX_PROLOG_BYTES = 64 * 1024
# Real feeds put at most a few dozen attributes (mostly xmlns declarations) on one element.
MAX_ATTRIBUTES = 256
# The longest run of e-mail characters a byline needs: an address is at most 254 characters (RFC 5321).
MAX_ADDRESS_RUN = 256
# Sum of squared run lengths over all author fields kept (~0.5 s of the e-mail pattern): a feed of
# 10,000 entries with "jane.doe@example.com (Jane Doe)" bylines uses about 2 million.
MAX_AUTHOR_WORK = 1 << 24

# Elements whose text feedparser hands to its e-mail pattern (author, dc:creator, dc:author,
# managingEditor, itunes:author; webMaster, dc:publisher, itunes:owner), and the entry elements.
_AUTHORISH = b"author|managingeditor|creator|webmaster|publisher|owner"
# One pass over the markup that matters: CDATA sections and comments are consumed whole (an unclosed
# one runs to the end, as it does for the parser), so tags written inside them are not counted.
_MARKUP = re.compile(rb"<!\[CDATA\[(?:[^\]]*(?:\](?!\]>)[^\]]*)*\]\]>|.*)"  # unrolled: no lazy scan per byte
                     rb"|<!--(?:[^-]*(?:-(?!->)[^-]*)*-->|.*)"
                     rb"|<(/?)(?:[A-Za-z_][\w.\-]*:)?((?i:" + _AUTHORISH + rb"|item|entry))(?=[\s/>])[^>]*>?",
                     re.DOTALL)
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_:]")  # as feedparser's replace_doctype splits off the prolog
_LONG_TAG = re.compile(rb"<[A-Za-z_:][^<>]{%d,}>" % (4 * MAX_ATTRIBUTES))  # n attributes need >= 4n bytes
_ATTRIBUTE = re.compile(rb"\s[^\s=<>\"']+\s*=\s*(?:\"[^\"]*\"|'[^']*')")
# Markup inside a field, one unit at a time (text on each side joins): CDATA gives its content,
# comments (an unclosed one to the end) and tags give nothing.
_MARKS = re.compile(rb"<!\[CDATA\[([^\]]*(?:\](?!\]>)[^\]]*)*)(?:\]\]>|\Z)"
                    rb"|<!--(?:[^-]*(?:-(?!->)[^-]*)*-->|.*)|<[^<>]*>", re.DOTALL)
_REFERENCE = re.compile(rb"&#?\w{1,32};")
_DECLARED_REFERENCE = re.compile(rb"&(?!#|amp;|lt;|gt;|quot;|apos;)\w")
_ADDRESS_RUN = re.compile(rb"[A-Za-z0-9_.+\-@]+")  # what the e-mail pattern's repeats can cover


@dataclass
class Guarded:
    """The bytes to hand to feedparser, or why the feed is refused, and warnings by entry number."""

    data: bytes
    refusal: str | None = None
    warnings: dict[int, list[str]] = field(default_factory=dict)  # 0: before the first entry


@dataclass(frozen=True, slots=True)
class _Field:
    """The content of one author-like element: byte span, entry number, and whether its close tag was seen."""

    start: int
    end: int
    entry: int
    closed: bool


def guard_feed(data: bytes) -> Guarded:
    """Refuse a feed shaped to make feedparser quadratic, or empty its runaway author fields."""
    refusal = _prolog_refusal(data) or _attribute_refusal(data)
    if refusal:
        return Guarded(data, refusal)
    return _guard_authors(data, declares_entities=b"<!ENTITY" in _prolog(data))


def _prolog(data: bytes) -> bytes:
    """Everything before the root element (where a DTD lives)."""
    first = _FIRST_ELEMENT.search(data)
    return data[: first.start()] if first else data


def _line(data: bytes, offset: int) -> int:
    """1-based line number of a byte offset."""
    return data.count(b"\n", 0, offset) + 1


def _prolog_refusal(data: bytes) -> str | None:
    """Why the prolog is refused: too long, or declaring attribute defaults (never seen in a real feed)."""
    prolog = _prolog(data)
    attlist = prolog.find(b"<!ATTLIST")
    if attlist >= 0:
        return f"line {_line(data, attlist)}: its DTD declares attribute defaults (<!ATTLIST>), which expat copies onto every element"
    if len(prolog) > MAX_PROLOG_BYTES:
        return f"its prolog (DOCTYPE) is {len(prolog):,} bytes before the first element (limit {MAX_PROLOG_BYTES:,})"
    return None


def _attribute_refusal(data: bytes) -> str | None:
    """Why an element is refused: more attributes than any real feed puts on one element."""
    for tag in _LONG_TAG.finditer(data):
        count = sum(1 for _ in _ATTRIBUTE.finditer(tag.group(0)))
        if count > MAX_ATTRIBUTES:
            name = re.match(rb"<([^\s/>]{1,64})", tag.group(0))
            label = name.group(1).decode("utf-8", "replace") if name else "?"
            return f"line {_line(data, tag.start())}: element <{label}> has {count:,} attributes (limit {MAX_ATTRIBUTES})"
    return None


def _author_fields(data: bytes) -> list[_Field]:
    """Spans of the outermost author-like elements, outside CDATA and comments, with their entry number."""
    fields: list[_Field] = []
    depth = entry = start = 0
    for match in _MARKUP.finditer(data):
        name = match.group(2)
        if name is None:  # a CDATA section or a comment
            continue
        closing = match.group(1) == b"/"
        if name.lower() in (b"item", b"entry"):
            entry += 0 if closing or depth else 1
        elif closing:
            if depth == 1:
                fields.append(_Field(start, match.start(), entry, True))
            depth = max(depth - 1, 0)
        elif not match.group(0).endswith(b"/>"):
            start = match.end() if depth == 0 else start
            depth += 1
    if depth:
        fields.append(_Field(start, len(data), entry, False))
    return fields


def _runs(content: bytes) -> list[int]:
    """Lengths of the runs the e-mail pattern would scan in a field's text (markup gone, references as one char)."""
    if b"<" in content or b"&" in content:  # most bylines are plain text: skip the rewrites
        content = _REFERENCE.sub(b"a", _MARKS.sub(lambda mark: mark.group(1) or b"", content))
    return [len(run) for run in _ADDRESS_RUN.findall(content)]


def _guard_authors(data: bytes, *, declares_entities: bool) -> Guarded:
    """Empty each author field the e-mail pattern would stall on; refuse the feed if the rest costs too much."""
    pieces: list[bytes] = []
    warnings: dict[int, list[str]] = {}
    kept = work = 0
    for found in _author_fields(data):
        content = data[found.start: found.end]
        runs = _runs(content)
        longest = max(runs, default=0)
        problem = None
        if longest > MAX_ADDRESS_RUN:
            problem = f"a run of {longest:,} address characters (limit {MAX_ADDRESS_RUN})"
        elif declares_entities and _DECLARED_REFERENCE.search(content):
            problem = "a reference to an entity of the feed's own DTD (its expansion is not bounded here)"
        if problem is None:
            work += sum(n * n for n in runs)
            continue
        line = _line(data, found.start)
        if not found.closed:
            return Guarded(data, f"line {line}: an unclosed author field holds {problem}")
        pieces += [data[kept: found.start]]
        kept = found.end
        warnings.setdefault(found.entry, []).append(
            f"author field at line {line} dropped ({problem}): feedparser's e-mail pattern is quadratic on it")
    if work > MAX_AUTHOR_WORK:
        return Guarded(data, f"its author fields hold too many address characters for feedparser's e-mail pattern "
                             f"({work:,} units, limit {MAX_AUTHOR_WORK:,})")
    if not pieces:
        return Guarded(data)
    return Guarded(b"".join([*pieces, data[kept:]]), warnings=warnings)
