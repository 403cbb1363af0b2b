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
from the file as it is on disk at that moment, checked to parse to exactly the
entries intended, and written atomically (:func:`~stancegraph.graph.io.atomic_writer`).

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
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from stancegraph.errors import InputError, StancegraphError
from stancegraph.extract.curation import SCHEMA, Curation, read_curation_text
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

    def read(self) -> tuple[str, Curation]:
        """The file's text ("" if it does not exist) and its entries, checked."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return "", Curation((), str(self.path))
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(f"{self.path}: cannot read the curation file ({err})") from None
        return text, read_curation_text(text, self.path)

    def signature(self) -> tuple[int, int] | None:
        """What changes when the file does (modification time and size), None if missing."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return None
        return stat.st_mtime_ns, stat.st_size

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

    def write(self, text: str) -> None:
        """Replace the file's text atomically (hold :meth:`locked`)."""
        with atomic_writer(self.path) as f:
            f.write(text)


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


def _root(text: str) -> yaml.MappingNode | None:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
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
    items = yaml.safe_load(text[section.start_mark.index : section.end_mark.index]) or []
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
    items = yaml.safe_load(text[section.start_mark.index : section.end_mark.index])
    del items[index]
    start, end = section.start_mark.index, section.end_mark.index
    rest = _block(items) if items else ""
    return text[:start].rstrip(" ") + rest + text[end:]


def _rewritten(text: str, kind: str, add: Mapping[str, Any] | None, drop: int = -1) -> str:
    """The whole file dumped again (a layout that cannot be edited in place): comments go."""
    data = yaml.safe_load(text) or {}
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
