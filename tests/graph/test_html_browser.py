"""The page in headless Chromium: it draws, filters, searches, and runs no injected script.

Needs Debian's ``chromium`` and ``chromium-driver`` (the ``browser`` fixture of tests/conftest.py);
without them these tests fail rather than skip.
"""

from __future__ import annotations

import networkx as nx
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from stancegraph.graph.html import write_html
from stancegraph.graph.network_html import write_network_html
from stancegraph.graph.networks import actor_position_network, conflict_network

pytestmark = pytest.mark.browser

PWN_IMG = '<img src=x onerror="window.__pwned=1">'
PWN_SCRIPT = "</script><script>window.__pwned=1</script>"

ACTORS = [  # id, label, type, aliases, wikidata
    ("norway", "Norway", "State", ["Kingdom of Norway"], "Q20"),
    ("chile", "Chile", "State", [], "Q298"),
    ("brazil", "Brazil", "State", [], "Q155"),
    ("japan", "Japan", "State", [], "Q17"),
    ("who", "World Health Organization", "Organization", ["WHO"], "Q7817"),
    ("eu", "European Union", "Organization", ["EU"], "Q458"),
    ("opec", "OPEC", "Organization", [], "Q7795"),
    ("ana", "Ana Lima", "Person", ["Ana Lyma"], None),
    ("jonas", "Jonas Berg", "Person", [], None),
    ("maria", "Maria Kowalczyk", "Person", [], None),
    ("greenpeace", "Greenpeace", "Group", [], "Q81307"),
    ("farmers", "Farmers' Union", "Group", [], None),
]
STANCES = [  # actor, position, polarity, predicate, sentences
    ("norway", "Carbon tax", "support", "demands", 3),
    ("norway", "Carbon tax", "neutral", "says", 1),
    ("chile", "Carbon tax", "oppose", "rejects", 2),
    ("jonas", "Carbon tax", "support", "defends", 1),
    ("brazil", "Deep-sea mining ban", "oppose", "rejects", 1),
    ("greenpeace", "Deep-sea mining ban", "support", "demands", 4),
    ("chile", "Deep-sea mining ban", "neutral", "says", 1),
    ("who", "Pandemic treaty", "support", "calls_for", 5),
    ("japan", "Pandemic treaty", "neutral", "says", 1),
    ("eu", "Fishing quotas", "support", "proposes", 2),
    ("norway", "Fishing quotas", "oppose", "rejects", 2),
    ("farmers", "Fuel subsidies", "support", "demands", 3),
    ("eu", "Fuel subsidies", "oppose", "criticises", 1),
    ("opec", "Fuel subsidies", "support", "backs", 1),
    ("japan", "Tariffs on steel", "oppose", "rejects", 2),
    ("eu", "Tariffs on steel", "support", "proposes", 1),
    ("ana", "Ceasefire", "support", "calls_for", 2),
    ("maria", "Debt relief", "support", "demands", 1),
    ("brazil", "Debt relief", "support", "backs", 2),
]
ROLES = [
    ("ana", "brazil", "leader_of", "President"),
    ("jonas", "norway", "spokesperson_of", "spokesman"),
    ("maria", "farmers", "leader_of", "chair"),
]


def position_id(label: str) -> str:
    return "position:" + label.lower().replace(" ", "-")


