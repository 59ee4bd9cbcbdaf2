"""The check before publishing, inline on any text of the web app, with stored decisions.

The ledger (proactive disclosure items), the desk (reply letters) and the annual reports
use it the same way, in three steps:

1. **Register** the model once, in the app's `AppConfig.ready()` — which fields hold text
   to check, who may decide, and (optionally) how to get the text and the check options::

       from gongkai.check import CheckOptions
       from gongkai.web.review.registry import register

       register(
           Item,
           fields=("body",),
           may_decide=lambda user, item: rules.may_review_item(user, item),   # the hook
           text=lambda item, field: item.review_text(),   # default: getattr(item, field)
           options=lambda item: CheckOptions(year=item.published_on.year,
                                             allowed_phones=item.agency.office_phones),
       )

2. **Show** the findings on the detail page, highlighted in the text, each with a form to
   accept it ("确认无误，予以保留") or record it as fixed ("已修改")::

       from gongkai.web.review.services import render_review, review_context

       html = render_review(request, item, "body", item.body)          # a SafeString
       # or: context.update(review_context(request, item, "body", item.body))
       #     {% include "review/findings.html" %}

   The forms POST to `review:decide` (`/review/decide/`, CSRF-protected). The view looks
   up the registration, returns 404 for a model or field that is not registered, asks
   `may_decide(user, obj)` (403 when False), re-runs the check and stores a
   `CheckDecision` only for a finding that is still in the text, then redirects back.

3. **Block publishing** while an error is open::

       from gongkai.web.review.services import open_errors

       if open_errors(item, "body", item.body):
           raise ...  # "有未处理的检查错误，不能发布"

   `open_errors(obj, field, text)` returns the findings of severity error without an
   accepted decision. A decision is tied to the finding's code, offsets and text: once the
   text around it changes, the finding is new and must be decided again.
"""
