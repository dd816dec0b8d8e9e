"""Source-link health: does every cited document still answer at its address?

Kept in one module with the standard library only (urllib, ssl, a thread pool): the check needs nothing more than
a GET that follows redirects and a few threads, and no HTTP library is a dependency of the site otherwise.

- Bounded concurrency: at most `workers` hosts are checked at the same time.
- Politeness: the addresses of one host are checked one after the other by the same worker, with `delay` seconds
  between two requests to that host.
- Each request has a `timeout`; redirects are followed (at most MAX_REDIRECTS) and every step is recorded.
- A result is an HTTP status (2xx and 3xx-resolved are fine, 4xx and 5xx are broken) or an error (timeout,
  connection refused, TLS error, ...), which is broken too.

`check_urls()` does the network part and knows nothing about the database; `store()` writes a result onto a
source with an UPDATE, so a check records no edit-history version and does not change the source's `updated`.
"""

import socket
import ssl
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.utils import timezone

USER_AGENT = "isil-contributions-link-check/1.0 (+source-link health of a public website)"
MAX_REDIRECTS = 10


@dataclass
class LinkResult:
    url: str
    status: int | None = None
    error: str = ""
    final_url: str = ""
    redirects: list = field(default_factory=list)  # [(status, location), ...] in the order followed

    @property
    def is_broken(self):
        return bool(self.error) or self.status is None or self.status >= 400


class _RecordingRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def __init__(self, steps):
        super().__init__()
        self.steps = steps

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        self.steps.append((code, newurl))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _describe(error):
    """A short, stable description of a failed request."""
    reason = getattr(error, "reason", error)
    if isinstance(reason, ssl.SSLError | ssl.CertificateError):
        return f"TLS error: {getattr(reason, 'reason', None) or reason}"
    if isinstance(reason, TimeoutError | socket.timeout):
        return "timeout"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "host not found"
    if isinstance(reason, ConnectionError):
        return f"connection error: {reason.__class__.__name__}"
    return f"error: {reason}"[:200]


def check_url(url, timeout=10.0, ssl_context=None):
    """GET `url`, following redirects, and return a LinkResult. Reads no more than the status line and headers."""
    steps = []
    opener = urllib.request.build_opener(
        _RecordingRedirects(steps), urllib.request.HTTPSHandler(context=ssl_context or ssl.create_default_context())
    )
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            return LinkResult(url, status=response.status, final_url=response.geturl(), redirects=steps)
    except urllib.error.HTTPError as error:
        return LinkResult(url, status=error.code, final_url=error.geturl() or url, redirects=steps)
    except (urllib.error.URLError, OSError, ValueError) as error:
        return LinkResult(url, error=_describe(error), final_url=steps[-1][1] if steps else "", redirects=steps)


def check_urls(urls, workers=4, delay=1.0, timeout=10.0, ssl_context=None, on_result=None, sleep=time.sleep):
    """Check every address; returns {url: LinkResult}. `on_result(result)` is called as each one finishes (for a
    progress bar). Addresses of one host share a worker and wait `delay` seconds between requests."""
    by_host = defaultdict(list)
    for url in dict.fromkeys(urls):
        by_host[urlsplit(url).netloc.lower()].append(url)

    def check_host(host_urls):
        results = []
        for index, url in enumerate(host_urls):
            if index and delay:
                sleep(delay)
            result = check_url(url, timeout=timeout, ssl_context=ssl_context)
            if on_result:
                on_result(result)
            results.append(result)
        return results

    results = {}
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for future in as_completed([pool.submit(check_host, host_urls) for host_urls in by_host.values()]):
            results.update((result.url, result) for result in future.result())
    return results


def store(source, result, now=None):
    """Record a result on a source (and on the object in hand) without a history version or a new `updated`."""
    values = {
        "link_checked_at": now or timezone.now(),
        "link_status": result.status,
        "link_error": result.error,
        "link_final_url": (result.final_url if result.final_url != source.url else "")[:500],
    }
    type(source)._default_manager.filter(pk=source.pk).update(**values)
    for name, value in values.items():
        setattr(source, name, value)
