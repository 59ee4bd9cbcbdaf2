"""Properties of the counts over any register: the year's figures reconcile with the last.

现行有效(Y) = 现行有效(Y−1) + 本年制发(Y) − 本年废止(Y), for any documents whose ceasing date is
not before their issue date; and every appeal filed in a year is counted exactly once.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.web.appeals.figures import table_four
from gongkai.web.appeals.models import Appeal
from gongkai.web.ledger.figures import table_two
from gongkai.web.ledger.models import NormativeDocument

pytestmark = pytest.mark.django_db
DAY0 = date(2019, 1, 1)
days = st.integers(min_value=0, max_value=365 * 6)
documents = st.lists(
    st.tuples(st.sampled_from(["rule", "normative"]), days, st.one_of(st.none(), days)),
    max_size=25,
)
appeals = st.lists(
    st.tuples(
        st.sampled_from(["review", "litigation_direct", "litigation_after_review"]),
        days,
        st.one_of(st.none(), st.integers(min_value=0, max_value=400)),
        st.sampled_from(["upheld", "corrected", "other"]),
    ),
    max_size=25,
)
HYPOTHESIS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@HYPOTHESIS
@given(docs=documents)
def test_in_force_reconciles_from_year_to_year(agency_a, docs):
    NormativeDocument.objects.all().delete()
    for n, (kind, issued, ceased_after) in enumerate(docs):
        issued_on = DAY0 + timedelta(days=issued)
        NormativeDocument.objects.create(
            agency=agency_a,
            kind=kind,
            doc_number=f"规〔{n}〕",
            title="办法",
            issued_on=issued_on,
            abolished_on=None if ceased_after is None else issued_on + timedelta(days=ceased_after),
        )
    for year in range(2020, 2026):
        now, before = table_two(agency_a, year, "2021"), table_two(agency_a, year - 1, "2021")
        for key in ("rules", "normative_documents"):
            assert now[key]["in_force"] == (
                before[key]["in_force"] + now[key]["issued"] - now[key]["abolished"]
            )


@HYPOTHESIS
@given(cases=appeals)
def test_every_appeal_is_counted_once_in_the_year_it_was_filed(agency_a, cases):
    Appeal.objects.all().delete()
    for kind, filed, decided_after, result in cases:
        filed_on = DAY0 + timedelta(days=filed)
        Appeal.objects.create(
            agency=agency_a,
            kind=kind,
            appellant="张某",
            filed_on=filed_on,
            decided_on=None if decided_after is None else filed_on + timedelta(days=decided_after),
            result="pending" if decided_after is None else result,
        )
    totals = 0
    for year in range(2019, 2026):
        table = table_four(agency_a, year)
        for group in table.values():
            assert group["total"] == (
                group["upheld"] + group["corrected"] + group["other"] + group["pending"]
            )
            totals += group["total"]
    assert totals == len(cases)
