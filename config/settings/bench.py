"""The benchmark's settings (`make bench`): production's, unchanged, plus two things the benchmark needs.

- The baseline page: ROOT_URLCONF adds /<language>/bench/baseline/ to the site's URLs (perf/urls_bench.py). No
  other settings module routes to it, so it is never public.
- A static-files directory of its own (BENCH_STATIC_ROOT), so collectstatic for the benchmark never touches the
  project's staticfiles/.
"""

from .prod import *  # noqa: F403
from .prod import env

ROOT_URLCONF = "perf.urls_bench"
STATIC_ROOT = env.path("BENCH_STATIC_ROOT", default="/tmp/isil-bench-static")
