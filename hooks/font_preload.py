"""MkDocs hook: preload the KaTeX fonts a page's visible math uses, and cut them to what it draws.

Without a preload the browser learns which fonts a formula needs only after its first layout, and
the formulas change width when they arrive: the text around them shifts. The fonts are read off the
typeset math with KaTeX's class -> font rules (RULES). Math a first visit does not lay out (a closed
``<details>``, a content tab other than the first) is not preloaded, as the browser would not load
its fonts; its characters still count for the font subsets cut after the build.

KaTeX's fonts hold every glyph TeX might ask for, of which a page draws a few dozen: a formula-heavy
page loaded ~107 KB of them whole. Each font the math uses is replaced in the built site by a subset
that keeps those glyphs exactly (outlines, widths, hinting, font-wide metrics), plus the spaces and
the glyphs FreeType's auto-hinter measures. Same font and characters, same bytes.
"""

from __future__ import annotations

import dataclasses
import html
import io
import logging
import pathlib
import re
import typing

from fontTools import subset
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.font_preload")
KATEX = "assets/vendor/katex/"
FONTS = pathlib.Path(__file__).resolve().parent.parent / "docs" / KATEX / "fonts"

# KaTeX's font rules (katex.min.css; tests/test_font_preload.py compares): classes -> what they set
# (a family, bold, italic or normal style), the rest inherited; .katex itself is Main. Applied in
# this order: the rules of two classes (on one element) are more specific, so they come last.
# ".delim-size1" stands for ".delimsizing.mult .delim-size1>span", the only child KaTeX puts in it.
RULES = {
    "textbf": "bold", "textit": "italic", "textrm": "Main", "textsf": "SansSerif",
    "texttt": "Typewriter", "mathnormal": "Math italic", "mathit": "Main italic",
    "mathrm": "normal", "mathbf": "Main bold", "boldsymbol": "Math italic bold",
    "amsrm": "AMS", "mathbb": "AMS", "textbb": "AMS", "mathcal": "Caligraphic",
    "mathfrak": "Fraktur", "textfrak": "Fraktur", "mathboldfrak": "Fraktur bold",
    "textboldfrak": "Fraktur bold", "mathtt": "Typewriter", "mathscr": "Script",
    "textscr": "Script", "mathsf": "SansSerif", "mathboldsf": "SansSerif bold",
    "textboldsf": "SansSerif bold", "mathitsf": "SansSerif italic",
    "mathsfit": "SansSerif italic", "textitsf": "SansSerif italic", "mainrm": "Main normal",
    "delimsizing.size1": "Size1", "delimsizing.size2": "Size2", "delimsizing.size3": "Size3",
    "delimsizing.size4": "Size4", "delim-size1": "Size1", "delim-size4": "Size4",
    "op-symbol.small-op": "Size1", "op-symbol.large-op": "Size2",
}
PSEUDO_TEXT = {"eqn-num": "()0123456789", "mml-eqn-num": "()0123456789"}  # "(" counter ")"
STYLES = ["Regular", "Bold", "Italic", "BoldItalic"]  # KaTeX's file names
FILES = {path.name for path in FONTS.glob("*.woff2")}

Font = tuple[str, bool, bool]  # family, bold, italic


def apply(font: Font, rule: str) -> Font:
    family, bold, italic = font
    for word in rule.split():
        if word == "bold":
            bold = True
        elif word in ("italic", "normal"):
            italic = word == "italic"
        else:
            family = word
    return family, bold, italic


def font_file(font: Font) -> str:
    """The file CSS font matching picks: where the family lacks the face, style first, then weight
    (KaTeX's faces have weights 400 and 700, styles normal and italic)."""
    family, bold, italic = font

    def name(bold: bool, italic: bool) -> str:
        return f"KaTeX_{family}-{STYLES[bold + 2 * italic]}.woff2"

    if name(False, italic) not in FILES and name(True, italic) not in FILES:
        italic = not italic
    if name(bold, italic) not in FILES:
        bold = not bold
    return "fonts/" + name(bold, italic)


@dataclasses.dataclass(slots=True)
class _Element:
    tag: str
    hidden: bool = False  # not laid out on a first visit
    font: Font | None = None  # inside .katex
    drawn: bool = False  # its text is laid out as math (not KaTeX's <annotation>, the TeX source)
    closed: bool = False  # a <details> without open
    tabs: int = 0  # content tabs among its children so far


# The page as comments, script/style elements (skipped whole), tags and text.
TOKEN = re.compile(
    r"<!--.*?-->|<(script|style)\b.*?</\1\s*>"
    r"|<(?P<end>/?)(?P<tag>[a-zA-Z][\w:-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|(?P<text>[^<]+)",
    re.DOTALL | re.IGNORECASE,
)
CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param"}


