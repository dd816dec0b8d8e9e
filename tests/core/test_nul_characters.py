"""A NUL character anywhere a view could read it (path, query parameter, form field, cookie) gets a 400 in the
visitor's language, never a database error: PostgreSQL text cannot hold NUL."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(get_user_model().objects.create_superuser("chief", "chief@example.org", "pw-for-a-test"))
    return client


def test_admin_autocomplete_with_nul(staff_client, published_contribution):
    """On PostgreSQL this was a 500 (DataError: PostgreSQL text fields cannot contain NUL characters)."""
    response = staff_client.get(
        "/en/admin/autocomplete/",
        {"app_label": "contributions", "model_name": "contribution", "field_name": "mandate", "term": "\x00"},
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "name",
    ["contributions:contribution_list", "contributions:mandate_list", "coalition:mission_list", "discovery:search"],
)
@pytest.mark.parametrize("params", [{"q": "\x00"}, {"country": "DK\x00"}, {"page": "1\x00"}, {"x\x00": "1"}])
def test_public_lists_with_nul_in_a_parameter(client, denmark, name, params):
    with translation.override("nb"):
        url = reverse(name)
    response = client.get(url, params)
    assert response.status_code == 400
    assert '<html lang="nb"' in response.content.decode()


def test_nul_in_a_form_field(client, django_user_model):
    response = client.post(reverse("admin:login"), {"username": "chief\x00", "password": "x"})
    assert response.status_code == 400


def test_nul_in_the_path_or_a_cookie(client, db):
    assert client.get("/en/missions/a%00b/").status_code == 400
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnop"
    assert client.get("/en/").status_code == 400


def test_other_control_characters_are_left_to_the_forms(client, denmark):
    response = client.get(reverse("contributions:contribution_list"), {"country": "D\x01K"})
    assert response.status_code == 200
