"""The curation file a review writes: entries added and removed in place, one writer at a time.

A curation file is the user's as much as the review's: they may have written
it by hand, with comments, and may open it while the review runs. So the
review edits its text rather than dumping its data again: a new entry is one
line (a YAML flow mapping) added at the end of its section, or a new section
at the end of the file; an entry undone is its lines taken out. Comments and
the order of everything else stay as they were. Only a layout this cannot
edit in place (a section written as ``[...]`` on one line) is written again,
that section alone, as a block list.

Every change is made under a lock (a thread lock and ``flock`` on
``.NAME.lock`` beside the file, so another review of the same file waits too),
from the file as it is on disk at that moment, and written atomically
(:func:`~stancegraph.graph.io.atomic_writer`). The edited text is parsed again
and checked to hold exactly the entries intended; except in the usual case,
where the entry is one line added after, or taken from among, entries that are
one line each: there the lines around the edit are checked, and the entries are
those of the file before, one more or one fewer, the lines after it shifted. A
review then costs the same whether the file holds ten entries or thousands.

>>> text = with_entry("version: 1\\n", "confirm", {"doc": "d1", "start": 0})
>>> print(text, end="")
version: 1
<BLANKLINE>
confirm:
  - {doc: d1, start: 0}
>>> print(without_entry(text, "confirm", 0), end="")
version: 1
<BLANKLINE>
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import re
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from stancegraph.errors import InputError, StancegraphError
from stancegraph.extract.curation import (
    SCHEMA,
    Correction,
    Curation,
    parse_curation,
    read_curation_text,
)
from stancegraph.graph.io import atomic_writer

__all__ = ["CurationFile", "check_edit", "entries_of", "fingerprint", "with_entry", "without_entry"]

HEADER = """\
# Corrections to a stancegraph build, applied again on every build:
#   stancegraph build INPUT... -o OUTDIR --curation THIS-FILE
# `stancegraph review OUTDIR --curation THIS-FILE` adds an entry for each action
# (with its time) and removes it on undo; edit by hand as you like.
# Every kind of entry: ontology/curation.example.yaml in stancegraph's sources.
"""

_LOCKS: dict[Path, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def fingerprint(kind: str, fields: Mapping[str, Any]) -> str:
    """A short stable name of an entry, to undo exactly that one.

    >>> a = fingerprint("confirm", {"doc": "d1", "start": 0})
    >>> a == fingerprint("confirm", {"start": 0, "doc": "d1"}), len(a)
    (True, 16)
    """
    text = json.dumps([kind, dict(fields)], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class CurationFile:
    """A YAML curation file that a review reads and changes (it need not exist yet)."""

    def __init__(self, path: str | Path):
        self.path = Path(path).absolute()
        if self.path.suffix.lower() == ".toml":
            raise StancegraphError(
                f"{self.path}: the review writes YAML; give a .yaml file (TOML is read by "
                "build --curation, but a review cannot add to it)"
            )
        if self.path.is_dir():
            raise StancegraphError(f"{self.path}: a folder, not a curation file")
        with _LOCKS_GUARD:
            self._thread_lock = _LOCKS.setdefault(self.path, threading.Lock())
        #: the signature, text and entries last read or written
        self._last: tuple[Any, str, Curation] | None = None

    def read(self) -> tuple[str, Curation]:
        """The file's text ("" if it does not exist) and its entries, checked; read again
        only when the file changed."""
        signature = self.signature()
        if self._last is not None and self._last[0] == signature:
            return self._last[1], self._last[2]
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return "", Curation((), str(self.path))
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(f"{self.path}: cannot read the curation file ({err})") from None
        curation = read_curation_text(text, self.path)
        self._last = (signature, text, curation)
        return text, curation

    def signature(self) -> tuple[int, int, int] | None:
        """What changes when the file does (a new file on each atomic write, a new time or
        size on an edit in place), None if it is missing."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return None
        return stat.st_ino, stat.st_mtime_ns, stat.st_size

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the file for one change: no other thread or process changes it meanwhile."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._thread_lock, open(self.path.parent / f".{self.path.name}.lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def added(self, kind: str, fields: Mapping[str, Any]) -> tuple[str, Curation]:
        """The file's text with one more entry, and the entries it then holds (hold
        :meth:`locked`; nothing is written)."""
        text, current = self.read()
        fast = _appended(text, current, kind, fields)
        if fast is not None:
            return fast
        new_text = with_entry(text, kind, fields)
        candidate = read_curation_text(new_text, self.path)
        check_edit(current, candidate, [*entries_of(current), (kind, dict(fields))])
        return new_text, candidate

    def removed(self, entry: str) -> tuple[Correction, str, Curation] | None:
        """The entry with fingerprint ``entry`` (the last, if several), the file's text
        without it and the entries it then holds (hold :meth:`locked`); None if the file
        has no such entry."""
        text, current = self.read()
        ordered = sorted(current.corrections, key=lambda c: c.order)
        found = [c for c in ordered if fingerprint(c.kind, c.fields) == entry]
        if not found:
            return None
        gone = found[-1]
        fast = _taken_out(text, current, gone)
        if fast is not None:
            return gone, *fast
        in_section = sum(1 for c in ordered if c.kind == gone.kind and c.order < gone.order)
        new_text = without_entry(text, gone.kind, in_section)
        candidate = read_curation_text(new_text, self.path)
        check_edit(current, candidate, [(c.kind, dict(c.fields)) for c in ordered if c != gone])
        return gone, new_text, candidate

    def write(self, text: str, curation: Curation) -> None:
        """Replace the file's text atomically (hold :meth:`locked`); ``curation`` is what
        it holds."""
        with atomic_writer(self.path) as f:
            f.write(text)
        self._last = (self.signature(), text, curation)


