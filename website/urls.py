from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "website"

country_patterns = [
    path("", views.CountryListView.as_view(), name="country_list"),
    path("<slug:slug>/", views.CountryDetailView.as_view(), name="country_detail"),
]

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    # Translators: a URL path segment: lower-case ASCII letters only, keep the final slash.
    path(_("about/"), views.AboutView.as_view(), name="about"),
    # Translators: a URL path segment: lower-case ASCII letters only, keep the final slash.
    path(_("countries/"), include(country_patterns)),
]
