"""Open every page of the built site in headless Chromium, as a reader would, and check what they get.

Each page is loaded cold (a fresh browser context) from a local server, with every request to another
host aborted and recorded. Per page: no console or page errors, no request leaves 127.0.0.1, every
formula arrives typeset (hooks/katex.py does it at build time: no raw TeX, no .katex-error, no math
JavaScript), every image loads and has a width and height, images below the fold load lazily, the
layout does not shift (CLS from a PerformanceObserver, at most 0.05), the web fonts it loads are
exactly the ones it preloads, the bytes a first visit loads stay under a budget, and axe-core finds
no accessibility violation in the light scheme nor in the dark one. Then the text Material's copy
button gives for every Python block is run in a fresh
interpreter, in an empty folder, and must print what the page shows (its `#>` lines).

Chromium: /usr/bin/chromium (Debian), or the executable named by $CHROMIUM_PATH. Where it is
missing the tests skip with that reason, except under CI=true, where they fail.

Re-checking only what changed: a page's report is kept in .cache/browser-check/ with the SHA-256 of
the page's HTML and of every file the visit fetched (CSS, JS, fonts, images, sitemaps, 404s
included), under a key made of the code that measures (the visit, its scripts and browser flags, the
local server), Chromium's version, axe-core and Playwright. When the page and all those files are
byte-identical and the checker is the same, the visit would load the same bytes into the same
browser, so its report is reused; any difference (an edited page, a rebuilt stylesheet, a new
Chromium) visits the page again. The same goes for the copied blocks: the result of running a block
is reused only for identical code in the same Python environment (every installed package and its
version). A fresh clone (CI) has no cache and checks everything; TEST_CACHE=0 turns the reuse
off (tests/reuse.py). The summary printed at the end of the run says how many pages and blocks were checked
afresh.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import functools
import hashlib
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time
import typing
import urllib.parse
from dataclasses import dataclass, field

import pytest

from tests.conftest import ROOT, SITE_SUMMARY, ServedSite, html_pages, page_id, write_site_summary
from tests.doc_outputs import run_block
from tests.reuse import CHROMIUM, JsonStore, chromium_version
from tests.fences import PYTHON, language, runs, scan_fences, shown_lines

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Bytes a first visit of one page may load (HTML, CSS, JS, fonts and the images it shows before
# scrolling; uncompressed, as served by http.server; GitHub Pages gzips them). The figures per page
# are printed at the end of every run. Not loaded until wanted: the search worker and index
# (assets/javascripts/on-demand.js), math JavaScript (formulas are typeset at build time), lazy
# images below the fold (the notebook's plots too), katex.min.css on pages without math; sitemap.xml
# is fetched once. KaTeX's markup is compacted at build time (hooks/katex_compact.py).
# The goal, 600 KB, on every page. The heaviest are the pages with the most formulas
# (training/gradient and formula, both languages: 578-597 KB measured), where Material's CSS and JS
# (~250 KB) come on top of ~270 KB of HTML and ~43 KB of KaTeX fonts, each cut down at build time
# to the characters the site's math draws (hooks/katex_fonts.py; 107 KB whole).
PAGE_BUDGET = 600_000
# Cumulative layout shift after load, at most issue 12's goal on every page (web.dev calls <= 0.1
# "good"). What used to shift, by 0.03-0.14 and differently from run to run (it depends on timing):
# KaTeX's fonts arriving after the first paint, every formula changing width as they swapped in.
# hooks/font_preload.py preloads them; test_fonts_preloaded_are_those_loaded keeps that exact.
CLS_GOAL = 0.05
COPY_WORKERS = 2
BROWSERS = 2  # pages are visited by two Chromium processes at once (2 cores)
BLOCK_TIMEOUT_S = 120
CACHE_DIR = ROOT / ".cache" / "browser-check"


# --------------------------------------------------------------------------------------------------
# Visiting pages
# --------------------------------------------------------------------------------------------------
@dataclass
class CodeBlock:
    page: str
    index: int  # position among the page's Python blocks, from 0
    title: str
    copied: str  # what the copy button put on the clipboard


@dataclass
class PageReport:
    page: str
    is_notebook: bool = False
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)
    math: dict[str, typing.Any] = field(default_factory=dict)
    broken_images: list[str] = field(default_factory=list)
    bytes_loaded: int = 0
    requests: int = 0
    search_index_bytes: int = 0
    scripts: list[str] = field(default_factory=list)
    cls: float = 0.0
    fonts: dict[str, list[str]] = field(default_factory=dict)  # loaded / preloaded font files
    image_problems: list[str] = field(default_factory=list)
    axe: dict[str, list[str]] = field(default_factory=dict)  # scheme -> violations
    blocks: list[CodeBlock] = field(default_factory=list)
    copy_errors: list[str] = field(default_factory=list)
    visited: bool = False  # in this run (False: an unchanged page's report, reused)


MATH_REPORT_JS = """() => {
  // Text a reader sees, without KaTeX's hidden MathML copy (which keeps the TeX source).
  const bare = (el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll(".katex").forEach((k) => k.remove());
    return copy.textContent;
  };
  const arith = [...document.querySelectorAll(".arithmatex")];
  const notebookMd = [...document.querySelectorAll(".jp-RenderedMarkdown")];
  const rawTex = /\\\\\\(|\\\\\\[|\\$\\$/;
  const rawDollar = /\\$[^$\\s][^$]*\\$/;
  return {
    arithmatex: arith.length,
    typeset: arith.filter((el) => el.querySelector(".katex")).length,
    notebook_formulas: document.querySelectorAll(".jp-RenderedMarkdown .katex").length,
    errors: [...document.querySelectorAll(".katex-error")].map((el) => el.textContent.slice(0, 80)),
    raw: [
      ...arith.filter((el) => bare(el).trim() !== "").map((el) => bare(el).trim().slice(0, 80)),
      ...notebookMd.map(bare).filter((t) => rawTex.test(t) || rawDollar.test(t))
        .map((t) => (t.match(rawTex) || t.match(rawDollar))[0].slice(0, 80)),
    ],
  };
}"""

# Installed before any page script: sums the layout shifts not caused by input (buffered: from the
# first paint on).
CLS_INIT_JS = """
window.__cls = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""

# The KaTeX font files the page preloads (hooks/font_preload.py), and those the browser loaded for
# its text: the @font-face rule of each loaded face gives its file.
FONTS_JS = """() => {
  const weight = (w) => ({normal: "400", bold: "700"}[w] || w);
  const key = (family, w, style) => [family.replace(/["']/g, ""), weight(w), style].join("|");
  const files = {};
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      if (!(rule instanceof CSSFontFaceRule)) continue;
      const s = rule.style, url = s.getPropertyValue("src").match(/url\\("?([^")]+\\.woff2)"?\\)/);
      if (url) files[key(s.getPropertyValue("font-family"), s.getPropertyValue("font-weight") || "400",
                         s.getPropertyValue("font-style") || "normal")] = new URL(url[1], sheet.href).href;
    }
  }
  return {
    loaded: [...document.fonts].filter((f) => f.status === "loaded")
      .map((f) => files[key(f.family, f.weight, f.style)] || `${f.family} ${f.weight} ${f.style}`),
    preloaded: [...document.querySelectorAll("link[rel=preload][as=font]")].map((l) => l.href),
  };
}"""

# Every <img> has width and height (space kept before it loads); those that start below the first
# screen load lazily.
IMAGES_JS = """() => [...document.images].flatMap((img) => {
  const src = (img.getAttribute("src") || "").slice(0, 100);
  const out = [];
  if (!img.hasAttribute("width") || !img.hasAttribute("height")) out.push(`no width/height: ${src}`);
  const top = img.getBoundingClientRect().top + window.scrollY;
  if (top > window.innerHeight && img.getAttribute("loading") !== "lazy")
    out.push(`below the fold but not loading="lazy": ${src}`);
  return out;
})"""

# Switch the colour scheme as Material's toggle does, with CSS transitions off so that axe reads the
# final colours, not ones halfway through a 250 ms fade.
SCHEME_JS = """(scheme) => {
  if (!document.getElementById("__no_transitions")) {
    const style = document.createElement("style");
    style.id = "__no_transitions";
    style.textContent = "*, *::before, *::after { transition: none !important; }";
    document.head.appendChild(style);
  }
  document.body.setAttribute("data-md-color-scheme", scheme);
  return getComputedStyle(document.body).getPropertyValue("--md-default-bg-color").trim();
}"""

# axe-core on the whole page in the first scheme; in the second only the rules that depend on
# colours (the markup is the same). KaTeX's visual markup (.katex-html) is aria-hidden and takes
# its colour from the text around it, which is checked; skipping its thousands of spans halves
# the run. Its MathML copy, what screen readers read, is checked.
AXE_RULES_FOR_COLOURS = ["color-contrast", "link-in-text-block"]
AXE_RUN_JS = """(only) => axe.run({exclude: [[".katex-html"]]}, Object.assign(
  {resultTypes: ["violations"]}, only ? {runOnly: {type: "rule", values: only}} : {}
)).then((r) => r.violations.map(
  (v) => `${v.id} (${v.impact}): ${v.help} -- ` +
         v.nodes.slice(0, 4).map((n) => n.target.join(" ")).join(" | ") +
         (v.nodes.length > 4 ? ` and ${v.nodes.length - 4} more` : "")))"""


def _axe_script() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script

# Lazy images below the fold load only when scrolled to: load them all now (after the page's bytes
# are counted) and wait, then report any that did not arrive.
BROKEN_IMAGES_JS = """async () => {
  const images = [...document.images];
  images.forEach((img) => { img.loading = "eager"; });
  await Promise.all(images.map((img) => img.decode().catch(() => null)));
  return images.filter((img) => !(img.complete && img.naturalWidth > 0))
    .map((img) => img.getAttribute("src").slice(0, 120));
}"""

# Make a block visible (open its <details>, select its content tab) so its copy button can be
# clicked like a reader would; returns the block's title (superfences' .filename), or "".
REVEAL_JS = """(block) => {
  for (let el = block; el; el = el.parentElement) {
    if (el.tagName === "DETAILS") el.open = true;
    if (el.classList && el.classList.contains("tabbed-block")) {
      const set = el.closest(".tabbed-set");
      const index = [...el.parentElement.children].indexOf(el);
      const inputs = [...set.children].filter((c) => c.tagName === "INPUT");
      if (inputs[index]) inputs[index].checked = true;
    }
  }
  const title = block.querySelector(":scope > .filename");
  return title ? title.textContent.trim() : "";
}"""


READ_CLIPBOARD_JS = """() => Promise.race([
  navigator.clipboard.readText(),
  new Promise((_, reject) => setTimeout(() => reject(new Error("clipboard read timed out")), 5000)),
])"""


# --------------------------------------------------------------------------------------------------
# Reports of byte-identical pages, reused (see the module docstring)
# --------------------------------------------------------------------------------------------------
def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@functools.lru_cache(maxsize=1)
def checker_key() -> str:
    """What the browser check is made of: its code, Chromium, axe-core and Playwright."""
    import importlib.metadata

    version = chromium_version()
    # The code that measures (not the tests that judge the measurements: a changed budget applies
    # to reused reports too): the visit, its scripts and flags, the report's fields, the server.
    import inspect

    from tests import conftest

    measuring = [visit, copy_blocks, _launch, PageReport, CodeBlock, conftest._Quiet, conftest.served_site]
    scripts = [MATH_REPORT_JS, CLS_INIT_JS, IMAGES_JS, FONTS_JS, SCHEME_JS, AXE_RUN_JS, BROKEN_IMAGES_JS,
               REVEAL_JS, READ_CLIPBOARD_JS, *AXE_RULES_FOR_COLOURS, *CHROMIUM_FLAGS]
    parts = [
        *(inspect.getsource(obj).encode() for obj in measuring),
        *(script.encode() for script in scripts),
        version.encode(),
        _axe_script().encode(),
        importlib.metadata.version("playwright").encode(),
    ]
    return _sha256(b"\0".join(parts))[:16]


class PageCache(JsonStore):
    """Reports by page, valid while the page and every file its visit fetched are unchanged."""

    def __init__(self, site: ServedSite) -> None:
        super().__init__(CACHE_DIR / "pages" / checker_key())
        self.site = site
        self._hashes: dict[str, str | None] = {}

    def _file_sha(self, url_path: str) -> str | None:
        """The SHA-256 of the file the local server sends for ``url_path`` (None: nothing there)."""
        if url_path not in self._hashes:
            prefix = urllib.parse.urlsplit(self.site.base_url).path
            rel = urllib.parse.unquote(url_path[len(prefix):]) if url_path.startswith(prefix) else None
            path = self.site.root / rel if rel is not None else None
            if path is not None and (rel == "" or rel.endswith("/")):
                path = path / "index.html"
            ok = path is not None and path.is_file()
            self._hashes[url_path] = _sha256(path.read_bytes()) if ok else None
        return self._hashes[url_path]

    def get(self, name: str, page_path: pathlib.Path) -> PageReport | None:
        saved = self._load(name)
        if saved is None or saved["html"] != _sha256(page_path.read_bytes()):
            return None
        if any(self._file_sha(url) != sha for url, sha in saved["fetched"].items()):
            return None
        data = saved["report"]
        data["blocks"] = [CodeBlock(**b) for b in data["blocks"]]
        return PageReport(**{**data, "visited": False})

    def put(self, report: PageReport, page_path: pathlib.Path, fetched: list[str]) -> None:
        """Keep a report without any problem (one with a problem is checked again next time)."""
        if page_problems(report):
            return
        saved = {
            "page": report.page,
            "html": _sha256(page_path.read_bytes()),
            "fetched": {url: self._file_sha(url) for url in sorted(set(fetched))},
            "report": dataclasses.asdict(report),
        }
        self._store(report.page, saved)


def _launch(playwright: typing.Any) -> typing.Any:
    # Playwright itself starts Chromium with a fresh --user-data-dir in a temp folder (and refuses
    # the flag in args), and every page gets a new incognito-like context with an empty cache.
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)


def visit_all(site: ServedSite, pages: list[pathlib.Path]) -> list[PageReport]:
    """Reports for ``pages``: reused where nothing they load has changed, else from a visit."""
    cache = PageCache(site)
    reports = {page: cache.get(page_id(site.root, page) or "(home)", page) for page in pages}
    todo = [page for page, report in reports.items() if report is None]
    if todo:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = _launch(playwright)
            try:
                for page in todo:
                    fetched: list[str] = []
                    reports[page] = report = visit(browser, site, page, fetched)
                    report.visited = True
                    cache.put(report, page, fetched)
            finally:
                browser.close()
    return [typing.cast(PageReport, reports[page]) for page in pages]


def visit(
    browser: typing.Any, site: ServedSite, page_path: pathlib.Path, fetched: list[str] | None = None
) -> PageReport:
    """Visit one page cold; ``fetched`` receives the path of every URL the visit requested."""
    name = page_id(site.root, page_path) or "(home)"
    report = PageReport(page=name)
    origin = urllib.parse.urlsplit(site.base_url)
    context = browser.new_context(
        permissions=["clipboard-read", "clipboard-write"], service_workers="block"
    )

    def route(route: typing.Any) -> None:
        url = urllib.parse.urlsplit(route.request.url)
        if url.scheme in ("data", "blob") or url.netloc == origin.netloc:
            route.continue_()
        else:
            report.external_requests.append(route.request.url)
            route.abort()

    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    context.route("**/*", route)
    context.add_init_script(CLS_INIT_JS)
    page = context.new_page()
    finished: list[typing.Any] = []
    context.on("requestfinished", lambda request: finished.append(request))  # the search worker's too
    page.on("console", lambda m: m.type == "error" and report.console_errors.append(m.text))
    page.on("pageerror", lambda err: report.page_errors.append(str(err)))
    page.on(
        "response",
        lambda r: r.status >= 400 and report.failed_responses.append(f"{r.status} {r.url}"),
    )
    try:
        page.goto(site.url(page_path), wait_until="load")
        # The search index is fetched only when the reader reaches for search
        # (assets/javascripts/on-demand.js; test_search_loads_on_demand_and_finds_key_pages checks it works).
        page.evaluate("document.fonts.ready.then(() => new Promise((ok) => setTimeout(ok, 300)))")
        report.cls = page.evaluate("window.__cls")
        report.fonts = page.evaluate(FONTS_JS)
        report.is_notebook = page.locator(".jupyter-wrapper").count() > 0
        report.math = page.evaluate(MATH_REPORT_JS)
        report.image_problems = page.evaluate(IMAGES_JS)
        report.scripts = page.evaluate("() => [...document.scripts].map((s) => s.src).filter(Boolean)")
        for request in list(finished):  # a snapshot: events keep arriving
            if urllib.parse.urlsplit(request.url).scheme in ("data", "blob"):
                continue
            response = request.response()
            size = len(response.body()) if response else 0
            report.requests += 1
            report.bytes_loaded += size
            if request.url.endswith("search_index.json"):
                report.search_index_bytes = size
        report.broken_images = page.evaluate(BROKEN_IMAGES_JS)
        # axe-core, in the scheme the page opened in and in the other one (same load).
        page.evaluate(_axe_script())
        for scheme, only in (("default", None), ("slate", AXE_RULES_FOR_COLOURS)):
            page.evaluate(SCHEME_JS, scheme)
            report.axe[scheme] = page.evaluate(AXE_RUN_JS, only)
        page.evaluate(SCHEME_JS, "default")
        if not report.is_notebook:  # notebook cells are executed by the build instead
            copy_blocks(page, report)
    finally:
        context.close()
        if fetched is not None:  # every request of the visit, to this server, answered or not
            for url in requested:
                parts = urllib.parse.urlsplit(url)
                if parts.netloc == origin.netloc:
                    fetched.append(parts.path)
    return report


def copy_blocks(page: typing.Any, report: PageReport) -> None:
    """Click Material's copy button on every Python block and read the clipboard."""
    blocks = page.locator("div.language-python.highlight")
    for index in range(blocks.count()):
        block = blocks.nth(index)
        title = block.evaluate(REVEAL_JS)
        button = block.locator("button.md-code__button[data-md-type=copy]").first
        try:
            page.evaluate("navigator.clipboard.writeText('')")
            block.hover()
            button.click(timeout=5000)
            copied = page.evaluate(READ_CLIPBOARD_JS)
        except Exception as err:
            report.copy_errors.append(f"block {index + 1}: {type(err).__name__}: {err}")
            continue
        report.blocks.append(CodeBlock(report.page, index, title, copied))


@pytest.fixture(scope="session")
def reports(served_site: ServedSite, request: pytest.FixtureRequest) -> list[PageReport]:
    if not pathlib.Path(CHROMIUM).is_file():
        message = f"no Chromium at {CHROMIUM} (install Debian's chromium or set CHROMIUM_PATH)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; the browser check cannot be skipped under CI")
        pytest.skip(message)
    pages = html_pages(served_site.root)
    started = time.perf_counter()
    checker_key()  # here, before the threads: inspect/ast parsing the source in two threads at once
    # raised SystemError ("AST constructor recursion depth mismatch") on CPython 3.11
    # One browser per worker thread (Playwright objects belong to the thread that made them), each
    # taking every BROWSERS-th page; the server on 127.0.0.1 is threaded.
    with concurrent.futures.ThreadPoolExecutor(BROWSERS) as pool:
        chunks = pool.map(lambda k: visit_all(served_site, pages[k::BROWSERS]), range(BROWSERS))
        by_page = {report.page: report for chunk in chunks for report in chunk}
    found = [by_page[page_id(served_site.root, page) or "(home)"] for page in pages]
    request.config.stash[SITE_SUMMARY] = summary = {"pages": found}
    summary["visit_s"] = time.perf_counter() - started
    summary["visited"] = sum(r.visited for r in found)
    write_site_summary(request.config)
    return found


