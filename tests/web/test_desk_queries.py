"""The desk's pages run a fixed number of queries, whatever the number of rows.

Issue 10 left the queue and the request's page at 8–29 queries, some of them once per row
(the reviewer's drafts, the letters' checks, the supervisor's agency tree). Each page is
counted here with 3 rows and with 30 of them (requests in the lists; events, letters and
attachments on the request's page): the count must be the same, and it is pinned, so a
query added to a page is a decision someone makes on purpose. Counts, not time.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.web.requests import desk_acts, services
from gongkai.web.requests.models import Letter

DAY = date(2024, 3, 6)
USERS = ("alice", "bob", "hank", "dora")

# Every page: the session, the user, the holiday-schedule version, the user's agency (the
# navigation names it) and the counts of "my work" (one aggregate for the navigation).
QUEUE = {"alice": 8, "bob": 8, "hank": 8, "dora": 9}  # + the supervisor's agency tree
MINE = {"alice": 8, "bob": 6, "hank": 6, "dora": 3}  # a query per list shown (+ the refusals)
DETAIL = {"alice": 13, "bob": 13, "hank": 14, "dora": 13}  # + the handlers, for the head


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", DAY.isoformat())
    return DAY


@pytest.fixture
def clients(request, alice, bob, hank, dora):
    return {name: request.getfixturevalue(f"{name}_client") for name in USERS}


def queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return [q["sql"] for q in ctx.captured_queries]


def counts(clients, url: str) -> dict[str, int]:
    """Each user's queries on `url` in the steady state: after a first visit, which also
    refreshes the session (at most once a minute) and reads the holiday schedules."""
    for client in clients.values():
        client.get(url)
    return {name: len(queries(client, url)) for name, client in clients.items()}


@pytest.fixture
def add_requests(make_request, agency_a, alice, hank):
    """`add_requests(n)`: n requests of agency A, each handled by Alice and in turn drafted
    by her for review, with her extension asked, with her extension refused: any three
    fill every list of "my work"."""
    made = []

    def add(n: int) -> None:
        for _ in range(n):
            kind = len(made) % 3
            req = make_request(agency_a, received_on=date(2024, 3, 4))
            services.perform(req, "start", alice, services.Step(on=DAY), today=DAY)
            if kind == 0:
                step = services.Step(on=DAY, disposition="granted", note="予以公开")
                services.perform(req, "draft_reply", alice, step, today=DAY)
            else:
                desk_acts.ask_extension(req, alice, reason="档案较多", today=DAY)
            if kind == 2:
                desk_acts.refuse_extension(req, hank, note="按期答复", today=DAY)
            made.append(req)

    return add


def test_the_queue_runs_the_same_queries_for_3_requests_and_for_30(clients, add_requests, today):
    add_requests(3)
    few = counts(clients, "/desk/")
    add_requests(27)
    many = counts(clients, "/desk/")
    assert few == many == QUEUE
    page = clients["dora"].get("/desk/").content.decode()
    assert page.count('href="/desk/') >= 30  # every row is there, linked to its page


def test_my_work_runs_the_same_queries_for_3_requests_and_for_30(clients, add_requests, today):
    add_requests(3)
    few = counts(clients, "/desk/mine/")
    add_requests(27)
    many = counts(clients, "/desk/mine/")
    assert few == many == MINE
    page = clients["hank"].get("/desk/mine/").content.decode()
    assert "待我决定的延期请示（10）" in page  # 30 requests: every third from the second
    page = clients["alice"].get("/desk/mine/").content.decode()
    assert "我经办的未办结申请（30）" in page and "延期请示未获同意（10）" in page


@pytest.fixture
def documented(make_request, agency_a, alice, hank, hal):
    """A reply drafted for review, with an extension asked, and `grow(n)` that adds n
    events (the head reassigning), each with an attachment and a letter."""
    req = make_request(agency_a, received_on=date(2024, 3, 4))
    services.perform(req, "start", alice, services.Step(on=DAY), today=DAY)
    desk_acts.ask_extension(req, alice, reason="档案较多", today=DAY)
    step = services.Step(on=DAY, disposition="granted", note="予以公开")
    services.perform(req, "draft_reply", alice, step, today=DAY)
    reply = req.letters.get()

    def grow(n: int) -> None:
        for i in range(n):
            req.refresh_from_db()
            to = hal if req.handler_id == alice.pk else alice
            event = desk_acts.assign(req, to, hank, today=DAY)
            upload = SimpleUploadedFile(f"材料{event.pk}.pdf", b"%PDF-1.4 test")
            upload.checked_type = "pdf"
            services.save_attachments(req, [upload], event)
            Letter.objects.create(
                request=req,
                event=event,
                kind=reply.kind,
                number=f"{reply.number}-{i}",
                content=reply.content,
            )

    req.grow = grow
    return req


def test_the_request_page_runs_the_same_queries_for_3_documents_and_for_30(
    clients, documented, today
):
    url = f"/desk/{documented.pk}/"
    documented.grow(3)
    few = counts(clients, url)
    documented.grow(27)
    many = counts(clients, url)
    assert few == many == DETAIL
    page = clients["alice"].get(url).content.decode()
    assert page.count("data-letter-kind=") == 31  # the draft and its 30 copies
    assert page.count("材料") >= 30  # every attachment named in the page and the timeline
