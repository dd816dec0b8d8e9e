"""The error pages: 400, 403, CSRF failure, 404 and 500, each in the visitor's language and the site's layout.

Django renders its 400 page without the request (so without the layout's context) and its CSRF failure page in
English outside any layout; these views render ours instead. The 500 page is different on purpose: it is shown
when something is already broken, so it depends on nothing that can break. It is a template of its own (not
base.html), rendered without context processors, and uses no database, no cache, no URL reversing and no static
files manifest: its stylesheet is the unhashed copy collectstatic writes next to the hashed one."""

import logging

from django.http import HttpResponseBadRequest, HttpResponseForbidden, HttpResponseServerError
from django.template import loader
from django.template.response import TemplateResponse
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

# What a 400 page's layout must not compute: its absolute addresses read the Host header, which may be the fault.
NO_ADDRESSES = {"page_languages": None}


@requires_csrf_token
def bad_request(request, exception, template_name="400.html"):
    response = TemplateResponse(request, template_name, NO_ADDRESSES, status=HttpResponseBadRequest.status_code)
    return response.render()


@requires_csrf_token
def permission_denied(request, exception, template_name="403.html"):
    response = TemplateResponse(request, template_name, status=HttpResponseForbidden.status_code)
    return response.render()


def csrf_failure(request, reason="", template_name="403_csrf.html"):
    """CSRF_FAILURE_VIEW: the form was sent without its token, or with an expired one (a session that ended, a
    page kept open for days, cookies switched off). The reason is logged, not shown."""
    logger.warning("CSRF failure: %s", reason, extra={"request": request, "status_code": 403})
    response = TemplateResponse(request, template_name, NO_ADDRESSES, status=HttpResponseForbidden.status_code)
    return response.render()


def server_error(request, template_name="500.html"):
    """Rendered without the request: no context processor runs."""
    return HttpResponseServerError(loader.get_template(template_name).render())
