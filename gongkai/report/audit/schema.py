"""The JSON Schema of `gongkai/annual-report@1` and a validator that speaks Chinese.

`gongkai/report/schema.json` is the published schema; `build_schema()` derives it
from the report model so the two cannot drift (a test compares them; regenerate
with `python -m gongkai.report.audit.schema > gongkai/report/schema.json`).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from gongkai.report.model import (
    APPEAL_FIELDS,
    APPEAL_GROUPS,
    DECIMAL_FIELDS,
    FORMATS,
    PROACTIVE_ITEMS,
    REQUEST_COLUMNS,
    SCHEMA_ID,
    SECTION_KEYS,
    SIGNED_FIELDS,
    FormatName,
    request_row_keys,
)

_COUNT = {"$ref": "#/$defs/count"}


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _field(name: str) -> dict[str, Any]:
    if name in DECIMAL_FIELDS:
        return {"$ref": "#/$defs/amount"}
    if name in SIGNED_FIELDS:
        return {"$ref": "#/$defs/signed"}
    return _COUNT


def _proactive(fmt: FormatName) -> dict[str, Any]:
    return _object(
        {item.key: _object({f: _field(f) for f in item.fields}) for item in PROACTIVE_ITEMS[fmt]}
    )


def _requests(fmt: FormatName) -> dict[str, Any]:
    return _object({key: {"$ref": "#/$defs/request_row"} for key in request_row_keys(fmt)})


def build_schema() -> dict[str, Any]:
    per_format = [
        {
            "if": {"properties": {"format": {"const": fmt}}, "required": ["format"]},
            "then": {"properties": {"proactive": _proactive(fmt), "requests": _requests(fmt)}},
        }
        for fmt in FORMATS
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://gongkai.example/schema/annual-report-1.json",
        "title": "政府信息公开工作年度报告（gongkai/annual-report@1）",
        "description": "年度报告的机器可读形式；未能读取的单元格为 null，该年格式没有的单元格不出现。",
        "type": "object",
        "properties": {
            "schema": {"const": SCHEMA_ID},
            "agency": {"type": ["string", "null"]},
            "year": {"type": ["integer", "null"], "minimum": 2008, "maximum": 2100},
            "format": {"enum": list(FORMATS)},
            "published_on": {
                "type": "string",
                "pattern": r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$",
            },
            "text": {
                "type": "object",
                "properties": {key: {"type": "string"} for key in ("title", *SECTION_KEYS)},
                "additionalProperties": False,
            },
            "proactive": {"type": "object"},
            "requests": {"type": "object"},
            "appeals": _object({g: {"$ref": "#/$defs/appeal_group"} for g in APPEAL_GROUPS}),
        },
        "required": ["schema", "agency", "year", "format", "proactive", "requests", "appeals"],
        "additionalProperties": False,
        "allOf": per_format,
        "$defs": {
            "count": {"type": ["integer", "null"], "minimum": 0},
            "signed": {"type": ["integer", "null"]},
            "amount": {"type": ["number", "null"], "minimum": 0},
            "request_row": _object({col: _COUNT for col in REQUEST_COLUMNS}),
            "appeal_group": _object({f: _COUNT for f in APPEAL_FIELDS}),
        },
    }


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The published schema file, `gongkai/report/schema.json`."""
    text = files("gongkai.report").joinpath("schema.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema())


def validate(data: Any) -> list[str]:
    """Every way `data` departs from the schema, as Chinese messages (empty when valid)."""
    errors = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return list(dict.fromkeys(_message(e) for e in errors))  # `required` errs once per key


def _message(error: ValidationError) -> str:
    where = ".".join(str(p) for p in error.absolute_path) or "（根对象）"
    return f"{where}：{_reason(error)}，实际为 {_shown(error.instance)}"


def _shown(value: Any) -> str:
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 60 else shown[:57] + "…"


def _reason(error: ValidationError) -> str:
    rule, expected, value = error.validator, error.validator_value, error.instance
    if rule == "type":
        names = {"integer": "整数", "number": "数字", "string": "文字", "object": "对象"}
        items = expected if isinstance(expected, list) else [expected]
        return f"类型不对（应为 {' 或 '.join(names.get(str(t), str(t)) for t in items)}）"
    if rule == "minimum":
        return f"不能小于 {expected}"
    if rule == "maximum":
        return f"不能大于 {expected}"
    if rule == "required" and isinstance(value, dict):
        return f"缺少必填项（{'、'.join(k for k in expected if k not in value)}）"
    if rule == "additionalProperties" and isinstance(value, dict):
        known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        return f"有规范之外的键（{'、'.join(k for k in value if k not in known)}）"
    if rule == "const":
        return f"应为 {json.dumps(expected, ensure_ascii=False)}"
    if rule == "enum":
        return f"应为 {'、'.join(json.dumps(v, ensure_ascii=False) for v in expected)} 之一"
    if rule == "pattern":
        return "格式不对（日期应为 YYYY-MM-DD）"
    return f"不符合规则 {rule}"


if __name__ == "__main__":
    print(json.dumps(build_schema(), ensure_ascii=False, indent=2))
