from django.views.generic import ListView

from core.views import PublicViewMixin, TranslatedSlugDetailView

from .models import Programme


class ProgrammeViewMixin(PublicViewMixin):
    model = Programme
    section = "programmes"


class ProgrammeListView(ProgrammeViewMixin, ListView):
    pass


class ProgrammeDetailView(ProgrammeViewMixin, TranslatedSlugDetailView):
    def get_queryset(self):
        return Programme.objects.published().for_detail()
