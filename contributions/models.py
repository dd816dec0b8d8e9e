from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import (
    KeyedModel,
    PeriodModel,
    SluggedMixin,
    check_period,
    period_constraint,
    period_constraints,
    precision_field,
    require_one_language,
    unique_per_language,
)
from core.search_vectors import search_indexes

from .managers import AuthorisationManager, ContributionKindManager, ContributionManager, MandateManager

END_BEFORE_START = _("The end date must be on or after the start date.")
UNTIL_BEFORE_FROM = _("The mandate cannot expire before it takes effect.")
ADOPTED_BEFORE_TABLED = _("A mandate cannot be adopted before it was tabled.")


class MandateKind(models.TextChoices):
    DK_PARLIAMENTARY_RESOLUTION = "dk-parliament", _("Danish parliamentary resolution (folketingsbeslutning)")
    NO_GOVERNMENT_DECISION = "no-government", _("Norwegian government decision")
    NO_ROYAL_RESOLUTION = "no-royal-resolution", _("Norwegian royal resolution")
    OTHER = "other", _("Other decision")


class Mandate(SluggedMixin, KeyedModel):
    """The legal basis of a deployment: a parliamentary resolution or a government decision."""

    country = models.ForeignKey(
        "coalition.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="mandates",
        help_text=_("The country whose parliament or government made the decision."),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=MandateKind, help_text=_("What sort of decision."))
    reference = models.CharField(
        _("reference"),
        max_length=30,
        blank=True,
        help_text=_("The parliament's number for the resolution, e.g. B 123. Empty for government decisions."),
    )
    session = models.CharField(
        _("parliamentary session"),
        max_length=9,
        blank=True,
        help_text=_("The Folketing's session, e.g. 2014-15, where known."),
    )
    title = models.CharField(
        _("title"),
        max_length=400,
        blank=True,
        help_text=_("The official title. Leave empty when it is not known rather than guess."),
    )
    label = models.CharField(
        _("short name"),
        max_length=200,
        help_text=_("How lists refer to it, e.g. B 123 (2014): fighter aircraft, trainers and staff officers."),
    )
    slug = models.SlugField(_("slug"), max_length=120, blank=True, help_text=_("Its address on the site."))
    summary = models.TextField(_("summary"), help_text=_("What the decision authorised, for a visitor."))
    tabled_on = models.DateField(_("tabled on"), null=True, blank=True, help_text=_("When the proposal was tabled."))
    adopted_on = models.DateField(
        _("adopted on"), null=True, blank=True, help_text=_("When parliament adopted it or the government decided.")
    )
    adopted_precision = precision_field(_("adoption date known to"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True, help_text=_("When the mandate took effect."))
    valid_from_precision = precision_field(_("valid-from date known to"))
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("When the mandate expired, if it had an end.")
    )
    valid_until_precision = precision_field(_("valid-until date known to"))
    votes_for = models.PositiveIntegerField(
        _("votes for"), null=True, blank=True, help_text=_("Leave empty when the vote is not known.")
    )
    votes_against = models.PositiveIntegerField(
        _("votes against"), null=True, blank=True, help_text=_("Leave empty when the vote is not known.")
    )
    missions = models.ManyToManyField(
        "coalition.Mission",
        verbose_name=_("missions"),
        blank=True,
        related_name="mandates",
        help_text=_("The missions the mandate covers."),
    )
    sources = models.ManyToManyField(
        "core.Source",
        verbose_name=_("sources"),
        blank=True,
        related_name="mandates",
        help_text=_("Where the dates, votes and figures come from."),
    )

    objects = MandateManager()

    class Meta:
        ordering = ["adopted_on", "key"]
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        # Site search (discovery.search) in each language; PostgreSQL only.
        indexes = search_indexes("mandate", "label", ("title", "summary"), ("reference",))
        constraints = [
            *unique_per_language("contributions_mandate", "slug"),
            period_constraint("contributions_mandate", "valid_from", "valid_until", UNTIL_BEFORE_FROM),
            period_constraint("contributions_mandate", "tabled_on", "adopted_on", ADOPTED_BEFORE_TABLED),
            models.UniqueConstraint(
                fields=["country", "reference", "session"],
                condition=~Q(reference=""),
                name="contributions_mandate_unique_reference",
                violation_error_message=_("This country already has a mandate with this reference in this session."),
            ),
        ]

    slug_source = "label"

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("contributions:mandate_detail", kwargs={"slug": self.slug})

    def clean(self):
        require_one_language(self, "label", "summary")
        check_period(self, "valid_from", "valid_until", UNTIL_BEFORE_FROM)
        check_period(self, "tabled_on", "adopted_on", ADOPTED_BEFORE_TABLED)


class ContributionKind(SluggedMixin, KeyedModel):
    slug_source = "name"

    name = models.CharField(_("name"), max_length=100, help_text=_("E.g. fighter aircraft or staff officers."))
    slug = models.SlugField(_("slug"), max_length=120, blank=True, help_text=_("Its address on the site."))
    description = models.TextField(_("description"), blank=True, help_text=_("What this kind of contribution is."))
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers come first."))

    objects = ContributionKindManager()

    class Meta:
        ordering = ["order", "key"]
        verbose_name = _("kind of contribution")
        verbose_name_plural = _("kinds of contribution")
        constraints = unique_per_language("contributions_contributionkind", "slug")

    def __str__(self):
        return self.name

    def clean(self):
        require_one_language(self, "name")


