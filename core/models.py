from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .dates import DatePrecision, ceiling, floor
from .managers import KeyedManager, KeyFigureQuerySet, PublishableQuerySet, SourceQuerySet
from .text import slugify_localized


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def precision_field(verbose_name):
    """How much of the date beside it the source gives (a DatePrecision); the pages never show more."""
    return models.CharField(
        verbose_name,
        max_length=6,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text=_(
            "Show only the month, the season or the year when the source gives no more. For a month or a year, "
            "enter its first day; for a season, the first day of its first month (spring 1 March, summer 1 June, "
            "autumn 1 September, winter 1 December)."
        ),
    )


def period_constraint(model_label, start, end, message):
    """A named database rule that `end` is empty or not before `start`."""
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{start}__isnull": True}) | Q(**{f"{end}__gte": F(start)}),
        name=f"{model_label}_{end}_not_before_{start}",
        violation_error_message=message,
    )


def unique_per_language(model_label, field):
    """Named database rules that a translated field (a slug) is unique within each language."""
    return [
        models.UniqueConstraint(
            fields=[f"{field}_{code}"],
            name=f"{model_label}_{field}_{code}_unique",
            violation_error_message=_("This address is already used by another entry in the same language."),
        )
        for code, _name in settings.LANGUAGES
    ]


def check_period(instance, start, end, message):
    """The `clean()` mirror of `period_constraint`, reported on the field it concerns."""
    start_value, end_value = getattr(instance, start), getattr(instance, end)
    if start_value and end_value and end_value < start_value:
        raise ValidationError({end: message})


class EndState(models.TextChoices):
    """What the sources say about the end of a period. See fixtures/README.md for how to choose one."""

    NOT_KNOWN = "not-known", _("Not known: the sources say nothing about whether or when it ended")
    ENDED = "ended", _("Ended on the end date")
    ENDED_UNDATED = "ended-undated", _("Ended, date not known (an end date, if given, means it had ended by then)")
    PLANNED = "planned", _("Planned to end on the end date (a plan, not a confirmed end)")
    UNDER_WAY = "under-way", _("Under way, last confirmed on the confirmation date by the confirming source")


END_DATE_NEEDED = _("Give the end date, or choose another end state.")
END_DATE_NOT_ALLOWED = _("This end state has no end date: leave it empty, or choose another end state.")
CONFIRMATION_NEEDED = _("“Under way” needs the date it was last confirmed and the source that confirms it.")
CONFIRMATION_NOT_ALLOWED = _("Only a period that is under way or planned to end has a confirmation.")
CONFIRMATION_INCOMPLETE = _("Give both the confirmation date and the confirming source, or neither.")
CONFIRMED_BEFORE_START = _("It cannot be confirmed as under way before it began.")
PLANNED_END_BEFORE_CONFIRMATION = _("The planned end cannot come before the date it was last confirmed.")
CONFIRMED_IN_FUTURE = _("The confirmation date cannot be in the future.")

STATES_WITH_END_DATE = (EndState.ENDED, EndState.PLANNED)
STATES_WITHOUT_END_DATE = (EndState.NOT_KNOWN, EndState.UNDER_WAY)
STATES_WITH_CONFIRMATION = (EndState.UNDER_WAY, EndState.PLANNED)


