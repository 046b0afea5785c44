"""hooks/font_preload.py: which KaTeX font files a page's math needs, and where it leaves math out.

The browser check (tests/browser/test_pages.py, test_fonts_preloaded_are_those_loaded) compares the
hook's preloads with the fonts Chromium loads on every built page. These tests check the hook's
class -> font table against katex.min.css, and cover what no page of the site has today (math only
in a closed <details> or a second content tab), on formulas typeset by the site's own KaTeX.
"""

from __future__ import annotations

import re

import pytest

from hooks import font_preload
from hooks.katex import render
from tests.conftest import ROOT

CSS = (ROOT / "docs" / "assets" / "vendor" / "katex" / "katex.min.css").read_text(encoding="utf-8")
ALL_FILES = {f"fonts/{name}" for name in font_preload.FILES}


def used(page: str) -> list[str]:
    """The font files the page preloads (what a first visit lays out)."""
    return font_preload.fonts_used(page)[0]


def math(tex: str, display: bool = False) -> str:
    return render(tex, display, "tests/test_font_preload.py")


def test_the_rules_are_those_of_katexs_stylesheet() -> None:
    """Each font rule of katex.min.css, written as RULES writes it: a re-vendored KaTeX whose font
    rules changed fails here."""
    found = {}
    rules = re.sub(r"@font-face\{[^}]*\}", "", CSS)
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", rules):
        declared = re.findall(r"(?:^|;)(font|font-family|font-weight|font-style):([^;]*)", body)
        if selectors == ".katex":  # the root: the shorthand
            assert declared == [("font", "normal 1.21em KaTeX_Main,math,Times New Roman,serif")]
        elif declared:
            values = {"700": "bold", "italic": "italic", "normal": "normal"}
            words = {values.get(value) or value.removeprefix("KaTeX_") for _, value in declared}
            for selector in selectors.split(","):
                key = selector.removeprefix(".katex .").removeprefix("delimsizing.mult .")
                found[key.removesuffix(">span")] = words
    assert found == {key: set(rule.split()) for key, rule in font_preload.RULES.items()}
    assert "delim-size1" in found  # from .katex .delimsizing.mult .delim-size1>span


def test_every_font_face_is_found_by_its_file_name() -> None:
    """font_file names a face's file from its family, weight and style: as katex.min.css does."""
    faces = re.findall(r"@font-face\{([^}]*)\}", CSS)
    assert {re.search(r"url\((fonts/[^)]+\.woff2)\)", face)[1] for face in faces} == ALL_FILES
    for face in faces:
        family = re.search(r"font-family:\"?KaTeX_(\w+)", face)[1]
        bold = "font-weight:700" in face
        italic = "font-style:italic" in face
        assert f"url({font_preload.font_file((family, bold, italic))})" in face, face


def test_different_math_needs_different_fonts() -> None:
    plain = set(used(math("x + 1")))
    assert plain, "typeset math uses some KaTeX font"
    for tex, display in [(r"\mathbf{x}", False), (r"\sum_i x_i", True), (r"\mathcal{L}", False),
                         (r"\texttt{ab}", False), (r"\left(\frac{a}{b}\right)", True)]:
        fonts = set(used(math(tex, display)))
        assert fonts and fonts != plain, (tex, fonts)
        # the stylesheet names every file it picks
        assert fonts <= ALL_FILES


def test_math_a_first_visit_does_not_lay_out_is_left_out() -> None:
    shown, bold = math("x"), math(r"\mathbf{W}")
    only_shown = used(shown)
    both = used(shown + bold)
    assert set(both) > set(only_shown)  # the bold formula needs a font of its own

    closed = f"{shown}<details><summary>More</summary><p>{bold}</p></details>"
    opened = f"{shown}<details open><summary>More</summary><p>{bold}</p></details>"
    in_summary = f"{shown}<details><summary>{bold}</summary><p>text</p></details>"
    assert used(closed) == only_shown
    assert used(opened) == both
    assert used(in_summary) == both

    def tabs(first: str, second: str) -> str:
        return (
            '<div class="tabbed-set tabbed-alternate">'
            '<input checked="checked" id="a" type="radio" /><input id="b" type="radio" /><div class="tabbed-labels"><label for="a">A</label>'
            '<label for="b">B</label></div><div class="tabbed-content">'
            f'<div class="tabbed-block"><p>{first}</p></div>'
            f'<div class="tabbed-block"><p>{second}</p></div></div></div>'
        )

    assert used(tabs(shown, bold)) == only_shown
    assert used(tabs(bold, shown)) == used(bold)
    assert used(tabs(bold, shown)) != only_shown


def test_the_preloads_go_before_the_stylesheets_with_the_page_relative_path() -> None:
    font_preload.on_config({})
    page = type("Page", (), {"file": type("File", (), {"src_uri": "a/b.md"})()})()
    head = ('<head><meta charset="utf-8"><link rel="stylesheet" href="../../assets/main.css">'
            '<link rel="stylesheet" href="../../assets/vendor/katex/katex.min.css"></head>')
    out = font_preload.on_post_page(f"{head}<body>{math('x')}</body>", page, {})
    preloads = out[: out.index('<link rel="stylesheet"')]
    expected = used(math("x"))
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
def test_each_formula_is_drawn_with_the_font_of_katexs_rules(tex: str, file: str) -> None:
    assert f"fonts/{file}.woff2" in used(math(tex))


def test_a_missing_face_is_matched_as_css_does_style_first() -> None:
    assert font_preload.font_file(("AMS", True, True)) == "fonts/KaTeX_AMS-Regular.woff2"
    assert font_preload.font_file(("SansSerif", True, True)) == "fonts/KaTeX_SansSerif-Italic.woff2"
    assert font_preload.font_file(("Math", False, False)) == "fonts/KaTeX_Math-Italic.woff2"
    assert font_preload.font_file(("Main", True, True)) == "fonts/KaTeX_Main-BoldItalic.woff2"


def test_a_tall_delimiters_pieces_are_drawn_with_the_size_fonts() -> None:
    """KaTeX's ``.katex .delimsizing.mult .delim-size1>span`` (and size4): a stacked delimiter."""
    for tex, file, pieces in [(r"\left\uparrow \rule{1pt}{8em} \right.", "Size1", "↑⏐"),
                              (r"\left\{ \rule{1pt}{8em} \right.", "Size4", "⎧⎨⎩")]:
        chars = font_preload.fonts_used(math(tex))[1]
        assert set(pieces) <= chars[f"fonts/KaTeX_{file}-Regular.woff2"], (tex, chars)


def test_a_rule_of_two_classes_wins_over_one_of_one() -> None:
    """Specificity: .katex .delimsizing.size1 over .katex .mathnormal, wherever they are written."""
    page = ('<span class="katex"><span class="katex-html">'
            '<span class="delimsizing size1 mathnormal">(</span></span></span>')
    assert font_preload.fonts_used(page)[0] == ["fonts/KaTeX_Size1-Regular.woff2"]
