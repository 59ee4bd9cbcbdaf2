"""Options that several commands take, declared once.

from gongkai.cli.options import Jobs

def parse(..., jobs: Jobs = 0) -> None: ...
"""

from __future__ import annotations

from typing import Annotated

import typer

# Folders are read by this many processes; 0 (the default) means one per core.
Jobs = Annotated[
    int, typer.Option("--jobs", "-j", help="并行进程数（默认 0：使用全部处理器核心）", min=0)
]
