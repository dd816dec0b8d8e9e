from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import (
    KeyedModel,
    PeriodModel,
    PublishableModel,
    SluggedMixin,
    check_period,
    period_constraints,
    precision_field,
    require_one_language,
    unique_per_language,
)
from core.search_vectors import search_indexes

from .managers import ActivityManager, ProgrammeManager, ThemeManager

END_BEFORE_START = _("The end date must be on or after the start date.")
NEGATIVE_BUDGET = _("A budget cannot be negative.")


class Currency(models.TextChoices):
    DKK = "DKK", _("Danish kroner (DKK)")
    NOK = "NOK", _("Norwegian kroner (NOK)")
    USD = "USD", _("US dollars (USD)")
    EUR = "EUR", _("Euros (EUR)")


def non_negative(model_label, field):
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0}),
        name=f"{model_label}_{field}_non_negative",
        violation_error_message=NEGATIVE_BUDGET,
    )


class Programme(SluggedMixin, PeriodModel, KeyedModel):
    """A stabilisation programme funded by a donor country."""

    donor = models.ForeignKey(
        "coalition.Country",
        verbose_name=_("donor country"),
        on_delete=models.PROTECT,
        related_name="programmes",
        help_text=_("The country that funds the programme."),
    )
    title = models.CharField(_("title"), max_length=300, help_text=_("The programme's official name."))
    slug = models.SlugField(_("slug"), max_length=120, blank=True, help_text=_("Its address on the site."))
    summary = models.TextField(_("summary"), help_text=_("Two or three sentences for lists and search results."))
    purpose = models.TextField(_("purpose"), blank=True, help_text=_("What the programme sets out to achieve."))
    budget_amount = models.DecimalField(
        _("budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The total budget in the currency below, in whole units (not millions)."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency, default=Currency.DKK, help_text=_("The budget's currency.")
    )
    as_of = models.DateField(
        _("figures as of"), null=True, blank=True, help_text=_("The date on which the budget figures were true.")
    )
    as_of_precision = precision_field(_("as-of date known to"))
    target_countries = models.ManyToManyField(
        "coalition.Country",
        verbose_name=_("target countries"),
        blank=True,
        related_name="target_of_programmes",
        help_text=_("The countries where the programme works."),
    )
    sources = models.ManyToManyField(
        "core.Source",
        verbose_name=_("sources"),
        blank=True,
        related_name="programmes",
        help_text=_("Where the figures and facts come from."),
    )

    objects = ProgrammeManager()

    class Meta:
        ordering = ["start_date", "key"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        # Site search (discovery.search) in each language; PostgreSQL only.
        indexes = search_indexes("programme", "title", ("summary", "purpose"))
        constraints = [
            *unique_per_language("programmes_programme", "slug"),
            *period_constraints("programmes_programme", END_BEFORE_START),
            non_negative("programmes_programme", "budget_amount"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programmes:programme_detail", kwargs={"slug": self.slug})

    def clean(self):
        require_one_language(self, "title", "summary")
        check_period(self, "start_date", "end_date", END_BEFORE_START)
        self.clean_period()


class Theme(PublishableModel):
    """One of a programme's thematic areas, numbered in the programme's own order."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="themes",
        help_text=_("The programme this theme belongs to."),
    )
    number = models.PositiveSmallIntegerField(_("number"), help_text=_("The theme's number in the programme: 1, 2, 3…"))
    title = models.CharField(_("title"), max_length=200, help_text=_("The theme's name."))
    description = models.TextField(_("description"), blank=True, help_text=_("What the theme covers."))
    budget_amount = models.DecimalField(
        _("budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The theme's budget in the programme's currency, in whole units."),
    )

    objects = ThemeManager()

    class Meta:
        ordering = ["programme", "number"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"],
                name="programmes_theme_unique_number",
                violation_error_message=_("The programme already has a theme with this number."),
            ),
            non_negative("programmes_theme", "budget_amount"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return f"{self.programme.get_absolute_url()}#theme-{self.number}"

    def natural_key(self):
        return (self.number, *self.programme.natural_key())

    natural_key.dependencies = ["programmes.programme"]

    def clean(self):
        require_one_language(self, "title")


class Activity(KeyedModel):
    """Work funded under a theme, e.g. demining in areas freed from ISIL."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="activities",
        help_text=_("The programme that funds the activity."),
    )
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="activities",
        help_text=_("The theme the activity falls under. Leave empty when the sources place it under no theme."),
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("A short name for the activity."))
    description = models.TextField(_("description"), blank=True, help_text=_("What is done, where and with whom."))
    partner_organisation = models.ForeignKey(
        "coalition.Organisation",
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        help_text=_("The organisation that carries it out, e.g. UNDP."),
    )
    countries = models.ManyToManyField(
        "coalition.Country",
        verbose_name=_("countries"),
        blank=True,
        related_name="activities",
        help_text=_("Where the activity takes place."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers come first."))

    objects = ActivityManager()

    class Meta:
        ordering = ["programme", "theme", "order", "key"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return self.title

    def clean(self):
        require_one_language(self, "title")
        if self.theme_id and self.programme_id and self.theme.programme_id != self.programme_id:
            raise ValidationError({"theme": _("The theme must be one of the activity's programme's own.")})