def failures(reports: list[PageReport], what: typing.Callable[[PageReport], list[str]]) -> str:
    lines = [f"{r.page}: {problem}" for r in reports for problem in what(r)]
    return "\n".join(lines)


def math_problems(r: PageReport) -> list[str]:
    m = r.math
    out = []
    if m.get("typeset") != m.get("arithmatex"):
        out.append(f"{m['arithmatex'] - m['typeset']} of {m['arithmatex']} formulas not typeset")
    out += [f"KaTeX error: {e}" for e in m.get("errors", [])]
    out += [f"raw TeX left in the text: {t!r}" for t in m.get("raw", [])]
    return out


def page_problems(r: PageReport) -> list[str]:
    """Everything the per-page tests below would report for ``r`` (empty: a clean page)."""
    return [
        *r.console_errors, *r.page_errors, *r.failed_responses, *r.external_requests,
        *math_problems(r), *r.broken_images, *r.image_problems, *r.copy_errors,
        *[s for s in r.scripts if "katex" in s.lower()],
        *[v for found in r.axe.values() for v in found],
        *([f"CLS {r.cls}"] if r.cls > CLS_GOAL else []),
        *([] if set(r.fonts.get("loaded", [])) == set(r.fonts.get("preloaded", [])) else ["fonts"]),
        *([f"{r.bytes_loaded} bytes"] if r.bytes_loaded > PAGE_BUDGET else []),
        *([] if set(r.axe) == {"default", "slate"} else ["axe did not run in both schemes"]),
        *[f"block {b.index + 1} copied nothing" for b in r.blocks if not b.copied],
    ]


