"""What a build's page shows when it opens: nodes, links, isolated nodes, stance links.

    python benchmarks/page.py OUTDIR [OUTDIR ...]

Opens ``OUTDIR/graph.html`` in headless Chromium (Debian's ``chromium`` and
``chromium-driver``) and reads, through the page's read-only hooks, the nodes
and links it draws on opening: how many, how many nodes have no drawn link, and
the share of links that are stances (the rest are roles). A page that spends its
node budget on isolated dots, or opens on roles rather than stances, shows here.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

CHROMIUM = os.environ.get("STANCEGRAPH_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("STANCEGRAPH_CHROMEDRIVER", "/usr/bin/chromedriver")


def browser(profile: str) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,900",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def look(driver: webdriver.Chrome, page: Path) -> dict:
    start = time.perf_counter()
    driver.get(page.resolve().as_uri())
    WebDriverWait(driver, 120).until(
        lambda d: d.execute_script("return !!(window.stancegraph && window.stancegraph.ready())")
    )
    seconds = time.perf_counter() - start
    nodes = driver.execute_script("return window.stancegraph.visibleNodes()")
    links = driver.execute_script("return window.stancegraph.visibleLinks()")
    linked = {e["from"] for e in links} | {e["to"] for e in links}
    kinds = Counter(e["kind"] for e in links)
    return {
        "nodes": len(nodes),
        "links": len(links),
        "isolated": sum(1 for n in nodes if n not in linked),
        "stance_share": kinds["stance"] / len(links) if links else 0.0,
        "seconds": seconds,
        "size_mb": page.stat().st_size / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdirs", nargs="+", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as profile:
        driver = browser(profile)
        try:
            for outdir in args.outdirs:
                page = outdir / "graph.html"
                if not page.is_file():
                    sys.exit(f"{page}: no page there (stancegraph build ... -o {outdir})")
                r = look(driver, page)
                print(
                    f"{outdir}: {r['nodes']} nodes, {r['links']} links drawn, "
                    f"{r['isolated']} isolated, {r['stance_share']:.0%} of links stances "
                    f"(page {r['size_mb']:.1f} MB, drawn in {r['seconds']:.1f} s)"
                )
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
