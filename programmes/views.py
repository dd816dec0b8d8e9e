from django.db.models import F
from django.views.generic import ListView

from core.views import NearestPageMixin, PublicViewMixin, TranslatedSlugDetailView

from .models import Programme


class ProgrammeViewMixin(PublicViewMixin):
    model = Programme
    section = "programmes"


class ProgrammeListView(ProgrammeViewMixin, NearestPageMixin, ListView):
    paginate_by = 25

    def get_queryset(self):
        # By start, those whose start is not known last (as the page says), on every database.
        return super().get_queryset().order_by(F("start_date").asc(nulls_last=True), "key")


class ProgrammeDetailView(ProgrammeViewMixin, TranslatedSlugDetailView):
    def get_queryset(self):
        return self.visible_objects().for_detail()
