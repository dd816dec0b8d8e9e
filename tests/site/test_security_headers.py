"""Production responses carry the security headers: a public page, a 404, the admin login, a static file.
The production values come from config.settings.prod itself (see the production_headers fixture)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

STATIC_FILE = "admin/css/base.css"


def parse_csp(header):
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name.lower()] = values
    return directives


def assert_security_headers(response, *, framing=True):
    hsts = dict(part.strip().partition("=")[::2] for part in response["Strict-Transport-Security"].split(";"))
    assert int(hsts["max-age"]) >= 31_536_000
    assert "includeSubDomains" in hsts
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in {"strict-origin-when-cross-origin", "same-origin", "no-referrer"}
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    if framing:
        assert response["X-Frame-Options"] == "DENY"

    csp = parse_csp(response["Content-Security-Policy"])
    script_src = csp.get("script-src", csp["default-src"])
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    assert "*" not in script_src
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"]
    assert csp["frame-ancestors"] == ["'none'"]


def localized(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, **kwargs)


@pytest.fixture
def secure_client(production_headers):
    """A client whose requests arrive over HTTPS, created after the settings changed."""
    return Client()


def test_public_page(secure_client):
    response = secure_client.get(localized("website:home"), secure=True)
    assert response.status_code == 200
    assert_security_headers(response)


def test_not_found_page(secure_client):
    response = secure_client.get("/en/no-such-page-here/", secure=True)
    assert response.status_code == 404
    assert_security_headers(response)


def test_admin_login_and_its_cookies(secure_client, django_user_model):
    login_url = localized("admin:login")
    response = secure_client.get(login_url, secure=True)
    assert response.status_code == 200
    assert_security_headers(response)
    csrf = response.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"

    django_user_model.objects.create_superuser("editor", "editor@example.org", "a long passphrase 42")
    response = secure_client.post(
        login_url,
        {"username": "editor", "password": "a long passphrase 42", "next": localized("admin:index")},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def test_language_cookie(secure_client):
    response = secure_client.post("/i18n/setlang/", {"language": "da", "next": "/en/"}, secure=True)
    assert response.status_code == 302
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "da"
    assert cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"


def test_static_file(production_headers, settings):
    # WhiteNoise reads its configuration when the client builds the middleware; serve from the finders,
    # as the tests have no collectstatic output.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = Client().get(settings.STATIC_URL.rstrip("/") + "/" + STATIC_FILE, secure=True)
    # Disambiguate from a 404 page: WhiteNoise answered with the file itself.
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert b"".join(response.streaming_content)
    assert_security_headers(response)


def test_plain_http_is_redirected_to_https(secure_client):
    response = secure_client.get(localized("admin:login"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_development_and_tests_run_under_the_same_policy():
    """CSP is not a production extra: the tests above and the browser tests see the same policy."""
    response = Client().get(localized("admin:login"))
    csp = parse_csp(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
