"""Instructions per request: what a page costs in Python, counted rather than timed.

On a shared machine the in-process times (bench/inprocess.py) move by 10-40% from one run to the next, which hides
the effect of most single changes. Valgrind's callgrind counts the instructions a process executes, which does not
depend on what else the machine is doing: the same code, data and settings give the same count to within a fraction
of a percent. This runs the page in a child process under callgrind twice, once with only its warm-up requests and
once with `--requests` more, and prints the difference per request. It counts this process only: the database's
work (PostgreSQL's own process) is not in it; bench/inprocess.py measures the whole.

    DJANGO_SETTINGS_MODULE=bench.settings DATABASE_URL=…/isil_bench_fixtures PAGE_CACHE_SECONDS=0 SECRET_KEY=… \\
      ALLOWED_HOSTS=127.0.0.1 .venv/bin/python -m bench.instructions home "country (busiest)"

The names are bench/inprocess.py's page names. It needs valgrind (Debian's package `valgrind`); each page takes
about a minute, most of it Django starting under callgrind.
"""

import argparse
import re
import shutil
import subprocess
import sys

WARMUP = 2


def child(name, requests):
    """Inside the child: request the page WARMUP + `requests` times."""
    import django

    django.setup()
    from django.test import Client

    from bench.inprocess import page_paths

    path = dict(page_paths("da"))[name]
    client = Client(HTTP_HOST="127.0.0.1")
    for _request in range(WARMUP + requests):
        client.get(path, secure=True)


def counted(name, requests):
    """Instructions callgrind counted for the child's whole run."""
    output = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            "-m",
            "bench.instructions",
            "--child",
            name,
            "--requests",
            str(requests),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=900,
    ).stderr
    return int(re.search(r"Collected : (\d+)", output)[1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="+", help="bench/inprocess.py's page names, e.g. home or 'country (busiest)'")
    parser.add_argument("--requests", type=int, default=5, help="Requests counted per page (after the warm-up).")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.pages[0], args.requests)
        return
    if not shutil.which("valgrind"):
        raise SystemExit("valgrind is not installed (Debian's package valgrind).")
    for name in args.pages:
        per_request = (counted(name, args.requests) - counted(name, 0)) / args.requests
        print(f"{name:<22} {per_request / 1e6:8.1f} M instructions per request", flush=True)


if __name__ == "__main__":
    main()
