"""The visitor's address, as seen through the reverse proxies we trust.

Each trusted proxy appends the address it received the request from to
X-Forwarded-For, so with N trusted proxies the visitor is the N-th entry from
the right. Anything further left was written by the client and proves
nothing, so it is never read: a script cannot reset its rate limit by
inventing a new left-hand value. With no trusted proxies (the default) the
header is ignored and the socket's address (REMOTE_ADDR) is used.
"""

import ipaddress

from django.conf import settings

# REMOTE_ADDR is empty when the proxy talks to gunicorn over a Unix socket;
# the rate limiter needs some address, and one shared value is the safe side.
UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 - a placeholder value, never bound


def client_ip(request):
    """The address to count rate limits against; never raises."""
    remote_addr = parse_address(request.META.get("REMOTE_ADDR", "")) or UNKNOWN_ADDRESS
    proxy_count = settings.TRUSTED_PROXY_COUNT
    if proxy_count <= 0:
        return remote_addr
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < proxy_count:
        return remote_addr
    return parse_address(forwarded[-proxy_count]) or remote_addr


def parse_address(value):
    """`value` as a normalised IP address string, or None when it is not one.

    Accepts what proxies are known to write: a bare IPv4 or IPv6 address,
    `1.2.3.4:5678`, `[2001:db8::1]` and `[2001:db8::1]:443`. Rejects
    `unknown`, obfuscated identifiers (`_hidden`), empty values and junk.
    """
    value = value.strip()
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:
        value = value.partition(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return str(address)
