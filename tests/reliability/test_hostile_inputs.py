"""Whatever scrapers bring back: each bad input is one clear line, the good ones are built."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = "Norway rejected the fishing quota on Monday."


def cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "stancegraph.cli", *map(str, args)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def statements(out: Path) -> list[dict]:
    return [json.loads(x) for x in (out / "statements.jsonl").read_text().splitlines()]


# name -> (bytes to write, problem expected on stderr, or None when the file is built)
READABLE = {
    "cp1252.txt": ("Chile rejected the caf\u00e9 \u201ctax\u201d.".encode("cp1252"), None),
    "latin1.txt": ("Brazil rejected the na\u00efve plan \u00e0 la carte.".encode("latin-1"), None),
    "unicode.txt": (
        "\u202eJapan\u202c rejected the\u200b tariff. Caf\u0065\u0301 ta\u0308x "
        "\u05e9\u05dc\u05d5\u05dd.".encode(),
        None,
    ),  # fmt: skip
    "control.txt": (b"Norway\x07 rejected\x00 the\x1b[31m quota.\x0c", None),
    "long-line.txt": (("Norway rejected the quota and " * 3400 + "Chile agreed.").encode(), None),
    "page.html": (
        b"<html><head><style>p{}</style><script>alert('x')</script></head><body><nav>Menu</nav>"
        b"<p>Japan rejected the whaling ban.</p><script>var secret = 1;</script></body></html>",
        None,
    ),
}
UNREADABLE = {
    "empty.txt": (b"", "no text"),
    "binary.txt": (bytes(range(256)) * 40, "binary"),
    "image.md": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "binary"),
}


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("in")
    for name, (data, _) in {**READABLE, **UNREADABLE}.items():
        (folder / name).write_bytes(data)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    rows = [
        json.dumps({"id": "ok", "text": "Chile backed the fund."}),
        "{broken",
        json.dumps({"id": "no-text"}),
        json.dumps({"id": 7, "text": ["not", "text"]}),
        json.dumps({"id": {"x": 1}, "text": "Japan backed the fund.", "date": [2024]}),
    ]
    (folder / "feed.jsonl").write_text("\n".join(rows), encoding="utf-8")
    (folder / "dir.txt").mkdir()
    os.symlink(folder / "nowhere.txt", folder / "dangling.txt")
    big = folder.parent / "huge.txt"
    with open(big, "wb") as f:
        f.write(b"Norway rejected the quota. " * (50 * 2**20 // 27 + 1))  # 50 MB
    out = tmp_path_factory.mktemp("out")
    result = cli("build", folder, big, folder / "missing.txt", "-o", out, "--quiet")
    return folder, big, out, result


def test_hostile_good_files_are_built(hostile_build):
    _, _, out, result = hostile_build
    assert result.returncode == 3, result.stderr
    docs = {s["doc"] for s in statements(out)}
    assert {"good", "cp1252", "latin1", "page", "unicode", "control", "ok"} <= docs
    read = {json.loads(x)["id"] for x in (out / "documents.jsonl").read_text().splitlines()}
    assert {"long-line", "feed-5"} <= read  # read; an unpunctuated line yields no statement


def test_hostile_each_bad_input_is_one_line(hostile_build):
    folder, big, _, result = hostile_build
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    expected = {
        "empty.txt": "no text",
        "binary.txt": "binary",
        "image.md": "binary",
        "dangling.txt": "no such file",
        "missing.txt": "no such file",
        "huge.txt": "too large",
        "feed.jsonl:2": "not JSON",
        "feed.jsonl:3": 'no "text"',
        "feed.jsonl:4": '"text" is not a string',
    }
    for where, problem in expected.items():
        found = [x for x in lines if f"{where}:" in x or x.split(": ")[0].endswith(where)]
        assert len(found) == 1 and problem in found[0], (where, lines)
    assert len(lines) == len(expected)


def test_hostile_html_keeps_visible_text_only(hostile_build):
    _, _, out, _ = hostile_build
    page = [s for s in statements(out) if s["doc"] == "page"]
    assert page and all(
        "alert" not in s["evidence"] and "secret" not in s["evidence"] for s in page
    )


def test_hostile_offsets_point_into_the_original_files(hostile_build):
    from stancegraph.extract.documents import decode, normalise

    folder, _, out, _ = hostile_build
    for s in statements(out):
        path = folder / f"{s['doc']}.txt"
        if not path.exists():
            continue
        original = decode(path.read_bytes(), path)
        said = normalise(original[s["start"] : s["end"]])[0].strip()  # what was said
        assert said and said in s["evidence"]


def test_hostile_debug_shows_the_traceback(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix broken", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    quiet = cli("build", good, "-o", tmp_path / "o", "--positions", bad)
    loud = cli("--debug", "build", good, "-o", tmp_path / "o", "--positions", bad)
    assert quiet.returncode == 1 and "Traceback" not in quiet.stderr
    assert "Traceback" in loud.stderr
