"""Rate-limit buckets in the database: atomic, shared by connections and processes."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection

from gongkai.web.throttle import buckets
from gongkai.web.throttle.models import Bucket

T0 = 1_800_000_000  # a fixed instant, seconds since the epoch


@pytest.mark.django_db
def test_a_bucket_allows_the_limit_then_refuses_until_the_window_ends():
    seen = [buckets.hit("k", limit=3, window=60, now=T0 + i).allowed for i in range(5)]
    assert seen == [True, True, True, False, False]
    assert buckets.blocked_until("k", now=T0 + 10) == T0 + 60
    assert buckets.hit("k", limit=3, window=60, now=T0 + 60).allowed  # a new window
    assert Bucket.objects.get(key="k").hits == 1


@pytest.mark.django_db
def test_hits_while_blocked_do_not_move_the_end_of_the_block():
    for i in range(5):
        buckets.hit("lock", limit=5, window=900, block=900, now=T0 + i)
    assert buckets.blocked_until("lock", now=T0 + 5) == T0 + 4 + 900
    for i in range(50):  # an attacker keeps trying during the lock
        assert not buckets.hit("lock", limit=5, window=900, block=900, now=T0 + 10 + i).allowed
    assert buckets.blocked_until("lock", now=T0 + 100) == T0 + 904
    assert buckets.blocked_until("lock", now=T0 + 904) == 0
    assert buckets.hit("lock", limit=5, window=900, block=900, now=T0 + 904).allowed


@pytest.mark.django_db
def test_a_refund_gives_back_a_hit_and_lifts_the_block():
    for i in range(3):
        buckets.hit("r", limit=3, window=60, now=T0 + i)
    assert buckets.blocked_until("r", now=T0 + 3)
    buckets.refund("r", limit=3)
    assert buckets.blocked_until("r", now=T0 + 3) == 0
    assert buckets.hit("r", limit=3, window=60, now=T0 + 4).allowed
    assert not buckets.hit("r", limit=3, window=60, now=T0 + 5).allowed


@pytest.mark.django_db
def test_stale_buckets_are_deleted_when_a_new_window_starts():
    buckets.hit("old", limit=3, window=60, now=T0)
    buckets.hit("new", limit=3, window=60, now=T0 + 2 * buckets.STALE)
    assert list(Bucket.objects.values_list("key", flat=True)) == ["new"]


def _in_thread(fn):
    """Run `fn` in another thread: Django gives each thread its own database connection."""
    out: list = []

    def run():
        try:
            out.append(fn())
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return out[0]


@pytest.mark.django_db(transaction=True)
def test_two_connections_count_in_the_same_bucket():
    first = _in_thread(lambda: buckets.hit("shared", limit=2, window=60, now=T0).hits)
    second = _in_thread(lambda: buckets.hit("shared", limit=2, window=60, now=T0 + 1).hits)
    third = buckets.hit("shared", limit=2, window=60, now=T0 + 2)
    assert (first, second, third.hits, third.allowed) == (1, 2, 3, False)


HIT_SCRIPT = """
import sys, time
from pathlib import Path
import django
django.setup()
from gongkai.web.throttle import buckets
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.01)
hits = [buckets.hit("apply:203.0.113.9", limit=5, window=3600) for _ in range(int(sys.argv[1]))]
print(" ".join(f"{h.hits}:{int(h.allowed)}" for h in hits))
"""


def _database_url(tmp_path: Path) -> str:
    """The test database as another process reaches it; SQLite's in-memory test database
    cannot be shared, so on SQLite the processes use a file database of their own."""
    s = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "throttle", "--verbosity=0"],
        env=_env(tmp_path, url),
        check=True,
        timeout=120,
    )
    return url


def _env(tmp_path: Path, url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gongkai.web.settings",
        "DATABASE_URL": url,
        "GONGKAI_DATA_DIR": str(tmp_path),
    }


def _processes(tmp_path: Path, url: str, counts: list[int]) -> list[tuple[int, bool]]:
    """Start one process per count, let them all hit the same bucket at once."""
    go = tmp_path / f"go-{len(list(tmp_path.iterdir()))}"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", HIT_SCRIPT, str(n), str(go)],
            env=_env(tmp_path, url),
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in counts
    ]
    go.touch()
    out: list[tuple[int, bool]] = []
    for proc in procs:
        stdout, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0
        for pair in stdout.split():
            hits, allowed = pair.split(":")
            out.append((int(hits), allowed == "1"))
    return out


@pytest.mark.django_db(transaction=True)
def test_two_processes_share_one_bucket_and_a_restart_keeps_it(tmp_path: Path):
    url = _database_url(tmp_path)
    first = _processes(tmp_path, url, [3])
    second = _processes(tmp_path, url, [3])  # another process, after the first one ended
    assert [h for h, _ in first + second] == [1, 2, 3, 4, 5, 6]
    assert [a for _, a in first + second] == [True] * 5 + [False]


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_posts_from_one_address_let_exactly_five_through(tmp_path: Path):
    """Four processes hit one bucket 5 times each at the same moment (PostgreSQL under
    `make test`, a file database on SQLite): no check-then-count race."""
    results = _processes(tmp_path, _database_url(tmp_path), [5, 5, 5, 5])
    assert sorted(h for h, _ in results) == list(range(1, 21))
    assert sum(allowed for _, allowed in results) == 5
