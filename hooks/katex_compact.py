"""MkDocs hook: the same typeset formulas in fewer bytes (after hooks/katex.py and font_preload.py).

Inside each ``.katex-html`` (the part for the eye), the classes katex.min.css styles get short
names (``vlist-t`` -> ``Ab``), those no stylesheet names (``mord``...) go, and each distinct inline
style becomes a short class with ``!important`` in a ``<style>`` of the page. The MathML copy for
screen readers loses only what an HTML parser ignores. The site's katex.min.css gets the same names,
without the rules no page can match and the woff/ttf fallbacks; a page without math does not load
it. Renamed classes start with a capital, style classes with a small letter (distinct in standards
mode). Saves 2-4 % on the wire on math pages; tests/browser/test_katex_compact.py checks that a
compacted formula renders pixel for pixel as KaTeX's own.
"""

from __future__ import annotations

import collections
import itertools
import pathlib
import re
import string
import typing

try:  # as mkdocs loads a hook: with its folder on sys.path
    from notebook_css import SELECTOR_CLASS, page_classes, prune
except ModuleNotFoundError:  # imported as hooks.katex_compact (the tests)
    from hooks.notebook_css import SELECTOR_CLASS, page_classes, prune

KATEX_CSS = "assets/vendor/katex/katex.min.css"
KEEP = frozenset({"katex", "katex-display", "katex-html", "katex-mathml", "katex-error",
                  "arithmatex"})
# The most frequent classes first, so they get one-letter names (counted over the built site).
FREQUENT = (
    "vlist", "vlist-r", "mathnormal", "mspace", "pstrut", "katex-strut", "katex-base", "vlist-t",
    "sizing", "vlist-t2", "vlist-s", "msupsub", "reset-size6", "size3", "mfrac", "frac-line",
    "nulldelimiter", "op-symbol", "small-op", "large-op", "op-limits", "reset-size3", "size1",
    "mathrm", "delimsizing", "mult", "accent", "accent-body", "overline", "overline-line",
)
HTML_START = '<span class="katex-html" aria-hidden="true">'
SPAN_TAG = re.compile(r"<span\b([^>]*)>|</span>")
ATTR = re.compile(r'\s([\w-]+)="([^"]*)"')
URL = re.compile(r"(url\([^)]*\))")  # file names: KaTeX_AMS-Regular.woff2 names no class
FALLBACK_SRC = re.compile(r',\s*url\([^)]*\.(?:woff|ttf)\)\s*format\("(?:woff|truetype)"\)')
MATHML = re.compile(r'(?<=<span class="katex-mathml">)<math\b.*?</math>(?=</span>)', re.DOTALL)
MATH_XMLNS = ' xmlns="http://www.w3.org/1998/Math/MathML"'
START_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
# a quoted value that may go unquoted (no space, quote, =, <, >, `), and not before "/"
UNQUOTE = re.compile(r"""(\s[\w:-]+=)"([^"\s'=<>`]+)"(?=[\s>])""")
KATEX_LINK = re.compile(r'\s*<link rel="stylesheet" href="[^"]*' + re.escape(KATEX_CSS) + r'">')


def css_classes(css: str) -> set[str]:
    return set(SELECTOR_CLASS.findall(URL.sub("", css)))


def short_names(initials: str, taken: typing.Container[str] = ()) -> typing.Iterator[str]:
    """A, B, ..., Z, Aa, Ab, ... (with these initials), except the names ``taken``."""
    names = ("".join((initial, *tail)) for n in itertools.count() for initial in initials
             for tail in itertools.product(string.ascii_letters, repeat=n))
    return (name for name in names if name not in taken)


def class_map(katex_css: str, other_css: str = "") -> dict[str, str]:
    """Every class katex.min.css styles (but KEEP) -> a short name; the frequent ones shortest."""
    styled = css_classes(katex_css) - KEEP
    order = [name for name in FREQUENT if name in styled] + sorted(styled - set(FREQUENT))
    return dict(zip(order, short_names(string.ascii_uppercase, css_classes(other_css))))


def rename_css(css: str, mapping: dict[str, str]) -> str:
    parts = URL.split(css)  # text, url(...), text, ...
    parts[::2] = [SELECTOR_CLASS.sub(lambda m: "." + mapping.get(m[1], m[1]), text)
                  for text in parts[::2]]
    return "".join(parts)


def katex_html(page: str) -> typing.Iterator[tuple[int, int]]:
    """(start, end) of each ``.katex-html`` element's inner HTML."""
    pos = 0
    while (start := page.find(HTML_START, pos)) >= 0:
        depth = 0
        for tag in SPAN_TAG.finditer(page, start):
            depth += 1 if tag[1] is not None else -1
            if depth == 0:
                yield start + len(HTML_START), tag.start()
                pos = tag.end()
                break
        else:
            raise ValueError("unbalanced <span> in KaTeX markup")


