from __future__ import annotations

from django.db import models


class Bucket(models.Model):
    """One counter per key (an address, a user name at an address) in a fixed window.

    Times are whole seconds since the epoch: the counting is one SQL statement (see
    buckets.py) and integers compare the same way on SQLite and PostgreSQL.
    """

    key = models.CharField("键", max_length=255, unique=True)
    started = models.BigIntegerField("窗口开始（秒）", db_index=True)
    hits = models.IntegerField("次数", default=0)
    blocked_until = models.BigIntegerField("限制截止（秒）", default=0)

    class Meta:
        db_table = "throttle_bucket"
        verbose_name = "访问计数"
        verbose_name_plural = "访问计数"

    def __str__(self) -> str:
        return f"{self.key}: {self.hits}"
