"""hooks/katex_compact.py: KaTeX's markup in fewer bytes, looking exactly the same."""

from __future__ import annotations

import pathlib
import re

import pytest

from hooks import katex_compact as kc
from hooks.katex import render


ROOT = pathlib.Path(__file__).resolve().parent.parent
KATEX_DIR = ROOT / "docs" / "assets" / "vendor" / "katex"
KATEX_CSS = (KATEX_DIR / "katex.min.css").read_text(encoding="utf-8")
DOCS_CSS = ROOT / "docs" / "assets" / "stylesheets"
OTHER_CSS = "".join(p.read_text(encoding="utf-8") for p in sorted(DOCS_CSS.glob("*.css")))
MAPPING = kc.class_map(KATEX_CSS, OTHER_CSS)
# Fractions, sub/superscripts, a big operator with limits, \operatorname, bold, blackboard, a root,
# an accent and stretchy delimiters: most of KaTeX's kinds of markup.
TEX = (
    r"\frac{\partial \ell}{\partial x_c} = \operatorname{softmax}(x)_c - \mathbb{1}[c=y],\quad "
    r"\ell = -\sum_{c=1}^{C} w_c\, q_c \log \frac{e^{x_c}}{\sum_{j} e^{x_j}}"
    r" + \sqrt{\hat{\mathbf{v}}} \left(\frac{a}{b}\right)"
)


def page(body: str) -> str:
    # with a doctype, as every built page: in quirks mode class names match case-insensitively
    return f'<!doctype html><html><head><link rel="stylesheet" href="../assets/vendor/katex/katex.min.css"></head><body>{body}</body></html>'


def parsed(markup: str, drop: set[tuple[str, str]] = frozenset()) -> list[tuple]:
    """What an HTML parser reads: start tags with their attributes, end tags, text."""
    from html.parser import HTMLParser

    out: list[tuple] = []

    class Reader(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list) -> None:
            out.append(("start", tag, [(k, v) for k, v in attrs if (tag, k) not in drop]))

        def handle_endtag(self, tag: str) -> None:
            out.append(("end", tag))

        def handle_data(self, data: str) -> None:
            out.append(("text", data))

    Reader(convert_charrefs=True).feed(markup)
    return out


def katex_html(html: str) -> str:
    return "".join(html[a:b] for a, b in kc.katex_html(html))


def test_no_inline_style_is_left_and_every_class_has_a_rule() -> None:
    original = page(render(TEX, True) + render("x_c", False))
    out = kc.compact(original, MAPPING, kc.css_classes(OTHER_CSS))
    inner = katex_html(out)
    assert "style=" not in inner
    defined = kc.css_classes(kc.rename_css(KATEX_CSS, MAPPING)) | kc.css_classes(
        "".join(re.findall(r"<style>(.*?)</style>", out))
    )
    used = {
        token
        for value in re.findall(r'class=(?:"([^"]*)"|(\S+?)(?=[\s>]))', inner)
        for token in " ".join(value).split()
    }
    assert used and used <= defined | kc.KEEP, used - defined - kc.KEEP
    # the MathML copy (what screen readers read) parses to the same elements, attributes and text
    # (less the xmlns an HTML parser ignores), in fewer bytes; and the page is smaller
    mathml = re.compile(r'<span class="katex-mathml">.*?</math></span>', re.DOTALL)
    assert len(mathml.findall(out)) == len(mathml.findall(original)) == 2
    for before, after in zip(mathml.findall(original), mathml.findall(out)):
        assert parsed(after) == parsed(before, drop={("math", "xmlns")})
        assert len(after) <= len(before) - 45  # the xmlns, and quotes
    assert len(inner) < 0.6 * len(katex_html(original)), (len(inner), len(katex_html(original)))


def test_short_names_clash_with_no_other_stylesheet() -> None:
    other = kc.css_classes(OTHER_CSS)
    assert not set(MAPPING.values()) & (other | kc.KEEP)
    out = kc.compact(page(render(TEX, True)), MAPPING, other)
    style_names = kc.css_classes("".join(re.findall(r"<style>(.*?)</style>", out)))
    assert style_names and not style_names & other