def mathml(page: str) -> str:
    """Each MathML copy without what the HTML parser ignores: the ``xmlns`` of ``<math>`` (it is in
    MathML's namespace anyway) and the quotes around values that need none."""

    def tag(match: re.Match[str]) -> str:
        return UNQUOTE.sub(r"\1\2", match[0].replace(MATH_XMLNS, "", 1))

    return MATHML.sub(lambda math: START_TAG.sub(tag, math[0]), page)


def compact(page: str, mapping: dict[str, str], taken: typing.Container[str] = ()) -> str:
    """The page with its KaTeX markup compacted, and a <style> for the inline styles it had."""
    if HTML_START not in page:
        return KATEX_LINK.sub("", page, count=1)
    page = mathml(page)
    chunks = list(katex_html(page))
    styles = collections.Counter(value for start, end in chunks
                                 for tag in SPAN_TAG.finditer(page, start, end)
                                 for key, value in ATTR.findall(tag[1] or "") if key == "style")
    by_use = sorted(styles, key=lambda style: (-styles[style], style))  # the most used: shortest
    style_class = dict(zip(by_use, short_names(string.ascii_lowercase, taken)))

    def span(match: re.Match[str]) -> str:
        if match[1] is None:
            return "</span>"
        if ATTR.sub("", match[1]).strip():
            raise ValueError(f"unexpected attribute syntax in KaTeX markup: {match[1]!r}")
        classes, rest = [], ""
        for key, value in ATTR.findall(match[1]):
            if key == "class":
                classes += [mapping.get(c, c) for c in value.split() if c in KEEP or c in mapping]
            elif key == "style":
                classes.append(style_class[value])
            else:
                rest += f' {key}="{value}"'
        if not classes:
            return f"<span{rest}>"
        joined = classes[0] if len(classes) == 1 else '"' + " ".join(classes) + '"'
        return f"<span class={joined}{rest}>"

    out, last = [], 0
    for start, end in chunks:
        out += [page[last:start], SPAN_TAG.sub(span, page[start:end])]
        last = end
    page = "".join(out) + page[last:]
    if not style_class:
        return page
    rules = "".join(f".katex .{name}{{{_important(style)}}}" for style, name in style_class.items())
    return page.replace("</head>", f"<style>{rules}</style></head>", 1)


def _important(style: str) -> str:
    """``a:1;b:2;`` -> ``a:1!important;b:2!important`` (as the inline style beat every rule)."""
    return ";".join(d.strip() + "!important" for d in style.split(";") if d.strip())


_state: dict[str, typing.Any] = {}
_serving = False  # mkdocs serve: KaTeX's own markup and stylesheet (the bytes matter only online)


def on_startup(command: str, **kwargs: typing.Any) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: typing.Any) -> None:
    """The short names: every stylesheet of the site (ours and the theme's) keeps its own."""
    folders = [config.docs_dir, *config.theme.dirs]
    other = "".join(sheet.read_text(encoding="utf-8") for folder in folders
                    for sheet in sorted(pathlib.Path(folder).glob("assets/stylesheets/*.css")))
    katex_css = pathlib.Path(config.docs_dir, KATEX_CSS).read_text(encoding="utf-8")
    _state.update(katex_css=katex_css, mapping=class_map(katex_css, other),
                  other=css_classes(other), used=set())


def on_post_page(output: str, page: typing.Any, config: typing.Any) -> str:
    if _serving:
        return output
    inline = "".join(re.findall(r"<style[^>]*>(.*?)</style>", output, re.DOTALL))  # a notebook's
    output = compact(output, _state["mapping"], _state["other"] | css_classes(inline))
    if HTML_START in output:  # its classes count towards this build's katex.min.css
        _state["used"] |= page_classes(output)
    return output


def on_post_template(output: str, template_name: str, config: typing.Any) -> str:
    return output if _serving else compact(output, _state["mapping"], _state["other"])  # 404.html


def on_post_build(config: typing.Any) -> None:
    """katex.min.css as the site serves it: renamed, only its woff2 fonts (the files vendored),
    without the rules that name a class no page has."""
    if not _serving:
        css = rename_css(FALLBACK_SRC.sub("", _state["katex_css"]), _state["mapping"])
        css = prune(css, _state["used"])
        pathlib.Path(config.site_dir, KATEX_CSS).write_text(css, encoding="utf-8")
