"""hooks/font_preload.py: which KaTeX font files a page's math needs, and where it leaves math out.

The browser check (tests/browser/test_pages.py, test_fonts_preloaded_are_those_loaded) compares the hook's
preloads with the fonts Chromium loads on every built page. These tests cover what no page of the
site has today (math only in a closed <details> or a second content tab), how KaTeX's class -> font
rules and faces are read and applied, and the build stopping on a font rule the hook does not
understand; on formulas typeset by the site's own KaTeX (hooks/katex.py) with its katex.min.css.
"""

from __future__ import annotations

import re

import pytest
from mkdocs.exceptions import PluginError

from hooks import font_preload
from hooks.katex import render
from tests.conftest import ROOT

CSS = (ROOT / "docs" / "assets" / "vendor" / "katex" / "katex.min.css").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rules() -> font_preload.KatexFonts:
    return font_preload.KatexFonts(CSS)


def used(page: str, rules: font_preload.KatexFonts) -> list[str]:
    """The font files the page preloads (what a first visit lays out)."""
    return font_preload.fonts_used(page, rules)[0]


def math(tex: str, display: bool = False) -> str:
    return render(tex, display, "tests/test_font_preload.py")


def test_every_font_face_of_the_stylesheet_is_read(rules: font_preload.KatexFonts) -> None:
    assert sorted(f for faces in rules.faces.values() for f in faces.values()) == sorted(
        f"fonts/{p.name}" for p in (ROOT / "docs/assets/vendor/katex/fonts").glob("*.woff2")
    )


def test_different_math_needs_different_fonts(rules: font_preload.KatexFonts) -> None:
    plain = set(used(math("x + 1"), rules))
    assert plain, "typeset math uses some KaTeX font"
    for tex, display in [(r"\mathbf{x}", False), (r"\sum_i x_i", True), (r"\mathcal{L}", False),
                         (r"\texttt{ab}", False), (r"\left(\frac{a}{b}\right)", True)]:
        fonts = set(used(math(tex, display), rules))
        assert fonts and fonts != plain, (tex, fonts)
        # the stylesheet names every file it picks
        assert fonts <= {f for faces in rules.faces.values() for f in faces.values()}


def test_math_a_first_visit_does_not_lay_out_is_left_out(rules: font_preload.KatexFonts) -> None:
    shown, bold = math("x"), math(r"\mathbf{W}")
    only_shown = used(shown, rules)
    both = used(shown + bold, rules)
    assert set(both) > set(only_shown)  # the bold formula needs a font of its own

    closed = f"{shown}<details><summary>More</summary><p>{bold}</p></details>"
    opened = f"{shown}<details open><summary>More</summary><p>{bold}</p></details>"
    in_summary = f"{shown}<details><summary>{bold}</summary><p>text</p></details>"
    assert used(closed, rules) == only_shown
    assert used(opened, rules) == both
    assert used(in_summary, rules) == both

    def tabs(first: str, second: str) -> str:
        return (
            '<div class="tabbed-set tabbed-alternate">'
            '<input checked="checked" id="a" type="radio" /><input id="b" type="radio" /><div class="tabbed-labels"><label for="a">A</label>'
            '<label for="b">B</label></div><div class="tabbed-content">'
            f'<div class="tabbed-block"><p>{first}</p></div>'
            f'<div class="tabbed-block"><p>{second}</p></div></div></div>'
        )

    assert used(tabs(shown, bold), rules) == only_shown
    assert used(tabs(bold, shown), rules) == used(bold, rules)
    assert used(tabs(bold, shown), rules) != only_shown


def test_the_preloads_go_before_the_stylesheets_with_the_page_relative_path() -> None:
    font_preload.on_config({"docs_dir": str(ROOT / "docs"),
                            "extra_css": ["assets/vendor/katex/katex.min.css", "x.css"]})
    page = type("Page", (), {"file": type("File", (), {"src_uri": "a/b.md"})()})()
    head = ('<head><meta charset="utf-8"><link rel="stylesheet" href="../../assets/main.css">'
            '<link rel="stylesheet" href="../../assets/vendor/katex/katex.min.css"></head>')
    out = font_preload.on_post_page(f"{head}<body>{math('x')}</body>", page, {})
    preloads = out[: out.index('<link rel="stylesheet"')]
    expected = used(math("x"), font_preload._katex["fonts"])
    for file in expected:
        assert (f'<link rel="preload" href="../../assets/vendor/katex/{file}" as="font" '
                'type="font/woff2" crossorigin>') in preloads
    assert preloads.count("<link") == len(expected)
    without_math = f"{head}<body><p>no math</p></body>"
    assert font_preload.on_post_page(without_math, page, {}) == without_math


