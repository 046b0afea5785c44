"""MkDocs hook: preload exactly the KaTeX fonts a page uses, so formulas do not shift the layout.

Without it the browser learns which KaTeX font files it needs only after it has the CSS, the HTML
and a first layout: the fonts arrive after the first paint, every formula changes width (KaTeX's
``font-display: block`` lays out with an invisible fallback), and the text around it reflows. On a
busy machine that alone gave a cumulative layout shift (CLS) of 0.06-0.14 on the pages with most
inline math (options/at-a-glance, practice/language-models, training/gradient). A ``<link
rel="preload" as="font" crossorigin>`` in the ``<head>`` starts those downloads with the
stylesheets, so they are there by the first layout (the same pages then measured 0.001-0.04).

Which fonts a page uses is inferred, not listed: the font rules of the KaTeX stylesheet named in
``extra_css`` (``font-family``/``-weight``/``-style`` and the ``font`` shorthand, with their
selectors) are applied to the page's typeset math: ``.katex-html``, what is drawn, and the MathML
copy for screen readers, clipped away but laid out in the ``.katex`` font. Each text run's family,
weight and style is matched to an ``@font-face`` of that stylesheet as CSS font matching does. Math
that a first visit does not lay out is left out: inside a closed ``<details>``, or in a content tab
other than the first. So nothing is preloaded that the page would not load anyway (page weight is
budgeted); tests/browser/test_pages.py checks on every page that the preloaded fonts are exactly those
the browser loaded. Only the site's own files (``assets/vendor/katex/fonts``) are named. It runs
last among the hooks, on the final HTML; ~1.5 s of CPU for a language's 29 pages.

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

FONT_FACE = re.compile(r"@font-face\s*\{([^}]*)\}")
RULE = re.compile(r"([^{}@;]+)\{([^{}]*)\}")
URL_WOFF2 = re.compile(r"url\(\s*['\"]?([^'\")]+\.woff2)['\"]?\s*\)")
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]*?)([^"/]+\.css)"\s*/?>')
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param"}

Font = tuple[str, int, str]  # family, weight, style
PSEUDO_TEXT = {"eqn-num": "()0123456789", "mml-eqn-num": "()0123456789"}  # content: "(" counter ")"


class Rule(typing.NamedTuple):
    # compounds from right to left, each (tag or "", classes), with the combinator to its left one
    parts: list[tuple[str, frozenset[str], str]]
    specificity: tuple[int, int]
    order: int
    family: str | None
    weight: int | None
    style: str | None
    context: frozenset[str]  # the classes the selector asks of ancestors
    simple: bool  # two class-only compounds, descendant: ".a .b"


def _weight(value: str) -> int | None:
    value = value.strip().lower()
    return {"normal": 400, "bold": 700}.get(value, int(value) if value.isdigit() else None)


def _declarations(body: str) -> tuple[str | None, int | None, str | None]:
    family = weight = style = None
    for declaration in body.split(";"):
        name, _, value = declaration.partition(":")
        name, value = name.strip().lower(), value.strip()
        if name == "font-family":
            family = value.split(",")[0].strip().strip("'\"")
        elif name == "font-weight":
            weight = _weight(value)
        elif name == "font-style":
            style = value.lower()
        elif name == "font":  # shorthand: [style] [variant] [weight] size[/line-height] family, ...
            words, _, families = value.partition(",")
            tokens = words.split()
            family_start = next(i for i, t in enumerate(tokens) if re.match(r"[\d.]", t)) + 1
            family = " ".join(tokens[family_start:]).strip("'\"")
            style, weight = "normal", 400  # the shorthand resets what it does not name
            for token in tokens[: family_start - 1]:
                if token in ("italic", "oblique"):
                    style = token
                elif _weight(token) is not None and token != "normal":
                    weight = _weight(token)
    return family, weight, style


def _selector(text: str) -> list[tuple[str, frozenset[str], str]] | None:
    """'.katex .a.b>span' -> [('span', {}, '>'), ('', {a, b}, ' '), ('', {katex}, '')], or None."""
    tokens = re.findall(r"\s*(>)\s*|\s+|([a-z]*(?:\.[\w-]+)*)", text.strip())
    parts: list[tuple[str, frozenset[str], str]] = []
    combinator = ""
    for child, compound in tokens:
        if child:
            combinator = ">"
        elif compound:
            tag, *classes = compound.split(".")
            parts.append((tag, frozenset(classes), combinator))
            combinator = " "
        elif parts:
            combinator = combinator if combinator == ">" else " "
    if not parts or re.sub(r"[\s>]|[a-z]*(?:\.[\w-]+)*", "", text.strip()):
        return None  # attribute selectors, pseudo-classes...: not in KaTeX's font rules
    return parts[::-1]  # each compound with the combinator to its left, rightmost first


class FontRules:
    """The font rules and @font-face files of one stylesheet."""

    def __init__(self, css: str) -> None:
        self.faces: dict[Font, str] = {}
        for face in FONT_FACE.findall(css):
            props = dict(
                (k.strip().lower(), v.strip()) for k, _, v in
                (d.partition(":") for d in re.split(r";(?![^(]*\))", face)) if k.strip()
            )
            url = URL_WOFF2.search(props.get("src", ""))
            if url and "font-family" in props:
                family = props["font-family"].strip("'\"")
                key = (family, _weight(props.get("font-weight", "400")) or 400,
                       props.get("font-style", "normal"))
                self.faces[key] = url.group(1)
        self.rules: list[Rule] = []
        for order, (selectors, body) in enumerate(RULE.findall(FONT_FACE.sub("", css))):
            family, weight, style = _declarations(body)
            if family is None and weight is None and style is None:
                continue
            for text in selectors.split(","):
                parts = _selector(text)
                if parts is None:
                    continue
                specificity = (sum(len(c) for _, c, _ in parts), sum(bool(t) for t, _, _ in parts))
                context = frozenset().union(*(classes for _, classes, _ in parts[1:]))
                simple = len(parts) == 2 and parts[0][2] == " " and not parts[0][0] + parts[1][0]
                self.rules.append(
                    Rule(parts, specificity, order, family, weight, style, context, simple)
                )
        self.rules.sort(key=lambda r: (r.specificity, r.order))
        self.context = frozenset().union(*(rule.context for rule in self.rules))

    def face(self, font: Font) -> str | None:
        """The @font-face file CSS font matching picks for (family, weight, style), if any."""
        family, weight, style = font
        faces = [key for key in self.faces if key[0] == family]
        if not faces:
            return None
        order = {
            "normal": ["normal", "oblique", "italic"],
            "italic": ["italic", "oblique", "normal"],
            "oblique": ["oblique", "italic", "normal"],
        }[style]
        best_style = min({k[2] for k in faces}, key=lambda s: order.index(s) if s in order else 9)
        weights = [k[1] for k in faces if k[2] == best_style]

        def rank(w: int) -> tuple[int, int]:  # CSS Fonts 4 font-weight matching, in order
            if 400 <= weight <= 500:
                if weight <= w <= 500:
                    return (0, w)
                return (1, -w) if w < weight else (2, w)
            if weight < 400:
                return (0, -w) if w <= weight else (1, w)
            return (0, w) if w >= weight else (1, -w)

        return self.faces[(family, min(weights, key=rank), best_style)]


def _matches(
    parts: list[tuple[str, frozenset[str], str]], stack: list[tuple[str, frozenset[str]]]
) -> bool:
    """Does the element at the top of `stack` (its ancestors below it) match the selector?"""

    def match(part_index: int, element_index: int) -> bool:
        tag, classes, combinator = parts[part_index]
        element_tag, element_classes = stack[element_index]
        if (tag and tag != element_tag) or not classes <= element_classes:
            return False
        if part_index + 1 == len(parts):
            return True
        if combinator == ">":
            return element_index > 0 and match(part_index + 1, element_index - 1)
        return any(match(part_index + 1, i) for i in range(element_index - 1, -1, -1))

    return match(0, len(stack) - 1)


# The page's HTML as tokens: comments and script/style elements (skipped whole), tags, text.
TOKEN = re.compile(
    r"<!--.*?-->|<(script|style)\b.*?</\1\s*>"
    r"|<(?P<end>/?)(?P<tag>[a-zA-Z][\w:-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|(?P<text>[^<]+)",
    re.DOTALL | re.IGNORECASE,
)
CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")  # or unquoted
QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")


class _Frame:
    __slots__ = ("tag", "classes", "font", "math", "source", "hidden", "closed_details", "tabs",
                 "context")

    def __init__(
        self, tag: str, classes: frozenset[str], parent: _Frame | None, context: frozenset[str]
    ) -> None:
        self.tag, self.classes, self.tabs = tag, classes, 0
        # the classes that rules ask of an ancestor, found on this element or one above it
        above = parent.context if parent else frozenset()
        self.context = above | (classes & context) if classes & context - above else above
        self.font: Font | None = parent.font if parent else None
        # math whose text is laid out: KaTeX's HTML, and its MathML copy (clipped to nothing, but
        # laid out, in the .katex font) apart from the TeX source (<annotation>, display: none)
        self.math = bool(parent and parent.math) or bool(classes & {"katex-html", "katex-mathml"})
        self.source = bool(parent and parent.source) or tag == "annotation"  # never laid out
        self.hidden = bool(parent and parent.hidden) or self.source  # or not on a first visit
        self.closed_details = False


def _walk(output: str, rules: FontRules) -> tuple[set[str], dict[str, set[str]]]:
    """The font files the typeset math on a page is drawn with, where a first visit shows it; and
    for each file, the characters of all the page's math drawn with it (shown or not: a closed
    <details> opens, a second tab is picked)."""
    stack: list[_Frame] = []
    files: set[str] = set()
    chars: dict[str, set[str]] = {}
    for token in TOKEN.finditer(output):
        tag = token.group("tag")
        if tag is None:
            text = token.group("text")
            if text and stack and stack[-1].math and not stack[-1].source and stack[-1].font:
                if text.strip(" \t\n\r\f") and (file := rules.face(stack[-1].font)):
                    chars.setdefault(file, set()).update(html.unescape(text))
                    if not stack[-1].hidden:
                        files.add(file)
            continue
        tag = tag.lower()
        if token.group("end"):
            for i in range(len(stack) - 1, -1, -1):
                if stack[i].tag == tag:
                    del stack[i:]
                    break
            continue
        attrs = token.group("attrs")
        found = CLASS.search(attrs)
        classes = frozenset("".join(found.groups("")).split() if found else ())
        parent = stack[-1] if stack else None
        frame = _Frame(tag, classes, parent, rules.context)
        if parent and "tabbed-block" in classes:  # only a set's first tab shows on a first visit
            frame.hidden = frame.hidden or parent.tabs > 0
            parent.tabs += 1
        if parent and parent.closed_details and tag != "summary":
            frame.hidden = True
        if tag == "details":
            frame.closed_details = not re.search(r"(?:^|\s)open\b", QUOTED.sub("", attrs))
        stack.append(frame)
        if frame.math or "katex" in classes:
            candidates = [  # a rule's rightmost compound must name this element
                rule for rule in rules.rules
                if rule.parts[0][1] <= classes and rule.parts[0][0] in ("", tag)
            ]
            above = parent.context if parent else frozenset()
            candidates = [rule for rule in candidates if rule.context <= above]
            if candidates:
                path = [(f.tag, f.classes) for f in stack]
                family, weight, style = frame.font or (None, 400, "normal")
                for rule in candidates:  # ascending specificity: the last match wins
                    # ".a .b": the element is .b (candidates), an ancestor is .a (context)
                    if rule.simple or _matches(rule.parts, path):
                        family = rule.family or family
                        weight = rule.weight or weight
                        style = rule.style or style
                frame.font = (family, weight, style) if family else None
            # text that katex.min.css draws from a ::before (KaTeX's automatic equation numbers)
            if (counter := PSEUDO_TEXT.keys() & classes) and frame.font and not frame.source:
                if file := rules.face(frame.font):
                    chars.setdefault(file, set()).update(*(PSEUDO_TEXT[c] for c in counter))
        if tag in VOID or attrs.rstrip().endswith("/"):
            stack.pop()
    return files, chars


_rules: dict[str, typing.Any] = {}
_glyphs: dict[str, set[str]] = {}  # font file -> the characters this build's math draws with it
_serving = False  # mkdocs serve: no preloads, fonts whole (a preview needs neither)


def on_startup(command: str, **kwargs: typing.Any) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: typing.Any) -> None:
    docs = pathlib.Path(config["docs_dir"])
    _glyphs.clear()
    for css in config["extra_css"]:
        path = docs / str(css)
        if path.is_file() and "@font-face" in (text := path.read_text(encoding="utf-8")):
            rules = FontRules(text)
            if any(family.startswith("KaTeX_") for family, _, _ in rules.faces):
                _rules.clear()
                _rules.update(name=posixpath.basename(str(css)), path=str(css), rules=rules)
                return
    raise PluginError("hooks/font_preload.py: no KaTeX stylesheet (@font-face KaTeX_*) in extra_css")


def fonts_used(output: str, rules: FontRules) -> list[str]:
    """The woff2 files (as the stylesheet names them) the page's visible math is drawn with."""
    if "katex-html" not in output:
        return []
    return sorted(_walk(output, rules)[0])