def test_renamed_stylesheet_keeps_font_urls_and_names_no_old_class() -> None:
    renamed = kc.rename_css(KATEX_CSS, MAPPING)
    assert re.findall(r"url\([^)]*\)", renamed) == re.findall(r"url\([^)]*\)", KATEX_CSS)
    assert not kc.css_classes(renamed) & set(MAPPING)
    assert len(renamed) < len(KATEX_CSS)


def test_a_page_without_math_does_not_load_the_katex_stylesheet() -> None:
    assert "katex.min.css" not in kc.compact(page("<p>no math</p>"), MAPPING)
    assert "katex.min.css" in kc.compact(page(render("x", False)), MAPPING)


@pytest.fixture(scope="module")
def full_css() -> str:
    """katex.min.css as the build renames it (the theme's stylesheets too decide the short names)."""
    from mkdocs.config import load_config

    kc.on_config(load_config(str(ROOT / "mkdocs.yml")))
    return kc.rename_css(kc.FALLBACK_SRC.sub("", KATEX_CSS), kc._state["mapping"])


def test_the_built_stylesheet_keeps_exactly_the_rules_a_page_of_the_build_can_match(
    site_dir: pathlib.Path, full_css: str
) -> None:
    from hooks.notebook_css import NOT, SELECTOR_CLASS, _blocks, _split
    from tests.conftest import html_pages

    def selectors(css: str) -> list[tuple[str, str]]:
        """Each (selector, declarations) of the sheet, in order (an @media's prefixed)."""
        out = []
        for prelude, body in _blocks(css):
            if body is not None and prelude.startswith("@media"):
                out += [(f"{prelude}{{{s}", b) for s, b in selectors(body)]
            elif body is not None and not prelude.startswith("@"):
                out += [(s, body.strip()) for s in _split(prelude, ",")]
        return out

    roots = [p.parents[3] for p in sorted(site_dir.rglob("assets/vendor/katex/katex.min.css"))]
    assert len(roots) == 2  # English and Chinese
    every = selectors(full_css)
    for root in roots:
        used: set[str] = set()
        for page in html_pages(root):
            html = page.read_text(encoding="utf-8")
            if kc.HTML_START in html and (root != site_dir or "zh" not in page.relative_to(root).parts):
                used |= {t for v in re.findall(r'class=(?:"([^"]*)"|([^\s">]+))', html) for t in " ".join(v).split()}
        built = (root / kc.KATEX_CSS).read_text(encoding="utf-8")
        kept = selectors(built)
        matchable = [(s, b) for s, b in every if set(SELECTOR_CLASS.findall(NOT.sub("", s.split("{")[-1]))) <= used]
        assert kept == matchable, (root, [r for r in matchable if r not in kept][:3], [r for r in kept if r not in matchable][:3])
        assert built.count("@font-face") == full_css.count("@font-face") == 20
        assert ".woff)" not in built and ".ttf)" not in built and built.count(".woff2)") == 20
        assert len(built) < 0.5 * len(full_css)


def test_every_built_page_has_compact_math_with_a_rule_for_every_class(
    site_dir: pathlib.Path, full_css: str
) -> None:
    from tests.conftest import html_pages

    FULL_CSS = full_css

    checked = 0
    for built in html_pages(site_dir):
        html = built.read_text(encoding="utf-8")
        link = re.search(r'href="([^"]*assets/vendor/katex/katex\.min\.css)"', html)
        inner = katex_html(html)
        if not inner:
            assert link is None, f"{built}: no math, but katex.min.css is loaded"
            continue
        checked += 1
        css = (built.parent / link.group(1)).read_text(encoding="utf-8")
        # every class katex.min.css styles (the built sheet leaves out rules no page can match)
        defined = kc.css_classes(FULL_CSS) | kc.css_classes("".join(re.findall(r"<style>(.*?)</style>", html)))
        used = {t for v in re.findall(r'class=(?:"([^"]*)"|([^\s">]+))', inner) for t in " ".join(v).split()}
        assert "style=" not in inner, built
        assert used <= defined | kc.KEEP, (built, used - defined - kc.KEEP)
    assert checked > 20
