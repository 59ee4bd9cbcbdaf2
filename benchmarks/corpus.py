"""A synthetic corpus of annual reports in the layouts real ones come in.

`random_report(rng, ...)` draws a plausible report (both formats; figures that
reconcile, or with a slip somewhere); `write_corpus(folder, n)` writes `n` of them
as text files, each in one of the real layouts seen in the seeds:

- ``tabs``: a table row per line, cells separated by tabs, merged cells once and
  the cells they cover left empty (seeds 000, 001, 003);
- ``compact``: tabs too, but covered cells dropped (what HTML and DOCX extraction give);
- ``cells``: one cell per line, each after a tab, rows apart by a blank line (seed 002);
- ``markdown``: pipe tables (seed 004, and `to_markdown`);
- ``split``: table 三 cut in two after "8.属于行政查询事项", its header repeated (seed 003).

Used by `benchmarks/bench_report.py`; deterministic for a given seed.
"""

from __future__ import annotations

import random
from pathlib import Path

from gongkai.report.model import (
    APPEAL_GROUPS,
    APPLICANT_COLUMNS,
    DECIMAL_FIELDS,
    PROACTIVE_ITEMS,
    SIGNED_FIELDS,
    Report,
    disposition_keys,
    format_for_year,
)
from gongkai.report.render.grid import TABLES, Grid, preamble, report_title, sections
from gongkai.report.render.markdown import to_markdown

LAYOUTS = ("tabs", "compact", "cells", "markdown", "split")

PLACES = (
    "平罗县",
    "隆德县",
    "汤阴县",
    "漳平市",
    "绥芬河市",
    "洪泽区",
    "海淀区",
    "南山区",
    "余杭区",
    "武侯区",
    "鼓楼区",
    "雨花台区",
    "兰陵县",
    "永嘉县",
    "安吉县",
    "昌平区",
)
OFFICES = (
    "人民政府",
    "卫生健康局",
    "教育局",
    "民政局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "农业农村局",
    "市场监督管理局",
    "应急管理局",
    "审计局",
    "统计局",
    "医疗保障局",
)
OVERVIEW = (
    "{year}年，我局坚持以公开为常态、不公开为例外，全面贯彻落实《中华人民共和国政府信息公开条例》，"
    "不断完善政府信息公开制度，推进政务公开工作规范、有序、健康发展。",
    "（一）主动公开情况。{year}年发布信息 {total} 条，其中，政府信息公开 {a} 条，"
    "微信公众号动态信息 {b} 条，政务微博等 {c} 条。",
    "（二）依申请公开情况。{year}年共受理政府信息公开申请 {received} 件，均在法定期限内答复。",
    "（三）政府信息管理情况。严格执行“分级审核、先审后发”程序，落实“三审三校”制度，"
    "从严从实把好政治关、法律关、政策关、保密关、文字关。",
    "（四）政府信息公开平台建设情况。加强政府网站和政务新媒体日常监管，及时关停整合"
    "用户关注度低、更新不及时、无力运维的账号，确保公开信息及时准确规范。",
    "（五）监督保障情况。将政务公开工作纳入年度目标考核，定期开展培训，"
    "被申请行政复议 {reviews} 件、提起行政诉讼 {suits} 件。",
)
PROBLEMS = (
    "{year}年，我局政府信息公开工作取得一定成效，但对照上级要求仍存在差距：一是信息公开及时性"
    "有待进一步强化；二是信息公开内容有待进一步深化；三是解读形式还不够丰富。下一步，我局将"
    "强化培训、完善制度、扩大公开范围，依法、及时、准确公开群众关心的信息。"
)
OTHER = (
    "{year}年，本机关严格落实《政府信息公开信息处理费管理办法》，全年收取信息处理费 0 元。",
    "无其他需要报告的事项。",
)


def agency_name(rng: random.Random) -> str:
    return rng.choice(PLACES) + rng.choice(OFFICES)


def random_report(rng: random.Random, year: int | None = None, slip: float = 0.3) -> Report:
    """A report whose tables reconcile; with probability `slip` one figure is off by a few."""
    year = year or rng.randint(2019, 2025)
    fmt = format_for_year(year)
    report = Report.empty(fmt, agency=agency_name(rng), year=year)
    for item in PROACTIVE_ITEMS[fmt]:
        for name in item.fields:
            if name in DECIMAL_FIELDS:
                value: int | float = round(rng.uniform(0, 9000), 2) if rng.random() < 0.6 else 0
            elif name in SIGNED_FIELDS:
                value = rng.randint(-20, 20)
            else:
                value = rng.choice((0, 0, rng.randint(1, 30), rng.randint(1, 5000)))
            report.proactive[item.key][name] = value
    _fill_requests(rng, report)
    _fill_appeals(rng, report)
    if rng.random() < slip:
        _slip(rng, report)
    _fill_text(rng, report)
    return report


