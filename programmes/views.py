from django.views.generic import ListView

from core.views import NearestPageMixin, PublicViewMixin, TranslatedSlugDetailView

from .models import Programme


class ProgrammeViewMixin(PublicViewMixin):
    model = Programme
    section = "programmes"


class ProgrammeListView(ProgrammeViewMixin, NearestPageMixin, ListView):
    paginate_by = 25


class ProgrammeDetailView(ProgrammeViewMixin, TranslatedSlugDetailView):
    def get_queryset(self):
        return Programme.objects.published().for_detail()
