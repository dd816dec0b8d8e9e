"""`manage.py check_sources` against a local HTTP server in the test process (never the internet): what it records on
each source, its summary and exit status, and how the results show in the admin and on public pages."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from core import linkcheck
from core.models import Source
from tests.factories import SourceFactory

pytestmark = pytest.mark.subprocess  # A local HTTP server answers the link checks.


class Handler(BaseHTTPRequestHandler):
    release = threading.Event()  # The slow address answers only after the test is over.
    hosts_seen = []

    def do_GET(self):
        self.hosts_seen.append(self.path)
        match self.path:
            case "/ok":
                self.answer(200)
            case "/moved":
                self.send_response(301)
                self.send_header("Location", "/ok")
                self.send_header("Content-Length", "0")
                self.end_headers()
            case "/missing":
                self.answer(404)
            case "/gone":
                self.answer(410)
            case "/slow":
                self.release.wait(10)
                self.answer(200)
            case _:
                self.answer(500)

    def answer(self, status):
        body = b"hello"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    # It looks for shutdown() every 20 ms (the default half a second would be each test's wait at its end).
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    Handler.release.clear()
    yield f"http://127.0.0.1:{httpd.server_port}"
    Handler.release.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def closed_port():
    """A port on which nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def sources(db, server, closed_port):
    https = server.replace("http://", "https://")  # A TLS handshake with a plain-HTTP server fails.
    addresses = {
        "ok": f"{server}/ok",
        "moved": f"{server}/moved",
        "missing": f"{server}/missing",
        "gone": f"{server}/gone",
        "slow": f"{server}/slow",
        "refused": f"http://127.0.0.1:{closed_port}/",
        "tls": f"{https}/ok",
    }
    return {key: SourceFactory(key=key, url=url) for key, url in addresses.items()}


def run(*args):
    out = StringIO()
    try:
        call_command("check_sources", "--delay", "0", "--timeout", "1", *args, stdout=out, stderr=StringIO())
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def test_every_outcome_is_recorded_on_its_source(sources, server):
    output, error = run()

    found = {source.key: source for source in Source.objects.all()}
    assert (found["ok"].link_status, found["ok"].link_error, found["ok"].link_final_url) == (200, "", "")
    assert (found["moved"].link_status, found["moved"].link_final_url) == (200, f"{server}/ok")
    assert found["missing"].link_status == 404
    assert found["gone"].link_status == 410
    assert (found["slow"].link_status, found["slow"].link_error) == (None, "timeout")
    assert (found["refused"].link_status, found["refused"].link_error) == (None, "connection refused")
    assert found["tls"].link_status is None and found["tls"].link_error.startswith("TLS error")
    assert all(source.link_checked_at is not None for source in found.values())
    assert {key for key, source in found.items() if source.link_is_broken} == {
        "missing",
        "gone",
        "slow",
        "refused",
        "tls",
    }
    assert set(Source.objects.broken().values_list("key", flat=True)) == {"missing", "gone", "slow", "refused", "tls"}

    # A clear summary and a non-zero exit status.
    assert "7 sources checked: 2 answer (1 through a redirect), 5 broken." in output
    assert f"moved   moved: {server}/moved -> {server}/ok" in output
    assert "broken  gone:" in output and "[HTTP 410]" in output
    assert error is not None and error.returncode == 1


def test_all_answering_exits_cleanly_and_a_check_is_no_edit(sources):
    source = sources["ok"]
    updated, versions = source.updated, source.history.count()
    output, error = run("ok", "moved")

    assert error is None
    assert "2 sources checked: 2 answer (1 through a redirect), 0 broken." in output
    source.refresh_from_db()
    assert source.updated == updated
    assert source.history.count() == versions
    assert Source.objects.unchecked().count() == 5


def test_an_unknown_key_is_an_error(sources):
    _output, error = run("no-such-source")
    assert error is not None and "no-such-source" in str(error)


def test_redirects_are_followed_and_recorded(server):
    result = linkcheck.check_url(f"{server}/moved", timeout=2)
    assert (result.status, result.final_url, result.redirects) == (200, f"{server}/ok", [(301, f"{server}/ok")])
    assert not result.is_broken


def test_one_host_waits_between_requests_and_concurrency_is_bounded(server):
    waits = []
    urls = [f"{server}/ok", f"{server}/missing", f"{server}/gone"]
    results = linkcheck.check_urls(urls, workers=2, delay=0.5, timeout=2, sleep=waits.append)
    assert waits == [0.5, 0.5]  # Three addresses on one host: two pauses between them.
    assert [results[url].status for url in urls] == [200, 404, 410]


def test_no_progress_bar_when_the_output_is_not_a_terminal(sources):
    err = StringIO()
    call_command("check_sources", "ok", "--delay", "0", "--timeout", "1", stdout=StringIO(), stderr=err)
    assert err.getvalue() == ""


def test_public_pages_offer_the_archived_copy_of_a_broken_source(client, published_mission, sources):
    archive = "https://web.archive.org/web/2020/https://example.org/gone"
    gone, ok = sources["gone"], sources["ok"]
    Source.objects.filter(pk__in=[gone.pk, ok.pk]).update(archive_url=archive)
    published_mission.sources.set([gone, ok])
    run("gone", "ok")

    html = client.get(published_mission.get_absolute_url()).content.decode()

    assert html.count(f'href="{archive}"') == 1  # Beside the broken source only, not beside the one that answers.
    assert "archived copy" in html


def test_the_admin_filters_broken_links(admin_client, sources):
    run()

    response = admin_client.get(reverse("admin:core_source_changelist") + "?link=broken")
    keys = {source.key for source in response.context["cl"].result_list}
    assert keys == {"missing", "gone", "slow", "refused", "tls"}
    assert "Link broken" in response.content.decode()
    response = admin_client.get(reverse("admin:core_source_changelist") + "?link=ok")
    assert {source.key for source in response.context["cl"].result_list} == {"ok", "moved"}


class Terminal(StringIO):
    def isatty(self):
        return True


def test_a_progress_bar_on_a_terminal(sources):
    err = Terminal()
    call_command("check_sources", "ok", "moved", "--delay", "0", "--timeout", "1", stdout=StringIO(), stderr=err)
    assert "] 2/2" in err.getvalue() and "#" * 30 in err.getvalue()
