"""Counting attempts atomically in the database, so every process and restart sees one count.

`hit` counts an attempt BEFORE the work it guards and says whether the attempt may go on:
there is no read-then-write window, so 20 simultaneous posts from one address cannot all
pass a limit of 5. The count is one `UPDATE ... RETURNING` statement (SQLite >= 3.35 and
PostgreSQL both have it): on PostgreSQL concurrent updates of the row queue on its row lock
and each one computes from the row its predecessor wrote; on SQLite the statement holds the
write lock. A guarded attempt that turns out not to count (a correct query code, a good
password) gives its hit back with `refund` or `clear`.

A bucket counts hits in a fixed window starting at its first hit. When the hits reach the
limit the bucket is blocked until `started + window` (rate limits) or `now + block`
(lockouts); hits while blocked are counted but never move the end of the block.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from gongkai.web.throttle.models import Bucket

STALE = 24 * 3600  # buckets idle for a day are deleted when a new window starts


@dataclass(frozen=True)
class Hit:
    hits: int
    limit: int
    blocked_until: int

    @property
    def allowed(self) -> bool:
        return self.hits <= self.limit


def _now(now: float | None) -> int:
    return int(timezone.now().timestamp() if now is None else now)


def hit(key: str, *, limit: int, window: int, block: int | None = None, now=None) -> Hit:
    """Count one attempt on `key`; `allowed` is False from the (limit + 1)-th in a window."""
    t = _now(now)
    Bucket.objects.bulk_create(
        [Bucket(key=key, started=t, hits=0, blocked_until=0)], ignore_conflicts=True
    )
    expired = t - window
    # Parameters in the order the placeholders appear.
    fresh = "started <= %s AND blocked_until <= %s"
    until_later = "%s" if block is not None else "started + %s"
    sql = (
        "UPDATE throttle_bucket SET "
        f"hits = CASE WHEN {fresh} THEN 1 ELSE hits + 1 END, "
        f"started = CASE WHEN {fresh} THEN %s ELSE started END, "
        "blocked_until = CASE "
        "WHEN blocked_until > %s THEN blocked_until "
        "WHEN started <= %s THEN (CASE WHEN 1 >= %s THEN %s ELSE 0 END) "
        f"WHEN hits + 1 >= %s THEN {until_later} "
        "ELSE blocked_until END "
        'WHERE "key" = %s RETURNING hits, blocked_until'
    )
    params = [
        expired,
        t,
        expired,
        t,
        t,
        t,
        expired,
        limit,
        t + (block if block is not None else window),
        limit,
        t + block if block is not None else window,
        key,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        hits, blocked_until = cursor.fetchone()
    if hits == 1:
        Bucket.objects.filter(started__lt=t - STALE, blocked_until__lt=t).delete()
    return Hit(hits=hits, limit=limit, blocked_until=blocked_until)


def refund(key: str, *, limit: int) -> None:
    """Give back one hit (the attempt did not count); lift the block if it falls under."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE throttle_bucket SET hits = hits - 1, "
            "blocked_until = CASE WHEN hits - 1 < %s THEN 0 ELSE blocked_until END "
            'WHERE "key" = %s AND hits > 0',
            [limit, key],
        )


def blocked_until(key: str, now=None) -> int:
    """The end of the block on `key` (seconds since the epoch), 0 when not blocked."""
    t = _now(now)
    row = Bucket.objects.filter(key=key, blocked_until__gt=t).values_list("blocked_until")
    found = row.first()
    return found[0] if found else 0


def clear(key: str) -> None:
    Bucket.objects.filter(key=key).delete()


def clear_prefix(prefix: str) -> int:
    deleted, _ = Bucket.objects.filter(key__startswith=prefix).delete()
    return deleted


def blocked_keys(prefix: str, now=None) -> list[str]:
    t = _now(now)
    return list(
        Bucket.objects.filter(key__startswith=prefix, blocked_until__gt=t).values_list(
            "key", flat=True
        )
    )
