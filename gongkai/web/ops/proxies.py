"""Which peers are our own reverse proxies (`GONGKAI_TRUSTED_PROXIES`).

Only a request whose direct peer (REMOTE_ADDR) is a trusted proxy may tell us the client's
address (X-Forwarded-For, read by `accounts.security.client_ip`) or that the connection was
HTTPS (X-Forwarded-Proto). Anyone else could forge these headers.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(
    entries: tuple[str, ...],
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def trusted_networks():
    return _networks(tuple(settings.GONGKAI_TRUSTED_PROXIES))


def is_trusted_proxy(address: str | None) -> bool:
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in net for net in trusted_networks())
