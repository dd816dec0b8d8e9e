from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "pages"

statement = views.StatementDetailView.as_view()

urlpatterns = [
    # Translators: a URL path segment: lower-case ASCII letters and hyphens only, keep the final slash.
    path(_("accessibility-statement/"), statement, {"slug": "accessibility"}, name="accessibility"),
    # Translators: a URL path segment: lower-case ASCII letters and hyphens only, keep the final slash.
    path(_("privacy-statement/"), statement, {"slug": "privacy"}, name="privacy"),
    # Any statement by its kind; redirects to its fixed address above (and lets the staff preview find the view).
    # Translators: a URL path segment: lower-case ASCII letters only, keep the final slash.
    path(_("statements/") + "<slug:slug>/", statement, name="statement_by_kind"),
    # Translators: a URL path segment: lower-case ASCII letters only, keep the final slash.
    path(_("glossary/"), views.GlossaryView.as_view(), name="glossary"),
]
