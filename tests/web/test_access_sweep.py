"""The agency rule, proved for every URL pattern of our apps (views added later included).

The sweep walks the URL resolver. Every pattern must be either listed as public (with the
reason) or reachable with agency A's objects; a pattern whose kwargs the sweep cannot fill
fails the test, so a new view cannot escape it. Charlie holds every role in agency B
(administrator too), so a refusal proves the agency rule, not a missing role.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

A_CODE = "pingluo-wj"

# Public by design: anonymous users open them, and they show only what is published.
PUBLIC = {
    "accounts:login": "the login page",
    "accounts:logout": "logging out is allowed to anyone (POST only)",
    "portal:home": "the public portal's home page",
    "portal:apply": "the public application form",
    "portal:applied": "the public confirmation after applying",
    "portal:track": "the public tracking form (tracking number + query code)",
    "ledger_public:catalog": "the published catalog of an agency (政府信息公开目录)",
    "ledger_public:published": "the public listing of published items",
    "ledger_public:feed": "the public JSON feed of published items",
    "ledger_public:agencies": "the public list of agencies",
    "ledger_public:catalog_agencies": "the public list of agencies, each to its catalog",
    "ledger_public:published_agencies": "the public list of agencies, each to its items",
    "ledger_public:reports_agencies": "the public list of agencies, each to its annual reports",
    "ledger_public:agency": "an agency's public page (names and published things only)",
    "ledger_public:guide": "an agency's 政府信息公开指南, from its public settings",
    "ledger_public:item": "one published item in full (a draft is a 404)",
    "ledger_public:reports": "an agency's published annual reports",
    "ledger_public:report_file": "a published annual report's file (a draft's is a 404)",
    "ledger_public:item_file": "a published item's attachment (a draft's is a 404)",
}
# Public pages of one object that must not show a draft at all (A's are drafts: 404).
PUBLISHED_ONLY = {"ledger_public:item", "ledger_public:report_file", "ledger_public:item_file"}
# The applicant's own pages: only in a session that proved the query code, else a 404.
APPLICANT_SESSION = {"portal:status", "portal:correct", "portal:letter", "portal:record"}
# The user's own account, not any agency's data.
OWN_ACCOUNT = {"accounts:password": "changes the signed-in user's own password"}
# Dora may POST here because it acts on her own government's report (request.user.agency),
# never on agency A's.
DORA_OWN_AGENCY = {
    "annual_reports:start": "starts the report of the user's own agency",
    "annual_reports:import": "imports a report for the user's own agency",
    "appraisal:scheme": "sets the appraisal scheme of the supervisor's own government",
}
# An administrator's own agency's settings: Charlie (B's administrator) may change B's,
# and only B's: A's row must stay as it was.
OWN_AGENCY_SETTINGS = {"requests:agency_settings": "the signed-in administrator's own agency"}

# The apps whose patterns are swept; anything else must be admin or static.
OUR_NAMESPACES = {
    "accounts",
    "requests",
    "ledger",
    "ledger_public",
    "appeals",
    "annual_reports",
    "review",
    "portal",
    "engagement",
    "appraisal",
}
SKIPPED_NAMESPACES = {"admin": "Django's admin: superusers only, its own permission checks"}


def a_docx(text: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def walk(resolvers, namespace=""):
    """(route, "namespace:name", converters) of every pattern, recursively."""
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            for route, name, converters in walk(entry.url_patterns, ns):
                yield str(entry.pattern) + route, name, {**entry.pattern.converters, **converters}
        elif isinstance(entry, URLPattern):
            yield str(entry.pattern), f"{namespace}:{entry.name}", entry.pattern.converters


@pytest.fixture
def a_objects(
    make_request, agency_a, agency_b, alice, bob, hank, ada, charlie, dora
):  # every kind of object agency A owns, with a marker that must never reach Charlie
    from gongkai.report.model import Report
    from gongkai.web.annual_reports.models import AnnualReport
    from gongkai.web.appeals.models import Appeal
    from gongkai.web.ledger.models import (
        Category,
        ImportRun,
        Item,
        ItemAttachment,
        NormativeDocument,
        YearlyFigure,
    )
    from gongkai.web.requests.models import Attachment, Letter

    charlie.is_agency_admin = True
    charlie.save()
    now = datetime(2024, 3, 5, 9, 0, tzinfo=UTC)
    req = make_request(agency_a, received_on=date(2024, 3, 4), description="甲局密申请事项")
    event = req.events.first()
    letter = Letter.objects.create(
        request=req,
        event=event,
        kind="acknowledgement",
        number="平卫告〔2024〕1号",
        content=a_docx("申请人：张三"),
    )
    attachment = Attachment.objects.create(
        request=req, event=event, name="甲局密附件.pdf", file_type="pdf", size=1, content=b"%"
    )
    category = Category.objects.create(agency=agency_a, name="甲局密类别")
    item = Item.objects.create(
        agency=agency_a, title="甲局密草稿", doc_number="平卫〔2024〕9号", created_at=now
    )
    item_file = ItemAttachment.objects.create(
        item=item, name="甲局密信息附件.pdf", file_type="pdf", size=1, content=b"%", uploaded_at=now
    )
    document = NormativeDocument.objects.create(
        agency=agency_a,
        kind="normative",
        doc_number="平卫规〔2024〕1号",
        title="甲局密管理办法",
        issued_on=date(2024, 1, 2),
    )
    figure = YearlyFigure.objects.create(
        agency=agency_a,
        year=2023,
        item="licensing",
        field="decisions",
        value=777,
        note="甲局密数据来源",
        updated_at=now,
    )
    run = ImportRun.objects.create(agency=agency_a, user=alice, at=now, filename="甲局密导入.csv")
    appeal = Appeal.objects.create(
        agency=agency_a, kind="review", appellant="甲局密复议人", filed_on=date(2024, 2, 1)
    )
    report = Report.empty("2021", agency=agency_a.name, year=2023)
    report.text = {"problems": "甲局密年报文字"}
    annual = AnnualReport.objects.create(
        agency=agency_a, year=2023, state="draft", data=report.to_json()
    )
    return {
        "agency": agency_a,
        "request": req,
        "letter": letter,
        "attachment": attachment,
        "category": category,
        "item": item,
        "item_file": item_file,
        "document": document,
        "figure": figure,
        "run": run,
        "appeal": appeal,
        "annual": annual,
        **engagement_objects(agency_a, alice, now),
        "user": alice,
        "markers": [
            req.tracking_number,
            "甲局密",
            "艾丽斯",  # Alice's full name: A's staff list
            agency_a.name,
        ],
    }


def engagement_objects(agency, user, now) -> dict:
    """Agency A's 政民互动 message, import run, interpretation and activity."""
    from gongkai.web.engagement.models import Activity, ImportRun, Interpretation, Message

    return {
        "message": Message.objects.create(
            agency=agency,
            channel="hotline",
            ticket_number="甲局密工单",
            received_on=date(2024, 3, 1),
            topic="甲局密诉求",
            limit_days=5,
        ),
        "engagement_run": ImportRun.objects.create(
            agency=agency, user=user, at=now, filename="甲局密工单.csv"
        ),
        "interpretation": Interpretation.objects.create(
            agency=agency,
            title="甲局密解读",
            form="graphic",
            channel="portal",
            published_on=date(2024, 3, 2),
        ),
        "activity": Activity.objects.create(
            agency=agency, kind="open_day", title="甲局密开放日", held_on=date(2024, 9, 1)
        ),
    }


