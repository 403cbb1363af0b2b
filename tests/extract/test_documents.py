"""Reading inputs: formats, normalisation with an offset map, de-duplication, bad files."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stancegraph.errors import InputError
from stancegraph.extract.documents import decode, html_text, normalise, read_documents
from stancegraph.extract.records import Document


def read_all(*inputs):
    errors, duplicates = [], []
    docs = list(
        read_documents(
            inputs, on_error=errors.append, on_duplicate=lambda a, b: duplicates.append((a, b))
        )
    )
    return docs, [str(e) for e in errors], duplicates


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u201cNo,\u201d he said \u2014 twice.", '"No," he said - twice.'),
        ("caf\u0065\u0301 au lait", "caf\u00e9 au lait"),
        ("zero\u200bwidth and\u00a0nbsp", "zerowidth and nbsp"),
        ("bidi \u202eevil\u202c text", "bidi evil text"),
        ("ctrl\x07 char\x00s", "ctrl chars"),
        ("  lots   of\tspace  ", "lots of space"),
        ("\ufb01nance", "finance"),
    ],
)
def test_normalise_text(raw, expected):
    assert normalise(raw)[0] == expected


def test_normalise_offsets_point_into_original():
    raw = "\u201cStop,\u201d  said  Ana.\n\nShe left \u2014 angry."
    text, offsets = normalise(raw)
    for word in ("Stop", "said", "Ana", "She", "angry"):
        i = text.index(word)
        start, end = offsets[i], offsets[i + len(word) - 1] + 1
        assert raw[start:end] == word


def test_a_span_ending_in_a_composed_letter_keeps_its_marks_in_the_original():
    raw = "Norway rejected Jose\u0301"
    text, offsets = normalise(raw)
    document = Document("d", text, raw, offsets)
    start, end = document.to_original(0, len(text))
    assert raw[start:end] == raw and normalise(raw[start:end])[0] == text


def test_normalise_repeated_paragraph_counts_once():
    para = "The council voted to close the mine."
    text, _ = normalise(f"{para}\n\nSomething else happened.\n\n{para}\n")
    assert text.count("close the mine") == 1
    assert "Something else" in text


@given(st.text())
def test_normalise_any_text_gives_a_valid_map(raw):
    text, offsets = normalise(raw)
    assert len(offsets) == len(text) + 1
    assert all(0 <= o <= len(raw) for o in offsets)
    assert list(offsets) == sorted(offsets)
    for i, c in enumerate(text):
        if c.isalnum() and raw[offsets[i]].isascii() and raw[offsets[i]].isalnum():
            assert raw[offsets[i]].casefold() == c.casefold()


def test_html_visible_text_only():
    page = (
        "<html><head><title>Talks &amp; more</title><style>p{color:red}</style></head>"
        "<body><nav>Home | World</nav><script>var x = 'hidden';</script>"
        "<p>Chile rejected the plan.</p><footer>Cookies</footer></body></html>"
    )
    text, offsets, title = html_text(page)
    assert title == "Talks & more"
    assert "Chile rejected the plan." in text
    for hidden in ("hidden", "Home", "Cookies", "color"):
        assert hidden not in text
    i = text.index("Chile")
    assert page[offsets[i] : offsets[i] + 5] == "Chile"


def test_read_formats_and_ids(tmp_path):
    (tmp_path / "a.txt").write_text("Norway rejected the quota.", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Note\n\nChile backed the fund.", encoding="utf-8")
    (tmp_path / "c.html").write_text("<p>Japan &amp; Brazil met.</p>", encoding="utf-8")
    rows = [
        {"id": "s1", "text": "We call for peace.", "speaker": "Ana Lima", "date": "2024-09-24"},
        {"id": "s2", "text": "We oppose the tax.", "author": "Bo Berg", "title": "Op-ed"},
    ]
    (tmp_path / "d.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    docs, errors, _ = read_all(tmp_path)
    assert not errors
    by_id = {d.id: d for d in docs}
    assert set(by_id) == {"a", "b", "c", "s1", "s2"}
    assert by_id["c"].text == "Japan & Brazil met."
    assert by_id["s1"].speaker == "Ana Lima" and by_id["s1"].date == "2024-09-24"
    assert by_id["s2"].speaker == "Bo Berg" and by_id["s2"].title == "Op-ed"


def test_read_identical_documents_count_once(tmp_path):
    (tmp_path / "a.txt").write_text("Norway rejected the quota.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Norway  rejected the quota.\n", encoding="utf-8")
    docs, _, duplicates = read_all(tmp_path)
    assert [d.id for d in docs] == ["a"]
    assert duplicates == [("b", "a")]


def test_read_jsonl_bad_lines_reported_with_line_numbers(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": "ok", "text": "Chile backed the fund."}),
                "{not json",
                json.dumps({"id": "no-text"}),
                json.dumps({"id": "num", "text": 42}),
                json.dumps(["a list"]),
            ]
        ),
        encoding="utf-8",
    )
    docs, errors, _ = read_all(path)
    assert [d.id for d in docs] == ["ok"]
    assert [e.split(": ", 1)[0] for e in errors] == [f"{path}:{n}" for n in (2, 3, 4, 5)]
    assert all("\n" not in e for e in errors)


def test_read_bad_files_reported_and_others_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Norway rejected the quota.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    docs, errors, _ = read_all(tmp_path / "empty.txt", tmp_path / "binary.txt",
                               tmp_path / "missing.txt", good)  # fmt: skip
    assert [d.id for d in docs] == ["good"]
    assert len(errors) == 3
    for name, problem in (("empty.txt", "no text"), ("binary.txt", "binary"),
                          ("missing.txt", "no such file")):  # fmt: skip
        assert any(name in e and problem in e for e in errors), errors


def test_read_without_handler_raises_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(read_documents([tmp_path / "nope.txt"]))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Caf\u00e9 \u201cquoted\u201d".encode("cp1252"), "Caf\u00e9 \u201cquoted\u201d"),
        ("na\u00efve".encode("latin-1"), "na\u00efve"),
        ("\ufeffBOM text".encode(), "BOM text"),
        ("UTF-16 text".encode("utf-16"), "UTF-16 text"),
    ],
)
def test_decode_encodings(data, expected):
    assert decode(data, "f.txt") == expected


def test_read_jsonl_speaker_metadata(tmp_path):
    row = {"id": "s", "text": "We call for peace.", "speaker": "Ana Lima",
           "speaker_post": "President", "country": "Brazil"}  # fmt: skip
    (tmp_path / "s.jsonl").write_text(json.dumps(row), encoding="utf-8")
    (doc,), _, _ = read_all(tmp_path)
    assert (doc.speaker, doc.speaker_role, doc.organization) == ("Ana Lima", "President", "Brazil")


def test_read_jsonl_text_with_line_separator_characters(tmp_path):
    row = {"id": "s", "text": "First part.\u2028Second part.\u2029Third part. Done."}
    (tmp_path / "s.jsonl").write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
    (doc,), errors, _ = read_all(tmp_path)
    assert not errors and "Second part." in doc.text
