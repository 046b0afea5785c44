"""Open every page of the built site in headless Chromium, as a reader would, and check what they get.

Each page is loaded cold (a fresh browser context) from a local server that gzips text as GitHub
Pages does; a request to another host is recorded, and fails (tests/browser/conftest.py). Per page:
no console or page errors, no request leaves 127.0.0.1, every formula arrives typeset
(hooks/katex.py does it at build time: no raw TeX, no .katex-error, no math JavaScript), every image
loads and has a width and height, images below the fold load lazily, the layout does not shift (CLS
at most 0.05; a page over it is visited again alone, and fails if over it again), the web fonts it
loads are exactly the ones it preloads, a first visit downloads at most PAGE_BUDGET bytes on the
wire, and axe-core finds no accessibility violation in the light scheme nor in the dark one.
Then the text Material's copy button gives for every Python block must be, byte for byte, the
fence that `make test` ran and compared with its `#>` lines (tests/doc_outputs.py).
"""

from __future__ import annotations

import concurrent.futures
import gzip
import pathlib
import re
import time
import typing
import urllib.parse
import warnings
from dataclasses import dataclass, field

import pytest

from tests.browser.conftest import launch
from tests.browser.test_zh_wrap import LINE_STARTS_JS, WIDTHS, load_hook
from tests.conftest import ROOT, SITE_SUMMARY, ServedSite, html_pages, page_id
from tests.fences import PYTHON, language, scan_fences, shown_lines

# What a first visit of one page may download, in bytes on the wire: HTML, CSS, JS, fonts and the
# images it shows before scrolling, gzipped as GitHub Pages sends text (tests/conftest.py's server
# does the same). Not loaded until wanted: the search worker and index (on-demand.js), math
# JavaScript (none: formulas are typeset at build time), lazy images below the fold.
PAGE_BUDGET = 160 * 1024
# Cumulative layout shift after load (web.dev calls <= 0.1 "good"). KaTeX's fonts arriving after
# the first paint shifted pages by 0.03-0.14; hooks/font_preload.py preloads them.
CLS_GOAL = 0.05
BROWSERS = 2  # pages are visited by two Chromium processes at once (2 cores)


