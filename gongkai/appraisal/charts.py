"""Server-rendered SVG charts: no JavaScript, they print, and they read without colour.

Every series has its own fill pattern (solid, stripes, dots, cross-hatch, …) as well as a
colour, every bar and point carries its number as text, and each chart has a <title> and
a <desc> for screen readers. The output is a string of SVG to put inline in a page.
"""

from __future__ import annotations

from html import escape

FONT = "'Noto Sans CJK SC','Noto Sans SC','Microsoft YaHei',sans-serif"
COLOURS = ("#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#595959", "#2e75b6")
# (pattern body drawn on the series colour, in an 8x8 tile)
PATTERNS = (
    "",  # solid
    '<path d="M0,8 L8,0 M-2,2 L2,-2 M6,10 L10,6" stroke="#fff" stroke-width="2"/>',
    '<circle cx="4" cy="4" r="1.6" fill="#fff"/>',
    '<path d="M0,0 L8,8 M8,0 L0,8" stroke="#fff" stroke-width="1.4"/>',
    '<path d="M0,4 L8,4" stroke="#fff" stroke-width="2"/>',
    '<path d="M4,0 L4,8" stroke="#fff" stroke-width="2"/>',
    '<rect x="2" y="2" width="4" height="4" fill="#fff"/>',
)


def _defs(prefix: str, n: int) -> str:
    tiles = []
    for i in range(n):
        colour, body = COLOURS[i % len(COLOURS)], PATTERNS[i % len(PATTERNS)]
        tiles.append(
            f'<pattern id="{prefix}-p{i}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f'<rect width="8" height="8" fill="{colour}"/>{body}</pattern>'
        )
    return "<defs>" + "".join(tiles) + "</defs>"


def _open(prefix: str, width: int, height: int, title: str, desc: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{prefix}" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{prefix}-t {prefix}-d" font-family="{FONT}" font-size="12">'
        f'<title id="{prefix}-t">{escape(title)}</title><desc id="{prefix}-d">{escape(desc)}</desc>'
        f'<text x="{width / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">'
        f"{escape(title)}</text>"
    )


