"""django-axes locks out a username from an IP address after 5 failed admin logins, for 15 minutes, with
a page that says so in the visitor's language. Other addresses and other usernames are not affected."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from core.login_throttle import client_ip
from tests.helpers import run_with_prod_settings

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
ATTACKER_IP = "203.0.113.7"
OTHER_IP = "198.51.100.23"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)


def login_url(language="en"):
    with translation.override(language):
        return reverse("admin:login")


def attempt(client, password, *, username="editor", ip=ATTACKER_IP, language="en", **headers):
    with translation.override(language):
        next_url = reverse("admin:index")
    return client.post(
        login_url(language), {"username": username, "password": password, "next": next_url}, REMOTE_ADDR=ip, **headers
    )


def fail(client, times, **kwargs):
    return [attempt(client, "wrong password", **kwargs) for _ in range(times)]


def test_four_failures_leave_the_login_open(client, editor):
    responses = fail(client, 4)
    assert [response.status_code for response in responses] == [200] * 4
    assert "Please enter the correct username and password" in responses[-1].content.decode()
    assert attempt(client, PASSWORD).status_code == 302


def test_the_fifth_failure_locks_the_username_out_from_that_address(client, editor):
    responses = fail(client, 5)
    assert [response.status_code for response in responses] == [200, 200, 200, 200, 429]
    page = responses[-1].content.decode()
    assert "Logging in failed 5 times in a row." in page
    assert "is blocked for 15 minutes" in page

    # Even the right password is refused now, and no session is created.
    locked = attempt(client, PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_address_pair(client, editor, django_user_model):
    django_user_model.objects.create_superuser("colleague", "colleague@example.org", PASSWORD)
    fail(client, 5)
    assert attempt(client, PASSWORD).status_code == 429
    # The same user from another address, and another user from the same address, can still log in.
    assert attempt(client, PASSWORD, ip=OTHER_IP).status_code == 302
    client.logout()
    assert attempt(client, PASSWORD, username="colleague").status_code == 302


def test_lockout_ends_after_fifteen_minutes(client, editor):
    fail(client, 5)
    assert attempt(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=14))
    assert attempt(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=2))
    assert attempt(client, PASSWORD).status_code == 302


def test_lockout_page_is_in_the_visitors_language(client, editor):
    response = fail(client, 5, language="da")[-1]
    assert response.status_code == 429
    assert response["Content-Language"] == "da"
    assert '<html lang="da"' in response.content.decode()


def test_lockout_page_does_not_echo_the_username_unescaped(client):
    response = fail(client, 5, username="<script>alert(1)</script>")[-1]
    assert response.status_code == 429
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "192.0.2.1", "10.0.0.1"),  # no trusted proxy: the header is the client's word, ignored
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "6.6.6.6, 192.0.2.1", "192.0.2.1"),  # a forged entry on the left does not count
        (2, "6.6.6.6, 192.0.2.1, 10.0.0.9", "192.0.2.1"),
        (2, "192.0.2.1", "10.0.0.1"),  # fewer entries than proxies: fall back to the peer address
        (1, "not-an-address", "10.0.0.1"),
    ],
)
def test_client_ip_behind_trusted_proxies(settings, proxies, forwarded_for, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)
    assert client_ip(request) == expected


PROXY_IP = "10.0.0.2"


def test_behind_one_proxy_a_locked_out_address_does_not_lock_out_the_editor(client, settings, editor):
    """Every request comes from the TLS proxy's address; the proxy says who the visitor is (TRUSTED_PROXY_COUNT=1,
    what the README's deployment steps set behind one proxy)."""
    settings.TRUSTED_PROXY_COUNT = 1
    fail(client, 5, ip=PROXY_IP, HTTP_X_FORWARDED_FOR=ATTACKER_IP)
    assert attempt(client, PASSWORD, ip=PROXY_IP, HTTP_X_FORWARDED_FOR=ATTACKER_IP).status_code == 429
    # A forged header cannot dodge the lockout: the proxy appends the real address last.
    forged = f"{OTHER_IP}, {ATTACKER_IP}"
    assert attempt(client, PASSWORD, ip=PROXY_IP, HTTP_X_FORWARDED_FOR=forged).status_code == 429
    # The editor at their own address logs in.
    assert attempt(client, PASSWORD, ip=PROXY_IP, HTTP_X_FORWARDED_FOR=OTHER_IP).status_code == 302
    assert "_auth_user_id" in client.session


def test_login_with_an_unsafe_next_address_lands_on_the_admin_index(client, editor):
    with translation.override("da"):
        url = reverse("admin:login") + "?next=https://evil.example/"
    response = client.post(url, {"username": "editor", "password": PASSWORD, "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/da/admin/"
    assert client.get(response["Location"]).status_code == 200


def test_admin_address_is_admin_by_default():
    assert login_url("nb") == "/nb/admin/login/"


@pytest.mark.subprocess
def test_admin_address_comes_from_admin_url():
    script = (
        "import django; django.setup(); from django.urls import reverse, resolve, Resolver404; "
        "from django.utils import translation; translation.activate('da'); "
        "print(reverse('admin:login'))\n"
        "try:\n    resolve('/da/admin/login/'); print('old address answers')\n"
        "except Resolver404:\n    print('old address gone')"
    )
    result = run_with_prod_settings(["-c", script], ADMIN_URL="/editorial-4f2a")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-4:] == ["/da/editorial-4f2a/login/", "old", "address", "gone"]
