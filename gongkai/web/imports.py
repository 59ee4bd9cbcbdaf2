"""What every CSV/XLSX import page shares: the upload, the template, the bad rows.

The ledger's items and yearly figures, the appeals register and the engagement registers
each import a file the same way: the agency the screen shows, a keeper of that agency (a
supervisor may look, not import), a form with the file, the file read whole and handed to
the app's own importer (`gongkai.web.ledger.importing.read_table` bounds its size, rows and
cells; the checks of each row and the law stay in the app), and an `ImportFileError` shown
on the form in Chinese. Each app renders its own result: the page itself, a run page or a
message. The template download and the bad-rows report are CSV with a BOM, so Excel opens
the Chinese headers as written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse

from gongkai.web.ledger.access import current_agency
from gongkai.web.ledger.forms import UploadForm
from gongkai.web.ledger.importing import ImportFileError, bad_rows_csv

# (agency, file name, file bytes, the form's cleaned data) -> what the app's importer returns
Importer = Callable[[Any, str, bytes, dict[str, Any]], Any]
KeeperCheck = Callable[[HttpRequest, Any], None]


@dataclass
class Upload:
    """One visit to an import page: the agency, the bound form and, once a file was
    imported, what the importer returned (None on a GET or when the file was refused)."""

    agency: Any
    form: forms.Form
    result: Any = None


def receive_upload(
    request: HttpRequest,
    importer: Importer,
    require_keeper: KeeperCheck,
    form_class: type[forms.Form] = UploadForm,
) -> Upload:
    """Check that the user keeps the agency shown (raises PermissionDenied otherwise), then,
    on a valid POST, run `importer` on the uploaded file."""
    agency = current_agency(request)
    require_keeper(request, agency)
    form = form_class(request.POST or None, request.FILES or None)
    upload = Upload(agency, form)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            upload.result = importer(agency, file.name, file.read(), form.cleaned_data)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
    return upload


def _csv_download(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def template_download(
    header: Sequence[str], examples: Iterable[Sequence[str]], filename: str
) -> HttpResponse:
    """The header row with the Chinese column names and example rows, as a CSV file."""
    lines = [header, *examples]
    return _csv_download("\ufeff" + "".join(",".join(row) + "\n" for row in lines), filename)


def bad_rows_download(header: Sequence[str], bad_rows: list[dict], filename: str) -> HttpResponse:
    """The rows that were not imported, with their cells, reason and line (fix, import again)."""
    return _csv_download(bad_rows_csv(list(header), bad_rows), filename)
