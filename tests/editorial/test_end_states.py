"""The admin explains the end states in plain words and refuses what contradicts them: an end before the start,
an end date where the state has none or none where it needs one, "under way" without the date it was last
confirmed and the source, a confirmation in the future or before the start. Contributions list their mandates in
order on their own form."""

import datetime

import pytest
from django.utils import timezone, translation

from core.models import (
    CONFIRMATION_NEEDED,
    CONFIRMATION_NOT_ALLOWED,
    CONFIRMED_BEFORE_START,
    CONFIRMED_IN_FUTURE,
    END_DATE_NEEDED,
    END_DATE_NOT_ALLOWED,
    PLANNED_END_BEFORE_CONFIRMATION,
    EndState,
)
from tests.editorial.conftest import change_url, open_change_form
from tests.editorial.test_validation import in_language, post_change
from tests.factories import ContributionFactory, MandateFactory, MissionFactory, SourceFactory

pytestmark = pytest.mark.django_db

TOMORROW = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end_state": "ended", "end_date": ""}, "end_date", END_DATE_NEEDED),
        ({"end_state": "planned", "end_date": ""}, "end_date", END_DATE_NEEDED),
        ({"end_state": "not-known", "end_date": "2019-01-01"}, "end_date", END_DATE_NOT_ALLOWED),
        ({"end_state": "under-way"}, "confirmed_on", CONFIRMATION_NEEDED),
        ({"end_state": "under-way", "confirmed_on": "2019-01-01"}, "confirmed_by", CONFIRMATION_NEEDED),
        (
            {"end_state": "ended", "end_date": "2020-01-01", "confirmed_on": "2019-01-01"},
            "confirmed_on",
            CONFIRMATION_NOT_ALLOWED,
        ),
        (
            {"end_state": "under-way", "confirmed_on": TOMORROW, "confirmed_by": "source"},
            "confirmed_on",
            CONFIRMED_IN_FUTURE,
        ),
        (
            {"end_state": "under-way", "confirmed_on": "2010-01-01", "confirmed_by": "source"},
            "confirmed_on",
            CONFIRMED_BEFORE_START,
        ),
        (
            {"end_state": "planned", "end_date": "2019-01-01", "confirmed_on": "2019-10-01", "confirmed_by": "source"},
            "end_date",
            PLANNED_END_BEFORE_CONFIRMATION,
        ),
    ],
)
def test_contradictions_are_refused_on_the_field_they_concern(editor_client, changes, field, message):
    mission = MissionFactory(start_date=datetime.date(2018, 10, 1))
    source = SourceFactory()
    data = {name: (source.pk if value == "source" else value) for name, value in changes.items()}

    form, html = post_change(editor_client, mission, "nb", **data)

    assert form.errors[field] == [in_language(message, "nb")]
    assert in_language(message, "nb") in html
    mission.refresh_from_db()
    assert mission.end_state == EndState.NOT_KNOWN  # Nothing was saved.


def test_a_year_precise_planned_end_after_a_confirmation_in_that_year_is_accepted(editor_client):
    """ "Through 2020" (stored as 2020, year precision) is not before February 2020."""
    mission = MissionFactory(start_date=datetime.date(2017, 3, 1))
    source = SourceFactory()
    data = open_change_form(editor_client, mission, "en")
    data.update(
        end_state="planned",
        end_date="2020-01-01",
        end_precision="year",
        confirmed_on="2020-02-01",
        confirmed_precision="month",
        confirmed_by=source.pk,
    )

    response = editor_client.post(change_url(mission, "en"), data)

    assert response.status_code == 302
    mission.refresh_from_db()
    assert (mission.end_state, mission.confirmed_by) == (EndState.PLANNED, source)


def test_the_form_explains_each_end_state(editor_client):
    mission = MissionFactory()
    with translation.override("en"):
        html = editor_client.get(change_url(mission, "en")).content.decode()
    for label, _value in [(label, value) for value, label in EndState.choices]:
        assert str(label) in html
    assert "“Under way” needs the date it was last confirmed and the source confirming it." in html


def test_a_contribution_lists_its_mandates_in_order(editor_client):
    original, extension = MandateFactory(), MandateFactory()
    contribution = ContributionFactory(country=original.country, mandate=original)
    contribution.authorisations.create(mandate=extension, order=2)

    html = editor_client.get(change_url(contribution, "en")).content.decode()

    assert 'name="authorisations-0-mandate"' in html and 'name="authorisations-1-mandate"' in html
    assert html.index(f'value="{original.pk}"') < html.index(f'value="{extension.pk}"')
