from django.db.models import F, Prefetch

from core.views import DETAIL_LIST_LIMIT, PublicFilterView, PublicViewMixin, TranslatedSlugDetailView, count_per

from .filters import ContributionFilter, MandateFilter
from .managers import MANDATES_IN_ORDER
from .models import Contribution, Mandate


class MandateViewMixin(PublicViewMixin):
    model = Mandate
    section = "mandates"


class MandateListView(MandateViewMixin, PublicFilterView):
    filterset_class = MandateFilter
    paginate_by = 25

    def get_queryset(self):
        return self.visible_objects().order_by(*MANDATES_IN_ORDER)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The page's mandates as their cards show them, as plain values (`card_rows()`).
        context["mandate_rows"] = context["page_obj"].object_list.card_rows()
        return context


class MandateDetailView(MandateViewMixin, TranslatedSlugDetailView):
    citation_field = "label"

    def add_lists(self, mandate):
        # As plain values (`card_rows()`): the page shows them only as cards.
        mandate.public_contributions = (
            Contribution.objects.published()
            .filter(mandates=mandate)
            .order_by("start_date", "key")[:DETAIL_LIST_LIMIT]
            .card_rows()
        )
        return mandate

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(public_contribution_count=count_per(Contribution.objects.published(), "mandates"))
        )


class ContributionViewMixin(PublicViewMixin):
    model = Contribution
    section = "contributions"


class ContributionListView(ContributionViewMixin, PublicFilterView):
    filterset_class = ContributionFilter
    paginate_by = 20

    def get_queryset(self):
        return Contribution.objects.published().order_by(F("start_date").asc(nulls_last=True), "country__code", "key")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The page's rows as its cards show them, as plain values (`card_rows()`), rather than model instances;
        # `object_list` stays the page's queryset, which the template does not read.
        context["contribution_rows"] = context["page_obj"].object_list.card_rows()
        return context


class ContributionDetailView(ContributionViewMixin, TranslatedSlugDetailView):
    def get_queryset(self):
        public_mandates = Mandate.objects.published().order_by("authorisations__order", "key")
        return (
            super()
            .get_queryset()
            .select_related("confirmed_by")
            .prefetch_related(Prefetch("mandates", queryset=public_mandates, to_attr="public_mandates"))
        )
