"""No visible link may lead to an error: each named user (and the public) follows every
link they are shown, from their landing page, and none answers 4xx or 5xx.

Links come from the HTML each user is served; the roles decide what is shown
(gongkai/web/accounts/rules.py, gongkai/web/ledger/rules.py), so a link a role cannot
follow is a link that should not have been shown.
"""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

SKIP = ("/static/", "/admin/", "/accounts/logout/")
LIMIT = 400  # pages per user: the crawl is breadth first, every page kind is reached early


# What must never reach a reader: Django's English defaults, library names, raw codes.
NOT_FOR_READERS = {
    "---------": "Django's empty choice (请选择)",
    ":</label>": "a label ending in an ASCII colon (：)",
    ":</legend>": "a legend ending in an ASCII colon (：)",
    "gongkai</title>": "the program's name in the title",
    "chinesecalendar": "a library's name",
    "JSON 数据": "a file format instead of what it is",
    "personal.phone": "a checker's code",
}


def wording_problems(html: str) -> list[str]:
    found = [why for text, why in NOT_FOR_READERS.items() if text in html]
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    if title is None or "/" in title.group(1) or not title.group(1).strip():
        found.append(f"a title that is not words: {title.group(1) if title else None!r}")
    return found


def _links(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'<a [^>]*href="(/[^"#]*)', html)]


def crawl(
    client: Client,
    start: str = "/",
    wording: dict | None = None,
    html: list | None = None,
    limit: int = LIMIT,
) -> dict[str, int]:
    """Status of every page reached; `wording` collects each page's wording problems,
    `html` the paths that answered with a page (not a download)."""
    seen: dict[str, int] = {}
    queue = [start]
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen or path.startswith(SKIP):
            continue
        response = client.get(path)
        seen[path] = response.status_code
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        if response.get("Content-Type", "").startswith("text/html"):
            text = response.content.decode()
            queue.extend(p for p in _links(text) if p not in seen)
            if wording is not None and (problems := wording_problems(text)):
                wording[path] = problems
            download = response.get("Content-Disposition", "").startswith("attachment")
            if html is not None and response.status_code == 200 and not download:
                html.append(path)
        if response.streaming:
            # Read a download to its end: the test client then closes it. Closing a response
            # here would fire request_finished, which closes a PostgreSQL connection in the
            # middle of the test's transaction.
            for _chunk in response.streaming_content:
                pass
    return seen


@pytest.fixture
def world(agency_a, agency_b, alice, bob, hank, charlie, dora, ada, greta, make_request):
    """A little of everything, in both agencies, for links to point at."""
    from django.utils import timezone

    from gongkai.web.ledger.models import Category, Item

    make_request(agency_a)
    make_request(agency_b)
    for agency in (agency_a, agency_b):
        cat = Category.objects.create(agency=agency, name="政策文件", article_item=1)
        for state in ("drafted", "published"):
            Item.objects.create(
                agency=agency,
                title=f"{agency.name}{state}",
                category=cat,
                state=state,
                created_at=timezone.now(),
                published_on=date(2026, 3, 2) if state == "published" else None,
            )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", ["alice", "bob", "hank", "charlie", "dora", "ada", "greta"])
def test_no_link_a_staff_user_is_shown_leads_to_an_error(world, request, name):
    user = request.getfixturevalue(name)
    wording: dict[str, list[str]] = {}
    pages = crawl(_client(user), "/desk/", wording)
    broken = {p: s for p, s in pages.items() if s >= 400}
    assert not broken, f"{name}: {broken}"
    assert len(pages) > 10
    assert not wording, f"{name}: {wording}"


def test_no_link_the_public_is_shown_leads_to_an_error(world):
    wording: dict[str, list[str]] = {}
    pages = crawl(Client(), "/", wording)
    assert not {p: s for p, s in pages.items() if s >= 400}
    assert not wording


def test_a_superuser_without_an_agency_is_sent_to_the_administration(db):
    from gongkai.web.accounts.models import User

    User.objects.create_superuser("root", "root@example.gov.cn", "Gongkai-2026-root")
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "root", "password": "Gongkai-2026-root"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/accounts/login/")["Location"] == "/admin/"
    assert 'href="/desk/"' not in client.get("/").content.decode()
