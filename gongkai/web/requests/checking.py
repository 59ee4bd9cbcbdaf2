"""The check before sending, on the desk's letters, through the checker's review app.

Every letter the desk generates goes to the applicant or to a third party, so its text
(extracted from the DOCX) is registered with `gongkai.web.review`: the request's page
shows the findings inline with accept/fix decisions, and the reply may not be signed off
(`review_reply`) or sent (`send_reply`) while its letter has an error nobody accepted.

A letter to the applicant legitimately names the applicant: their own ID number, phone,
e-mail and address are allowed values of the check. A letter to a third party (征求意见函)
allows none of them — the applicant's data must not reach the third party. The agency's
own office phones and e-mails are allowed in both: those printed in the agency's uploaded
letter templates (which the agency writes itself) and, when the agency model has them,
`office_phones` / `office_emails`.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Any

from django.apps import apps

from gongkai.findings import Finding

FIELD = "text"  # the letter's text, extracted from its DOCX
# The letter that the reply transitions send: the one drafted with the reply.
REPLY_ACTIONS = frozenset({"review_reply", "send_reply"})

_PHONE_RE = re.compile(
    r"(?<![0-9])(?:1[3-9][0-9]{9}|(?:[(（]?0[0-9]{2,3}[)）]?[-－—– ]?)?[1-9][0-9]{6,7})(?![0-9])"
)
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def review_installed() -> bool:
    return apps.is_installed("gongkai.web.review")


# ------------------------------------------------------------------ the letter's text
def docx_text(content: bytes) -> str:
    """The text of a DOCX letter, as `gongkai.documents.extract_text` reads it."""
    return _docx_text(hashlib.sha256(content).hexdigest(), content)


@lru_cache(maxsize=256)
def _docx_text(digest: str, content: bytes) -> str:
    # A stored letter never changes, so its text is read once per process.
    import tempfile
    from pathlib import Path

    from gongkai.documents import extract_text

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "letter.docx"
        path.write_bytes(content)
        return extract_text(path)


UNREADABLE = "（此文书无法读取，不能检查。请重新生成或上传可用的模板后重新起草。）"


def letter_text(letter: Any, field: str = FIELD) -> str:
    """The letter's text; a note instead when the stored DOCX cannot be read."""
    from gongkai.report.read_result import UnreadableDocument

    try:
        return docx_text(bytes(letter.content))
    except UnreadableDocument:
        return UNREADABLE


# ------------------------------------------------------------------ what is allowed
def to_applicant(letter: Any) -> bool:
    from gongkai.letters import LETTERS

    spec = LETTERS.get(letter.kind)
    return spec.to_applicant if spec is not None else False


