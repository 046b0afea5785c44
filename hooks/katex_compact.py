"""MkDocs hook: the same KaTeX formulas in fewer bytes (runs after hooks/katex.py has typeset them).

KaTeX's HTML is thousands of ``<span>``s per formula-heavy page, most with a long class list and an
inline ``style`` (``height:1.3714em;vertical-align:-0.686em;``): on training/gradient/ 263 KB of a
384 KB page. The MathML copy that screen readers read keeps every element, attribute and text; only
the ``xmlns`` of ``<math>`` (the HTML parser ignores it) and quotes that no value needs go
(``mathml``). Inside each ``.katex-html`` (the part for the eye):

- class tokens that a stylesheet of the site names are renamed to short ones (``vlist-t`` -> ``Ab``),
  and ``katex.min.css`` is written into the built site with the same renaming (``on_post_build``),
  without the woff/ttf fallbacks of its @font-face rules (only the woff2 files are vendored) and
  without the rules whose selectors name a class that no page of the build has (17.6 -> 6.5 KB);
- class tokens that no stylesheet names (``mord``, ``mrel``, ``mtight``...: KaTeX's markers for its
  own layout code, which runs at build time) are dropped: no rule can match them;
- each distinct inline style becomes a short class defined once in a ``<style>`` in the page's head,
  with ``!important`` so it wins wherever the inline style did. Material's instant navigation swaps
  head elements that differ, so the next page brings its own. A page without math does not load
  ``katex.min.css`` at all.

The names other code relies on (``KEEP``) stay as they are. Renamed tokens start with a capital
letter, style classes with a small one (distinct in standards mode, which every page is in: it
starts with ``<!doctype html>``; quirks mode would match class names case-insensitively);
tests/test_katex_compact.py checks that no other stylesheet of the site names either, and that a
compacted formula renders pixel for pixel as KaTeX's own markup.
"""

from __future__ import annotations

import itertools
import pathlib
import re
import string
import typing

try:  # as mkdocs loads a hook: with its folder on sys.path (the repository root need not be)
    from notebook_css import page_classes, prune
except ModuleNotFoundError:  # imported as hooks.katex_compact, from the root (the tests)
    from hooks.notebook_css import page_classes, prune

DOCS_CSS = pathlib.Path(__file__).resolve().parent.parent / "docs" / "assets" / "stylesheets"
KATEX_CSS = "assets/vendor/katex/katex.min.css"
KEEP = frozenset({"katex", "katex-display", "katex-html", "katex-mathml", "katex-error", "arithmatex"})
# The most frequent tokens first, so they get one-letter names (counted over the built site).
FREQUENT = (
    "vlist", "vlist-r", "mathnormal", "mspace", "pstrut", "katex-strut", "katex-base", "vlist-t",
    "sizing", "vlist-t2", "vlist-s", "msupsub", "reset-size6", "size3", "mfrac", "frac-line",
    "nulldelimiter", "op-symbol", "small-op", "large-op", "op-limits", "reset-size3", "size1",
    "mathrm", "delimsizing", "mult", "accent", "accent-body", "overline", "overline-line",
)
HTML_START = '<span class="katex-html" aria-hidden="true">'
SPAN_TAG = re.compile(r"<span\b([^>]*)>|</span>")
ATTR = re.compile(r'\s([\w-]+)="([^"]*)"')
CSS_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
CSS_URL = re.compile(r"url\([^)]*\)")
STYLE_ELEMENT = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL)
FALLBACK_SRC = re.compile(r',\s*url\([^)]*\.(?:woff|ttf)\)\s*format\("(?:woff|truetype)"\)')
MATHML = re.compile(r'(?<=<span class="katex-mathml">)<math\b.*?</math>(?=</span>)', re.DOTALL)
MATH_XMLNS = ' xmlns="http://www.w3.org/1998/Math/MathML"'
START_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
# a quoted value that may go unquoted: no space, quote, =, <, >, ` (HTML's unquoted syntax), and not
# followed by "/" (``a="b"/>`` unquoted would make the slash part of the value)
UNQUOTE = re.compile(r"""(\s[\w:-]+=)"([^"\s'=<>`]+)"(?=[\s>])""")
KATEX_LINK = re.compile(r'\s*<link rel="stylesheet" href="[^"]*' + re.escape(KATEX_CSS) + r'">')