def fonts_used(page: str, rules: dict = RULES) -> tuple[list[str], dict[str, set[str]]]:
    """The font files a first visit of ``page`` lays out, and the characters all its math draws
    with each: KaTeX's HTML and its MathML copy (clipped, but laid out), not the TeX source.
    ``rules``: RULES, with other class names where the markup has them."""
    rules = {frozenset(key.split(".")): value for key, value in rules.items()}
    named = set().union(*rules)
    stack, shown, chars = [_Element("")], set(), {}
    for token in TOKEN.finditer(page):
        top = stack[-1]
        if (text := token["text"]) is not None:
            if top.drawn and text.strip(" \t\n\r\f"):
                file = font_file(top.font)
                chars.setdefault(file, set()).update(html.unescape(text))
                if not top.hidden:
                    shown.add(file)
        elif token["end"]:
            tag = token["tag"].lower()
            for i in range(len(stack) - 1, 0, -1):
                if stack[i].tag == tag:
                    del stack[i:]
                    break
        elif tag := (token["tag"] or "").lower():
            attrs = token["attrs"]
            classes = set("".join(c.groups("")).split() if (c := CLASS.search(attrs)) else ())
            element = _Element(tag, top.hidden or top.closed and tag != "summary")
            if "tabbed-block" in classes:  # only a set's first tab shows on a first visit
                element.hidden |= top.tabs > 0
                top.tabs += 1
            element.closed = tag == "details" and not re.search(
                r"\sopen\b", re.sub(r"\"[^\"]*\"|'[^']*'", "", attrs))
            if top.font or "katex" in classes:
                element.font = top.font or ("Main", False, False)
                for key, rule in rules.items() if classes & named else ():
                    if key <= classes:
                        element.font = apply(element.font, rule)
                element.drawn = tag != "annotation" and (
                    top.drawn or bool(classes & {"katex-html", "katex-mathml"}))
                for counter in PSEUDO_TEXT.keys() & classes:  # drawn by the stylesheet's ::before
                    chars.setdefault(font_file(element.font), set()).update(PSEUDO_TEXT[counter])
            if tag not in VOID and not attrs.rstrip().endswith("/"):
                stack.append(element)
    return sorted(shown), chars


ALWAYS = " \u00a0"  # spaces: drawn in the font's width even where no text node shows them
# FreeType's auto-hinter (Chromium on Linux) measures a script's blue zones and stem widths on these
# glyphs (its afblue.dat): without them the kept glyphs were hinted a pixel off here and there.
# Latin's always; Greek's or Cyrillic's when the subset has a letter of that script.
AUTOHINT_LATIN = "THEZOCQS" "HEZLOCUS" "fijkdbh" "uvxzoesc" "nrxzoesc" "pqgjy" "oO0" "0123456789"
AUTOHINT_SCRIPTS = [
    (((0x0370, 0x03FF), (0x1F00, 0x1FFF)),
     "ΓΒΕΖΘΟΩ" "ΒΔΖΞΘΟ" "βθδζλξ" "αειοπστω" "βγημρφχψ" "οΟ"),
    (((0x0400, 0x052F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F)),
     "БВЕПЗОСЭ" "БВЕШЗОСЭ" "хпншезос" "руф" "оО"),
]


def subset_text(chars: str) -> str:
    """What a subset for ``chars`` keeps: those, the spaces, the auto-hinter's reference glyphs."""
    kept = set(chars) | set(ALWAYS) | set(AUTOHINT_LATIN)
    for ranges, reference in AUTOHINT_SCRIPTS:
        if any(lo <= ord(c) <= hi for c in chars for lo, hi in ranges):
            kept |= set(reference)
    return "".join(sorted(kept))


def subset_font(font: bytes, chars: str) -> bytes:
    """The woff2 ``font`` with only the glyphs of ``subset_text(chars)``."""
    options = subset.Options(flavor="woff2", layout_features=["*"], legacy_kern=True,
                             notdef_outline=True, name_IDs=["*"], name_languages=["*"],
                             hinting=True)
    loaded = subset.load_font(io.BytesIO(font), options, dontLoadGlyphNames=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=subset_text(chars))
    subsetter.subset(loaded)
    out = io.BytesIO()
    subset.save_font(loaded, out, options)
    return out.getvalue()


STYLESHEET = re.compile(rf'<link rel="stylesheet" href="([^"]*){KATEX}katex\.min\.css"')
_glyphs: dict[str, set[str]] = {}  # font file -> the characters this build's math draws with it
_serving = False  # mkdocs serve: no preloads, fonts whole (a preview needs neither)


def on_startup(command: str, **kwargs: typing.Any) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: typing.Any) -> None:
    _glyphs.clear()


def on_post_page(output: str, page: typing.Any, config: typing.Any) -> str:
    if _serving or "katex-html" not in output:
        return output
    files, chars = fonts_used(output)
    for file, drawn in chars.items():
        _glyphs.setdefault(file, set()).update(drawn)
    if not files:
        return output
    if not (link := STYLESHEET.search(output)):
        raise PluginError(f"{page.file.src_uri}: math, but no link to katex.min.css")
    root = link[1] + KATEX
    first_stylesheet = output.index('<link rel="stylesheet"')
    preloads = "".join(f'<link rel="preload" href="{root}{file}" as="font" type="font/woff2" '
                       "crossorigin>" for file in files)
    return output[:first_stylesheet] + preloads + "\n" + output[first_stylesheet:]


def on_post_build(config: typing.Any) -> None:
    """Each font file the math draws with, in the built site, as the subset of KaTeX's whole font
    (the one in docs/, not what an earlier build left)."""
    if _serving:
        return
    sizes = []
    for file, used in sorted(_glyphs.items()):
        font = (FONTS.parent / file).read_bytes()
        data = subset_font(font, "".join(sorted(used)))
        pathlib.Path(config["site_dir"], KATEX, file).write_bytes(data)
        sizes.append((len(font), len(data)))
    log.info("KaTeX fonts: %d cut to the characters the math draws, %.0f KB -> %.0f KB",
             len(sizes), sum(b for b, _ in sizes) / 1000, sum(a for _, a in sizes) / 1000)
