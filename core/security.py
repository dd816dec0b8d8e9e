"""Security helpers that settings import. This module must not import Django models or settings."""


def add_static_file_headers(headers, path, url):
    """WhiteNoise answers static files before the middleware that sets X-Frame-Options runs; set it here.
    Content-Security-Policy reaches static files through django-csp's middleware, which runs earlier."""
    headers["X-Frame-Options"] = "DENY"
