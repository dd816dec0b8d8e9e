"""The site's statements (accessibility, privacy) and its glossary: editable content in three languages, with
drafts, history and sources like every other content model."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.managers import KeyedManager
from core.models import KeyedModel, PublishableModel, require_one_language

from .managers import GlossaryTermQuerySet, StatementManager


class StatementKind(models.TextChoices):
    ACCESSIBILITY = "accessibility", _("Accessibility statement")
    PRIVACY = "privacy", _("Privacy statement")


class Statement(PublishableModel):
    """The accessibility statement or the privacy statement. Facts that belong to the deployment (contact
    addresses, the date of the last assessment, how long logs are kept) come from the settings through markers
    in the text (pages.text)."""

    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=StatementKind,
        unique=True,
        help_text=_("Which statement this is; each has a fixed address linked from every page's footer."),
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("The page's heading."))
    summary = models.TextField(_("summary"), help_text=_("One or two sentences at the top of the page."))
    body = models.TextField(
        _("text"),
        help_text=_(
            "Paragraphs separated by an empty line. A paragraph that starts with “## ” is a heading; lines that "
            "start with “- ” form a list. A line holding only [[feedback]], [[assessment]], [[official-statements]], "
            "[[controller]] or [[log-retention]] shows that part from the site's settings (contact addresses, dates, "
            "retention times), which are never typed in here."
        ),
    )
    sources = models.ManyToManyField(
        "core.Source",
        verbose_name=_("sources"),
        blank=True,
        related_name="statements",
        help_text=_("The legal texts and documents the statement refers to."),
    )

    objects = StatementManager()

    class Meta:
        ordering = ["kind"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self):
        return self.title or self.get_kind_display()

    def get_absolute_url(self):
        return reverse(f"pages:{self.kind}")

    def natural_key(self):
        return (self.kind,)

    def clean(self):
        require_one_language(self, "title", "summary", "body")


class GlossaryTerm(KeyedModel):
    """A term a visitor meets on the site, explained on the glossary page; its first occurrence in a page's text
    links there."""

    term = models.CharField(_("term"), max_length=100, help_text=_("The term as the glossary lists it, e.g. ISIL."))
    variants = models.CharField(
        _("other forms"),
        max_length=300,
        blank=True,
        help_text=_(
            "Other names or spellings, separated by commas, e.g. ISIS, Daesh. Their first occurrence in a page's "
            "text links to this entry too."
        ),
    )
    definition = models.TextField(_("definition"), help_text=_("What the term means, in a few sentences."))
    sources = models.ManyToManyField(
        "core.Source",
        verbose_name=_("sources"),
        blank=True,
        related_name="glossary_terms",
        help_text=_("Where the explanation comes from."),
    )

    objects = KeyedManager.from_queryset(GlossaryTermQuerySet)()

    class Meta:
        ordering = ["key"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")

    def __str__(self):
        return self.term or self.key

    def get_absolute_url(self):
        return reverse("pages:glossary") + f"#{self.key}"

    def clean(self):
        require_one_language(self, "term", "definition")

    def forms(self):
        """The term and its other forms in the active language, longest first."""
        names = [self.term or "", *(self.variants or "").split(",")]
        return sorted({name.strip() for name in names if name.strip()}, key=len, reverse=True)
