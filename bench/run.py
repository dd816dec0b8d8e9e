"""The benchmark: `make bench` (or `make bench QUICK=1`), i.e. `.venv/bin/python -m bench.run [--quick]`.

1. Prepares the benchmark database (PostgreSQL, never the content database): creates it if missing, migrates it
   and fills it with build_bench_data unless it already holds the synthetic set; and a second one with the real
   fixtures.
2. Serves the site with the production settings (bench.settings: production's plus the baseline page)
   under gunicorn on 127.0.0.1, for each of the two databases twice: once without the page cache and once with
   it (Redis when one answers at 127.0.0.1:6379, in a database number and key prefix of the benchmark's own).
3. Drives each page from a separate process with wrk: a warm-up, then a fixed duration. wrk stops by itself, and
   every child process has a time limit.
4. Prints, per page, requests per second, p50 and p99 latency, errors and the ratio to the baseline page served
   by the same server in the same run, and checks the targets. The results are also written as JSON.
5. Measures rendering in-process (bench/inprocess.py: production settings, no page cache, Django's test client)
   on the real fixtures (a database of its own, isil_bench_fixtures, BENCH_FIXTURES_DATABASE_URL) and on the
   synthetic data: the median time of each page type as a multiple of /robots.txt's in the same run.
"""

import argparse
import concurrent.futures
import datetime
import json
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SETTINGS = "bench.settings"

# Seconds of warm-up and of measurement per page (wrk takes whole seconds). Before that, each page gets a few
# sequential requests (at most WARMUP_REQUESTS, and none after WARMUP_SECONDS), which is all the quick run does.
FULL = {"warmup": 3, "duration": 10}
QUICK = {"warmup": 0, "duration": 1}
WARMUP_REQUESTS = 10
WARMUP_SECONDS = 0.5
# Targets as a share of the baseline's requests per second (issue #14): uncached pages at least 0.08 with the
# real fixtures and 0.04 with the synthetic data; cached pages at least 0.9 with either.
UNCACHED_TARGETS = {"real fixtures": 0.08, "synthetic data": 0.04}
CACHED_TARGET = 0.9

WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "connect": %d, "read": %d, "write": %d, '
    .. '"status": %d, "timeout": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
end
"""


@dataclass
class Page:
    name: str
    kind: str  # "baseline", "reference" (no target), "detail" or "list"
    path: str
    note: str = ""


@dataclass
class Result:
    page: str
    kind: str
    mode: str
    path: str
    data: str = ""  # "real fixtures" or "synthetic data"
    rps: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    requests: int = 0
    errors: int = 0
    ratio: float | None = None
    target: float | None = None
    status: int | None = None
    detail: dict = field(default_factory=dict)

    @property
    def meets_target(self):
        return self.errors == 0 and (self.target is None or (self.ratio or 0) >= self.target)


def log(message):
    print(message, flush=True)


def run(command, env, timeout, **kwargs):
    return subprocess.run(command, env=env, cwd=BASE_DIR, timeout=timeout, check=True, text=True, **kwargs)


# -- Preparation ---------------------------------------------------------------------------------------------


def ensure_wrk():
    if shutil.which("wrk"):
        return
    log("wrk is missing; installing Debian's package.")
    apt = ["apt-get", "install", "-y", "-q", "wrk"]
    if os.geteuid() != 0:
        apt = ["sudo", *apt]
    subprocess.run(apt, check=True, timeout=300)


def ensure_database(database_url):
    """Create the benchmark database if it does not exist (PostgreSQL's `postgres` database is asked)."""
    import psycopg

    match = re.match(r"^postgres(?:ql)?://(?P<rest>[^/]*)/(?P<name>[A-Za-z0-9_]+)$", database_url)
    if not match:
        raise SystemExit(f"BENCH_DATABASE_URL must be postgres://user@host:port/name, not {database_url!r}.")
    if "bench" not in match["name"]:
        raise SystemExit(f"The benchmark database's name must contain 'bench' ({match['name']!r} does not).")
    with psycopg.connect(f"postgresql://{match['rest']}/postgres", autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [match["name"]]).fetchone()
        if not exists:
            log(f"Creating the database {match['name']}.")
            connection.execute(f'CREATE DATABASE "{match["name"]}"')


def redis_url_if_running(url):
    try:
        import redis

        client = redis.Redis.from_url(url, socket_connect_timeout=0.5)
        client.ping()
        return url
    except Exception:
        return ""


def clear_redis_prefix(url, prefix):
    """Delete the benchmark's own keys only; other users of the server keep theirs."""
    import redis

    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(f"{prefix}:*", count=1000))
    for start in range(0, len(keys), 1000):
        client.delete(*keys[start : start + 1000])