def fill(name: str, o: dict) -> dict | None:
    """The kwargs that point `name` at agency A's objects; None when the sweep lacks them."""
    code, year = o["agency"].code, o["annual"].year
    req = o["request"].pk
    table = {
        "accounts:toggle": {"pk": o["user"].pk},
        "accounts:unlock": {"pk": o["user"].pk},
        "requests:export": {"fmt": "csv"},
        "requests:detail": {"pk": req},
        "requests:act": {"pk": req, "action": "start"},
        "requests:receipt": {"pk": req},
        "requests:letter": {"pk": req, "letter_pk": o["letter"].pk},
        "requests:attachment": {"pk": req, "attachment_pk": o["attachment"].pk},
        "ledger:item": {"pk": o["item"].pk},
        "ledger:item_edit": {"pk": o["item"].pk},
        "ledger:item_action": {"pk": o["item"].pk, "action": "check"},
        "ledger:attachment_add": {"pk": o["item"].pk},
        "ledger:attachment": {"pk": o["item"].pk, "file_pk": o["item_file"].pk},
        "ledger:attachment_delete": {"pk": o["item"].pk, "file_pk": o["item_file"].pk},
        "ledger:import_run": {"pk": o["run"].pk},
        "ledger:import_bad_rows": {"pk": o["run"].pk},
        "ledger:category_edit": {"pk": o["category"].pk},
        "ledger:category_delete": {"pk": o["category"].pk},
        "ledger:document_edit": {"pk": o["document"].pk},
        "ledger:figures_year": {"year": o["figure"].year},
        "appeals:edit": {"pk": o["appeal"].pk},
        "engagement:message_edit": {"pk": o["message"].pk},
        "engagement:import_bad_rows": {"pk": o["engagement_run"].pk},
        "engagement:interpretation_edit": {"pk": o["interpretation"].pk},
        "engagement:activity_edit": {"pk": o["activity"].pk},
        "appraisal:department": {"code": code},
        "annual_reports:overview": {"year": year},
        "annual_reports:detail": {"code": code, "year": year},
        "annual_reports:build": {"code": code, "year": year},
        "annual_reports:edit": {"code": code, "year": year},
        "annual_reports:publish": {"code": code, "year": year},
        "annual_reports:download": {"code": code, "year": year, "fmt": "json"},
        "portal:status": {"pk": req},
        "portal:correct": {"pk": req},
        "portal:letter": {"pk": req, "letter_pk": o["letter"].pk},
        "portal:record": {"pk": req, "attachment_pk": o["attachment"].pk},
        "ledger_public:catalog": {"code": code},
        "ledger_public:published": {"code": code},
        "ledger_public:feed": {"code": code},
        "ledger_public:agency": {"code": code},
        "ledger_public:guide": {"code": code},
        "ledger_public:item": {"code": code, "pk": o["item"].pk},
        "ledger_public:reports": {"code": code},
        "ledger_public:report_file": {"code": code, "year": year, "fmt": "pdf"},
        "ledger_public:item_file": {"code": code, "pk": o["item"].pk, "file_pk": o["item_file"].pk},
    }
    return table.get(name)