def agency_contacts(agency: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The agency's own office phones and e-mails (see the module docstring)."""
    from gongkai.web.requests.models import LetterTemplate

    phones = list(getattr(agency, "office_phones", None) or ())
    emails = list(getattr(agency, "office_emails", None) or ())
    for template in LetterTemplate.objects.filter(agency=agency).only("content"):
        try:
            text = docx_text(bytes(template.content))
        except Exception:  # an unreadable template: its numbers are simply not allowed
            continue
        phones += _PHONE_RE.findall(text)
        emails += _EMAIL_RE.findall(text)
    return tuple(dict.fromkeys(phones)), tuple(dict.fromkeys(emails))


def _valid(values: list[str], check: Any) -> tuple[str, ...]:
    """The values CheckOptions accepts (an applicant's typo must not break the page)."""
    kept = []
    for value in values:
        value = (value or "").strip()
        if not value:
            continue
        try:
            check(value)
        except ValueError:
            continue
        kept.append(value)
    return tuple(dict.fromkeys(kept))


def options_for(
    letter: Any, contacts: tuple[tuple[str, ...], tuple[str, ...]] | None = None
) -> Any:
    """The check's options for `letter` (`contacts`: the agency's, when the caller has
    read them already for several letters)."""
    from gongkai.check import CheckOptions

    req = letter.request
    phones, emails = contacts if contacts is not None else agency_contacts(req.agency)
    ids: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    if to_applicant(letter):
        phones += _valid([req.phone], lambda v: CheckOptions(allowed_phones=(v,)))
        emails += _valid([req.email], lambda v: CheckOptions(allowed_emails=(v,)))
        ids = _valid(
            [req.id_number, req.credit_code], lambda v: CheckOptions(allowed_id_numbers=(v,))
        )
        addresses = _valid([req.address], lambda v: CheckOptions(allowed_addresses=(v,)))
    return CheckOptions(
        # A letter cites older years on purpose (the information asked for): no stale check.
        year=None,
        published_on=letter.event.on if letter.event_id else None,
        allowed_phones=_valid(list(phones), lambda v: CheckOptions(allowed_phones=(v,))),
        allowed_emails=_valid(list(emails), lambda v: CheckOptions(allowed_emails=(v,))),
        allowed_id_numbers=ids,
        allowed_addresses=addresses,
    )


# ------------------------------------------------------------------ the review app
def may_decide(user: Any, letter: Any) -> bool:
    """The agency's reviewer decides, never the one who drafted the reply (four eyes)."""
    from gongkai.web.accounts import rules

    return rules.may_review(user, letter.request)


def register_with_review() -> None:
    from gongkai.web.requests.models import Letter
    from gongkai.web.review.registry import register

    register(
        Letter,
        fields=(FIELD,),
        may_decide=may_decide,
        text=letter_text,
        options=options_for,
    )


def reply_letter(req: Any) -> Any:
    """The letter drafted with the latest reply (None before a reply is drafted)."""
    from gongkai.web.requests.models import Letter

    return (
        Letter.objects.filter(request=req, event__action="draft_reply")
        .select_related("event", "request__agency")
        .order_by("-id")
        .first()
    )


def open_errors(letter: Any) -> list[Finding]:
    """Errors of the check that still block sending `letter` (none accepted)."""
    text = letter_text(letter)
    if text == UNREADABLE:
        # A letter nobody can read must not go out unchecked.
        return [Finding("letter.unreadable", "error", "文书无法读取，不能检查。", text=text)]
    if review_installed():
        from gongkai.web.review.services import open_errors as reviewed_open_errors

        return reviewed_open_errors(letter, FIELD, text, options_for(letter))
    from gongkai.check import check_text

    return [f for f in check_text(text, options_for(letter)) if f.severity == "error"]


def blocking_message(req: Any, action: str) -> str | None:
    """The Chinese reason why `action` may not be taken on `req` now, or None."""
    if action not in REPLY_ACTIONS:
        return None
    letter = reply_letter(req)
    if letter is None:
        return None
    errors = open_errors(letter)
    if not errors:
        return None
    what = "审核通过" if action == "review_reply" else "发出"
    first = errors[0]
    return (
        f"答复书 {letter.number} 经发布前检查有 {len(errors)} 项错误尚未处理"
        f"（如“{first.text}”：{first.message}），不能{what}。"
        "请审核人在“文书检查”中逐项确认无误予以保留，或退回修改后重新起草答复。"
    )


def panels(request: Any, req: Any) -> list[dict[str, Any]]:
    """Per letter of the request, its findings highlighted in its text (HTML).

    A constant number of queries whatever the number of letters: the letters come with
    the request (`queries.letters_of`), the agency's contacts and every letter's decisions
    are read once."""
    if not review_installed():
        return []
    from gongkai.web.requests.queries import letters_of
    from gongkai.web.review.services import decisions_for_many, review_context

    letters = letters_of(req)
    if not letters:
        return []
    drafts = [lt for lt in letters if lt.event is not None and lt.event.action == "draft_reply"]
    reply = max(drafts, key=lambda lt: lt.pk, default=None)  # as reply_letter(req)
    contacts = agency_contacts(req.agency)
    decisions = decisions_for_many(letters, FIELD)
    out = []
    for letter in letters:
        letter.request = req  # the request's page loaded its events once: the rules read them
        next_url = request.get_full_path().split("#")[0] + f"#letter-{letter.pk}"
        context = review_context(
            request,
            letter,
            FIELD,
            letter_text(letter),
            options_for(letter, contacts),
            next_url,
            decisions[str(letter.pk)],
        )["review"]
        out.append({"letter": letter, "review": context, "is_reply": letter is reply})
    return out
