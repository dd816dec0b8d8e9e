"""WSGI entry point. Production sets DJANGO_SETTINGS_MODULE=config.settings.prod."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")

application = get_wsgi_application()

# Warn in the log when the Redis cache has no memory limit or refuses writes when full (docs/deployment.md).
from core.observability import check_cache_server  # noqa: E402 (needs the settings loaded above)

check_cache_server()