# --------------------------------------------------------------------------------------------------
# The checks of each page
# --------------------------------------------------------------------------------------------------
def test_every_page_was_visited(reports: list[PageReport], served_site: ServedSite) -> None:
    names = [r.page for r in reports]
    assert "404.html" in names and any(r.is_notebook for r in reports), names
    assert len(names) == len(html_pages(served_site.root))


def test_pages_log_no_errors(reports: list[PageReport]) -> None:
    found = failures(
        reports,
        lambda r: [f"console: {e}" for e in r.console_errors]
        + [f"page error: {e}" for e in r.page_errors]
        + [f"HTTP {e}" for e in r.failed_responses],
    )
    assert not found, "\n" + found


def test_pages_load_nothing_from_other_hosts(reports: list[PageReport]) -> None:
    found = failures(reports, lambda r: r.external_requests)
    assert not found, "requests to other hosts (aborted):\n" + found


def test_every_formula_is_typeset(reports: list[PageReport]) -> None:
    found = failures(reports, math_problems)
    assert not found, "\n" + found
    notebooks = [r for r in reports if r.is_notebook]
    assert all(r.math["notebook_formulas"] > 0 for r in notebooks), [
        (r.page, r.math) for r in notebooks
    ]


def test_every_image_loads(reports: list[PageReport]) -> None:
    found = failures(reports, lambda r: [f"image not loaded: {src}" for src in r.broken_images])
    assert not found, "\n" + found


