from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views
from .changelog import ChangeLogView

app_name = "core"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    # Translators: a URL path segment: lower-case ASCII letters only, keep the final slash.
    path(_("about/"), views.AboutView.as_view(), name="about"),
    # Translators: a URL path segment: lower-case ASCII letters only, keep the final slash.
    path(_("updates/"), include([path("<slug:kind>/<slug:key>/", ChangeLogView.as_view(), name="change_log")])),
]