def _nice_step(value: float) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50 … that is at least `value`."""
    step = 1
    while True:
        for m in (1, 2, 5):
            if step * m >= value:
                return step * m
        step *= 10


def _legend(prefix: str, names: list[str], x: float, y: float) -> str:
    parts, cx = [], x
    for i, name in enumerate(names):
        parts.append(
            f'<rect x="{cx}" y="{y - 10}" width="14" height="12" fill="url(#{prefix}-p{i})" '
            f'stroke="#333" stroke-width="0.5"/><text x="{cx + 18}" y="{y}">{escape(name)}</text>'
        )
        cx += 26 + 13 * len(name)
    return "".join(parts)


def stacked_bars(
    prefix: str,
    title: str,
    categories: list[str],
    series: list[tuple[str, list[int]]],
    unit: str = "件",
    width: int = 720,
    height: int = 300,
) -> str:
    """Vertical bars, one per category, stacked by series; the total above each bar."""
    totals = [sum(values[i] for _, values in series) for i in range(len(categories))]
    left, right, top, bottom = 44, 12, 62, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = 4 * _nice_step(max(totals, default=0) / 4)  # four whole-number steps
    desc = (
        "；".join(
            f"{c}共{t}{unit}（"
            + "，".join(f"{name}{values[i]}" for name, values in series if values[i])
            + "）"
            for i, (c, t) in enumerate(zip(categories, totals, strict=True))
            if t
        )
        or "无数据"
    )
    out = [_open(prefix, width, height, title, desc), _defs(prefix, len(series))]
    out.append(_legend(prefix, [name for name, _ in series], left, 38))
    for k in range(5):
        v = top_value * k / 4
        y = top + plot_h - plot_h * k / 4
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ccc"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{v:g}</text>'
        )
    slot = plot_w / max(len(categories), 1)
    bar = slot * 0.6
    for i, category in enumerate(categories):
        x = left + slot * i + (slot - bar) / 2
        y = top + plot_h
        for s, (name, values) in enumerate(series):
            h = plot_h * values[i] / top_value
            if h > 0:
                y -= h
                out.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                    f'fill="url(#{prefix}-p{s})" stroke="#333" stroke-width="0.5">'
                    f"<title>{escape(category)} {escape(name)} {values[i]}{unit}</title></rect>"
                )
        if totals[i]:
            out.append(
                f'<text x="{x + bar / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">{totals[i]}</text>'
            )
        out.append(
            f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle">'
            f"{escape(category)}</text>"
        )
    out.append(
        f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" '
        'stroke="#333"/></svg>'
    )
    return "".join(out)


def line_chart(
    prefix: str,
    title: str,
    points: list[tuple[str, float | None]],
    width: int = 480,
    height: int = 240,
) -> str:
    """A rate (0..1) over categories (years): marked points labelled with the percentage;
    a category without data is a gap and says 无数据."""
    left, right, top, bottom = 48, 20, 36, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    desc = (
        "；".join(f"{c}：{'无数据' if v is None else f'{v * 100:.1f}%'}" for c, v in points)
        or "无数据"
    )
    out = [_open(prefix, width, height, title, desc)]
    for k in range(5):
        y = top + plot_h - plot_h * k / 4
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ccc"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{k * 25}%</text>'
        )
    slot = plot_w / max(len(points), 1)
    coords: list[tuple[float, float] | None] = []
    for i, (category, value) in enumerate(points):
        x = left + slot * i + slot / 2
        out.append(
            f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle">{escape(category)}</text>'
        )
        if value is None:
            coords.append(None)
            out.append(
                f'<text x="{x:.1f}" y="{top + plot_h - 6}" text-anchor="middle" fill="#666">无数据</text>'
            )
            continue
        y = top + plot_h - plot_h * value
        coords.append((x, y))
    segment: list[str] = []
    for c in [*coords, None]:
        if c is None:
            if len(segment) > 1:
                out.append(
                    f'<polyline points="{" ".join(segment)}" fill="none" stroke="{COLOURS[0]}" '
                    'stroke-width="2"/>'
                )
            segment = []
        else:
            segment.append(f"{c[0]:.1f},{c[1]:.1f}")
    for (_category, value), c in zip(points, coords, strict=True):
        if c is None or value is None:
            continue
        out.append(
            f'<rect x="{c[0] - 4:.1f}" y="{c[1] - 4:.1f}" width="8" height="8" fill="{COLOURS[0]}"/>'
            f'<text x="{c[0]:.1f}" y="{c[1] - 8:.1f}" text-anchor="middle" font-weight="bold">'
            f"{value * 100:.1f}%</text>"
        )
    out.append("</svg>")
    return "".join(out)


def ranking_bars(
    prefix: str,
    title: str,
    rows: list[tuple[str, float, str]],
    maximum: float = 100,
    width: int = 720,
    highlight: str | None = None,
) -> str:
    """Horizontal bars, one per row (label, value, text shown after the bar), in the
    given order; the row named `highlight` is striped and marked with ▶."""
    bar_h, gap, top, left, right = 18, 6, 34, 190, 120
    height = top + len(rows) * (bar_h + gap) + 10
    plot_w = width - left - right
    desc = "；".join(f"{label}：{text}" for label, _, text in rows) or "无数据"
    out = [_open(prefix, width, max(height, 60), title, desc), _defs(prefix, 2)]
    for i, (label, value, text) in enumerate(rows):
        y = top + i * (bar_h + gap)
        mine = label == highlight
        w = plot_w * max(0.0, min(value, maximum)) / maximum if maximum else 0
        bold, mark = (' font-weight="bold"', "▶ ") if mine else ("", "")
        out.append(
            f'<text x="{left - 8}" y="{y + 13}" text-anchor="end"{bold}>{mark}{escape(label)}</text>'
            f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" '
            f'fill="url(#{prefix}-p{1 if mine else 0})" stroke="#333" stroke-width="0.5"/>'
            f'<text x="{left + w + 6:.1f}" y="{y + 13}">{escape(text)}</text>'
        )
    out.append("</svg>")
    return "".join(out)
