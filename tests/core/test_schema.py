"""The JSON Schema of `gongkai/annual-report@1` against real readings and bad documents."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from gongkai.report.audit.schema import build_schema, load_schema, validate
from gongkai.report.model import Report
from gongkai.report.read import read_path
from tests.conftest import FIXTURES, SEEDS

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from corpus import random_report

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "gongkai" / "report" / "schema.json"
REPORTS = sorted((FIXTURES / "reports").glob("*.pdf"))


def test_the_published_schema_is_the_one_built_from_the_model():
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == build_schema()
    Draft202012Validator.check_schema(load_schema())


def test_request_rows_use_the_flat_keys_of_the_spec():
    then = {b["if"]["properties"]["format"]["const"]: b["then"] for b in load_schema()["allOf"]}
    rows_2021 = then["2021"]["properties"]["requests"]["properties"]
    assert "withheld.state_secret" in rows_2021
    assert "other.fee_unpaid" in rows_2021 and "other" not in rows_2021
    assert "other" in then["2019"]["properties"]["requests"]["properties"]


@pytest.mark.parametrize("path", [*SEEDS, *REPORTS], ids=lambda p: p.name)
def test_every_fixture_reads_into_a_valid_document(path):
    assert validate(read_path(path).report.to_json()) == []


def test_generated_reports_of_both_formats_are_valid():
    rng = random.Random(7)
    for year in (2019, 2020, 2021, 2024) * 5:
        assert validate(random_report(rng, year).to_json()) == []


def zero_2021() -> dict:
    report = Report.empty("2021", agency="平罗县卫生健康局", year=2021)
    report.published_on = "2022-01-10"
    return report.to_json()


def test_null_cells_and_decimal_amounts_are_valid():
    data = zero_2021()
    data["proactive"]["fees"]["amount_wan_yuan"] = 7730.28
    data["requests"]["new"]["total"] = 95
    assert validate(data) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["requests"]["new"].update(total=-1),
            "requests.new.total：不能小于 0，实际为 -1",
        ),
        (
            lambda d: d["requests"]["new"].update(total=2.5),
            "requests.new.total：类型不对（应为 整数 或 null），实际为 2.5",
        ),
        (
            lambda d: d["requests"]["new"].update(total="3"),
            'requests.new.total：类型不对（应为 整数 或 null），实际为 "3"',
        ),
        (lambda d: d["appeals"]["review"].pop("pending"), "appeals.review：缺少必填项（pending）"),
        (
            lambda d: d["requests"]["granted"].update(extra=1),
            "requests.granted：有规范之外的键（extra）",
        ),
        (lambda d: d["requests"].pop("other.other"), "requests：缺少必填项（other.other）"),
        (lambda d: d.update(format="2020"), 'format：应为 "2021"、"2019" 之一'),
        (lambda d: d.update(schema="x"), 'schema：应为 "gongkai/annual-report@1"'),
        (lambda d: d.update(published_on="2022-1-10"), "published_on：格式不对"),
        (
            lambda d: d["proactive"]["fees"].update(amount_wan_yuan=-0.5),
            "proactive.fees.amount_wan_yuan：不能小于 0",
        ),
        (
            lambda d: (
                d["text"].update(preface="…") if "text" in d else d.update(text={"preface": "…"})
            ),
            "text：有规范之外的键（preface）",
        ),
    ],
)
def test_invalid_documents_are_rejected_with_a_chinese_message(change, message):
    data = zero_2021()
    change(data)
    errors = validate(data)
    assert any(e.startswith(message) for e in errors), errors


def test_the_2019_format_has_its_own_table_two():
    data = Report.empty("2019", agency="漳平市卫生健康局", year=2020).to_json()
    data["proactive"]["licensing"]["change"] = -2
    assert validate(data) == []
    data["proactive"]["rules"]["issued"] = 0
    (error,) = validate(data)
    assert error.startswith("proactive.rules：有规范之外的键（issued），实际为 {")
