"""Charts as inline SVG, drawn by hand: simple bars need no charting library, and static SVG
works offline and prints sharply. Every text placed here goes through ``markupsafe.escape``;
colours come from the page's CSS classes, so the SVG carries no style of its own.

Texts that differ by language are drawn twice (``lang`` "vi" and "en"); the page's language
switch hides one of them.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape

from .page import Chart, Text, number

_W = 720          # viewBox width; the SVG scales to the page width
_ROW = 20         # height of one bar row
_FONT = 12


@dataclass(frozen=True)
class Bar:
    """One row of a bar chart: ``value`` drawn over ``max``; ``status`` picks the colour."""
    label: Text
    value: float
    max: float
    status: str = "met"
    tip: Text | None = None
    floor: float | None = None      # a lower mark (e.g. the fewest seats a group must get)


@dataclass(frozen=True)
class Band:
    """A class band: from ``lower`` points upwards, up to the next band."""
    id: str
    title: Text
    lower: float


def _text(x: float, y: float, t: Text, anchor: str = "start", cls: str = "") -> str:
    at = f'x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"'
    c = f' class="{cls}"' if cls else ""
    if t.neutral:
        return f"<text {at}{c}>{escape(t.vi)}</text>"
    return (f'<text {at} lang="vi"{c}>{escape(t.vi)}</text>'
            f'<text {at} lang="en"{c}>{escape(t.en)}</text>')


def _tip(t: Text | None) -> str:
    if t is None:
        return ""
    # A tooltip cannot be hidden by the language's class: it carries both texts, shows the
    # page's language (set by the report, :func:`.html.render_page`) and the switch swaps it.
    if t.neutral:
        return f"<title>{escape(t.vi)}</title>"
    return (f'<title data-vi="{escape(t.vi)}" data-en="{escape(t.en)}">{escape(t.vi)}'
            f"</title>")


def _short(t: Text, n: int) -> Text:
    def cut(s: str) -> str:
        return s if len(s) <= n else s[:n - 1].rstrip() + "…"
    return Text(vi=cut(t.vi), en=cut(t.en))


def _svg(height: float, body: list[str], caption: Text) -> Chart:
    aria = escape(caption.vi if caption.neutral else f"{caption.vi} / {caption.en}")
    # No xmlns: inline SVG in HTML gets its namespace from the parser, and the page then
    # carries no URL at all.
    svg = (f'<svg class="chart" viewBox="0 0 {_W} {height:.0f}" role="img" aria-label="{aria}">'
           + "".join(body) + "</svg>")
    return Chart(svg=svg, caption=caption)


def bars(rows: list[Bar], caption: Text, label_width: int = 90) -> Chart:
    """Horizontal bars, each earned value over its maximum, with the figures at the right.

    >>> c = bars([Bar(Text.same("CT1"), 7.5, 10), Bar(Text.same("CT2"), 10, 10)],
    ...          Text(vi="Điểm", en="Points"))
    >>> c.svg.count('class="bar-max"'), "7,5/10" in c.svg, "7.5/10" in c.svg
    (2, True, True)
    """
    scale = max([r.max for r in rows] + [r.value for r in rows] + [1e-9])
    x0, x1 = label_width, _W - 90
    span = x1 - x0
    body = []
    for k, r in enumerate(rows):
        y = 4 + k * _ROW
        w_max = span * max(r.max, 0) / scale
        w_val = span * max(min(r.value, scale), 0) / scale
        body.append(f"<g>{_tip(r.tip)}")
        body.append(_text(x0 - 6, y + _FONT, r.label, "end"))
        body.append(f'<rect class="bar-max" x="{x0}" y="{y + 2}" width="{w_max:.1f}" '
                    f'height="{_ROW - 6}"/>')
        body.append(f'<rect class="bar-{escape(r.status)}" x="{x0}" y="{y + 2}" '
                    f'width="{w_val:.1f}" height="{_ROW - 6}"/>')
        if r.floor is not None and r.floor > 0:
            fx = x0 + span * min(r.floor, scale) / scale
            body.append(f'<line class="mark" x1="{fx:.1f}" x2="{fx:.1f}" y1="{y}" '
                        f'y2="{y + _ROW - 2}"/>')
        figure = number(r.value) + "/" + number(r.max)
        body.append(_text(x1 + 6, y + _FONT, figure) + "</g>")
    return _svg(8 + len(rows) * _ROW, body, caption)


def _band_rects(bands: list[Band], x0: float, span: float, scale: float, y: float,
                h: float) -> list[str]:
    out = []
    ordered = sorted(bands, key=lambda b: b.lower)
    for k, b in enumerate(ordered):
        hi = ordered[k + 1].lower if k + 1 < len(ordered) else scale
        bx, bw = x0 + span * b.lower / scale, span * (min(hi, scale) - b.lower) / scale
        # Colours count from the top class down, as the bars of the overview do.
        out.append(f'<rect class="band band-{len(ordered) - 1 - k}" x="{bx:.1f}" y="{y:.1f}" width="{max(bw, 0):.1f}" '
                   f'height="{h:.1f}">{_tip(b.title)}</rect>')
        if bw > 36:
            out.append(_text(bx + bw / 2, y + h - 4, _short(b.title, max(4, int(bw / 6.5))),
                             "middle", "band-label"))
    return out


def total_gauge(total: float, bands: list[Band], scale: float, caption: Text) -> Chart:
    """A unit's total as a bar across the class bands, with each band's threshold and title.

    >>> bands = [Band("ht", Text.same("HT"), 50), Band("kht", Text.same("KHT"), 0)]
    >>> c = total_gauge(62.5, bands, 105, Text.same("Tổng"))
    >>> "62,5" in c.svg and "≥ 50" in c.svg
    True
    """
    x0, x1 = 10, _W - 70
    span = x1 - x0
    scale = max(scale, total, 1e-9)
    body = _band_rects(bands, x0, span, scale, 4, 34)
    w = span * max(total, 0) / scale
    body.append(f'<rect class="bar-total" x="{x0}" y="12" width="{w:.1f}" height="12"/>')
    body.append(_text(x0 + w + 4, 23, number(total), "start", "figure"))
    y = 52
    positive = [b.lower for b in bands if b.lower > 0]
    for b in sorted(bands, key=lambda b: -b.lower):
        if b.lower > 0 or not positive:
            cond = Text.same("≥ ") + number(b.lower)
        else:
            cond = Text.same("< ") + number(min(positive))
        body.append(_text(x0, y, b.title + ": " + cond, "start", "legend"))
        y += 16
    return _svg(y - 8, body, caption)


def overview(rows: list[tuple[Text, float, int]], bands: list[Band] | None, scale: float,
             caption: Text, label_width: int = 240) -> Chart:
    """Every unit's total (``rows``: label, total, class position from the top) against the
    class thresholds, drawn as full-height lines when all units share them (``bands``; None
    when they differ).

    >>> c = overview([(Text.same("A"), 80, 0), (Text.same("B"), 40, 1)],
    ...              [Band("htt", Text.same("HTT"), 75), Band("kht", Text.same("K"), 0)], 105,
    ...              Text.same("x"))
    >>> c.svg.count('class="bar-cls-'), c.svg.count('class="threshold"'), "HTT (≥ 75)" in c.svg
    (4, 1, True)
    """
    x0, x1 = label_width, _W - 60
    span = x1 - x0
    scale = max([scale] + [r[1] for r in rows] + [1e-9])
    top = 18
    body = []
    for k, (lab, tot, cls) in enumerate(rows):
        y = top + k * _ROW
        w = span * max(tot, 0) / scale
        body.append(f"<g>{_tip(lab)}")
        body.append(_text(x0 - 6, y + _FONT, _short(lab, 34), "end"))
        body.append(f'<rect class="bar-cls-{int(cls)}" x="{x0}" y="{y + 2}" width="{w:.1f}" '
                    f'height="{_ROW - 6}"/>')
        body.append(_text(x0 + w + 4, y + _FONT, number(tot), "start", "figure") + "</g>")
    bottom = top + len(rows) * _ROW
    for b in bands or []:
        if b.lower <= 0:
            continue
        x = x0 + span * b.lower / scale
        body.append(f'<line class="threshold" x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}" '
                    f'y2="{bottom:.0f}"/>{_tip(b.title)}')
        body.append(_text(x, top - 6, Text.same("≥ ") + number(b.lower), "middle", "legend"))
    # Which colour is which class, by name, with its threshold.
    y = bottom + 16
    for k, b in enumerate(bands or []):
        cond = (Text.same(" (≥ ") + number(b.lower) + ")") if b.lower > 0 else Text.same("")
        body.append(f'<rect class="bar-cls-{k}" x="{x0}" y="{y - 9}" width="10" height="10"/>')
        body.append(_text(x0 + 16, y, b.title + cond, "start", "legend"))
        y += 16
    return _svg(y - 4 if bands else bottom + 6, body, caption)


def stacked(rows: list[tuple[Text, list[tuple[float, str]]]], legend: list[tuple[Text, str]],
            caption: Text, label_width: int = 240) -> Chart:
    """One bar per row split into coloured parts (``(count, css class)``), with a legend.

    >>> c = stacked([(Text.same("LĐTT"), [(3, "met"), (1, "failed")])],
    ...             [(Text.same("ok"), "met"), (Text.same("no"), "failed")], Text.same("x"))
    >>> c.svg.count("<rect"), ">4<" in c.svg
    (4, True)
    """
    x0, x1 = label_width, _W - 50
    span = x1 - x0
    scale = max([sum(v for v, _ in parts) for _, parts in rows] + [1e-9])
    body = []
    for k, (lab, parts) in enumerate(rows):
        y = 4 + k * _ROW
        body.append(f"<g>{_tip(lab)}")
        body.append(_text(x0 - 6, y + _FONT, _short(lab, 34), "end"))
        x = float(x0)
        for v, cls in parts:
            w = span * v / scale
            if w > 0:
                body.append(f'<rect class="bar-{escape(cls)}" x="{x:.1f}" y="{y + 2}" '
                            f'width="{w:.1f}" height="{_ROW - 6}"/>')
            x += w
        body.append(_text(x + 4, y + _FONT, number(sum(v for v, _ in parts)), "start", "figure")
                    + "</g>")
    y = 4 + len(rows) * _ROW + 6
    lx = float(x0)
    for lab, cls in legend:
        # An estimate of the text's width at the legend's 11px; a long legend wraps.
        w = 14 + 6.4 * max(len(lab.vi), len(lab.en)) + 16
        if lx + w > _W and lx > x0:
            lx, y = float(x0), y + 16
        body.append(f'<rect class="bar-{escape(cls)}" x="{lx:.1f}" y="{y}" width="10" height="10"/>')
        body.append(_text(lx + 14, y + 9, lab, "start", "legend"))
        lx += w
    return _svg(y + 16, body, caption)
