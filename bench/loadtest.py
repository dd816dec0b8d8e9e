"""Bounded load test: the site under production settings, busy readers and editors at once, on 127.0.0.1 only.

`make loadtest` (or `.venv/bin/python -m bench.loadtest --help`) does this:

1. Rebuilds a PostgreSQL database of its own (default isil_loadtest on 127.0.0.1:5432): migrate, the content
   fixtures, a staff login; collects the static files into a directory of its own.
2. Starts gunicorn with config.settings.prod on 127.0.0.1 (default port 8483, 3 sync workers) and waits for
   /healthz. Requests carry X-Forwarded-Proto: https, as behind the TLS-terminating proxy production has.
3. For a fixed time (default 60 s) runs several times as many concurrent clients as workers (default 4x), each
   requesting public pages in all three languages (home, lists with and without filters, every detail page,
   search, exports, the feed, a 404, a static file, /healthz) as fast as answers come. Meanwhile two editors
   work: one saves missions and mandates through the ORM and adds sources; one edits contributions through
   the admin's change form over HTTP, as a person would.
4. Afterwards checks that every edit is in the database as last saved, that every added source exists, and,
   once the page cache's lifetime has passed, that the public pages show the last edit.
5. Prints the figures (and writes them as JSON with --json) and exits non-zero on any 5xx answer, failed
   connection, refused edit or missing edit.
"""

import argparse
import html
import http.client
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
STAFF_USER = "loadtest-editor"


def log(message):
    print(message, flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("LOADTEST_SECONDS", 60)))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("LOADTEST_WORKERS", 3)))
    parser.add_argument(
        "--clients",
        type=int,
        default=int(os.environ.get("LOADTEST_CLIENTS", 0)) or None,
        help="concurrent clients (default: 4 per worker)",
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("LOADTEST_PORT", 8483)))
    parser.add_argument(
        "--database-url",
        default=os.environ.get("LOADTEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/isil_loadtest"),
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("LOADTEST_REDIS_URL", ""),
        help="share the page cache through Redis, as production can (default: per-worker memory)",
    )
    parser.add_argument("--edit-interval", type=float, default=0.25, help="seconds between an editor's saves")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    args.clients = args.clients or 4 * args.workers
    if urlsplit(args.database_url).hostname not in {"127.0.0.1", "localhost"}:
        parser.error("the load test runs against a database on 127.0.0.1 only")
    return args


def environment(args, static_root):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": HOST,
        "TRUSTED_PROXY_COUNT": "0",  # Served directly on 127.0.0.1.
        "DATABASE_URL": args.database_url,
        "STATIC_ROOT": str(static_root),
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    env.pop("PAGE_CACHE_REDIS_URL", None)
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
        env["CACHE_KEY_PREFIX"] = f"isil-loadtest-{os.getpid()}"
    else:  # The workers share a file-based page cache; one of this run's own.
        env["PAGE_CACHE_DIR"] = tempfile.mkdtemp(prefix="isil-loadtest-pages-")
    return env


def run(command, env, timeout=600):
    result = subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode:
        raise SystemExit(f"{' '.join(map(str, command))} failed:\n{result.stdout}{result.stderr}")
    return result


def prepare(env, password):
    import psycopg

    url = urlsplit(env["DATABASE_URL"])
    name = url.path.lstrip("/")
    admin_url = url._replace(path="/postgres").geturl()
    log(f"Rebuilding database {name}: migrate, content fixtures, staff login, static files.")
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    manage = [str(BIN / "python"), "manage.py"]
    run([*manage, "migrate", "--noinput", "-v0"], env)
    run([*manage, "loaddata", *sorted(str(path) for path in (PROJECT / "fixtures").glob("*.json"))], env)
    run([*manage, "compiletranslations"], env)
    run([*manage, "collectstatic", "--noinput", "-v0"], env)
    run(
        [*manage, "createsuperuser", "--noinput", "--username", STAFF_USER, "--email", "loadtest@example.org"],
        {**env, "DJANGO_SUPERUSER_PASSWORD": password},
    )