def prepare(env, args):
    ensure_database(env["DATABASE_URL"])
    manage = [str(BIN / "python"), "manage.py"]
    log("Migrating the benchmark database, compiling translations, collecting static files.")
    run([*manage, "migrate", "--noinput", "-v0"], env, 600)
    run([*manage, "compiletranslations"], env, 120, stdout=subprocess.DEVNULL)
    run([*manage, "collectstatic", "--noinput", "-v0"], env, 600)
    count = run(
        [*manage, "shell", "-c", "from contributions.models import Contribution; print(Contribution.objects.count())"],
        env,
        120,
        capture_output=True,
    ).stdout.split()[-1]
    if args.rebuild or int(count) < 50_000:
        log("Building the synthetic data set (build_bench_data).")
        run([*manage, "build_bench_data"], env, 900)


# -- The pages -----------------------------------------------------------------------------------------------


def prepare_fixtures(env):
    """The real fixtures in a database of their own, for the in-process measurement."""
    ensure_database(env["DATABASE_URL"])
    manage = [str(BIN / "python"), "manage.py"]
    log("Migrating the fixtures database and loading the real fixtures.")
    run([*manage, "migrate", "--noinput", "-v0"], env, 600)
    run([*manage, "loaddata", "-v0", *sorted(str(path) for path in (BASE_DIR / "fixtures").glob("*.json"))], env, 600)


INPROCESS_TARGETS = {"real fixtures": 16, "synthetic data": 40}
AFTER_CHANGE_TARGET = 2  # The first request after a content change, as a multiple of the page's uncached median.


def measure_in_process(env, label, rounds, language):
    """bench/inprocess.py in a child process on `env`'s database; its rows, each with the target checked."""
    output = run(
        [
            str(BIN / "python"),
            "-m",
            "bench.inprocess",
            "--rounds",
            str(rounds),
            "--language",
            language,
            "--after-change",
        ],
        {**env, "PAGE_CACHE_SECONDS": "0"},
        1800,
        capture_output=True,
    ).stdout.splitlines()[-1]
    rows = json.loads(output)["pages"]
    target = INPROCESS_TARGETS[label]
    log(f"\nIn-process, {label}, no page cache (median of {rounds}; x /robots.txt; target <= {target}x):")
    for row in rows:
        row["target"] = None if row["name"] in ("robots.txt", "404 page") else target
        row["meets_target"] = row["target"] is None or row["ratio"] <= target
        mark = "" if row["target"] is None else ("  ok" if row["meets_target"] else "  MISSED")
        after = row.get("after_change_ratio")
        if after is not None:  # The first request after a content change: at most 2x the uncached median.
            row["after_change_meets_target"] = after <= AFTER_CHANGE_TARGET
            mark += f"; first after a change {row['first_after_change_ms']:.2f} ms = {after:.2f}x uncached"
            mark += "" if row["after_change_meets_target"] else " MISSED"
        log(f"  {row['name']:<22} {row['status']:>3} {row['median_ms']:>8.2f} ms {row['ratio']:>6.1f}x{mark}")
    return rows


