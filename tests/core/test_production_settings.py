"""config.settings.prod refuses to start without its secrets, names the variable at fault, and passes
Django's deployment checks without any silenced check."""

import pytest

from tests.helpers import run_with_prod_settings

pytestmark = pytest.mark.subprocess  # Each test starts Python with config.settings.prod.

CHECK = ["manage.py", "check"]


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("SECRET_KEY", None),
        ("SECRET_KEY", ""),
        ("SECRET_KEY", "too-short"),
        ("SECRET_KEY", "a" * 60),
        ("SECRET_KEY", "django-insecure-" + "x1y2z3w4v5" * 5),
        ("ALLOWED_HOSTS", None),
        ("ALLOWED_HOSTS", " , "),
        ("ALLOWED_HOSTS", "https://isil.example.org/"),
        ("ALLOWED_HOSTS", "isil.example.org other.example.org"),
        ("DATABASE_URL", None),
        ("DATABASE_URL", ""),
        ("DATABASE_URL", "sqlite:////tmp/production.sqlite3"),
        ("DATABASE_URL", "not a database address"),
        ("TRUSTED_PROXY_COUNT", None),
        ("TRUSTED_PROXY_COUNT", ""),
        ("TRUSTED_PROXY_COUNT", "-1"),
        ("TRUSTED_PROXY_COUNT", "one"),
        ("METRICS_ALLOWED_NETWORKS", "10.0.0.0/33"),
        ("METRICS_ALLOWED_NETWORKS", "the office"),
    ],
)
def test_missing_or_malformed_variable_stops_start_up_naming_it(variable, value):
    result = run_with_prod_settings(CHECK, **{variable: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"environment variable {variable} " in result.stderr
    # The message never echoes the secret itself.
    if variable == "SECRET_KEY" and value:
        assert value not in result.stderr


def test_deploy_checks_pass_at_warning_level_with_nothing_silenced():
    result = run_with_prod_settings([*CHECK, "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_deploy_checks_fail_when_hsts_is_switched_off():
    """The check really runs against these settings: weakening one of them makes it fail."""
    result = run_with_prod_settings([*CHECK, "--deploy", "--fail-level", "WARNING"], SECURE_SSL_REDIRECT="false")
    assert result.returncode != 0
    assert "security.W008" in result.stderr


def test_production_security_values(prod_security_settings):
    values = prod_security_settings
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    for cookie in ("SESSION", "CSRF", "LANGUAGE"):
        assert values[f"{cookie}_COOKIE_SECURE"] is True
        assert values[f"{cookie}_COOKIE_HTTPONLY"] is True
        assert values[f"{cookie}_COOKIE_SAMESITE"] in {"Lax", "Strict"}


def test_csp_report_uri_is_added_only_when_configured():
    script = "import django; django.setup(); from django.conf import settings; print(settings.CONTENT_SECURITY_POLICY)"
    plain = run_with_prod_settings(["-c", script])
    reporting = run_with_prod_settings(["-c", script], CSP_REPORT_URI="https://reports.example.org/csp")
    assert plain.returncode == reporting.returncode == 0
    assert "report-uri" not in plain.stdout
    assert "'report-uri': ['https://reports.example.org/csp']" in reporting.stdout
    assert "'script-src': [\"'self'\"]" in reporting.stdout


@pytest.mark.parametrize("proxies", ["0", "1", "2"])
def test_trusted_proxy_count_set_explicitly_is_used(proxies):
    script = "import django; django.setup(); from django.conf import settings; print(settings.TRUSTED_PROXY_COUNT)"
    result = run_with_prod_settings(["-c", script], TRUSTED_PROXY_COUNT=proxies)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == proxies
