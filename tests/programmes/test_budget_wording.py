"""With the site's real content: the programme's budget is written the way the key figure about it is."""

import pytest
from django.utils import translation

from core.models import KeyFigure
from programmes.models import Programme

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["da", "en"])
def test_budget_reads_like_the_key_figure(client, content, language):
    programme = Programme.objects.get(budget_amount=397_000_000)
    figure = KeyFigure.objects.get(key="dk-programme-budget")
    with translation.override(language):
        html = client.get(programme.get_absolute_url()).content.decode()
        written = getattr(figure, f"value_{language}")

    budget = html.split('<span class="figure__value">', 1)[1].split("</span>", 1)[0]
    assert budget == written
    assert "397.000.000" not in html and "397,000,000" not in html
