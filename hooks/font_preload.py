"""MkDocs hook: preload exactly the KaTeX fonts a page uses, so formulas do not shift the layout.

Without it the browser learns which KaTeX font files it needs only after it has the CSS, the HTML
and a first layout: the fonts arrive after the first paint, every formula changes width (KaTeX's
``font-display: block`` lays out with an invisible fallback), and the text around it reflows. On a
busy machine that alone gave a cumulative layout shift (CLS) of 0.06-0.14 on the pages with most
inline math (options/at-a-glance, practice/language-models, training/gradient). A ``<link
rel="preload" as="font" crossorigin>`` in the ``<head>`` starts those downloads with the
stylesheets, so they are there by the first layout (the same pages then measured 0.001-0.04).

Which fonts a page uses is read off its typeset math with KaTeX's own class -> font rules, from
the KaTeX stylesheet in ``extra_css``. They all have one of three shapes (``.katex``,
``.katex .a.b``, ``.katex .a.b .c>span``), so an element inside ``.katex`` gets its parent's font,
overridden by each rule it matches in cascade order; a font rule of any other shape stops the
build, naming it (a re-vendored KaTeX may bring one). What is drawn is KaTeX's HTML and its MathML
copy for screen readers (clipped away, but laid out in the ``.katex`` font), not the TeX source
(``<annotation>``). Math that a first visit does not lay out is not preloaded: inside a closed
``<details>``, or in a content tab other than the first. So nothing is preloaded that the page
would not load anyway (page weight is budgeted); tests/browser/test_pages.py checks on every page
that the preloaded fonts are exactly those the browser loaded.

The same walk notes which characters each font file draws, on all math this time (closed
``<details>`` and other tabs included: a reader opens them); at the end of the build each font
the math uses is cut down to those characters (hooks/katex_fonts.py).
"""

from __future__ import annotations

import html
import logging
import pathlib
import posixpath
import re
import time
import typing

from mkdocs.exceptions import PluginError

try:  # as mkdocs loads a hook: with its folder on sys.path (the repository root need not be)
    from katex_fonts import subset_site_fonts
except ModuleNotFoundError:  # imported as hooks.font_preload, from the root (the tests)
    from hooks.katex_fonts import subset_site_fonts

log = logging.getLogger("mkdocs.hooks.font_preload")

Font = tuple[str, int, str]  # family, weight, style
FONT_FACE = re.compile(r"@font-face\s*\{([^}]*)\}")
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
FONT_DECLARATION = re.compile(r"(?:^|;)\s*(font(?:-family|-weight|-style)?)\s*:\s*([^;]*)")
# The shapes of KaTeX's font rules: ".katex", ".katex .a.b ...", ".katex .a.b .c>span".
SELECTOR = re.compile(r"\.katex((?:\s+\.[\w-]+(?:\.[\w-]+)*)*)(>span)?")
WEIGHTS = {"normal": 400, "400": 400, "bold": 700, "700": 700}
OTHER = {400: 700, 700: 400, "normal": "italic", "italic": "normal"}
PSEUDO_TEXT = {"eqn-num": "()0123456789", "mml-eqn-num": "()0123456789"}  # content: "(" counter ")"


class Rule(typing.NamedTuple):
    compounds: list[frozenset[str]]  # the classes of each compound, outermost (.katex) first
    child_span: bool  # ends in ">span": the element is a <span>, the last compound its parent
    family: str | None
    weight: int | None
    style: str | None


def _declared(declared: list[tuple[str, str]]) -> tuple[str | None, int | None, str | None]:
    """(family, weight, style) that a rule's font declarations set (None: left as inherited)."""
    family = weight = style = None
    for name, value in declared:
        if name == "font":  # the shorthand, as KaTeX writes it: "normal 1.21em KaTeX_Main,math,..."
            words = value.split(",")[0].split()
            size = next(i for i, word in enumerate(words) if word[0] in "0123456789.")
            weight, style = 400, "normal"  # the shorthand resets what it does not name
            for word in words[:size]:
                if word == "italic":
                    style = word
                elif word != "normal":
                    weight = WEIGHTS[word]
            family = " ".join(words[size + 1:]).strip("'\"")
        elif name == "font-family":
            family = value.split(",")[0].strip().strip("'\"")
        elif name == "font-weight":
            weight = WEIGHTS[value]
        else:
            style = {"normal": "normal", "italic": "italic"}[value]
    return family, weight, style