def test_no_math_javascript_is_shipped(reports: list[PageReport]) -> None:
    found = failures(reports, lambda r: [s for s in r.scripts if "katex" in s.lower()])
    assert not found, "pages load KaTeX JavaScript (formulas are typeset at build time):\n" + found


def test_every_image_has_a_size_and_lazy_below_the_fold(reports: list[PageReport]) -> None:
    found = failures(reports, lambda r: r.image_problems)
    assert not found, "\n" + found




def test_layout_does_not_shift(reports: list[PageReport]) -> None:
    found = failures(
        reports, lambda r: [f"CLS {r.cls:.3f} > {CLS_GOAL}"] if r.cls > CLS_GOAL else []
    )
    assert not found, "\n" + found


def test_fonts_preloaded_are_those_loaded(reports: list[PageReport]) -> None:
    """Every font a page loads was preloaded (no layout shift when it arrives), and no other one
    (it would be bytes for nothing): hooks/font_preload.py infers them from the page's math."""

    def mismatch(r: PageReport) -> list[str]:
        loaded, preloaded = set(r.fonts["loaded"]), set(r.fonts["preloaded"])
        return [f"loaded, not preloaded: {url}" for url in sorted(loaded - preloaded)] + [
            f"preloaded, not loaded: {url}" for url in sorted(preloaded - loaded)
        ]

    found = failures(reports, mismatch)
    assert not found, "\n" + found
    assert any(r.fonts["loaded"] for r in reports), "no page loaded a web font: is math typeset?"


