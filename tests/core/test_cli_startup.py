"""Start-up: a small run imports only what it uses.

Every `gongkai` run pays for its imports before it does anything (docs/benchmarks.md, the
start-up line). These tests do not time anything: they run a fresh interpreter (this one has
imported everything already) and check that what made start-up slow has not come back —
pydantic (Typer 0.29 and later coerce every parameter through it), the help page's Rich
Markdown, Pygments and tracebacks (`typer.rich_utils`), Django, and the modules of the
commands that are not run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.cli import COMMANDS, load
from tests.conftest import seed

ROOT = Path(__file__).resolve().parents[2]

# What no command needs unless it shows a help page or opens the database.
HEAVY = ("pydantic", "typer.rich_utils", "rich.markdown", "pygments", "markdown_it", "django")

RUN = """
import json, sys
from gongkai.cli import main
status = main(sys.argv[2:])
with open(sys.argv[1], "w", encoding="utf-8") as f:
    json.dump({"status": status, "modules": sorted(sys.modules)}, f)
"""


def run_fresh(tmp_path: Path, *argv: str) -> tuple[int, set[str], str]:
    """Run `gongkai ARGV` in a new interpreter: exit status, imported modules, stdout."""
    found = tmp_path / "modules.json"
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(found), *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert found.exists(), done.stderr
    result = json.loads(found.read_text(encoding="utf-8"))
    return result["status"], set(result["modules"]), done.stdout


def heavy(modules: set[str]) -> list[str]:
    """The modules of HEAVY (and their submodules) among `modules`."""
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def command_modules(modules: set[str]) -> set[str]:
    return {m.removeprefix("gongkai.cli.") for m in modules if m.startswith("gongkai.cli.")} & set(
        COMMANDS.values()
    )


@pytest.mark.parametrize("cmd", ["audit", "parse", "check"])
def test_reading_one_report_imports_no_pydantic_no_help_page_and_no_django(cmd, tmp_path):
    report = seed("000")
    status, modules, out = run_fresh(tmp_path, cmd, str(report))
    assert status in (0, 1)
    assert report.name in out or "年度报告" in out  # the command did its work
    assert heavy(modules) == []
    assert not any(m == "gongkai.web" or m.startswith("gongkai.web.") for m in modules)
    assert command_modules(modules) == {COMMANDS[cmd]}


def test_importing_the_cli_imports_no_command(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", "import sys, gongkai.cli; print(' '.join(sys.modules))"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    modules = set(done.stdout.split())
    assert "gongkai.cli" in modules
    assert heavy(modules) == []
    assert command_modules(modules) == set()
    assert "rich" not in modules


def test_the_help_still_works_in_a_fresh_run(tmp_path):
    status, modules, out = run_fresh(tmp_path, "--help")
    assert status == 0
    assert "用法：gongkai" in out and "显示本帮助并退出。" in out
    assert "typer.rich_utils" in modules  # loaded for the help, and only then
    for name in COMMANDS:
        assert f" {name} " in out


@pytest.mark.parametrize("module", sorted(set(COMMANDS.values())))
def test_every_command_a_module_registers_is_listed(module):
    # A command missing from COMMANDS could neither run nor be listed in the help.
    assert set(load(module)) == {name for name, owner in COMMANDS.items() if owner == module}
