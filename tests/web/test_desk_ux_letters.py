"""Issue 12, letters: punctuation, corrections, notes, file names, PDF."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path


def pdf_text(data: bytes) -> str:
    """The text of a PDF as poppler's pdftotext reads it (newlines removed)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.pdf"
        path.write_bytes(data)
        out = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        )
    return out.stdout.replace("\n", "")
