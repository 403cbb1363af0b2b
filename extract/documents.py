"""Read input files into :class:`~stancegraph.extract.records.Document` records.

Inputs are files or folders of ``.txt``, ``.md``, ``.html``/``.htm`` (visible
text only) and ``.jsonl`` (one document a line). Every document's text is
normalised for the parser (Unicode NFKC, typographic quotes and dashes,
zero-width and control characters, runs of spaces) while a map back to the
original character offsets is kept, so that every offset in the output points
into the user's own text. A paragraph repeated inside a document counts once;
documents whose normalised text is identical count once.

A file that cannot be read is reported through ``on_error`` as an
:class:`~stancegraph.errors.InputError` (one line naming the file, and the line
for JSONL) and reading goes on with the next file.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from stancegraph.errors import InputError
from stancegraph.extract.records import Document, content_hash

__all__ = ["SUFFIXES", "read_documents", "normalise", "html_text", "decode"]

SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")

#: characters the parser reads better in plain ASCII
_REPLACE = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-",
    "\u2026": "...",
}  # fmt: skip
_DASHES = {"\u2013", "\u2014", "\u2015"}
#: invisible characters removed outright (zero-width, bidi controls, BOM, soft hyphen)
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_META = ("title", "date", "source", "url")
#: document field -> the JSONL keys it is read from, first found wins
_SPEAKER_META = {
    "speaker": ("speaker", "author"),
    "speaker_role": ("speaker_role", "speaker_post", "role"),
    "organization": ("organization", "organisation", "affiliation", "party", "country"),
}


def normalise(text: str) -> tuple[str, tuple[int, ...]]:
    """Normalise ``text`` for parsing; return it and the offset map.

    ``offsets[i]`` is the offset in ``text`` of normalised character ``i``;
    one extra entry maps the end. Paragraphs (split at blank lines or single
    line breaks) are separated by one blank line; a paragraph already seen in
    the text is dropped.

    >>> norm, offsets = normalise("“Stop,”  she said.\\n\\n“Stop,”  she said.")
    >>> norm
    '"Stop," she said.'
    >>> offsets[:3]
    (0, 1, 2)
    """
    paragraphs: list[tuple[str, list[int]]] = []
    parts: list[str] = []
    origin: list[int] = []
    space: int | None = None  # offset of a space to write before the next character

    def put(piece: str, at: int | range) -> None:
        nonlocal space
        if space is not None and parts:
            parts.append(" ")
            origin.append(space)
        space = None
        parts.append(piece)
        if isinstance(at, range):
            origin.extend(at)
        else:
            origin.extend([at] * len(piece))

    def close() -> None:
        nonlocal space, parts, origin
        if parts:
            paragraphs.append(("".join(parts), origin))
        parts, origin, space = [], [], None

    # Printable ASCII, the bulk of most texts, is copied in runs; every other
    # character (with the combining marks after it) is normalised on its own.
    pos, n = 0, len(text)
    while pos < n:
        if run := _ASCII_RUN.match(text, pos):
            end = run.end()
            if end < n and unicodedata.combining(text[end]):
                end -= 1  # its last letter carries the marks that follow: normalise together
            if end > pos:
                put(text[pos:end], range(pos, end))
                pos = end
                continue
        if run := _SPACE_RUN.match(text, pos):
            space = pos if space is None else space
            pos = run.end()
            continue
        end = pos + 1
        while end < n and unicodedata.combining(text[end]):
            end += 1
        for c in _normal_chars(text[pos:end]):
            if c == "\n":
                close()
            elif c == " ":
                space = pos if space is None else space
            else:
                put(c, pos)
        pos = end
    close()
    out_parts: list[str] = []
    out_origin: list[int] = []
    seen: set[str] = set()
    for paragraph, offsets in paragraphs:
        key = paragraph.casefold()
        if key in seen:
            continue
        seen.add(key)
        if out_parts:
            out_parts.append("\n\n")
            out_origin += [out_origin[-1] + 1] * 2
        out_parts.append(paragraph)
        out_origin += offsets
    out_origin.append(out_origin[-1] + 1 if out_origin else 0)
    return "".join(out_parts), tuple(out_origin)


#: printable ASCII words joined by single spaces: most of any text, copied as it is
_ASCII_RUN = re.compile(r"[!-~]+(?: [!-~]+)*")
_SPACE_RUN = re.compile(r"[ \t]+")


def _normal_chars(cluster: str) -> str:
    """One grapheme cluster, normalised: NFKC, ASCII quotes and dashes, no controls."""
    if cluster in _REPLACE:
        return f" {_REPLACE[cluster]} " if cluster in _DASHES else _REPLACE[cluster]
    if cluster in "\n\r\u2028\u2029\x0b\x0c\x85":
        return "\n"
    if _INVISIBLE.match(cluster):
        return ""
    cluster = unicodedata.normalize("NFKC", cluster)
    out = []
    for c in cluster:
        c = _REPLACE.get(c, c)
        category = unicodedata.category(c)
        if c.isspace():
            out.append(" ")
        elif category in ("Cc", "Cs", "Co", "Cn") or _INVISIBLE.match(c):
            continue
        else:
            out.append(c)
    return "".join(out)


_CONTROL_BYTES = bytes(c for c in range(32) if c not in b"\t\n\r\x0b\x0c\x1b")


def _looks_binary(sample: bytes) -> bool:
    r"""NUL bytes beyond a stray one, or many control bytes: not text.

    >>> _looks_binary(b"Norway\x07 rejected\x00 the quota."), _looks_binary(bytes(range(256)))
    (False, True)
    """
    if not sample:
        return False
    nuls = sample.count(0)
    controls = sum(sample.count(c) for c in _CONTROL_BYTES)
    return (nuls > 2 and nuls / len(sample) > 0.001) or controls / len(sample) > 0.1


def decode(data: bytes, path: str | Path) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252.

    Raises :class:`InputError` for binary data (NUL bytes outside UTF-16).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{path}: not valid UTF-16 text") from None
    if _looks_binary(data[:65536]):
        raise InputError(f"{path}: binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes Windows-1252 leaves undefined
        return data.decode("latin-1")


_SKIP_TAGS = {
    "script", "style", "noscript", "template", "svg", "math", "nav", "header", "footer",
    "aside", "form", "button", "select", "iframe", "object", "canvas", "head", "menu",
}  # fmt: skip
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "section", "article", "tr", "td", "th", "table", "pre", "hr", "dd", "dt", "figcaption",
    "main", "title",
}  # fmt: skip
_VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "wbr", "area", "base", "col", "source"}


class _VisibleText(HTMLParser):
    """Collect visible text with, for each character, its offset in the HTML source."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.chars: list[str] = []
        self.origin: list[int] = []
        self.skip_depth = 0
        self.stack: list[str] = []
        self.title: list[str] = []
        self.in_title = False

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _break(self) -> None:
        if self.chars and self.chars[-1] != "\n":
            self.chars.append("\n")
            self.origin.append(self._offset())

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP_TAGS:
            if tag not in _VOID_TAGS:
                self.skip_depth += 1
                self.stack.append(tag)
            return
        if tag == "title":
            self.in_title = True
        if tag in _BLOCK_TAGS:
            self._break()

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and tag in self.stack:
            while self.stack:
                self.skip_depth -= 1
                if self.stack.pop() == tag:
                    break
            return
        if tag == "title":
            self.in_title = False
        if tag in _BLOCK_TAGS:
            self._break()

    def _emit(self, text: str, offsets: Iterable[int]) -> None:
        if self.in_title:
            self.title.append(text)
            return
        if self.skip_depth:
            return
        for c, o in zip(text, offsets, strict=True):
            self.chars.append(c)
            self.origin.append(o)

    def handle_data(self, data: str) -> None:
        start = self._offset()
        self._emit(data, range(start, start + len(data)))

    def _ref(self, text: str) -> None:
        start = self._offset()
        self._emit(text, [start] * len(text))

    def handle_entityref(self, name: str) -> None:
        self._ref(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self._ref(html.unescape(f"&#{name};"))


def html_text(source: str) -> tuple[str, list[int], str | None]:
    """The visible text of an HTML page, each character's source offset, and its title.

    >>> text, offsets, title = html_text("<title>T</title><p>Hi &amp; bye</p><script>x()</script>")
    >>> text.strip(), title
    ('Hi & bye', 'T')
    """
    parser = _VisibleText(source)
    parser.feed(source)
    parser.close()
    title = " ".join("".join(parser.title).split()) or None
    return "".join(parser.chars), parser.origin, title


def _document(
    doc_id: str, original: str, path: str, *, visible: tuple[str, list[int]] | None = None, **meta
) -> Document | None:
    """Normalise a text into a Document; None when nothing readable is left."""
    if visible is None:
        text, offsets = normalise(original)
    else:
        shown, source_offsets = visible
        text, local = normalise(shown)
        # Map through the visible text back into the HTML source.
        end = source_offsets[-1] + 1 if source_offsets else 0
        offsets = tuple(source_offsets[o] if o < len(source_offsets) else end for o in local)
    if not text.strip():
        return None
    clean = {k: (str(v).strip() or None) if v is not None else None for k, v in meta.items()}
    return Document(
        doc_id, text, original, offsets, path=path, content_hash=content_hash(text), **clean
    )


def _read_text_file(path: Path, max_bytes: int | None = None) -> Iterator[Document]:
    original = decode(_read_bytes(path, max_bytes), path)
    if path.suffix.lower() in (".html", ".htm"):
        text, offsets, title = html_text(original)
        document = _document(path.stem, original, str(path), visible=(text, offsets), title=title)
    else:
        document = _document(path.stem, original, str(path))
    if document is None:
        raise InputError(f"{path}: no text")
    yield document


#: larger files are refused: a text this big is a dump, not a document (--max-document-mb)
MAX_DOCUMENT_BYTES = 10 * 2**20


def _read_bytes(path: Path, limit: int | None = None) -> bytes:
    limit = MAX_DOCUMENT_BYTES if limit is None else limit
    try:
        size = path.stat().st_size
        if size > limit and path.suffix.lower() != ".jsonl":
            raise InputError(
                f"{path}: too large for one document ({size / 2**20:.1f} MB > "
                f"{limit / 2**20:.0f} MB; raise --max-document-mb)"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read: {err.strerror or err}") from None


def _jsonl_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """The lines of a JSONL file, read as they come (the file may be larger than memory)."""
    try:
        with open(path, "rb") as f:
            yield from enumerate(f, 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read: {err.strerror or err}") from None


def _read_jsonl(
    path: Path, on_error: Callable[[InputError], None], max_bytes: int | None = None
) -> Iterator[Document]:
    """One document a line; a bad line is reported and skipped."""
    max_bytes = MAX_DOCUMENT_BYTES if max_bytes is None else max_bytes
    good = 0
    for lineno, raw in _jsonl_lines(path):
        if not raw.strip():
            continue
        if len(raw) > max_bytes:
            size = f"{len(raw) / 2**20:.1f} MB"
            on_error(InputError(f"{path}:{lineno}: too large for one document ({size}; "
                                "raise --max-document-mb)"))  # fmt: skip
            continue
        try:
            row = json.loads(decode(raw, f"{path}:{lineno}"))
        except InputError as err:
            on_error(err)
            continue
        except json.JSONDecodeError as err:
            on_error(InputError(f"{path}:{lineno}: not JSON: {err.msg}"))
            continue
        if not isinstance(row, dict):
            on_error(InputError(f"{path}:{lineno}: not a JSON object"))
            continue
        body = row.get("text")
        if not isinstance(body, str):
            problem = 'no "text"' if body is None else '"text" is not a string'
            on_error(InputError(f"{path}:{lineno}: {problem}"))
            continue
        doc_id = row.get("id")
        if isinstance(doc_id, (dict, list)) or doc_id is None or not str(doc_id).strip():
            doc_id = f"{path.stem}-{lineno}"
        meta = {k: row.get(k) for k in _META}
        meta = {k: v if isinstance(v, (str, int, float)) else None for k, v in meta.items()}
        for field, keys in _SPEAKER_META.items():
            value = next((row[k] for k in keys if isinstance(row.get(k), str) and row[k]), None)
            meta[field] = value
        document = _document(str(doc_id).strip(), body, f"{path}:{lineno}", **meta)
        if document is None:
            on_error(InputError(f"{path}:{lineno}: no text"))
            continue
        good += 1
        yield document
    if not good:
        on_error(InputError(f"{path}: no documents"))


def _expand(inputs: Iterable[str | Path], on_error: Callable[[InputError], None]) -> Iterator[Path]:
    """Input files in order: files as given, folders walked in name order."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.suffix.lower() in SUFFIXES and not p.name.startswith(".") and not p.is_dir()
            )  # fmt: skip
            if not found:
                on_error(InputError(f"{path}: no {', '.join(SUFFIXES)} files in this folder"))
            for file in found:
                if file.is_file():
                    yield file
                else:  # a dangling link, a socket ...
                    on_error(InputError(f"{file}: no such file, or not a regular file"))
        elif not path.exists():
            on_error(InputError(f"{path}: no such file or folder"))
        elif path.suffix.lower() not in SUFFIXES:
            on_error(InputError(f"{path}: unsupported file type (use {', '.join(SUFFIXES)})"))
        else:
            yield path


def read_documents(
    inputs: Iterable[str | Path],
    *,
    on_error: Callable[[InputError], None] | None = None,
    on_duplicate: Callable[[str, str], None] | None = None,
    max_bytes: int | None = None,
) -> Iterator[Document]:
    """Yield each document of ``inputs`` once, lazily, in input order.

    Identical documents (same normalised text) are yielded once; ``on_duplicate``
    gets the skipped id and the kept one. A document id already used by a
    different document gets a ``-2``, ``-3`` ... suffix. A document larger than
    ``max_bytes`` (:data:`MAX_DOCUMENT_BYTES` by default) is refused. Without
    ``on_error``, the first bad input raises.
    """

    def fail(err: InputError) -> None:
        if on_error is None:
            raise err
        on_error(err)

    seen_text: dict[str, str] = {}
    used_ids: set[str] = set()
    for path in _expand(inputs, fail):
        try:
            if path.suffix.lower() == ".jsonl":
                documents = _read_jsonl(path, fail, max_bytes)
            else:
                documents = _read_text_file(path, max_bytes)
            for document in documents:
                digest_key = document.content_hash
                if digest_key in seen_text:
                    if on_duplicate is not None:
                        on_duplicate(document.id, seen_text[digest_key])
                    continue
                doc_id, n = document.id, 2
                while doc_id in used_ids:
                    doc_id, n = f"{document.id}-{n}", n + 1
                used_ids.add(doc_id)
                seen_text[digest_key] = doc_id
                if doc_id != document.id:
                    document = replace(document, id=doc_id)
                yield document
        except InputError as err:
            fail(err)