def test_no_accessibility_violations_in_either_scheme(reports: list[PageReport]) -> None:
    found = failures(
        reports,
        lambda r: [
            f"[{scheme}] {v}" for scheme, found in r.axe.items() for v in found
        ],
    )
    assert all(set(r.axe) == {"default", "slate"} for r in reports)
    assert not found, "axe-core:\n" + found


def test_page_weight_within_budget(reports: list[PageReport]) -> None:
    def over(r: PageReport) -> list[str]:
        over_by = r.bytes_loaded - PAGE_BUDGET
        return [f"{r.bytes_loaded:,} bytes > budget {PAGE_BUDGET:,}"] if over_by > 0 else []

    found = failures(reports, over)
    assert not found, "\n" + found


# --------------------------------------------------------------------------------------------------
# What the copy button gives runs, and prints what the page shows
# --------------------------------------------------------------------------------------------------
OUTPUT = re.compile(r"^\s*#>(?: (?P<text>.*))?$")


def expected_output(code: str) -> list[str]:
    return [(m.group("text") or "").rstrip() for m in map(OUTPUT.match, code.split("\n")) if m]


def notest_bodies() -> set[str]:
    """The code of every Python fence in docs/ that is declared not to run (`notest`)."""
    bodies = set()
    for page in (ROOT / "docs").rglob("*.md"):
        for _, info, body in scan_fences(page.read_text(encoding="utf-8")):
            if language(info) in PYTHON and not runs(info):
                bodies.add("\n".join(shown_lines(body)).strip())
    return bodies