@pytest.mark.parametrize(("tex", "file"), [
    (r"\boldsymbol{x}", "KaTeX_Math-BoldItalic"),  # .katex .boldsymbol: family, style and weight
    (r"\mathsf{\textbf{a}}", "KaTeX_Main-Bold"),  # the inner rule sets the family again
    (r"\textsf{\textbf{a}}", "KaTeX_SansSerif-Bold"),  # .textbf sets the weight only
    (r"\Bigg(", "KaTeX_Size4-Regular"),  # .katex .delimsizing.size4: a compound of two classes
    (r"\mathrm{x}", "KaTeX_Main-Regular"),  # .mathrm (style normal) over .katex's inherited font
])
def test_each_formula_is_drawn_with_the_font_of_katexs_rules(
    rules: font_preload.KatexFonts, tex: str, file: str
) -> None:
    assert f"fonts/{file}.woff2" in used(math(tex), rules)


def test_a_missing_face_is_matched_as_css_does_style_first(rules: font_preload.KatexFonts) -> None:
    assert rules.file(("KaTeX_AMS", 700, "italic")) == "fonts/KaTeX_AMS-Regular.woff2"
    assert rules.file(("KaTeX_SansSerif", 700, "italic")) == "fonts/KaTeX_SansSerif-Italic.woff2"
    assert rules.file(("KaTeX_Math", 400, "normal")) == "fonts/KaTeX_Math-Italic.woff2"
    assert rules.file(("KaTeX_Main", 700, "italic")) == "fonts/KaTeX_Main-BoldItalic.woff2"


def test_the_child_span_rule_applies_to_a_span_under_the_named_parent() -> None:
    """KaTeX's ``.katex .delimsizing.mult .delim-size1>span`` (a tall delimiter's pieces)."""
    fonts = font_preload.KatexFonts(CSS)
    page = ('<span class="katex"><span class="katex-html"><span class="delimsizing mult">'
            '<span class="delim-size1"><span>(</span><i>[</i></span></span></span></span>')
    assert font_preload.fonts_used(page, fonts)[1] == {
        "fonts/KaTeX_Size1-Regular.woff2": {"("}, "fonts/KaTeX_Main-Regular.woff2": {"["}}
    not_under = page.replace('class="delimsizing mult"', 'class="delimsizing"')
    assert font_preload.fonts_used(not_under, fonts)[1] == {"fonts/KaTeX_Main-Regular.woff2": {"(", "["}}


def test_the_more_specific_rule_wins_over_a_later_one() -> None:
    """KaTeX's font rules never contend by specificity today; a re-vendored stylesheet may."""
    fonts = font_preload.KatexFonts(CSS + ".katex .mathnormal{font-family:KaTeX_Main}")
    page = ('<span class="katex"><span class="katex-html">'
            '<span class="delimsizing size1 mathnormal">(</span></span></span>')
    assert font_preload.fonts_used(page, fonts)[0] == ["fonts/KaTeX_Size1-Regular.woff2"]


@pytest.mark.parametrize("rule", [
    ".katex .mord:hover{font-family:KaTeX_Main}",  # a pseudo-class
    ".katex>.mord{font-weight:700}",  # a child combinator elsewhere than before a span
    ".base .mord{font-style:italic}",  # not under .katex
    ".katex .mord{font-weight:lighter}",  # a value it cannot match to a face
    ".katex .mord{font-style:oblique}",
    ".katex .mord{font-family:Nowhere}",  # a family with no @font-face
    "@media print{.katex .mord{font-weight:700}}",
])
def test_a_font_rule_it_does_not_understand_stops_the_build(rule: str) -> None:
    with pytest.raises(PluginError, match=f"hooks/font_preload.py: .*{re.escape(rule.split('{')[0])}"):
        font_preload.KatexFonts(CSS + rule)
    font_preload.KatexFonts(CSS + ".katex .mord{color:red}")  # not a font rule: no matter
