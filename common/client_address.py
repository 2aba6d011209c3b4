"""The address of the person at the keyboard, behind as many trusted reverse proxies as configured.

Each proxy appends the address it received the request from to X-Forwarded-For, so with N trusted
proxies the client is the N-th entry from the right; anything to the left of it was written by the
client and may be forged. With no proxy (N = 0) or a header shorter than N, the connecting address
is the client's. Used by django-axes (`AXES_CLIENT_IP_CALLABLE`) to lock a username from an address.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request) -> str | None:
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    connecting = request.META.get("REMOTE_ADDR")
    if proxies <= 0:
        return connecting
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return connecting
    return _valid(forwarded[-proxies]) or connecting
