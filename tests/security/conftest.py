"""Fixtures for the security tests: a headless Chromium (Debian's package) that records every
Content-Security-Policy violation a page reports."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Runs in every page before its own scripts and outside its policy: keeps the violations the page reports.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
        + ` (${event.sourceFile || ""}:${event.lineNumber || ""})`);
});
"""


class CSPRecorder:
    """A browser page that collects CSP violations from the DOM event and from the console."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.console = []
        self.page.on("console", lambda message: self.console.append(message.text))

    def violations(self):
        reported = self.page.evaluate("window.__cspViolations || []")
        logged = [text for text in self.console if "Content Security Policy" in text]
        return reported + logged


@pytest.fixture
def csp_page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url)
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    yield CSPRecorder(context)
    context.close()


# Production settings run in a subprocess: they read the environment once, at import.
PROD_SECURITY_SETTINGS = [
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SAMESITE",
    "CONTENT_SECURITY_POLICY",
]
PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
VALID_PROD_ENV = {
    "SECRET_KEY": "k7Qp2vX9" * 8,
    "ALLOWED_HOSTS": "isil.example.org,www.isil.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/isil_deploy_check",
    "TRUSTED_PROXY_COUNT": "1",
}


def run_with_prod_settings(args, **environment):
    """Run `python args…` in the project with config.settings.prod and the given environment, on top of a
    valid one. Variables given as None are removed; empty strings stay, so a .env file cannot fill them."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "CSP_", "ADMIN_"))}
    env.update(VALID_PROD_ENV)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.prod"
    for key, value in environment.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        [sys.executable, *args], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture(scope="session")
def prod_security_settings():
    """The security settings exactly as config.settings.prod computes them."""
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {PROD_SECURITY_SETTINGS!r}}}))"
    )
    result = run_with_prod_settings(["-c", script])
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def production_headers(settings, prod_security_settings):
    """Apply production's security settings to this test (the test client's requests then go through the
    same middleware configuration as production)."""
    for name, value in prod_security_settings.items():
        setattr(settings, name, tuple(value) if name == "SECURE_PROXY_SSL_HEADER" else value)
    return prod_security_settings
