"""Chinese names of the report's places, for messages, and their order, for sorting.

A finding's `where` is a dotted path in report terms: "requests.granted.total",
"appeals.review.total", "proactive.rules.issued", "text.problems", "year".
"""

from __future__ import annotations

import re

from gongkai.findings import Finding
from gongkai.report.model import (
    APPEAL_FIELD_LABELS,
    APPEAL_FIELDS,
    APPEAL_GROUP_LABELS,
    APPEAL_GROUPS,
    COLUMN_LABELS,
    FORMATS,
    PROACTIVE_ITEMS,
    REQUEST_COLUMNS,
    REQUEST_ROWS,
    SECTION_KEYS,
    SECTION_TITLES,
    FormatName,
)

_PAREN_NOTE = re.compile(r"（区分处理的.*?）")

# Every row key of either format, in table order (2021 first, then the 2019-only "other").
_ROW_ORDER: dict[str, int] = {}
for _fmt in FORMATS:
    for _row in REQUEST_ROWS[_fmt]:
        _ROW_ORDER.setdefault(_row.key, len(_ROW_ORDER))
_ROW_ORDER["other"] = _ROW_ORDER["other.other"]
_PROACTIVE_ORDER: dict[str, int] = {}
for _fmt in FORMATS:
    for _item in PROACTIVE_ITEMS[_fmt]:
        _PROACTIVE_ORDER.setdefault(_item.key, len(_PROACTIVE_ORDER))
_PROACTIVE_FIELDS: dict[str, int] = {}
for _fmt in FORMATS:
    for _item in PROACTIVE_ITEMS[_fmt]:
        for _f in _item.fields:
            _PROACTIVE_FIELDS.setdefault(_f, len(_PROACTIVE_FIELDS))

SECTION_ORDINALS = dict(zip(SECTION_KEYS, "一二三四五六", strict=True))


def row_label(fmt: FormatName, key: str) -> str:
    """ "（三）不予公开 1.属于国家秘密" for "withheld.state_secret"."""
    for row in REQUEST_ROWS[fmt]:
        if row.key == key:
            label = _PAREN_NOTE.sub("", row.label)
            return f"{row.group} {label}" if row.group else label
    return key


def column_label(key: str) -> str:
    return COLUMN_LABELS.get(key, key)


def appeal_label(group: str) -> str:
    label = APPEAL_GROUP_LABELS.get(group, group)
    return label if group == "review" else f"行政诉讼（{label}）"


def appeal_field_label(field: str) -> str:
    return APPEAL_FIELD_LABELS.get(field, field)


def proactive_label(fmt: FormatName, key: str, field: str) -> str:
    for item in PROACTIVE_ITEMS[fmt]:
        if item.key == key:
            names = dict(zip(item.fields, item.field_labels, strict=True))
            return f"{item.label}“{names.get(field, field)}”"
    return f"{key}.{field}"


def section_label(key: str) -> str:
    return f"第{SECTION_ORDINALS[key]}部分“{SECTION_TITLES[key]}”"


# ---------------------------------------------------------------- ordering
_HEAD = {"title": 0, "year": 1, "format": 2, "published_on": 3, "agency": 4, "sections": 5}
_TEXT_ORDER = {key: i for i, key in enumerate(("title", *SECTION_KEYS))}


_POSITIONS: dict[str, tuple[int, int, int, int]] = {}


def position(finding: Finding) -> tuple[int, int, int, int]:
    """Sort key: the document head, the tables in order (row, column), then the text."""
    if finding.start is None:
        # Most findings name a cell and no offset: their key depends on `where` alone.
        hit = _POSITIONS.get(finding.where)
        if hit is None:
            if len(_POSITIONS) > 20000:
                _POSITIONS.clear()
            hit = _POSITIONS[finding.where] = _position(finding)
        return hit
    return _position(finding)


def _position(finding: Finding) -> tuple[int, int, int, int]:
    parts = finding.where.split(".") if finding.where else []
    start = finding.start if finding.start is not None else 0
    if not parts:
        return (6, 0, 0, start)
    head = parts[0]
    if head in _HEAD:
        return (0, _HEAD[head], 0, 0)
    if head == "proactive":
        item = _PROACTIVE_ORDER.get(parts[1], 99) if len(parts) > 1 else 0
        fld = _PROACTIVE_FIELDS.get(parts[2], 99) if len(parts) > 2 else 0
        return (1, item, fld, 0)
    if head == "requests":
        rest = parts[1:]
        col = 99
        if rest and rest[-1] in REQUEST_COLUMNS:
            col = REQUEST_COLUMNS.index(rest[-1])
            rest = rest[:-1]
        row = _ROW_ORDER.get(".".join(rest), 98 if not rest else 99)
        return (2, row, col, 0)
    if head == "appeals":
        group = APPEAL_GROUPS.index(parts[1]) if len(parts) > 1 and parts[1] in APPEAL_GROUPS else 9
        fld = APPEAL_FIELDS.index(parts[2]) if len(parts) > 2 and parts[2] in APPEAL_FIELDS else 9
        return (3, group, fld, 0)
    if head == "text":
        return (4, _TEXT_ORDER.get(parts[1], 9) if len(parts) > 1 else 0, start, 0)
    return (5, 0, start, 0)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=position)
