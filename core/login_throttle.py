"""Admin login throttling with django-axes: the authentication backend and the lockout page."""

import ipaddress

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils.translation import gettext

LOCKOUT_STATUS = 429  # Too Many Requests


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every login that comes with a request (the admin login form, any
    web login). Calls without a request (code, management commands, the test client's `login()`) cannot
    come from a visitor and are passed on to the next backend instead of raising an error."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, *args, **kwargs):
    """The page a locked-out login attempt gets, in the admin's look and the visitor's language.
    (django-axes calls this with the original response and the credentials, which it does not need.)"""
    cool_off = get_cool_off(request)
    context = {
        **admin.site.each_context(request),
        "title": gettext("Login temporarily blocked"),
        "failure_limit": get_failure_limit(request, None),
        "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return render(request, "core/lockout.html", context, status=LOCKOUT_STATUS)


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