def _fill_requests(rng: random.Random, report: Report) -> None:
    keys = disposition_keys(report.format)
    table = report.requests
    scale = rng.choice((0, 3, 20, 120))
    for col in APPLICANT_COLUMNS:
        weight = scale if col == "natural_person" else scale // 10
        closed = {k: (rng.randint(0, weight) if rng.random() < 0.3 else 0) for k in keys}
        carried = rng.randint(0, max(weight // 5, 0))
        forward = rng.randint(0, max(weight // 5, 0))
        total = sum(closed.values())
        new = max(total + forward - carried, 0)
        forward = new + carried - total
        for k, v in closed.items():
            table[k][col] = v
        table["total"][col] = total
        table["new"][col] = new
        table["carried_over"][col] = carried
        table["carry_forward"][col] = forward
    for cells in table.values():
        cells["total"] = sum(cells[c] or 0 for c in APPLICANT_COLUMNS)


def _fill_appeals(rng: random.Random, report: Report) -> None:
    for group in APPEAL_GROUPS:
        cells = report.appeals[group]
        for name in ("upheld", "corrected", "other", "pending"):
            cells[name] = rng.choice((0, 0, 0, rng.randint(0, 12)))
        cells["total"] = sum(cells[n] or 0 for n in ("upheld", "corrected", "other", "pending"))


def _slip(rng: random.Random, report: Report) -> None:
    table = rng.choice((report.requests, report.appeals))
    row = rng.choice(list(table))
    col = rng.choice(list(table[row]))
    table[row][col] = (table[row][col] or 0) + rng.randint(1, 5)


def _fill_text(rng: random.Random, report: Report) -> None:
    year = report.year
    a, b, c = rng.randint(50, 900), rng.randint(50, 900), rng.randint(0, 400)
    total = a + b + c + (rng.choice((0, 0, 0, rng.randint(1, 50))))
    received = report.requests["new"]["total"] or 0
    if rng.random() < 0.1:
        received += rng.randint(1, 30)
    reviews = report.appeals["review"]["total"]
    suits = (report.appeals["litigation_direct"]["total"] or 0) + (
        report.appeals["litigation_after_review"]["total"] or 0
    )
    values = {"year": year, "total": total, "a": a, "b": b, "c": c, "received": received}
    values |= {"reviews": reviews, "suits": suits}
    report.text["overview"] = "\n".join(p.format(**values) for p in OVERVIEW)
    report.text["problems"] = PROBLEMS.format(year=year)
    report.text["other"] = rng.choice(OTHER).format(year=year)


# ---------------------------------------------------------------- layouts
def _rect(grid: Grid) -> list[list[str]]:
    rows = [[""] * grid.cols for _ in range(grid.rows)]
    for cell in grid.cells:
        rows[cell.row][cell.col] = cell.text
    return rows


def _compact(grid: Grid) -> list[list[str]]:
    rows: list[list[tuple[int, str]]] = [[] for _ in range(grid.rows)]
    for cell in grid.cells:
        rows[cell.row].append((cell.col, cell.text))
    return [[text for _, text in sorted(row)] for row in rows]


def _table_lines(key: str, grid: Grid, layout: str) -> list[str]:
    if layout == "cells":
        out: list[str] = []
        for row in _compact(grid):
            out.append("")
            out += ["\t" + text for text in row]
        return out
    rows = _compact(grid) if layout == "compact" else _rect(grid)
    lines = ["\t".join(row) for row in rows]
    if layout == "split" and key == "requests":
        cut = next(i for i, line in enumerate(lines) if "8.属于行政查询事项" in line) + 1
        lines = [*lines[:cut], "", *lines[:3], *lines[cut:]]
    return lines


def _title_lines(rng: random.Random, report: Report) -> list[str]:
    spaced = rng.random() < 0.5
    year = f"{report.year} 年" if spaced else f"{report.year}年"
    if rng.random() < 0.5:
        return [f"# {report.agency}", "", f"## {year}政府信息公开工作年度报告", ""]
    return [report_title(report), ""]


def render(rng: random.Random, report: Report, layout: str) -> str:
    """The report as text in `layout` (one of LAYOUTS)."""
    if layout == "markdown":
        return to_markdown(report)
    out = [*_title_lines(rng, report), preamble(report), ""]
    for key, heading, prose in sections(report):
        out += [heading, "", *prose, ""]
        grid_of = TABLES.get(key)
        if grid_of is not None:
            out += [*_table_lines(key, grid_of(report), layout), ""]
    return "\n".join(out)


def write_corpus(folder: Path, n: int, seed: int = 2021) -> tuple[int, int]:
    """Write `n` reports into `folder`; return (files, bytes)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for i in range(n):
        layout = LAYOUTS[i % len(LAYOUTS)]
        report = random_report(rng)
        suffix = ".md" if layout == "markdown" else ".txt"
        data = render(rng, report, layout).encode("utf-8")
        (folder / f"{i:05d}_{layout}{suffix}").write_bytes(data)
        size += len(data)
    return n, size