@contextmanager
def gunicorn(env, args):
    log_file = tempfile.NamedTemporaryFile("w+", prefix="isil-loadtest-gunicorn-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            f"--bind={HOST}:{args.port}",
            f"--workers={args.workers}",
            "--timeout=30",
            "--graceful-timeout=10",
            f"--error-logfile={log_file.name}",
        ],
        cwd=PROJECT,
        env=env,
        stdout=log_file,
        stderr=subprocess.STDOUT,  # Django's log too: errors are looked for in it afterwards.
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise SystemExit(f"gunicorn exited with {process.returncode}:\n{Path(log_file.name).read_text()}")
            try:
                if request("GET", "/healthz", args.port)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("gunicorn did not answer /healthz within 30 seconds.")
            time.sleep(0.2)
        yield Path(log_file.name)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def request(method, path, port, body=None, headers=None, timeout=30):
    """One request on a fresh connection (gunicorn's sync workers close it anyway). Returns status, headers,
    body."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        all_headers = {"X-Forwarded-Proto": "https", "Host": f"{HOST}:{port}", **(headers or {})}
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def public_paths():
    """Every kind of public address, in each language, from the loaded content."""
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.urls import reverse
    from django.utils import translation

    from coalition.models import Country, Mission
    from contributions.models import Contribution, Mandate
    from programmes.models import Programme

    paths = defaultdict(list)  # kind -> paths
    for language in ("da", "nb", "en"):
        with translation.override(language):
            paths["home"].append(reverse("website:home"))
            for name in (
                "coalition:mission_list",
                "website:country_list",
                "contributions:mandate_list",
                "contributions:contribution_list",
                "programmes:programme_list",
            ):
                paths["list"].append(reverse(name))
            contribution_list = reverse("contributions:contribution_list")
            for country in Country.objects.published().filter(is_contributor=True):
                paths["filtered list"].append(f"{contribution_list}?{urlencode({'country': country.code})}")
            paths["filtered list"].append(f"{contribution_list}?year=2016&page=2")
            countries = Country.objects.published().filter(is_contributor=True)  # Only these have pages.
            for queryset in (
                Mission.objects.published(),
                countries,
                Mandate.objects.published(),
                Contribution.objects.published(),
                Programme.objects.published(),
            ):
                for obj in queryset:
                    if getattr(obj, "slug", None):
                        paths["detail"].append(obj.get_absolute_url())
            for query in ("F-16", "Irak", "stabilisation", "minerydning", "B 123"):
                paths["search"].append(f"{reverse('discovery:search')}?{urlencode({'q': query})}")
            for dataset in ("contributions", "mandates", "missions", "programmes"):
                paths["export"].append(reverse(f"discovery:{dataset}_csv"))
                paths["export"].append(reverse(f"discovery:{dataset}_json"))
            paths["feed"].append(reverse("discovery:feed"))
            paths["not found"].append(f"/{language}/no-such-page/")
    paths["static"].append(staticfiles_storage.url("admin/css/base.css"))
    paths["health"].append("/healthz")
    return paths


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)  # kind -> seconds
        self.statuses = Counter()
        self.by_kind_status = defaultdict(Counter)
        self.errors = Counter()
        self.server_errors = []

    def record(self, kind, path, status, seconds):
        with self.lock:
            self.latencies[kind].append(seconds)
            self.statuses[status] += 1
            self.by_kind_status[kind][status] += 1
            if status >= 500:
                self.server_errors.append(f"{status} {path}")

    def error(self, kind, path, error):
        with self.lock:
            self.errors[f"{type(error).__name__} on {kind}"] += 1


def reader(port, paths, results, stop, seed):
    rng = random.Random(seed)
    kinds = list(paths)
    # Pages as visitors ask for them: mostly details and lists, some of everything else.
    weights = {
        "detail": 30,
        "list": 15,
        "filtered list": 10,
        "home": 10,
        "search": 8,
        "export": 6,
        "feed": 3,
        "not found": 3,
        "static": 8,
        "health": 2,
    }
    while not stop.is_set():
        kind = rng.choices(kinds, weights=[weights.get(kind, 5) for kind in kinds])[0]
        path = rng.choice(paths[kind])
        started = time.monotonic()
        try:
            status = request("GET", path, port)[0]
        except (OSError, http.client.HTTPException) as error:
            # Refused or reset connections, and answers cut short (a streamed export that fails half-way has
            # already sent its 200).
            results.error(kind, path, error)
            continue
        results.record(kind, path, status, time.monotonic() - started)


class FormReader(HTMLParser):
    """The values a browser would submit from the admin's change form."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields, self._textarea, self._select, self._options = [], None, None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type", "text") not in {"submit", "button", "file", "image", "reset"}:
            if attrs.get("type") in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields.append([name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")])
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
            self.fields.append(self._textarea)
        elif tag == "select" and name:
            self._select, self._options = (name, "multiple" in attrs), []
        elif tag == "option" and self._select:
            self._options.append((attrs.get("value", ""), "selected" in attrs))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            if self._textarea is not None and self._textarea[1].startswith("\n"):
                self._textarea[1] = self._textarea[1][1:]  # The HTML parser keeps the newline after the tag.
            self._textarea = None
        elif tag == "select" and self._select:
            name, multiple = self._select
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            self.fields.extend([name, value] for value in chosen)
            self._select = None


class AdminEditor:
    """A person editing contributions in the admin over HTTP: log in, open a change form, change the English
    description, save; again and again."""

    def __init__(self, port, password, targets):
        self.port, self.password, self.targets = port, password, targets
        self.cookies = {}
        self.expected, self.saved, self.refused = {}, 0, []

    def _cookie_header(self):
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def _send(self, method, path, fields=None):
        headers = {"Cookie": self._cookie_header(), "Origin": f"https://{HOST}:{self.port}"}
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://{HOST}:{self.port}{path}"
        status, response_headers, content = request(method, path, self.port, body=body, headers=headers)
        for header in response_headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return status, response_headers, content

    def log_in(self, login_path):
        status, _, content = self._send("GET", login_path)
        form = FormReader()
        form.feed(content.decode())
        fields = dict(form.fields)
        fields.update(username=STAFF_USER, password=self.password)
        status, _headers, _ = self._send("POST", login_path, list(fields.items()))
        if status != 302:
            raise SystemExit(f"The admin login failed with {status}.")

    def edit(self, number):
        pk, path = self.targets[number % len(self.targets)]
        status, _, content = self._send("GET", path)
        if status != 200:
            self.refused.append(f"GET {path}: {status}")
            return
        form = FormReader()
        form.feed(content.decode())
        marker = f"[admin edit {number}]"
        fields, expected = form.fields, None
        for field in fields:
            if field[0] == "description_en":
                field[1] = f"{field[1].split(' [admin edit ')[0]} {marker}"
                expected = field[1]
        status, _headers, content = self._send("POST", path, [tuple(field) for field in fields])
        if expected is None:
            self.refused.append(f"GET {path}: no description_en field in the form")
        elif status == 302:
            self.saved += 1
            self.expected[pk] = expected.replace("\r\n", "\n")
        else:
            self.refused.append(f"POST {path}: {status}")


def orm_editor(stop, interval, record):
    """Saves missions and mandates through the ORM, as a script or the shell would, and adds sources."""
    from django.db import close_old_connections

    from coalition.models import Mission
    from contributions.models import Mandate
    from core.models import Source

    targets = [*Mission.objects.published().order_by("pk")[:6], *Mandate.objects.published().order_by("pk")[:6]]
    number = 0
    while not stop.is_set():
        obj = targets[number % len(targets)]
        obj.refresh_from_db()
        field = "title_en" if isinstance(obj, Mission) else "label_en"
        base = (getattr(obj, field) or "").split(" (revision ")[0]
        value = f"{base} (revision {number})"
        setattr(obj, field, value)
        obj.save()
        record["edits"][(type(obj), obj.pk, field)] = value
        key = f"loadtest-source-{number}"
        Source.objects.create(
            key=key, title=f"Load test source {number}", publisher="Load test", url=f"https://example.org/{key}"
        )
        record["sources"].append(key)
        number += 1
        close_old_connections()
        stop.wait(interval)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))] if ordered else 0.0


