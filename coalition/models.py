from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import (
    KeyedModel,
    PeriodModel,
    PublishableModel,
    SluggedMixin,
    check_period,
    period_constraints,
    require_one_language,
    unique_per_language,
)
from core.search_vectors import search_indexes

from .managers import CountryManager, MissionManager, OrganisationManager

END_BEFORE_START = _("The end date must be on or after the start date.")


class Country(SluggedMixin, PublishableModel):
    slug_source = "name"

    code = models.CharField(
        _("ISO code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Enter a two-letter ISO 3166-1 code in capitals, e.g. DK."))],
        help_text=_("ISO 3166-1 alpha-2 code in capitals, e.g. DK or NO."),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("The country's common name."))
    slug = models.SlugField(_("slug"), max_length=120, blank=True, help_text=_("The country's address on the site."))
    is_contributor = models.BooleanField(
        _("contributing country"),
        default=False,
        help_text=_("Contributing countries get a page of their own with their contributions and mandates."),
    )

    objects = CountryManager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            *unique_per_language("coalition_country", "slug"),
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[A-Z]{2}$"),
                name="coalition_country_code_iso_alpha2",
                violation_error_message=_("Enter a two-letter ISO 3166-1 code in capitals, e.g. DK."),
            ),
        ]

    def __str__(self):
        return self.name or self.code

    def get_absolute_url(self):
        return reverse("website:country_detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.code,)

    def clean_fields(self, exclude=None):
        if self.code:
            self.code = self.code.strip().upper()
        super().clean_fields(exclude=exclude)

    def clean(self):
        require_one_language(self, "name")


class OrganisationKind(models.TextChoices):
    COALITION = "coalition", _("Coalition")
    ALLIANCE = "alliance", _("Alliance")
    MILITARY_COMMAND = "command", _("Military command")
    INTERNATIONAL = "international", _("International organisation")
    GOVERNMENT = "government", _("Government body")


class Organisation(SluggedMixin, KeyedModel):
    slug_source = "name"

    acronym = models.CharField(_("acronym"), max_length=30, blank=True, help_text=_("E.g. NATO, UNDP, CJTF-OIR."))
    name = models.CharField(_("name"), max_length=200, help_text=_("The organisation's full name."))
    slug = models.SlugField(_("slug"), max_length=120, blank=True, help_text=_("Its address on the site."))
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganisationKind, help_text=_("What sort of organisation it is.")
    )
    url = models.URLField(_("website"), max_length=500, blank=True, help_text=_("The organisation's official site."))

    objects = OrganisationManager()

    class Meta:
        ordering = ["acronym", "key"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = unique_per_language("coalition_organisation", "slug")

    def __str__(self):
        return self.acronym or self.name

    def clean(self):
        require_one_language(self, "name")


class MissionKind(models.TextChoices):
    COALITION = "coalition", _("Coalition")
    OPERATION = "operation", _("Military operation")
    TRAINING_MISSION = "training", _("Advisory and training mission")
    STABILISATION = "stabilisation", _("Stabilisation effort")


class Mission(SluggedMixin, PeriodModel, KeyedModel):
    acronym = models.CharField(_("acronym"), max_length=30, blank=True, help_text=_("E.g. OIR or NMI."))
    title = models.CharField(_("name"), max_length=200, help_text=_("The mission's official name."))
    slug = models.SlugField(_("slug"), max_length=120, blank=True, help_text=_("Its address on the site."))
    summary = models.TextField(_("summary"), help_text=_("Two or three sentences for lists and search results."))
    body = models.TextField(_("description"), blank=True, help_text=_("The full description, in paragraphs."))
    kind = models.CharField(_("kind"), max_length=20, choices=MissionKind, help_text=_("What sort of mission it is."))
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="missions",
        help_text=_("The organisation that leads or commands the mission."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
        help_text=_("The wider effort this mission belongs to, if any."),
    )
    host_countries = models.ManyToManyField(
        Country,
        verbose_name=_("host countries"),
        blank=True,
        related_name="hosted_missions",
        help_text=_("Where the mission operates."),
    )
    official_url = models.URLField(
        _("official website"), max_length=500, blank=True, help_text=_("The mission's own page.")
    )
    sources = models.ManyToManyField(
        "core.Source",
        verbose_name=_("sources"),
        blank=True,
        related_name="missions",
        help_text=_("Where the dates and facts on this page come from."),
    )

    objects = MissionManager()

    class Meta:
        ordering = ["start_date", "key"]
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        # Site search (discovery.search) in each language; PostgreSQL only.
        indexes = search_indexes("mission", "title", ("summary", "body"), ("acronym",))
        constraints = [
            *unique_per_language("coalition_mission", "slug"),
            *period_constraints("coalition_mission", END_BEFORE_START),
        ]

    def __str__(self):
        return self.acronym or self.title

    def get_absolute_url(self):
        return reverse("coalition:mission_detail", kwargs={"slug": self.slug})

    def clean(self):
        require_one_language(self, "title", "summary")
        check_period(self, "start_date", "end_date", END_BEFORE_START)
        self.clean_period()
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A mission cannot be part of itself.")})
