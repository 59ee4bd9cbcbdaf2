"""Agency administrators (not the Django admin): letter templates, the holiday schedule and
the agency's settings."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from gongkai.web.accounts import rules
from gongkai.web.accounts.decorators import staff_required
from gongkai.web.accounts.models import Agency
from gongkai.web.requests import files, services
from gongkai.web.requests.forms import ScheduleUploadForm, TemplateUploadForm
from gongkai.web.requests.letters import letter_kinds
from gongkai.web.requests.models import HolidaySchedule, LetterTemplate
from gongkai.web.timekeeping import today
from gongkai.zipguard import ArchiveError, ArchiveLimits, count_elements, open_archive

MAX_TEMPLATE = 5 * 1024 * 1024
# A letter template is a page or two: a DOCX declaring more is refused before python-docx
# reads it (a 135 KB file with a million paragraphs once cost 14 s and 690 MB).
TEMPLATE_LIMITS = ArchiveLimits(
    max_file_bytes=MAX_TEMPLATE,
    max_members=100,
    max_member_bytes=10 * 1024 * 1024,
    max_total_bytes=20 * 1024 * 1024,
)
MAX_PARAGRAPHS = 5000
MAX_SCHEDULE = 64 * 1024  # a year's schedule is about 2 KB; never cut, refused when larger


def _kind_choices():
    return [(k, files.kind_name(k)) for k in letter_kinds()]


def _placeholders() -> list[tuple[str, str]]:
    from gongkai.letters import PLACEHOLDERS

    return [("{{" + k + "}}", v) for k, v in PLACEHOLDERS.items()]


@staff_required
def templates(request):
    if not rules.may_administer(request.user):
        raise PermissionDenied
    agency = request.user.agency
    form = TemplateUploadForm(request.POST or None, request.FILES or None)
    form.fields["kind"].choices = _kind_choices()
    if request.method == "POST" and form.is_valid():
        problem, content = check_template(form.cleaned_data["kind"], form.cleaned_data["file"])
        if problem:
            form.add_error("file", problem)
        else:
            LetterTemplate.objects.create(
                agency=agency,
                kind=form.cleaned_data["kind"],
                name=form.cleaned_data["file"].name[:200],
                content=content,
                uploaded_by=request.user,
            )
            messages.success(request, "模板已上传，此后生成的该类文书将使用新模板。")
            return redirect("requests:templates")
    rows = LetterTemplate.objects.filter(agency=agency).select_related("uploaded_by")
    return render(
        request,
        "requests/templates.html",
        {
            "form": form,
            "rows": [(t, files.kind_name(t.kind)) for t in rows],
            "placeholders": _placeholders(),
        },
    )


def check_template(kind: str, upload) -> tuple[str, bytes]:
    """A Chinese problem with the uploaded DOCX (or ""), and its content."""
    from gongkai.letters import check_template as letters_check

    if not upload.name.lower().endswith(".docx"):
        return "模板须为 DOCX 文件。", b""
    if upload.size > MAX_TEMPLATE:
        return "模板文件不能超过5MB。", b""
    content = upload.read()
    problem = docx_problem(content)
    if problem:
        return problem, b""
    try:
        problems = letters_check(content)
    except Exception:  # python-docx raises several kinds on a broken file
        problems = ["无法读取该 DOCX 文件，请确认文件未损坏。"]
    return ("；".join(problems), b"") if problems else ("", content)


def docx_problem(content: bytes) -> str:
    """Why the DOCX is too large to read (Chinese), or \"\"."""
    try:
        with open_archive(content, TEMPLATE_LIMITS, "DOCX 模板") as book:
            if "word/document.xml" not in book.namelist():
                return "无法读取该 DOCX 模板（缺少正文部件 word/document.xml）。"
            paragraphs = count_elements(book, "word/document.xml", "p", MAX_PARAGRAPHS)
    except ArchiveError as exc:
        return f"{exc}，请精简后重新上传。"
    if paragraphs > MAX_PARAGRAPHS:
        return f"模板超过 {MAX_PARAGRAPHS} 个段落，文书模板不应如此之长，请精简后重新上传。"
    return ""


@login_required
def holidays(request):
    may_load = rules.may_load_schedule(request.user)
    if not (may_load or rules.may_administer(request.user)):
        raise PermissionDenied
    if request.method == "POST" and not may_load:
        raise PermissionDenied  # other administrators see the national schedule read-only
    form = ScheduleUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            data = upload.read(MAX_SCHEDULE + 1)
            if len(data) > MAX_SCHEDULE:  # never cut: a cut schedule loses its holidays
                raise ValueError(
                    f"节假日安排文件超过 {MAX_SCHEDULE // 1024} KB，不是有效的节假日安排，"
                    "未载入；请检查文件后重新上传。"
                )
            text = data.decode("utf-8")
            from gongkai.clock.calendar import parse_schedule

            schedule = parse_schedule(text, upload.name)
        except UnicodeDecodeError:
            form.add_error("file", "节假日安排文件须为 UTF-8 编码的文本。")
        except ValueError as exc:
            form.add_error("file", str(exc))
        else:
            HolidaySchedule.objects.create(
                year=schedule.year, name=upload.name[:200], text=text, uploaded_by=request.user
            )
            count = services.redate_open_requests(today())
            messages.success(
                request,
                f"已载入{schedule.year}年节假日安排，已重新计算{count}件未办结申请的答复期限。",
            )
            return redirect("requests:holidays")
    rows = HolidaySchedule.objects.select_related("uploaded_by")
    return render(
        request, "requests/holidays.html", {"form": form, "rows": rows, "may_load": may_load}
    )


class AgencySettingsForm(forms.ModelForm):
    """What the agency's letters say, set once: numbering, fee payment, remedies, contact."""

    class Meta:
        model = Agency
        fields = (
            "tracking_format",
            "payment_instructions",
            "review_agency",
            "court",
            "contact_person",
            "contact_phone",
        )
        widgets = {"payment_instructions": forms.Textarea(attrs={"rows": 3})}  # noqa: RUF012
        help_texts = {  # noqa: RUF012
            "tracking_format": "须以本机关简称开头，如 平卫依申〔{year}〕{seq}号；"
            "不填则以机关全称开头。申请编号在各机关之间不能重复",
        }


@staff_required
def agency_settings(request):
    if not rules.may_administer(request.user) or request.user.agency is None:
        raise PermissionDenied
    form = AgencySettingsForm(request.POST or None, instance=request.user.agency)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "机关设置已保存，此后生成的文书将使用新的设置。")
        return redirect("requests:agency_settings")
    return render(request, "requests/agency_settings.html", {"form": form})
