"""The review in headless Chromium, on a build of the seed articles: actions in the page land in
the curation file, and a build with that file gives the tables the review showed.

Needs Debian's ``chromium`` and ``chromium-driver`` (the ``browser`` fixture of tests/conftest.py)
and the spaCy model (the seed build of tests/conftest.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from stancegraph.cli import main
from stancegraph.graph.tables import TABLES, write_tables
from stancegraph.pipeline import build
from stancegraph.review.server import start_review

pytestmark = pytest.mark.browser

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
PWN = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'


@pytest.fixture
def served(seeds_report, tmp_path):
    """A review of the seed build, its corrections going to a file of the test's own."""
    server = start_review(seeds_report.outdir, tmp_path / "fixes.yaml")
    yield server
    server.close()


def ready(browser) -> None:
    WebDriverWait(browser, 15).until(
        lambda d: d.execute_script(
            "return !!(window.stancegraphReview && window.stancegraphReview.ready())"
        )
    )


def open_page(browser, server) -> None:
    browser.get_log("browser")  # forget earlier pages' messages
    browser.get(server.url)
    ready(browser)
    assert browser.current_url == f"{server.base_url}/"  # the token went into a cookie


def click(browser, element) -> None:
    """Click and wait until the page has shown the result."""
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()
    ready(browser)
    status = browser.find_element(By.ID, "status")
    assert "bad" not in (status.get_attribute("class") or ""), status.text


def first(browser, css: str):
    return browser.find_elements(By.CSS_SELECTOR, css)[0]


def shown_statements(browser) -> list[dict]:
    """Every statement the page lists, as the page's own script gets them."""
    return browser.execute_async_script(
        """const done = arguments[0];
        fetch('/api/statements?limit=200&sort=document').then(r => r.json())
          .then(d => done(d.rows), e => done(String(e)));"""
    )


def merge_in_page(browser, keep: str, other_label: str) -> None:
    """Open ``keep``'s panel from a statement of it and merge the other actor into it."""
    browser.find_element(By.ID, "f-actor").find_element(
        By.CSS_SELECTOR, f'option[value="{keep}"]'
    ).click()
    ready(browser)
    click(browser, first(browser, "button.actor-link"))
    WebDriverWait(browser, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, f'.actor-panel[data-id="{keep}"]')
    )
    panel = browser.find_element(By.ID, "panel")
    panel.find_element(By.CSS_SELECTOR, 'input[aria-label="actor to merge"]').send_keys(other_label)
    merge = [b for b in panel.find_elements(By.TAG_NAME, "button") if b.text == "Merge into this"]
    click(browser, merge[0])
    browser.find_element(By.ID, "f-reset").click()
    ready(browser)


def two_actors_apart(review) -> tuple[str, str]:
    """Two actors with statements that share no sentence (so merging makes none one)."""
    view = review.refresh()
    sentences: dict[str, set] = {}
    for st in view.extraction.statements:
        if st.actor_id:  # a claim of no actor has none to merge
            sentences.setdefault(st.actor_id, set()).add((st.doc, st.start))
    ranked = sorted(sentences, key=lambda a: (-len(sentences[a]), a))
    return next((a, b) for a in ranked for b in ranked if a < b and not sentences[a] & sentences[b])


def same_tables(shown_extraction, outdir: Path, tmp_path: Path) -> None:
    """The tables of what the review shows are, byte for byte, those of the build."""
    write_tables(shown_extraction, tmp_path / "shown")
    for name in TABLES:
        assert (tmp_path / "shown" / name).read_bytes() == (outdir / name).read_bytes(), name


def test_review_seeds_confirm_five_flip_one_merge_two(browser, served, tmp_path, capsys):
    open_page(browser, served)
    for _ in range(5):
        click(browser, first(browser, "article.statement.unreviewed button.confirm"))
    card = first(browser, "article.statement.unreviewed")
    flip = card.find_elements(By.CSS_SELECTOR, "button.set-polarity:not([disabled])")[0]
    flipped = (card.get_attribute("data-id"), flip.get_attribute("data-polarity"))
    click(browser, flip)
    keep, other = two_actors_apart(served.review)
    merge_in_page(browser, keep, served.review.view.actors[other].label)

    fixes = yaml.safe_load((tmp_path / "fixes.yaml").read_text(encoding="utf-8"))
    assert [len(fixes[k]) for k in ("confirm", "set_polarity", "merge_actors")] == [5, 1, 1]
    assert fixes["set_polarity"][0]["polarity"] == flipped[1]
    assert fixes["merge_actors"][0]["actors"] == [keep, other]
    assert all(e["time"] for k in ("confirm", "set_polarity", "merge_actors") for e in fixes[k])
    counts = browser.find_element(By.ID, "counts").text
    assert "5 confirmed · 1 corrected" in counts

    # The build with the curation file gives exactly the tables the review showed.
    shown = shown_statements(browser)
    rebuilt = build([SEEDS], tmp_path / "rebuilt", curation=tmp_path / "fixes.yaml")
    assert rebuilt.curation.stale == []
    rows = [json.loads(x) for x in (tmp_path / "rebuilt" / "statements.jsonl").open()]
    key = ("doc", "start", "actor_id", "polarity", "position_id", "predicate")
    assert sorted(tuple(r[k] for k in key) for r in shown) == sorted(
        tuple(r[k] for k in key) for r in rows
    )
    assert other not in {r["actor_id"] for r in rows}
    same_tables(served.review.view.extraction, tmp_path / "rebuilt", tmp_path)

    assert main(["review", str(served.review.outdir), "--curation",
                 str(tmp_path / "fixes.yaml"), "--report"]) == 0  # fmt: skip
    report = capsys.readouterr().out
    assert ": 6 reviewed statements of " in report.splitlines()[0]
    assert ", 5 confirmed, 1 corrected" in report.splitlines()[0]


