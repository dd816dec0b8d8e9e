import pytest
from django.core.management import CommandError, call_command

from coalition.models import Country, Mission
from contributions.models import Contribution, Mandate
from programmes.models import Activity, Programme, Theme
from tests.factories import CountryFactory

SMALL = {"countries": 8, "contributors": 3, "missions": 6, "mandates": 12, "contributions": 90, "programmes": 4}


def build(**sizes):
    call_command("build_bench_data", *[f"--{name}={value}" for name, value in {**SMALL, **sizes}.items()])


@pytest.mark.django_db
def test_builds_the_requested_sizes_with_texts_in_three_languages(capsys):
    build()
    assert "90 contributions" in capsys.readouterr().out
    assert Country.objects.count() == 8
    assert Country.objects.filter(is_contributor=True).count() == 3
    assert (Mission.objects.count(), Mandate.objects.count(), Contribution.objects.count()) == (6, 12, 90)
    assert Programme.objects.count() == 4
    assert Theme.objects.filter(programme__in=Programme.objects.all()).count() >= 4 * 3
    assert Activity.objects.count() >= Theme.objects.count() * 2
    contribution = Contribution.objects.order_by("key").first()
    assert contribution.title_da.startswith("Syntetisk bidrag")
    assert contribution.title_nb.startswith("Syntetisk bidrag")
    assert contribution.title_en.startswith("Synthetic contribution")
    assert contribution.slug_da and contribution.slug_nb and contribution.slug_en
    assert contribution.sources.exists()
    assert all(mandate.country_id == contribution.country_id for mandate in contribution.mandates.all())
    assert Contribution.objects.published().count() > 80


@pytest.mark.django_db
def test_rebuilding_replaces_the_previous_set(capsys):
    build()
    build(contributions=50)
    assert Contribution.objects.count() == 50
    assert Country.objects.count() == 8


@pytest.mark.django_db
def test_refuses_a_database_with_content_unless_its_name_says_bench(settings):
    CountryFactory(code="DK")
    with pytest.raises(CommandError, match="does not contain 'bench'"):
        build()
    assert Country.objects.get().code == "DK"