def example_graph() -> nx.MultiDiGraph:
    """Twelve actors, eight positions, nineteen stances and three roles from six reports."""
    G = nx.MultiDiGraph()
    for i in range(6):
        G.add_node(
            f"document:d{i}",
            kind="document",
            label=f"Wire report {i + 1}",
            date=f"2024-0{i + 1}-15",
            source="wire",
            url=f"https://example.org/{i}",
        )
    for actor_id, label, kind, aliases, qid in ACTORS:
        G.add_node(
            f"actor:{actor_id}",
            kind="actor",
            label=label,
            type=kind,
            aliases=aliases,
            wikidata=qid,
            mentions=len(label),
            description="",
        )
    for _, label, *_ in STANCES:
        G.add_node(
            position_id(label),
            kind="position",
            label=label,
            alt_labels=[],
            iri=None,
            in_catalogue=True,
            definition=f"A policy: {label.lower()}.",
        )
    for n, (actor, label, polarity, predicate, count) in enumerate(STANCES):
        cue = predicate.replace("_", " ")
        evidence = [
            {
                "doc": f"d{(n + k) % 6}",
                "start": k,
                "end": k + 40,
                "confidence": 0.9 - 0.1 * k,
                "sentence": f"{actor.title()} {cue} the {label.lower()}, officials said.",
                "date": f"2024-0{(n + k) % 6 + 1}-15",
                "cue": cue,
            }
            for k in range(count)
        ]
        G.add_edge(
            f"actor:{actor}",
            position_id(label),
            f"{polarity}:{predicate}",
            kind="stance",
            polarity=polarity,
            predicate=predicate,
            count=count,
            confidence=0.9,
            evidence=evidence,
        )
    for subject, obj, predicate, role in ROLES:
        evidence = [
            {
                "doc": "d1",
                "sentence": f"{subject.title()}, the {role} of {obj.title()}.",
                "start": 0,
                "end": 30,
                "date": "2024-02-15",
                "confidence": 0.8,
                "cue": role,
            }
        ]
        G.add_edge(
            f"actor:{subject}",
            f"actor:{obj}",
            predicate,
            kind="role",
            predicate=predicate,
            role=role,
            count=1,
            confidence=0.8,
            evidence=evidence,
        )
    return G


def hostile_graph() -> nx.MultiDiGraph:
    G = example_graph()
    G.nodes["actor:norway"]["label"] = PWN_IMG
    G.nodes["actor:norway"]["aliases"] = [PWN_SCRIPT]
    G.nodes["actor:norway"]["description"] = PWN_IMG
    G.nodes[position_id("Carbon tax")]["label"] = PWN_SCRIPT
    G.nodes["document:d0"]["label"] = PWN_IMG
    for *_, data in G.out_edges("actor:norway", data=True):
        for item in data["evidence"]:
            item["sentence"] = f"Norway said {PWN_IMG} and {PWN_SCRIPT}."
            item["cue"] = PWN_IMG
    return G


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    write_html(example_graph(), folder / "example.html", title="Example stances")
    write_html(hostile_graph(), folder / "hostile.html", title=PWN_IMG + PWN_SCRIPT)
    write_html(nx.MultiDiGraph(), folder / "empty.html")
    return folder


def load(browser, path) -> None:
    browser.get_log("browser")  # forget earlier pages' messages
    browser.get(path.as_uri())
    WebDriverWait(browser, 10).until(
        lambda d: d.execute_script("return !!(window.stancegraph && window.stancegraph.ready())")
    )


