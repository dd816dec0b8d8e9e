from django.db.models import F, Prefetch
from django.views.generic import ListView

from core.models import KeyFigure
from core.views import DETAIL_LIST_LIMIT, NearestPageMixin, PublicViewMixin, TranslatedSlugDetailView, count_per

from .models import Mission


class MissionViewMixin(PublicViewMixin):
    model = Mission
    section = "missions"


class MissionListView(MissionViewMixin, NearestPageMixin, ListView):
    paginate_by = 25

    def get_queryset(self):
        # By start, those whose start is not known last (as the page says), on every database.
        return super().get_queryset().select_related("parent").order_by(F("start_date").asc(nulls_last=True), "key")


def referring(field_name):
    """The default manager of the model whose rows refer to missions through `field_name` (a mission's
    contributions, its mandates). The contributions app builds on this one, so the mission page reaches its
    models through the relations rather than by importing them."""
    return Mission._meta.get_field(field_name).related_model._default_manager


class MissionDetailView(MissionViewMixin, TranslatedSlugDetailView):
    def add_lists(self, mission):
        # The mandates covering it, as plain values (`card_rows()`, without each mandate's missions).
        mission.public_mandates = (
            referring("mandates").published().filter(missions=mission).in_order().card_rows(missions=False)
        )
        # As plain values (`card_rows()`), with each country's code and address for the groups' headings and the
        # timeline.
        mission.public_contributions = (
            referring("contributions")
            .published()
            .filter(mission=mission)
            .order_by("country__code", "start_date", "key")[:DETAIL_LIST_LIMIT]
            .card_rows(country=True)
        )
        return mission

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("parent")
            .annotate(public_contribution_count=count_per(referring("contributions").published(), "mission"))
            .prefetch_related(
                "sources",
                Prefetch("parts", queryset=Mission.objects.published(), to_attr="public_parts"),
                Prefetch("key_figures", queryset=KeyFigure.objects.public(), to_attr="public_key_figures"),
            )
        )