class PeriodModel(models.Model):
    """When something (a contribution, a mission, a programme) began and what the sources say about its end. An
    empty start date means the start is not known. The end is one of EndState: ended on a date; ended at an
    unknown date (optionally "by" a date); planned to end on a date; under way as last confirmed on a date by a
    named source; or not known. Nothing is ever shown as under way without that confirmation."""

    start_date = models.DateField(
        _("start date"), null=True, blank=True, help_text=_("When it began. Leave empty when the sources do not say.")
    )
    start_precision = precision_field(_("start date known to"))
    end_state = models.CharField(
        _("end"),
        max_length=13,
        choices=EndState,
        default=EndState.NOT_KNOWN,
        help_text=_(
            "What the sources say about its end. “Ended” needs the end date. “Ended, date not known” may give a "
            "date by which it had ended. “Planned” needs the planned end date. “Under way” needs the date it was "
            "last confirmed and the source confirming it. Choose “Not known” when the sources say nothing."
        ),
    )
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("The end, the planned end, or the date by which it had ended, as the end state says."),
    )
    end_precision = precision_field(_("end date known to"))
    confirmed_on = models.DateField(
        _("last confirmed under way on"),
        null=True,
        blank=True,
        help_text=_("The date of the latest source saying it was still under way (for “Under way” or “Planned”)."),
    )
    confirmed_precision = precision_field(_("confirmation date known to"))
    confirmed_by = models.ForeignKey(
        "core.Source",
        verbose_name=_("confirming source"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The source that says it was under way on the confirmation date."),
    )

    class Meta:
        abstract = True

    def planned_end_before_confirmation(self):
        """The planned end's last possible day comes before the confirmation's first ("through 2020" stored as
        2020 with year precision is not before February 2020). Checked here, not in the database, because it
        depends on the precisions."""
        end = ceiling(self.end_date, self.end_precision)
        return end <= floor(self.confirmed_on, self.confirmed_precision)

    def clean_period(self):
        """The readable mirror of `period_constraints`, plus what a database rule cannot check (the future)."""
        errors = {}
        if self.end_state in STATES_WITH_END_DATE and not self.end_date:
            errors["end_date"] = END_DATE_NEEDED
        if self.end_state in STATES_WITHOUT_END_DATE and self.end_date:
            errors["end_date"] = END_DATE_NOT_ALLOWED
        confirmed = self.confirmed_on is not None, self.confirmed_by_id is not None
        if self.end_state == EndState.UNDER_WAY and not all(confirmed):
            errors["confirmed_on" if not confirmed[0] else "confirmed_by"] = CONFIRMATION_NEEDED
        elif self.end_state not in STATES_WITH_CONFIRMATION and any(confirmed):
            errors["confirmed_on"] = CONFIRMATION_NOT_ALLOWED
        elif any(confirmed) and not all(confirmed):
            errors["confirmed_on" if not confirmed[0] else "confirmed_by"] = CONFIRMATION_INCOMPLETE
        if self.confirmed_on:
            if self.confirmed_on > timezone.localdate():
                errors["confirmed_on"] = CONFIRMED_IN_FUTURE
            elif self.start_date and self.confirmed_on < self.start_date:
                errors["confirmed_on"] = CONFIRMED_BEFORE_START
            elif self.end_state == EndState.PLANNED and self.end_date and self.planned_end_before_confirmation():
                errors["end_date"] = PLANNED_END_BEFORE_CONFIRMATION
        if errors:
            raise ValidationError(errors)


def period_constraints(model_label, end_before_start):
    """The named database rules of a PeriodModel; `clean_period()` mirrors them with readable messages."""
    return [
        period_constraint(model_label, "start_date", "end_date", end_before_start),
        models.CheckConstraint(
            condition=~Q(end_state__in=STATES_WITH_END_DATE) | Q(end_date__isnull=False),
            name=f"{model_label}_end_date_needed",
            violation_error_message=END_DATE_NEEDED,
        ),
        models.CheckConstraint(
            condition=~Q(end_state__in=STATES_WITHOUT_END_DATE) | Q(end_date__isnull=True),
            name=f"{model_label}_end_date_not_allowed",
            violation_error_message=END_DATE_NOT_ALLOWED,
        ),
        models.CheckConstraint(
            condition=~Q(end_state=EndState.UNDER_WAY) | Q(confirmed_on__isnull=False, confirmed_by__isnull=False),
            name=f"{model_label}_under_way_confirmed",
            violation_error_message=CONFIRMATION_NEEDED,
        ),
        models.CheckConstraint(
            condition=Q(end_state__in=STATES_WITH_CONFIRMATION)
            | Q(confirmed_on__isnull=True, confirmed_by__isnull=True),
            name=f"{model_label}_confirmation_allowed",
            violation_error_message=CONFIRMATION_NOT_ALLOWED,
        ),
        models.CheckConstraint(
            condition=Q(confirmed_on__isnull=True, confirmed_by__isnull=True)
            | Q(confirmed_on__isnull=False, confirmed_by__isnull=False),
            name=f"{model_label}_confirmation_complete",
            violation_error_message=CONFIRMATION_INCOMPLETE,
        ),
        period_constraint(model_label, "start_date", "confirmed_on", CONFIRMED_BEFORE_START),
    ]


def require_one_language(instance, *field_names):
    """Every translated text named here needs a value in at least one language."""
    errors = {}
    for name in field_names:
        if not any(getattr(instance, f"{name}_{code}", None) for code, _name in settings.LANGUAGES):
            errors[f"{name}_{settings.LANGUAGE_CODE}"] = _("Fill in this field in at least one language.")
    if errors:
        raise ValidationError(errors)


class TimeStampedModel(models.Model):
    created = models.DateTimeField(
        _("created"), default=timezone.now, editable=False, help_text=_("When the record was created.")
    )
    updated = models.DateTimeField(
        _("updated"), default=timezone.now, editable=False, help_text=_("When the record was last changed.")
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.updated = timezone.now()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "updated"}
        super().save(*args, **kwargs)


def link_is_broken(checked_at, error, status):
    """A source's last link check got an HTTP error or no answer (never checked: not known to be broken).
    `Source.link_is_broken` for an object, and for values read without one (the contribution cards)."""
    if checked_at is None:
        return False
    return bool(error) or status is None or status >= 400


def is_public(status, published_at):
    """The publication rule: published, and its publication time (if any) has come. `PublishableModel.is_public`
    for an object, and for values read without one (the exports)."""
    return status == Status.PUBLISHED and (published_at is None or published_at <= timezone.now())


class PublishableModel(TimeStampedModel):
    """Editorial state shared by every public model: drafts are never shown to the public."""

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status,
        default=Status.DRAFT,
        db_index=True,
        help_text=_("Only published content is shown on the public site."),
    )
    published_at = models.DateTimeField(
        _("publish from"),
        null=True,
        blank=True,
        help_text=_("Leave empty to publish as soon as the status is Published; a future time schedules it."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_public(self):
        return is_public(self.status, self.published_at)


class KeyedModel(PublishableModel):
    """A public model with a stable, language-neutral key that fixtures and exports use as its identifier."""

    key = models.SlugField(
        _("key"),
        max_length=80,
        unique=True,
        help_text=_("A stable identifier used in data exports and fixtures, e.g. dk-b-123-2014. Do not change it."),
    )

    objects = KeyedManager.from_queryset(PublishableQuerySet)()

    class Meta:
        abstract = True

    def natural_key(self):
        return (self.key,)


class SluggedMixin:
    """Fills each language's empty slug from that language's title, keeping slugs unique per language."""

    slug_source = "title"

    def fill_slugs(self):
        manager = type(self)._default_manager
        for code, _name in settings.LANGUAGES:
            slug_field, source_field = f"slug_{code}", f"{self.slug_source}_{code}"
            if getattr(self, slug_field, None) or not getattr(self, source_field, None):
                continue
            base = slugify_localized(getattr(self, source_field)) or self.natural_key()[0]
            candidate, counter = base, 2
            while manager.filter(**{slug_field: candidate}).exclude(pk=self.pk).exists():
                candidate, counter = f"{base}-{counter}", counter + 1
            setattr(self, slug_field, candidate)

    def save(self, *args, **kwargs):
        self.fill_slugs()
        super().save(*args, **kwargs)


class SourceKind(models.TextChoices):
    OFFICIAL = "official", _("Official source")
    SECONDARY = "secondary", _("Secondary source (news media or agency copy)")


class Source(TimeStampedModel):
    """A document that a figure, date or statement on the site comes from. Titles stay in the document's own
    language, as in a bibliography."""

    key = models.SlugField(_("key"), max_length=80, unique=True, help_text=_("A stable identifier, e.g. ft-b-8-2015."))
    title = models.CharField(_("title"), max_length=300, help_text=_("The document's title in its own language."))
    publisher = models.CharField(
        _("publisher"), max_length=200, help_text=_("Who published it, e.g. Folketinget or regjeringen.no.")
    )
    url = models.URLField(_("URL"), max_length=500, help_text=_("Where the document can be read."))
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        help_text=_("The document's language as an ISO 639-1 code, e.g. da, nb or en."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=SourceKind,
        default=SourceKind.OFFICIAL,
        help_text=_("Official sources are government, parliament or coalition pages."),
    )
    published_on = models.DateField(
        _("published on"), null=True, blank=True, help_text=_("The document's own date, where it has one.")
    )
    archive_url = models.URLField(
        _("archived copy"),
        max_length=500,
        blank=True,
        help_text=_(
            "The address of an archived copy, e.g. a web archive snapshot. Shown beside the source when its own "
            "address no longer answers."
        ),
    )
    # Written by `manage.py check_sources` (core.linkcheck), not by editors.
    link_checked_at = models.DateTimeField(
        _("link last checked"), null=True, blank=True, editable=False, help_text=_("When the address was checked.")
    )
    link_status = models.PositiveSmallIntegerField(
        _("HTTP status"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The status the address answered with at the last check (after redirects)."),
    )
    link_error = models.CharField(
        _("link error"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("Why the last check got no answer: a timeout, a refused connection, a TLS error…"),
    )
    link_final_url = models.URLField(
        _("redirected to"),
        max_length=500,
        blank=True,
        editable=False,
        help_text=_("Where the address led at the last check, when it redirected elsewhere."),
    )

    objects = KeyedManager.from_queryset(SourceQuerySet)()

    class Meta:
        ordering = ["publisher", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return f"{self.publisher}: {self.title}"

    def natural_key(self):
        return (self.key,)

    @property
    def link_is_broken(self):
        """See `link_is_broken()`."""
        return link_is_broken(self.link_checked_at, self.link_error, self.link_status)


class KeyFigure(KeyedModel):
    """A headline number for the home and country pages, always with its source and the date it was true."""

    value = models.CharField(
        _("value"), max_length=40, help_text=_("The figure as it should read, e.g. 80+, about 70 or DKK 397 million.")
    )
    label = models.CharField(_("label"), max_length=200, help_text=_("What the figure counts, e.g. coalition members."))
    note = models.TextField(
        _("note"), blank=True, help_text=_("A sentence of context: whose figure it is, what it covers.")
    )
    as_of = models.DateField(_("as of"), help_text=_("The date on which the figure was true."))
    as_of_precision = precision_field(_("as-of date known to"))
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="key_figures",
        help_text=_("Where the figure comes from."),
    )
    country = models.ForeignKey(
        "coalition.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="key_figures",
        help_text=_("The country the figure is about, if any; it is shown on that country's page too."),
    )
    mission = models.ForeignKey(
        "coalition.Mission",
        verbose_name=_("mission"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="key_figures",
        help_text=_("The mission the figure is about, if any; it is shown on that mission's page too."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Lower numbers come first."))

    objects = KeyedManager.from_queryset(KeyFigureQuerySet)()

    class Meta:
        ordering = ["order", "key"]
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")

    def __str__(self):
        return f"{self.value} {self.label}"

    def clean(self):
        require_one_language(self, "value", "label")