def entries_of(curation: Curation) -> list[tuple[str, dict]]:
    """(section, fields) of every entry, in file order."""
    ordered = sorted(curation.corrections, key=lambda c: c.order)
    return [(c.kind, dict(c.fields)) for c in ordered]


def _flow(fields: Mapping[str, Any]) -> str:
    """One entry as a one-line YAML flow mapping."""
    text = yaml.safe_dump(
        dict(fields), default_flow_style=True, sort_keys=False, allow_unicode=True, width=1 << 30
    )
    return text.strip()


def _section(root: yaml.MappingNode, kind: str) -> yaml.Node | None:
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == kind:
            return value
    return None


#: libyaml's parser where PyYAML has it: a file of a thousand entries in a tenth of the time
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _root(text: str) -> yaml.MappingNode | None:
    root = yaml.compose(text, Loader=_LOADER)
    if root is not None and not isinstance(root, yaml.MappingNode):
        raise InputError("a curation file is a mapping of sections")
    return root


def _last_end(node: yaml.Node) -> int:
    """Where the text of a node ends (block collections end where the next token starts,
    so their last leaf says it)."""
    while isinstance(node, yaml.SequenceNode | yaml.MappingNode) and not node.flow_style:
        if not node.value:
            break
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node.end_mark.index


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _block(items: list[Any], indent: str = "  ") -> str:
    return "".join(f"\n{indent}- {_flow(item)}" for item in items)


def with_entry(text: str, kind: str, fields: Mapping[str, Any]) -> str:
    """``text`` with one more entry at the end of section ``kind``."""
    if not text.strip():
        text = HEADER + "version: 1\n"
    root = _root(text)
    if not text.endswith("\n"):
        text += "\n"
    line = _flow(fields)
    section = None if root is None else _section(root, kind)
    if root is None or (section is None and not root.flow_style):
        return f"{text}\n{kind}:\n  - {line}\n"
    if section is None or root.flow_style:
        return _rewritten(text, kind, fields)
    if isinstance(section, yaml.SequenceNode) and not section.flow_style and section.value:
        last = section.value[-1]
        dash = text.rfind("-", 0, last.start_mark.index)
        indent = " " * (dash - _line_start(text, dash))
        at = _line_end(text, _last_end(last))
        return text[:at] + f"{indent}- {line}\n" + text[at:]
    # `kind:` with nothing, or a flow list: that section again as a block list
    items = yaml.load(text[section.start_mark.index : section.end_mark.index], Loader=_LOADER)
    items = items or []
    if not isinstance(items, list):
        raise InputError(f"{kind} must be a list of corrections")
    start, end = section.start_mark.index, section.end_mark.index
    return text[:start].rstrip(" ") + _block([*items, dict(fields)]) + text[end:]


def without_entry(text: str, kind: str, index: int) -> str:
    """``text`` without entry ``index`` (counting from 0) of section ``kind``."""
    root = _root(text)
    section = None if root is None else _section(root, kind)
    if not isinstance(section, yaml.SequenceNode) or not 0 <= index < len(section.value):
        raise InputError(f"no entry {index + 1} in {kind}")
    if root.flow_style:
        return _rewritten(text, kind, None, index)
    if not section.flow_style:
        item = section.value[index]
        dash = text.rfind("-", 0, item.start_mark.index)
        start = _line_start(text, dash)
        if len(section.value) == 1:  # the section goes with its last entry
            key = next(k for k, v in root.value if v is section)
            start = _line_start(text, key.start_mark.index)
        return text[:start] + text[_line_end(text, _last_end(item)) :]
    items = yaml.load(text[section.start_mark.index : section.end_mark.index], Loader=_LOADER)
    del items[index]
    start, end = section.start_mark.index, section.end_mark.index
    rest = _block(items) if items else ""
    return text[:start].rstrip(" ") + rest + text[end:]