def severe(browser) -> list[dict]:
    return [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def counts(browser) -> dict:
    return browser.execute_script("return window.stancegraph.visibleCounts()")


def click_at(browser, x: float, y: float) -> None:
    """Click the network canvas at a point given in the canvas' own pixels."""
    canvas = browser.find_element(By.CSS_SELECTOR, "#network canvas")
    size = canvas.size
    dx, dy = round(x - size["width"] / 2), round(y - size["height"] / 2)
    ActionChains(browser).move_to_element_with_offset(canvas, dx, dy).click().perform()


def click_node(browser, node_id: str) -> None:
    at = browser.execute_script("return window.stancegraph.domPosition(arguments[0])", node_id)
    click_at(browser, at["x"], at["y"])


def panel_text(browser) -> str:
    return browser.find_element(By.ID, "panel").text


def test_page_draws_the_network_without_errors(browser, pages):
    load(browser, pages / "example.html")
    assert counts(browser) == {"nodes": 20, "edges": 22}
    colours = browser.execute_script(
        """const c = document.querySelector('#network canvas');
        const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        const seen = new Set();
        let ink = 0;
        for (let i = 0; i < px.length; i += 4) {
          if (px[i + 3] > 0 && (px[i] < 235 || px[i + 1] < 235 || px[i + 2] < 235)) ink++;
          seen.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
        }
        return {distinct: seen.size, ink: ink / (px.length / 4)};"""
    )
    assert colours["distinct"] > 50 and colours["ink"] > 0.005
    assert severe(browser) == []


def test_page_filters_by_polarity_position_count_and_date(browser, pages):
    load(browser, pages / "example.html")
    before = counts(browser)
    browser.find_element(By.CSS_SELECTOR, 'input[name="link"][value="oppose"]').click()
    assert counts(browser)["edges"] == before["edges"] - 5  # five oppose links
    browser.find_element(By.ID, "reset").click()
    assert counts(browser) == before

    select = browser.find_element(By.ID, "position")
    select.find_element(By.CSS_SELECTOR, f'option[value="{position_id("Carbon tax")}"]').click()
    assert counts(browser) == {"nodes": 4, "edges": 5}  # Norway x2, Chile, Jonas + Jonas' role
    browser.find_element(By.ID, "reset").click()

    minimum = browser.find_element(By.ID, "min-count")
    minimum.clear()
    minimum.send_keys("3")
    assert counts(browser)["edges"] == 4  # links with 3, 4, 5 and 3 sentences
    browser.find_element(By.ID, "reset").click()

    browser.execute_script(
        """for (const [id, value] of [['date-from', '2024-02-01'], ['date-to', '2024-02-28']]) {
             const input = document.getElementById(id);
             input.value = value;
             input.dispatchEvent(new Event('change'));
           }"""
    )
    dated = counts(browser)
    assert 0 < dated["edges"] < before["edges"]
    assert severe(browser) == []


def test_page_search_selects_and_focuses_a_node(browser, pages):
    load(browser, pages / "example.html")
    search = browser.find_element(By.ID, "search")
    search.send_keys("lyma", Keys.ENTER)  # an alias, in the wrong case
    selection = browser.execute_script("return window.stancegraph.selection()")
    assert selection["nodes"] == ["actor:ana"]
    assert panel_text(browser).startswith("Ana Lima\nPerson")
    search.clear()
    search.send_keys("CARBON", Keys.ENTER)
    assert browser.execute_script("return window.stancegraph.selection()")["nodes"] == [
        position_id("Carbon tax")
    ]
    assert "Supported by (2)" in panel_text(browser)
    assert severe(browser) == []


def test_page_click_shows_evidence(browser, pages):
    load(browser, pages / "example.html")
    click_node(browser, "actor:norway")
    text = panel_text(browser)
    assert text.startswith("Norway\nState") and "Wikidata: Q20" in text
    assert "Supports (1)" in text and "Opposes (1)" in text
    link = browser.find_element(By.ID, "panel").find_element(By.CSS_SELECTOR, "a")
    assert link.get_attribute("href") == "https://www.wikidata.org/wiki/Q20"
    # The middle of the one straight link between Chile and the carbon tax.
    a, b = (
        browser.execute_script("return window.stancegraph.domPosition(arguments[0])", node)
        for node in ("actor:chile", position_id("Carbon tax"))
    )
    click_at(browser, (a["x"] + b["x"]) / 2, (a["y"] + b["y"]) / 2)
    text = panel_text(browser)
    assert text.startswith("Chile rejects Carbon tax") and "2 sentences" in text
    assert "Chile rejects the carbon tax, officials said." in text
    assert "cue: rejects" in text and "confidence 0.90" in text and "Wire report" in text
    assert severe(browser) == []


def test_page_runs_no_injected_script(browser, pages):
    load(browser, pages / "hostile.html")
    pwned = "return typeof window.__pwned"
    assert browser.execute_script(pwned) == "undefined"
    assert browser.title == PWN_IMG + PWN_SCRIPT  # shown as text
    click_node(browser, "actor:norway")
    assert panel_text(browser).startswith(PWN_IMG)
    browser.find_element(By.ID, "panel").find_element(By.CSS_SELECTOR, "li button").click()
    assert PWN_SCRIPT in panel_text(browser)  # the evidence of one of Norway's stances
    search = browser.find_element(By.ID, "search")
    search.send_keys("script>", Keys.ENTER)
    assert panel_text(browser).startswith(PWN_SCRIPT)
    assert browser.execute_script(pwned) == "undefined"
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0
    assert severe(browser) == []


def test_page_says_when_no_statements_were_found(browser, pages):
    load(browser, pages / "empty.html")
    assert browser.find_element(By.ID, "empty").text == "No statements found."
    assert counts(browser) == {"nodes": 0, "edges": 0}
    assert severe(browser) == []


def test_page_screenshot_of_an_example(browser, pages, tmp_path):
    load(browser, pages / "example.html")
    shot = tmp_path / "example.png"
    assert browser.save_screenshot(str(shot))
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 30_000


# ---- pages of derived networks (stancegraph.graph.network_html) ---------------------------


@pytest.fixture(scope="module")
def network_pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("network-pages")
    write_network_html(conflict_network(example_graph()), folder / "conflict.html")
    write_network_html(actor_position_network(example_graph()), folder / "two-mode.html")
    write_network_html(conflict_network(hostile_graph()), folder / "hostile.html",
                       title=PWN_IMG + PWN_SCRIPT)  # fmt: skip
    return folder


def test_network_page_draws_and_filters(browser, network_pages):
    load(browser, network_pages / "conflict.html")
    # Opposite sides: Norway and Jonas vs Chile (carbon tax), Greenpeace vs Brazil, the EU vs
    # Norway, Farmers' Union, OPEC and Japan; all twelve actors took a side on something.
    assert counts(browser) == {"nodes": 12, "edges": 7}
    browser.find_element(By.CSS_SELECTOR, 'input[name="type"][value="State"]').click()
    # Left: Farmers' Union - EU, OPEC - EU, and WHO, Ana Lima, Maria, who conflict with nobody.
    assert counts(browser) == {"nodes": 6, "edges": 2}
    browser.find_element(By.ID, "reset").click()
    minimum = browser.find_element(By.ID, "min-weight")
    minimum.clear()
    minimum.send_keys("2")
    assert counts(browser)["edges"] == 0  # every pair disagrees on one position
    load(browser, network_pages / "two-mode.html")
    assert counts(browser) == {"nodes": 20, "edges": 18}  # 19 stances, Norway's two on one tax
    assert severe(browser) == []


def test_network_page_click_shows_links_and_positions(browser, network_pages):
    load(browser, network_pages / "conflict.html")
    click_node(browser, "actor:eu")
    text = panel_text(browser)
    assert text.startswith("European Union\nOrganization · 4 links")
    assert "Norway — opposite sides, weight 1" in text
    details = browser.find_element(By.ID, "panel").find_elements(By.CSS_SELECTOR, "li button")
    details[[b.text for b in details].index("Norway") + 1].click()
    text = panel_text(browser)
    assert text.startswith("European Union — Norway") and "Positions (1)\nFishing quotas" in text
    assert severe(browser) == []


def test_network_page_runs_no_injected_script(browser, network_pages):
    load(browser, network_pages / "hostile.html")
    assert browser.title == PWN_IMG + PWN_SCRIPT
    click_node(browser, "actor:norway")
    assert panel_text(browser).startswith(PWN_IMG)
    browser.find_element(By.ID, "panel").find_elements(By.CSS_SELECTOR, "li button")[1].click()
    assert PWN_SCRIPT in panel_text(browser)  # the carbon tax, where Norway meets Chile
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0
    assert severe(browser) == []