def glyphs_used(output: str, rules: FontRules) -> dict[str, set[str]]:
    """For each woff2 file (as the stylesheet names it), the characters the page's math draws with
    it: all of its math, also what a first visit does not show."""
    if "katex-html" not in output:
        return {}
    return _walk(output, rules)[1]


def on_post_page(output: str, page: typing.Any, config: typing.Any) -> str:
    if _serving:
        return output
    output, chars = preload(output, page)
    for file, used in chars.items():
        _glyphs.setdefault(file, set()).update(used)
    return output


def preload(output: str, page: typing.Any) -> tuple[str, dict[str, set[str]]]:
    """The page with its font preloads, and the characters its math draws, by font file."""
    if "katex-html" not in output:
        return output, {}
    shown, chars = _walk(output, _rules["rules"])
    files = sorted(shown)
    if not files:
        return output, chars
    link = next((m for m in STYLESHEET.finditer(output) if m.group(2) == _rules["name"]), None)
    if link is None:
        raise PluginError(f"hooks/font_preload.py: {page.file.src_uri} uses KaTeX fonts but does "
                          f"not link {_rules['name']}")
    first_stylesheet = output.index('<link rel="stylesheet"')
    preloads = "".join(
        f'<link rel="preload" href="{posixpath.normpath(link.group(1) + file)}" as="font" '
        'type="font/woff2" crossorigin>'
        for file in files
    )
    return output[:first_stylesheet] + preloads + "\n" + output[first_stylesheet:], chars


def on_post_build(config: typing.Any) -> None:
    """Each font file the site's math uses, cut down to the characters it draws (hooks/katex_fonts.py)."""
    if _serving:
        return
    started = time.monotonic()
    folder = posixpath.dirname(_rules["path"])
    sizes = subset_site_fonts(
        pathlib.Path(config["docs_dir"]) / folder, pathlib.Path(config["site_dir"]) / folder, _glyphs
    )
    before, after = sum(b for b, _ in sizes.values()), sum(a for _, a in sizes.values())
    log.info(f"KaTeX fonts: {len(sizes)} subset to the characters the math draws, "
             f"{before / 1000:.0f} KB -> {after / 1000:.0f} KB ({time.monotonic() - started:.2f} s)")
