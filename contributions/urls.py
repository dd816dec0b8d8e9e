from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "contributions"

mandate_patterns = [
    path("", views.MandateListView.as_view(), name="mandate_list"),
    path("<slug:slug>/", views.MandateDetailView.as_view(), name="mandate_detail"),
]

contribution_patterns = [
    path("", views.ContributionListView.as_view(), name="contribution_list"),
    path("<slug:slug>/", views.ContributionDetailView.as_view(), name="contribution_detail"),
]

urlpatterns = [
    # Translators: a URL path segment: lower-case ASCII letters only, keep the final slash.
    path(_("mandates/"), include(mandate_patterns)),
    # Translators: a URL path segment: lower-case ASCII letters only, keep the final slash.
    path(_("contributions/"), include(contribution_patterns)),
]