def discover_pages(language):
    """Run inside Django (bench.settings): the paths to measure, picked from the benchmark data."""
    import django

    django.setup()
    from django.urls import get_resolver, reverse
    from django.utils import translation
    from django.utils.http import urlencode

    from bench.inprocess import busiest_objects
    from contributions.models import Contribution, ContributionKind
    from contributions.views import ContributionListView

    translation.activate(language)
    country, mission, mandate = busiest_objects()
    kind = ContributionKind.objects.published().order_by("order").first()
    contributions = reverse("contributions:contribution_list")
    two_filters = f"country={country.code}&kind={kind.key}"
    # Page 100 of the list, or its last page where there are fewer (the real fixtures fill one or two).
    per_page = ContributionListView.paginate_by
    page = max(1, min(100, -(-Contribution.objects.published().count() // per_page)))
    pages = [
        Page("baseline", "baseline", reverse("bench_baseline")),
        Page("site layout, no content", "reference", reverse("bench_layout"), "reference: no target"),
        Page("home", "detail", reverse("website:home")),
        Page("contributions", "list", contributions),
        Page("contributions, 2 filters", "list", f"{contributions}?{two_filters}"),
        Page(f"contributions, page {page}", "list", f"{contributions}?page={page}"),
        Page("mission detail", "detail", mission.get_absolute_url(), f"{mission.n} contributions"),
        Page("mandate detail", "detail", mandate.get_absolute_url(), f"{mandate.n} contributions"),
        Page("country page", "detail", country.get_absolute_url(), f"{country.n} contributions"),
    ]

    names = sorted(url_names(get_resolver()))
    search = next((name for name in names if "search" in name), None)
    export = next((name for name in names if "contribution" in name and "csv" in name), None)
    if search:
        pages.append(Page("search", "list", f"{reverse(search)}?{urlencode({'q': mission.title})}"))
    else:
        pages.append(Page("search", "list", "", "not yet available: no URL named *search*"))
    if export:
        pages.append(Page("CSV export, filtered", "list", f"{reverse(export)}?{two_filters}"))
    else:
        pages.append(Page("CSV export, filtered", "list", "", "not yet available: no URL named *contribution*csv*"))
    return pages


def url_names(resolver, namespace=""):
    from django.urls import URLResolver

    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern, inner)
        elif pattern.name and not pattern.pattern.regex.groups:
            yield f"{namespace}{pattern.name}"


# -- Serving and load ----------------------------------------------------------------------------------------


@contextmanager
def gunicorn(env, port, workers, page_cache_seconds):
    server_env = {**env, "PAGE_CACHE_SECONDS": str(page_cache_seconds)}
    log_file = tempfile.TemporaryFile("w+", prefix="isil-bench-gunicorn-", suffix=".log")  # noqa: SIM115
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "config.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--worker-class=sync",
            "--timeout=30",
            "--graceful-timeout=5",
            "--log-level=warning",
        ],
        env=server_env,
        cwd=BASE_DIR,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                log_file.seek(0)
                raise SystemExit(f"gunicorn exited with {process.returncode}:\n{log_file.read()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise SystemExit("gunicorn did not answer /healthz within 30 seconds.")
            time.sleep(0.2)
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        log_file.seek(0)
        errors = [line for line in log_file.read().splitlines() if "Traceback" in line or "ERROR" in line]
        log_file.close()
        if errors:
            log(f"  gunicorn logged {len(errors)} error lines, e.g. {errors[0]}")


def fetch(url):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "identity"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wrk(url, seconds, connections, script):
    output = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout=10s", "-s", script, url],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def drain(base_url, baseline_path, options, limit=60):
    """Wait until the workers have finished what wrk left in flight when it stopped (a slow page can keep every
    worker busy for seconds), so that it does not slow down the next page's measurement: as many concurrent
    baseline requests as wrk's connections must all be answered."""
    with concurrent.futures.ThreadPoolExecutor(options["connections"]) as pool:
        list(pool.map(lambda _n: fetch(base_url + baseline_path), range(options["connections"]), timeout=limit))


def measure(pages, data, mode, base_url, options, script):
    """Measure each page in turn, and the baseline both first and last: each page's ratio is to the mean of the
    two, which evens out a machine that gets busier or quieter during the phase."""
    baseline = next(page for page in pages if page.kind == "baseline")
    pages = [*pages, Page(f"{baseline.name} (again)", "baseline", baseline.path)]
    results = []
    for page in pages:
        result = Result(page.name, page.kind, mode, page.path, data, detail={"notes": [page.note] if page.note else []})
        results.append(result)
        if not page.path:
            continue
        url = base_url + page.path
        started = time.monotonic()
        status, headers, body = fetch(url)
        # With empty caches: the page rendered and every shared query result computed.
        result.detail["first_request_ms"] = round((time.monotonic() - started) * 1000, 1)
        cached = False
        if mode == "cached" and page.kind in ("detail", "list"):
            status, headers, body = fetch(url)  # The first request stores it; this one should be a hit.
            result.detail["page_cache"] = headers.get("X-Page-Cache", "not cached")
            cached = result.detail["page_cache"] == "hit"
            if not cached:
                result.detail["notes"].append("the site does not cache it (streamed); the uncached target applies")
        result.status = status
        result.detail["bytes"] = len(body)
        if status != 200:
            result.errors = 1
            log(f"  {page.name:<26} HTTP {status}: skipped")
            continue
        warm_until = time.monotonic() + WARMUP_SECONDS
        for _request in range(WARMUP_REQUESTS):
            if time.monotonic() > warm_until:
                break
            fetch(url)
        if options["warmup"]:
            wrk(url, options["warmup"], options["connections"], script)
            drain(base_url, baseline.path, options)
        report = wrk(url, options["duration"], options["connections"], script)
        drain(base_url, baseline.path, options)
        result.requests = report["requests"]
        result.rps = report["requests"] / (report["duration_us"] / 1e6)
        result.p50_ms = report["p50_us"] / 1000
        result.p99_ms = report["p99_us"] / 1000
        result.errors = sum(report[key] for key in ("connect", "read", "write", "status", "timeout"))
        if not result.requests:
            # Slower than the measured time (the quick run's one second): a miss of the target, not an error.
            result.detail["notes"].append("no response completed within the measured time")
        result.detail["wrk_errors"] = {key: report[key] for key in ("connect", "read", "write", "status", "timeout")}
        if page.kind in ("detail", "list"):
            result.target = CACHED_TARGET if cached else UNCACHED_TARGETS[data]
        log(f"  {page.name:<26} {result.rps:8.1f} req/s  p50 {result.p50_ms:7.1f} ms  p99 {result.p99_ms:7.1f} ms")

    baseline_rps = [r.rps for r in results if r.kind == "baseline" and r.requests]
    if baseline_rps:
        mean = sum(baseline_rps) / len(baseline_rps)
        for result in results:
            if result.kind != "baseline" and result.path:
                result.ratio = result.rps / mean
    return results


def database_connections(database_url):
    import psycopg

    name = database_url.rsplit("/", 1)[-1]
    with psycopg.connect(database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        return connection.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [name]).fetchone()[0]


# -- Report --------------------------------------------------------------------------------------------------


def machine():
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if "model name" in line), platform.processor())
    memory_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR, capture_output=True, text=True)
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit.stdout.strip(),
        "load_average": " ".join(f"{load:.2f}" for load in os.getloadavg()),
        "cpu": f"{cpu}, {os.cpu_count()} cores",
        "memory": f"{memory_kb / 1024 / 1024:.1f} GiB",
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