def with_continuations(blocks: list[CodeBlock]) -> list[tuple[CodeBlock, str]]:
    """Each block's code as a reader must run it: a block titled "Continues..." needs the one before."""
    out: list[tuple[CodeBlock, str]] = []
    for block in blocks:
        code = block.copied
        if block.title.startswith("Continues") and out and out[-1][0].page == block.page:
            code = out[-1][1].rstrip("\n") + "\n" + code
        out.append((block, code))
    return out


# Under CI (or FRESH_INTERPRETERS=1) every copied block runs in a brand-new `python` process, exactly
# as a reader runs it: ~2.5 s of torch import each. Elsewhere it runs in a fresh process forked from
# one that has only imported torch (tests/fence_server.py: new __main__, empty cwd, nothing shared
# between blocks), which prints the same and takes milliseconds.
FRESH_INTERPRETERS = os.environ.get("CI") == "true" or os.environ.get("FRESH_INTERPRETERS") == "1"


def run_forked(code: str) -> subprocess.CompletedProcess[str]:
    result = run_block(code, "copied_block.py")
    stdout = "".join(text for stream, _, text in result["records"] if stream == "stdout")
    stderr = "".join(text for stream, _, text in result["records"] if stream == "stderr")
    stderr += result["raw"] + (result["error"] or "")
    return subprocess.CompletedProcess(["copied_block.py"], 1 if result["error"] else 0, stdout, stderr)


