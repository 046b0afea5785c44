"""Fixtures for the checks of the built site (tests/test_site_*.py, tests/browser/).

The site is ``--site-dir`` (``make test`` builds it with tests/build_site.py first). It is served as
GitHub Pages serves it: under the path of site_url, from which the 404 page and the notebook's
links are absolute.
"""

import functools
import gzip
import io
import http.server
import pathlib
import re
import threading
import typing
import urllib.parse
from dataclasses import dataclass

import pytest

from tests.fences import ROOT


def site_url_path() -> str:
    """The path part of mkdocs.yml's site_url, e.g. '/pytorch-cross-entropy/'."""
    url = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(), re.MULTILINE)[1]
    return urllib.parse.urlsplit(url).path.rstrip("/") + "/"


@pytest.fixture(scope="session")
def site_dir(request: pytest.FixtureRequest) -> pathlib.Path:
    given = request.config.getoption("--site-dir")
    path = pathlib.Path(request.config.invocation_params.dir, given or "")
    built = given and all((path / page).is_file() for page in ("index.html", "zh/index.html"))
    assert built, (f"--site-dir={given or 'DIR'} must be both languages built by "
                   f"`python -m tests.build_site DIR` (make test builds site/ and passes it)")
    return path


def html_pages(site: pathlib.Path) -> list[pathlib.Path]:
    """Every page of the site: each index.html, plus the 404 page."""
    return [*sorted(site.rglob("index.html")), site / "404.html"]


def page_id(site: pathlib.Path, page: pathlib.Path) -> str:
    """'formula/' for site/formula/index.html, '' for the home page, '404.html' for the 404 page."""
    return page.relative_to(site).as_posix().removesuffix("index.html")


@dataclass
class ServedSite:
    root: pathlib.Path
    base_url: str  # e.g. http://127.0.0.1:41234/pytorch-cross-entropy/

    def url(self, page: pathlib.Path) -> str:
        return self.base_url + page_id(self.root, page)


GZIPPED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under its path, gzipping text (level 6) to clients that accept it, as GitHub
    Pages does, so that a browser's count of bytes received is what a reader downloads."""

    prefix = site_url_path()

    def send_head(self) -> typing.Any:
        path = pathlib.Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in GZIPPED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def translate_path(self, path: str) -> str:
        # outside the site's path nothing is there, as on the real host
        inside = path.startswith(self.prefix)
        return super().translate_path("/" + path[len(self.prefix) :] if inside else "/__outside__")

    def log_message(self, format: str, *args: typing.Any) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def served_site(site_dir: pathlib.Path) -> typing.Iterator[ServedSite]:
    """The built site on http://127.0.0.1:<free port><site_url path>, from a thread."""
    handler = functools.partial(SiteHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield ServedSite(site_dir, f"http://127.0.0.1:{server.server_port}{SiteHandler.prefix}")
    server.shutdown()  # (pytest runs a fixture's teardown whatever its tests did)
    server.server_close()


SITE_SUMMARY = pytest.StashKey[dict]()


def pytest_terminal_summary(terminalreporter: typing.Any, config: pytest.Config) -> None:
    """The browser tier's heaviest pages (tests/browser/test_pages.py stashes its visits)."""
    summary = config.stash.get(SITE_SUMMARY, None)
    if not summary:
        return
    pages = sorted(summary["pages"], key=lambda r: -r.wire_bytes)
    write = terminalreporter.write_line
    terminalreporter.write_sep("-", f"{len(pages)} pages in Chromium in {summary['visit_s']:.0f} s")
    write(f"{'page':<40} {'first visit, gzip':>17} {'requests':>8} {'CLS':>6}")
    for r in pages[:8]:
        write(f"{r.page:<40} {r.wire_bytes:>17,} {r.requests:>8} {r.cls:>6.3f}")
    write(f"... (the {len(pages) - 8} lighter pages not listed)")