class KatexFonts:
    """KaTeX's @font-face files and its class -> font rules, read from its stylesheet."""

    def __init__(self, css: str) -> None:
        if other := [a for a in re.findall(r"@[\w-]+[^{;]*", css) if a.strip() != "@font-face"]:
            raise PluginError(f"hooks/font_preload.py: an at-rule of KaTeX's stylesheet it does not"
                              f" know: {other[0]}")
        self.faces: dict[str, dict[tuple[int, str], str]] = {}  # family -> (weight, style) -> file
        for face in FONT_FACE.findall(css):
            props = {name: value for name, value in FONT_DECLARATION.findall(face)}
            file = re.search(r"url\(\s*['\"]?([^'\")]+\.woff2)", face)
            weight, style = WEIGHTS.get(props.get("font-weight", "400")), props.get("font-style")
            if not file or weight is None or style not in ("normal", "italic"):
                raise PluginError(f"hooks/font_preload.py: an @font-face it cannot read: {face}")
            family = props["font-family"].strip("'\"")
            self.faces.setdefault(family, {})[(weight, style)] = file.group(1)
        ranked = []
        for order, (selectors, body) in enumerate(RULE.findall(FONT_FACE.sub("", css))):
            if not (declared := FONT_DECLARATION.findall(body)):
                continue
            try:
                family, weight, style = _declared(declared)
                if family is not None and family not in self.faces:
                    raise KeyError(family)
            except (KeyError, StopIteration):  # a value, or a family without @font-face
                raise PluginError(f"hooks/font_preload.py: a KaTeX font rule it cannot read: "
                                  f"{selectors.strip()}{{{body}}}") from None
            for selector in selectors.split(","):
                if not (shape := SELECTOR.fullmatch(selector.strip())):
                    raise PluginError(f"hooks/font_preload.py: a KaTeX font rule of a shape it does"
                                      f" not know: {selector.strip()}{{{body}}}")
                compounds = [frozenset({"katex"})] + [
                    frozenset(c.split(".")[1:]) for c in shape.group(1).split()
                ]
                rule = Rule(compounds, bool(shape.group(2)), family, weight, style)
                ranked.append(((sum(map(len, compounds)), rule.child_span, order), rule))
        self.rules = [rule for _, rule in sorted(ranked, key=lambda r: r[0])]  # by specificity

    def file(self, font: Font) -> str:
        """The @font-face file CSS font matching picks for ``font``. KaTeX's faces have weights 400
        and 700 and styles normal and italic, so where the family lacks one asked for, the
        browser takes the other: style first, then weight."""
        family, weight, style = font
        faces = self.faces[family]
        style = style if any(s == style for _, s in faces) else OTHER[style]
        return faces.get((weight, style)) or faces[(OTHER[weight], style)]

    def font(self, stack: list[_Element], inherited: Font) -> Font:
        """The font of the element on top of ``stack`` (its ancestors below it)."""
        family, weight, style = inherited
        for rule in self.rules:  # in ascending specificity: the last that matches wins
            if _matches(rule, stack):
                family = rule.family or family
                weight, style = rule.weight or weight, rule.style or style
        return family, weight, style


def _matches(rule: Rule, stack: list[_Element]) -> bool:
    i = len(stack) - 1
    if rule.child_span:
        if stack[i].tag != "span":
            return False
        i -= 1
    if i < 0 or not rule.compounds[-1] <= stack[i].classes:
        return False
    for compound in rule.compounds[-2::-1]:  # descendant combinators: the nearest ancestor will do
        i = next((j for j in range(i - 1, -1, -1) if compound <= stack[j].classes), -1)
        if i < 0:
            return False
    return True


class _Element:
    __slots__ = ("tag", "classes", "font", "drawn", "hidden", "closed", "tabs")

    def __init__(self, tag: str, classes: frozenset[str], hidden: bool = False) -> None:
        self.tag, self.classes, self.hidden = tag, classes, hidden  # hidden: not on a first visit
        self.font: Font | None = None  # inside .katex
        self.drawn = False  # its text is laid out as math
        self.closed = False  # a <details> without ``open``
        self.tabs = 0  # content tabs among its children so far


# The page's HTML as tokens: comments and script/style elements (skipped whole), tags, text.
TOKEN = re.compile(
    r"<!--.*?-->|<(script|style)\b.*?</\1\s*>"
    r"|<(?P<end>/?)(?P<tag>[a-zA-Z][\w:-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|(?P<text>[^<]+)",
    re.DOTALL | re.IGNORECASE,
)
CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")  # or unquoted
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param"}