# Patterns whose kwargs are not A's objects (a format, a year of the agency shown by
# ?agency=): they are swept like lists, reaching A only through ?agency=<A's code>.
NOT_AN_OBJECT = {"requests:export", "ledger:figures_year", "annual_reports:overview"}


def post_data(name: str, o: dict) -> dict:
    """A POST that would change A's data for A's own staff (so a refusal means something)."""
    item = o["item"]
    data = {
        "requests:act": {"start-on": "2024-03-05"},
        "ledger:item_action": {"on": "2024-03-05", "note": "x"},
        "annual_reports:edit": {"problems": "改写的文字"},
        "review:decide": {
            "app_label": "ledger",
            "model": "item",
            "pk": item.pk,
            "field": "review_text",
            "code": "x",
            "start": "0",
            "end": "1",
            "text": "甲",
            "decision": "accepted",
        },
    }.get(name, {})
    if name == "requests:holidays":  # national: re-dates A's requests too
        from django.core.files.uploadedfile import SimpleUploadedFile

        toml = 'year = 2024\nsource = "测试"\nholidays = ["2024-03-11..2024-03-15"]\n'
        data = {"file": SimpleUploadedFile("2024.toml", toml.encode())}
    return {"agency": o["agency"].code, **data}


def swept_patterns():
    found = []
    for route, name, converters in walk(get_resolver().url_patterns):
        namespace = name.split(":", 1)[0]
        if namespace in SKIPPED_NAMESPACES:
            continue
        assert namespace in OUR_NAMESPACES and not name.endswith(":None"), (
            f"URL pattern {route!r} ({name}) is outside the access sweep: give it a name in "
            "one of our apps' namespaces and add it to tests/web/test_access_sweep.py"
        )
        found.append((route, name, set(converters)))
    return found


def fingerprint() -> dict:
    """Every row of every model of our apps (a POST that changes nothing leaves it equal)."""
    rows = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("gongkai.web."):
            continue
        for model in config.get_models():
            values = model._default_manager.order_by("pk").values()
            rows[model._meta.label] = [
                {k: bytes(v) if isinstance(v, memoryview) else v for k, v in row.items()}
                for row in values
            ]
    return rows


