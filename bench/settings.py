"""The benchmark's settings (`make bench`): production's, unchanged, plus what the benchmark needs.

- The bench app (the data builder, the baseline and layout pages) and its URLconf: ROOT_URLCONF adds
  /<language>/bench/baseline/ and /<language>/bench/layout/ to the site's URLs (bench/urls.py). No other settings
  module routes to them, so they are never public.
- A static-files directory of its own (BENCH_STATIC_ROOT), so collectstatic for the benchmark never touches the
  project's staticfiles/.
"""

from config.settings.prod import *  # noqa: F403
from config.settings.prod import INSTALLED_APPS, env

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
STATIC_ROOT = env.path("BENCH_STATIC_ROOT", default="/tmp/isil-bench-static")