class PersonnelQualifier(models.TextChoices):
    EXACT = "exact", _("exactly")
    ABOUT = "about", _("about")
    UP_TO = "up-to", _("up to")


class Certainty(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed by an official source")
    ANNOUNCED = "announced", _("As announced; not confirmed by other sources")


class Contribution(SluggedMixin, PeriodModel, KeyedModel):
    """What a country sent to a mission: aircraft, trainers, staff officers, a medical team…"""

    country = models.ForeignKey(
        "coalition.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="contributions",
        help_text=_("The contributing country."),
    )
    mission = models.ForeignKey(
        "coalition.Mission",
        verbose_name=_("mission"),
        on_delete=models.PROTECT,
        related_name="contributions",
        help_text=_("The mission the contribution served."),
    )
    mandates = models.ManyToManyField(
        Mandate,
        verbose_name=_("mandates"),
        through="Authorisation",
        blank=True,
        related_name="contributions",
        help_text=_("The decisions that authorised it, in order: the original decision, then its extensions."),
    )
    kind = models.ForeignKey(
        ContributionKind,
        verbose_name=_("kind"),
        on_delete=models.PROTECT,
        related_name="contributions",
        help_text=_("What sort of contribution it is."),
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("A short name, e.g. F-16 fighter aircraft."))
    slug = models.SlugField(_("slug"), max_length=120, blank=True, help_text=_("Its address on the site."))
    former_slugs = models.TextField(
        _("former addresses"),
        blank=True,
        help_text=_("Slugs it had before, in any language, one per line: their addresses lead here."),
    )
    description = models.TextField(_("description"), help_text=_("What was sent, where, and what it did."))
    location = models.CharField(
        _("location"), max_length=200, blank=True, help_text=_("Where it was based, e.g. Al Asad air base, Iraq.")
    )
    personnel = models.PositiveIntegerField(
        _("personnel"), null=True, blank=True, help_text=_("The number of personnel the source gives.")
    )
    personnel_qualifier = models.CharField(
        _("personnel figure is"),
        max_length=6,
        choices=PersonnelQualifier,
        default=PersonnelQualifier.ABOUT,
        help_text=_("Whether the source gives an exact figure, an approximate one or a maximum."),
    )
    equipment = models.CharField(
        _("equipment"), max_length=300, blank=True, help_text=_("E.g. 7 F-16 fighter aircraft (4 operational).")
    )
    partner_countries = models.ManyToManyField(
        "coalition.Country",
        verbose_name=_("partner countries"),
        blank=True,
        related_name="joint_contributions",
        help_text=_("Countries that provided a joint team together with this country."),
    )
    as_of = models.DateField(_("figures as of"), help_text=_("The date on which the figures were true."))
    as_of_precision = precision_field(_("as-of date known to"))
    certainty = models.CharField(
        _("certainty"),
        max_length=10,
        choices=Certainty,
        default=Certainty.CONFIRMED,
        help_text=_("Mark announcements that no other source confirms; the site says so beside them."),
    )
    sources = models.ManyToManyField(
        "core.Source",
        verbose_name=_("sources"),
        related_name="contributions",
        help_text=_("Where the figures come from. At least one is needed."),
    )

    objects = ContributionManager()

    class Meta:
        ordering = ["start_date", "key"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        # The lists' order; without it PostgreSQL sorts every row to show one page.
        indexes = [
            models.Index(fields=["start_date", "key"], name="contribution_start_key_idx"),
            # Site search (discovery.search) in each language; PostgreSQL only.
            *search_indexes("contribution", "title", ("description", "location", "equipment")),
        ]
        constraints = [
            *unique_per_language("contributions_contribution", "slug"),
            *period_constraints("contributions_contribution", END_BEFORE_START),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("contributions:contribution_detail", kwargs={"slug": self.slug})

    def clean(self):
        require_one_language(self, "title", "description")
        check_period(self, "start_date", "end_date", END_BEFORE_START)
        self.clean_period()


class Authorisation(models.Model):
    """A mandate authorising a contribution, in order: 1 for the original decision, then its extensions."""

    contribution = models.ForeignKey(
        Contribution,
        verbose_name=_("contribution"),
        on_delete=models.CASCADE,
        related_name="authorisations",
        help_text=_("The contribution authorised."),
    )
    mandate = models.ForeignKey(
        Mandate,
        verbose_name=_("mandate"),
        on_delete=models.PROTECT,
        related_name="authorisations",
        help_text=_("The decision that authorised it or extended it."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=1, help_text=_("1 for the original decision, 2 for the first extension, and so on.")
    )

    objects = AuthorisationManager()

    class Meta:
        ordering = ["contribution", "order", "mandate"]
        verbose_name = _("authorising mandate")
        verbose_name_plural = _("authorising mandates")
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "mandate"],
                name="contributions_authorisation_unique_mandate",
                violation_error_message=_("This mandate is already listed for the contribution."),
            ),
        ]

    def __str__(self):
        return f"{self.order}. {self.mandate}"

    def natural_key(self):
        return (*self.contribution.natural_key(), *self.mandate.natural_key())

    natural_key.dependencies = ["contributions.contribution", "contributions.mandate"]

    def clean(self):
        contribution, mandate = self.contribution if self.contribution_id else None, getattr(self, "mandate", None)
        if contribution and mandate and contribution.country_id and mandate.country_id != contribution.country_id:
            raise ValidationError({"mandate": _("The mandate must be one of the contributing country's own.")})
