"""The annual report as a standalone HTML page: `to_html(report) -> str`.

The official layout: title, the statutory opening, the six section headings with
their prose, and tables 二, 三 and 四 with the real merged header cells
(rowspan/colspan) of the national template, from the same grids as the DOCX and
PDF renderers. Every text is escaped; the page carries its charset and light CSS.
"""

from __future__ import annotations

from html import escape

from gongkai.report.model import Report
from gongkai.report.render.grid import TABLES, Grid, preamble, report_title, sections
from gongkai.text.chinese import chinese_date

CSS = """
body { font-family: "FangSong", "仿宋", "Noto Serif CJK SC", serif; max-width: 60em;
       margin: 2em auto; padding: 0 1em; line-height: 1.8; color: #111; }
h1 { font-family: "SimSun", "宋体", "Noto Serif CJK SC", serif; text-align: center;
     font-size: 1.6em; }
h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 1.15em;
     font-weight: normal; margin-top: 1.5em; }
p { text-indent: 2em; margin: .4em 0; }
p.date { text-align: center; text-indent: 0; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; font-size: .9em; }
th, td { border: 1px solid #333; padding: .25em .4em; text-align: center; }
th { font-weight: normal; background: #fff; }
th.left { text-align: left; }
th.shaded { background: #c6d9f1; }
td { font-variant-numeric: tabular-nums; }
""".strip()


def to_html(report: Report) -> str:
    """The report as one HTML page (UTF-8)."""
    title = escape(report_title(report))
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
        f"<h1>{title}</h1>",
    ]
    if report.published_on:
        out.append(f'<p class="date">{escape(chinese_date(report.published_on))}</p>')
    out.append(f"<p>{escape(preamble(report))}</p>")
    for key, heading, prose in sections(report):
        out.append(f'<h2 id="{key}">{escape(heading)}</h2>')
        out += [f"<p>{escape(paragraph)}</p>" for paragraph in prose]
        grid_of = TABLES.get(key)
        if grid_of is not None:
            out.append(_table(grid_of(report), key))
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _table(grid: Grid, key: str) -> str:
    by_row: list[list[str]] = [[] for _ in range(grid.rows)]
    for cell in sorted(grid.cells, key=lambda c: (c.row, c.col)):
        tag = "th" if cell.header else "td"
        attrs = ""
        if cell.rowspan > 1:
            attrs += f' rowspan="{cell.rowspan}"'
        if cell.colspan > 1:
            attrs += f' colspan="{cell.colspan}"'
        classes = [c for c, on in (("left", cell.align == "left"), ("shaded", cell.shaded)) if on]
        if classes:
            attrs += f' class="{" ".join(classes)}"'
        by_row[cell.row].append(f"<{tag}{attrs}>{escape(cell.text)}</{tag}>")
    rows = "\n".join(f"<tr>{''.join(cells)}</tr>" for cells in by_row)
    return f'<table class="{key}">\n{rows}\n</table>'