def main():
    args = parse_args()
    static_root = Path(tempfile.gettempdir()) / f"isil-loadtest-static-{args.port}"
    env = environment(args, static_root)
    password = secrets.token_urlsafe(18)
    prepare(env, password)

    os.environ.update(
        {
            key: env[key]
            for key in (
                "DJANGO_SETTINGS_MODULE",
                "SECRET_KEY",
                "ALLOWED_HOSTS",
                "DATABASE_URL",
                "STATIC_ROOT",
                "LOG_LEVEL",
            )
        }
    )
    if args.redis_url:
        os.environ.update(REDIS_URL=env["REDIS_URL"], CACHE_KEY_PREFIX=env["CACHE_KEY_PREFIX"])
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    from contributions.models import Contribution

    paths = public_paths()
    with translation.override("en"):
        login_path = reverse("admin:login")
        admin_targets = [
            (pk, reverse("admin:contributions_contribution_change", args=[pk]))
            for pk in Contribution.objects.published().order_by("pk").values_list("pk", flat=True)[:6]
        ]
    log(
        f"{sum(map(len, paths.values()))} addresses; gunicorn with production settings, {args.workers} sync "
        f"workers on {HOST}:{args.port}; {args.clients} clients for {args.seconds} s; "
        f"page cache: {'Redis' if args.redis_url else 'shared files'}, {settings.PAGE_CACHE_SECONDS} s."
    )

    results, stop, record = Results(), threading.Event(), {"edits": {}, "sources": []}
    with gunicorn(env, args) as error_log:
        admin = AdminEditor(args.port, password, admin_targets)
        admin.log_in(login_path)

        def admin_loop():
            number = 0
            while not stop.is_set():
                try:
                    admin.edit(number)
                except (OSError, http.client.HTTPException) as error:
                    admin.refused.append(f"{type(error).__name__}")
                number += 1
                stop.wait(args.edit_interval)

        threads = [
            threading.Thread(target=reader, args=(args.port, paths, results, stop, args.seed + n))
            for n in range(args.clients)
        ]
        threads.append(threading.Thread(target=orm_editor, args=(stop, args.edit_interval, record)))
        threads.append(threading.Thread(target=admin_loop))
        load_before = [round(value, 1) for value in os.getloadavg()]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        stop.wait(args.seconds)
        stop.set()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        load_after = [round(value, 1) for value in os.getloadavg()]

        # Every edit is there, as last saved.
        missing = []
        for (model, pk, field), value in record["edits"].items():
            if getattr(model.objects.get(pk=pk), field) != value:
                missing.append(f"{model._meta.label_lower} {pk} {field}")
        from core.models import Source

        present = set(Source.objects.filter(key__in=record["sources"]).values_list("key", flat=True))
        missing += [f"source {key}" for key in record["sources"] if key not in present]
        for pk, value in admin.expected.items():
            if Contribution.objects.get(pk=pk).description_en.replace("\r\n", "\n") != value:
                missing.append(f"contribution {pk} description_en")

        # Every worker shows the last edit at once: a save empties the page cache all workers share (Redis or
        # files) when it commits.
        wait = 2
        log(f"Load over; checking the public pages in {wait} s.")
        time.sleep(wait)
        stale = []
        for (model, pk, _field), value in record["edits"].items():
            with translation.override("en"):
                path = model.objects.get(pk=pk).get_absolute_url()
            for _attempt in range(2 * args.workers):
                status, _, content = request("GET", path, args.port)
                if status != 200 or value not in html.unescape(content.decode()):
                    stale.append(path)
                    break
        server_log_errors = [
            line
            for line in error_log.read_text().splitlines()
            if "[ERROR]" in line or "Internal Server Error" in line or line.startswith("Traceback")
        ]

    if args.redis_url:
        import redis

        for url in (args.redis_url, settings.PAGE_CACHE_REDIS_URL):
            client = redis.Redis.from_url(url)
            keys = list(client.scan_iter(match=f"{env['CACHE_KEY_PREFIX']}:*", count=1000))
            for start in range(0, len(keys), 1000):
                client.delete(*keys[start : start + 1000])

    total = sum(results.statuses.values())
    everything = [seconds for values in results.latencies.values() for seconds in values]
    figures = {
        "machine": {"cpus": os.cpu_count(), "load_average_before": load_before, "load_average_after": load_after},
        "seconds": round(elapsed, 1),
        "workers": args.workers,
        "clients": args.clients,
        "page_cache": "redis" if args.redis_url else "shared files",
        "requests": total,
        "requests_per_second": round(total / elapsed, 1),
        "statuses": dict(sorted(results.statuses.items())),
        "server_errors": len(results.server_errors),
        "connection_errors": dict(results.errors),
        "latency_ms": {
            kind: {
                "count": len(values),
                "median": round(statistics.median(values) * 1000),
                "p95": round(percentile(values, 0.95) * 1000),
                "max": round(max(values) * 1000),
            }
            for kind, values in sorted(results.latencies.items())
        },
        "latency_ms_all": {
            "median": round(statistics.median(everything) * 1000),
            "p95": round(percentile(everything, 0.95) * 1000),
            "p99": round(percentile(everything, 0.99) * 1000),
            "max": round(max(everything) * 1000),
        },
        "edits": {
            "orm_saves": len(record["sources"]),
            "orm_objects": len(record["edits"]),
            "sources_added": len(record["sources"]),
            "admin_saves": admin.saved,
            "admin_refused": admin.refused,
            "missing_after": missing,
            "stale_pages_after_cache_lifetime": stale,
        },
        "server_log_error_lines": server_log_errors[:5],
    }
    log(json.dumps(figures, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    failed = results.server_errors or results.errors or missing or admin.refused or stale or server_log_errors
    if failed:
        log(
            "FAILED: "
            + "; ".join(
                [
                    *results.server_errors[:5],
                    *results.errors,
                    *missing[:5],
                    *admin.refused[:5],
                    *stale[:5],
                    *server_log_errors[:2],
                ]
            )
        )
        return 1
    log(
        f"OK: {total} requests, no 5xx, no failed connection; {len(record['sources'])} ORM saves and "
        f"{admin.saved} admin saves all present afterwards."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