def test_review_flip_merge_undo_then_rebuild(browser, served, tmp_path):
    open_page(browser, served)
    card = first(browser, "article.statement")
    before = card.find_element(By.CSS_SELECTOR, ".polarity").text
    target = card.get_attribute("data-id")
    click(browser, card.find_elements(By.CSS_SELECTOR, "button.set-polarity:not([disabled])")[0])
    flipped = [c for c in browser.find_elements(By.CSS_SELECTOR, "article.statement.corrected")]
    assert (
        len(flipped) == 1 and flipped[0].find_element(By.CSS_SELECTOR, ".polarity").text != before
    )
    keep, other = two_actors_apart(served.review)
    merge_in_page(browser, keep, served.review.view.actors[other].label)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#entries li")) == 2

    # Undo the polarity (from the list of corrections), keep the merge.
    entry = [li for li in browser.find_elements(By.CSS_SELECTOR, "#entries li")
             if li.text.startswith("set polarity")][0]  # fmt: skip
    click(browser, entry.find_element(By.CSS_SELECTOR, "button.undo"))
    fixes = yaml.safe_load((tmp_path / "fixes.yaml").read_text(encoding="utf-8"))
    assert list(fixes) == ["version", "merge_actors"]
    assert not browser.find_elements(By.CSS_SELECTOR, "article.statement.corrected")
    cards = browser.find_elements(By.CSS_SELECTOR, f'article.statement[data-id="{target}"]')
    assert cards and cards[0].find_element(By.CSS_SELECTOR, ".polarity").text == before
    assert served.review.view.actors[keep].label in browser.find_element(By.ID, "panel").text
    assert other not in {a["id"] for a in browser.execute_async_script(
        "fetch('/api/facets').then(r => r.json()).then(s => arguments[0](s.actors))")}  # fmt: skip

    rebuilt = build([SEEDS], tmp_path / "rebuilt", curation=tmp_path / "fixes.yaml")
    same_tables(served.review.view.extraction, tmp_path / "rebuilt", tmp_path)
    # Reviewing the curated build starts from its uncurated copy and shows the same.
    again = start_review(rebuilt.outdir)
    try:
        assert again.review.file.path == (tmp_path / "fixes.yaml").absolute()
        same_tables(again.review.view.extraction, tmp_path / "rebuilt", tmp_path)
    finally:
        again.close()
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def test_review_panels_show_charts_and_the_graph_page_opens(browser, served):
    open_page(browser, served)
    click(browser, first(browser, "button.actor-link"))
    chart = WebDriverWait(browser, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".actor-panel img.chart")
    )[0]
    WebDriverWait(browser, 10).until(lambda d: d.execute_script(
        "return arguments[0].complete && arguments[0].naturalWidth > 0", chart))  # fmt: skip
    click(browser, first(browser, "button.position-link"))
    panel = WebDriverWait(browser, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".position-panel")
    )[0]
    assert panel.find_elements(By.CSS_SELECTOR, "img.chart")
    browser.get(f"{served.base_url}/graph")
    WebDriverWait(browser, 15).until(
        lambda d: d.execute_script("return !!(window.stancegraph && window.stancegraph.ready())")
    )
    assert browser.execute_script("return window.stancegraph.visibleCounts()")["nodes"] > 0
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def test_review_page_runs_no_injected_script(browser, review_build, tmp_path):
    server = start_review(review_build(hostile=PWN), tmp_path / "fixes.yaml")
    try:
        open_page(browser, server)
        assert PWN in browser.find_element(By.ID, "statements").text  # shown as text
        norway = [b for b in browser.find_elements(By.CSS_SELECTOR, "button.actor-link")
                  if b.text.startswith("Norway")][0]  # fmt: skip
        click(browser, norway)
        WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".actor-panel"))
        assert browser.find_element(By.ID, "panel").text.startswith("Norway" + PWN)
        assert browser.execute_script("return typeof window.__pwned") == "undefined"
        images = browser.find_elements(By.TAG_NAME, "img")
        assert [i.get_attribute("class") for i in images] == ["chart"]
    finally:
        server.close()


def test_review_refuses_a_cross_site_write(browser, served, tmp_path):
    open_page(browser, served)  # the browser holds the review's cookie
    sid = first(browser, "article.statement").get_attribute("data-id")
    browser.get("data:text/html,<p>another site</p>")
    browser.execute_async_script(
        """const done = arguments[arguments.length - 1];
        fetch(arguments[0] + '/api/action', {method: 'POST', mode: 'no-cors',
              credentials: 'include', headers: {'Content-Type': 'text/plain'},
              body: JSON.stringify({action: 'confirm', statement: arguments[1]})})
          .then(() => done('sent'), e => done(String(e)));""",
        served.base_url,
        sid,
    )
    assert not (tmp_path / "fixes.yaml").exists()
