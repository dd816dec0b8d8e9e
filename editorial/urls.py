from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from .changelog import ChangeLogView

app_name = "editorial"

urlpatterns = [
    # Translators: a URL path segment: lower-case ASCII letters only, keep the final slash.
    path(_("updates/"), include([path("<slug:kind>/<slug:key>/", ChangeLogView.as_view(), name="change_log")])),
]