def css_classes(css: str) -> set[str]:
    """The class names a stylesheet's selectors mention (url(...) left out: ``.woff2`` is none)."""
    return set(CSS_CLASS.findall(CSS_URL.sub("", css)))


def short_names(first: str) -> typing.Iterator[str]:
    """A, B, ..., Z, Aa, Ab, ... (``first`` is the set of initial letters)."""
    yield from first
    for size in itertools.count(1):
        for head in first:
            for tail in itertools.product(string.ascii_letters, repeat=size):
                yield head + "".join(tail)


def class_map(katex_css: str, other_css: str = "") -> dict[str, str]:
    """Every class that katex.min.css styles -> a short name (except KEEP); frequent ones shortest."""
    styled = css_classes(katex_css) - KEEP
    order = [name for name in FREQUENT if name in styled]
    order += sorted(styled - set(order))
    taken = css_classes(other_css)
    names = (name for name in short_names(string.ascii_uppercase) if name not in taken)
    return dict(zip(order, names))


def rename_css(css: str, mapping: dict[str, str]) -> str:
    def rename(match: re.Match[str]) -> str:
        return "." + mapping.get(match.group(1), match.group(1))

    # url(...) arguments hold file names (KaTeX_AMS-Regular.woff2): leave them alone.
    parts = re.split(r"(url\([^)]*\))", css)
    return "".join(p if p.startswith("url(") else CSS_CLASS.sub(rename, p) for p in parts)


def woff2_only(css: str) -> str:
    """Each @font-face's ``src`` without its woff and ttf fallbacks: every browser the site supports
    takes the woff2 (listed first), and only the woff2 files are vendored (docs/assets/vendor/katex)."""
    return FALLBACK_SRC.sub("", css)


def site_css(katex_css: str, mapping: dict[str, str], used: set[str]) -> str:
    """katex.min.css as the site serves it: renamed, woff2 only, and without the rules whose
    selectors name a class that no page of the build has (KaTeX's markup is fixed at build time:
    no script adds a class to it)."""
    return prune(rename_css(woff2_only(katex_css), mapping), used)


def _katex_html_spans(page: str) -> typing.Iterator[tuple[int, int]]:
    """(start, end) of each ``.katex-html`` element's inner HTML."""
    pos = 0
    while (start := page.find(HTML_START, pos)) >= 0:
        inner = start + len(HTML_START)
        depth = 1
        for tag in SPAN_TAG.finditer(page, inner):
            depth += -1 if tag.group(0) == "</span>" else 1
            if depth == 0:
                yield inner, tag.start()
                pos = tag.end()
                break
        else:
            raise ValueError("unbalanced <span> in KaTeX markup")


def mathml(page: str) -> str:
    """Each MathML copy without what the HTML parser ignores: the ``xmlns`` of ``<math>`` (an HTML
    page puts ``<math>`` in the MathML namespace by itself) and the quotes around attribute values
    that need none (``mathvariant=normal``). The parsed elements and attributes are the same."""

    def tag(match: re.Match[str]) -> str:
        return UNQUOTE.sub(r"\1\2", match.group(0).replace(MATH_XMLNS, "", 1))

    return MATHML.sub(lambda m: START_TAG.sub(tag, m.group(0)), page)


