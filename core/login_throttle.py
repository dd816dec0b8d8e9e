"""What the admin login throttle (django-axes, configured in config/settings/base.py) needs beyond axes' settings,
and why:

- `lockout_response` (AXES_LOCKOUT_CALLABLE): the lockout page is an admin page, with the admin's header and look.
  AXES_LOCKOUT_TEMPLATE renders its template with axes' own context only, which has no admin site context (the
  site header would read "Django administration"); this callable adds it and renders the same template.
- `client_ip` (AXES_CLIENT_IP_CALLABLE): the visitor's address behind TRUSTED_PROXY_COUNT proxies, which the
  /metrics allow-list reads too (core/observability.py). axes' AXES_IPWARE_PROXY_COUNT would need django-ipware,
  which counts the proxies differently (the one at REMOTE_ADDR is not in its count) and gives no address at all
  where the header holds fewer entries than expected; this rule falls back to the peer address instead.
"""

import ipaddress

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils.translation import gettext


def lockout_response(request, *args, **kwargs):
    """The page a locked-out login attempt gets, in the admin's look and the visitor's language, with the status
    AXES_HTTP_RESPONSE_CODE (429 Too Many Requests). (django-axes calls this with the original response and the
    credentials, which it does not need.)"""
    cool_off = get_cool_off(request)
    context = {
        **admin.site.each_context(request),
        "title": gettext("Login temporarily blocked"),
        "failure_limit": get_failure_limit(request, None),
        "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return render(request, "core/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


def client_ip(request):
    """The visitor's IP address for the lockout. Behind TRUSTED_PROXY_COUNT reverse proxies it is the
    address the outermost trusted proxy recorded in X-Forwarded-For; anything further left in that header
    came from the client and is ignored, so a forged header cannot dodge the lockout."""
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote_addr
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote_addr
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr
