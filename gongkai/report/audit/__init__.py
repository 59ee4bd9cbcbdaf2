"""The auditor: what is wrong with an annual report, as findings.

`audit(reading, previous=None)` returns the reader's findings plus the auditor's,
in table order. Framework-free; every check is a small function of its own module.

Codes: reconcile.row_total, reconcile.disposition_total, reconcile.balance,
reconcile.appeals_total, cell.invalid, year.conflict, format.mismatch,
section.missing, document.not_report, document.scanned_page, document.damaged_text,
narrative.sum, narrative.table_conflict, cross_year.carry_over,
copy.previous_year.
"""

from __future__ import annotations

from gongkai.findings import Finding
from gongkai.report.audit.cross_year import cross_year_findings
from gongkai.report.audit.document import document_findings
from gongkai.report.audit.labels import sort_findings
from gongkai.report.audit.narrative import narrative_findings
from gongkai.report.audit.tables import table_findings
from gongkai.report.read_result import Reading

__all__ = ["audit"]


def audit(reading: Reading, previous: Reading | None = None) -> list[Finding]:
    """Every finding on `reading` (the reader's included), sorted by their place."""
    found = reading.findings
    if len(found) == 1 and found[0].code == "document.not_report":
        return list(reading.findings)  # nothing else to say about a text that is no report
    findings = [
        *reading.findings,
        *document_findings(reading),
        *table_findings(reading.report),
        *narrative_findings(reading),
    ]
    if previous is not None:
        findings += cross_year_findings(reading, previous)
    return sort_findings(findings)