def urls(a_objects):
    """(name, url, is_object) for every swept pattern; unfillable kwargs fail the test."""
    out = []
    for route, name, kwargs in swept_patterns():
        if kwargs:
            filled = fill(name, a_objects)
            assert filled is not None and set(filled) == kwargs, (
                f"URL pattern {route!r} ({name}) has kwargs {sorted(kwargs)} the access sweep "
                "cannot fill: add it to fill() in tests/web/test_access_sweep.py"
            )
            url = reverse(name, kwargs=filled)
        else:
            url = reverse(name)
        out.append((name, url, bool(kwargs) and name not in NOT_AN_OBJECT))
    return out


def leaked(response, markers) -> list[str]:
    if not response.get("Content-Type", "").startswith(("text/", "application/json")):
        return []
    body = response.content.decode("utf-8", "replace")
    return [m for m in markers if m in body]


def test_the_sweep_knows_every_pattern_of_our_apps(a_objects):
    names = {name for name, _, _ in urls(a_objects)}
    listed = set(PUBLIC) | APPLICANT_SESSION | set(OWN_ACCOUNT) | set(DORA_OWN_AGENCY)
    assert listed <= names, f"listed patterns that no longer exist: {sorted(listed - names)}"
    assert {"requests:detail", "ledger:item", "appeals:edit", "annual_reports:edit"} <= names
    assert len(names) >= 50


def test_charlie_of_agency_b_gets_nothing_of_agency_a_anywhere(a_objects, charlie_client):
    markers = a_objects["markers"]
    for name, url, is_object in urls(a_objects):
        if name in PUBLIC or name in OWN_ACCOUNT:
            continue
        sep = "&" if "?" in url else "?"
        before = fingerprint()
        got = charlie_client.get(f"{url}{sep}agency={A_CODE}")
        sent = charlie_client.post(url, post_data(name, a_objects))
        if name in OWN_AGENCY_SETTINGS:
            after = fingerprint()["accounts.Agency"]
            a_rows = [r for r in after if r["code"] == A_CODE]
            assert a_rows == [r for r in before["accounts.Agency"] if r["code"] == A_CODE]
        else:
            assert fingerprint() == before, f"Charlie's POST to {url} ({name}) changed data"
        for method, response in (("GET", got), ("POST", sent)):
            if is_object or name in APPLICANT_SESSION:
                assert response.status_code in (403, 404, 405), (
                    f"Charlie (agency B) {method} {url} ({name}): {response.status_code}"
                )
            else:
                assert response.status_code < 500, f"{method} {url} ({name}): 500"
            assert not leaked(response, markers), (
                f"Charlie (agency B) {method} {url} ({name}) shows A's {leaked(response, markers)}"
            )


def test_anonymous_users_are_sent_to_the_login_page(a_objects, client):
    for name, url, _ in urls(a_objects):
        if name in PUBLIC:
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if name in APPLICANT_SESSION:
                assert response.status_code in (404, 405), f"anonymous {method} {url}"
                continue
            assert response.status_code == 302, f"anonymous {method} {url} ({name})"
            assert response["Location"].startswith("/accounts/login/"), (name, response["Location"])


def test_dora_the_supervisor_cannot_post_changes_anywhere(a_objects, dora_client):
    for name, url, _ in urls(a_objects):
        if name in PUBLIC or name in OWN_ACCOUNT:
            continue
        before = fingerprint()
        response = dora_client.post(url, post_data(name, a_objects))
        assert response.status_code < 500, f"Dora POST {url} ({name}): 500"
        if name in DORA_OWN_AGENCY:
            continue
        assert fingerprint() == before, f"Dora's POST to {url} ({name}) changed data"


def test_the_public_pages_of_a_show_no_draft(a_objects, client):
    for name, url, _ in urls(a_objects):
        if not name.startswith("ledger_public:"):
            continue
        response = client.get(url)
        assert response.status_code == (404 if name in PUBLISHED_ONLY else 200), url
        assert "甲局密草稿" not in response.content.decode(), f"{url} shows a draft of A"
        assert "甲局密年报文字" not in response.content.decode(), f"{url} shows A's draft report"
