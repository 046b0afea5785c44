"""Fixtures for the checks of the built site (tests/test_site_*.py, tests/test_browser.py).

``make test`` builds the site once (``python -m tests.build_site site``: English into site/, Chinese
into site/zh/) and passes it with
``pytest --site-dir site``; without the option, the first test that needs the site builds it into a
temporary folder. The site is served the way GitHub Pages serves it: under the path of ``site_url``
(``/pytorch-cross-entropy/``), because the 404 page and the notebook's links are absolute from there.
"""

from __future__ import annotations

import functools
import http.server
import os
import pathlib
import re
import subprocess
import threading
import time
import typing
from dataclasses import dataclass

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


def site_url_path() -> str:
    """The path part of mkdocs.yml's site_url, e.g. '/pytorch-cross-entropy/'."""
    match = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(), re.MULTILINE)
    path = re.sub(r"^https?://[^/]+", "", match.group(1)) if match else "/"
    return path if path.endswith("/") else path + "/"


@pytest.fixture(scope="session")
def site_dir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    given = request.config.getoption("--site-dir")
    if given:
        path = pathlib.Path(given)
        if not path.is_absolute():
            path = pathlib.Path(request.config.invocation_params.dir) / path
        assert (path / "index.html").is_file() or (path / "404.html").is_file(), (
            f"--site-dir {given}: no built site there; run `mkdocs build --strict --site-dir {given}`"
        )
        assert (path / "zh" / "index.html").is_file(), (  # zh: both languages are checked
            f"--site-dir {given}: no Chinese build in {given}/zh; run `python -m tests.build_site {given}`"
        )
        return path
    path = tmp_path_factory.mktemp("site")
    from tests.build_site import build  # zh: English into path, Chinese into path/zh

    try:
        build(path, capture=True)
    except subprocess.CalledProcessError as failed:
        pytest.fail(f"mkdocs build --strict failed:\n{failed.stderr[-5000:]}")
    return path


def html_pages(site: pathlib.Path) -> list[pathlib.Path]:
    """Every page of the site: each index.html, plus the 404 page."""
    pages = sorted(site.rglob("index.html"))
    if (site / "404.html").is_file():
        pages.append(site / "404.html")
    return pages


def page_id(site: pathlib.Path, page: pathlib.Path) -> str:
    """'formula/' for site/formula/index.html, '' for the home page, '404.html' for the 404 page."""
    rel = page.relative_to(site).as_posix()
    return rel.removesuffix("index.html")


@dataclass
class ServedSite:
    root: pathlib.Path
    base_url: str  # e.g. http://127.0.0.1:41234/pytorch-cross-entropy/

    def url(self, page: pathlib.Path) -> str:
        return self.base_url + page_id(self.root, page)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path: str) -> str:
        if path.startswith(self.prefix):
            path = "/" + path[len(self.prefix) :]
        else:  # outside the site's path: nothing there, as on the real host
            path = "/__outside_the_site__"
        return super().translate_path(path)

    def log_message(self, format: str, *args: typing.Any) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def served_site(site_dir: pathlib.Path) -> typing.Iterator[ServedSite]:
    """The built site on http://127.0.0.1:<free port><site_url path>, from a thread."""
    prefix = site_url_path()
    handler = functools.partial(
        type("Handler", (_Quiet,), {"prefix": prefix}), directory=str(site_dir)
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield ServedSite(site_dir, f"http://127.0.0.1:{server.server_address[1]}{prefix}")
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------------------------------
# The browser check's page weights and timings: printed at the end of every run (whatever -s says)
# and kept in .pytest_cache/d/site/summary.txt for quoting.
# --------------------------------------------------------------------------------------------------
SITE_SUMMARY = pytest.StashKey[dict]()


def site_summary_lines(summary: dict) -> list[str]:
    lines = [
        f"{'page':<36} {'bytes loaded':>12} {'search idx':>10} {'requests':>8} {'CLS':>6}"
        f" {'formulas':>8} {'py blocks':>9}"
    ]
    for r in sorted(summary.get("pages", []), key=lambda r: -r.bytes_loaded):
        formulas = r.math.get("typeset", 0) + r.math.get("notebook_formulas", 0)
        lines.append(
            f"{r.page:<36} {r.bytes_loaded:>12,} {r.search_index_bytes:>10,} {r.requests:>8}"
            f" {r.cls:>6.3f} {formulas:>8} {len(r.blocks):>9}"
        )
    pages = summary.get("pages", [])
    lines.append(
        f"{len(pages)} pages checked in {summary.get('visit_s', 0):.1f} s: "
        f"{summary.get('visited', len(pages))} visited (each: load, CLS, images, axe-core in both"
        " schemes, copy buttons), the others unchanged since a clean visit (.cache/browser-check)"
    )
    if "copy_s" in summary:
        lines.append(
            f"{summary['copy_blocks']} copied Python blocks checked in {summary['copy_s']:.1f} s:"
            f" {summary.get('copy_run', summary['copy_blocks'])} run"
            f" ({summary.get('copy_mode', '')}), the others unchanged since a clean run"
        )
    return lines


SUMMARY_FILE = ROOT / ".pytest_cache" / "d" / "site" / "summary.txt"
_STARTED = pytest.StashKey[float]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_STARTED] = time.time()


def write_site_summary(config: pytest.Config) -> None:
    """Called by the browser check (in whichever pytest-xdist worker ran it)."""
    summary = config.stash.get(SITE_SUMMARY, None)
    if summary and "pages" in summary:
        SUMMARY_FILE.parent.mkdir(parents=True, exist_ok=True)
        SUMMARY_FILE.write_text("\n".join(site_summary_lines(summary)) + "\n", encoding="utf-8")


def pytest_terminal_summary(terminalreporter: typing.Any, config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):
        return
    write_site_summary(config)  # without xdist the browser check ran in this process
    if not SUMMARY_FILE.is_file() or SUMMARY_FILE.stat().st_mtime < config.stash[_STARTED]:
        return  # no browser check in this run
    terminalreporter.write_sep("-", "site pages in Chromium (bytes as served, uncompressed)")
    for line in SUMMARY_FILE.read_text(encoding="utf-8").splitlines():
        terminalreporter.write_line(line)
    terminalreporter.write_line(f"(also in {SUMMARY_FILE.relative_to(ROOT)})")


@pytest.fixture(scope="module")
def browser() -> typing.Iterator[typing.Any]:
    """A headless Chromium for a test module (tests/test_calculator.py, tests/test_browser_zh.py).

    Skips where Chromium is missing, except under CI=true, where that fails.
    """
    from tests.test_browser import CHROMIUM, _launch  # here: test_browser imports this conftest

    if not pathlib.Path(CHROMIUM).is_file():
        message = f"no Chromium at {CHROMIUM} (install Debian's chromium or set CHROMIUM_PATH)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; the browser check cannot be skipped under CI")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = _launch(playwright)
        try:
            yield chromium
        finally:
            chromium.close()
