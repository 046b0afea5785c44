"""MkDocs hook: typeset every formula at build time with KaTeX, so readers download no math script.

The vendored ``hooks/vendor/katex.min.js`` runs in V8 from PyPI (``mini-racer``: no Node install).
It replaces pymdownx.arithmatex's ``\\(..\\)`` and ``\\[..\\]`` on Markdown pages, and the ``$..$``
and ``$$..$$`` of a notebook's Markdown cells (outside code), with KaTeX's HTML and its MathML for
screen readers. A TeX error fails the build. Display formulas may scroll sideways, so they are
focusable and named plainly ("Formula"), for keyboard and screen reader users.
"""

from __future__ import annotations

import html
import pathlib
import re
import typing

from mkdocs.exceptions import PluginError

KATEX_JS = pathlib.Path(__file__).resolve().parent / "vendor" / "katex.min.js"
ARITHMATEX = re.compile(
    r'<(?P<tag>span|div)(?P<attrs> data-search-exclude)? class="arithmatex">\s*'
    r"(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])\s*</(?P=tag)>",
    re.DOTALL,
)
NOTEBOOK_MD = re.compile(r'(<div class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>)(.*?)(</div>)',
                         re.DOTALL)
NOTEBOOK_TAG = re.compile(r"(<code\b.*?</code>|<pre\b.*?</pre>|<[^>]+>)", re.DOTALL)  # no math
DOLLARS = re.compile(r"\$\$(?P<display>.+?)\$\$|\$(?P<inline>[^$\s](?:[^$]*?[^$\s])?)\$", re.DOTALL)
# nbconvert's template loads MathJax (an empty <script src="">) and configures it: dead weight here.
MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.DOTALL)
RENDER_JS = """var __render = (tex, display) => {
  try {
    return {html: katex.renderToString(tex, {displayMode: display, throwOnError: true,
                                             strict: "error", output: "htmlAndMathml"})};
  } catch (e) {
    return {error: String(e.message || e)};
  }
};"""
FORMULA = {"en": "Formula", "zh": "公式"}  # the name of a display formula, in the page's language

_v8: typing.Any = None  # V8 with KaTeX loaded: it and _renders last across mkdocs serve's rebuilds
_renders: dict[tuple[str, bool], str] = {}


def render(tex: str, display: bool, where: str = "") -> str:
    """KaTeX's HTML for ``tex``; raises PluginError (failing the build) on a TeX error."""
    global _v8
    if _v8 is None:
        from py_mini_racer import MiniRacer

        _v8 = MiniRacer()
        _v8.eval(KATEX_JS.read_text(encoding="utf-8"))
        _v8.eval(RENDER_JS)
    if (tex, display) not in _renders:
        result = _v8.call("__render", tex, display)  # arguments and result go as JSON
        if "error" in result:
            error = result["error"]
            raise PluginError(f"KaTeX could not typeset {tex.strip()!r} in {where}: {error}")
        _renders[tex, display] = result["html"]
    return _renders[tex, display]


def _typeset(match: re.Match[str], where: str, lang: str) -> str:
    display = match["display"] is not None
    rendered = render(html.unescape(match["display" if display else "inline"]), display, where)
    return rendered.replace('<span class="katex-display">', '<span class="katex-display" '
                            f'tabindex="0" role="group" aria-label="{FORMULA[lang]}">', 1)


def typeset_arithmatex(content: str, where: str, lang: str = "en") -> str:
    def replace(match: re.Match[str]) -> str:
        tag, attrs = match["tag"], match["attrs"] or ""
        return f'<{tag}{attrs} class="arithmatex">{_typeset(match, where, lang)}</{tag}>'

    return ARITHMATEX.sub(replace, content)


def typeset_notebook(content: str, where: str, lang: str = "en") -> str:
    def cell(match: re.Match[str]) -> str:
        parts = NOTEBOOK_TAG.split(match[2])  # text, tag, text, ...: math does not span a tag
        parts[::2] = [DOLLARS.sub(lambda m: _typeset(m, where, lang), text) for text in parts[::2]]
        return match[1] + "".join(parts) + match[3]

    return NOTEBOOK_MD.sub(cell, MATHJAX.sub("", content))


def on_post_page(output: str, page: typing.Any, config: typing.Any) -> str:
    # After the search plugin has read page.content (on_page_context): the index keeps the short TeX
    # source of inline formulas, not KaTeX's markup.
    lang = "zh" if str(config.theme["language"]).startswith("zh") else "en"
    where = page.file.src_uri
    return typeset_notebook(typeset_arithmatex(output, where, lang), where, lang)
