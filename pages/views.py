"""The statements' fixed addresses and the glossary page."""

import datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.utils import translation
from django.views.generic import ListView

from core import fallbacks
from core.views import CanonicalDetailView, PublicViewMixin

from .models import GlossaryTerm, Statement
from .text import blocks


def assessed_on():
    """The date of the last accessibility assessment from the settings, or None when none is recorded."""
    value = settings.ACCESSIBILITY_ASSESSED_ON
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"ACCESSIBILITY_ASSESSED_ON must be a date as YYYY-MM-DD, not {value!r}.") from error


def statement_settings():
    """What the statements' markers show (pages.text.INSERTS), from the deployment's settings."""
    return {
        "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
        "response_days": settings.ACCESSIBILITY_RESPONSE_DAYS,
        "assessed_on": assessed_on(),
        "was_tool_url": settings.WAS_TOOL_STATEMENT_URL,
        "uustatus_url": settings.UUSTATUS_STATEMENT_URL,
        "data_controller": settings.DATA_CONTROLLER,
        "privacy_email": settings.PRIVACY_CONTACT_EMAIL,
        "log_retention_days": settings.SERVER_LOG_RETENTION_DAYS,
    }


class StatementDetailView(CanonicalDetailView):
    """A statement at its fixed address (`slug` is its kind). At any other address it redirects there."""

    model = Statement
    context_object_name = "statement"
    template_name = "pages/statement_detail.html"

    def get_queryset(self):
        return self.visible_objects().prefetch_related("sources")

    def find_object(self, queryset):
        statement = queryset.filter(kind=self.kwargs["slug"]).first()
        if statement is None:
            raise Http404
        return statement

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        body, code = fallbacks.text_and_language(self.object, "body")
        context["blocks"] = blocks(body)
        context["body_language"] = code
        context["body_is_fallback"] = code != translation.get_language()
        context["settings_values"] = statement_settings()
        return context


class GlossaryView(PublicViewMixin, ListView):
    model = GlossaryTerm
    context_object_name = "terms"
    template_name = "pages/glossary.html"

    def get_queryset(self):
        terms = list(GlossaryTerm.objects.published().for_listing())
        return sorted(terms, key=lambda term: (term.term or term.key).casefold())