def run_copied(code: str) -> subprocess.CompletedProcess[str]:
    if not FRESH_INTERPRETERS:
        return run_forked(code)
    with tempfile.TemporaryDirectory() as cwd:  # an empty folder, as a reader's fresh shell
        script = pathlib.Path(cwd) / "copied_block.py"
        script.write_text(code, encoding="utf-8")
        return subprocess.run(
            [sys.executable, script.name],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=BLOCK_TIMEOUT_S,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )


class BlockCache(JsonStore):
    """Results of running copied code that printed what its page shows, by code and environment."""

    def __init__(self) -> None:
        from hooks.notebook_cache import environment_key  # every installed package and version

        mode = "fresh" if FRESH_INTERPRETERS else "forked"
        super().__init__(CACHE_DIR / "blocks" / f"{environment_key()}-{mode}")

    def get(self, code: str) -> subprocess.CompletedProcess[str] | None:
        saved = self._load(code)
        if saved is None or saved["code"] != code:
            return None
        return subprocess.CompletedProcess(["copied_block.py"], 0, saved["stdout"], "")

    def put(self, code: str, done: subprocess.CompletedProcess[str]) -> None:
        if block_problem(code, done):
            return  # a failure is run again next time
        self._store(code, {"code": code, "stdout": done.stdout})


