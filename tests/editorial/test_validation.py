"""Validation messages are the model's specific ones, in the editor's language, on the field they concern; and
the admin speaks the language of the editor's browser."""

import pytest
from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy

from coalition.models import END_BEFORE_START, Mission
from contributions.models import UNTIL_BEFORE_FROM, Contribution
from editorial.forms import ContentAdminForm
from programmes.models import NEGATIVE_BUDGET
from tests.editorial.conftest import change_url, open_change_form
from tests.factories import ContributionFactory, MandateFactory, MissionFactory, ProgrammeFactory, ThemeFactory

pytestmark = pytest.mark.django_db

NEEDS_ONE_LANGUAGE = gettext_lazy("Fill in this field in at least one language.")


def in_language(message, language):
    with translation.override(language):
        return str(message)


def post_change(client, obj, language, **changes):
    data = open_change_form(client, obj, language)
    response = client.post(change_url(obj, language), {**data, **changes})
    assert response.status_code == 200, "the save should have been refused"
    return response.context["adminform"].form, response.content.decode()


@pytest.mark.parametrize("language", ["da", "nb", "en"])
def test_an_end_before_the_start_is_reported_on_the_end_date_in_the_editors_language(editor_client, language):
    mission = MissionFactory()
    form, html = post_change(editor_client, mission, language, start_date="2016-05-01", end_date="2015-01-01")
    expected = in_language(END_BEFORE_START, language)
    assert form.errors["end_date"] == [expected]
    assert list(form.errors) == ["end_date"]
    assert expected in html
    mission.refresh_from_db()
    assert mission.end_date is None


def test_a_mandate_that_expires_before_it_takes_effect(editor_client):
    mandate = MandateFactory()
    form, _html = post_change(editor_client, mandate, "nb", valid_from="2016-01-01", valid_until="2015-12-31")
    assert form.errors["valid_until"] == [in_language(UNTIL_BEFORE_FROM, "nb")]


@pytest.mark.parametrize("language", ["da", "nb", "en"])
def test_a_text_empty_in_every_language_is_reported_on_the_editors_own_language(editor_client, language):
    mission = MissionFactory()
    empty = {f"title_{code}": "" for code in ("da", "nb", "en")}
    form, _html = post_change(editor_client, mission, language, **empty)
    assert form.errors[f"title_{language}"] == [in_language(NEEDS_ONE_LANGUAGE, language)]
    assert not {f"title_{code}" for code in ("da", "nb", "en") if code != language} & set(form.errors)


def test_an_inline_row_reports_on_its_own_field(editor_client):
    programme = ProgrammeFactory()
    ThemeFactory(programme=programme, number=1)
    data = open_change_form(editor_client, programme, "nb")
    for code in ("da", "nb", "en"):
        data[f"themes-0-title_{code}"] = ""
    response = editor_client.post(change_url(programme, "nb"), data)
    assert response.status_code == 200
    theme_form = response.context["inline_admin_formsets"][0].formset.forms[0]
    assert theme_form.errors["title_nb"] == [in_language(NEEDS_ONE_LANGUAGE, "nb")]


def test_an_error_on_a_field_the_form_does_not_show_goes_to_the_top_with_the_fields_name():
    class TitleOnly(ContentAdminForm):
        class Meta:
            model = Contribution
            fields = ["title_da", "title_nb", "title_en"]

    contribution = ContributionFactory(description_da="", description_nb="", description_en="")
    with translation.override("en"):
        form = TitleOnly(data={"title_en": "A title", "original_updated": ""}, instance=Contribution())
        assert not form.is_valid()
        assert form.non_field_errors() == [f"Description: {NEEDS_ONE_LANGUAGE}"]
    assert contribution.pk


def test_the_admin_follows_the_browsers_language(client, editor):
    client.force_login(editor)
    response = client.get(f"/{settings.ADMIN_URL}", HTTP_ACCEPT_LANGUAGE="nb,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == f"/nb/{settings.ADMIN_URL}"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert '<html lang="nb"' in page.content.decode()


def test_the_add_form_validates_like_the_change_form(editor_client):
    with translation.override("da"):
        from django.urls import reverse

        url = reverse("admin:coalition_mission_add")
    response = editor_client.post(
        url,
        {
            "key": "new",
            "kind": "training",
            "start_date": "2016-01-01",
            "start_precision": "day",
            "end_date": "2015-01-01",
            "end_precision": "day",
            "title_da": "Ny",
        },
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["end_date"] == [in_language(END_BEFORE_START, "da")]
    assert form.errors["summary_da"] == [in_language(NEEDS_ONE_LANGUAGE, "da")]
    assert not Mission.objects.filter(key="new").exists()


def test_the_version_field_is_hidden(editor_client):
    mission = MissionFactory()
    form, _html = post_change(editor_client, mission, "en", end_date="1900-01-01")
    assert isinstance(form.fields["original_updated"].widget, forms.HiddenInput)


def test_a_database_rule_is_reported_on_the_field_it_compares(editor_client):
    programme = ProgrammeFactory()
    form, _html = post_change(editor_client, programme, "nb", budget_amount="-5")
    assert form.errors["budget_amount"] == [in_language(NEGATIVE_BUDGET, "nb")]
    assert not form.non_field_errors()


def test_a_forged_contribution_row_on_the_mandate_form_creates_nothing(editor_client):
    """The mandate lists its contributions read-only (a contribution needs a description and sources, which a row
    cannot hold); a row added to the POST by hand is ignored, not saved half-filled and not a server error."""
    mandate = MandateFactory()
    mission, kind = MissionFactory(), ContributionFactory().kind
    data = open_change_form(editor_client, mandate, "en")
    data.update(
        {
            "contributions-TOTAL_FORMS": "1",
            "contributions-0-title_en": "Staff officers",
            "contributions-0-country": str(mandate.country_id),
            "contributions-0-mission": str(mission.pk),
            "contributions-0-kind": str(kind.pk),
            "contributions-0-as_of": "2020-06-11",
            "contributions-0-status": "draft",
        }
    )
    response = editor_client.post(change_url(mandate, "en"), data)
    assert response.status_code == 302
    assert not mandate.contributions.exists()
