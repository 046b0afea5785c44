"""MkDocs hook: typeset every formula at build time with KaTeX, so readers download no math JavaScript.

The vendored ``katex.min.js`` (kept in hooks/vendor/, outside what the site serves) runs inside V8
embedded from PyPI (``mini-racer``: a wheel with V8 inside, so no Node install). What it replaces:

- on Markdown pages, pymdownx.arithmatex (generic mode) leaves ``<span class="arithmatex">\\(..\\)</span>``
  and ``<div class="arithmatex">\\[..\\]</div>``;
- on notebook pages (mkdocs-jupyter), ``$..$`` and ``$$..$$`` stay as text inside each
  ``.jp-RenderedMarkdown`` cell (code spans are left alone).

KaTeX's own markup replaces the TeX (``htmlAndMathml``: the HTML for the eye, MathML for screen
readers); ``katex.min.css`` and its fonts are still served. A TeX error fails the build, whatever
``--strict`` says: nothing ships a red formula. Renders are cached by (TeX, display) for the life of
the process, which ``mkdocs serve`` keeps across rebuilds (the hook module itself is re-imported on
each one, so the cache lives in a module of its own in ``sys.modules``). Display formulas wider
than the column scroll, so they are made focusable and named (WCAG: a scrollable region must be
reachable by keyboard). The name is plainly "Formula" ("公式" on the Chinese pages), not the TeX: a
screen reader then reads KaTeX's MathML once, instead of the TeX source aloud and the MathML again.
"""

from __future__ import annotations

import html
import json
import pathlib
import re
import sys
import types
import typing

from mkdocs.exceptions import PluginError

KATEX_JS = pathlib.Path(__file__).resolve().parent / "vendor" / "katex.min.js"

ARITHMATEX = re.compile(
    r'<(?P<tag>span|div)(?P<attrs> data-search-exclude)? class="arithmatex">\s*'
    r"(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])\s*</(?P=tag)>",
    re.DOTALL,
)
NOTEBOOK_MD = re.compile(
    r'(<div class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>)(.*?)(</div>)', re.DOTALL
)
# Within a notebook cell's HTML: code and pre are skipped whole, other tags kept, text searched.
NOTEBOOK_PART = re.compile(r"(<(code|pre)\b.*?</\2>|<[^>]+>)", re.DOTALL)
DOLLARS = re.compile(r"\$\$(?P<display>.+?)\$\$|\$(?P<inline>[^$\s](?:[^$]*?[^$\s])?)\$", re.DOTALL)

# nbconvert's template loads MathJax (an empty <script src="">) and configures it: dead weight here.
MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.DOTALL)

RENDER_JS = """(tex, display) => {
  try {
    return {html: katex.renderToString(tex, {displayMode: display, throwOnError: true,
                                             strict: "error", output: "htmlAndMathml"})};
  } catch (e) {
    return {error: String(e.message || e)};
  }
}"""


def _state() -> types.ModuleType:
    """The V8 context and render cache, kept in sys.modules so that a re-imported hook reuses them."""
    name = "_site_katex_state"
    if name not in sys.modules:
        state = types.ModuleType(name)
        state.ctx = None
        state.cache = {}
        sys.modules[name] = state
    return sys.modules[name]


def _engine() -> typing.Any:
    state = _state()
    if state.ctx is None:
        from py_mini_racer import MiniRacer

        ctx = MiniRacer()
        ctx.eval(KATEX_JS.read_text(encoding="utf-8"))
        ctx.eval(f"var __render = {RENDER_JS};")
        state.ctx = ctx
    return state.ctx


def render(tex: str, display: bool, where: str = "") -> str:
    """KaTeX's HTML for ``tex``; raises PluginError (failing the build) on a TeX error."""
    cache = _state().cache
    key = (tex, display)
    if key not in cache:
        result = json.loads(
            _engine().eval(f"JSON.stringify(__render({json.dumps(tex)}, {json.dumps(display)}))")
        )
        if "error" in result:
            raise PluginError(f"KaTeX could not typeset {tex.strip()!r} in {where}: {result['error']}")
        cache[key] = result["html"]
    return cache[key]


# The name of a display formula's focusable group, in the page's language (theme.language).
FORMULA = {"en": "Formula", "zh": "公式"}


def _scroll_region(rendered: str, lang: str = "en") -> str:
    """Display math may scroll sideways: a keyboard user must reach it, a screen reader name it."""
    return rendered.replace(
        '<span class="katex-display">',
        f'<span class="katex-display" tabindex="0" role="group" aria-label="{FORMULA[lang]}">',
        1,
    )


def typeset_arithmatex(content: str, where: str, lang: str = "en") -> str:
    def replace(match: re.Match[str]) -> str:
        display = match.group("display") is not None
        tex = html.unescape(match.group("display") if display else match.group("inline"))
        rendered = render(tex, display, where)
        if display:
            attrs = match.group("attrs") or ""
            return f'<div{attrs} class="arithmatex">{_scroll_region(rendered, lang)}</div>'
        return f'<span class="arithmatex">{rendered}</span>'

    return ARITHMATEX.sub(replace, content)


def typeset_notebook_text(text: str, where: str, lang: str = "en") -> str:
    def replace(match: re.Match[str]) -> str:
        display = match.group("display") is not None
        tex = html.unescape(match.group("display") if display else match.group("inline"))
        rendered = render(tex, display, where)
        return _scroll_region(rendered, lang) if display else rendered

    return DOLLARS.sub(replace, text)


def typeset_notebook(content: str, where: str, lang: str = "en") -> str:
    def cell(match: re.Match[str]) -> str:
        # Split into tags and text, keeping code/pre whole; math may not span a tag, so glue the
        # text runs between plain tags back only where a formula was split (it is not, in practice).
        parts = NOTEBOOK_PART.split(match.group(2))
        out, i = [], 0
        while i < len(parts):
            text = parts[i]
            out.append(typeset_notebook_text(text, where, lang))
            if i + 1 < len(parts):
                out.append(parts[i + 1])  # the tag or code element, untouched
            i += 3  # text, tag, inner group of the alternation
        return match.group(1) + "".join(out) + match.group(3)

    return NOTEBOOK_MD.sub(cell, content)


def typeset_page(html_content: str, where: str, lang: str = "en") -> str:
    html_content = typeset_arithmatex(html_content, where, lang)
    if "jp-RenderedMarkdown" in html_content:
        html_content = typeset_notebook(MATHJAX.sub("", html_content), where, lang)
    return html_content


def language(config: typing.Any) -> str:
    return "zh" if config and str(config.theme["language"]).startswith("zh") else "en"


def on_post_page(output: str, page: typing.Any, **kwargs: typing.Any) -> str:
    # After the search plugin has read page.content (on_page_context): the index keeps the short TeX
    # source of inline formulas, not KaTeX's markup (three copies of each formula's text).
    return typeset_page(output, page.file.src_uri, language(kwargs.get("config")))