def compact(page: str, mapping: dict[str, str], styled_elsewhere: set[str] = frozenset()) -> str:
    """The page with its KaTeX HTML compacted and a <style> for the inline styles it had."""
    if HTML_START not in page:
        return KATEX_LINK.sub("", page, count=1)
    page = mathml(page)
    styles: dict[str, int] = {}
    chunks = list(_katex_html_spans(page))
    for start, end in chunks:
        for tag in SPAN_TAG.finditer(page, start, end):
            for key, value in ATTR.findall(tag.group(1) or ""):
                if key == "style":
                    styles[value] = styles.get(value, 0) + 1
    # the most used style gets the shortest name
    names = (n for n in short_names(string.ascii_lowercase) if n not in styled_elsewhere)
    style_class = {s: n for s, n in zip(sorted(styles, key=lambda s: (-styles[s], s)), names)}

    def span(match: re.Match[str]) -> str:
        if match.group(0) == "</span>":
            return "</span>"
        attrs = match.group(1)
        classes: list[str] = []
        rest = []
        for key, value in ATTR.findall(attrs):
            if key == "class":
                classes += [t if t in KEEP else mapping[t] for t in value.split() if t in KEEP or t in mapping]
            elif key == "style":
                classes.append(style_class[value])
            else:
                rest.append(f' {key}="{value}"')
        if ATTR.sub("", attrs).strip():
            raise ValueError(f"unexpected attribute syntax in KaTeX markup: {attrs!r}")
        joined = " ".join(classes)
        cls = "" if not classes else f" class={joined}" if len(classes) == 1 else f' class="{joined}"'
        return f"<span{cls}{''.join(rest)}>"

    out, last = [], 0
    for start, end in chunks:
        out += [page[last:start], SPAN_TAG.sub(span, page[start:end])]
        last = end
    out.append(page[last:])
    page = "".join(out)
    if style_class:
        rules = "".join(
            f".katex .{name}{{{_important(style)}}}" for style, name in style_class.items()
        )
        page = page.replace("</head>", f"<style>{rules}</style></head>", 1)
    return page


def _important(style: str) -> str:
    """``a:1;b:2;`` -> ``a:1!important;b:2!important`` (an inline style beats every normal rule)."""
    return ";".join(d.strip() + "!important" for d in style.split(";") if d.strip())


# --------------------------------------------------------------------------------------------------
# MkDocs events
# --------------------------------------------------------------------------------------------------
_state: dict[str, typing.Any] = {}


def _sheets(config: typing.Any) -> tuple[str, str]:
    """katex.min.css, and every other stylesheet of the site (ours and the theme's) run together."""
    docs = pathlib.Path(config.docs_dir)
    katex_css = (docs / KATEX_CSS).read_text(encoding="utf-8")
    sheets = sorted(DOCS_CSS.glob("*.css"))
    for theme_dir in config.theme.dirs:
        sheets += sorted(pathlib.Path(theme_dir).glob("assets/stylesheets/*.css"))
    other = "".join(p.read_text(encoding="utf-8") for p in sheets)
    return katex_css, other


_serving = False  # mkdocs serve: KaTeX's own markup and stylesheet (the bytes matter only online)


def on_startup(command: str, **kwargs: typing.Any) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: typing.Any) -> None:
    katex_css, other = _sheets(config)
    _state["mapping"] = class_map(katex_css, other)
    _state["other"] = css_classes(other)
    _state["used"] = set()  # the classes of every page that loads katex.min.css


def on_post_page(output: str, page: typing.Any, config: typing.Any, **kwargs: typing.Any) -> str:
    if _serving:
        return output
    inline = "".join(STYLE_ELEMENT.findall(output))  # the notebook's JupyterLab CSS
    output = compact(output, _state["mapping"], _state["other"] | css_classes(inline))
    if HTML_START in output:  # its classes count towards this build's katex.min.css
        _state["used"] |= page_classes(output)
    return output


def on_post_build(config: typing.Any) -> None:
    if _serving:
        return
    katex_css, _ = _sheets(config)
    target = pathlib.Path(config.site_dir) / KATEX_CSS
    css = site_css(katex_css, _state["mapping"], _state["used"])
    target.write_text(css, encoding="utf-8")


def on_post_template(output: str, template_name: str, config: typing.Any) -> str:
    # 404.html is rendered from a template, not a page: no math there either.
    if _serving:
        return output
    return compact(output, _state["mapping"], _state["other"])