def _rewritten(text: str, kind: str, add: Mapping[str, Any] | None, drop: int = -1) -> str:
    """The whole file dumped again (a layout that cannot be edited in place): comments go."""
    data = yaml.load(text, Loader=_LOADER) or {}
    entries = list(data.get(kind) or [])
    if drop >= 0:
        del entries[drop]
    if add is not None:
        entries.append(dict(add))
    data[kind] = entries
    out = [HEADER, f"version: {data.pop('version', 1)}\n"]
    for section in [k for k in SCHEMA if k in data] + [k for k in data if k not in SCHEMA]:
        out.append(f"\n{section}:" + _block(data[section] or []) + "\n")
    return "".join(out)


def check_edit(before: Curation, after: Curation, expected: list[tuple[str, dict]]) -> None:
    """Raise if an edited file does not hold exactly the entries intended, each section in
    its order (a safety net for the text editing above: the file is then not written)."""
    if _by_section(entries_of(after)) != _by_section(expected):
        raise StancegraphError(
            f"{before.source}: could not edit the curation file in place; nothing was written"
        )


def _by_section(entries: list[tuple[str, dict]]) -> dict[str, list[dict]]:
    sections: dict[str, list[dict]] = {}
    for kind, fields in entries:
        sections.setdefault(kind, []).append(fields)
    return sections


# ---- the usual case, without parsing the whole file again ---------------------------------

_ITEM = re.compile(r"^( *)- +\{")


class _Lined(dict):
    """An entry and its line, as :func:`parse_curation` reads lines (a ``line`` attribute)."""

    line: int | None = None


def _line(c: Correction) -> int | None:
    """The line a correction is on, from its ``where`` (``FILE:LINE``)."""
    line = c.where.rpartition(":")[2]
    return int(line) if line.isdigit() else None


def _whole_on(lines: list[str], c: Correction, source: str) -> str | None:
    """The indent of ``c``'s ``- {...}`` if all of it is on its line, else None."""
    line = _line(c)
    if line is None or not 0 < line <= len(lines):
        return None
    found = _ITEM.match(lines[line - 1])
    if found is None:
        return None
    try:
        alone = parse_curation({c.kind: yaml.load(lines[line - 1], Loader=_LOADER)}, source)
    except (yaml.YAMLError, InputError, TypeError):
        return None
    if [dict(x.fields) for x in alone.corrections] != [dict(c.fields)]:
        return None
    return found.group(1)


def _rebuilt(current: Curation, changes: dict[int, int], added: tuple | None) -> Curation:
    """The entries of ``current`` with their lines moved (``changes``: from line on, by how
    many; a correction moved to line 0 is gone), and ``added`` (kind, fields, line)."""
    from_line, by = next(iter(changes.items()))
    sections: dict[str, list] = {}
    for c in sorted(current.corrections, key=lambda c: c.order):
        line = _line(c)
        if by < 0 and line == from_line:
            continue  # the entry taken out
        entry = _Lined(c.fields)
        entry.line = line + by if line > from_line or (by > 0 and line == from_line) else line
        sections.setdefault(c.kind, []).append(entry)
        if added is not None and c.kind == added[0] and line == from_line - 1:
            new = _Lined(added[1])
            new.line = from_line
            sections[c.kind].append(new)
    return parse_curation({"version": 1, **sections}, current.source)


def _appended(
    text: str, current: Curation, kind: str, fields: Mapping[str, Any]
) -> tuple[str, Curation] | None:
    """``text`` with the entry added as a line after the last of its section, when that one
    is all on one line; else None."""
    same = [c for c in current.corrections if c.kind == kind]
    if not same or not text.endswith("\n"):
        return None
    last = max(same, key=lambda c: c.order)
    lines = text.splitlines(keepends=True)
    indent = _whole_on(lines, last, current.source)
    if indent is None:
        return None
    at = _line(last)  # the new entry goes on line at + 1
    line = f"{indent}- {_flow(fields)}\n"
    if _whole_on([*lines[:at], line], Correction(kind, dict(fields), f"x:{at + 1}"), "x") is None:
        return None
    candidate = _rebuilt(current, {at + 1: 1}, (kind, dict(fields)))
    return "".join([*lines[:at], line, *lines[at:]]), candidate


def _taken_out(text: str, current: Curation, gone: Correction) -> tuple[str, Curation] | None:
    """``text`` without the line of ``gone``, when it is all on that line and its section
    keeps other entries; else None."""
    if sum(c.kind == gone.kind for c in current.corrections) < 2:
        return None  # the section goes too: the full way
    lines = text.splitlines(keepends=True)
    if _whole_on(lines, gone, current.source) is None:
        return None
    at = _line(gone)
    return "".join(lines[: at - 1] + lines[at:]), _rebuilt(current, {at: -1}, None)
