"""A status machine is a table of allowed transitions; this is the row of such a table.

Used by the request desk (`gongkai/web/requests/workflow.py`) and the proactive-disclosure
ledger (`gongkai/web/ledger/workflow.py`). Framework-free: plain data.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Transition:
    action: str
    label: str  # the button, in Chinese
    sources: tuple[str, ...]  # the states it leaves from
    target: str  # the state it goes to
    rule: str  # the name of the check (in the app's rules) that says who may take it
    clock_event: str | None = None  # the ClockEvent kind recorded on the event's date
    letter: str | None = None  # the letter kind generated with the transition
    needs: tuple[str, ...] = ()  # form fields it needs: "note", "disposition", "fee_yuan" …
    disposition: str | None = None  # the fixed disposition set when closing
    closes: bool = False

    @property
    def needs_note(self) -> bool:
        return "note" in self.needs