def block_problem(code: str, done: subprocess.CompletedProcess[str]) -> str | None:
    """Why running ``code`` did not print what the page shows (None: it did)."""
    printed = [line.rstrip() for line in done.stdout.split("\n")]
    if printed and printed[-1] == "":
        printed.pop()
    if done.returncode != 0 or done.stderr:
        return f"exit {done.returncode}, stderr:\n{done.stderr[-2000:]}"
    if printed != expected_output(code):
        return (
            "prints\n  " + "\n  ".join(printed)
            + "\nbut the page shows\n  " + "\n  ".join(expected_output(code))
        )
    return None


def test_copy_button_gives_every_python_block(reports: list[PageReport]) -> None:
    found = failures(reports, lambda r: r.copy_errors)
    assert not found, "\n" + found
    empty = [f"{b.page} block {b.index + 1}" for r in reports for b in r.blocks if not b.copied]
    assert not empty, f"the copy button copied nothing: {empty}"


def test_copied_blocks_run_and_print_what_the_page_shows(
    reports: list[PageReport], request: pytest.FixtureRequest
) -> None:
    blocks = [b for r in reports for b in r.blocks]
    skipped = notest_bodies()
    jobs: dict[str, list[CodeBlock]] = {}  # the same code on two pages runs once
    for block, code in with_continuations(blocks):
        if block.copied.strip() in skipped:
            continue
        jobs.setdefault(code, []).append(block)
    started = time.perf_counter()
    cache = BlockCache()
    results = {code: cache.get(code) for code in jobs}
    todo = [code for code, done in results.items() if done is None]
    with concurrent.futures.ThreadPoolExecutor(COPY_WORKERS if FRESH_INTERPRETERS else 1) as pool:
        for code, done in zip(todo, pool.map(run_copied, todo)):
            results[code] = done
            cache.put(code, done)
    summary = request.config.stash.setdefault(SITE_SUMMARY, {})
    summary["copy_s"] = time.perf_counter() - started
    summary["copy_blocks"] = len(jobs)
    summary["copy_run"] = len(todo)
    summary["copy_mode"] = "a new interpreter each" if FRESH_INTERPRETERS else "forked fresh processes"
    write_site_summary(request.config)

    problems = []
    for code, done in results.items():
        where = ", ".join(f"{b.page} block {b.index + 1}" for b in jobs[code])
        problem = block_problem(code, typing.cast(subprocess.CompletedProcess, done))
        if problem:
            problems.append(f"{where}: {problem}")
    assert not problems, "\n\n".join(problems)