@dataclass
class CodeBlock:
    index: int  # position among the page's Python blocks, from 0
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
    wire_bytes: int = 0  # response bodies as sent (gzipped where the server gzips)
    requests: int = 0
    scripts: list[str] = field(default_factory=list)
    cls: float = 0.0
    cls_alone: float | None = None  # CLS when visited again alone, if over CLS_GOAL at first
    fonts: dict[str, list[str]] = field(default_factory=dict)  # loaded / preloaded font files
    image_problems: list[str] = field(default_factory=list)
    axe: dict[str, list[str]] = field(default_factory=dict)  # scheme -> violations
    blocks: list[CodeBlock] = field(default_factory=list)
    copy_errors: list[str] = field(default_factory=list)
    zh_wrap: dict[int, list[str]] = field(default_factory=dict)  # width -> lines that start wrong


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
  const rules = (sheet) => { try { return sheet.cssRules; } catch { return []; } };  // another host's
  for (const sheet of document.styleSheets) {
    for (const rule of rules(sheet)) {
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

# axe-core: every rule but the colour ones, once; the colour ones in each scheme. KaTeX's visual
# markup (.katex-html) is aria-hidden and takes its colour from the text around it, which is
# checked; skipping its thousands of spans halves the run. Its MathML copy, what screen readers
# read, is checked. Code is thousands of Pygments tokens, each coloured by its class on the one
# code background: the colour rules check the first visible token of each class, not the rest,
# which took two thirds of their time.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
AXE_RUN_JS = """([colours, rules]) => {
  const code = [".highlight code", ".highlight-ipynb pre"], seen = new Set(), tokens = [];
  for (const span of colours ? document.querySelectorAll(code.map((c) => c + " span")) : []) {
    const key = (span.closest(".highlight-ipynb") ? "notebook " : "") + span.className;
    if (!span.firstElementChild && !seen.has(key) && span.checkVisibility()) {
      seen.add(key);
      tokens.push(span);
    }
  }
  return axe.run(colours
    ? {include: [["html"], ...tokens], exclude: [[".katex-html"], ...code.map((c) => [c])]}
    : {exclude: [[".katex-html"]]}, {
    resultTypes: ["violations"],
    ...(colours ? {runOnly: {type: "rule", values: rules}}
                : {rules: Object.fromEntries(rules.map((id) => [id, {enabled: false}]))}),
  }).then((r) => r.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} -- ` +
           v.nodes.slice(0, 4).map((n) => n.target.join(" ")).join(" | ") +
           (v.nodes.length > 4 ? ` and ${v.nodes.length - 4} more` : "")));
}"""


# For the colour runs KaTeX's visual markup leaves the page, and comes back after them. Excluded or
# not, every node is laid out in axe's grid for color-contrast, and these spans are 40-50 % of a
# formula page's nodes: a fifth of the colour runs' time. They are excluded anyway (see above), and
# nothing that is checked takes its colour or its background from them. The text around a formula
# stays split as before: KaTeX's MathML copy, which stays, is absolutely positioned, so a block to
# axe's link-in-text-block. Returns the number of formulas; putting back, the number not back in
# their place.
KATEX_HTML_JS = """(away) => {
  if (away) window.__katexHtml = [...document.querySelectorAll(".katex-html")]
    .map((el) => [el, el.parentNode, el.nextSibling]);
  for (const [el, parent, next] of window.__katexHtml) {
    away ? el.remove() : parent.insertBefore(el, next);
  }
  return window.__katexHtml.filter(
    ([el, parent, next]) => away || el.parentNode !== parent || el.nextSibling !== next).length;
}"""


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


# Each Python block, revealed (REVEAL_JS), then its copy button clicked and the clipboard read
# (READ_CLIPBOARD_JS): [text, error].
COPY_ALL_JS = """async ([reveal, read]) => {
  const show = eval(reveal), readClipboard = eval(read), out = [];
  for (const block of document.querySelectorAll("div.language-python.highlight")) {
    show(block);
    const button = block.querySelector("button.md-code__button[data-md-type=copy]");
    if (!button) { out.push(["", "no copy button"]); continue; }
    await navigator.clipboard.writeText("");
    button.click();
    out.push(await readClipboard().then((text) => [text, ""], (err) => ["", String(err)]));
  }
  return out;
}"""


# --------------------------------------------------------------------------------------------------
# Visiting pages
# --------------------------------------------------------------------------------------------------
def visit_all(site: ServedSite, pages: list[pathlib.Path]) -> list[PageReport]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            return [visit(browser, site, page) for page in pages]
        finally:
            browser.close()


def visit(browser: typing.Any, site: ServedSite, page_path: pathlib.Path) -> PageReport:
    """Visit one page cold and report what a reader got."""
    report = PageReport(page=page_id(site.root, page_path) or "(home)")
    origin = urllib.parse.urlsplit(site.base_url)
    context = browser.new_context(
        permissions=["clipboard-read", "clipboard-write"], service_workers="block"
    )

    def request(request: typing.Any) -> None:  # only watched: no host but 127.0.0.1 resolves
        url = urllib.parse.urlsplit(request.url)
        if url.scheme not in ("data", "blob") and url.netloc != origin.netloc:
            report.external_requests.append(request.url)

    context.on("request", request)
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
            report.requests += 1
            report.wire_bytes += request.sizes()["responseBodySize"]
        report.broken_images = page.evaluate(BROKEN_IMAGES_JS)
        # axe-core: every rule but the colour ones, then those in each scheme (same load)
        page.evaluate(_axe_script())
        report.axe["default"] = page.evaluate(AXE_RUN_JS, [False, COLOUR_RULES])
        katex_html = page.evaluate(KATEX_HTML_JS, True)
        for scheme in ("default", "slate"):
            page.evaluate(SCHEME_JS, scheme)
            report.axe[scheme] = report.axe.get(scheme, []) + page.evaluate(
                AXE_RUN_JS, [True, COLOUR_RULES])
        page.evaluate(SCHEME_JS, "default")
        astray = page.evaluate(KATEX_HTML_JS, False)
        assert not astray, f"{report.page}: KaTeX HTML of {astray} of {katex_html} formulas astray"
        if report.page.startswith("zh/"):  # test_zh_wrap.py, at each width
            punct = load_hook().PUNCT
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                report.zh_wrap[width] = page.evaluate(LINE_STARTS_JS, [punct, "article"])
                shown = page.evaluate("document.documentElement.scrollWidth")
                report.zh_wrap[width] += [f"{shown} px wide"] if shown > width else []
        if not report.is_notebook:  # notebook cells are executed by the build instead
            copy_blocks(page, report)
    finally:
        context.close()
    return report


def copy_blocks(page: typing.Any, report: PageReport) -> None:
    """Click Material's copy button on every Python block (its click handler, from a script: a
    mouse click on each costs ten times as long) and read the clipboard."""
    found = page.evaluate(COPY_ALL_JS, [REVEAL_JS, READ_CLIPBOARD_JS])
    for index, (copied, error) in enumerate(found):
        if error:
            report.copy_errors.append(f"block {index + 1}: {error}")
        else:
            report.blocks.append(CodeBlock(index, copied))


@pytest.fixture(scope="session")
def reports(served_site: ServedSite, request: pytest.FixtureRequest) -> list[PageReport]:
    pages = html_pages(served_site.root)
    started = time.perf_counter()
    # One browser per worker thread (Playwright objects belong to the thread that made them), each
    # taking every BROWSERS-th page; the server on 127.0.0.1 is threaded.
    with concurrent.futures.ThreadPoolExecutor(BROWSERS) as pool:
        chunks = pool.map(lambda k: visit_all(served_site, pages[k::BROWSERS]), range(BROWSERS))
        by_page = {report.page: report for chunk in chunks for report in chunk}
    found = [by_page[page_id(served_site.root, page) or "(home)"] for page in pages]
    # Chromium holds a page's first paint for its preloaded fonts only briefly (50 ms); with two
    # browsers on two cores a KaTeX font can come later, and a table with math in it reflows when it
    # does (notation/: CLS 0.052, once in about a dozen runs). A page over the goal is visited again,
    # alone: over it both times, it fails; the first time only, it is a warning.
    shifted = [(page, report) for page, report in zip(pages, found) if report.cls > CLS_GOAL]
    if shifted:
        for (_, report), alone in zip(shifted, visit_all(served_site, [p for p, _ in shifted])):
            report.cls_alone = alone.cls
    request.config.stash[SITE_SUMMARY] = {"pages": found, "visit_s": time.perf_counter() - started}
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
    assert not found, "requests to other hosts:\n" + found


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
    for r in reports:
        if r.cls_alone is not None and r.cls_alone <= CLS_GOAL:
            warnings.warn(f"{r.page}: CLS {r.cls:.3f} > {CLS_GOAL} beside the other browser, "
                          f"{r.cls_alone:.3f} visited again alone", stacklevel=1)
    found = failures(reports, shift_problems)
    assert not found, "\n" + found


def shift_problems(r: PageReport) -> list[str]:
    if r.cls <= CLS_GOAL or (r.cls_alone is not None and r.cls_alone <= CLS_GOAL):
        return []
    again = "not visited again" if r.cls_alone is None else f"{r.cls_alone:.3f} visited again alone"
    return [f"CLS {r.cls:.3f} > {CLS_GOAL}, and {again}"]


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
        lambda r: [f"[{scheme}] {v}" for scheme, found in r.axe.items() for v in found],
    )
    assert all(set(r.axe) == {"default", "slate"} for r in reports)
    assert not found, "axe-core:\n" + found


def test_no_zh_line_starts_with_closing_punctuation(reports: list[PageReport]) -> None:
    zh = [r for r in reports if r.page.startswith("zh/")]
    assert len(zh) > 20 and all(set(r.zh_wrap) == set(WIDTHS) for r in zh)
    found = failures(zh, lambda r: [f"{w} px: {line}" for w, lines in r.zh_wrap.items()
                                    for line in lines])
    assert not found, "\n" + found


def test_a_first_visit_stays_within_the_budget_on_the_wire(reports: list[PageReport]) -> None:
    def over(r: PageReport) -> list[str]:
        return [f"{r.wire_bytes:,} bytes > {PAGE_BUDGET:,}"] if r.wire_bytes > PAGE_BUDGET else []

    found = failures(reports, over)
    assert not found, "on the wire, gzipped:\n" + found


def test_the_local_server_gzips_text_as_github_pages_does(served_site: ServedSite) -> None:
    import urllib.request

    page = served_site.root / "index.html"
    ask = urllib.request.Request(served_site.base_url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(ask) as response:
        body = response.read()
        assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == page.read_bytes() and len(body) < page.stat().st_size / 2
    font = next((served_site.root / "assets").rglob("*.woff2"))  # compressed already: as it is
    url = served_site.base_url + font.relative_to(served_site.root).as_posix()
    with urllib.request.urlopen(urllib.request.Request(url, headers=ask.headers)) as response:
        assert response.headers["Content-Encoding"] is None and response.read() == font.read_bytes()


# --------------------------------------------------------------------------------------------------
# What the copy button gives is the code `make test` ran
# --------------------------------------------------------------------------------------------------
ANNOTATION = re.compile(r"# \(\d+\)!?\s*$")  # Material's code annotation marker, `# (1)!`


def source_page(name: str) -> pathlib.Path | None:
    """The Markdown a page was built from: docs/X.md, or docs/X.zh.md for zh/X (else X.md)."""
    zh = name.startswith("zh/")
    rel = (name.removeprefix("(home)").removeprefix("zh/") or "index/").removesuffix("/")
    for candidate in ([f"{rel}.zh.md"] if zh else []) + [f"{rel}.md", f"{rel}/index.md"]:
        if (ROOT / "docs" / candidate).is_file():
            return ROOT / "docs" / candidate
    return None


def fences_as_copied(markdown: pathlib.Path) -> list[str]:
    """The page's Python fences as the tests ran them, less annotation markers (Material drops
    them from what it copies; to Python they are comments)."""
    out = []
    for _, info, body in scan_fences(markdown.read_text(encoding="utf-8")):
        if language(info) in PYTHON:
            lines = [ANNOTATION.sub("", line) for line in shown_lines(body)]
            out.append("\n".join(lines).strip("\n"))  # the clipboard has no final newline
    return out


def test_copy_button_gives_every_python_block(reports: list[PageReport]) -> None:
    found = failures(reports, lambda r: r.copy_errors)
    assert not found, "\n" + found
    empty = [f"{r.page} block {b.index + 1}" for r in reports for b in r.blocks if not b.copied]
    assert not empty, f"the copy button copied nothing: {empty}"


def test_what_the_copy_button_gives_is_the_code_the_tests_ran(reports: list[PageReport]) -> None:
    problems, compared = [], 0
    for r in reports:
        if r.is_notebook or r.page == "404.html":
            continue
        markdown = source_page(r.page)
        assert markdown is not None, f"{r.page}: no Markdown source found"
        expected = fences_as_copied(markdown)
        if len(expected) != len(r.blocks):
            problems.append(f"{r.page}: {len(r.blocks)} copy buttons, {len(expected)} Python fences")
            continue
        for block, fence in zip(r.blocks, expected):
            compared += 1
            if block.copied != fence:
                problems.append(
                    f"{r.page} block {block.index + 1} ({markdown.relative_to(ROOT)}): copied\n"
                    f"{block.copied!r}\nbut the fence is\n{fence!r}"
                )
    assert not problems, "\n\n".join(problems)
    assert compared > 100, compared
