"""hooks/font_preload.py's subsets: the KaTeX fonts of the built site, cut to what its math draws.

The characters each page's math draws with each font are found by the hook's walk; here they
are found again on the built pages (their classes renamed by hooks/katex_compact.py), and every one
of them that KaTeX's own font has must be in the built subset with the same glyph.
"""

from __future__ import annotations

import io
import pathlib

import pytest
from fontTools.ttLib import TTFont

from hooks import font_preload, katex_compact
from hooks.katex import render
from tests.conftest import ROOT, html_pages


FONTS = ROOT / "docs" / "assets" / "vendor" / "katex" / "fonts"
KATEX_CSS = "assets/vendor/katex/katex.min.css"


def font(data: bytes) -> TTFont:
    return TTFont(io.BytesIO(data))


def glyph(f: TTFont, char: str) -> tuple:
    """What a character draws: outline, hinting program, advance width and side bearing."""
    name = f.getBestCmap()[ord(char)]
    g = f["glyf"][name]
    g.expand(f["glyf"])
    program = g.program.getBytecode() if hasattr(g, "program") else b""
    components = [(c.glyphName, c.x, c.y) for c in g.components] if g.isComposite() else []
    coordinates = list(g.getCoordinates(f["glyf"])[0]) if g.numberOfContours else []
    return coordinates, components, program, f["hmtx"][name]


def builds(site: pathlib.Path) -> list[pathlib.Path]:
    """The root of each language's build: its own fonts and katex.min.css."""
    return [p.parent.parent.parent.parent for p in sorted(site.rglob(KATEX_CSS))]


@pytest.fixture(scope="module")
def drawn(site_dir: pathlib.Path) -> dict[pathlib.Path, dict[str, set[str]]]:
    """For each build, each font file -> the characters its pages' math draws with it, found with
    hooks/font_preload.py's rules on the built pages (with the class names they have there)."""
    from mkdocs.config import load_config

    katex_compact.on_config(load_config(str(ROOT / "mkdocs.yml")))
    mapping = katex_compact._state["mapping"]
    rules = {".".join(mapping[c] for c in key.split(".")): rule
             for key, rule in font_preload.RULES.items()}
    out: dict[pathlib.Path, dict[str, set[str]]] = {}
    for root in builds(site_dir):
        found = out.setdefault(root, {})
        for page in html_pages(root):
            if root != site_dir or "zh" not in page.relative_to(root).parts:
                html = page.read_text(encoding="utf-8")
                for file, chars in font_preload.fonts_used(html, rules)[1].items():
                    found.setdefault(file, set()).update(chars)
    assert len(out) == 2, out  # English and Chinese
    return out


def test_every_character_the_sites_math_draws_has_its_glyph_in_the_subset(
    drawn: dict[pathlib.Path, dict[str, set[str]]],
) -> None:
    for root, files in drawn.items():
        assert {"fonts/KaTeX_Main-Regular.woff2", "fonts/KaTeX_Math-Italic.woff2"} <= set(files)
        for file, chars in files.items():
            original = font((FONTS / pathlib.PurePosixPath(file).name).read_bytes())
            built_bytes = (root / KATEX_CSS).parent.joinpath(file).read_bytes()
            built = font(built_bytes)
            has = {c for c in chars | {" "} if ord(c) in original.getBestCmap()}
            assert has, file
            missing = {c for c in has if ord(c) not in built.getBestCmap()}
            assert not missing, (root, file, sorted(missing))
            for c in has:
                assert glyph(built, c) == glyph(original, c), (root, file, c)
            # a subset, not KaTeX's whole font
            assert len(built.getBestCmap()) < len(original.getBestCmap()), file


def test_the_subset_keeps_the_metrics_and_hinting_of_the_font() -> None:
    source = (FONTS / "KaTeX_Main-Regular.woff2").read_bytes()
    original, cut = font(source), font(font_preload.subset_font(source, "x+1=−"))
    assert len(cut.getBestCmap()) < len(original.getBestCmap()) / 2
    for table, fields in {
        "hhea": ("ascent", "descent", "lineGap"),
        "OS/2": ("sTypoAscender", "sTypoDescender", "sTypoLineGap", "usWinAscent", "usWinDescent"),
        "head": ("unitsPerEm", "modified", "created", "flags"),
    }.items():
        for field in fields:
            assert getattr(cut[table], field) == getattr(original[table], field), (table, field)
    for table in ("fpgm", "prep", "cvt ", "gasp"):
        assert cut[table].compile(cut) == original[table].compile(original), table
    for c in "x+1=− ":
        assert glyph(cut, c) == glyph(original, c), c


def test_the_glyphs_freetypes_auto_hinter_measures_are_kept() -> None:
    """Chromium on Linux hints with FreeType's auto-hinter, which measures a script's heights on
    reference glyphs: without them the kept glyphs drew a pixel off here and there."""
    source = (FONTS / "KaTeX_Math-Italic.woff2").read_bytes()
    has = set(map(chr, font(source).getBestCmap()))
    latin = set(font_preload.AUTOHINT_LATIN) & has
    greek = set(font_preload.AUTOHINT_SCRIPTS[0][1]) & has
    assert latin and greek
    only_x = set(map(chr, font(font_preload.subset_font(source, "x")).getBestCmap()))
    assert latin <= only_x and not greek & only_x
    with_alpha = set(map(chr, font(font_preload.subset_font(source, "xα")).getBestCmap()))
    assert latin | greek <= with_alpha


def test_subsetting_is_deterministic() -> None:
    source = (FONTS / "KaTeX_Main-Regular.woff2").read_bytes()
    first = font_preload.subset_font(source, "=+")
    assert font_preload.subset_font(source, "+=") == first
    assert font_preload.subset_font(source, "=++") == first
    assert font_preload.subset_font(source, "=+−") != first


def test_built_fonts_are_the_subsets_of_the_characters_found(
    drawn: dict[pathlib.Path, dict[str, set[str]]],
) -> None:
    """What the build wrote is what ``subset_font`` gives now, builds repeat."""
    for root, files in drawn.items():
        file = "fonts/KaTeX_Main-Regular.woff2"
        source = (FONTS / "KaTeX_Main-Regular.woff2").read_bytes()
        built = (root / KATEX_CSS).parent.joinpath(file).read_bytes()
        assert built == font_preload.subset_font(source, "".join(files[file])), root


def test_math_hidden_on_a_first_visit_still_gets_its_glyphs_but_the_tex_source_does_not() -> None:
    shown, bold = render("x", False, "t"), render(r"\mathbf{W}", False, "t")
    page = f"{shown}<details><summary>More</summary><p>{bold}</p></details>"
    preloaded, glyphs = font_preload.fonts_used(page)
    assert preloaded == font_preload.fonts_used(shown)[0]
    assert glyphs["fonts/KaTeX_Main-Bold.woff2"] == {"W"}
    assert glyphs["fonts/KaTeX_Math-Italic.woff2"] == {"x"}
    # the TeX source (<annotation>) is never drawn: no backslash, no "mathbf"
    assert not any("\\" in chars or "b" in chars for chars in glyphs.values())