def fonts_used(output: str, fonts: KatexFonts) -> tuple[list[str], dict[str, set[str]]]:
    """The font files (as the stylesheet names them) of the math a first visit lays out; and for
    each file, the characters of all the page's math drawn with it (a closed <details> opens, a
    second tab is picked)."""
    stack: list[_Element] = []
    shown: set[str] = set()
    chars: dict[str, set[str]] = {}
    for token in TOKEN.finditer(output):
        if (text := token.group("text")) is not None:
            if stack and stack[-1].drawn and text.strip(" \t\n\r\f"):
                file = fonts.file(stack[-1].font)
                chars.setdefault(file, set()).update(html.unescape(text))
                if not stack[-1].hidden:
                    shown.add(file)
            continue
        if (tag := (token.group("tag") or "").lower()) and token.group("end"):
            for i in range(len(stack) - 1, -1, -1):
                if stack[i].tag == tag:
                    del stack[i:]
                    break
        elif tag:
            attrs = token.group("attrs")
            classes = frozenset("".join(c.groups("")).split() if (c := CLASS.search(attrs)) else ())
            parent = stack[-1] if stack else _Element("", frozenset())
            hidden = parent.hidden or parent.closed and tag != "summary"  # a closed <details>
            element = _Element(tag, classes, hidden)
            if "tabbed-block" in classes:  # only a set's first tab shows on a first visit
                element.hidden |= parent.tabs > 0
                parent.tabs += 1
            element.closed = tag == "details" and not re.search(
                r"(?:^|\s)open\b", re.sub(r"\"[^\"]*\"|'[^']*'", "", attrs))
            stack.append(element)
            if parent.font or "katex" in classes:
                element.font = fonts.font(stack, parent.font or ("", 400, "normal"))
                element.drawn = tag != "annotation" and (parent.drawn or bool(
                    classes & {"katex-html", "katex-mathml"}))  # <annotation>: the TeX source
                for counter in PSEUDO_TEXT.keys() & classes:  # drawn by katex.min.css's ::before
                    chars.setdefault(fonts.file(element.font), set()).update(PSEUDO_TEXT[counter])
            if tag in VOID or attrs.rstrip().endswith("/"):
                stack.pop()
    return sorted(shown), chars


STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]*?)([^"/]+\.css)"\s*/?>')
_katex: dict[str, typing.Any] = {}  # the KaTeX stylesheet: its path in docs/ and its fonts
_glyphs: dict[str, set[str]] = {}  # font file -> the characters this build's math draws with it
_serving = False  # mkdocs serve: no preloads, fonts whole (a preview needs neither)


def on_startup(command: str, **kwargs: typing.Any) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: typing.Any) -> None:
    _glyphs.clear()
    for css in map(str, config["extra_css"]):
        path = pathlib.Path(config["docs_dir"]) / css
        if path.is_file() and "font-family:KaTeX_" in (text := path.read_text(encoding="utf-8")):
            _katex.update(path=css, fonts=KatexFonts(text))
            return
    raise PluginError("hooks/font_preload.py: no KaTeX stylesheet (@font-face KaTeX_*) in extra_css")


def on_post_page(output: str, page: typing.Any, config: typing.Any) -> str:
    """The page with its font preloads; the characters its math draws are noted, by font file."""
    if _serving or "katex-html" not in output:
        return output
    files, chars = fonts_used(output, _katex["fonts"])
    for file, drawn in chars.items():
        _glyphs.setdefault(file, set()).update(drawn)
    if not files:
        return output
    name = posixpath.basename(_katex["path"])
    link = next((m for m in STYLESHEET.finditer(output) if m.group(2) == name), None)
    if link is None:
        raise PluginError(f"hooks/font_preload.py: {page.file.src_uri} uses KaTeX fonts but does "
                          f"not link {name}")
    first_stylesheet = output.index('<link rel="stylesheet"')
    preloads = "".join(
        f'<link rel="preload" href="{posixpath.normpath(link.group(1) + file)}" as="font" '
        'type="font/woff2" crossorigin>'
        for file in files
    )
    return output[:first_stylesheet] + preloads + "\n" + output[first_stylesheet:]


def on_post_build(config: typing.Any) -> None:
    """Each font file the site's math uses, cut down to the characters it draws (hooks/katex_fonts.py)."""
    if _serving:
        return
    started = time.monotonic()
    folder = posixpath.dirname(_katex["path"])
    sizes = subset_site_fonts(
        pathlib.Path(config["docs_dir"]) / folder, pathlib.Path(config["site_dir"]) / folder, _glyphs
    )
    before, after = sum(b for b, _ in sizes.values()), sum(a for _, a in sizes.values())
    log.info(f"KaTeX fonts: {len(sizes)} subset to the characters the math draws, "
             f"{before / 1000:.0f} KB -> {after / 1000:.0f} KB ({time.monotonic() - started:.2f} s)")