def print_table(results):
    header = (
        f"{'page':<26} {'mode':<9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} {'ratio':>6} "
        f"{'target':<11} {'first ms':>8}"
    )
    data = None
    for r in results:
        if r.data != data:
            data = r.data
            log(f"\n{data}:")
            log(header)
            log("-" * len(header))
        if not r.path:
            log(f"{r.page:<26} {r.mode:<9} {'; '.join(r.detail['notes'])}")
            continue
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else ""
        target = f"≥{r.target:g} {'ok' if r.meets_target else 'MISS'}" if r.target is not None else ""
        first = r.detail.get("first_request_ms", "")
        log(
            f"{r.page:<26} {r.mode:<9} {r.rps:8.1f} {r.p50_ms:8.1f} {r.p99_ms:8.1f} {r.errors:>6} {ratio:>6} "
            f"{target:<11} {first:>8}"
        )
    for r in results:
        if r.path and r.detail["notes"]:
            log(f"  {r.page} ({r.mode}): {'; '.join(r.detail['notes'])}")


def markdown(path):
    """The results file as the Markdown table that docs/performance.md records."""
    data = json.loads(Path(path).read_text())
    machine_info, settings = data["machine"], data["settings"]
    lines = [
        f"{machine_info['date']}, commit {machine_info['commit']}: {machine_info['cpu']}, {machine_info['memory']}, "
        f"{machine_info['os']}, Python {machine_info['python']}; load average before the run "
        f"{machine_info['load_average']}. gunicorn {settings['workers']} sync workers; wrk 1 thread, "
        f"{settings['connections']} connections, {settings['warmup']} s warm-up and {settings['duration']} s per "
        f"page; language {settings['language']}; page cache on {'Redis' if settings['redis'] else 'local memory'}.",
        "",
        "| data | page | mode | req/s | p50 ms | p99 ms | errors | ratio to baseline | target | first request ms |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for r in data["results"]:
        if not r["path"]:
            lines.append(
                f"| {r.get('data', '')} | {r['page']} | {r['mode']} | {'; '.join(r['detail']['notes'])} | | | | | | |"
            )
            continue
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else ""
        target = f"≥ {r['target']:g} {'met' if r['meets_target'] else '**missed**'}" if r["target"] else ""
        lines.append(
            f"| {r.get('data', '')} | {r['page']} | {r['mode']} | {r['rps']:.1f} | {r['p50_ms']:.1f} | "
            f"{r['p99_ms']:.1f} | {r['errors']} | {ratio} | {target} | {r['detail'].get('first_request_ms', '')} |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="A short run (well under a minute once data exists).")
    parser.add_argument("--rebuild", action="store_true", help="Rebuild the synthetic data set first.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8471)))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BENCH_WORKERS", 3)))
    parser.add_argument("--connections", type=int, default=int(os.environ.get("BENCH_CONNECTIONS", 4)))
    parser.add_argument("--language", default="da", choices=["da", "nb", "en"])
    parser.add_argument("--output", default=os.environ.get("BENCH_OUTPUT", "/tmp/isil-bench-results.json"))
    parser.add_argument("--prepare-only", action="store_true", help="Prepare the database and stop.")
    parser.add_argument("--markdown", metavar="RESULTS", help="Print a results file as a Markdown table and stop.")
    parser.add_argument("--discover", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.markdown:
        print(markdown(args.markdown))
        return

    if args.discover:  # The child process that picks the pages, inside Django.
        print(json.dumps([asdict(page) for page in discover_pages(args.language)]))
        return

    started = time.monotonic()
    options = {**(QUICK if args.quick else FULL), "connections": args.connections}
    database_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/isil_bench")
    redis_url = redis_url_if_running(os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"))
    env = {
        **{key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "PAGE_CACHE_SECONDS"}},
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "TRUSTED_PROXY_COUNT": "0",  # Served directly on 127.0.0.1.
        "SECURE_SSL_REDIRECT": "false",
        "BENCH_STATIC_ROOT": os.environ.get("BENCH_STATIC_ROOT", "/tmp/isil-bench-static"),
        "CACHE_KEY_PREFIX": "isil-bench",
        "LOG_LEVEL": "WARNING",
    }
    if redis_url:
        env["REDIS_URL"] = redis_url
        # The page cache's own database (emptied whole on a content change): one only the benchmark uses.
        env["PAGE_CACHE_REDIS_URL"] = os.environ.get("BENCH_PAGE_CACHE_REDIS_URL", "redis://127.0.0.1:6379/13")
    else:
        env["PAGE_CACHE_DIR"] = tempfile.mkdtemp(prefix="isil-bench-pages-")
    fixtures_env = {
        **env,
        "DATABASE_URL": os.environ.get(
            "BENCH_FIXTURES_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/isil_bench_fixtures"
        ),
    }

    ensure_wrk()
    prepare(env, args)
    if args.prepare_only:
        return
    prepare_fixtures(fixtures_env)
    rounds = 5 if args.quick else 15
    in_process = {
        "real fixtures": measure_in_process(fixtures_env, "real fixtures", rounds, args.language),
        "synthetic data": measure_in_process(env, "synthetic data", rounds, args.language),
    }
    data_sets = {"real fixtures": fixtures_env, "synthetic data": env}
    pages = {
        data: [
            Page(**page)
            for page in json.loads(
                run(
                    [str(BIN / "python"), "-m", "bench.run", "--discover", "--language", args.language],
                    data_env,
                    120,
                    capture_output=True,
                ).stdout.splitlines()[-1]
            )
        ]
        for data, data_env in data_sets.items()
    }

    info = machine()
    log(
        f"\n{info['date']} · commit {info['commit']} · {info['cpu']} · {info['memory']} · {info['os']} · "
        f"Python {info['python']} · load average before the run {info['load_average']}"
    )
    log(
        f"gunicorn: {args.workers} sync workers on 127.0.0.1:{args.port}; wrk: 1 thread, {args.connections} "
        f"connections, {options['warmup']} s warm-up and {options['duration']} s per page; language {args.language}; "
        f"page cache: {'Redis ' + redis_url if redis_url else 'local memory (no Redis answered)'}"
    )
    base_url = f"http://127.0.0.1:{args.port}"
    results = []
    connections = {}
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_REPORT)
        script.flush()
        for data, data_env in data_sets.items():
            for mode, seconds in (("uncached", 0), ("cached", 600)):
                log(f"\n{data}, {mode}:")
                if redis_url:
                    clear_redis_prefix(redis_url, env["CACHE_KEY_PREFIX"])
                    clear_redis_prefix(env["PAGE_CACHE_REDIS_URL"], env["CACHE_KEY_PREFIX"])
                with gunicorn(data_env, args.port, args.workers, seconds):
                    results += measure(pages[data], data, mode, base_url, options, script.name)
                    connections[f"{data}, {mode}"] = database_connections(data_env["DATABASE_URL"])

    log("")
    print_table(results)
    missed = [r for r in results if r.path and not r.meets_target]
    missed_in_process = [row for rows in in_process.values() for row in rows if not row["meets_target"]]
    log(f"In-process targets missed: {len(missed_in_process)}")
    log(
        f"\nDatabase connections open at the end of each phase (psycopg pool, {args.workers} workers): "
        + ", ".join(f"{mode} {count}" for mode, count in connections.items())
    )
    log(f"Targets missed: {len(missed)} of {sum(1 for r in results if r.path and r.target is not None)}")
    log(f"Finished in {time.monotonic() - started:.0f} s; results in {args.output}")
    Path(args.output).write_text(
        json.dumps(
            {
                "machine": info,
                "settings": {"workers": args.workers, **options, "language": args.language, "redis": bool(redis_url)},
                "database_connections": connections,
                "results": [asdict(r) | {"meets_target": r.meets_target} for r in results],
                "in_process": in_process,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
