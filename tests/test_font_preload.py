"""hooks/font_preload.py: which KaTeX font files a page's math needs, and where it leaves math out.

The browser check (tests/browser/test_pages.py, test_fonts_preloaded_are_those_loaded) compares the hook's
preloads with the fonts Chromium loads on every built page. These tests cover what no page of the
site has today (math only in a closed <details> or a second content tab) and the stylesheet reading,
on formulas typeset by the site's own KaTeX (hooks/katex.py) with the site's own katex.min.css.
"""

from __future__ import annotations

import pytest

from hooks import font_preload
from hooks.katex import render
from tests.conftest import ROOT

CSS = (ROOT / "docs" / "assets" / "vendor" / "katex" / "katex.min.css").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def rules() -> font_preload.FontRules:
    return font_preload.FontRules(CSS)


def math(tex: str, display: bool = False) -> str:
    return render(tex, display, "tests/test_font_preload.py")


def test_every_font_face_of_the_stylesheet_is_read(rules: font_preload.FontRules) -> None:
    assert sorted(rules.faces.values()) == sorted(
        f"fonts/{p.name}" for p in (ROOT / "docs/assets/vendor/katex/fonts").glob("*.woff2")
    )


def test_different_math_needs_different_fonts(rules: font_preload.FontRules) -> None:
    plain = set(font_preload.fonts_used(math("x + 1"), rules))
    assert plain, "typeset math uses some KaTeX font"
    for tex, display in [(r"\mathbf{x}", False), (r"\sum_i x_i", True), (r"\mathcal{L}", False),
                         (r"\texttt{ab}", False), (r"\left(\frac{a}{b}\right)", True)]:
        used = set(font_preload.fonts_used(math(tex, display), rules))
        assert used and used != plain, (tex, used)
        # the stylesheet names every file it picks
        assert used <= set(rules.faces.values())


def test_math_a_first_visit_does_not_lay_out_is_left_out(rules: font_preload.FontRules) -> None:
    shown, bold = math("x"), math(r"\mathbf{W}")
    only_shown = font_preload.fonts_used(shown, rules)
    both = font_preload.fonts_used(shown + bold, rules)
    assert set(both) > set(only_shown)  # the bold formula needs a font of its own

    closed = f"{shown}<details><summary>More</summary><p>{bold}</p></details>"
    opened = f"{shown}<details open><summary>More</summary><p>{bold}</p></details>"
    in_summary = f"{shown}<details><summary>{bold}</summary><p>text</p></details>"
    assert font_preload.fonts_used(closed, rules) == only_shown
    assert font_preload.fonts_used(opened, rules) == both
    assert font_preload.fonts_used(in_summary, rules) == both

    def tabs(first: str, second: str) -> str:
        return (
            '<div class="tabbed-set tabbed-alternate">'
            '<input checked="checked" id="a" type="radio" /><input id="b" type="radio" /><div class="tabbed-labels"><label for="a">A</label>'
            '<label for="b">B</label></div><div class="tabbed-content">'
            f'<div class="tabbed-block"><p>{first}</p></div>'
            f'<div class="tabbed-block"><p>{second}</p></div></div></div>'
        )

    assert font_preload.fonts_used(tabs(shown, bold), rules) == only_shown
    assert font_preload.fonts_used(tabs(bold, shown), rules) == font_preload.fonts_used(bold, rules)
    assert font_preload.fonts_used(tabs(bold, shown), rules) != only_shown


def test_the_preloads_go_before_the_stylesheets_with_the_page_relative_path() -> None:
    font_preload.on_config({"docs_dir": str(ROOT / "docs"),
                            "extra_css": ["assets/vendor/katex/katex.min.css", "x.css"]})
    page = type("Page", (), {"file": type("File", (), {"src_uri": "a/b.md"})()})()
    head = ('<head><meta charset="utf-8"><link rel="stylesheet" href="../../assets/main.css">'
            '<link rel="stylesheet" href="../../assets/vendor/katex/katex.min.css"></head>')
    out = font_preload.on_post_page(f"{head}<body>{math('x')}</body>", page, {})
    preloads = out[: out.index('<link rel="stylesheet"')]
    expected = font_preload.fonts_used(math("x"), font_preload._rules["rules"])
    for file in expected:
        assert (f'<link rel="preload" href="../../assets/vendor/katex/{file}" as="font" '
                'type="font/woff2" crossorigin>') in preloads
    assert preloads.count("<link") == len(expected)
    without_math = f"{head}<body><p>no math</p></body>"
    assert font_preload.on_post_page(without_math, page, {}) == without_math
