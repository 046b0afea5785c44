"""The KaTeX fonts of a built site, cut to the characters its math draws (hooks/font_preload.py).

KaTeX's fonts hold every glyph TeX might ask for, of which a page draws a few dozen: a formula-heavy
page loaded ~107 KB of them whole. Each font the math uses is replaced in the built site by a subset
that keeps those glyphs exactly (outlines, widths, hinting, font-wide metrics), plus the spaces and
the glyphs FreeType's auto-hinter measures. Same font and characters, same bytes.
"""

from __future__ import annotations

import io
import pathlib

from fontTools import subset

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


def subset_fonts(
    source: pathlib.Path, target: pathlib.Path, chars: dict[str, set[str]]
) -> list[tuple[int, int]]:
    """Write each ``target / file`` of ``chars`` as the subset of ``source / file`` (KaTeX's whole
    font, not what an earlier build left); returns (bytes before, after) for each."""
    sizes = []
    for file, used in sorted(chars.items()):
        font = (source / file).read_bytes()
        data = subset_font(font, "".join(sorted(used)))
        (target / file).write_bytes(data)
        sizes.append((len(font), len(data)))
    return sizes
