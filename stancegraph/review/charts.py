"""Charts drawn on the server as SVG, with nothing to load: an actor's stances over time, and
the actors for and against a position.

Every text in them (labels, dates, tooltips) is escaped; the page shows them as
images, where SVG runs no script either way.

>>> svg = timeline_svg("Ana <b>", [{"label": "Tax", "date": "2024-05-01", "support": 2,
...                                  "oppose": 0, "neutral": 0}])
>>> svg.startswith("<svg") and "Ana &lt;b&gt;" in svg and "<b>" not in svg
True
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from html import escape

__all__ = ["sides_svg", "timeline_svg"]

COLOURS = {"support": "#2e9e44", "oppose": "#d62728", "neutral": "#9a9a9a"}
MAX_LANES = 14
MAX_BARS = 24
_FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _short(text: str, width: int = 27) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _day(date: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(date)[:10]) if date else None
    except ValueError:
        return None


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" {_FONT}>'
        f"<title>{_e(title)}</title>" + "".join(body) + "</svg>\n"
    )


def timeline_svg(actor: str, records: Iterable[Mapping], width: int = 680) -> str:
    """One actor's support (green, above the line) and opposition (red, below) per position
    (one lane each) and date; ``records`` as :func:`~stancegraph.graph.networks.stance_over_time`
    gives them. Dates that are not ISO days, and undated statements, sit in a column
    at the right."""
    lanes: dict[str, list[Mapping]] = defaultdict(list)
    for r in records:
        lanes[str(r["label"])].append(r)
    ranked = sorted(lanes, key=lambda k: (-sum(_total(r) for r in lanes[k]), k))
    shown, hidden = ranked[:MAX_LANES], len(ranked) - MAX_LANES
    title = f"{actor}: stances over time"
    if not shown:
        body = [f'<text x="10" y="24" fill="#555">{_e(actor)}: no stances</text>']
        return _svg(width, 40, title, body)
    days = sorted({d for k in shown for r in lanes[k] if (d := _day(r.get("date")))})
    other = sorted(
        {
            str(r.get("date") or "undated")
            for k in shown
            for r in lanes[k]
            if not _day(r.get("date"))
        }
    )
    left, right, top, lane_h = 190, 20, 34, 34
    extra = 70 * len(other)
    x0, x1 = left + 16, width - right - extra - 16
    height = top + lane_h * len(shown) + 40 + (16 if hidden > 0 else 0)

    def x_of(r: Mapping) -> float:
        day = _day(r.get("date"))
        if day is None:
            label = str(r.get("date") or "undated")
            return width - right - extra + 70 * other.index(label) + 35
        if len(days) == 1:
            return (x0 + x1) / 2
        span = (days[-1] - days[0]).days or 1
        return x0 + (x1 - x0) * (day - days[0]).days / span

    body = [
        f'<text x="10" y="18" font-weight="600">{_e(_short(actor, 60))}</text>',
        _legend(width - 160, 18),
    ]
    for n, label in enumerate(shown):
        y = top + lane_h * n + lane_h / 2
        body.append(
            f'<text x="10" y="{y + 4:.1f}" fill="#222"><title>{_e(label)}</title>'
            f"{_e(_short(label))}</text>"
        )
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        for r in lanes[label]:
            x = x_of(r)
            when = r.get("date") or "undated"
            for polarity, dy in (("support", -7), ("oppose", 7), ("neutral", 0)):
                count = int(r.get(polarity) or 0)
                if not count:
                    continue
                radius = 3 + 2.5 * math.sqrt(count) if polarity != "neutral" else 2.5
                tip = f"{label}, {when}: {count} {polarity}"
                body.append(
                    f'<circle cx="{x:.1f}" cy="{y + dy:.1f}" r="{radius:.1f}" '
                    f'fill="{COLOURS[polarity]}" fill-opacity="0.8"><title>{_e(tip)}</title>'
                    "</circle>"
                )
    axis_y = top + lane_h * len(shown) + 16
    if days:
        body.append(f'<text x="{x0}" y="{axis_y}" fill="#555">{days[0].isoformat()}</text>')
        if len(days) > 1:
            body.append(
                f'<text x="{x1}" y="{axis_y}" fill="#555" text-anchor="end">'
                f"{days[-1].isoformat()}</text>"
            )
    for k, label in enumerate(other):
        cx = width - right - extra + 70 * k + 35
        body.append(
            f'<text x="{cx}" y="{axis_y}" fill="#555" text-anchor="middle">'
            f"{_e(_short(label, 11))}</text>"
        )
    if hidden > 0:
        body.append(
            f'<text x="10" y="{axis_y + 18}" fill="#555">and {hidden} more positions</text>'
        )
    return _svg(width, height, title, body)


def _total(r: Mapping) -> int:
    return sum(int(r.get(p) or 0) for p in COLOURS)


def _legend(x: float, y: float) -> str:
    parts = []
    for k, name in enumerate(("support", "oppose")):
        colour = COLOURS[name]
        parts.append(
            f'<circle cx="{x + 75 * k:.0f}" cy="{y - 4}" r="5" fill="{colour}"/>'
            f'<text x="{x + 75 * k + 9:.0f}" y="{y}" fill="#333">{name}</text>'
        )
    return "".join(parts)


def sides_svg(position: str, counts: Mapping[str, Mapping[str, int]], width: int = 680) -> str:
    """The actors for (green, to the right) and against (red, to the left) a position, one
    bar each, longest first; ``counts`` maps an actor's label to its statements by polarity."""
    sided = {a: c for a, c in counts.items() if c.get("support") or c.get("oppose")}
    ranked = sorted(
        sided, key=lambda a: (-(sided[a].get("support", 0) + sided[a].get("oppose", 0)), a)
    )
    shown, hidden = ranked[:MAX_BARS], len(ranked) - MAX_BARS
    title = f"{position}: actors for and against"
    if not shown:
        body = [
            f'<text x="10" y="24" fill="#555">{_e(_short(position, 60))}: nobody took a side</text>'
        ]
        return _svg(width, 40, title, body)
    left, top, bar_h = 190, 40, 22
    middle = left + (width - left - 20) / 2
    most = max(max(sided[a].get("support", 0), sided[a].get("oppose", 0)) for a in shown)
    scale = (width - left - 80) / 2 / most
    height = top + bar_h * len(shown) + 16 + (16 if hidden > 0 else 0)
    body = [
        f'<text x="10" y="18" font-weight="600">{_e(_short(position, 60))}</text>',
        f'<text x="{middle - 6:.0f}" y="34" fill="{COLOURS["oppose"]}" text-anchor="end">'
        "against</text>",
        f'<text x="{middle + 6:.0f}" y="34" fill="{COLOURS["support"]}">for</text>',
        f'<line x1="{middle:.1f}" y1="{top - 4}" x2="{middle:.1f}" '
        f'y2="{top + bar_h * len(shown)}" stroke="#888"/>',
    ]
    for n, actor in enumerate(shown):
        y = top + bar_h * n
        c = sided[actor]
        body.append(
            f'<text x="10" y="{y + 15}" fill="#222"><title>{_e(actor)}</title>'
            f"{_e(_short(actor))}</text>"
        )
        for polarity, sign in (("support", 1), ("oppose", -1)):
            count = int(c.get(polarity) or 0)
            if not count:
                continue
            w = count * scale
            x = middle if sign > 0 else middle - w
            tip = f"{actor}: {count} {polarity}"
            body.append(
                f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{bar_h - 8}" '
                f'fill="{COLOURS[polarity]}"><title>{_e(tip)}</title></rect>'
            )
            at, anchor = (x + w + 4, "start") if sign > 0 else (x - 4, "end")
            body.append(
                f'<text x="{at:.1f}" y="{y + 15}" fill="#333" text-anchor="{anchor}">{count}</text>'
            )
    if hidden > 0:
        body.append(f'<text x="10" y="{height - 6}" fill="#555">and {hidden} more actors</text>')
    return _svg(width, height, title, body)
