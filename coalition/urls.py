from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "coalition"

mission_patterns = [
    path("", views.MissionListView.as_view(), name="mission_list"),
    path("<slug:slug>/", views.MissionDetailView.as_view(), name="mission_detail"),
]

urlpatterns = [
    # Translators: a URL path segment: lower-case ASCII letters only, keep the final slash.
    path(_("missions/"), include(mission_patterns)),
]
